"""FHIR R4 in: resources an EHR already holds, mapped to the SDK's documents.

Resources are validated with ``fhir.resources`` (its R4B models: R4B is the R4 technical
correction and reads every R4 ServiceRequest, Patient, Encounter, Appointment, Organization,
PractitionerRole, Task and Communication unchanged), then mapped:

========================================  ==========================================================
FHIR                                      document
========================================  ==========================================================
ServiceRequest                            ``Remiss`` (``inkom`` ← ``authoredOn``; ``referens`` ← ``id``;
                                          ``typ`` ← ``category`` in the Remisstyp code system;
                                          ``mottagande_enhet`` ← ``performer`` HSA-id)
ServiceRequest.subject → Patient          ``Remiss.patient`` (see Patient)
ServiceRequest.requester → PractitionerRole/Practitioner/Organization   ``Remiss.utfardare``
Encounter / Appointment ``basedOn`` it    ``Remiss.forsta_kontakt`` ← earliest ``period.start`` / ``start``
Communication ``basedOn`` it, to Patient  ``Remiss.aterkoppling`` ← earliest ``sent``
Task ``focus`` it, code ``komplettering`` ``Remiss.kompletteringar`` (``authoredOn``, ``executionPeriod.end``);
                                          ``[]`` from an empty List it names in ``supportingInfo``
                                          (code ``komplettering``, ``emptyReason`` nilknown)
Task ``focus`` it, other codes            ``Remiss.beslut`` (status accepted/rejected/on-hold)
Patient                                   ``Person``: ``personnummer`` ← identifier of system
                                          ``http://electronichealth.se/identifier/personnummer`` or
                                          ``…/samordningsnummer``; ``fodelsedatum`` ← ``birthDate``;
                                          ``kon`` ← ``gender`` (male/female); ``folkbokford_lan``,
                                          ``kommun`` ← the folkbokföringsadress's ``state``,
                                          ``district``; ``skyddade_personuppgifter`` ← security label
                                          ``skyddadFolkbokforing`` or ``sekretessmarkering``
Encounter (not based on a referral)       ``Vardkontakt`` (``typ`` ← ``class``/``type``, ``kontakt`` ←
                                          ``period.start``, ``enhet_id`` ← ``serviceProvider`` HSA-id)
Appointment (not based on a referral)     ``Vardkontakt`` (``utford`` ← ``start``)
Organization not referenced by the above  ``Vardenhet`` (``id`` ← HSA-id, ``namn``, ``ort``, ``kommun``,
                                          ``personal`` ← its PractitionerRoles)
========================================  ==========================================================

Codes FHIR has no standard Swedish code system for (profession, specialty, referral kind, contact
kind) are read from codings in ``urn:primarvard-sdk:codesystem:<List>`` (e.g. ``…:Yrke``), whose
codes are the SDK's code-list codes or Swedish names. Nothing is guessed: an element that is
absent leaves the field absent (a rule that needs it answers ``indeterminate``, and the response
names the FHIR element that would supply it); a value that cannot be read is an error naming its
FHIR path. Names, addresses and identifiers are never echoed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from primarvard_sdk.errors import FieldError, InvalidDocument, PrimarvardError

__all__ = [
    "CODE_SYSTEM",
    "HSA_ID",
    "PERSONNUMMER",
    "SAMORDNINGSNUMMER",
    "FhirInputError",
    "Mapped",
    "map_resources",
    "validate_resource",
]

PERSONNUMMER = "http://electronichealth.se/identifier/personnummer"
SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer"
HSA_ID = "urn:oid:1.2.752.29.4.19"
CODE_SYSTEM = "urn:primarvard-sdk:codesystem:"
FOLKBOKFORINGSADRESS = "63381000052101"  #: SNOMED CT SE, official address type (HL7 Sweden)
PROTECTED_LABELS = frozenset({"skyddadFolkbokforing", "sekretessmarkering"})
ENCOUNTER_CLASS = {"AMB": "besok", "HH": "hembesok", "VR": "digital"}
TASK_STATUS = {"accepted": "accepterad", "rejected": "avvisad", "on-hold": "ko"}

_DIGITS = re.compile(r"\d{6,}")


class FhirInputError(PrimarvardError, ValueError):
    """FHIR input that is not valid FHIR, or cannot be mapped; each error names its FHIR path."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(map(str, self.errors)) or "invalid FHIR input")


