"""varmland.vardcentral: listing rules (3.0 Regler för val av vårdcentral; cellprov; fast vårdkontakt).

Expected values are worked out by hand from 003_868a6012f1f57046.txt and SPEC.md's calendar policy.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from primarvard_sdk import evaluate, parse_document
from primarvard_sdk.model import Outcome, Result

AS_OF = date(2025, 6, 2)


def run(doc: dict[str, Any], rule: str, as_of: date = AS_OF) -> Result:
    parsed = parse_document(doc, "Listning")
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
    r = run({"valtyp": "aktivt_val", "kanal": "telefon", "blankett_undertecknad": True, "blankett_inkom": "2025-05-20"},
            "listning.aktivt_val")
    assert r.values["effective_from"] == date(2025, 5, 20)


def test_aktivt_val_not_an_active_choice() -> None:
    assert run({"valtyp": "ickeval"}, "listning.aktivt_val").outcome is Outcome.not_applicable
    assert run({}, "listning.aktivt_val").missing == ("$.valtyp",)


# --- blankett arkiv ---------------------------------------------------------------------------


def test_blankett_arkiv_two_years() -> None:
    doc = {"kanal": "blankett", "blankett_inkom": "2025-03-10"}
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
    assert run({"kanal": "telefon"}, "listning.blankett_arkiv").missing == ("$.blankett_inkom",)


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


def test_ickeval_wrong_unit_and_route() -> None:
    doc = ickeval(kand("vc-b", "Karlstad", 4.5), kand("vc-a", "Karlstad", 3.1), enhet_id="vc-b")
    assert run(doc, "listning.ickeval").outcome is Outcome.fail
    r = run(ickeval(kand("vc-a", "Karlstad", 3.1)), "listning.ickeval")
    assert r.outcome is Outcome.warning and r.values["route"] == "vc-a"


def test_ickeval_tie_is_indeterminate() -> None:
    r = run(ickeval(kand("vc-b", "Karlstad", 3.1), kand("vc-a", "Karlstad", 3.1)), "listning.ickeval")
    assert r.outcome is Outcome.indeterminate and r.values["tied"] == ["vc-a", "vc-b"]


def test_ickeval_missing_inputs() -> None:
    assert run(ickeval(kand("vc-a", None, 3.0)), "listning.ickeval").missing == ("$.kandidater[0].kommun",)
    assert run(ickeval(kand("vc-a", "Karlstad", None)), "listning.ickeval").missing == ("$.kandidater[0].vagavstand_km",)
    assert run({"valtyp": "ickeval", "kandidater": []}, "listning.ickeval").missing == ("$.person.kommun",)
    assert run(ickeval(kand("vc-x", "Hammarö", 1.0)), "listning.ickeval").outcome is Outcome.indeterminate
    assert run({"valtyp": "aktivt_val"}, "listning.ickeval").outcome is Outcome.not_applicable


# --- får ej neka, listningstak ----------------------------------------------------------------


def test_far_ej_neka() -> None:
    room = {"listningslage": {"tak": 8000, "listade": 7999}}
    r = run({**room, "beslut": {"utfall": "avvisad"}}, "listning.far_ej_neka")
    assert r.outcome is Outcome.fail and r.values["unit_decision"] == "avvisad"
    assert r.values["required_decision"] == "accept" and "decision" not in r.values
    assert run({**room, "beslut": {"utfall": "accepterad"}}, "listning.far_ej_neka").outcome is Outcome.passed
    assert run({"listningslage": {}}, "listning.far_ej_neka").outcome is Outcome.passed
    full = {"listningslage": {"tak": 8000, "listade": 8000}, "nyfodd": False, "nyinflyttad": False}
    assert run({**full, "beslut": {"utfall": "ko"}}, "listning.far_ej_neka").outcome is Outcome.not_applicable
    newborn = {**full, "nyfodd": True, "beslut": {"utfall": "ko"}}
    assert run(newborn, "listning.far_ej_neka").outcome is Outcome.fail
    assert run({"beslut": {"utfall": "avvisad"}}, "listning.far_ej_neka").missing == ("$.listningslage",)


def test_listningstak_cap_boundary() -> None:
    below = run({"listningslage": {"tak": 8000, "listade": 7999}}, "listning.listningstak")
    assert below.outcome is Outcome.passed
    doc = {"listningslage": {"tak": 8000, "listade": 8000}, "nyfodd": False, "nyinflyttad": False,
           "datum": "2025-05-10", "ko": ["2025-05-12", "2025-05-10", "2025-04-30", "2025-05-11"]}
    r = run(doc, "listning.listningstak")
    assert r.outcome is Outcome.warning and r.values["route"] == "ko"
    assert r.values["queue_position"] == 3  # 2025-04-30 and the same-day 2025-05-10 come first


@pytest.mark.parametrize("exempt", [{"nyfodd": True}, {"nyinflyttad": True}, {"valtyp": "nyfodd"}])
def test_listningstak_exempt(exempt: dict[str, Any]) -> None:
    doc = {"listningslage": {"tak": 100, "listade": 120}, "datum": "2025-05-10", **exempt}
    assert run(doc, "listning.listningstak").outcome is Outcome.passed


def test_listningstak_missing_and_no_cap() -> None:
    assert run({"listningslage": {}}, "listning.listningstak").outcome is Outcome.not_applicable
    r = run({"listningslage": {"tak": 100, "listade": 100}}, "listning.listningstak")
    assert r.missing == ("$.nyfodd", "$.nyinflyttad")
    r = run({"listningslage": {"tak": 100, "listade": 100}, "nyfodd": False, "nyinflyttad": False},
            "listning.listningstak")
    assert r.missing == ("$.datum",)


# --- vårdansvar vid byte ----------------------------------------------------------------------


def test_vardansvar_overgang_day_before_and_on_deregistration() -> None:
    doc = {"enhet_id": "vc-ny", "tidigare_enhet": "vc-gammal", "avregistrerad": "2025-06-02"}
    before = run(doc, "listning.vardansvar_overgang", date(2025, 6, 1))
    assert before.outcome is Outcome.warning and before.values["responsible_unit"] == "vc-gammal"
    on = run(doc, "listning.vardansvar_overgang", date(2025, 6, 2))
    assert on.outcome is Outcome.passed and on.values["responsible_unit"] == "vc-ny"
    pending = run({"enhet_id": "vc-ny", "tidigare_enhet": "vc-gammal"}, "listning.vardansvar_overgang")
    assert pending.values["responsible_unit"] == "vc-gammal"
    assert run({"enhet_id": "vc-ny"}, "listning.vardansvar_overgang").outcome is Outcome.not_applicable


# --- cellprov ---------------------------------------------------------------------------------


def woman(born: str, **fields: Any) -> dict[str, Any]:
    return {"person": {"fodelsedatum": born, "kon": "kvinna"}, **fields}


@pytest.mark.parametrize(
    ("born", "outcome", "age"),
    [
        ("2002-06-02", Outcome.passed, 23),  # 23rd birthday on the as-of day
        ("2002-06-03", Outcome.fail, 22),  # the day before
        ("1960-06-03", Outcome.passed, 64),  # last day at 64
    ],
)
def test_cellprov_age_range(born: str, outcome: Outcome, age: int) -> None:
    r = run(woman(born), "listning.cellprov")
    assert r.outcome is outcome and r.values["age"] == age


def test_cellprov_extended_to_70() -> None:
    # 66 on 2025-06-02; latest test 2018-01-10 at age 59 → no test at 64 → invited.
    r = run(woman("1959-01-01", senaste_cellprov="2018-01-10"), "listning.cellprov")
    assert r.outcome is Outcome.passed and r.values["age_at_latest_test"] == 59
    # test at 64 (2023-03-01, born 1959-01-01) → not invited at 66.
    r = run(woman("1959-01-01", senaste_cellprov="2023-03-01"), "listning.cellprov")
    assert r.outcome is Outcome.fail
    # 70 on the as-of day: still within; 71: outside.
    assert run(woman("1955-06-02", senaste_cellprov="2010-01-01"), "listning.cellprov").outcome is Outcome.passed
    assert run(woman("1954-06-02", senaste_cellprov="2010-01-01"), "listning.cellprov").outcome is Outcome.fail
    assert run(woman("1959-01-01"), "listning.cellprov").missing == ("$.senaste_cellprov",)


def test_cellprov_men_and_missing() -> None:
    man = {"person": {"personnummer": "19121212-1212"}}
    assert run(man, "listning.cellprov").outcome is Outcome.fail
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
