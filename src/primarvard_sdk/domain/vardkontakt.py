"""Vardkontakt: a care contact — a patient seeking help and what the unit did."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import attrs

from primarvard_sdk.domain._fields import Tidpunkt, Tillagg, many, optional, tillagg
from primarvard_sdk.domain.codes import Hanvisning, Kontakttyp, Lan, Vaccin
from primarvard_sdk.domain.common import Oppettid
from primarvard_sdk.domain.kontakt import (
    Ambulansbedomning,
    Barnhalsovard,
    Halsovalslistning,
    Journalmall,
    Migrantplacering,
    Patientavgift,
    Tolk,
    Vaccination,
)
from primarvard_sdk.domain.listning import Kandidat
from primarvard_sdk.domain.people import Person
from primarvard_sdk.domain.vardinsats import (
    Besoksplats,
    Dodsfall,
    Hemsjukvard,
    Insats,
    Lakemedel,
    Mottagande,
    Provtagning,
    Rehabilitering,
    Sip,
    Suicidrisk,
)
from primarvard_sdk.findings import decision, indeterminate, not_applicable
from primarvard_sdk.model import Finding

__all__ = ["Vardkontakt"]


@attrs.frozen
class Vardkontakt:
    """Vårdkontakt: when help was sought, assessed and given, and on what terms."""

    referens: str | None = optional("Caller-given reference used in results.")
    typ: Kontakttyp | None = optional("Kind of contact.")
    patient: Person | None = optional("The patient.")
    enhet_id: str | None = optional("The unit.")
    sokte: Tidpunkt | None = optional("When the patient sought help (aware datetime or date).")
    kontakt: Tidpunkt | None = optional("When the patient got contact with primary care.")
    behov_bedomt: Tidpunkt | None = optional(
        "When a need was judged (of a medical assessment, or the physician's assessment that "
        "an acute home visit is needed)."
    )
    utford: Tidpunkt | None = optional("When the assessment or visit was carried out.")
    utford_av_legitimerad: bool | None = optional("Carried out by licensed personnel.")
    behov_samma_dag: bool | None = optional("Judged to need an appointment the same day.")
    hanvisad_till: Hanvisning | None = optional(
        "Where the patient was referred instead (ringa_senare, jourmottagning, ...)."
    )
    omhandertagen_samma_dag: bool | None = optional("Taken care of the same day.")
    listad_vid_enheten: bool | None = optional("The patient is listed at the unit.")
    vistelse_lan: Lan | None = optional("County where the patient is staying.")
    kan_ej_vanta: bool | None = optional("The care need cannot wait.")
    tillfalligt_behov: bool | None = optional("A temporary or immediate care need.")
    riskgrupp: bool | None = optional("The patient belongs to a medical risk group.")
    vaccin: Vaccin | None = optional("What a vaccination contact vaccinates against.")
    ordinarie_oppettider: tuple[Oppettid, ...] | None = many(
        "The unit's ordinary weekly opening hours (helgdag: its hours on public holidays and the "
        "eves; no entry for a day: closed that day), for duties that hold during ordinary opening hours."
    )
    mottagande: Mottagande | None = optional(
        "How the unit met the person: what was asked for, received or refused and why, and the ties to the "
        "unit's local area, jour area and filial. Absent: not reported."
    )
    besoksplats: Besoksplats | None = optional("Where the visit took place (bvc_mottagning, hemmet, ...). Absent: not reported.")
    dodsfall: Dodsfall | None = optional("A death the contact handles and its certificates. Absent: not reported.")
    sip: Sip | None = optional("The patient's coordinated individual plan (SIP) facts. Absent: not reported.")
    provtagning: Provtagning | None = optional("A sample taken at the contact: who ordered it, who analysed it. Absent: not reported.")
    hemsjukvard: Hemsjukvard | None = optional("Home health care and home-visit grounds. Absent: not reported.")
    rehabilitering: Rehabilitering | None = optional("A rehabilitation episode and its plan. Absent: not reported.")
    lakemedel: Lakemedel | None = optional("Prescriptions and the medication list at the contact. Absent: not reported.")
    suicidrisk: Suicidrisk | None = optional("Suspected suicide risk and its assessment. Absent: not reported.")
    tolk: Tolk | None = optional(
        "The patient's need of an interpreter at the contact and the interpreter arranged. Absent: not reported."
    )
    patientavgift: Patientavgift | None = optional(
        "The patient fee charged for the contact and the fee the region's decision sets. Absent: not reported."
    )
    vaccination: Vaccination | None = optional(
        "A vaccination at the contact: given, registered, declined by the unit. Absent: not reported."
    )
    barnhalsovard: Barnhalsovard | None = optional(
        "What the contact is in child health care (a programme health examination, a team visit). "
        "Absent: not reported."
    )
    hanvisad: bool | None = optional(
        "The patient was referred elsewhere (hanvisad_till says where); false: not referred, the unit took care "
        "of the patient. Absent: not reported."
    )
    akut_medicinska_skal: bool | None = optional(
        "A referral to an emergency destination (akutmottagningen, or 112/ambulance) was made for medical "
        "reasons; false: it was not. Absent: not reported."
    )
    ambulans: Ambulansbedomning | None = optional(
        "The ambulance staff's judgement that the patient can stay at home and the unit's call-back. "
        "Absent: not reported."
    )
    halsovalslistning: Halsovalslistning | None = optional(
        "The patient's listing in the region's hälsoval: whether, at which unit and in which locality. "
        "Absent: not reported."
    )
    fysiska_besok_orter: tuple[str, ...] | None = many(
        "The localities (orter) where the unit offers physical visits."
    )
    overenskommelse_narmaste_enhet: bool | None = optional(
        "The patient's listing unit and the unit nearest by road have agreed that the nearest confirms deaths and "
        "issues death and care certificates; false: no such agreement. Absent: not reported."
    )
    kandidater: tuple[Kandidat, ...] | None = many(
        "Units among which the contact's responsible unit is decided: their nyckelkodsområden (placement by "
        "Migrationsverket) or their road distance in km from the place of the event (a death, a certificate)."
    )
    migrantplacering: Migrantplacering | None = optional(
        "The person's placement by Migrationsverket. Absent: not reported."
    )
    vfsp_remiss: bool | None = optional(
        "The contact is made under a referral in the region's care pathway for suicide prevention (VFSP); "
        "false: it is not. Absent: not reported."
    )
    journalmall: Journalmall | None = optional(
        "The journal template the contact was documented in (suicidriskbedomning, annan, ingen). "
        "Absent: not reported."
    )
    tillagg: Tillagg | None = tillagg()

    def received(self, what_sv: str, what_en: str, **values: Any) -> Finding:
        """Accept when the unit received the person, reject when it refused (naming the reason it gave,
        if any); indeterminate when not reported. ``what_sv``/``what_en`` name the duty."""
        mottagande = self.mottagande
        received = mottagande.mottagen if mottagande else None
        if received is None:
            return indeterminate("$.mottagande.mottagen", **values)
        if received:
            return decision("accept", f"{what_sv}: personen togs emot.", f"{what_en}: the person was received.",
                            **values)
        reason = mottagande.skal.value if mottagande and mottagande.skal else None
        because_sv = f" (skäl: {reason})" if reason else ""
        because_en = f" (reason: {reason})" if reason else ""
        return decision(
            "reject",
            f"{what_sv}: personen nekades eller hänvisades bort{because_sv}.",
            f"{what_en}: the person was refused or sent elsewhere{because_en}.",
            reason=reason,
            **values,
        )

    def other_insats(self, wanted: Collection[Insats], sv: str, en: str) -> Finding | None:
        """Scope by what was asked for: indeterminate when unknown, not_applicable when another effort
        than ``wanted`` (``sv``/``en`` name the duty's effort), ``None`` when one of them."""
        insats = self.mottagande.insats if self.mottagande else None
        if insats is None:
            return indeterminate("$.mottagande.insats")
        if insats not in wanted:
            return not_applicable(f"Kontakten gäller inte {sv} ({insats.value}).",
                                  f"The contact is not about {en} ({insats.value}).", reason="other_insats")
        return None
