"""varmland.vardcentral: staffing and competence requirements of a vårdcentral (Vardenhet)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Funktion, Medarbetare, Specialitet, Uppdrag, Vardenhet, Yrke
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_primarvard_placeholder = None  # type: ignore[misc]  # replaced below
