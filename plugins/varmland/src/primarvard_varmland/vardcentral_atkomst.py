"""Availability, temporary closures and collaboration (varmland.vardcentral): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import attrs

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Beslutsstod,
    Bokningskanal,
    Hanvisning,
    Jourplaninnehall,
    Naromradesatagande,
    Samverkanstyp,
    Stangning,
    Stangningsorsak,
    Tillganglighet,
    Vardenhet,
    label,
    lookup,
)
from primarvard_sdk.editions import no_rulebook_in_force
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed, verdict, warning
from primarvard_sdk.items import edition_id, none_in_force, outside_note
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import DAY_SV, WEEKDAYS, parse_time, rules
from primarvard_varmland.vardcentral_tillganglighet import _closure_referral, _covers


@rules.implement("varmland.vardcentral.tillganglighet.hembesok_lakare_dagtid")
def hembesok_lakare_dagtid(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Physician cover for consultation and home visits on weekdays 08:00-17:00."""
    if doc.lakare_hembesok is None:
        return indeterminate("$.lakare_hembesok")
    opens, closes = parse_time(ctx.param("opens")), parse_time(ctx.param("closes"))
    window = f"{opens:%H:%M}–{closes:%H:%M}"
    gaps = [d for d in WEEKDAYS if not _covers(doc.lakare_hembesok, d, opens, closes)]
    if gaps:
        return failed(
            f"Läkartid för konsultation och hembesök täcker inte {window} på: {', '.join(DAY_SV[d] for d in gaps)}.",
            f"Physician time for consultation and home visits does not cover {window} on: {', '.join(gaps)}.",
            days_not_covered=gaps,
        )
    return passed(
        f"Läkartid för konsultation och hembesök finns {window} måndag–fredag.",
        f"Physician time for consultation and home visits is secured {window} Monday to Friday.",
        days_not_covered=[],
    )


