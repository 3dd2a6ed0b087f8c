"""People: the person a rule is about (patient, resident) and the staff of a care unit."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import field, many, optional
from primarvard_sdk.domain.codes import (
    Funktion,
    Kon,
    Lan,
    Specialitet,
    Uppdrag,
    Utbildningsomrade,
    Vistelsestatus,
    Yrke,
)
from primarvard_sdk.domain.common import Period
from primarvard_sdk.domain.kompetens import (
    Fotvardsutbildning,
    Handledning,
    InforSt,
    Kompetensbevis,
    OffentligErsattning,
    Rollbyte,
    Utbildningstjanst,
)
from primarvard_sdk.personnummer import Personnummer

__all__ = ["Medarbetare", "Person", "Utbildning", "Utfardare", "full_years"]


def full_years(born: date, reference: date) -> int:
    """Age in full years on ``reference``. Born 29 February: a year older on 1 March."""
    return reference.year - born.year - ((reference.month, reference.day) < (born.month, born.day))


@attrs.frozen
class Person:
    """Person (patient, invånare). Personal data here is never echoed in any output.

    Results refer to the person by ``referens`` (a caller-given reference) or a masked form.
    """

    referens: str | None = optional("Caller-given reference used in results instead of identity.")
    personnummer: Personnummer | None = optional(
        "Personnummer or samordningsnummer (10 or 12 digits). Personal data.", personal=True
    )
    fodelsedatum: date | None = optional(
        "Birth date, when no personnummer is given. Personal data.", personal=True
    )
    kon: Kon | None = optional("Legal sex; taken from the personnummer when absent.")
    namn: str | None = optional("Name. Personal data: never read by a rule.", personal=True)
    adress: str | None = optional(
        "Registered address. Personal data: never read by a rule.", personal=True
    )
    folkbokford_i_sverige: bool | None = optional("Registered (folkbokförd) in Sweden.")
    folkbokford_lan: Lan | None = optional(
        "County of registration (kalmar, varmland, vasterbotten, stockholm, ...; or its Swedish name)."
    )
    kommun: str | None = optional("Municipality of the registered address.")
    nyckelkodsomrade: str | None = optional(
        "Geographic area (nyckelkodsområde) of the registered address."
    )
    vistelsestatus: Vistelsestatus | None = optional("Residence status for the right to care.")
    skyddade_personuppgifter: bool | None = optional(
        "The person has protected personal data (skyddade personuppgifter)."
    )

    def birth_date(self, reference: date) -> date | None:
        """Birth date from ``fodelsedatum`` or the personnummer (century against ``reference``)."""
        if self.fodelsedatum is not None:
            return self.fodelsedatum
        if self.personnummer is not None:
            return self.personnummer.birth_date(reference)
        return None

    def age_on(self, reference: date) -> int | None:
        """Full years on ``reference``; ``None`` when neither birth date nor personnummer is known."""
        if self.fodelsedatum is None and self.personnummer is not None:
            return self.personnummer.age_on(reference)
        born = self.birth_date(reference)
        return None if born is None else full_years(born, reference)

    def sex(self) -> Kon | None:
        """``kon`` when given, else from the personnummer."""
        if self.kon is not None:
            return self.kon
        if self.personnummer is not None:
            return Kon(self.personnummer.sex)
        return None


@attrs.frozen
class Utbildning:
    """A training a staff member has started or completed."""

    omrade: Utbildningsomrade = field("What the training is in.")
    paborjad: date | None = optional("Date the training started.")
    avslutad: date | None = optional("Date the training was completed.")
    hogskolepoang: float | None = optional("Higher-education credits (högskolepoäng).", minimum=0)


@attrs.frozen
class Medarbetare:
    """Staff member (medarbetare) of a care unit."""

    id: str = field("Caller-given staff reference, unique within the unit.")
    namn: str | None = optional("Name. Personal data: only its presence is read.", personal=True)
    yrke: Yrke | None = optional("Profession.")
    legitimerad: bool | None = optional("Holds a Swedish licence (legitimation) for the profession.")
    specialiteter: tuple[Specialitet, ...] | None = many("Specialist qualifications held.")
    st_specialitet: Specialitet | None = optional(
        "Specialty the physician is in specialist training (ST) for."
    )
    handledning: bool | None = optional("Works under supervision (handledning).")
    godkand_av_handledare: bool | None = optional(
        "An ST physician approved by the supervisor for the task (e.g. on-call duty)."
    )
    godkand_av_ako: bool | None = optional(
        "A physician of another specialty approved by the AKO function for on-call duty."
    )
    utbildningar: tuple[Utbildning, ...] | None = many("Trainings started or completed.")
    tjanstgoringsgrad: float | None = optional(
        "Service level as a fraction of full time (1.0 = heltid).", minimum=0, maximum=2
    )
    anstallning_start: date | None = optional(
        "Date the employment started; a start after the day judged means not yet in service there "
        "(see verksam)."
    )
    funktioner: tuple[Funktion, ...] | None = many("Named functions the person holds.")
    uppdrag: tuple[Uppdrag, ...] | None = many("Work areas the person serves in.")
    samlokaliserad: bool | None = optional("Works co-located at the unit's clinic.")
    fortbildning_erbjudna: int | None = optional(
        "Further-training meetings of the professional network offered this year.", minimum=0
    )
    fortbildning_deltagna: int | None = optional(
        "Further-training meetings attended this year.", minimum=0
    )
    # Staff, competence and supervision (the kompetens facts; see primarvard_sdk.domain.kompetens).
    patientkontakt: bool | None = optional(
        "Has contact with residents, patients or relatives; absent: not reported."
    )
    talar_svenska: bool | None = optional("Speaks and understands Swedish; absent: not reported.")
    patientsakerhetsutbildning: bool | None = optional(
        "Has completed Socialstyrelsen's digital patient-safety training with a pass; false: not completed "
        "or not passed; absent: not reported."
    )
    verksam: Period | None = optional(
        "The period the person works at the unit (till absent: ongoing; its last day still counts). "
        "Staff rules count only members in service on the day judged: a period that does not cover "
        "the day (or an anstallning_start after it) leaves the member out; absent, with no "
        "anstallning_start either: read as in service (the unit's personal list is its staff)."
    )
    offentlig_ersattning: tuple[OffentligErsattning, ...] | None = many(
        "Periods of compensation under the national tariff or other public funding."
    )
    kompetensbevis: Kompetensbevis | None = optional(
        "Delivery of the proof of competence for the employment start; absent: not reported."
    )
    rollbyten: tuple[Rollbyte, ...] | None = many("Changed posts and new professional roles within the unit.")
    handledningen: Handledning | None = optional(
        "The supervision the person receives and who gives it; absent: not reported."
    )
    utbildningstjanst: Utbildningstjanst | None = optional(
        "A physician's training post: at, bt, st or ingen; absent: not reported."
    )
    infor_st: InforSt | None = optional(
        "For an ST/BT physician: the inför-ST approval and the placement approval; absent: not reported."
    )
    bhv_overlakare_kontakt: bool | None = optional(
        "Contact with the chief physician of child health care (barnhälsovårdsöverläkaren) is "
        "established; absent: not reported."
    )
    hjalpmedelsforskrivare: bool | None = optional("Prescribes aids (hjälpmedel); absent: not reported.")
    forskrivarutbildning: bool | None = optional(
        "Has completed the prescriber training for aids (förskrivarutbildning); absent: not reported."
    )
    kompetensutvecklingsplan: bool | None = optional(
        "Has an individual competence-development plan documenting their training; absent: not reported."
    )
    klinisk_handledare: bool | None = optional(
        "Serves as clinical supervisor (klinisk handledare) for students or trainees; absent: not reported."
    )
    handledarutbildning: bool | None = optional(
        "Has an approved supervisor training (handledarutbildning); absent: not reported."
    )
    forsakringsmedicin_utbildning: bool | None = optional(
        "Takes part in the region's training in insurance medicine; absent: not reported."
    )
    medicinsk_fotvard: bool | None = optional("Performs medical foot care; absent: not reported.")
    fotvardsutbildning: Fotvardsutbildning | None = optional(
        "Trainings for medical foot care; absent: not reported."
    )

    def i_tjanst(self, day: date) -> bool:
        """Whether the member is in service at the unit on ``day`` (the one definition every staff
        rule uses): not when the period at the unit (``verksam``) does not cover the day (begun
        after it, or ended before it; ``till`` absent: ongoing, its last day still counts), nor when
        the employment starts (``anstallning_start``) after it. Neither reported: in service, as the
        unit's ``personal`` list is its staff."""
        if self.anstallning_start is not None and self.anstallning_start > day:
            return False
        if self.verksam is not None:
            return self.verksam.fran <= day and (self.verksam.till is None or self.verksam.till >= day)
        return True

    def has_training(self, lowest: Utbildningsomrade) -> bool | None:
        """Has a training in ``lowest`` or a higher level of it ("lägst steg 1" is met by steg 2);
        ``None`` when the trainings are not reported."""
        from primarvard_sdk.domain.codelists import meets_level

        if self.utbildningar is None:
            return None
        return any(meets_level(u.omrade, lowest) for u in self.utbildningar)


@attrs.frozen
class Utfardare:
    """The issuer of a referral, or a person's designated care contact."""

    yrke: Yrke | None = optional("Profession.")
    legitimerad: bool | None = optional("Holds a Swedish licence for the profession.")
    specialiteter: tuple[Specialitet, ...] | None = many("Specialist qualifications held.")
    lan: Lan | None = optional("County (län) of the issuing unit.")
    enhet_id: str | None = optional("Issuing unit.")
