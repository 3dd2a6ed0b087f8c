"""Rule functions of varmland.vardcentral (Krav- och kvalitetsbok, del 2 Bedriva vårdcentral).

The functions live in the ``vardcentral_*`` modules; importing them registers each on ``rules``.
"""

from primarvard_varmland import (
    vardcentral_bemanning,
    vardcentral_listning,
    vardcentral_personal,
    vardcentral_shapes,
    vardcentral_tillganglighet,
    vardcentral_vard,
)
from primarvard_varmland.vardcentral_common import rules

__all__ = [
    "rules",
    "vardcentral_bemanning",
    "vardcentral_listning",
    "vardcentral_personal",
    "vardcentral_shapes",
    "vardcentral_tillganglighet",
    "vardcentral_vard",
]
