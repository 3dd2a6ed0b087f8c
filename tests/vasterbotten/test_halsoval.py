"""vasterbotten.halsoval: every rule, with expected values worked out by hand from the source text
(Region Västerbotten, Uppdrag och regler 2025) and the shared calendar policy. Each test quotes the
words that decide it. The worked examples (data/halsoval.examples.yaml) are run by
tests/test_examples.py; the tests here add what a table of cases cannot show well (properties,
permutations, the review's reproducing inputs)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import primarvard_sdk as ps

REGION, PROGRAMME = "vasterbotten", "halsoval"
PREFIX = "vasterbotten.halsoval."
DAY = "2025-06-02"  # a Monday in an ordinary week


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


def listing(**extra: Any) -> dict[str, Any]:
    """An active choice on DAY with every fact the listing rules read; ``extra`` replaces keys."""
    base: dict[str, Any] = {
        "datum": DAY, "valtyp": "aktivt_val", "valt_av": "personen", "person": person(),
        "enhet_id": "HC-B", "enhet_ar_filial": False, "tidigare_byten": [], "sarskilda_skal": [],
        "kollektiv_listning_kravd": False, "formaner_erbjudna": False,
        "listningslage": {"tak": 1000, "listade": 900}, "boende_sarskilt_boende": False,
    }
    base.update(extra)
    return base


def test_all_105_rules_are_there_with_their_data() -> None:
    rules = ps.rules(REGION, PROGRAMME)
    assert len(rules) == 32 + 73  # the catalogue's and the further obligations
    assert all(r.id.startswith(PREFIX) for r in rules)
    for r in rules:
        if r.input_type is not None:
            assert r.governing_day, r.id
        for text in (r.notes or "", r.scope or "", r.description):
            assert "SPEC" not in text and "briefing" not in text and ".txt" not in text, r.id


def test_the_edition_is_the_calendar_year_2025() -> None:
    (programme,) = ps.default_sdk().region(REGION).programmes
    (edition,) = programme.editions
    assert (edition.id, edition.valid_from, edition.valid_to) == ("2025", date(2025, 1, 1), date(2025, 12, 31))


def test_parameter_values_that_list_codes_are_codes() -> None:
    from enum import StrEnum

    from primarvard_sdk import domain

    rules = {r.id.removeprefix(PREFIX): r for r in ps.rules(REGION, PROGRAMME)}
    coded: list[tuple[str, str, type[StrEnum], bool]] = [
        ("listning.far_ej_neka", "claimable_grounds", domain.Avvisningsskal, True),  # the keys
        ("listning.max_byten", "special_reasons", domain.SarskiltSkal, False),
        ("uppfoljning.patientsakerhetsberattelse", "report_type", domain.Rapporttyp, False),
        ("vardkontakt.vaccination_65", "vaccines", domain.Vaccin, False),
        ("tillganglighet.e_tjanster", "mandatory", domain.ETjanst, False),
        ("tillganglighet.begransat_oppethallande", "required_referral", domain.Hanvisning, False),
        ("tillganglighet.begransat_oppethallande", "not_a_substitute", domain.Hanvisning, False),
    ]
    for rule_id, name, enum, keys in coded:
        for value in rules[rule_id].parameter(name).values:
            items = value.value.keys() if keys else ([value.value] if isinstance(value.value, str) else value.value)
            for item in items:
                assert item in {c.value for c in enum}, f"{rule_id}.{name}: {item!r} is not a {enum.__name__} code"
    grounds = rules["listning.far_ej_neka"].parameter("claimable_grounds").values[0].value
    assert set(grounds.values()) <= set(rules["listning.far_ej_neka"].parameter("grounds").values[0].value)


# --- tillganglighet.oppettider ----------------------------------------------------------------
# "Hälsocentralens ordinarie öppettider ska vara helgfria vardagar måndag – fredag kl. 08.00-17.00 året om."


def test_oppettider_full_week_passes_and_gaps_fail() -> None:
    assert ev("Tillganglighet", {"oppettider": full_week()}, "tillganglighet.oppettider").outcome.value == "pass"
    week = [*full_week()[:3], {"dag": "thu", "fran": "08:00", "till": "12:00"},
            {"dag": "thu", "fran": "13:00", "till": "17:00"}, {"dag": "fri", "fran": "08:00", "till": "16:59"}]
    r = ev("Tillganglighet", {"oppettider": week}, "tillganglighet.oppettider")
    assert r.outcome.value == "fail" and r.values["days_not_covered"] == ["thu", "fri"]


def test_oppettider_outside_the_edition_is_not_applicable_for_every_rule_alike() -> None:
    r = ev("Tillganglighet", {"oppettider": full_week()}, "tillganglighet.oppettider", as_of=date(2026, 1, 2))
    assert r.outcome.value == "not_applicable" and r.values["reason"] == "no_rulebook_in_force"


# --- tillganglighet.e_tjanst_svarstid ----------------------------------------------------------
# "Ärenden som skickas in till vården via 1177 Vårdguidens e-tjänster ska besvaras inom tre vardagar."


@pytest.mark.parametrize(
    ("arrived", "due"),
    [
        ("2025-06-02", date(2025, 6, 5)),  # plain week: Tue, Wed, Thu
        ("2025-04-17", date(2025, 4, 24)),  # skärtorsdag: långfredag, påsk, annandag påsk skipped
        ("2025-12-19", date(2025, 12, 29)),  # julafton (eve), juldagen, annandag jul skipped
        ("2025-12-29", date(2026, 1, 5)),  # nyårsafton, nyårsdagen skipped; the arrival picks 2025
        ("2025-06-18", date(2025, 6, 24)),  # midsommarafton Fri 20 June skipped
        ("2025-06-07", date(2025, 6, 11)),  # Saturday arrival: Mon, Tue, Wed
        ("2025-06-18T22:30:00+00:00", date(2025, 6, 25)),  # 00:30 on 19 June in Stockholm
        ("2025-10-26T01:30:00+00:00", date(2025, 10, 29)),  # DST end night: 02:30 CET, Sunday
    ],
)
def test_e_tjanst_due_day(arrived: str, due: date) -> None:
    r = ev("Etjanstearende", {"inkom": arrived}, "tillganglighet.e_tjanst_svarstid", as_of=date(2025, 1, 1))
    assert r.values["due"] == due and r.outcome.value == "open"


def test_e_tjanst_answered_late_on_the_due_day_is_met_the_day_after_missed() -> None:
    # Evaluated after the answer: an answer dated after the evaluation day has not happened on it
    # (the core judges it open), so the day of evaluation follows the events here.
    after = date(2026, 1, 10)
    doc = {"inkom": "2025-12-19", "besvarad": "2025-12-29T23:59:00+01:00"}
    assert ev("Etjanstearende", doc, "tillganglighet.e_tjanst_svarstid", as_of=after).outcome.value == "met"
    doc = {"inkom": "2025-12-19", "besvarad": "2025-12-30"}
    assert ev("Etjanstearende", doc, "tillganglighet.e_tjanst_svarstid", as_of=after).outcome.value == "missed"


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)))
def test_e_tjanst_due_is_always_the_third_vardag_after(arrived: date) -> None:
    from primarvard_sdk import calendar

    due = ev("Etjanstearende", {"inkom": arrived.isoformat()}, "tillganglighet.e_tjanst_svarstid").values["due"]
    assert calendar.is_vardag(due)
    assert calendar.vardagar_between(arrived, due) == 3


def test_e_tjanst_arrival_in_2026_is_outside_the_2025_rulebook() -> None:
    r = ev("Etjanstearende", {"inkom": "2026-01-02"}, "tillganglighet.e_tjanst_svarstid", as_of=date(2026, 1, 2))
    assert r.outcome.value == "not_applicable" and r.values["reason"] == "no_rulebook_in_force"


# --- tillganglighet.e_tjanster -----------------------------------------------------------------
# "Basutbud i 1177 för primärvård är - Beställ tid - Av/omboka tid - Förnya recept - Förnya
# hjälpmedel - Förläng sjukskrivning - Beställ journalkopia - Kontakta mig"

LABELS = ["Beställ tid", "Av/omboka tid", "Förnya recept", "Förnya hjälpmedel", "Förläng sjukskrivning",
          "Beställ journalkopia", "Kontakta mig"]


def test_e_tjanster_the_texts_own_labels_are_the_basic_offer() -> None:
    r = ev("Tillganglighet", {"e_tjanster": LABELS}, "tillganglighet.e_tjanster")
    assert r.outcome.value == "pass" and r.values["missing_services"] == []


def test_e_tjanster_a_missing_service_fails_and_absent_is_indeterminate() -> None:
    r = ev("Tillganglighet", {"e_tjanster": LABELS[:-1]}, "tillganglighet.e_tjanster")
    assert r.outcome.value == "fail" and r.values["missing_services"] == ["kontakta_mig"]
    assert ev("Tillganglighet", {}, "tillganglighet.e_tjanster").missing == ("$.e_tjanster",)


def test_e_tjanster_an_unknown_label_is_an_input_error_not_a_missing_service() -> None:
    with pytest.raises(ps.InvalidDocument) as exc:
        ps.parse_document({"e_tjanster": [*LABELS, "Boka vaccin"]}, "Tillganglighet")
    assert "$.e_tjanster[7]" in str(exc.value)


# --- tillganglighet.begransat_oppethallande ----------------------------------------------------
# 2.7.5 "Vid behov av begränsat öppethållande enstaka dagar ... samordning med annan hälsocentral
# inom Hälsoval. ... Hälsocentralen får inte ersätta hänvisning till annan hälsocentral med
# hänvisning till 1177." 2.7.1 "helgfria vardagar måndag – fredag kl. 08.00-17.00"


def _deviation(day: str, hours: list[tuple[str, str]] | None, referral: list[str] | None) -> dict[str, Any]:
    d: dict[str, Any] = {"datum": day}
    if hours is not None:
        d["oppettider"] = [{"fran": a, "till": b} for a, b in hours]
    if referral is not None:
        d["hanvisning"] = referral
    return {"avvikande_dagar": [d]}


def test_begransat_longer_hours_are_not_limited_opening() -> None:
    doc = _deviation("2025-10-15", [("07:00", "19:00")], [])
    r = ev("Tillganglighet", doc, "tillganglighet.begransat_oppethallande")
    assert r.outcome.value == "not_applicable"


def test_begransat_shorter_hours_need_a_referral_to_another_halsocentral() -> None:
    r = ev("Tillganglighet", _deviation("2025-10-15", [("08:00", "16:30")], ["1177"]),
           "tillganglighet.begransat_oppethallande")
    assert r.outcome.value == "fail" and r.values["days_without_referral"] == [date(2025, 10, 15)]
    assert "1177" in r.explanation.en
    r = ev("Tillganglighet", _deviation("2025-10-15", [], ["annan_halsocentral"]),
           "tillganglighet.begransat_oppethallande")
    assert r.outcome.value == "pass"


def test_begransat_eves_are_days_to_be_open_under_the_dated_parameter() -> None:
    # Julafton, Wednesday 24 December 2025, is not a public holiday (lag 1989:253): eves_exempt false.
    r = ev("Tillganglighet", _deviation("2025-12-24", [], ["1177"]), "tillganglighet.begransat_oppethallande",
           as_of=date(2025, 12, 1))
    assert r.outcome.value == "fail"
    assert [p.name for p in r.parameters if p.name == "eves_exempt"] == ["eves_exempt"]
    # Nationaldagen is a public holiday: not a helgfri vardag.
    r = ev("Tillganglighet", _deviation("2025-06-06", [], ["1177"]), "tillganglighet.begransat_oppethallande")
    assert r.outcome.value == "not_applicable"


def test_begransat_absent_is_not_empty() -> None:
    assert ev("Tillganglighet", {}, "tillganglighet.begransat_oppethallande").missing == ("$.avvikande_dagar",)
    assert ev("Tillganglighet", {"avvikande_dagar": []}, "tillganglighet.begransat_oppethallande").outcome.value \
        == "not_applicable"
    r = ev("Tillganglighet", _deviation("2025-10-15", [("08:00", "12:00")], None), "tillganglighet.begransat_oppethallande")
    assert r.missing == ("$.avvikande_dagar[0].hanvisning",)


def test_begransat_each_day_is_judged_by_its_own_rulebook() -> None:
    # governing_day each_item: a limited 30 December 2025 is judged by "Uppdrag och regler 2025"
    # even when evaluated in 2026; 2 January 2026 is left to its own rulebook.
    doc = {"avvikande_dagar": [
        {"datum": "2026-01-02", "oppettider": [], "hanvisning": ["1177"]},
        {"datum": "2025-12-30", "oppettider": [], "hanvisning": ["1177"]},
    ]}
    r = ev("Tillganglighet", doc, "tillganglighet.begransat_oppethallande", as_of=date(2026, 1, 20))
    assert r.outcome.value == "fail" and r.values["days_without_referral"] == [date(2025, 12, 30)]
    assert r.values["days_outside_edition"] == [date(2026, 1, 2)] and r.values["editions"] == ["2025"]
    assert r.governing_day is None and r.edition is None


# --- uppfoljning.utbudsbegransning -------------------------------------------------------------
# "Om hälsocentralens utbudsbegränsning innebär att öppettiderna begränsas till mer än enstaka dagar
# kan Regionstyrelsen besluta om neddragning av kapiteringsersättningen för motsvarande tid."


def _utbud(periods: list[dict[str, str]] | None = None, closed: list[str] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if periods is not None:
        doc["utbudsbegransningar"] = periods
    if closed is not None:
        doc["avvikande_dagar"] = [{"datum": d, "oppettider": [], "hanvisning": ["annan_halsocentral"]} for d in closed]
    return doc


def test_utbud_two_weekdays_pass_three_warn() -> None:
    r = ev("Tillganglighet", _utbud([{"fran": "2025-06-02", "till": "2025-06-03"}], []), "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "pass" and r.values["declared"] == 2
    r = ev("Tillganglighet", _utbud([{"fran": "2025-06-02", "till": "2025-06-04"}], []), "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "warning" and r.values["declared"] == 3


def test_utbud_repeated_single_fridays_count() -> None:
    fridays = [(date(2025, 9, 5) + timedelta(weeks=i)).isoformat() for i in range(12)]
    r = ev("Tillganglighet", _utbud([], fridays), "uppfoljning.utbudsbegransning", as_of=date(2025, 12, 1))
    assert r.outcome.value == "warning"
    assert r.values["limited_days_per_month"] == {"2025-09": 4, "2025-10": 5, "2025-11": 3}


def test_utbud_silence_is_never_none() -> None:
    week = {"oppettider": full_week()}
    r = ev("Tillganglighet", week, "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.utbudsbegransningar", "$.avvikande_dagar")
    assert ev("Tillganglighet", _utbud([], []), "uppfoljning.utbudsbegransning").outcome.value == "not_applicable"
    # One list already over the limit decides even when the other is not reported.
    r = ev("Tillganglighet", _utbud([{"fran": "2025-06-02", "till": "2025-06-04"}]), "uppfoljning.utbudsbegransning")
    assert r.outcome.value == "warning"
    r = ev("Tillganglighet", _utbud([{"fran": "2025-06-02", "till": "2025-06-03"}]), "uppfoljning.utbudsbegransning")
    assert r.missing == ("$.avvikande_dagar",)


def test_utbud_open_ended_within_limit_is_indeterminate() -> None:
    doc = _utbud([{"fran": "2025-06-02"}], [])
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning", as_of=date(2025, 6, 3))
    assert r.outcome.value == "indeterminate" and r.missing == ("$.utbudsbegransningar[0].till",)
    assert ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning", as_of=date(2025, 6, 4)).outcome.value == "warning"


def test_utbud_each_day_is_judged_by_its_own_rulebook() -> None:
    # Three limited weekdays in December 2025 (29, 30, 31 December; nyårsafton counts under
    # eves_exempt false) are over the limit whatever the evaluation day; the 2026 days are apart.
    doc = _utbud([{"fran": "2025-12-29", "till": "2026-01-09"}], [])
    r = ev("Tillganglighet", doc, "uppfoljning.utbudsbegransning", as_of=date(2026, 1, 20))
    assert r.outcome.value == "warning" and r.values["months_over"] == {"2025-12": 3}
    assert r.values["days_outside_edition"] == 5  # 2, 5, 7, 8, 9 January (1 and 6 January are holidays)


# --- vardkontakt.ej_listade --------------------------------------------------------------------
# 2.7.4 "Hälsocentralen ska ta emot och tillhandahålla vård till personer med skyddad identitet på
# samma villkor som till listade på hälsocentralen."


def _besok(**extra: Any) -> dict[str, Any]:
    return {"sokte": DAY, "listad_vid_enheten": False, "tillfalligt_behov": False, "kan_ej_vanta": False, **extra}


def test_ej_listade_unknown_protection_is_indeterminate_not_a_route() -> None:
    r = ev("Vardkontakt", _besok(patient={"folkbokford_i_sverige": True}), "vardkontakt.ej_listade")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.patient.skyddade_personuppgifter",)
    r = ev("Vardkontakt", _besok(patient={"folkbokford_i_sverige": True, "skyddade_personuppgifter": True}),
           "vardkontakt.ej_listade")
    assert r.outcome.value == "pass" and r.values["terms"] == "som_listade"


def test_ej_listade_lasting_need_may_be_directed_elsewhere() -> None:
    # "kan hälsocentralen anvisa ... eller erbjuda listning": the unit may proceed either way.
    doc = _besok(patient={"vistelsestatus": "folkbokford", "skyddade_personuppgifter": False})
    assert ev("Vardkontakt", doc, "vardkontakt.ej_listade").outcome.value == "warning"


@pytest.mark.parametrize(
    ("patient", "terms"),
    [
        ({"vistelsestatus": "asylsokande"}, "som_bosatta"),
        ({"vistelsestatus": "papperslos"}, "som_bosatta"),
        ({"vistelsestatus": "eu_ees"}, "nodvandig_vard"),
        ({"vistelsestatus": "utlandsk"}, "nodvandig_vard"),
    ],
)
def test_ej_listade_accepted_groups(patient: dict[str, Any], terms: str) -> None:
    r = ev("Vardkontakt", _besok(patient=patient), "vardkontakt.ej_listade")
    assert r.outcome.value == "pass" and r.values["terms"] == terms


def test_ej_listade_temporary_need_accepted_whatever_else_is_unknown() -> None:
    r = ev("Vardkontakt", {"sokte": DAY, "listad_vid_enheten": False, "tillfalligt_behov": True}, "vardkontakt.ej_listade")
    assert r.outcome.value == "pass" and r.values["terms"] == "tillfalligt_eller_omedelbart"


# --- vardkontakt.hemsjukvard_barn --------------------------------------------------------------
# "Hälsocentralen ska tillhandahålla hemsjukvård för personer mellan 0 - 17 år."


def test_hemsjukvard_17_accepted_18_rejected_on_the_day_care_was_sought() -> None:
    doc = {"typ": "hemsjukvard", "patient": {"fodelsedatum": "2007-06-15"}, "sokte": "2025-06-14"}
    r = ev("Vardkontakt", doc, "vardkontakt.hemsjukvard_barn")
    assert r.outcome.value == "pass" and r.values["age"] == 17
    doc["sokte"] = "2025-06-15T08:00:00+02:00"
    r = ev("Vardkontakt", doc, "vardkontakt.hemsjukvard_barn")
    assert r.outcome.value == "fail" and r.values["age"] == 18


def test_hemsjukvard_the_day_care_was_sought_is_needed() -> None:
    doc = {"typ": "hemsjukvard", "patient": {"fodelsedatum": "2015-01-01"}, "kontakt": DAY}
    assert ev("Vardkontakt", doc, "vardkontakt.hemsjukvard_barn").missing == ("$.sokte",)


# --- vardkontakt.vaccination_65 ----------------------------------------------------------------
# 2.2.6 "- Vaccinationer som ingår i allmänna vaccinationsprogram. - ... Exempel är vaccination
# mot influensa och pneumokocker till riskgrupper, 65-åringar och äldre enligt de riktlinjer och
# tidsangivelser som gäller för årlig vaccinationskampanj."


def _vacc(**extra: Any) -> dict[str, Any]:
    return {"typ": "vaccination", "vaccin": "influensa", "kontakt": "2025-10-20", "riskgrupp": False,
            "patient": {"fodelsedatum": "1960-10-20"}, **extra}


@pytest.mark.parametrize(
    ("born", "outcome"),
    [
        ("1960-10-20", "pass"),  # 65 on the vaccination day
        ("1960-10-21", "pass"),  # 64 that day, turns 65 the next day: a 65-åring of the 2025 campaign
        ("1960-12-31", "pass"),  # turns 65 on the campaign year's last day
        ("1961-01-01", "fail"),  # turns 65 only in 2026
    ],
)
def test_vaccination_65_aringar_of_the_campaign_year(born: str, outcome: str) -> None:
    # "65-åringar och äldre enligt de riktlinjer och tidsangivelser som gäller för årlig
    # vaccinationskampanj": the dated parameter age_basis (campaign_year) counts the year.
    r = ev("Vardkontakt", _vacc(patient={"fodelsedatum": born}), "vardkontakt.vaccination_65", date(2025, 10, 20))
    assert r.outcome.value == outcome and r.values["campaign_year"] == 2025
    assert [p.value for p in r.parameters if p.name == "age_basis"] == ["campaign_year"]


def test_vaccination_a_childs_general_programme_is_never_rejected() -> None:
    child = {"typ": "vaccination", "patient": {"fodelsedatum": "2021-03-01"}, "riskgrupp": False, "kontakt": "2025-05-20"}
    r = ev("Vardkontakt", child, "vardkontakt.vaccination_65")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.vaccin",)
    r = ev("Vardkontakt", {**child, "vaccin": "allmant_vaccinationsprogram"}, "vardkontakt.vaccination_65")
    assert r.outcome.value == "not_applicable"


def test_vaccination_risk_group_any_age_and_unknown_risk_indeterminate() -> None:
    young = _vacc(patient={"fodelsedatum": "1990-01-01"}, vaccin="pneumokocker")
    assert ev("Vardkontakt", {**young, "riskgrupp": True}, "vardkontakt.vaccination_65").outcome.value == "pass"
    del young["riskgrupp"]
    assert ev("Vardkontakt", young, "vardkontakt.vaccination_65").missing == ("$.riskgrupp",)


# --- listning.skyddade_personuppgifter ---------------------------------------------------------
# "Personer med skyddade personuppgifter får inte registreras i listningssystemet."


def test_skyddade_rejected_and_not_protected_accepted() -> None:
    r = ev("Listning", listing(person=person(skyddade_personuppgifter=True)), "listning.skyddade_personuppgifter")
    assert r.outcome.value == "fail" and r.values["decision"] == "reject" and r.values["listing_record"] is False
    assert ev("Listning", listing(), "listning.skyddade_personuppgifter").outcome.value == "pass"
    r = ev("Listning", listing(person=person(skyddade_personuppgifter=None)), "listning.skyddade_personuppgifter")
    assert r.missing == ("$.person.skyddade_personuppgifter",)


# --- listning.eget_val_alder -------------------------------------------------------------------
# "För att själv välja att lista sig vid en hälsocentral måste personen ha fyllt 16 år och vara
# folkbokförd i Sverige. Vårdnadshavaren väljer hälsocentral för barn och ungdomar under 16 år."


def _choice(day: str, by: str = "personen", **p: Any) -> dict[str, Any]:
    return listing(datum=day, valt_av=by, person=person(fodelsedatum="2009-06-15", **p))


def test_eget_val_16th_birthday() -> None:
    r = ev("Listning", _choice("2025-06-14"), "listning.eget_val_alder")
    assert r.outcome.value == "fail" and r.values["age"] == 15
    r = ev("Listning", _choice("2025-06-15"), "listning.eget_val_alder")
    assert r.outcome.value == "pass" and r.values["age"] == 16


def test_eget_val_guardian_representative_and_registration() -> None:
    assert ev("Listning", _choice("2025-06-14", "vardnadshavare"), "listning.eget_val_alder").outcome.value == "pass"
    assert ev("Listning", _choice("2025-06-15", "vardnadshavare"), "listning.eget_val_alder").outcome.value == "fail"
    assert ev("Listning", _choice("2025-06-15", "ombud"), "listning.eget_val_alder").outcome.value == "pass"
    r = ev("Listning", _choice("2025-06-15", folkbokford_i_sverige=False), "listning.eget_val_alder")
    assert r.outcome.value == "fail"


def test_eget_val_listing_day_picks_the_edition() -> None:
    r = ev("Listning", listing(datum="2024-12-31"), "listning.eget_val_alder", date(2025, 1, 5))
    assert r.outcome.value == "not_applicable" and r.values["reason"] == "no_rulebook_in_force"
    r = ev("Listning", listing(datum="2025-01-01"), "listning.eget_val_alder", date(2025, 1, 5))
    assert r.outcome.value == "pass" and r.edition == "2025" and r.governing_day == date(2025, 1, 1)


# --- listning.far_ej_neka ----------------------------------------------------------------------
# "Hälsocentralen får inte neka någon person som är folkbokförd i Sverige att välja den
# hälsocentralen. En person får lista om sig högst två gånger per år ..."


def test_far_ej_neka_other_region_may_choose() -> None:
    r = ev("Listning", listing(person=person(folkbokford_lan="stockholm")), "listning.far_ej_neka")
    assert r.outcome.value == "pass" and r.values["decision"] == "accept" and r.values["other_region"] is True


@pytest.mark.parametrize(
    ("extra", "ground"),
    [
        ({"tidigare_byten": ["2025-02-01", "2025-04-01"], "beslut": {"utfall": "avvisad", "skal": ["max_byten"]}},
         "listning.max_byten"),
        ({"person": person(fodelsedatum="2010-01-01"), "beslut": {"utfall": "avvisad", "skal": ["alder"]}},
         "listning.eget_val_alder"),
        ({"listningslage": {"tak": 1000, "listade": 1000}, "beslut": {"utfall": "avvisad", "skal": ["listningstak"]}},
         "listning.listningstak"),
        ({"enhet_ar_filial": True, "enhet_huvudmottagning": "HC-A", "beslut": {"utfall": "avvisad", "skal": []}},
         "listning.filial"),
    ],
)
def test_far_ej_neka_lawful_refusals_are_lawful(extra: dict[str, Any], ground: str) -> None:
    r = ev("Listning", listing(**extra), "listning.far_ej_neka")
    assert r.outcome.value == "pass" and r.values["lawful"] is True and ground in r.values["grounds"]


def test_far_ej_neka_a_cap_refusal_needs_a_unit_at_its_cap() -> None:
    refused = {"beslut": {"utfall": "avvisad", "skal": ["listningstak"]}}
    r = ev("Listning", listing(listningslage={"tak": 1000, "listade": 900}, **refused), "listning.far_ej_neka")
    assert r.outcome.value == "fail" and r.values["lawful"] is False and "decision" not in r.values
    r = ev("Listning", listing(listningslage=None, **refused), "listning.far_ej_neka")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.listningslage",)


@pytest.mark.parametrize(
    ("absent", "path"),
    [
        ("tidigare_byten", "$.tidigare_byten"),
        ("boende_sarskilt_boende", "$.boende_sarskilt_boende"),
        ("enhet_ar_filial", "$.enhet_ar_filial"),
        ("valt_av", "$.valt_av"),
        ("person.fodelsedatum", "$.person.fodelsedatum"),
        ("person.skyddade_personuppgifter", "$.person.skyddade_personuppgifter"),
    ],
)
@pytest.mark.parametrize("skal", [["annat"], ["annan_kommun"], None])
def test_far_ej_neka_a_ground_that_cannot_be_checked_keeps_a_refusal_from_failing(
    absent: str, path: str, skal: list[str] | None
) -> None:
    # "Hälsocentralen får inte neka någon person som är folkbokförd i Sverige att välja den
    # hälsocentralen. En person får lista om sig högst två gånger per år ...": the rule looks for any
    # lawful ground, whatever reason the unit wrote; while one cannot be checked, it cannot fail.
    beslut: dict[str, Any] = {"utfall": "avvisad"} if skal is None else {"utfall": "avvisad", "skal": skal}
    # At the cap, so that the special-housing fact is needed by listningstak.
    doc = listing(beslut=beslut, listningslage={"tak": 1000, "listade": 1000})
    if "." in absent:
        del doc["person"][absent.split(".")[1]]
    else:
        del doc[absent]
    r = ev("Listning", doc, "listning.far_ej_neka")
    if absent == "boende_sarskilt_boende":
        assert r.outcome.value == "indeterminate" and r.missing == (path,)
    else:  # the cap itself is a lawful ground here
        assert r.outcome.value == "pass" and r.values["grounds"] == ["listning.listningstak"]
    doc["listningslage"] = {"tak": 1000, "listade": 10}
    r = ev("Listning", doc, "listning.far_ej_neka")
    if absent == "boende_sarskilt_boende":  # not needed below the cap: every ground decided, none applies
        assert r.outcome.value == "fail" and r.values["lawful"] is False
    else:
        assert r.outcome.value == "indeterminate" and r.missing == (path,)


def test_far_ej_neka_the_reviewers_case_other_reason_without_earlier_changes() -> None:
    refused = {"beslut": {"utfall": "avvisad", "skal": ["annat"]}}
    r = ev("Listning", listing(tidigare_byten=None, **refused), "listning.far_ej_neka")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.tidigare_byten",)
    r = ev("Listning", listing(tidigare_byten=["2025-02-01", "2025-04-01"], **refused), "listning.far_ej_neka")
    assert r.outcome.value == "pass" and r.values["grounds"] == ["listning.max_byten"]
    assert r.values["claimed_grounds"] == []
    # Every ground decided and none applies: the refusal fails.
    r = ev("Listning", listing(tidigare_byten=["2025-02-01"], **refused), "listning.far_ej_neka")
    assert r.outcome.value == "fail" and r.values["required_decision"] == "accept"
    # No decision yet: the unit may not refuse only when every ground is decided.
    assert ev("Listning", listing(tidigare_byten=None), "listning.far_ej_neka").missing == ("$.tidigare_byten",)
    assert ev("Listning", listing(), "listning.far_ej_neka").values["decision"] == "accept"


def test_far_ej_neka_other_refusal_fails_and_scope() -> None:
    refused = listing(beslut={"utfall": "avvisad", "skal": ["annan_kommun"]})
    assert ev("Listning", refused, "listning.far_ej_neka").outcome.value == "fail"
    r = ev("Listning", listing(person=person(folkbokford_i_sverige=False)), "listning.far_ej_neka")
    assert r.outcome.value == "not_applicable"


# --- listning.max_byten ------------------------------------------------------------------------
# "En person får lista om sig högst två gånger per år, fler byten kan medges om det finns särskilda
# skäl för det t.ex. byte av bostadsort; ..."


def _byte(day: str, earlier: list[str] | None, reasons: list[str] | None = None) -> dict[str, Any]:
    return listing(datum=day, tidigare_byten=earlier, sarskilda_skal=reasons if reasons is not None else [])


def test_max_byten_calendar_year() -> None:
    r = ev("Listning", _byte("2025-09-10", ["2025-02-01", "2025-05-01"]), "listning.max_byten")
    assert r.outcome.value == "fail" and r.values["changes_in_year"] == 3
    # Rolling 12 months would give 3; the calendar-year reading gives 1.
    r = ev("Listning", _byte("2025-01-02", ["2024-10-01", "2024-12-31"]), "listning.max_byten")
    assert r.outcome.value == "pass" and r.values["changes_in_year"] == 1


def test_max_byten_special_reasons() -> None:
    doc = _byte("2025-09-10", ["2025-02-01", "2025-05-01"], ["byte_av_bostadsort"])
    assert ev("Listning", doc, "listning.max_byten").outcome.value == "pass"
    r = ev("Listning", _byte("2025-09-10", ["2025-02-01", "2025-05-01"], ["annat_skal"]), "listning.max_byten")
    assert r.outcome.value == "fail" and r.values["decision"] == "route" and r.values["route"] == "regionens_provning"
    doc = listing(datum="2025-09-10", tidigare_byten=["2025-02-01", "2025-05-01"], sarskilda_skal=None)
    assert ev("Listning", doc, "listning.max_byten").missing == ("$.sarskilda_skal",)


@pytest.mark.parametrize(
    ("code", "spelling"),
    [("byte_av_bostadsort", "Byte av bostadsort"), ("medicinska_skal", "Medicinska skäl"),
     ("medicinska_skal", "medicinska skäl"), ("folja_vardkontakt", "Följa vårdkontakt")],
)
def test_max_byten_the_texts_words_decide_like_the_codes(code: str, spelling: str) -> None:
    # "fler byten kan medges om det finns särskilda skäl för det t.ex. byte av bostadsort; ... eller
    # medicinska skäl."
    third = {"tidigare_byten": ["2025-02-01", "2025-04-01"]}
    by_code = ev("Listning", listing(sarskilda_skal=[code], **third), "listning.max_byten")
    by_words = ev("Listning", listing(sarskilda_skal=[spelling], **third), "listning.max_byten")
    assert by_code.outcome.value == by_words.outcome.value == "pass"
    assert by_code.values == by_words.values and by_words.values["special_reasons"] == [code]


@pytest.mark.parametrize(("code", "spelling"), [("listningstak", "Listningstak"), ("listningsstopp", "Listningsstopp"),
                                                ("filial", "Filial")])
@pytest.mark.parametrize("tak", [999, 1000])
def test_far_ej_neka_the_texts_words_decide_like_the_codes(code: str, spelling: str, tak: int) -> None:
    # "Hälsocentral som beviljats listningstak, och uppnått taket, ansvarar för att informera enskilda
    # att listning inte är möjlig." The reason given decides nothing; its spelling changes nothing.
    state = {"listningslage": {"tak": tak, "listade": 999}}
    by_code = ev("Listning", listing(beslut={"utfall": "avvisad", "skal": [code]}, **state), "listning.far_ej_neka")
    by_words = ev("Listning", listing(beslut={"utfall": "avvisad", "skal": [spelling]}, **state), "listning.far_ej_neka")
    assert by_code.outcome == by_words.outcome and by_code.values == by_words.values
    assert by_code.outcome.value == ("pass" if tak == 999 else "fail")


def test_max_byten_order_of_earlier_changes_does_not_matter() -> None:
    days = ["2025-02-01", "2025-05-01", "2024-03-03"]
    results = {ev("Listning", _byte("2025-09-10", list(p)), "listning.max_byten").outcome
               for p in itertools.permutations(days)}
    assert results == {ps.Outcome.fail}


# --- listning.kollektiv_listning ---------------------------------------------------------------


def test_kollektiv() -> None:
    # "Det är inte tillåtet att erbjuda befolkningen rabatter eller andra särskilda förmåner"
    assert ev("Listning", listing(), "listning.kollektiv_listning").outcome.value == "pass"
    assert ev("Listning", listing(formaner_erbjudna=True), "listning.kollektiv_listning").outcome.value == "fail"
    r = ev("Listning", listing(formaner_erbjudna=None), "listning.kollektiv_listning")
    assert r.missing == ("$.formaner_erbjudna",)


# --- listning.ickeval / flytt_inom_lanet / nyfodda ---------------------------------------------
# 4.1 "Personer som är folkbokförda i Västerbotten och som avstår från att själv välja hälsocentral
# tilldelas den hälsocentral inom det geografiska närområde där personen är folkbokförd"
# 4.4 "Personer som gjort ett eget val av hälsocentral och flyttar till ny folkbokföringsadress inom
# länet, tillhör den valda hälsocentralen till dess ett nytt val görs."

CANDIDATES = [
    {"enhet_id": "HC-A", "nyckelkodsomraden": ["NK1", "NK2"], "ar_filial": False},
    {"enhet_id": "HC-B", "nyckelkodsomraden": ["NK3"], "ar_filial": False},
    {"enhet_id": "HC-B-filial", "nyckelkodsomraden": ["NK3"], "ar_filial": True},
]


def _assignment(valtyp: str = "ickeval", **extra: Any) -> dict[str, Any]:
    return {"datum": DAY, "valtyp": valtyp, "person": person(), "kandidater": CANDIDATES, **extra}


def test_ickeval_assigns_the_unit_of_the_area() -> None:
    r = ev("Listning", _assignment(), "listning.ickeval")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-B"


def test_ickeval_another_unit_is_routed_to_the_assigned_one() -> None:
    doc = _assignment("inflyttad", person=person(nyckelkodsomrade="NK1"), enhet_id="HC-B")
    r = ev("Listning", doc, "listning.ickeval")
    assert r.outcome.value == "fail" and r.values["decision"] == "route" and r.values["route"] == "HC-A"


def test_ickeval_two_units_for_one_area_is_indeterminate() -> None:
    both = [*CANDIDATES, {"enhet_id": "HC-C", "nyckelkodsomraden": ["NK3"]}]
    r = ev("Listning", _assignment(kandidater=both), "listning.ickeval")
    assert r.outcome.value == "indeterminate" and "assigned" not in r.values


def test_ickeval_outside_county_and_active_choice_are_outside_its_scope() -> None:
    r = ev("Listning", _assignment(person=person(folkbokford_lan="norrbotten")), "listning.ickeval")
    assert r.outcome.value == "not_applicable"
    assert ev("Listning", _assignment("aktivt_val"), "listning.ickeval").outcome.value == "not_applicable"


def test_assignment_needs_to_know_the_person_is_not_protected() -> None:
    r = ev("Listning", _assignment(person=person(skyddade_personuppgifter=None)), "listning.ickeval")
    assert r.missing == ("$.person.skyddade_personuppgifter",) and "assigned" not in r.values


def test_move_in_from_another_county_does_not_keep_an_earlier_choice_and_rules_agree() -> None:
    # The review's D2 input: ickeval assigns the area's unit; flytt_inom_lanet does not apply.
    doc = _assignment("inflyttad", nyinflyttad=True, tidigare_valtyp="aktivt_val", tidigare_enhet="KALMAR-VC-7",
                      flytt_inom_lanet=False)
    assert ev("Listning", doc, "listning.ickeval").values["assigned"] == "HC-B"
    assert ev("Listning", doc, "listning.flytt_inom_lanet").outcome.value == "not_applicable"


def test_flytt_within_the_county() -> None:
    own = _assignment(flytt_inom_lanet=True, tidigare_valtyp="aktivt_val", tidigare_enhet="HC-A")
    r = ev("Listning", own, "listning.flytt_inom_lanet")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-A"
    assert ev("Listning", own, "listning.ickeval").outcome.value == "not_applicable"
    assigned = _assignment(flytt_inom_lanet=True, tidigare_valtyp="ickeval", tidigare_enhet="HC-A")
    r = ev("Listning", assigned, "listning.flytt_inom_lanet")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-B"


def test_flytt_unknown_move_is_indeterminate_and_no_move_not_applicable() -> None:
    doc = _assignment(tidigare_valtyp="ickeval", tidigare_enhet="HC-A")
    assert ev("Listning", doc, "listning.flytt_inom_lanet").missing == ("$.flytt_inom_lanet",)
    r = ev("Listning", {**doc, "flytt_inom_lanet": False}, "listning.flytt_inom_lanet")
    assert r.outcome.value == "not_applicable"
    assert ev("Listning", _assignment("aktivt_val"), "listning.flytt_inom_lanet").outcome.value == "not_applicable"


def test_nyfodda() -> None:
    # "Om inget val görs tillhör barnet samma hälsocentral som modern eller annan utsedd vårdnadshavare."
    doc = {"datum": DAY, "valtyp": "nyfodd", "person": person(fodelsedatum="2025-05-30"), "vardnadshavares_enhet": "HC-M"}
    r = ev("Listning", doc, "listning.nyfodda")
    assert r.outcome.value == "pass" and r.values["assigned"] == "HC-M"
    r = ev("Listning", {**doc, "enhet_id": "HC-X"}, "listning.nyfodda")
    assert r.outcome.value == "fail" and r.values["route"] == "HC-M"
    assert ev("Listning", {**doc, "vardnadshavares_enhet": None}, "listning.nyfodda").missing == ("$.vardnadshavares_enhet",)


# --- listning.listningstak ---------------------------------------------------------------------
# "begränsa det antal patienter som får vara listade" ... "Hälsocentral som beviljats listningstak,
# och uppnått taket, ansvarar för att informera enskilda att listning inte är möjlig."


def test_tak_at_the_cap_means_full() -> None:
    r = ev("Listning", listing(listningslage={"tak": 1000, "listade": 1000}), "listning.listningstak")
    assert r.outcome.value == "fail" and r.values["decision"] == "reject" and r.values["declared"] == 1000
    r = ev("Listning", listing(listningslage={"tak": 1000, "listade": 999}), "listning.listningstak")
    assert r.outcome.value == "pass"


@pytest.mark.parametrize("valtyp", ["inflyttad", "nyfodd", "ickeval"])
def test_tak_does_not_stop_non_choice(valtyp: str) -> None:
    doc = listing(valtyp=valtyp, listningslage={"tak": 1000, "listade": 1001})
    assert ev("Listning", doc, "listning.listningstak").outcome.value == "pass"


def test_tak_special_housing_and_unknowns() -> None:
    full = {"tak": 1000, "listade": 1000}
    assert ev("Listning", listing(listningslage=full, boende_sarskilt_boende=True), "listning.listningstak") \
        .outcome.value == "pass"
    r = ev("Listning", listing(listningslage=full, boende_sarskilt_boende=None), "listning.listningstak")
    assert r.missing == ("$.boende_sarskilt_boende",)
    r = ev("Listning", listing(listningslage={"listade": 5000}), "listning.listningstak")
    assert r.outcome.value == "not_applicable"


# --- listning.listningsstopp -------------------------------------------------------------------
# "Listningsstopp är tidsbegränsat till maximalt 3 månader."


def _stopp(day: str, fran: str, till: str | None, valtyp: str = "aktivt_val") -> dict[str, Any]:
    stopp = {"fran": fran} if till is None else {"fran": fran, "till": till}
    return listing(datum=day, valtyp=valtyp, listningslage={"stopp": stopp})


def test_stopp_three_months_whose_first_day_counts() -> None:
    # 1 January + 3 months = 1 April; the stop's last day is at most 31 March.
    r = ev("Listning", _stopp("2025-03-31", "2025-01-01", "2025-03-31"), "listning.listningsstopp")
    assert r.outcome.value == "fail" and r.values["stop_valid"] is True
    assert r.values["stop_max_until"] == date(2025, 3, 31)
    assert ev("Listning", _stopp("2025-04-01", "2025-01-01", "2025-03-31"), "listning.listningsstopp") \
        .outcome.value == "pass"


def test_stopp_longer_than_three_months_is_invalid_and_stops_nothing() -> None:
    r = ev("Listning", _stopp("2025-02-10", "2025-01-01", "2025-04-01"), "listning.listningsstopp")
    assert r.outcome.value == "pass" and r.values["stop_valid"] is False


def test_stopp_without_an_end_cannot_be_judged_and_is_not_no_stop() -> None:
    # "Listningsstopp är tidsbegränsat till maximalt 3 månader": the end decides whether the stop is
    # valid and whether the day falls in it. From 1 May the latest possible last day is 31 July.
    for day in ("2025-05-01", "2025-06-02", "2025-07-31"):
        r = ev("Listning", _stopp(day, "2025-05-01", None), "listning.listningsstopp")
        assert r.outcome.value == "indeterminate" and r.missing == ("$.listningslage.stopp.till",), day
    for day in ("2025-04-30", "2025-08-01"):  # decided whatever the end
        assert ev("Listning", _stopp(day, "2025-05-01", None), "listning.listningsstopp").outcome.value == "pass"
    # far_ej_neka follows: a refusal for another reason cannot be called unlawful.
    doc = _stopp("2025-06-02", "2025-05-01", None)
    doc["beslut"] = {"utfall": "avvisad", "skal": ["annat"]}
    r = ev("Listning", doc, "listning.far_ej_neka")
    assert r.outcome.value == "indeterminate" and r.missing == ("$.listningslage.stopp.till",)


def test_stopp_end_of_month_is_clamped_before_the_day_is_taken_off() -> None:
    # 30 November 2025 + 3 months = 28 February 2026 (clamped); the last day is 27 February.
    r = ev("Listning", _stopp("2025-12-15", "2025-11-30", "2026-02-27"), "listning.listningsstopp")
    assert r.outcome.value == "fail" and r.values["stop_max_until"] == date(2026, 2, 27)
    r = ev("Listning", _stopp("2025-12-15", "2025-11-30", "2026-02-28"), "listning.listningsstopp")
    assert r.outcome.value == "pass" and r.values["stop_valid"] is False


@pytest.mark.parametrize("valtyp", ["inflyttad", "nyfodd"])
def test_stopp_still_lists_moved_in_and_newborns(valtyp: str) -> None:
    doc = _stopp("2025-12-15", "2025-11-30", "2026-02-27", valtyp)
    assert ev("Listning", doc, "listning.listningsstopp").outcome.value == "pass"


# --- listning.filial ---------------------------------------------------------------------------
# "Filialer är inte valbara inom Hälsovalet och patienter kan inte lista sig vid dessa."


def test_filial_routed_to_main_clinic_fails_for_the_filial() -> None:
    r = ev("Listning", listing(enhet_ar_filial=True, enhet_huvudmottagning="HC-B"), "listning.filial")
    assert r.outcome.value == "fail" and r.values["decision"] == "route" and r.values["route"] == "HC-B"
    assert ev("Listning", listing(enhet_ar_filial=True), "listning.filial").values["decision"] == "reject"
    assert ev("Listning", listing(), "listning.filial").outcome.value == "pass"
    assert ev("Listning", listing(enhet_ar_filial=None), "listning.filial").missing == ("$.enhet_ar_filial",)


def test_non_choice_is_never_stopped_even_without_cap_state() -> None:
    doc = {"datum": DAY, "valtyp": "nyfodd", "person": person()}
    assert ev("Listning", doc, "listning.listningstak").outcome.value == "pass"
    assert ev("Listning", doc, "listning.listningsstopp").outcome.value == "pass"
    assert ev("Listning", doc, "listning.flytt_inom_lanet").outcome.value == "not_applicable"
    assert ev("Listning", {**doc, "valtyp": "ickeval"}, "listning.filial").outcome.value == "not_applicable"


# --- vardenhet ---------------------------------------------------------------------------------


def _doctors(specialists: int, others: int) -> list[dict[str, Any]]:
    staff = [{"id": f"L{i}", "yrke": "lakare", "specialiteter": ["allmanmedicin"]} for i in range(specialists)]
    staff += [{"id": f"O{i}", "yrke": "lakare", "specialiteter": ["internmedicin"]} for i in range(others)]
    return staff


def test_allmanmedicin_more_than_half() -> None:
    # "Övervägande delen av de verksamma läkarna på hälsocentralen ska vara specialister i allmänmedicin."
    r = ev("Vardenhet", {"id": "HC", "personal": _doctors(2, 2)}, "vardenhet.allmanmedicin_majoritet")
    assert r.outcome.value == "fail" and r.values["declared"] == 0.5
    r = ev("Vardenhet", {"id": "HC", "personal": _doctors(3, 2)}, "vardenhet.allmanmedicin_majoritet")
    assert r.outcome.value == "pass" and r.values["declared"] == 0.6


def test_allmanmedicin_unknowns() -> None:
    r = ev("Vardenhet", {"id": "HC", "personal": [*_doctors(3, 0), {"id": "X"}]}, "vardenhet.allmanmedicin_majoritet")
    assert r.missing == ("$.personal[3].yrke",)
    r = ev("Vardenhet", {"id": "HC", "personal": [*_doctors(1, 0), {"id": "L9", "yrke": "lakare"}]},
           "vardenhet.allmanmedicin_majoritet")
    assert r.missing == ("$.personal[1].specialiteter",)
    assert ev("Vardenhet", {"id": "HC"}, "vardenhet.allmanmedicin_majoritet").missing == ("$.personal",)


def test_distriktsskoterska_majority_midwives_not_counted() -> None:
    half = [{"id": "S1", "yrke": "sjukskoterska", "specialiteter": ["distriktsskoterska"]},
            {"id": "S2", "yrke": "sjukskoterska", "specialiteter": []},
            {"id": "B1", "yrke": "barnmorska", "specialiteter": []}]
    assert ev("Vardenhet", {"id": "HC", "personal": half}, "vardenhet.distriktsskoterska_majoritet").outcome.value == "fail"
    more = [*half, {"id": "S3", "yrke": "sjukskoterska", "specialiteter": ["distriktsskoterska"]}]
    r = ev("Vardenhet", {"id": "HC", "personal": more}, "vardenhet.distriktsskoterska_majoritet")
    assert r.outcome.value == "pass" and r.values["qualified"] == 2 and r.values["total"] == 3


def test_bvc_mvc() -> None:
    # "Sjuksköterska på BVC ska vara specialistutbildad ... eller distriktssköterska. Sjuksköterska
    # på MVC ska vara utbildad barnmorska."
    good = [{"id": "S1", "yrke": "sjukskoterska", "uppdrag": ["bvc"], "specialiteter": ["barnsjukskoterska"]},
            {"id": "B1", "yrke": "barnmorska", "uppdrag": ["mvc"], "specialiteter": []}]
    assert ev("Vardenhet", {"id": "HC", "personal": good}, "vardenhet.bvc_mvc_kompetens").outcome.value == "pass"
    bad = [{"id": "S2", "yrke": "sjukskoterska", "uppdrag": ["bvc"], "specialiteter": []},
           {"id": "S3", "yrke": "sjukskoterska", "uppdrag": ["mvc"], "specialiteter": ["distriktsskoterska"]}]
    r = ev("Vardenhet", {"id": "HC", "personal": bad}, "vardenhet.bvc_mvc_kompetens")
    assert r.outcome.value == "fail" and r.values["staff_not_qualified"] == ["S2 (BVC)", "S3 (MVC)"]
    none = [{"id": "L", "yrke": "lakare", "uppdrag": []}]
    assert ev("Vardenhet", {"id": "HC", "personal": none}, "vardenhet.bvc_mvc_kompetens").outcome.value == "not_applicable"


def test_kompetenser_lowest_steg_1() -> None:
    # "Hälsocentralen ska inneha kompetenser inom psykoterapi (lägst grundläggande psykoterapiutbildning, Steg 1)."
    for level in ("psykoterapi_steg1", "psykoterapi_steg2"):
        doc = {"id": "HC", "kompetenser": ["fysioterapi", "arbetsterapi", level]}
        assert ev("Vardenhet", doc, "vardenhet.kompetenser").outcome.value == "pass", level
    r = ev("Vardenhet", {"id": "HC", "kompetenser": ["fysioterapi"]}, "vardenhet.kompetenser")
    assert r.values["missing_competences"] == ["arbetsterapi", "psykoterapi_steg1"]
    assert ev("Vardenhet", {"id": "HC"}, "vardenhet.kompetenser").missing == ("$.kompetenser",)


FUNCTIONS = [
    {"id": "F1", "yrke": "sjukskoterska", "funktioner": ["samordningsfunktion"], "specialiteter": []},
    {"id": "F2", "yrke": "sjukskoterska", "funktioner": [], "specialiteter": ["psykiatrisk_sjukskoterska"]},
    {"id": "F3", "yrke": "fysioterapeut", "namn": "Fiktiv Koordinator", "funktioner": ["rehabiliteringskoordinator"],
     "specialiteter": []},
    {"id": "F4", "yrke": "lakare", "namn": "Fiktiv Läkare", "funktioner": ["forsakringsmedicinsk_lakare"],
     "specialiteter": []},
]


def test_bemannade_funktioner() -> None:
    # "Hälsocentralen ska ha minst en utsedd namngiven läkare på hälsocentralen med försäkringsmedicinskt uppdrag"
    assert ev("Vardenhet", {"id": "HC", "personal": FUNCTIONS}, "vardenhet.bemannade_funktioner").outcome.value == "pass"
    nurse = [*FUNCTIONS[:3], {**FUNCTIONS[3], "yrke": "sjukskoterska"}]
    r = ev("Vardenhet", {"id": "HC", "personal": nurse}, "vardenhet.bemannade_funktioner")
    assert r.outcome.value == "fail" and r.values["missing_functions"] == ["forsakringsmedicinsk_lakare"]
    unnamed = [*FUNCTIONS[:3], {k: v for k, v in FUNCTIONS[3].items() if k != "namn"}]
    r = ev("Vardenhet", {"id": "HC", "personal": unnamed}, "vardenhet.bemannade_funktioner")
    assert r.missing == ("$.personal[3].namn",)
    assert "Fiktiv" not in ps.dumps(r)
    unknown = [*FUNCTIONS[:3], {k: v for k, v in FUNCTIONS[3].items() if k != "yrke"}]
    r = ev("Vardenhet", {"id": "HC", "personal": unknown}, "vardenhet.bemannade_funktioner")
    assert r.missing == ("$.personal[3].yrke",)


def test_smittskydd() -> None:
    # "det ska finnas utsedd kontaktperson, läkare eller sjuksköterska, till länets smittskyddsläkare"
    ok = [{"id": "S1", "yrke": "sjukskoterska", "funktioner": ["smittskydd_kontaktperson"]}]
    assert ev("Vardenhet", {"id": "HC", "personal": ok}, "vardenhet.smittskydd_kontaktperson").outcome.value == "pass"
    wrong = [{"id": "K1", "yrke": "kurator", "funktioner": ["smittskydd_kontaktperson"]}]
    assert ev("Vardenhet", {"id": "HC", "personal": wrong}, "vardenhet.smittskydd_kontaktperson").outcome.value == "fail"
    assert ev("Vardenhet", {"id": "HC", "personal": []}, "vardenhet.smittskydd_kontaktperson").outcome.value == "fail"
    unknown = [{"id": "S1", "yrke": "sjukskoterska"}]
    r = ev("Vardenhet", {"id": "HC", "personal": unknown}, "vardenhet.smittskydd_kontaktperson")
    assert r.missing == ("$.personal[0].funktioner",)


@pytest.mark.parametrize("ort", ["Vännäs", "vännäs", "Vannas", " VÄNNÄS "])
def test_sjukvardsgrupp_locality_with_or_without_diacritics(ort: str) -> None:
    # "Hälsocentralerna i ... Vännäs ... ska kunna bistå med en sjukvårdsgrupp"
    r = ev("Vardenhet", {"id": "HC", "ort": ort, "kan_bista_sjukvardsgrupp": False}, "vardenhet.sjukvardsgrupp")
    assert r.outcome.value == "fail" and r.values["locality"] == "Vännäs"


def test_sjukvardsgrupp_other_places_and_unknowns() -> None:
    assert ev("Vardenhet", {"id": "HC", "ort": "Åsele", "kan_bista_sjukvardsgrupp": True}, "vardenhet.sjukvardsgrupp") \
        .outcome.value == "pass"
    assert ev("Vardenhet", {"id": "HC", "ort": "Umeå"}, "vardenhet.sjukvardsgrupp").outcome.value == "not_applicable"
    assert ev("Vardenhet", {"id": "HC", "ort": "Malå"}, "vardenhet.sjukvardsgrupp").missing == ("$.kan_bista_sjukvardsgrupp",)


def test_kvalitetsregister() -> None:
    # "Registreringsskyldighet gäller för: - Nationella Mödrahälsovårdsregistret - Nationella Diabetesregistret"
    doc = {"id": "HC", "kvalitetsregister": ["Nationella Mödrahälsovårdsregistret", "Diabetesregistret"]}
    assert ev("Vardenhet", doc, "vardenhet.kvalitetsregister").outcome.value == "pass"
    r = ev("Vardenhet", {"id": "HC", "kvalitetsregister": ["ndr"]}, "vardenhet.kvalitetsregister")
    assert r.outcome.value == "fail" and r.values["missing_registers"] == ["modrahalsovardsregistret"]


def test_filial_ledning() -> None:
    good = {"huvudmottagning_id": "HC-B", "samma_verksamhetschef": True, "samma_organisation": True, "underleverantor": False}
    assert ev("Vardenhet", {"id": "F", "ar_filial": True, "filial": good}, "vardenhet.filial_ledning").outcome.value == "pass"
    sub = {**good, "underleverantor": True}
    assert ev("Vardenhet", {"id": "F", "ar_filial": True, "filial": sub}, "vardenhet.filial_ledning").outcome.value == "fail"
    assert ev("Vardenhet", {"id": "HC", "ar_filial": False}, "vardenhet.filial_ledning").outcome.value == "not_applicable"
    r = ev("Vardenhet", {"id": "F", "ar_filial": True, "filial": {"samma_verksamhetschef": True}}, "vardenhet.filial_ledning")
    assert r.missing == ("$.filial.huvudmottagning_id", "$.filial.samma_organisation", "$.filial.underleverantor")


# --- uppfoljning -------------------------------------------------------------------------------

PERIOD_2025 = {"fran": "2025-01-01", "till": "2025-12-31"}


def _psb(delivered: str | None, year: int = 2025) -> dict[str, Any]:
    report: dict[str, Any] = {"typ": "patientsakerhetsberattelse", "avser_ar": year}
    if delivered:
        report["levererad"] = delivered
    return {"period": PERIOD_2025, "rapporter": [report]}


def test_psb_due_1_march_next_year_not_moved_from_a_sunday() -> None:
    # "Hälsocentralen ska lämna sin årliga patientsäkerhetsberättelse ... senast 1 mars årligen."
    r = ev("Uppfoljning", _psb("2026-03-01"), "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 15))
    assert r.outcome.value == "met" and r.values["due"] == date(2026, 3, 1) and r.values["due_is_vardag"] is False
    r = ev("Uppfoljning", _psb("2026-03-02"), "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 15))
    assert r.outcome.value == "missed" and "not move" in r.explanation.en


@pytest.mark.parametrize("typ", ["patientsakerhetsberattelse", "Patientsäkerhetsberättelse", "PATIENTSÄKERHETSBERÄTTELSEN"])
def test_psb_the_texts_spelling_decides_like_the_code(typ: str) -> None:
    doc = {"period": PERIOD_2025, "rapporter": [{"typ": typ, "avser_ar": 2025, "levererad": "2026-03-01"}]}
    r = ev("Uppfoljning", doc, "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 15))
    assert r.outcome.value == "met"
    doc["rapporter"][0]["typ"] = "Verksamhetsberättelse"  # another report is not it
    assert ev("Uppfoljning", doc, "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 15)).outcome.value == "missed"


def test_psb_undelivered_open_then_missed_and_missing() -> None:
    assert ev("Uppfoljning", _psb(None), "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 1)).outcome.value == "open"
    assert ev("Uppfoljning", _psb(None), "uppfoljning.patientsakerhetsberattelse", date(2026, 3, 2)).outcome.value == "missed"
    r = ev("Uppfoljning", {"rapporter": []}, "uppfoljning.patientsakerhetsberattelse")
    assert r.missing == ("$.period.fran",)


def test_dialog_needs_a_period() -> None:
    # "Minst två gånger per år träffas verksamhetsföreträdare ..."; the year is never guessed.
    r = ev("Uppfoljning", {"dialogmoten": ["2025-03-01"]}, "uppfoljning.dialog", date(2026, 1, 5))
    assert r.outcome.value == "indeterminate" and r.missing == ("$.period.fran",)
    r = ev("Uppfoljning", {"period": PERIOD_2025, "dialogmoten": ["2025-03-01"]}, "uppfoljning.dialog", date(2026, 1, 5))
    # The meetings are the region's follow-up method (7.1.2), not the unit's duty: too few is a warning.
    assert r.outcome.value == "warning" and r.values["declared"] == {"2025": 1}
    r = ev("Uppfoljning", {"period": PERIOD_2025, "dialogmoten": ["2025-03-01", "2025-10-01"]}, "uppfoljning.dialog",
           date(2026, 1, 5))
    assert r.outcome.value == "pass"
    r = ev("Uppfoljning", {"period": PERIOD_2025, "dialogmoten": ["2025-03-01"]}, "uppfoljning.dialog", date(2025, 12, 31))
    assert r.outcome.value == "warning"


def test_byte_verksamhetschef_day_before_met_same_day_missed() -> None:
    # "Vid byte av verksamhetschef ska skriftlig information lämnas ... innan förändringen träder i kraft."
    doc = {"period": PERIOD_2025,
           "forandringar": [{"typ": "byte_verksamhetschef", "datum": "2025-09-01", "meddelad": "2025-08-31"}]}
    r = ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef", date(2025, 9, 10))
    assert r.outcome.value == "met" and r.values["due"] == date(2025, 8, 31)
    doc["forandringar"][0]["meddelad"] = "2025-09-01"
    assert ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef", date(2025, 9, 10)).outcome.value == "missed"


def test_byte_verksamhetschef_several_changes_worst_wins_in_any_order() -> None:
    changes = [{"typ": "byte_verksamhetschef", "datum": "2025-09-01", "meddelad": "2025-08-01"},
               {"typ": "byte_verksamhetschef", "datum": "2025-11-03", "meddelad": "2025-11-03"}]
    for order in (changes, changes[::-1]):
        r = ev("Uppfoljning", {"period": PERIOD_2025, "forandringar": order}, "uppfoljning.byte_verksamhetschef",
               date(2025, 12, 1))
        assert r.outcome.value == "missed" and r.values["due"] == date(2025, 11, 2)
        assert len(r.values["parts"]) == 2


def test_byte_verksamhetschef_each_change_is_judged_by_its_own_day() -> None:
    # governing_day each_item: the day the change takes effect picks the rulebook, not the period or
    # the evaluation day. 31 December 2025 is in the 2025 rulebook, 1 January 2026 is not.
    late = {"typ": "byte_verksamhetschef", "datum": "2025-12-31", "meddelad": "2025-12-31"}
    r = ev("Uppfoljning", {"forandringar": [late]}, "uppfoljning.byte_verksamhetschef", date(2026, 2, 1))
    assert r.outcome.value == "missed" and r.values["due"] == date(2025, 12, 30) and r.values["edition"] == "2025"
    assert r.governing_day is None
    nxt = {"typ": "byte_verksamhetschef", "datum": "2026-01-01", "meddelad": "2025-12-01"}
    r = ev("Uppfoljning", {"forandringar": [nxt]}, "uppfoljning.byte_verksamhetschef", date(2026, 2, 1))
    assert r.outcome.value == "not_applicable" and r.values["reason"] == "no_rulebook_in_force"
    r = ev("Uppfoljning", {"period": {"fran": "2026-01-01"}, "forandringar": [late, nxt]},
           "uppfoljning.byte_verksamhetschef", date(2026, 2, 1))
    assert r.outcome.value == "missed" and r.values["changes_outside_edition"] == [date(2026, 1, 1)]


@pytest.mark.parametrize("typ", ["byte_verksamhetschef", "Byte av verksamhetschef", "byte av verksamhetschef"])
def test_byte_verksamhetschef_the_texts_spelling_decides_like_the_code(typ: str) -> None:
    doc = {"forandringar": [{"typ": typ, "datum": "2025-09-01", "meddelad": "2025-08-31"}]}
    r = ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef", date(2025, 9, 10))
    assert r.outcome.value == "met" and r.values["due"] == date(2025, 8, 31)


def test_byte_verksamhetschef_none_and_missing() -> None:
    doc = {"period": PERIOD_2025, "forandringar": [{"typ": "lokalbyte", "datum": "2025-09-01"}]}
    assert ev("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef").outcome.value == "not_applicable"
    assert ev("Uppfoljning", {"period": PERIOD_2025}, "uppfoljning.byte_verksamhetschef").missing == ("$.forandringar",)


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
        # "Utanför hälsocentralens ordinarie öppettider ansvarar hälsocentralen för akuta och planerade insatser av läkare"
        ("jour", "2.7.1 Öppettider"),
        # 1 Inledning: "De leverantörer som uppfyller de av regionen beslutade krav ska ha rätt att etablera sig"
        ("ansokan_och_avtal", "1 Inledning"),
    ],
)
def test_annex_sections(topic: str, section: str) -> None:
    ref = ps.annex(REGION, PROGRAMME, topic)
    assert ref.annex.number is None and ref.annex.section == section
    assert ref.citation is not None and ref.citation.document == "vasterbotten-uppdrag-och-regler-2025"


def test_every_canonical_annex_topic_answers() -> None:
    from primarvard_sdk.model import ANNEX_TOPICS

    for topic in ANNEX_TOPICS:
        assert ps.annex(REGION, PROGRAMME, topic).annex.section, topic


@pytest.mark.parametrize(
    ("cited_as", "topic"),
    [
        # 2.6: "(se kapitel 6 Informatik, medicinsk teknik och telefoni inkl. bilagor)" — chapter 6 under a second title
        ("Informatik, medicinsk teknik och telefoni", "it"),
        # 3.6: "(se avsnitt 6.1 Informatik)"
        ("Informatik", "it"),
        # 1.3: "villkoren i uppdrag och ersättningsmodell"
        ("Ersättningsmodell", "ersattning"),
        # 2.8: "avsnitt 9.4 i Region Västerbottens Avgiftshandbok"
        ("Avgiftshandbok", "patientavgifter"),
    ],
)
def test_annex_aliases_as_the_text_cites_them(cited_as: str, topic: str) -> None:
    assert ps.annex(REGION, PROGRAMME, cited_as).topic == topic
