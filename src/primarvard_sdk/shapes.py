"""Rules stated once, as a shape: a deadline from an event, or an age range.

Most deadlines in the rulebooks read the same way — *an event, an offset (N kalenderdagar, N
vardagar, the next vardag, N hours, N months), a completion, and the cases the text exempts* —
and most age rules too — *a person's age in full years on a day, a lower and an upper bound, and
what happens outside them*. A plugin declares such a rule as a shape, and the core derives both
evaluations from that one statement: the rule function for one document and the vectorised
evaluation over columns (:mod:`primarvard_sdk.batch`). How a shape counts days, reads absent
inputs and builds its finding is written once, here, and the agreement of the two paths is
tested once per shape, not per rule.

And many requirements read *the unit has X, uses Y, is connected to Z*: met by what the unit
declares, failed by what it declares it lacks, undecided by what it does not say
(:class:`Declared`).

Rules that do not fit a shape keep a small pure function (``@rules.implement``) and have no
columnar twin: nothing is written twice.

>>> from primarvard_sdk.shapes import Deadline, When
>>> shape = Deadline(
...     "r.p.remiss.frist", event="inkom", count="calendar_days", parameter="calendar_days",
...     done="forsta_kontakt",
...     outside=(When("typ", ("vfsp",), reason="vfsp", sv="VFSP-remiss.", en="VFSP referral."),),
...     sv="Första kontakt senast {due}.", en="First contact by {due}.",
... )
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import local_day
from primarvard_sdk.findings import (
    absent,
    calendar_day_note,
    deadline,
    decision,
    failed,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.vectorised import Column, VectorisedRule

if TYPE_CHECKING:
    from primarvard_sdk.batch import BatchContext, BatchFinding, Columns

__all__ = ["AgeRange", "Count", "Deadline", "Declared", "Fact", "Note", "Shape", "When", "value_at"]

#: How a deadline counts from its event (the calendar convention).
Count = Literal["calendar_days", "vardagar", "next_vardag", "same_day", "hours", "months"]


def value_at(document: Any, dotted: str) -> Any:
    """The value at the dotted path in ``document``; ``None`` when it or anything on the way is absent."""
    value = document
    for name in dotted.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _code(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value))


@attrs.frozen
class When:
    """A condition on one field: its code is one of ``codes`` (``not_in`` inverts it), or, with no
    codes, the flag is ``flag`` (true by default). An absent field is not one of the codes and
    neither flag — where absence must be known, list the field in the shape's ``needs`` instead.

    In a shape's ``outside`` the condition takes the case out of the rule's scope:
    ``not_applicable`` with ``reason`` and the explanation ``sv``/``en``. With ``known``, the field
    itself must be reported: absent, the rule is ``indeterminate`` naming it (scope cannot be told).
    """

    path: str
    codes: tuple[str, ...] = ()
    not_in: bool = False
    reason: str = ""
    sv: str = ""
    en: str = ""
    flag: bool = True
    known: bool = False

    def unknown(self, document: Any) -> bool:
        return self.known and value_at(document, self.path) is None

    def holds(self, document: Any) -> bool:
        value = value_at(document, self.path)
        hit = (value is self.flag) if not self.codes else (_code(value) in self.codes)
        return hit != self.not_in

    def column(self) -> Column:
        return Column(self._name, "code" if self.codes else "flag", path=self.path)

    @property
    def _name(self) -> str:
        return self.path

    def mask(self, cols: Columns) -> Any:
        import numpy as np

        column = cols[self._name]
        hit = np.isin(column, list(self.codes)) if self.codes else column == int(self.flag)
        return ~hit if self.not_in else hit

    def unknown_mask(self, cols: Columns) -> Any:
        column = cols[self._name]
        return column == "" if self.codes else column == -1

    def finding(self) -> Finding:
        return not_applicable(self.sv, self.en, reason=self.reason)


def _scope(outside: Sequence[When], document: Any) -> Finding | None:
    """The finding of the first scope condition that decides (unknown or holding), if any."""
    for when in outside:
        if when.unknown(document):
            return indeterminate(f"$.{when.path}")
        if when.holds(document):
            return when.finding()
    return None


def _scope_cases(outside: Sequence[When], cols: Columns) -> list[tuple[Any, Outcome, str]]:
    cases: list[tuple[Any, Outcome, str]] = []
    for when in outside:
        if when.known:
            cases.append((when.unknown_mask(cols), Outcome.indeterminate, f"missing:$.{when.path}"))
        cases.append((when.mask(cols), Outcome.not_applicable, when.reason))
    return cases


@attrs.frozen
class Note:
    """A sentence a deadline's explanation gains when a field holds (a true flag or a non-empty
    list), and the flag it puts in the values under ``value`` (true or false)."""

    path: str
    sv: str
    en: str
    value: str | None = None

    def holds(self, document: Any) -> bool:
        return bool(value_at(document, self.path))


class Shape:
    """A rule stated as data: :meth:`evaluate` for one document, :meth:`twin` over columns."""

    rule_id: str

    def evaluate(self, document: Any, ctx: RuleContext) -> Finding:  # pragma: no cover - abstract
        raise NotImplementedError

    def twin(self) -> VectorisedRule:  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def _needs_mask(cols: Columns, needs: Sequence[str]) -> list[tuple[Any, Outcome, str]]:
        from primarvard_sdk import batch

        return batch.missing(**{f"$.{p}": cols[f"{p}.finns"] != 1 for p in needs})

    @staticmethod
    def _needs_columns(needs: Sequence[str]) -> tuple[Column, ...]:
        return tuple(
            Column(f"{p}.finns", "flag", path=p, get=_presence(p)) for p in needs
        )


def _before(done: date | datetime, start: date | datetime) -> bool:
    """A completion recorded on a local day before its event's (a bare date cannot say more)."""
    return local_day(done) < local_day(start)


