"""Systems, routines, equipment and IT of the unit (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook.

The connection to 1177.se, the region's journal system and the region's deviation-management
system are worded alike in both Kalmar programmes: their shapes are built once
(:func:`primarvard_kalmar.halsoval_drift.shared_shapes`) and registered here for psykisk_halsa.
"""

from __future__ import annotations

from primarvard_kalmar.halsoval_drift import shared_shapes
from primarvard_kalmar.psykisk_halsa_common import rules

for _shape in shared_shapes("psykisk_halsa"):
    rules.shape(_shape)
