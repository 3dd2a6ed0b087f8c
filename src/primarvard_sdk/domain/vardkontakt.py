"""Vardkontakt: a care contact — a patient seeking help and what the unit did."""

from __future__ import annotations

import attrs

from primarvard_sdk.domain._fields import Tidpunkt, Tillagg, many, optional, tillagg
from primarvard_sdk.domain.codes import Hanvisning, Kontakttyp, Lan, Vaccin
from primarvard_sdk.domain.common import Oppettid
from primarvard_sdk.domain.people import Person

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
    tillagg: Tillagg | None = tillagg()
