"""The rule model: regions, programmes, rules with dated parameters and citations, and results."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

import attrs

__all__ = [
    "ANNEX_TOPICS",
    "AS_OF",
    "EACH_ITEM",
    "RULE_ID_PATTERN",
    "Annex",
    "AnnexReference",
    "Citation",
    "Edition",
    "Explanation",
    "Finding",
    "Kind",
    "Outcome",
    "Parameter",
    "ParameterValue",
    "Programme",
    "Region",
    "Result",
    "Rule",
    "SourceDocument",
    "UsedParameter",
]

#: ``<region>.<programme>.<subject>[.<name>]``; annex rules are ``<region>.<programme>.bilagor``.
RULE_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_]*)?$")

#: The canonical annex topics every programme maps to its own annex number or section.
ANNEX_TOPICS: Mapping[str, str] = {
    "ansokan_och_avtal": "Application and agreement",
    "ersattning": "Compensation",
    "lokaler": "Premises",
    "utrustning": "Equipment and supplies",
    "it": "IT",
    "kris_och_kontinuitet": "Crisis management and continuity",
    "samverkan": "Collaboration",
    "utbildningsplatser": "Training posts",
    "uppfoljning_och_sanktioner": "Follow-up and sanctions",
    "upphorande": "Termination",
    "listning": "Listing rules",
    "jour": "On-call",
    "forsakringsmedicin": "Insurance medicine",
    "filial": "Branch clinics",
}


#: ``governing_day`` of a unit's standing requirements: the evaluation day itself.
AS_OF = "as_of"
#: ``governing_day`` of a rule that judges dated items of one document (changes, requests,
#: closures) each by its own day: each item's day picks its edition and parameter values
#: (:meth:`RuleContext.edition_on <primarvard_sdk.context.RuleContext.edition_on>`, ``param(on=)``),
#: and items outside every edition are not judged but listed.
EACH_ITEM = "each_item"


class Kind(StrEnum):
    """What a rule computes."""

    deadline = "deadline"  #: a due date/time from an event: met / missed / open
    eligibility = "eligibility"  #: whether a person, referral or listing is accepted, and the route
    requirement = "requirement"  #: a declared fact of a care unit: pass / fail
    threshold = "threshold"  #: a required quantity compared with what is declared
    allocation = "allocation"  #: a quantity split between units
    annex = "annex"  #: topics mapped to annex numbers or sections


class Outcome(StrEnum):
    """The outcome of one rule on one document."""

    passed = "pass"
    fail = "fail"
    warning = "warning"
    not_applicable = "not_applicable"
    indeterminate = "indeterminate"  #: an input the rule needs is missing (never a guess)
    met = "met"  #: the deadline was kept
    missed = "missed"  #: the deadline was not kept, or has passed with nothing done
    open = "open"  #: the deadline has not passed and nothing is recorded yet

    @property
    def is_failure(self) -> bool:
        """``fail`` and ``missed``: the outcomes that make the CLI exit with 1."""
        return self in (Outcome.fail, Outcome.missed)


def _reference(issuer: str | None, title: str, edition: str | None, annex: str | None) -> str:
    text = f"{issuer} — {title}" if issuer and not title.startswith(issuer) else title
    if edition and edition not in text:
        text += f", {edition}"
    if annex and annex not in text:
        text += f" ({annex})"
    return text


@attrs.frozen
class SourceDocument:
    """A rulebook (or an annex of one) that a programme's rules cite, as its issuer publishes it."""

    id: str  #: a readable key the plugin's citations use (``kalmar-halsoval-uppdrag-2025``)
    title: str  #: the title the rulebook prints
    issuer: str | None = None  #: the region that issues it (``Region Kalmar län``)
    edition: str | None = None  #: the year or edition it names (``2025``), if any
    annex: str | None = None  #: where the document is an annex: which one, of what

    @property
    def reference(self) -> str:
        """How a reader names it: issuer, title, edition and annex in one line."""
        return _reference(self.issuer, self.title, self.edition, self.annex)


@attrs.frozen
class Citation:
    """Where a rule comes from: the rulebook (title, issuer, edition, annex), the section as the
    rulebook prints it, and the verbatim quote."""

    document: str  #: the rulebook's key in its plugin (a readable name, never a file)
    title: str
    section: str
    quote: str
    issuer: str | None = None
    edition: str | None = None
    annex: str | None = None

    @property
    def reference(self) -> str:
        """The rulebook in one line: ``Region Kalmar län — Hälsoval Kalmar län — uppdragsbeskrivning 2025``."""
        return _reference(self.issuer, self.title, self.edition, self.annex)


