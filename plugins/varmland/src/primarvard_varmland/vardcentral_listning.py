"""varmland.vardcentral: listing rules (Listning)."""

from __future__ import annotations

from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kanal, Kon, Listning, Utfall, Valtyp, Yrke, full_years
from primarvard_sdk.findings import decision, failed, finding, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding, Outcome
from primarvard_varmland.vardcentral_common import rules


@rules.implement("varmland.vardcentral.listning.aktivt_val")
def aktivt_val(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.valtyp is None:
        return indeterminate("$.valtyp")
    if doc.valtyp is not Valtyp.aktivt_val:
        return not_applicable(
            f"Listningen är inget aktivt val ({doc.valtyp.value}).", f"The listing is not an active choice ({doc.valtyp.value})."
        )
    if doc.kanal is None:
        return indeterminate("$.kanal")
    if doc.kanal is Kanal.e_tjanst_1177:
        return decision("accept", "Aktivt val i e-tjänsten på 1177.se.", "Active choice made in the 1177.se e-service.",
                        channel=doc.kanal.value)
    if doc.blankett_undertecknad is None:
        return indeterminate("$.blankett_undertecknad")
    if not doc.blankett_undertecknad:
        return decision(
            "reject",
            "Listningsblanketten är inte undertecknad av invånaren; aktiva listningar ska vara skriftligen undertecknade.",
            "The listing form is not signed by the resident; active listings must be signed in writing.",
            channel=doc.kanal.value,
        )
    if doc.kanal is Kanal.blankett:
        return decision("accept", "Aktivt val med undertecknad listningsblankett.", "Active choice with a signed listing form.",
                        channel=doc.kanal.value)
    # telephone: valid only once the signed form has arrived
    if doc.blankett_inkom is None:
        return indeterminate(
            "$.blankett_inkom",
            sv="Kan inte avgöras: omlistning per telefon gäller först när undertecknad blankett inkommit; "
            "ankomstdag saknas ($.blankett_inkom).",
            en="Cannot be decided: a change by telephone takes effect only once the signed form has arrived; "
            "the arrival day is missing ($.blankett_inkom).",
        )
    arrived = doc.blankett_inkom
    if arrived > ctx.as_of:
        return decision(
            "reject",
            f"Omlistning per telefon: undertecknad blankett inkommer först {arrived.isoformat()}; ännu inte giltig {ctx.as_of.isoformat()}.",
            f"Change by telephone: the signed form arrives only on {arrived.isoformat()}; not yet valid on {ctx.as_of.isoformat()}.",
            channel=doc.kanal.value,
            effective_from=arrived,
        )
    return decision(
        "accept",
        f"Omlistning per telefon, giltig från {arrived.isoformat()} då undertecknad blankett inkom.",
        f"Change by telephone, valid from {arrived.isoformat()} when the signed form arrived.",
        channel=doc.kanal.value,
        effective_from=arrived,
    )


@rules.implement("varmland.vardcentral.listning.blankett_arkiv")
def blankett_arkiv(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.kanal is None:
        return indeterminate("$.kanal")
    if doc.kanal is Kanal.e_tjanst_1177:
        return not_applicable("Listning i e-tjänsten: ingen blankett.", "Listing in the e-service: no form.")
    if doc.blankett_inkom is None:
        return indeterminate("$.blankett_inkom")
    years = int(ctx.param("years"))
    due = calendar.add_years(doc.blankett_inkom, years)
    disposed = doc.blankett_gallrad
    if disposed is not None:
        outcome = Outcome.met if disposed >= due else Outcome.missed
    else:
        outcome = Outcome.met if ctx.as_of >= due else Outcome.open
    state_sv = {Outcome.met: "sparad i föreskriven tid", Outcome.missed: "gallrad för tidigt",
                Outcome.open: "ska fortfarande sparas"}[outcome]
    state_en = {Outcome.met: "kept for the required time", Outcome.missed: "disposed of too early",
                Outcome.open: "must still be kept"}[outcome]
    return finding(
        outcome,
        f"Blanketten (inkom {doc.blankett_inkom.isoformat()}) sparas i {years} år: gallras tidigast {due.isoformat()}; {state_sv}.",
        f"The form (arrived {doc.blankett_inkom.isoformat()}) is kept for {years} years: earliest disposal {due.isoformat()}; {state_en}.",
        due=due,
        actual=disposed,
    )


@rules.implement("varmland.vardcentral.listning.ickeval")
def ickeval(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.valtyp is None:
        return indeterminate("$.valtyp")
    if doc.valtyp is not Valtyp.ickeval:
        return not_applicable(
            f"Listningen är inget ickeval ({doc.valtyp.value}).", f"The listing is not a non-choice assignment ({doc.valtyp.value})."
        )
    kommun = doc.person.kommun if doc.person is not None else None
    if kommun is None:
        return indeterminate("$.person.kommun")
    if not doc.kandidater:
        return indeterminate("$.kandidater")
    missing = [f"$.kandidater[{i}].kommun" for i, k in enumerate(doc.kandidater) if k.kommun is None]
    same = [(i, k) for i, k in enumerate(doc.kandidater) if k.kommun is not None and k.kommun.casefold() == kommun.casefold()]
    missing += [f"$.kandidater[{i}].vagavstand_km" for i, k in same if k.vagavstand_km is None]
    if missing:
        return indeterminate(*missing)
    ignored = len(doc.kandidater) - len(same)
    if not same:
        return indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: ingen kandidat ligger i samma kommun som folkbokföringsadressen.",
            en="Cannot be decided: no candidate lies in the municipality of the registered address.",
            ignored_other_municipality=ignored,
        )
    shortest = min(k.vagavstand_km for _, k in same if k.vagavstand_km is not None)
    nearest = sorted(k.enhet_id for _, k in same if k.vagavstand_km == shortest)
    if len(nearest) > 1:
        return indeterminate(
            *[f"$.kandidater[{i}].vagavstand_km" for i, k in same if k.vagavstand_km == shortest],
            sv=f"Kan inte avgöras: {len(nearest)} vårdcentraler ligger lika nära ({shortest} km på väg); texten avgör inte.",
            en=f"Cannot be decided: {len(nearest)} vårdcentraler are equally near ({shortest} km by road); the text does not decide.",
            tied=nearest,
        )
    assigned = nearest[0]
    values: dict[str, Any] = {"assigned_unit": assigned, "distance_km": shortest, "ignored_other_municipality": ignored}
    basis_sv = f"Närmaste vårdcentral på väg inom samma kommun: {assigned} ({shortest} km)"
    basis_en = f"Nearest vårdcentral by road within the same municipality: {assigned} ({shortest} km)"
    if ignored:
        basis_sv += f"; {ignored} kandidat(er) i annan kommun räknas inte"
        basis_en += f"; {ignored} candidate(s) in another municipality not counted"
    if doc.enhet_id is None:
        return decision("route", basis_sv + ".", basis_en + ".", route=assigned, **values)
    if doc.enhet_id == assigned:
        return decision("accept", basis_sv + "; ickevalet är rätt.", basis_en + "; the assignment is correct.", **values)
    return decision(
        "reject",
        basis_sv + f"; ickevalet gjordes till {doc.enhet_id}.",
        basis_en + f"; the assignment was made to {doc.enhet_id}.",
        **values,
    )


def _cap_reached(doc: Listning) -> bool | list[str]:
    """Whether an agreed cap is reached, or the missing paths."""
    if doc.listningslage is None:
        return ["$.listningslage"]
    if doc.listningslage.tak is None:
        return False
    if doc.listningslage.listade is None:
        return ["$.listningslage.listade"]
    return doc.listningslage.listade >= doc.listningslage.tak


def _exempt(doc: Listning) -> bool | list[str]:
    """Newborns and newly moved-in residents of the area are exempt from the cap."""
    if doc.valtyp in (Valtyp.nyfodd, Valtyp.inflyttad) or doc.nyfodd or doc.nyinflyttad:
        return True
    missing = [f"$.{f}" for f in ("nyfodd", "nyinflyttad") if getattr(doc, f) is None]
    return missing or False


@rules.implement("varmland.vardcentral.listning.far_ej_neka")
def far_ej_neka(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.beslut is not None and doc.beslut.utfall is Utfall.accepterad:
        return decision("accept", "Vårdcentralen tog emot listningen.", "The vårdcentral accepted the listing.",
                        unit_decision=doc.beslut.utfall.value)
    cap = _cap_reached(doc)
    exempt = _exempt(doc) if cap is True else False
    if isinstance(cap, list):
        return indeterminate(*cap)
    if cap and isinstance(exempt, list):
        return indeterminate(*exempt)
    if cap and not exempt:
        return not_applicable(
            "Avtalat listningstak är nått: valet köas enligt listningstak-regeln.",
            "The agreed listing cap is reached: the choice is queued under the listingstak rule.",
        )
    why_sv = "listningstaket gäller inte nyfödda/nyinflyttade" if cap else "inget nått listningstak"
    why_en = "the cap does not apply to newborns/newly moved-in residents" if cap else "no listing cap reached"
    if doc.beslut is None:
        return decision(
            "accept",
            f"Vårdgivaren får inte neka invånaren att lista sig ({why_sv}).",
            f"The care provider may not refuse the resident ({why_en}).",
        )
    return finding(
        Outcome.fail,
        f"Vårdcentralen beslutade {doc.beslut.utfall.value}, men får inte neka invånaren att lista sig ({why_sv}).",
        f"The vårdcentral decided {doc.beslut.utfall.value}, but may not refuse the resident ({why_en}).",
        required_decision="accept",
        unit_decision=doc.beslut.utfall.value,
    )


@rules.implement("varmland.vardcentral.listning.listningstak")
def listningstak(doc: Listning, ctx: RuleContext) -> Finding:
    order = ctx.param("queue_order")
    if doc.listningslage is None:
        return indeterminate("$.listningslage")
    tak, listade = doc.listningslage.tak, doc.listningslage.listade
    if tak is None:
        return not_applicable("Inget avtalat listningstak.", "No agreed listing cap.")
    if listade is None:
        return indeterminate("$.listningslage.listade")
    if listade < tak:
        return decision("accept", f"Listningstaket ({tak}) är inte nått: {listade} listade.",
                        f"The listing cap ({tak}) is not reached: {listade} listed.", cap=tak, listed=listade)
    exempt = _exempt(doc)
    if isinstance(exempt, list):
        return indeterminate(*exempt, cap=tak, listed=listade)
    if exempt:
        return decision(
            "accept",
            f"Listningstaket ({tak}) är nått ({listade} listade) men gäller inte nyfödda och nyinflyttade i närområdet.",
            f"The listing cap ({tak}) is reached ({listade} listed) but does not apply to newborns and newly moved-in residents.",
            cap=tak, listed=listade,
        )
    if doc.datum is None:
        return indeterminate("$.datum", cap=tak, listed=listade)
    position = 1 + sum(1 for d in doc.ko if d <= doc.datum)
    return decision(
        "route",
        f"Listningstaket ({tak}) är nått ({listade} listade): valet köas efter listningsdatum {doc.datum.isoformat()}, "
        f"plats {position} (köade val med samma eller tidigare datum står före).",
        f"The listing cap ({tak}) is reached ({listade} listed): the choice is queued by listing date "
        f"{doc.datum.isoformat()}, position {position} (queued choices of the same or an earlier date come first).",
        route="ko",
        queue_position=position,
        queue_order=order,
        cap=tak,
        listed=listade,
    )


@rules.implement("varmland.vardcentral.listning.vardansvar_overgang")
def vardansvar_overgang(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.tidigare_enhet is None:
        return not_applicable("Ingen tidigare vårdcentral: inget byte.", "No earlier vårdcentral: not a switch.")
    if doc.enhet_id is None:
        return indeterminate("$.enhet_id")
    day = ctx.as_of.isoformat()
    if doc.avregistrerad is None or doc.avregistrerad > ctx.as_of:
        when_sv = "ännu inte avregistrerad" if doc.avregistrerad is None else f"avregistreras {doc.avregistrerad.isoformat()}"
        when_en = "not yet deregistered" if doc.avregistrerad is None else f"deregistered on {doc.avregistrerad.isoformat()}"
        return decision(
            "route",
            f"Den {day} har {doc.tidigare_enhet} (tidigare vårdcentral) vårdansvaret: invånaren är {when_sv}.",
            f"On {day}, {doc.tidigare_enhet} (the previous vårdcentral) holds the care responsibility: the resident is {when_en}.",
            route=doc.tidigare_enhet,
            responsible_unit=doc.tidigare_enhet,
            deregistered=doc.avregistrerad,
        )
    return decision(
        "accept",
        f"Den {day} har {doc.enhet_id} vårdansvaret: invånaren avregistrerades från {doc.tidigare_enhet} {doc.avregistrerad.isoformat()}.",
        f"On {day}, {doc.enhet_id} holds the care responsibility: the resident was deregistered from {doc.tidigare_enhet} on {doc.avregistrerad.isoformat()}.",
        responsible_unit=doc.enhet_id,
        deregistered=doc.avregistrerad,
    )


@rules.implement("varmland.vardcentral.listning.cellprov")
def cellprov(doc: Listning, ctx: RuleContext) -> Finding:
    low, high, extended = (int(ctx.param(n)) for n in ("min_age", "max_age", "extended_max_age"))
    if doc.person is None:
        return indeterminate("$.person")
    sex = doc.person.sex()
    age = doc.person.age_on(ctx.as_of)
    missing = (["$.person.kon"] if sex is None else []) + (["$.person.fodelsedatum"] if age is None else [])
    if sex is Kon.man:
        return decision("reject", "Cellprovtagning erbjuds kvinnor.", "Cervical screening is offered to women.")
    if missing or age is None:
        return indeterminate(*missing)
    day = ctx.as_of.isoformat()
    values: dict[str, Any] = {"age": age, "reference_day": ctx.as_of}
    if low <= age <= high:
        return decision("accept", f"Kvinna {age} år den {day} ({low}–{high} år).", f"Woman aged {age} on {day} ({low}–{high}).", **values)
    if age < low or age > extended:
        return decision(
            "reject",
            f"Kvinna {age} år den {day}: utanför {low}–{high} år (förlängt till {extended}).",
            f"Woman aged {age} on {day}: outside {low}–{high} (extended to {extended}).",
            **values,
        )
    if doc.senaste_cellprov is None:
        return indeterminate("$.senaste_cellprov", **values)
    born = doc.person.birth_date(ctx.as_of)
    assert born is not None
    age_at_test = full_years(born, doc.senaste_cellprov)
    if age_at_test > high:
        return indeterminate(
            "$.senaste_cellprov",
            sv=f"Kan inte avgöras: senaste prov togs vid {age_at_test} år; om prov togs vid {high} år framgår inte.",
            en=f"Cannot be decided: the latest test was at age {age_at_test}; whether a test was taken at {high} is not known.",
            **values,
        )
    if age_at_test == high:
        return decision(
            "reject",
            f"Kvinna {age} år den {day}: prov togs vid {high} år, så kallelse efter {high} år ingår inte.",
            f"Woman aged {age} on {day}: a test was taken at {high}, so invitations after {high} do not apply.",
            age_at_latest_test=age_at_test, **values,
        )
    return decision(
        "accept",
        f"Kvinna {age} år den {day}: inget prov vid {high} år (senaste vid {age_at_test} år), kallelse till och med {extended} år.",
        f"Woman aged {age} on {day}: no test at {high} (latest at {age_at_test}), invitations up to and including {extended}.",
        age_at_latest_test=age_at_test, **values,
    )


@rules.implement("varmland.vardcentral.vardenhet.fast_vardkontakt_livshotande")
def fast_vardkontakt_livshotande(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.livshotande_tillstand is None:
        return indeterminate("$.livshotande_tillstand")
    if not doc.livshotande_tillstand:
        return not_applicable("Inget livshotande tillstånd.", "No life-threatening condition.")
    contact = doc.fast_vardkontakt
    if contact is None:
        return indeterminate("$.fast_vardkontakt")
    if contact.yrke is None:
        return indeterminate("$.fast_vardkontakt.yrke")
    if contact.yrke is not Yrke.lakare or contact.legitimerad is False:
        return failed(
            f"Livshotande tillstånd: fast vårdkontakt ska vara legitimerad läkare, är {contact.yrke.value}"
            f"{'' if contact.legitimerad is not False else ' utan legitimation'}.",
            f"Life-threatening condition: the fast vårdkontakt must be a licensed physician, is {contact.yrke.value}"
            f"{'' if contact.legitimerad is not False else ' without a licence'}.",
        )
    if contact.legitimerad is None:
        return indeterminate("$.fast_vardkontakt.legitimerad")
    return passed(
        "Livshotande tillstånd: fast vårdkontakt är legitimerad läkare.",
        "Life-threatening condition: the fast vårdkontakt is a licensed physician.",
    )
