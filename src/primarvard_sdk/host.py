"""The plugin host: finds region plugins, keeps them apart, and calls them.

Plugins come from the ``primarvard_sdk`` entry-point group and from explicit registration
(embedders, tests). Each is loaded and registered inside its own try/except: one that fails to
import, raises, or returns something malformed is recorded as a :class:`PluginFailure` with its
distribution name and version, and every other region keeps working. Two plugins claiming the
same region is an error for that region, never last-one-wins.

A plugin cannot stop the others: whatever it raises at import or in a hook (``SystemExit``
included) becomes a :class:`PluginError` naming its distribution, the exception type and where it
was raised, never the exception's text (which may quote personal data); a plugin that does not
answer within ``plugin_timeout`` seconds is cut off and reported. What a rule returns is checked
once, here: JSON data only, no personal data objects, personnummer and the document's names
withheld in every text, values frozen (see :mod:`primarvard_sdk.values`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from primarvard_sdk import hookspecs
from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.convert import FIRST_DAY, LAST_DAY
from primarvard_sdk.errors import (
    FieldError,
    InvalidDocument,
    InvalidPersonnummer,
    PluginError,
    RulebookDataError,
    UnknownAnnexTopic,
    UnknownProgramme,
    UnknownRegion,
    UnknownRule,
)
from primarvard_sdk.examples import Example
from primarvard_sdk.isolation import Abandoned, Runner, TimedOut
from primarvard_sdk.model import (
    AS_OF,
    EACH_ITEM,
    RULE_ID_PATTERN,
    Annex,
    AnnexReference,
    Edition,
    Explanation,
    Finding,
    Kind,
    Outcome,
    Region,
    Result,
    Rule,
)
from primarvard_sdk.plugin import RegionPlugin
from primarvard_sdk.privacy import redact, words
from primarvard_sdk.values import NotJson, freeze
from primarvard_sdk.vectorised import Column, VectorisedRule

if TYPE_CHECKING:
    from primarvard_sdk.batch import BatchResult
    from primarvard_sdk.documents import EvaluationRequest

# The document types (``domain``, ``documents``, ``editions``, ``extensions``) are imported where a
# document is first handled, not here: listing regions and rules does not build them (start-up).

__all__ = ["DEFAULT_PLUGIN_TIMEOUT", "ENTRY_POINT_GROUP", "PluginFailure", "PluginInfo", "Sdk"]

ENTRY_POINT_GROUP = "primarvard_sdk"
#: Seconds a plugin may take for one import, one hook call or one document's rules; the
#: ``PRIMARVARD_PLUGIN_TIMEOUT`` environment variable overrides it (``0``: no limit).
DEFAULT_PLUGIN_TIMEOUT = 30.0
_PERSONNUMMER_LIKE = re.compile(r"\d{6,8}[-+]?\d{4}")
_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")
_PATH = re.compile(r"\$(\.[A-Za-z_][A-Za-z0-9_]{0,63}|\[[0-9]{1,9}\])*")
T = TypeVar("T")


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


def _safe_message(exc: BaseException, package: str | None = None) -> str:
    """What a plugin raised, without its text (which may quote personal data): the exception
    type and the innermost place in the plugin's own package (else anywhere) that raised it."""
    name = type(exc).__name__
    shown = name if _is_code(name) else "an exception"
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__")
        frames.append((module if isinstance(module, str) and _is_code(module) else "a module", tb.tb_lineno))
        tb = tb.tb_next
    own = [f for f in frames if package and f[0].split(".")[0] == package]
    if not (own or frames):
        return shown
    module, line = (own or frames)[-1]
    return f"{shown} (in {module} line {line})"


def debugging() -> bool:
    """Whether ``PRIMARVARD_DEBUG`` is set (not empty or 0): a plugin fault then keeps the
    plugin's own exception as ``__cause__``, so its traceback is shown. Off by default, since the
    exception's text may quote personal data from the document."""
    return os.environ.get("PRIMARVARD_DEBUG", "") not in ("", "0")


