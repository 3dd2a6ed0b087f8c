"""kalmar.halsoval: every rule, with expected values computed by hand from the 2025 text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import primarvard_sdk as ps
from primarvard_kalmar.halsoval import (
    bhv_visits,
    covers,
    deviation_status,
    exact_shares,
    halsosamtal_age,
    union,
    weekly_hours,
)

P = "kalmar.halsoval."
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def run(type_name: str, data: dict[str, Any], rule: str, as_of: date) -> ps.Result:
    doc = ps.parse_document(data, type_name)
    (result,) = ps.evaluate(doc, region="kalmar", programme="halsoval", as_of=as_of, rule=P + rule)
    return result


def week(
    fran: str = "07:30", till: str = "17:00", days: list[str] = WEEKDAYS
) -> list[dict[str, str]]:
    return [{"dag": d, "fran": fran, "till": till} for d in days]


# --- tillganglighet.oppettider ----------------------------------------------------------------


def oppet(data: dict[str, Any], as_of: date = date(2025, 3, 12)) -> ps.Result:
    """Opening hours with the week's deviations reported ([] = none) unless the case gives them."""
    return run("Tillganglighet", {"avvikande_dagar": [], **data}, "tillganglighet.oppettider", as_of)


def closed(*days: str) -> list[dict[str, Any]]:
    """Deviations that close the unit on ``days`` (no opening intervals that day)."""
    return [{"datum": d, "oppettider": []} for d in days]


def test_oppettider_full_window_every_weekday_passes() -> None:
    r = oppet({"oppettider": week()})
    assert r.outcome is ps.Outcome.passed
    assert r.values["declared"] == 47.5
    assert r.values["required"] == 47.5
    assert r.values["week"] == [date(2025, 3, 10), date(2025, 3, 16)]


def test_oppettider_47_5_hours_but_window_not_covered_fails() -> None:
    r = oppet({"oppettider": week("07:00", "16:30")})
    assert r.outcome is ps.Outcome.fail
    assert r.values["declared"] == 47.5
    assert r.values["uncovered_weekdays"] == WEEKDAYS


def test_oppettider_touching_intervals_cover_but_lunch_gap_does_not() -> None:
    split = [*week("07:30", "12:00"), *week("12:00", "17:00")]
    assert oppet({"oppettider": split}).outcome is ps.Outcome.passed
    gap = [*week("07:30", "12:00"), *week("13:00", "18:00")]
    r = oppet({"oppettider": gap})
    assert r.outcome is ps.Outcome.fail
    assert r.values["declared"] == 47.5  # 4.5 + 5 hours a day
    assert r.values["uncovered_weekdays"] == WEEKDAYS


def test_oppettider_short_friday_fails_hours_and_window() -> None:
    schedule = [
        *week(days=["mon", "tue", "wed", "thu"]),
        {"dag": "fri", "fran": "07:30", "till": "12:00"},
    ]
    r = oppet({"oppettider": schedule})
    assert r.outcome is ps.Outcome.fail
    assert r.values["declared"] == 42.5
    assert r.values["uncovered_weekdays"] == ["fri"]


def test_oppettider_weekend_hours_count_towards_total_not_window() -> None:
    schedule = [*week("08:00", "17:00"), {"dag": "sat", "fran": "10:00", "till": "14:00"}]
    r = oppet({"oppettider": schedule})
    assert r.values["declared"] == 49.0
    assert r.outcome is ps.Outcome.fail  # 08:00 start leaves 07:30-08:00 uncovered


def test_oppettider_missing_schedule_is_indeterminate() -> None:
    r = oppet({"enhet_id": "hc-1"})
    assert r.outcome is ps.Outcome.indeterminate
    assert r.missing == ("$.oppettider",)


def test_oppettider_unreported_deviations_leave_a_good_week_undecided() -> None:
    # "måndag-fredag klockan 07.30-17.00": a closed Tuesday in the week would fail, so a week
    # whose deviations are not reported (absent, not []) cannot pass.
    r = run("Tillganglighet", {"oppettider": week()}, "tillganglighet.oppettider", date(2025, 3, 12))
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.avvikande_dagar",))
    r = oppet({"oppettider": week(), "avvikande_dagar": [{"datum": "2025-03-11"}]})
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.avvikande_dagar[0].oppettider",))
    bad = run(
        "Tillganglighet", {"oppettider": week("08:00")}, "tillganglighet.oppettider", date(2025, 3, 12)
    )
    assert bad.outcome is ps.Outcome.fail  # fails whatever the deviations are

def test_oppettider_christmas_week_holidays_need_no_coverage_but_julafton_does() -> None:
    christmas = closed("2025-12-24", "2025-12-25", "2025-12-26")
    r = oppet({"oppettider": week(), "avvikande_dagar": christmas}, as_of=date(2025, 12, 22))
    assert r.outcome is ps.Outcome.fail
    assert [d["status"] for d in r.values["deviations"]] == ["afton", "helgdag", "helgdag"]
    assert "2025-12-24" in r.explanation.en
    open_eve = [{"datum": "2025-12-24", "oppettider": [{"fran": "07:30", "till": "17:00"}]}]
    r = oppet({"oppettider": week(), "avvikande_dagar": open_eve + christmas[1:]}, as_of=date(2025, 12, 22))
    assert r.outcome is ps.Outcome.passed


def test_oppettider_short_deviation_on_ordinary_weekday_fails() -> None:
    dev = [{"datum": "2025-12-23", "oppettider": [{"fran": "08:00", "till": "12:00"}]}]
    r = oppet({"oppettider": week(), "avvikande_dagar": dev}, as_of=date(2025, 12, 22))
    assert r.outcome is ps.Outcome.fail
    assert "2025-12-23" in r.explanation.en


def test_oppettider_deviation_outside_the_as_of_week_is_not_checked() -> None:
    dev = closed("2025-12-19")  # an ordinary Friday, closed
    assert (
        oppet({"oppettider": week(), "avvikande_dagar": dev}, date(2025, 12, 22)).outcome
        is ps.Outcome.passed
    )
    r = oppet(
        {"oppettider": week(), "avvikande_dagar": [*dev, *closed("2025-12-31", "2025-12-23")]},
        date(2025, 12, 22),
    )
    assert r.outcome is ps.Outcome.fail  # nyårsafton is in the next week; 23 December is not exempt
    assert [d["datum"] for d in r.values["deviations"]] == [date(2025, 12, 23)]


def test_oppettider_easter_good_friday_closed_passes_but_short_maundy_thursday_fails() -> None:
    good_friday = closed("2025-04-18")
    assert (
        oppet({"oppettider": week(), "avvikande_dagar": good_friday}, date(2025, 4, 14)).outcome
        is ps.Outcome.passed
    )
    thursday = [{"datum": "2025-04-17", "oppettider": [{"fran": "07:30", "till": "15:00"}]}]
    assert (
        oppet({"oppettider": week(), "avvikande_dagar": thursday}, date(2025, 4, 14)).outcome
        is ps.Outcome.fail
    )


def test_oppettider_midsommarafton_closed_fails_an_eve_is_no_public_holiday() -> None:
    r = oppet(
        {"oppettider": week(), "avvikande_dagar": closed("2025-06-20")}, date(2025, 6, 16)
    )
    assert r.outcome is ps.Outcome.fail


def test_oppettider_nationaldagen_closed_passes() -> None:
    r = oppet(
        {"oppettider": week(), "avvikande_dagar": closed("2025-06-06")}, date(2025, 6, 2)
    )
    assert r.outcome is ps.Outcome.passed


def test_deviation_status_holidays_and_eves() -> None:
    assert deviation_status(date(2025, 6, 20), eves_exempt=True) == "afton_undantagen"
    assert deviation_status(date(2025, 6, 20), eves_exempt=False) == "afton"
    assert (
        deviation_status(date(2025, 6, 6), eves_exempt=False) == "helgdag"
    )  # nationaldagen, Friday
    assert deviation_status(date(2025, 6, 19), eves_exempt=True) == "vardag"


def test_weekly_hours_are_real_hours_over_dst() -> None:
    sunday_night = ps.parse_document(
        {"oppettider": [{"dag": "sun", "fran": "00:00", "till": "04:00"}]}, "Tillganglighet"
    )
    spring = [date(2025, 3, 24 + i) for i in range(7)]
    autumn = [date(2025, 10, 20 + i) for i in range(7)]
    ordinary = [date(2025, 3, 10 + i) for i in range(7)]
    assert weekly_hours(sunday_night.oppettider, spring) == 3.0
    assert weekly_hours(sunday_night.oppettider, autumn) == 5.0
    assert weekly_hours(sunday_night.oppettider, ordinary) == 4.0


def test_union_and_covers() -> None:
    assert union([(600, 720), (450, 600), (800, 900), (900, 850)]) == [(450, 720), (800, 900)]
    assert covers([(450, 600), (600, 1020)], (450, 1020))
    assert not covers([(450, 600), (601, 1020)], (450, 1020))


# --- tillganglighet: telephone, e-services, closures ------------------------------------------


def test_akuttelefon_covering_opening_hours_and_1177_passes() -> None:
    data = {"oppettider": week(), "akuttelefon": week(), "hanvisning_utanfor_oppettid": ["1177"]}
    assert (
        run("Tillganglighet", data, "tillganglighet.akuttelefon", date(2025, 3, 12)).outcome
        is ps.Outcome.passed
    )


def test_akuttelefon_gap_and_no_1177_fails() -> None:
    data = {
        "oppettider": week(),
        "akuttelefon": week("08:00", "17:00"),
        "hanvisning_utanfor_oppettid": ["natlakare"],
    }
    r = run("Tillganglighet", data, "tillganglighet.akuttelefon", date(2025, 3, 12))
    assert r.outcome is ps.Outcome.fail
    assert r.values["uncovered_opening_hours"][0] == "mon 07:30–17:00"
    assert r.values["referral_outside_hours"] is False


