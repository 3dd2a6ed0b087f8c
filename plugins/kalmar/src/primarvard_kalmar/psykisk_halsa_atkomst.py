"""Availability, temporary closures and collaboration (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from typing import Any

from primarvard_kalmar.halsoval_atkomst import omhandertagande, sip
from primarvard_kalmar.halsoval_common import unless_closed_days_unreported
from primarvard_kalmar.psykisk_halsa_common import closures_consistent, rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Avtalsvillkor,
    Samverkanskanal,
    Samverkanstyp,
    Tillganglighet,
    Vardenhet,
)
from primarvard_sdk.findings import failed, inconsistent, indeterminate, passed, warning
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact


@rules.implement("kalmar.psykisk_halsa.tillganglighet.tillfallig_stangning_omhandertagande")
@closures_consistent
def tillfallig_stangning_omhandertagande(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """The shared function over ``stangningar``, and the closures reported only as closed weekdays in
    ``avvikande_dagar``: "tillfälligt stängt" is a temporary deviation however it is reported, and a
    closed day carries none of the facts judged (the agreement, the 1177.se contact card, the
    hälsoval units informed, the cause), so where the closures in ``stangningar`` would pass or not
    apply, such a day leaves the result indeterminate naming ``$.stangningar``."""
    return unless_closed_days_unreported(
        omhandertagande(doc, ctx), doc, ctx, ("pass", "not_applicable"),
        "tillfällig stängning med överenskommelse, hänvisning, kontaktkort på 1177.se, information till "
        "berörda hälsovalsenheter och orsak",
        "a temporary closure with its agreement, referral, 1177.se contact card, information to the hälsoval "
        "units concerned and cause",
        eves=False,
    )

rules.implement("kalmar.psykisk_halsa.samverkan.sip")(sip)


@rules.implement("kalmar.psykisk_halsa.samverkan.avtal_halsovalsenhet")
def avtal_halsovalsenhet(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """An agreement with a hälsoval unit in force on the day; its terms (bör) give at most a warning."""
    if doc.samverkansavtal is None:
        return indeterminate("$.samverkansavtal")
    kind = Samverkanstyp(ctx.param("agreement_type"))
    terms = [Avtalsvillkor(t) for t in ctx.param("recommended_terms")]
    day = ctx.day
    unknown: list[str] = []
    in_force: list[tuple[int, Any]] = []
    for i, a in enumerate(doc.samverkansavtal):
        if a.typ is None:
            unknown.append(f"$.samverkansavtal[{i}].typ")
            continue
        if a.typ is not kind:
            continue
        if a.giltig_fran is not None and a.giltig_till is not None and a.giltig_till < a.giltig_fran:
            # an agreement ending before it begins cannot be right: neither in force nor out of it
            bad = inconsistent(f"$.samverkansavtal[{i}].giltig_till", f"$.samverkansavtal[{i}].giltig_fran")
            unknown.extend(bad.missing)
            continue
        current = a.i_kraft(day)
        if current is None:
            unknown.append(f"$.samverkansavtal[{i}].giltig_fran")
        elif current:
            in_force.append((i, a))
    values: dict[str, Any] = {"partners": sorted(a.part for _, a in in_force)}
    if not in_force:
        if unknown:
            return indeterminate(*unknown, **values)
        return failed(
            f"Inget avtal med en hälsovalsenhet gäller {day.isoformat()}.",
            f"No agreement with a hälsoval unit is in force on {day.isoformat()}.",
            **values,
        )
    lacking: list[str] = []
    unreported: list[str] = []
    for i, a in in_force:
        if a.villkor is None:
            unreported.append(f"$.samverkansavtal[{i}].villkor")
            continue
        gaps = [t.value for t in terms if t not in a.villkor]
        if gaps:
            lacking.append(f"{a.part}: {', '.join(gaps)}")
    values["terms_lacking"] = lacking
    if lacking:
        return warning(
            "Avtal med hälsovalsenhet finns, men avtalet bör också reglera (saknas): " + "; ".join(lacking) + ".",
            "An agreement with a hälsoval unit is in force, but it should also regulate (missing): "
            + "; ".join(lacking) + ".",
            **values,
        )
    if unreported:
        return indeterminate(
            *unreported,
            sv="Avtal med hälsovalsenhet finns, men det är inte redovisat vad avtalet reglerar (avtalstid, uppsägning, "
               "avslut, övergång till ny vårdgivare).",
            en="An agreement with a hälsoval unit is in force, but what it regulates (term, notice, ending, move to "
               "a new provider) is not reported.",
            **values,
        )
    return passed(
        f"Avtal med hälsovalsenhet gäller ({', '.join(values['partners'])}) och reglerar avtalstid, uppsägning, avslut "
        "och övergång till ny vårdgivare.",
        f"An agreement with a hälsoval unit is in force ({', '.join(values['partners'])}) and regulates term, notice, "
        "ending and the move to a new provider.",
        **values,
    )


rutindokument = rules.shape(Declared(
    "kalmar.psykisk_halsa.samverkan.rutindokument",
    facts=(
        Fact("rutiner.journaldokumentation_samverkan", sv="rutin för journaldokumentation vid samverkan",
             en="a routine for journal documentation in collaboration"),
        Fact("rutiner.formaliserad_samverkan", sv="rutindokument för formaliserad samverkan",
             en="a routine document for the formalised collaboration"),
    ),
    sv="Rutin för journaldokumentation vid samverkan och rutindokument för formaliserad samverkan finns.",
    en="A routine for journal documentation in collaboration and a routine document for the formalised "
       "collaboration exist.",
))


@rules.implement("kalmar.psykisk_halsa.samverkan.tillganglighet_samverkanspartner")
def tillganglighet_samverkanspartner(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Partners reach the unit by telephone or through a function mailbox."""
    if doc.samverkanspartner_kanaler is None:
        return indeterminate("$.samverkanspartner_kanaler")
    accepted = [Samverkanskanal(c) for c in ctx.param("channels")]
    given = sorted({c.value for c in doc.samverkanspartner_kanaler})
    found = [c.value for c in accepted if c in doc.samverkanspartner_kanaler]
    values: dict[str, Any] = {"channels": given, "accepted": [c.value for c in accepted]}
    if found:
        return passed(
            f"Samverkanspartner når vårdenheten via {' och '.join(found)}.",
            f"Collaboration partners reach the unit through {' and '.join(found)}.",
            **values,
        )
    return failed(
        "Samverkanspartner kan inte nå vårdenheten över telefon eller via funktionsbrevlåda.",
        "Collaboration partners cannot reach the unit by telephone or through a function mailbox.",
        **values,
    )
