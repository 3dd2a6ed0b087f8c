"""The command line's language: gettext catalogues managed with Babel.

The CLI's messages are written in English in the source and marked for translation:
``t.gettext("...")``, ``t.ngettext("%(n)s rule", "%(n)s rules", n)`` for plurals and
``t.pgettext("outcome", "pass")`` where one English word has several Swedish ones. ``t`` is the
catalogue of the chosen language (:func:`translations`): English is the source text itself
(no catalogue), Swedish is ``locale/sv/LC_MESSAGES/primarvard.mo``, loaded with
:class:`babel.support.Translations`.

The catalogue files live in the package (``src/primarvard_sdk/locale``): the template
``primarvard.pot``, the Swedish ``sv/LC_MESSAGES/primarvard.po`` and its compiled
``primarvard.mo``. The ``.mo`` is committed (so a plain ``pip install`` of a clone, editable or
not, needs no build step); ``tests/test_cli_language.py`` fails when it is not what the ``.po``
compiles to, or when a marked message has no Swedish. After changing or adding a message, from the
repository root::

    pybabel extract -F babel.cfg -o src/primarvard_sdk/locale/primarvard.pot --project primarvard-sdk \\
        --copyright-holder "primarvard-sdk developers" --no-location --sort-output .
    pybabel update -i src/primarvard_sdk/locale/primarvard.pot -d src/primarvard_sdk/locale \\
        -D primarvard --no-fuzzy-matching
    # translate the new (empty) entries in sv/LC_MESSAGES/primarvard.po, then
    pybabel compile -d src/primarvard_sdk/locale -D primarvard

(``pybabel init -i src/primarvard_sdk/locale/primarvard.pot -d src/primarvard_sdk/locale
-D primarvard -l LANG`` starts a further language; add it to :data:`LANGUAGES`.)

The default language follows the locale as POSIX defines it: the first of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` that is set and not empty; Swedish when it starts with ``sv``
(``sv_SE.UTF-8``, ``sv_FI``), else English. ``--lang`` overrides it.

What is not translated here: rule explanations carry their own ``sv`` and ``en`` texts (the rules
write both), and machine-readable output (JSON, JSON Lines, CSV headers and outcome codes, error
record keys) is the same in every language.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

__all__ = [
    "DOMAIN", "LANGUAGES", "LOCALE_DIR", "argparse_language", "default_language", "language_in",
    "number", "translations",
]

#: The languages the CLI speaks; the first is the source language of the messages.
LANGUAGES = ("en", "sv")
#: The gettext domain: ``locale/<lang>/LC_MESSAGES/primarvard.mo``.
DOMAIN = "primarvard"
LOCALE_DIR = Path(__file__).parent / "locale"


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """``sv`` when the locale's messages category is Swedish, else ``en``.

    The category is the first non-empty one of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (so
    ``LC_ALL=C`` wins over ``LANG=sv_SE.UTF-8``, as it does for every other program).
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def language_in(argv: Sequence[str]) -> str | None:
    """The language an argument list asks for (``--lang sv`` or ``--lang=sv``), if any.

    Read before the arguments are parsed, so that help and usage errors are already in it.
    """
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in LANGUAGES:
            found = value
    return found


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang``: English (the source text) needs none."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    if lang == LANGUAGES[0]:
        return gettext.NullTranslations()
    from babel.support import Translations  # only when a translation is used: start-up stays lean

    return Translations.load(LOCALE_DIR, [lang], DOMAIN)


def number(n: int, lang: str) -> str:
    """A count as the language writes it: ``1,054`` in English, ``1 054`` (no-break space) in
    Swedish."""
    if lang == "en":
        return f"{n:,}"
    from babel.numbers import format_decimal

    return format_decimal(n, locale=lang)


# argparse writes its own words (``usage:``, ``options``, its error messages) through
# ``gettext``. They are marked here so that extraction puts them in our catalogue; the msgids are
# Python 3.11's, and a later Python's changed wording simply stays English.
def N_(message: str) -> str:
    return message


ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)


@contextlib.contextmanager
def argparse_language(t: gettext.NullTranslations) -> Iterator[None]:
    """argparse's own words from ``t`` while a parser is built and used (restored afterwards).

    argparse looks its words up through the module names ``_`` and ``ngettext``, as the Python
    documentation's "How to translate the argparse output" describes; they are swapped for the
    duration only, so an embedding program's argparse is left as it was.
    """
    namespace = vars(argparse)
    saved = namespace["_"], namespace["ngettext"]
    namespace["_"], namespace["ngettext"] = t.gettext, t.ngettext
    try:
        yield
    finally:
        namespace["_"], namespace["ngettext"] = saved
