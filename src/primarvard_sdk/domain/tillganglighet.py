"""Tillganglighet: availability — opening and telephone hours, e-services, closures, on-call."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.atkomst import (
    Beslutsstod,
    Bokningskanal,
    JourBeredskapsplan,
    Samverkanskanal,
    Stangningsorsak,
    UtanforOppettid,
)
from primarvard_sdk.domain.codes import ETjanst, Hanvisning
from primarvard_sdk.domain.common import AvvikandeDag, Oppettid, Period
from primarvard_sdk.domain.kompetens import Bemanning

__all__ = ["Jourcentral", "Stangning", "Tillganglighet"]


@attrs.frozen
class Stangning:
    """A temporary closure of the unit."""

    fran: date = field("First closed day.")
    forvantad_till: date | None = optional("Expected last closed day (inclusive).")
    anmald: date | None = optional("Day the closure was reported to the region; absent when not reported.")
    hanvisning: tuple[Hanvisning, ...] | None = many(
        "Where patients and callers are referred while the unit is closed (annan_vardenhet, 1177, ...)."
    )
    telefonhanvisning: Hanvisning | None = optional(
        "Who answers the telephone meanwhile (annan_vardenhet, 1177); absent: not reported."
    )
    orsak: Stangningsorsak | None = optional(
        "Why the unit is closed (sjukdom, semester, utbildning, planering, kompetensbortfall); absent: not reported."
    )
    haller_oppet: bool | None = optional(
        "The unit keeps its opening hours during this deviation (e.g. a long loss of competence that does not "
        "close it); false: the unit is closed. Absent: not reported."
    )
    overenskommelse: bool | None = optional(
        "An agreement (överenskommelse) with another unit secures the patients' care for the whole closure; "
        "absent: not reported."
    )
    overenskommelse_med: Hanvisning | None = optional(
        "Whom that agreement is with (annan_vardcentral, annan_halsocentral, annan_vardenhet); absent: not reported."
    )
    patientinformation: bool | None = optional(
        "Patients are given clear information about the closure and the agreement; absent: not reported."
    )
    kontaktkort_1177: bool | None = optional(
        "The closure is shown on the unit's 1177.se contact card; absent: not reported."
    )
    samverkansparter_informerade: bool | None = optional(
        "The units the unit has collaboration agreements with (hälsoval / psykisk hälsa units) are informed; "
        "absent: not reported."
    )
    vaxel_informerad: bool | None = optional(
        "The region's switchboard (växel) is informed of the closure and the referral; absent: not reported."
    )


@attrs.frozen
class Jourcentral:
    """An out-of-hours clinic (jourcentral) and its declared weekly schedule."""

    jouromrade: int = field("Jour area number.", minimum=1, maximum=99)
    oppettider: tuple[Oppettid, ...] | None = many(
        "Opening intervals by weekday; dag=helgdag is the schedule on public holidays."
    )
    bokning: tuple[Bokningskanal, ...] | None = many(
        "How visits to the jourcentral are booked (radgivning_1177, telefon, ...)."
    )


@attrs.frozen
class Tillganglighet:
    """Tillgänglighet of one unit: what it declares about being reachable."""

    enhet_id: str | None = optional("The unit this describes.")
    oppettider: tuple[Oppettid, ...] | None = many("Ordinary opening hours, weekly.")
    telefontider: tuple[Oppettid, ...] | None = many("Telephone hours, weekly.")
    akuttelefon: tuple[Oppettid, ...] | None = many("Emergency telephone hours, weekly.")
    hanvisning_utanfor_oppettid: tuple[Hanvisning, ...] | None = many(
        "Where the answering machine refers callers outside opening hours (1177, "
        "annan_vardcentral, natlakare, jourcentral, akutmottagning, ...)."
    )
    telefonsvarare_oppettider: bool | None = optional(
        "Outside opening hours the answering machine gives the unit's opening hours."
    )
    telefonitjanst: str | None = optional("Telephony service in use (teleq, ...).")
    ansluten_1177_direkt: bool | None = optional("Connected to 1177 Direkt.")
    ansluten_1177: bool | None = optional("Connected to the national service 1177.se; absent: not reported.")
    e_tjanster: tuple[ETjanst, ...] | None = many("1177 e-services offered (region codes).")
    avvikande_dagar: tuple[AvvikandeDag, ...] | None = many("Dated deviations from the schedule.")
    stangningar: tuple[Stangning, ...] | None = many("Temporary closures.")
    utbudsbegransningar: tuple[Period, ...] | None = many("Periods of limited offer.")
    jourcentral: Jourcentral | None = optional("The out-of-hours clinic the unit staffs.")
    bemanning: Bemanning | None = optional(
        "Weekly on-site staffing schedule and the day's absences from it; absent: not reported."
    )
    tidbokning: tuple[Bokningskanal, ...] | None = many(
        "Ways appointments can be booked (natet, e_tjanst_1177, telefon, fysiskt_besok, ...)."
    )
    samverkanspartner_kanaler: tuple[Samverkanskanal, ...] | None = many(
        "Ways collaboration partners can reach the unit (telefon, funktionsbrevlada)."
    )
    kontaktvag_ambulans: bool | None = optional(
        "A clear contact route (a telephone number or equivalent) is communicated to the ambulance "
        "organisation; absent: not reported."
    )
    lakare_hembesok: tuple[Oppettid, ...] | None = many(
        "Weekly hours with physician cover for consultation and home visits (own staff or by agreement)."
    )
    jour_beredskapsplan: JourBeredskapsplan | None = optional(
        "The unit's jour- och beredskapsplan; absent: not reported."
    )
    vaxel_kontaktnummer: bool | None = optional(
        "The internal contact number is reported to the region's switchboard (växel); absent: not reported."
    )
    beslutsstod_radgivning: Beslutsstod | None = optional(
        "The decision support used for telephone advice (rgs_webb, annat); absent: not reported."
    )
    utanfor_oppettid: UtanforOppettid | None = optional(
        "How the unit's duties outside ordinary opening hours are arranged; absent: not reported."
    )
    listning_1177_information: bool | None = optional(
        "The unit informs about listing through the 1177 e-services; absent: not reported."
    )
    tillagg: Tillagg | None = tillagg()
