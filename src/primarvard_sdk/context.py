"""What a rule implementation is given besides its document: the rule, its governing day and
edition, the evaluation day, and the parameters in force."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from primarvard_sdk.model import Edition, Parameter, ParameterValue, Rule, UsedParameter

__all__ = ["ParameterNotInForce", "RuleContext"]

E = TypeVar("E")


class ParameterNotInForce(LookupError):
    """A parameter has no value in force on the as-of date (the rule then does not apply)."""

    def __init__(self, rule_id: str, name: str, as_of: date) -> None:
        self.rule_id, self.name, self.as_of = rule_id, name, as_of
        super().__init__(f"{rule_id}: parameter {name!r} has no value in force on {as_of.isoformat()}")


#: The report of each parameter value, made once: id of the value → (the value, its report). The
#: value is held, so its id is never reused while the entry lives; a rulebook has a few hundred.
_USED: dict[int, tuple[ParameterValue, UsedParameter]] = {}


class RuleContext:
    """The rule being evaluated, the day that governs it, the evaluation day, and parameters.

    ``day`` is the governing day: the day the obligation arose (a referral's arrival, the listing
    day, the contact), or the evaluation day for a unit's standing requirements. It picks the
    rulebook ``edition`` and every parameter value. ``as_of`` is the evaluation day: it decides
    only whether an unmet deadline is still open or already missed.

    Every parameter a rule reads through :meth:`param` is recorded and reported in the result,
    with the dates its value is valid for.
    """

    __slots__ = ("_used", "as_of", "day", "edition", "editions", "rule")

    def __init__(self, rule: Rule, as_of: date, day: date | None = None, edition: Edition | None = None,
                 editions: tuple[Edition, ...] = ()) -> None:
        self.rule = rule
        self.as_of = as_of
        self.day = as_of if day is None else day
        self.edition = edition
        self.editions = editions
        self._used: dict[str, UsedParameter] = {}

    def edition_on(self, day: date) -> Edition | None:
        """The programme's edition in force on ``day`` (for rules that judge each item by its day)."""
        return next((e for e in self.editions if e.in_force(day)), None)

    def _value(self, name: str, on: date | None) -> tuple[Parameter, ParameterValue | None]:
        parameter = self.rule.parameter(name)
        return parameter, parameter.at(self.day if on is None else on)

    def param(self, name: str, on: date | None = None) -> Any:
        """The value of ``name`` in force on the governing day (or on the day ``on``).

        Raises :class:`ParameterNotInForce` when none is; the core then answers
        ``not_applicable`` and says which parameter was not in force.
        """
        _, value = self._value(name, on)
        if value is None:
            raise ParameterNotInForce(self.rule.id, name, self.day if on is None else on)
        self._record(name, value)
        return value.value

    def param_or_none(self, name: str, on: date | None = None) -> Any | None:
        """Like :meth:`param`, but ``None`` when no value is in force (the rule decides)."""
        _, value = self._value(name, on)
        if value is None:
            return None
        self._record(name, value)
        return value.value

    def extension(self, document: Any, cls: type[E]) -> E | None:
        """The rule's region's extension of ``document`` (``tillagg.<region>``) as ``cls``, or
        ``None`` when the document carries none: the rule then answers ``indeterminate`` naming
        :attr:`extension_path`. The SDK has checked the entry against the region's declaration.
        """
        tillagg = getattr(document, "tillagg", None)
        entry = None if tillagg is None else tillagg.get(self.rule.region)
        if entry is None or isinstance(entry, cls):
            return entry
        from primarvard_sdk.convert import structure  # a document not passed through the SDK

        return structure(entry, cls, path=self.extension_path)

    @property
    def extension_path(self) -> str:
        """The JSON path of the rule's region's extension: ``$.tillagg.<region>``."""
        return f"$.tillagg.{self.rule.region}"

    def _record(self, name: str, value: ParameterValue) -> None:
        used = _USED.get(id(value))
        if used is None or used[0] is not value or used[1].name != name:
            if len(_USED) >= 65536:  # SDKs made and dropped (tests) leave their rulebooks' entries
                _USED.clear()
            used = _USED[id(value)] = (value, UsedParameter(name, value.value, value.valid_from, value.valid_to))
        self._used[name] = used[1]

    @property
    def used(self) -> tuple[UsedParameter, ...]:
        return tuple(self._used.values())
