"""The catalogue of hostile inputs every entry point is fed (see test_robustness.py).

Each :class:`Hostile` is the bytes of one input and what must come of it: ``refused`` (a typed
error naming ``path``), ``answered`` (results) or ``either``. Personal data is planted in it: the
identity fields carry :data:`NUMBER`, :data:`NAME` and :data:`ADDRESS`, and a personnummer is
pasted into every other text field of every document type, so no channel may show any of
:data:`MARKERS`.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs

from primarvard_sdk import domain

NUMBER, NAME, ADDRESS = "19121212-1212", "Tolvan Tolvansson", "Storgatan 1, Ankeborg"
MARKERS = ("19121212", "121212-1212", "1212121212", "Tolvan", "Storgatan", "Ankeborg")
PATIENT = {"personnummer": NUMBER, "namn": NAME, "adress": ADDRESS, "referens": "p1"}
BASE = {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-03-10",
        "document": {"referens": "R-1", "inkom": "2025-03-03T09:15:00+01:00", "patient": PATIENT}}


@attrs.frozen
class Hostile:
    name: str
    data: bytes
    expect: str = "refused"  #: refused | answered | either
    path: str | None = None  #: the JSON path a refusal names
    files_only: bool = False  #: answered only where files are read (an array of requests)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _with(**document: Any) -> dict[str, Any]:
    return {**BASE, "document": {**BASE["document"], **document}}


def _syntax() -> Iterator[Hostile]:
    good = _json(BASE)
    yield Hostile("empty", b"", path="$")
    yield Hostile("whitespace", b"  \n\t ", path="$")
    yield Hostile("truncated", good[:-7], path="$")
    yield Hostile("trailing garbage", good + b" }", path="$")
    yield Hostile("not json", b"primarvard", path="$")
    yield Hostile("comment", b"// x\n" + good, path="$")
    yield Hostile("trailing comma", good[:-1] + b",}", path="$")
    yield Hostile("non-utf8", good.replace(b'"R-1"', b'"\xff\xfe"'), path="$")
    yield Hostile("overlong utf-8", good.replace(b'"R-1"', b'"\xc0\xaf"'), path="$")
    yield Hostile("utf-16", json.dumps(BASE).encode("utf-16"), path="$")
    yield Hostile("nan", good.replace(b'"R-1"', b"NaN"), path="$")
    yield Hostile("infinity", good.replace(b'"R-1"', b"-Infinity"), path="$")
    yield Hostile("deep array", b"[" * 100_000, path="$")
    yield Hostile("deep object", b'{"a":' * 50_000, path="$")
    yield Hostile("deep in a field", good.replace(b'"R-1"', b"[" * 900 + b"]" * 900), path="$.document.referens")
    yield Hostile("huge integer literal", good.replace(b'"R-1"', b"9" * 5000), path="$")
    yield Hostile("1e400", _json({"type": "Fordelning", "document": {}}).replace(b"{}", b'{"timmar": 1e400}'),
                  path="$.document.timmar")
    yield Hostile("duplicate key", b'{"type": "Remiss", "type": "Remiss", "document": {}}', path="$")
    yield Hostile("top-level number", b"12", path="$")
    yield Hostile("top-level null", b"null", path="$")
    yield Hostile("top-level string", b'"19121212-1212"', path="$")
    yield Hostile("lone surrogate", good.replace(b'"R-1"', b'"\\ud800"'), path="$.document.referens")
    yield Hostile("lone surrogate key", good.replace(b'"referens"', b'"\\udfff"'), path="$.document")
    yield Hostile("raw control character", good.replace(b'"R-1"', b'"R\x01"'), path="$")
    yield Hostile("bom", b"\xef\xbb\xbf" + good, "answered")
    yield Hostile("pretty-printed", json.dumps(BASE, indent=2).encode(), "answered")
    yield Hostile("pretty-printed, broken", json.dumps(BASE, indent=2).encode()[:-3], path="$")
    yield Hostile("array", _json([BASE, BASE]), "answered", files_only=True)
    yield Hostile("array, unclosed", _json([BASE, BASE])[:-1], path="$")


def _shapes() -> Iterator[Hostile]:
    yield Hostile("document is a string", _json({**BASE, "document": "x"}), path="$.document")
    yield Hostile("list for object", _json(_with(patient=[1])), path="$.document.patient")
    yield Hostile("string for list", _json(_with(kompletteringar="abc")), path="$.document.kompletteringar")
    yield Hostile("object for list", _json(_with(kompletteringar={"begard": "2025-01-01"})), path="$.document.kompletteringar")
    yield Hostile("bool for text", _json(_with(referens=True)), path="$.document.referens")
    yield Hostile("object as type", b'{"type": {"akuttelefon": null}}', path="$.type")
    yield Hostile("unknown type", _json({**BASE, "type": NAME}), path="$.type")
    yield Hostile("unknown field", _json(_with(okand=1)), path="$.document")
    yield Hostile("name as a key", _json(_with(**{NAME: 1, NUMBER: 2})), path="$.document")
    yield Hostile("unknown request field", _json({**BASE, NUMBER: NAME}), path="$")
    yield Hostile("unknown enum", _json(_with(typ=NUMBER)), path="$.document.typ")
    yield Hostile("region is a personnummer", _json({**BASE, "region": NUMBER}), path=None)
    yield Hostile("programme is a name", _json({**BASE, "programme": NAME}), path=None)
    yield Hostile("rule is a personnummer", _json({**BASE, "rule": NUMBER}), path=None)
    yield Hostile("as_of is a personnummer", _json({**BASE, "as_of": NUMBER}), path="$.as_of")
    yield Hostile("missing required", _json({**BASE, "document": {"referens": "R-1"}}), path="$.document.inkom")
    yield Hostile("huge number", _json({"type": "Vardenhet", "document": {"id": "x", "ptp_platser": 10**30}}),
                  path="$.document.ptp_platser")
    yield Hostile("negative count", _json({"type": "Vardenhet", "document": {"id": "x", "ptp_platser": -1}}),
                  path="$.document.ptp_platser")
    yield Hostile("float for int", _json({"type": "Vardenhet", "document": {"id": "x", "ptp_platser": 2.0}}),
                  path="$.document.ptp_platser")


def _days() -> Iterator[Hostile]:
    for name, value in (("naive datetime", "2025-03-03T10:00"), ("29 February", "2025-02-29"),
                        ("month 13", "2025-13-01"), ("hour 24", "2025-03-03T24:30+01:00"),
                        ("year 1", "0001-01-15"), ("year 9999", "9999-12-31T23:59:59+01:00"),
                        ("last day of 2100", "2100-12-31"), ("+2025", "+2025-03-03"),
                        ("full-width digits", "２０２５-０３-０３"), ("a personnummer", NUMBER)):
        yield Hostile(f"inkom: {name}", _json(_with(inkom=value)), path="$.document.inkom")
    yield Hostile("as_of: 2025-04-31", _json({**BASE, "as_of": "2025-04-31"}), path="$.as_of")
    yield Hostile("born after the referral (personnummer)", _json(_with(patient={**PATIENT, "personnummer": "20301212-1236"})),
                  path="$.document.patient.personnummer")
    yield Hostile("born after the referral (birth date)", _json(_with(patient={"namn": NAME, "fodelsedatum": "2099-12-31"})),
                  path="$.document.patient.fodelsedatum")
    yield Hostile("born in year 9999", _json(_with(patient={"namn": NAME, "fodelsedatum": "9999-12-31"})),
                  path="$.document.patient.fodelsedatum")
    yield Hostile("invalid check digit", _json(_with(patient={"personnummer": "19121212-1213"})),
                  path="$.document.patient.personnummer")
    yield Hostile("personnummer of Arabic digits", _json(_with(patient={"personnummer": "١٩١٢١٢١٢-١٢١٢"})),
                  path="$.document.patient.personnummer")


def _planted(cls: type, path: str = "$.document", depth: int = 0) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(path, object of cls)`` with a personnummer in the text field at ``path``, for every
    non-identity text field reachable from ``cls``."""
    if depth > 3:
        return
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        tp = hints[a.name]
        for option in [t for t in typing.get_args(tp) if t is not type(None)] or [tp]:
            many = typing.get_origin(option) is tuple
            inner = typing.get_args(option)[0] if many else option
            where = f"{path}.{a.name}" + ("[0]" if many else "")
            if inner is str and not a.metadata.get("personal"):
                leaf = f"ref {NUMBER}"
                yield where, {**_required(cls), a.name: [leaf] if many else leaf}
            elif attrs.has(inner) and inner.__module__.startswith("primarvard_sdk.domain"):
                for sub, planted in _planted(inner, where, depth + 1):
                    yield sub, {**_required(cls), a.name: [planted] if many else planted}


