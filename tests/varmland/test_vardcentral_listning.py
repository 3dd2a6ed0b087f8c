"""varmland.vardcentral: listing rules (3.0 Regler för val av vårdcentral; cellprov; fast vårdkontakt).

Expected values are worked out by hand from the Krav- och kvalitetsbok (del 2) and the project's
calendar policy; each test of a reading the audit showed wrong quotes the words that decide it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from primarvard_sdk import evaluate, parse_document
from primarvard_sdk.model import Outcome, Result

AS_OF = date(2025, 6, 2)


def run(doc: dict[str, Any], rule: str, as_of: date = AS_OF) -> Result:
    parsed = parse_document({"datum": "2025-06-02", **doc}, "Listning")
    (result,) = evaluate(
        parsed, region="varmland", programme="vardcentral", as_of=as_of, rule=f"varmland.vardcentral.{rule}"
    )
    return result


# --- aktivt val -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "outcome"),
    [
        ({"kanal": "e_tjanst_1177"}, Outcome.passed),
        ({"kanal": "blankett", "blankett_undertecknad": True}, Outcome.passed),
        ({"kanal": "blankett", "blankett_undertecknad": False}, Outcome.fail),
        ({"kanal": "telefon", "blankett_undertecknad": True, "blankett_inkom": "2025-06-02"}, Outcome.passed),
        ({"kanal": "telefon", "blankett_undertecknad": True, "blankett_inkom": "2025-06-03"}, Outcome.fail),
        ({"kanal": "telefon", "blankett_undertecknad": True}, Outcome.indeterminate),
        ({"kanal": "blankett"}, Outcome.indeterminate),
    ],
)
def test_aktivt_val(fields: dict[str, Any], outcome: Outcome) -> None:
    assert run({"valtyp": "aktivt_val", **fields}, "listning.aktivt_val").outcome is outcome


def test_aktivt_val_telephone_effective_from_form_arrival() -> None:
    r = run({"datum": "2025-05-15", "valtyp": "aktivt_val", "kanal": "telefon", "blankett_undertecknad": True,
             "blankett_inkom": "2025-05-20"}, "listning.aktivt_val")
    assert r.values["effective_from"] == date(2025, 5, 20)


def test_aktivt_val_form_before_the_call_is_inconsistent() -> None:
    # "Om patienten önskar lista om sig per telefon kan detta göras först när undertecknad
    # listningsblankett inkommit. Listningsblankett ska då sändas till invånaren av vårdcentralen."
    r = run({"datum": "2025-05-15", "valtyp": "aktivt_val", "kanal": "telefon", "blankett_undertecknad": True,
             "blankett_inkom": "2025-05-14"}, "listning.aktivt_val")
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.blankett_inkom",)
    assert r.values["inconsistent"] == ["$.blankett_inkom"]


def test_aktivt_val_not_an_active_choice() -> None:
    assert run({"valtyp": "ickeval"}, "listning.aktivt_val").outcome is Outcome.not_applicable
    assert run({}, "listning.aktivt_val").missing == ("$.valtyp",)


def test_listing_rules_are_governed_by_the_listing_day() -> None:
    doc = {"valtyp": "aktivt_val", "kanal": "e_tjanst_1177", "datum": "2023-12-20"}
    r = run(doc, "listning.aktivt_val", date(2024, 1, 5))
    assert r.outcome is Outcome.not_applicable and r.values["reason"] == "no_rulebook_in_force"
    assert run({**doc, "datum": "2024-01-01"}, "listning.aktivt_val", date(2024, 1, 5)).outcome is Outcome.passed
    missing = parse_document({"valtyp": "aktivt_val", "kanal": "e_tjanst_1177"}, "Listning")
    (r,) = evaluate(missing, region="varmland", programme="vardcentral", as_of=AS_OF,
                    rule="varmland.vardcentral.listning.aktivt_val")
    assert r.missing == ("$.datum",)


# --- blankett arkiv ---------------------------------------------------------------------------


def test_blankett_arkiv_two_years() -> None:
    doc = {"valtyp": "aktivt_val", "kanal": "blankett", "blankett_inkom": "2025-03-10"}
    r = run(doc, "listning.blankett_arkiv")
    assert r.values["due"] == date(2027, 3, 10) and r.outcome is Outcome.open
    assert run(doc, "listning.blankett_arkiv", date(2027, 3, 10)).outcome is Outcome.met
    early = run({**doc, "blankett_gallrad": "2027-03-09"}, "listning.blankett_arkiv", date(2027, 4, 1))
    assert early.outcome is Outcome.missed
    on_time = run({**doc, "blankett_gallrad": "2027-03-10"}, "listning.blankett_arkiv", date(2027, 4, 1))
    assert on_time.outcome is Outcome.met


def test_blankett_arkiv_leap_day_clamped() -> None:
    r = run({"kanal": "blankett", "blankett_inkom": "2024-02-29"}, "listning.blankett_arkiv")
    assert r.values["due"] == date(2026, 2, 28)


def test_blankett_arkiv_no_form_or_missing() -> None:
    assert run({"kanal": "e_tjanst_1177"}, "listning.blankett_arkiv").outcome is Outcome.not_applicable
    # a non-choice assignment has no form, whatever its channel field says (the audit's note)
    assert run({"valtyp": "ickeval"}, "listning.blankett_arkiv").outcome is Outcome.not_applicable
    assert run({"kanal": "telefon"}, "listning.blankett_arkiv").missing == ("$.blankett_inkom",)
    assert run({"valtyp": "aktivt_val"}, "listning.blankett_arkiv").missing == ("$.kanal",)


# --- ickeval ----------------------------------------------------------------------------------


def ickeval(*kandidater: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"valtyp": "ickeval", "person": {"kommun": "Karlstad"}, "kandidater": list(kandidater), **fields}


def kand(enhet: str, kommun: str | None, km: float | None) -> dict[str, Any]:
    k: dict[str, Any] = {"enhet_id": enhet}
    if kommun is not None:
        k["kommun"] = kommun
    if km is not None:
        k["vagavstand_km"] = km
    return k


def test_ickeval_nearest_by_road_in_same_municipality() -> None:
    doc = ickeval(kand("vc-hammaro", "Hammarö", 2.0), kand("vc-b", "karlstad", 4.5), kand("vc-a", "Karlstad", 3.1),
                  enhet_id="vc-a")
    r = run(doc, "listning.ickeval")
    assert r.outcome is Outcome.passed
    assert r.values["assigned_unit"] == "vc-a" and r.values["ignored_other_municipality"] == 1


def test_ickeval_wrong_unit_and_assignment() -> None:
    doc = ickeval(kand("vc-b", "Karlstad", 4.5), kand("vc-a", "Karlstad", 3.1), enhet_id="vc-b")
    assert run(doc, "listning.ickeval").outcome is Outcome.fail
    r = run(ickeval(kand("vc-a", "Karlstad", 3.1)), "listning.ickeval")
    assert r.outcome is Outcome.passed and r.values["assigned_unit"] == "vc-a"


def test_ickeval_municipality_spellings() -> None:
    # "inom samma kommun": the region's spellings of its municipalities (Hammarö, Hammaro) are one.
    doc = ickeval(kand("vc-h", "Hammarö", 2.0), kand("vc-k", "Karlstad", 1.0), person={"kommun": "HAMMARO"})
    assert run(doc, "listning.ickeval").values["assigned_unit"] == "vc-h"
    # the usual official names with "kommun" are the same municipalities
    doc = ickeval(kand("vc-h", "Hammarö kommun", 2.0), kand("vc-k", "Karlstads kommun", 1.0),
                  person={"kommun": "Hammarö kommun"})
    assert run(doc, "listning.ickeval").values["assigned_unit"] == "vc-h"
    doc = ickeval(kand("vc-a", "Karlstad", 3.1), kand("vc-s", "Säffle kommun", 1.0), person={"kommun": "Karlstads kommun"})
    r = run(doc, "listning.ickeval")
    assert r.values["assigned_unit"] == "vc-a" and r.values["ignored_other_municipality"] == 1


def test_ickeval_unknown_municipality_only_when_it_matters() -> None:
    # A candidate farther by road than one known to be in the municipality cannot be the nearest.
    r = run(ickeval(kand("vc-a", "Karlstad", 3.1), kand("vc-x", None, 3.2)), "listning.ickeval")
    assert r.outcome is Outcome.passed and r.values["farther_unknown_municipality"] == ["vc-x"]
    # nearer, equally near (a possible tie) or of unknown distance: it could change the answer
    for km in (3.0, 3.1, None):
        r = run(ickeval(kand("vc-a", "Karlstad", 3.1), kand("vc-x", None, km)), "listning.ickeval")
        assert r.missing == ("$.kandidater[1].kommun",), km


def test_ickeval_tie_is_indeterminate() -> None:
    r = run(ickeval(kand("vc-b", "Karlstad", 3.1), kand("vc-a", "Karlstad", 3.1)), "listning.ickeval")
    assert r.outcome is Outcome.indeterminate and r.values["tied"] == ["vc-a", "vc-b"]


def test_ickeval_missing_inputs() -> None:
    assert run(ickeval(kand("vc-a", None, 3.0)), "listning.ickeval").missing == ("$.kandidater[0].kommun",)
    assert run(ickeval(kand("vc-a", "Karlstad", None)), "listning.ickeval").missing == ("$.kandidater[0].vagavstand_km",)
    assert run({"valtyp": "ickeval", "kandidater": []}, "listning.ickeval").missing == ("$.person.kommun",)
    assert run({"valtyp": "ickeval", "person": {"kommun": "Karlstad"}}, "listning.ickeval").missing == ("$.kandidater",)
    assert run(ickeval(kand("vc-x", "Hammarö", 1.0)), "listning.ickeval").outcome is Outcome.indeterminate
    assert run({"valtyp": "aktivt_val"}, "listning.ickeval").outcome is Outcome.not_applicable


# --- får ej neka, listningstak ----------------------------------------------------------------
# "Vårdgivaren har inte rätt att neka någon invånare att lista sig på vårdcentralen. Dock kan
# listningsutrymmet vara fullt … Ett listningstak gäller dock inte nyinflyttade, nyfödda inom det
# geografiska närområdet. Om listningstaket nåtts så placeras valet i en kö som utgår ifrån listningsdatum."

FULL = {"listningslage": {"tak": 100, "listade": 100}, "nyfodd": False, "nyinflyttad": False, "inom_naromradet": True,
        "ko": []}
ROOM = {**FULL, "listningslage": {"tak": 100, "listade": 99}}


def test_far_ej_neka_refusal_always_fails() -> None:
    for state in (ROOM, FULL):
        r = run({**state, "beslut": {"utfall": "avvisad"}}, "listning.far_ej_neka")
        assert r.outcome is Outcome.fail and r.values["unit_decision"] == "avvisad"
    assert run({**ROOM, "beslut": {"utfall": "accepterad"}}, "listning.far_ej_neka").outcome is Outcome.passed


def test_far_ej_neka_queue_only_at_the_cap_and_not_for_the_exempt() -> None:
    assert run({**FULL, "beslut": {"utfall": "ko"}}, "listning.far_ej_neka").outcome is Outcome.passed
    assert run({**ROOM, "beslut": {"utfall": "ko"}}, "listning.far_ej_neka").outcome is Outcome.fail
    newborn = {**FULL, "nyfodd": True, "beslut": {"utfall": "ko"}}
    assert run(newborn, "listning.far_ej_neka").outcome is Outcome.fail
    assert run({**newborn, "inom_naromradet": False}, "listning.far_ej_neka").outcome is Outcome.passed
    r = run({**newborn, "inom_naromradet": None}, "listning.far_ej_neka")
    assert r.missing == ("$.inom_naromradet",)


def test_far_ej_neka_missing() -> None:
    assert run(ROOM, "listning.far_ej_neka").missing == ("$.beslut",)
    assert run({"beslut": {"utfall": "ko"}}, "listning.far_ej_neka").missing == ("$.listningslage",)


def test_listningstak_cap_boundary() -> None:
    below = run(ROOM, "listning.listningstak")
    assert below.outcome is Outcome.passed
    doc = {**FULL, "datum": "2025-05-10", "ko": ["2025-05-12", "2025-05-10", "2025-04-30", "2025-05-11"]}
    r = run(doc, "listning.listningstak")
    # "Om listningstaket nåtts så placeras valet i en kö": the prescribed course, handed over (not a fail).
    assert r.outcome is Outcome.not_applicable and r.values["decision"] == "route" and r.values["route"] == "ko"
    assert r.values["queue_position"] == 3  # 2025-04-30 and the same-day 2025-05-10 come first


@pytest.mark.parametrize("exempt", [{"nyfodd": True}, {"nyinflyttad": True}, {"valtyp": "nyfodd"}])
def test_listningstak_exempt_within_the_naromrade(exempt: dict[str, Any]) -> None:
    doc = {**FULL, "listningslage": {"tak": 100, "listade": 120}, **exempt}
    assert run(doc, "listning.listningstak").outcome is Outcome.passed
    outside = run({**doc, "inom_naromradet": False}, "listning.listningstak")
    assert outside.outcome is Outcome.not_applicable and outside.values["route"] == "ko"
    unknown = run({**doc, "inom_naromradet": None}, "listning.listningstak")
    assert unknown.missing == ("$.inom_naromradet",)


def test_listningstak_applies_to_a_non_choice_assignment() -> None:
    # "Dock kan listningsutrymmet vara fullt … Ett listningstak gäller dock inte nyinflyttade, nyfödda
    # inom det geografiska närområdet. Om listningstaket nåtts så placeras valet i en kö": the room is
    # full for any listing, so an ickeval at the cap is queued; the exemption still applies to it.
    r = run({**FULL, "valtyp": "ickeval"}, "listning.listningstak")
    assert r.outcome is Outcome.not_applicable and r.values["route"] == "ko"
    assert run({**FULL, "valtyp": "ickeval", "nyinflyttad": True}, "listning.listningstak").outcome is Outcome.passed


def test_listningstak_missing_and_no_cap() -> None:
    assert run({"listningslage": {}}, "listning.listningstak").outcome is Outcome.not_applicable
    r = run({"listningslage": {"tak": 100, "listade": 100}, "inom_naromradet": True}, "listning.listningstak")
    assert r.missing == ("$.nyfodd", "$.nyinflyttad")
    r = run({**FULL, "ko": None}, "listning.listningstak")
    assert r.missing == ("$.ko",)


# --- vårdansvar vid byte ----------------------------------------------------------------------
# "Den tidigare vårdcentralen behåller vårdansvaret till dess att invånaren avregistrerats och
# överförts till den nya vårdcentralen."


def test_vardansvar_overgang_day_before_and_on_the_switch() -> None:
    doc = {"enhet_id": "vc-ny", "tidigare_enhet": "vc-gammal", "avregistrerad": "2025-06-02", "overford": "2025-06-02"}
    before = run(doc, "listning.vardansvar_overgang", date(2025, 6, 1))
    # "Den tidigare vårdcentralen behåller vårdansvaret till dess att …": handed over to it (not a fail).
    assert before.outcome is Outcome.not_applicable and before.values["route"] == "vc-gammal"
    on = run(doc, "listning.vardansvar_overgang", date(2025, 6, 2))
    assert on.outcome is Outcome.passed and on.values["responsible_unit"] == "vc-ny"
    later_transfer = run({**doc, "overford": "2025-06-04"}, "listning.vardansvar_overgang", date(2025, 6, 3))
    assert later_transfer.values["responsible_unit"] == "vc-gammal"


def test_vardansvar_overgang_absent_is_unknown_not_not_yet() -> None:
    # The audit's D8 input: no deregistration day is not "not yet deregistered".
    r = run({"enhet_id": "ny", "tidigare_enhet": "gammal"}, "listning.vardansvar_overgang")
    assert r.outcome is Outcome.indeterminate and r.missing == ("$.avregistrerad", "$.overford")
    assert run({"enhet_id": "vc-ny"}, "listning.vardansvar_overgang").outcome is Outcome.not_applicable


# --- cellprov ---------------------------------------------------------------------------------
# "… där kvinnor mellan 23 och 64 års ålder erbjuds regelbunden provtagning … Kallelser kan kan göras
# fram till 70 års ålder om inget prov gjorts vid 64 år."


def woman(born: str, **fields: Any) -> dict[str, Any]:
    return {"person": {"fodelsedatum": born, "kon": "kvinna"}, **fields}


@pytest.mark.parametrize(
    ("born", "outcome", "age"),
    [
        ("2002-06-02", Outcome.passed, 23),  # 23rd birthday on the as-of day
        ("2002-06-03", Outcome.not_applicable, 22),  # the day before
        ("1960-06-03", Outcome.passed, 64),  # last day at 64
    ],
)
def test_cellprov_age_range(born: str, outcome: Outcome, age: int) -> None:
    r = run(woman(born), "listning.cellprov")
    assert r.outcome is outcome and r.values["age"] == age


def test_cellprov_invitations_until_the_70th_birthday() -> None:
    # 66 on 2025-06-02; latest test 2018-01-10 at age 59 → no test at 64 → invited.
    r = run(woman("1959-01-01", senaste_cellprov="2018-01-10"), "listning.cellprov")
    assert r.outcome is Outcome.passed and r.values["age_at_latest_test"] == 59
    # test at 64 (2023-03-01, born 1959-01-01) → not invited at 66.
    assert run(woman("1959-01-01", senaste_cellprov="2023-03-01"), "listning.cellprov").outcome is Outcome.not_applicable
    # The audit's D6: "fram till 70 års ålder" ends on the 70th birthday.
    assert run(woman("1955-06-03", senaste_cellprov="2010-01-01"), "listning.cellprov").outcome is Outcome.passed
    assert run(woman("1955-06-02", senaste_cellprov="2010-01-01"), "listning.cellprov").outcome is Outcome.not_applicable
    assert run(woman("1954-06-03", senaste_cellprov="2015-06-01"), "listning.cellprov").outcome is Outcome.not_applicable
    assert run(woman("1959-01-01"), "listning.cellprov").missing == ("$.senaste_cellprov",)


def test_cellprov_men_and_missing() -> None:
    man = {"person": {"personnummer": "19121212-1212"}}
    assert run(man, "listning.cellprov").outcome is Outcome.not_applicable
    assert run({"person": {"kon": "kvinna"}}, "listning.cellprov").missing == ("$.person.fodelsedatum",)
    assert run({}, "listning.cellprov").missing == ("$.person",)


# --- fast vårdkontakt -------------------------------------------------------------------------


def test_fast_vardkontakt_livshotande() -> None:
    ok = {"livshotande_tillstand": True, "fast_vardkontakt": {"yrke": "lakare", "legitimerad": True}}
    assert run(ok, "vardenhet.fast_vardkontakt_livshotande").outcome is Outcome.passed
    nurse = {"livshotande_tillstand": True, "fast_vardkontakt": {"yrke": "sjukskoterska", "legitimerad": True}}
    assert run(nurse, "vardenhet.fast_vardkontakt_livshotande").outcome is Outcome.fail
    unlicensed = {"livshotande_tillstand": True, "fast_vardkontakt": {"yrke": "lakare", "legitimerad": False}}
    assert run(unlicensed, "vardenhet.fast_vardkontakt_livshotande").outcome is Outcome.fail
    assert run({"livshotande_tillstand": False}, "vardenhet.fast_vardkontakt_livshotande").outcome \
        is Outcome.not_applicable
    assert run({"livshotande_tillstand": True}, "vardenhet.fast_vardkontakt_livshotande").missing == (
        "$.fast_vardkontakt",
    )


# --- annexes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "number", "title"),
    [
        ("jour", "2:1", "Jourområden"),
        ("uppfoljning_och_sanktioner", "2:2", "Basmodell för uppföljning"),
        ("ersattning", "2:3", "Ersättning"),
        ("ansokan_och_avtal", "Del 1", "Allmänna och kommersiella villkor i Vårdval i Region Värmland"),
        ("bedriva_vardcentral", "Del 2", "Bedriva vårdcentral"),
        ("tillaggsuppdrag_bmm_bvc_familjecentral_umm", "Del 3",
         "Tilläggsuppdrag att bedriva BMM, BVC, familjecentral och ungdomsmottagning"),
        ("tillaggsuppdrag_akademiska_vardcentraler", "Del 4", "Tilläggsuppdrag akademiska vårdcentraler"),
    ],
)
def test_annexes(topic: str, number: str, title: str) -> None:
    from primarvard_sdk import annex

    ref = annex("varmland", "vardcentral", topic)
    assert ref.annex.number == number and ref.annex.title == title
    assert ref.citation is not None and ref.citation.quote.startswith("Vårdval vårdcentrals förfrågningsunderlag")


def test_annex_by_alias() -> None:
    from primarvard_sdk import annex

    assert annex("varmland", "vardcentral", "Bilaga 2:1").topic == "jour"