def test_akuttelefon_missing_inputs_are_named() -> None:
    r = run(
        "Tillganglighet", {"oppettider": week()}, "tillganglighet.akuttelefon", date(2025, 3, 12)
    )
    assert r.outcome is ps.Outcome.indeterminate
    assert r.missing == ("$.akuttelefon", "$.hanvisning_utanfor_oppettid")


@pytest.mark.parametrize(
    ("value", "outcome"),
    [
        ("TeleQ", ps.Outcome.passed),
        ("annan_telefoni", ps.Outcome.fail),
        (None, ps.Outcome.indeterminate),
    ],
)
def test_teleq(value: str | None, outcome: ps.Outcome) -> None:
    r = run("Tillganglighet", {"telefonitjanst": value}, "tillganglighet.teleq", date(2025, 3, 12))
    assert r.outcome is outcome


ALL_E_SERVICES = [
    "boka_tid_webbtidbok", "av_omboka_tid_webbtidbok", "mina_bokade_tider", "forfragan_boka_tid",
    "av_omboka_tid_ej_direkttidbokning", "fornya_recept", "bestall_journalkopia", "begar_intyg",
    "fornya_diabeteshjalpmedel", "fornya_inkontinenshjalpmedel", "bestall_forskrivna_hjalpmedel",
    "kontakta_oss", "synpunkter_och_klagomal", "las_din_journal", "valj_halsocentral",
]  # fmt: skip


def test_e_tjanster_all_fifteen_pass_fourteen_fail() -> None:
    ok = run(
        "Tillganglighet",
        {"e_tjanster": ALL_E_SERVICES},
        "tillganglighet.e_tjanster",
        date(2025, 3, 12),
    )
    assert ok.outcome is ps.Outcome.passed
    assert len(ok.values["required"]) == 15
    r = run(
        "Tillganglighet",
        {"e_tjanster": ALL_E_SERVICES[:-1]},
        "tillganglighet.e_tjanster",
        date(2025, 3, 12),
    )
    assert r.outcome is ps.Outcome.fail
    assert r.values["missing_services"] == ["valj_halsocentral"]
    none = run("Tillganglighet", {}, "tillganglighet.e_tjanster", date(2025, 3, 12))
    assert none.missing == ("$.e_tjanster",)


@pytest.mark.parametrize(
    ("value", "outcome"),
    [(True, ps.Outcome.passed), (False, ps.Outcome.fail), (None, ps.Outcome.indeterminate)],
)
def test_1177_direkt(value: bool | None, outcome: ps.Outcome) -> None:
    r = run(
        "Tillganglighet",
        {"ansluten_1177_direkt": value},
        "tillganglighet.1177_direkt",
        date(2025, 3, 12),
    )
    assert r.outcome is outcome


def closure(
    till: str | None, anmald: str | None = None, phone: str | None = "1177"
) -> dict[str, Any]:
    return {
        "stangningar": [
            {
                "fran": "2025-07-01",
                "forvantad_till": till,
                "anmald": anmald,
                "telefonhanvisning": phone,
            }
        ]
    }


def test_closure_of_exactly_one_week_needs_no_report() -> None:
    r = run(
        "Tillganglighet",
        closure("2025-07-07"),
        "tillganglighet.tillfallig_stangning",
        date(2025, 7, 1),
    )
    assert r.outcome is ps.Outcome.passed
    assert r.values["closures"][0]["days"] == 7
    assert r.values["closures"][0]["report_required"] is False


def test_closure_longer_than_a_week_needs_a_report() -> None:
    r = run(
        "Tillganglighet",
        closure("2025-07-08"),
        "tillganglighet.tillfallig_stangning",
        date(2025, 7, 1),
    )
    assert r.outcome is ps.Outcome.fail
    assert r.values["closures"][0]["days"] == 8
    reported = closure("2025-07-08", anmald="2025-06-20")
    assert (
        run(
            "Tillganglighet", reported, "tillganglighet.tillfallig_stangning", date(2025, 7, 1)
        ).outcome
        is ps.Outcome.passed
    )


def test_closure_is_judged_by_its_first_day() -> None:
    # "Om den tillfälliga stängningen förväntas vara längre än 1 vecka ska vårdgivaren meddela": the
    # report of a closure from 20 December 2024 is the earlier rulebook's, not the 2025 text's; one
    # from 1 January 2025 is under it. But "Om vårdenheten behöver hålla tillfälligt stängt, så ska
    # telefontillgängligheten säkerställas" is owed on every closed day: the 2025 days of the December
    # closure are judged for it (an earlier version of this test left the whole closure unjudged).
    data = {"stangningar": [{"fran": "2024-12-20", "forvantad_till": "2025-01-10", "telefonhanvisning": "1177"}]}
    r = run("Tillganglighet", data, "tillganglighet.tillfallig_stangning", date(2025, 1, 5))
    assert r.outcome is ps.Outcome.passed
    (only,) = r.values["closures"]
    assert (only["judged_from"], only["report_judged"]) == (date(2025, 1, 1), False)
    assert r.values["outside_editions"] == [{"index": 0, "date": date(2024, 12, 20)}]
    later = {"stangningar": [{"fran": "2024-12-20", "forvantad_till": "2025-01-10", "telefonhanvisning": "ringa_senare"}]}
    assert run("Tillganglighet", later, "tillganglighet.tillfallig_stangning", date(2025, 1, 5)).outcome is ps.Outcome.fail
    ended = {"stangningar": [{"fran": "2024-12-20", "forvantad_till": "2024-12-31", "telefonhanvisning": "ringa_senare"}]}
    r = run("Tillganglighet", ended, "tillganglighet.tillfallig_stangning", date(2025, 1, 5))
    assert (r.outcome, r.values["reason"], r.values["day"]) == (
        ps.Outcome.not_applicable, "no_rulebook_in_force", date(2024, 12, 20),
    )
    data["stangningar"].append({"fran": "2025-01-01", "forvantad_till": "2025-01-10", "telefonhanvisning": "1177"})
    r = run("Tillganglighet", data, "tillganglighet.tillfallig_stangning", date(2025, 1, 5))
    assert r.outcome is ps.Outcome.fail
    assert [c["report_required"] for c in r.values["closures"]] == [None, True]
    assert r.values["outside_editions"] == [{"index": 0, "date": date(2024, 12, 20)}]


def test_closure_still_to_come_is_open_not_failed() -> None:
    # The text sets no time for the report ("förväntas vara längre än 1 vecka ska vårdgivaren
    # meddela") or the telephone agreement before the closure: the day before it they are open
    # (warning); from its first day, missing, they fail.
    data = closure("2025-07-20", phone="1177")
    assert run("Tillganglighet", data, "tillganglighet.tillfallig_stangning", date(2025, 6, 30)).outcome is ps.Outcome.warning
    assert run("Tillganglighet", data, "tillganglighet.tillfallig_stangning", date(2025, 7, 1)).outcome is ps.Outcome.fail
    short = closure("2025-07-02", phone="ringa_senare")
    assert run("Tillganglighet", short, "tillganglighet.tillfallig_stangning", date(2025, 6, 30)).outcome is ps.Outcome.warning
    assert run("Tillganglighet", short, "tillganglighet.tillfallig_stangning", date(2025, 7, 1)).outcome is ps.Outcome.fail


def test_bhv_stages_before_the_listing_are_not_the_units() -> None:
    # "teambesök vid 4 veckor, 6 och 12 månader samt 3 års ålder … för listade patienter 0-6 år":
    # a stage whose day came before the child was listed at the unit is not judged.
    born = {"fodelsedatum": "2023-05-10"}
    r = run("Listning", {"person": born, "datum": "2024-05-11"}, "listning.bhv_teambesok", date(2025, 6, 1))
    assert (r.outcome, [s["visit"] for s in r.values["before_listing"]]) == (
        ps.Outcome.open, ["4_veckor", "6_manader", "12_manader"],
    )
    r = run("Listning", {"person": born, "datum": "2024-05-10"}, "listning.bhv_teambesok", date(2025, 6, 1))
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.teambesok",))


def test_closure_without_telephone_arrangement_fails_and_unknown_length_is_indeterminate() -> None:
    # "ska telefontillgängligheten säkerställas genom en överenskommelse med annan vårdenhet
    # eller 1177": "call again later" is no such arrangement; an unreported one is unknown.
    r = run(
        "Tillganglighet",
        closure("2025-07-03", phone="ringa_senare"),
        "tillganglighet.tillfallig_stangning",
        date(2025, 7, 1),
    )
    assert r.outcome is ps.Outcome.fail
    r = run(
        "Tillganglighet",
        closure("2025-07-03", phone=None),
        "tillganglighet.tillfallig_stangning",
        date(2025, 7, 1),
    )
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.stangningar[0].telefonhanvisning",))
    r = run(
        "Tillganglighet", closure(None), "tillganglighet.tillfallig_stangning", date(2025, 7, 1)
    )
    assert r.outcome is ps.Outcome.indeterminate
    assert r.missing == ("$.stangningar[0].forvantad_till",)
    # "Om vårdenheten behöver hålla tillfälligt stängt": closures reported as none are outside the
    # rule; closures not reported at all are unknown.
    none = run(
        "Tillganglighet", {"stangningar": []}, "tillganglighet.tillfallig_stangning", date(2025, 7, 1)
    )
    assert none.outcome is ps.Outcome.not_applicable
    unknown = run("Tillganglighet", {}, "tillganglighet.tillfallig_stangning", date(2025, 7, 1))
    assert (unknown.outcome, unknown.missing) == (ps.Outcome.indeterminate, ("$.stangningar",))


