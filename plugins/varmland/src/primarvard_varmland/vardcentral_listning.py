"""varmland.vardcentral: listing rules (Listning)."""

from __future__ import annotations

from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kanal, Kon, Listning, Utfall, Valtyp, Yrke, full_years
from primarvard_sdk.findings import (
    decision,
    failed,
    finding,
    handed_over,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_varmland.vardcentral_common import municipality, rules


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
    if doc.datum is not None and arrived < doc.datum:
        # The unit sends the form after the call ("Listningsblankett ska då sändas till invånaren av
        # vårdcentralen"): a signed form that arrived before the telephone listing day cannot be right.
        return inconsistent("$.blankett_inkom", "$.datum", channel=doc.kanal.value)
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
    if doc.kanal is Kanal.e_tjanst_1177:
        return not_applicable("Listning i e-tjänsten på 1177.se: ingen blankett.", "Listing in the 1177.se e-service: no form.")
    if doc.kanal is None:
        if doc.valtyp is not None and doc.valtyp is not Valtyp.aktivt_val:
            return not_applicable(
                f"Ingen listningsblankett: listningen är inget aktivt val ({doc.valtyp.value}).",
                f"No listing form: the listing is not an active choice ({doc.valtyp.value}).",
            )
        return indeterminate(*(["$.kanal"] + (["$.valtyp"] if doc.valtyp is None else [])))
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
    if doc.valtyp is Valtyp.aktivt_val:  # newborns and newcomers with no choice made are "utan aktivt val" too
        return not_applicable(
            f"Listningen är inget ickeval ({doc.valtyp.value}).", f"The listing is not a non-choice assignment ({doc.valtyp.value})."
        )
    kommun = doc.person.kommun if doc.person is not None else None
    if kommun is None:
        return indeterminate("$.person.kommun")
    if doc.kandidater is None:
        return indeterminate("$.kandidater")
    if not doc.kandidater:
        return indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: inga kandidatvårdcentraler är angivna.",
            en="Cannot be decided: no candidate vårdcentraler are given.",
        )
    municipalities = ctx.param("municipalities")
    home = municipality(kommun, municipalities)
    same = [(i, k) for i, k in enumerate(doc.kandidater)
            if k.kommun is not None and municipality(k.kommun, municipalities) == home]
    unknown = [(i, k) for i, k in enumerate(doc.kandidater) if k.kommun is None]
    missing = [f"$.kandidater[{i}].vagavstand_km" for i, k in same if k.vagavstand_km is None]
    known = [k.vagavstand_km for _, k in same if k.vagavstand_km is not None]
    shortest_known = min(known) if known else None
    # A candidate whose municipality is not reported matters only if it could be (or tie with) the
    # nearest one in the municipality: when its road distance is not reported, or not longer than the
    # shortest known one (or no candidate is known to be in the municipality).
    irrelevant = [
        (i, k) for i, k in unknown
        if k.vagavstand_km is not None and shortest_known is not None and k.vagavstand_km > shortest_known
    ]
    farther = {i for i, _ in irrelevant}
    missing += [f"$.kandidater[{i}].kommun" for i, _ in unknown if i not in farther]
    if missing:
        return indeterminate(*missing)
    ignored = len(doc.kandidater) - len(same) - len(irrelevant)
    if not same:
        return indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: ingen kandidat ligger i samma kommun som folkbokföringsadressen.",
            en="Cannot be decided: no candidate lies in the municipality of the registered address.",
            ignored_other_municipality=ignored,
        )
    # The same unit listed twice is one unit: the same distance twice is no tie; two different road
    # distances for it cannot both be right.
    given: dict[str, set[float]] = {}
    for _, k in same:
        given.setdefault(k.enhet_id, set()).add(k.vagavstand_km)  # type: ignore[arg-type]
    conflicting = sorted(u for u, d in given.items() if len(d) > 1)
    if conflicting:
        return indeterminate(
            *[f"$.kandidater[{i}].vagavstand_km" for i, k in same if k.enhet_id in conflicting],
            sv=f"Kan inte avgöras: samma vårdcentral anges med olika vägavstånd ({', '.join(conflicting)}).",
            en=f"Cannot be decided: the same vårdcentral is given with different road distances ({', '.join(conflicting)}).",
            inconsistent=conflicting,
        )
    shortest = min(k.vagavstand_km for _, k in same if k.vagavstand_km is not None)
    nearest = sorted({k.enhet_id for _, k in same if k.vagavstand_km == shortest})
    if len(nearest) > 1:
        return indeterminate(
            *[f"$.kandidater[{i}].vagavstand_km" for i, k in same if k.vagavstand_km == shortest],
            sv=f"Kan inte avgöras: {len(nearest)} vårdcentraler ligger lika nära ({shortest} km på väg); texten avgör inte.",
            en=f"Cannot be decided: {len(nearest)} vårdcentraler are equally near ({shortest} km by road); the text does not decide.",
            tied=nearest,
        )
    assigned = nearest[0]
    values: dict[str, Any] = {"assigned_unit": assigned, "distance_km": shortest, "ignored_other_municipality": ignored}
    if irrelevant:
        values["farther_unknown_municipality"] = sorted(k.enhet_id for _, k in irrelevant)
    basis_sv = f"Närmaste vårdcentral på väg inom samma kommun: {assigned} ({shortest} km)"
    basis_en = f"Nearest vårdcentral by road within the same municipality: {assigned} ({shortest} km)"
    if ignored:
        basis_sv += f"; {ignored} kandidat(er) i annan kommun räknas inte"
        basis_en += f"; {ignored} candidate(s) in another municipality not counted"
    if irrelevant:
        basis_sv += f"; {len(irrelevant)} kandidat(er) med okänd kommun ligger längre bort och kan inte ändra svaret"
        basis_en += f"; {len(irrelevant)} candidate(s) of unknown municipality lie farther away and cannot change the answer"
    if doc.enhet_id is None:
        return passed(basis_sv + " är invånarens ickevalsalternativ.", basis_en + " is the resident's non-choice unit.",
                      **values)
    if doc.enhet_id == assigned:
        return decision("accept", basis_sv + "; ickevalet är rätt.", basis_en + "; the assignment is correct.", **values)
    return decision(
        "reject",
        basis_sv + f"; ickevalet gjordes till {doc.enhet_id}.",
        basis_en + f"; the assignment was made to {doc.enhet_id}.",
        **values,
    )


