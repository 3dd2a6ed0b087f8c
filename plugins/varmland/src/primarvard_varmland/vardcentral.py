"""Rule functions of varmland.vardcentral (Krav- och kvalitetsbok, del 2 Bedriva vårdcentral).

The functions live in the ``vardcentral_*`` modules; importing them registers each on ``rules``.
"""

from primarvard_varmland import (
    vardcentral_atkomst,
    vardcentral_bemanning,
    vardcentral_drift,
    vardcentral_kompetens,
    vardcentral_listning,
    vardcentral_personal,
    vardcentral_rapportering,
    vardcentral_shapes,
    vardcentral_tillganglighet,
    vardcentral_val,
    vardcentral_vard,
    vardcentral_vardinsats,
)
from primarvard_varmland.vardcentral_common import rules

__all__ = [
    "rules",
    "vardcentral_atkomst",
    "vardcentral_bemanning",
    "vardcentral_drift",
    "vardcentral_kompetens",
    "vardcentral_listning",
    "vardcentral_personal",
    "vardcentral_rapportering",
    "vardcentral_shapes",
    "vardcentral_tillganglighet",
    "vardcentral_val",
    "vardcentral_vard",
    "vardcentral_vardinsats",
]