# --- vardkontakt ------------------------------------------------------------------------------


def kontakt(data: dict[str, Any], rule: str, as_of: date) -> ps.Result:
    return run("Vardkontakt", data, "vardkontakt." + rule, as_of)


def test_kontakt_samma_dag_late_evening_met_after_midnight_missed() -> None:
    sought = "2025-03-29T23:30:00+01:00"
    r = kontakt(
        {"sokte": sought, "kontakt": "2025-03-29T23:50:00+01:00"},
        "kontakt_samma_dag",
        date(2025, 4, 1),
    )
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 3, 29))
    r = kontakt(
        {"sokte": sought, "kontakt": "2025-03-30T00:10:00+01:00"},
        "kontakt_samma_dag",
        date(2025, 4, 1),
    )
    assert r.outcome is ps.Outcome.missed


def test_kontakt_samma_dag_utc_instant_is_read_as_the_stockholm_day() -> None:
    r = kontakt({"sokte": "2025-03-29T23:30:00Z"}, "kontakt_samma_dag", date(2025, 3, 30))
    assert (r.outcome, r.values["due"]) == (
        ps.Outcome.open,
        date(2025, 3, 30),
    )  # 00:30 CET on the 30th
    assert (
        kontakt({"sokte": "2025-03-12"}, "kontakt_samma_dag", date(2025, 3, 13)).outcome
        is ps.Outcome.missed
    )
    assert kontakt({}, "kontakt_samma_dag", date(2025, 3, 13)).missing == ("$.sokte",)


def bedomning(**extra: Any) -> dict[str, Any]:
    return {"listad_vid_enheten": True, "behov_bedomt": "2025-12-20", **extra}


def test_medicinsk_bedomning_three_calendar_days_from_a_saturday() -> None:
    r = kontakt(
        bedomning(utford="2025-12-23", utford_av_legitimerad=True),
        "medicinsk_bedomning",
        date(2025, 12, 30),
    )
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 12, 23))
    r = kontakt(
        bedomning(utford="2025-12-24", utford_av_legitimerad=True),
        "medicinsk_bedomning",
        date(2025, 12, 30),
    )
    assert r.outcome is ps.Outcome.missed


def test_medicinsk_bedomning_due_on_julafton_is_not_moved() -> None:
    r = kontakt(bedomning(behov_bedomt="2025-12-21"), "medicinsk_bedomning", date(2025, 12, 24))
    assert (r.outcome, r.values["due"], r.values["due_is_vardag"]) == (
        ps.Outcome.open,
        date(2025, 12, 24),
        False,
    )
    assert "does not move" in r.explanation.en


def test_medicinsk_bedomning_unlicensed_does_not_count_and_unlisted_not_applicable() -> None:
    r = kontakt(
        bedomning(utford="2025-12-22", utford_av_legitimerad=False),
        "medicinsk_bedomning",
        date(2025, 12, 27),
    )
    assert r.outcome is ps.Outcome.missed
    assert r.values["actual"] is None
    r = kontakt(bedomning(listad_vid_enheten=False), "medicinsk_bedomning", date(2025, 12, 27))
    assert r.outcome is ps.Outcome.not_applicable
    r = kontakt({"behov_bedomt": "2025-12-20"}, "medicinsk_bedomning", date(2025, 12, 27))
    assert r.missing == ("$.listad_vid_enheten",)


def hembesok(**extra: Any) -> dict[str, Any]:
    data = {
        "typ": "hembesok",
        "sokte": "2025-03-12",
        "patient": {"folkbokford_lan": "stockholm"},
        "listad_vid_enheten": True,
    }
    return {**data, **extra}


def test_hembesok_utomlans_staying_in_kalmar_accepted_elsewhere_no_duty() -> None:
    r = kontakt(hembesok(vistelse_lan="kalmar"), "hembesok_utomlans", date(2025, 3, 12))
    assert (r.outcome, r.values["decision"], r.values["duty"]) == (ps.Outcome.passed, "accept", True)
    # "har vårdenheten ingen skyldighet att genomföra hembesök" but "kan hembesök över
    # länsgränser komma i fråga": no duty, yet the unit may proceed, so a warning, not a refusal.
    r = kontakt(hembesok(vistelse_lan="Stockholms län"), "hembesok_utomlans", date(2025, 3, 12))
    assert (r.outcome, r.values["duty"], r.values["staying_in"]) == (
        ps.Outcome.warning,
        False,
        "stockholm",
    )
    assert "decision" not in r.values


def test_hembesok_utomlans_not_applicable_and_missing() -> None:
    resident = hembesok(vistelse_lan="kalmar", patient={"folkbokford_lan": "kalmar"})
    assert (
        kontakt(resident, "hembesok_utomlans", date(2025, 3, 12)).outcome
        is ps.Outcome.not_applicable
    )
    visit = hembesok(vistelse_lan="kalmar", typ="besok")
    assert (
        kontakt(visit, "hembesok_utomlans", date(2025, 3, 12)).outcome is ps.Outcome.not_applicable
    )
    assert kontakt(hembesok(), "hembesok_utomlans", date(2025, 3, 12)).missing == (
        "$.vistelse_lan",
    )
    # A known fact outside the scope decides whatever else is missing.
    unlisted = {"typ": "hembesok", "sokte": "2025-03-12", "listad_vid_enheten": False}
    assert (
        kontakt(unlisted, "hembesok_utomlans", date(2025, 3, 12)).outcome
        is ps.Outcome.not_applicable
    )


def test_hembesok_utomlans_a_patient_registered_in_no_county_is_out_of_county() -> None:
    # "på samma villkor som för personer som är folkbokförda i Kalmar län": a listed patient not
    # registered in Sweden is registered in no county, so not in Kalmar län; where the patient
    # stays decides, as for any out-of-county patient.
    abroad = {"folkbokford_i_sverige": False}
    r = kontakt(hembesok(patient=abroad, vistelse_lan="kalmar"), "hembesok_utomlans", date(2025, 3, 12))
    assert (r.outcome, r.values["decision"], r.values["registered_in"]) == (ps.Outcome.passed, "accept", None)
    r = kontakt(hembesok(patient=abroad, vistelse_lan="kronoberg"), "hembesok_utomlans", date(2025, 3, 12))
    assert (r.outcome, r.values["duty"]) == (ps.Outcome.warning, False)
    r = kontakt(hembesok(patient=abroad), "hembesok_utomlans", date(2025, 3, 12))
    assert r.missing == ("$.vistelse_lan",)
    # Registered in Sweden, county not reported: unknown.
    r = kontakt(
        hembesok(patient={"folkbokford_i_sverige": True}, vistelse_lan="kalmar"), "hembesok_utomlans", date(2025, 3, 12)
    )
    assert r.missing == ("$.patient.folkbokford_lan",)


def asyl(sokte: str, **extra: Any) -> dict[str, Any]:
    return {
        "sokte": sokte,
        "patient": {"fodelsedatum": "2007-06-15", "vistelsestatus": "asylsokande"},
        **extra,
    }


def test_asylsokande_child_until_the_day_before_18th_birthday() -> None:
    r = kontakt(asyl("2025-06-14"), "asylsokande", date(2025, 7, 1))
    assert (r.outcome, r.values["age"], r.values["decision"]) == (ps.Outcome.passed, 17, "accept")


def test_asylsokande_adult_only_care_that_cannot_wait() -> None:
    r = kontakt(asyl("2025-06-15", kan_ej_vanta=False), "asylsokande", date(2025, 7, 1))
    assert (r.outcome, r.values["age"], r.values["decision"]) == (ps.Outcome.fail, 18, "reject")
    r = kontakt(asyl("2025-06-15", kan_ej_vanta=True), "asylsokande", date(2025, 7, 1))
    assert r.outcome is ps.Outcome.passed
    r = kontakt(asyl("2025-06-15"), "asylsokande", date(2025, 7, 1))
    assert r.missing == ("$.kan_ej_vanta",)


def test_asylsokande_residents_not_applicable_and_missing_birth_date() -> None:
    resident = {
        "sokte": "2025-06-20",
        "patient": {"fodelsedatum": "1990-01-01", "vistelsestatus": "folkbokford"},
    }
    assert kontakt(resident, "asylsokande", date(2025, 7, 1)).outcome is ps.Outcome.not_applicable
    r = kontakt(
        {"sokte": "2025-06-20", "patient": {"vistelsestatus": "papperslos"}},
        "asylsokande",
        date(2025, 7, 1),
    )
    assert r.missing == ("$.patient.fodelsedatum",)


def test_asylsokande_age_on_the_day_care_was_sought_never_on_as_of() -> None:
    # "Asylsökande barn och ungdomar upp till 18 år": 17 when care was sought on 20 August, 18 on
    # the evaluation day 15 September; the child's right is decided by the day care was sought.
    child = {"patient": {"vistelsestatus": "asylsokande", "fodelsedatum": "2007-09-01"}, "kan_ej_vanta": False}
    r = kontakt({**child, "sokte": "2025-08-20"}, "asylsokande", date(2025, 9, 15))
    assert (r.outcome, r.values["age"], r.values["decision"]) == (ps.Outcome.passed, 17, "accept")
    r = kontakt(child, "asylsokande", date(2025, 9, 15))
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.sokte",))


# --- vardenhet --------------------------------------------------------------------------------


def lakare(
    id_: str, fte: float | None, *spec: str, coloc: bool | None = True, **extra: Any
) -> dict[str, Any]:
    return {"id": id_, "yrke": "lakare", "legitimerad": True, "specialiteter": list(spec),
            "tjanstgoringsgrad": fte, "samlokaliserad": coloc, "funktioner": [], "uppdrag": [],
            **extra}  # fmt: skip


