"""Drift: a unit's routines, IT and systems, equipment and laboratories, as the unit declares them.

Every fact may be absent: absent means "not reported", and a rule that needs it answers
``indeterminate`` naming its JSON path. A flag that is ``false`` is a declaration that the unit
does not have, use or do the thing. Lists are ``None`` when not reported and ``[]`` when reported
empty.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

import attrs

from primarvard_sdk.domain._fields import Tidpunkt, field, many, optional
from primarvard_sdk.domain.codelists import register

__all__ = [
    "Bevakningslogg",
    "Drift",
    "Egenvardsgrupp",
    "Fastighetsnat",
    "Filialetablering",
    "Grundtjanst",
    "ItMiljo",
    "Journalsystem",
    "Medicinteknik",
    "Rutiner",
    "Utrustning",
    "Vaccinationskategori",
]


class Journalsystem(Enum):
    """A digital patient-record system (journalsystem) a unit documents in."""

    cosmic = "cosmic"  #: Cambio Cosmic
    take_care = "take_care"  #: TakeCare
    millennium = "millennium"  #: Oracle Health (Cerner) Millennium
    pmo = "pmo"  #: PMO
    webdoc = "webdoc"  #: Webdoc
    medical_office = "medical_office"  #: Medical Office
    vas = "vas"  #: VAS
    annat = "annat"  #: another system


register(Journalsystem, {
    Journalsystem.cosmic: ("Cosmic", "Cambio Cosmic"),
    Journalsystem.take_care: ("TakeCare", "Take Care"),
    Journalsystem.millennium: ("Millennium", "Cerner Millennium", "Oracle Health Millennium"),
    Journalsystem.pmo: ("PMO",),
    Journalsystem.webdoc: ("Webdoc",),
    Journalsystem.medical_office: ("Medical Office",),
    Journalsystem.vas: ("VAS",),
    Journalsystem.annat: ("Annat journalsystem", "Annat"),
})


class Grundtjanst(Enum):
    """A basic service of the unit in the words of Kalmar's Grundläggande principer."""

    radgivning = "radgivning"
    bedomning_prioritering = "bedomning_prioritering"
    akuta_besok = "akuta_besok"
    tidbokning = "tidbokning"
    hembesok = "hembesok"


register(Grundtjanst, {
    Grundtjanst.radgivning: ("Rådgivning", "Tillgänglig för rådgivning"),
    Grundtjanst.bedomning_prioritering: ("Bedömning och prioritering av vårdbehov", "Bedömning och prioritering"),
    Grundtjanst.akuta_besok: ("Ta emot akuta besök", "Akuta besök"),
    Grundtjanst.tidbokning: ("Erbjuda tidbokning", "Tidbokning"),
    Grundtjanst.hembesok: ("Erbjuda hembesök vid behov", "Hembesök", "Hembesök vid behov"),
})


class Vaccinationskategori(Enum):
    """A category of vaccinations a unit can give (Kalmar's Smittskydd och vaccinationer)."""

    nationella_program = "nationella_program"
    smittskyddslakarens_rekommendation = "smittskyddslakarens_rekommendation"
    regionbeslut = "regionbeslut"


register(Vaccinationskategori, {
    Vaccinationskategori.nationella_program: (
        "Vaccinationer enligt nationella program", "Nationella program", "Nationella vaccinationsprogram",
    ),
    Vaccinationskategori.smittskyddslakarens_rekommendation: (
        "Vaccinationer enligt smittskyddsläkarens rekommendation", "Smittskyddsläkarens rekommendation",
    ),
    Vaccinationskategori.regionbeslut: ("Vaccinationer enligt regionbeslut", "Regionbeslut"),
})


class Egenvardsgrupp(Enum):
    """A patient group with a chronic disease offered advice, support, treatment and self-care
    education (Värmland's Krav- och kvalitetsbok, 1.2.2)."""

    diabetes = "diabetes"
    astma_kol = "astma_kol"
    demens = "demens"


register(Egenvardsgrupp, {
    Egenvardsgrupp.diabetes: ("Diabetes",),
    # Only spellings naming the whole group: "KOL" (or "Astma") alone names part of it and is
    # not accepted (an input error naming the accepted codes).
    Egenvardsgrupp.astma_kol: ("Astma-KOL", "Astma/KOL", "Astma och KOL", "Astma–KOL"),
    Egenvardsgrupp.demens: ("Demens",),
})


