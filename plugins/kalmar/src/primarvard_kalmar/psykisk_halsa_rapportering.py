"""Reporting, meetings and follow-up duties (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook.

The functions shared with kalmar.halsoval (the event analysis, meeting attendance, yearly duties,
judging dated items) are written once in :mod:`primarvard_kalmar.halsoval_rapportering`.
"""

from __future__ import annotations

from primarvard_kalmar.halsoval_rapportering import (
    attendance,
    digital_mottagning_utvardering,
    handelseanalys_oberoende,
    uppgifter_inom_angiven_tid,
)
from primarvard_kalmar.psykisk_halsa_common import rules
from primarvard_sdk.domain import Motestyp

rules.implement("kalmar.psykisk_halsa.uppfoljning.handelseanalys_oberoende")(handelseanalys_oberoende)
rules.implement("kalmar.psykisk_halsa.uppfoljning.samverkansmote_deltagande")(
    attendance(Motestyp.samverkansmote, "Samverkansmöte", "Collaboration meeting")
)
rules.implement("kalmar.psykisk_halsa.uppfoljning.uppgifter_inom_angiven_tid")(uppgifter_inom_angiven_tid)
rules.implement("kalmar.psykisk_halsa.uppfoljning.digital_mottagning_utvardering")(digital_mottagning_utvardering)