def unit(personal: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    staff = personal if personal is not None else [
        lakare("L1", 1.0, "allmanmedicin", funktioner=["mal"]),
        lakare("L2", 0.5, "allmanmedicin"),
        lakare("L3", 1.0, "internmedicin"),
        {"id": "ST1", "yrke": "lakare", "st_specialitet": "allmanmedicin", "tjanstgoringsgrad": 1.0,
         "specialiteter": [], "funktioner": [], "uppdrag": []},
        {"id": "S1", "yrke": "sjukskoterska", "legitimerad": True, "uppdrag": ["radgivning"],
         "funktioner": ["vardsamordnare"], "namn": "Fiktiv Samordnare"},
        {"id": "VC", "yrke": "annan", "legitimerad": False, "funktioner": ["verksamhetschef"],
         "uppdrag": [], "namn": "Fiktiv Chef"},
    ]  # fmt: skip
    return {"id": "hc-1", "personal": staff, **extra}


def enhet(data: dict[str, Any], rule: str, as_of: date = date(2025, 3, 12)) -> ps.Result:
    return run("Vardenhet", data, rule, as_of)


def test_radgivning_licensed_nurse_passes_assistant_nurse_fails() -> None:
    assert enhet(unit(), "tillganglighet.radgivning").outcome is ps.Outcome.passed
    staff = [
        {"id": "U1", "yrke": "underskoterska", "legitimerad": False, "uppdrag": ["radgivning"]}
    ]
    r = enhet(unit(staff), "tillganglighet.radgivning")
    assert (r.outcome, r.values["below_minimum"]) == (ps.Outcome.fail, ["U1"])
    # "Rådgivning ska ges av lägst sjuksköterskekompetens vid vårdenheten" says who gives the advice:
    # a unit that declares no adviser has not said who does (catalogue: missing input, not a failure).
    assert enhet(unit([]), "tillganglighet.radgivning").missing == ("$.personal",)
    assert enhet({"id": "hc-1"}, "tillganglighet.radgivning").missing == ("$.personal",)


def test_radgivning_unreported_work_areas_are_indeterminate_not_fail() -> None:
    # "Rådgivning ska ges av lägst sjuksköterskekompetens vid vårdenheten": licensed nurses whose
    # work areas are not reported may well give the advice; that is unknown, not a failure.
    nurses = [{"id": "s1", "yrke": "sjukskoterska", "legitimerad": True},
              {"id": "s2", "yrke": "sjukskoterska", "legitimerad": True}]  # fmt: skip
    r = enhet({"id": "U1", "personal": nurses}, "tillganglighet.radgivning", date(2025, 6, 1))
    assert (r.outcome, r.missing) == (
        ps.Outcome.indeterminate,
        ("$.personal[0].uppdrag", "$.personal[1].uppdrag"),
    )
    # An assistant nurse whose work areas are unknown might be giving advice beside the nurse.
    staff = [{"id": "S1", "yrke": "sjukskoterska", "legitimerad": True, "uppdrag": ["radgivning"]},
             {"id": "U1", "yrke": "underskoterska", "legitimerad": False}]  # fmt: skip
    r = enhet(unit(staff), "tillganglighet.radgivning")
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.personal[1].uppdrag",))


def test_samlokaliserade_lakare_three_pass() -> None:
    r = enhet(unit(), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["declared"]) == (
        ps.Outcome.passed,
        3,
    )  # ST1 does not declare co-location



def test_samlokaliserade_lakare_counts_persons_not_records() -> None:
    # "minst två samlokaliserade läkare": a staff id is unique within the unit, so one physician on
    # two records (two part-time posts) is one physician.
    twice = unit([lakare("L1", 0.5), lakare("L1", 0.5)], invanare_inom_1_mil=5000, samverkansavtal=[])
    r = enhet(twice, "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.fail, 1)
    r = enhet(unit([lakare("L1", 0.5), lakare("L1", 0.5), lakare("L2", 1.0)], invanare_inom_1_mil=5000),
              "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.passed, 2)
    # the same person again with co-location unreported cannot be the second physician
    r = enhet(unit([lakare("L1", 0.5), lakare("L1", 0.5, coloc=None)], invanare_inom_1_mil=5000,
                   samverkansavtal=[]), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.missing) == (ps.Outcome.fail, ())

def one_doctor(inhabitants: int | None, agreements: list[dict[str, str]] | None) -> dict[str, Any]:
    return unit(
        [lakare("L1", 1.0, "allmanmedicin")],
        invanare_inom_1_mil=inhabitants,
        samverkansavtal=agreements,
    )


FORMAL = [{"part": "hc-2", "typ": "formaliserat_samarbete", "giltig_fran": "2024-01-01"}]


def test_samlokaliserade_lakare_exception_strictly_below_2700() -> None:
    r = enhet(one_doctor(2699, FORMAL), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["exception"]) == (ps.Outcome.passed, True)
    r = enhet(one_doctor(2700, FORMAL), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["exception"]) == (ps.Outcome.fail, False)
    r = enhet(one_doctor(2699, []), "vardenhet.samlokaliserade_lakare")
    assert r.outcome is ps.Outcome.fail


def test_samlokaliserade_lakare_missing_figures_indeterminate() -> None:
    # Without any formalised collaboration the exception cannot hold, whatever the population.
    r = enhet(one_doctor(None, []), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.missing) == (ps.Outcome.fail, ())
    r = enhet(one_doctor(None, FORMAL), "vardenhet.samlokaliserade_lakare")
    assert r.missing == ("$.invanare_inom_1_mil",)
    r = enhet(one_doctor(2000, None), "vardenhet.samlokaliserade_lakare")
    assert r.missing == ("$.samverkansavtal",)
    unknown = unit([lakare("L1", 1.0), lakare("L2", 1.0, coloc=None)], invanare_inom_1_mil=5000)
    assert enhet(unknown, "vardenhet.samlokaliserade_lakare").missing == (
        "$.personal[1].samlokaliserad",
    )
    # A co-located staff member whose profession is not reported may be the second physician.
    staff = [lakare("a", 1.0, "allmanmedicin"), {"id": "x", "tjanstgoringsgrad": 1.5, "samlokaliserad": True}]
    r = enhet(unit(staff, invanare_inom_1_mil=5000, samverkansavtal=[]), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.personal[1].yrke",))


def test_glesbygdsundantag() -> None:
    assert (
        enhet(one_doctor(2699, FORMAL), "vardenhet.glesbygdsundantag").outcome is ps.Outcome.passed
    )
    assert enhet(one_doctor(2699, []), "vardenhet.glesbygdsundantag").outcome is ps.Outcome.fail
    assert (
        enhet(one_doctor(2700, []), "vardenhet.glesbygdsundantag").outcome
        is ps.Outcome.not_applicable
    )
    assert enhet(one_doctor(None, []), "vardenhet.glesbygdsundantag").missing == (
        "$.invanare_inom_1_mil",
    )
    # "För dessa vårdenheter gäller att man ska ha formaliserat samarbete med annan vårdenhet":
    # every unit below 2 700 inhabitants, whatever its staffing.
    two = unit(invanare_inom_1_mil=1500, samverkansavtal=[])
    assert enhet(two, "vardenhet.glesbygdsundantag").outcome is ps.Outcome.fail


def test_andel_allmanmedicin_st_excluded() -> None:
    r = enhet(unit(), "vardenhet.andel_allmanmedicin")
    assert r.outcome is ps.Outcome.passed
    assert (r.values["specialist_fte"], r.values["total_fte"], r.values["declared"]) == (
        1.5,
        2.5,
        0.6,
    )


def test_andel_allmanmedicin_exactly_half_passes_below_fails() -> None:
    half = unit([lakare("A", 1.0, "allmanmedicin"), lakare("B", 1.0, "internmedicin")])
    assert enhet(half, "vardenhet.andel_allmanmedicin").outcome is ps.Outcome.passed
    below = unit([lakare("A", 0.9, "allmanmedicin"), lakare("B", 1.0, "internmedicin")])
    r = enhet(below, "vardenhet.andel_allmanmedicin")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.fail, 0.4737)


def test_andel_allmanmedicin_exact_decimal_arithmetic() -> None:
    # 0.3 / (0.1 + 0.2 + 0.3) is exactly one half; binary floats would give 0.49999999999999994.
    staff = [lakare("A", 0.3, "allmanmedicin"), lakare("B", 0.1), lakare("C", 0.2)]
    assert enhet(unit(staff), "vardenhet.andel_allmanmedicin").outcome is ps.Outcome.passed


def test_andel_allmanmedicin_missing_service_level() -> None:
    staff = [lakare("A", 1.0, "allmanmedicin"), lakare("B", None)]
    assert enhet(unit(staff), "vardenhet.andel_allmanmedicin").missing == (
        "$.personal[1].tjanstgoringsgrad",
    )


def test_andel_allmanmedicin_unknown_profession_is_never_dropped() -> None:
    # "Hälften av enhetens samlade tjänstgöringsgrad för läkare": x (1.5 FTE, profession not
    # reported) is 0.4 if a non-specialist physician and 1.0 if not a physician at all.
    staff = [lakare("a", 1.0, "allmanmedicin"), {"id": "x", "tjanstgoringsgrad": 1.5, "samlokaliserad": True}]
    r = enhet({"id": "U", "personal": staff}, "vardenhet.andel_allmanmedicin", date(2025, 6, 1))
    assert (r.outcome, r.missing) == (
        ps.Outcome.indeterminate,
        ("$.personal[1].yrke", "$.personal[1].specialiteter"),
    )
    # When every possible value gives the same outcome, the rule decides.
    staff = [lakare("A", 2.0, "allmanmedicin"), {"id": "B", "yrke": "lakare", "tjanstgoringsgrad": 1.0}]
    assert enhet(unit(staff), "vardenhet.andel_allmanmedicin").outcome is ps.Outcome.passed
    staff = [lakare("A", 0.4, "allmanmedicin"), lakare("B", 1.0), {"id": "X", "tjanstgoringsgrad": 0.1}]
    assert enhet(unit(staff), "vardenhet.andel_allmanmedicin").outcome is ps.Outcome.fail


def test_mal_verksamhetschef_vardsamordnare_pass() -> None:
    for rule in ("vardenhet.mal", "vardenhet.verksamhetschef", "vardenhet.vardsamordnare"):
        assert enhet(unit(), rule).outcome is ps.Outcome.passed, rule


def test_named_functions_missing_or_unnamed() -> None:
    staff = [lakare("L1", 1.0), {"id": "VC", "yrke": "annan", "funktioner": ["verksamhetschef"]}]
    assert enhet(unit(staff), "vardenhet.mal").outcome is ps.Outcome.fail
    assert enhet(unit(staff), "vardenhet.vardsamordnare").outcome is ps.Outcome.fail
    r = enhet(unit(staff), "vardenhet.verksamhetschef")
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.personal[1].namn",))
    nurse_mal = [{"id": "S1", "yrke": "sjukskoterska", "funktioner": ["mal"]}]
    assert enhet(unit(nurse_mal), "vardenhet.mal").outcome is ps.Outcome.fail
    r = enhet(unit(staff), "vardenhet.verksamhetschef")
    assert "Fiktiv" not in r.explanation.sv
    # Staff whose functions are not reported may hold them.
    r = enhet(unit([{"id": "L1", "yrke": "lakare"}]), "vardenhet.mal")
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.personal[0].funktioner",))


def brist(**k: str) -> dict[str, Any]:
    return unit(kompetensbrist={"uppstod": "2025-01-31", **k})


def test_kompetensbrist_one_month_clamped_to_february() -> None:
    r = enhet(
        brist(anmald="2025-02-03", atergestalld="2025-02-28"),
        "vardenhet.kompetensbrist",
        date(2025, 3, 12),
    )
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 2, 28))
    r = enhet(
        brist(anmald="2025-02-03", atergestalld="2025-03-01"),
        "vardenhet.kompetensbrist",
        date(2025, 3, 12),
    )
    assert r.outcome is ps.Outcome.missed
    assert enhet(brist(), "vardenhet.kompetensbrist", date(2025, 2, 28)).outcome is ps.Outcome.open
    assert enhet(unit(), "vardenhet.kompetensbrist").outcome is ps.Outcome.not_applicable


def test_kompetensbrist_the_duty_to_report_is_checked() -> None:
    # "ska detta anmälas till Region Kalmar län och återställande ska ske inom en (1) månad":
    # restored in time but never reported is a breach of the same sentence.
    r = enhet(brist(atergestalld="2025-02-27"), "vardenhet.kompetensbrist", date(2025, 6, 1))
    assert (r.outcome, r.values["restoration"], r.values["report"]) == (
        ps.Outcome.missed,
        ps.Outcome.met,
        ps.Outcome.missed,
    )
    r = enhet(brist(atergestalld="2025-02-07"), "vardenhet.kompetensbrist", date(2025, 2, 10))
    assert r.outcome is ps.Outcome.open


def test_kompetensbrist_before_the_2025_edition_is_not_governed_by_it() -> None:
    # "Om vårdenheten på grund av tillfällig kompetensbrist … återställande ska ske inom en (1)
    # månad": the duty arises the day the shortfall arises. One that arose on 15 December 2024 is
    # outside the 2025 text, answered as every rule answers outside every edition.
    arose_2024 = unit(kompetensbrist={"uppstod": "2024-12-15", "anmald": "2025-01-20"})
    r = enhet(arose_2024, "vardenhet.kompetensbrist", date(2025, 2, 1))
    assert (r.outcome, dict(r.values), r.governing_day, r.edition) == (
        ps.Outcome.not_applicable, {"reason": "no_rulebook_in_force", "day": date(2024, 12, 15)}, None, None,
    )
    assert r.explanation.en == "No edition of the rulebook is in force on 2024-12-15; the rule does not apply."
    r = enhet(unit(kompetensbrist={"uppstod": "2025-01-01"}), "vardenhet.kompetensbrist", date(2025, 2, 2))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.missed, date(2025, 2, 1))
    # One that arose in December 2025 stays a 2025 duty when evaluated in 2026.
    late = unit(kompetensbrist={"uppstod": "2025-12-15", "anmald": "2025-12-16", "atergestalld": "2026-01-16"})
    r = enhet(late, "vardenhet.kompetensbrist", date(2026, 2, 1))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.missed, date(2026, 1, 15))


