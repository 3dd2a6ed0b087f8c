"""CDS Hooks 2.0: the verdict of a region's rules at the point of care.

Services, one per region programme and hook:

- ``<region>-<programme>-order-select`` and ``-order-sign``: the draft ``ServiceRequest``\\ s (a
  referral to a unit in the programme) are mapped to ``Remiss`` documents and evaluated;
- ``<region>-<programme>-appointment-book``: an ``Appointment`` based on a referral books its
  first contact (is it in time?); one based on none is a care contact (``Vardkontakt``).

Prefetch templates fetch the Patient, the performer Organization (with the draft order) and
the patient's active referrals. The service makes no call of its own to the EHR's FHIR server:
what is neither in the context nor prefetched is absent, and a rule that needs it says so.

:func:`cards` is a pure function of results: the same verdicts come out of the command line, the
API and the hooks. Indicator by outcome: ``fail``/``missed`` (and routes) → ``critical``;
``warning``/``indeterminate`` → ``warning`` (naming the missing facts as FHIR elements);
a deadline ``open`` or ``met`` → ``info`` with its due date. ``pass`` and ``not_applicable``
give no card. Every card cites its rule: ``source.label`` is the rulebook and section, the
detail carries the verbatim quote, the rule id, the edition and the governing day.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from primarvard_sdk.errors import FieldError
from primarvard_sdk.model import Kind, Outcome, Result
from primarvard_sdk.service.problems import Problem

if TYPE_CHECKING:
    from primarvard_sdk.host import Sdk

__all__ = ["HOOKS", "CdsService", "cards", "discovery", "services"]

HOOKS = ("order-select", "order-sign", "appointment-book")
RULE_SYSTEM = "urn:primarvard-sdk:rule"
OVERRIDE_SYSTEM = "urn:primarvard-sdk:override-reason"

_PREFETCH = {
    "order-select": {
        "patient": "Patient/{{context.patientId}}",
        "performer": "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}}&_include=ServiceRequest:performer",
    },
    "order-sign": {
        "patient": "Patient/{{context.patientId}}",
        "performer": "ServiceRequest?_id={{context.draftOrders.ServiceRequest.id}}&_include=ServiceRequest:performer",
    },
    "appointment-book": {
        "patient": "Patient/{{context.patientId}}",
        "referrals": "ServiceRequest?patient={{context.patientId}}&status=active&_include=ServiceRequest:performer",
    },
}


@attrs.frozen
class CdsService:
    id: str
    hook: str
    region: str
    programme: str
    title: str
    description: str
    document_types: tuple[str, ...]

    def discovery(self) -> dict[str, Any]:
        return {
            "hook": self.hook,
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "prefetch": dict(_PREFETCH[self.hook]),
            "usageRequirements": "Send a JWT signed by a configured CDS client (iss) with aud set "
            "to this service's URL. Context resources are FHIR R4.",
        }


def services(sdk: Sdk) -> list[CdsService]:
    """The services the loaded plugins support, in a stable order."""
    found = []
    for region in sdk.regions():
        for programme in region.programmes:
            try:
                types = {r.input_type for r in sdk.rules(region.code, programme.code)}
            except Exception:  # a broken plugin offers no service; /readyz names it
                continue
            where = f"{region.name}, {programme.title}"
            if "Remiss" in types:
                for hook in ("order-select", "order-sign"):
                    found.append(CdsService(
                        f"{region.code}-{programme.code}-{hook}", hook, region.code, programme.code,
                        f"Remissregler — {where}",
                        f"Evaluates a draft referral (ServiceRequest) against the referral rules of {where}: "
                        "due dates for first contact and feedback, routing, and what is missing.",
                        ("Remiss",),
                    ))
            book = tuple(t for t in ("Remiss", "Vardkontakt") if t in types)
            if book:
                found.append(CdsService(
                    f"{region.code}-{programme.code}-appointment-book", "appointment-book", region.code,
                    programme.code, f"Tidbokning — {where}",
                    f"Checks a booked appointment against the deadlines of {where}: the first contact "
                    "of the referral it is based on, or the care contact's own deadlines.",
                    book,
                ))
    return found


def discovery(sdk: Sdk) -> dict[str, Any]:
    return {"services": [s.discovery() for s in services(sdk)]}


# --- cards: a pure function of results ------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def indicator(result: Result) -> str | None:
    """The card indicator of a result, or ``None`` when it needs no card."""
    outcome = result.outcome
    if outcome in (Outcome.fail, Outcome.missed):
        return "critical"
    if outcome in (Outcome.warning, Outcome.indeterminate):
        return "warning"
    if result.kind is Kind.deadline and outcome in (Outcome.open, Outcome.met) and "due" in result.values:
        return "info"
    return None


def _summary(result: Result, fhir_paths: Mapping[str, str]) -> str:
    v = result.values
    if v.get("decision") == "route" and v.get("route"):
        text = f"Hänvisa till {v['route']}: {result.title}"
    elif result.outcome is Outcome.indeterminate:
        text = f"Uppgift saknas — {result.title}"
    elif result.kind is Kind.deadline and "due" in v:
        word = {"open": "Senast", "met": "I tid, senast", "missed": "Försenad, senast"}.get(result.outcome.value, "Senast")
        text = f"{word} {_text(v['due'])}: {result.title}"
    else:
        text = f"{result.title}: {result.explanation.sv}"
    return text if len(text) <= 140 else text[:139] + "…"


def card(result: Result, *, fhir_paths: Mapping[str, str] | None = None, instance: str = "") -> dict[str, Any] | None:
    """The CDS Hooks card of one result (``None`` when it needs none)."""
    level = indicator(result)
    if level is None:
        return None
    paths = fhir_paths or {}
    lines = [result.explanation.sv, "", f"*{result.explanation.en}*"]
    if result.missing:
        from primarvard_sdk.service.fhir import fhir_path_of

        lines += ["", "**Uppgifter som avgör / facts that would decide it:**"]
        for path in result.missing:
            where = fhir_path_of(path, paths)
            lines.append(f"- `{path}`" + (f" ← FHIR `{where}`" if where else ""))
    quote = result.citation.quote.replace("\n", " ")
    lines += [
        "",
        f"> {quote}",
        "",
        f"{result.citation.reference} — {result.citation.section}. Regel `{result.rule_id}`"
        + (f", utgåva {result.edition}" if result.edition else "")
        + (f", styrande dag {_text(result.governing_day)}" if result.governing_day else "")
        + f", per {_text(result.as_of)}.",
    ]
    body: dict[str, Any] = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{instance}|{result.reference}|{result.rule_id}")),
        "summary": _summary(result, paths),
        "detail": "\n".join(lines),
        "indicator": level,
        "source": {
            "label": f"{result.citation.reference} — {result.citation.section}",
            "topic": {"system": RULE_SYSTEM, "code": result.rule_id, "display": result.title},
        },
    }
    if level == "critical":
        body["overrideReasons"] = [
            {"system": OVERRIDE_SYSTEM, "code": "klinisk-bedomning", "display": "Klinisk bedömning"},
            {"system": OVERRIDE_SYSTEM, "code": "uppgift-felaktig", "display": "Uppgiften i journalen är felaktig"},
        ]
    return body


_ORDER = {"critical": 0, "warning": 1, "info": 2}


def cards(results: Iterable[Result], *, fhir_paths: Mapping[str, str] | None = None, instance: str = "") -> list[dict[str, Any]]:
    """Cards for results, most severe first (stable within a level)."""
    made = [c for r in results if (c := card(r, fhir_paths=fhir_paths, instance=instance)) is not None]
    return sorted(made, key=lambda c: _ORDER[c["indicator"]])


def error_card(errors: Sequence[FieldError], service: CdsService) -> dict[str, Any]:
    """A card saying the order could not be evaluated, naming each FHIR path."""
    listed = "\n".join(f"- `{e.path}`: {e.message}" for e in errors[:20])
    return {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{service.id}|{listed}")),
        "summary": "Kan inte bedömas: uppgifter i beställningen kan inte läsas",
        "detail": "The draft could not be mapped to the programme's documents:\n\n" + listed,
        "indicator": "warning",
        "source": {"label": f"primarvard-sdk — {service.region}.{service.programme}"},
    }


# --- a hook call --------------------------------------------------------------------------------


def _bundle(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise Problem.invalid([FieldError(path, "expected a FHIR Bundle")], "invalid hook context")
    return value


def handle(sdk: Sdk, service: CdsService, request: Any, *, as_of: date) -> dict[str, Any]:
    """The response to one hook request (already authenticated)."""
    from primarvard_sdk.service.fhir import FhirInputError, map_resources

    if not isinstance(request, dict):
        raise Problem.invalid([FieldError("$", "expected a CDS Hooks request object")], "invalid hook request")
    errors = []
    if request.get("hook") != service.hook:
        errors.append(FieldError("$.hook", f"expected {service.hook!r} for this service"))
    if not isinstance(request.get("hookInstance"), str):
        errors.append(FieldError("$.hookInstance", "required: a string"))
    context = request.get("context")
    if not isinstance(context, dict):
        errors.append(FieldError("$.context", "required: an object"))
    prefetch = request.get("prefetch") or {}
    if not isinstance(prefetch, dict):
        errors.append(FieldError("$.prefetch", "expected an object"))
    if errors:
        raise Problem.invalid(errors, "invalid hook request")
    assert isinstance(context, dict)
    key = "appointments" if service.hook == "appointment-book" else "draftOrders"
    resources = _bundle(context.get(key), f"$.context.{key}")
    extra = [(v, f"prefetch.{k}") for k, v in sorted(prefetch.items()) if isinstance(v, dict)]
    try:
        mapped = map_resources(resources, path=f"context.{key}", context=extra, only=service.document_types)
    except FhirInputError as exc:
        return {"cards": [error_card(exc.errors, service)]}
    if service.hook == "order-select":
        selected = set(context.get("selections") or ())
        if selected:
            mapped = [m for m in mapped if m.source in selected]
    made: list[dict[str, Any]] = []
    for m in mapped:
        try:
            document = m.parse()
        except FhirInputError as exc:
            made.append(error_card(exc.errors, service))
            continue
        results = sdk.evaluate(document, region=service.region, programme=service.programme, as_of=as_of)
        made.extend(cards(results, fhir_paths=m.fhir_paths, instance=str(request["hookInstance"])))
    return {"cards": sorted(made, key=lambda c: _ORDER[c["indicator"]])}
