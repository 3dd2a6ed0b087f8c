"""Listing, regular contacts and referrals (kalmar.halsoval): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from primarvard_kalmar.halsoval_common import rules  # noqa: F401 - rules register on it
