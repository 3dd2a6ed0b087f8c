"""Duties at a care contact (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook.

The interpreter and the patient fee are the same obligations, in the same words, as in
kalmar.halsoval: the functions of ``halsoval_kontakt`` are registered here too.
"""

from __future__ import annotations

from primarvard_kalmar.halsoval_kontakt import patientavgift, tolk
from primarvard_kalmar.psykisk_halsa_common import rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Journalmall, Vardkontakt, ascii_fold
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding

__all__: list[str] = []

rules.implement("kalmar.psykisk_halsa.vardkontakt.tolk")(tolk)
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
