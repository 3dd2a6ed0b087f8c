"""Hostile plugins: one for every way a third-party plugin can break, for the fault matrix of the
conformance kit (:class:`primarvard_sdk.testing.FaultMatrixTests`).

Each :class:`Fault` installs one broken plugin beside the real ones, either as an entry point
(faults at import) or as a plugin object (faults in a hook). The plugins evaluate a referral
(:data:`DOCUMENT`) that carries personal data (:data:`PERSONAL`); every fault tries to push that
data, or its own, out through a message, a result or an exception.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from importlib.metadata import EntryPoint
from typing import Any

import attrs

from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.errors import PluginError
from primarvard_sdk.findings import indeterminate, passed
from primarvard_sdk.model import (
    Citation,
    Edition,
    Explanation,
    Finding,
    Kind,
    Outcome,
    Parameter,
    ParameterValue,
    Programme,
    Region,
    Rule,
    SourceDocument,
)
from primarvard_sdk.plugin import hookimpl

__all__ = ["DOCUMENT", "FAULTS", "PERSONAL", "Fault", "claimant"]

NUMBER, NAME, ADDRESS = "19121212-1212", "Tolvan Tolvansson", "Storgatan 1, Ankeborg"
#: What must never come out, in any form: the personnummer (every spelling), name and address.
PERSONAL = (NUMBER, "191212121212", "121212-1212", "1212121212", "Tolvan", "Tolvansson", "Storgatan", "Ankeborg")
#: The referral every faulty rule evaluates (JSON form).
DOCUMENT = {
    "referens": "R-1", "inkom": "2025-03-03",
    "patient": {"personnummer": NUMBER, "namn": NAME, "adress": ADDRESS},
}
_DAY = date(2025, 1, 1)
#: Seconds a hanging fault sleeps: far beyond any plugin timeout a test sets.
HANG = 600.0


@attrs.frozen
class Fault:
    """One way to break: ``plugin`` (an object) or ``entry_point``; ``message`` is what the
    report must say (the failure, or the PluginError an evaluation raises)."""

    name: str
    message: str
    plugin: Any = None
    entry_point: EntryPoint | None = None
    #: ``load`` (reported among the failures), ``rules`` (listing its rules fails) or
    #: ``evaluate`` (evaluating the document raises PluginError); ``redacted``: evaluates, but
    #: with the personal data withheld; ``frozen``: evaluates, and results stay as they were.
    where: str = "evaluate"
    claims: bool = False  #: claims the first installed region (which is then refused, not taken over)

    @property
    def distribution(self) -> str:
        return f"faulty-{self.name} 0.0" if self.entry_point is None else self.entry_point.value


class _Loads(EntryPoint):
    """An entry point whose load() runs ``action`` (as a broken plugin module's import would)."""

    def __init__(self, name: str, action: Callable[[], Any]) -> None:
        super().__init__(name, f"faulty-{name}-import", "primarvard_sdk")
        vars(self)["action"] = action

    def load(self) -> Any:
        return vars(self)["action"]()


def _raise(exc: BaseException) -> Callable[[], Any]:
    def action() -> Any:
        raise exc

    return action


def _rule(code: str, kind: Kind = Kind.requirement, rule_id: str | None = None) -> Rule:
    return Rule(
        id=rule_id or f"{code}.vardval.remiss.krav", region=code, programme="vardval", subject="remiss", kind=kind,
        title="Titel", description="A rule.", citation=Citation("doc.txt", "Doc", "1", "Ett citat."),
        parameters=(Parameter("n", (ParameterValue(1, _DAY, None),)),), input_type="Remiss",
    )


class Healthy:
    """A well-behaved plugin; each fault below overrides one hook."""

    code = "faulty"
    kind = Kind.requirement

    @hookimpl
    def primarvard_sdk_region(self) -> Region:
        edition = Edition("2025", "Vårdval", "Region", _DAY)
        programme = Programme("vardval", "Vårdval", (SourceDocument("doc.txt", "Doc"),), (edition,))
        return Region(self.code, f"Region {self.code}", (programme,))

    @hookimpl
    def primarvard_sdk_rules(self, programme: str) -> Any:
        return (_rule(self.code, self.kind),)

    @hookimpl
    def primarvard_sdk_annexes(self, programme: str) -> Any:
        return ()

    @hookimpl
    def primarvard_sdk_evaluate(self, rule: Rule, document: Any, context: RuleContext) -> Any:
        return self.finding(document, context)

    def finding(self, document: Any, context: RuleContext) -> Any:
        return passed("Uppfyllt.", "Met.")


def _plugin(code: str, finding: Callable[[Any, RuleContext], Any] | None = None, **hooks: Any) -> Any:
    """A :class:`Healthy` plugin of region ``code`` with ``finding`` or other hooks replaced."""
    members: dict[str, Any] = {"code": code}
    if finding is not None:
        members["finding"] = lambda self, document, context: finding(document, context)
    for hook, body in hooks.items():
        members[hook] = hookimpl(body)
    return type(f"Faulty_{code}", (Healthy,), members)()


def _finding(values: Any = None, sv: Any = "Ja.", en: Any = "Yes.", outcome: Outcome = Outcome.passed,
             missing: Any = ()) -> Callable[[Any, RuleContext], Any]:
    return lambda document, context: Finding(outcome, Explanation(sv, en), {} if values is None else values, missing)


def _sleep(*_: Any, **__: Any) -> Any:
    time.sleep(HANG)


def _spin(*_: Any, **__: Any) -> Any:
    while True:
        pass


class _Mutating(Healthy):
    """Keeps the values it returned and changes them on the next call."""

    def __init__(self) -> None:
        self.code = "mutating"
        self.values: dict[str, Any] = {"calls": 0, "seen": []}
        self.lock = threading.Lock()

    def finding(self, document: Any, context: RuleContext) -> Any:
        with self.lock:
            self.values["calls"] += 1
            self.values["seen"].append(1)
            return Finding(Outcome.passed, Explanation("Ja.", "Yes."), self.values)


def _faults() -> tuple[Fault, ...]:
    leak = f"patient {NUMBER} {NAME}, {ADDRESS}"
    return (
        # at import
        Fault("import-error", "failed to import: ImportError", entry_point=_Loads("import-error", _raise(ImportError(leak))), where="load"),
        Fault("none-entry-point", "is not a plugin", entry_point=_Loads("none-entry-point", lambda: None), where="load"),
        Fault("object-entry-point", "implements no primarvard_sdk hook", entry_point=_Loads("object-entry-point", object), where="load"),
        Fault("exit-at-import", "failed to import: SystemExit", entry_point=_Loads("exit-at-import", _raise(SystemExit(leak))), where="load"),
        Fault("interrupt-at-import", "failed to import: KeyboardInterrupt",
              entry_point=_Loads("interrupt-at-import", _raise(KeyboardInterrupt(leak))), where="load"),
        Fault("slow-import", "its import did not answer within", entry_point=_Loads("slow-import", _sleep), where="load"),
        # declaring itself
        Fault("region-raises", "primarvard_sdk_region raised RuntimeError",
              _plugin("regionraises", primarvard_sdk_region=lambda self: _raise(RuntimeError(leak))()), where="load"),
        Fault("region-hangs", "primarvard_sdk_region did not answer within",
              _plugin("regionhangs", primarvard_sdk_region=_sleep), where="load"),
        Fault("bad-region-code", "is not a code",
              _plugin("x", primarvard_sdk_region=lambda self: Region(f"../Evil {NUMBER}", "Evil", ())), where="load"),
        Fault("claims-region", "is also claimed by", where="load", claims=True),
        Fault("claims-rule-id", "does not belong to claimsrule.vardval",
              _plugin("claimsrule", primarvard_sdk_rules=lambda self, programme: (_rule("other", rule_id="other.vardval.remiss.krav"),)),
              where="rules"),
        Fault("rules-raise", "primarvard_sdk_rules raised KeyError",
              _plugin("rulesraise", primarvard_sdk_rules=lambda self, programme: _raise(KeyError(leak))()), where="rules"),
        # evaluating
        Fault("raises", "primarvard_sdk_evaluate raised ValueError", _plugin("raises", lambda d, c: _raise(ValueError(leak))())),
        Fault("exits", "primarvard_sdk_evaluate raised SystemExit", _plugin("exits", lambda d, c: _raise(SystemExit(leak))())),
        Fault("interrupts", "primarvard_sdk_evaluate raised KeyboardInterrupt",
              _plugin("interrupts", lambda d, c: _raise(KeyboardInterrupt(leak))())),
        Fault("blames-another", "primarvard_sdk_evaluate raised PluginError",
              _plugin("blames", lambda d, c: _raise(PluginError("primarvard-kalmar 0.1.0", f"kalmar is broken; {leak}"))())),
        Fault("hangs", "evaluating a Remiss did not answer within", _plugin("hangs", lambda d, c: _sleep())),
        Fault("spins", "evaluating a Remiss did not answer within", _plugin("spins", lambda d, c: _spin())),
        Fault("not-a-finding", "malformed finding", _plugin("notafinding", lambda d, c: {"outcome": "pass"})),
        Fault("outcome-of-another-kind", "outcome met is not one a requirement rule answers",
              _plugin("wrongkind", _finding(outcome=Outcome.met))),
        Fault("missing-on-pass", "only indeterminate may", _plugin("missingonpass", _finding(missing=("$.patient",)))),
        Fault("bad-missing-path", "missing must be a tuple of JSON paths",
              _plugin("badpath", lambda d, c: indeterminate(f"$.patient.{NUMBER}", sv="x", en="x"))),
        Fault("huge-int", "cannot be written as JSON", _plugin("hugeint", _finding({"n": 10**5000}))),
        Fault("not-json", "not JSON data", _plugin("notjson", _finding({"when": object()}))),
        Fault("nan", "cannot be written as JSON", _plugin("nan", _finding({"ratio": float("nan")}))),
        Fault("cycle", "cannot be written as JSON", _plugin("cycle", lambda d, c: Finding(Outcome.passed, Explanation("Ja.", "Yes."), _cycle()))),
        Fault("person-in-values", "personal data (a Person)", _plugin("personvalues", lambda d, c: passed("Ja.", "Yes.", who=d.patient))),
        Fault("personnummer-in-values", "personal data (a personnummer)",
              _plugin("pnvalues", lambda d, c: passed("Ja.", "Yes.", who=d.patient.personnummer))),
        Fault("lone-surrogate", "valid Unicode", _plugin("surrogate", _finding(sv="\ud800"))),
        Fault("text-not-text", "explanations must be text", _plugin("nottext", _finding(sv=b"bytes"))),
        Fault("foreign-parameter", "does not declare",
              _plugin("foreignparam", lambda d, c: _raise(ParameterNotInForce(c.rule.id, NUMBER, _DAY))())),
        Fault("leaks-in-text", "", _plugin("leakstext", lambda d, c: passed(
            f"Patienten {d.patient.namn}, {d.patient.adress}, {NUMBER}.", f"Patient {d.patient.namn} {NUMBER}.",
            note=f"{d.patient.namn} {NUMBER}", **{f"key {NUMBER}": 1})), where="redacted"),
        Fault("mutates-values", "", _Mutating(), where="frozen"),
    )


def claimant(code: str) -> Any:
    """A plugin that claims region ``code`` (one another plugin serves)."""
    return _plugin(code)


def _cycle() -> dict[str, Any]:
    values: dict[str, Any] = {}
    values["self"] = values
    return values


#: Every fault of the matrix.
FAULTS: tuple[Fault, ...] = _faults()
