"""Rules stated once as shapes: both evaluations come from one statement and agree row by row,
across rulebook editions (each row's own governing day picks its parameter values)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import primarvard_gotland
import pytest
from document_strategies import tidpunkt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from primarvard_sdk import Sdk, batch
from primarvard_sdk.documents import parse_document
from primarvard_sdk.model import Outcome

GOTLAND = Sdk(plugins=[(primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)], entry_points=False)
EDGE = [date(2023, 12, 31), date(2024, 1, 1), date(2025, 12, 24), date(2025, 12, 31), date(2026, 1, 1)]
day_near_editions = st.sampled_from(EDGE).flatmap(lambda d: st.integers(-3, 3).map(lambda k: d + timedelta(days=k)))


@st.composite
def remiss(draw: Any) -> dict[str, Any]:
    arrived = draw(day_near_editions)
    doc: dict[str, Any] = {"inkom": draw(tidpunkt(arrived - timedelta(days=2)))}
    if draw(st.booleans()):
        doc["forsta_kontakt"] = draw(tidpunkt(arrived))
    if draw(st.booleans()):
        doc["typ"] = draw(st.sampled_from(["standard", "digital_mottagning", "vfsp"]))
    return doc


@st.composite
def kontakt(draw: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"typ": draw(st.sampled_from(["akut_hembesok", "besok"]))}
    if draw(st.integers(0, 5)):
        doc["behov_bedomt"] = draw(tidpunkt(draw(day_near_editions)))
    if draw(st.booleans()):
        doc["utford"] = draw(tidpunkt(draw(day_near_editions)))
    return doc


@st.composite
def arende(draw: Any) -> dict[str, Any]:
    arrived = draw(day_near_editions)
    doc: dict[str, Any] = {"inkom": draw(tidpunkt(arrived - timedelta(days=2)))}
    if draw(st.booleans()):
        doc["besvarad"] = draw(tidpunkt(arrived))
    return doc


@st.composite
def enhet(draw: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": "e1"}
    for key in ("ar_filial",):
        if draw(st.integers(0, 4)):
            doc[key] = draw(st.booleans())
    if draw(st.integers(0, 4)):
        filial = {k: draw(st.booleans()) for k in ("samma_verksamhetschef", "underleverantor") if draw(st.integers(0, 3))}
        doc["filial"] = filial
    return doc


CASES = [
    ("gotland.vardval.remiss.forsta_kontakt", "Remiss", remiss()),
    ("gotland.vardval.vardkontakt.akut_hembesok", "Vardkontakt", kontakt()),
    ("gotland.vardval.tillganglighet.e_tjanst_svar", "Etjanstearende", arende()),
    ("gotland.vardval.vardenhet.filialledning", "Vardenhet", enhet()),
]


@pytest.mark.parametrize(("rule_id", "type_name", "strategy"), CASES, ids=[c[0] for c in CASES])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_a_shape_agrees_with_itself_over_columns(rule_id: str, type_name: str, strategy: Any, data: Any) -> None:
    documents = [parse_document(d, type_name) for d in data.draw(st.lists(strategy, min_size=1, max_size=25))]
    as_of = data.draw(day_near_editions)
    assert not batch.agreement(GOTLAND, rule_id, documents, as_of=as_of, values=("due",))


def test_rows_in_different_editions_get_their_own_parameters() -> None:
    documents = [parse_document({"inkom": d}, "Remiss") for d in ("2025-12-31", "2026-01-01", "2023-05-01")]
    twin, _ = GOTLAND.vectorised("gotland.vardval.remiss.forsta_kontakt")
    assert twin is not None
    result = GOTLAND.evaluate_columns("gotland.vardval.remiss.forsta_kontakt",
                                      batch.columns_from_documents(twin, documents), as_of=date(2026, 1, 2))
    assert [result.row(i)["values"]["due"] for i in range(2)] == [date(2026, 1, 10), date(2026, 1, 8)]  # 10 vs 7 days
    assert result.row(2)["outcome"] is Outcome.not_applicable and result.row(2)["reason"] == "no_rulebook_in_force"
    assert sorted(p.value for p in result.parameters) == [7, 10]


def test_an_hours_deadline_from_a_bare_day_is_indeterminate() -> None:
    (result,) = GOTLAND.evaluate(parse_document({"typ": "akut_hembesok", "behov_bedomt": "2025-03-01"}, "Vardkontakt"),
                                 region="gotland", programme="vardval", as_of=date(2025, 3, 2),
                                 rule="gotland.vardval.vardkontakt.akut_hembesok")
    assert result.outcome is Outcome.indeterminate and result.missing == ("$.behov_bedomt",)


def test_a_shape_outside_its_scope_does_not_apply() -> None:
    (result,) = GOTLAND.evaluate(parse_document({"typ": "besok", "behov_bedomt": "2025-03-01T10:00:00+01:00"}, "Vardkontakt"),
                                 region="gotland", programme="vardval", as_of=date(2025, 3, 2),
                                 rule="gotland.vardval.vardkontakt.akut_hembesok")
    assert result.outcome is Outcome.not_applicable and result.values["reason"] == "inte_akut_hembesok"