def _cap_reached(doc: Listning) -> bool | list[str]:
    """Whether an agreed cap is reached (listed ≥ cap, counted before this choice), or the missing paths."""
    if doc.listningslage is None:
        return ["$.listningslage"]
    if doc.listningslage.tak is None:
        return False
    if doc.listningslage.listade is None:
        return ["$.listningslage.listade"]
    return doc.listningslage.listade >= doc.listningslage.tak


def _exempt(doc: Listning) -> bool | list[str]:
    """"Ett listningstak gäller dock inte nyinflyttade, nyfödda inom det geografiska närområdet":
    (newborn or newly moved in) and within the unit's närområde; or the paths that leave it open."""
    newborn = True if doc.valtyp is Valtyp.nyfodd else doc.nyfodd
    moved_in = True if doc.valtyp is Valtyp.inflyttad else doc.nyinflyttad
    local = getattr(doc, "inom_naromradet", None)
    if local is False or (newborn is False and moved_in is False):
        return False
    if (newborn or moved_in) and local is True:
        return True
    missing = [f"$.{name}" for name, value in (("nyfodd", newborn), ("nyinflyttad", moved_in)) if value is None
               and not (newborn or moved_in)]
    if local is None:
        missing.append("$.inom_naromradet")
    return missing


def _queue_position(doc: Listning) -> int | list[str]:
    if doc.datum is None:
        return ["$.datum"]
    if doc.ko is None:
        return ["$.ko"]
    return 1 + sum(1 for d in doc.ko if d <= doc.datum)