def _before_columns(done: Any, start: Any) -> Any:
    """:func:`_before` over columns (NaT is never before)."""
    import numpy as np

    from primarvard_sdk import batch

    return ~np.isnat(done) & ~np.isnat(start) & (batch.local_days(done) < batch.local_days(start))


def _has_time(path: str) -> Callable[[Any], bool | None]:
    """Whether the field holds an instant (``None`` when absent): a flag column's getter."""
    return lambda document: None if value_at(document, path) is None else isinstance(value_at(document, path), datetime)


def _unique(columns: Sequence[Column]) -> tuple[Column, ...]:
    """Columns by name, once each (two conditions on one field read one column)."""
    return tuple({c.name: c for c in columns}.values())


def _presence(path: str) -> Callable[[Any], bool]:
    return lambda document: value_at(document, path) is not None


@attrs.frozen
class Deadline(Shape):
    """A deadline: ``due`` = ``event`` counted on by ``count`` (N = the parameter ``parameter``);
    ``met`` when ``done`` is recorded by ``due``, ``missed`` when later or when nothing is recorded
    and ``as_of`` has passed ``due``, else ``open``.

    :param event: dotted path of the date or datetime the deadline runs from.
    :param count: ``calendar_days`` (inclusive due day, never moved), ``vardagar`` (the N-th
        vardag strictly after the event's day), ``next_vardag``, ``same_day`` (the event's own
        local day), ``hours`` (N real hours from an instant; a bare date cannot prove hours and is
        ``indeterminate``), ``months``.
    :param outside: scope conditions, tried in order: the first that holds gives
        ``not_applicable`` with its reason.
    :param needs: further dotted paths that must be present (else ``indeterminate``).
    :param sv, en: the explanation; ``{due}``, ``{event}`` and ``{n}`` are filled in.
    :param event_value: the name under which the event's local day goes into the values.
    :param done_by: a flag the completion needs ("av legitimerad personal"): a completion by the
        due day counts only when the flag is true (false: as if none were recorded, and ``done_by_sv``
        / ``done_by_en`` is added to the explanation; absent: ``indeterminate``). A late completion
        is late whoever made it.
    :param notes: sentences (and flags in the values) the explanation gains when a field holds.
    """

    rule_id: str
    event: str
    count: Count
    done: str
    sv: str
    en: str
    parameter: str | None = None
    outside: tuple[When, ...] = ()
    needs: tuple[str, ...] = ()
    event_value: str | None = None
    notes: tuple[Note, ...] = ()
    done_by: str | None = None
    done_by_sv: str = ""
    done_by_en: str = ""

    def _due(self, start: date | datetime, n: Any) -> date | datetime:
        day = local_day(start)
        if self.count == "calendar_days":
            return calendar.add_calendar_days(day, n)
        if self.count == "vardagar":
            return calendar.nth_vardag_after(day, n)
        if self.count == "next_vardag":
            return calendar.next_vardag(day)
        if self.count == "same_day":
            return day
        if self.count == "months":
            return calendar.add_months(day, n)
        assert isinstance(start, datetime)
        return calendar.add_hours(start, n)

    def evaluate(self, document: Any, ctx: RuleContext) -> Finding:
        if (scoped := _scope(self.outside, document)) is not None:
            return scoped
        if gaps := absent(document, self.event, *self.needs):
            return indeterminate(*gaps)
        start = value_at(document, self.event)
        if self.count == "hours" and not isinstance(start, datetime):
            return indeterminate(
                f"$.{self.event}",
                sv=f"Kan inte avgöras: $.{self.event} anger bara en dag; timfristen kräver klockslag.",
                en=f"Cannot be decided: $.{self.event} gives only a day; an hours deadline needs the time.",
            )
        n = ctx.param(self.parameter) if self.parameter else None
        due = self._due(start, n)
        fields = {"due": due.isoformat(), "event": local_day(start).isoformat(), "n": n}
        sv, en = self.sv.format(**fields), self.en.format(**fields)
        values: dict[str, Any] = {}
        if self.event_value:
            values[self.event_value] = local_day(start)
        if self.count == "calendar_days":
            note_sv, note_en = calendar_day_note(due)
            sv, en = sv + note_sv, en + note_en
            values["due_is_vardag"] = calendar.is_vardag(due)
        if self.count in ("vardagar", "next_vardag"):
            skipped = [
                f"{name} {day.isoformat()}"
                for day in (calendar.add_calendar_days(local_day(start), k) for k in range(1, (due - local_day(start)).days))
                if (name := calendar.holiday_name(day)) is not None
            ]
            if skipped:
                sv += f" Helgdagar och aftnar räknas inte som vardagar ({', '.join(skipped)})."
                en += f" Public holidays and eves are not weekdays ({', '.join(skipped)})."
        for note in self.notes:
            held = note.holds(document)
            if held:
                sv, en = f"{sv} {note.sv}", f"{en} {note.en}"
            if note.value:
                values[note.value] = held
        done = value_at(document, self.done)
        if done is not None and _before(done, start):
            return inconsistent(f"$.{self.done}", f"$.{self.event}", due=due, **values)
        if self.count == "hours" and done is not None:
            if isinstance(done, datetime) and done < start:
                return inconsistent(f"$.{self.done}", f"$.{self.event}", due=due, **values)
            if not isinstance(done, datetime) and local_day(done) <= local_day(due):
                # A day alone cannot show that the completion came within the hours.
                return indeterminate(
                    f"$.{self.done}",
                    sv=f"Kan inte avgöras: $.{self.done} anger bara en dag; utan klockslag framgår inte att "
                       f"det skedde senast {due.isoformat()}.",
                    en=f"Cannot be decided: $.{self.done} gives only a day; without a time of day it cannot "
                       f"show that it happened by {due.isoformat()}.",
                    due=due, **values,
                )
        if self.done_by and done is not None and local_day(done) <= local_day(due):
            by = value_at(document, self.done_by)
            if by is None:
                return indeterminate(f"$.{self.done_by}", due=due, **values)
            if by is False:
                done = None
                sv, en = f"{sv} {self.done_by_sv}", f"{en} {self.done_by_en}"
        return deadline(due, done, ctx.as_of, sv, en, **values)

    def twin(self) -> VectorisedRule:
        event = self.event
        columns = (
            Column(event, "time"),
            *((Column(f"{event}.har_klockslag", "flag", path=event, get=_has_time(event)),)
              if self.count == "hours" else ()),
            Column(self.done, "time"),
            *((Column(f"{self.done}.har_klockslag", "flag", path=self.done, get=_has_time(self.done)),)
              if self.count == "hours" else ()),
            *((Column(self.done_by, "flag"),) if self.done_by else ()),
            *(w.column() for w in self.outside),
            *self._needs_columns(self.needs),
        )
        return VectorisedRule(self.rule_id, _unique(columns), self._columns)

    @property
    def values(self) -> tuple[str, ...]:
        """The value names both evaluations give (what the agreement tests compare)."""
        return ("due", *((self.event_value,) if self.event_value else ()),
                *(("due_is_vardag",) if self.count == "calendar_days" else ()))

    def _columns(self, cols: Columns, ctx: BatchContext) -> BatchFinding:
        import numpy as np

        from primarvard_sdk import batch

        event = cols[self.event]
        n: Any = ctx.param(self.parameter) if self.parameter else None
        days = batch.local_days(event)
        cases = _scope_cases(self.outside, cols)
        cases.append((np.isnat(event), Outcome.indeterminate, f"missing:$.{self.event}"))
        cases += self._needs_mask(cols, self.needs)
        if self.count == "hours":
            cases.append((cols[f"{self.event}.har_klockslag"] != 1, Outcome.indeterminate, f"missing:$.{self.event}"))
            instants = event if batch.is_instant(event) else batch.start_of_local_days(event)
            due = batch.add_hours(instants, n)
        elif self.count == "calendar_days":
            due = batch.add_calendar_days(days, n)
        elif self.count == "vardagar":
            due = batch.nth_vardag_after(days, n)
        elif self.count == "next_vardag":
            due = batch.next_vardag(days)
        elif self.count == "months":
            due = batch.add_months(days, n)
        else:
            due = days
        done = cols[self.done]
        cases.append((_before_columns(done, event), Outcome.indeterminate, f"missing:$.{self.done}"))
        if self.count == "hours":
            timed = cols[f"{self.done}.har_klockslag"]
            finished = done if batch.is_instant(done) else batch.start_of_local_days(done)
            early = (timed == 1) & ~np.isnat(finished) & (finished < instants)
            day_only = (timed == 0) & (batch.local_days(done) <= batch.local_days(due))
            cases.append((early | day_only, Outcome.indeterminate, f"missing:$.{self.done}"))
        if self.done_by:
            by = cols[self.done_by]
            in_time = ~np.isnat(done) & (batch.local_days(done) <= batch.local_days(due))
            cases.append((in_time & (by == -1), Outcome.indeterminate, f"missing:$.{self.done_by}"))
            done = np.where(in_time & (by == 0), np.array("NaT", dtype=done.dtype), done)
        values = {"due": due}
        if self.event_value:
            values[self.event_value] = days
        if self.count == "calendar_days":
            values["due_is_vardag"] = batch.is_vardag(due)
        return batch.finding(
            len(event), *cases,
            default=batch.deadline_outcome(due, done, ctx.as_of),
            values=values,
        )


