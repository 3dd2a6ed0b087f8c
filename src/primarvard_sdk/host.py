"""The plugin host: finds region plugins, keeps them apart, and calls them.

Plugins come from the ``primarvard_sdk`` entry-point group and from explicit registration
(embedders, tests). Each is loaded and registered inside its own try/except: one that fails to
import, raises, or returns something malformed is recorded as a :class:`PluginFailure` with its
distribution name and version, and every other region keeps working. Two plugins claiming the
same region is an error for that region, never last-one-wins.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from primarvard_sdk import hookspecs
from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.documents import EvaluationRequest, type_name_of
from primarvard_sdk.editions import governing, no_rulebook_in_force
from primarvard_sdk.errors import (
    FieldError,
    InvalidDocument,
    PluginError,
    UnknownAnnexTopic,
    UnknownProgramme,
    UnknownRegion,
    UnknownRule,
)
from primarvard_sdk.examples import Example
from primarvard_sdk.model import (
    RULE_ID_PATTERN,
    Annex,
    AnnexReference,
    Explanation,
    Finding,
    Outcome,
    Region,
    Result,
    Rule,
)
from primarvard_sdk.vectorised import VectorisedRule

if TYPE_CHECKING:
    from primarvard_sdk.batch import BatchResult

__all__ = ["ENTRY_POINT_GROUP", "PluginFailure", "PluginInfo", "Sdk"]

ENTRY_POINT_GROUP = "primarvard_sdk"
_PERSONNUMMER_LIKE = re.compile(r"\d{6,8}[-+]?\d{4}")


@attrs.frozen
class PluginFailure:
    """A plugin that could not be used, and why."""

    distribution: str
    message: str


@attrs.frozen
class PluginInfo:
    """A loaded plugin: its region and the distribution it comes from."""

    region: Region
    distribution: str
    plugin: Any = attrs.field(eq=False, repr=False)


def _distribution_of(ep: EntryPoint) -> str:
    dist = ep.dist
    return f"{dist.name} {dist.version}" if dist is not None else ep.value


def _safe_message(exc: BaseException) -> str:
    # A plugin's exception text may quote its input; never let a personnummer through.
    text = _PERSONNUMMER_LIKE.sub("<redacted>", str(exc))[:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@attrs.define
class _Programme:
    rules: dict[str, Rule]
    by_input: dict[str, tuple[Rule, ...]]
    annexes: tuple[Annex, ...]


class Sdk:
    """The SDK's entry point: regions, rules, evaluation and annexes over the loaded plugins.

    :param plugins: plugin objects to register explicitly, as ``(plugin, distribution_name)``
        pairs or bare objects.
    :param entry_points: also load the plugins installed under the ``primarvard_sdk`` group
        (``True``), none (``False``), or exactly these entry points (for tests and embedders).

    Loading is lazy: nothing is imported until the first question is asked.
    """

    def __init__(self, plugins: Iterable[Any] = (), *, entry_points: bool | Iterable[EntryPoint] = True) -> None:
        self._explicit = list(plugins)
        self._use_entry_points = entry_points if isinstance(entry_points, bool) else list(entry_points)
        self._loaded = False
        self._lock = threading.RLock()
        self._pm = pluggy.PluginManager(hookspecs.PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._plugins: dict[str, PluginInfo] = {}
        self._conflicts: dict[str, list[str]] = {}
        self._failures: list[PluginFailure] = []
        self._programmes: dict[tuple[str, str], _Programme] = {}
        self._rule_index: dict[str, tuple[str, str]] = {}
        self._impls: dict[tuple[int, str], tuple[Any, Any]] = {}  # (id(plugin), hook) → (plugin, function)

    # --- loading -------------------------------------------------------------------------

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            if self._use_entry_points is True:
                for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
                    self._load_entry_point(ep)
            elif self._use_entry_points:
                for ep in self._use_entry_points:
                    self._load_entry_point(ep)
            for item in self._explicit:
                plugin, distribution = item if isinstance(item, tuple) else (item, None)
                self._add(plugin, distribution or _default_name(plugin))
            self._pm.check_pending()
            self._loaded = True

    def _load_entry_point(self, ep: EntryPoint) -> None:
        distribution = _distribution_of(ep)
        try:
            plugin = ep.load()
        except Exception as exc:
            self._failures.append(PluginFailure(distribution, f"failed to import: {_safe_message(exc)}"))
            return
        self._add(plugin, distribution)

    def register(self, plugin: Any, distribution: str | None = None) -> None:
        """Register a plugin object explicitly (for embedders and tests)."""
        self._ensure_loaded()
        with self._lock:
            self._add(plugin, distribution or _default_name(plugin))
            self._pm.check_pending()

    def _add(self, plugin: Any, distribution: str) -> None:
        try:
            self._pm.register(plugin, name=f"{distribution}#{id(plugin)}")
        except Exception as exc:
            self._failures.append(PluginFailure(distribution, f"failed to register: {_safe_message(exc)}"))
            return
        try:
            region = self._call(plugin, distribution, "primarvard_sdk_region")
            if not isinstance(region, Region):
                raise PluginError(distribution, "primarvard_sdk_region returned no Region")
        except PluginError as exc:
            self._pm.unregister(plugin)
            self._failures.append(PluginFailure(distribution, str(exc).split(": ", 1)[1]))
            return
        if region.code in self._plugins or region.code in self._conflicts:
            claimants = self._conflicts.setdefault(region.code, [])
            if region.code in self._plugins:
                claimants.append(self._plugins.pop(region.code).distribution)
            claimants.append(distribution)
            self._failures.append(
                PluginFailure(distribution, f"region {region.code!r} is also claimed by {', '.join(claimants[:-1])}")
            )
            return
        self._plugins[region.code] = PluginInfo(region=region, distribution=distribution, plugin=plugin)

    def _implementation(self, plugin: Any, hook: str) -> Any:
        """The plugin's function for ``hook`` (None if it has none), cached: this is the hot path."""
        key = (id(plugin), hook)
        cached = self._impls.get(key)
        if cached is not None and cached[0] is plugin:
            return cached[1]
        impls = [i for i in getattr(self._pm.hook, hook).get_hookimpls() if i.plugin is plugin]
        function = impls[0].function if impls else None
        self._impls[key] = (plugin, function)
        return function

    def _call(self, plugin: Any, distribution: str, hook: str, **kwargs: Any) -> Any:
        function = self._implementation(plugin, hook)
        if function is None:
            raise PluginError(distribution, f"does not implement {hook}")
        try:
            return function(**kwargs)
        except (PluginError, ParameterNotInForce):
            raise
        except Exception as exc:
            raise PluginError(distribution, f"{hook} raised {_safe_message(exc)}") from None

    def _record_failure(self, exc: PluginError) -> None:
        failure = PluginFailure(exc.distribution, str(exc).split(": ", 1)[-1])
        with self._lock:
            if failure not in self._failures:
                self._failures.append(failure)

    # --- questions -----------------------------------------------------------------------

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """Plugins that could not be used, with their distribution names."""
        self._ensure_loaded()
        return tuple(self._failures)

    def plugins(self) -> tuple[PluginInfo, ...]:
        self._ensure_loaded()
        return tuple(self._plugins[c] for c in sorted(self._plugins))

    def regions(self) -> tuple[Region, ...]:
        """The regions of every working plugin, sorted by code."""
        return tuple(p.region for p in self.plugins())

    def _plugin(self, region: str) -> PluginInfo:
        self._ensure_loaded()
        if region in self._conflicts:
            raise PluginError(
                ", ".join(self._conflicts[region]), f"region {region!r} is claimed by more than one plugin"
            )
        if region not in self._plugins:
            known = ", ".join(sorted(self._plugins)) or "none installed"
            raise UnknownRegion(f"unknown region {_shown(region)} (known: {known})")
        return self._plugins[region]

    def region(self, code: str) -> Region:
        return self._plugin(code).region

    def _programme(self, region: str, programme: str) -> _Programme:
        key = (region, programme)
        cached = self._programmes.get(key)
        if cached is not None:
            return cached
        info = self._plugin(region)
        if info.region.programme(programme) is None:
            known = ", ".join(p.code for p in info.region.programmes)
            raise UnknownProgramme(f"region {_shown(region)} has no programme {_shown(programme)} (known: {known})")
        with self._lock:
            if key not in self._programmes:
                self._programmes[key] = self._load_programme(info, programme)
            return self._programmes[key]

    def _load_programme(self, info: PluginInfo, programme: str) -> _Programme:
        dist, code = info.distribution, info.region.code
        declared = info.region.programme(programme)
        if declared is not None and not declared.editions:
            raise PluginError(dist, f"programme {code}.{programme} declares no rulebook edition")
        rules = self._call(info.plugin, dist, "primarvard_sdk_rules", programme=programme)
        annexes = self._call(info.plugin, dist, "primarvard_sdk_annexes", programme=programme)
        if not isinstance(rules, Sequence) or not all(isinstance(r, Rule) for r in rules):
            raise PluginError(dist, f"primarvard_sdk_rules({programme!r}) returned something other than rules")
        if not isinstance(annexes, Sequence) or not all(isinstance(a, Annex) for a in annexes):
            raise PluginError(dist, f"primarvard_sdk_annexes({programme!r}) returned something other than annexes")
        by_id: dict[str, Rule] = {}
        for rule in rules:
            if not RULE_ID_PATTERN.match(rule.id) or (rule.region, rule.programme) != (code, programme) \
                    or not rule.id.startswith(f"{code}.{programme}."):
                raise PluginError(dist, f"rule {rule.id!r} does not belong to {code}.{programme}")
            if rule.id in by_id or rule.id in self._rule_index:
                raise PluginError(dist, f"rule id {rule.id!r} is declared twice")
            by_id[rule.id] = rule
        by_input: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.input_type is not None:
                by_input.setdefault(rule.input_type, []).append(rule)
        for rule_id in by_id:
            self._rule_index[rule_id] = (code, programme)
        return _Programme(by_id, {k: tuple(v) for k, v in by_input.items()}, tuple(annexes))

    def rules(self, region: str | None = None, programme: str | None = None) -> tuple[Rule, ...]:
        """Rules of one programme, one region, or every working plugin, in a stable order."""
        found: list[Rule] = []
        regions = [self.region(region)] if region else list(self.regions())
        for r in regions:
            for p in r.programmes:
                if programme is None or p.code == programme:
                    try:
                        found.extend(self._programme(r.code, p.code).rules.values())
                    except PluginError as exc:
                        if region:
                            raise
                        # Listing every region: one broken plugin must not hide the others.
                        self._record_failure(exc)
        if region and programme and not found:
            self._programme(region, programme)
        return tuple(sorted(found, key=lambda rule: rule.id))

    def rule(self, rule_id: str) -> Rule:
        """Look up one rule by its id."""
        parts = rule_id.split(".")
        if len(parts) < 3:
            raise UnknownRule(f"unknown rule {_shown(rule_id)}: expected <region>.<programme>.<subject>[.<name>]")
        try:
            book = self._programme(parts[0], parts[1])
        except (UnknownRegion, UnknownProgramme) as exc:
            raise UnknownRule(f"unknown rule {_shown(rule_id)}: {exc}") from None
        if rule_id not in book.rules:
            raise UnknownRule(f"unknown rule {_shown(rule_id)}")
        return book.rules[rule_id]

    def applicable_rules(self, document: Any, *, region: str, programme: str) -> tuple[Rule, ...]:
        """The rules of a programme that evaluate documents of this type."""
        return self._programme(region, programme).by_input.get(type_name_of(document), ())

    def evaluate(
        self,
        document: Any,
        *,
        region: str,
        programme: str,
        as_of: date,
        rule: str | None = None,
        reference: str | None = None,
    ) -> tuple[Result, ...]:
        """Evaluate one rule, or every rule of the programme that applies to the document.

        :param as_of: the day the rule is evaluated on: which parameter values are in force, and
            whether an unmet deadline is still open. There is no default: no hidden clock.
        :raises UnknownRegion, UnknownProgramme, UnknownRule: for names that do not exist.
        :raises PluginError: when the owning plugin raises or returns something malformed.
        """
        if not isinstance(as_of, date):
            raise TypeError("as_of must be a date")
        book = self._programme(region, programme)
        type_name = type_name_of(document)
        if rule is not None:
            selected = self.rule(rule)
            if (selected.region, selected.programme) != (region, programme):
                raise UnknownRule(f"rule {rule!r} is not a rule of {region}.{programme}")
            if selected.input_type != type_name:
                raise UnknownRule(
                    f"rule {rule!r} evaluates {selected.input_type or 'no document'}, not {type_name}"
                )
            rules: tuple[Rule, ...] = (selected,)
        else:
            rules = book.by_input.get(type_name, ())
        ref = reference if reference is not None else getattr(document, "referens", None)
        info = self._plugins[region]
        return tuple(self._evaluate_one(info, r, document, as_of, ref) for r in rules)

    def _evaluate_one(self, info: PluginInfo, rule: Rule, document: Any, as_of: date, reference: str | None) -> Result:
        day, found = governing(rule, document, as_of)
        programme = self.region(rule.region).programme(rule.programme)
        edition = programme.edition_on(day) if programme is not None and day is not None else None
        context = RuleContext(rule, as_of, day, edition)
        if found is None and edition is None:
            found = no_rulebook_in_force(day)  # type: ignore[arg-type]
        if found is None:
            try:
                found = self._call(info.plugin, info.distribution, "primarvard_sdk_evaluate",
                                   rule=rule, document=document, context=context)
            except ParameterNotInForce as exc:
                found = _not_in_force(exc)
        if not isinstance(found, Finding) or not isinstance(found.outcome, Outcome) \
                or not isinstance(found.explanation, Explanation):
            raise PluginError(info.distribution, f"rule {rule.id} returned a malformed finding")
        problem = _finding_problem(found)
        if problem:
            raise PluginError(info.distribution, f"rule {rule.id} returned a malformed finding: {problem}")
        return Result(
            rule_id=rule.id,
            region=rule.region,
            programme=rule.programme,
            subject=rule.subject,
            kind=rule.kind,
            title=rule.title,
            as_of=as_of,
            outcome=found.outcome,
            values=found.values,
            parameters=context.used,
            citation=rule.citation,
            explanation=found.explanation,
            missing=found.missing,
            reference=reference,
            notes=rule.notes,
            governing_day=day,
            edition=edition.id if edition is not None else None,
        )

    def vectorised(self, rule_id: str) -> tuple[VectorisedRule | None, str]:
        """The vectorised twin of a rule (``None`` when it has none) and its plugin's name."""
        rule = self.rule(rule_id)
        info = self._plugins[rule.region]
        if self._implementation(info.plugin, "primarvard_sdk_vectorised") is None:
            return None, info.distribution
        twin = self._call(info.plugin, info.distribution, "primarvard_sdk_vectorised", rule=rule)
        if twin is not None and not (isinstance(twin, VectorisedRule) and twin.rule_id == rule_id):
            raise PluginError(info.distribution, f"primarvard_sdk_vectorised({rule_id}) returned no twin of it")
        return twin, info.distribution

    def evaluate_columns(self, rule_id: str, columns: Mapping[str, Any], *, as_of: date) -> BatchResult:
        """Evaluate one rule over columns (numpy arrays; one row per document), as of a day.

        Population scale for rules with a vectorised twin (deadlines that are date arithmetic,
        age and listing checks): same semantics as :meth:`evaluate` row by row, results as
        columns. Needs numpy. See :mod:`primarvard_sdk.batch`.

        :raises UnknownRule: for an unknown rule or one without a vectorised twin.
        """
        from primarvard_sdk.batch import evaluate_columns

        return evaluate_columns(self, rule_id, columns, as_of=as_of)

    def evaluate_request(
        self, request: EvaluationRequest, *, region: str | None = None, programme: str | None = None,
        as_of: date | None = None,
    ) -> tuple[Result, ...]:
        """Evaluate a request; the request's own region, programme and as-of win over the defaults."""
        region = request.region or region
        programme = request.programme or programme
        when = request.as_of or as_of
        document = request.document
        if region is None and hasattr(document, "region"):
            region = document.region
        if programme is None and hasattr(document, "programme"):
            programme = document.programme
        missing = [n for n, v in (("region", region), ("programme", programme), ("as_of", when)) if v is None]
        if missing:
            raise InvalidDocument([FieldError(f"$.{n}", "required (in the request or as an option)") for n in missing])
        assert region is not None and programme is not None and when is not None
        return self.evaluate(document, region=region, programme=programme, as_of=when, rule=request.rule)

    def examples(self, region: str, programme: str) -> tuple[Example, ...]:
        """The worked examples a programme ships (empty when its plugin has none)."""
        self._programme(region, programme)
        info = self._plugins[region]
        if self._implementation(info.plugin, "primarvard_sdk_examples") is None:
            return ()
        found = self._call(info.plugin, info.distribution, "primarvard_sdk_examples", programme=programme)
        if not isinstance(found, Sequence) or not all(isinstance(e, Example) for e in found):
            raise PluginError(info.distribution, f"primarvard_sdk_examples({programme!r}) returned something other than examples")
        return tuple(found)

    def annexes(self, region: str, programme: str) -> tuple[Annex, ...]:
        """The annex mapping of a programme."""
        return self._programme(region, programme).annexes

    def annex(self, region: str, programme: str, topic: str) -> AnnexReference:
        """Which annex (or section) of a programme covers a topic; aliases and titles are accepted."""
        wanted = _fold(topic)
        for annex in self.annexes(region, programme):
            names = (annex.topic, annex.title, *annex.aliases)
            if wanted in {_fold(n) for n in names} or (annex.number is not None and wanted == _fold(annex.number)):
                citation = self.rule(annex.rule_id).citation if annex.rule_id else None
                return AnnexReference(region, programme, annex.topic, annex, citation)
        known = ", ".join(a.topic for a in self.annexes(region, programme))
        raise UnknownAnnexTopic(f"{region}.{programme} maps no annex to {_shown(topic)} (topics: {known})")


