"""kalmar.halsoval.vardkontakt.*: care guarantee, home visits out of county, asylum seekers."""

from __future__ import annotations

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kontakttyp, Lan, Vardkontakt, Vistelsestatus, local_day
from primarvard_sdk.findings import (
    absent,
    calendar_day_note,
    deadline,
    decision,
    indeterminate,
    not_applicable,
    warning,
)
from primarvard_sdk.model import Finding

__all__: list[str] = []


@rules.implement("kalmar.halsoval.vardkontakt.kontakt_samma_dag")
def kontakt_samma_dag(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    if doc.sokte is None:
        return indeterminate("$.sokte")
    sought = local_day(doc.sokte)
    due = calendar.add_calendar_days(sought, int(ctx.param("calendar_days")))
    return deadline(
        due,
        doc.kontakt,
        ctx.as_of,
        f"Kontakt med primärvården senast {due.isoformat()}, samma dag som patienten sökte "
        f"({sought.isoformat()}, lokal dag i Europe/Stockholm).",
        f"Contact with primary care no later than {due.isoformat()}, the same day the patient sought "
        f"help ({sought.isoformat()}, local day in Europe/Stockholm).",
        sought=sought,
    )


@rules.implement("kalmar.halsoval.vardkontakt.medicinsk_bedomning")
def medicinsk_bedomning(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    if doc.listad_vid_enheten is False:
        return not_applicable(
            "Patienten är inte listad vid enheten; tredagarsgarantin gäller listade patienter.",
            "The patient is not listed at the unit; the three-day guarantee applies to listed patients.",
        )
    if missing := absent(doc, "listad_vid_enheten", "behov_bedomt"):
        return indeterminate(*missing)
    assert doc.behov_bedomt is not None
    judged = local_day(doc.behov_bedomt)
    days = int(ctx.param("calendar_days"))
    due = calendar.add_calendar_days(judged, days)
    actual = doc.utford
    extra_sv = extra_en = ""
    # An assessment after the due day is late whoever made it; one in time counts only when
    # made by licensed personnel.
    if actual is not None and local_day(actual) <= due:
        if doc.utford_av_legitimerad is None:
            return indeterminate("$.utford_av_legitimerad", due=due, judged=judged)
        if not doc.utford_av_legitimerad:
            actual = None
            extra_sv = " Den registrerade bedömningen gjordes inte av legitimerad personal och räknas inte."
            extra_en = (
                " The recorded assessment was not made by licensed personnel and does not count."
            )
    note_sv, note_en = calendar_day_note(due)
    return deadline(
        due,
        actual,
        ctx.as_of,
        f"Medicinsk bedömning av legitimerad personal senast {due.isoformat()} ({days} kalenderdagar "
        f"efter bedömt behov {judged.isoformat()}).{note_sv}{extra_sv}",
        f"Medical assessment by licensed personnel no later than {due.isoformat()} ({days} calendar days "
        f"after the need was judged on {judged.isoformat()}).{note_en}{extra_en}",
        judged=judged,
        due_is_vardag=calendar.is_vardag(due),
    )


@rules.implement("kalmar.halsoval.vardkontakt.hembesok_utomlans")
def hembesok_utomlans(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    visit_types = {Kontakttyp(t) for t in ctx.param("home_visit_types")}
    home = Lan(ctx.param("home_county"))
    registered = doc.patient.folkbokford_lan if doc.patient is not None else None
    # Outside the scope as soon as one known fact says so, whatever else is missing.
    if doc.typ is not None and doc.typ not in visit_types:
        return not_applicable(
            f"Kontakttypen {doc.typ.value} är inget hembesök eller hemsjukvård.",
            f"Contact type {doc.typ.value} is not a home visit or home care.",
        )
    if registered is home:
        return not_applicable(
            f"Patienten är folkbokförd i {home.value}; regeln gäller utomlänspatienter.",
            f"The patient is registered in {home.value}; the rule concerns patients registered in another county.",
        )
    if doc.listad_vid_enheten is False:
        return not_applicable(
            "Patienten är inte listad vid enheten; regeln gäller listade utomlänspatienter.",
            "The patient is not listed at the unit; the rule concerns listed out-of-county patients.",
        )
    if missing := absent(
        doc, "typ", "patient.folkbokford_lan", "listad_vid_enheten", "vistelse_lan"
    ):
        return indeterminate(*missing)
    assert doc.vistelse_lan is not None
    staying = doc.vistelse_lan
    if staying is home:
        return decision(
            "accept",
            f"Listad utomlänspatient som vistas i {home.value}: hembesök på samma villkor som för folkbokförda i länet.",
            f"Listed out-of-county patient staying in {home.value}: home visits on the same terms as for residents.",
            duty=True,
            staying_in=staying.value,
        )
    return warning(
        f"Patienten vistas i {staying.value}: vårdenheten har ingen skyldighet att göra hembesök där, "
        "men får välja att göra det (t.ex. nära länsgränsen).",
        f"The patient is staying in {staying.value}: the unit has no duty to make home visits there, "
        "but may choose to (e.g. near the county border).",
        duty=False,
        staying_in=staying.value,
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


# --- Vectorised twins (issue 8: population-scale evaluation) -----------------------------------
# Each twin gives, row by row, what the rule function above gives on the same document (checked
# by tests/test_batch_agreement.py on random documents). Same parameters via ctx.param, read at
# the same point of the if chain; numpy is imported on first use.

from collections.abc import Mapping  # noqa: E402 - kept with the twins it serves
from typing import Any  # noqa: E402

from primarvard_sdk.model import Outcome  # noqa: E402
from primarvard_sdk.vectorised import Column  # noqa: E402


@rules.vectorised(
    "kalmar.halsoval.vardkontakt.kontakt_samma_dag",
    Column("sokte", "time"), Column("kontakt", "time"),
)
def kontakt_samma_dag_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch

    sought = batch.local_days(cols["sokte"])
    days, not_in_force = batch.in_force(ctx, "calendar_days")
    due = batch.add_calendar_days(sought, int(days or 0))  # rows use it only when days is in force
    return batch.finding(
        len(sought),
        (np.isnat(sought), Outcome.indeterminate, "missing:$.sokte"),
        not_in_force,
        default=batch.deadline_outcome(due, cols["kontakt"], ctx.as_of),
        values={"due": due, "sought": sought},
    )


@rules.vectorised(
    "kalmar.halsoval.vardkontakt.medicinsk_bedomning",
    Column("listad_vid_enheten", "flag"), Column("behov_bedomt", "time"),
    Column("utford", "time"), Column("utford_av_legitimerad", "flag"),
)
def medicinsk_bedomning_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch

    listed = cols["listad_vid_enheten"]
    judged = batch.local_days(cols["behov_bedomt"])
    licensed = cols["utford_av_legitimerad"]
    done = cols["utford"]
    days, not_in_force = batch.in_force(ctx, "calendar_days")
    due = batch.add_calendar_days(judged, int(days or 0))  # rows use it only when days is in force
    # An assessment after the due day is late whoever made it; one in time counts only when made
    # by licensed personnel (not licensed: as if none were recorded; unknown: indeterminate).
    in_time = ~np.isnat(done) & (batch.local_days(done) <= due)
    actual = np.where(in_time & (licensed == 0), np.array("NaT", dtype=done.dtype), done)
    return batch.finding(
        len(judged),
        (listed == 0, Outcome.not_applicable, "not_listed"),
        *batch.missing(**{"$.listad_vid_enheten": listed == -1, "$.behov_bedomt": np.isnat(judged)}),
        not_in_force,
        (in_time & (licensed == -1), Outcome.indeterminate, "missing:$.utford_av_legitimerad"),
        default=batch.deadline_outcome(due, actual, ctx.as_of),
        values={"due": due, "judged": judged, "due_is_vardag": batch.is_vardag(due)},
    )
