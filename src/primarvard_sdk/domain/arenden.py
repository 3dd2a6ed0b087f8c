"""Small record types evaluated in bulk: e-service matters and allocation requests."""

from __future__ import annotations

import attrs

from primarvard_sdk.domain._fields import Tidpunkt, Tillagg, field, many, optional, tillagg
from primarvard_sdk.domain.codes import Fordelningstyp

__all__ = ["Andel", "Etjanstearende", "Fordelning"]


@attrs.frozen
class Etjanstearende:
    """A matter sent in through a 1177 e-service."""

    inkom: Tidpunkt = field("When the matter arrived (date or aware datetime).")
    referens: str | None = optional("Caller-given reference used in results.")
    tjanst: str | None = optional("The e-service (region code).")
    besvarad: Tidpunkt | None = optional("When it was answered.")
    tillagg: Tillagg | None = tillagg()


@attrs.frozen
class Andel:
    """One unit's basis in an allocation."""

    enhet_id: str = field("The unit.")
    underlag: int = field("The unit's basis (listed patients, listed young people).", minimum=0)
    deklarerade_timmar: float | None = optional("Hours the unit declares it staffs.", minimum=0)


@attrs.frozen
class Fordelning:
    """A quantity to split between units in proportion to their basis."""

    avser: Fordelningstyp = field("What is split (helgoppen_bemanning, beredskap, umm_lakartid; or its Swedish name).")
    enheter: tuple[Andel, ...] | None = many("The units sharing the duty.")
    omrade: str | None = optional("The catchment area or municipality.")
    underlag_omrade: int | None = optional(
        "The basis of the whole area that sets the total (for umm_lakartid: the number of young "
        "people in the municipality named in omrade); absent: not reported.", minimum=0
    )
    timmar: float | None = optional(
        "Hours to staff; absent when the rule computes it from the basis.", minimum=0
    )
    tillagg: Tillagg | None = tillagg()
