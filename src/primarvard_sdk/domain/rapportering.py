"""Reporting facts of a follow-up (Uppfoljning): meetings and attendance, deviations and event
analyses, supervision, studies and ethics applications, yearly and monthly duties, changes of the
närområdesplan, new providers, subcontractors and limitations of the offer.

Every field may be absent: absent (``None``) means *not reported* and a rule that needs it
answers ``indeterminate``; a list reported as ``[]`` means *reported, none*. A date of completion
(``levererad``, ``meddelad``, ``reviderad``) that is absent means *not done (yet)*, as elsewhere
in :class:`~primarvard_sdk.domain.uppfoljning.Uppfoljning`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from primarvard_sdk.domain._fields import field, many, optional
from primarvard_sdk.domain.codelists import register
from primarvard_sdk.domain.codes import Driftform
from primarvard_sdk.domain.common import Period

__all__ = [
    "Aktivitet",
    "Aktivitetstyp",
    "Analysansvarig",
    "Avvikelse",
    "Begaranstyp",
    "Enhetsuppgifter",
    "Etikansokan",
    "Godkannande",
    "Handelseanalys",
    "Handlaggare",
    "Mote",
    "Motesroll",
    "Motestyp",
    "NyVardgivare",
    "Planandring",
    "SpurInspektion",
    "Studie",
    "Tillsyn",
    "Tillsynstyp",
    "Underleverantor",
    "Utbudsbegransning",
]


class Motestyp(StrEnum):
    """A kind of meeting between the unit and the region."""

    halsovalsmote = "halsovalsmote"  #: Hälsovalsmöte (Kalmar hälsoval)
    samverkansmote = "samverkansmote"  #: samverkansmöte med Samordning hälso- och sjukvård
    uppfoljningsmote = "uppfoljningsmote"  #: uppföljningsmöte called by Beställaren


class Motesroll(StrEnum):
    """In which role a person attended a meeting for the unit."""

    verksamhetschef = "verksamhetschef"
    ersattare = "ersattare"  #: substitute for the head of operations
    medicinskt_ansvarig = "medicinskt_ansvarig"
    annan = "annan"


class Handlaggare(StrEnum):
    """Who handled a deviation."""

    samordnare_helgoppen = "samordnare_helgoppen"  #: the weekend-open health centre's coordinator
    egen_enhet = "egen_enhet"  #: the reporting unit itself
    annan = "annan"


class Analysansvarig(StrEnum):
    """Who carried out an event analysis (händelseanalys)."""

    oberoende = "oberoende"  #: an independent party outside the unit
    verksamhetschef = "verksamhetschef"
    egen_personal = "egen_personal"  #: a person employed by or reporting to the unit
    ingen = "ingen"  #: no event analysis has been carried out


class Begaranstyp(StrEnum):
    """What kind of request for data or material the region made."""

    uppfoljning = "uppfoljning"  #: data for the region's regular follow-up
    verksamhetsuppfoljning = "verksamhetsuppfoljning"  #: material at an audit or a follow-up visit
    utover_planerad = "utover_planerad"  #: data beyond the planned follow-up (särskilda tillfällen)


class Aktivitetstyp(StrEnum):
    """A recurring reporting duty or recorded activity."""

    digital_mottagning_utvardering = "digital_mottagning_utvardering"
    utvecklingsomraden_redovisning = "utvecklingsomraden_redovisning"
    lakemedelskommitten_besok = "lakemedelskommitten_besok"
    telefontillganglighet_rapport = "telefontillganglighet_rapport"
    patientsakerhetsmatning = "patientsakerhetsmatning"
    vantetidsrapport = "vantetidsrapport"


class Godkannande(StrEnum):
    """The region's decision on something it must approve."""

    godkand = "godkand"
    avslagen = "avslagen"
    inte_beslutad = "inte_beslutad"  #: pending


class Tillsynstyp(StrEnum):
    """A supervision outcome the region must be told of."""

    ivo_beslut = "ivo_beslut"  #: IVO's decision in a Lex Maria case
    tillsyn = "tillsyn"  #: the result of a supervision (tillsyn)


