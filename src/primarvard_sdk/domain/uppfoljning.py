"""Uppfoljning: follow-up — reporting duties, requests and deliveries, measured events."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.codes import Forandringstyp, Rapporttyp
from primarvard_sdk.domain.common import Period

__all__ = ["Begaran", "Forandring", "Rapport", "Uppfoljning", "Vardtillfalle"]


@attrs.frozen
class Forandring:
    """A change the unit must announce in advance, or an event the unit must act on."""

    typ: Forandringstyp = field("What changes (byte_verksamhetschef, lokalbyte, ...; or its Swedish name).")
    datum: date = field("Day the change takes effect (or the event happens).")
    meddelad: date | None = optional("Day the region/partner was told in writing.")
    genomford: date | None = optional("Day the required follow-up action was done.")


@attrs.frozen
class Begaran:
    """A request for data from the region, and its delivery."""

    begard: date = field("Day of the request.")
    levererad: date | None = optional("Day the data was delivered.")
    avser: str | None = optional("What was asked for.")


@attrs.frozen
class Rapport:
    """A yearly report and its delivery."""

    typ: Rapporttyp = field("Kind of report (patientsakerhetsberattelse, ...; or its Swedish name).")
    avser_ar: int = field("The year the report is about.", minimum=1900, maximum=2100)
    levererad: date | None = optional("Day it was delivered.")


@attrs.frozen
class Vardtillfalle:
    """An inpatient stay, for readmission follow-up."""

    utskriven: date = field("Day of discharge.")
    aterinskriven: date | None = optional("Day of the next admission, if any.")
    planerad: bool | None = optional("The next admission was planned.")


@attrs.frozen
class Uppfoljning:
    """Uppföljning of one unit over a period."""

    enhet_id: str | None = optional("The unit followed up.")
    period: Period | None = optional("The period followed up.")
    forandringar: tuple[Forandring, ...] | None = many("Announced changes and events.")
    begaranden: tuple[Begaran, ...] | None = many("Data requests from the region.")
    rapporter: tuple[Rapport, ...] | None = many("Yearly reports.")
    dialogmoten: tuple[date, ...] | None = many("Days of dialogue meetings with the region.")
    vardtillfallen: tuple[Vardtillfalle, ...] | None = many("Inpatient stays of listed patients.")
    noteringar: tuple[str, ...] | None = many("Free-text notes; never read by a rule.")
    tillagg: Tillagg | None = tillagg()
