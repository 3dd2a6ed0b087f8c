"""varmland.vardcentral: care unit, availability, contacts, referrals, follow-up and allocation.

Expected values are worked out by hand from 003_868a6012f1f57046.txt and SPEC.md's calendar policy.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from primarvard_sdk import evaluate, parse_document
from primarvard_sdk.model import Outcome, Result

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
AS_OF = date(2025, 6, 2)


def run(type_name: str, doc: dict[str, Any], rule: str, as_of: date = AS_OF) -> Result:
    parsed = parse_document(doc, type_name)
    (result,) = evaluate(
        parsed, region="varmland", programme="vardcentral", as_of=as_of, rule=f"varmland.vardcentral.{rule}"
    )
    return result


def unit(**fields: Any) -> dict[str, Any]:
    return {"id": "vc-test", **fields}


def staff(mid: str, yrke: str | None, **fields: Any) -> dict[str, Any]:
    member: dict[str, Any] = {"id": mid, **fields}
    if yrke is not None:
        member["yrke"] = yrke
    return member


# --- akut hembesök (4 real hours) ---------------------------------------------------------------


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


def test_akut_hembesok_needs_time_and_type() -> None:
    r = run("Vardkontakt", hembesok("2025-06-01"), "vardkontakt.akut_hembesok")
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.behov_bedomt",)
    r = run("Vardkontakt", {"typ": "hembesok", "behov_bedomt": "2025-06-01T10:00:00+02:00"}, "vardkontakt.akut_hembesok")
    assert r.outcome is Outcome.not_applicable
    assert run("Vardkontakt", {}, "vardkontakt.akut_hembesok").missing == ("$.typ",)


# --- same day before 17:00 --------------------------------------------------------------------


def kontakt(at: str, **fields: Any) -> dict[str, Any]:
    return {"sokte": at, "listad_vid_enheten": True, "behov_samma_dag": True, **fields}


def test_samma_dag_1659_referred_to_call_later_is_rejected() -> None:
    r = run("Vardkontakt", kontakt("2025-06-02T16:59:00+02:00", hanvisad_till="ringa_senare"),
            "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.fail and r.values["decision"] == "reject"


def test_samma_dag_1700_not_covered() -> None:
    r = run("Vardkontakt", kontakt("2025-06-02T17:00:00+02:00", hanvisad_till="jourmottagning"),
            "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.not_applicable


def test_samma_dag_taken_care_of_is_accepted() -> None:
    r = run("Vardkontakt", kontakt("2025-06-02T08:15:00+02:00", omhandertagen_samma_dag=True),
            "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.passed and r.values["contact_day"] == date(2025, 6, 2)


def test_samma_dag_utc_input_is_read_in_local_time() -> None:
    # 14:30 UTC in winter is 15:30 local: covered; 16:00 UTC in winter is 17:00 local: not covered.
    covered = run("Vardkontakt", kontakt("2025-01-15T14:30:00+00:00", omhandertagen_samma_dag=False),
                  "vardkontakt.samma_dag_fore_17")
    assert covered.outcome is Outcome.fail
    late = run("Vardkontakt", kontakt("2025-01-15T16:00:00+00:00", omhandertagen_samma_dag=False),
               "vardkontakt.samma_dag_fore_17")
    assert late.outcome is Outcome.not_applicable


def test_samma_dag_missing_inputs() -> None:
    r = run("Vardkontakt", {"sokte": "2025-06-02T10:00:00+02:00"}, "vardkontakt.samma_dag_fore_17")
    assert r.outcome is Outcome.indeterminate
    assert r.missing == ("$.listad_vid_enheten", "$.behov_samma_dag")
    r = run("Vardkontakt", kontakt("2025-06-02T10:00:00+02:00"), "vardkontakt.samma_dag_fore_17")
    assert r.missing == ("$.omhandertagen_samma_dag",)
    assert run("Vardkontakt", kontakt("2025-06-02"), "vardkontakt.samma_dag_fore_17").missing == ("$.sokte",)


# --- telephone and answering machine ----------------------------------------------------------


def weekdays(fran: str, till: str, days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")) -> list[dict[str, str]]:
    return [{"dag": d, "fran": fran, "till": till} for d in days]


def test_telefon_covered_by_touching_intervals() -> None:
    tider = weekdays("07:30", "12:00") + weekdays("12:00", "17:00")
    r = run("Tillganglighet", {"telefontider": tider}, "tillganglighet.telefon")
    assert r.outcome is Outcome.passed


def test_telefon_friday_closing_1630_fails() -> None:
    tider = weekdays("08:00", "17:00", ("mon", "tue", "wed", "thu")) + weekdays("08:00", "16:30", ("fri",))
    r = run("Tillganglighet", {"telefontider": tider}, "tillganglighet.telefon")
    assert r.outcome is Outcome.fail and r.values["days_not_covered"] == ["fri"]
    assert run("Tillganglighet", {}, "tillganglighet.telefon").missing == ("$.telefontider",)


@pytest.mark.parametrize(
    ("referrals", "outcome"),
    [
        (["1177"], Outcome.passed),
        (["annan_vardcentral", "1177"], Outcome.passed),
        (["1177", "natlakare"], Outcome.fail),
        (["jourcentral"], Outcome.fail),
        (["akutmottagning", "annan_vardcentral"], Outcome.fail),
        ([], Outcome.fail),
    ],
)
def test_telefonsvarare(referrals: list[str], outcome: Outcome) -> None:
    r = run("Tillganglighet", {"hanvisning_utanfor_oppettid": referrals}, "tillganglighet.telefonsvarare")
    assert r.outcome is outcome


def test_telefonsvarare_missing() -> None:
    assert run("Tillganglighet", {}, "tillganglighet.telefonsvarare").missing == ("$.hanvisning_utanfor_oppettid",)


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


def test_jourcentral_area_5_eight_hours_and_no_evenings_fails() -> None:
    r = run("Tillganglighet", jour(5, ("10:00", "18:00")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.fail
    assert r.values["evening_days_not_covered"] == ["mon", "tue", "wed", "thu", "fri"]


def test_jourcentral_area_5_evening_ending_2030_fails() -> None:
    r = run("Tillganglighet", jour(5, ("09:00", "21:00"), ("18:00", "20:30")), "tillganglighet.jourcentral")
    assert r.outcome is Outcome.fail


def test_jourcentral_missing_and_unknown_area() -> None:
    assert run("Tillganglighet", {}, "tillganglighet.jourcentral").missing == ("$.jourcentral",)
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


def test_jour_kompetens() -> None:
    team = [
        staff("l1", "lakare", specialiteter=["allmanmedicin"], uppdrag=["jour"]),
        staff("l2", "lakare", st_specialitet="allmanmedicin", godkand_av_handledare=True, uppdrag=["jour"]),
        staff("l3", "lakare", specialiteter=["internmedicin"], godkand_av_ako=True, uppdrag=["jour"]),
        staff("s1", "sjukskoterska", uppdrag=["jour"]),
    ]
    assert run("Vardenhet", unit(personal=team), "vardenhet.jour_kompetens").outcome is Outcome.passed
    team[2] = staff("l3", "lakare", specialiteter=["internmedicin"], godkand_av_ako=False, uppdrag=["jour"])
    team.append(staff("l4", "lakare", uppdrag=["jour"]))
    r = run("Vardenhet", unit(personal=team), "vardenhet.jour_kompetens")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["l3", "l4"]
    st_unknown = [staff("l2", "lakare", st_specialitet="allmanmedicin", uppdrag=["jour"])]
    r = run("Vardenhet", unit(personal=st_unknown), "vardenhet.jour_kompetens")
    assert r.missing == ("$.personal[0].godkand_av_handledare",)
    assert run("Vardenhet", unit(personal=[]), "vardenhet.jour_kompetens").outcome is Outcome.not_applicable


def test_specialist_allmanmedicin() -> None:
    one = [staff("l1", "lakare", specialiteter=["allmanmedicin"])]
    r = run("Vardenhet", unit(personal=one), "vardenhet.specialist_allmanmedicin")
    assert r.outcome is Outcome.passed and r.values["declared"] == 1
    none = [staff("l2", "lakare", specialiteter=["internmedicin"])]
    assert run("Vardenhet", unit(personal=none), "vardenhet.specialist_allmanmedicin").outcome is Outcome.fail
    unknown = [staff("x", None, specialiteter=["allmanmedicin"])]
    assert run("Vardenhet", unit(personal=unknown), "vardenhet.specialist_allmanmedicin").missing == ("$.personal[0].yrke",)


def test_distriktsskoterska() -> None:
    ok = [staff("d1", "sjukskoterska", specialiteter=["distriktsskoterska"], uppdrag=["distriktsskoterskeuppgifter"])]
    assert run("Vardenhet", unit(personal=ok), "vardenhet.distriktsskoterska").outcome is Outcome.passed
    bad = [*ok, staff("s2", "sjukskoterska", uppdrag=["distriktsskoterskeuppgifter"])]
    assert run("Vardenhet", unit(personal=bad), "vardenhet.distriktsskoterska").values["failing"] == ["s2"]
    assert run("Vardenhet", unit(personal=[]), "vardenhet.distriktsskoterska").outcome is Outcome.not_applicable


def nurse(mid: str, area: str, hp: float | None, done: str | None = "2020-06-01") -> dict[str, Any]:
    training: dict[str, Any] = {"omrade": area}
    if hp is not None:
        training["hogskolepoang"] = hp
    if done is not None:
        training["avslutad"] = done
    return staff(mid, "sjukskoterska", uppdrag=[area], utbildningar=[training])


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


def test_psykisk_ohalsa_kompetens_applies_from_2011() -> None:
    steg1 = [{"omrade": "psykoterapi_steg1", "avslutad": "2015-05-01"}]
    team = [
        staff("p1", "psykolog", uppdrag=["psykisk_ohalsa"], anstallning_start="2020-01-01"),
        staff("k1", "kurator", uppdrag=["psykisk_ohalsa"], anstallning_start="2011-01-01", utbildningar=steg1),
        staff("s0", "sjukskoterska", legitimerad=True, uppdrag=["psykisk_ohalsa"], anstallning_start="2010-12-31"),
    ]
    r = run("Vardenhet", unit(personal=team), "vardenhet.psykisk_ohalsa_kompetens")
    assert r.outcome is Outcome.passed and r.values["exempt"] == ["s0"]
    team[2] = staff("s0", "sjukskoterska", legitimerad=True, uppdrag=["psykisk_ohalsa"], anstallning_start="2011-01-01")
    r = run("Vardenhet", unit(personal=team), "vardenhet.psykisk_ohalsa_kompetens")
    assert r.outcome is Outcome.fail and r.values["failing"] == ["s0"]
    r = run("Vardenhet", unit(personal=[staff("x", "psykolog", uppdrag=["psykisk_ohalsa"])]),
            "vardenhet.psykisk_ohalsa_kompetens")
    assert r.missing == ("$.personal[0].anstallning_start",)


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
    assert run("Vardenhet", unit(personal=[]), "vardenhet.samordnande_sjukskoterska").outcome is Outcome.fail


def test_kvalitetsregister() -> None:
    r = run("Vardenhet", unit(kvalitetsregister=["ndr", "SveDem", "Luftvagsregistret"]), "vardenhet.kvalitetsregister")
    assert r.outcome is Outcome.passed
    r = run("Vardenhet", unit(kvalitetsregister=["NDR"]), "vardenhet.kvalitetsregister")
    assert r.outcome is Outcome.fail and r.values["lacking"] == ["SveDem", "Luftvagsregistret"]
    assert run("Vardenhet", unit(), "vardenhet.kvalitetsregister").missing == ("$.kvalitetsregister",)


# --- staffing ratios (pro rata) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "basis", "count", "hours_field", "declared", "required", "outcome"),
    [
        ("vardenhet.bvc_lakartid", "inskrivna_barn_0_1", 120, "bvc", 9.6, 9.6, Outcome.passed),
        ("vardenhet.bvc_lakartid", "inskrivna_barn_0_1", 120, "bvc", 9.5, 9.6, Outcome.fail),
        ("vardenhet.bvc_lakartid", "inskrivna_barn_0_1", 50, "bvc", 4, 4.0, Outcome.passed),
        ("vardenhet.bmm_lakartid", "inskrivna_gravida", 70, "bmm", 2.1, 2.1, Outcome.passed),
        ("vardenhet.bmm_lakartid", "inskrivna_gravida", 150, "bmm", 4.4, 4.5, Outcome.fail),
        ("vardenhet.sabo_lakartid", "sabo_boende", 45, "sabo", 4.5, 4.5, Outcome.passed),
        ("vardenhet.sabo_lakartid", "sabo_boende", 45, "sabo", 4, 4.5, Outcome.fail),
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


def test_bmm_lakarkompetens() -> None:
    ok = [
        staff("g1", "lakare", specialiteter=["gynekologi"], uppdrag=["bmm"]),
        staff("st1", "lakare", st_specialitet="obstetrik", handledning=True, uppdrag=["bmm"]),
        staff("st2", "lakare", st_specialitet="allmanmedicin", handledning=True, uppdrag=["bmm"],
              utbildningar=[{"omrade": "sidotjanstgoring_kvinnosjukvard", "avslutad": "2024-11-30"}]),
    ]
    assert run("Vardenhet", unit(personal=ok), "vardenhet.bmm_lakarkompetens").outcome is Outcome.passed
    bad = [*ok, staff("st3", "lakare", st_specialitet="allmanmedicin", handledning=True, uppdrag=["bmm"]),
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
    r = run("Vardenhet", unit(personal=team), "vardenhet.fortbildning")
    assert r.outcome is Outcome.fail and r.values["below"] == ["b"]
    r = run("Vardenhet", unit(personal=[staff("c", "lakare", fortbildning_erbjudna=4)]), "vardenhet.fortbildning")
    assert r.missing == ("$.personal[0].fortbildning_deltagna",)


# --- UMM allocation ---------------------------------------------------------------------------


def umm(*units: tuple[str, int] | tuple[str, int, float], **fields: Any) -> dict[str, Any]:
    enheter = []
    for u in units:
        entry: dict[str, Any] = {"enhet_id": u[0], "underlag": u[1]}
        if len(u) == 3:
            entry["deklarerade_timmar"] = u[2]
        enheter.append(entry)
    return {"avser": "umm_lakartid", "enheter": enheter, **fields}


def test_umm_split_by_listed_young_people() -> None:
    # 10 × 7000/3500 = 20 h; 4200 : 2800 → 12 h and 8 h.
    r = run("Fordelning", umm(("vc-a", 4200, 12), ("vc-b", 2800, 8)), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.passed
    assert r.values["total"] == 20.0 and r.values["allocation"] == {"vc-a": 12.0, "vc-b": 8.0}
    assert "per vecka" in r.explanation.sv and "per week" in r.explanation.en


def test_umm_largest_remainder() -> None:
    # 10 × 3500/3500 = 10 h = 1000 hundredths.
    r = run("Fordelning", umm(("vc-c", 1000), ("vc-a", 1000), ("vc-b", 1500)), "vardenhet.umm_lakartid")
    # exact shares in hundredths: 285.714..., 285.714..., 428.571... → floors 285, 285, 428 (998); +1 to
    # the two largest remainders: .714 (vc-a), .714 (vc-c) tie with each other ahead of .571 (vc-b).
    assert r.values["allocation"] == {"vc-a": 2.86, "vc-b": 4.28, "vc-c": 2.86}
    assert r.values["total"] == 10.0


def test_umm_total_rounded_and_parts_sum() -> None:
    # 10 × 5000/3500 = 14.2857... → 14.29; 2500 : 2500 → 714.5 each → 715 (vc-a), 714 (vc-b).
    r = run("Fordelning", umm(("vc-b", 2500), ("vc-a", 2500)), "vardenhet.umm_lakartid")
    assert r.values["total"] == 14.29
    assert r.values["allocation"] == {"vc-a": 7.15, "vc-b": 7.14}


def test_umm_declared_below_share_fails() -> None:
    r = run("Fordelning", umm(("vc-a", 4200, 11.5), ("vc-b", 2800)), "vardenhet.umm_lakartid")
    assert r.outcome is Outcome.fail and r.values["below"] == ["vc-a"] and r.values["undeclared"] == ["vc-b"]


def test_umm_not_applicable_and_missing() -> None:
    assert run("Fordelning", {"avser": "helgoppen_bemanning", "enheter": []}, "vardenhet.umm_lakartid").outcome \
        is Outcome.not_applicable
    assert run("Fordelning", {"avser": "umm_lakartid"}, "vardenhet.umm_lakartid").missing == ("$.enheter",)


@given(st.lists(st.integers(min_value=0, max_value=20000), min_size=1, max_size=8))
def test_umm_parts_always_sum_to_total(counts: list[int]) -> None:
    doc = umm(*[(f"vc-{i:02d}", c) for i, c in enumerate(counts)])
    r = run("Fordelning", doc, "vardenhet.umm_lakartid")
    cents = sum(round(v * 100) for v in r.values["allocation"].values())
    assert cents == round(r.values["total"] * 100)
    # order of the input does not matter
    rev = run("Fordelning", umm(*[(f"vc-{i:02d}", c) for i, c in reversed(list(enumerate(counts)))]),
              "vardenhet.umm_lakartid")
    assert rev.values["allocation"] == r.values["allocation"]


# --- referrals --------------------------------------------------------------------------------


def test_psykisk_ohalsa_alder_birthday_boundary() -> None:
    doc = {"inkom": "2025-03-10", "typ": "psykisk_ohalsa", "patient": {"fodelsedatum": "2007-03-10"}}
    r = run("Remiss", doc, "remiss.psykisk_ohalsa_alder")
    assert r.outcome is Outcome.passed and r.values["age"] == 18
    doc["patient"] = {"fodelsedatum": "2007-03-11"}
    r = run("Remiss", doc, "remiss.psykisk_ohalsa_alder")
    assert r.outcome is Outcome.fail and r.values["age"] == 17
    doc["patient"] = {}
    assert run("Remiss", doc, "remiss.psykisk_ohalsa_alder").missing == ("$.patient.fodelsedatum",)
    assert run("Remiss", {"inkom": "2025-03-10"}, "remiss.psykisk_ohalsa_alder").outcome is Outcome.not_applicable


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
        ({"yrke": "sjukskoterska"}, Outcome.fail),
        ({"yrke": "fysioterapeut"}, Outcome.fail),
        ({}, Outcome.indeterminate),
    ],
)
def test_medicinsk_fotvard(issuer: dict[str, Any], outcome: Outcome) -> None:
    doc = {"inkom": "2025-05-05", "typ": "medicinsk_fotvard", "utfardare": issuer}
    assert run("Remiss", doc, "remiss.medicinsk_fotvard").outcome is outcome


def test_medicinsk_fotvard_other_referral() -> None:
    assert run("Remiss", {"inkom": "2025-05-05"}, "remiss.medicinsk_fotvard").outcome is Outcome.not_applicable


# --- follow-up --------------------------------------------------------------------------------


def test_naromradesplan_month_end_clamp() -> None:
    doc = {"forandringar": [{"typ": "vardgivare_upphor", "datum": "2025-01-31", "genomford": "2025-02-28"}]}
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
