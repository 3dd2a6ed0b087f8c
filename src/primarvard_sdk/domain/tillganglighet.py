"""Tillganglighet: availability — opening and telephone hours, e-services, closures, on-call."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.codes import ETjanst, Hanvisning
from primarvard_sdk.domain.common import AvvikandeDag, Oppettid, Period

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


@attrs.frozen
class Jourcentral:
    """An out-of-hours clinic (jourcentral) and its declared weekly schedule."""

    jouromrade: int = field("Jour area number.", minimum=1, maximum=99)
    oppettider: tuple[Oppettid, ...] | None = many(
        "Opening intervals by weekday; dag=helgdag is the schedule on public holidays."
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
    e_tjanster: tuple[ETjanst, ...] | None = many("1177 e-services offered (region codes).")
    avvikande_dagar: tuple[AvvikandeDag, ...] | None = many("Dated deviations from the schedule.")
    stangningar: tuple[Stangning, ...] | None = many("Temporary closures.")
    utbudsbegransningar: tuple[Period, ...] | None = many("Periods of limited offer.")
    jourcentral: Jourcentral | None = optional("The out-of-hours clinic the unit staffs.")
    tillagg: Tillagg | None = tillagg()
