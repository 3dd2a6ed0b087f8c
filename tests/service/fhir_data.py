"""FHIR R4 resources for the tests, built the way an EHR sends them (HL7 Sweden identifiers)."""

from __future__ import annotations

from typing import Any

from primarvard_sdk.service.fhir import CODE_SYSTEM, FOLKBOKFORINGSADRESS, HSA_ID, PERSONNUMMER

ADDRESS_TYPE = "http://hl7.se/fhir/ig/base/StructureDefinition/SEBaseAddressPersonExtension"


def patient(pid: str = "p1", *, birth: str | None = "1985-02-11", pnr: str | None = None, lan: str | None = None,
            protected: bool = False) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "Patient", "id": pid,
                                "name": [{"family": "Tolvansson", "given": ["Tolvan"]}]}
    if birth:
        resource["birthDate"] = birth
    if pnr:
        resource["identifier"] = [{"system": PERSONNUMMER, "value": pnr}]
    if lan:
        resource["address"] = [{
            "line": ["Gatan 1"], "city": "Kalmar", "state": lan,
            "extension": [{"url": ADDRESS_TYPE, "valueCodeableConcept": {"coding": [
                {"system": "http://snomed.info/sct", "code": FOLKBOKFORINGSADRESS}]}}],
        }]
    if protected:
        resource["meta"] = {"security": [{"system": "http://hl7.se/fhir/ig/base/CodeSystem/SecurityLabelCS",
                                          "code": "skyddadFolkbokforing"}]}
    return resource


def organization(oid: str, hsa: str, *, state: str | None = None) -> dict[str, Any]:
    org: dict[str, Any] = {"resourceType": "Organization", "id": oid, "name": f"Enhet {oid}",
                           "identifier": [{"system": HSA_ID, "value": hsa}]}
    if state:
        org["address"] = [{"state": state}]
    return org


def service_request(rid: str = "sr1", *, authored: str | None = "2025-03-03T09:00:00+01:00", typ: str | None = None,
                    patient_ref: str = "Patient/p1", performer: str | None = None, requester: str | None = None) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "ServiceRequest", "id": rid, "status": "draft", "intent": "order",
                                "subject": {"reference": patient_ref},
                                "code": {"text": "Remiss till vårdcentral"}}
    if authored:
        resource["authoredOn"] = authored
    if typ:
        resource["category"] = [{"coding": [{"system": CODE_SYSTEM + "Remisstyp", "code": typ}]}]
    if performer:
        resource["performer"] = [{"reference": performer}]
    if requester:
        resource["requester"] = {"reference": requester}
    return resource


def bundle(*resources: dict[str, Any], kind: str = "collection") -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": kind,
            "entry": [{"fullUrl": f"urn:uuid:{r['resourceType']}-{r.get('id', i)}", "resource": r}
                      for i, r in enumerate(resources)]}