def _finding_problem(found: Finding) -> str | None:
    """Why a finding cannot become a result (JSON-ready values, text explanations), or ``None``."""
    from primarvard_sdk.convert import unstructure

    if not isinstance(found.explanation.sv, str) or not isinstance(found.explanation.en, str):
        return "explanations must be text"
    if not isinstance(found.missing, tuple) or not all(isinstance(p, str) and p.startswith("$") for p in found.missing):
        return "missing must be a tuple of JSON paths"
    if not isinstance(found.values, Mapping) or not all(isinstance(k, str) for k in found.values):
        return "values must be a mapping with text keys"
    if _plainly_json(found.values, 0):  # the common case, without serialising anything
        return None
    try:
        json.dumps(unstructure(dict(found.values)), allow_nan=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return "values are not JSON-serialisable"
    return None


_JSON_LEAVES = (str, int, date, time)  # bool is an int; datetime is a date; StrEnum is a str


def _plainly_json(value: Any, depth: int) -> bool:
    """True when ``value`` certainly serialises (a conservative check; False means "look closer")."""
    if value is None or isinstance(value, _JSON_LEAVES):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if depth > 20:
        return False
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _plainly_json(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plainly_json(v, depth + 1) for v in value)
    return False


_CODE_LIKE = re.compile(r"[A-Za-z0-9_.\-]{1,100}")


def _shown(name: object) -> str:
    """A caller-given name for an error message: quoted when it looks like a code, else withheld
    (it may be personal data pasted into the wrong place)."""
    if isinstance(name, str) and _CODE_LIKE.fullmatch(name) and not _PERSONNUMMER_LIKE.search(name):
        return repr(name)
    return "(not shown: not a code)"


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


def _not_in_force(exc: ParameterNotInForce) -> Finding:
    day = exc.as_of.isoformat()
    return Finding(
        outcome=Outcome.not_applicable,
        explanation=Explanation(
            sv=f"Parametern {exc.name} har inget värde som gäller {day}; regeln tillämpas inte.",
            en=f"Parameter {exc.name} has no value in force on {day}; the rule does not apply.",
        ),
        values={"parameter_not_in_force": exc.name},
    )


def _default_name(plugin: Any) -> str:
    module = getattr(plugin, "__module__", None) or type(plugin).__module__
    return str(getattr(plugin, "__name__", None) or module)
