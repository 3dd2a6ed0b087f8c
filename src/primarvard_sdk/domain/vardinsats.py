"""Care given: deaths and certificates, sampling and analyses, home care, on-call routing,
coordinated individual plans (SIP), rehabilitation and prescriptions.

The facts here hang on a care contact (:class:`~primarvard_sdk.domain.vardkontakt.Vardkontakt`),
one class per field, and a period's visits on :class:`~primarvard_sdk.domain.uppfoljning.Uppfoljning`
(:class:`Besok`). Every fact may be absent: absent means "not reported", and a rule that needs it
answers ``indeterminate`` naming its JSON path. The SIP facts (:class:`Sip`) are written for every
region's SIP rule: the needs that make a SIP due, consent, the offer, the call and the taking part.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

import attrs

from primarvard_sdk.domain._fields import Tidpunkt, many, optional
from primarvard_sdk.domain.codelists import register
from primarvard_sdk.domain.codes import Avvisningsskal, Kontakttyp

__all__ = [
    "Besok",
    "Besoksplats",
    "Dodsfall",
    "Forskrivning",
    "Hemsjukvard",
    "Insats",
    "Laboratorium",
    "Lakemedel",
    "Mottagande",
    "Ordinator",
    "Provtagning",
    "Rehabilitering",
    "Sip",
    "Suicidrisk",
]


class Insats(StrEnum):
    """What the person asked the unit for at the contact (the care effort at stake)."""

    vard = "vard"  #: health care in general (an appointment, an assessment, treatment)
    konstatera_dodsfall = "konstatera_dodsfall"  #: confirming a death and the handling that follows
    vardintyg = "vardintyg"  #: examination and certificate for compulsory psychiatric care (LPT)
    provtagning = "provtagning"  #: (laboratory) sampling
    lakarhembesok = "lakarhembesok"  #: a physician's home visit
    rehabilitering_hemmet = "rehabilitering_hemmet"  #: rehabilitation or habilitation at home
    bvc_lakarinsats = "bvc_lakarinsats"  #: a preventive physician visit in child health care (BVC)


class Besoksplats(StrEnum):
    """Where a visit took place."""

    bvc_mottagning = "bvc_mottagning"  #: the child health care (BVC/BHV) clinic
    bhv_mottagning_familjecentral = "bhv_mottagning_familjecentral"  #: a BVC/BHV clinic at a family centre
    vardcentral = "vardcentral"  #: the unit's clinic, elsewhere than at a BVC clinic
    hemmet = "hemmet"  #: the patient's home
    annan = "annan"  #: another place


class Ordinator(StrEnum):
    """Who ordered a sample taken at the unit."""

    egen_enhet = "egen_enhet"  #: the unit itself
    regiondriven_enhet = "regiondriven_enhet"  #: a region-run care unit
    annan_offentligt_finansierad = "annan_offentligt_finansierad"  #: another publicly funded unit or provider
    privat_finansierad = "privat_finansierad"  #: a privately funded unit or provider


class Laboratorium(StrEnum):
    """Who analysed a sample or performed an examination (laboratory medicine, clinical
    physiology, radiology)."""

    regionen = "regionen"  #: the region's own laboratory medicine, clinical physiology or radiology
    annan = "annan"  #: another laboratory or provider


register(Insats, {
    Insats.vard: ("Hälso- och sjukvård", "Vård", "Medicinskt motiverade hälso- och sjukvårdsinsatser"),
    Insats.konstatera_dodsfall: ("Konstatera dödsfall", "Dödsfall", "Handläggning i samband med dödsfall",
                                 "Dödsbevis"),
    Insats.vardintyg: ("Vårdintyg", "Intyg för tvångsvård", "Intyg för tvångsvård inom psykiatrin"),
    Insats.provtagning: ("Provtagning", "Laboratorieprovtagning"),
    Insats.lakarhembesok: ("Hembesök av läkare", "Läkarbesök i hemmet", "Hembesök"),
    Insats.rehabilitering_hemmet: ("Rehabilitering i hemmet", "Habilitering i hemmet",
                                   "Rehabilitering och habilitering i hemmet"),
    Insats.bvc_lakarinsats: ("Förebyggande läkarinsats i barnhälsovården", "BVC-läkarbesök",
                             "Läkarbesök på BVC"),
})
register(Besoksplats, {
    Besoksplats.bvc_mottagning: ("BVC-mottagningen", "BVC-mottagning", "BHV-mottagning",
                                 "Barnhälsovårdsmottagning", "BVC", "Barnavårdscentral", "Barnavårdscentralen"),
    Besoksplats.bhv_mottagning_familjecentral: ("BHV-mottagning på familjecentral", "Familjecentral",
                                                "BVC på familjecentral", "BHV-mottagning vid familjecentral",
                                                "BVC vid familjecentral"),
    Besoksplats.vardcentral: ("Vårdcentralen", "Hälsocentralen", "Mottagningen"),
    Besoksplats.hemmet: ("Hemmet", "I hemmet", "Hembesök"),
    Besoksplats.annan: ("Annan plats", "Annan"),
})
register(Ordinator, {
    Ordinator.egen_enhet: ("Egen enhet", "Hälsocentralen", "Vårdcentralen"),
    Ordinator.regiondriven_enhet: ("Regiondriven vårdenhet", "Region"),
    Ordinator.annan_offentligt_finansierad: ("Annan vårdenhet eller vårdgivare med offentlig finansiering",
                                             "Offentligt finansierad"),
    Ordinator.privat_finansierad: ("Privat finansierad", "Privat"),
})
register(Laboratorium, {
    Laboratorium.regionen: ("Regionens laboratoriemedicin", "Region Västerbottens laboratoriemedicin",
                              "Regionens klinisk fysiologi", "Regionens radiologi", "Regionen"),
    Laboratorium.annan: ("Annat laboratorium", "Annan"),
})


@attrs.frozen
class Mottagande:
    """How the unit met the person at the contact: what was asked for, whether the unit received the
    person, on what grounds it refused, and the ties that decide whose duty the contact is."""

    insats: Insats | None = optional("What the person asked the unit for (vard, konstatera_dodsfall, provtagning, ...; "
                                     "or its Swedish name). Absent: not reported.")
    mottagen: bool | None = optional(
        "The unit received the person and gave (or booked) what was asked for; false: refused or sent "
        "elsewhere. Absent: not reported."
    )
    skal: Avvisningsskal | None = optional(
        "The reason the unit gave for a refusal (listning = not listed at the unit, folkbokforing, annan_kommun, "
        "...). Absent: not reported."
    )
    akut_behov: bool | None = optional(
        "Judged to need medically motivated health care acutely. Absent: not judged or not reported."
    )
    flykting: bool | None = optional("The person is a refugee (flykting). Absent: not reported.")
    listad_vid_annan_enhet: bool | None = optional(
        "The person is listed at another vård-/hälsocentral than this unit. Absent: not reported."
    )
    bosatt_i_naromradet: bool | None = optional(
        "The person lives in the unit's local area (närområde: the municipality or geographic area where the "
        "unit is located). Absent: not reported."
    )
    vistas_i_naromradet: bool | None = optional(
        "The person stays (temporarily) in the unit's local area. Absent: not reported."
    )
    jourcentral: bool | None = optional(
        "The contact was made with the on-call clinic (jourcentral) or the physician on call of the jour area. "
        "Absent: not reported."
    )
    beredskap: bool | None = optional(
        "The contact calls for the physician on call (läkare i beredskap): an acute home visit, a death to "
        "confirm, an examination for compulsory care. Absent: not reported."
    )
    bosatt_i_jouromradet: bool | None = optional("The person lives in the jour area. Absent: not reported.")
    vistas_i_jouromradet: bool | None = optional(
        "The person stays temporarily in the jour area. Absent: not reported."
    )
    listad_i_jouromradet: bool | None = optional(
        "The person is listed at a vårdcentral in the jour area. Absent: not reported."
    )
    vid_filial: bool | None = optional("The contact was with a filial (branch clinic) of the unit. Absent: not reported.")
    finns_pa_filialen: bool | None = optional(
        "The care the patient needs is offered at the filial. Absent: not reported."
    )
    filialen_oppen: bool | None = optional(
        "The filial was open when the patient needed care. Absent: not reported."
    )
    erbjuden_huvudmottagning: bool | None = optional(
        "The patient was offered care at the main clinic during its ordinary opening hours; false: not offered. "
        "Absent: not reported."
    )


@attrs.frozen
class Dodsfall:
    """A death the unit handles: when it was confirmed, where, and the certificates."""

    konstaterat: Tidpunkt | None = optional("When the death was confirmed (date or aware datetime). Absent: not reported.")
    utanfor_sjukvardsinrattning: bool | None = optional(
        "The death occurred outside a care institution (hospital, other inpatient care). Absent: not reported."
    )
    ansvarig_enligt_naromradesplan: bool | None = optional(
        "The unit is the one responsible for the deceased under the local-area plan (närområdesplan). "
        "Absent: not reported."
    )
    dodsorsaksintyg_av_enheten: bool | None = optional(
        "The unit issued the cause-of-death certificate (dödsorsaksintyg) itself. Absent: not reported."
    )
    ordinarie_lakare_kontaktad: Tidpunkt | None = optional(
        "When the deceased's regular physician was contacted to issue the cause-of-death certificate. "
        "Absent: not (yet) reported."
    )


@attrs.frozen
class Sip:
    """A coordinated individual plan (samordnad individuell plan, SIP) for the patient: the needs that
    make one due, consent, the offer, the call, the taking part and whether it was carried out."""

    behov_hsl: bool | None = optional(
        "Needs efforts under the Health and Medical Services Act (HSL). Absent: not assessed or not reported."
    )
    behov_sol: bool | None = optional(
        "Needs efforts under the Social Services Act (SoL). Absent: not assessed or not reported."
    )
    behov_region: bool | None = optional(
        "Needs efforts from the region (health care). Absent: not assessed or not reported."
    )
    behov_kommun: bool | None = optional(
        "Needs efforts from the municipality (its health care and/or social services). Absent: not reported."
    )
    samordningsbehov: bool | None = optional(
        "Needs coordination of those efforts. Absent: not assessed or not reported."
    )
    flera_aktorer: bool | None = optional(
        "The unit has identified that more than one care actor is needed. Absent: not reported."
    )
    samtycke: bool | None = optional("The person consents to a SIP. Absent: not asked or not reported.")
    erbjuden: bool | None = optional("A SIP was offered to the person; false: not offered. Absent: not reported.")
    kallad: bool | None = optional("The unit (its staff) was called to a SIP. Absent: not reported.")
    initierad: bool | None = optional("The unit called to (initiated) a SIP. Absent: not reported.")
    deltog: bool | None = optional("The unit (its staff) took part in the SIP. Absent: not reported.")
    genomford: bool | None = optional(
        "A SIP (the coordinated individual planning) was carried out; false: not carried out. Absent: not reported."
    )
    genomford_datum: date | None = optional("Day the SIP meeting was held. Absent: not reported.")
    nekad: bool | None = optional(
        "The unit has declared that no SIP will be offered or held for the person although the needs are there "
        "(it refused or decided against one); false: no such declaration (a SIP not yet offered or held is still "
        "to come). The person's own refusal is samtycke false, not this. Absent: not reported."
    )

    @staticmethod
    def needs(plan: Sip | None, *names: str) -> tuple[list[str], list[str]]:
        """Whether a SIP is due on the facts ``names`` (every one must hold): the names reported
        false (then none is due) and the names not reported (of an absent plan: all of them)."""
        values = {n: (getattr(plan, n) if plan is not None else None) for n in names}
        return [n for n, v in values.items() if v is False], [n for n, v in values.items() if v is None]

    def progress(self, done: str) -> Literal["done", "refused", "open"] | None:
        """The state of a SIP that is due, ``done`` naming the fact that meets the duty (``erbjuden``,
        ``genomford``): ``done`` when it holds, ``refused`` when the unit has declared that none will be
        (``nekad``), ``open`` when it is reported not (yet) met, ``None`` when that is not reported."""
        if getattr(self, done):
            return "done"
        if self.nekad:
            return "refused"
        if getattr(self, done) is None:
            return None
        return "open"


@attrs.frozen
class Provtagning:
    """A sample taken, or asked to be taken, at the unit: who ordered it and where it was analysed."""

    ordinerad_av: Ordinator | None = optional(
        "Who ordered the sample (egen_enhet, regiondriven_enhet, annan_offentligt_finansierad, "
        "privat_finansierad; or its Swedish name). Absent: not reported."
    )
    specialistvardens_patient: bool | None = optional(
        "The patient is a patient of other specialist care, who ordered the sample. Absent: not reported."
    )
    i_avtalet: bool | None = optional(
        "The analysis asked for is among those the unit has undertaken by agreement to provide (taking the "
        "sample is always included; the agreement limits the analyses). Absent: not reported."
    )
    provet_taget: bool | None = optional(
        "The unit took the sample; false: it refused the sampling itself (or sent the patient elsewhere for it). "
        "Absent: not reported."
    )
    smittsparning: bool | None = optional("The sample is taken in contact tracing (smittspårning). Absent: not reported.")
    analyserad_av: Laboratorium | None = optional(
        "Who analysed it or performed the examination (regionen: the region's own laboratory medicine, clinical "
        "physiology or radiology; annan). Absent: not reported."
    )
    anvisat_laboratorium: bool | None = optional(
        "The laboratory that analysed it is one the region designated. Absent: not reported."
    )


@attrs.frozen
class Hemsjukvard:
    """Home health care and the grounds for home visits."""

    har_hemsjukvard: bool | None = optional("The patient has home health care (hemsjukvård). Absent: not reported.")
    kan_ej_besoka_enheten: bool | None = optional(
        "Because of serious illness or physical/mental disability the patient cannot come to the unit without "
        "great staffing and technical problems. Absent: not assessed or not reported."
    )
    registrerad: bool | None = optional(
        "Registered as a recipient of home health care. Absent: not reported."
    )
    vardplan: bool | None = optional("Has a documented care plan. Absent: not reported.")


@attrs.frozen
class Rehabilitering:
    """A rehabilitation (or habilitation) episode at the unit and its plan."""

    pagaende: bool | None = optional("The patient is in rehabilitation at the unit. Absent: not reported.")
    plan_med_patienten: bool | None = optional(
        "An individual rehabilitation plan was drawn up together with the patient. Absent: not reported."
    )
    plan_i_journalen: bool | None = optional(
        "The individual rehabilitation plan is documented in the journal. Absent: not reported."
    )
    plan_nekad: bool | None = optional(
        "The unit has declared that no individual rehabilitation plan will be drawn up with the patient or "
        "documented (it refused or decided against one); false: no such declaration (a plan not yet drawn up or "
        "documented is still to come). Absent: not reported."
    )
    buh_ansvar: bool | None = optional(
        "The habilitation falls within the responsibility of Barn- och ungdomshabiliteringen. Absent: not reported."
    )


@attrs.frozen
class Forskrivning:
    """One prescription of a medicine or a medicine-related aid."""

    forskrivarkod_klartext: bool | None = optional("The prescriber code is given in plain text. Absent: not reported.")
    forskrivarkod_streckkod: bool | None = optional("The prescriber code is given as a bar code. Absent: not reported.")
    arbetsplatskod_klartext: bool | None = optional("The workplace code is given in plain text. Absent: not reported.")
    arbetsplatskod_streckkod: bool | None = optional("The workplace code is given as a bar code. Absent: not reported.")


@attrs.frozen
class Lakemedel:
    """Medication at the contact: prescriptions, a change of prescription and the medication list."""

    forskrivningar: tuple[Forskrivning, ...] | None = many("Prescriptions made at the contact.")
    ordinationsandring: bool | None = optional(
        "The contact changed the patient's prescriptions (ordinationsändring). Absent: not reported."
    )
    lista_uppdaterad: bool | None = optional(
        "The medication list in the patient journal was updated. Absent: not reported."
    )
    lista_erbjuden: bool | None = optional("The medication list was offered to the patient. Absent: not reported.")


@attrs.frozen
class Suicidrisk:
    """Suspected suicide risk at the contact and its assessment."""

    misstanke: bool | None = optional("Suicide risk was suspected. Absent: not reported.")
    klinisk_bedomning: bool | None = optional(
        "A clinical suicide-risk assessment was made within primary care. Absent: not reported."
    )


@attrs.frozen
class Besok:
    """One visit in a follow-up period."""

    typ: Kontakttyp | None = optional(
        "Kind of visit (besok: at the unit; hembesok, digital, ...). Absent: not reported."
    )
    datum: date | None = optional("Day of the visit. Absent: not reported.")
    avtalad_adress: bool | None = optional(
        "Held at the address named in the unit's agreement. Absent: not reported."
    )
    video_lamplig: bool | None = optional(
        "Medically, the visit could be held as a video visit. Absent: not assessed or not reported."
    )
    video_erbjuden: bool | None = optional(
        "A video visit was offered to the patient as an alternative to a physical visit. Absent: not reported."
    )

