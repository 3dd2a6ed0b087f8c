"""Listing, regular contacts and referrals (varmland.vardcentral): rules of the further obligations read from the rulebook.

Fast vårdkontakt (1.2.7) and fast läkarkontakt (1.2.8) are read from ``Listning.kontinuitet``, the
same facts Kalmar's rules read; each rule keeps its own outcomes. The text sets no time limit for
appointing a contact: an open request is a warning (outstanding), never late. The listing rules of
3.0 read the listing's form, the BMM/BVC enrolments and, for a unit, its changes of care provider.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Avvisningsskal,
    Begaranstatus,
    Kanal,
    Listning,
    Slutenvardstillfalle,
    Specialitet,
    Uppdrag,
    Utfall,
    Vardenhet,
    Yrke,
)
from primarvard_sdk.findings import (
    decision,
    failed,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.items import each_item
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import rules

_FL = "$.kontinuitet.fast_lakarkontakt"
_FV = "$.kontinuitet.fast_vardkontakt"
LIVSHOTANDE_RULE = "varmland.vardcentral.vardenhet.fast_vardkontakt_livshotande"


@rules.implement("varmland.vardcentral.listning.fast_vardkontakt_begaran")
def fast_vardkontakt_begaran(doc: Listning, ctx: RuleContext) -> Finding:
    request = doc.kontinuitet.fast_vardkontakt if doc.kontinuitet is not None else None
    if request is None:
        return indeterminate(f"{_FV}.begard", f"{_FV}.behov")
    ground = request.grund()
    if ground is None:
        return indeterminate(*(f"{_FV}.{n}" for n in ("begard", "behov") if getattr(request, n) is None))
    if not ground:
        return not_applicable(
            "Patienten har inte begärt fast vårdkontakt och det är inte bedömt nödvändigt för trygghet, "
            "kontinuitet, samordning och säkerhet.",
            "The patient has not asked for a fast vårdkontakt and it is not judged necessary for security, "
            "continuity, coordination and safety.",
            reason="no_request_or_need",
        )
    why_sv = "patienten begär det" if request.begard else "det är nödvändigt för patientens trygghet, kontinuitet, " \
        "samordning och säkerhet"
    why_en = "the patient asks for it" if request.begard else "it is necessary for the patient's security, " \
        "continuity, coordination and safety"
    values: dict[str, Any] = {}
    note_sv = note_en = ""
    if doc.livshotande_tillstand:
        values["see_rule"] = LIVSHOTANDE_RULE
        note_sv = " Vid livshotande tillstånd ska den fasta vårdkontakten vara legitimerad läkare (prövas separat)."
        note_en = " With a life-threatening condition the fast vårdkontakt must be a licensed physician (judged separately)."
    if request.status is None:
        return indeterminate(f"{_FV}.status", **values)
    values["status"] = request.status.value
    if request.status is Begaranstatus.utsedd:
        return decision("accept", f"Fast vårdkontakt är utsedd ({why_sv}).{note_sv}",
                        f"A fast vårdkontakt is appointed ({why_en}).{note_en}", **values)
    if request.status is Begaranstatus.obesvarad:
        return warning(
            f"En fast vårdkontakt ska utses ({why_sv}) men är ännu inte utsedd; texten anger ingen tidsgräns.{note_sv}",
            f"A fast vårdkontakt is to be appointed ({why_en}) but is not yet; the text sets no time limit.{note_en}",
            **values,
        )
    return decision(
        "reject",
        f"Ärendet är avslutat utan att en fast vårdkontakt utsetts, fast {why_sv}.{note_sv}",
        f"The matter was closed without appointing a fast vårdkontakt although {why_en}.{note_en}",
        **values,
    )


@rules.implement("varmland.vardcentral.listning.fast_vardkontakt_utskrivning")
def fast_vardkontakt_utskrivning(doc: Listning, ctx: RuleContext) -> Finding:
    kontinuitet = doc.kontinuitet
    episodes = kontinuitet.slutenvard if kontinuitet is not None else None
    already = kontinuitet.har_utsedd_vardkontakt() if kontinuitet is not None else None
    day = ctx.as_of

    def judge(i: int, e: Slutenvardstillfalle) -> Finding:
        here = f"$.kontinuitet.slutenvard[{i}]"
        if e.inskriven > day:
            return not_applicable(
                f"Vårdtillfället börjar {e.inskriven.isoformat()}, efter {day.isoformat()}.",
                f"The episode begins on {e.inskriven.isoformat()}, after {day.isoformat()}.",
                reason="not_begun",
            )
        if e.utskriven is not None and e.utskriven < e.inskriven:
            return inconsistent(f"{here}.utskriven", f"{here}.inskriven")
        if already:
            return passed(
                "Patienten har redan en fast vårdkontakt.",
                "The patient already has a fast vårdkontakt.",
            )
        if e.fast_vardkontakt_utsedd is None:
            return indeterminate(f"{here}.fast_vardkontakt_utsedd")
        if e.fast_vardkontakt_utsedd:
            return passed(
                "Fast vårdkontakt är utsedd i samband med in- eller utskrivningen.",
                "A fast vårdkontakt is appointed in connection with the admission or discharge.",
            )
        return warning(
            "Ingen fast vårdkontakt är utsedd i samband med in- eller utskrivningen. Texten anger inget antal dagar: "
            "uppgiften är utestående, inte försenad.",
            "No fast vårdkontakt is appointed in connection with the admission or discharge. The text sets no number "
            "of days: the duty is outstanding, not late.",
        )

    return each_item(
        ctx, episodes, "kontinuitet.slutenvard", "inskriven", judge,
        none_sv="Patienten har inget vårdtillfälle i sluten hälso- och sjukvård.",
        none_en="The patient has no inpatient episode.",
    )


@rules.implement("varmland.vardcentral.listning.fast_lakarkontakt_val")
def fast_lakarkontakt_val(doc: Listning, ctx: RuleContext) -> Finding:
    request = doc.kontinuitet.fast_lakarkontakt if doc.kontinuitet is not None else None
    if request is None or request.begard is None:
        return indeterminate(f"{_FL}.begard")
    if not request.begard:
        return not_applicable(
            "Patienten har inte valt någon fast läkarkontakt.",
            "The patient has not chosen a regular physician.",
            reason="no_choice",
        )
    if request.status is None:
        return indeterminate(f"{_FL}.status")
    if request.status is Begaranstatus.utsedd:
        return decision("accept", "Patientens val av fast läkarkontakt är tillgodosett.",
                        "The patient's choice of a regular physician is granted.", status=request.status.value)
    if request.status is Begaranstatus.obesvarad:
        return warning(
            "Patientens val av fast läkarkontakt är ännu obesvarat; texten anger ingen tidsgräns.",
            "The patient's choice of a regular physician is still unanswered; the text sets no time limit.",
            status=request.status.value,
        )
    return decision(
        "reject",
        "Patienten har nekats att välja fast läkarkontakt; patienten ska få möjlighet att välja en fast "
        "läkarkontakt inom primärvården.",
        "The patient was refused the choice of a regular physician; patients must be able to choose one in primary care.",
        status=request.status.value,
    )


@rules.implement("varmland.vardcentral.listning.fast_lakarkontakt_behorighet")
def fast_lakarkontakt_behorighet(doc: Listning, ctx: RuleContext) -> Finding:
    request = doc.kontinuitet.fast_lakarkontakt if doc.kontinuitet is not None else None
    person = request.kontakt if request is not None else None
    if person is None:
        if request is not None and request.status in (Begaranstatus.obesvarad, Begaranstatus.avslagen):
            return not_applicable(
                "Ingen fast läkarkontakt är utsedd; behörigheten prövas för den läkare som utses.",
                "No regular physician is appointed; eligibility is judged for the physician appointed.",
                reason="none_appointed",
            )
        return indeterminate(f"{_FL}.kontakt")
    if person.yrke is None:
        return indeterminate(f"{_FL}.kontakt.yrke")
    if person.yrke is not Yrke.lakare:
        return decision(
            "reject",
            f"Den fasta läkarkontakten är inte läkare ({person.yrke.value}).",
            f"The regular physician is not a physician ({person.yrke.value}).",
            qualifies_by=None,
        )
    named = {Specialitet(s) for s in ctx.param("specialties")}
    also = set(ctx.param("also"))
    relevant = {Specialitet(s) for s in ctx.param("relevant_specialties")} if "annan_relevant_specialitet" in also else set()
    held = set(person.specialiteter or ())
    if held & named:
        which = sorted(s.value for s in held & named)
        return decision("accept", f"Läkaren är specialist i {', '.join(which)}.",
                        f"The physician is a specialist in {', '.join(which)}.", qualifies_by=which)
    if held & relevant:
        which = sorted(s.value for s in held & relevant)
        return decision(
            "accept",
            f"Läkaren är specialist i {', '.join(which)}, läst som annan relevant specialitet (texten avgränsar den inte).",
            f"The physician is a specialist in {', '.join(which)}, read as another relevant specialty (the text does "
            "not delimit it).",
            qualifies_by=which,
        )
    if person.st is True and "st" in also:
        return decision("accept", "Läkaren genomgår specialisttjänstgöring.",
                        "The physician is in specialist training.", qualifies_by=["st"])
    if person.dubbelspecialisering is True and "dubbelspecialisering" in also:
        return decision("accept", "Läkaren är under pågående dubbelspecialisering.",
                        "The physician is in an ongoing double specialisation.", qualifies_by=["dubbelspecialisering"])
    unknown = [f"{_FL}.kontakt.{n}" for n in ("specialiteter", "st", "dubbelspecialisering")
               if getattr(person, n) is None]
    if unknown:
        return indeterminate(*unknown)
    return decision(
        "reject",
        "Läkaren är varken specialist i allmänmedicin, geriatrik, barn- och ungdomsmedicin eller annan relevant "
        "specialitet, genomgår inte specialisttjänstgöring och är inte under dubbelspecialisering.",
        "The physician is no specialist in general practice, geriatrics, paediatrics or another relevant specialty, "
        "is not in specialist training and not in a double specialisation.",
        qualifies_by=None,
    )


@rules.implement("varmland.vardcentral.listning.telefon_listningsblankett")
def telefon_listningsblankett(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.kanal is None:
        return indeterminate("$.kanal")
    if doc.kanal is not Kanal.telefon:
        return not_applicable(
            f"Invånaren listar inte om sig per telefon ({doc.kanal.value}).",
            f"The resident is not re-listing by telephone ({doc.kanal.value}).",
            reason="not_telephone",
        )
    if doc.blankett_skickad is None:
        return indeterminate("$.blankett_skickad")
    if doc.blankett_skickad:
        return passed(
            "Invånaren vill lista om sig per telefon och vårdcentralen har sänt en listningsblankett; omlistningen "
            "gäller först när den undertecknade blanketten inkommit.",
            "The resident asks to re-list by telephone and the vårdcentral has sent a listing form; the change "
            "takes effect only when the signed form has arrived.",
        )
    return warning(
        "Invånaren vill lista om sig per telefon och listningsblanketten är ännu inte sänd. Texten anger ingen "
        "tidsgräns: sändningen är utestående, inte försenad.",
        "The resident asks to re-list by telephone and the listing form is not yet sent. The text sets no time "
        "limit: sending it is outstanding, not late.",
    )


#: The clinics whose enrolment the text frees from the listing: barnmorskemottagning and barnavårdscentral.
_BMM_BVC = (Uppdrag.bmm, Uppdrag.bvc)


@rules.implement("varmland.vardcentral.listning.bmm_bvc_inskrivning")
def bmm_bvc_inskrivning(doc: Listning, ctx: RuleContext) -> Finding:
    enrolments = doc.bmm_bvc_inskrivningar
    if enrolments is None:
        return indeterminate("$.bmm_bvc_inskrivningar")
    in_scope = [(i, e) for i, e in enumerate(enrolments) if e.mottagning in _BMM_BVC]
    if not in_scope:
        return not_applicable(
            "Ingen inskrivning på barnmorskemottagning eller barnavårdscentral är sökt (andra mottagningar omfattas "
            "inte).",
            "No enrolment at a midwife clinic or child health centre was sought (other clinics are not covered).",
            reason="no_bmm_bvc",
        )
    refused = [(i, e) for i, e in in_scope if e.beslut is not None and e.beslut.utfall is Utfall.avvisad]
    if not refused:
        return not_applicable(
            "Ingen inskrivning på barnmorskemottagning eller barnavårdscentral är nekad.",
            "No enrolment at a midwife clinic or child health centre was refused.",
            reason="no_refusal",
        )
    unknown = [f"$.bmm_bvc_inskrivningar[{i}].beslut.skal" for i, e in refused if e.beslut and e.beslut.skal is None]
    unlawful = sorted(e.mottagning.value for _, e in refused
                      if e.beslut and e.beslut.skal is not None and Avvisningsskal.listning in e.beslut.skal)
    if unlawful:
        return failed(
            f"Inskrivning ({', '.join(unlawful)}) nekad med listning som skäl; invånare har rätt att skriva in sig på "
            "annan vårdgivares barnmorskemottagning och barnavårdscentral än där de är listade.",
            f"Enrolment ({', '.join(unlawful)}) refused for listing; residents may enrol at another provider's "
            "midwife clinic and child health centre than where they are listed.",
            refused_for_listing=unlawful, required_decision="accept",
        )
    if unknown:
        return indeterminate(*unknown)
    return not_applicable(
        "Den nekade inskrivningen anger inte listning på annan vårdcentral som skäl; övriga skäl prövas inte här.",
        "The refused enrolment does not give listing elsewhere as a reason; other reasons are not judged here.",
        reason="other_reasons", refused_for_listing=[],
    )


@rules.implement("varmland.vardcentral.listning.byte_av_vardgivare")
def byte_av_vardgivare(unit: Vardenhet, ctx: RuleContext) -> Finding:
    changes = unit.vardgivarbyten
    if changes is None:
        return indeterminate("$.vardgivarbyten")
    if not changes:
        return not_applicable(
            "Vårdcentralen har inte övergått till en annan vårdgivare.",
            "The vårdcentral has not passed to another care provider.",
            reason="no_change_of_provider",
        )
    gaps = [f"$.vardgivarbyten[{i}].{n}" for i, c in enumerate(changes)
            for n in ("datum", "ny_vardgivare") if getattr(c, n) is None]
    if gaps:
        return indeterminate(*gaps)
    day = ctx.as_of
    ordered = sorted(changes, key=lambda c: c.datum or date.min)
    taken = [c for c in ordered if c.datum is not None and c.datum <= day]
    if not taken:
        first = ordered[0]
        assert first.datum is not None
        if first.tidigare_vardgivare is None:
            i = changes.index(first)
            return indeterminate(f"$.vardgivarbyten[{i}].tidigare_vardgivare")
        return decision(
            "accept",
            f"Den {day.isoformat()} har {first.tidigare_vardgivare} vårdansvaret; {first.ny_vardgivare} övertar det "
            f"för samtliga listade från {first.datum.isoformat()}.",
            f"On {day.isoformat()}, {first.tidigare_vardgivare} holds the care responsibility; {first.ny_vardgivare} "
            f"takes it over for everyone listed from {first.datum.isoformat()}.",
            responsible_provider=first.tidigare_vardgivare, takeover=first.datum,
        )
    current = taken[-1]
    assert current.datum is not None
    values: dict[str, Any] = {"responsible_provider": current.ny_vardgivare, "takeover": current.datum}
    base_sv = (f"Den {day.isoformat()} har {current.ny_vardgivare} vårdansvaret för samtliga som tillhörde "
               f"vårdcentralen (från {current.datum.isoformat()}); listningarna består utan omlistning.")
    base_en = (f"On {day.isoformat()}, {current.ny_vardgivare} holds the care responsibility for everyone who "
               f"belonged to the vårdcentral (from {current.datum.isoformat()}); the listings stand without re-listing.")
    informed = current.listade_informerade
    if informed is None:
        return indeterminate(f"$.vardgivarbyten[{changes.index(current)}].listade_informerade", **values)
    if not informed:
        return warning(
            f"{base_sv} Den nya vårdgivaren har ännu inte informerat de anslutna; texten anger ingen tidsgräns, så "
            "informationen är utestående.",
            f"{base_en} The new provider has not yet informed the listed persons; the text sets no time limit, so the "
            "information is outstanding.",
            **values,
        )
    return decision("accept", f"{base_sv} De anslutna är informerade.", f"{base_en} The listed persons are informed.",
                    **values)