@attrs.frozen
class Rutiner:
    """Local routines the unit declares it has (true: has it; false: declares it has none).
    Other themes add a routine here as one more flag."""

    levnadsvanor: bool | None = optional(
        "A local routine for the work on lifestyle habits (levnadsvanor), based on the regional "
        "guideline and the national knowledge supports; absent: not reported."
    )
    sjukskrivning: bool | None = optional(
        "Documented local routines for the sick-leave (and rehabilitation) process; absent: not reported."
    )
    sjukskrivning_uppdaterad: bool | None = optional(
        "The sick-leave routines are kept up to date (uppdaterade); absent: not reported."
    )
    barn_vald: bool | None = optional(
        "Routines for how a child's need for information, advice and support is met when a parent or "
        "another adult the child lives with subjects the child or someone close to it to violence or "
        "abuse; absent: not reported."
    )
    journaldokumentation_samverkan: bool | None = optional(
        "A routine for journal documentation in collaboration (samverkan); absent: not reported."
    )
    formaliserad_samverkan: bool | None = optional(
        "A routine document for the formalised collaboration with contract partners (close collaboration, "
        "collaboration meetings, team work, partners' access to the unit); absent: not reported."
    )


@attrs.frozen
class Bevakningslogg:
    """A log of a recurring monitoring (e.g. of Cosmic Link) over a period."""

    fran: date | None = optional("First day of the period the log covers; absent: not reported.")
    till: date | None = optional("Last day of the period the log covers (inclusive); absent: not reported.")
    bevakningar: tuple[Tidpunkt, ...] | None = many(
        "Each recorded monitoring, as a day or an instant (several on one day count separately)."
    )


@attrs.frozen
class ItMiljo:
    """The unit's IT environment: the systems it uses and its connections to the region's and
    national services (true: declared so; false: declared not; absent: not reported)."""

    journalsystem: Journalsystem | None = optional(
        "The digital journal system the unit documents in; absent: not reported."
    )
    regionens_avvikelsesystem: bool | None = optional(
        "Uses the region's deviation-management system for deviations, complaints, comments and "
        "(near) care injuries; absent: not reported."
    )
    ansluten_npo: bool | None = optional(
        "Connected to Nationell patientöversikt (NPÖ); absent: not reported."
    )
    ansluten_it_infrastruktur: bool | None = optional(
        "Connected to the region's IT infrastructure; absent: not reported."
    )
    hyr_datorarbetsplats: bool | None = optional(
        "Rents the region's Datorarbetsplats service for the PCs used for the assignment; absent: "
        "not reported."
    )
    hsa_enheten: bool | None = optional(
        "The unit is registered in the region's HSA catalogue with correct and current information; "
        "absent: not reported."
    )
    hsa_personal: bool | None = optional(
        "Every employee is registered in the region's HSA catalogue with correct and current "
        "information; absent: not reported."
    )
    videokonferens: bool | None = optional(
        "The unit uses video-conferencing systems (false: none); absent: not reported."
    )
    videokonferens_krypterad: bool | None = optional(
        "Every video-conferencing system the unit uses encrypts; absent: not reported."
    )
    unika_anvandaridentiteter: bool | None = optional(
        "Every user of the care systems logs in with a unique personal user identity (no shared, "
        "group or borrowed accounts); absent: not reported."
    )
    systemansvarig_utsedd: bool | None = optional(
        "A local system contact person (systemansvarig kontaktperson) is appointed for the care "
        "systems used; absent: not reported."
    )
    systemansvarig_anmald: bool | None = optional(
        "The system contact person's contact details have been given to the region's IT "
        "organisation; absent: not reported."
    )
    personuppgiftsbitradesavtal_tecknat: Tidpunkt | None = optional(
        "When the data-processing agreement (personuppgiftsbiträdesavtal) with the region was signed; "
        "absent: not reported."
    )
    ansluten_vardsystem: Tidpunkt | None = optional(
        "When the unit was connected to the region's care systems; absent: not reported."
    )
    cosmic_link: Bevakningslogg | None = optional(
        "The log of the monitoring of Cosmic Link (discharge planning) by the samordnande "
        "sjuksköterska; absent: not reported."
    )


