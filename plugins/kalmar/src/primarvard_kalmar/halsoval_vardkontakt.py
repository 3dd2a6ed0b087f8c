"""kalmar.halsoval.vardkontakt.*: care guarantee, home visits out of county, asylum seekers."""

from __future__ import annotations

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kontakttyp, Lan, Vardkontakt, Vistelsestatus, local_day
from primarvard_sdk.findings import (
    absent,
    decision,
    indeterminate,
    not_applicable,
    warning,
)
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Deadline, When

__all__: list[str] = []


rules.shape(Deadline(
    "kalmar.halsoval.vardkontakt.kontakt_samma_dag",
    event="sokte", count="calendar_days", parameter="calendar_days", done="kontakt", event_value="sought",
    sv="Kontakt med primärvården senast {due}, samma dag som patienten sökte ({event}, lokal dag i "
       "Europe/Stockholm).",
    en="Contact with primary care no later than {due}, the same day the patient sought help ({event}, "
       "local day in Europe/Stockholm).",
))

rules.shape(Deadline(
    "kalmar.halsoval.vardkontakt.medicinsk_bedomning",
    event="behov_bedomt", count="calendar_days", parameter="calendar_days", done="utford",
    event_value="judged", needs=("listad_vid_enheten",),
    outside=(When("listad_vid_enheten", flag=False, reason="not_listed",
                  sv="Patienten är inte listad vid enheten; tredagarsgarantin gäller listade patienter.",
                  en="The patient is not listed at the unit; the three-day guarantee applies to listed patients."),),
    done_by="utford_av_legitimerad",
    done_by_sv="Den registrerade bedömningen gjordes inte av legitimerad personal och räknas inte.",
    done_by_en="The recorded assessment was not made by licensed personnel and does not count.",
    sv="Medicinsk bedömning av legitimerad personal senast {due} ({n} kalenderdagar efter bedömt behov {event}).",
    en="Medical assessment by licensed personnel no later than {due} ({n} calendar days after the need was "
       "judged on {event}).",
))


@rules.implement("kalmar.halsoval.vardkontakt.hembesok_utomlans")
def hembesok_utomlans(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    visit_types = {Kontakttyp(t) for t in ctx.param("home_visit_types")}
    home = Lan(ctx.param("home_county"))
    patient = doc.patient
    county = patient.folkbokford_lan if patient is not None else None
    # Registered in Kalmar län: True, False, or None when unknown. A patient known not to be
    # registered in Sweden at all is registered in no county, so not in Kalmar län.
    if county is not None:
        in_home_county: bool | None = county is home
    elif patient is not None and patient.folkbokford_i_sverige is False:
        in_home_county = False
    else:
        in_home_county = None
    # Outside the scope as soon as one known fact says so, whatever else is missing.
    if doc.typ is not None and doc.typ not in visit_types:
        return not_applicable(
            f"Kontakttypen {doc.typ.value} är inget hembesök eller hemsjukvård.",
            f"Contact type {doc.typ.value} is not a home visit or home care.",
            reason="not_a_home_visit",
        )
    if in_home_county:
        return not_applicable(
            f"Patienten är folkbokförd i {home.value}; regeln gäller utomlänspatienter.",
            f"The patient is registered in {home.value}; the rule concerns patients registered in another county.",
            reason="registered_in_county",
        )
    if doc.listad_vid_enheten is False:
        return not_applicable(
            "Patienten är inte listad vid enheten; regeln gäller listade utomlänspatienter.",
            "The patient is not listed at the unit; the rule concerns listed out-of-county patients.",
            reason="not_listed",
        )
    county_path = ["patient.folkbokford_lan"] if in_home_county is None else []
    if missing := absent(doc, "typ", *county_path, "listad_vid_enheten", "vistelse_lan"):
        return indeterminate(*missing)
    assert doc.vistelse_lan is not None
    staying = doc.vistelse_lan
    # None: registered in no county (not registered in Sweden).
    registered = county.value if county is not None else None
    if staying is home:
        return decision(
            "accept",
            f"Listad utomlänspatient som vistas i {home.value}: hembesök på samma villkor som för folkbokförda i länet.",
            f"Listed out-of-county patient staying in {home.value}: home visits on the same terms as for residents.",
            duty=True,
            staying_in=staying.value,
            registered_in=registered,
        )
    return warning(
        f"Patienten vistas i {staying.value}: vårdenheten har ingen skyldighet att göra hembesök där, "
        "men får välja att göra det (t.ex. nära länsgränsen).",
        f"The patient is staying in {staying.value}: the unit has no duty to make home visits there, "
        "but may choose to (e.g. near the county border).",
        duty=False,
        staying_in=staying.value,
        registered_in=registered,
    )


@rules.implement("kalmar.halsoval.vardkontakt.asylsokande")
def asylsokande(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    statuses = {Vistelsestatus(s) for s in ctx.param("statuses")}
    child_max = int(ctx.param("child_max_age"))
    status = doc.patient.vistelsestatus if doc.patient is not None else None
    if status is not None and status not in statuses:
        return not_applicable(
            f"Vistelsestatus {status.value}: regeln gäller asylsökande samt gömda och papperslösa.",
            f"Residence status {status.value}: the rule concerns asylum seekers and hidden or undocumented persons.",
        )
    if missing := absent(doc, "patient.vistelsestatus", "sokte"):
        return indeterminate(*missing)
    assert doc.patient is not None and doc.sokte is not None
    # The age on the day care was sought, never on the evaluation day.
    reference = local_day(doc.sokte)
    age = doc.patient.age_on(reference)
    if age is None:
        return indeterminate("$.patient.fodelsedatum")
    at = f"{age} år {reference.isoformat()} (dagen patienten sökte vård)"
    at_en = f"aged {age} on {reference.isoformat()} (the day care was sought)"
    if age <= child_max:
        return decision(
            "accept",
            f"Barn/ungdom, {at}: samma rätt till vård som folkbokförda (upp till 18 år = högst {child_max}).",
            f"Child, {at_en}: the same right to care as registered residents (up to 18 = at most {child_max}).",
            age=age,
            reference_day=reference,
        )
    if doc.kan_ej_vanta is None:
        return indeterminate("$.kan_ej_vanta", age=age, reference_day=reference)
    if doc.kan_ej_vanta:
        return decision(
            "accept",
            f"Vuxen, {at}: vård som inte kan anstå ges.",
            f"Adult, {at_en}: care that cannot wait is given.",
            age=age,
            reference_day=reference,
        )
    return decision(
        "reject",
        f"Vuxen, {at}: rätten gäller vård som inte kan anstå; vårdbehovet bedöms kunna vänta.",
        f"Adult, {at_en}: the right covers care that cannot wait; this need is judged able to wait.",
        age=age,
        reference_day=reference,
    )
