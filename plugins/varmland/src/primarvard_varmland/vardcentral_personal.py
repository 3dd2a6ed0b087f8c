"""varmland.vardcentral: staffing and competence requirements of a vårdcentral (Vardenhet)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Funktion, Medarbetare, Specialitet, Uppdrag, Vardenhet, Yrke
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import exact, rules, staff_in, training_completed

#: A staff check: True (meets it), False (does not), or the JSON paths whose absence leaves it open.
Verdict = bool | list[str]
Staff = Sequence[tuple[int, Medarbetare]]


def _judge_each(
    staff: Staff,
    check: Callable[[int, Medarbetare], Verdict],
    *,
    sv: str,
    en: str,
) -> Finding:
    """Every listed member must meet the check; ``sv``/``en`` name the requirement."""
    failing: list[str] = []
    missing: list[str] = []
    for index, member in staff:
        verdict = check(index, member)
        if verdict is False:
            failing.append(member.id)
        elif isinstance(verdict, list):
            missing.extend(verdict)
    checked = sorted(m.id for _, m in staff)
    if failing:
        ids = ", ".join(sorted(failing))
        return failed(
            f"Uppfyller inte kravet ({sv}): {ids}.",
            f"Does not meet the requirement ({en}): {ids}.",
            failing=sorted(failing),
            checked=checked,
        )
    if missing:
        return indeterminate(*missing, checked=checked)
    return passed(
        f"Alla {len(staff)} berörda medarbetare uppfyller kravet ({sv}).",
        f"All {len(staff)} staff concerned meet the requirement ({en}).",
        checked=checked,
    )


def _at_least(
    staff: Staff,
    check: Callable[[int, Medarbetare], Verdict],
    minimum: int,
    *,
    sv: str,
    en: str,
) -> Finding:
    """At least ``minimum`` members meet the check."""
    verdicts = [(m.id, check(i, m)) for i, m in staff]
    meeting = sorted(mid for mid, v in verdicts if v is True)
    unknown = [p for _, v in verdicts if isinstance(v, list) for p in v]
    if len(meeting) >= minimum:
        return passed(
            f"{len(meeting)} {sv} (minst {minimum} krävs): {', '.join(meeting)}.",
            f"{len(meeting)} {en} (at least {minimum} required): {', '.join(meeting)}.",
            required=minimum,
            declared=len(meeting),
            staff=meeting,
        )
    if unknown:
        return indeterminate(*unknown, required=minimum, declared=len(meeting))
    return failed(
        f"{len(meeting)} {sv}; minst {minimum} krävs.",
        f"{len(meeting)} {en}; at least {minimum} required.",
        required=minimum,
        declared=len(meeting),
        staff=meeting,
    )


def _profession(index: int, member: Medarbetare, *wanted: Yrke) -> Verdict:
    if member.yrke is None:
        return [f"$.personal[{index}].yrke"]
    return member.yrke in wanted


def _physicians(unit: Vardenhet, uppdrag: Uppdrag) -> tuple[Staff, list[str]]:
    """Physicians serving in ``uppdrag``, and the paths of serving staff whose profession is unknown."""
    serving = staff_in(unit, uppdrag)
    unknown = [f"$.personal[{i}].yrke" for i, m in serving if m.yrke is None]
    return [(i, m) for i, m in serving if m.yrke is Yrke.lakare], unknown


@rules.implement("varmland.vardcentral.vardenhet.specialist_allmanmedicin")
def specialist_allmanmedicin(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    minimum = int(ctx.param("min_count"))
    with_specialty = [(i, m) for i, m in enumerate(unit.personal) if Specialitet.allmanmedicin in m.specialiteter]
    return _at_least(
        with_specialty,
        lambda i, m: _profession(i, m, Yrke.lakare),
        minimum,
        sv="specialist(er) i allmänmedicin",
        en="specialist(s) in general practice",
    )


@rules.implement("varmland.vardcentral.vardenhet.jour_kompetens")
def jour_kompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    physicians, unknown = _physicians(unit, Uppdrag.jour)
    if not physicians and not unknown:
        return not_applicable(
            "Inga läkare i jour eller beredskap är angivna.",
            "No physicians on the jourcentral or on call are declared.",
        )

    def check(i: int, m: Medarbetare) -> Verdict:
        if Specialitet.allmanmedicin in m.specialiteter:
            return True
        if m.st_specialitet is Specialitet.allmanmedicin:
            return [f"$.personal[{i}].godkand_av_handledare"] if m.godkand_av_handledare is None else m.godkand_av_handledare
        if m.specialiteter:
            return [f"$.personal[{i}].godkand_av_ako"] if m.godkand_av_ako is None else m.godkand_av_ako
        return False

    found = _judge_each(
        physicians,
        check,
        sv="specialist i allmänmedicin, ST-läkare i allmänmedicin godkänd av handledaren, "
        "eller läkare med annan specialitet godkänd av AKO-funktionen",
        en="specialist in general practice, ST physician in general practice approved by the "
        "supervisor, or physician of another specialty approved by the AKO function",
    )
    if unknown and found.outcome.value != "fail":
        return indeterminate(*unknown, *found.missing)
    return found


@rules.implement("varmland.vardcentral.vardenhet.distriktsskoterska")
def distriktsskoterska(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    staff = staff_in(unit, Uppdrag.distriktsskoterskeuppgifter)
    if not staff:
        return not_applicable(
            "Ingen medarbetare är angiven för distriktssköterskeuppgifter.",
            "No staff member is declared for district-nurse tasks.",
        )
    return _judge_each(
        staff,
        lambda i, m: Specialitet.distriktsskoterska in m.specialiteter,
        sv="specialistutbildad distriktssköterska",
        en="specialist-trained district nurse",
    )


def _credits(i: int, m: Medarbetare, area: str, minimum: Fraction, as_of: date) -> Verdict:
    """A nurse with a completed training in ``area`` of at least ``minimum`` credits."""
    if m.yrke is None:
        return [f"$.personal[{i}].yrke"]
    if m.yrke is not Yrke.sjukskoterska:
        return False
    missing: list[str] = []
    for j, u in enumerate(m.utbildningar):
        if u.omrade.value != area:
            continue
        if u.hogskolepoang is None:
            missing.append(f"$.personal[{i}].utbildningar[{j}].hogskolepoang")
        elif exact(u.hogskolepoang) >= minimum:
            if u.avslutad is None:
                missing.append(f"$.personal[{i}].utbildningar[{j}].avslutad")
            elif u.avslutad <= as_of:
                return True
    return missing or False


@rules.implement("varmland.vardcentral.vardenhet.diabetes_astma_kol")
def diabetes_astma_kol(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    minimum = exact(ctx.param("min_credits"))
    lacking: list[str] = []
    missing: list[str] = []
    qualified: dict[str, list[str]] = {}
    for area in ("diabetes", "astma_kol"):
        staff = staff_in(unit, Uppdrag(area))
        verdicts = [(m.id, _credits(i, m, area, minimum, ctx.as_of)) for i, m in staff]
        qualified[area] = sorted(mid for mid, v in verdicts if v is True)
        if not qualified[area]:
            unknown = [p for _, v in verdicts if isinstance(v, list) for p in v]
            if unknown:
                missing.extend(unknown)
            else:
                lacking.append(area)
    if lacking:
        names = ", ".join(lacking)
        return failed(
            f"Ingen sjuksköterska med avslutad specialisering om minst {minimum} hp inom: {names}.",
            f"No nurse with a completed specialisation of at least {minimum} credits in: {names}.",
            lacking=lacking,
            qualified=qualified,
        )
    if missing:
        return indeterminate(*missing, qualified=qualified)
    return passed(
        f"Sjuksköterskor med minst {minimum} hp: diabetes {', '.join(qualified['diabetes'])}; "
        f"astma-KOL {', '.join(qualified['astma_kol'])}.",
        f"Nurses with at least {minimum} credits: diabetes {', '.join(qualified['diabetes'])}; "
        f"asthma/COPD {', '.join(qualified['astma_kol'])}.",
        qualified=qualified,
    )


@rules.implement("varmland.vardcentral.vardenhet.psykisk_ohalsa_kompetens")
def psykisk_ohalsa_kompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    applies_from = date.fromisoformat(str(ctx.param("applies_from")))
    serving = staff_in(unit, Uppdrag.psykisk_ohalsa)
    if not serving:
        return not_applicable(
            "Ingen medarbetare är angiven för åtagandet om psykisk ohälsa.",
            "No staff member is declared for the mental-health assignment.",
        )
    unknown_start = [f"$.personal[{i}].anstallning_start" for i, m in serving if m.anstallning_start is None]
    concerned = [(i, m) for i, m in serving if m.anstallning_start is not None and m.anstallning_start >= applies_from]
    exempt = sorted(m.id for i, m in serving if m.anstallning_start is not None and m.anstallning_start < applies_from)

    def check(i: int, m: Medarbetare) -> Verdict:
        if m.yrke is Yrke.psykolog:
            return True
        if m.yrke is Yrke.psykoterapeut and m.legitimerad is not None:
            return m.legitimerad or _steg1(i, m, ctx.as_of)
        if m.yrke is None:
            return [f"$.personal[{i}].yrke"]
        if m.yrke in (Yrke.socionom, Yrke.kurator) or m.legitimerad:
            return _steg1(i, m, ctx.as_of)
        if m.legitimerad is None:
            return [f"$.personal[{i}].legitimerad"]
        return False

    note_sv = f" Kravet gäller anställda från {applies_from.isoformat()} (årsskiftet 2010/2011)"
    note_en = f" The requirement applies to staff employed from {applies_from.isoformat()} (turn of the year 2010/2011)"
    if exempt:
        note_sv += f"; anställda tidigare: {', '.join(exempt)}"
        note_en += f"; employed earlier: {', '.join(exempt)}"
    if not concerned:
        if unknown_start:
            return indeterminate(*unknown_start)
        return not_applicable(f"Ingen berörd medarbetare.{note_sv}.", f"No staff member concerned.{note_en}.", exempt=exempt)
    found = _judge_each(
        concerned,
        check,
        sv="psykolog, legitimerad psykoterapeut, eller socionom/legitimerad med grundläggande psykoterapiutbildning (steg 1)",
        en="psychologist, licensed psychotherapist, or social worker/licensed professional with basic psychotherapy training (steg 1)",
    )
    if found.outcome.value == "fail":
        return failed(found.explanation.sv + note_sv + ".", found.explanation.en + note_en + ".", **found.values, exempt=exempt)
    if unknown_start or found.missing:
        return indeterminate(*unknown_start, *found.missing)
    return passed(found.explanation.sv + note_sv + ".", found.explanation.en + note_en + ".", **found.values, exempt=exempt)


def _steg1(i: int, m: Medarbetare, as_of: date) -> Verdict:
    done, missing = training_completed(m, i, ("psykoterapi_steg1", "psykoterapi_steg2"), as_of)
    return True if done else (missing or False)


@rules.implement("varmland.vardcentral.vardenhet.lagsta_omvardnadskompetens")
def lagsta_omvardnadskompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    below = {Yrke(code) for code in ctx.param("below_minimum")}
    staff = list(enumerate(unit.personal))
    if not staff:
        return indeterminate("$.personal[0]", sv="Ingen personal är angiven.", en="No staff is declared.")
    return _judge_each(
        staff,
        lambda i, m: [f"$.personal[{i}].yrke"] if m.yrke is None else m.yrke not in below,
        sv="lägsta omvårdnadskompetens är undersköterska",
        en="the lowest nursing competence is assistant nurse",
    )


@rules.implement("varmland.vardcentral.vardenhet.samordnande_sjukskoterska")
def samordnande_sjukskoterska(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    minimum = int(ctx.param("min_count"))
    holders = [(i, m) for i, m in enumerate(unit.personal) if Funktion.samordnande_sjukskoterska in m.funktioner]
    return _at_least(
        holders,
        lambda i, m: [f"$.personal[{i}].namn"] if m.namn is None else True,
        minimum,
        sv="namngiven/namngivna medarbetare i funktionen samordnande sjuksköterska",
        en="named staff member(s) in the function samordnande sjuksköterska",
    )


@rules.implement("varmland.vardcentral.vardenhet.bmm_lakarkompetens")
def bmm_lakarkompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    specialties = {Specialitet(code) for code in ctx.param("specialties")}
    physicians, unknown = _physicians(unit, Uppdrag.bmm)
    if not physicians and not unknown:
        return not_applicable("Ingen läkare är angiven för BMM.", "No physician is declared for BMM.")

    def check(i: int, m: Medarbetare) -> Verdict:
        if specialties & set(m.specialiteter):
            return True
        if m.st_specialitet not in specialties:
            return False
        if m.handledning is None:
            return [f"$.personal[{i}].handledning"]
        if not m.handledning:
            return False
        if m.st_specialitet is Specialitet.allmanmedicin:
            done, missing = training_completed(m, i, ("sidotjanstgoring_kvinnosjukvard",), ctx.as_of)
            return True if done else (missing or False)
        return True

    found = _judge_each(
        physicians,
        check,
        sv="specialist i allmänmedicin, obstetrik eller gynekologi, eller ST-läkare där under handledning "
        "(ST i allmänmedicin efter sidotjänstgöring på kvinnosjukvården)",
        en="specialist in general practice, obstetrics or gynaecology, or an ST physician in one of them under "
        "supervision (ST in general practice after side service in women's care)",
    )
    if unknown and found.outcome.value != "fail":
        return indeterminate(*unknown, *found.missing)
    return found
