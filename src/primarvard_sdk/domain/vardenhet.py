"""Vardenhet: a care unit (vårdenhet, vårdcentral, hälsocentral) and what it declares."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.atkomst import Avtalsvillkor, Naromradesplan
from primarvard_sdk.domain.codes import (
    Driftform,
    Funktion,
    Kompetens,
    Kvalitetsregister,
    Samverkanstyp,
    Yrke,
)
from primarvard_sdk.domain.drift import Drift, Filialetablering, ItMiljo, Rutiner, Utrustning
from primarvard_sdk.domain.kompetens import Kompetensresurser
from primarvard_sdk.domain.people import Medarbetare
from primarvard_sdk.domain.val import Listningsbegransning, Vardgivarbyte

__all__ = ["Befolkning", "Filial", "Kompetensbrist", "Lakartid", "Samverkansavtal", "Vardenhet"]


@attrs.frozen
class Befolkning:
    """Population figures of the unit that staffing ratios are computed from."""

    listade: int | None = optional("Listed patients.", minimum=0)
    inskrivna_barn_0_1: int | None = optional("Children aged 0-1 enrolled in BVC.", minimum=0)
    inskrivna_gravida: int | None = optional("Pregnant women enrolled in BMM.", minimum=0)
    listade_ungdomar: int | None = optional("Listed young people (UMM age range).", minimum=0)
    sabo_boende: int | None = optional("Residents of municipal special housing served.", minimum=0)


@attrs.frozen
class Lakartid:
    """Declared physician hours per week in the assignments that have a staffing ratio."""

    bvc: float | None = optional("Physician hours per week in child health care.", minimum=0)
    bmm: float | None = optional("Physician hours per week in basic maternity care.", minimum=0)
    umm: float | None = optional("Physician hours per week at the youth clinic.", minimum=0)
    sabo: float | None = optional("Physician hours per week in special housing.", minimum=0)


@attrs.frozen
class Filial:
    """How a branch clinic (filial) is tied to its main clinic."""

    huvudmottagning_id: str | None = optional("The main clinic.")
    samma_verksamhetschef: bool | None = optional(
        "The main clinic's head of operations is head of the filial too."
    )
    samma_organisation: bool | None = optional("Run by the main clinic's own organisation.")
    underleverantor: bool | None = optional("Run by a subcontractor.")
    etablering: Filialetablering | None = optional("The application for the filial and its start; absent: not reported.")


@attrs.frozen
class Kompetensbrist:
    """A temporary competence shortfall that stops the unit from fulfilling the assignment."""

    uppstod: date = field("Day the shortfall arose.")
    anmald: date | None = optional("Day it was reported to the region; absent: not reported.")
    atergestalld: date | None = optional("Day competence was restored.")


@attrs.frozen
class Samverkansavtal:
    """A collaboration agreement with another unit or partner."""

    part: str = field("The other party (unit id or partner name).")
    typ: Samverkanstyp | None = optional("Kind of agreement (formaliserat_samarbete, psykisk_halsa, ...).")
    giltig_fran: date | None = optional("First day the agreement is in force; absent: not reported.")
    giltig_till: date | None = optional(
        "Last day the agreement is in force (inclusive); absent: in force until further notice."
    )
    villkor: tuple[Avtalsvillkor, ...] | None = many(
        "Terms the agreement regulates (avtalstid, uppsagning, avslut, overgang_ny_vardgivare)."
    )
    godkand: date | None = optional(
        "Day the region (its commissioning unit) approved the collaboration; absent: not approved."
    )
    redovisas_per_enhet: bool | None = optional(
        "The joint activity can be reported as production per unit; absent: not reported."
    )

    def i_kraft(self, day: date) -> bool | None:
        """Whether the agreement is in force on ``day`` (``None``: its first day is not reported).
        Both ends count; no last day means until further notice."""
        if self.giltig_fran is None:
            return None
        return self.giltig_fran <= day and (self.giltig_till is None or day <= self.giltig_till)


@attrs.frozen
class Vardenhet:
    """Vårdenhet: identity, operator form, staff, functions, services and population figures."""

    id: str = field("The unit's identifier (HSA-id or the region's code).")
    namn: str | None = optional("The unit's public name.")
    region: str | None = optional("Region code (kalmar, varmland, vasterbotten).")
    programme: str | None = optional("Programme code (halsoval, psykisk_halsa, vardcentral).")
    driftform: Driftform | None = optional("Public or private operator.")
    ort: str | None = optional("Locality of the clinic.")
    kommun: str | None = optional("Municipality of the clinic.")
    personal: tuple[Medarbetare, ...] | None = many(
        "Staff; absent when not declared (staff rules then answer indeterminate). The list is the "
        "unit's staff: a member with neither verksam nor anstallning_start reported is read as in "
        "service; staff rules leave out a member not in service on the day judged (Medarbetare.verksam)."
    )
    kompetenser: tuple[Kompetens, ...] | None = many(
        "Competences the unit declares (fysioterapi, arbetsterapi, psykoterapi_steg1, ...)."
    )
    tillgang_till_psykolog: bool | None = optional(
        "Declared access to a psychologist (for a unit of only psychotherapists)."
    )
    invanare_inom_1_mil: int | None = optional(
        "Inhabitants within a 1.0 mil (10 km) radius of the clinic.", minimum=0
    )
    samverkansavtal: tuple[Samverkansavtal, ...] | None = many(
        "Collaboration agreements; absent when not declared."
    )
    befolkning: Befolkning | None = optional("Population figures.")
    lakartid: Lakartid | None = optional("Declared physician hours per week.")
    kvalitetsregister: tuple[Kvalitetsregister, ...] | None = many("Quality registers the unit reports to.")
    ar_filial: bool | None = optional("The unit is a branch clinic (filial).")
    filial: Filial | None = optional("How the filial is tied to its main clinic.")
    kan_bista_sjukvardsgrupp: bool | None = optional(
        "Can provide a medical team (sjukvårdsgrupp) while open."
    )
    ptp_platser: int | None = optional("PTP psychologist places the unit holds this year.", minimum=0)
    kompetensbrist: Kompetensbrist | None = optional("A current or recent competence shortfall.")
    kompetensresurser: Kompetensresurser | None = optional(
        "Competences and functions the unit has access to (dietitian, MBT, ...); absent: not reported."
    )
    listningsbegransningar: tuple[Listningsbegransning, ...] | None = many(
        "Listing caps and stops the unit applies, with their applications and the region's decisions."
    )
    vardgivarbyten: tuple[Vardgivarbyte, ...] | None = many("Changes of the unit's care provider.")
    rutiner: Rutiner | None = optional("Local routines the unit declares; absent: not reported.")
    it: ItMiljo | None = optional("IT systems and connections; absent: not reported.")
    utrustning: Utrustning | None = optional("Equipment and premises network; absent: not reported.")
    drift: Drift | None = optional("Services offered, contact routes, subcontractors, laboratories; absent: not reported.")
    naromradesplan: Naromradesplan | None = optional("The joint local-area plan (närområdesplan); absent: not reported.")
    e_tjanst_mottagare: tuple[Yrke, ...] | None = many(
        "Professions patients can contact through the 1177 e-services at the unit."
    )
    tillagg: Tillagg | None = tillagg()

    def staff_with(self, funktion: Funktion) -> tuple[Medarbetare, ...]:
        """Staff known to hold a named function (empty when staff is not declared).

        Staff whose ``funktioner`` are not reported are not among them: a rule that needs to know
        who holds a function checks :func:`primarvard_sdk.findings.absent` first."""
        return tuple(m for m in self.personal or () if funktion in (m.funktioner or ()))