@attrs.frozen
class AgeRange(Shape):
    """An age rule: the person at ``person`` is ``minimum``–``maximum`` full years old on the day
    at ``on`` (both bounds inclusive; ``below`` is an exclusive upper bound: "fram till 70 års
    ålder" is below 70). Inside: ``accept``; outside: ``otherwise`` (``reject``, ``route`` to
    ``route``, or ``not_applicable``).

    :param minimum, maximum, below: parameter names (any may be ``None``).
    :param outside: scope conditions, as for :class:`Deadline`.
    """

    rule_id: str
    person: str
    on: str
    sv: str  #: explanation inside the range; ``{age}`` and ``{day}`` are filled in
    en: str
    otherwise: Literal["reject", "route", "not_applicable"]
    otherwise_sv: str
    otherwise_en: str
    minimum: str | None = None
    maximum: str | None = None
    below: str | None = None
    route: str | None = None
    outside: tuple[When, ...] = ()

    def _bounds(self, ctx: RuleContext) -> tuple[Any, Any, Any]:
        return tuple(ctx.param(p) if p else None for p in (self.minimum, self.maximum, self.below))  # type: ignore[return-value]

    def evaluate(self, document: Any, ctx: RuleContext) -> Finding:
        if (scoped := _scope(self.outside, document)) is not None:
            return scoped
        if gaps := absent(document, self.on, self.person):
            return indeterminate(*gaps)
        day = local_day(value_at(document, self.on))
        person = value_at(document, self.person)
        age = person.age_on(day)
        if age is None:
            return indeterminate(f"$.{self.person}.fodelsedatum", f"$.{self.person}.personnummer")
        low, high, below = self._bounds(ctx)
        inside = (low is None or age >= low) and (high is None or age <= high) and (below is None or age < below)
        fields = {"age": age, "day": day.isoformat()}
        if inside:
            return decision("accept", self.sv.format(**fields), self.en.format(**fields), age=age, reference_day=day)
        sv, en = self.otherwise_sv.format(**fields), self.otherwise_en.format(**fields)
        if self.otherwise == "not_applicable":
            return not_applicable(sv, en, reason="age", age=age, reference_day=day)
        return decision(self.otherwise, sv, en, route=self.route, age=age, reference_day=day)

    def twin(self) -> VectorisedRule:
        on, person = self.on, self.person
        columns = (
            Column(on, "time"),
            Column(f"{person}.finns", "flag", path=person, get=_presence(person)),
            Column(f"{person}.fodelsedatum", "day",
                   get=lambda d: None if value_at(d, person) is None or value_at(d, on) is None
                   else value_at(d, person).birth_date(local_day(value_at(d, on)))),
            *(w.column() for w in self.outside),
        )
        return VectorisedRule(self.rule_id, _unique(columns), self._columns)

    def _columns(self, cols: Columns, ctx: BatchContext) -> BatchFinding:
        import numpy as np

        from primarvard_sdk import batch

        day = batch.local_days(cols[self.on])
        low, high, below = self._bounds(ctx)
        age = batch.full_years(cols[f"{self.person}.fodelsedatum"], day)
        inside = np.ones(len(day), dtype=bool)
        if low is not None:
            inside &= age >= low
        if high is not None:
            inside &= age <= high
        if below is not None:
            inside &= age < below
        outcome = Outcome.not_applicable if self.otherwise == "not_applicable" else Outcome.fail
        reason = "age" if self.otherwise == "not_applicable" else (self.route or self.otherwise)
        return batch.finding(
            len(day),
            *_scope_cases(self.outside, cols),
            (np.isnat(cols[self.on]), Outcome.indeterminate, f"missing:$.{self.on}"),
            (cols[f"{self.person}.finns"] != 1, Outcome.indeterminate, f"missing:$.{self.person}"),
            (np.isnat(cols[f"{self.person}.fodelsedatum"]), Outcome.indeterminate,
             f"missing:$.{self.person}.fodelsedatum,$.{self.person}.personnummer"),
            (~inside, outcome, reason),
            default=Outcome.passed,
            values={"age": age, "reference_day": day,
                    "decision": np.where(inside, "accept", self.otherwise)},
        )



