"""The SDK's error hierarchy.

Every error the SDK raises on purpose derives from :class:`PrimarvardError`. Messages never carry
personal data: a personnummer, name or address in the input is never repeated in an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

import attrs

__all__ = [
    "MAX_ERRORS",
    "CalendarRangeError",
    "FieldError",
    "InvalidDocument",
    "InvalidPersonnummer",
    "PluginError",
    "PluginLoadError",
    "PrimarvardError",
    "RulebookDataError",
    "UnknownAnnexTopic",
    "UnknownProgramme",
    "UnknownRegion",
    "UnknownRule",
]


#: Invalid fields listed in one :class:`InvalidDocument`; the rest are counted.
MAX_ERRORS = 100


class PrimarvardError(Exception):
    """Base class of every error the SDK raises on purpose."""


@attrs.frozen
class FieldError:
    """One invalid field: its JSON path (``$.patient.personnummer``) and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidDocument(PrimarvardError, ValueError):
    """Input that does not match the expected type; lists the invalid fields by JSON path.

    At most :data:`MAX_ERRORS` are kept in :attr:`errors`; :attr:`more` counts the rest, so a
    list of a million bad items gives a short message in linear time.
    """

    def __init__(self, errors: Iterable[FieldError], *, type_name: str | None = None, more: int = 0) -> None:
        found = iter(errors)
        self.errors: tuple[FieldError, ...] = tuple(islice(found, MAX_ERRORS))
        self.more = more + sum(1 for _ in found)
        self.type_name = type_name
        what = f"invalid {type_name} document" if type_name else "invalid document"
        detail = "; ".join(str(e) for e in self.errors) or "no detail"
        if self.more:
            detail += f"; and {self.more} more"
        super().__init__(f"{what}: {detail}")


class InvalidPersonnummer(PrimarvardError, ValueError):
    """A personnummer or samordningsnummer that is malformed, has a bad date or check digit.

    The message says what is wrong, never the number itself.
    """


class CalendarRangeError(PrimarvardError, ValueError):
    """A date outside the years the Swedish calendar is precomputed for."""


class UnknownRegion(PrimarvardError, LookupError):
    """No installed plugin provides the region."""


class UnknownProgramme(PrimarvardError, LookupError):
    """The region has no such programme."""


class UnknownRule(PrimarvardError, LookupError):
    """No installed plugin provides a rule with that id."""


class UnknownAnnexTopic(PrimarvardError, LookupError):
    """The programme maps no annex or section to that topic."""


class RulebookDataError(PrimarvardError, ValueError):
    """A plugin's data file (rules, parameters, citations, annexes) is malformed."""


class PluginError(PrimarvardError):
    """A plugin failed: it raised, hung, or returned something malformed. Names the distribution.

    A fault in one rule does not lose the others: :attr:`results` holds the results of the rules
    of the same document that did answer.
    """

    def __init__(self, distribution: str, message: str, *, results: Sequence[Any] = ()) -> None:
        self.distribution = distribution
        self.detail = message
        self.results: tuple[Any, ...] = tuple(results)
        super().__init__(f"plugin {distribution}: {message}")


class PluginLoadError(PluginError):
    """A plugin could not be imported or registered."""
