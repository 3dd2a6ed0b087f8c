"""Care given: deaths, sampling, home care, on-call and coordinated plans (vasterbotten.halsoval): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from primarvard_vasterbotten.halsoval_common import rules  # noqa: F401 - rules register on it
