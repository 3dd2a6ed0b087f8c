"""vasterbotten.halsoval: every rule, with expected values computed by hand from the source text
(004_a9651fc42b91a24f.txt, Uppdrag och regler 2025) and SPEC.md's calendar policy."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import primarvard_sdk as ps

REGION, PROGRAMME = "vasterbotten", "halsoval"
PREFIX = "vasterbotten.halsoval."


def ev(type_name: str, document: dict[str, Any], rule: str, as_of: date = date(2025, 6, 2)) -> ps.Result:
    """Parse ``document`` through the public JSON path and evaluate one rule."""
    doc = ps.parse_document(document, type_name)
    (result,) = ps.evaluate(doc, region=REGION, programme=PROGRAMME, as_of=as_of, rule=PREFIX + rule)
    return result


def full_week(opens: str = "08:00", closes: str = "17:00") -> list[dict[str, str]]:
    return [{"dag": d, "fran": opens, "till": closes} for d in ("mon", "tue", "wed", "thu", "fri")]


def person(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "fodelsedatum": "1980-05-05",
        "folkbokford_i_sverige": True,
        "folkbokford_lan": "vasterbotten",
        "nyckelkodsomrade": "NK3",
        "skyddade_personuppgifter": False,
    }
    base.update(extra)
    return base


def test_all_32_rules_are_there() -> None:
    rules = ps.rules(REGION, PROGRAMME)
    assert len(rules) == 32
    assert all(r.id.startswith(PREFIX) for r in rules)


# --- tillganglighet.oppettider ----------------------------------------------------------------


def test_oppettider_full_week_passes() -> None:
    assert ev("Tillganglighet", {"oppettider": full_week()}, "tillganglighet.oppettider").outcome.value == "pass"


def test_oppettider_split_day_without_gap_passes() -> None:
    week = [*full_week()[:4], {"dag": "fri", "fran": "08:00", "till": "12:00"}, {"dag": "fri", "fran": "12:00", "till": "17:00"}]
    assert ev("Tillganglighet", {"oppettider": week}, "tillganglighet.oppettider").outcome.value == "pass"


def test_oppettider_lunch_gap_and_early_close_fail() -> None:
    week = [*full_week()[:3], {"dag": "thu", "fran": "08:00", "till": "12:00"}, {"dag": "thu", "fran": "13:00", "till": "17:00"}, {"dag": "fri", "fran": "08:00", "till": "16:59"}]
    r = ev("Tillganglighet", {"oppettider": week}, "tillganglighet.oppettider")
    assert r.outcome.value == "fail"
    assert r.values["days_not_covered"] == ["thu", "fri"]


def test_oppettider_missing_is_indeterminate() -> None:
    r = ev("Tillganglighet", {}, "tillganglighet.oppettider")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.oppettider",)


# --- tillganglighet.e_tjanst_svarstid ----------------------------------------------------------


@pytest.mark.parametrize(
    ("arrived", "due"),
    [
        ("2025-06-02", date(2025, 6, 5)),  # plain week: Tue, Wed, Thu
        ("2025-04-17", date(2025, 4, 24)),  # skärtorsdag: långfredag, påsk, annandag påsk skipped
        ("2025-12-19", date(2025, 12, 29)),  # julafton (eve), juldagen, annandag jul skipped
        ("2025-12-29", date(2026, 1, 5)),  # nyårsafton, nyårsdagen skipped; 5 Jan is a Monday
        ("2025-06-18", date(2025, 6, 24)),  # midsommarafton Fri 20 June skipped
        ("2025-06-07", date(2025, 6, 11)),  # Saturday arrival: Mon, Tue, Wed
        ("2025-05-30", date(2025, 6, 4)),  # Friday after Kristi himmelsfärd
        ("2025-06-18T23:30:00+02:00", date(2025, 6, 24)),  # late evening, still 18 June locally
        ("2025-06-18T22:30:00+00:00", date(2025, 6, 25)),  # 00:30 on 19 June in Stockholm
        ("2025-10-26T01:30:00+00:00", date(2025, 10, 29)),  # DST end night: 02:30 CET, Sunday
        ("2025-03-30T01:30:00+00:00", date(2025, 4, 2)),  # DST start day: 03:30 CEST, Sunday
    ],
)
def test_e_tjanst_due_day(arrived: str, due: date) -> None:
    r = ev("Etjanstearende", {"inkom": arrived}, "tillganglighet.e_tjanst_svarstid", as_of=date(2025, 1, 1))
    assert r.values["due"] == due
    assert r.outcome.value == "open"


def test_e_tjanst_answered_late_on_the_due_day_is_met() -> None:
    r = ev("Etjanstearende", {"inkom": "2025-12-19", "besvarad": "2025-12-29T23:59:00+01:00"},
           "tillganglighet.e_tjanst_svarstid")
    assert r.outcome.value == "met"


def test_e_tjanst_answered_the_day_after_is_missed() -> None:
    r = ev("Etjanstearende", {"inkom": "2025-12-19", "besvarad": "2025-12-30"}, "tillganglighet.e_tjanst_svarstid")
    assert r.outcome.value == "missed"


def test_e_tjanst_unanswered_open_on_due_day_missed_after() -> None:
    doc = {"inkom": "2025-04-17"}
    assert ev("Etjanstearende", doc, "tillganglighet.e_tjanst_svarstid", as_of=date(2025, 4, 24)).outcome.value == "open"
    assert ev("Etjanstearende", doc, "tillganglighet.e_tjanst_svarstid", as_of=date(2025, 4, 25)).outcome.value == "missed"


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
def test_e_tjanst_due_is_always_a_vardag_three_vardagar_later(arrived: date) -> None:
    from primarvard_sdk import calendar

    due = ev("Etjanstearende", {"inkom": arrived.isoformat()}, "tillganglighet.e_tjanst_svarstid").values["due"]
    assert calendar.is_vardag(due)
    assert calendar.vardagar_between(arrived, due) == 3


# --- tillganglighet.e_tjanster -----------------------------------------------------------------

BASUTBUD = ["bestall_tid", "av_omboka_tid", "fornya_recept", "fornya_hjalpmedel", "forlang_sjukskrivning",
            "bestall_journalkopia", "kontakta_mig"]


def test_e_tjanster_full_offer_passes() -> None:
    assert ev("Tillganglighet", {"e_tjanster": [*BASUTBUD, "extra"]}, "tillganglighet.e_tjanster").outcome.value == "pass"


def test_e_tjanster_missing_service_fails() -> None:
    r = ev("Tillganglighet", {"e_tjanster": BASUTBUD[:-1]}, "tillganglighet.e_tjanster")
    assert r.outcome.value == "fail" and r.values["missing_services"] == ["kontakta_mig"]


def test_e_tjanster_absent_is_indeterminate() -> None:
    assert ev("Tillganglighet", {}, "tillganglighet.e_tjanster").missing == ("$.e_tjanster",)


# --- tillganglighet.begransat_oppethallande ----------------------------------------------------


def test_begransat_referral_to_other_halsocentral_passes() -> None:
    doc = {"avvikande_dagar": [{"datum": "2025-09-12", "oppettider": [], "hanvisning": ["annan_halsocentral", "1177"]}]}
    assert ev("Tillganglighet", doc, "tillganglighet.begransat_oppethallande").outcome.value == "pass"


def test_begransat_referral_only_to_1177_fails() -> None:
    doc = {"avvikande_dagar": [
        {"datum": "2025-09-12", "oppettider": [{"fran": "08:00", "till": "12:00"}], "hanvisning": ["1177"]},
        {"datum": "2025-09-15", "hanvisning": ["annan_halsocentral"]},
    ]}
    r = ev("Tillganglighet", doc, "tillganglighet.begransat_oppethallande")
    assert r.outcome.value == "fail" and r.values["days_without_referral"] == [date(2025, 9, 12)]
    assert "1177" in r.explanation.en


def test_begransat_no_weekday_deviation_is_not_applicable() -> None:
    doc = {"avvikande_dagar": [{"datum": "2025-09-13", "hanvisning": []}]}  # a Saturday
    assert ev("Tillganglighet", doc, "tillganglighet.begransat_oppethallande").outcome.value == "not_applicable"


# --- uppfoljning.utbudsbegransning -------------------------------------------------------------


def test_utbud_two_weekdays_are_single_days() -> None:
    doc = {"utbudsbegransningar": [{"fran": "2025-06-02", "till": "2025-06-03"}]}
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "pass" and r.values["declared"] == 2


def test_utbud_national_day_and_weekend_do_not_count() -> None:
    # Thu 5 June, Fri 6 June (nationaldagen), Sat, Sun, Mon 9 June: 2 vardagar.
    doc = {"utbudsbegransningar": [{"fran": "2025-06-05", "till": "2025-06-09"}]}
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "pass" and r.values["declared"] == 2


def test_utbud_three_weekdays_warn() -> None:
    doc = {"utbudsbegransningar": [{"fran": "2025-06-02", "till": "2025-06-04"}]}
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "warning" and r.values["declared"] == 3


def test_utbud_open_ended_within_limit_is_indeterminate() -> None:
    doc = {"utbudsbegransningar": [{"fran": "2025-06-02"}]}
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning", as_of=date(2025, 6, 3))
    assert r.outcome.value == "indeterminate" and r.missing == ("$.utbudsbegransningar[0].till",)
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning", as_of=date(2025, 6, 4))
    assert r.outcome.value == "warning"


def test_utbud_none_declared_passes() -> None:
    assert ev("Tillganglighet", {}, "uppfoljning.utbudsbegransning").outcome.value == "pass"


# --- vardkontakt.ej_listade --------------------------------------------------------------------


def test_ej_listade_listed_is_not_applicable() -> None:
    assert ev("Vardkontakt", {"listad_vid_enheten": True}, "vardkontakt.ej_listade").outcome.value == "not_applicable"


@pytest.mark.parametrize(
    ("patient", "extra", "decision", "terms"),
    [
        ({"vistelsestatus": "asylsokande"}, {}, "accept", "som_bosatta"),
        ({"vistelsestatus": "papperslos"}, {}, "accept", "som_bosatta"),
        ({"vistelsestatus": "eu_ees"}, {}, "accept", "nodvandig_vard"),
        ({"vistelsestatus": "utlandsk"}, {}, "accept", "nodvandig_vard"),
        ({"skyddade_personuppgifter": True}, {}, "accept", "som_listade"),
        ({"folkbokford_i_sverige": True}, {"tillfalligt_behov": True}, "accept", "tillfalligt_eller_omedelbart"),
        ({"vistelsestatus": "folkbokford"}, {"tillfalligt_behov": False, "kan_ej_vanta": True}, "accept",
         "tillfalligt_eller_omedelbart"),
    ],
)
def test_ej_listade_accepted(patient: dict[str, Any], extra: dict[str, Any], decision: str, terms: str) -> None:
    r = ev("Vardkontakt", {"listad_vid_enheten": False, "patient": patient, **extra}, "vardkontakt.ej_listade")
    assert r.outcome.value == "pass" and r.values["decision"] == decision and r.values["terms"] == terms


def test_ej_listade_lasting_need_is_routed() -> None:
    doc = {"listad_vid_enheten": False, "patient": {"vistelsestatus": "folkbokford"},
           "tillfalligt_behov": False, "kan_ej_vanta": False}
    r = ev("Vardkontakt", doc, "vardkontakt.ej_listade")
    assert r.outcome.value == "warning" and r.values["route"] == "vald_halsocentral"


def test_ej_listade_unknown_need_is_indeterminate() -> None:
    doc = {"listad_vid_enheten": False, "patient": {"vistelsestatus": "folkbokford"}}
    r = ev("Vardkontakt", doc, "vardkontakt.ej_listade")
    assert r.missing == ("$.tillfalligt_behov", "$.kan_ej_vanta")


# --- vardkontakt.hemsjukvard_barn --------------------------------------------------------------


def test_hemsjukvard_day_before_18th_birthday_accepted() -> None:
    doc = {"typ": "hemsjukvard", "patient": {"fodelsedatum": "2007-06-15"}, "sokte": "2025-06-14"}
    r = ev("Vardkontakt", doc, "vardkontakt.hemsjukvard_barn")
    assert r.outcome.value == "pass" and r.values["age"] == 17


def test_hemsjukvard_on_18th_birthday_rejected() -> None:
    doc = {"typ": "hemsjukvard", "patient": {"fodelsedatum": "2007-06-15"}, "sokte": "2025-06-15T08:00:00+02:00"}
    r = ev("Vardkontakt", doc, "vardkontakt.hemsjukvard_barn")
    assert r.outcome.value == "fail" and r.values["age"] == 18


def test_hemsjukvard_newborn_accepted_and_other_type_not_applicable() -> None:
    doc = {"typ": "hemsjukvard", "patient": {"fodelsedatum": "2025-06-01"}, "sokte": "2025-06-01"}
    assert ev("Vardkontakt", doc, "vardkontakt.hemsjukvard_barn").values["age"] == 0
    assert ev("Vardkontakt", {"typ": "besok"}, "vardkontakt.hemsjukvard_barn").outcome.value == "not_applicable"


def test_hemsjukvard_birth_date_missing() -> None:
    r = ev("Vardkontakt", {"typ": "hemsjukvard", "patient": {}}, "vardkontakt.hemsjukvard_barn")
    assert r.missing == ("$.patient.fodelsedatum",)


# --- vardkontakt.vaccination_65 ----------------------------------------------------------------


def test_vaccination_day_before_65th_birthday_not_in_risk_group_rejected() -> None:
    doc = {"typ": "vaccination", "patient": {"fodelsedatum": "1960-03-10"}, "sokte": "2025-03-09", "riskgrupp": False}
    r = ev("Vardkontakt", doc, "vardkontakt.vaccination_65")
    assert r.outcome.value == "fail" and r.values["age"] == 64


def test_vaccination_on_65th_birthday_accepted() -> None:
    doc = {"typ": "vaccination", "patient": {"fodelsedatum": "1960-03-10"}, "sokte": "2025-03-10"}
    r = ev("Vardkontakt", doc, "vardkontakt.vaccination_65")
    assert r.outcome.value == "pass" and r.values["age"] == 65


def test_vaccination_risk_group_any_age_and_unknown_risk_indeterminate() -> None:
    young = {"typ": "vaccination", "patient": {"fodelsedatum": "1990-01-01"}, "sokte": "2025-10-01"}
    assert ev("Vardkontakt", {**young, "riskgrupp": True}, "vardkontakt.vaccination_65").outcome.value == "pass"
    assert ev("Vardkontakt", young, "vardkontakt.vaccination_65").missing == ("$.riskgrupp",)


# --- listning.skyddade_personuppgifter ---------------------------------------------------------


def test_skyddade_rejected_and_not_protected_accepted() -> None:
    r = ev("Listning", {"person": person(skyddade_personuppgifter=True)}, "listning.skyddade_personuppgifter")
    assert r.outcome.value == "fail" and r.values["decision"] == "reject" and r.values["listing_record"] is False
    r = ev("Listning", {"person": person()}, "listning.skyddade_personuppgifter")
    assert r.outcome.value == "pass"
    r = ev("Listning", {"person": person(skyddade_personuppgifter=None)}, "listning.skyddade_personuppgifter")
    assert r.missing == ("$.person.skyddade_personuppgifter",)


# --- listning.eget_val_alder -------------------------------------------------------------------


def _choice(day: str, by: str = "personen", **p: Any) -> dict[str, Any]:
    return {"valtyp": "aktivt_val", "valt_av": by, "datum": day, "person": person(fodelsedatum="2009-06-15", **p)}


def test_eget_val_day_before_16th_birthday_rejected() -> None:
    r = ev("Listning", _choice("2025-06-14"), "listning.eget_val_alder")
    assert r.outcome.value == "fail" and r.values["age"] == 15


def test_eget_val_on_16th_birthday_accepted() -> None:
    r = ev("Listning", _choice("2025-06-15"), "listning.eget_val_alder")
    assert r.outcome.value == "pass" and r.values["age"] == 16


def test_eget_val_guardian_for_child_and_not_registered() -> None:
    assert ev("Listning", _choice("2025-06-14", "vardnadshavare"), "listning.eget_val_alder").outcome.value == "pass"
    assert ev("Listning", _choice("2025-06-15", "vardnadshavare"), "listning.eget_val_alder").outcome.value == "fail"
    assert ev("Listning", _choice("2025-06-15", "ombud"), "listning.eget_val_alder").outcome.value == "pass"
    r = ev("Listning", _choice("2025-06-15", folkbokford_i_sverige=False), "listning.eget_val_alder")
    assert r.outcome.value == "fail"


def test_eget_val_non_choice_not_applicable_and_missing_date() -> None:
    assert ev("Listning", {"valtyp": "ickeval"}, "listning.eget_val_alder").outcome.value == "not_applicable"
    r = ev("Listning", {"valtyp": "aktivt_val", "valt_av": "personen", "person": person()}, "listning.eget_val_alder")
    assert r.missing == ("$.datum",)


# --- listning.far_ej_neka ----------------------------------------------------------------------


def test_far_ej_neka_other_region_accepted() -> None:
    r = ev("Listning", {"person": person(folkbokford_lan="stockholm")}, "listning.far_ej_neka")
    assert r.outcome.value == "pass" and r.values["other_region"] is True


def test_far_ej_neka_refusal_fails_unless_cap() -> None:
    refused = {"person": person(), "beslut": {"utfall": "avvisad", "skal": ["annan_kommun"]}}
    assert ev("Listning", refused, "listning.far_ej_neka").outcome.value == "fail"
    capped = {"person": person(), "beslut": {"utfall": "avvisad", "skal": ["listningstak"]}}
    assert ev("Listning", capped, "listning.far_ej_neka").outcome.value == "pass"


def test_far_ej_neka_unregistered_not_applicable() -> None:
    r = ev("Listning", {"person": person(folkbokford_i_sverige=False)}, "listning.far_ej_neka")
    assert r.outcome.value == "not_applicable"


# --- listning.max_byten ------------------------------------------------------------------------


def _byte(day: str, earlier: list[str] | None, reasons: list[str] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"valtyp": "aktivt_val", "datum": day, "person": person()}
    if earlier is not None:
        doc["tidigare_byten"] = earlier
    if reasons:
        doc["sarskilda_skal"] = reasons
    return doc


def test_max_byten_third_change_in_calendar_year_rejected() -> None:
    r = ev("Listning", _byte("2025-09-10", ["2025-02-01", "2025-05-01"]), "listning.max_byten")
    assert r.outcome.value == "fail" and r.values["changes_in_year"] == 3


def test_max_byten_changes_last_year_do_not_count() -> None:
    # Rolling 12 months would give 3; the calendar-year reading gives 1.
    r = ev("Listning", _byte("2025-01-02", ["2024-10-01", "2024-12-31"]), "listning.max_byten")
    assert r.outcome.value == "pass" and r.values["changes_in_year"] == 1


def test_max_byten_second_change_accepted() -> None:
    r = ev("Listning", _byte("2025-09-10", ["2024-12-20", "2025-05-01"]), "listning.max_byten")
    assert r.outcome.value == "pass" and r.values["changes_in_year"] == 2


def test_max_byten_special_reasons() -> None:
    doc = _byte("2025-09-10", ["2025-02-01", "2025-05-01"], ["byte_av_bostadsort"])
    assert ev("Listning", doc, "listning.max_byten").outcome.value == "pass"
    doc = _byte("2025-09-10", ["2025-02-01", "2025-05-01"], ["annat_skal"])
    r = ev("Listning", doc, "listning.max_byten")
    assert r.outcome.value == "warning" and r.values["route"] == "regionens_provning"


def test_max_byten_unknown_history_is_indeterminate() -> None:
    assert ev("Listning", _byte("2025-09-10", None), "listning.max_byten").missing == ("$.tidigare_byten",)


def test_max_byten_order_of_earlier_changes_does_not_matter() -> None:
    days = ["2025-02-01", "2025-05-01", "2024-03-03"]
    results = {ev("Listning", _byte("2025-09-10", list(p)), "listning.max_byten").outcome for p in itertools.permutations(days)}
    assert results == {ps.Outcome.fail}


# --- listning.kollektiv_listning ---------------------------------------------------------------


def test_kollektiv() -> None:
    ok = {"person": person(), "kollektiv_listning_kravd": False, "formaner_erbjudna": False}
    assert ev("Listning", ok, "listning.kollektiv_listning").outcome.value == "pass"
    assert ev("Listning", {**ok, "formaner_erbjudna": True}, "listning.kollektiv_listning").outcome.value == "fail"
    assert ev("Listning", {"kollektiv_listning_kravd": False}, "listning.kollektiv_listning").missing == ("$.formaner_erbjudna",)


# --- listning.ickeval / flytt_inom_lanet / nyfodda ---------------------------------------------

CANDIDATES = [
    {"enhet_id": "HC-A", "nyckelkodsomraden": ["NK1", "NK2"]},
    {"enhet_id": "HC-B", "nyckelkodsomraden": ["NK3"]},
    {"enhet_id": "HC-B-filial", "nyckelkodsomraden": ["NK3"], "ar_filial": True},
]


def test_ickeval_assigns_the_unit_of_the_area() -> None:
    r = ev("Listning", {"valtyp": "ickeval", "person": person(), "kandidater": CANDIDATES}, "listning.ickeval")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-B"


def test_ickeval_inflyttad_and_mismatching_unit() -> None:
    doc = {"valtyp": "inflyttad", "person": person(nyckelkodsomrade="NK1"), "kandidater": CANDIDATES, "enhet_id": "HC-B"}
    r = ev("Listning", doc, "listning.ickeval")
    assert r.outcome.value == "fail" and r.values["assigned"] == "HC-A"


def test_ickeval_two_units_for_one_area_is_indeterminate() -> None:
    both = [*CANDIDATES, {"enhet_id": "HC-C", "nyckelkodsomraden": ["NK3"]}]
    r = ev("Listning", {"valtyp": "ickeval", "person": person(), "kandidater": both}, "listning.ickeval")
    assert r.outcome.value == "indeterminate" and "assigned" not in r.values


def test_ickeval_outside_county_and_active_choice() -> None:
    doc = {"valtyp": "ickeval", "person": person(folkbokford_lan="norrbotten"), "kandidater": CANDIDATES}
    assert ev("Listning", doc, "listning.ickeval").outcome.value == "fail"
    doc = {"valtyp": "aktivt_val", "person": person(), "kandidater": CANDIDATES}
    assert ev("Listning", doc, "listning.ickeval").outcome.value == "not_applicable"


def test_assignment_needs_to_know_the_person_is_not_protected() -> None:
    doc = {"valtyp": "ickeval", "person": person(skyddade_personuppgifter=None), "kandidater": CANDIDATES}
    r = ev("Listning", doc, "listning.ickeval")
    assert r.missing == ("$.person.skyddade_personuppgifter",) and "assigned" not in r.values


def test_flytt_own_choice_stays() -> None:
    doc = {"valtyp": "inflyttad", "tidigare_valtyp": "aktivt_val", "tidigare_enhet": "HC-A",
           "person": person(), "kandidater": CANDIDATES}
    assert ev("Listning", doc, "listning.flytt_inom_lanet").values["assigned"] == "HC-A"


def test_flytt_non_choice_is_reassigned() -> None:
    doc = {"valtyp": "ickeval", "tidigare_valtyp": "ickeval", "tidigare_enhet": "HC-A",
           "person": person(), "kandidater": CANDIDATES}
    r = ev("Listning", doc, "listning.flytt_inom_lanet")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-B"


def test_flytt_new_choice_not_applicable_and_unknown_history() -> None:
    assert ev("Listning", {"valtyp": "aktivt_val", "person": person()}, "listning.flytt_inom_lanet").outcome.value == "not_applicable"
    r = ev("Listning", {"valtyp": "ickeval", "person": person()}, "listning.flytt_inom_lanet")
    assert r.missing == ("$.tidigare_valtyp",)


def test_nyfodda() -> None:
    doc = {"valtyp": "nyfodd", "person": person(fodelsedatum="2025-05-30"), "vardnadshavares_enhet": "HC-M"}
    r = ev("Listning", doc, "listning.nyfodda")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-M"
    r = ev("Listning", {"valtyp": "nyfodd", "person": person()}, "listning.nyfodda")
    assert r.missing == ("$.vardnadshavares_enhet",)
    assert ev("Listning", {"valtyp": "aktivt_val", "person": person()}, "listning.nyfodda").outcome.value == "not_applicable"


# --- listning.listningstak ---------------------------------------------------------------------


def _tak(listade: int, valtyp: str = "aktivt_val", **extra: Any) -> dict[str, Any]:
    return {"valtyp": valtyp, "person": person(), "listningslage": {"tak": 1000, "listade": listade}, **extra}


def test_tak_at_the_cap_is_not_exceeded() -> None:
    r = ev("Listning", _tak(1000, boende_sarskilt_boende=False), "listning.listningstak")
    assert r.outcome.value == "pass" and r.values["declared"] == 1000


def test_tak_above_the_cap_stops_active_choice() -> None:
    assert ev("Listning", _tak(1001, boende_sarskilt_boende=False), "listning.listningstak").outcome.value == "fail"


@pytest.mark.parametrize("valtyp", ["inflyttad", "nyfodd", "ickeval"])
def test_tak_does_not_stop_non_choice(valtyp: str) -> None:
    assert ev("Listning", _tak(1001, valtyp), "listning.listningstak").outcome.value == "pass"


def test_tak_special_housing_resident_may_list_and_unknown_is_indeterminate() -> None:
    assert ev("Listning", _tak(1001, boende_sarskilt_boende=True), "listning.listningstak").outcome.value == "pass"
    assert ev("Listning", _tak(1001), "listning.listningstak").missing == ("$.boende_sarskilt_boende",)


def test_tak_no_cap_not_applicable() -> None:
    doc = {"valtyp": "aktivt_val", "person": person(), "listningslage": {"listade": 5000}}
    assert ev("Listning", doc, "listning.listningstak").outcome.value == "not_applicable"


# --- listning.listningsstopp -------------------------------------------------------------------


def _stopp(day: str, fran: str, till: str | None, valtyp: str = "aktivt_val") -> dict[str, Any]:
    stopp = {"fran": fran} if till is None else {"fran": fran, "till": till}
    return {"valtyp": valtyp, "datum": day, "person": person(), "listningslage": {"stopp": stopp}}


def test_stopp_three_months_end_of_month_clamped() -> None:
    # 2025-11-30 + 3 months = 2026-02-28 (clamped): the stop may last up to and including that day.
    r = ev("Listning", _stopp("2026-02-28", "2025-11-30", "2026-02-28"), "listning.listningsstopp")
    assert r.outcome.value == "fail" and r.values["stop_valid"] is True
    assert r.values["stop_max_until"] == date(2026, 2, 28)


def test_stopp_beyond_three_months_is_not_in_force() -> None:
    doc = _stopp("2026-03-01", "2025-11-30", "2026-03-01")
    r = ev("Listning", doc, "listning.listningsstopp")
    assert r.outcome.value == "pass" and r.values["stop_valid"] is False
    r = ev("Listning", _stopp("2026-02-28", "2025-11-30", "2026-03-01"), "listning.listningsstopp")
    assert r.outcome.value == "fail" and r.values["stop_valid"] is False


def test_stopp_mid_month_and_open_ended() -> None:
    r = ev("Listning", _stopp("2025-04-15", "2025-01-15", None), "listning.listningsstopp")
    assert r.outcome.value == "fail" and r.values["stop_until"] == date(2025, 4, 15)
    assert ev("Listning", _stopp("2025-04-16", "2025-01-15", None), "listning.listningsstopp").outcome.value == "pass"


@pytest.mark.parametrize("valtyp", ["inflyttad", "nyfodd"])
def test_stopp_still_lists_moved_in_and_newborns(valtyp: str) -> None:
    doc = _stopp("2025-12-15", "2025-11-30", "2026-02-28", valtyp)
    assert ev("Listning", doc, "listning.listningsstopp").outcome.value == "pass"


def test_stopp_before_start_and_none() -> None:
    assert ev("Listning", _stopp("2025-11-29", "2025-11-30", "2026-02-28"), "listning.listningsstopp").outcome.value == "pass"
    doc = {"valtyp": "aktivt_val", "datum": "2025-12-01", "person": person(), "listningslage": {}}
    assert ev("Listning", doc, "listning.listningsstopp").outcome.value == "not_applicable"


# --- listning.filial ---------------------------------------------------------------------------


def test_filial_routed_to_main_clinic() -> None:
    doc = {"person": person(), "enhet_id": "HC-B-filial", "enhet_ar_filial": True, "enhet_huvudmottagning": "HC-B"}
    r = ev("Listning", doc, "listning.filial")
    assert r.outcome.value == "warning" and r.values["route"] == "HC-B"


def test_filial_without_main_clinic_rejected_and_main_accepted() -> None:
    assert ev("Listning", {"person": person(), "enhet_ar_filial": True}, "listning.filial").outcome.value == "fail"
    assert ev("Listning", {"person": person(), "enhet_ar_filial": False}, "listning.filial").outcome.value == "pass"
    assert ev("Listning", {"person": person()}, "listning.filial").missing == ("$.enhet_ar_filial",)


# --- vardenhet ---------------------------------------------------------------------------------


def _doctors(specialists: int, others: int) -> list[dict[str, Any]]:
    staff = [{"id": f"L{i}", "yrke": "lakare", "specialiteter": ["allmanmedicin"]} for i in range(specialists)]
    staff += [{"id": f"O{i}", "yrke": "lakare", "specialiteter": ["internmedicin"]} for i in range(others)]
    return staff


def test_allmanmedicin_exactly_half_fails() -> None:
    r = ev("Vardenhet", {"id": "HC", "personal": _doctors(2, 2)}, "vardenhet.allmanmedicin_majoritet")
    assert r.outcome.value == "fail" and r.values["declared"] == 0.5 and r.values["required"] == 0.5


def test_allmanmedicin_more_than_half_passes() -> None:
    r = ev("Vardenhet", {"id": "HC", "personal": _doctors(3, 2)}, "vardenhet.allmanmedicin_majoritet")
    assert r.outcome.value == "pass" and r.values["declared"] == 0.6


def test_allmanmedicin_unknown_profession_and_no_doctors() -> None:
    staff = [*_doctors(3, 0), {"id": "X"}]
    r = ev("Vardenhet", {"id": "HC", "personal": staff}, "vardenhet.allmanmedicin_majoritet")
    assert r.missing == ("$.personal[3].yrke",)
    r = ev("Vardenhet", {"id": "HC", "personal": [{"id": "S", "yrke": "sjukskoterska"}]}, "vardenhet.allmanmedicin_majoritet")
    assert r.outcome.value == "not_applicable"
    assert ev("Vardenhet", {"id": "HC"}, "vardenhet.allmanmedicin_majoritet").missing == ("$.personal",)


def test_distriktsskoterska_majority() -> None:
    half = [{"id": "S1", "yrke": "sjukskoterska", "specialiteter": ["distriktsskoterska"]},
            {"id": "S2", "yrke": "sjukskoterska"},
            {"id": "B1", "yrke": "barnmorska"}]
    assert ev("Vardenhet", {"id": "HC", "personal": half}, "vardenhet.distriktsskoterska_majoritet").outcome.value == "fail"
    two_of_three = [*half, {"id": "S3", "yrke": "sjukskoterska", "specialiteter": ["distriktsskoterska"]}]
    r = ev("Vardenhet", {"id": "HC", "personal": two_of_three}, "vardenhet.distriktsskoterska_majoritet")
    assert r.outcome.value == "pass" and r.values["qualified"] == 2 and r.values["total"] == 3


def test_bvc_mvc() -> None:
    good = [{"id": "S1", "yrke": "sjukskoterska", "uppdrag": ["bvc"], "specialiteter": ["barnsjukskoterska"]},
            {"id": "B1", "yrke": "barnmorska", "uppdrag": ["mvc"]}]
    assert ev("Vardenhet", {"id": "HC", "personal": good}, "vardenhet.bvc_mvc_kompetens").outcome.value == "pass"
    bad = [{"id": "S2", "yrke": "sjukskoterska", "uppdrag": ["bvc"]},
           {"id": "S3", "yrke": "sjukskoterska", "uppdrag": ["mvc"], "specialiteter": ["distriktsskoterska"]}]
    r = ev("Vardenhet", {"id": "HC", "personal": bad}, "vardenhet.bvc_mvc_kompetens")
    assert r.outcome.value == "fail" and r.values["staff_not_qualified"] == ["S2 (BVC)", "S3 (MVC)"]
    none = [{"id": "L", "yrke": "lakare"}]
    assert ev("Vardenhet", {"id": "HC", "personal": none}, "vardenhet.bvc_mvc_kompetens").outcome.value == "not_applicable"


def test_kompetenser() -> None:
    doc = {"id": "HC", "kompetenser": ["fysioterapi", "arbetsterapi", "psykoterapi_steg1"]}
    assert ev("Vardenhet", doc, "vardenhet.kompetenser").outcome.value == "pass"
    r = ev("Vardenhet", {"id": "HC", "kompetenser": ["fysioterapi"]}, "vardenhet.kompetenser")
    assert r.values["missing_competences"] == ["arbetsterapi", "psykoterapi_steg1"]
    assert ev("Vardenhet", {"id": "HC"}, "vardenhet.kompetenser").missing == ("$.kompetenser",)


FUNCTIONS = [
    {"id": "F1", "yrke": "sjukskoterska", "funktioner": ["samordningsfunktion"]},
    {"id": "F2", "yrke": "sjukskoterska", "specialiteter": ["psykiatrisk_sjukskoterska"]},
    {"id": "F3", "yrke": "fysioterapeut", "namn": "Fiktiv Koordinator", "funktioner": ["rehabiliteringskoordinator"]},
    {"id": "F4", "yrke": "lakare", "namn": "Fiktiv Läkare", "funktioner": ["forsakringsmedicinsk_lakare"]},
]


def test_bemannade_funktioner() -> None:
    assert ev("Vardenhet", {"id": "HC", "personal": FUNCTIONS}, "vardenhet.bemannade_funktioner").outcome.value == "pass"
    r = ev("Vardenhet", {"id": "HC", "personal": FUNCTIONS[:3]}, "vardenhet.bemannade_funktioner")
    assert r.outcome.value == "fail" and r.values["missing_functions"] == ["forsakringsmedicinsk_lakare"]
    unnamed = [*FUNCTIONS[:3], {"id": "F4", "yrke": "lakare", "funktioner": ["forsakringsmedicinsk_lakare"]}]
    r = ev("Vardenhet", {"id": "HC", "personal": unnamed}, "vardenhet.bemannade_funktioner")
    assert r.missing == ("$.personal[3].namn",)
    assert "Fiktiv" not in ps.dumps(r)


def test_smittskydd() -> None:
    ok = [{"id": "S1", "yrke": "sjukskoterska", "funktioner": ["smittskydd_kontaktperson"]}]
    assert ev("Vardenhet", {"id": "HC", "personal": ok}, "vardenhet.smittskydd_kontaktperson").outcome.value == "pass"
    wrong = [{"id": "K1", "yrke": "kurator", "funktioner": ["smittskydd_kontaktperson"]}]
    assert ev("Vardenhet", {"id": "HC", "personal": wrong}, "vardenhet.smittskydd_kontaktperson").outcome.value == "fail"
    assert ev("Vardenhet", {"id": "HC", "personal": []}, "vardenhet.smittskydd_kontaktperson").outcome.value == "fail"


def test_sjukvardsgrupp() -> None:
    assert ev("Vardenhet", {"id": "HC", "ort": "Åsele", "kan_bista_sjukvardsgrupp": True}, "vardenhet.sjukvardsgrupp").outcome.value == "pass"
    assert ev("Vardenhet", {"id": "HC", "ort": "byske", "kan_bista_sjukvardsgrupp": False}, "vardenhet.sjukvardsgrupp").outcome.value == "fail"
    assert ev("Vardenhet", {"id": "HC", "ort": "Umeå"}, "vardenhet.sjukvardsgrupp").outcome.value == "not_applicable"
    assert ev("Vardenhet", {"id": "HC", "ort": "Malå"}, "vardenhet.sjukvardsgrupp").missing == ("$.kan_bista_sjukvardsgrupp",)


def test_kvalitetsregister() -> None:
    doc = {"id": "HC", "kvalitetsregister": ["Nationella Mödrahälsovårdsregistret", "diabetesregistret"]}
    assert ev("Vardenhet", doc, "vardenhet.kvalitetsregister").outcome.value == "pass"
    r = ev("Vardenhet", {"id": "HC", "kvalitetsregister": ["Diabetesregistret"]}, "vardenhet.kvalitetsregister")
    assert r.outcome.value == "fail" and r.values["missing_registers"] == ["Mödrahälsovårdsregistret"]


def test_filial_ledning() -> None:
    good = {"huvudmottagning_id": "HC-B", "samma_verksamhetschef": True, "samma_organisation": True, "underleverantor": False}
    assert ev("Vardenhet", {"id": "F", "ar_filial": True, "filial": good}, "vardenhet.filial_ledning").outcome.value == "pass"
    sub = {**good, "underleverantor": True}
    assert ev("Vardenhet", {"id": "F", "ar_filial": True, "filial": sub}, "vardenhet.filial_ledning").outcome.value == "fail"
    assert ev("Vardenhet", {"id": "HC", "ar_filial": False}, "vardenhet.filial_ledning").outcome.value == "not_applicable"
    part = {"samma_verksamhetschef": True}
    r = ev("Vardenhet", {"id": "F", "ar_filial": True, "filial": part}, "vardenhet.filial_ledning")
    assert r.missing == ("$.filial.huvudmottagning_id", "$.filial.samma_organisation", "$.filial.underleverantor")


# --- uppfoljning -------------------------------------------------------------------------------


def _psb(delivered: str | None, year: int = 2024) -> dict[str, Any]:
    report: dict[str, Any] = {"typ": "patientsakerhetsberattelse", "avser_ar": year}
    if delivered:
        report["levererad"] = delivered
    return {"period": {"fran": "2024-01-01", "till": "2024-12-31"}, "rapporter": [report]}


def test_psb_due_1_march_next_year() -> None:
    r = ev("Uppfoljning", _psb("2025-03-01"), "uppfoljning.patientsakerhetsberattelse")
    assert r.outcome.value == "met" and r.values["due"] == date(2025, 3, 1)
    assert ev("Uppfoljning", _psb("2025-03-02"), "uppfoljning.patientsakerhetsberattelse").outcome.value == "missed"


def test_psb_undelivered_open_then_missed_and_wrong_year() -> None:
    assert ev("Uppfoljning", _psb(None), "uppfoljning.patientsakerhetsberattelse", date(2025, 3, 1)).outcome.value == "open"
    assert ev("Uppfoljning", _psb(None), "uppfoljning.patientsakerhetsberattelse", date(2025, 3, 2)).outcome.value == "missed"
    r = ev("Uppfoljning", _psb("2025-02-01", year=2023), "uppfoljning.patientsakerhetsberattelse", date(2025, 3, 2))
    assert r.outcome.value == "missed"
    assert ev("Uppfoljning", {"rapporter": []}, "uppfoljning.patientsakerhetsberattelse").missing == ("$.period",)


def test_psb_two_years_worst_outcome() -> None:
    doc = {"period": {"fran": "2023-01-01", "till": "2024-12-31"},
           "rapporter": [{"typ": "patientsakerhetsberattelse", "avser_ar": 2023, "levererad": "2024-02-20"},
                         {"typ": "patientsakerhetsberattelse", "avser_ar": 2024, "levererad": "2025-03-03"}]}
    r = ev("Uppfoljning", doc, "uppfoljning.patientsakerhetsberattelse", date(2025, 6, 1))
    assert r.outcome.value == "missed" and r.values["due"] == date(2025, 3, 1)


def test_dialog_two_meetings_in_calendar_year() -> None:
    doc = {"period": {"fran": "2025-01-01", "till": "2025-12-31"}, "dialogmoten": ["2025-03-04", "2025-10-07"]}
    assert ev("Uppfoljning", doc, "uppfoljning.dialog", date(2026, 1, 15)).outcome.value == "pass"


def test_dialog_one_meeting_fails_same_day_twice_counts_once() -> None:
    doc = {"period": {"fran": "2025-01-01", "till": "2025-12-31"}, "dialogmoten": ["2025-03-04", "2025-03-04", "2024-11-01"]}
    r = ev("Uppfoljning", doc, "uppfoljning.dialog", date(2026, 1, 15))
    assert r.outcome.value == "fail" and r.values["declared"] == {"2025": 1}


def test_dialog_year_not_over_warns_and_missing() -> None:
    doc = {"dialogmoten": ["2025-03-04"]}
    assert ev("Uppfoljning", doc, "uppfoljning.dialog", date(2025, 12, 31)).outcome.value == "warning"
    assert ev("Uppfoljning", {}, "uppfoljning.dialog").missing == ("$.dialogmoten",)


def test_byte_verksamhetschef_day_before_met_same_day_missed() -> None:
    doc = {"forandringar": [{"typ": "byte_verksamhetschef", "datum": "2025-09-01", "meddelad": "2025-08-31"}]}
    r = ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef")
    assert r.outcome.value == "met" and r.values["due"] == date(2025, 8, 31)
    doc = {"forandringar": [{"typ": "byte_verksamhetschef", "datum": "2025-09-01", "meddelad": "2025-09-01"}]}
    assert ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef").outcome.value == "missed"


def test_byte_verksamhetschef_none_and_missing() -> None:
    doc = {"forandringar": [{"typ": "lokalbyte", "datum": "2025-09-01"}]}
    assert ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef").outcome.value == "not_applicable"
    assert ev("Uppfoljning", {}, "uppfoljning.byte_verksamhetschef").missing == ("$.forandringar",)


# --- bilagor -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "section"),
    [
        ("listning", "4 Listning"),
        ("uppfoljning_och_sanktioner", "7 Uppföljning"),
        ("it", "6 IT, medicinsk teknik och telefoni"),
        ("filial", "3.9 Filialmottagning"),
        ("kris_och_kontinuitet", "2.12 Krisberedskap"),
        ("lokaler", "3.3 Lokaler och utrustning"),
        ("upphorande", "4.6 Hälsocentral upphör"),
        ("kompetens_och_bemanning", "3.1 Kompetens och bemanning"),
    ],
)
def test_annex_sections(topic: str, section: str) -> None:
    ref = ps.annex(REGION, PROGRAMME, topic)
    assert ref.annex.number is None and ref.annex.section == section
    assert ref.citation is not None and ref.citation.document == "004_a9651fc42b91a24f.txt"


def test_annex_unmapped_topic() -> None:
    with pytest.raises(ps.UnknownAnnexTopic):
        ps.annex(REGION, PROGRAMME, "jour")


def test_non_choice_is_never_stopped_even_without_cap_state() -> None:
    doc = {"valtyp": "nyfodd", "person": person()}
    assert ev("Listning", doc, "listning.listningstak").outcome.value == "pass"
    assert ev("Listning", doc, "listning.listningsstopp").outcome.value == "pass"
    assert ev("Listning", doc, "listning.flytt_inom_lanet").outcome.value == "not_applicable"
    assert ev("Listning", {"valtyp": "ickeval", "person": person()}, "listning.filial").outcome.value == "not_applicable"


def test_psb_due_on_a_sunday_is_not_moved() -> None:
    # 1 March 2026 is a Sunday: the report for 2025 is still due that day.
    doc = {"period": {"fran": "2025-01-01", "till": "2025-12-31"},
           "rapporter": [{"typ": "patientsakerhetsberattelse", "avser_ar": 2025, "levererad": "2026-03-02"}]}
    r = ev("Uppfoljning", doc, "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 15))
    assert r.values["due"] == date(2026, 3, 1) and r.values["due_is_vardag"] is False
    assert r.outcome.value == "missed" and "not move" in r.explanation.en


def test_byte_verksamhetschef_several_changes_worst_wins_in_any_order() -> None:
    changes = [{"typ": "byte_verksamhetschef", "datum": "2025-09-01", "meddelad": "2025-08-01"},
               {"typ": "byte_verksamhetschef", "datum": "2025-11-03", "meddelad": "2025-11-03"}]
    for order in (changes, changes[::-1]):
        r = ev("Uppfoljning", {"forandringar": order}, "uppfoljning.byte_verksamhetschef")
        assert r.outcome.value == "missed" and r.values["due"] == date(2025, 11, 2)
        assert r.values["due"] is not None and len(r.values["parts"]) == 2