@attrs.frozen
class Mapped:
    """One document mapped from FHIR: where from, its type, its JSON form and the FHIR path of
    each JSON path (mapped or, when absent, the element that would supply it)."""

    source: str
    type_name: str
    data: Mapping[str, Any]
    fhir_paths: Mapping[str, str]
    resource_path: str

    def parse(self) -> Any:
        """The domain document; errors name FHIR paths (see :func:`fhir_path_of`)."""
        from primarvard_sdk.documents import parse_document

        try:
            return parse_document(dict(self.data), self.type_name)
        except InvalidDocument as exc:
            raise FhirInputError([
                FieldError(fhir_path_of(e.path, self.fhir_paths) or self.resource_path, e.message)
                for e in exc.errors
            ]) from None


def fhir_path_of(json_path: str, paths: Mapping[str, str]) -> str | None:
    """The FHIR path of a JSON path: itself or its nearest mapped parent (``$.patient.x`` under
    ``$.patient``), list indices ignored."""
    plain = re.sub(r"\[\d+\]", "", json_path)
    while plain:
        if plain in paths:
            return paths[plain]
        if "." not in plain:
            return None
        plain = plain.rsplit(".", 1)[0]
    return None


# --- validation ----------------------------------------------------------------------------------


def _safe(message: str) -> str:
    return _DIGITS.sub("…", message.replace("Value error, ", ""))[:200]


def validate_resource(data: Any, path: str = "") -> Any:
    """Validate a FHIR R4 resource (JSON) with ``fhir.resources``; errors name FHIR paths."""
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError

    if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
        raise FhirInputError([FieldError(path or "$", "expected a FHIR resource (an object with resourceType)")])
    kind = data["resourceType"]
    try:
        cls = get_fhir_model_class(kind)
    except (KeyError, ValueError, ImportError, AttributeError):
        raise FhirInputError([FieldError(f"{path or kind}.resourceType", "not a FHIR R4 resource type")]) from None
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        errors = []
        for error in exc.errors()[:50]:
            where = path or kind
            for part in error["loc"]:
                where += f"[{part}]" if isinstance(part, int) else f".{part}"
            errors.append(FieldError(where, _safe(error["msg"])))
        raise FhirInputError(errors) from None


# --- reading helpers ----------------------------------------------------------------------------


@attrs.define(eq=False)
class _Entry:
    resource: dict[str, Any]
    path: str  #: FHIR path of the resource: "Bundle.entry[2].resource"
    full_url: str | None = None

    @property
    def type(self) -> str:
        return str(self.resource["resourceType"])

    @property
    def key(self) -> str | None:
        rid = self.resource.get("id")
        return f"{self.type}/{rid}" if rid else None


class _Index:
    """Resources by reference (``Type/id``, fullUrl, absolute URL, ``#contained``)."""

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        self._by: dict[str, _Entry] = {}
        for e in entries:
            for name in (e.key, e.full_url):
                if name:
                    self._by.setdefault(name, e)
            for i, contained in enumerate(e.resource.get("contained") or ()):
                if isinstance(contained, dict) and contained.get("id"):
                    self._by.setdefault(f"{e.key}#{contained['id']}", _Entry(contained, f"{e.path}.contained[{i}]"))

    def resolve(self, reference: Any, owner: _Entry) -> _Entry | None:
        if not isinstance(reference, dict):
            return None
        ref = reference.get("reference")
        if not isinstance(ref, str):
            return None
        if ref.startswith("#"):
            return self._by.get(f"{owner.key}{ref}")
        if ref in self._by:
            return self._by[ref]
        tail = "/".join(ref.rstrip("/").split("/")[-2:])  # absolute URL → Type/id
        return self._by.get(tail)

    def of_type(self, *types: str) -> Iterator[_Entry]:
        return (e for e in self.entries if e.type in types)


