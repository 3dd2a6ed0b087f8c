"""The registry of kalmar.psykisk_halsa's rule functions, shared by its modules."""

from __future__ import annotations

from primarvard_sdk.plugin import Implementations

rules = Implementations("kalmar.psykisk_halsa")
