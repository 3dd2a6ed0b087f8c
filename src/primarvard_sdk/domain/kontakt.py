"""Duties at a care contact: interpreter, patient fee, vaccination, child health care, ambulance
call-backs, the patient's hälsoval listing, placement by Migrationsverket and the journal template.

The facts here hang on a care contact (:class:`~primarvard_sdk.domain.vardkontakt.Vardkontakt`).
Every fact may be absent: absent means "not reported", and a rule that needs it answers
``indeterminate`` naming its JSON path; a list that is reported empty (``[]``) means "none".
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import attrs

from primarvard_sdk.domain._fields import optional
from primarvard_sdk.domain.codelists import register

__all__ = [
    "Ambulansbedomning",
    "Barnhalsovard",
    "Halsovalslistning",
    "Journalmall",
    "Migrantplacering",
    "Patientavgift",
    "Tolk",
    "Tolkbehov",
    "Tolkleverantor",
    "Vaccination",
    "belopp",
    "kronor",
]


class Tolkbehov(StrEnum):
    """Whether, and which, interpreter the patient needs at the contact."""

    inget = "inget"  #: no interpreter needed
    sprak = "sprak"  #: does not understand or cannot express themselves in Swedish: a language interpreter
    #: deaf, deafblind, hard of hearing or deafened (or a hearing person who needs one to talk with them):
    #: a sign-language, deafblind or deafened-adult interpreter
    horsel = "horsel"


class Tolkleverantor(StrEnum):
    """Who supplied the interpreter."""

    #: an interpreter or interpreting agency the region has an agreement with (the supplier the region appoints)
    regionens_avtal = "regionens_avtal"
    #: the region's own interpreting centre, whatever the region calls it (tolkcentralen in Kalmar län,
    #: Tolkcentralen i Umeå in Västerbotten)
    tolkcentralen = "tolkcentralen"
    annan = "annan"  #: another supplier, outside the region's agreement


class Journalmall(StrEnum):
    """The journal template a contact was documented in."""

    suicidriskbedomning = "suicidriskbedomning"  #: the template Suicidriskbedömning (Cosmic)
    annan = "annan"  #: another template
    ingen = "ingen"  #: not (yet) documented


register(Tolkbehov, {
    Tolkbehov.inget: ("Inget tolkbehov", "Ingen tolk behövs", "Inget"),
    Tolkbehov.sprak: ("Språktolk", "Behov av språktolk", "Förstår inte svenska"),
    Tolkbehov.horsel: ("Teckenspråkstolk", "Vuxendövtolk", "Dövblindtolk", "Tolk för döva och hörselskadade",
                       "Hörselskada", "Teckenspråk", "Teckenspråkstolkning"),
})
register(Tolkleverantor, {
    Tolkleverantor.regionens_avtal: ("Tolkförmedling med avtal", "Avtalad tolkförmedling",
                                     "Leverantör som regionen anvisar", "Regionens avtal"),
    Tolkleverantor.tolkcentralen: ("Tolkcentralen", "Tolkcentralen i Umeå", "Regionens tolkcentral"),
    Tolkleverantor.annan: ("Annan leverantör", "Annan tolkförmedling", "Annan"),
})
register(Journalmall, {
    Journalmall.suicidriskbedomning: ("Suicidriskbedömning", "Mallen Suicidriskbedömning"),
    Journalmall.annan: ("Annan mall", "Annan"),
    Journalmall.ingen: ("Ingen dokumentation", "Ej dokumenterad", "Ingen"),
})


@attrs.frozen
class Tolk:
    """The patient's need of an interpreter at the contact and the interpreter arranged."""

    behov: Tolkbehov | None = optional(
        "The interpreter the patient needs (inget, sprak: a language interpreter, horsel: a sign-language, "
        "deafblind or deafened-adult interpreter; or its Swedish name). Absent: not assessed or not reported."
    )
    ordnad: bool | None = optional(
        "An interpreter was arranged for the contact; false: none was arranged. Absent: not reported."
    )
    leverantor: Tolkleverantor | None = optional(
        "Who supplied the interpreter (regionens_avtal, tolkcentralen, annan). Absent: not reported."
    )


#: One öre: the smallest part of a sum of money in kronor.
_ORE = Decimal("0.01")


