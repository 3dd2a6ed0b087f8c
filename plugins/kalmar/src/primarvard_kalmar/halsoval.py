"""Rule functions of kalmar.halsoval (Hälsoval Kalmar län, uppdragsbeskrivning 2025).

The functions live in ``halsoval_<subject>`` modules; importing them registers them on
:data:`rules`. The pure helpers (schedule coverage, exact shares, visit dates, target ages) are
re-exported here for callers and tests.
"""

from primarvard_kalmar import (
    halsoval_atkomst,
    halsoval_drift,
    halsoval_kompetens,
    halsoval_kontakt,
    halsoval_listning,
    halsoval_rapportering,
    halsoval_tillganglighet,
    halsoval_uppfoljning,
    halsoval_val,
    halsoval_vardenhet,
    halsoval_vardkontakt,
)
from primarvard_kalmar.halsoval_common import rules
from primarvard_kalmar.halsoval_listning import bhv_visits, halsosamtal_age
from primarvard_kalmar.halsoval_tider import covers, union, weekly_hours
from primarvard_kalmar.halsoval_tillganglighet import deviation_status
from primarvard_kalmar.halsoval_uppfoljning import exact_shares

__all__ = [
    "bhv_visits",
    "covers",
    "deviation_status",
    "exact_shares",
    "halsosamtal_age",
    "rules",
    "union",
    "weekly_hours",
]

_MODULES = (
    halsoval_atkomst,
    halsoval_drift,
    halsoval_kompetens,
    halsoval_kontakt,
    halsoval_listning,
    halsoval_rapportering,
    halsoval_tillganglighet,
    halsoval_uppfoljning,
    halsoval_val,
    halsoval_vardenhet,
    halsoval_vardkontakt,
)
