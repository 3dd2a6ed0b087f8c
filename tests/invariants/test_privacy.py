"""Personal data is never echoed: for random valid personnummer (both 10- and 12-digit forms),
names and addresses, no output, log record, warning or exception message of any entry point
(api.evaluate, evaluate_json, cli.main) contains them."""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import primarvard_sdk as ps
from primarvard_sdk import testing as kit
from primarvard_sdk.cli import main
from primarvard_sdk.domain import Person
from primarvard_sdk.personnummer import Personnummer

SDK = ps.default_sdk()
PROGRAMMES = [(r.code, p.code) for r in SDK.regions() for p in r.programmes]


def _with_person(document: Any, number: str, name: str, address: str) -> Any:
    person = ps.structure({"personnummer": number, "namn": name, "adress": address, "referens": "p1"}, Person)
    changes: dict[str, Any] = {}
    for field in ("patient", "person"):
        if hasattr(document, field):
            old = getattr(document, field)
            # the number replaces any birth date, which would have to agree with it
            changes[field] = attrs.evolve(old, personnummer=person.personnummer, fodelsedatum=None, namn=name,
                                          adress=address) if old is not None else person
    if hasattr(document, "personal") and document.personal:
        changes["personal"] = tuple(attrs.evolve(m, namn=name) for m in document.personal)
    return attrs.evolve(document, **changes) if changes else document


def _secrets(number: str, name: str, address: str) -> list[str]:
    return [*kit.personnummer_forms(number), name, address]


def _assert_clean(texts: list[str], secrets: list[str]) -> None:
    for text in texts:
        for secret in secrets:
            assert secret not in text, "personal data echoed"


@pytest.mark.parametrize("type_name", ["Remiss", "Listning", "Vardkontakt", "Vardenhet"])
@given(data=st.data(), number=kit.personnummer_texts(), name=kit.person_names(), address=kit.person_names())
def test_no_entry_point_echoes_personal_data(type_name: str, data: st.DataObject, number: str, name: str,
                                              address: str) -> None:
    document = _with_person(data.draw(kit.documents(type_name)), number, name, address)
    as_of = data.draw(kit.as_of_dates())
    secrets = _secrets(number, name, address)
    texts: list[str] = [repr(document)]
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for region, programme in PROGRAMMES:
                try:
                    texts.append(ps.dumps(ps.evaluate(document, region=region, programme=programme, as_of=as_of)))
                except ps.PrimarvardError as exc:
                    texts.append(str(exc))
                request = {"type": type_name, "region": region, "programme": programme,
                           "as_of": as_of.isoformat(), "document": json.loads(ps.dumps(document))}
                texts.append(json.dumps(ps.evaluate_json(json.dumps(request)), ensure_ascii=False))
        texts.extend(str(w.message) for w in caught)
    finally:
        logging.getLogger().removeHandler(handler)
    texts.extend(r.getMessage() for r in records)
    _assert_clean(texts, secrets)


def _misplaced(number: str, name: str) -> list[dict[str, Any]]:
    """The personal data pasted into the wrong places of a request."""
    base = {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-03-10"}
    return [
        {**base, "document": {"inkom": number}},
        {**base, "document": {"inkom": "2025-03-03", "typ": number}},
        {**base, "document": {"inkom": "2025-03-03", number: 1, name: 2}},
        {**base, number: name, "document": {"inkom": "2025-03-03"}},
        {**base, "document": {"inkom": "2025-03-03", "patient": {"personnummer": number[:-1] + "x"}}},
        {**base, "document": {"inkom": "2025-03-03", "patient": {"personnummer": _bad_check(number)}}},
        {**base, "document": {"inkom": "2025-03-03", "patient": {"namn": 5, "adress": [name]}}},
        {**base, "region": number, "document": {"inkom": "2025-03-03"}},
        {**base, "programme": name, "document": {"inkom": "2025-03-03"}},
        {**base, "rule": number, "document": {"inkom": "2025-03-03"}},
        {**base, "as_of": number, "document": {"inkom": "2025-03-03"}},
        {"type": name, "document": {}},
    ]


def _bad_check(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


@given(number=kit.personnummer_texts(), name=kit.person_names())
def test_errors_never_echo_misplaced_personal_data(number: str, name: str) -> None:
    secrets = [*kit.personnummer_forms(number), name, _bad_check(number)]
    for request in _misplaced(number, name):
        with pytest.raises(ps.PrimarvardError) as info:
            ps.evaluate_json(json.dumps(request))
        _assert_clean([str(info.value), repr(info.value)], secrets)


def test_cli_never_echoes_personal_data(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        caplog: pytest.LogCaptureFixture) -> None:
    number, name = "19121212-1212", "Tolvan Tolvansson"
    good = {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-03-10",
            "document": {"inkom": "2025-03-03", "referens": "r1",
                         "patient": {"personnummer": number, "namn": name, "adress": "Storgatan 1"}}}
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [good, *_misplaced(number, name)]))
    caplog.set_level(logging.DEBUG)
    for fmt in ("json", "text"):
        main(["evaluate", str(source), "--format", fmt])
        out, err = capsys.readouterr()
        _assert_clean([out, err, caplog.text], [*kit.personnummer_forms(number), name, "Storgatan 1"])
        assert "r1" in out


def test_personnummer_repr_is_masked() -> None:
    number = Personnummer.parse("19121212-1212")
    assert "1212" not in repr(number) + str(number)
    assert "1212" not in repr(ps.structure({"personnummer": "19121212-1212"}, Person))
