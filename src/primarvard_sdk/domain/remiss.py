"""Remiss: a referral (vårdbegäran) and what happened to it."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tidpunkt, Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.codes import Avvisningsskal, Remisstyp, Utfall
from primarvard_sdk.domain.people import Person, Utfardare

__all__ = ["Beslut", "Komplettering", "Remiss"]


@attrs.frozen
class Komplettering:
    """A request for completion of a referral."""

    begard: Tidpunkt = field("When completion was requested.")
    inkommen: Tidpunkt | None = optional("When the completion arrived.")


@attrs.frozen
class Beslut:
    """A decision on a referral or listing: the outcome and the reasons given."""

    utfall: Utfall = field("accepterad, avvisad or ko.")
    skal: tuple[Avvisningsskal, ...] | None = many("The reasons given (listning, folkbokforing, listningstak, ...).")
    datum: date | None = optional("Day of the decision.")


@attrs.frozen
class Remiss:
    """Remiss: arrival, kind, issuer, patient, completion requests and the unit's actions."""

    inkom: Tidpunkt = field("When the referral arrived at the unit (date or aware datetime).")
    referens: str | None = optional("Caller-given reference used in results.")
    typ: Remisstyp | None = optional("Kind of referral (standard, vfsp, ...); absent: not reported.")
    patient: Person | None = optional("The patient.")
    utfardare: Utfardare | None = optional("Who issued the referral.")
    mottagande_enhet: str | None = optional("The receiving unit.")
    kompletteringar: tuple[Komplettering, ...] | None = many("Requests for completion.")
    forsta_kontakt: Tidpunkt | None = optional("When the first contact for assessment took place.")
    aterkoppling: Tidpunkt | None = optional("When feedback was given to the patient.")
    bedomd_kan_ej_vanta: bool | None = optional("The unit judged that care cannot wait.")
    beslut: Beslut | None = optional("The unit's decision on the referral.")
    mottagande_bekraftat: bool | None = optional(
        "The receiving unit has confirmed receipt of the referral; false: not (yet) confirmed; absent: not reported."
    )
    tillagg: Tillagg | None = tillagg()
