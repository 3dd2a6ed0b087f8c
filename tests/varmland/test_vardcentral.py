"""varmland.vardcentral: care unit, availability, contacts, referrals, follow-up and allocation.

Expected values are worked out by hand from the Krav- och kvalitetsbok (del 2) and the project's
calendar policy; each test of a reading the audit showed wrong quotes the words that decide it.
The worked examples (data/vardcentral.examples.yaml) cover every rule case by case; these tests
add the properties and the reproducing inputs of issue 11.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from primarvard_sdk import evaluate, parse_document
from primarvard_sdk.errors import InvalidDocument
from primarvard_sdk.model import Outcome, Result

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
AS_OF = date(2025, 6, 2)  # a Monday


def run(type_name: str, doc: dict[str, Any], rule: str, as_of: date = AS_OF) -> Result:
    parsed = parse_document(doc, type_name)
    (result,) = evaluate(
        parsed, region="varmland", programme="vardcentral", as_of=as_of, rule=f"varmland.vardcentral.{rule}"
    )
    return result


def unit(**fields: Any) -> dict[str, Any]:
    return {"id": "vc-test", **fields}


def staff(mid: str, yrke: str | None, **fields: Any) -> dict[str, Any]:
    member: dict[str, Any] = {"id": mid, "specialiteter": [], "uppdrag": [], **fields}
    if yrke is not None:
        member["yrke"] = yrke
    return member


WEEK = ("mon", "tue", "wed", "thu", "fri")


def weekdays(fran: str, till: str, days: tuple[str, ...] = WEEK) -> list[dict[str, str]]:
    return [{"dag": d, "fran": fran, "till": till} for d in days]


# --- rulebook edition -------------------------------------------------------------------------


def test_every_rule_says_the_same_before_the_edition() -> None:
    # The rulebook states no date; the edition is dated from 2024-01-01 (region.yaml says why).
    # A standing requirement checked on 2023-12-31 has no rulebook in force, with or without parameters.
    for rule in ("vardenhet.kvalitetsregister", "vardenhet.jour_kompetens", "vardenhet.bvc_lakartid"):
        r = run("Vardenhet", unit(personal=[], kvalitetsregister=["ndr"]), rule, date(2023, 12, 31))
        assert r.outcome is Outcome.not_applicable and r.values["reason"] == "no_rulebook_in_force"
    r = run("Vardenhet", unit(kvalitetsregister=["ndr"]), "vardenhet.kvalitetsregister", date(2024, 1, 1))
    assert r.outcome is Outcome.fail


def test_a_contact_is_judged_by_its_own_day_not_the_evaluation_day() -> None:
    doc = {"typ": "akut_hembesok", "behov_bedomt": "2023-12-31T22:00:00+01:00", "utford": "2024-01-01T01:00:00+01:00"}
    assert run("Vardkontakt", doc, "vardkontakt.akut_hembesok", date(2024, 1, 2)).outcome is Outcome.not_applicable
    doc = {"typ": "akut_hembesok", "behov_bedomt": "2024-01-01T00:30:00+01:00", "utford": "2024-01-01T04:00:00+01:00"}
    assert run("Vardkontakt", doc, "vardkontakt.akut_hembesok", date(2024, 1, 2)).outcome is Outcome.met


# --- akut hembesök (4 real hours) ---------------------------------------------------------------
# "Invånare ska efter läkarbedömning och då medicinskt behov föreligger, kunna erhålla akuta
# läkarbesök inom 4 timmar i hemmet dygnet runt."


def hembesok(assessed: Any, done: Any = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"typ": "akut_hembesok", "behov_bedomt": assessed}
    if done is not None:
        doc["utford"] = done
    return doc


def test_akut_hembesok_spring_forward() -> None:
    r = run("Vardkontakt", hembesok("2025-03-30T00:30:00+01:00", "2025-03-30T05:30:00+02:00"),
            "vardkontakt.akut_hembesok", date(2025, 3, 30))
    assert r.values["due"] == datetime(2025, 3, 30, 5, 30, tzinfo=CEST)
    assert r.outcome is Outcome.met


def test_akut_hembesok_fall_back() -> None:
    r = run("Vardkontakt", hembesok("2025-10-26T00:30:00+02:00", "2025-10-26T03:31:00+01:00"),
            "vardkontakt.akut_hembesok", date(2025, 10, 26))
    assert r.values["due"] == datetime(2025, 10, 26, 3, 30, tzinfo=CET)
    assert r.outcome is Outcome.missed


def test_akut_hembesok_open_and_missed_without_visit() -> None:
    doc = hembesok("2025-06-01T22:00:00+02:00")
    assert run("Vardkontakt", doc, "vardkontakt.akut_hembesok", date(2025, 6, 2)).outcome is Outcome.open
    assert run("Vardkontakt", doc, "vardkontakt.akut_hembesok", date(2025, 6, 3)).outcome is Outcome.missed


@pytest.mark.parametrize(
    ("assessed", "visit", "outcome"),
    [
        # The audit's inputs: a visit recorded by date only cannot prove "inom 4 timmar".
        ("2025-06-02T08:00:00+02:00", "2025-06-02", Outcome.indeterminate),
        ("2025-06-02T22:00:00+02:00", "2025-06-03", Outcome.indeterminate),
        # A visit day that begins after the due instant (12:00 on 2 June) is certainly late.
        ("2025-06-02T08:00:00+02:00", "2025-06-03", Outcome.missed),
        # A visit before the assessment contradicts "efter läkarbedömning".
        ("2025-06-02T08:00:00+02:00", "2025-06-01", Outcome.indeterminate),
        ("2025-06-02T08:00:00+02:00", "2025-06-02T07:59:00+02:00", Outcome.indeterminate),
    ],
)
def test_akut_hembesok_visit_by_date_only(assessed: str, visit: str, outcome: Outcome) -> None:
    r = run("Vardkontakt", hembesok(assessed, visit), "vardkontakt.akut_hembesok", date(2025, 6, 4))
    assert r.outcome is outcome
    if outcome is Outcome.indeterminate:
        assert r.missing == ("$.utford",)


def test_akut_hembesok_needs_time_and_type() -> None:
    r = run("Vardkontakt", hembesok("2025-06-01"), "vardkontakt.akut_hembesok")
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.behov_bedomt",)
    r = run("Vardkontakt", {"typ": "hembesok", "behov_bedomt": "2025-06-01T10:00:00+02:00"}, "vardkontakt.akut_hembesok")
    assert r.outcome is Outcome.not_applicable
    r = run("Vardkontakt", {"behov_bedomt": "2025-06-01T10:00:00+02:00"}, "vardkontakt.akut_hembesok")
    assert r.missing == ("$.typ",)


# --- same day before 17:00, during ordinary opening hours ---------------------------------------
# "Under ordinarie öppettid har vårdcentralen … Patient som kontaktar sin vårdcentral före klockan 17
# och bedöms behöva tid samma dag får inte hänvisas till att ringa senare eller till jourmottagning …
# Övrig tid har vårdcentralen ansvar … genom ett jour- och beredskapsansvar."


def kontakt(at: str, **fields: Any) -> dict[str, Any]:
    return {"typ": "telefon", "sokte": at, "listad_vid_enheten": True, "behov_samma_dag": True,
            "ordinarie_oppettider": weekdays("08:00", "17:00"), **fields}


@pytest.mark.parametrize(
    ("at", "as_of"),
    [
        ("2025-06-07T10:00:00+02:00", date(2025, 6, 7)),  # Saturday
        ("2025-06-02T02:30:00+02:00", date(2025, 6, 2)),  # Monday night
        ("2025-06-20T11:00:00+02:00", date(2025, 6, 20)),  # midsommarafton
        ("2025-06-06T11:00:00+02:00", date(2025, 6, 6)),  # nationaldagen, a Friday
        ("2025-06-02T07:45:00+02:00", date(2025, 6, 2)),  # before the unit opens
    ],
)
def test_samma_dag_outside_ordinary_opening_hours_is_not_applicable(at: str, as_of: date) -> None:
    r = run("Vardkontakt", kontakt(at, hanvisad_till="jourmottagning"), "vardkontakt.samma_dag_fore_17", as_of)
    assert r.outcome is Outcome.not_applicable


def test_samma_dag_a_unit_open_on_saturday_has_the_duty_then() -> None:
    hours = [*weekdays("08:00", "17:00"), {"dag": "sat", "fran": "09:00", "till": "13:00"}]
    r = run("Vardkontakt", kontakt("2025-06-07T10:00:00+02:00", hanvisad_till="Jourmottagning", ordinarie_oppettider=hours),
            "vardkontakt.samma_dag_fore_17", date(2025, 6, 7))
    assert r.outcome is Outcome.fail and r.values["referred_to"] == "jourmottagning"


def test_samma_dag_1659_referred_to_call_later_is_rejected() -> None:
    r = run("Vardkontakt", kontakt("2025-06-02T16:59:00+02:00", hanvisad_till="ringa_senare"),
            "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.fail and r.values["decision"] == "reject"


def test_samma_dag_1700_not_covered_even_when_open_later() -> None:
    r = run("Vardkontakt", kontakt("2025-06-02T17:00:00+02:00", hanvisad_till="jourmottagning",
                                   ordinarie_oppettider=weekdays("08:00", "19:00")),
            "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.not_applicable


def test_samma_dag_taken_care_of_is_accepted() -> None:
    r = run("Vardkontakt", kontakt("2025-06-02T08:15:00+02:00", omhandertagen_samma_dag=True),
            "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.passed and r.values["contact_day"] == date(2025, 6, 2)


def test_samma_dag_utc_input_is_read_in_local_time() -> None:
    # 14:30 UTC in winter is 15:30 local: covered; 16:00 UTC in winter is 17:00 local: not covered.
    covered = run("Vardkontakt", kontakt("2025-01-15T14:30:00+00:00", omhandertagen_samma_dag=False),
                  "vardkontakt.samma_dag_fore_17", date(2025, 1, 15))
    assert covered.outcome is Outcome.fail
    late = run("Vardkontakt", kontakt("2025-01-15T16:00:00+00:00", omhandertagen_samma_dag=False),
               "vardkontakt.samma_dag_fore_17", date(2025, 1, 15))
    assert late.outcome is Outcome.not_applicable


def test_samma_dag_missing_inputs() -> None:
    r = run("Vardkontakt", {"sokte": "2025-06-02T10:00:00+02:00"}, "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.indeterminate
    assert r.missing == ("$.listad_vid_enheten", "$.behov_samma_dag", "$.ordinarie_oppettider")
    r = run("Vardkontakt", kontakt("2025-06-02T10:00:00+02:00"), "vardkontakt.samma_dag_fore_17")
    assert r.missing == ("$.omhandertagen_samma_dag",)
    assert run("Vardkontakt", kontakt("2025-06-02"), "vardkontakt.samma_dag_fore_17").missing == ("$.sokte",)


def test_samma_dag_referral_is_a_code() -> None:
    with pytest.raises(InvalidDocument, match="hanvisad_till"):
        parse_document(kontakt("2025-06-02T10:00:00+02:00", hanvisad_till="någonstans"), "Vardkontakt")


# --- telephone and answering machine ----------------------------------------------------------


def tel(**fields: Any) -> dict[str, Any]:
    return {"telefontider": weekdays("08:00", "17:00"), "stangningar": [], **fields}


def test_telefon_covered_by_touching_intervals() -> None:
    r = run("Tillganglighet", tel(telefontider=weekdays("07:30", "12:00") + weekdays("12:00", "17:00")),
            "tillganglighet.telefon")
    assert r.outcome is Outcome.passed


def test_telefon_friday_closing_1630_fails() -> None:
    tider = weekdays("08:00", "17:00", ("mon", "tue", "wed", "thu")) + weekdays("08:00", "16:30", ("fri",))
    r = run("Tillganglighet", tel(telefontider=tider), "tillganglighet.telefon")
    assert r.outcome is Outcome.fail and r.values["days_not_covered"] == ["fri"]
    assert run("Tillganglighet", {}, "tillganglighet.telefon").missing == ("$.telefontider", "$.stangningar")


def test_telefon_closure_needs_a_referral_to_another_care_unit() -> None:
    # "Om vårdcentralen är tillfälligt stängd ska relevant hänvisning till annan vårdenhet finnas."
    closed = {"fran": "2025-07-07", "forvantad_till": "2025-07-27"}
    nowhere = run("Tillganglighet", tel(stangningar=[{**closed, "hanvisning": [], "telefonhanvisning": "1177"}]),
                  "tillganglighet.telefon", date(2025, 7, 10))
    assert nowhere.outcome is Outcome.fail
    other = run("Tillganglighet", tel(stangningar=[{**closed, "hanvisning": ["Annan vårdcentral"]}]),
                "tillganglighet.telefon", date(2025, 7, 10))
    assert other.outcome is Outcome.passed
    by_phone = run("Tillganglighet", tel(stangningar=[{**closed, "telefonhanvisning": "annan_vardenhet"}]),
                   "tillganglighet.telefon", date(2025, 7, 10))
    assert by_phone.outcome is Outcome.passed
    unknown = run("Tillganglighet", tel(stangningar=[closed]), "tillganglighet.telefon", date(2025, 7, 10))
    assert unknown.missing == ("$.stangningar[0].hanvisning", "$.stangningar[0].telefonhanvisning")
    # the closure is over by 28 July: the weekly hours decide again
    after = run("Tillganglighet", tel(stangningar=[{**closed, "hanvisning": []}]), "tillganglighet.telefon",
                date(2025, 7, 28))
    assert after.outcome is Outcome.passed


def test_telefon_either_referral_to_another_unit_is_enough() -> None:
    # "Om vårdcentralen är tillfälligt stängd ska relevant hänvisning till annan vårdenhet finnas." — the
    # closure's referral and its telephone referral are both referrals; either one to another unit meets it.
    closed = {"fran": "2025-07-07", "forvantad_till": "2025-07-27"}
    for referral, phone in ((["1177"], "annan_vardcentral"), (["annan_halsocentral"], "1177"),
                            (["1177", "annan_vardenhet"], "ringa_senare")):
        r = run("Tillganglighet", tel(stangningar=[{**closed, "hanvisning": referral, "telefonhanvisning": phone}]),
                "tillganglighet.telefon", date(2025, 7, 10))
        assert r.outcome is Outcome.passed, (referral, phone)
    # only 1177 given, the telephone referral not reported: it could be to another unit
    r = run("Tillganglighet", tel(stangningar=[{**closed, "hanvisning": ["1177"]}]), "tillganglighet.telefon",
            date(2025, 7, 10))
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.stangningar[0].telefonhanvisning",)
    r = run("Tillganglighet", tel(stangningar=[{**closed, "telefonhanvisning": "1177"}]), "tillganglighet.telefon",
            date(2025, 7, 10))
    assert r.missing == ("$.stangningar[0].hanvisning",)


def svar(referrals: list[str], informs: bool | None = True) -> dict[str, Any]:
    doc: dict[str, Any] = {"hanvisning_utanfor_oppettid": referrals}
    if informs is not None:
        doc["telefonsvarare_oppettider"] = informs
    return doc


@pytest.mark.parametrize(
    ("referrals", "outcome"),
    [
        (["1177", "webbplats"], Outcome.passed),
        (["Annan vårdcentral", "1177 Vårdguiden", "1177.se"], Outcome.passed),
        # "alternativa vårdcentraler": another hälsocentral is one (as in the telefon rule); an
        # unspecified other care unit is not read as one.
        (["annan_halsocentral", "webbplats"], Outcome.passed),
        (["annan_vardenhet", "webbplats"], Outcome.fail),
        # "Denna hänvisning får inte vara till nätläkare, jourcentral eller akutmottagning."
        (["1177", "webbplats", "jourmottagning"], Outcome.fail),  # the audit's D3 inputs
        (["1177", "webbplats", "Jourcentral"], Outcome.fail),
        (["1177", "webbplats", "Akutmottagning"], Outcome.fail),
        (["1177", "webbplats", "Nätläkare"], Outcome.fail),
        # "hänvisa till alternativa vårdcentraler eller 1177 per telefon … samt relevant webbplats"
        (["1177"], Outcome.fail),
        (["webbplats"], Outcome.fail),
        ([], Outcome.fail),
    ],
)
def test_telefonsvarare(referrals: list[str], outcome: Outcome) -> None:
    r = run("Tillganglighet", svar(referrals), "tillganglighet.telefonsvarare")
    assert r.outcome is outcome


def test_telefonsvarare_checks_the_opening_hours_information() -> None:
    # "ska telefonsvarare ge information om öppettider"
    assert run("Tillganglighet", svar(["1177", "webbplats"], False), "tillganglighet.telefonsvarare").outcome \
        is Outcome.fail
    r = run("Tillganglighet", svar(["1177", "webbplats"], None), "tillganglighet.telefonsvarare")
    assert r.missing == ("$.telefonsvarare_oppettider",)


def test_telefonsvarare_missing_and_unknown_codes() -> None:
    r = run("Tillganglighet", {}, "tillganglighet.telefonsvarare")
    assert r.missing == ("$.hanvisning_utanfor_oppettid", "$.telefonsvarare_oppettider")
    with pytest.raises(InvalidDocument, match="hanvisning_utanfor_oppettid"):
        parse_document(svar(["vårdcentralen på torget"]), "Tillganglighet")


# --- jourcentral ------------------------------------------------------------------------------


def jour(area: int, weekend: tuple[str, str], evening: tuple[str, str] | None = None) -> dict[str, Any]:
    tider = [{"dag": d, "fran": weekend[0], "till": weekend[1]} for d in ("sat", "sun", "helgdag")]
    if evening:
        tider += weekdays(*evening)
    return {"jourcentral": {"jouromrade": area, "oppettider": tider}}


def test_jourcentral_area_1_eight_hours() -> None:
    r = run("Tillganglighet", jour(1, ("10:00", "18:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.passed and r.values["required"] == 8.0


def test_jourcentral_area_3_seven_and_a_half_hours_fails() -> None:
    r = run("Tillganglighet", jour(3, ("10:00", "17:30")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.fail and r.values["declared"]["sat"] == 7.5


def test_jourcentral_area_5_twelve_hours_and_evenings() -> None:
    r = run("Tillganglighet", jour(5, ("09:00", "21:00"), ("18:00", "21:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.passed and r.values["required"] == 12.0
    r = run("Tillganglighet", jour(5, ("10:00", "18:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.fail and r.values["evening_days_not_covered"] == list(WEEK)


def test_jourcentral_an_interval_ending_at_midnight() -> None:
    # "Jourcentral ska finnas 8 timmar under lördagar, söndagar och helgdagar i jourområde 1 - 4": an
    # evening shift to midnight, written 24:00 or 00:00, is 8 hours.
    for end in ("24:00", "00:00"):
        r = run("Tillganglighet", jour(1, ("16:00", end)), "tillganglighet.jourcentral")
        assert r.outcome is Outcome.passed and r.values["declared"] == {"sat": 8.0, "sun": 8.0, "helgdag": 8.0}
    r = run("Tillganglighet", jour(2, ("16:01", "24:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.fail
    # "I jourområde 5 ska jourcentral finnas på vardagar mellan kl 1800-2100": 18:00–24:00 covers it.
    r = run("Tillganglighet", jour(5, ("12:00", "00:00"), ("18:00", "24:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.passed and r.values["evening_days_not_covered"] == []
    # an interval past midnight is refused at input
    with pytest.raises(InvalidDocument):
        parse_document(jour(1, ("16:00", "01:00")), "Tillganglighet")


def test_samma_dag_ordinary_hours_to_midnight() -> None:
    # "Under ordinarie öppettid … före klockan 17": a unit open 08:00–24:00 is open at 16:59.
    doc = kontakt("2025-06-02T16:59:00+02:00", ordinarie_oppettider=weekdays("08:00", "24:00"),
                  hanvisad_till="ringa_senare")
    assert run("Vardkontakt", doc, "vardkontakt.samma_dag_fore_17").outcome is Outcome.fail


def test_jourcentral_missing_and_unknown_area() -> None:
    assert run("Tillganglighet", {}, "tillganglighet.jourcentral").missing == ("$.jourcentral",)
    r = run("Tillganglighet", {"jourcentral": {"jouromrade": 2}}, "tillganglighet.jourcentral")
    assert r.missing == ("$.jourcentral.oppettider",)
    r = run("Tillganglighet", jour(7, ("10:00", "18:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.not_applicable


# --- staff requirements -----------------------------------------------------------------------


def test_radgivning() -> None:
    ok = [staff("ssk1", "sjukskoterska", legitimerad=True, uppdrag=["radgivning"])]
    assert run("Vardenhet", unit(personal=ok), "tillganglighet.radgivning").outcome is Outcome.passed
    bad = [*ok, staff("usk1", "underskoterska", uppdrag=["radgivning"])]
    r = run("Vardenhet", unit(personal=bad), "tillganglighet.radgivning")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["usk1"]
    unknown = [staff("ssk2", "sjukskoterska", uppdrag=["radgivning"])]
    assert run("Vardenhet", unit(personal=unknown), "tillganglighet.radgivning").missing == ("$.personal[0].legitimerad",)
    assert run("Vardenhet", unit(), "tillganglighet.radgivning").missing == ("$.personal",)


def test_jour_kompetens_alternatives_joined_by_eller() -> None:
    # "Specialist i allmänmedicin eller • ST-läkare i allmänmedicin om handledaren godkänner eller •
    # Läkare med annan specialitet om AKO-funktionen i allmänmedicin godkänner."
    team = [
        staff("l1", "lakare", specialiteter=["allmanmedicin"], uppdrag=["jour"]),
        staff("l2", "lakare", st_specialitet="allmanmedicin", godkand_av_handledare=True, uppdrag=["jour"]),
        staff("l3", "lakare", specialiteter=["internmedicin"], godkand_av_ako=True, uppdrag=["jour"]),
        staff("s1", "sjukskoterska", uppdrag=["jour"]),
    ]
    assert run("Vardenhet", unit(personal=team), "vardenhet.jour_kompetens").outcome is Outcome.passed
    # The audit's D9: a specialist in another field, also in ST in general practice, approved by AKO.
    dual = [staff("l1", "lakare", legitimerad=True, specialiteter=["internmedicin"], st_specialitet="allmanmedicin",
                  godkand_av_handledare=False, godkand_av_ako=True, uppdrag=["jour"])]
    assert run("Vardenhet", unit(personal=dual), "vardenhet.jour_kompetens").outcome is Outcome.passed
    # A nurse specialisation is not a physician's "annan specialitet".
    nurse_spec = [staff("l1", "lakare", legitimerad=True, specialiteter=["diabetessjukskoterska"], godkand_av_ako=True,
                        uppdrag=["jour"])]
    assert run("Vardenhet", unit(personal=nurse_spec), "vardenhet.jour_kompetens").outcome is Outcome.fail
    team[2] = staff("l3", "lakare", specialiteter=["internmedicin"], godkand_av_ako=False, uppdrag=["jour"])
    team.append(staff("l4", "lakare", uppdrag=["jour"]))
    r = run("Vardenhet", unit(personal=team), "vardenhet.jour_kompetens")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["l3", "l4"]
    st_unknown = [staff("l2", "lakare", st_specialitet="allmanmedicin", uppdrag=["jour"])]
    r = run("Vardenhet", unit(personal=st_unknown), "vardenhet.jour_kompetens")
    assert r.missing == ("$.personal[0].godkand_av_handledare",)
    assert run("Vardenhet", unit(personal=[]), "vardenhet.jour_kompetens").outcome is Outcome.not_applicable


def test_specialist_competence_presupposes_the_licence() -> None:
    # A physician recorded as unlicensed is no specialist (nor ST-läkare), in every rule alike:
    # "minst en specialist i allmänmedicin", "Specialist i allmänmedicin eller …", "ska vara specialist
    # inom allmänmedicin, obstetrik eller gynekologi".
    unlicensed = {"legitimerad": False, "tjanstgoringsgrad": 1.0}
    for rule, fields in (("vardenhet.specialist_allmanmedicin", {"specialiteter": ["allmanmedicin"]}),
                         ("vardenhet.jour_kompetens", {"specialiteter": ["allmanmedicin"], "uppdrag": ["jour"]}),
                         ("vardenhet.jour_kompetens", {"specialiteter": ["internmedicin"], "godkand_av_ako": True,
                                                       "uppdrag": ["jour"]}),
                         ("vardenhet.bmm_lakarkompetens", {"specialiteter": ["gynekologi"], "uppdrag": ["bmm"]}),
                         ("vardenhet.bmm_lakarkompetens", {"st_specialitet": "obstetrik", "handledning": True,
                                                           "uppdrag": ["bmm"]})):
        r = run("Vardenhet", unit(personal=[staff("l1", "lakare", **unlicensed, **fields)]), rule)
        assert r.outcome is Outcome.fail, (rule, fields)
        licensed = {**unlicensed, "legitimerad": True}
        r = run("Vardenhet", unit(personal=[staff("l1", "lakare", **licensed, **fields)]), rule)
        assert r.outcome is Outcome.passed, (rule, fields)


def test_staff_with_unreported_lists_is_unknown_not_none() -> None:
    # Absent is not empty: a physician whose specialties or work areas are not reported leaves it open.
    r = run("Vardenhet", unit(personal=[{"id": "l1", "yrke": "lakare", "uppdrag": ["jour"]}]), "vardenhet.jour_kompetens")
    assert r.outcome is Outcome.indeterminate and "$.personal[0].specialiteter" in r.missing
    r = run("Vardenhet", unit(personal=[{"id": "l1", "yrke": "lakare", "specialiteter": ["allmanmedicin"]}]),
            "vardenhet.jour_kompetens")
    assert r.missing == ("$.personal[0].uppdrag",)


def test_specialist_allmanmedicin() -> None:
    one = [staff("l1", "lakare", specialiteter=["allmanmedicin"], tjanstgoringsgrad=0.5)]
    r = run("Vardenhet", unit(personal=one), "vardenhet.specialist_allmanmedicin")
    assert r.outcome is Outcome.passed and r.values["declared"] == 1
    none = [staff("l2", "lakare", specialiteter=["internmedicin"], tjanstgoringsgrad=1.0)]
    assert run("Vardenhet", unit(personal=none), "vardenhet.specialist_allmanmedicin").outcome is Outcome.fail
    unknown = [staff("x", None, specialiteter=["allmanmedicin"], tjanstgoringsgrad=1.0)]
    assert run("Vardenhet", unit(personal=unknown), "vardenhet.specialist_allmanmedicin").missing == ("$.personal[0].yrke",)


def test_specialist_allmanmedicin_at_zero_service_level_does_not_staff() -> None:
    # "Vårdcentralen ska vara bemannad med minst en specialist i allmänmedicin": staffing, so a 0 %
    # service level is no specialist at the unit; any level above 0 is.
    at_zero = [staff("l1", "lakare", specialiteter=["allmanmedicin"], tjanstgoringsgrad=0)]
    r = run("Vardenhet", unit(personal=at_zero), "vardenhet.specialist_allmanmedicin")
    assert r.outcome is Outcome.fail and r.values["declared"] == 0
    small = [staff("l1", "lakare", specialiteter=["allmanmedicin"], tjanstgoringsgrad=0.1)]
    assert run("Vardenhet", unit(personal=small), "vardenhet.specialist_allmanmedicin").outcome is Outcome.passed
    unreported = [staff("l1", "lakare", specialiteter=["allmanmedicin"])]
    r = run("Vardenhet", unit(personal=unreported), "vardenhet.specialist_allmanmedicin")
    assert r.missing == ("$.personal[0].tjanstgoringsgrad",)


def test_distriktsskoterska() -> None:
    ok = [staff("d1", "sjukskoterska", specialiteter=["distriktsskoterska"], uppdrag=["distriktsskoterskeuppgifter"])]
    assert run("Vardenhet", unit(personal=ok), "vardenhet.distriktsskoterska").outcome is Outcome.passed
    bad = [*ok, staff("s2", "sjukskoterska", uppdrag=["distriktsskoterskeuppgifter"])]
    assert run("Vardenhet", unit(personal=bad), "vardenhet.distriktsskoterska").values["failing"] == ["s2"]
    assert run("Vardenhet", unit(personal=[]), "vardenhet.distriktsskoterska").outcome is Outcome.not_applicable


@pytest.mark.parametrize("yrke", ["underskoterska", "lakare", "vardbitrade", "annan"])
def test_distriktsskoterska_holder_must_be_a_nurse(yrke: str) -> None:
    # "Sjuksköterska som ansvarar för distriktssköterskeuppgifter ska vara specialistutbildad
    # distriktssköterska": the code on a non-nurse does not make them one.
    member = staff("x1", yrke, specialiteter=["distriktsskoterska"], uppdrag=["distriktsskoterskeuppgifter"])
    r = run("Vardenhet", unit(personal=[member]), "vardenhet.distriktsskoterska")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["x1"]


def test_distriktsskoterska_licence_and_profession() -> None:
    member = staff("d1", "sjukskoterska", legitimerad=False, specialiteter=["distriktsskoterska"],
                   uppdrag=["distriktsskoterskeuppgifter"])
    assert run("Vardenhet", unit(personal=[member]), "vardenhet.distriktsskoterska").outcome is Outcome.fail
    midwife = staff("b1", "barnmorska", specialiteter=["distriktsskoterska"], uppdrag=["distriktsskoterskeuppgifter"])
    assert run("Vardenhet", unit(personal=[midwife]), "vardenhet.distriktsskoterska").outcome is Outcome.passed
    unknown = staff("x1", None, specialiteter=["distriktsskoterska"], uppdrag=["distriktsskoterskeuppgifter"])
    r = run("Vardenhet", unit(personal=[unknown]), "vardenhet.distriktsskoterska")
    assert r.missing == ("$.personal[0].yrke",)


def nurse(mid: str, area: str, hp: float | None, done: str | None = "2020-06-01",
          legitimerad: bool | None = True) -> dict[str, Any]:
    training: dict[str, Any] = {"omrade": area}
    if hp is not None:
        training["hogskolepoang"] = hp
    if done is not None:
        training["avslutad"] = done
    licence = {} if legitimerad is None else {"legitimerad": legitimerad}
    return staff(mid, "sjukskoterska", uppdrag=[area], utbildningar=[training], **licence)


def test_diabetes_astma_kol_15_credits_boundary() -> None:
    ok = [nurse("d", "diabetes", 15), nurse("a", "astma_kol", 15)]
    assert run("Vardenhet", unit(personal=ok), "vardenhet.diabetes_astma_kol").outcome is Outcome.passed
    low = [nurse("d", "diabetes", 15), nurse("a", "astma_kol", 14.5)]
    r = run("Vardenhet", unit(personal=low), "vardenhet.diabetes_astma_kol")
    assert r.outcome is Outcome.fail and r.values["lacking"] == ["astma_kol"]
    unfinished = [nurse("d", "diabetes", 15, None), nurse("a", "astma_kol", 30)]
    r = run("Vardenhet", unit(personal=unfinished), "vardenhet.diabetes_astma_kol")
    assert r.missing == ("$.personal[0].utbildningar[0].avslutad",)
    later = [nurse("d", "diabetes", 15, "2025-06-03"), nurse("a", "astma_kol", 30)]
    assert run("Vardenhet", unit(personal=later), "vardenhet.diabetes_astma_kol").outcome is Outcome.fail


def test_diabetes_credits_of_one_specialisation_add_up() -> None:
    # "specialisering inom vårdområdet med minst 15 högskolepoäng": the specialisation as a whole.
    two = staff("d", "sjukskoterska", legitimerad=True, uppdrag=["diabetes"], utbildningar=[
        {"omrade": "diabetes", "hogskolepoang": 7.5, "avslutad": "2019-01-15"},
        {"omrade": "diabetes", "hogskolepoang": 7.5, "avslutad": "2020-01-15"}])
    r = run("Vardenhet", unit(personal=[two, nurse("a", "astma_kol", 15)]), "vardenhet.diabetes_astma_kol")
    assert r.outcome is Outcome.passed


def test_diabetes_astma_kol_needs_a_licensed_nurse() -> None:
    # "sjuksköterska med specialisering inom vårdområdet", read as radgivning reads
    # "sjuksköterskekompetens": unlicensed does not count, an unreported licence leaves it open.
    unlicensed = [nurse("d", "diabetes", 15, legitimerad=False), nurse("a", "astma_kol", 15)]
    r = run("Vardenhet", unit(personal=unlicensed), "vardenhet.diabetes_astma_kol")
    assert r.outcome is Outcome.fail and r.values["lacking"] == ["diabetes"]
    unknown = [nurse("d", "diabetes", 15, legitimerad=None), nurse("a", "astma_kol", 15)]
    r = run("Vardenhet", unit(personal=unknown), "vardenhet.diabetes_astma_kol")
    assert r.missing == ("$.personal[0].legitimerad",)
    # an unreported licence does not matter when the credits fall short anyway
    short = [nurse("d", "diabetes", 10, legitimerad=None), nurse("a", "astma_kol", 15)]
    assert run("Vardenhet", unit(personal=short), "vardenhet.diabetes_astma_kol").outcome is Outcome.fail


def test_psykisk_ohalsa_kompetens_applies_from_2011() -> None:
    steg1 = [{"omrade": "psykoterapi_steg1", "avslutad": "2015-05-01"}]
    team = [
        staff("p1", "psykolog", uppdrag=["psykisk_ohalsa"], anstallning_start="2020-01-01"),
        staff("k1", "kurator", uppdrag=["psykisk_ohalsa"], anstallning_start="2011-01-01", utbildningar=steg1),
        staff("s0", "sjukskoterska", legitimerad=True, uppdrag=["psykisk_ohalsa"], anstallning_start="2010-12-31",
              utbildningar=[]),
    ]
    r = run("Vardenhet", unit(personal=team), "vardenhet.psykisk_ohalsa_kompetens")
    assert r.outcome is Outcome.passed and r.values["exempt"] == ["s0"]
    team[2] = staff("s0", "sjukskoterska", legitimerad=True, uppdrag=["psykisk_ohalsa"], anstallning_start="2011-01-01",
                    utbildningar=[])
    r = run("Vardenhet", unit(personal=team), "vardenhet.psykisk_ohalsa_kompetens")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["s0"]
    r = run("Vardenhet", unit(personal=[staff("x", "kurator", uppdrag=["psykisk_ohalsa"], utbildningar=[])]),
            "vardenhet.psykisk_ohalsa_kompetens")
    assert r.missing == ("$.personal[0].anstallning_start",)
    # a qualified member needs no start day
    r = run("Vardenhet", unit(personal=[staff("x", "psykolog", uppdrag=["psykisk_ohalsa"])]),
            "vardenhet.psykisk_ohalsa_kompetens")
    assert r.outcome is Outcome.passed


def test_lagsta_omvardnadskompetens() -> None:
    ok = [staff("u1", "underskoterska"), staff("s1", "sjukskoterska")]
    assert run("Vardenhet", unit(personal=ok), "vardenhet.lagsta_omvardnadskompetens").outcome is Outcome.passed
    bad = [*ok, staff("v1", "vardbitrade")]
    assert run("Vardenhet", unit(personal=bad), "vardenhet.lagsta_omvardnadskompetens").values["failing"] == ["v1"]
    assert run("Vardenhet", unit(personal=[staff("x", None)]), "vardenhet.lagsta_omvardnadskompetens").missing == (
        "$.personal[0].yrke",
    )


def test_samordnande_sjukskoterska() -> None:
    named = [staff("s1", "sjukskoterska", namn="Fiktiv Person", funktioner=["samordnande_sjukskoterska"])]
    r = run("Vardenhet", unit(personal=named), "vardenhet.samordnande_sjukskoterska")
    assert r.outcome is Outcome.passed and "Fiktiv" not in r.explanation.sv + r.explanation.en
    unnamed = [staff("s1", "sjukskoterska", funktioner=["samordnande_sjukskoterska"])]
    assert run("Vardenhet", unit(personal=unnamed), "vardenhet.samordnande_sjukskoterska").missing == ("$.personal[0].namn",)
    nobody = [staff("s1", "sjukskoterska", namn="Fiktiv Person", funktioner=[])]
    assert run("Vardenhet", unit(personal=nobody), "vardenhet.samordnande_sjukskoterska").outcome is Outcome.fail


@pytest.mark.parametrize("blank", ["", " ", "\t \n", "\u00a0"])
def test_samordnande_sjukskoterska_blank_name_is_not_named(blank: str) -> None:
    # "Vårdcentralen skall ha namngivna medarbetare i funktionen samordnande sjuksköterska."
    holder = staff("s1", "sjukskoterska", namn=blank, funktioner=["samordnande_sjukskoterska"])
    r = run("Vardenhet", unit(personal=[holder]), "vardenhet.samordnande_sjukskoterska")
    assert r.outcome is Outcome.fail and r.values["declared"] == 0
    named = staff("s2", "sjukskoterska", namn="Fiktiv Person", funktioner=["samordnande_sjukskoterska"])
    r = run("Vardenhet", unit(personal=[holder, named]), "vardenhet.samordnande_sjukskoterska")
    assert r.outcome is Outcome.passed and r.values["staff"] == ["s2"]


@pytest.mark.parametrize(
    ("registers", "outcome"),
    [
        # "Vårdcentralen ska delta i nationella diabetesregistret (NDR), Svenska demensregistret
        # (SveDem) och Luftvägsregistret." — the audit's D2 inputs both pass now.
        (["NDR", "SveDem", "Luftvägsregistret"], Outcome.passed),
        (["Nationella diabetesregistret", "Svenska demensregistret", "Luftvagsregistret"], Outcome.passed),
        (["ndr", "svedem", "luftvagsregistret"], Outcome.passed),
        (["NDR", "SveDem"], Outcome.fail),
    ],
)
def test_kvalitetsregister(registers: list[str], outcome: Outcome) -> None:
    assert run("Vardenhet", unit(kvalitetsregister=registers), "vardenhet.kvalitetsregister").outcome is outcome


def test_kvalitetsregister_lacking_and_missing() -> None:
    r = run("Vardenhet", unit(kvalitetsregister=["NDR"]), "vardenhet.kvalitetsregister")
    assert r.outcome is Outcome.fail and r.values["lacking"] == ["svedem", "luftvagsregistret"]
    assert run("Vardenhet", unit(), "vardenhet.kvalitetsregister").missing == ("$.kvalitetsregister",)
    with pytest.raises(InvalidDocument, match="kvalitetsregister"):
        parse_document(unit(kvalitetsregister=["Diabetesregistret i Värmland"]), "Vardenhet")


# --- staffing ratios (pro rata) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "basis", "count", "hours_field", "declared", "required", "outcome"),
    [
        ("vardenhet.bvc_lakartid", "inskrivna_barn_0_1", 120, "bvc", 9.6, 9.6, Outcome.passed),
        ("vardenhet.bvc_lakartid", "inskrivna_barn_0_1", 120, "bvc", 9.59, 9.6, Outcome.fail),
        ("vardenhet.bvc_lakartid", "inskrivna_barn_0_1", 50, "bvc", 4, 4.0, Outcome.passed),
        ("vardenhet.bmm_lakartid", "inskrivna_gravida", 70, "bmm", 2.1, 2.1, Outcome.passed),
        ("vardenhet.bmm_lakartid", "inskrivna_gravida", 150, "bmm", 4.4, 4.5, Outcome.fail),
        ("vardenhet.sabo_lakartid", "sabo_boende", 45, "sabo", 4.5, 4.5, Outcome.passed),
        # "Målet är att … minst 1 timme för 10 boende per vecka": a target, so below it is a warning.
        ("vardenhet.sabo_lakartid", "sabo_boende", 45, "sabo", 4, 4.5, Outcome.warning),
        ("vardenhet.sabo_lakartid", "sabo_boende", 0, "sabo", 0, 0.0, Outcome.passed),
    ],
)
def test_ratios(rule: str, basis: str, count: int, hours_field: str, declared: float, required: float,
                outcome: Outcome) -> None:
    r = run("Vardenhet", unit(befolkning={basis: count}, lakartid={hours_field: declared}), rule)
    assert r.outcome is outcome
    assert r.values["required"] == required and r.values["declared"] == declared


def test_ratio_missing_figures() -> None:
    r = run("Vardenhet", unit(), "vardenhet.bvc_lakartid")
    assert r.missing == ("$.befolkning.inskrivna_barn_0_1", "$.lakartid.bvc")
    r = run("Vardenhet", unit(befolkning={"inskrivna_gravida": 100}), "vardenhet.bmm_lakartid")
    assert r.missing == ("$.lakartid.bmm",) and r.values["required"] == 3.0


def test_ratio_explanation_shows_the_figures_unrounded() -> None:
    # No rounding the text does not state: 0.0299 h against 3 × 1/100 = 0.03 h is below, and the
    # explanation must not show it as "0.03 h/week, below the required 0.03 h/week".
    r = run("Vardenhet", unit(befolkning={"inskrivna_gravida": 1}, lakartid={"bmm": 0.0299}), "vardenhet.bmm_lakartid")
    assert r.outcome is Outcome.fail
    assert "0.0299 h/week" in r.explanation.en and "= 0.03 h/week" in r.explanation.en
    r = run("Vardenhet", unit(befolkning={"inskrivna_barn_0_1": 121}, lakartid={"bvc": 9.679}), "vardenhet.bvc_lakartid")
    assert r.outcome is Outcome.fail and "9.679 h/week" in r.explanation.en and "= 9.68 h/week" in r.explanation.en


def test_bmm_lakarkompetens() -> None:
    ok = [
        staff("g1", "lakare", specialiteter=["gynekologi"], uppdrag=["bmm"]),
        staff("st1", "lakare", st_specialitet="obstetrik", handledning=True, uppdrag=["bmm"]),
        staff("st2", "lakare", st_specialitet="allmanmedicin", handledning=True, uppdrag=["bmm"],
              utbildningar=[{"omrade": "sidotjanstgoring_kvinnosjukvard", "avslutad": "2024-11-30"}]),
    ]
    assert run("Vardenhet", unit(personal=ok), "vardenhet.bmm_lakarkompetens").outcome is Outcome.passed
    bad = [*ok, staff("st3", "lakare", st_specialitet="allmanmedicin", handledning=True, uppdrag=["bmm"], utbildningar=[]),
           staff("i1", "lakare", specialiteter=["internmedicin"], uppdrag=["bmm"])]
    r = run("Vardenhet", unit(personal=bad), "vardenhet.bmm_lakarkompetens")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["i1", "st3"]
    assert run("Vardenhet", unit(personal=[]), "vardenhet.bmm_lakarkompetens").outcome is Outcome.not_applicable


def test_fortbildning_half_boundary() -> None:
    team = [staff("a", "lakare", fortbildning_erbjudna=6, fortbildning_deltagna=3),
            staff("b", "sjukskoterska", fortbildning_erbjudna=5, fortbildning_deltagna=3)]
    r = run("Vardenhet", unit(personal=team), "vardenhet.fortbildning")
    assert r.outcome is Outcome.passed and r.values["required"] == {"a": 3, "b": 3}
    team[1] = staff("b", "sjukskoterska", fortbildning_erbjudna=5, fortbildning_deltagna=2)
    # "Varje medarbetare ska delta i hälften av dessa fortbildningsträffar årligen": decided when the
    # year is over; before its last day a member below half has not failed yet.
    r = run("Vardenhet", unit(personal=team), "vardenhet.fortbildning")
    assert r.outcome is Outcome.warning and r.values["below"] == ["b"]
    r = run("Vardenhet", unit(personal=team), "vardenhet.fortbildning", date(2025, 12, 30))
    assert r.outcome is Outcome.warning
    r = run("Vardenhet", unit(personal=team), "vardenhet.fortbildning", date(2025, 12, 31))
    assert r.outcome is Outcome.fail and r.values["below"] == ["b"] and r.values["year"] == 2025
    r = run("Vardenhet", unit(personal=[staff("c", "lakare", fortbildning_erbjudna=4)]), "vardenhet.fortbildning")
    assert r.missing == ("$.personal[0].fortbildning_deltagna",)
    # More attended than offered cannot be right: never read as "at least half".
    r = run("Vardenhet", unit(personal=[staff("d", "lakare", fortbildning_erbjudna=5, fortbildning_deltagna=6)]),
            "vardenhet.fortbildning")
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.personal[0].fortbildning_deltagna",)
    assert r.values["inconsistent"] == ["$.personal[0].fortbildning_deltagna"]
    r = run("Vardenhet", unit(personal=[staff("d", "lakare", fortbildning_erbjudna=5, fortbildning_deltagna=5)]),
            "vardenhet.fortbildning")
    assert r.outcome is Outcome.passed


# --- UMM allocation ---------------------------------------------------------------------------
# "Kravet på läkarbemanning är satt till 10 timmar per 3 500 ungdomar. Finns flera vårdcentraler inom
# samma kommun regleras bemanningsansvaret i proportion till antalet listade ungdomar."


def umm(*units: tuple[str, int] | tuple[str, int, float], youths: int | None = None, **fields: Any) -> dict[str, Any]:
    enheter = []
    for u in units:
        entry: dict[str, Any] = {"enhet_id": u[0], "underlag": u[1]}
        if len(u) == 3:
            entry["deklarerade_timmar"] = u[2]
        enheter.append(entry)
    doc: dict[str, Any] = {"avser": "umm_lakartid", "enheter": enheter, **fields}
    doc["underlag_omrade"] = sum(u[1] for u in units) if youths is None else youths
    return doc


def test_umm_split_by_listed_young_people() -> None:
    # 10 × 7000/3500 = 20 h; 4200 : 2800 → 12 h and 8 h.
    r = run("Fordelning", umm(("vc-a", 4200, 12), ("vc-b", 2800, 8)), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.passed
    assert r.values["total"] == 20.0 and r.values["allocation"] == {"vc-a": 12.0, "vc-b": 8.0}
    assert "per vecka" in r.explanation.sv and "per week" in r.explanation.en


def test_umm_total_is_set_by_the_municipality() -> None:
    # 3 500 young people in the municipality, 2 000 of them listed at its two units: 10 h split 5 + 5.
    r = run("Fordelning", umm(("vc-a", 1000, 5), ("vc-b", 1000, 5), youths=3500), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.passed and r.values["total"] == 10.0
    r = run("Fordelning", umm(("vc-a", 1000, 5), ("vc-b", 1000, 2.86), youths=3500), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.fail and r.values["below"] == ["vc-b"]


def test_umm_equal_units_get_equal_exact_shares() -> None:
    # The audit's D4: 10 × 2500/3500 = 50/7 = 7.142857… for both vc-a and vc-b; 7.143 meets it.
    doc = umm(("vc-a", 2500, 7.143), ("vc-b", 2500, 7.143), ("vc-c", 1400, 4.0))
    r = run("Fordelning", doc, "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.passed
    assert r.values["allocation_exact"] == {"vc-a": "50/7", "vc-b": "50/7", "vc-c": "4"}
    three = umm(("a", 1000, 2.8572), ("b", 1000, 2.8572), ("c", 1000, 2.8572))
    assert run("Fordelning", three, "vardenhet.umm_lakartid").outcome is Outcome.passed
    below = umm(("a", 1000, 2.8571), ("b", 1000, 2.8572), ("c", 1000, 2.8572))
    r = run("Fordelning", below, "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.fail and r.values["below"] == ["a"]


def test_umm_undeclared_hours_are_never_a_pass() -> None:
    r = run("Fordelning", umm(("a", 3500), ("b", 3500)), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.indeterminate
    assert r.missing == ("$.enheter[0].deklarerade_timmar", "$.enheter[1].deklarerade_timmar")
    r = run("Fordelning", umm(("vc-a", 4200, 11.5), ("vc-b", 2800)), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.fail and r.values["below"] == ["vc-a"]


def test_umm_not_applicable_and_missing() -> None:
    assert run("Fordelning", {"avser": "helgoppen_bemanning", "enheter": []}, "vardenhet.umm_lakartid").outcome \
        is Outcome.not_applicable
    assert run("Fordelning", {"avser": "umm_lakartid"}, "vardenhet.umm_lakartid").missing == ("$.enheter",)
    doc = umm(("vc-a", 4200, 12))
    del doc["underlag_omrade"]
    assert run("Fordelning", doc, "vardenhet.umm_lakartid").missing == ("$.underlag_omrade",)


@given(st.lists(st.integers(min_value=0, max_value=20000), min_size=1, max_size=8), st.integers(0, 40000))
def test_umm_exact_shares_sum_to_the_total_and_ignore_order(counts: list[int], youths: int) -> None:
    if not sum(counts) and youths:
        return  # no listed young people to split a non-zero total by: indeterminate
    doc = umm(*[(f"vc-{i:02d}", c) for i, c in enumerate(counts)], youths=youths)
    r = run("Fordelning", doc, "vardenhet.umm_lakartid")
    shares = {k: Fraction(v) for k, v in r.values["allocation_exact"].items()}
    assert sum(shares.values()) == Fraction(10 * youths, 3500)
    for i, c in enumerate(counts):  # equal basis, equal share: no tie-break
        for j, d in enumerate(counts):
            if c == d:
                assert shares[f"vc-{i:02d}"] == shares[f"vc-{j:02d}"]
    rev = run("Fordelning", umm(*[(f"vc-{i:02d}", c) for i, c in reversed(list(enumerate(counts)))], youths=youths),
              "vardenhet.umm_lakartid")
    assert rev.values["allocation_exact"] == r.values["allocation_exact"]


# --- referrals --------------------------------------------------------------------------------


def test_psykisk_ohalsa_alder_birthday_boundary() -> None:
    doc: dict[str, Any] = {"inkom": "2025-03-10", "typ": "psykisk_ohalsa", "patient": {"fodelsedatum": "2007-03-10"}}
    r = run("Remiss", doc, "remiss.psykisk_ohalsa_alder")
    assert r.outcome is Outcome.passed and r.values["age"] == 18
    doc["patient"] = {"fodelsedatum": "2007-03-11"}
    r = run("Remiss", doc, "remiss.psykisk_ohalsa_alder")
    assert r.outcome is Outcome.fail and r.values["age"] == 17
    doc["patient"] = {}
    assert run("Remiss", doc, "remiss.psykisk_ohalsa_alder").missing == ("$.patient.fodelsedatum", "$.patient.personnummer")
    assert run("Remiss", {"inkom": "2025-03-10", "typ": "standard"}, "remiss.psykisk_ohalsa_alder").outcome is Outcome.not_applicable
    # the kind of referral decides the scope: not reported, the rule cannot tell
    assert run("Remiss", {"inkom": "2025-03-10"}, "remiss.psykisk_ohalsa_alder").missing == ("$.typ",)


def test_psykisk_ohalsa_alder_uses_local_arrival_day() -> None:
    # 2025-03-09T23:30Z is 2025-03-10 00:30 in Stockholm: the 18th birthday.
    doc = {"inkom": "2025-03-09T23:30:00+00:00", "typ": "psykisk_ohalsa", "patient": {"fodelsedatum": "2007-03-10"}}
    assert run("Remiss", doc, "remiss.psykisk_ohalsa_alder").outcome is Outcome.passed


@pytest.mark.parametrize(
    ("issuer", "outcome"),
    [
        ({"yrke": "lakare"}, Outcome.passed),
        ({"yrke": "sjukskoterska", "specialiteter": ["distriktsskoterska"]}, Outcome.passed),
        ({"yrke": "sjukskoterska", "specialiteter": ["diabetessjukskoterska"]}, Outcome.passed),
        ({"yrke": "sjukskoterska", "specialiteter": []}, Outcome.fail),
        ({"yrke": "sjukskoterska"}, Outcome.indeterminate),
        ({"yrke": "underskoterska", "specialiteter": ["distriktsskoterska"]}, Outcome.fail),
        ({"yrke": "fysioterapeut"}, Outcome.fail),
        ({}, Outcome.indeterminate),
    ],
)
def test_medicinsk_fotvard(issuer: dict[str, Any], outcome: Outcome) -> None:
    doc = {"inkom": "2025-05-05", "typ": "medicinsk_fotvard", "utfardare": issuer}
    assert run("Remiss", doc, "remiss.medicinsk_fotvard").outcome is outcome


def test_medicinsk_fotvard_other_referral() -> None:
    assert run("Remiss", {"inkom": "2025-05-05", "typ": "standard"}, "remiss.medicinsk_fotvard").outcome is Outcome.not_applicable
    assert run("Remiss", {"inkom": "2025-05-05"}, "remiss.medicinsk_fotvard").missing == ("$.typ",)


# --- follow-up --------------------------------------------------------------------------------


def test_naromradesplan_month_end_clamp() -> None:
    doc: dict[str, Any] = {"forandringar": [{"typ": "vardgivare_upphor", "datum": "2025-01-31", "genomford": "2025-02-28"}]}
    r = run("Uppfoljning", doc, "uppfoljning.naromradesplan")
    assert r.values["due"] == date(2025, 2, 28) and r.outcome is Outcome.met
    doc["forandringar"][0]["genomford"] = "2025-03-01"
    assert run("Uppfoljning", doc, "uppfoljning.naromradesplan").outcome is Outcome.missed


def test_naromradesplan_due_on_midsommarafton_not_moved() -> None:
    doc = {"forandringar": [{"typ": "vardgivare_upphor", "datum": "2025-05-20"}]}
    r = run("Uppfoljning", doc, "uppfoljning.naromradesplan", date(2025, 6, 20))
    assert r.values["due"] == date(2025, 6, 20) and r.outcome is Outcome.open
    assert r.values["due_is_vardag"] is False
    assert run("Uppfoljning", doc, "uppfoljning.naromradesplan", date(2025, 6, 21)).outcome is Outcome.missed


def test_naromradesplan_event_before_the_edition() -> None:
    doc = {"forandringar": [{"typ": "vardgivare_upphor", "datum": "2023-11-20"}]}
    r = run("Uppfoljning", doc, "uppfoljning.naromradesplan")
    assert r.outcome is Outcome.not_applicable and r.values["reason"] == "no_rulebook_in_force"


def test_naromradesplan_revision_before_the_cessation_is_inconsistent() -> None:
    # "revidera planen senast en månad efter upphörandet": a revision dated before the cessation is
    # not the revision owed for it.
    doc: dict[str, Any] = {"forandringar": [{"typ": "vardgivare_upphor", "datum": "2025-05-20", "genomford": "2025-05-19"}]}
    r = run("Uppfoljning", doc, "uppfoljning.naromradesplan", date(2025, 6, 10))
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.forandringar[0].genomford",)
    assert r.values["inconsistent"] == ["$.forandringar[0].genomford"]
    doc["forandringar"][0]["genomford"] = "2025-05-20"  # the same day is after the fact, not before
    assert run("Uppfoljning", doc, "uppfoljning.naromradesplan", date(2025, 6, 10)).outcome is Outcome.met


def test_naromradesplan_no_event_or_missing() -> None:
    assert run("Uppfoljning", {"forandringar": []}, "uppfoljning.naromradesplan").outcome is Outcome.not_applicable
    assert run("Uppfoljning", {}, "uppfoljning.naromradesplan").missing == ("$.forandringar",)


def test_aterinskrivning_day_30_counts_day_31_not() -> None:
    day30 = {"vardtillfallen": [{"utskriven": "2025-12-01", "aterinskriven": "2025-12-31", "planerad": False}]}
    r = run("Uppfoljning", day30, "uppfoljning.aterinskrivning_30_dagar", date(2026, 2, 1))
    assert r.outcome is Outcome.missed and r.values["due"] == date(2025, 12, 31) and r.values["readmissions"] == 1
    day31 = {"vardtillfallen": [{"utskriven": "2025-12-01", "aterinskriven": "2026-01-01", "planerad": False}]}
    r = run("Uppfoljning", day31, "uppfoljning.aterinskrivning_30_dagar", date(2026, 2, 1))
    assert r.outcome is Outcome.met and r.values["readmissions"] == 0


def test_aterinskrivning_planned_open_and_missing() -> None:
    planned = {"vardtillfallen": [{"utskriven": "2025-05-01", "aterinskriven": "2025-05-10", "planerad": True}]}
    assert run("Uppfoljning", planned, "uppfoljning.aterinskrivning_30_dagar").outcome is Outcome.met
    running = {"vardtillfallen": [{"utskriven": "2025-05-20"}]}
    r = run("Uppfoljning", running, "uppfoljning.aterinskrivning_30_dagar")
    assert r.outcome is Outcome.open and r.values["due"] == date(2025, 6, 19)
    unknown = {"vardtillfallen": [{"utskriven": "2025-05-01", "aterinskriven": "2025-05-10"}]}
    r = run("Uppfoljning", unknown, "uppfoljning.aterinskrivning_30_dagar")
    assert r.missing == ("$.vardtillfallen[0].planerad",)


def test_aterinskrivning_before_the_discharge_is_inconsistent() -> None:
    # "oplanerade återinskrivningar inom 30 dagar": a readmission follows the discharge.
    before = {"vardtillfallen": [{"utskriven": "2025-05-10", "aterinskriven": "2025-05-09", "planerad": False}]}
    r = run("Uppfoljning", before, "uppfoljning.aterinskrivning_30_dagar")
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.vardtillfallen[0].aterinskriven",)
    assert r.values["inconsistent"] == ["$.vardtillfallen[0].aterinskriven"]
    same_day = {"vardtillfallen": [{"utskriven": "2025-05-10", "aterinskriven": "2025-05-10", "planerad": False}]}
    assert run("Uppfoljning", same_day, "uppfoljning.aterinskrivning_30_dagar").outcome is Outcome.missed
    both = {"vardtillfallen": [*before["vardtillfallen"], {"utskriven": "2025-05-01", "aterinskriven": "2025-05-03"}]}
    r = run("Uppfoljning", both, "uppfoljning.aterinskrivning_30_dagar")
    assert set(r.missing) == {"$.vardtillfallen[0].aterinskriven", "$.vardtillfallen[1].planerad"}