@attrs.frozen
class Medicinteknik:
    """An item of medical-technical equipment in use at the unit."""

    id: str = field("Caller-given reference of the item, unique within the unit.")
    ce_markt: bool | None = optional(
        "CE-marked under the relevant medical-device directive; absent: not reported."
    )
    obligatorisk: bool | None = optional(
        "Equipment the region lists as mandatory for the unit; absent: not reported."
    )
    pris: float | None = optional("Purchase price in SEK; absent: not reported.", minimum=0)
    anskaffad: date | None = optional("Day of acquisition; absent: not reported.")


@attrs.frozen
class Fastighetsnat:
    """The building network (fastighetsnät) of the unit's premises."""

    privatagd_fastighet: bool | None = optional(
        "The unit rents privately owned premises (false: the region's premises); absent: not reported."
    )
    besiktigat: Tidpunkt | None = optional(
        "When the region's IT organisation inspected the building network; absent: not reported."
    )
    installation_paborjad: Tidpunkt | None = optional(
        "When installation of equipment began; absent: not reported."
    )


@attrs.frozen
class Utrustning:
    """Equipment of the unit: medical-technical items, cleaning and sterilisation, the building network."""

    medicinteknik: tuple[Medicinteknik, ...] | None = many("Medical-technical equipment in use.")
    rengoring_godkand_av_vardhygien: bool | None = optional(
        "Vårdhygien has approved the unit's process chain for cleaning, disinfection and "
        "sterilisation; absent: not reported."
    )
    rengoring_inkop_gjort: bool | None = optional(
        "The unit has purchased equipment for cleaning, disinfection or sterilisation (false: it has "
        "made no such purchase, so there was no purchasing process to consult in); absent: not reported."
    )
    rengoring_inkop_vardhygien_konsulterad: bool | None = optional(
        "Vårdhygien was consulted in the purchase of each item of cleaning, disinfection and "
        "sterilisation equipment; absent: not reported."
    )
    fastighetsnat: Fastighetsnat | None = optional(
        "The building network of the premises; absent: not reported."
    )


@attrs.frozen
class Drift:
    """How the unit runs: services and vaccinations offered, contact routes and contact persons,
    the region's systems for medicines, subcontractors' addresses and laboratories used."""

    grundtjanster: tuple[Grundtjanst, ...] | None = many(
        "Basic services the unit offers (radgivning, bedomning_prioritering, akuta_besok, "
        "tidbokning, hembesok)."
    )
    vaccinationer: tuple[Vaccinationskategori, ...] | None = many(
        "Categories of vaccinations the unit can give."
    )
    egenvardsgrupper: tuple[Egenvardsgrupp, ...] | None = many(
        "Patient groups offered advice, support, treatment and self-care education."
    )
    smittskydd_kommunikationsvag: bool | None = optional(
        "A working communication route to the communicable-disease physician (smittskyddsläkaren) is "
        "secured; absent: not reported."
    )
    regionens_lakemedelskassation: bool | None = optional(
        "Uses the region's system for the disposal of medicines (läkemedelskassation); absent: not reported."
    )
    lakemedel_kontaktperson: bool | None = optional(
        "A contact person for the region's pharmaceutical organisation is named; absent: not reported."
    )
    underleverantor_annan_adress: bool | None = optional(
        "A subcontractor runs activity at an address other than the unit's (false: none does); "
        "absent: not reported."
    )
    underleverantorsavtal_anger_adress: bool | None = optional(
        "The subcontract states the address where the subcontractor works; absent: not reported."
    )
    externt_laboratorium: bool | None = optional(
        "The unit uses a laboratory other than the region's for laboratory analyses and diagnostics "
        "(false: only the region's); absent: not reported."
    )
    externa_laboratorier_ackrediterade: bool | None = optional(
        "Every laboratory other than the region's that the unit uses is accredited (SWEDAC or "
        "equivalent); absent: not reported."
    )


@attrs.frozen
class Filialetablering:
    """How a filial came about: the written application to the region and the start of the filial."""

    ansokan_inlamnad: Tidpunkt | None = optional(
        "When the written application for the filial was submitted to the region; absent: not reported."
    )
    verksamheten_startade: Tidpunkt | None = optional(
        "When the filial started (or will start) receiving patients; absent: not reported."
    )
