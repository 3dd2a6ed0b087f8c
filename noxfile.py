"""Sessions: tests, docs, lint, typecheck, bench (``nox -s NAME``)."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True

PLUGINS = ["plugins/kalmar", "plugins/varmland", "plugins/vasterbotten"]
PYTHON = "3.11"


#: The exact versions CI installs (reproducible runs); tests_latest ignores it.
CONSTRAINTS = ("-c", "constraints.txt")


def install_project(session: nox.Session, *extras: str, constraints: tuple[str, ...] = CONSTRAINTS) -> None:
    """The core (with extras) and the three region plugins, editable."""
    spec = f".[{','.join(extras)}]" if extras else "."
    session.install(*constraints, "-e", spec, *[arg for p in PLUGINS for arg in ("-e", p)])


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The full test suite: unit tests per rule, conformance, invariants, hostile input."""
    install_project(session, "test")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def tests_latest(session: nox.Session) -> None:
    """The test suite against the newest versions the dependency bounds allow (run it on a
    schedule: it says early when a new release breaks something)."""
    install_project(session, "test", constraints=("--upgrade", "--upgrade-strategy", "eager"))
    session.run("pip", "list", "--format", "freeze")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """The fuzz target: CI-sized by default (120 s); nightly: ``nox -s fuzz -- --seconds 3600``.
    Coverage-guided with atheris where it installs, else hypothesis."""
    install_project(session, "test")
    session.run("python", "-m", "pip", "install", "-q", *CONSTRAINTS, "atheris>=3,<4", success_codes=[0, 1])
    session.run("python", "tests/fuzz/fuzz_json.py", *(session.posargs or ["--seconds", "120"]))


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    session.install(*CONSTRAINTS, "ruff>=0.6")
    session.run("ruff", "check", "src", "plugins", "tests", "noxfile.py")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    install_project(session, "test")
    session.install(*CONSTRAINTS, "mypy>=1.10", "types-PyYAML", "types-jsonschema")
    session.run("mypy", "src/primarvard_sdk", *[f"{p}/src" for p in PLUGINS])


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site in English and Swedish with warnings as errors, run its
    examples as doctests, check its public text, then check both builds in a headless browser.

    Needs Chromium for the browser check (Debian/Ubuntu: ``sudo apt-get install chromium``; or set
    ``CHROMIUM`` to a Chromium or Chrome executable). The English site is ``docs/_build/html``,
    the Swedish one ``docs/_build/html/sv`` (translations: ``docs/locale/sv/LC_MESSAGES/*.po``)."""
    import os
    import shutil

    candidates = (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
    if not any(name and shutil.which(name) for name in candidates):
        session.error(
            "the docs session needs Chromium for its browser check, and none was found. Install it "
            "(Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM to a Chromium or Chrome "
            "executable, then run nox -s docs again (see docs/howto/contributing.md)"
        )
    install_project(session, "docs")
    html = "docs/_build/html"
    for language, out in (("en", html), ("sv", f"{html}/sv")):
        session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "-D", f"language={language}",
                    "-d", f"docs/_build/doctrees/{language}", "docs", out)
    session.run("sphinx-build", "-W", "-b", "doctest", "-d", "docs/_build/doctrees/doctest", "docs",
                "docs/_build/doctest")
    # The Swedish pages are also under the English root; the second run reads the Swedish search index.
    session.run("python", "docs/check_public_text.py", html)
    session.run("python", "docs/check_public_text.py", f"{html}/sv")
    session.run("python", "docs/browser_check.py", html)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks: every figure beside its reference, as a table and as JSON."""
    install_project(session, "bench")
    session.run("python", "-m", "benchmarks", *session.posargs)
    # The HTTP service on loopback (2 workers) beside the same work in-process and a CLI spawn.
    session.run("python", "-m", "benchmarks.service")