def _identifier(resource: Mapping[str, Any], system: str) -> tuple[int, str] | None:
    for i, ident in enumerate(resource.get("identifier") or ()):
        if isinstance(ident, dict) and ident.get("system") == system and ident.get("value"):
            return i, str(ident["value"])
    return None


def _codes(concepts: Any, list_name: str) -> list[tuple[int, int, str]]:
    """Codes in ``urn:primarvard-sdk:codesystem:<list_name>``: (concept index, coding index, code)."""
    if isinstance(concepts, dict):
        concepts = [concepts]
    found = []
    for i, concept in enumerate(concepts or ()):
        for j, coding in enumerate((concept or {}).get("coding") or ()):
            if coding.get("system") == CODE_SYSTEM + list_name and coding.get("code"):
                found.append((i, j, str(coding["code"])))
    return found


def _earliest(values: list[tuple[str, str]]) -> tuple[str, str] | None:
    from primarvard_sdk.convert import structure
    from primarvard_sdk.domain import Tidpunkt, local_day

    def key(item: tuple[str, str]) -> tuple[Any, str]:
        try:
            return (local_day(structure(item[0], Tidpunkt)), item[0])  # type: ignore[arg-type]
        except InvalidDocument:
            return (item[0][:10], item[0])

    return min(values, key=key) if values else None


