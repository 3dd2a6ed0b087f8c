"""kalmar.psykisk_halsa: every rule, with expected values worked out by hand from the source text
(Vårdval Psykisk hälsa primärvård i Kalmar län, Bilaga 8) and the calendar policy of SPEC.md."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import primarvard_sdk as ps
from primarvard_sdk import cli
from primarvard_sdk.model import Outcome, Result

REGION, PROGRAMME = "kalmar", "psykisk_halsa"
P = f"{REGION}.{PROGRAMME}."


def run(type_name: str, data: dict[str, Any], rule: str, as_of: date) -> Result:
    doc = ps.parse_document(data, type_name)
    (result,) = ps.evaluate(doc, region=REGION, programme=PROGRAMME, as_of=as_of, rule=P + rule)
    return result


def remiss(rule: str, as_of: date = date(2025, 6, 1), **fields: Any) -> Result:
    data: dict[str, Any] = {"inkom": "2025-03-03", "referens": "R-1", "typ": "standard"}
    data.update(fields)
    return run("Remiss", data, rule, as_of)


def unit(rule: str, as_of: date = date(2025, 6, 1), **fields: Any) -> Result:
    data: dict[str, Any] = {"id": "PH-1"}
    data.update(fields)
    return run("Vardenhet", data, rule, as_of)


def staff(sid: str, yrke: str, **fields: Any) -> dict[str, Any]:
    return {"id": sid, "yrke": yrke, **fields}


PSYKOLOG = staff("psy", "psykolog", legitimerad=True)
PSYKOTERAPEUT = staff("pt", "psykoterapeut", legitimerad=True)


# --- remiss.forsta_kontakt ----------------------------------------------------------------------


def test_forsta_kontakt_met_on_the_due_day() -> None:
    r = remiss("remiss.forsta_kontakt", inkom="2025-03-03", forsta_kontakt="2025-03-17")
    assert r.outcome is Outcome.met
    assert r.values["due"] == date(2025, 3, 17)
    assert r.reference == "R-1"
    assert r.parameters[0].name == "calendar_days" and r.parameters[0].value == 14


def test_forsta_kontakt_missed_the_day_after() -> None:
    r = remiss("remiss.forsta_kontakt", inkom="2025-03-03", forsta_kontakt="2025-03-18")
    assert r.outcome is Outcome.missed


def test_forsta_kontakt_open_then_missed() -> None:
    assert remiss("remiss.forsta_kontakt", as_of=date(2025, 3, 17)).outcome is Outcome.open
    assert remiss("remiss.forsta_kontakt", as_of=date(2025, 3, 18)).outcome is Outcome.missed


def test_forsta_kontakt_due_on_midsommarafton_is_not_moved() -> None:
    # Fri 2025-06-06 (nationaldagen) + 14 = Fri 2025-06-20, midsommarafton: not a vardag, not moved.
    r = remiss("remiss.forsta_kontakt", as_of=date(2025, 6, 6), inkom="2025-06-06")
    assert r.values["due"] == date(2025, 6, 20)
    assert r.values["due_is_vardag"] is False
    assert "flyttas inte" in r.explanation.sv and "does not move" in r.explanation.en


def test_forsta_kontakt_arrival_instant_is_read_as_the_stockholm_day() -> None:
    # 2025-10-25 23:30 UTC is 2025-10-26 01:30 CEST (the DST change night): arrival day 26 Oct.
    r = remiss("remiss.forsta_kontakt", as_of=date(2025, 10, 27), inkom="2025-10-25T23:30:00+00:00")
    assert r.values["arrived"] == date(2025, 10, 26)
    assert r.values["due"] == date(2025, 11, 9)
    # 2025-03-30 00:30 CET, before the spring change, is 30 March.
    r = remiss("remiss.forsta_kontakt", as_of=date(2025, 3, 30), inkom="2025-03-30T00:30:00+01:00")
    assert r.values["due"] == date(2025, 4, 13)


def test_forsta_kontakt_care_cannot_wait_requires_earlier() -> None:
    r = remiss("remiss.forsta_kontakt", bedomd_kan_ej_vanta=True, forsta_kontakt="2025-03-10")
    assert r.outcome is Outcome.met
    assert r.values["earlier_required"] is True
    assert "tidigare" in r.explanation.sv and "earlier" in r.explanation.en


@pytest.mark.parametrize("typ", ["vfsp", "digital_mottagning"])
def test_forsta_kontakt_not_for_vfsp_or_digital(typ: str) -> None:
    assert remiss("remiss.forsta_kontakt", typ=typ).outcome is Outcome.not_applicable


# --- remiss.komplettering -----------------------------------------------------------------------


def test_komplettering_not_applicable_without_request() -> None:
    # "Detta gäller även i de fall komplettering begärs": reported as none ([]) is outside the rule,
    # not reported at all is unknown (absent is not empty).
    assert remiss("remiss.komplettering", kompletteringar=[]).outcome is Outcome.not_applicable
    r = remiss("remiss.komplettering")
    assert (r.outcome, r.missing) == (Outcome.indeterminate, ("$.kompletteringar",))


def test_komplettering_counts_from_original_arrival() -> None:
    # Arrived Mon 2025-09-01; completion asked 09-05, received 09-12. Due 09-15, not 09-26.
    k = [{"begard": "2025-09-05", "inkommen": "2025-09-12"}]
    later = date(2025, 10, 1)  # evaluated after the contacts: a contact dated later is not yet made
    r = remiss("remiss.komplettering", later, inkom="2025-09-01", kompletteringar=k, forsta_kontakt="2025-09-20")
    assert r.outcome is Outcome.missed
    assert r.values["due"] == date(2025, 9, 15)
    assert r.values["counted_from"] == "original_arrival"
    assert "inte från kompletteringen" in r.explanation.sv
    assert "not from the completion" in r.explanation.en
    r = remiss("remiss.komplettering", later, inkom="2025-09-01", kompletteringar=k, forsta_kontakt="2025-09-15")
    assert r.outcome is Outcome.met


def test_komplettering_contact_after_the_evaluation_day_is_not_yet_made() -> None:
    # "första kontakt för bedömning ska ske inom 14 kalenderdagar": on 10 September a first contact
    # recorded for 12 September has not happened yet, so the deadline (15 September) is open, not met.
    k = [{"begard": "2025-09-05"}]
    r = remiss("remiss.komplettering", date(2025, 9, 10), inkom="2025-09-01", kompletteringar=k,
               forsta_kontakt="2025-09-12")
    assert (r.outcome, r.values["actual"]) == (Outcome.open, date(2025, 9, 12))  # recorded, not yet made
    r = remiss("remiss.komplettering", date(2025, 9, 12), inkom="2025-09-01", kompletteringar=k,
               forsta_kontakt="2025-09-12")
    assert r.outcome is Outcome.met


def test_komplettering_open_before_due() -> None:
    k = [{"begard": "2025-09-05"}]
    r = remiss("remiss.komplettering", as_of=date(2025, 9, 15), inkom="2025-09-01", kompletteringar=k)
    assert r.outcome is Outcome.open


# --- remiss.vfsp_aterkoppling -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arrived", "due"),
    [
        ("2025-04-17", date(2025, 4, 22)),  # Thu before Easter: skips långfredag..annandag påsk
        ("2025-12-23", date(2025, 12, 29)),  # skips julafton, juldagen, annandag jul, weekend
        ("2025-12-30", date(2026, 1, 2)),  # skips nyårsafton and nyårsdagen
        ("2025-06-19T16:00:00+02:00", date(2025, 6, 23)),  # skips midsommarafton and weekend
        ("2025-03-03", date(2025, 3, 4)),  # an ordinary Monday
    ],
)
def test_vfsp_due_next_vardag(arrived: str, due: date) -> None:
    r = remiss("remiss.vfsp_aterkoppling", as_of=date(2025, 1, 1), typ="vfsp", inkom=arrived)
    assert r.values["due"] == due
    assert r.outcome is Outcome.open


def test_vfsp_met_and_missed() -> None:
    met = remiss("remiss.vfsp_aterkoppling", typ="vfsp", inkom="2025-04-17", aterkoppling="2025-04-22")
    late = remiss("remiss.vfsp_aterkoppling", typ="vfsp", inkom="2025-04-17", aterkoppling="2025-04-23")
    assert (met.outcome, late.outcome) == (Outcome.met, Outcome.missed)


def test_vfsp_explains_skipped_holidays() -> None:
    r = remiss("remiss.vfsp_aterkoppling", typ="vfsp", inkom="2025-12-23")
    assert "Julafton 2025-12-24" in r.explanation.sv and "Annandag jul 2025-12-26" in r.explanation.en


def test_vfsp_not_applicable_to_ordinary_referral() -> None:
    assert remiss("remiss.vfsp_aterkoppling").outcome is Outcome.not_applicable


# --- remiss.utfardare / utomlans ----------------------------------------------------------------


def test_utfardare_licensed_accepts() -> None:
    r = remiss("remiss.utfardare", utfardare={"yrke": "lakare", "legitimerad": True})
    assert (r.outcome, r.values["decision"]) == (Outcome.passed, "accept")


def test_utfardare_unlicensed_rejects() -> None:
    r = remiss("remiss.utfardare", utfardare={"yrke": "annan", "legitimerad": False})
    assert (r.outcome, r.values["decision"]) == (Outcome.fail, "reject")


def test_utfardare_missing_is_indeterminate() -> None:
    r = remiss("remiss.utfardare", utfardare={"yrke": "lakare"})
    assert r.outcome is Outcome.indeterminate
    assert r.missing == ("$.utfardare.legitimerad",)
    assert remiss("remiss.utfardare", typ="digital_mottagning").outcome is Outcome.not_applicable


def test_utomlans_is_about_the_patients_county_not_the_issuers() -> None:
    # "utomlänspatienter som söker vård inom psykisk hälsa primärvård": a patient registered in
    # Kalmar län is no utomlänspatient, even with a referral from Stockholm (audit D6).
    r = remiss("remiss.utomlans", patient={"folkbokford_lan": "kalmar"},
               utfardare={"lan": "stockholm", "legitimerad": True})
    assert r.outcome is Outcome.not_applicable


def test_utomlans_out_of_county_referral_is_routed_to_halsoval_triage() -> None:
    # "Remiss kan inte krävas från annat län, då utomlänspatienter … triageras via hälsovalsenhet
    # inom Region Kalmar län": the referral from the other county is not invalid on that ground
    # (never rejected, not a fail); the result is a warning naming hälsoval triage as the route.
    r = remiss("remiss.utomlans", patient={"folkbokford_lan": "Stockholms län"},
               utfardare={"lan": "stockholm", "legitimerad": True})
    assert r.outcome is Outcome.warning
    assert (r.values["decision"], r.values["route"]) == ("route", "halsovalsenhet_kalmar")
    # Registered nowhere in Sweden is outside the county too.
    r = remiss("remiss.utomlans", patient={"folkbokford_i_sverige": False}, utfardare={"lan": "blekinge"})
    assert r.values["decision"] == "route"


def test_utomlans_referral_from_within_the_county_is_received() -> None:
    r = remiss("remiss.utomlans", patient={"folkbokford_lan": "ostergotland"}, utfardare={"lan": "kalmar"})
    assert (r.outcome, r.values["decision"]) == (Outcome.passed, "accept")


def test_utomlans_missing_county() -> None:
    r = remiss("remiss.utomlans", patient={"referens": "P"}, utfardare={"lan": "stockholm"})
    assert (r.outcome, r.missing) == (Outcome.indeterminate, ("$.patient.folkbokford_lan",))
    r = remiss("remiss.utomlans", patient={"folkbokford_lan": "stockholm"}, utfardare={"legitimerad": True})
    assert (r.outcome, r.missing) == (Outcome.indeterminate, ("$.utfardare.lan",))


# --- staff in service (kompetenskrav, tillgang_psykolog, kurator_socionom, verksamhetschef) ------


def test_staff_who_have_left_do_not_meet_staff_requirements() -> None:
    # "Vårdenheten ska ha …": the unit's staff on the day judged; a former employee (period at the
    # unit ended) or a later hire is not (Medarbetare.i_tjanst).
    gone = {"verksam": {"fran": "2020-01-01", "till": "2025-05-31"}}
    psy = staff("psy", "psykolog", legitimerad=True, **gone)
    assert unit("vardenhet.kompetenskrav", as_of=date(2025, 5, 31), personal=[psy]).outcome is Outcome.passed
    r = unit("vardenhet.kompetenskrav", personal=[psy])
    assert (r.outcome, r.values["not_in_service"]) == (Outcome.fail, ["psy"])
    later = staff("pt", "psykoterapeut", legitimerad=True, anstallning_start="2025-06-02")
    assert unit("vardenhet.kompetenskrav", personal=[later]).outcome is Outcome.fail
    pt = staff("pt", "psykoterapeut", legitimerad=True)
    r = unit("vardenhet.tillgang_psykolog", personal=[pt, psy], tillgang_till_psykolog=False)
    assert r.outcome is Outcome.fail
    head = staff("vc", "psykolog", namn="Testperson", funktioner=["verksamhetschef"], **gone)
    assert unit("vardenhet.verksamhetschef", personal=[head]).outcome is Outcome.fail
    k = staff("k", "kurator", legitimerad=True, handledning=True, uppdrag=["psykoterapeutisk_behandling"],
              anstallning_start="2020-01-01",
              utbildningar=[{"omrade": "psykoterapi_steg1", "avslutad": "2021-01-01"}])
    r = unit("vardenhet.kurator_socionom", personal=[psy, k])
    assert (r.outcome, r.values["problems"]) == (Outcome.fail, {"k": ["kompetenskrav"]})


# --- remiss.alder / samverkan.barn_och_unga -----------------------------------------------------


def test_alder_day_before_18th_birthday_routes_to_buh() -> None:
    # "18 år eller äldre" … "därför ska överlämning till Barn- och ungdomshälsan ske": a minor
    # referred to the adult unit is not the unit's to take: fail with decision route.
    r = remiss("remiss.alder", inkom="2025-04-17", patient={"fodelsedatum": "2007-04-18"})
    assert r.outcome is Outcome.fail
    assert r.values["decision"] == "route" and r.values["route"] == "barn_och_ungdomshalsan"
    assert r.values["age"] == 17


def test_alder_on_18th_birthday_accepts() -> None:
    r = remiss("remiss.alder", inkom="2025-04-18", patient={"fodelsedatum": "2007-04-18"})
    assert r.values["decision"] == "accept" and r.values["age"] == 18


def test_alder_uses_stockholm_day_of_arrival_instant() -> None:
    # 2025-04-17 23:30 UTC is 2025-04-18 01:30 in Stockholm: the birthday.
    r = remiss("remiss.alder", inkom="2025-04-17T23:30:00+00:00", patient={"fodelsedatum": "2007-04-18"})
    assert r.values["decision"] == "accept"


def test_alder_from_personnummer() -> None:
    old = remiss("remiss.alder", patient={"personnummer": "19121212-1212"})
    assert old.values["age"] == 112
    young = remiss("remiss.alder", patient={"personnummer": "121212-1212"})  # born 2012 as of 2025
    assert young.values == {"decision": "route", "route": "barn_och_ungdomshalsan", "age": 12,
                             "reference_day": date(2025, 3, 3)}
    assert "1212" not in young.explanation.sv + young.explanation.en


def test_alder_missing_birth_date() -> None:
    assert remiss("remiss.alder").missing == ("$.patient",)
    r = remiss("remiss.alder", patient={"referens": "P"})
    assert r.outcome is Outcome.indeterminate
    assert r.missing == ("$.patient.fodelsedatum", "$.patient.personnummer")


def test_barn_och_unga_routes_child() -> None:
    r = remiss("samverkan.barn_och_unga", inkom="2025-04-17", patient={"fodelsedatum": "2007-04-18"})
    assert r.outcome is Outcome.fail
    assert r.values["decision"] == "route" and r.values["route"] == "barn_och_ungdomshalsan"
    assert r.values["partner"] == "Barn- och ungdomshälsan"


def test_barn_och_unga_not_for_adults() -> None:
    r = remiss("samverkan.barn_och_unga", inkom="2025-04-18", patient={"fodelsedatum": "2007-04-18"})
    assert r.outcome is Outcome.not_applicable


# --- remiss.oavsett_listning --------------------------------------------------------------------


def test_oavsett_listning_judges_a_decision_not_its_absence() -> None:
    # "Vårdbehovet styr prioriteringen oavsett listning": with no decision recorded there is
    # nothing the unit did to judge yet; an acceptance passes.
    r = remiss("remiss.oavsett_listning")
    assert (r.outcome, r.values["reason"]) == (Outcome.not_applicable, "no_decision")
    r = remiss("remiss.oavsett_listning", beslut={"utfall": "accepterad"})
    assert (r.outcome, r.values["decision"]) == (Outcome.passed, "accept")


def test_oavsett_listning_rejection_for_listing_fails() -> None:
    beslut = {"utfall": "avvisad", "skal": ["folkbokforing", "listning"]}
    r = remiss("remiss.oavsett_listning", beslut=beslut)
    assert r.outcome is Outcome.fail
    assert r.values["invalid_reasons"] == ["folkbokforing", "listning"]


def test_oavsett_listning_municipality_and_listing_caps_are_listing_or_registration() -> None:
    # "oavsett listning eller folkbokföring": another municipality is a registration reason, and a
    # listing cap or stop a listing reason (a psykisk hälsa unit lists no one).
    # The patient is registered in Sweden (a county of registration), so not an asylum seeker or
    # undocumented person, whose registration reasons the separate guideline governs ("Gällande
    # asylsökande och papperslösa finns särskild riktlinje som ska följas").
    for reason in ("annan_kommun", "listningstak", "listningsstopp", "kollektiv_listning", "max_byten"):
        r = remiss("remiss.oavsett_listning", patient={"folkbokford_lan": "kalmar"},
                   beslut={"utfall": "avvisad", "skal": [reason]})
        assert (r.outcome, r.values["invalid_reasons"]) == (Outcome.fail, [reason])


def test_oavsett_listning_rejection_for_other_reason_is_outside_rule() -> None:
    r = remiss("remiss.oavsett_listning", beslut={"utfall": "avvisad", "skal": ["alder"]})
    assert r.outcome is Outcome.passed


def test_oavsett_listning_queueing_by_listing_fails_and_unreported_reasons() -> None:
    # "Vårdbehovet styr prioriteringen oavsett listning."
    r = remiss("remiss.oavsett_listning", beslut={"utfall": "ko", "skal": ["listning"]})
    assert r.outcome is Outcome.fail
    r = remiss("remiss.oavsett_listning", beslut={"utfall": "avvisad"})
    assert (r.outcome, r.missing) == (Outcome.indeterminate, ("$.beslut.skal",))


# --- remiss.digital_mottagning ------------------------------------------------------------------


def digital(**patient: Any) -> Result:
    return remiss("remiss.digital_mottagning", typ="digital_mottagning", inkom="2025-04-18",
                  patient=patient)


def test_digital_open_to_county_adult_without_referral() -> None:
    r = digital(fodelsedatum="2007-04-18", folkbokford_lan="kalmar")
    assert (r.outcome, r.values["decision"]) == (Outcome.passed, "accept")
    assert r.values["referral_required"] is False and r.values["age"] == 18


def test_digital_under_18_routed() -> None:
    r = digital(fodelsedatum="2007-04-19", folkbokford_lan="kalmar")
    assert r.values["route"] == "barn_och_ungdomshalsan" and r.values["age"] == 17


def test_digital_other_county_routed_to_triage() -> None:
    r = digital(fodelsedatum="1990-01-01", folkbokford_lan="stockholm")
    assert r.values["decision"] == "route" and r.values["route"] == "halsovalsenhet_kalmar"


def test_digital_missing_county_and_other_types() -> None:
    r = digital(fodelsedatum="1990-01-01")
    assert r.missing == ("$.patient.folkbokford_lan",)
    assert remiss("remiss.digital_mottagning").outcome is Outcome.not_applicable


# --- vardenhet.kompetenskrav / tillgang_psykolog ------------------------------------------------


def test_kompetenskrav_pass_and_fail() -> None:
    r = unit("vardenhet.kompetenskrav", personal=[PSYKOLOG, staff("k", "kurator", legitimerad=True)])
    assert (r.outcome, r.values["qualifying_staff"]) == (Outcome.passed, ["psy"])
    r = unit("vardenhet.kompetenskrav", personal=[staff("k", "kurator", legitimerad=True),
                                                 staff("p", "psykolog", legitimerad=False)])
    assert r.outcome is Outcome.fail


def test_kompetenskrav_indeterminate() -> None:
    assert unit("vardenhet.kompetenskrav").missing == ("$.personal",)
    r = unit("vardenhet.kompetenskrav", personal=[staff("k", "kurator"), staff("p", "psykoterapeut")])
    assert r.missing == ("$.personal[1].legitimerad",)


def test_tillgang_psykolog() -> None:
    only_pt = [PSYKOTERAPEUT, staff("k", "kurator", legitimerad=True)]
    assert unit("vardenhet.tillgang_psykolog", personal=only_pt,
                tillgang_till_psykolog=True).outcome is Outcome.passed
    assert unit("vardenhet.tillgang_psykolog", personal=only_pt,
                tillgang_till_psykolog=False).outcome is Outcome.fail
    assert unit("vardenhet.tillgang_psykolog", personal=only_pt).missing == ("$.tillgang_till_psykolog",)
    assert unit("vardenhet.tillgang_psykolog",
                personal=[PSYKOTERAPEUT, PSYKOLOG]).outcome is Outcome.not_applicable


# --- vardenhet.kurator_socionom / steg1_inom_ett_ar ---------------------------------------------


def treating(sid: str, yrke: str = "kurator", **fields: Any) -> dict[str, Any]:
    base = {"legitimerad": True, "handledning": True, "uppdrag": ["psykoterapeutisk_behandling"],
            "anstallning_start": "2024-02-29"}
    base.update(fields)
    return staff(sid, yrke, **base)


STEG1 = [{"omrade": "psykoterapi_steg1", "paborjad": "2024-09-01"}]


def test_kurator_socionom_pass() -> None:
    r = unit("vardenhet.kurator_socionom",
             personal=[PSYKOLOG, treating("k1", utbildningar=STEG1),
                       treating("s1", "socionom", legitimerad=None, utbildningar=STEG1)])
    assert (r.outcome, r.values["staff"]) == (Outcome.passed, ["k1", "s1"])


def test_kurator_socionom_needs_competence_and_supervision() -> None:
    r = unit("vardenhet.kurator_socionom", personal=[treating("k1", utbildningar=STEG1)])
    assert r.outcome is Outcome.fail and r.values["problems"] == {"k1": ["kompetenskrav"]}
    r = unit("vardenhet.kurator_socionom",
             personal=[PSYKOLOG, treating("k1", handledning=False, utbildningar=STEG1)])
    assert r.values["problems"] == {"k1": ["handledning"]}


def test_kurator_socionom_steg1_grace_year() -> None:
    # Employed 2025-01-15 without steg 1: accepted up to and including 2026-01-15.
    person = treating("k1", anstallning_start="2025-01-15", utbildningar=[])
    assert unit("vardenhet.kurator_socionom", as_of=date(2026, 1, 15),
                personal=[PSYKOLOG, person]).outcome is Outcome.passed
    r = unit("vardenhet.kurator_socionom", as_of=date(2026, 1, 16), personal=[PSYKOLOG, person])
    assert r.values["problems"] == {"k1": ["steg1"]}


def test_kurator_socionom_not_applicable() -> None:
    r = unit("vardenhet.kurator_socionom", personal=[PSYKOLOG, staff("k", "kurator", uppdrag=[])])
    assert r.outcome is Outcome.not_applicable
    # Work areas not reported: the counsellor may be giving treatment (absent is not empty).
    r = unit("vardenhet.kurator_socionom", personal=[PSYKOLOG, staff("k", "kurator")])
    assert (r.outcome, r.missing) == (Outcome.indeterminate, ("$.personal[1].uppdrag",))


def test_kurator_socionom_steg2_is_at_least_steg1() -> None:
    # "då krävs lägst grundläggande psykoterapiutbildning (steg 1)": steg 2 is above the floor
    # (audit D2).
    steg2 = [{"omrade": "psykoterapi_steg2", "paborjad": "2018-01-01", "avslutad": "2019-06-01"}]
    k1 = treating("k1", anstallning_start="2020-01-01", utbildningar=steg2)
    r = unit("vardenhet.kurator_socionom", personal=[PSYKOTERAPEUT, k1])
    assert (r.outcome, r.values["staff"]) == (Outcome.passed, ["k1"])


def test_kurator_socionom_staff_employed_before_the_rulebook_need_steg1_completed() -> None:
    # "lägst grundläggande psykoterapiutbildning (steg 1)"; the one-year start applies "Vid
    # nyanställning" only.
    done = [{"omrade": "psykoterapi_steg1", "paborjad": "2012-09-01", "avslutad": "2014-06-01"}]
    veteran = treating("k3", "socionom", anstallning_start="2010-01-01", utbildningar=done)
    assert unit("vardenhet.kurator_socionom", personal=[PSYKOTERAPEUT, veteran]).outcome is Outcome.passed
    none = treating("k3", "socionom", anstallning_start="2010-01-01", utbildningar=[])
    r = unit("vardenhet.kurator_socionom", personal=[PSYKOTERAPEUT, none])
    assert r.values["problems"] == {"k3": ["steg1"]}
    begun = treating("k3", "socionom", anstallning_start="2010-01-01",
                     utbildningar=[{"omrade": "psykoterapi_steg1", "paborjad": "2012-09-01"}])
    r = unit("vardenhet.kurator_socionom", personal=[PSYKOTERAPEUT, begun])
    assert r.missing == ("$.personal[1].utbildningar[0].avslutad",)


def test_steg1_leap_day_start_due_28_february() -> None:
    on_time = [{"omrade": "psykoterapi_steg1", "paborjad": "2025-02-28"}]
    late = [{"omrade": "psykoterapi_steg1", "paborjad": "2025-03-01"}]
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[treating("k1", utbildningar=on_time)])
    assert (r.outcome, r.values["due"]) == (Outcome.met, date(2025, 2, 28))
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[treating("k1", utbildningar=late)])
    assert r.outcome is Outcome.missed


def test_steg1_aggregates_per_staff() -> None:
    personal = [
        treating("b", "socionom", anstallning_start="2025-05-31", utbildningar=[]),  # due 2026-05-31, open
        treating("a", utbildningar=STEG1),  # due 2025-02-28, started 2024-09-01: met
    ]
    r = unit("vardenhet.steg1_inom_ett_ar", as_of=date(2025, 6, 1), personal=personal)
    assert r.outcome is Outcome.open
    assert r.values["due"] == date(2026, 5, 31)
    assert r.values["staff"] == {
        "a": {"due": date(2025, 2, 28), "actual": date(2024, 9, 1), "outcome": "met", "edition": "2024", "years": 1},
        "b": {"due": date(2026, 5, 31), "actual": None, "outcome": "open", "edition": "2024", "years": 1},
    }
    reordered = unit("vardenhet.steg1_inom_ett_ar", as_of=date(2025, 6, 1), personal=personal[::-1])
    assert reordered.values == r.values and reordered.outcome is r.outcome
    r = unit("vardenhet.steg1_inom_ett_ar", as_of=date(2026, 6, 1), personal=personal)
    assert (r.outcome, r.values["due"]) == (Outcome.missed, date(2026, 5, 31))


def test_steg1_only_new_hires() -> None:
    # "Vid nyanställning av ovan yrkesgrupper": a social worker employed in 2010 who completed steg 1
    # in 2014 is not a new hire under this rulebook (audit D1); nor is one employed on 2023-12-31.
    done = [{"omrade": "psykoterapi_steg1", "paborjad": "2012-09-01", "avslutad": "2014-06-01"}]
    veteran = treating("k3", "socionom", anstallning_start="2010-01-01", utbildningar=done)
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[PSYKOTERAPEUT, veteran])
    assert r.outcome is Outcome.not_applicable and r.values["employed_before"] == ["k3"]
    eve = treating("k4", anstallning_start="2023-12-31", utbildningar=[])
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[eve])
    assert (r.outcome, r.values["reason"], r.values["day"]) == (
        Outcome.not_applicable, "no_rulebook_in_force", date(2023, 12, 31),
    )
    # Each hire by its own start: the new hire of 2024 is judged, the earlier one only listed.
    r = unit("vardenhet.steg1_inom_ett_ar", as_of=date(2025, 6, 1),
             personal=[eve, treating("k5", anstallning_start="2024-03-01", utbildningar=[])])
    assert (r.outcome, r.values["due"], r.values["employed_before"]) == (Outcome.missed, date(2025, 3, 1), ["k4"])
    assert r.values["outside_editions"] == [{"index": 0, "staff": "k4", "date": date(2023, 12, 31)}]
    first_day = treating("k4", anstallning_start="2024-01-01", utbildningar=[])
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[first_day])
    assert (r.outcome, r.values["due"]) == (Outcome.missed, date(2025, 1, 1))


def test_steg1_steg2_counts_as_begun() -> None:
    steg2 = [{"omrade": "psykoterapi_steg2", "paborjad": "2024-08-15"}]
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[treating("k1", anstallning_start="2024-05-01",
                                                                utbildningar=steg2)])
    assert (r.outcome, r.values["actual"]) == (Outcome.met, date(2024, 8, 15))


def test_steg1_missing_start_and_not_applicable() -> None:
    r = unit("vardenhet.steg1_inom_ett_ar", personal=[treating("k1", anstallning_start=None)])
    assert r.missing == ("$.personal[0].anstallning_start",)
    assert unit("vardenhet.steg1_inom_ett_ar", personal=[PSYKOLOG]).outcome is Outcome.not_applicable


# --- vardenhet.verksamhetschef / kompetensbrist / ptp_platser -----------------------------------


def test_verksamhetschef() -> None:
    head = staff("vc", "psykolog", namn="Testperson", funktioner=["verksamhetschef"])
    r = unit("vardenhet.verksamhetschef", personal=[head])
    assert r.outcome is Outcome.passed and "Testperson" not in r.explanation.sv
    assert unit("vardenhet.verksamhetschef", personal=[{**PSYKOLOG, "funktioner": []}]).outcome is Outcome.fail
    assert unit("vardenhet.verksamhetschef", personal=[PSYKOLOG]).missing == ("$.personal[0].funktioner",)
    unnamed = staff("vc", "psykolog", funktioner=["verksamhetschef"])
    assert unit("vardenhet.verksamhetschef", personal=[unnamed]).missing == ("$.personal[0].namn",)


@pytest.mark.parametrize("blank", ["", " ", "\u00a0\t"])
def test_verksamhetschef_blank_name_is_not_a_name(blank: str) -> None:
    # "utsedd, namngiven verksamhetschef": a reported but blank name names nobody.
    head = staff("vc", "psykolog", namn=blank, funktioner=["verksamhetschef"])
    r = unit("vardenhet.verksamhetschef", personal=[head])
    assert (r.outcome, r.values["unnamed_heads"], r.missing) == (Outcome.fail, ["vc"], ())
    other = staff("vc2", "psykolog", funktioner=["verksamhetschef"])
    r = unit("vardenhet.verksamhetschef", personal=[head, other])
    assert (r.outcome, r.missing) == (Outcome.indeterminate, ("$.personal[1].namn",))


@pytest.mark.parametrize(
    ("arose", "due"),
    [("2025-01-31", date(2025, 2, 28)), ("2024-01-31", date(2024, 2, 29)), ("2025-03-15", date(2025, 4, 15))],
)
def test_kompetensbrist_due_one_month_clamped(arose: str, due: date) -> None:
    r = unit("vardenhet.kompetensbrist", as_of=date(2024, 1, 1), kompetensbrist={"uppstod": arose})
    assert (r.outcome, r.values["due"]) == (Outcome.open, due)


def test_kompetensbrist_met_and_missed() -> None:
    ok = {"uppstod": "2025-01-31", "anmald": "2025-02-01", "atergestalld": "2025-02-28"}
    late = {"uppstod": "2025-01-31", "anmald": "2025-02-01", "atergestalld": "2025-03-01"}
    assert unit("vardenhet.kompetensbrist", kompetensbrist=ok).outcome is Outcome.met
    r = unit("vardenhet.kompetensbrist", kompetensbrist=late)
    assert (r.outcome, r.values["restoration"]) == (Outcome.missed, "missed")
    assert unit("vardenhet.kompetensbrist").outcome is Outcome.not_applicable


def test_kompetensbrist_report_is_checked() -> None:
    # "ska detta anmälas till Region Kalmar län och återställande ska ske inom en (1) månad": a
    # shortfall restored in time but never reported is a breach (audit D8).
    unreported = {"uppstod": "2025-01-31", "atergestalld": "2025-02-27"}
    r = unit("vardenhet.kompetensbrist", kompetensbrist=unreported)
    assert (r.outcome, r.values["report"], r.values["restoration"]) == (Outcome.missed, "missed", "met")
    # Within the month, not yet reported, is still open; reported after it is late.
    r = unit("vardenhet.kompetensbrist", as_of=date(2025, 2, 10), kompetensbrist={"uppstod": "2025-01-31"})
    assert r.outcome is Outcome.open
    late_report = {"uppstod": "2025-01-31", "anmald": "2025-03-01", "atergestalld": "2025-02-10"}
    assert unit("vardenhet.kompetensbrist", kompetensbrist=late_report).outcome is Outcome.missed
    # A shortfall that arose before this rulebook was in force is not governed by it: the answer
    # every rule gives for a day outside every edition, with that day.
    old = {"uppstod": "2023-12-20", "atergestalld": "2024-03-01"}
    r = unit("vardenhet.kompetensbrist", kompetensbrist=old)
    assert (r.outcome, dict(r.values), r.edition) == (
        Outcome.not_applicable, {"reason": "no_rulebook_in_force", "day": date(2023, 12, 20)}, None,
    )
    r = unit("vardenhet.kompetensbrist", as_of=date(2024, 2, 2), kompetensbrist={"uppstod": "2024-01-01"})
    assert (r.outcome, r.values["due"]) == (Outcome.missed, date(2024, 2, 1))


def test_ptp_split_2024() -> None:
    r = unit("vardenhet.ptp_platser", as_of=date(2024, 12, 31), driftform="offentlig", ptp_platser=4)
    assert r.outcome is Outcome.passed
    assert r.values["allocation"] == {"offentlig": 4, "privat": 1} and r.values["total"] == 5
    r = unit("vardenhet.ptp_platser", as_of=date(2024, 1, 1), driftform="privat", ptp_platser=2)
    assert (r.outcome, r.values["maximum"]) == (Outcome.fail, 1)
    split = next(p for p in r.parameters if p.name == "split_2024")
    assert (split.valid_from, split.valid_to) == (date(2024, 1, 1), date(2024, 12, 31))


def test_ptp_total_checked_in_every_year() -> None:
    # "budgetmedel för 5 st PTP per år": checked in 2025 too, where no split is stated (audit D9).
    r = unit("vardenhet.ptp_platser", as_of=date(2025, 1, 1), driftform="privat", ptp_platser=2)
    assert (r.outcome, r.values["total"], r.values["allocation"]) == (Outcome.passed, 5, None)
    assert "Ingen fördelning" in r.explanation.sv and "No split" in r.explanation.en
    r = unit("vardenhet.ptp_platser", as_of=date(2025, 6, 1), driftform="privat", ptp_platser=6)
    assert (r.outcome, r.values["maximum"]) == (Outcome.fail, 5)
    assert unit("vardenhet.ptp_platser", as_of=date(2025, 6, 1), ptp_platser=5).outcome is Outcome.passed


def test_ptp_missing_inputs() -> None:
    assert unit("vardenhet.ptp_platser", as_of=date(2024, 6, 1)).missing == ("$.ptp_platser",)
    r = unit("vardenhet.ptp_platser", as_of=date(2024, 6, 1), ptp_platser=1)
    assert r.missing == ("$.driftform",)
    # Outside the split year the operator form is not needed.
    assert unit("vardenhet.ptp_platser", as_of=date(2025, 6, 1), ptp_platser=1).outcome is Outcome.passed


# --- tillganglighet -----------------------------------------------------------------------------

MANDATORY = ["kontakta_oss", "synpunkter_och_klagomal", "av_omboka_tid_ej_direkttidbokning",
             "las_din_journal", "bestall_journalkopia", "mina_bokade_tider", "stod_och_behandling"]


def till(rule: str, as_of: date = date(2025, 6, 1), **fields: Any) -> Result:
    return run("Tillganglighet", {"enhet_id": "PH-1", **fields}, rule, as_of)


def test_e_tjanster() -> None:
    assert till("tillganglighet.e_tjanster", e_tjanster=MANDATORY).outcome is Outcome.passed
    r = till("tillganglighet.e_tjanster", e_tjanster=[*MANDATORY[1:], "boka_tid_webbtidbok"])
    assert (r.outcome, r.values["missing"]) == (Outcome.fail, ["kontakta_oss"])
    assert r.values["voluntary_offered"] == ["boka_tid_webbtidbok"]
    assert till("tillganglighet.e_tjanster").missing == ("$.e_tjanster",)


def test_stangning_exactly_four_weeks_needs_no_report() -> None:
    r = till("tillganglighet.tillfallig_stangning",
             stangningar=[{"fran": "2025-06-02", "forvantad_till": "2025-06-29"}])
    assert r.outcome is Outcome.passed
    assert r.values["closures"][0]["days"] == 28 and r.values["closures"][0]["report_required"] is False


def test_stangning_29_days_needs_report() -> None:
    closure = {"fran": "2025-06-02", "forvantad_till": "2025-06-30"}
    r = till("tillganglighet.tillfallig_stangning", date(2025, 6, 2), stangningar=[closure])
    assert r.outcome is Outcome.fail and r.values["closures"][0]["days"] == 29
    r = till("tillganglighet.tillfallig_stangning", stangningar=[{**closure, "anmald": "2025-05-20"}])
    assert r.outcome is Outcome.passed


def test_stangning_report_has_no_date_in_the_text() -> None:
    # "Om den tillfälliga stängningen förväntas vara längre än 4 veckor ska vårdgivaren meddela
    # Regionstab": no date is set, so a closure not begun and not yet reported is outstanding
    # (warning), not a breach; from its first closed day an unreported closure fails.
    closure = {"fran": "2025-06-02", "forvantad_till": "2025-06-30"}
    r = till("tillganglighet.tillfallig_stangning", date(2025, 6, 1), stangningar=[closure])
    assert r.outcome is Outcome.warning and r.values["pending"][0]["days"] == 29
    assert till("tillganglighet.tillfallig_stangning", date(2025, 6, 2),
                stangningar=[closure]).outcome is Outcome.fail
    # a report dated after the evaluation day has not been made on it
    late = {**closure, "anmald": "2025-06-10"}
    r = till("tillganglighet.tillfallig_stangning", date(2025, 6, 9), stangningar=[late])
    assert r.outcome is Outcome.fail
    assert r.values["closures"][0]["report_dated_after_as_of"] == date(2025, 6, 10)
    assert till("tillganglighet.tillfallig_stangning", date(2025, 6, 10),
                stangningar=[late]).outcome is Outcome.passed


def test_stangning_not_applicable_and_indeterminate() -> None:
    assert till("tillganglighet.tillfallig_stangning", stangningar=[]).outcome is Outcome.not_applicable
    assert till("tillganglighet.tillfallig_stangning").missing == ("$.stangningar",)
    r = till("tillganglighet.tillfallig_stangning", stangningar=[{"fran": "2025-06-02"}])
    assert r.missing == ("$.stangningar[0].forvantad_till",)
    # Reported: the duty is met whatever the length.
    r = till("tillganglighet.tillfallig_stangning", stangningar=[{"fran": "2025-06-02", "anmald": "2025-05-30"}])
    assert r.outcome is Outcome.passed


def test_stangning_judged_by_its_first_day() -> None:
    # "Om den tillfälliga stängningen förväntas vara längre än 4 veckor": a closure that began on
    # 1 December 2023 is outside every edition (listed, not judged); one of 2 January 2024 is judged.
    old = {"fran": "2023-12-01", "forvantad_till": "2024-01-31"}
    r = till("tillganglighet.tillfallig_stangning", stangningar=[old])
    assert (r.outcome, r.values["reason"], r.values["day"]) == (
        Outcome.not_applicable, "no_rulebook_in_force", date(2023, 12, 1),
    )
    new = {"fran": "2024-01-02", "forvantad_till": "2024-01-30"}
    r = till("tillganglighet.tillfallig_stangning", stangningar=[old, new])
    assert (r.outcome, [c["days"] for c in r.values["closures"]]) == (Outcome.fail, [29])
    assert r.values["outside_editions"] == [{"index": 0, "date": date(2023, 12, 1)}]


# --- uppfoljning --------------------------------------------------------------------------------


def follow(rule: str, as_of: date = date(2025, 6, 1), **change: Any) -> Result:
    return run("Uppfoljning", {"enhet_id": "PH-1", "forandringar": [change]}, rule, as_of)


def test_byte_verksamhetschef_one_month_before_clamped() -> None:
    r = follow("uppfoljning.byte_verksamhetschef", typ="byte_verksamhetschef", datum="2025-03-31",
               meddelad="2025-02-28")
    assert (r.outcome, r.values["due"]) == (Outcome.met, date(2025, 2, 28))
    r = follow("uppfoljning.byte_verksamhetschef", typ="kontaktuppgifter", datum="2025-03-31",
               meddelad="2025-03-01")
    assert r.outcome is Outcome.missed


def test_lokalbyte_six_months_before() -> None:
    r = follow("uppfoljning.lokalbyte", as_of=date(2025, 1, 1), typ="lokalbyte", datum="2025-08-31")
    assert (r.outcome, r.values["due"]) == (Outcome.open, date(2025, 2, 28))
    r = follow("uppfoljning.lokalbyte", typ="lokalbyte", datum="2024-08-31", meddelad="2024-02-29")
    assert (r.outcome, r.values["due"]) == (Outcome.met, date(2024, 2, 29))
    r = follow("uppfoljning.lokalbyte", typ="lokalbyte", datum="2024-08-31", meddelad="2024-03-01")
    assert r.outcome is Outcome.missed


def test_forandring_samverkan_two_months_before() -> None:
    r = follow("uppfoljning.forandring_samverkan", typ="samverkan", datum="2025-04-30",
               meddelad="2025-03-01")
    assert (r.outcome, r.values["due"], r.values["actual"]) == (Outcome.missed, date(2025, 2, 28),
                                                                 date(2025, 3, 1))


def test_uppfoljning_selects_type_and_aggregates() -> None:
    assert follow("uppfoljning.lokalbyte", typ="samverkan", datum="2025-04-30").outcome \
        is Outcome.not_applicable
    doc = {"forandringar": [
        {"typ": "byte_verksamhetschef", "datum": "2025-09-01", "meddelad": "2025-07-01"},
        {"typ": "kontaktuppgifter", "datum": "2025-05-10"},
        {"typ": "lokalbyte", "datum": "2025-01-01"},
    ]}
    r = run("Uppfoljning", doc, "uppfoljning.byte_verksamhetschef", date(2025, 6, 1))
    assert r.outcome is Outcome.missed
    assert r.values["due"] == date(2025, 4, 10)
    # The notice of the September change is dated 1 July, after the evaluation day (1 June): it has
    # not been given yet, and its latest day (1 August) is still ahead, so that change is open.
    assert [c["outcome"] for c in r.values["changes"]] == ["missed", "open"]
    assert run("Uppfoljning", {}, "uppfoljning.lokalbyte", date(2025, 6, 1)).missing == ("$.forandringar",)
    reordered = run("Uppfoljning", {"forandringar": doc["forandringar"][::-1]},
                    "uppfoljning.byte_verksamhetschef", date(2025, 6, 1))
    assert reordered.values == r.values and reordered.explanation == r.explanation


def test_changes_judged_by_their_own_day_and_in_the_texts_words() -> None:
    # "Vid byte av verksamhetschef … en månad (1) innan förändringen träder i kraft": a change of
    # 31 December 2023 is outside every edition, one of 1 January 2024 under this text.
    before = follow("uppfoljning.byte_verksamhetschef", as_of=date(2024, 2, 1), typ="byte_verksamhetschef",
                    datum="2023-12-31", meddelad="2023-12-15")
    assert (before.outcome, before.values["reason"], before.values["day"]) == (
        Outcome.not_applicable, "no_rulebook_in_force", date(2023, 12, 31),
    )
    first = follow("uppfoljning.byte_verksamhetschef", as_of=date(2024, 2, 1), typ="Byte av verksamhetschef",
                   datum="2024-01-01", meddelad="2023-12-15")
    assert (first.outcome, first.values["due"], first.governing_day) == (Outcome.missed, date(2023, 12, 1), None)
    assert first.values["changes"][0]["edition"] == "2024"
    told = follow("uppfoljning.byte_verksamhetschef", as_of=date(2024, 2, 1), typ="Ändrade kontaktuppgifter",
                  datum="2024-01-01", meddelad="2023-12-01")
    assert told.outcome is Outcome.met
    r = follow("uppfoljning.forandring_samverkan", typ="Ändrad samverkan", datum="2025-04-30", meddelad="2025-02-28")
    assert r.outcome is Outcome.met
    r = follow("uppfoljning.lokalbyte", typ="Byte av lokaler", datum="2025-08-31", meddelad="2025-02-28")
    assert r.outcome is Outcome.met


@pytest.mark.parametrize("reason", ["listning", "Ej listad", "Folkbokföring", "ej folkbokförd"])
def test_oavsett_listning_reasons_in_the_texts_words(reason: str) -> None:
    # "ska ta emot samtliga medborgare oavsett listning eller folkbokföring". The patient is registered
    # in a county, so the asylum seekers' separate guideline is not in question.
    r = remiss("remiss.oavsett_listning", patient={"folkbokford_lan": "stockholm"},
               beslut={"utfall": "avvisad", "skal": [reason]})
    assert r.outcome is Outcome.fail and r.values["invalid_reasons"] in (["listning"], ["folkbokforing"])
    r = remiss("remiss.oavsett_listning", beslut={"utfall": "avvisad", "skal": ["Åldersgräns"]})
    assert r.outcome is Outcome.passed


@pytest.mark.parametrize(
    ("rule", "parameter", "codes"),
    [
        ("uppfoljning.byte_verksamhetschef", "change_types", ps.domain.Forandringstyp),
        ("uppfoljning.lokalbyte", "change_types", ps.domain.Forandringstyp),
        ("uppfoljning.forandring_samverkan", "change_types", ps.domain.Forandringstyp),
        ("remiss.oavsett_listning", "forbidden_reasons", ps.domain.Avvisningsskal),
    ],
)
def test_parameter_codes_are_codes_of_their_lists(rule: str, parameter: str, codes: type) -> None:
    for value in ps.rule(P + rule).parameter(parameter).values:
        assert all(c in {m.value for m in codes} for c in value.value), (rule, value.value)


# --- editions ----------------------------------------------------------------------------------


def test_edition_boundary_for_a_referral_and_a_standing_requirement() -> None:
    # The rulebook's earliest dated provision is "För 2024 …": it governs from 2024-01-01.
    before = remiss("remiss.forsta_kontakt", as_of=date(2024, 1, 20), inkom="2023-12-31")
    assert before.outcome is Outcome.not_applicable
    assert before.values == {"reason": "no_rulebook_in_force", "day": date(2023, 12, 31)}
    first = remiss("remiss.forsta_kontakt", as_of=date(2024, 1, 20), inkom="2024-01-01")
    assert (first.outcome, first.values["due"], first.edition) == (Outcome.missed, date(2024, 1, 15), "2024")
    assert first.governing_day == date(2024, 1, 1)
    head = staff("vc", "psykolog", namn="Testperson", funktioner=["verksamhetschef"])
    assert unit("vardenhet.verksamhetschef", as_of=date(2023, 12, 31), personal=[head]).outcome \
        is Outcome.not_applicable
    assert unit("vardenhet.verksamhetschef", as_of=date(2024, 1, 1), personal=[head]).outcome is Outcome.passed


# --- annexes ------------------------------------------------------------------------------------


def test_bilagor_mapping() -> None:
    numbers = {a.topic: a.number for a in ps.annexes(REGION, PROGRAMME)}
    assert numbers == {
        "ansokan_och_avtal": "2", "ersattning": "3", "lokaler": "4", "utrustning": "5", "it": "6",
        "kris_och_kontinuitet": "7", "samverkan": "8", "utbildningsplatser": "9",
        "uppfoljning_och_sanktioner": "10", "upphorande": "11",
    }
    ref = ps.annex(REGION, PROGRAMME, "Praktisk tjänstgöring för psykologer (PTP)")
    assert ref.topic == "utbildningsplatser" and ref.citation is not None
    assert ref.citation.quote == "Uppdragsbeskrivningen hänvisar till bilagor inom vissa områden"


def test_samverkan_partners_in_annex() -> None:
    ref = ps.annex(REGION, PROGRAMME, "samverkan")
    assert ref.annex.rule_id == P + "samverkan.partners"
    assert ref.annex.items == (
        "Barn och ungdomshälsan", "Arbetsterapimottagning inom primärvård",
        "Fysioterapeutmottagning inom primärvård", "Asyl- och flyktinghälsovården",
        "Mödrahälsovård (MHV)", "Sjukvårdsrådgivning 1177",
    )
    out = io.StringIO()
    with redirect_stdout(out):
        code = cli.main(["annex", "--region", REGION, "--programme", PROGRAMME, "samverkan"])
    assert code == 0
    assert "Bilaga 8 Samverkan" in out.getvalue() and "- Sjukvårdsrådgivning 1177" in out.getvalue()


def test_every_rule_of_the_programme_is_loaded() -> None:
    ids = {r.id for r in ps.rules(REGION, PROGRAMME)}
    assert len(ids) == 23 + 23 and all(i.startswith(P) for i in ids)  # the catalogue's and the further obligations


# --- properties ---------------------------------------------------------------------------------


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_forsta_kontakt_due_is_always_14_days(day: date) -> None:
    r = remiss("remiss.forsta_kontakt", as_of=day, inkom=day.isoformat())
    assert (r.values["due"] - day).days == 14
    assert r.outcome is Outcome.open


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_vfsp_due_is_a_weekday_within_a_week(day: date) -> None:
    r = remiss("remiss.vfsp_aterkoppling", as_of=day, typ="vfsp", inkom=day.isoformat())
    due = r.values["due"]
    assert day < due <= date.fromordinal(day.toordinal() + 6) and due.weekday() < 5


# --- closures reported as closed days; dates that cannot be right --------------------------------


def test_closed_weekdays_bridge_a_weekend_and_a_helgdag() -> None:
    # Thu 29 May 2025 is Kristi himmelsfärd, a helgdag: closed weekdays Mon 5 May - Mon 2 June form
    # one closure of 29 days ("längre än 4 veckor"), even with the weekends and the helgdag left out.
    days = [date(2025, 5, d) for d in range(5, 32) if date(2025, 5, d).weekday() < 5 and d != 29]
    days.append(date(2025, 6, 2))
    closed = [{"datum": d.isoformat(), "oppettider": []} for d in days]
    r = run("Tillganglighet", {"enhet_id": "PH-1", "stangningar": [], "avvikande_dagar": closed},
            "tillganglighet.tillfallig_stangning", date(2025, 6, 3))
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.stangningar",)
    assert r.values["closed_days_not_in_stangningar"][0]["days"] == 29
    # an open weekday in between (Wed 21 May) ends the closure: two closures, each under 4 weeks
    opened = [c for c in closed if c["datum"] != "2025-05-21"]
    r = run("Tillganglighet", {"enhet_id": "PH-1", "stangningar": [], "avvikande_dagar": opened},
            "tillganglighet.tillfallig_stangning", date(2025, 6, 3))
    assert r.outcome is Outcome.not_applicable


def test_closure_that_keeps_the_unit_open_needs_no_report() -> None:
    deviation = {"fran": "2025-06-02", "forvantad_till": "2025-08-31", "orsak": "kompetensbortfall"}
    assert till("tillganglighet.tillfallig_stangning",
                stangningar=[{**deviation, "haller_oppet": True}]).outcome is Outcome.not_applicable
    assert till("tillganglighet.tillfallig_stangning", date(2025, 6, 2),
                stangningar=[{**deviation, "haller_oppet": False}]).outcome is Outcome.fail


@pytest.mark.parametrize("rule", ["vardenhet.kompetenskrav", "vardenhet.verksamhetschef",
                                  "vardenhet.svenska_sprak", "vardenhet.patientsakerhetsutbildning",
                                  "vardenhet.handledning", "uppfoljning.kompetensbevis"])
def test_backwards_period_at_the_unit_is_indeterminate(rule: str) -> None:
    member = {**PSYKOLOG, "verksam": {"fran": "2025-03-01", "till": "2025-02-28"}}
    r = unit(rule, personal=[member])
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.personal[0].verksam.till",)


def test_notice_and_report_dated_after_the_evaluation_day_are_not_yet_given() -> None:
    # "en månad (1) innan förändringen träder i kraft": on 1 June a notice dated 15 July of a change
    # on 1 September (latest day 1 August) has not been given; open until 1 August.
    r = follow("uppfoljning.byte_verksamhetschef", typ="byte_verksamhetschef", datum="2025-09-01",
               meddelad="2025-07-15")
    assert (r.outcome, r.values["due"], r.values["actual"]) == (Outcome.open, date(2025, 8, 1), date(2025, 7, 15))
    r = follow("uppfoljning.byte_verksamhetschef", as_of=date(2025, 7, 15), typ="byte_verksamhetschef",
               datum="2025-09-01", meddelad="2025-07-15")
    assert r.outcome is Outcome.met
    # "ska detta anmälas … och återställande ska ske inom en (1) månad": a restoration dated after the
    # evaluation day has not happened on it.
    brist = {"uppstod": "2025-05-10", "anmald": "2025-05-12", "atergestalld": "2025-06-05"}
    r = unit("vardenhet.kompetensbrist", date(2025, 6, 1), kompetensbrist=brist)
    assert (r.outcome, r.values["actual"]) == (Outcome.open, None)
    r = unit("vardenhet.kompetensbrist", date(2025, 6, 5), kompetensbrist=brist)
    assert (r.outcome, r.values["actual"]) == (Outcome.met, date(2025, 6, 5))


def test_contact_after_the_evaluation_day_has_not_taken_place() -> None:
    # "Vårdenheten ska ordna språktolk …" sets no lead time: for a contact on 11 March, evaluated on
    # 10 March, an interpreter not yet arranged is outstanding (warning); on the day it fails.
    tolk = {"kontakt": "2025-03-11T10:00:00+01:00", "tolk": {"behov": "sprak", "ordnad": False}}
    assert run("Vardkontakt", tolk, "vardkontakt.tolk", date(2025, 3, 10)).outcome is Outcome.warning
    assert run("Vardkontakt", tolk, "vardkontakt.tolk", date(2025, 3, 11)).outcome is Outcome.fail
    # "Dokumentation ska ske i mallen Suicidriskbedömning": a contact not yet held cannot be documented.
    vfsp = {"kontakt": "2025-03-11T10:00:00+01:00", "vfsp_remiss": True, "journalmall": "ingen"}
    r = run("Vardkontakt", vfsp, "vardkontakt.vfsp_dokumentation", date(2025, 3, 10))
    assert (r.outcome, r.values["reason"]) == (Outcome.not_applicable, "contact_after_as_of")
    assert run("Vardkontakt", vfsp, "vardkontakt.vfsp_dokumentation", date(2025, 3, 11)).outcome is Outcome.fail


def test_delivery_dated_after_the_evaluation_day_is_not_yet_made() -> None:
    # "överlämna … inom den tidsperiod som regionen anger": open before the delivery's day, met on it.
    doc = {"enhet_id": "PH-1", "begaranden": [{"begard": "2025-03-03", "senast": "2025-03-14",
                                               "levererad": "2025-03-12"}]}
    r = run("Uppfoljning", doc, "uppfoljning.uppgifter_inom_angiven_tid", date(2025, 3, 11))
    assert (r.outcome, r.values["actual"]) == (Outcome.open, date(2025, 3, 12))  # recorded, not yet made
    assert run("Uppfoljning", doc, "uppfoljning.uppgifter_inom_angiven_tid",
               date(2025, 3, 12)).outcome is Outcome.met
    # "Vid all nyanställning ska kopia på kompetensbevis delges": a copy dated later is not yet delivered.
    member = {"id": "N1", "anstallning_start": "2025-06-02", "rollbyten": [],
              "kompetensbevis": {"delgiven": True, "datum": "2025-06-10"}}
    r = unit("uppfoljning.kompetensbevis", date(2025, 6, 9), personal=[member])
    assert (r.outcome, r.values["open"]) == (Outcome.warning, ["N1"])
    assert unit("uppfoljning.kompetensbevis", date(2025, 6, 10), personal=[member]).outcome is Outcome.passed


# --- round 4: eligibility of residence statuses and the digital reception -----------------------


def test_registration_reasons_for_the_separate_guideline_are_not_judged() -> None:
    # "Gällande asylsökande och papperslösa finns särskild riktlinje som ska följas."
    for status in ("asylsokande", "papperslos"):
        patient = {"fodelsedatum": "1990-01-01", "folkbokford_i_sverige": False, "vistelsestatus": status}
        beslut = {"utfall": "avvisad", "skal": ["folkbokforing"]}
        for rule in ("remiss.oavsett_listning", "remiss.omfattade_grupper"):
            r = remiss(rule, patient=patient, beslut=beslut)
            assert (r.outcome, r.values["reason"]) == (Outcome.not_applicable, "separate_guideline")
        r = remiss("remiss.utomlans", patient=patient, utfardare={"lan": "stockholm"})
        assert (r.outcome, r.values["reason"]) == (Outcome.not_applicable, "separate_guideline")
    # An EU/EES visitor is not under the separate guideline: the rejection for registration fails.
    patient = {"fodelsedatum": "1990-01-01", "folkbokford_i_sverige": False, "vistelsestatus": "eu_ees"}
    r = remiss("remiss.omfattade_grupper", patient=patient, beslut={"utfall": "avvisad", "skal": ["folkbokforing"]})
    assert r.outcome is Outcome.fail


def test_digital_reception_may_refuse_non_inhabitants_for_registration() -> None:
    # "digital mottagning som är tillgänglig för samtliga länets invånare över 18 år oavsett listning".
    beslut = {"utfall": "avvisad", "skal": ["folkbokforing"]}
    outside = {"fodelsedatum": "1990-01-01", "folkbokford_lan": "stockholm"}
    for rule in ("remiss.oavsett_listning", "remiss.omfattade_grupper"):
        r = remiss(rule, typ="digital_mottagning", patient=outside, beslut=beslut)
        assert (r.outcome, r.values["reason"]) == (Outcome.not_applicable, "digital_mottagning_not_county_inhabitant")
        r = remiss(rule, typ="digital_mottagning", patient={**outside, "folkbokford_lan": "kalmar"},
                   beslut={"utfall": "avvisad", "skal": ["annan_kommun"]})
        assert r.outcome is Outcome.fail
    r = remiss("remiss.oavsett_listning", typ="digital_mottagning", patient=outside,
               beslut={"utfall": "avvisad", "skal": ["listning"]})
    assert r.outcome is Outcome.fail


def test_oavsett_listning_forbidden_reason_beside_a_lawful_one_is_a_warning() -> None:
    # As remiss.omfattade_grupper: the refusal may stand on "kräver vård inom specialistpsykiatrin".
    r = remiss("remiss.oavsett_listning", patient={"folkbokford_lan": "kalmar"},
               beslut={"utfall": "avvisad", "skal": ["listning", "specialistpsykiatri"]})
    assert (r.outcome, r.values["lawful_reasons"]) == (Outcome.warning, ["specialistpsykiatri"])