def belopp(kronor: float) -> Decimal:
    """A sum of money in kronor as the exact amount in kronor and öre it stands for.

    A fee is a sum of money, so it has whole öre: the number given (a JSON number, possibly carrying
    binary floating-point noise such as 0.30000000000000004) is read as its shortest decimal spelling
    and put to whole öre. That is the representation of the sum, not a rounding any rulebook adds;
    two fees are equal when they are the same number of öre.
    """
    return Decimal(str(kronor)).quantize(_ORE)


def kronor(amount: Decimal, point: str = ",") -> str:
    """A sum of money as written in a result: "200 kr", "199,50 kr" (``point="."``: "199.50 kr")."""
    whole = amount == amount.to_integral_value()
    return (f"{amount:.0f}" if whole else f"{amount:.2f}".replace(".", point)) + " kr"


@attrs.frozen
class Patientavgift:
    """The patient fee of the contact: what was charged and what the region's decision sets."""

    uttagen: float | None = optional(
        "The fee charged for the contact, a sum of money in kronor with öre (0: none charged). Absent: not "
        "reported.",
        minimum=0,
    )
    beslutad: float | None = optional(
        "The fee the region's decision (its Avgiftshandbok) sets for this kind of contact and this patient on the "
        "contact day, a sum of money in kronor with öre (0: free of charge, e.g. high-cost protection). The "
        "amounts are not in the rulebook; the caller gives the one in force. Absent: not reported.",
        minimum=0,
    )

    @staticmethod
    def amounts(fee: Patientavgift | None) -> tuple[Decimal, Decimal] | list[str]:
        """The fee charged and the decided fee as sums of money in whole öre (:func:`belopp`), or,
        when either is not reported, the JSON paths of those not reported."""
        missing = [f"$.patientavgift.{name}" for name in ("uttagen", "beslutad") if getattr(fee, name, None) is None]
        if missing:
            return missing
        assert fee is not None and fee.uttagen is not None and fee.beslutad is not None
        return belopp(fee.uttagen), belopp(fee.beslutad)


@attrs.frozen
class Vaccination:
    """A vaccination at the contact."""

    utford: bool | None = optional(
        "A vaccination was given at the contact; false: none was given. Absent: not reported."
    )
    registrerad: bool | None = optional(
        "The vaccination given is registered in the region's procured vaccination system; false: not "
        "registered there. Absent: not reported."
    )
    nekad_av_enheten: bool | None = optional(
        "The unit declined to give the vaccination asked for (not the patient declining); false: it did not "
        "(it offered it and gave or booked it). Absent: not reported."
    )


@attrs.frozen
class Barnhalsovard:
    """What the contact is in child health care (barnhälsovård, BHV)."""

    halsoundersokning: bool | None = optional(
        "The contact is a health examination under the child health programme (Barnhälsovårdsprogrammet); "
        "false: it is not. Absent: not reported."
    )
    teambesok: bool | None = optional(
        "The contact is one of the physician's team visits in child health care (at 4 weeks, 6 and 12 months "
        "and 3 years); false: it is not. Absent: not reported."
    )


@attrs.frozen
class Ambulansbedomning:
    """A patient the ambulance staff judged able to stay at home, and the unit's call-back."""

    kan_stanna_hemma: bool | None = optional(
        "Ambulance staff judged that the patient can stay at home (and handed the patient over to the unit); "
        "false: they did not. Absent: not reported."
    )
    uppringd: bool | None = optional(
        "The unit has called the patient back; false: not (yet) called back. Absent: not reported."
    )


@attrs.frozen
class Halsovalslistning:
    """The patient's listing in the region's hälsoval (primary care): at which unit, and where it is."""

    listad: bool | None = optional(
        "The patient is listed at a hälsoval unit in the region; false: listed at none. Absent: not reported."
    )
    enhet_id: str | None = optional("The hälsoval unit the patient is listed at. Absent: not reported.")
    ort: str | None = optional(
        "The locality (ort) where that hälsoval unit is located. Absent: not reported."
    )


@attrs.frozen
class Migrantplacering:
    """A person's placement by Migrationsverket (asylum seekers and others it places)."""

    placerad_av_migrationsverket: bool | None = optional(
        "The person is placed by Migrationsverket (an asylum seeker or another person it places); false: not. "
        "Absent: not reported."
    )
    nyckelkodsomrade: str | None = optional(
        "The geographic area (nyckelkodsområde) of the placement address. Absent: not reported."
    )