def _is_code(name: str) -> bool:
    return bool(_CODE_LIKE.fullmatch(name)) and not _PERSONNUMMER_LIKE.search(name)


def _timeout_from_environment() -> float | None:
    text = os.environ.get("PRIMARVARD_PLUGIN_TIMEOUT")
    try:
        seconds = float(text) if text else DEFAULT_PLUGIN_TIMEOUT
    except ValueError:
        seconds = DEFAULT_PLUGIN_TIMEOUT
    return seconds if seconds > 0 else None


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
    :param plugin_timeout: seconds a plugin may take for one import, one hook call or one
        document's rules before it is cut off (``None``: no limit). Default:
        :data:`DEFAULT_PLUGIN_TIMEOUT` or the ``PRIMARVARD_PLUGIN_TIMEOUT`` environment variable.

    Loading is lazy: nothing is imported until the first question is asked.
    """

    def __init__(self, plugins: Iterable[Any] = (), *, entry_points: bool | Iterable[EntryPoint] = True,
                 plugin_timeout: float | str | None = "environment") -> None:
        self.plugin_timeout = _timeout_from_environment() if plugin_timeout == "environment" else plugin_timeout
        self._runner = Runner(typing.cast("float | None", self.plugin_timeout))
        self._cut_off: dict[str, str] = {}  # distribution → why it is no longer called
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
        self._extensions: dict[str, dict[str, type]] = {}  # region → document type → its extension class
        self._impls: dict[tuple[int, str], tuple[Any, Any]] = {}  # (id(plugin), hook) → (plugin, function)
        self._packages: dict[int, tuple[Any, str]] = {}  # id(plugin) → (plugin, its top-level package)
        self._programme_models: dict[tuple[int, str], tuple[PluginInfo, Any]] = {}

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
        package = ep.value.split(":")[0].split(".")[0]
        try:
            plugin = self._guarded(distribution, "its import", lambda: _contained(ep.load, package))
        except PluginError as exc:
            self._failures.append(PluginFailure(distribution, f"failed to import: {exc.detail}"))
            return
        self._add(plugin, distribution)

    def register(self, plugin: Any, distribution: str | None = None) -> None:
        """Register a plugin object explicitly (for embedders and tests)."""
        self._ensure_loaded()
        with self._lock:
            self._add(plugin, distribution or _default_name(plugin))
            self._pm.check_pending()

    def _add(self, plugin: Any, distribution: str) -> None:
        name = f"{distribution}#{id(plugin)}"
        if plugin is None or isinstance(plugin, str | bytes | int | float | list | tuple | dict):
            self._failures.append(PluginFailure(distribution, f"is not a plugin (its entry point gives {type(plugin).__name__})"))
            return
        try:
            self._pm.register(plugin, name=name)
        except Exception as exc:
            self._failures.append(PluginFailure(distribution, f"failed to register: {_safe_message(exc)}"))
            return
        try:
            if not self._pm.get_hookcallers(plugin):
                raise PluginError(distribution, "is not a plugin: it implements no primarvard_sdk hook")
            region = self._call(plugin, distribution, "primarvard_sdk_region")
            problem = _region_problem(region)
            if problem:
                raise PluginError(distribution, f"primarvard_sdk_region returned {problem}")
        except PluginError as exc:
            with contextlib.suppress(Exception):  # it is reported as failed either way
                self._pm.unregister(name=name)
            self._failures.append(PluginFailure(distribution, exc.detail))
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

    def _package_of(self, plugin: Any) -> str:
        """The top-level package of the plugin's code (where its own exceptions are raised), cached."""
        cached = self._packages.get(id(plugin))
        if cached is not None and cached[0] is plugin:
            return cached[1]
        package = (getattr(plugin, "__module__", None) or type(plugin).__module__ or "").split(".")[0]
        if isinstance(plugin, RegionPlugin):  # its rule functions live in the region's package
            package = plugin.package.split(".")[0]
        self._packages[id(plugin)] = (plugin, package)
        return package

    def _call(self, plugin: Any, distribution: str, hook: str, **kwargs: Any) -> Any:
        function = self._implementation(plugin, hook)
        if function is None:
            raise PluginError(distribution, f"does not implement {hook}")
        package = self._package_of(plugin)

        def call() -> Any:
            try:
                return _contained(lambda: function(**kwargs), package)
            except RulebookDataError as exc:
                # The SDK's own report on the plugin's data files: no document is involved, so
                # it cannot quote personal data; personnummer-like text is withheld all the same.
                raise PluginError(distribution, f"{hook} raised RulebookDataError: {redact(str(exc))}") from None
            except PluginError as exc:
                raise PluginError(distribution, f"{hook} raised {exc.detail}") from exc.__cause__

        return self._guarded(distribution, hook, call)

    def _guarded(self, distribution: str, what: str, call: Callable[[], T]) -> T:
        """``call()`` within the time limit; a plugin that overruns it is cut off for good."""
        if distribution in self._cut_off:
            raise PluginError(distribution, self._cut_off[distribution])
        try:
            return self._runner.run(call, (distribution, what))
        except TimedOut:
            raise self._timed_out(distribution, what) from None

    def _timed_out(self, distribution: str, what: str) -> PluginError:
        message = f"{what} did not answer within {self.plugin_timeout:g} s; the plugin is cut off"
        self._cut_off[distribution] = message
        self._record_failure(PluginError(distribution, message))
        return PluginError(distribution, message)

    def run_batch(self, calls: Sequence[Callable[[], T]]) -> list[tuple[bool, Any]]:
        """``(True, value)`` or ``(False, exception)`` for each call (each one document's work
        through this SDK), in order, with one hand-over to the plugin worker for the whole batch
        instead of one per document. Every document keeps the whole time limit from its own
        start; a plugin that overruns it is cut off as :meth:`evaluate` would, that document gets
        the :class:`PluginError`, and the batch goes on with the next one on a fresh worker."""
        self._ensure_loaded()  # imports hold the lock: never inside a batch that may be abandoned
        outcomes: list[tuple[bool, Any]] = []
        while len(outcomes) < len(calls):
            try:
                outcomes += self._runner.run_each(calls[len(outcomes):])
            except TimedOut as exc:
                outcomes += exc.done
                distribution, what = exc.label if isinstance(exc.label, tuple) else ("", "a document")
                outcomes.append((False, self._timed_out(distribution, what)))
        return outcomes

    def _record_failure(self, exc: PluginError) -> None:
        failure = PluginFailure(exc.distribution, exc.detail)
        with self._lock:
            if failure not in self._failures:
                self._failures.append(failure)

    # --- questions -----------------------------------------------------------------------

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """Plugins that could not be used, with their distribution names."""
        self._ensure_loaded()
        return tuple(self._failures)

    def _note_failures(self, failures: Iterable[PluginFailure]) -> None:
        """Failures found elsewhere on this SDK's behalf (a worker process of ``--jobs``)."""
        with self._lock:
            for failure in failures:
                if failure not in self._failures:
                    self._failures.append(failure)

    @property
    def failures_so_far(self) -> tuple[PluginFailure, ...]:
        """The failures found so far, without loading any plugin to find more."""
        with self._lock:
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
        # Loaded without holding the lock: plugin code may hang, and in a batch (run_batch) it runs
        # on a worker that is abandoned if it does; a lock it held would never be released.
        loaded = self._load_programme(info, programme)
        with self._lock:
            return self._programmes.setdefault(key, loaded)

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
                raise PluginError(dist, f"rule {_shown(rule.id)} does not belong to {code}.{programme}")
            if rule.id in by_id or self._rule_index.get(rule.id, (code, programme)) != (code, programme):
                raise PluginError(dist, f"rule id {_shown(rule.id)} is declared twice")
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
        from primarvard_sdk.documents import type_name_of

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
        :raises InvalidDocument: for days outside the supported years, or a birth date after the
            day a rule is governed by.
        :raises PluginError: when the owning plugin raises, hangs or returns something malformed;
            its ``results`` hold the results of the document's other rules.
        """
        if not isinstance(as_of, date):
            raise TypeError("as_of must be a date")
        if not FIRST_DAY <= as_of <= LAST_DAY:
            raise InvalidDocument([FieldError("$.as_of", f"expected a day from {FIRST_DAY} to {LAST_DAY}")])
        from primarvard_sdk.documents import type_name_of
        from primarvard_sdk.extensions import resolve

        book = self._programme(region, programme)
        type_name = type_name_of(document)
        if getattr(document, "tillagg", None):  # region extensions: each checked by its region's class
            document = resolve(document, lambda code: self.extension_types(code).get(type_name))
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
        personal = words(_personal_texts(document))
        ref = reference if reference is not None else getattr(document, "referens", None)
        if isinstance(ref, str):
            ref = redact(ref, personal)
        info = self._plugins[region]

        causes: list[BaseException] = []  # the plugin's own exceptions, kept only when debugging

        def evaluate_all() -> tuple[list[Result], list[str]]:
            results, faults = [], []
            days: dict[str, tuple[date | None, Finding | None]] = {}  # governing day path → (day, finding)
            editions_on: dict[date, Edition | None] = {}
            for r in rules:
                try:
                    results.append(self._evaluate_one(info, r, document, as_of, ref, personal, days, editions_on))
                except PluginError as exc:  # this rule's fault; the other rules still answer
                    faults.append(exc.detail)
                    if exc.__cause__ is not None:
                        causes.append(exc.__cause__)
            return results, faults

        results, faults = self._guarded(info.distribution, f"evaluating a {type_name}", evaluate_all)
        if faults:
            raise PluginError(info.distribution, "; ".join(faults), results=results) from (causes[0] if causes else None)
        return tuple(results)

    def _evaluate_one(self, info: PluginInfo, rule: Rule, document: Any, as_of: date, reference: str | None,
                      personal: frozenset[str], days: dict[str, tuple[date | None, Finding | None]] | None = None,
                      editions_on: dict[date, Edition | None] | None = None) -> Result:
        # The governing day (and the birth-date check on it) depends only on the rule's
        # governing_day path: worked out once per document, shared by its rules.
        known = days.get(rule.governing_day) if days is not None else None
        if known is None:
            from primarvard_sdk.editions import governing

            known = governing(rule, document, as_of)
            if known[0] is not None:  # InvalidDocument ends the whole evaluation: nothing to keep
                _check_born_by(document, known[0], rule.governing_day)
            if days is not None:
                days[rule.governing_day] = known
        day, found = known
        programme = self._programme_model(info, rule.programme)
        editions = programme.editions if programme is not None else ()
        each_item = rule.governing_day == EACH_ITEM
        edition = None
        if programme is not None and day is not None and not each_item:
            if editions_on is None:
                edition = programme.edition_on(day)
            elif day in editions_on:  # the edition in force on a day: once per document and day
                edition = editions_on[day]
            else:
                edition = editions_on[day] = programme.edition_on(day)
        if day is None and found is not None and programme is not None:
            # The day that picks the edition is missing; a case outside the rule's scope under
            # every edition is still not this rule's (a home visit is no child's home care).
            scoped = self._out_of_scope(info, rule, document, as_of, programme)
            if scoped is not None:
                found, edition = scoped
        context = RuleContext(rule, as_of, day, edition, editions)
        if found is None and edition is None and not each_item:
            from primarvard_sdk.editions import no_rulebook_in_force

            found = no_rulebook_in_force(day)  # type: ignore[arg-type]
        if found is None:
            try:
                found = self._rule_function(info, rule, document, context)
            except ParameterNotInForce as exc:
                found = _not_in_force(exc, rule)
            except PluginError as exc:  # name the rule, not only the hook
                raise PluginError(info.distribution, f"rule {rule.id}: {exc.detail}") from exc.__cause__
        try:
            values, explanation, missing = _checked(found, rule, personal)
        except NotJson as exc:
            raise PluginError(info.distribution, f"rule {rule.id} returned a malformed finding: {exc}") from None
        return Result(
            rule_id=rule.id,
            region=rule.region,
            programme=rule.programme,
            subject=rule.subject,
            kind=rule.kind,
            title=rule.title,
            as_of=as_of,
            outcome=found.outcome,
            values=values,
            parameters=context.used,
            citation=rule.citation,
            explanation=explanation,
            missing=missing,
            reference=reference,
            notes=rule.notes,
            governing_day=None if each_item else day,
            edition=edition.id if edition is not None else None,
        )

    def _out_of_scope(self, info: PluginInfo, rule: Rule, document: Any, as_of: date,
                      programme: Any) -> tuple[Finding, Edition] | None:
        """The rule's ``not_applicable`` when it answers so under every edition of its programme
        (each tried on its first day in force, or on ``as_of`` when that is in it), with the
        edition in force on ``as_of`` (else the latest); ``None`` otherwise. A rule that needs the
        missing day, or raises without it, leaves the case ``indeterminate``."""
        answers: list[Finding] = []
        for edition in programme.editions:
            day = as_of if edition.in_force(as_of) else edition.valid_from
            try:
                found = self._rule_function(info, rule, document, RuleContext(rule, as_of, day, edition, programme.editions))
            except Exception:  # only asked whether the case is out of scope: no answer is no
                return None
            if not isinstance(found, Finding) or found.outcome is not Outcome.not_applicable:
                return None
            answers.append(found)
        if not answers or len({a.values.get("reason") for a in answers}) != 1:
            return None
        current = programme.edition_on(as_of) or programme.editions[-1]
        return answers[programme.editions.index(current)], current

    def _rule_function(self, info: PluginInfo, rule: Rule, document: Any, context: RuleContext) -> Any:
        """The plugin's finding for one rule: :meth:`_call` without its time limit, which the
        caller (:meth:`evaluate`, one limit for the whole document) already holds."""
        function = self._implementation(info.plugin, "primarvard_sdk_evaluate")
        if function is None:
            raise PluginError(info.distribution, "does not implement primarvard_sdk_evaluate")
        try:
            return _contained(lambda: function(rule=rule, document=document, context=context),
                              self._package_of(info.plugin))
        except RulebookDataError as exc:
            raise PluginError(info.distribution,
                              f"primarvard_sdk_evaluate raised RulebookDataError: {redact(str(exc))}") from None
        except PluginError as exc:
            raise PluginError(info.distribution, f"primarvard_sdk_evaluate raised {exc.detail}") from exc.__cause__

    def _programme_model(self, info: PluginInfo, code: str) -> Any:
        """The plugin's :class:`Programme` declaration named ``code`` (looked up once)."""
        key = (id(info), code)
        found = self._programme_models.get(key)
        if found is None or found[0] is not info:
            found = self._programme_models[key] = (info, info.region.programme(code))
        return found[1]

    def vectorised(self, rule_id: str) -> tuple[VectorisedRule | None, str]:
        """The vectorised twin of a rule (``None`` when it has none) and its plugin's name."""
        rule = self.rule(rule_id)
        info = self._plugins[rule.region]
        if self._implementation(info.plugin, "primarvard_sdk_vectorised") is None:
            return None, info.distribution
        twin = self._call(info.plugin, info.distribution, "primarvard_sdk_vectorised", rule=rule)
        if twin is not None and not (isinstance(twin, VectorisedRule) and twin.rule_id == rule_id):
            raise PluginError(info.distribution, f"primarvard_sdk_vectorised({rule_id}) returned no twin of it")
        if twin is not None and rule.governing_day not in (AS_OF, EACH_ITEM) and not any(
            (c.path or c.name) == rule.governing_day and c.get is None for c in twin.columns
        ):  # a shape reads its facts; the day that picks the edition is the rule data's to name
            twin = attrs.evolve(twin, columns=(*twin.columns, Column(rule.governing_day, "time")))
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
        try:
            return self.evaluate(document, region=region, programme=programme, as_of=when, rule=request.rule)
        except InvalidDocument as exc:  # paths in the document are paths in the request's document
            raise InvalidDocument(
                [FieldError(e.path.replace("$", "$.document", 1) if e.path != "$.as_of" else e.path, e.message)
                 for e in exc.errors],
                type_name=exc.type_name, more=exc.more,
            ) from None

    def extension_types(self, region: str) -> Mapping[str, type]:
        """Document type → the extension class ``region``'s plugin declares (empty: none, or no
        such region). See :func:`~primarvard_sdk.hookspecs.primarvard_sdk_extensions`."""
        self._ensure_loaded()
        info = self._plugins.get(region)
        if info is None:
            return {}
        if region not in self._extensions:
            found: Any = {}
            if self._implementation(info.plugin, "primarvard_sdk_extensions") is not None:
                found = self._call(info.plugin, info.distribution, "primarvard_sdk_extensions")
            from primarvard_sdk.extensions import declaration_problem

            problem = declaration_problem(found)
            if problem is not None:
                raise PluginError(info.distribution, f"primarvard_sdk_extensions() {problem}")
            self._extensions[region] = dict(found)
        return self._extensions[region]

    def extensions(self) -> tuple[tuple[str, str, type], ...]:
        """Every declared extension as ``(document type, region, class)``, for the schemas; a
        plugin whose declaration fails is left out and recorded in :attr:`failures`."""
        self._ensure_loaded()
        found: list[tuple[str, str, type]] = []
        named: dict[str, type] = {}
        for code in sorted(self._plugins):
            try:
                declared = self.extension_types(code)
                for cls in declared.values():
                    other = named.get(cls.__name__, getattr(_domain(), cls.__name__, cls))
                    if other is not cls:  # the schemas name each type once
                        raise PluginError(self._plugins[code].distribution,
                                          f"primarvard_sdk_extensions(): the class name {cls.__name__} is "
                                          f"already taken by {other.__module__}; give the extension its own name")
                named.update((cls.__name__, cls) for cls in declared.values())
                found.extend((name, code, cls) for name, cls in declared.items())
            except PluginError as exc:
                self._record_failure(exc)
        return tuple(sorted(found, key=lambda e: (e[0], e[1])))

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
        # The texts cite an annex as "Bilaga 7 Lokalkrav Region Kalmar län": its number, then a title.
        cited = _CITED_ANNEX.match(wanted)
        for annex in self.annexes(region, programme):
            names = {_fold(n) for n in (annex.topic, annex.title, *annex.aliases)}
            number = _fold(annex.number) if annex.number is not None else None
            if wanted in names or (number is not None and wanted == number) or (
                    cited is not None and cited["number"] == number and cited["title"] in names):
                citation = self.rule(annex.rule_id).citation if annex.rule_id else None
                return AnnexReference(region, programme, annex.topic, annex, citation)
        known = ", ".join(a.topic for a in self.annexes(region, programme))
        raise UnknownAnnexTopic(f"{region}.{programme} maps no annex to {_shown(topic)} (topics: {known})")


