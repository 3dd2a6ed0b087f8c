"""varmland.vardcentral: the rules stated once as shapes (a deadline, an age range).

The core derives each rule's function and its columnar evaluation from the one statement.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kontakttyp, Remisstyp
from primarvard_sdk.findings import indeterminate
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.shapes import AgeRange, Deadline, When
from primarvard_sdk.vectorised import Column, VectorisedRule
from primarvard_varmland.vardcentral_common import rules

if TYPE_CHECKING:
    from primarvard_sdk.batch import BatchContext, BatchFinding, Columns


@attrs.frozen
class HoursVisit(Deadline):
    """A deadline in real hours whose completion must carry a time of day to be shown in time.

    On top of :class:`~primarvard_sdk.shapes.Deadline` (count ``hours``): a completion recorded
    by date only cannot show that it came within the hours (indeterminate naming it), unless its
    day begins after the due instant (missed); a completion recorded before the event contradicts
    it (indeterminate naming it).
    """

    def evaluate(self, document: Any, ctx: RuleContext) -> Finding:
        found = super().evaluate(document, ctx)
        if found.outcome is not Outcome.met:
            return found
        start, done = getattr(document, self.event), getattr(document, self.done)
        path = f"$.{self.done}"
        if isinstance(done, datetime):
            if done >= start:
                return found
            return indeterminate(
                path,
                sv=f"Kan inte avgöras: {path} ligger före {f'$.{self.event}'}; uppgifterna motsäger varandra.",
                en=f"Cannot be decided: {path} lies before {f'$.{self.event}'}; the inputs contradict each other.",
                **found.values,
            )
        due = found.values["due"]
        return indeterminate(
            path,
            sv=f"Kan inte avgöras: {path} anger bara en dag ({done.isoformat()}); utan klockslag framgår inte att det "
            f"skedde senast {due.isoformat()}.",
            en=f"Cannot be decided: {path} gives only a day ({done.isoformat()}); without a time of day it cannot show "
            f"that it happened by {due.isoformat()}.",
            **found.values,
        )

    def twin(self) -> VectorisedRule:
        base = super().twin()
        done = self.done
        columns = (
            *base.columns,
            Column(f"{done}.har_klockslag", "flag", path=done, get=lambda d: None if getattr(d, done) is None
                   else isinstance(getattr(d, done), datetime)),
        )
        return VectorisedRule(self.rule_id, columns, self._hours_columns)

    def _hours_columns(self, cols: Columns, ctx: BatchContext) -> BatchFinding:
        import numpy as np

        from primarvard_sdk import batch

        found = self._columns(cols, ctx)
        met = found.outcome == batch.outcome_code(Outcome.met)
        event, done = cols[self.event], cols[self.done]
        bare = cols[f"{self.done}.har_klockslag"] == 0
        instants = event if batch.is_instant(event) else batch.start_of_local_days(event)
        finished = done if batch.is_instant(done) else batch.start_of_local_days(done)
        early = ~bare & (finished < instants)
        unknown = met & (bare | early)
        label = f"missing:$.{self.done}"
        reasons = found.reasons if label in found.reasons else (*found.reasons, label)
        outcome = np.where(unknown, batch.outcome_code(Outcome.indeterminate), found.outcome).astype(np.uint8)
        reason = np.where(unknown, reasons.index(label), found.reason).astype(np.uint8)
        return attrs.evolve(found, outcome=outcome, reason=reason, reasons=reasons)


_OTHER_CONTACTS = tuple(k.value for k in Kontakttyp if k is not Kontakttyp.akut_hembesok)

rules.shape(HoursVisit(
    "varmland.vardcentral.vardkontakt.akut_hembesok",
    event="behov_bedomt",
    count="hours",
    parameter="hours",
    done="utford",
    outside=(When("typ", _OTHER_CONTACTS, reason="inte_akut_hembesok",
                  sv="Kontakten är inget akut läkarbesök i hemmet efter läkarbedömning.",
                  en="The contact is not an acute physician home visit after a physician's assessment."),),
    needs=("typ",),
    sv="Akut läkarbesök i hemmet senast {due} ({n} timmar verklig tid efter läkarbedömningen, dygnet runt; "
       "sommartidsomställning räknas i verkliga timmar).",
    en="Acute physician home visit no later than {due} ({n} hours of real time after the physician's assessment, "
       "around the clock; DST changes count in real hours).",
))

rules.shape(AgeRange(
    "varmland.vardcentral.remiss.psykisk_ohalsa_alder",
    person="patient",
    on="inkom",
    minimum="min_age",
    otherwise="reject",
    outside=(When("typ", (Remisstyp.psykisk_ohalsa.value,), not_in=True, reason="inte_psykisk_ohalsa",
                  sv="Remissen gäller inte åtagandet om psykisk ohälsa.",
                  en="The referral is not for the commitment on mental ill-health."),),
    sv="Patienten är {age} år på remissens ankomstdag {day}: åtagandet gäller vuxna och unga vuxna från 18 år.",
    en="The patient is {age} on the referral's arrival day {day}: the commitment covers adults and young adults "
       "from 18.",
    otherwise_sv="Patienten är {age} år på remissens ankomstdag {day}; åtagandet gäller från 18 år.",
    otherwise_en="The patient is {age} on the referral's arrival day {day}; the commitment applies from 18.",
))

__all__ = ["HoursVisit"]
