"""Duties at a care contact (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook.

The interpreter and the patient fee are the same obligations, in the same words, as in
kalmar.halsoval: the functions of ``halsoval_kontakt`` are registered here too.
"""

from __future__ import annotations

from primarvard_kalmar.halsoval_kontakt import patientavgift, tolk
from primarvard_kalmar.psykisk_halsa_common import rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Journalmall, Tolkbehov, Vardkontakt, ascii_fold, local_day
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.model import Finding, Outcome

__all__: list[str] = []


def _upcoming(doc: Vardkontakt, ctx: RuleContext) -> bool:
    """Whether the contact lies after the evaluation day: it has not taken place on it."""
    return doc.kontakt is not None and local_day(doc.kontakt) > ctx.as_of


@rules.implement("kalmar.psykisk_halsa.vardkontakt.tolk")
def psykisk_halsa_tolk(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    """The shared function, except that a contact after the evaluation day for which no language
    interpreter is arranged yet is outstanding (warning), not a failure: "ska ordna språktolk" sets
    no lead time, and the interpreter can still be arranged before the contact takes place."""
    result = tolk(doc, ctx)
    if (result.outcome is Outcome.fail and _upcoming(doc, ctx) and doc.tolk is not None
            and doc.tolk.behov is Tolkbehov.sprak and doc.tolk.ordnad is False):
        assert doc.kontakt is not None
        day = local_day(doc.kontakt).isoformat()
        return warning(
            f"Kontakten {day} har ännu inte ägt rum; språktolk är ännu inte ordnad (utestående, ska vara ordnad "
            "till kontakten).",
            f"The contact on {day} has not taken place yet; a language interpreter is not yet arranged "
            "(outstanding, to be arranged for the contact).",
            need=Tolkbehov.sprak.value,
            contact_day=local_day(doc.kontakt),
        )
    return result


rules.implement("kalmar.psykisk_halsa.vardkontakt.patientavgift")(patientavgift)


@rules.implement("kalmar.psykisk_halsa.vardkontakt.fysiskt_besok_ort")
def fysiskt_besok_ort(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    listing = doc.halsovalslistning
    listed = listing.listad if listing is not None else None
    if listed is None:
        return indeterminate("$.halsovalslistning.listad")
    if not listed:
        return not_applicable(
            "Patienten är inte listad vid någon vårdenhet inom hälsoval i länet.",
            "The patient is not listed at any hälsoval unit in the county.",
            reason="not_listed_in_halsoval",
        )
    assert listing is not None
    missing = [p for p, v in (("$.halsovalslistning.ort", listing.ort), ("$.fysiska_besok_orter", doc.fysiska_besok_orter))
               if v is None]
    if missing:
        return indeterminate(*missing)
    assert listing.ort is not None and doc.fysiska_besok_orter is not None
    offered = sorted(doc.fysiska_besok_orter)
    if ascii_fold(listing.ort) in {ascii_fold(o) for o in offered}:
        return passed(
            f"Fysiska besök erbjuds på orten {listing.ort}, där patientens hälsovalsenhet är belägen.",
            f"Physical visits are offered in {listing.ort}, where the patient's hälsoval unit is located.",
            locality=listing.ort,
            offered=offered,
        )
    shown = ", ".join(offered) or "inga"
    return failed(
        f"Patientens hälsovalsenhet ligger i {listing.ort}, men fysiska besök erbjuds bara på: {shown}.",
        f"The patient's hälsoval unit is in {listing.ort}, but physical visits are offered only in: "
        f"{', '.join(offered) or 'none'}.",
        locality=listing.ort,
        offered=offered,
    )


@rules.implement("kalmar.psykisk_halsa.vardkontakt.vfsp_dokumentation")
def vfsp_dokumentation(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    template = Journalmall(ctx.param("template"))
    if doc.vfsp_remiss is None:
        return indeterminate("$.vfsp_remiss")
    if not doc.vfsp_remiss:
        return not_applicable(
            "Kontakten sker inte på en remiss inom vårdförlopp suicidprevention (VFSP).",
            "The contact is not made under a referral in the care pathway for suicide prevention (VFSP).",
            reason="not_vfsp",
        )
    if _upcoming(doc, ctx):
        # Documentation follows the contact: one that has not taken place cannot be documented yet.
        assert doc.kontakt is not None
        day = local_day(doc.kontakt)
        return not_applicable(
            f"Kontakten {day.isoformat()} har ännu inte ägt rum; dokumentationen bedöms efter kontakten.",
            f"The contact on {day.isoformat()} has not taken place yet; its documentation is judged after it.",
            reason="contact_after_as_of",
            contact_day=day,
        )
    used = doc.journalmall
    if used is None:
        return indeterminate("$.journalmall")
    if used is template:
        return passed(
            "Kontakten är dokumenterad i mallen Suicidriskbedömning i Cosmic.",
            "The contact is documented in the template Suicidriskbedömning in Cosmic.",
            template=used.value,
        )
    if used is Journalmall.ingen:
        # "Dokumentation ska ske i mallen Suicidriskbedömning": a contact that has taken place and is
        # documented in no template at all does not meet it (as one in another template does not).
        return failed(
            "Kontakten på VFSP-remiss är inte dokumenterad; dokumentation ska ske i mallen "
            "Suicidriskbedömning i Cosmic.",
            "The contact under a VFSP referral is not documented; it is to be documented in the template "
            "Suicidriskbedömning in Cosmic.",
            template=used.value,
        )
    return failed(
        f"Kontakten på VFSP-remiss är dokumenterad i en annan mall ({used.value}); dokumentation ska ske i mallen "
        "Suicidriskbedömning i Cosmic.",
        f"The contact under a VFSP referral is documented in another template ({used.value}); it is to be "
        "documented in the template Suicidriskbedömning in Cosmic.",
        template=used.value,
    )