_OUTCOMES = {
    Kind.deadline: frozenset({Outcome.met, Outcome.missed, Outcome.open, Outcome.not_applicable, Outcome.indeterminate}),
}
_OTHER_OUTCOMES = frozenset({Outcome.passed, Outcome.fail, Outcome.warning, Outcome.not_applicable, Outcome.indeterminate})


def _checked(found: Any, rule: Rule, personal: frozenset[str]) -> tuple[Any, Explanation, tuple[str, ...]]:
    """A finding's values, explanation and missing paths as they may leave the SDK, or
    :class:`NotJson` saying why the finding cannot become a result."""
    if not isinstance(found, Finding) or not isinstance(found.outcome, Outcome) \
            or not isinstance(found.explanation, Explanation):
        raise NotJson(f"not a Finding with an outcome and an explanation; it returned {_returned(found)}")
    if found.outcome not in _OUTCOMES.get(rule.kind, _OTHER_OUTCOMES):
        raise NotJson(f"outcome {found.outcome.value} is not one a {rule.kind.value} rule answers")
    given = found.explanation
    sv, en = given.sv, given.en
    if not (isinstance(sv, str) and isinstance(en, str)):
        raise NotJson("explanations must be text")
    if not (_is_text(sv) and _is_text(en)):
        raise NotJson("explanations must be valid Unicode text")
    missing = found.missing
    if not (type(missing) is tuple and not missing):  # none missing: the common case
        if not isinstance(missing, tuple) or not all(isinstance(p, str) and _PATH.fullmatch(p) for p in missing):
            raise NotJson("missing must be a tuple of JSON paths")
        if missing and found.outcome is not Outcome.indeterminate:
            raise NotJson(f"{found.outcome.value} names missing inputs; only indeterminate may")
    values = freeze(found.values, personal)
    # A new Explanation even when nothing is withheld: the plugin may keep (and force) its own.
    if personal:
        return values, Explanation(sv=redact(sv, personal), en=redact(en, personal)), missing
    return values, _explanation(sv, en), missing


