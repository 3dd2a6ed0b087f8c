"""varmland.vardcentral: staffing and competence requirements of a vårdcentral (Vardenhet)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Funktion,
    Medarbetare,
    Specialitet,
    Uppdrag,
    Utbildningsomrade,
    Vardenhet,
    Yrke,
)
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import (
    Verdict,
    code,
    codes,
    exact,
    in_service,
    rules,
    staff_in,
    training_completed,
)

Staff = Sequence[tuple[int, Medarbetare]]


def _judge_each(
    staff: Staff,
    check: Callable[[int, Medarbetare], Verdict],
    *,
    sv: str,
    en: str,
    unknown: Sequence[str] = (),
) -> Finding:
    """Every listed member must meet the check; ``sv``/``en`` name the requirement. ``unknown``: paths
    of staff who may belong to the group (their work areas are not reported)."""
    failing: list[str] = []
    missing: list[str] = list(unknown)
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
    verdicts: Sequence[tuple[str, Verdict]],
    minimum: int,
    *,
    sv: str,
    en: str,
) -> Finding:
    """At least ``minimum`` members meet the check."""
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


def _specialties(index: int, member: Medarbetare) -> set[str] | list[str]:
    """The member's specialty codes, or the missing path when they are not reported."""
    if member.specialiteter is None:
        return [f"$.personal[{index}].specialiteter"]
    return set(codes(member.specialiteter))


def _physicians(unit: Vardenhet, uppdrag: Uppdrag, day: date) -> tuple[Staff, list[str]]:
    """Physicians in service on ``day`` serving in ``uppdrag``, and the paths that leave open whether
    someone is one (work areas or profession not reported)."""
    serving, unknown = staff_in(unit, uppdrag, day)
    unknown += [f"$.personal[{i}].yrke" for i, m in serving if m.yrke is None]
    return [(i, m) for i, m in serving if m.yrke is Yrke.lakare], unknown


def _no_staff(unit: Vardenhet) -> Finding | None:
    if unit.personal is None:
        return indeterminate("$.personal")
    return None


