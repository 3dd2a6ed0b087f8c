"""The strategies of primarvard_sdk.testing: valid documents are valid, near-valid ones are
rejected at exactly the broken path, and documents survive JSON → schema → structure → JSON."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from primarvard_sdk import InvalidDocument, domain, dumps, parse_document
from primarvard_sdk import testing as kit
from primarvard_sdk.personnummer import Personnummer
from primarvard_sdk.schema import validator_for

TYPES = list(domain.DOCUMENT_TYPES)


@pytest.mark.parametrize("type_name", TYPES)
@given(data=st.data())
def test_documents_round_trip(type_name: str, data: st.DataObject) -> None:
    document = data.draw(kit.documents(type_name))
    text = dumps(document)
    assert not list(validator_for(type_name).iter_errors(json.loads(text)))
    again = parse_document(json.loads(text), type_name)
    assert dumps(again) == text  # (object equality: Python never equates a fold-ambiguous time across zones)


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith((b + ".", b + "["))


@pytest.mark.parametrize("type_name", TYPES)
@given(data=st.data())
def test_near_valid_documents_name_the_broken_path(type_name: str, data: st.DataObject) -> None:
    broken, path = data.draw(kit.near_valid_json(type_name))
    with pytest.raises(InvalidDocument) as info:
        parse_document(broken, type_name)
    paths = [e.path for e in info.value.errors]
    assert any(_related(p, path) for p in paths), (path, paths)
    assert all(_related(p, path) or _related(path, p) for p in paths), (path, paths)


@given(kit.personnummer_texts())
def test_personnummer_are_valid_in_every_form(text: str) -> None:
    Personnummer.parse(text)
    forms = kit.personnummer_forms(text)
    assert len(set(forms)) == 5
    reference = date(int(forms[0][:4]) + 50, 6, 30)  # the person is 50: every form means the same
    assert all(Personnummer.parse(f).canonical(reference) == forms[0] for f in forms if "+" not in f)


@given(kit.datetimes())
def test_datetimes_are_aware_and_exist(value: datetime) -> None:
    assert value.utcoffset() is not None
    assert 2000 <= value.year <= 2099 or value.year in (1999, 2100)
    assert dumps(value).endswith(('+01:00"', '+02:00"', '+00:00"'))


@given(kit.dates())
def test_dates_in_range(value: date) -> None:
    assert date(2000, 1, 1) <= value <= date(2099, 12, 31)


@given(data=st.data())
def test_transformations(data: st.DataObject) -> None:
    document = data.draw(kit.documents("Vardenhet"))
    paths = kit.removable_paths(document)
    stripped = kit.remove(document, paths)
    assert kit.removable_paths(stripped) == []
    for path in paths:
        assert kit.resolve(stripped, path) is None
    assert kit.shift_dates(kit.shift_dates(document, 30), -30) == document or any(
        isinstance(v, datetime) for v in json.loads(dumps(document)).values()
    )