_EXPLANATIONS: dict[tuple[str, str], Explanation] = {}


def _explanation(sv: str, en: str) -> Explanation:
    """The SDK's own (frozen, shared) explanation of these texts with personnummer withheld:
    a rule says the same words for many documents (not applicable, met on time, ...), so each
    pair is redacted once. Only for documents without names (``personal`` empty)."""
    key = (sv, en)
    found = _EXPLANATIONS.get(key)
    if found is None:
        if len(_EXPLANATIONS) >= 16384:
            _EXPLANATIONS.clear()
        found = _EXPLANATIONS[key] = Explanation(sv=redact(sv), en=redact(en))
    return found


def _returned(found: Any) -> str:
    """What a rule function gave instead of a finding: its type, never its value."""
    if found is None:
        return "None (a missing return statement?)"
    if isinstance(found, Finding):
        return (f"a Finding whose outcome is a {type(found.outcome).__name__} and whose explanation is a "
                f"{type(found.explanation).__name__}")
    name = type(found).__name__
    return f"a {name if _is_code(name) else 'value of another type'}"


def _is_text(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _region_problem(region: Any) -> str | None:
    if not isinstance(region, Region):
        return "no Region"
    codes = [region.code, *(p.code for p in region.programmes)] if isinstance(region.programmes, tuple) else None
    if codes is None or not all(isinstance(c, str) and _CODE.fullmatch(c) for c in codes):
        return "a region or programme code that is not a code (lower-case letters, digits, _)"
    if not all(isinstance(t, str) for t in (region.name, *(p.title for p in region.programmes))):
        return "a name that is not text"
    return None


def _contained(call: Callable[[], T], package: str | None) -> T:
    """``call()``; whatever plugin code raises (``SystemExit`` too) becomes a :class:`PluginError`
    whose detail names the exception type and place, never its text."""
    try:
        return call()
    except (ParameterNotInForce, Abandoned):
        raise
    except RulebookDataError as exc:
        if package is not None and exc.__traceback__ is not None and _raised_by_loader(exc.__traceback__):
            raise
        raise PluginError("", _safe_message(exc, package)) from (exc if debugging() else None)
    except KeyboardInterrupt:
        if threading.current_thread() is threading.main_thread():
            raise  # may be the user's Ctrl-C; on a worker thread it can only be the plugin's
        raise PluginError("", "KeyboardInterrupt") from None
    except BaseException as exc:  # a plugin must not stop the host
        raise PluginError("", _safe_message(exc, package)) from (exc if debugging() else None)


def _raised_by_loader(tb: Any) -> bool:
    """Whether the innermost frame is the SDK's data-file loader (its message is the SDK's own)."""
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_globals.get("__name__") in ("primarvard_sdk.plugin", "primarvard_sdk.examples")


def _domain() -> Any:
    from primarvard_sdk import domain

    return domain


@functools.cache
def _people_paths(cls: Any) -> tuple[tuple[str, ...], ...]:
    """Attribute paths from a document type to its :class:`~primarvard_sdk.domain.Person` fields."""
    found: list[tuple[str, ...]] = []
    if not attrs.has(cls):
        return ()
    for a in attrs.fields(cls):
        options = [t for t in typing.get_args(typing.get_type_hints(cls)[a.name]) if attrs.has(t)] or \
            [t for t in (typing.get_type_hints(cls)[a.name],) if attrs.has(t)]
        for tp in options:
            if tp is _domain().Person:
                found.append((a.name,))
            elif tp is not cls:
                found.extend((a.name, *rest) for rest in _people_paths(tp))
    return tuple(found)


def _check_born_by(document: Any, day: date, governed_by: str) -> None:
    """A person in the document must be born by the day that governs the rule."""
    cls: Any = type(document)
    for steps in _people_paths(cls):
        person: Any = document
        for step in steps:
            person = getattr(person, step, None)
        if not isinstance(person, _domain().Person):
            continue
        path = "$." + ".".join(steps)
        on = "the evaluation day" if governed_by == AS_OF else f"$.{governed_by}"
        if person.fodelsedatum is not None:
            if person.fodelsedatum > day:
                raise InvalidDocument([FieldError(f"{path}.fodelsedatum", f"the birth date is after {on}")])
        elif person.personnummer is not None:
            try:
                person.personnummer.birth_date(day)
            except InvalidPersonnummer:
                raise InvalidDocument(
                    [FieldError(f"{path}.personnummer", f"the birth date is not a real day on or before {on}")]
                ) from None


@functools.cache
def _personal_fields(cls: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Of an attrs class: its personal text fields, and the fields that may hold more of them."""
    if not attrs.has(cls):
        return (), ()
    hints = typing.get_type_hints(cls)
    own = tuple(a.name for a in attrs.fields(cls) if a.metadata.get("personal") and _holds(hints[a.name], str))
    deeper = tuple(a.name for a in attrs.fields(cls) if any(_personal_fields(t) != ((), ()) for t in _classes(hints[a.name], cls)))
    return own, deeper


def _classes(tp: Any, outer: type) -> Iterator[type]:
    for arg in (tp, *typing.get_args(tp)):
        if attrs.has(arg) and arg is not outer:
            yield arg
        elif typing.get_origin(arg) is tuple:
            yield from _classes(typing.get_args(arg)[0], outer)


def _holds(tp: Any, cls: type) -> bool:
    return tp is cls or cls in typing.get_args(tp)


def _personal_texts(obj: Any) -> Iterator[str]:
    """The names and addresses in a document (what must not come back out of a plugin)."""
    if isinstance(obj, tuple):
        for item in obj:
            yield from _personal_texts(item)
        return
    cls: Any = type(obj)
    own, deeper = _personal_fields(cls)
    for name in own:
        value = getattr(obj, name, None)
        if isinstance(value, str):
            yield value
    for name in deeper:
        value = getattr(obj, name, None)
        if value is not None:
            yield from _personal_texts(value)


_CODE_LIKE = re.compile(r"[A-Za-z0-9_.\-]{1,100}")


def _shown(name: object) -> str:
    """A caller-given name for an error message: quoted when it looks like a code, else withheld
    (it may be personal data pasted into the wrong place)."""
    if isinstance(name, str) and _CODE_LIKE.fullmatch(name) and not _PERSONNUMMER_LIKE.search(name):
        return repr(name)
    return "(not shown: not a code)"


_CITED_ANNEX = re.compile(r"^bilaga (?P<number>\S+) (?P<title>.+)$")


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


def _not_in_force(exc: ParameterNotInForce, rule: Rule) -> Finding:
    if exc.name not in {p.name for p in rule.parameters} or not isinstance(exc.as_of, date):
        raise PluginError("", f"rule {rule.id} raised ParameterNotInForce for a parameter it does not declare")
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