@attrs.frozen
class ParameterValue:
    """One value of a parameter and the days it is in force (both ends inclusive)."""

    value: Any
    valid_from: date | None = None
    valid_to: date | None = None
    citation: Citation | None = None  #: when the value has a source other than the rule's own

    def in_force(self, as_of: date) -> bool:
        return (self.valid_from is None or self.valid_from <= as_of) and (
            self.valid_to is None or as_of <= self.valid_to
        )


@attrs.frozen
class Edition:
    """A rulebook edition a programme implements, and the days it governs (both ends inclusive)."""

    id: str
    title: str
    issuer: str
    valid_from: date
    valid_to: date | None = None  #: ``None`` where the rulebook states no end
    notes: str | None = None  #: how the dates were read where the text does not state them

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@attrs.frozen
class Parameter:
    """A named, time-versioned parameter of a rule."""

    name: str
    values: tuple[ParameterValue, ...]
    description: str | None = None
    unit: str | None = None

    def at(self, as_of: date) -> ParameterValue | None:
        """The value in force on ``as_of``, or ``None`` when none is."""
        for value in self.values:
            if value.in_force(as_of):
                return value
        return None


@attrs.frozen
class Rule:
    """A rule of a programme, with everything needed to cite and evaluate it."""

    id: str
    region: str
    programme: str
    subject: str
    kind: Kind
    title: str
    description: str
    citation: Citation
    parameters: tuple[Parameter, ...] = ()
    description_sv: str | None = None  #: the same statement in Swedish
    input_type: str | None = None  #: the document type evaluated; ``None`` for annex rules
    notes: str | None = None  #: how an unclear text is read
    #: Dotted path in the document whose local day picks the edition and the parameter values
    #: (the day the obligation arose), :data:`AS_OF` for a unit's standing requirements, or
    #: :data:`EACH_ITEM` for a rule that judges each dated item of a document by its own day.
    governing_day: str = AS_OF
    scope: str | None = None  #: when the rule applies, in the text's own words; else not_applicable
    needs: tuple[str, ...] = ()  #: JSON paths it needs that a document may leave out (→ indeterminate)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(f"rule {self.id} has no parameter {name!r}")


@attrs.frozen
class Explanation:
    """A short explanation in Swedish and English."""

    sv: str
    en: str


@attrs.frozen
class Finding:
    """What a rule implementation returns: the core adds citation and parameters to it."""

    outcome: Outcome
    explanation: Explanation
    values: Mapping[str, Any] = attrs.field(factory=dict)
    missing: tuple[str, ...] = ()  #: JSON paths of inputs that were needed but absent


@attrs.frozen
class UsedParameter:
    """A parameter value a result used, with the days it is in force."""

    name: str
    value: Any
    valid_from: date | None
    valid_to: date | None


@attrs.frozen
class Result:
    """The result of one rule on one document: what a program acts on and a person reads."""

    rule_id: str
    region: str
    programme: str
    subject: str
    kind: Kind
    title: str
    as_of: date
    outcome: Outcome
    values: Mapping[str, Any]
    parameters: tuple[UsedParameter, ...]
    citation: Citation
    explanation: Explanation
    missing: tuple[str, ...] = ()
    reference: str | None = None  #: the caller-given reference of the document, never identity
    notes: str | None = None
    governing_day: date | None = None  #: the day that picked the edition and parameter values
    edition: str | None = None  #: the id of the rulebook edition applied (``None``: none in force)


@attrs.frozen
class Programme:
    """A care-choice programme of a region, with its source documents."""

    code: str
    title: str
    documents: tuple[SourceDocument, ...] = ()
    editions: tuple[Edition, ...] = ()

    def edition_on(self, day: date) -> Edition | None:
        """The edition in force on ``day``, or ``None``."""
        return next((e for e in self.editions if e.in_force(day)), None)


@attrs.frozen
class Region:
    """A region as a plugin declares it."""

    code: str
    name: str
    programmes: tuple[Programme, ...]

    def programme(self, code: str) -> Programme | None:
        return next((p for p in self.programmes if p.code == code), None)


@attrs.frozen
class Annex:
    """A programme's annex (bilaga) or section for one canonical topic."""

    topic: str  #: a key of :data:`ANNEX_TOPICS` or a programme-specific topic
    title: str
    number: str | None = None  #: "4", "2:1"; ``None`` where the programme answers with a section
    section: str | None = None
    aliases: tuple[str, ...] = ()  #: other titles the text cites the same annex under
    items: tuple[str, ...] = ()  #: listed contents, e.g. collaboration partners
    rule_id: str | None = None  #: the catalogue rule that cites this mapping


@attrs.frozen
class AnnexReference:
    """The answer to "which annex of programme P covers topic T", with its citation."""

    region: str
    programme: str
    topic: str
    annex: Annex
    citation: Citation | None