def test_a_blank_name_names_nobody() -> None:
    # "Vårdenheten ska ha utsedd, namngiven verksamhetschef"; "minst en namngiven vårdsamordnare".
    for blank in ("", "   ", "\t"):
        staff = [{"id": "VC", "funktioner": ["verksamhetschef", "vardsamordnare"], "namn": blank}]
        for rule in ("vardenhet.verksamhetschef", "vardenhet.vardsamordnare"):
            r = enhet(unit(staff), rule)
            assert (r.outcome, r.values["unnamed_holders"]) == (ps.Outcome.fail, ["VC"]), (rule, blank)
    # A blank name beside a holder whose name is not reported: that one may still be named.
    staff = [
        {"id": "VC", "funktioner": ["verksamhetschef"], "namn": " "},
        {"id": "VC2", "funktioner": ["verksamhetschef"]},
    ]
    r = enhet(unit(staff), "vardenhet.verksamhetschef")
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.personal[1].namn",))


def test_formalised_collaboration_in_the_texts_words() -> None:
    # "För dessa vårdenheter gäller att man ska ha formaliserat samarbete med annan vårdenhet."
    for typ in ("formaliserat_samarbete", "Formaliserat samarbete"):
        data = unit(
            [lakare("L1", 1.0)], invanare_inom_1_mil=2699,
            samverkansavtal=[{"part": "hc-2", "typ": typ, "giltig_fran": "2024-01-01"}],
        )
        assert enhet(data, "vardenhet.glesbygdsundantag").outcome is ps.Outcome.passed, typ
        assert enhet(data, "vardenhet.samlokaliserade_lakare").outcome is ps.Outcome.passed, typ
    other = unit(invanare_inom_1_mil=2699, samverkansavtal=[{"part": "hc-2", "typ": "Annan samverkan"}])
    assert enhet(other, "vardenhet.glesbygdsundantag").outcome is ps.Outcome.fail


def test_fast_lakarkontakt_riktvarde_counts_every_specialist_in_primary_care() -> None:
    # "specialist i allmänmedicin, barn- och ungdomsmedicin eller geriatrik … 1100 invånare per
    # specialist i primärvården": the geriatrician counts, 2 200 / 2 FTE = 1 100.
    staff = [lakare("a", 1.0, "allmanmedicin"), lakare("b", 1.0, "geriatrik")]
    r = enhet(unit(staff, befolkning={"listade": 2200}), "vardenhet.fast_lakarkontakt_riktvarde")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.passed, 1100.0)
    staff = [lakare("a", 1.0, "pediatrik")]
    r = enhet(unit(staff, befolkning={"listade": 1100}), "vardenhet.fast_lakarkontakt_riktvarde")
    assert r.outcome is ps.Outcome.passed


def test_fast_lakarkontakt_riktvarde_is_advisory() -> None:
    r = enhet(unit(befolkning={"listade": 1650}), "vardenhet.fast_lakarkontakt_riktvarde")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.passed, 1100.0)  # 1650 / 1.5 FTE
    r = enhet(unit(befolkning={"listade": 1651}), "vardenhet.fast_lakarkontakt_riktvarde")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.warning, 1100.7)
    r = enhet(unit(befolkning={"listade": 99999}), "vardenhet.fast_lakarkontakt_riktvarde")
    assert r.outcome is ps.Outcome.warning
    assert enhet(unit(), "vardenhet.fast_lakarkontakt_riktvarde").missing == (
        "$.befolkning.listade",
    )


# --- listning ---------------------------------------------------------------------------------


def listning(data: dict[str, Any], rule: str, as_of: date) -> ps.Result:
    return run("Listning", data, "listning." + rule, as_of)


def test_rub_fast_lakarkontakt() -> None:
    ok = {"rub": 4, "behov_fast_lakarkontakt": True, "fast_lakarkontakt": True}
    assert listning(ok, "rub_fast_lakarkontakt", date(2025, 3, 12)).outcome is ps.Outcome.passed
    assert (
        listning(
            {**ok, "rub": 5, "fast_lakarkontakt": False}, "rub_fast_lakarkontakt", date(2025, 3, 12)
        ).outcome
        is ps.Outcome.fail
    )
    assert (
        listning({**ok, "rub": 3}, "rub_fast_lakarkontakt", date(2025, 3, 12)).outcome
        is ps.Outcome.not_applicable
    )
    assert (
        listning(
            {**ok, "behov_fast_lakarkontakt": False}, "rub_fast_lakarkontakt", date(2025, 3, 12)
        ).outcome
        is ps.Outcome.not_applicable
    )
    assert listning({}, "rub_fast_lakarkontakt", date(2025, 3, 12)).missing == (
        "$.rub", "$.behov_fast_lakarkontakt", "$.fast_lakarkontakt",
    )  # fmt: skip
    assert listning({**ok, "rub": None}, "rub_fast_lakarkontakt", date(2025, 3, 12)).missing == (
        "$.rub",
    )
    # "om behovet finns": no need decides, whatever else is missing.
    assert (
        listning({"behov_fast_lakarkontakt": False}, "rub_fast_lakarkontakt", date(2025, 3, 12)).outcome
        is ps.Outcome.not_applicable
    )