register(Motestyp, {
    Motestyp.halsovalsmote: ("Hälsovalsmöte", "Hälsovalsmöten"),
    Motestyp.samverkansmote: ("Samverkansmöte", "Samverkansmöten"),
    Motestyp.uppfoljningsmote: ("Uppföljningsmöte", "Uppföljningsmöten"),
})
register(Motesroll, {
    Motesroll.verksamhetschef: ("Verksamhetschef",),
    Motesroll.ersattare: ("Ersättare", "Ersättare för verksamhetschefen"),
    Motesroll.medicinskt_ansvarig: ("Medicinskt ansvarig", "Medicinskt ansvarig läkare"),
    Motesroll.annan: ("Annan",),
})
register(Handlaggare, {
    Handlaggare.samordnare_helgoppen: ("Samordnare för den helgöppna hälsocentralen", "Samordnare helgöppen"),
    Handlaggare.egen_enhet: ("Den egna enheten", "Rapporterande enhet"),
    Handlaggare.annan: ("Annan",),
})
register(Analysansvarig, {
    Analysansvarig.oberoende: ("Oberoende aktör", "Oberoende aktör med likvärdig kompetens"),
    Analysansvarig.verksamhetschef: ("Verksamhetschef", "Verksamhetschefen"),
    Analysansvarig.egen_personal: ("Enhetens egen personal", "Egen personal"),
    Analysansvarig.ingen: ("Ingen händelseanalys", "Ej utförd"),
})
register(Begaranstyp, {
    Begaranstyp.uppfoljning: ("Begäran om uppgifter", "Uppföljning"),
    Begaranstyp.verksamhetsuppfoljning: ("Verksamhetsuppföljning", "Revision", "Granskning"),
    Begaranstyp.utover_planerad: ("Uppgifter utöver planerad uppföljning", "Särskild begäran"),
})
register(Aktivitetstyp, {
    Aktivitetstyp.digital_mottagning_utvardering: ("Utvärdering av den digitala mottagningen", "Årlig utvärdering"),
    Aktivitetstyp.utvecklingsomraden_redovisning: (
        "Redovisning av deltagande inom övriga utvecklingsområden", "Redovisning av utvecklingsarbete",
    ),
    Aktivitetstyp.lakemedelskommitten_besok: (
        "Besök av läkemedelskommitténs informationsläkare och apotekare", "Läkemedelskommitténs besök",
    ),
    Aktivitetstyp.telefontillganglighet_rapport: ("Rapport om telefontillgänglighet", "Telefontillgänglighet"),
    Aktivitetstyp.patientsakerhetsmatning: ("Patientsäkerhetsmätning", "Mätning beslutad av Patientsäkerhetsrådet"),
    Aktivitetstyp.vantetidsrapport: ("Rapport till nationella väntetidsdatabasen", "Väntetidsdatabasen"),
})
register(Godkannande, {
    Godkannande.godkand: ("Godkänd", "Godkänt"),
    Godkannande.avslagen: ("Avslagen", "Inte godkänd"),
    Godkannande.inte_beslutad: ("Inte beslutad", "Pågående", "Väntar på beslut"),
})
register(Tillsynstyp, {
    Tillsynstyp.ivo_beslut: ("Beslut av Inspektionen för vård och omsorg", "IVO-beslut"),
    Tillsynstyp.tillsyn: ("Resultat av tillsyn", "Tillsyn"),
})


@attrs.frozen
class Enhetsuppgifter:
    """What the follow-up records about the unit itself (operator, special assignments, systems
    and reported contacts) for the reporting rules that depend on them."""

    driftform: Driftform | None = optional(
        "Public (the region's own operation, egen regi) or private operator; absent: not reported."
    )
    primarvardsforvaltningen: bool | None = optional(
        "The unit is run by Primärvårdsförvaltningen; absent: not reported."
    )
    digital_mottagning: bool | None = optional(
        "The unit is Primärvårdsförvaltningen's digital reception; absent: not reported."
    )
    bedriver_st_utbildning: bool | None = optional(
        "The unit trains ST physicians (bedriver ST-utbildning); absent: not reported."
    )
    telefoni_utanfor_vaxelplattform: bool | None = optional(
        "The unit's telephone solution lies outside the region's switchboard platform; absent: not reported."
    )
    anvander_primarvardskvalitet: bool | None = optional(
        "The unit uses PrimärvårdsKvalitet; absent: not reported."
    )
    lamnar_data_primarvardskvalitet: bool | None = optional(
        "The unit delivers data to the region's follow-up through PrimärvårdsKvalitet; absent: not reported."
    )
    smittskydd_kontaktperson_anmald: bool | None = optional(
        "The name of the current communicable-disease contact person has been reported to the "
        "Smittskyddsenheten (again after a change of person); absent: not reported."
    )


@attrs.frozen
class Mote:
    """A meeting with the region and who attended it for the unit."""

    typ: Motestyp = field("Kind of meeting (halsovalsmote, samverkansmote, uppfoljningsmote; or its Swedish name).")
    datum: date = field("Day of the meeting.")
    deltagare: tuple[Motesroll, ...] | None = many(
        "Roles in which the unit's people attended (verksamhetschef, ersattare, medicinskt_ansvarig, annan)."
    )


@attrs.frozen
class Handelseanalys:
    """The event analysis (händelseanalys) of a deviation."""

    utford_av: Analysansvarig | None = optional(
        "Who carried it out (oberoende, verksamhetschef, egen_personal, or ingen: none carried out); "
        "absent: not reported."
    )
    likvardig_kompetens: bool | None = optional(
        "The analyst has competence equivalent to the head of operations'; absent: not reported."
    )


