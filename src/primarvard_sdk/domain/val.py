"""Val: listing facts beyond the choice itself — regular physician and regular care contact
(fast läkarkontakt, fast vårdkontakt), inpatient episodes, listing forms, special housing, later
events of a non-choice listing, BMM/BVC enrolment, a unit's listing caps and stops and a change of
care provider.

Every field may be absent (``None``): not reported. A rule that needs it answers
``indeterminate`` naming its JSON path; absent is never read as "no", and a list reported as
``[]`` means "reported: none".
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from primarvard_sdk.domain._fields import field, many, optional
from primarvard_sdk.domain.codelists import register
from primarvard_sdk.domain.codes import Specialitet, Uppdrag, Yrke
from primarvard_sdk.domain.common import Period
from primarvard_sdk.domain.remiss import Beslut

__all__ = [
    "Begaranstatus",
    "Begransningstyp",
    "Behovsgrupp",
    "Blankettyp",
    "Boende",
    "Boendeform",
    "Handelsetyp",
    "Inskrivning",
    "KontaktBegaran",
    "Kontaktperson",
    "Kontinuitet",
    "Listningsbegransning",
    "Listningshandelse",
    "Slutenvardstillfalle",
    "Stoppinformation",
    "Vardgivarbyte",
]


class Begaranstatus(StrEnum):
    """What became of a request for (or an identified need of) a named regular contact."""

    utsedd = "utsedd"  #: a named contact is appointed (the choice is granted)
    obesvarad = "obesvarad"  #: recorded, not yet answered or closed
    avslagen = "avslagen"  #: refused, or closed without appointing anyone


class Behovsgrupp(StrEnum):
    """Groups of listed persons who are to have continuity through a fast vårdkontakt."""

    sammansatta_insatser = "sammansatta_insatser"  #: behov av sammansatta insatser
    nedsatt_autonomi = "nedsatt_autonomi"
    langvarig_sjukdom = "langvarig_sjukdom"
    psykisk_funktionsnedsattning = "psykisk_funktionsnedsattning"


class Blankettyp(StrEnum):
    """Which form a paper choice of unit was made on."""

    faststalld = "faststalld"  #: the established form (downloadable from 1177 Vårdguiden)
    annan = "annan"  #: any other form
    ingen = "ingen"  #: no form at all: a letter or note on paper without the established form


class Boendeform(StrEnum):
    """Where a person lives, as far as the unit's physician duties in special housing go."""

    ordinart = "ordinart"  #: ordinary housing (no special housing)
    sarskilt_boende = "sarskilt_boende"  #: särskilt boende (for the elderly, LSS or SoL)
    korttidsenhet = "korttidsenhet"  #: a short-stay unit (korttidsvistelse)


class Handelsetyp(StrEnum):
    """An event that ends a non-choice listing."""

    eget_val = "eget_val"  #: the person made their own choice of unit
    flytt = "flytt"  #: the person moved to a new registered address


class Begransningstyp(StrEnum):
    """A limitation of a unit's listing."""

    listningstak = "listningstak"
    listningsstopp = "listningsstopp"


register(Begaranstatus, {
    Begaranstatus.utsedd: ("Utsedd", "Beviljad", "Registrerad", "Tilldelad"),
    Begaranstatus.obesvarad: ("Obesvarad", "Pågående", "Öppen", "Ej besvarad"),
    Begaranstatus.avslagen: ("Avslagen", "Nekad", "Avslutad utan fast kontakt"),
})
register(Behovsgrupp, {
    Behovsgrupp.sammansatta_insatser: ("Behov av sammansatta insatser", "Sammansatta insatser"),
    Behovsgrupp.nedsatt_autonomi: ("Nedsatt autonomi",),
    Behovsgrupp.langvarig_sjukdom: ("Långvarig sjukdom",),
    Behovsgrupp.psykisk_funktionsnedsattning: ("Psykisk funktionsnedsättning",),
})
register(Blankettyp, {
    Blankettyp.faststalld: ("Fastställd blankett", "Blankett från 1177 Vårdguiden", "1177"),
    Blankettyp.annan: ("Annan blankett", "Annan"),
    Blankettyp.ingen: ("Ingen blankett", "Brev", "Brev utan blankett"),
})
register(Boendeform, {
    Boendeform.ordinart: ("Ordinärt boende", "Eget boende"),
    Boendeform.sarskilt_boende: ("Särskilt boende",),
    Boendeform.korttidsenhet: ("Korttidsenhet", "Korttidsvistelse", "Korttidsboende"),
})
register(Handelsetyp, {
    Handelsetyp.eget_val: ("Eget val", "Eget val av hälsocentral"),
    Handelsetyp.flytt: ("Flytt", "Ny folkbokföringsadress", "Flyttar till ny folkbokföringsadress"),
})
register(Begransningstyp, {
    Begransningstyp.listningstak: ("Listningstak",),
    Begransningstyp.listningsstopp: ("Listningsstopp",),
})


