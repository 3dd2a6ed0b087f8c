"""Sphinx configuration of the primarvard-sdk documentation site."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "primarvard-sdk"
author = "primarvard-sdk contributors"
copyright = "2025, primarvard-sdk contributors"
# The site is built twice: English (``language = "en"``, docs/_build/html) and Swedish
# (``-D language=sv``, docs/_build/html/sv). The Swedish pages are translated with gettext
# catalogs in docs/locale/sv/LC_MESSAGES/*.po (one per top-level section; sphinx-intl updates
# them, Sphinx compiles the .mo); a page without a translation falls back to English.
language = "en"
locale_dirs = ["locale/"]
gettext_compact = True
gettext_uuid = False
gettext_location = True

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "primarvard_docs",
    "primarvard_openapi",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "reference/generated/_fragments", "README.md"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "primarvard-sdk"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["doors.css"]
html_favicon = "_static/favicon.svg"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True}

# The tutorial and how-to examples run under `sphinx-build -b doctest`: they cannot drift.
doctest_global_setup = f"""
import json
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import primarvard_sdk
from primarvard_sdk.plugin import Implementations  # for the docstring example of Implementations

EXAMPLES = Path({str(DOCS / "examples")!r})


def sh(command):
    '''Run a shell command in docs/examples and print its output and exit code.'''
    argv = shlex.split(command)
    if argv[0] == "primarvard":
        argv = [sys.executable, "-m", "primarvard_sdk", *argv[1:]]
    # the CLI's language follows the locale: the pages show its English unless they ask for --lang sv
    env = {{**__import__("os").environ, "LC_ALL": "C.UTF-8"}}
    done = subprocess.run(argv, cwd=EXAMPLES, capture_output=True, text=True, env=env)
    print(done.stdout.strip(chr(10)))
    if done.stderr:
        print(done.stderr.rstrip())
    print(f"[exit code {{done.returncode}}]")
"""
doctest_default_flags = 0x08 | 0x04 | 0x01  # ELLIPSIS | NORMALIZE_WHITESPACE | DONT_ACCEPT_TRUE_FOR_1