@attrs.frozen
class Avvikelse:
    """A deviation (avvikelse) recorded in the deviation system, and what was done with it."""

    datum: date = field("Day the deviation occurred (or, for one received from elsewhere, arrived).")
    avslutad: bool | None = optional("The deviation's handling is closed; absent: not reported.")
    under_helgoppen_tid: bool | None = optional(
        "It occurred during the weekend-open health centre's opening hours or the on-call time; absent: not reported."
    )
    handlagd_av: Handlaggare | None = optional("Who handles it; absent: not reported.")
    avser_verksamhetschef: bool | None = optional(
        "The head of operations is the subject of the deviation; absent: not reported."
    )
    handelseanalys: Handelseanalys | None = optional("Its event analysis; absent: not reported.")
    allvarlig_vardskada: bool | None = optional("It is a serious care injury; absent: not reported.")
    anmald_ivo: bool | None = optional("Reported to IVO (Lex Maria); absent: not reported.")
    allvarlig_handelse: bool | None = optional("It is a serious event; absent: not reported.")
    flera_vardgivare: bool | None = optional(
        "The patient's care in the event involves several care providers; absent: not reported."
    )
    medverkat_gemensam_utredning: bool | None = optional(
        "The unit took part in the joint investigation with the region; absent: not reported."
    )
    fran_annan_vardgivare: bool | None = optional(
        "Received from another care unit or provider; absent: not reported."
    )
    svar_delgivet: bool | None = optional(
        "An answer has been sent to the sending unit; absent: not reported."
    )
    enbart_egen_vardgivare: bool | None = optional(
        "The Lex Maria case concerns only this (private) provider; absent: not reported."
    )
    kopia_till_regionen: bool | None = optional(
        "A copy of the report, the investigation material and the measures was sent to the region; absent: not reported."
    )
    kopia_avidentifierad: bool | None = optional("That copy was de-identified; absent: not reported.")


@attrs.frozen
class Tillsyn:
    """An IVO decision or a supervision result the region must be told of."""

    typ: Tillsynstyp = field("ivo_beslut (IVO's decision in a Lex Maria case) or tillsyn (a supervision's result).")
    datum: date = field("Day of the decision or result.")
    region_informerad: bool | None = optional("The region has been given it; absent: not reported.")


@attrs.frozen
class Aktivitet:
    """A recorded instance of a recurring duty: an evaluation, a report, a visit, a measurement."""

    typ: Aktivitetstyp = field("Which duty (digital_mottagning_utvardering, telefontillganglighet_rapport, ...).")
    datum: date | None = optional("Day it was done or delivered; absent: not done (yet).")
    avser: Period | None = optional("The period it covers (a monthly report's month, a reporting period).")
    senast: date | None = optional("The last day the region announced for it; absent: not reported.")


@attrs.frozen
class Studie:
    """A study (drug trials included) conducted at the unit."""

    startad: date = field("Day the study started at the unit.")
    anmald_ckfu: bool | None = optional("Notified to CKFU; absent: not reported.")
    registrerad_forskningsdatabas: bool | None = optional(
        "Registered in a national research database; absent: not reported."
    )


@attrs.frozen
class Etikansokan:
    """A research-ethics application sent in."""

    inskickad: date = field("Day it was submitted.")
    bedomd_av_ckfu: bool | None = optional("CKFU assessed it; absent: not reported.")
    bedomd: date | None = optional("Day of CKFU's assessment.")


@attrs.frozen
class SpurInspektion:
    """A SPUR inspection initiated by the region."""

    initierad: date = field("Day the region initiated it.")
    medverkat: bool | None = optional("The unit took part; absent: not reported.")


@attrs.frozen
class Planandring:
    """A change of the närområdesplan."""

    datum: date = field("Day of the change.")
    meddelad: bool | None = optional("Reported to the region; absent: not reported.")
    beslut: Godkannande | None = optional("The region's decision (godkand, avslagen, inte_beslutad).")


@attrs.frozen
class NyVardgivare:
    """A new care provider approved in the area (närområde)."""

    verksamhetsstart: date | None = optional("Day the new provider starts; absent: not reported.")
    plan_reviderad: date | None = optional(
        "Day the närområdesplan was revised with the new provider; absent: not revised (yet)."
    )


@attrs.frozen
class Underleverantor:
    """A subcontractor added or changed."""

    start: date | None = optional("Day the subcontractor starts; absent: not reported.")
    meddelad: date | None = optional("Day Beställaren was notified; absent: not notified (yet).")


@attrs.frozen
class Utbudsbegransning:
    """A limitation of the offer (utbudsbegränsning) and what the text requires around it."""

    beslutad: date = field("Day the provider decided the limitation.")
    plan: bool | None = optional(
        "A plan states the measures, which part of the offer is coordinated and with which "
        "hälsocentral, any effect on travel time and how patients are informed; absent: not reported."
    )
    specialist_sakerstalld: bool | None = optional(
        "Access to a specialist in general practice is secured; absent: not reported."
    )
    riskanalys: bool | None = optional(
        "A risk and consequence analysis for patient safety is made; absent: not reported."
    )
    bestallarenheten_informerad: bool | None = optional(
        "Beställarenheten is informed of plan and decision; absent: not reported."
    )