@attrs.frozen
class Fact:
    """One fact a :class:`Declared` requirement needs: the field at ``path`` (dotted, from the
    document) is ``value`` (true by default), or, with ``codes``, holds one of them. ``sv`` and
    ``en`` say what is required ("en rutin för sjukskrivningsprocessen"), for the explanation."""

    path: str
    sv: str
    en: str
    value: bool = True
    codes: tuple[str, ...] = ()

    def state(self, document: Any) -> bool | None:
        """Whether the fact holds (``None``: not reported)."""
        value = value_at(document, self.path)
        if value is None:
            return None
        return _code(value) in self.codes if self.codes else value is self.value

    def column(self) -> Column:
        return Column(self.path, "code" if self.codes else "flag", path=self.path)

    def masks(self, cols: Columns) -> tuple[Any, Any]:
        """(holds, unknown) over columns."""
        import numpy as np

        column = cols[self.path]
        if self.codes:
            return np.isin(column, list(self.codes)), column == ""
        return column == int(self.value), column == -1


@attrs.frozen
class Declared(Shape):
    """A requirement met by what is declared: every fact holds → ``pass`` with ``sv``/``en``; a
    reported fact that does not hold → ``fail`` naming each (a fact not reported cannot save it);
    otherwise a fact not reported → ``indeterminate`` naming its JSON path. Never a default.

    >>> from primarvard_sdk.shapes import Declared, Fact
    >>> shape = Declared(
    ...     "r.p.vardenhet.npo",
    ...     facts=(Fact("it.ansluten_npo", sv="ansluten till NPÖ", en="connected to NPÖ"),),
    ...     sv="Enheten är ansluten till NPÖ.", en="The unit is connected to NPÖ.",
    ... )
    """

    rule_id: str
    facts: tuple[Fact, ...]
    sv: str
    en: str
    outside: tuple[When, ...] = ()

    def evaluate(self, document: Any, ctx: RuleContext) -> Finding:
        if (scoped := _scope(self.outside, document)) is not None:
            return scoped
        states = [(f, f.state(document)) for f in self.facts]
        unmet = [f for f, held in states if held is False]
        if unmet:
            return failed(
                "Uppfylls inte: " + "; ".join(f.sv for f in unmet) + ".",
                "Not met: " + "; ".join(f.en for f in unmet) + ".",
                unmet=",".join(f"$.{f.path}" for f in unmet),
            )
        unknown = [f"$.{f.path}" for f, held in states if held is None]
        if unknown:
            return indeterminate(*unknown)
        return passed(self.sv, self.en)

    def twin(self) -> VectorisedRule:
        columns = (*(f.column() for f in self.facts), *(w.column() for w in self.outside))
        return VectorisedRule(self.rule_id, _unique(columns), self._columns)

    def _columns(self, cols: Columns, ctx: BatchContext) -> BatchFinding:
        import numpy as np

        from primarvard_sdk import batch

        masks = [f.masks(cols) for f in self.facts]
        rows = len(cols[self.facts[0].path])
        unmet = [~holds & ~unknown for holds, unknown in masks]
        code = np.zeros(rows, dtype=np.int64)
        for bit, mask in enumerate(unmet):
            code |= mask.astype(np.int64) << bit
        labels = np.full(rows, "", dtype=object)
        for combination in np.unique(code[code > 0]):
            labels[code == combination] = ",".join(
                f"$.{f.path}" for bit, f in enumerate(self.facts) if combination >> bit & 1
            )
        failing = [(code == k, Outcome.fail, "unmet") for k in np.unique(code[code > 0])]
        return batch.finding(
            rows,
            *_scope_cases(self.outside, cols),
            *failing,
            *batch.missing(**{f"$.{f.path}": unknown for f, (_, unknown) in zip(self.facts, masks, strict=True)}),
            default=Outcome.passed,
            values={"unmet": labels},
        )