class _Builder:
    """Collects a document's JSON form and the FHIR path of every JSON path."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.paths: dict[str, str] = {}

    def put(self, json_path: str, fhir_path: str, value: Any) -> None:
        """Set ``value`` at ``json_path`` (``$.patient.kon``) when not None; record its FHIR path."""
        self.paths[json_path] = fhir_path
        if value is None:
            return
        target = self.data
        parts = json_path[2:].split(".")
        for name in parts[:-1]:
            target = target.setdefault(name, {})
        target[parts[-1]] = value

    def hint(self, json_path: str, fhir_path: str) -> None:
        """Where a field would come from, though it is absent here."""
        self.paths.setdefault(json_path, fhir_path)


# --- Patient → Person ---------------------------------------------------------------------------


def _person(b: _Builder, at: str, patient: _Entry | None, subject_path: str) -> None:
    if patient is None:
        b.hint(at, subject_path)
        for field, element in (("fodelsedatum", "Patient.birthDate"), ("personnummer", "Patient.identifier")):
            b.hint(f"{at}.{field}", element)
        return
    r, p = patient.resource, patient.path
    b.put(at, p, {})
    found = _identifier(r, PERSONNUMMER) or _identifier(r, SAMORDNINGSNUMMER)
    if found:
        b.put(f"{at}.personnummer", f"{p}.identifier[{found[0]}].value", found[1])
    else:
        b.hint(f"{at}.personnummer", f"{p}.identifier")
    b.put(f"{at}.fodelsedatum", f"{p}.birthDate", r.get("birthDate"))
    gender = r.get("gender")
    b.put(f"{at}.kon", f"{p}.gender", {"male": "man", "female": "kvinna"}.get(gender or ""))
    for i, address in enumerate(r.get("address") or ()):
        kinds = [
            coding.get("code")
            for ext in address.get("extension") or ()
            if str(ext.get("url", "")).endswith("officialAddressType") or "AddressPerson" in str(ext.get("url", ""))
            for coding in (ext.get("valueCodeableConcept") or {}).get("coding") or ()
        ]
        if FOLKBOKFORINGSADRESS in kinds:
            b.put(f"{at}.folkbokford_lan", f"{p}.address[{i}].state", address.get("state"))
            b.put(f"{at}.kommun", f"{p}.address[{i}].district", address.get("district"))
            break
    else:
        b.hint(f"{at}.folkbokford_lan", f"{p}.address.state (folkbokföringsadress)")
    labels = {c.get("code") for c in (r.get("meta") or {}).get("security") or ()}
    if labels & PROTECTED_LABELS:
        b.put(f"{at}.skyddade_personuppgifter", f"{p}.meta.security", True)
    else:  # no label is no answer: an EHR may not send them
        b.hint(f"{at}.skyddade_personuppgifter", f"{p}.meta.security")


def _hsa(entry: _Entry | None) -> tuple[str, str] | None:
    if entry is None:
        return None
    found = _identifier(entry.resource, HSA_ID)
    return (found[1], f"{entry.path}.identifier[{found[0]}].value") if found else None


def _practitioner_role(b: _Builder, at: str, role: _Entry, index: _Index) -> None:
    r, p = role.resource, role.path
    codes = _codes(r.get("code"), "Yrke")
    if codes:
        i, j, code = codes[0]
        b.put(f"{at}.yrke", f"{p}.code[{i}].coding[{j}].code", code)
    else:
        b.hint(f"{at}.yrke", f"{p}.code")
    specialties = _codes(r.get("specialty"), "Specialitet")
    if specialties:
        b.put(f"{at}.specialiteter", f"{p}.specialty", [c for _, _, c in specialties])
    practitioner = index.resolve(r.get("practitioner"), role)
    if practitioner is not None and "qualification" in practitioner.resource and codes:
        licensed = _codes([q.get("code") for q in practitioner.resource.get("qualification") or ()], "Yrke")
        b.put(f"{at}.legitimerad", f"{practitioner.path}.qualification", any(c == codes[0][2] for _, _, c in licensed))
    else:
        b.hint(f"{at}.legitimerad", "Practitioner.qualification")


# --- ServiceRequest → Remiss --------------------------------------------------------------------


def _remiss(sr: _Entry, index: _Index) -> Mapped:
    r, p = sr.resource, sr.path
    b = _Builder()
    b.put("$.referens", f"{p}.id", r.get("id"))
    b.put("$.inkom", f"{p}.authoredOn", r.get("authoredOn"))
    typ = _codes(r.get("category"), "Remisstyp")
    if typ:
        i, j, code = typ[0]
        b.put("$.typ", f"{p}.category[{i}].coding[{j}].code", code)
    _person(b, "$.patient", index.resolve(r.get("subject"), sr), f"{p}.subject")
    for performer in r.get("performer") or ():
        hsa = _hsa(index.resolve(performer, sr))
        if hsa:
            b.put("$.mottagande_enhet", hsa[1], hsa[0])
            break
    else:
        b.hint("$.mottagande_enhet", f"{p}.performer")
    requester = index.resolve(r.get("requester"), sr)
    if requester is not None:
        b.put("$.utfardare", requester.path, {})
        organization = requester
        if requester.type == "PractitionerRole":
            _practitioner_role(b, "$.utfardare", requester, index)
            organization = index.resolve(requester.resource.get("organization"), requester) or requester
        if organization.type == "Organization":
            hsa = _hsa(organization)
            if hsa:
                b.put("$.utfardare.enhet_id", hsa[1], hsa[0])
            for i, address in enumerate(organization.resource.get("address") or ()):
                if address.get("state"):
                    b.put("$.utfardare.lan", f"{organization.path}.address[{i}].state", address["state"])
                    break
            else:
                b.hint("$.utfardare.lan", f"{organization.path}.address.state")
    else:
        b.hint("$.utfardare", f"{p}.requester")
    _follow_ups(b, sr, index)
    return Mapped(sr.key or p, "Remiss", b.data, b.paths, p)


def _based_on(entry: _Entry, target: _Entry, index: _Index, field: str = "basedOn") -> bool:
    refs = entry.resource.get(field)
    refs = refs if isinstance(refs, list) else [refs]
    return any(index.resolve(ref, entry) is target for ref in refs if ref)


def _follow_ups(b: _Builder, sr: _Entry, index: _Index) -> None:
    contacts = []
    for e in index.of_type("Encounter", "Appointment"):
        if not _based_on(e, sr, index):
            continue
        if e.type == "Encounter" and (e.resource.get("period") or {}).get("start"):
            contacts.append((e.resource["period"]["start"], f"{e.path}.period.start"))
        elif e.type == "Appointment" and e.resource.get("start") and e.resource.get("status") not in ("cancelled", "noshow", "entered-in-error"):
            contacts.append((e.resource["start"], f"{e.path}.start"))
    first = _earliest(contacts)
    if first:
        b.put("$.forsta_kontakt", first[1], first[0])
    else:
        b.hint("$.forsta_kontakt", "Encounter.period.start (basedOn the ServiceRequest)")
    feedback = [
        (e.resource["sent"], f"{e.path}.sent")
        for e in index.of_type("Communication")
        if e.resource.get("sent") and _based_on(e, sr, index)
    ]
    earliest = _earliest(feedback)
    if earliest:
        b.put("$.aterkoppling", earliest[1], earliest[0])
    else:
        b.hint("$.aterkoppling", "Communication.sent (basedOn the ServiceRequest)")
    completions: list[dict[str, Any]] = []
    for e in index.of_type("Task"):
        if not _based_on(e, sr, index, "focus"):
            continue
        t, tp = e.resource, e.path
        if _codes(t.get("code"), "Task") and _codes(t.get("code"), "Task")[0][2] == "komplettering":
            item: dict[str, Any] = {"begard": t.get("authoredOn")}
            end = (t.get("executionPeriod") or {}).get("end")
            if end:
                item["inkommen"] = end
            b.hint(f"$.kompletteringar[{len(completions)}]", tp)
            completions.append(item)
        elif t.get("status") in TASK_STATUS:
            reasons = _codes(t.get("statusReason"), "Skal")
            decision: dict[str, Any] = {"utfall": TASK_STATUS[t["status"]]}
            if reasons:
                decision["skal"] = [c for _, _, c in reasons]
            if t.get("lastModified"):
                decision["datum"] = str(t["lastModified"])[:10]
            b.put("$.beslut", tp, decision)
    if completions:
        b.put("$.kompletteringar", "Task (code komplettering, focus the ServiceRequest)", completions)
        return
    # "Reported: none" needs saying: a List of completion requests the referral points to
    # (supportingInfo) that is empty with emptyReason "nilknown". No Task alone says nothing.
    for info in sr.resource.get("supportingInfo") or ():
        listed = index.resolve(info, sr)
        if listed is None or listed.type != "List" or not any(
            c == "komplettering" for _, _, c in _codes(listed.resource.get("code"), "Task")
        ):
            continue
        reason = {c.get("code") for c in (listed.resource.get("emptyReason") or {}).get("coding") or ()}
        if not listed.resource.get("entry") and "nilknown" in reason:
            b.put("$.kompletteringar", f"{listed.path}.emptyReason", [])
            return
    b.hint("$.kompletteringar", "Task (code komplettering, focus the ServiceRequest)")


# --- Encounter / Appointment → Vardkontakt ------------------------------------------------------


def _vardkontakt(e: _Entry, index: _Index) -> Mapped:
    r, p = e.resource, e.path
    b = _Builder()
    b.put("$.referens", f"{p}.id", r.get("id"))
    typ = _codes(r.get("type") if e.type == "Encounter" else r.get("appointmentType"), "Kontakttyp")
    if typ:
        i, j, code = typ[0]
        where = "type" if e.type == "Encounter" else "appointmentType"
        b.put("$.typ", f"{p}.{where}[{i}].coding[{j}].code" if e.type == "Encounter" else f"{p}.{where}.coding[{j}].code", code)
    elif e.type == "Encounter" and (r.get("class") or {}).get("code") in ENCOUNTER_CLASS:
        b.put("$.typ", f"{p}.class.code", ENCOUNTER_CLASS[r["class"]["code"]])
    else:
        b.hint("$.typ", f"{p}.class" if e.type == "Encounter" else f"{p}.appointmentType")
    if e.type == "Encounter":
        b.put("$.kontakt", f"{p}.period.start", (r.get("period") or {}).get("start"))
        _person(b, "$.patient", index.resolve(r.get("subject"), e), f"{p}.subject")
        hsa = _hsa(index.resolve(r.get("serviceProvider"), e))
        if hsa:
            b.put("$.enhet_id", hsa[1], hsa[0])
        else:
            b.hint("$.enhet_id", f"{p}.serviceProvider")
    else:
        b.put("$.utford", f"{p}.start", r.get("start"))
        patient = None
        for participant in r.get("participant") or ():
            actor = index.resolve(participant.get("actor"), e)
            if actor is None:
                continue
            if actor.type == "Patient" and patient is None:
                patient = actor
            hsa = _hsa(actor) if actor.type in ("Organization", "HealthcareService", "Location") else None
            if hsa and "enhet_id" not in b.data:
                b.put("$.enhet_id", hsa[1], hsa[0])
        _person(b, "$.patient", patient, f"{p}.participant.actor")
    for field in ("sokte", "behov_bedomt", "listad_vid_enheten"):
        b.hint(f"$.{field}", "(no FHIR element; send the document as JSON to /v1/evaluate)")
    return Mapped(e.key or p, "Vardkontakt", b.data, b.paths, p)


# --- Organization → Vardenhet -------------------------------------------------------------------


def _vardenhet(org: _Entry, index: _Index) -> Mapped:
    r, p = org.resource, org.path
    b = _Builder()
    hsa = _hsa(org)
    b.put("$.id", hsa[1] if hsa else f"{p}.identifier", hsa[0] if hsa else None)
    b.put("$.namn", f"{p}.name", r.get("name"))
    for i, address in enumerate(r.get("address") or ()):
        b.put("$.ort", f"{p}.address[{i}].city", address.get("city"))
        b.put("$.kommun", f"{p}.address[{i}].district", address.get("district"))
        break
    roles = [e for e in index.of_type("PractitionerRole") if index.resolve(e.resource.get("organization"), e) is org]
    if roles:
        staff = []
        for n, role in enumerate(roles):
            sub = _Builder()
            _practitioner_role(sub, "$.m", role, index)
            member = {"id": role.resource.get("id") or f"{n + 1}", **sub.data.get("m", {})}
            staff.append(member)
            for json_path, fhir_path in sub.paths.items():
                b.hint(json_path.replace("$.m", f"$.personal[{n}]", 1), fhir_path)
        b.put("$.personal", "PractitionerRole (organization = this Organization)", staff)
    else:
        b.hint("$.personal", "PractitionerRole.organization")
    return Mapped(org.key or p, "Vardenhet", b.data, b.paths, p)


# --- entry point ---------------------------------------------------------------------------------


def _entries(resource: Mapping[str, Any], path: str, extra: list[tuple[Any, str]]) -> list[_Entry]:
    entries = []
    if resource.get("resourceType") == "Bundle":
        for i, entry in enumerate(resource.get("entry") or ()):
            if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
                entries.append(_Entry(entry["resource"], f"{path}.entry[{i}].resource", entry.get("fullUrl")))
    else:
        entries.append(_Entry(dict(resource), path))
    for item, where in extra:
        if isinstance(item, dict):
            entries.extend(_entries(item, where, []))
    return entries


def map_resources(
    resource: Mapping[str, Any],
    *,
    path: str | None = None,
    context: list[tuple[Any, str]] | None = None,
    only: tuple[str, ...] | None = None,
) -> list[Mapped]:
    """Validate and map a FHIR resource or Bundle (plus ``context`` resources it may reference,
    e.g. CDS Hooks prefetch, as ``(resource, fhir path)``) to documents, in entry order.

    :param only: produce only these document types (e.g. ``("Remiss",)`` for order hooks).
    :raises FhirInputError: invalid FHIR, naming FHIR paths.
    """
    path = path or str(resource.get("resourceType") or "$")
    validate_resource(resource, path)
    extra = []
    for item, where in context or ():
        if item is not None:
            validate_resource(item, where)
            extra.append((item, where))
    index = _Index(_entries(resource, path, extra))
    primary = [e for e in index.entries if not any(e.path.startswith(w) for _, w in extra)]
    referrals = [e for e in primary if e.type == "ServiceRequest"]
    # A referral given only as context (e.g. prefetched) is a document when a primary contact or
    # appointment is based on it: the appointment being booked is its first contact.
    for e in index.entries:
        if e.type == "ServiceRequest" and e not in referrals and any(
            p.type in ("Encounter", "Appointment") and _based_on(p, e, index) for p in primary
        ):
            referrals.append(e)
    mapped: list[Mapped] = []
    referenced: set[int] = set()
    for e in index.entries:
        for field in ("performer", "requester", "serviceProvider", "participant", "organization", "managingOrganization"):
            value = e.resource.get(field)
            items = value if isinstance(value, list) else [value]
            for item in items:
                target = index.resolve(item.get("actor") if isinstance(item, dict) and "actor" in item else item, e)
                if target is not None:
                    referenced.add(id(target.resource))
    for e in primary + [r for r in referrals if r not in primary]:
        kind = None
        if e.type == "ServiceRequest":
            kind = "Remiss"
        elif e.type in ("Encounter", "Appointment") and not any(_based_on(e, sr, index) for sr in referrals):
            kind = "Vardkontakt"
        elif e.type == "Organization" and id(e.resource) not in referenced and not referrals:
            kind = "Vardenhet"
        if kind is None or (only is not None and kind not in only):
            continue
        builder = {"Remiss": _remiss, "Vardkontakt": _vardkontakt, "Vardenhet": _vardenhet}[kind]
        mapped.append(builder(e, index))
    return mapped


def evaluate_resources(
    sdk: Any, data: Mapping[str, Any], *, region: str, programme: str, as_of: Any
) -> list[tuple[Mapped, tuple[Any, ...]]]:
    """Map a FHIR resource or Bundle and evaluate every document: ``(mapped, results)`` pairs.

    Every document is mapped and parsed before any is evaluated, so one unmappable resource fails
    the whole input with every error named (:class:`FhirInputError`).
    """
    sdk.rules(region, programme)  # unknown names fail before the input is read
    mapped = map_resources(data)
    documents: list[tuple[Mapped, Any]] = []
    errors: list[FieldError] = []
    for m in mapped:
        try:
            documents.append((m, m.parse()))
        except FhirInputError as exc:
            errors.extend(exc.errors)
    if errors:
        raise FhirInputError(errors)
    return [(m, sdk.evaluate(doc, region=region, programme=programme, as_of=as_of)) for m, doc in documents]


def response_json(evaluated: list[tuple[Mapped, tuple[Any, ...]]]) -> str:
    """``{"documents": [{"fhir_paths", "results", "source", "type"}]}`` as the API answers it."""
    from primarvard_sdk.convert import dumps

    return dumps({
        "documents": [
            {"fhir_paths": dict(m.fhir_paths), "results": list(results), "source": m.source, "type": m.type_name}
            for m, results in evaluated
        ]
    })
