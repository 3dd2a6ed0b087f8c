"""Staff rules: who is in service on the day judged (one definition, Medarbetare.i_tjanst), and the
wording of the national-tariff rules' explanations (a staff id keeps the case it was given in)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import primarvard_sdk as ps
from primarvard_sdk.domain import Medarbetare
from primarvard_sdk.domain.common import Period

DAY = date(2025, 6, 2)


@pytest.mark.parametrize(
    ("verksam", "start", "expected"),
    [
        (None, None, True),  # neither reported: the unit's staff list is its staff
        (Period(fran=date(2020, 1, 1)), None, True),  # ongoing
        (Period(fran=date(2020, 1, 1), till=DAY), None, True),  # its last day still counts
        (Period(fran=date(2020, 1, 1), till=date(2025, 6, 1)), None, False),  # left the day before
        (Period(fran=DAY), None, True),  # begins on the day
        (Period(fran=date(2025, 6, 3)), None, False),  # begins the day after
        (None, DAY, True),
        (None, date(2025, 6, 3), False),  # employed from the day after
        (Period(fran=date(2020, 1, 1)), date(2025, 6, 3), False),
    ],
)
def test_i_tjanst(verksam: Period | None, start: date | None, expected: bool) -> None:
    assert Medarbetare(id="m", verksam=verksam, anstallning_start=start).i_tjanst(DAY) is expected


@pytest.mark.parametrize(
    ("region", "programme", "rule"),
    [
        ("kalmar", "halsoval", "kalmar.halsoval.vardenhet.nationella_taxan"),
        ("kalmar", "psykisk_halsa", "kalmar.psykisk_halsa.vardenhet.nationella_taxan"),
        ("vasterbotten", "halsoval", "vasterbotten.halsoval.vardenhet.nationella_taxan"),
    ],
)
def test_nationella_taxan_explanation_keeps_the_staff_id(region: str, programme: str, rule: str) -> None:
    data: dict[str, Any] = {
        "id": "u",
        "kompetensresurser": {"betalar_offentligt_finansierad_vardgivare": False},
        "personal": [{"id": "m1", "verksam": {"fran": "2025-01-01"},
                      "offentlig_ersattning": [{"kalla": "nationella_taxan", "period": {"fran": "2025-02-01"}}]}],
    }
    doc = ps.parse_document(data, "Vardenhet")
    (result,) = ps.evaluate(doc, region=region, programme=programme, as_of=DAY, rule=rule)
    assert result.outcome is ps.Outcome.fail
    assert result.explanation.en.startswith("Requirement not met: m1 receives compensation")
    assert result.explanation.sv.startswith("Kravet uppfylls inte: m1 uppbär ersättning")
    assert "M1" not in result.explanation.en + result.explanation.sv
