"""Åtkomst: how a unit is reached and booked, how it plans its on-call duty and local area, and
what it records about telling others of a limited day. The types attach to ``Tillganglighet``,
``Jourcentral``, ``AvvikandeDag`` and ``Vardenhet``; their code lists carry the rulebooks' own
spellings as aliases."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from primarvard_sdk.domain._fields import many, optional
from primarvard_sdk.domain.codelists import register

__all__ = [
    "Avtalsvillkor",
    "Begransningsinformation",
    "Beslutsstod",
    "Bokningskanal",
    "JourBeredskapsplan",
    "Jourplaninnehall",
    "Naromradesatagande",
    "Naromradesplan",
    "Samverkanskanal",
    "Stangningsorsak",
    "UtanforOppettid",
]


class Bokningskanal(StrEnum):
    """A way an appointment can be booked."""

    natet = "natet"  #: a web booking on the unit's own site
    e_tjanst_1177 = "e_tjanst_1177"  #: 1177's e-services (formerly Mina vårdkontakter)
    telefon = "telefon"
    fysiskt_besok = "fysiskt_besok"  #: in person at the unit
    radgivning_1177 = "radgivning_1177"  #: through the health-care advice service 1177 (telephone)
    annan = "annan"


register(Bokningskanal, {
    Bokningskanal.natet: ("Via nätet", "Nätet", "Webben", "Webbtidbok"),
    Bokningskanal.e_tjanst_1177: (
        "1177 e-tjänster", "1177 Mina vårdkontakter", "Mina vårdkontakter", "1177 Vårdguidens e-tjänster",
    ),
    Bokningskanal.telefon: ("Telefon", "Per telefon", "Via telefon"),
    Bokningskanal.fysiskt_besok: (
        "Fysiskt besök", "Fysiskt besök på vårdenheten", "Fysiskt besök på hälsocentralen",
    ),
    Bokningskanal.radgivning_1177: ("Sjukvårdsrådgivningen 1177", "1177", "1177 på telefon", "Sjukvårdsrådgivningen"),
    Bokningskanal.annan: ("Annan kanal", "Annan"),
})


class Samverkanskanal(StrEnum):
    """A way collaboration partners reach the unit."""

    telefon = "telefon"
    funktionsbrevlada = "funktionsbrevlada"  #: a shared (function) mailbox
    annan = "annan"


register(Samverkanskanal, {
    Samverkanskanal.telefon: ("Telefon", "Över telefon"),
    Samverkanskanal.funktionsbrevlada: ("Funktionsbrevlåda", "Via funktionsbrevlåda", "Funktionsbrevlådan"),
    Samverkanskanal.annan: ("Annan kanal", "Annan"),
})


class Stangningsorsak(StrEnum):
    """Why a unit is temporarily closed (or otherwise deviates from its availability)."""

    sjukdom = "sjukdom"
    semester = "semester"
    utbildning = "utbildning"
    planering = "planering"  #: a planning day
    kompetensbortfall = "kompetensbortfall"  #: a long loss of competence
    annan = "annan"


register(Stangningsorsak, {
    Stangningsorsak.sjukdom: ("Sjukdom",),
    Stangningsorsak.semester: ("Semester",),
    Stangningsorsak.utbildning: ("Utbildning", "Utbildningsdag", "Utbildningsdagar"),
    Stangningsorsak.planering: ("Planering", "Planeringsdag", "Planeringsdagar"),
    Stangningsorsak.kompetensbortfall: ("Kompetensbortfall", "Långvarigt kompetensbortfall"),
    Stangningsorsak.annan: ("Annan orsak", "Annan"),
})


class Beslutsstod(StrEnum):
    """The decision support used for health-care advice."""

    rgs_webb = "rgs_webb"
    annat = "annat"


register(Beslutsstod, {
    Beslutsstod.rgs_webb: ("RGS Webb", "RGS", "RGSWebb"),
    Beslutsstod.annat: ("Annat beslutsstöd", "Annat"),
})


class Avtalsvillkor(StrEnum):
    """A term a collaboration agreement between care providers regulates."""

    avtalstid = "avtalstid"
    uppsagning = "uppsagning"
    avslut = "avslut"
    overgang_ny_vardgivare = "overgang_ny_vardgivare"  #: how patients move to a new provider


register(Avtalsvillkor, {
    Avtalsvillkor.avtalstid: ("Avtalstid",),
    Avtalsvillkor.uppsagning: ("Uppsägning",),
    Avtalsvillkor.avslut: ("Avslut",),
    Avtalsvillkor.overgang_ny_vardgivare: (
        "Övergång till ny vårdgivare", "Övergången till ny vårdgivare",
    ),
})


class Jourplaninnehall(StrEnum):
    """What a jour- och beredskapsplan states."""

    oppettider = "oppettider"  #: the jourcentral's opening hours
    bemanningsplan = "bemanningsplan"
    samverkan = "samverkan"  #: any collaboration, including weekend district-nurse clinics
    huvudansvarig = "huvudansvarig"  #: who is mainly responsible for the jour
    adress_om_annan = "adress_om_annan"  #: the address, where it differs from the ordinary one


register(Jourplaninnehall, {
    Jourplaninnehall.oppettider: ("Jourcentralens öppettider", "Öppettider"),
    Jourplaninnehall.bemanningsplan: ("Bemanningsplan",),
    Jourplaninnehall.samverkan: ("Samverkan", "Eventuell samverkan", "Distriktssköterskemottagning på helger"),
    Jourplaninnehall.huvudansvarig: ("Huvudansvarig", "Huvudansvarig för jourverksamheten"),
    Jourplaninnehall.adress_om_annan: ("Adress", "Adress om annan än för ordinarie verksamhet"),
})


class Naromradesatagande(StrEnum):
    """A common commitment shared out through the närområdesplan (Värmland 1.2.13, items 1–10)."""

    kommunal_halso_och_sjukvard = "kommunal_halso_och_sjukvard"
    dodsbevis_och_vardintyg = "dodsbevis_och_vardintyg"
    folkhalsoarbete = "folkhalsoarbete"
    samverkansforum = "samverkansforum"
    jour_och_beredskap = "jour_och_beredskap"
    barnhalsovard = "barnhalsovard"
    familjecentral = "familjecentral"
    barnmorskemottagning = "barnmorskemottagning"
    ungdomsmottagning = "ungdomsmottagning"
    rehabilitering = "rehabilitering"


register(Naromradesatagande, {
    Naromradesatagande.kommunal_halso_och_sjukvard: ("Kommunal hälso- och sjukvård", "1"),
    Naromradesatagande.dodsbevis_och_vardintyg: ("Dödsbevis och vårdintyg", "2"),
    Naromradesatagande.folkhalsoarbete: (
        "Befolkningsinriktat hälsofrämjande och förebyggande arbete", "Folkhälsoarbete", "3",
    ),
    Naromradesatagande.samverkansforum: ("Samverkansforum i närområdet", "Samverkansforum", "4"),
    Naromradesatagande.jour_och_beredskap: ("Jour och beredskap inom närområdet", "Jour och beredskap", "5"),
    Naromradesatagande.barnhalsovard: ("Barnhälsovård", "6"),
    Naromradesatagande.familjecentral: ("Familjecentral", "7"),
    Naromradesatagande.barnmorskemottagning: ("Barnmorskemottagning", "8"),
    Naromradesatagande.ungdomsmottagning: ("Ungdomsmottagning", "9"),
    Naromradesatagande.rehabilitering: ("Rehabilitering", "10"),
})


@attrs.frozen
class JourBeredskapsplan:
    """The unit's jour- och beredskapsplan: how its on-call duty (including the physician on call)
    is solved."""

    finns: bool | None = optional("A jour- och beredskapsplan exists; absent: not reported.")
    innehall: tuple[Jourplaninnehall, ...] | None = many(
        "What the plan states (oppettider, bemanningsplan, samverkan, huvudansvarig, adress_om_annan)."
    )
    samverkan: bool | None = optional(
        "The jour is solved in collaboration with others (including district-nurse clinics at weekends); "
        "absent: not reported."
    )
    annan_adress: bool | None = optional(
        "The jour is run at another address than the unit's ordinary one; absent: not reported."
    )


@attrs.frozen
class Naromradesplan:
    """The joint local-area plan (närområdesplan) the unit takes part in."""

    finns: bool | None = optional("A joint närområdesplan for the unit's area exists; absent: not reported.")
    fordelade_ataganden: tuple[Naromradesatagande, ...] | None = many(
        "The common commitments whose split between the providers the plan states."
    )
    mbt_medverkan: bool | None = optional(
        "The plan states how professions outside the unit (e.g. a physiotherapist) take part in its "
        "medical assessment team (MBT); absent: not reported."
    )


@attrs.frozen
class Begransningsinformation:
    """What the unit did to tell others of one day of limited opening. A day field absent means
    that this was not done (the object itself absent: nothing reported)."""

    telefonsvarare: date | None = optional(
        "Day the answering machine began to tell of the limited opening; absent: not done."
    )
    telefonsvarare_namnger_halsocentral: bool | None = optional(
        "The answering machine tells callers which hälsocentral they are referred to; absent: not reported."
    )
    kontaktkort_1177: date | None = optional(
        "Day the unit's 1177.se contact card began to show the limited opening; absent: not done."
    )
    bestallarenheten: date | None = optional(
        "Day the region's commissioning unit (Beställarenheten) was informed; absent: not done."
    )


@attrs.frozen
class UtanforOppettid:
    """How the unit meets its responsibility outside its ordinary opening hours."""

    lakarinsatser: bool | None = optional(
        "Acute and planned physician input outside ordinary opening hours is arranged (own or "
        "coordinated); absent: not reported."
    )
    distriktsskoterskemottagning: bool | None = optional(
        "Planned district-nurse clinic input outside ordinary opening hours is arranged; absent: not reported."
    )
    samordnad_med: str | None = optional(
        "The other unit the out-of-hours work is coordinated with; absent: the unit does it alone."
    )
    samordnad_med_i_halsoval: bool | None = optional(
        "That other unit is a hälsocentral active in the region's care-choice system; absent: not reported."
    )
