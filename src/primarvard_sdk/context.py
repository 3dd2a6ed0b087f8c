"""What a rule implementation is given besides its document: the rule, the as-of date, parameters."""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.model import Parameter, ParameterValue, Rule, UsedParameter

__all__ = ["ParameterNotInForce", "RuleContext"]


class ParameterNotInForce(LookupError):
    """A parameter has no value in force on the as-of date (the rule then does not apply)."""

    def __init__(self, rule_id: str, name: str, as_of: date) -> None:
        self.rule_id, self.name, self.as_of = rule_id, name, as_of
        super().__init__(f"{rule_id}: parameter {name!r} has no value in force on {as_of.isoformat()}")


class RuleContext:
    """The rule being evaluated, the as-of date, and the parameters in force on that date.

    Every parameter a rule reads through :meth:`param` is recorded and reported in the result,
    with the dates its value is valid for.
    """

    __slots__ = ("_used", "as_of", "rule")

    def __init__(self, rule: Rule, as_of: date) -> None:
        self.rule = rule
        self.as_of = as_of
        self._used: dict[str, UsedParameter] = {}

    def _value(self, name: str) -> tuple[Parameter, ParameterValue | None]:
        parameter = self.rule.parameter(name)
        return parameter, parameter.at(self.as_of)

    def param(self, name: str) -> Any:
        """The value of ``name`` in force on the as-of date.

        Raises :class:`ParameterNotInForce` when none is; the core then answers
        ``not_applicable`` and says which parameter was not in force.
        """
        _, value = self._value(name)
        if value is None:
            raise ParameterNotInForce(self.rule.id, name, self.as_of)
        self._record(name, value)
        return value.value

    def param_or_none(self, name: str) -> Any | None:
        """Like :meth:`param`, but ``None`` when no value is in force (the rule decides)."""
        _, value = self._value(name)
        if value is None:
            return None
        self._record(name, value)
        return value.value

    def _record(self, name: str, value: ParameterValue) -> None:
        self._used[name] = UsedParameter(name, value.value, value.valid_from, value.valid_to)

    @property
    def used(self) -> tuple[UsedParameter, ...]:
        return tuple(self._used.values())