@rules.implement("varmland.vardcentral.listning.far_ej_neka")
def far_ej_neka(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.beslut is None:
        return indeterminate(
            "$.beslut",
            sv="Kan inte avgöras: vårdcentralens beslut om listningen saknas ($.beslut).",
            en="Cannot be decided: the vårdcentral's decision on the listing is missing ($.beslut).",
        )
    utfall = doc.beslut.utfall
    if utfall is Utfall.accepterad:
        return passed("Vårdcentralen tog emot listningen.", "The vårdcentral accepted the listing.",
                      unit_decision=utfall.value)
    if utfall is Utfall.avvisad:
        return failed(
            "Vårdcentralen nekade invånaren att lista sig; vårdgivaren har inte rätt att neka någon invånare. "
            "Är listningstaket nått placeras valet i kö efter listningsdatum, det nekas inte.",
            "The vårdcentral refused the resident's listing; the provider may not refuse any resident. When the "
            "listing cap is reached the choice is queued by listing date, not refused.",
            unit_decision=utfall.value,
            required_decision="accept or queue",
        )
    # queued: lawful only when an agreed cap is reached and the person is not exempt from it
    cap = _cap_reached(doc)
    if isinstance(cap, list):
        return indeterminate(*cap, unit_decision=utfall.value)
    exempt = _exempt(doc) if cap else False
    if isinstance(exempt, list):
        return indeterminate(*exempt, unit_decision=utfall.value)
    if cap and not exempt:
        return passed(
            "Listningstaket är nått: valet köas efter listningsdatum (ingen nekad listning).",
            "The listing cap is reached: the choice is queued by listing date (no refusal).",
            unit_decision=utfall.value,
        )
    why_sv = ("listningstaket gäller inte nyfödda och nyinflyttade inom det geografiska närområdet" if cap
              else "inget avtalat listningstak är nått")
    why_en = ("the cap does not apply to newborns and newly moved-in residents within the geographic local area" if cap
              else "no agreed listing cap is reached")
    return failed(
        f"Vårdcentralen köade listningen fast {why_sv}; att inte ta emot invånaren är att neka listning.",
        f"The vårdcentral queued the listing although {why_en}; not taking the resident is refusing the listing.",
        unit_decision=utfall.value,
        required_decision="accept",
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
        return indeterminate("$.listningslage.listade", cap=tak)
    values: dict[str, Any] = {"cap": tak, "listed": listade}
    refused = doc.beslut is not None and doc.beslut.utfall is Utfall.avvisad
    if doc.beslut is not None:
        values["unit_decision"] = doc.beslut.utfall.value
    if listade < tak:
        return decision("accept", f"Listningstaket ({tak}) är inte nått: {listade} listade.",
                        f"The listing cap ({tak}) is not reached: {listade} listed.", **values)
    exempt = _exempt(doc)
    if isinstance(exempt, list):
        return indeterminate(*exempt, **values)
    if exempt:
        return decision(
            "accept",
            f"Listningstaket ({tak}) är nått ({listade} listade) men gäller inte nyfödda och nyinflyttade inom det "
            "geografiska närområdet.",
            f"The listing cap ({tak}) is reached ({listade} listed) but does not apply to newborns and newly moved-in "
            "residents within the geographic local area.",
            **values,
        )
    position = _queue_position(doc)
    if isinstance(position, list):
        return indeterminate(*position, **values)
    refused_sv = " Vårdcentralen nekade listningen; den ska i stället köas." if refused else ""
    refused_en = " The vårdcentral refused the listing; it must be queued instead." if refused else ""
    assert doc.datum is not None
    # The queue is the course the text prescribes for a full unit ("Om listningstaket nåtts så placeras
    # valet i en kö"), nothing wrong: handed over to the queue (not_applicable, decision route), not a fail.
    return handed_over(
        f"Listningstaket ({tak}) är nått ({listade} listade): valet placeras i kö efter listningsdatum "
        f"{doc.datum.isoformat()}, plats {position} (köade val med samma eller tidigare datum står före).{refused_sv}",
        f"The listing cap ({tak}) is reached ({listade} listed): the choice is queued by listing date "
        f"{doc.datum.isoformat()}, position {position} (queued choices of the same or an earlier date come first)."
        f"{refused_en}",
        route="ko",
        queue_position=position,
        queue_order=order,
        **values,
    )


@rules.implement("varmland.vardcentral.listning.vardansvar_overgang")
def vardansvar_overgang(doc: Listning, ctx: RuleContext) -> Finding:
    if doc.tidigare_enhet is None:
        return not_applicable(
            "Ingen tidigare vårdcentral: invånaren byter inte vårdcentral.",
            "No earlier vårdcentral: the resident is not switching.",
        )
    if doc.enhet_id is None:
        return indeterminate("$.enhet_id")
    day = ctx.as_of
    deregistered = doc.avregistrerad
    transferred = getattr(doc, "overford", None)
    values: dict[str, Any] = {"deregistered": deregistered, "transferred": transferred}
    pending = [d for d in (deregistered, transferred) if d is not None and d > day]
    if pending:
        when = max(pending)
        # "Den tidigare vårdcentralen behåller vårdansvaret till dess att …": the text gives the
        # responsibility to the previous unit until then — the right course, not a fail of the new unit.
        return handed_over(
            f"Den {day.isoformat()} har {doc.tidigare_enhet} (tidigare vårdcentral) vårdansvaret: invånaren är ännu inte "
            f"både avregistrerad där och överförd till {doc.enhet_id} (först {when.isoformat()}).",
            f"On {day.isoformat()}, {doc.tidigare_enhet} (the previous vårdcentral) holds the care responsibility: the "
            f"resident is not yet both deregistered there and transferred to {doc.enhet_id} (not before "
            f"{when.isoformat()}).",
            route=doc.tidigare_enhet,
            responsible_unit=doc.tidigare_enhet,
            **values,
        )
    missing = [p for p, d in (("$.avregistrerad", deregistered), ("$.overford", transferred)) if d is None]
    if missing:
        return indeterminate(
            *missing,
            sv="Kan inte avgöras vem som har vårdansvaret: den tidigare vårdcentralen behåller det till dess att "
            f"invånaren avregistrerats och överförts; dag saknas ({', '.join(missing)}).",
            en="Cannot be decided who holds the care responsibility: the previous vårdcentral keeps it until the "
            f"resident has been deregistered and transferred; a day is missing ({', '.join(missing)}).",
            **values,
        )
    assert deregistered is not None and transferred is not None
    since = max(deregistered, transferred)
    return decision(
        "accept",
        f"Den {day.isoformat()} har {doc.enhet_id} vårdansvaret: invånaren avregistrerades från {doc.tidigare_enhet} "
        f"{deregistered.isoformat()} och överfördes {transferred.isoformat()} (ansvaret från {since.isoformat()}).",
        f"On {day.isoformat()}, {doc.enhet_id} holds the care responsibility: the resident was deregistered from "
        f"{doc.tidigare_enhet} on {deregistered.isoformat()} and transferred on {transferred.isoformat()} "
        f"(responsible from {since.isoformat()}).",
        responsible_unit=doc.enhet_id,
        **values,
    )


@rules.implement("varmland.vardcentral.listning.cellprov")
def cellprov(doc: Listning, ctx: RuleContext) -> Finding:
    low, high, until = (int(ctx.param(n)) for n in ("min_age", "max_age", "extended_max_age"))
    if doc.person is None:
        return indeterminate("$.person")
    day = ctx.day
    sex = doc.person.sex()
    born = doc.person.birth_date(day)
    if sex is Kon.man:
        return not_applicable("Cellprovtagning erbjuds kvinnor.", "Cervical screening is offered to women.")
    missing = (["$.person.kon"] if sex is None else []) + (["$.person.fodelsedatum"] if born is None else [])
    if missing or born is None:
        return indeterminate(*missing)
    age = full_years(born, day)
    shown = day.isoformat()
    values: dict[str, Any] = {"age": age, "reference_day": day}
    if low <= age <= high:
        return decision("accept", f"Kvinna {age} år den {shown}: erbjuds regelbunden provtagning ({low}–{high} år).",
                        f"Woman aged {age} on {shown}: offered regular screening ({low}–{high}).", **values)
    if age < low or age >= until:
        return not_applicable(
            f"Kvinna {age} år den {shown}: utanför {low}–{high} år och kallelse görs bara fram till {until} års ålder.",
            f"Woman aged {age} on {shown}: outside {low}–{high}, and invitations are made only until the {until}th "
            "birthday.",
            **values,
        )
    if doc.senaste_cellprov is None:
        return indeterminate("$.senaste_cellprov", **values)
    age_at_test = full_years(born, doc.senaste_cellprov)
    values["age_at_latest_test"] = age_at_test
    if age_at_test > high:
        return indeterminate(
            "$.senaste_cellprov",
            sv=f"Kan inte avgöras: senaste prov togs vid {age_at_test} år; om prov togs vid {high} år framgår inte.",
            en=f"Cannot be decided: the latest test was at age {age_at_test}; whether a test was taken at {high} is not known.",
            **values,
        )
    if age_at_test == high:
        return not_applicable(
            f"Kvinna {age} år den {shown}: prov togs vid {high} år, så kallelse efter {high} år görs inte.",
            f"Woman aged {age} on {shown}: a test was taken at {high}, so no invitation after {high}.",
            **values,
        )
    return decision(
        "accept",
        f"Kvinna {age} år den {shown}: inget prov vid {high} år (senaste vid {age_at_test} år); kallelse kan göras fram "
        f"till {until} års ålder.",
        f"Woman aged {age} on {shown}: no test at {high} (latest at {age_at_test}); she may be invited until her "
        f"{until}th birthday.",
        **values,
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
