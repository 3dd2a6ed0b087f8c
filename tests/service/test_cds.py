"""CDS Hooks 2.0: discovery, order-sign/order-select/appointment-book calls shaped as the
specification's examples, and cards as a pure function of results."""

from __future__ import annotations

from datetime import date

from primarvard_sdk.model import Citation, Explanation, Kind, Outcome, Result
from primarvard_sdk.service.cds import cards, indicator

from . import fhir_data as F
from .conftest import NOW, no_personal_data, post_json

SIGN = "/cds-services/gotland-vardval-order-sign"


def hook_request(hook: str, context: dict, prefetch: dict | None = None) -> dict:
    """The request shape of the CDS Hooks specification's examples."""
    body = {"hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "fhirServer": "https://ehr.example.se/fhir",
            "hook": hook, "context": {"userId": "PractitionerRole/123", "patientId": "p1",
                                      "encounterId": "e1", **context}}
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def test_discovery(client):
    services = {s["id"]: s for s in client.get("/cds-services").json()["services"]}
    assert set(services) == {"gotland-vardval-order-select", "gotland-vardval-order-sign",
                             "gotland-vardval-appointment-book"}
    sign = services["gotland-vardval-order-sign"]
    assert sign["hook"] == "order-sign"
    assert sign["prefetch"]["patient"] == "Patient/{{context.patientId}}"
    assert "_include=ServiceRequest:performer" in sign["prefetch"]["performer"]


def test_order_sign_returns_a_cited_card(client):
    body = hook_request("order-sign", {"draftOrders": F.bundle(F.service_request(performer="Organization/o1"))},
                        {"patient": F.patient(pnr="198502112389"),
                         "performer": F.bundle(F.organization("o1", "SE2321000016-1234"), kind="searchset")})
    response = post_json(client, SIGN, body)
    assert response.status_code == 200, response.text
    (card,) = response.json()["cards"]
    # "Första kontakt ska ske inom 10 kalenderdagar": authored 2025-03-03 → first contact by 2025-03-13.
    assert card["indicator"] == "info" and "2025-03-13" in card["summary"]
    assert card["source"]["label"] == "Region Gotland (testregion) — Vårdval Gotland — fiktiv uppdragsbeskrivning för tester — 2.1"
    assert card["source"]["topic"]["code"] == "gotland.vardval.remiss.forsta_kontakt"
    assert "> Första kontakt ska ske inom 10 kalenderdagar." in card["detail"]
    assert "gotland.vardval.remiss.forsta_kontakt" in card["detail"] and "utgåva 2024" in card["detail"]
    assert no_personal_data(response.text)


def test_order_select_evaluates_the_selected_orders_only(client):
    orders = F.bundle(F.service_request("a"), F.service_request("b", authored="2025-02-01T09:00:00+01:00"))
    body = hook_request("order-select", {"draftOrders": orders, "selections": ["ServiceRequest/b"]},
                        {"patient": F.patient()})
    (card,) = post_json(client, "/cds-services/gotland-vardval-order-select", body).json()["cards"]
    # authored 2025-02-01 → due 2025-02-11, nothing recorded, evaluated on 2025-03-05: missed.
    assert card["indicator"] == "critical" and "2025-02-11" in card["summary"]
    assert card["overrideReasons"]


def test_appointment_book_checks_the_referrals_first_contact(client):
    appointment = {"resourceType": "Appointment", "id": "ap1", "status": "proposed",
                   "start": "2025-03-20T10:00:00+01:00", "end": "2025-03-20T10:30:00+01:00",
                   "basedOn": [{"reference": "ServiceRequest/sr1"}],
                   "participant": [{"actor": {"reference": "Patient/p1"}, "status": "accepted"}]}
    body = hook_request("appointment-book", {"appointments": F.bundle(appointment)},
                        {"patient": F.patient(), "referrals": F.bundle(F.service_request(), kind="searchset")})
    (card,) = post_json(client, "/cds-services/gotland-vardval-appointment-book", body).json()["cards"]
    # booked for 2025-03-20, after the due day 2025-03-13: the booking misses the deadline.
    assert card["indicator"] == "critical" and "2025-03-13" in card["summary"]


def test_unmappable_orders_give_a_card_naming_the_fhir_path(client):
    body = hook_request("order-sign", {"draftOrders": F.bundle(F.service_request(authored=None))})
    (card,) = post_json(client, SIGN, body).json()["cards"]
    assert card["indicator"] == "warning" and "context.draftOrders.entry[0].resource" in card["detail"]


def test_bad_requests(client):
    assert post_json(client, "/cds-services/nope", hook_request("order-sign", {})).status_code == 404
    response = post_json(client, SIGN, {"hook": "order-select", "context": {}})
    assert response.status_code == 422
    assert {e["path"] for e in response.json()["errors"]} == {"$.hook", "$.hookInstance"}


def _result(outcome: Outcome, kind: Kind = Kind.deadline, **values) -> Result:
    return Result(
        rule_id="x.y.remiss.z", region="x", programme="y", subject="remiss", kind=kind, title="Titel",
        as_of=NOW.date(), outcome=outcome, values=values, parameters=(),
        citation=Citation("doc.txt", "Regelbok X", "2.1", "Ordagrant citat."),
        explanation=Explanation("Förklaring.", "Explanation."),
        missing=("$.patient.fodelsedatum",) if outcome is Outcome.indeterminate else (),
        governing_day=date(2025, 3, 3), edition="2025",
    )


def test_indicators_follow_the_outcome():
    assert indicator(_result(Outcome.fail, Kind.eligibility, decision="reject")) == "critical"
    assert indicator(_result(Outcome.missed, due=date(2025, 3, 1))) == "critical"
    assert indicator(_result(Outcome.warning, Kind.requirement)) == "warning"
    assert indicator(_result(Outcome.indeterminate)) == "warning"
    assert indicator(_result(Outcome.open, due=date(2025, 3, 13))) == "info"
    assert indicator(_result(Outcome.passed, Kind.requirement)) is None
    assert indicator(_result(Outcome.not_applicable, reason="vfsp")) is None


def test_cards_name_routes_and_missing_facts():
    route = _result(Outcome.fail, Kind.eligibility, decision="route", route="Barn- och ungdomshälsan")
    missing = _result(Outcome.indeterminate)
    made = cards([missing, route], fhir_paths={"$.patient.fodelsedatum": "Patient.birthDate"}, instance="i")
    assert [c["indicator"] for c in made] == ["critical", "warning"]
    assert made[0]["summary"].startswith("Hänvisa till Barn- och ungdomshälsan")
    assert "`$.patient.fodelsedatum` ← FHIR `Patient.birthDate`" in made[1]["detail"]
    assert made[1]["source"]["label"] == "Regelbok X — 2.1" and "> Ordagrant citat." in made[1]["detail"]
    assert cards([missing, route], instance="i") == cards([missing, route], instance="i")  # pure
