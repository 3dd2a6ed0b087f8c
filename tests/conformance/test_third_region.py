"""A third region, registered explicitly (not installed), passes the conformance suite and is
evaluated beside the installed ones."""

from __future__ import annotations

from datetime import date

import primarvard_gotland
import pytest

from primarvard_sdk import Sdk, parse_document
from primarvard_sdk.testing import ConformanceTests

GOTLAND = Sdk(plugins=[(primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)], entry_points=False)


class TestGotland(ConformanceTests):
    sdk = GOTLAND


def test_third_region_beside_the_installed_ones() -> None:
    sdk = Sdk(plugins=[(primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)])
    codes = [r.code for r in sdk.regions()]
    assert "gotland" in codes and len(codes) >= 2
    assert not sdk.failures
    (gotland,) = [p for p in sdk.plugins() if p.region.code == "gotland"]
    assert gotland.distribution == "primarvard-gotland 0.0.1"


@pytest.mark.parametrize(
    ("inkom", "kontakt", "as_of", "outcome", "due"),
    [
        ("2025-12-20", None, "2025-12-25", "open", "2025-12-30"),
        ("2025-12-20", "2025-12-30", "2026-01-10", "met", "2025-12-30"),
        ("2025-12-20", "2025-12-31", "2026-01-10", "missed", "2025-12-30"),
    ],
)
def test_third_region_evaluates(inkom: str, kontakt: str | None, as_of: str, outcome: str, due: str) -> None:
    remiss = parse_document({"inkom": inkom, "forsta_kontakt": kontakt, "referens": "r1"}, "Remiss")
    (result,) = GOTLAND.evaluate(remiss, region="gotland", programme="vardval", as_of=date.fromisoformat(as_of),
                                 rule="gotland.vardval.remiss.forsta_kontakt")
    assert (result.outcome.value, result.values["due"], result.reference) == (outcome, date.fromisoformat(due), "r1")


def test_third_region_allocation_sums_exactly() -> None:
    doc = parse_document({"avser": "helgoppen_bemanning", "timmar": 10, "enheter": [
        {"enhet_id": "a", "underlag": 1}, {"enhet_id": "b", "underlag": 1}, {"enhet_id": "c", "underlag": 1}]},
        "Fordelning")
    (result,) = GOTLAND.evaluate(doc, region="gotland", programme="vardval", as_of=date(2025, 1, 1))
    assert result.values["allocation"] == {"a": 200 / 60, "b": 200 / 60, "c": 200 / 60}
