"""Finding and withholding personal data in text: personnummer anywhere, and a document's own
names and addresses.

A personnummer or samordningsnummer is recognised with any separators between its digits (spaces,
dashes of every kind, ``+``, ``.``, ``/``; ``19121212 1212``, ``121212–1212``, ``1912121212 12``)
when its date is real and its check digit is right (:func:`primarvard_sdk.personnummer.is_valid`).
Input refuses such text outside the identity fields; output replaces it by :data:`REDACTED`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import accumulate

from primarvard_sdk.personnummer import is_valid

__all__ = ["REDACTED", "contains_personnummer", "may_hold_personal_data", "redact", "words"]

REDACTED = "<redacted>"

_SEPARATOR = r"[\s\-+\u2010-\u2015\u2212./]"
# Digits joined by at most two separator characters; the groups are then split into their parts.
_GROUP = re.compile(rf"(?<![0-9])[0-9]+(?:{_SEPARATOR}{{1,2}}[0-9]+)*(?![0-9])")
_PART = re.compile("[0-9]+")
_DATE_RANGE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[\u2013\u2014][0-9]{4}-[0-9]{2}-[0-9]{2}")
_WORD = re.compile(r"\w+")
# Quick supersets of what _spans finds: in text, and in JSON text (where a separator may be escaped).
_TEN_DIGITS = re.compile(rf"(?<![0-9])[0-9](?:{_SEPARATOR}{{0,2}}[0-9]){{9}}")
# In JSON a separator may be escaped (\n, \t, ...): anything but digits, quotes and the letters no
# escape uses; \u00XX escapes are rare and always looked at closely.
_TEN_DIGITS_IN_JSON = re.compile(r'(?<![0-9])[0-9](?:[^0-9A-Zac-eg-mo-qsu-z"]{0,4}[0-9]){9}')


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` holds a valid personnummer: contiguous runs of digit parts that together
    have exactly 10 or 12 digits. Linear in the text."""
    for group in _GROUP.finditer(text):
        found = group.group()
        parts = list(_PART.finditer(found))
        digits = "".join(m.group() for m in parts)
        ends = list(accumulate(len(m.group()) for m in parts))
        last_part = {end: i for i, end in enumerate(ends)}  # digits so far → the part it ends
        for first, begin in enumerate([0, *ends[:-1]]):
            for size in (10, 12):
                last = last_part.get(begin + size)
                if last is not None and _valid(digits[begin : begin + size]):
                    start = group.start() + parts[first].start()
                    if _DATE_RANGE.match(text, start):
                        continue  # "2025-06-02–2025-06-08" is a range of ISO dates, not an identity
                    yield start, group.start() + parts[last].end()


@functools.lru_cache(maxsize=4096)
def _valid(digits: str) -> bool:
    # A cheap first look (month, day or day + 60, issued serial) before the full check.
    ten = digits[-10:]
    month, day = int(ten[2:4]), int(ten[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and ten[6:9] != "000" and is_valid(digits)


def contains_personnummer(text: str) -> bool:
    """True when ``text`` holds a valid personnummer or samordningsnummer, however separated
    (full-width and other compatibility digits count too)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _TEN_DIGITS.search(text) is not None and next(_spans(text), None) is not None


def words(texts: Iterable[str]) -> frozenset[str]:
    """The words of names and addresses (three characters or more, case-folded): what
    :func:`redact` withholds besides personnummer."""
    return frozenset(w.casefold() for t in texts for w in _WORD.findall(t) if len(w) >= 3)


def may_hold_personal_data(json_text: str, personal: frozenset[str] = frozenset()) -> bool:
    """A quick look at JSON text that is never wrong when it says no: ten digits close together,
    or one of the ``personal`` words somewhere."""
    if "\\u00" in json_text or _TEN_DIGITS_IN_JSON.search(json_text):
        return True
    if personal:
        folded = json_text.casefold()
        return any(word in folded for word in personal)
    return False


def redact(text: str, personal: frozenset[str] = frozenset()) -> str:
    """``text`` with every personnummer and every word in ``personal`` replaced by :data:`REDACTED`."""
    spans = list(_spans(text)) if _TEN_DIGITS.search(text) else []
    if spans:
        pieces, at = [], 0
        for start, end in spans:
            if start >= at:
                pieces += [text[at:start], REDACTED]
                at = end
        text = "".join(pieces) + text[at:]
    if personal:
        folded = text.casefold()
        if any(word in folded for word in personal):  # the cheap look first: most texts hold none
            text = _WORD.sub(lambda m: REDACTED if m.group().casefold() in personal else m.group(), text)
    return text