@attrs.frozen
class Kontaktperson:
    """The named person appointed or chosen as a regular contact (no name: only these facts)."""

    yrke: Yrke | None = optional("Profession; absent: not reported.")
    legitimerad: bool | None = optional("Holds a Swedish licence for the profession; absent: not reported.")
    specialiteter: tuple[Specialitet, ...] | None = many(
        "Specialist qualifications held (barn- och ungdomsmedicin is the code pediatrik)."
    )
    st: bool | None = optional(
        "A physician in specialist training (specialisttjänstgöring, ST); false: not; absent: not reported."
    )
    st_specialitet: Specialitet | None = optional(
        "The specialty the ST leads to (allmanmedicin for ST in allmänmedicin); absent: not reported."
    )
    dubbelspecialisering: bool | None = optional(
        "A specialist in an ongoing second specialisation; false: not; absent: not reported."
    )
    enhet_id: str | None = optional("The unit the person works at; absent: not reported.")


@attrs.frozen
class KontaktBegaran:
    """A patient's request for (or choice of), or the unit's identified need of, a named regular
    contact, and what became of it."""

    begard: bool | None = optional(
        "The patient (or guardian or representative) asked for it or chose one; false: did not; absent: not reported."
    )
    behov: bool | None = optional(
        "The unit identified a need of it; false: no need identified; absent: not reported."
    )
    status: Begaranstatus | None = optional(
        "utsedd (appointed), obesvarad (still open) or avslagen (refused or closed without one); "
        "absent: not reported."
    )
    kontakt: Kontaktperson | None = optional("Who was appointed or chosen; absent: not reported.")
    registrerad: bool | None = optional(
        "The choice is registered in the region's listing system; false: not; absent: not reported."
    )

    def grund(self) -> bool | None:
        """Whether a request or an identified need calls for the contact: true when either is
        reported true, false when both are reported false, otherwise ``None`` (not known)."""
        if self.begard is True or self.behov is True:
            return True
        if self.begard is False and self.behov is False:
            return False
        return None


@attrs.frozen
class Slutenvardstillfalle:
    """An inpatient episode (slutenvård) of a listed patient."""

    inskriven: date = field("Day of admission.")
    utskriven: date | None = optional("Day of discharge; absent: not discharged (or not reported).")
    fast_vardkontakt_utsedd: bool | None = optional(
        "A fast vårdkontakt was appointed by the unit in connection with the admission or discharge; "
        "false: none; absent: not reported."
    )


@attrs.frozen
class Kontinuitet:
    """A listed person's regular contacts and the needs that call for them."""

    fast_lakarkontakt: KontaktBegaran | None = optional(
        "The person's request for (choice of) a fast läkarkontakt and its outcome; absent: not reported."
    )
    fast_vardkontakt: KontaktBegaran | None = optional(
        "A request for, or identified need of, a fast vårdkontakt and its outcome; absent: not reported."
    )
    har_fast_vardkontakt: bool | None = optional(
        "The person has an appointed fast vårdkontakt; false: none; absent: not reported."
    )
    behov_fast_vardkontakt: bool | None = optional(
        "A need of a fast vårdkontakt is judged to exist; false: no need; absent: not reported."
    )
    behovsgrupper: tuple[Behovsgrupp, ...] | None = many(
        "Need groups the person belongs to (sammansatta_insatser, nedsatt_autonomi, langvarig_sjukdom, "
        "psykisk_funktionsnedsattning)."
    )
    slutenvard: tuple[Slutenvardstillfalle, ...] | None = many("The person's inpatient episodes.")

    def har_utsedd_vardkontakt(self) -> bool | None:
        """Whether the person has an appointed fast vårdkontakt: true when ``har_fast_vardkontakt``
        is true or a reported request or need ended with one appointed (``fast_vardkontakt.status``
        utsedd, even when ``har_fast_vardkontakt`` is absent); false when ``har_fast_vardkontakt``
        is false and no appointment is reported; otherwise ``None`` (not known)."""
        if self.har_fast_vardkontakt is True:
            return True
        if self.fast_vardkontakt is not None and self.fast_vardkontakt.status is Begaranstatus.utsedd:
            return True
        return self.har_fast_vardkontakt


