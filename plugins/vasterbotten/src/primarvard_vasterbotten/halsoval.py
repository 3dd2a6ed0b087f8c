"""Rule functions of vasterbotten.halsoval (Hälsoval Västerbotten, Uppdrag och regler 2025).

The functions live in ``halsoval_*`` modules by subject; each registers on :data:`rules`, which
this module gathers by importing them.
"""

from primarvard_vasterbotten import (  # noqa: F401 - imported for their registrations
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
    halsoval_vardinsats,
    halsoval_vardkontakt,
)
from primarvard_vasterbotten.halsoval_common import rules

__all__ = ["rules"]
