"""Listing, regular contacts and referrals (kalmar.halsoval): rules of the further obligations read from the rulebook.

Fast läkarkontakt and fast vårdkontakt (Kontinuitet och samordning) are read from
``Listning.kontinuitet``: a request for (or identified need of) a named contact, and what became
of it (``status``: utsedd, obesvarad, avslagen). The text sets no time limit for appointing one:
an open request is a warning (outstanding), never late.
"""

from __future__ import annotations

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Begaranstatus, Listning, Yrke
from primarvard_sdk.findings import (
    absent,
    decision,
    failed,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.model import Finding

_FL = "$.kontinuitet.fast_lakarkontakt"
_FV = "$.kontinuitet.fast_vardkontakt"


@rules.implement("kalmar.halsoval.listning.fast_lakarkontakt_erbjudande")
def fast_lakarkontakt_erbjudande(doc: Listning, ctx: RuleContext) -> Finding:
    request = doc.kontinuitet.fast_lakarkontakt if doc.kontinuitet is not None else None
    if request is None or request.begard is None:
        return indeterminate(f"{_FL}.begard")
    if not request.begard:
        return not_applicable(
            "Patienten har inte begärt fast läkarkontakt; regeln prövar svaret på en begäran.",
            "The patient has not asked for a regular physician; the rule judges the answer to a request.",
            reason="no_request",
        )
    if request.status is None:
        return indeterminate(f"{_FL}.status")
    if request.status is Begaranstatus.utsedd:
        # "kännedom om vem som är dennes läkare": the contact appointed must be a physician.
        profession = request.kontakt.yrke if request.kontakt is not None else None
        if profession is None:
            return indeterminate(f"{_FL}.kontakt.yrke", status=request.status.value)
        if profession is not Yrke.lakare:
            return decision(
                "reject",
                f"Den utsedda fasta läkarkontakten är inte läkare ({profession.value}); fast läkarkontakt innebär "
                "att patienten har kännedom om vem som är dennes läkare.",
                f"The regular contact appointed is not a physician ({profession.value}); a fast läkarkontakt means "
                "that the patient knows who their physician is.",
                status=request.status.value, profession=profession.value,
            )
        return decision(
            "accept",
            "Patienten har fått den fast läkarkontakt (en läkare) som erbjuds alla patienter.",
            "The patient has been given the regular physician that all patients are offered.",
            status=request.status.value, profession=profession.value,
        )
    if request.status is Begaranstatus.obesvarad:
        return warning(
            "Patientens begäran om fast läkarkontakt är ännu obesvarad; texten anger ingen tidsgräns, så den är "
            "utestående, inte försenad.",
            "The patient's request for a regular physician is still unanswered; the text sets no time limit, so it "
            "is outstanding, not late.",
            status=request.status.value,
        )
    return decision(
        "reject",
        "Patienten har nekats fast läkarkontakt; vårdenheten ska erbjuda alla patienter en möjlighet till fast "
        "läkarkontakt.",
        "The patient was refused a regular physician; the unit must offer all patients the possibility of one.",
        status=request.status.value,
    )


@rules.implement("kalmar.halsoval.listning.fast_vardkontakt_begaran")
def fast_vardkontakt_begaran(doc: Listning, ctx: RuleContext) -> Finding:
    request = doc.kontinuitet.fast_vardkontakt if doc.kontinuitet is not None else None
    if request is None:
        return indeterminate(f"{_FV}.begard", f"{_FV}.behov")
    ground = request.grund()
    if ground is None:
        gaps = [f"{_FV}.{name}" for name in ("begard", "behov") if getattr(request, name) is None]
        return indeterminate(*gaps)
    if not ground:
        return not_applicable(
            "Patienten har inte begärt fast vårdkontakt och inget behov är identifierat.",
            "The patient has not asked for a fast vårdkontakt and no need has been identified.",
            reason="no_request_or_need",
        )
    why_sv = "patienten begär det" if request.begard else "ett identifierat behov föreligger"
    why_en = "the patient asks for it" if request.begard else "an identified need exists"
    if request.status is None:
        return indeterminate(f"{_FV}.status")
    if request.status is Begaranstatus.utsedd:
        return decision(
            "accept",
            f"Fast vårdkontakt är utsedd ({why_sv}).",
            f"A fast vårdkontakt is appointed ({why_en}).",
            status=request.status.value,
        )
    if request.status is Begaranstatus.obesvarad:
        return warning(
            f"Fast vårdkontakt ska utses ({why_sv}) men är ännu inte utsedd; texten anger ingen tidsgräns.",
            f"A fast vårdkontakt is to be appointed ({why_en}) but is not yet; the text sets no time limit.",
            status=request.status.value,
        )
    return decision(
        "reject",
        f"Ärendet är avslutat utan att fast vårdkontakt utsetts, fast {why_sv}: då ska fast vårdkontakt utses.",
        f"The matter was closed without appointing a fast vårdkontakt although {why_en}: one must then be appointed.",
        status=request.status.value,
    )


@rules.implement("kalmar.halsoval.listning.rub_fast_vardkontakt")
def rub_fast_vardkontakt(doc: Listning, ctx: RuleContext) -> Finding:
    complex_rub = {int(r) for r in ctx.param("complex_rub")}
    bands = ", ".join(map(str, sorted(complex_rub)))
    need = doc.kontinuitet.behov_fast_vardkontakt if doc.kontinuitet is not None else None
    # Outside the scope as soon as one known fact says so, whatever else is missing.
    if doc.rub is not None and doc.rub not in complex_rub:
        return not_applicable(
            f"RUB {doc.rub}: regeln gäller patienter med stort vårdbehov identifierat med RUB (RUB {bands}).",
            f"RUB {doc.rub}: the rule concerns patients with a large care need identified by RUB (RUB {bands}).",
            rub=doc.rub,
        )
    if need is False:
        return not_applicable(
            "Inget behov av fast vårdkontakt är bedömt; kravet gäller om behovet finns.",
            "No need of a fast vårdkontakt is judged to exist; the duty applies where the need exists.",
            rub=doc.rub,
        )
    # A reported appointment (fast_vardkontakt.status utsedd) counts even when har_fast_vardkontakt is absent.
    has = doc.kontinuitet.har_utsedd_vardkontakt() if doc.kontinuitet is not None else None
    missing = absent(doc, "rub", "kontinuitet.behov_fast_vardkontakt")
    request = doc.kontinuitet.fast_vardkontakt if doc.kontinuitet is not None else None
    pending = has is not True and request is not None and request.status is Begaranstatus.obesvarad
    if has is None and not pending:
        missing = (*missing, "$.kontinuitet.har_fast_vardkontakt")
    if missing:
        return indeterminate(*missing, rub=doc.rub)
    if has:
        return passed(
            f"RUB {doc.rub} med behov: patienten har en fast vårdkontakt.",
            f"RUB {doc.rub} with a need: the patient has a fast vårdkontakt.",
            rub=doc.rub,
        )
    if pending:
        # A request or need still being handled: the text sets no time limit, so it is open, not missed.
        return warning(
            f"RUB {doc.rub} med behov: fast vårdkontakt är ännu inte utsedd; begäran eller behovet handläggs "
            "(obesvarad). Texten anger ingen tidsgräns: utestående, inte försenat.",
            f"RUB {doc.rub} with a need: a fast vårdkontakt is not yet appointed; the request or need is being "
            "handled (obesvarad). The text sets no time limit: outstanding, not late.",
            rub=doc.rub, status=Begaranstatus.obesvarad.value,
        )
    return failed(
        f"RUB {doc.rub} med behov: fast vårdkontakt saknas.",
        f"RUB {doc.rub} with a need: no fast vårdkontakt.",
        rub=doc.rub,
    )