@rules.implement("varmland.vardcentral.samverkan.avtal_lakarmedverkan_hemsjukvard")
def avtal_lakarmedverkan_hemsjukvard(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """An agreement with the municipality on physician participation in home care, in force."""
    if doc.samverkansavtal is None:
        return indeterminate("$.samverkansavtal")
    kind = Samverkanstyp(ctx.param("agreement_type"))
    day = ctx.day
    unknown: list[str] = []
    reversed_ends: list[str] = []
    parties: list[str] = []
    for i, a in enumerate(doc.samverkansavtal):
        if a.typ is None:
            unknown.append(f"$.samverkansavtal[{i}].typ")
        elif a.typ is kind and a.giltig_fran is not None and a.giltig_till is not None and a.giltig_till < a.giltig_fran:
            # a last day before the first cannot be right: whether it is in force is unknown
            reversed_ends.append(f"$.samverkansavtal[{i}].giltig_till")
            unknown.append(f"$.samverkansavtal[{i}].giltig_till")
        elif a.typ is kind:
            current = a.i_kraft(day)
            if current is None:
                unknown.append(f"$.samverkansavtal[{i}].giltig_fran")
            elif current:
                parties.append(a.part)
    if parties:
        return passed(
            f"Avtal om läkarmedverkan i hemsjukvården gäller ({', '.join(sorted(parties))}).",
            f"An agreement on physician participation in home care is in force ({', '.join(sorted(parties))}).",
            parties=sorted(parties),
        )
    if unknown:
        if reversed_ends:
            return indeterminate(*unknown, parties=[], inconsistent=reversed_ends,
                                 sv=f"Kan inte avgöras: {', '.join(reversed_ends)} ligger före avtalets första dag "
                                    f"(giltig_fran); uppgiften kan inte stämma (saknas: {', '.join(unknown)}).",
                                 en=f"Cannot be decided: {', '.join(reversed_ends)} is before the agreement's first day "
                                    f"(giltig_fran); the record cannot be right (missing: {', '.join(unknown)}).")
        return indeterminate(*unknown, parties=[])
    return failed(
        f"Inget avtal om läkarmedverkan i hemsjukvården med kommunen gäller {day.isoformat()}.",
        f"No agreement with the municipality on physician participation in home care is in force on {day.isoformat()}.",
        parties=[],
    )


@rules.implement("varmland.vardcentral.tillganglighet.jour_beredskapsplan")
def jour_beredskapsplan(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """A jour- och beredskapsplan stating what 1.2.12 lists (collaboration and another address
    only where there are any)."""
    plan = doc.jour_beredskapsplan
    if plan is None:
        return indeterminate("$.jour_beredskapsplan")
    if plan.finns is False:
        return failed("Det finns ingen jour- och beredskapsplan.", "There is no jour- och beredskapsplan.")
    conditional = {Jourplaninnehall(c): flag for c, flag in ctx.param("required_when_applicable").items()}
    required: list[Jourplaninnehall] = []
    missing: list[str] = []
    if plan.finns is None:
        missing.append("$.jour_beredskapsplan.finns")
    for element in (Jourplaninnehall(c) for c in ctx.param("required_elements")):
        if element not in conditional:
            required.append(element)
            continue
        applies = getattr(plan, conditional[element])
        if applies is None:
            if plan.innehall is None or element not in plan.innehall:
                missing.append(f"$.jour_beredskapsplan.{conditional[element]}")
        elif applies:
            required.append(element)
    if plan.innehall is None:
        return indeterminate("$.jour_beredskapsplan.innehall", *missing)
    lacking = [e.value for e in required if e not in plan.innehall]
    values: dict[str, Any] = {"required": [e.value for e in required], "lacking": lacking}
    return verdict(
        [f"jour- och beredskapsplanen saknar: {', '.join(lacking)}"] if lacking else [],
        [f"the jour- och beredskapsplan lacks: {', '.join(lacking)}"] if lacking else [],
        missing,
        f"Jour- och beredskapsplanen redovisar {', '.join(values['required'])}.",
        f"The jour- och beredskapsplan states {', '.join(values['required'])}.",
        **values,
    )


@rules.implement("varmland.vardcentral.tillganglighet.jourcentral_bokning")
def jourcentral_bokning(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Visits to the jourcentral are booked through 1177: the 1177 advice service is the jourcentral's
    booking channel, and a visit booked another way (another channel beside it) fails."""
    if doc.jourcentral is None:
        return indeterminate("$.jourcentral")
    if doc.jourcentral.bokning is None:
        return indeterminate("$.jourcentral.bokning")
    channel = lookup(Bokningskanal, str(ctx.param("channel")))
    if channel is None:  # pragma: no cover - the data names a code of the list
        raise ValueError(f"not a booking channel: {ctx.param('channel')!r}")
    given = sorted({c.value for c in doc.jourcentral.bokning})
    others = [c for c in given if c != channel.value]
    values: dict[str, Any] = {"channels": given, "other_channels": others}
    problems_sv: list[str] = []
    problems_en: list[str] = []
    if channel not in doc.jourcentral.bokning:
        problems_sv.append("besök bokas inte via sjukvårdsrådgivningen 1177"
                           + (f" (kanaler: {', '.join(given)})" if given else " (ingen kanal redovisad)"))
        problems_en.append("visits are not booked through the 1177 advice service"
                           + (f" (channels: {', '.join(given)})" if given else " (no channel reported)"))
    if others:
        problems_sv.append(f"besök bokas också på annat sätt än via 1177: {', '.join(others)}")
        problems_en.append(f"visits are also booked another way than through 1177: {', '.join(others)}")
    if problems_sv:
        return failed(
            "Besök till jourcentralen bokas via sjukvårdsrådgivningen 1177; " + "; ".join(problems_sv) + ".",
            "Visits to the jourcentral are booked through the 1177 advice service; " + "; ".join(problems_en) + ".",
            **values,
        )
    return passed(
        "Besök till jourcentralen bokas via sjukvårdsrådgivningen 1177.",
        "Visits to the jourcentral are booked through the 1177 advice service.",
        **values,
    )


@rules.implement("varmland.vardcentral.samverkan.naromradesplan")
def naromradesplan(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """A joint närområdesplan sharing out the ten common commitments and stating how professions
    outside the vårdcentral take part in its medical assessment team."""
    plan = doc.naromradesplan
    if plan is None:
        return indeterminate("$.naromradesplan")
    if plan.finns is False:
        return failed("Det finns ingen gemensam närområdesplan.", "There is no joint närområdesplan.")
    commitments = [Naromradesatagande(c) for c in ctx.param("commitments")]
    problems_sv: list[str] = []
    problems_en: list[str] = []
    missing = [f"$.naromradesplan.{n}" for n, v in (("finns", plan.finns),
                                                    ("fordelade_ataganden", plan.fordelade_ataganden),
                                                    ("mbt_medverkan", plan.mbt_medverkan)) if v is None]
    lacking = [c.value for c in commitments if plan.fordelade_ataganden is not None
               and c not in plan.fordelade_ataganden]
    if lacking:
        problems_sv.append(f"ansvarsfördelningen framgår inte för: {', '.join(lacking)}")
        problems_en.append(f"the split of responsibility is not stated for: {', '.join(lacking)}")
    if plan.mbt_medverkan is False:
        problems_sv.append("det framgår inte hur yrkesgrupper utanför vårdcentralen medverkar i det medicinska "
                           "bedömningsteamet")
        problems_en.append("it is not stated how professions outside the vårdcentral take part in the medical "
                           "assessment team")
    return verdict(
        problems_sv, problems_en, missing,
        f"Närområdesplanen fördelar alla {len(commitments)} gemensamma åtaganden och visar medverkan i det "
        "medicinska bedömningsteamet.",
        f"The närområdesplan shares out all {len(commitments)} common commitments and shows the participation in "
        "the medical assessment team.",
        unallocated=lacking,
    )


@rules.implement("varmland.vardcentral.tillganglighet.tidbokning_kanaler")
def tidbokning_kanaler(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Appointments can be booked in several ways: at least ``min_channels`` distinct channels."""
    if doc.tidbokning is None:
        return indeterminate("$.tidbokning")
    least = int(ctx.param("min_channels"))
    given = sorted({c.value for c in doc.tidbokning})
    values: dict[str, Any] = {"channels": given, "count": len(given), "required": least}
    if len(given) < least:
        return failed(
            f"Tidbokning kan göras på {len(given)} sätt ({', '.join(given) or 'inget'}); minst {least} krävs.",
            f"Appointments can be booked in {len(given)} way(s) ({', '.join(given) or 'none'}); at least {least} are required.",
            **values,
        )
    return passed(
        f"Tidbokning kan göras på {len(given)} sätt: {', '.join(given)}.",
        f"Appointments can be booked in {len(given)} ways: {', '.join(given)}.",
        **values,
    )


@attrs.define
class _Judged:
    """What :func:`_closures` found."""

    closures: list[dict[str, Any]] = attrs.field(factory=list)
    outside: list[dict[str, Any]] = attrs.field(factory=list)
    missing: list[str] = attrs.field(factory=list)
    problems_sv: list[str] = attrs.field(factory=list)
    problems_en: list[str] = attrs.field(factory=list)
    pending_sv: list[str] = attrs.field(factory=list)
    pending_en: list[str] = attrs.field(factory=list)
    #: deviations reported as keeping the opening hours (``haller_oppet``): no closure, not judged
    kept_open: list[dict[str, Any]] = attrs.field(factory=list)
    #: paths of closures whose last day is before their first (the record cannot be right)
    inconsistent: list[str] = attrs.field(factory=list)
    #: weekdays (vardagar) reported closed in ``avvikande_dagar`` that no reported closure covers
    closed_days: list[dict[str, Any]] = attrs.field(factory=list)


def _covered(day: date, closures: Sequence[Stangning]) -> bool:
    """Whether a reported closure (not one that keeps its opening hours) spans ``day``; a closure
    without a last day covers its first day only (its length is unknown)."""
    return any(s.haller_oppet is not True and s.fran <= day <= (s.forvantad_till or s.fran) for s in closures)


def _closed_days(doc: Tillganglighet, ctx: RuleContext) -> list[dict[str, Any]]:
    """Weekdays (vardagar, the calendar conventions) that ``avvikande_dagar`` reports closed (``oppettider`` empty) inside
    an edition and that no reported closure spans: the unit was (or will be) temporarily closed that
    day, but the conditions of the closure are reported only on a closure (``stangningar``)."""
    found: list[dict[str, Any]] = []
    for i, d in enumerate(doc.avvikande_dagar or ()):
        if d.oppettider is None or d.oppettider or not calendar.is_vardag(d.datum):
            continue
        if ctx.edition_on(d.datum) is None or _covered(d.datum, doc.stangningar or ()):
            continue
        found.append({"index": i, "date": d.datum})
    return found


def _closures(doc: Tillganglighet, ctx: RuleContext,
              judge: Callable[[int, Stangning], tuple[list[str], list[str], list[str]]]) -> _Judged:
    """Judge each closure under the edition in force on its first closed day (``fran``); one dated
    outside every edition is listed, not judged. ``judge`` gives a closure's unmet steps (Swedish,
    English) and its unreported inputs. An unmet step of a closure that has begun (first day on or
    before the evaluation day) is a problem (fail); of one still to come it is pending (warning):
    the text sets no deadline before the first closed day.

    A deviation reported as keeping the opening hours (``haller_oppet`` true) closes nothing and is
    not judged (``kept_open``). A closure whose last day is before its first cannot be right: it is
    not judged and leaves the answer indeterminate (``inconsistent``). A weekday reported closed in
    ``avvikande_dagar`` that no closure spans is a closure too, whose conditions are unreported
    (``closed_days``): indeterminate, naming ``$.stangningar``, where they are reported."""
    judged = _Judged()
    for i, s in sorted(enumerate(doc.stangningar or ()), key=lambda p: (p[1].fran, p[0])):
        if s.haller_oppet is True:
            judged.kept_open.append({"index": i, "date": s.fran})
            continue
        if s.forvantad_till is not None and s.forvantad_till < s.fran:
            judged.inconsistent.append(f"$.stangningar[{i}].forvantad_till")
            judged.missing.append(f"$.stangningar[{i}].forvantad_till")
            continue
        edition = edition_id(ctx, s.fran)
        if edition is None:
            judged.outside.append({"index": i, "date": s.fran})
            continue
        unmet_sv, unmet_en, missing = judge(i, s)
        begun = s.fran <= ctx.as_of
        judged.missing.extend(missing)
        judged.closures.append({"index": i, "fran": s.fran, "edition": edition, "begun": begun, "unmet": unmet_en})
        if unmet_sv:
            (judged.problems_sv if begun else judged.pending_sv).append(
                f"stängningen från {s.fran.isoformat()} saknar {', '.join(unmet_sv)}")
            (judged.problems_en if begun else judged.pending_en).append(
                f"the closure from {s.fran.isoformat()} lacks {', '.join(unmet_en)}")
    judged.closed_days = _closed_days(doc, ctx)
    if judged.closed_days:
        judged.missing.append("$.stangningar")
    return judged


def _closure_verdict(j: _Judged, sv: str, en: str, **values: Any) -> Finding:
    """fail naming every problem of a closure that has begun; else indeterminate naming every
    unreported input; else warning naming the steps still owed before a closure to come; else pass."""
    out_sv, out_en = outside_note(j.outside)
    values = {**values, "closures": j.closures, "outside_editions": j.outside,
              "pending": j.pending_en, "kept_open": j.kept_open,
              "closed_days_without_closure": [d["date"] for d in j.closed_days]}
    if j.inconsistent:
        values["inconsistent"] = j.inconsistent
    if j.problems_sv:
        return failed("Kravet uppfylls inte: " + "; ".join(j.problems_sv) + "." + out_sv,
                      "Requirement not met: " + "; ".join(j.problems_en) + "." + out_en, **values)
    if j.missing:
        notes_sv: list[str] = []
        notes_en: list[str] = []
        if j.inconsistent:
            notes_sv.append(f"{', '.join(j.inconsistent)} ligger före stängningens första dag; uppgiften kan inte stämma")
            notes_en.append(f"{', '.join(j.inconsistent)} is before the closure's first day; the record cannot be right")
        if j.closed_days:
            days = ", ".join(d["date"].isoformat() for d in j.closed_days)
            notes_sv.append(f"vardagar stängda enligt avvikande dagar utan redovisad stängning ({days}): villkoren "
                            "för stängningen redovisas under $.stangningar")
            notes_en.append(f"weekdays closed according to the deviating days with no closure reported ({days}): the "
                            "closure's conditions are reported under $.stangningar")
        if notes_sv:
            return indeterminate(
                *j.missing,
                sv=f"Kan inte avgöras: saknas {', '.join(j.missing)}; " + "; ".join(notes_sv) + "." + out_sv,
                en=f"Cannot be decided: missing {', '.join(j.missing)}; " + "; ".join(notes_en) + "." + out_en,
                **values,
            )
        return indeterminate(*j.missing, **values)
    if j.pending_sv:
        return warning(
            "Ännu inte gjort inför en kommande stängning (ingen frist före första stängda dagen anges): "
            + "; ".join(j.pending_sv) + "." + out_sv,
            "Not yet done for a closure still to come (no deadline before the first closed day is stated): "
            + "; ".join(j.pending_en) + "." + out_en,
            **values,
        )
    return passed(sv + out_sv, en + out_en, **values)


@rules.implement("varmland.vardcentral.tillganglighet.tillfallig_stangning")
def tillfallig_stangning(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Every temporary closure: for an allowed reason (planning or training days, holiday), with a
    clear agreement with another vårdcentral on the patients' care, clear information to the
    patients, and a referral to another care unit. Each closure is judged under the edition in force
    on its first closed day."""
    if doc.stangningar is None:
        return indeterminate("$.stangningar")

    def judge(i: int, s: Stangning) -> tuple[list[str], list[str], list[str]]:
        partners = frozenset(Hanvisning(c) for c in ctx.param("agreement_with", on=s.fran))
        referrals = frozenset(Hanvisning(c) for c in ctx.param("closure_referrals", on=s.fran))
        reasons = frozenset(Stangningsorsak(c) for c in ctx.param("allowed_reasons", on=s.fran))
        sv: list[str] = []
        en: list[str] = []
        missing: list[str] = []
        if s.orsak is None:
            missing.append(f"$.stangningar[{i}].orsak")
        elif s.orsak not in reasons:
            sv.append(f"ett tillåtet skäl (planerings- och utbildningsdagar eller semester; skälet är {s.orsak.value})")
            en.append(f"an allowed reason (planning or training days, or holiday; the reason is {s.orsak.value})")
        if s.overenskommelse is None:
            missing.append(f"$.stangningar[{i}].overenskommelse")
        elif not s.overenskommelse:
            sv.append("överenskommelse med annan vårdcentral")
            en.append("an agreement with another vårdcentral")
        elif s.overenskommelse_med is None:
            missing.append(f"$.stangningar[{i}].overenskommelse_med")
        elif s.overenskommelse_med not in partners:
            sv.append(f"överenskommelse med annan vårdcentral (avtalet är med {s.overenskommelse_med.value})")
            en.append(f"an agreement with another vårdcentral (the agreement is with {s.overenskommelse_med.value})")
        if s.patientinformation is None:
            missing.append(f"$.stangningar[{i}].patientinformation")
        elif not s.patientinformation:
            sv.append("tydlig information till patienterna")
            en.append("clear information to the patients")
        referral = _closure_referral(s, i, referrals)
        if isinstance(referral, list):
            missing.extend(referral)
        elif not referral:
            sv.append("hänvisning till annan vårdenhet")
            en.append("a referral to another care unit")
        return sv, en, missing

    judged = _closures(doc, ctx, judge)
    if not judged.closures and not judged.missing:
        if judged.outside:
            return none_in_force(judged.outside)
        kept_sv = " (avsteg där öppettiderna hålls är ingen stängning)" if judged.kept_open else ""
        kept_en = " (a deviation that keeps the opening hours is no closure)" if judged.kept_open else ""
        return not_applicable(f"Ingen tillfällig stängning är redovisad{kept_sv}.",
                              f"No temporary closure is reported{kept_en}.",
                              reason="no_closure", outside_editions=[], kept_open=judged.kept_open)
    n = len(judged.closures)
    return _closure_verdict(
        judged,
        f"{n} stängning(ar) för planerings- eller utbildningsdagar eller semester: överenskommelse med annan "
        "vårdcentral om omhändertagandet, tydlig information till patienterna och hänvisning till annan vårdenhet "
        "finns.",
        f"{n} closure(s) for planning or training days or holiday: an agreement with another vårdcentral on the "
        "patients' care, clear information to the patients and a referral to another care unit exist.",
    )


@rules.implement("varmland.vardcentral.tillganglighet.vaxel_information")
def vaxel_information(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """The internal contact number is given to the region's switchboard (a standing requirement,
    judged on the evaluation day), and the switchboard is told of every closure and its referral
    (each closure judged under the edition in force on its first closed day)."""
    def judge(i: int, s: Stangning) -> tuple[list[str], list[str], list[str]]:
        if s.vaxel_informerad is None:
            return [], [], [f"$.stangningar[{i}].vaxel_informerad"]
        if not s.vaxel_informerad:
            return (["information till Regionens växel om stängning och hänvisning"],
                    ["information to the region's switchboard of the closure and referral"], [])
        return [], [], []

    standing = ctx.edition_on(ctx.as_of) is not None
    judged = _closures(doc, ctx, judge)
    if not standing and not judged.closures and not judged.missing:
        if judged.outside:
            return none_in_force(judged.outside)
        return no_rulebook_in_force(ctx.as_of)
    if doc.stangningar is None:
        judged.missing.insert(0, "$.stangningar")
    if standing:
        if doc.vaxel_kontaktnummer is None:
            judged.missing.insert(0, "$.vaxel_kontaktnummer")
        elif not doc.vaxel_kontaktnummer:
            judged.problems_sv.insert(0, "det interna kontaktnumret är inte meddelat Region Värmlands växel")
            judged.problems_en.insert(0, "the internal contact number is not given to Region Värmland's switchboard")
    return _closure_verdict(
        judged,
        "Det interna kontaktnumret är meddelat Region Värmlands växel, som också informeras vid stängning och "
        "hänvisning.",
        "The internal contact number is given to Region Värmland's switchboard, which is also informed of closures "
        "and referrals.",
    )


@rules.implement("varmland.vardcentral.tillganglighet.rgs_webb")
def rgs_webb(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """The same decision support for advice as 1177 (RGS Webb)."""
    if doc.beslutsstod_radgivning is None:
        return indeterminate("$.beslutsstod_radgivning")
    required = Beslutsstod(ctx.param("decision_support"))
    values: dict[str, Any] = {"required": required.value, "declared": doc.beslutsstod_radgivning.value}
    if doc.beslutsstod_radgivning is required:
        return passed(
            f"Vårdcentralen använder samma beslutsstöd för rådgivning som 1177, {label(required)}.",
            f"The vårdcentral uses the same decision support for advice as 1177, {label(required)}.",
            **values,
        )
    return failed(
        f"Vårdcentralen använder inte samma beslutsstöd för rådgivning som 1177 ({label(required)}).",
        f"The vårdcentral does not use the same decision support for advice as 1177 ({label(required)}).",
        **values,
    )