def child(born: str) -> dict[str, Any]:
    return {"person": {"fodelsedatum": born}}


def test_bhv_teambesok_dates_with_month_end_clamping() -> None:
    r = listning(child("2025-08-31"), "bhv_teambesok", date(2025, 9, 1))
    assert (r.outcome, r.values["due"], r.values["next_visit"]) == (
        ps.Outcome.open,
        date(2025, 9, 28),
        "4_veckor",
    )
    assert [v["date"] for v in r.values["visits"]] == [
        date(2025, 9, 28), date(2026, 2, 28), date(2026, 8, 31), date(2028, 8, 31),
    ]  # fmt: skip


def test_bhv_teambesok_due_on_the_day_then_the_next_one() -> None:
    r = listning(child("2025-08-31"), "bhv_teambesok", date(2025, 9, 28))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.open, date(2025, 9, 28))
    # "teambesök vid 4 veckor": the day after, the 4-week visit has passed. It is not dropped:
    # without a visit record it is indeterminate (the D11 defect was a silent "open").
    r = listning(child("2025-08-31"), "bhv_teambesok", date(2025, 9, 29))
    assert (r.outcome, r.values["due"], r.missing) == (
        ps.Outcome.indeterminate,
        date(2026, 2, 28),
        ("$.teambesok",),
    )
    assert r.values["visits"][0]["status"] is ps.Outcome.indeterminate


def test_bhv_visits_leap_year() -> None:
    assert bhv_visits(date(2023, 8, 31), [{"months": 6}]) == [("6_manader", date(2024, 2, 29))]
    assert bhv_visits(date(2024, 2, 29), [{"years": 3}]) == [("3_ar", date(2027, 2, 28))]


def test_bhv_teambesok_age_limits() -> None:
    r = listning(child("2018-03-12"), "bhv_teambesok", date(2025, 3, 12))
    assert (r.outcome, r.values["age"]) == (ps.Outcome.not_applicable, 7)
    r = listning(
        child("2018-03-12"), "bhv_teambesok", date(2025, 3, 11)
    )  # 6 years, all visits past: none is dropped, and none can be shown done
    assert (r.outcome, r.values["age"], r.missing) == (ps.Outcome.indeterminate, 6, ("$.teambesok",))
    assert [v["status"] for v in r.values["visits"]] == [ps.Outcome.indeterminate] * 4
    assert listning({}, "bhv_teambesok", date(2025, 3, 11)).missing == ("$.person.fodelsedatum",)


def test_riktade_halsosamtal_off_until_the_digital_support_exists() -> None:
    r = listning(child("1985-06-01"), "riktade_halsosamtal", date(2025, 6, 1))
    assert r.outcome is ps.Outcome.not_applicable
    assert "digital support" in r.explanation.en
    assert {p.name: p.value for p in r.parameters}["digital_support_available"] is False


def test_halsosamtal_age_is_the_age_turned_in_the_calendar_year() -> None:
    ages = (40, 50, 60)
    assert halsosamtal_age(date(1985, 12, 31), 2025, ages) == 40
    assert halsosamtal_age(date(1986, 1, 1), 2025, ages) is None
    assert halsosamtal_age(date(1975, 1, 1), 2025, ages) == 50
    assert halsosamtal_age(date(1965, 7, 7), 2025, ages) == 60
    assert halsosamtal_age(date(1964, 7, 7), 2025, ages) is None


# --- uppfoljning ------------------------------------------------------------------------------


def fordelning(hours: float | None, **units: int | tuple[int, float]) -> dict[str, Any]:
    parts = []
    for k, v in units.items():
        basis, declared = v if isinstance(v, tuple) else (v, None)
        parts.append({"enhet_id": k, "underlag": basis, "deklarerade_timmar": declared})
    return {"avser": "helgoppen_bemanning", "timmar": hours, "enheter": parts}


def bemanning(data: dict[str, Any]) -> ps.Result:
    return run("Fordelning", data, "uppfoljning.helgoppen_bemanning", date(2025, 3, 12))


def test_helgoppen_bemanning_exact_shares() -> None:
    r = bemanning(fordelning(48, A=(1000, 8.0), B=(2000, 16.0), C=(3000, 24.0)))
    assert r.outcome is ps.Outcome.passed
    assert (r.values["allocation"], r.values["total"]) == ({"A": 8.0, "B": 16.0, "C": 24.0}, 48.0)


def test_helgoppen_bemanning_unit_above_its_exact_share_passes() -> None:
    # "Arbetsinsatsen fördelas utifrån vårdenhetens andel av områdets totala listade patienter":
    # the share is 10/3 h each; no rounding grid or tie-break makes A owe 3.5 h.
    r = bemanning(fordelning(10, A=(1000, 3.4), B=(1000, 3.34), C=(1000, 3.34)))
    assert r.outcome is ps.Outcome.passed
    assert r.values["allocation_exact"] == {"A": "10/3", "B": "10/3", "C": "10/3"}
    assert r.values["shortfall"] == {}


def test_helgoppen_bemanning_declared_hours_below_the_exact_share_fail() -> None:
    r = bemanning(fordelning(48, A=(1000, 7.5), B=(2000, 16.0), C=(3000, 24.0)))
    assert r.outcome is ps.Outcome.fail
    assert r.values["shortfall"] == {"A": 0.5}
    r = bemanning(fordelning(10, A=(1, 3.34), B=(1, 3.34), C=(1, 3.33)))
    assert (r.outcome, r.values["shortfall"]) == (ps.Outcome.fail, {"C": 0.0033})


def test_helgoppen_bemanning_any_total_is_valid_and_undeclared_hours_are_indeterminate() -> None:
    # "Samma princip gäller för läkare i beredskap"; the text has no rounding unit.
    r = bemanning({**fordelning(10.1, A=(1, 5.05), B=(1, 5.05)), "avser": "beredskap"})
    assert (r.outcome, r.values["allocation"]) == (ps.Outcome.passed, {"A": 5.05, "B": 5.05})
    r = bemanning(fordelning(48, A=(1000, 8.0), B=2000, C=(3000, 24.0)))
    assert (r.outcome, r.missing) == (ps.Outcome.indeterminate, ("$.enheter[1].deklarerade_timmar",))


def test_helgoppen_bemanning_in_the_texts_words() -> None:
    # "Helgöppen hälsocentral och beredskapsuppdrag" … "Samma princip gäller för läkare i beredskap".
    shared = fordelning(48, A=(1000, 8.0), B=(2000, 16.0), C=(3000, 24.0))
    for avser in ("Helgöppen hälsocentral", "Läkare i beredskap"):
        assert bemanning({**shared, "avser": avser}).outcome is ps.Outcome.passed, avser
    r = bemanning({**shared, "avser": "Läkartid på ungdomsmottagning"})
    assert (r.outcome, r.values["reason"]) == (ps.Outcome.not_applicable, "other_allocation")


def test_helgoppen_bemanning_not_applicable_and_indeterminate() -> None:
    assert (
        bemanning({**fordelning(48, A=1), "avser": "umm_lakartid"}).outcome
        is ps.Outcome.not_applicable
    )
    assert bemanning(fordelning(None, A=1)).missing == ("$.timmar",)
    assert bemanning(fordelning(10, A=0, B=0)).outcome is ps.Outcome.indeterminate
    assert bemanning({"avser": "helgoppen_bemanning", "timmar": 10}).missing == ("$.enheter",)



def test_helgoppen_bemanning_share_of_the_whole_areas_listed() -> None:
    # "vårdenhetens andel av områdets totala listade patienter": with the area's total given, a unit
    # listed alone owes its share of the whole area (2 000 of 10 000 listed: 48 × 1/5 = 9.6 h).
    one = {"avser": "helgoppen_bemanning", "timmar": 48, "underlag_omrade": 10000}
    r = bemanning({**one, "enheter": [{"enhet_id": "A", "underlag": 2000, "deklarerade_timmar": 9.6}]})
    assert (r.outcome, r.values["allocation"], r.values["listed_total"]) == (ps.Outcome.passed, {"A": 9.6}, 10000)
    r = bemanning({**one, "enheter": [{"enhet_id": "A", "underlag": 2000, "deklarerade_timmar": 9.59}]})
    assert (r.outcome, r.values["shortfall"]) == (ps.Outcome.fail, {"A": 0.01})
    # an area total below the units' own listed patients cannot be right
    r = bemanning({**fordelning(48, A=(1000, 8.0), B=(2000, 16.0)), "underlag_omrade": 2999})
    assert (r.outcome, r.missing, r.values["inconsistent"]) == (
        ps.Outcome.indeterminate, ("$.underlag_omrade",), ("$.underlag_omrade",))
    # equal to the sum: the same as without it
    r = bemanning({**fordelning(48, A=(1000, 8.0), B=(2000, 16.0), C=(3000, 24.0)), "underlag_omrade": 6000})
    assert r.outcome is ps.Outcome.passed


def test_helgoppen_bemanning_unit_without_listed_patients_owes_nothing() -> None:
    # a share of 0 h is met by any hours, so its undeclared hours cannot change the outcome
    r = bemanning(fordelning(48, A=(1000, 8.0), B=(2000, 16.0), C=(3000, 24.0), D=0))
    assert (r.outcome, r.values["allocation"]["D"]) == (ps.Outcome.passed, 0.0)

@given(
    hours=st.fractions(min_value=0, max_value=1000, max_denominator=100),
    weights=st.dictionaries(
        st.text("abcdef", min_size=1, max_size=3), st.integers(0, 100_000), min_size=1, max_size=8
    ),
)
def test_exact_shares_add_up_and_follow_the_weights(hours: Any, weights: dict[str, int]) -> None:
    total = sum(weights.values())
    if total == 0:
        return
    shares = exact_shares(hours, weights)
    assert sum(shares.values()) == hours
    for k, w in weights.items():
        assert shares[k] * total == hours * w


