"""Check the built documentation site in a real headless browser.

Usage: ``python docs/browser_check.py BUILD_DIR`` (the nox ``docs`` session runs it on
``docs/_build/html``).

Serves BUILD_DIR on 127.0.0.1 (a random port), opens the home page, every region page, every
"what changed" page and the comparison page in headless Chromium, and fails when a page logs a
console error, throws, fails to load a resource, when a rule id of the installed plugins
(``primarvard_sdk.rules()``) is missing from the region pages, when no region page shows worked
examples, when the comparison shows raw JSON or a cut value, when a search for a rule id does not
land on that rule, or when the rule's permanent address ``rules/<id>/`` does not forward to it.

The Swedish build (``BUILD_DIR/sv``, built with ``-D language=sv``) is checked too: its home
page, tutorial, explanation pages, comparison and every region page load without errors, in
Swedish (``<html lang="sv">``, the translated words), with every rule id and the Swedish heading
of the worked examples; a search for a rule id lands on that rule there as well; and the
language switch of every checked page, in both builds, goes to the same page in the other
language, which loads in that language. Chromium is driven over the DevTools protocol through
``--remote-debugging-pipe`` (file descriptors 3 and 4), so no extra Python package is needed.

Exit codes: 0 all checks passed, 1 a check failed, 2 the browser could not be run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_TIMEOUT = 30.0  # seconds for one page to load
SETTLE = 0.5  # seconds to wait after the load event for late errors


#: Said when no browser is found (the nox docs session says the same before it builds).
NO_CHROMIUM = ("browser_check: no Chromium found. The site's browser check opens the built pages in "
               "headless Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set "
               "CHROMIUM to a Chromium or Chrome executable.")


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    return None


def chromium() -> str:
    found = find_chromium()
    if found is None:
        raise SystemExit(NO_CHROMIUM)
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Browser:
    """Headless Chromium over the DevTools protocol on a pipe (NUL-separated JSON messages)."""

    def __init__(self, executable: str, profile: str) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands from fd 3 and writes replies and events to fd 4. The child maps
        # the pipe ends there (close_fds=False: every other descriptor is close-on-exec).
        self._proc = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=functools.partial(_map_fds, to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.send("Browser.close", timeout=5)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def _read_message(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self._from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None,
             timeout: float = PAGE_TIMEOUT) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = PAGE_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        seen = len(self.events)
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return
            seen = len(self.events)
            self.events.append(self._read_message(deadline))

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read_message(deadline))
        except TimeoutError:
            pass


def _map_fds(to_browser_r: int, from_browser_w: int) -> None:
    import fcntl

    # Move both ends above 4 first, so that neither is overwritten by the other's dup2.
    high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
    high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
    os.dup2(high_r, 3)
    os.dup2(high_w, 4)


def _problems(events: list[dict[str, Any]], session: str) -> list[str]:
    found = []
    for event in events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            found.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            found.append(f"uncaught exception: {details.get('exception', {}).get('description') or details.get('text')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            found.append(f"{entry.get('source')} error: {entry.get('text')} {entry.get('url', '')}".rstrip())
    return found


def visit(browser: Browser, url: str, wait: str | None = None) -> tuple[str, list[str]]:
    """Open ``url`` in a fresh tab: its visible text and every error it logged. With ``wait`` (a
    JavaScript expression), poll it until it gives a non-empty string and return that as the text
    (for what a page does after loading: the search, a forwarding page)."""
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.send(f"{domain}.enable", session=session)
    start = len(browser.events)
    answer = browser.send("Page.navigate", {"url": url}, session=session)
    problems = []
    if answer.get("errorText"):
        problems.append(f"navigation failed: {answer['errorText']}")
    else:
        browser.wait_for("Page.loadEventFired", session)
        browser.drain(SETTLE)
    text = browser.send(
        "Runtime.evaluate",
        {"expression": "document.body ? document.body.innerText : ''", "returnByValue": True},
        session=session,
    )["result"].get("value", "")
    if wait is not None:
        deadline, text = time.monotonic() + PAGE_TIMEOUT / 3, ""
        while not text and time.monotonic() < deadline:
            browser.drain(0.25)
            with contextlib.suppress(RuntimeError, TimeoutError):
                text = browser.send("Runtime.evaluate", {"expression": wait, "returnByValue": True},
                                    session=session)["result"].get("value") or ""
        if not text:
            problems.append(f"nothing came of {wait!r}")
    status = browser.send(
        "Runtime.evaluate",
        {"expression": "document.title", "returnByValue": True},
        session=session,
    )["result"].get("value", "")
    problems += _problems(browser.events[start:], session)
    if "404" in status or not text.strip():
        problems.append(f"page is empty or missing (title {status!r})")
    browser.send("Target.closeTarget", {"targetId": target})
    return text, problems


#: The first result of the site's search, as "<href>" (Sphinx fills #search-results after load).
SEARCH_FIRST = "(() => { const a = document.querySelector('#search-results li a'); return a ? a.href : ''; })()"
#: What the language checks read of a page: its language, where its language switch points
#: (resolved by the browser) and where it is.
PAGE_FACTS = ("JSON.stringify({lang: document.documentElement.lang, path: location.pathname, "
              "switch: (document.querySelector('.language-switch-link') || {}).href || ''})")
#: Where a forwarding page has landed.
LANDED = "(location.href.indexOf('/rules/') < 0 ? location.href : '')"


def _rule_id_checks(root: Path, rule: Any, prefixes: tuple[str, ...] = ("",)) -> list[str]:
    """A search for a rule id lands on that rule; ``rules/<id>/`` forwards to it (in the build
    under each prefix: "" the English root, "sv/" the Swedish build)."""
    from docutils.nodes import make_id

    failures: list[str] = []
    page = f"reference/generated/regions/{rule.region}-{rule.programme}.html"
    with tempfile.TemporaryDirectory(prefix="primarvard-chromium-") as profile:
        browser = Browser(chromium(), profile)
        server, base = serve(root)
        try:
            for prefix in prefixes:
                found, problems = visit(browser, f"{base}{prefix}search.html?q={rule.id}", wait=SEARCH_FIRST)
                print(f"searched {prefix or 'en/'} for {rule.id}: first result {found or 'none'}")
                failures += [f"{prefix}search.html: {p}" for p in problems]
                if f"/{prefix}{page}" not in found or "#" not in found:
                    failures.append(f"{prefix}search for {rule.id}: the first result is not the rule ({found!r})")
                landed, problems = visit(browser, f"{base}{prefix}rules/{rule.id}/index.html", wait=LANDED)
                print(f"{prefix}rules/{rule.id}/ forwards to {landed or 'nowhere'}")
                failures += [f"{prefix}rules/{rule.id}/: {p}" for p in problems]
                if not landed.endswith(f"/{prefix}{page}#{make_id(rule.id)}"):
                    failures.append(f"{prefix}rules/{rule.id}/ does not forward to the rule ({landed!r})")
        finally:
            browser.close()
            server.shutdown()
    return failures


#: The Swedish build's folder, and words its translated pages must show (the page, a phrase).
SWEDISH = "sv/"
SWEDISH_WORDS = {
    "index.html": "Hitta en regel",
    "tutorial/index.html": "Handledning",
    "explanation/results.html": "Vad ett resultat betyder",
    "explanation/calendar.html": "Vad en vardag är",
}


def _language_checks(root: Path, pages: list[str]) -> list[str]:
    """Each page's language switch, in both builds, goes to the same page in the other language,
    and that page loads in that language without errors."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="primarvard-chromium-") as profile:
        browser = Browser(chromium(), profile)
        server, base = serve(root)
        root_path = "/"
        try:
            for page in pages:
                for here, there, lang_here, lang_there in (("", SWEDISH, "en", "sv"), (SWEDISH, "", "sv", "en")):
                    raw, problems = visit(browser, base + here + page, wait=PAGE_FACTS)
                    failures += [f"{here}{page}: {p}" for p in problems]
                    facts = json.loads(raw or "{}")
                    if facts.get("lang") != lang_here:
                        failures.append(f"{here}{page}: <html lang> is {facts.get('lang')!r}, not {lang_here!r}")
                    target = facts.get("switch", "")
                    if not target.startswith(base) or target[len(base) - 1:] != f"{root_path}{there}{page}":
                        failures.append(f"{here}{page}: the language switch goes to {target!r}, "
                                        f"not to {there}{page}")
                        continue
                    raw, problems = visit(browser, target, wait=PAGE_FACTS)
                    failures += [f"{there}{page} (from the switch): {p}" for p in problems]
                    landed = json.loads(raw or "{}")
                    if landed.get("lang") != lang_there:
                        failures.append(f"{there}{page}: the switch target is in {landed.get('lang')!r}, "
                                        f"not {lang_there!r}")
                    print(f"language switch {here or 'en/'}{page} → {there or 'en/'}{page}: "
                          f"{landed.get('lang')}, {len(problems)} problem(s)")
        finally:
            browser.close()
            server.shutdown()
    return failures


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = Path(argv[1])
    if not (root / "index.html").is_file():
        print(f"browser_check: {root}/index.html not found: build the site first", file=sys.stderr)
        return 2

    import primarvard_sdk

    failures: list[str] = []
    sdk = primarvard_sdk.default_sdk()
    rules = []
    region_pages = []
    for region in sdk.regions():
        for programme in region.programmes:
            region_pages.append(f"reference/generated/regions/{region.code}-{programme.code}.html")
            try:
                rules += sdk.rules(region.code, programme.code)
            except primarvard_sdk.PrimarvardError as exc:
                failures.append(f"{region.code}.{programme.code}: cannot load its rules: {exc}")
    failures += [f"plugin {f.distribution}: {f.message}" for f in sdk.failures]
    pages = ["index.html", "comparison.html"]
    pages += region_pages
    pages += [p.replace("/regions/", "/changes/") for p in region_pages]
    swedish = (root / SWEDISH / "index.html").is_file()
    if swedish:
        pages += [SWEDISH + p for p in ["index.html", "tutorial/index.html", "explanation/results.html",
                                        "explanation/calendar.html", "explanation/unclear-texts.html",
                                        "comparison.html", *region_pages]]
    else:
        failures.append(f"the Swedish build {root / SWEDISH} is missing (sphinx-build -D language=sv)")
    expected = {r.id: f"reference/generated/regions/{r.region}-{r.programme}.html" for r in rules}

    if find_chromium() is None:
        print(NO_CHROMIUM, file=sys.stderr)
        return 2
    texts: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="primarvard-chromium-") as profile:
        # Start the browser before the server thread: preexec_fn is only safe without threads.
        try:
            browser = Browser(chromium(), profile)
            version = browser.send("Browser.getVersion", timeout=60)["product"]
        except (OSError, RuntimeError, TimeoutError) as exc:
            print(f"browser_check: cannot run chromium: {exc}", file=sys.stderr)
            return 2
        print(f"browser_check: {version}, serving {root} on 127.0.0.1")
        server, base = serve(root)
        try:
            try:
                for page in pages:
                    text, problems = visit(browser, base + page)
                    texts[page] = text
                    status = "ok" if not problems else f"{len(problems)} problem(s)"
                    print(f"checked {page}: {len(text)} characters of text, console {status}")
                    failures += [f"{page}: {p}" for p in problems]
            finally:
                browser.close()
        finally:
            server.shutdown()

    missing = [rid for rid, page in sorted(expected.items()) if rid not in texts.get(page, "")]
    if swedish:
        missing += [rid for rid, page in sorted(expected.items()) if rid not in texts.get(SWEDISH + page, "")]
    for rid in missing:
        failures.append(f"rule {rid} is missing from {expected[rid]}")
    print(f"checked {len(expected)} rule ids of the installed plugins on {len(region_pages)} region pages: "
          f"{len(expected) - len(missing)} found")
    if "comparison.html" in texts and "Bilagor" not in texts["comparison.html"]:
        failures.append("comparison.html: the annex table is missing")
    comparison = texts.get("comparison.html", "")
    raw = [m for m in ('["', '{"', '":', "…") if m in comparison]
    if raw:
        failures.append(f"comparison.html: raw JSON or a cut value in the text ({', '.join(raw)})")
    if not any("Exempel / Examples" in texts.get(page, "") for page in region_pages):
        failures.append("no region page shows a rule's worked examples")
    if swedish:
        if not any("Exempel (testsviten" in texts.get(SWEDISH + page, "") for page in region_pages):
            failures.append("no Swedish region page shows a rule's worked examples under its Swedish heading")
        for page, words in SWEDISH_WORDS.items():
            if words not in texts.get(SWEDISH + page, ""):
                failures.append(f"{SWEDISH}{page}: not translated (no {words!r})")
        failures += _language_checks(root, ["index.html", "tutorial/index.html", "explanation/calendar.html",
                                            "howto/embed.html", "search.html", *region_pages[:1]])
    if rules:
        failures += _rule_id_checks(root, next((r for r in rules if r.id.count(".") == 3), rules[0]),
                                    ("", SWEDISH) if swedish else ("",))
    for failure in failures:
        print(f"FAIL {failure}")
    print("browser check: " + ("passed" if not failures else f"{len(failures)} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
