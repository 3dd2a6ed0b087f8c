"""Uppfoljning: follow-up — reporting duties, requests and deliveries, measured events."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.codes import Forandringstyp, Rapporttyp
from primarvard_sdk.domain.common import Period
from primarvard_sdk.domain.rapportering import (
    Aktivitet,
    Avvikelse,
    Begaranstyp,
    Enhetsuppgifter,
    Etikansokan,
    Godkannande,
    Mote,
    NyVardgivare,
    Planandring,
    SpurInspektion,
    Studie,
    Tillsyn,
    Underleverantor,
    Utbudsbegransning,
)
from primarvard_sdk.domain.vardinsats import Besok

__all__ = ["Begaran", "Forandring", "Rapport", "Uppfoljning", "Vardtillfalle"]


@attrs.frozen
class Forandring:
    """A change the unit must announce in advance, or an event the unit must act on."""

    typ: Forandringstyp = field("What changes (byte_verksamhetschef, lokalbyte, ...; or its Swedish name).")
    datum: date = field("Day the change takes effect (or the event happens).")
    meddelad: date | None = optional("Day the region/partner was told in writing.")
    genomford: date | None = optional("Day the required follow-up action was done.")
    godkannande: Godkannande | None = optional("The region's decision on the change, where it must approve it.")
    godkand: date | None = optional("Day the region approved it.")
    listade_informerade: bool | None = optional(
        "The listed population was informed in writing (of a new location); absent: not reported."
    )


@attrs.frozen
class Begaran:
    """A request for data from the region, and its delivery."""

    begard: date = field("Day of the request.")
    levererad: date | None = optional("Day the data was delivered.")
    avser: str | None = optional("What was asked for.")
    slag: Begaranstyp | None = optional(
        "Kind of request (uppfoljning, verksamhetsuppfoljning, utover_planerad); absent: not reported."
    )
    senast: date | None = optional("The last day the request states; absent: none stated or not reported.")
    dagar: int | None = optional("The number of days the request states; absent: none stated or not reported.", minimum=0)
    avidentifierad: bool | None = optional("The delivered documents were de-identified; absent: not reported.")
    avgift: bool | None = optional("The unit charged for the material; absent: not reported.")


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
    besok: tuple[Besok, ...] | None = many("Visits in the period (each with its kind, address and video facts).")
    enhet: Enhetsuppgifter | None = optional("What the follow-up records about the unit itself.")
    moten: tuple[Mote, ...] | None = many("Meetings with the region and their attendance.")
    avvikelser: tuple[Avvikelse, ...] | None = many("Deviations and what was done with them.")
    tillsyner: tuple[Tillsyn, ...] | None = many("IVO decisions and supervision results.")
    aktiviteter: tuple[Aktivitet, ...] | None = many("Recorded evaluations, reports, visits and measurements.")
    studier: tuple[Studie, ...] | None = many("Studies conducted at the unit.")
    etikansokningar: tuple[Etikansokan, ...] | None = many("Research-ethics applications submitted.")
    spur_inspektioner: tuple[SpurInspektion, ...] | None = many("SPUR inspections the region initiated.")
    naromradesplan_andringar: tuple[Planandring, ...] | None = many("Changes of the närområdesplan.")
    nya_vardgivare: tuple[NyVardgivare, ...] | None = many("New care providers approved in the area.")
    underleverantorer: tuple[Underleverantor, ...] | None = many("Subcontractors added or changed.")
    utbudsbegransningar: tuple[Utbudsbegransning, ...] | None = many("Limitations of the offer decided.")
    noteringar: tuple[str, ...] | None = many("Free-text notes; never read by a rule.")
    tillagg: Tillagg | None = tillagg()