PERIOD_2025 = {"fran": "2025-01-01", "till": "2025-12-31"}


def uppfoljning(data: dict[str, Any], rule: str, as_of: date) -> ps.Result:
    """A follow-up of the 2025 period (each change or request is judged by its own day)."""
    return run("Uppfoljning", {"period": PERIOD_2025, **data}, "uppfoljning." + rule, as_of)


def test_uppgifter_14_dagar_due_on_nyarsafton_inclusive() -> None:
    r = uppfoljning(
        {"begaranden": [{"begard": "2025-12-17", "levererad": "2025-12-31"}]},
        "uppgifter_14_dagar",
        date(2026, 1, 5),
    )
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 12, 31))
    r = uppfoljning(
        {"begaranden": [{"begard": "2025-12-17", "levererad": "2026-01-01"}]},
        "uppgifter_14_dagar",
        date(2026, 1, 5),
    )
    assert r.outcome is ps.Outcome.missed


def test_uppgifter_14_dagar_aggregate() -> None:
    data = {
        "begaranden": [
            {"begard": "2025-12-19"},
            {"begard": "2025-12-17", "levererad": "2025-12-18"},
        ]
    }
    r = uppfoljning(data, "uppgifter_14_dagar", date(2025, 12, 20))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.open, date(2026, 1, 2))
    r = uppfoljning(data, "uppgifter_14_dagar", date(2026, 1, 3))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.missed, date(2026, 1, 2))
    assert uppfoljning({}, "uppgifter_14_dagar", date(2026, 1, 3)).missing == ("$.begaranden",)
    assert (
        uppfoljning({"begaranden": []}, "uppgifter_14_dagar", date(2026, 1, 3)).outcome
        is ps.Outcome.not_applicable
    )


def change(typ: str, datum: str, meddelad: str | None = None) -> dict[str, Any]:
    return {"forandringar": [{"typ": typ, "datum": datum, "meddelad": meddelad}]}


def test_forandring_psykisk_halsa_two_months_before_the_first() -> None:
    r = uppfoljning(
        change("psykisk_halsa_partner", "2025-05-01", "2025-03-01"),
        "forandring_psykisk_halsa",
        date(2025, 5, 2),
    )
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 3, 1))
    r = uppfoljning(
        change("psykisk_halsa_partner", "2025-05-01", "2025-03-02"),
        "forandring_psykisk_halsa",
        date(2025, 5, 2),
    )
    assert r.outcome is ps.Outcome.missed


def test_forandring_psykisk_halsa_not_on_the_first_fails() -> None:
    r = uppfoljning(
        change("psykisk_halsa_partner", "2025-05-15", "2025-01-10"),
        "forandring_psykisk_halsa",
        date(2025, 5, 2),
    )
    # "förändringarna behöver förläggas till den 1a dagen i månaden": reported in time, but on the
    # 15th the change is not kept as the text asks (a deadline rule says missed).
    assert (r.outcome, r.values["due"]) == (ps.Outcome.missed, date(2025, 3, 15))
    assert r.values["changes"][0]["effective_day_ok"] is False
    assert "day 1" in r.explanation.en
    assert (
        uppfoljning(
            change("lokalbyte", "2025-05-01"), "forandring_psykisk_halsa", date(2025, 5, 2)
        ).outcome
        is ps.Outcome.not_applicable
    )
    assert uppfoljning({}, "forandring_psykisk_halsa", date(2025, 5, 2)).missing == (
        "$.forandringar",
    )


def test_byte_verksamhetschef_one_month_clamped() -> None:
    r = uppfoljning(
        change("byte_verksamhetschef", "2025-03-31", "2025-02-28"),
        "byte_verksamhetschef",
        date(2025, 4, 1),
    )
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 2, 28))
    r = uppfoljning(
        change("byte_mal", "2025-03-31", "2025-03-01"), "byte_verksamhetschef", date(2025, 4, 1)
    )
    assert r.outcome is ps.Outcome.missed


def test_lokalbyte_six_months_clamped() -> None:
    r = uppfoljning(change("lokalbyte", "2025-08-31", "2025-02-28"), "lokalbyte", date(2025, 9, 1))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 2, 28))
    assert (
        uppfoljning(change("lokalbyte", "2025-08-31"), "lokalbyte", date(2025, 2, 28)).outcome
        is ps.Outcome.open
    )
    r = uppfoljning(change("lokalbyte", "2025-08-31"), "lokalbyte", date(2025, 3, 1))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.missed, date(2025, 2, 28))
    # A move on 1 March 2026 takes effect outside the 2025 edition: it is listed, not judged under
    # the 2025 text, even though its notice fell due in 2025.
    r = uppfoljning(change("lokalbyte", "2026-03-01", "2025-08-20"), "lokalbyte", date(2026, 1, 5))
    assert (r.outcome, r.values["reason"], r.values["day"]) == (
        ps.Outcome.not_applicable, "no_rulebook_in_force", date(2026, 3, 1),
    )


# --- each change and request judged by its own day ---------------------------------------------


def test_a_2025_change_in_a_period_that_began_in_2024_is_a_2025_duty() -> None:
    # "Vid byte av verksamhetschef … en månad (1) innan förändringen träder i kraft": the duty
    # belongs to the change, which takes effect 1 March 2025, not to the period from October 2024.
    period = {"period": {"fran": "2024-10-01", "till": "2025-09-30"}}
    for told, outcome in (("2025-02-01", ps.Outcome.met), ("2025-02-02", ps.Outcome.missed)):
        r = run(
            "Uppfoljning",
            {**period, **change("byte_verksamhetschef", "2025-03-01", told)},
            "uppfoljning.byte_verksamhetschef",
            date(2025, 4, 1),
        )
        assert (r.outcome, r.values["due"], r.governing_day, r.edition) == (
            outcome, date(2025, 2, 1), None, None,
        )
        assert r.values["changes"][0]["edition"] == "2025"
    # "senast inom 14 dagar": a request of 1 March 2025 in a period from December 2024.
    for delivered, outcome in (("2025-03-15", ps.Outcome.met), ("2025-03-16", ps.Outcome.missed)):
        r = run(
            "Uppfoljning",
            {"period": {"fran": "2024-12-01"}, "begaranden": [{"begard": "2025-03-01", "levererad": delivered}]},
            "uppfoljning.uppgifter_14_dagar",
            date(2025, 4, 1),
        )
        assert (r.outcome, r.values["due"]) == (outcome, date(2025, 3, 15))


def test_items_outside_the_2025_edition_are_listed_not_judged() -> None:
    # "Uppdragsbeskrivning 2025": a request of 20 December 2024 (delivered late) is not a duty under
    # this text; the request of 2 January 2025 beside it is.
    data = {
        "period": {"fran": "2024-10-01"},
        "begaranden": [
            {"begard": "2024-12-20", "levererad": "2025-02-01"},
            {"begard": "2025-01-02", "levererad": "2025-01-16"},
        ],
    }
    r = run("Uppfoljning", data, "uppfoljning.uppgifter_14_dagar", date(2025, 3, 1))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.met, date(2025, 1, 16))
    assert r.values["outside_editions"] == [{"index": 0, "avser": None, "date": date(2024, 12, 20)}]
    assert "2024-12-20" in r.explanation.en
    only_2024 = {"begaranden": data["begaranden"][:1]}
    r = run("Uppfoljning", only_2024, "uppfoljning.uppgifter_14_dagar", date(2025, 3, 1))
    assert (r.outcome, r.values["reason"], r.values["day"]) == (
        ps.Outcome.not_applicable, "no_rulebook_in_force", date(2024, 12, 20),
    )
    # The edition boundary for a change: 31 December 2024 is outside, 1 January 2025 inside.
    for day, outcome in (("2024-12-31", ps.Outcome.not_applicable), ("2025-01-01", ps.Outcome.missed)):
        r = uppfoljning(change("byte_mal", day, "2024-12-15"), "byte_verksamhetschef", date(2025, 2, 1))
        assert r.outcome is outcome, day
    # "förläggas till den 1a dagen i månaden": a partner change of 1 January 2026 is outside 2025.
    r = uppfoljning(change("psykisk_halsa_partner", "2026-01-01"), "forandring_psykisk_halsa", date(2025, 10, 1))
    assert (r.outcome, r.values["reason"]) == (ps.Outcome.not_applicable, "no_rulebook_in_force")
    r = uppfoljning(change("psykisk_halsa_partner", "2025-12-01"), "forandring_psykisk_halsa", date(2025, 10, 2))
    assert (r.outcome, r.values["due"]) == (ps.Outcome.missed, date(2025, 10, 1))


def test_changes_named_in_the_texts_words_decide_like_their_codes() -> None:
    for typ in ("byte_verksamhetschef", "Byte av verksamhetschef", "BYTE AV VERKSAMHETSCHEF"):
        r = uppfoljning(change(typ, "2025-03-31", "2025-02-28"), "byte_verksamhetschef", date(2025, 4, 1))
        assert (r.outcome, r.values["changes"][0]["typ"]) == (ps.Outcome.met, "byte_verksamhetschef"), typ
    r = uppfoljning(change("Byte av lokaler", "2025-08-31"), "lokalbyte", date(2025, 3, 1))
    assert r.outcome is ps.Outcome.missed
    with pytest.raises(ps.InvalidDocument):
        ps.parse_document(change("chefsbyte", "2025-03-31"), "Uppfoljning")


