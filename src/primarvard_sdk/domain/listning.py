"""Listning: a listing event — a person choosing, or being assigned, a care unit."""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_sdk.domain._fields import Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.codes import Kanal, SarskiltSkal, ValtAv, Valtyp
from primarvard_sdk.domain.common import Period
from primarvard_sdk.domain.people import Person, Utfardare
from primarvard_sdk.domain.remiss import Beslut
from primarvard_sdk.domain.val import (
    Blankettyp,
    Boende,
    Inskrivning,
    Kontinuitet,
    Listningshandelse,
)

__all__ = ["Kandidat", "Listning", "Listningslage"]


@attrs.frozen
class Kandidat:
    """A candidate unit for non-choice assignment."""

    enhet_id: str = field("The unit.")
    kommun: str | None = optional("Municipality of the unit.")
    vagavstand_km: float | None = optional(
        "Road distance from the person's registered address, km.", minimum=0
    )
    nyckelkodsomraden: tuple[str, ...] | None = many("Geographic areas the unit is responsible for.")
    ar_filial: bool | None = optional("The candidate is a branch clinic.")


@attrs.frozen
class Listningslage:
    """The receiving unit's cap and stop state on the listing day."""

    tak: int | None = optional("Granted listing cap; absent when none.", minimum=0)
    listade: int | None = optional("Listed persons on the listing day.", minimum=0)
    stopp: Period | None = optional("A granted listing stop.")


@attrs.frozen
class Listning:
    """Listning: who lists where, how and when, earlier changes and the unit's cap/stop state."""

    referens: str | None = optional("Caller-given reference used in results.")
    person: Person | None = optional("The person listing (or being assigned).")
    enhet_id: str | None = optional("The unit chosen or assigned.")
    enhet_ar_filial: bool | None = optional("The chosen unit is a branch clinic (filial).")
    enhet_huvudmottagning: str | None = optional(
        "The main clinic (huvudmottagning) of the chosen unit when it is a filial."
    )
    datum: date | None = optional("Listing date.")
    valtyp: Valtyp | None = optional("How the listing came about.")
    valt_av: ValtAv | None = optional("Who made an active choice.")
    kanal: Kanal | None = optional("Channel of the choice.")
    blankett_undertecknad: bool | None = optional("The listing form is signed by the resident.")
    blankett_inkom: date | None = optional("Day the signed form arrived.")
    blankett_gallrad: date | None = optional("Day the form was disposed of.")
    tidigare_byten: tuple[date, ...] | None = many(
        "Days of the person's earlier changes of unit; absent when unknown."
    )
    sarskilda_skal: tuple[SarskiltSkal, ...] | None = many(
        "Special reasons for an extra change (byte_av_bostadsort, folja_vardkontakt, ...)."
    )
    kollektiv_listning_kravd: bool | None = optional(
        "The unit required collective listing (family, workplace, association)."
    )
    formaner_erbjudna: bool | None = optional("Discounts or benefits offered to attract listing.")
    beslut: Beslut | None = optional("The unit's decision on the listing.")
    listningslage: Listningslage | None = optional("The unit's cap and stop state.")
    ko: tuple[date, ...] | None = many("Listing dates of choices already queued at the unit.")
    nyinflyttad: bool | None = optional("The person has newly moved into the area.")
    nyfodd: bool | None = optional("The person is a newborn.")
    boende_sarskilt_boende: bool | None = optional(
        "Resident of a special housing (särskilt boende) the unit is responsible for."
    )
    kandidater: tuple[Kandidat, ...] | None = many("Candidate units for non-choice assignment.")
    vardnadshavares_enhet: str | None = optional(
        "The unit of the mother or other appointed guardian (for a newborn)."
    )
    tidigare_enhet: str | None = optional("The unit the person was listed at before.")
    tidigare_valtyp: Valtyp | None = optional("How the earlier listing came about.")
    avregistrerad: date | None = optional("Day the person was deregistered from the earlier unit.")
    overford: date | None = optional(
        "Day the person was transferred to (registered at) the new unit; absent: not reported."
    )
    inom_naromradet: bool | None = optional(
        "The person's registered address lies within the chosen unit's geographic local area "
        "(närområde); absent: not reported."
    )
    flytt_inom_lanet: bool | None = optional(
        "The person moved to a new registered address within the same county since the earlier "
        "listing (both addresses in person.folkbokford_lan); false: no move, or a move in from "
        "another county; absent: not reported."
    )
    rub: int | None = optional("Resource Utilization Band (0-5).", minimum=0, maximum=5)
    behov_fast_lakarkontakt: bool | None = optional("A need of a regular physician exists.")
    fast_lakarkontakt: bool | None = optional("The person has a named regular physician.")
    livshotande_tillstand: bool | None = optional("The person has a life-threatening condition.")
    fast_vardkontakt: Utfardare | None = optional("The person's designated care contact.")
    senaste_cellprov: date | None = optional("Day of the latest cervical screening test.")
    kontinuitet: Kontinuitet | None = optional(
        "Regular physician and regular care contact: requests, needs, appointments, inpatient episodes; "
        "absent: not reported."
    )
    blankett_skickad: bool | None = optional(
        "After a request to re-list by telephone, the unit sent a listing form to the resident; false: "
        "not sent; absent: not reported."
    )
    blankett_typ: Blankettyp | None = optional(
        "The form a paper choice was made on (faststalld: the established form; annan); absent: not reported."
    )
    boende: Boende | None = optional("The person's housing (special housing, short-stay unit); absent: not reported.")
    senare_handelser: tuple[Listningshandelse, ...] | None = many(
        "Events after the listing day that end a non-choice listing (own choice, move)."
    )
    bmm_bvc_inskrivningar: tuple[Inskrivning, ...] | None = many(
        "Enrolments sought at a midwife clinic (BMM) or child health centre (BVC)."
    )
    tillagg: Tillagg | None = tillagg()
