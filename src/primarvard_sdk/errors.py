"""The SDK's error hierarchy.

Every error the SDK raises on purpose derives from :class:`PrimarvardError`. Messages never carry
personal data: a personnummer, name or address in the input is never repeated in an error.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
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
    """Input that does not match the expected type; lists every invalid field by JSON path."""

    def __init__(self, errors: Sequence[FieldError], *, type_name: str | None = None) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        self.type_name = type_name
        what = f"invalid {type_name} document" if type_name else "invalid document"
        detail = "; ".join(str(e) for e in self.errors) or "no detail"
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
    """A plugin failed: it raised, or returned something malformed. Names the distribution."""

    def __init__(self, distribution: str, message: str) -> None:
        self.distribution = distribution
        super().__init__(f"plugin {distribution}: {message}")


class PluginLoadError(PluginError):
    """A plugin could not be imported or registered."""
