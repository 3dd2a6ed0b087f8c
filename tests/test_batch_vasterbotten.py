"""The columnar evaluations of vasterbotten.halsoval agree with the rule functions, row by row.

Only rules stated once as shapes have a columnar evaluation: the home-care age range
(vardkontakt.hemsjukvard_barn) and the e-service answer deadline (tillganglighet.e_tjanst_svarstid).
The listing rules and vaccination_65 are decision chains a shape does not state; they are one
hand-written function each, with no twin that could restate them and drift.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from primarvard_sdk import batch
from primarvard_sdk.documents import parse_document
from primarvard_sdk.host import Sdk
from primarvard_sdk.model import Outcome

SDK = Sdk()
VALUES = ("due", "age", "decision", "route", "assigned", "changes_in_year", "year", "required",
          "refused_by_unit", "other_region", "listing_record", "declared", "stop_from", "stop_until",
          "stop_max_until", "stop_valid")

SHAPED = [
    "vasterbotten.halsoval.vardkontakt.hemsjukvard_barn",
    "vasterbotten.halsoval.tillganglighet.e_tjanst_svarstid",
]
HAND_WRITTEN = [
    "vasterbotten.halsoval.listning.skyddade_personuppgifter",
    "vasterbotten.halsoval.listning.eget_val_alder",
    "vasterbotten.halsoval.listning.kollektiv_listning",
    "vasterbotten.halsoval.listning.max_byten",
    "vasterbotten.halsoval.listning.filial",
    "vasterbotten.halsoval.listning.nyfodda",
    "vasterbotten.halsoval.listning.listningstak",
    "vasterbotten.halsoval.listning.listningsstopp",
    "vasterbotten.halsoval.listning.far_ej_neka",
    "vasterbotten.halsoval.vardkontakt.vaccination_65",
]
AS_OF = date(2025, 6, 2)
DAY = date(2025, 6, 2)


def _birthday(years: int, shift: int = 0) -> str:
    """The birth date of someone whose ``years``-th birthday is ``DAY + shift``."""
    return (date(DAY.year - years, DAY.month, DAY.day) + timedelta(days=shift)).isoformat()


def _agree(rule_id: str, raw: list[dict[str, Any]], type_name: str, as_of: date = AS_OF) -> batch.BatchResult:
    documents = [parse_document(d, type_name) for d in raw]
    problems = batch.agreement(SDK, rule_id, documents, as_of=as_of, values=VALUES)
    assert not problems, problems[:5]
    twin, _ = SDK.vectorised(rule_id)
    assert twin is not None
    return SDK.evaluate_columns(rule_id, batch.columns_from_documents(twin, documents), as_of=as_of)


def test_only_shaped_rules_have_a_columnar_evaluation() -> None:
    for rule_id in SHAPED:
        twin, _ = SDK.vectorised(rule_id)
        assert twin is not None, rule_id
    for rule_id in HAND_WRITTEN:
        twin, _ = SDK.vectorised(rule_id)
        assert twin is None, rule_id


# --- hand-built care contacts -------------------------------------------------------------------

VARDKONTAKTER: list[dict[str, Any]] = [
    {"typ": "hemsjukvard", "sokte": DAY.isoformat(), "patient": {"fodelsedatum": _birthday(18, 1)}},
    {"typ": "hemsjukvard", "sokte": DAY.isoformat(), "patient": {"fodelsedatum": _birthday(18)}},
    {"typ": "hemsjukvard", "sokte": "2025-06-01T23:30:00+00:00", "patient": {"fodelsedatum": _birthday(18)}},
    {"typ": "hemsjukvard", "kontakt": DAY.isoformat(), "patient": {"fodelsedatum": "2020-01-01"}},
    {"typ": "hemsjukvard", "sokte": DAY.isoformat(), "patient": {}},
    {"typ": "hemsjukvard", "sokte": DAY.isoformat()},
    {"typ": "besok", "sokte": DAY.isoformat(), "kontakt": DAY.isoformat(), "patient": {"fodelsedatum": "2020-01-01"}},
    {"sokte": DAY.isoformat(), "kontakt": DAY.isoformat(), "patient": {"fodelsedatum": "2020-01-01"}},
]


def test_home_care_ages_agree_on_hand_built_documents() -> None:
    result = _agree("vasterbotten.halsoval.vardkontakt.hemsjukvard_barn", VARDKONTAKTER, "Vardkontakt")
    # row 2: 23:30 UTC on 1 June is 2 June in Stockholm, the 18th birthday ("mellan 0 - 17 år")
    assert [result.row(i)["outcome"] for i in (0, 1, 2)] == [Outcome.passed, Outcome.fail, Outcome.fail]
    assert result.missing(3) == ("$.sokte",)
    assert result.missing(4) == ("$.patient.fodelsedatum", "$.patient.personnummer")
    assert result.missing(5) == ("$.patient",)
    assert result.row(6)["outcome"] is Outcome.not_applicable
    assert result.missing(7) == ("$.typ",)


# --- random documents filling every field the twins read ----------------------------------------

day_st = st.dates(date(2024, 11, 1), date(2026, 2, 1))


def _maybe(draw: Any, value: Any) -> Any:
    return value if draw(st.integers(0, 4)) else None


@st.composite
def vardkontakt(draw: Any) -> dict[str, Any]:
    day = draw(day_st)
    fields: dict[str, Any] = {
        "typ": draw(st.sampled_from(["hemsjukvard", "vaccination", "besok"])),
        "sokte": day.isoformat(),
        "kontakt": draw(st.sampled_from([day.isoformat(), f"{day.isoformat()}T23:30:00+00:00"])),
        "riskgrupp": draw(st.booleans()),
        "vaccin": draw(st.sampled_from(["influensa", "pneumokocker", "allmant_vaccinationsprogram"])),
    }
    doc = {k: v for k, v in fields.items() if _maybe(draw, v) is not None}
    if draw(st.integers(0, 9)):
        doc["patient"] = {}
        if draw(st.integers(0, 5)):
            doc["patient"]["fodelsedatum"] = (day - timedelta(days=draw(st.integers(0, 90 * 366)))).isoformat()
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_home_care_ages_agree_on_random_documents(data: Any) -> None:
    raw = data.draw(st.lists(vardkontakt(), min_size=1, max_size=30))
    _agree("vasterbotten.halsoval.vardkontakt.hemsjukvard_barn", raw, "Vardkontakt", as_of=data.draw(day_st))