def remiss_to_fhir(document: dict[str, Any], index: int = 0) -> list[dict[str, Any]]:
    """A Remiss JSON document as the FHIR resources an EHR would hold (the inverse of the mapping,
    for the fields the mapping reads)."""
    n = f"{index}"
    out: list[dict[str, Any]] = []
    sr = service_request(f"sr{n}", authored=document["inkom"], typ=document.get("typ"), patient_ref=f"Patient/p{n}")
    if "referens" in document:
        sr["id"] = document["referens"]
    person = document.get("patient")
    if person is not None:
        p = patient(f"p{n}", birth=person.get("fodelsedatum"), pnr=person.get("personnummer"),
                    lan=person.get("folkbokford_lan"), protected=bool(person.get("skyddade_personuppgifter")))
        if person.get("kon"):
            p["gender"] = {"man": "male", "kvinna": "female"}[person["kon"]]
        out.append(p)
    # else: the subject stays a reference to a Patient the bundle does not hold (patient absent)
    if document.get("mottagande_enhet"):
        out.append(organization(f"perf{n}", document["mottagande_enhet"]))
        sr["performer"] = [{"reference": f"Organization/perf{n}"}]
    issuer = document.get("utfardare")
    if issuer is not None:
        role: dict[str, Any] = {"resourceType": "PractitionerRole", "id": f"role{n}"}
        if issuer.get("yrke"):
            role["code"] = [{"coding": [{"system": CODE_SYSTEM + "Yrke", "code": issuer["yrke"]}]}]
        if issuer.get("specialiteter"):
            role["specialty"] = [{"coding": [{"system": CODE_SYSTEM + "Specialitet", "code": s}]}
                                 for s in issuer["specialiteter"]]
        if "legitimerad" in issuer and issuer.get("yrke"):
            practitioner: dict[str, Any] = {"resourceType": "Practitioner", "id": f"pr{n}", "qualification": []}
            if issuer["legitimerad"]:
                practitioner["qualification"] = [{"code": {"coding": [{"system": CODE_SYSTEM + "Yrke", "code": issuer["yrke"]}]}}]
            else:
                practitioner["qualification"] = [{"code": {"text": "ej legitimerad"}}]
            role["practitioner"] = {"reference": f"Practitioner/pr{n}"}
            out.append(practitioner)
        if issuer.get("enhet_id") or issuer.get("lan"):
            org = {"resourceType": "Organization", "id": f"req{n}"}
            if issuer.get("enhet_id"):
                org["identifier"] = [{"system": HSA_ID, "value": issuer["enhet_id"]}]
            if issuer.get("lan"):
                org["address"] = [{"state": issuer["lan"]}]
            role["organization"] = {"reference": f"Organization/req{n}"}
            out.append(org)
        out.append(role)
        sr["requester"] = {"reference": f"PractitionerRole/role{n}"}
    if document.get("forsta_kontakt"):
        out.append({"resourceType": "Encounter", "id": f"enc{n}", "status": "finished",
                    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
                    "basedOn": [{"reference": f"ServiceRequest/{sr['id']}"}],
                    "period": {"start": document["forsta_kontakt"]}})
    if document.get("aterkoppling"):
        out.append({"resourceType": "Communication", "id": f"com{n}", "status": "completed",
                    "basedOn": [{"reference": f"ServiceRequest/{sr['id']}"}], "sent": document["aterkoppling"]})
    for k, item in enumerate(document.get("kompletteringar") or ()):
        task = {"resourceType": "Task", "id": f"t{n}-{k}", "status": "completed" if item.get("inkommen") else "requested",
                "intent": "order", "focus": {"reference": f"ServiceRequest/{sr['id']}"},
                "code": {"coding": [{"system": CODE_SYSTEM + "Task", "code": "komplettering"}]},
                "authoredOn": item["begard"]}
        if item.get("inkommen"):
            task["executionPeriod"] = {"end": item["inkommen"]}
        out.append(task)
    if document.get("kompletteringar") == []:
        out.append({"resourceType": "List", "id": f"kl{n}", "status": "current", "mode": "working",
                    "code": {"coding": [{"system": CODE_SYSTEM + "Task", "code": "komplettering"}]},
                    "emptyReason": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/list-empty-reason",
                                                "code": "nilknown"}]}})
        sr["supportingInfo"] = [{"reference": f"List/kl{n}"}]
    decision = document.get("beslut")
    if decision:
        status = {"accepterad": "accepted", "avvisad": "rejected", "ko": "on-hold"}[decision["utfall"]]
        task = {"resourceType": "Task", "id": f"b{n}", "status": status, "intent": "order",
                "focus": {"reference": f"ServiceRequest/{sr['id']}"}}
        if decision.get("skal"):
            task["statusReason"] = {"coding": [{"system": CODE_SYSTEM + "Skal", "code": s} for s in decision["skal"]]}
        if decision.get("datum"):
            task["lastModified"] = decision["datum"] + "T12:00:00+01:00"
        out.append(task)
    return [sr, *out]


#: Remiss fields the mapping reads (the equality test uses documents with only these).
MAPPED_REMISS_FIELDS = {
    "referens", "inkom", "typ", "patient", "utfardare", "mottagande_enhet", "forsta_kontakt", "aterkoppling",
    "kompletteringar", "beslut",
}
MAPPED_PERSON_FIELDS = {"referens", "fodelsedatum", "personnummer", "kon", "folkbokford_lan", "skyddade_personuppgifter"}
MAPPED_ISSUER_FIELDS = {"yrke", "legitimerad", "specialiteter", "lan", "enhet_id"}
