"""Rule functions of kalmar.psykisk_halsa."""

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Remiss, Remisstyp, local_day
from primarvard_sdk.findings import deadline, not_applicable
from primarvard_sdk.model import Finding
from primarvard_sdk.plugin import Implementations

rules = Implementations("kalmar.psykisk_halsa")


@rules.implement("kalmar.psykisk_halsa.remiss.forsta_kontakt")
def forsta_kontakt(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is Remisstyp.vfsp:
        return not_applicable(
            "VFSP-remiss: återkoppling nästa vardag gäller i stället (vfsp_aterkoppling).",
            "VFSP referral: feedback on the next weekday applies instead (vfsp_aterkoppling).",
        )
    days = ctx.param("calendar_days")
    arrived = local_day(remiss.inkom)
    due = calendar.add_calendar_days(arrived, days)
    note_sv = note_en = ""
    if not calendar.is_vardag(due):
        note_sv, note_en = " Dagen är ingen vardag; fristen flyttas inte.", " That day is not a weekday; the deadline does not move."
    if remiss.bedomd_kan_ej_vanta:
        note_sv += " Vården bedöms inte kunna vänta: tidigare kontakt krävs."
        note_en += " Care is judged unable to wait: an earlier contact is required."
    return deadline(
        due,
        remiss.forsta_kontakt,
        ctx.as_of,
        f"Första kontakt senast {due.isoformat()} ({days} kalenderdagar efter ankomst {arrived.isoformat()}).{note_sv}",
        f"First contact no later than {due.isoformat()} ({days} calendar days after arrival {arrived.isoformat()}).{note_en}",
        arrived=arrived,
        due_is_vardag=calendar.is_vardag(due),
        earlier_required=bool(remiss.bedomd_kan_ej_vanta),
    )