@rules.implement("varmland.vardcentral.vardenhet.specialist_allmanmedicin")
def specialist_allmanmedicin(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    minimum = int(ctx.param("min_count"))
    verdicts: list[tuple[str, Verdict]] = []
    for i, m in in_service(unit, ctx.day):
        if m.yrke is not None and m.yrke is not Yrke.lakare:
            continue
        # Specialist competence presupposes the licence; a 0 % service level does not staff the unit.
        if m.legitimerad is False or m.tjanstgoringsgrad == 0:
            continue
        open_paths = [f"$.personal[{i}].yrke"] if m.yrke is None else []
        held = _specialties(i, m)
        if isinstance(held, list):
            open_paths += held
        elif Specialitet.allmanmedicin.value not in held:
            continue
        if m.tjanstgoringsgrad is None:
            open_paths.append(f"$.personal[{i}].tjanstgoringsgrad")
        verdicts.append((m.id, open_paths or True))
    return _at_least(
        verdicts,
        minimum,
        sv="specialist(er) i allmänmedicin i tjänst (tjänstgöringsgrad över 0)",
        en="specialist(s) in general practice in service (service level above 0)",
    )


@rules.implement("varmland.vardcentral.vardenhet.jour_kompetens")
def jour_kompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    others = {str(c) for c in ctx.param("other_physician_specialties")}
    physicians, unknown = _physicians(unit, Uppdrag.jour, ctx.day)
    if not physicians and not unknown:
        return not_applicable(
            "Ingen läkare i jourcentral eller beredskap är angiven (kompetenskravet gäller läkare under jourtid).",
            "No physician on the jourcentral or on call is declared (the requirement is for physicians on duty).",
        )

    def check(i: int, m: Medarbetare) -> Verdict:
        # Every alternative (specialist, ST-läkare, läkare med annan specialitet) presupposes the licence.
        if m.legitimerad is False:
            return False
        # Three alternatives joined by "eller": any one suffices.
        open_paths: list[str] = []
        held = _specialties(i, m)
        if isinstance(held, list):
            open_paths += held
        elif Specialitet.allmanmedicin.value in held:
            return True
        if m.st_specialitet is Specialitet.allmanmedicin:
            if m.godkand_av_handledare is True:
                return True
            if m.godkand_av_handledare is None:
                open_paths.append(f"$.personal[{i}].godkand_av_handledare")
        if isinstance(held, list) or held & others:
            if m.godkand_av_ako is True and not isinstance(held, list):
                return True
            if m.godkand_av_ako is None:
                open_paths.append(f"$.personal[{i}].godkand_av_ako")
        return open_paths or False

    return _judge_each(
        physicians,
        check,
        sv="specialist i allmänmedicin, ST-läkare i allmänmedicin som handledaren godkänner, "
        "eller läkare med annan specialitet som AKO-funktionen i allmänmedicin godkänner",
        en="specialist in general practice, ST physician in general practice approved by the "
        "supervisor, or physician of another specialty approved by the AKO function in general practice",
        unknown=unknown,
    )


def _nurse(i: int, m: Medarbetare, nurses: frozenset[Yrke]) -> Verdict:
    """Whether the member is a nurse (a profession in ``nurses``) not recorded as unlicensed, or the
    path of an unreported profession."""
    if m.yrke is None:
        return [f"$.personal[{i}].yrke"]
    return m.yrke in nurses and m.legitimerad is not False


@rules.implement("varmland.vardcentral.vardenhet.distriktsskoterska")
def distriktsskoterska(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    nurses = frozenset(Yrke(c) for c in ctx.param("nurse_professions"))
    staff, unknown = staff_in(unit, Uppdrag.distriktsskoterskeuppgifter, ctx.day)
    if not staff and not unknown:
        return not_applicable(
            "Ingen medarbetare är angiven för distriktssköterskeuppgifter.",
            "No staff member is declared for district-nurse tasks.",
        )

    def check(i: int, m: Medarbetare) -> Verdict:
        nurse = _nurse(i, m, nurses)
        if nurse is False:
            return False
        held = _specialties(i, m)
        if isinstance(held, list):
            return (nurse if isinstance(nurse, list) else []) + held
        if Specialitet.distriktsskoterska.value not in held:
            return False
        return nurse

    return _judge_each(
        staff,
        check,
        sv="sjuksköterska som är specialistutbildad distriktssköterska",
        en="a nurse who is a specialist-trained district nurse",
        unknown=unknown,
    )


def _credits(i: int, m: Medarbetare, area: str, minimum: Fraction, day: date, nurses: frozenset[Yrke]) -> Verdict:
    """A licensed nurse whose completed trainings in ``area`` add up to at least ``minimum`` credits."""
    if m.yrke is None:
        return [f"$.personal[{i}].yrke"]
    if m.yrke not in nurses or m.legitimerad is False:
        return False
    if m.utbildningar is None:
        return [f"$.personal[{i}].utbildningar"]
    total = Fraction(0)
    open_paths: list[str] = []
    for j, u in enumerate(m.utbildningar):
        if code(u.omrade) != area:
            continue
        if u.avslutad is not None and u.avslutad > day:
            continue
        if u.hogskolepoang is None:
            open_paths.append(f"$.personal[{i}].utbildningar[{j}].hogskolepoang")
        elif u.avslutad is None:
            open_paths.append(f"$.personal[{i}].utbildningar[{j}].avslutad")
        else:
            total += exact(u.hogskolepoang)
    if total >= minimum:
        return True if m.legitimerad is True else [f"$.personal[{i}].legitimerad"]
    return open_paths or False


@rules.implement("varmland.vardcentral.vardenhet.diabetes_astma_kol")
def diabetes_astma_kol(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    minimum = exact(ctx.param("min_credits"))
    areas = [str(a) for a in ctx.param("areas")]
    nurses = frozenset(Yrke(c) for c in ctx.param("nurse_professions"))
    lacking: list[str] = []
    missing: list[str] = []
    qualified: dict[str, list[str]] = {}
    for area in areas:
        staff, unknown = staff_in(unit, Uppdrag(area), ctx.day)
        verdicts = [(m.id, _credits(i, m, area, minimum, ctx.day, nurses)) for i, m in staff]
        qualified[area] = sorted(mid for mid, v in verdicts if v is True)
        if not qualified[area]:
            open_paths = unknown + [p for _, v in verdicts if isinstance(v, list) for p in v]
            if open_paths:
                missing.extend(open_paths)
            else:
                lacking.append(area)
    shown = f"{float(minimum):g}"
    if lacking:
        names = ", ".join(lacking)
        return failed(
            f"Ingen legitimerad sjuksköterska med avslutad specialisering om minst {shown} hp inom vårdområdet: {names}.",
            f"No licensed nurse with a completed specialisation of at least {shown} credits in the area: {names}.",
            lacking=lacking,
            qualified=qualified,
        )
    if missing:
        return indeterminate(*dict.fromkeys(missing), qualified=qualified)
    listing = "; ".join(f"{a} {', '.join(qualified[a])}" for a in areas)
    return passed(
        f"Sjuksköterskor med minst {shown} hp inom vårdområdet: {listing}.",
        f"Nurses with at least {shown} credits in the area: {listing}.",
        qualified=qualified,
    )


@rules.implement("varmland.vardcentral.vardenhet.psykisk_ohalsa_kompetens")
def psykisk_ohalsa_kompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    applies_from = date.fromisoformat(str(ctx.param("applies_from")))
    serving, unknown_area = staff_in(unit, Uppdrag.psykisk_ohalsa, ctx.day)
    if not serving and not unknown_area:
        return not_applicable(
            "Ingen medarbetare är angiven för åtagandet om psykisk ohälsa.",
            "No staff member is declared for the mental-health assignment.",
        )

    def qualifies(i: int, m: Medarbetare) -> Verdict:
        if m.yrke is Yrke.psykolog:
            return True
        if m.yrke is Yrke.psykoterapeut and m.legitimerad is True:
            return True
        if m.yrke is None:
            return [f"$.personal[{i}].yrke"]
        done, open_paths = training_completed(m, i, Utbildningsomrade.psykoterapi_steg1, ctx.day)
        steg1: Verdict = True if done else (open_paths or False)
        if m.yrke is Yrke.psykoterapeut and m.legitimerad is None:
            return [f"$.personal[{i}].legitimerad"] + (steg1 if isinstance(steg1, list) else [])
        if steg1 is False:
            return False
        if m.yrke in (Yrke.socionom, Yrke.kurator) or m.legitimerad is True:
            return steg1
        if m.legitimerad is None:
            return [f"$.personal[{i}].legitimerad"] + (steg1 if isinstance(steg1, list) else [])
        return False

    failing: list[str] = []
    missing: list[str] = list(unknown_area)
    exempt: list[str] = []
    for i, m in serving:
        verdict = qualifies(i, m)
        if verdict is True:
            continue
        if m.anstallning_start is None:
            missing.append(f"$.personal[{i}].anstallning_start")
            if isinstance(verdict, list):
                missing.extend(verdict)
        elif m.anstallning_start < applies_from:
            exempt.append(m.id)
        elif verdict is False:
            failing.append(m.id)
        else:
            missing.extend(verdict)
    exempt.sort()
    note_sv = f" Kravet gäller nyanställda från {applies_from.isoformat()} (årsskiftet 2010/2011)"
    note_en = f" The requirement applies to staff employed from {applies_from.isoformat()} (turn of the year 2010/2011)"
    if exempt:
        note_sv += f"; anställda tidigare: {', '.join(exempt)}"
        note_en += f"; employed earlier: {', '.join(exempt)}"
    need_sv = ("psykolog, legitimerad psykoterapeut, eller socionom/annan legitimerad med kompetens motsvarande "
               "grundutbildning i psykoterapi (steg 1)")
    need_en = ("psychologist, licensed psychotherapist, or social worker/other licensed professional with competence "
               "equal to basic psychotherapy training (steg 1)")
    checked = sorted(m.id for _, m in serving)
    if failing:
        return failed(
            f"Uppfyller inte kravet ({need_sv}): {', '.join(sorted(failing))}.{note_sv}.",
            f"Does not meet the requirement ({need_en}): {', '.join(sorted(failing))}.{note_en}.",
            failing=sorted(failing), checked=checked, exempt=exempt,
        )
    if missing:
        return indeterminate(*dict.fromkeys(missing), checked=checked, exempt=exempt)
    if len(exempt) == len(serving):
        return not_applicable(f"Ingen berörd medarbetare.{note_sv}.", f"No staff member concerned.{note_en}.",
                              exempt=exempt, checked=checked)
    return passed(
        f"Alla berörda medarbetare uppfyller kravet ({need_sv}).{note_sv}.",
        f"All staff concerned meet the requirement ({need_en}).{note_en}.",
        checked=checked, exempt=exempt,
    )


@rules.implement("varmland.vardcentral.vardenhet.lagsta_omvardnadskompetens")
def lagsta_omvardnadskompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    below = {str(c) for c in ctx.param("below_minimum")}
    staff = in_service(unit, ctx.day)
    if not staff:
        return not_applicable("Ingen personal i tjänst är angiven.", "No staff in service is declared.")
    return _judge_each(
        staff,
        lambda i, m: [f"$.personal[{i}].yrke"] if m.yrke is None else code(m.yrke) not in below,
        sv="lägsta omvårdnadskompetens är undersköterska",
        en="the lowest nursing competence is assistant nurse",
    )


@rules.implement("varmland.vardcentral.vardenhet.samordnande_sjukskoterska")
def samordnande_sjukskoterska(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    minimum = int(ctx.param("min_count"))
    verdicts: list[tuple[str, Verdict]] = []
    for i, m in in_service(unit, ctx.day):
        if m.funktioner is None:
            verdicts.append((m.id, [f"$.personal[{i}].funktioner"]))
            continue
        if Funktion.samordnande_sjukskoterska not in m.funktioner:
            continue
        if m.yrke is not None and m.yrke is not Yrke.sjukskoterska:
            continue
        if m.namn is not None and not m.namn.strip():
            continue  # a blank name is no name: "namngivna medarbetare"
        open_paths = [f"$.personal[{i}].{f}" for f in ("yrke", "namn") if getattr(m, f) is None]
        verdicts.append((m.id, open_paths or True))
    return _at_least(
        verdicts,
        minimum,
        sv="namngiven/namngivna sjuksköterska/sjuksköterskor i funktionen samordnande sjuksköterska",
        en="named nurse(s) in the function samordnande sjuksköterska",
    )


@rules.implement("varmland.vardcentral.vardenhet.bmm_lakarkompetens")
def bmm_lakarkompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if (early := _no_staff(unit)) is not None:
        return early
    specialties = {str(c) for c in ctx.param("specialties")}
    physicians, unknown = _physicians(unit, Uppdrag.bmm, ctx.day)
    if not physicians and not unknown:
        return not_applicable("Ingen läkare är angiven för BMM.", "No physician is declared for BMM.")

    def check(i: int, m: Medarbetare) -> Verdict:
        # Specialist competence and specialist training (ST) both presuppose the licence.
        if m.legitimerad is False:
            return False
        held = _specialties(i, m)
        if not isinstance(held, list) and held & specialties:
            return True
        open_paths = held if isinstance(held, list) else []
        st = code(m.st_specialitet)
        if st not in specialties:
            return open_paths or False
        if m.handledning is None:
            return [*open_paths, f"$.personal[{i}].handledning"]
        if not m.handledning:
            return open_paths or False
        if m.st_specialitet is Specialitet.allmanmedicin:
            done, missing = training_completed(m, i, Utbildningsomrade.sidotjanstgoring_kvinnosjukvard, ctx.day)
            return True if done else ((open_paths + missing) or False)
        return True

    return _judge_each(
        physicians,
        check,
        sv="specialist i allmänmedicin, obstetrik eller gynekologi, eller ST-läkare där under handledning "
        "(ST i allmänmedicin efter sidotjänstgöring på kvinnosjukvården)",
        en="specialist in general practice, obstetrics or gynaecology, or an ST physician in one of them under "
        "supervision (ST in general practice after side service in women's care)",
        unknown=unknown,
    )