def _required(cls: type) -> dict[str, Any]:
    """Values for the required fields of ``cls`` (so the planted field is what is wrong)."""
    hints = typing.get_type_hints(cls)
    found: dict[str, Any] = {}
    for a in attrs.fields(cls):
        if a.default is attrs.NOTHING:
            tp = hints[a.name]
            if isinstance(tp, type) and issubclass(tp, Enum):
                found[a.name] = next(iter(tp)).value
            else:
                found[a.name] = {str: "x", bool: True, int: 1, float: 1.0}.get(tp, "2025-03-03")
    return found


def _personal_data() -> Iterator[Hostile]:
    for type_name, cls in domain.DOCUMENT_TYPES.items():
        for path, document in _planted(cls):
            yield Hostile(f"personnummer in {type_name} {path}", _json(
                {"type": type_name, "region": "kalmar", "programme": "halsoval", "as_of": "2025-03-10",
                 "document": document}), path=path)
    yield Hostile("identity where it belongs", _json(BASE), "answered")
    yield Hostile("10-digit personnummer", _json(_with(patient={**PATIENT, "personnummer": "121212-1212"})), "answered")
    yield Hostile("staff names", _json({"type": "Vardenhet", "region": "kalmar", "programme": "halsoval", "as_of": "2025-03-10",
                                        "document": {"id": "e1", "personal": [{"id": "m1", "namn": NAME}]}}), "answered")