@attrs.frozen
class Boende:
    """The housing a person lives in, and the hälsocentral a special housing belongs to."""

    form: Boendeform | None = optional(
        "ordinart, sarskilt_boende or korttidsenhet; absent: not reported."
    )
    nyckelkodsomrade: str | None = optional("Key-code area of the housing's address; absent: not reported.")
    sarskild_tilldelning: bool | None = optional(
        "Beställarenheten has assigned the housing to a hälsocentral in a special case; false: no such "
        "assignment; absent: not reported."
    )
    tilldelad_halsocentral: str | None = optional(
        "The hälsocentral Beställarenheten assigned in the special case; absent: not reported."
    )
    registrerade_halsocentraler: tuple[str, ...] | None = many(
        "The hälsocentraler the housing is registered to belong to."
    )


@attrs.frozen
class Listningshandelse:
    """An event after a listing: the person's own choice or a move to a new registered address."""

    typ: Handelsetyp = field("eget_val or flytt.")
    datum: date = field("Day of the event.")


@attrs.frozen
class Inskrivning:
    """An enrolment sought at a midwife clinic (BMM) or child health centre (BVC)."""

    mottagning: Uppdrag = field(
        "The clinic: bmm (barnmorskemottagning) or bvc (barnavårdscentral); another kind (e.g. mvc) is "
        "outside the rules on BMM and BVC."
    )
    enhet_id: str | None = optional("The unit enrolling; absent: not reported.")
    beslut: Beslut | None = optional("The unit's decision on the enrolment; absent: not reported.")


@attrs.frozen
class Stoppinformation:
    """What a unit with a listing stop tells individuals."""

    lamnas: bool | None = optional(
        "The unit informs individuals that it has a listing stop; false: it does not; absent: not reported."
    )
    anger_datum: bool | None = optional(
        "The information says from which day listing is possible again; false: it does not; absent: not reported."
    )
    ater_fran: date | None = optional(
        "The day from which listing is possible again according to the information; absent: not reported."
    )


@attrs.frozen
class Listningsbegransning:
    """A listing cap or stop that a unit applies, with its application and the region's decision."""

    typ: Begransningstyp = field("listningstak or listningsstopp.")
    tillampad: bool | None = optional(
        "Whether the unit has applied it at all: false declares it never applied (a request refused, or "
        "granted and not put into effect), and then tillampas is not given; true: applied on the days in "
        "tillampas; absent: not reported (tillampas, when given, shows it applied)."
    )
    tillampas: Period | None = optional(
        "The days the unit applies it (inclusive; till absent: still applied); absent: not reported."
    )
    skriftlig_ansokan: bool | None = optional(
        "A written application was sent to the region; false: none; absent: not reported."
    )
    beviljad: bool | None = optional(
        "The region granted it; false: not granted (rejected or no decision); absent: not reported."
    )
    beslutad_period: Period | None = optional("The period the region decided (inclusive); absent: not reported.")
    tak: int | None = optional("The decided cap (listed persons).", minimum=0)
    information: Stoppinformation | None = optional("What the unit tells individuals; absent: not reported.")


@attrs.frozen
class Vardgivarbyte:
    """A unit passing from one care provider to another."""

    tidigare_vardgivare: str | None = optional("The earlier care provider; absent: not reported.")
    ny_vardgivare: str | None = optional("The new care provider; absent: not reported.")
    datum: date | None = optional("Day the new provider takes over; absent: not reported.")
    listade_informerade: bool | None = optional(
        "The new provider has informed the listed persons; false: not (yet); absent: not reported."
    )