# --- code lists in the rule data ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "parameter", "codes"),
    [
        ("uppfoljning.byte_verksamhetschef", "change_types", ps.domain.Forandringstyp),
        ("uppfoljning.lokalbyte", "change_types", ps.domain.Forandringstyp),
        ("uppfoljning.forandring_psykisk_halsa", "change_types", ps.domain.Forandringstyp),
        ("uppfoljning.helgoppen_bemanning", "applies_to", ps.domain.Fordelningstyp),
        ("vardenhet.samlokaliserade_lakare", "collaboration_type", ps.domain.Samverkanstyp),
        ("vardenhet.glesbygdsundantag", "collaboration_type", ps.domain.Samverkanstyp),
    ],
)
def test_parameter_codes_are_codes_of_their_lists(rule: str, parameter: str, codes: type) -> None:
    for value in ps.rule(P + rule).parameter(parameter).values:
        listed = value.value if isinstance(value.value, list | tuple) else [value.value]
        assert all(c in {m.value for m in codes} for c in listed), (rule, value.value)



# --- vardkontakt.dodsfall_intyg_ansvar ---------------------------------------------------------

DEATH = {"enhet_id": "hc-A", "kontakt": "2025-03-11T10:00:00+01:00",
         "mottagande": {"insats": "konstatera_dodsfall", "jourcentral": False, "beredskap": False},
         "halsovalslistning": {"listad": True, "enhet_id": "hc-A"}, "overenskommelse_narmaste_enhet": False}  # fmt: skip


def test_dodsfall_another_units_case_is_handed_over_not_failed() -> None:
    # "för sina listade patienter" / "det yttersta ansvaret": the text itself gives the case to
    # another party; handing it over is the right course for this unit, not a failure of it
    # (findings.handed_over: not_applicable with decision route).
    rule = "vardkontakt.dodsfall_intyg_ansvar"
    r = run("Vardkontakt", DEATH, rule, date(2025, 3, 12))
    assert (r.outcome, r.values["decision"]) == (ps.Outcome.passed, "accept")
    r = run("Vardkontakt", {**DEATH, "halsovalslistning": {"listad": True, "enhet_id": "hc-B"}}, rule, date(2025, 3, 12))
    assert (r.outcome, r.values["decision"], r.values["route"]) == (ps.Outcome.not_applicable, "route", "hc-B")
    on_call = {**DEATH, "mottagande": {"insats": "konstatera_dodsfall", "jourcentral": False, "beredskap": True}}
    r = run("Vardkontakt", on_call, rule, date(2025, 3, 12))
    assert (r.outcome, r.values["route"]) == (
        ps.Outcome.not_applicable, "helgoppen_halsocentral_beredskapslakare")

# --- bilagor ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "number"),
    [
        ("ansokan_och_avtal", "2"), ("ersattning", "3"), ("glesbygdsersattning", "3.1"), ("jour", "4"),
        ("listning", "5"), ("registreringsanvisningar", "6"), ("lokaler", "7"), ("utrustning", "8"),
        ("it", "9"), ("kris_och_kontinuitet", "10"), ("samverkan", "11"), ("utbildningsplatser", "12"),
        ("forsakringsmedicin", "13"), ("filial", "14"), ("uppfoljning_och_sanktioner", "15"), ("upphorande", "16"),
    ],
)  # fmt: skip
def test_annex_numbers(topic: str, number: str) -> None:
    assert ps.annex("kalmar", "halsoval", topic).annex.number == number


def test_annex_4_under_both_titles() -> None:
    for title in ("Helgöppen hälsocentral och beredskap", "Jouruppdrag och ersättning", "4"):
        ref = ps.annex("kalmar", "halsoval", title)
        assert (ref.topic, ref.annex.number) == ("jour", "4")
        assert ref.citation is not None
    assert len(ps.annexes("kalmar", "halsoval")) == 16



def test_annex_5_under_both_titles() -> None:
    # Listed as "5. Regler för listning inom hälsoval"; cited in Listning as "Bilaga 5 Regler för listning".
    for title in ("Regler för listning inom hälsoval", "Regler för listning", "Bilaga 5 Regler för listning", "5"):
        ref = ps.annex("kalmar", "halsoval", title)
        assert (ref.topic, ref.annex.number) == ("listning", "5"), title


def test_annex_sections_where_the_text_cites_them() -> None:
    # "Läs mer i Bilaga 8 …" and "Bilaga 9 IT …" stand under Utrustning och varuförsörjning (and its IT),
    # "Bilaga 14 Filialverksamhet" under its own heading Filialverksamhet.
    sections = {a.number: a.section for a in ps.annexes("kalmar", "halsoval")}
    assert sections["8"] == "Utrustning och varuförsörjning"
    assert sections["9"] == "Utrustning och varuförsörjning › IT"
    assert sections["14"] == "Filialverksamhet"

def test_no_rulebook_outside_the_2025_edition() -> None:
    # "Uppdragsbeskrivning 2025": a follow-up period of 2024 and a contact in 2026 are governed by
    # no edition of this rulebook; every rule answers the same.
    r = run(
        "Uppfoljning",
        {"period": {"fran": "2024-01-01"}, **change("lokalbyte", "2024-08-31", "2024-02-29")},
        "uppfoljning.lokalbyte",
        date(2024, 9, 1),
    )
    assert (r.outcome, r.values["reason"], r.edition) == (
        ps.Outcome.not_applicable,
        "no_rulebook_in_force",
        None,
    )
    for sought, outcome, edition in (
        ("2025-12-31T23:30:00+01:00", ps.Outcome.met, "2025"),
        ("2026-01-01T00:30:00+01:00", ps.Outcome.not_applicable, None),
    ):
        r = kontakt({"sokte": sought, "kontakt": sought}, "kontakt_samma_dag", date(2026, 1, 2))
        assert (r.outcome, r.edition, r.governing_day) == (outcome, edition, date.fromisoformat(sought[:10]))
    # A change is governed by its own day, not the period's: without a period it is judged all the same.
    r = run("Uppfoljning", change("lokalbyte", "2025-08-31"), "uppfoljning.lokalbyte", date(2025, 3, 1))
    assert (r.outcome, r.governing_day, r.values["due"]) == (ps.Outcome.missed, None, date(2025, 2, 28))


def test_staff_rules_count_only_staff_in_service_on_the_day() -> None:
    # "Vårdenheten ska ha minst två samlokaliserade läkare." / "en medicinskt ledningsansvarig läkare
    # (MAL)": a physician who has left (verksam ended) or starts later is not the unit's staff that day.
    left = {"verksam": {"fran": "2020-01-01", "till": "2025-03-11"}}
    staff = [lakare("L1", 1.0), {**lakare("L2", 1.0), **left}]
    r = enhet(unit(staff, invanare_inom_1_mil=5000, samverkansavtal=[]), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.fail, 1)
    last_day = {"verksam": {"fran": "2020-01-01", "till": "2025-03-12"}}
    staff = [lakare("L1", 1.0), {**lakare("L2", 1.0), **last_day}]
    r = enhet(unit(staff, invanare_inom_1_mil=5000, samverkansavtal=[]), "vardenhet.samlokaliserade_lakare")
    assert (r.outcome, r.values["declared"]) == (ps.Outcome.passed, 2)
    mal = [{"id": "M", "yrke": "lakare", "funktioner": ["mal"], "anstallning_start": "2025-03-13"}]
    assert enhet(unit(mal), "vardenhet.mal").outcome is ps.Outcome.fail
    mal[0]["anstallning_start"] = "2025-03-12"
    assert enhet(unit(mal), "vardenhet.mal").outcome is ps.Outcome.passed


def test_andel_allmanmedicin_leaves_out_st_training_posts() -> None:
    # "… för läkare exklusive ST-läkare": an ST training post (utbildningstjanst st) is an ST-läkare;
    # a BT physician is a physician and stays in.
    am = {"id": "A", "yrke": "lakare", "specialiteter": ["allmanmedicin"], "tjanstgoringsgrad": 0.5}
    for post, outcome in (("st", ps.Outcome.passed), ("bt", ps.Outcome.fail)):
        other = {"id": "B", "yrke": "lakare", "specialiteter": [], "tjanstgoringsgrad": 1.0,
                 "utbildningstjanst": post}  # fmt: skip
        assert enhet(unit([am, other]), "vardenhet.andel_allmanmedicin").outcome is outcome, post


def test_formalised_collaboration_must_be_in_force_on_the_day() -> None:
    # "ska ha formaliserat samarbete med annan vårdenhet": an agreement that has ended, or has not
    # begun, is not a collaboration the unit has on the day; an unreported first day is unknown.
    for period, outcome in (
        ({"giltig_fran": "2023-01-01", "giltig_till": "2025-03-11"}, ps.Outcome.fail),
        ({"giltig_fran": "2023-01-01", "giltig_till": "2025-03-12"}, ps.Outcome.passed),
        ({"giltig_fran": "2025-03-13"}, ps.Outcome.fail),
        ({}, ps.Outcome.indeterminate),
    ):
        agreements = [{"part": "hc-2", "typ": "formaliserat_samarbete", **period}]
        for rule in ("vardenhet.glesbygdsundantag", "vardenhet.samlokaliserade_lakare"):
            assert enhet(one_doctor(2000, agreements), rule).outcome is outcome, (rule, period)


def test_teleq_spellings_of_the_service() -> None:
    # "Tjänsten TeleQ ska användas.": "Tele Q" and "Tele-Q" name the same service.
    for name, outcome in (("Tele Q", ps.Outcome.passed), ("Tele-Q", ps.Outcome.passed),
                          ("Telefonkö", ps.Outcome.fail)):  # fmt: skip
        r = run("Tillganglighet", {"telefonitjanst": name}, "tillganglighet.teleq", date(2025, 3, 12))
        assert r.outcome is outcome, name