def _size_and_terminal() -> Iterator[Hostile]:
    yield Hostile("10,000 invalid list items", _json(_with(kompletteringar=[1] * 10_000)),
                  path="$.document.kompletteringar[0]")
    yield Hostile("100,001 list items", _json(_with(kompletteringar=[{}] * 100_001)), path="$.document.kompletteringar")
    yield Hostile("200,000 unknown keys", _json(_with(**{f"k{i}": 1 for i in range(200_000)})), path="$.document")
    yield Hostile("5 MB reference", _json(_with(referens="x" * 5_000_000)), path="$.document.referens")
    yield Hostile("10,000 staff", _json({"type": "Vardenhet", "region": "kalmar", "programme": "halsoval", "as_of": "2025-06-01",
                                         "document": {"id": "e1", "personal": [{"id": f"m{i}", "yrke": "lakare", "namn": NAME}
                                                                             for i in range(10_000)]}}), "answered")
    yield Hostile("terminal escapes", _json(_with(referens="R1\u001b]0;pwned\u0007\u001b[2J\r\nFAKE LINE  pass\u0000")), "answered")
    yield Hostile("line separators", _json(_with(referens="R\u2028R\u2029R\u0085R")), "answered")
    yield Hostile("bidi override", _json(_with(referens="R\u202eevil\u202c")), "answered")


def catalogue() -> tuple[Hostile, ...]:
    """Every hostile input, in a stable order, with unique names."""
    found = (*_syntax(), *_shapes(), *_days(), *_personal_data(), *_size_and_terminal())
    assert len({h.name for h in found}) == len(found)
    return found
