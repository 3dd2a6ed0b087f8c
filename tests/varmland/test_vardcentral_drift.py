"""varmland.vardcentral: the unit's routines and systems (drift) — cases the worked examples cannot
state, because the document itself is refused.

"Detta ska erbjudas som minst till patientgrupper med diabetes, astma-KOL och demens." (1.2.2):
astma-KOL is one patient group; a unit declaring only "KOL" has not named it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from primarvard_sdk import evaluate, parse_document
from primarvard_sdk.errors import InvalidDocument
from primarvard_sdk.model import Outcome

RULE = "varmland.vardcentral.vardenhet.egenvard_utbildning"


def enhet(groups: list[str]) -> dict[str, Any]:
    return {"id": "VC-DRIFT", "drift": {"egenvardsgrupper": groups}}


@pytest.mark.parametrize("part", ["KOL", "kol", "Astma"])
def test_part_of_the_astma_kol_group_is_an_input_error(part: str) -> None:
    with pytest.raises(InvalidDocument, match=r"egenvardsgrupper\[1\].*astma_kol"):
        parse_document(enhet(["Diabetes", part, "Demens"]), "Vardenhet")


@pytest.mark.parametrize("spelling", ["astma_kol", "Astma-KOL", "astma/KOL", "Astma och KOL", "astma–KOL"])
def test_spellings_naming_the_whole_group_cover_it(spelling: str) -> None:
    parsed = parse_document(enhet(["Diabetes", spelling, "Demens"]), "Vardenhet")
    (result,) = evaluate(parsed, region="varmland", programme="vardcentral", as_of=date(2025, 6, 2), rule=RULE)
    assert result.outcome is Outcome.passed
