"""The vectorised twins of vasterbotten.halsoval agree with their rule functions, row by row.

listning.far_ej_neka has no twin: whether a refusal is lawful is what five other listing rules
decide on the same listing. tillganglighet.e_tjanst_svarstid is a shape (one statement, both
evaluations derived by the core).

tests/test_batch_agreement.py draws documents that do not fill every field these twins read
(decisions, collective listing, earlier changes, filials, home care, vaccination, risk groups), so
here: hand-built documents at the edges (protected person, missing fields, 16th birthday the day
before / on the listing day) and random documents that fill every field the twins read.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
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

LISTNING_TWINS = [
    "vasterbotten.halsoval.listning.skyddade_personuppgifter",
    "vasterbotten.halsoval.listning.eget_val_alder",
    "vasterbotten.halsoval.listning.kollektiv_listning",
    "vasterbotten.halsoval.listning.max_byten",
    "vasterbotten.halsoval.listning.filial",
    "vasterbotten.halsoval.listning.nyfodda",
    "vasterbotten.halsoval.listning.listningstak",
    "vasterbotten.halsoval.listning.listningsstopp",
]
VARDKONTAKT_TWINS = [
    "vasterbotten.halsoval.vardkontakt.hemsjukvard_barn",
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


def test_all_twins_are_registered() -> None:
    for rule_id in LISTNING_TWINS + VARDKONTAKT_TWINS:
        twin, _ = SDK.vectorised(rule_id)
        assert twin is not None, rule_id


# --- hand-built listings ------------------------------------------------------------------------

PROTECTED = {"skyddade_personuppgifter": True, "folkbokford_i_sverige": True, "fodelsedatum": _birthday(30)}
PERSON = {"skyddade_personuppgifter": False, "folkbokford_i_sverige": True, "fodelsedatum": _birthday(30),
          "folkbokford_lan": "vasterbotten"}

LISTNINGAR: list[dict[str, Any]] = [
    # protected person: every rule but skyddade_personuppgifter is not_applicable
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "valt_av": "personen", "person": PROTECTED,
     "enhet_ar_filial": True, "kollektiv_listning_kravd": True, "tidigare_byten": []},
    # no person / protection unknown
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "valt_av": "personen"},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "person": {"folkbokford_i_sverige": True},
     "enhet_ar_filial": True, "enhet_huvudmottagning": "hc_a"},
    # 16th birthday the day after / on the listing day
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "valt_av": "personen",
     "person": dict(PERSON, fodelsedatum=_birthday(16, 1))},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "valt_av": "personen",
     "person": dict(PERSON, fodelsedatum=_birthday(16))},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "valt_av": "vardnadshavare",
     "person": dict(PERSON, fodelsedatum=_birthday(16, 1))},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "valt_av": "vardnadshavare",
     "person": dict(PERSON, fodelsedatum=_birthday(16))},
    # missing fields
    {"valtyp": "aktivt_val", "valt_av": "personen", "person": PERSON, "tidigare_byten": []},
    {"datum": DAY.isoformat(), "person": PERSON, "kollektiv_listning_kravd": False},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "person": {"skyddade_personuppgifter": False}},
    # refusals: unlawful, lawful, by a unit in another region
    {"person": PERSON, "beslut": {"utfall": "avvisad", "skal": ["listning"]}},
    {"person": PERSON, "beslut": {"utfall": "avvisad", "skal": ["listningstak", "annat"]}},
    {"person": PERSON, "beslut": {"utfall": "avvisad"}},
    {"person": dict(PERSON, folkbokford_lan="stockholm"), "beslut": {"utfall": "accepterad"}},
    {"person": dict(PERSON, folkbokford_i_sverige=False)},
    # collective listing
    {"person": PERSON, "kollektiv_listning_kravd": False, "formaner_erbjudna": True},
    {"person": PERSON, "kollektiv_listning_kravd": False, "formaner_erbjudna": False},
    {"person": PERSON, "formaner_erbjudna": False},
    # changes in the calendar year
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "person": PERSON,
     "tidigare_byten": ["2025-01-10", "2024-12-31", "2025-06-03"]},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "person": PERSON,
     "tidigare_byten": ["2025-01-10", "2025-06-02"], "sarskilda_skal": []},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "person": PERSON,
     "tidigare_byten": ["2025-01-10", "2025-03-02"], "sarskilda_skal": ["byte_av_bostadsort", "annat"]},
    {"datum": DAY.isoformat(), "valtyp": "aktivt_val", "person": PERSON,
     "tidigare_byten": ["2025-01-10", "2025-03-02"], "sarskilda_skal": ["annat"]},
    # filials and newborns
    {"valtyp": "ickeval", "person": PERSON},
    {"valtyp": "aktivt_val", "person": PERSON, "enhet_ar_filial": False},
    {"valtyp": "aktivt_val", "person": PERSON, "enhet_ar_filial": True},
    {"valtyp": "nyfodd", "person": PERSON, "vardnadshavares_enhet": "hc_b"},
    {"valtyp": "nyfodd", "person": PERSON, "vardnadshavares_enhet": "hc_b", "enhet_id": "hc_c"},
    {"valtyp": "nyfodd", "person": PERSON},
    # listing cap and stop
    {"valtyp": "inflyttad", "person": PERSON, "listningslage": {"tak": 10, "listade": 11}},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"tak": 10, "listade": 10}},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"tak": 10, "listade": 11}},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"tak": 10, "listade": 11},
     "boende_sarskilt_boende": True, "datum": DAY.isoformat()},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"tak": 10, "listade": 11},
     "boende_sarskilt_boende": False, "datum": DAY.isoformat()},
    {"person": PERSON, "listningslage": {"tak": 10, "listade": 11}, "boende_sarskilt_boende": False},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"listade": 11}},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"tak": 10}},
    {"valtyp": "aktivt_val", "person": PERSON, "datum": DAY.isoformat(),
     "listningslage": {"stopp": {"fran": "2025-03-02", "till": "2025-06-02"}}},
    {"valtyp": "aktivt_val", "person": PERSON, "datum": DAY.isoformat(),
     "listningslage": {"stopp": {"fran": "2025-03-01", "till": "2025-06-02"}}},
    {"valtyp": "aktivt_val", "person": PERSON, "datum": DAY.isoformat(),
     "listningslage": {"stopp": {"fran": "2025-02-28"}}},
    {"person": PERSON, "datum": DAY.isoformat(), "listningslage": {"stopp": {"fran": "2025-06-01"}}},
    {"valtyp": "aktivt_val", "person": PERSON, "listningslage": {"stopp": {"fran": "2025-06-01"}}},
]


@pytest.mark.parametrize("rule_id", LISTNING_TWINS)
def test_listning_twins_agree_on_hand_built_documents(rule_id: str) -> None:
    result = _agree(rule_id, LISTNINGAR, "Listning")
    protected = result.row(0)
    if rule_id.endswith("skyddade_personuppgifter"):
        assert protected["outcome"] is Outcome.fail
        assert protected["values"]["decision"] == "reject"
    else:
        assert protected["outcome"] is Outcome.not_applicable


def test_boundary_ages_and_protected_person() -> None:
    result = _agree("vasterbotten.halsoval.listning.eget_val_alder", LISTNINGAR, "Listning")
    assert [result.row(i)["outcome"] for i in (3, 4, 5, 6)] == [Outcome.fail, Outcome.passed, Outcome.passed, Outcome.fail]
    assert [result.row(i)["values"]["age"] for i in (3, 4)] == [15, 16]
    kollektiv = _agree("vasterbotten.halsoval.listning.kollektiv_listning", LISTNINGAR, "Listning")
    assert kollektiv.missing(1) == ("$.kollektiv_listning_kravd", "$.formaner_erbjudna")
    byten = _agree("vasterbotten.halsoval.listning.max_byten", LISTNINGAR, "Listning")
    assert [byten.row(i)["values"]["decision"] for i in (18, 19, 20, 21)] == ["accept", "reject", "accept", "route"]


def test_listing_days_outside_the_rulebook() -> None:
    """The listing day picks the edition: rows dated 2024 are outside the 2025 rulebook, alike for
    the twin and the rule function, whatever the evaluation day."""
    before = [dict(d, datum="2024-12-31") if "datum" in d else d for d in LISTNINGAR]
    for rule_id in LISTNING_TWINS:
        result = _agree(rule_id, before, "Listning", as_of=date(2025, 6, 1))
        assert result.row(3)["outcome"] is Outcome.not_applicable


# --- hand-built care contacts -------------------------------------------------------------------

VACC = {"typ": "vaccination", "vaccin": "influensa", "kontakt": DAY.isoformat()}
VARDKONTAKTER: list[dict[str, Any]] = [
    {"typ": "hemsjukvard", "sokte": DAY.isoformat(), "patient": {"fodelsedatum": _birthday(18, 1)}},
    {"typ": "hemsjukvard", "sokte": DAY.isoformat(), "patient": {"fodelsedatum": _birthday(18)}},
    {"typ": "hemsjukvard", "sokte": "2025-06-01T23:30:00+00:00", "patient": {"fodelsedatum": _birthday(18)}},
    {"typ": "hemsjukvard", "kontakt": DAY.isoformat(), "patient": {"fodelsedatum": "2020-01-01"}},
    {"typ": "hemsjukvard", "sokte": DAY.isoformat(), "patient": {}},
    {"typ": "hemsjukvard", "sokte": DAY.isoformat()},
    {"typ": "besok", "sokte": DAY.isoformat(), "kontakt": DAY.isoformat(), "patient": {"fodelsedatum": "2020-01-01"}},
    {"sokte": DAY.isoformat(), "kontakt": DAY.isoformat(), "patient": {"fodelsedatum": "2020-01-01"}},
    {**VACC, "riskgrupp": False, "patient": {"fodelsedatum": _birthday(65, 1)}},
    {**VACC, "patient": {"fodelsedatum": _birthday(65)}},
    {**VACC, "riskgrupp": True, "patient": {"fodelsedatum": _birthday(64)}},
    {**VACC, "riskgrupp": False, "patient": {"fodelsedatum": _birthday(64)}},
    {**VACC, "riskgrupp": True, "patient": {}},
    {**VACC, "patient": {}},
    {**VACC, "patient": {"skyddade_personuppgifter": True, "fodelsedatum": "1950-01-01"}},
    {**VACC, "patient": {"personnummer": "121212-1212"}},
    {**VACC, "vaccin": "pneumokocker", "patient": {"personnummer": "191212121212"}},
    {**VACC, "vaccin": "allmant_vaccinationsprogram", "riskgrupp": False, "patient": {"fodelsedatum": "2021-03-01"}},
    {"typ": "vaccination", "kontakt": DAY.isoformat(), "riskgrupp": False, "patient": {"fodelsedatum": "2021-03-01"}},
    {"typ": "vaccination", "vaccin": "influensa", "sokte": DAY.isoformat(), "patient": {"fodelsedatum": "1950-01-01"}},
]


@pytest.mark.parametrize("rule_id", VARDKONTAKT_TWINS)
def test_vardkontakt_twins_agree_on_hand_built_documents(rule_id: str) -> None:
    result = _agree(rule_id, VARDKONTAKTER, "Vardkontakt")
    if rule_id.endswith("hemsjukvard_barn"):
        # row 2: 23:30 UTC on 1 June is 2 June in Stockholm, the 18th birthday
        assert [result.row(i)["outcome"] for i in (0, 1, 2)] == [Outcome.passed, Outcome.fail, Outcome.fail]
    else:
        assert [result.row(i)["outcome"] for i in (8, 9)] == [Outcome.fail, Outcome.passed]
        assert result.missing(13) == ("$.patient.fodelsedatum", "$.riskgrupp")
        # the general programme is outside the rule; an unnamed vaccine is unknown, never a rejection
        assert result.row(17)["outcome"] is Outcome.not_applicable
        assert result.missing(18) == ("$.vaccin",)
        assert result.missing(19) == ("$.kontakt",)


# --- random documents filling every field the twins read ----------------------------------------

day_st = st.dates(date(2024, 11, 1), date(2026, 2, 1))


def _maybe(draw: Any, value: Any) -> Any:
    return value if draw(st.integers(0, 4)) else None


@st.composite
def listning(draw: Any) -> dict[str, Any]:
    day = draw(day_st)
    fields: dict[str, Any] = {
        "datum": day.isoformat(),
        "valtyp": draw(st.sampled_from(["aktivt_val", "ickeval", "nyfodd", "inflyttad"])),
        "valt_av": draw(st.sampled_from(["personen", "vardnadshavare", "ombud"])),
        "kollektiv_listning_kravd": draw(st.booleans()),
        "formaner_erbjudna": draw(st.booleans()),
        "tidigare_byten": [(day + timedelta(days=k)).isoformat()
                           for k in draw(st.lists(st.integers(-400, 30), max_size=4))],
        "sarskilda_skal": draw(st.lists(st.sampled_from(["byte_av_bostadsort", "medicinska_skal", "annat"]),
                                        max_size=2)),
        "beslut": {"utfall": draw(st.sampled_from(["accepterad", "avvisad", "ko"])),
                   "skal": draw(st.lists(st.sampled_from(["listning", "listningstak", "filial", "annat"]),
                                         max_size=2))},
        "enhet_ar_filial": draw(st.booleans()),
        "enhet_huvudmottagning": draw(st.sampled_from(["hc_a", "hc_b"])),
        "vardnadshavares_enhet": draw(st.sampled_from(["hc_a", "hc_b"])),
        "boende_sarskilt_boende": draw(st.booleans()),
        "listningslage": {k: v for k, v in (
            ("tak", draw(st.integers(0, 3))), ("listade", draw(st.integers(0, 4))),
            ("stopp", {"fran": (day - timedelta(days=draw(st.integers(-10, 120)))).isoformat(),
                       **({"till": (day + timedelta(days=draw(st.integers(-30, 60)))).isoformat()}
                          if draw(st.booleans()) else {})}),
        ) if draw(st.integers(0, 3))},
        "enhet_id": draw(st.sampled_from(["hc_a", "hc_b"])),
        "person": {
            "fodelsedatum": (day - timedelta(days=draw(st.integers(0, 30 * 366)))).isoformat(),
            "folkbokford_i_sverige": draw(st.booleans()),
            "skyddade_personuppgifter": draw(st.booleans()),
            "folkbokford_lan": draw(st.sampled_from(["vasterbotten", "stockholm"])),
        },
    }
    person = {k: v for k, v in fields.pop("person").items() if _maybe(draw, v) is not None}
    doc = {k: v for k, v in fields.items() if _maybe(draw, v) is not None}
    if draw(st.integers(0, 9)):
        doc["person"] = person
    return doc


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


@pytest.mark.parametrize("rule_id", LISTNING_TWINS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_listning_twins_agree_on_random_documents(rule_id: str, data: Any) -> None:
    raw = data.draw(st.lists(listning(), min_size=1, max_size=30))
    _agree(rule_id, raw, "Listning", as_of=data.draw(day_st))


@pytest.mark.parametrize("rule_id", VARDKONTAKT_TWINS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_vardkontakt_twins_agree_on_random_documents(rule_id: str, data: Any) -> None:
    raw = data.draw(st.lists(vardkontakt(), min_size=1, max_size=30))
    _agree(rule_id, raw, "Vardkontakt", as_of=data.draw(day_st))
