"""Staff, competence and supervision (varmland.vardcentral): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from primarvard_varmland.vardcentral_common import rules  # noqa: F401 - rules register on it
