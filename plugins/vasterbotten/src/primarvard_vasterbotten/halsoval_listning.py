"""Listing rules of vasterbotten.halsoval (chapter 4 Listning, 3.9 Filialmottagning).

Protected personal data (4.2): a person with ``skyddade_personuppgifter`` is never registered in
the listing system. The rule ``listning.skyddade_personuppgifter`` rejects such a listing; every
other listing rule answers ``not_applicable`` and refers to it, so that no listing rule produces a
listing decision or an assigned unit for that person. The rules that name an assigned unit
(ickeval, nyfodda, flytt_inom_lanet, filial) also need to know that the person is NOT protected:
an absent flag makes them ``indeterminate``. No rule reads or repeats the person's identity.

Every listing rule is governed by the listing day (``datum``): it picks the edition and the
parameter values.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from primarvard_sdk.calendar import add_months
from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.domain import (
    Avvisningsskal,
    Kandidat,
    Lan,
    Listning,
    SarskiltSkal,
    Utfall,
    ValtAv,
    Valtyp,
)
from primarvard_sdk.findings import decision, failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding, Outcome
from primarvard_vasterbotten.halsoval_common import iso, joined, rules

PREFIX = "vasterbotten.halsoval."
SKYDDADE_RULE = PREFIX + "listning.skyddade_personuppgifter"
_NON_CHOICE = (Valtyp.ickeval, Valtyp.inflyttad, Valtyp.nyfodd)


# --- protected personal data ------------------------------------------------------------------


def _protected(listning: Listning) -> Finding | None:
    """``not_applicable`` (referring to the skyddade rule) when the person is protected."""
    if listning.person is not None and listning.person.skyddade_personuppgifter is True:
        return not_applicable(
            "Personen har skyddade personuppgifter och får inte registreras i listningssystemet; "
            "ingen listning eller tilldelad enhet anges (se listning.skyddade_personuppgifter).",
            "The person has protected personal data and must not be registered in the listing "
            "system; no listing or assigned unit is given (see listning.skyddade_personuppgifter).",
            see_rule=SKYDDADE_RULE, reason="skyddade_personuppgifter",
        )
    return None


def _listing_kind(listning: Listning, kinds: tuple[Valtyp, ...], reason: str, sv: str, en: str) -> Finding | None:
    """For rules on some kinds of listing only: ``not_applicable`` when the person is protected or
    the listing is of another kind than ``kinds`` (``sv``/``en`` say why, ``{valtyp}`` standing for
    its kind; ``reason``), ``indeterminate`` when the kind is not reported, ``None`` when it is one
    of them."""
    if (protected := _protected(listning)) is not None:
        return protected
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp not in kinds:
        kind = listning.valtyp.value
        return not_applicable(sv.format(valtyp=kind), en.format(valtyp=kind), reason=reason)
    return None


def _protection_unknown(listning: Listning) -> Finding | None:
    """For rules that name an assigned unit: the protection flag must be known to be false."""
    if listning.person is None:
        return indeterminate("$.person")
    if listning.person.skyddade_personuppgifter is None:
        return indeterminate(
            "$.person.skyddade_personuppgifter",
            sv="Kan inte avgöras: det är okänt om personen har skyddade personuppgifter "
            "($.person.skyddade_personuppgifter); ingen enhet tilldelas utan den uppgiften.",
            en="Cannot be decided: whether the person has protected personal data is unknown "
            "($.person.skyddade_personuppgifter); no unit is assigned without it.",
        )
    return None


def _assignment_guard(listning: Listning) -> Finding | None:
    return _protected(listning) or _protection_unknown(listning)


@rules.implement("vasterbotten.halsoval.listning.skyddade_personuppgifter")
def skyddade_personuppgifter(listning: Listning, ctx: RuleContext) -> Finding:
    if listning.person is None:
        return indeterminate("$.person")
    flag = listning.person.skyddade_personuppgifter
    if flag is None:
        return indeterminate("$.person.skyddade_personuppgifter")
    if flag:
        return decision(
            "reject",
            "Personer med skyddade personuppgifter får inte registreras i listningssystemet: "
            "ingen listningspost skapas. Personen får vård på samma villkor som listade (2.7.4).",
            "Persons with protected personal data must not be registered in the listing system: "
            "no listing record is produced. The person is cared for on the same terms as listed "
            "patients (2.7.4).",
            listing_record=False,
        )
    return decision(
        "accept",
        "Personen har inte skyddade personuppgifter; listningen får registreras.",
        "The person does not have protected personal data; the listing may be registered.",
        listing_record=True,
    )


# --- who may choose ---------------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.eget_val_alder")
def eget_val_alder(listning: Listning, ctx: RuleContext) -> Finding:
    if (outside := _listing_kind(
        listning, (Valtyp.aktivt_val,), "not_active_choice",
        "Ingen aktiv val-listning ({valtyp}); åldersgränsen gäller eget val.",
        "Not an active choice ({valtyp}); the age limit applies to one's own choice.",
    )) is not None:
        return outside
    missing = [p for p, v in (("$.person", listning.person), ("$.valt_av", listning.valt_av)) if v is None]
    if missing:
        return indeterminate(*missing)
    assert listning.person is not None and listning.valt_av is not None
    day = ctx.day
    min_age = ctx.param("min_age")
    age = listning.person.age_on(day)
    if age is None:
        return indeterminate("$.person.fodelsedatum")
    on = f"den {iso(day)} (listningsdagen)"
    on_en = f"on {iso(day)} (the listing day)"
    if listning.valt_av is ValtAv.ombud:
        return decision(
            "accept",
            f"Valet görs av ställföreträdare för en person med nedsatt autonomi (ålder {age} år {on}).",
            f"The choice is made by a representative of a person with reduced autonomy (age {age} {on_en}).",
            age=age,
        )
    if listning.valt_av is ValtAv.vardnadshavare:
        if age < min_age:
            return decision(
                "accept",
                f"Vårdnadshavaren väljer för barn under {min_age} år (ålder {age} år {on}).",
                f"The guardian chooses for a child under {min_age} (age {age} {on_en}).",
                age=age,
            )
        return decision(
            "reject",
            f"Personen har fyllt {min_age} år ({age} år {on}) och väljer själv; vårdnadshavare väljer "
            f"bara för barn under {min_age} år (ställföreträdare vid nedsatt autonomi: valt_av=ombud).",
            f"The person is {min_age} or older ({age} {on_en}) and chooses themselves; a guardian "
            f"chooses only for children under {min_age} (a representative for reduced autonomy: valt_av=ombud).",
            age=age,
        )
    if age < min_age:
        return decision(
            "reject",
            f"Personen har inte fyllt {min_age} år ({age} år {on}); vårdnadshavaren väljer.",
            f"The person has not turned {min_age} ({age} {on_en}); the guardian chooses.",
            age=age,
        )
    registered = listning.person.folkbokford_i_sverige
    if registered is None:
        return indeterminate("$.person.folkbokford_i_sverige", age=age)
    if not registered:
        return decision(
            "reject",
            f"Personen ({age} år {on}) är inte folkbokförd i Sverige och kan inte själv välja hälsocentral.",
            f"The person ({age} {on_en}) is not registered in Sweden and cannot choose a hälsocentral.",
            age=age,
        )
    return decision(
        "accept",
        f"Personen har fyllt {min_age} år ({age} år {on}) och är folkbokförd i Sverige.",
        f"The person is {min_age} or older ({age} {on_en}) and registered in Sweden.",
        age=age,
    )


def _short(rule_id: str) -> str:
    return rule_id.removeprefix(PREFIX)


def _sibling(rule_id: str, listning: Listning, ctx: RuleContext) -> Finding:
    """Evaluate another listing rule of this programme on the same listing, same day and edition."""
    from primarvard_vasterbotten import plugin

    rule = next(r for r in plugin.rulebook("halsoval").rules if r.id == rule_id)
    sub = RuleContext(rule, ctx.as_of, ctx.day, ctx.edition)
    try:
        return rules.functions[rule_id](listning, sub)
    except ParameterNotInForce:
        return not_applicable(
            "Regeln gäller inte den dagen.", "The rule is not in force that day.",
            reason="parameter_not_in_force",
        )


def _is_ground(found: Finding) -> bool:
    """A listing rule that rejects the choice, or routes it elsewhere, gives a lawful ground."""
    return found.outcome is Outcome.fail and found.values.get("decision") in ("reject", "route")


@rules.implement("vasterbotten.halsoval.listning.far_ej_neka")
def far_ej_neka(listning: Listning, ctx: RuleContext) -> Finding:
    if (outside := _listing_kind(
        listning, (Valtyp.aktivt_val,), "not_active_choice",
        "Ingen aktiv val-listning ({valtyp}); förbudet gäller att neka någon att välja.",
        "Not an active choice ({valtyp}); the ban is on refusing someone's choice.",
    )) is not None:
        return outside
    if listning.person is None:
        return indeterminate("$.person")
    registered = listning.person.folkbokford_i_sverige
    if registered is None:
        return indeterminate("$.person.folkbokford_i_sverige")
    if not registered:
        return not_applicable(
            "Personen är inte folkbokförd i Sverige; förbudet att neka gäller folkbokförda.",
            "The person is not registered in Sweden; the ban on refusing covers registered persons.",
            reason="not_registered_in_sweden",
        )
    county = listning.person.folkbokford_lan
    other = county is not None and county is not Lan(ctx.param("county"))
    where_sv = " (i annan region)" if other else ""
    where_en = " (in another region)" if other else ""
    beslut = listning.beslut
    if beslut is not None and beslut.utfall is Utfall.accepterad:
        return decision(
            "accept",
            f"Personen är folkbokförd i Sverige{where_sv} och valet har tagits emot.",
            f"The person is registered in Sweden{where_en} and the choice was accepted.",
            refused_by_unit=False, other_region=other,
        )
    results = {rid: _sibling(rid, listning, ctx) for rid in ctx.param("grounds")}
    grounds = [_short(rid) for rid, found in results.items() if _is_ground(found)]
    unchecked = [rid for rid, found in results.items() if found.outcome is Outcome.indeterminate]
    claimed = _claimed(listning, ctx)
    shown_claimed = {"claimed_grounds": claimed} if claimed is not None else {}
    if beslut is None and grounds:
        return not_applicable(
            f"Personen har inte rätt att välja hälsocentralen just nu: {joined(grounds)} avvisar valet; "
            "förbudet att neka gäller inte då.",
            f"The person may not choose the hälsocentral now: {joined(grounds)} rejects the choice; "
            "the ban on refusing does not apply.",
            grounds=grounds, other_region=other, reason="lawful_ground",
        )
    # Refused (avvisad), or put in a queue (ko): the choice was not received.
    refused = beslut is not None and beslut.utfall is Utfall.avvisad
    how_sv = "nekat" if refused else "satt i kö i stället för att lista"
    how_en = "refused" if refused else "queued instead of listing"
    if beslut is not None and grounds:
        return passed(
            f"Hälsocentralen har {how_sv} personen med laga grund: {joined(grounds)} avvisar valet"
            + _claim_note_sv(claimed, grounds),
            f"The hälsocentral {how_en} the person on a lawful ground: {joined(grounds)} rejects the choice"
            + _claim_note_en(claimed, grounds),
            refused_by_unit=True, lawful=True, grounds=grounds, other_region=other, **shown_claimed,
        )
    # No lawful ground found so far: every ground must be decided before the unit is told it must
    # accept, and a protected person (outside this rule) must be ruled out.
    missing = [p for rid in unchecked for p in results[rid].missing]
    if listning.person.skyddade_personuppgifter is None:
        missing.append("$.person.skyddade_personuppgifter")
    if missing:
        shown = list(dict.fromkeys(missing))
        names = [_short(r) for r in unchecked]
        return indeterminate(
            *shown,
            sv=f"Kan inte avgöras: ingen laga grund att neka är visad, men {joined(names) or 'skyddet'} kan inte "
            f"prövas; uppgift saknas ({joined(shown)}).",
            en=f"Cannot be decided: no lawful ground to refuse is shown, but {joined(names) or 'the protection'} "
            f"cannot be checked; input missing ({joined(shown)}).",
            refused_by_unit=beslut is not None, unchecked_grounds=names, other_region=other, **shown_claimed,
        )
    if beslut is None:
        return decision(
            "accept",
            f"Personen är folkbokförd i Sverige{where_sv} och får välja hälsocentralen; ingen listningsregel "
            "avvisar valet, så den får inte neka.",
            f"The person is registered in Sweden{where_en} and may choose the hälsocentral; no listing rule "
            "rejects the choice, so it may not refuse.",
            refused_by_unit=False, other_region=other,
        )
    reasons = sorted(s.value for s in beslut.skal or ())
    return failed(
        f"Hälsocentralen har {how_sv} en person som är folkbokförd i Sverige{where_sv} utan laga grund "
        f"(angivna skäl: {joined(reasons) or 'inga'}); ingen listningsregel avvisar valet, så det ska tas emot.",
        f"The hälsocentral {how_en} a person registered in Sweden{where_en} without a lawful ground "
        f"(reasons given: {joined(reasons) or 'none'}); no listing rule rejects the choice, so it must be accepted.",
        refused_by_unit=True, lawful=False, required_decision="accept", other_region=other, **shown_claimed,
    )


def _claimed(listning: Listning, ctx: RuleContext) -> list[str] | None:
    """The listing rules the unit's reasons (``beslut.skal``, refusal-reason codes) point to.

    Only shown: a refusal is lawful when a listing rule rejects the choice, whatever the unit wrote.
    ``None`` when no reasons are reported.
    """
    if listning.beslut is None or listning.beslut.skal is None:
        return None
    claimable = {Avvisningsskal(code): rule_id for code, rule_id in ctx.param("claimable_grounds").items()}
    return sorted({_short(claimable[s]) for s in listning.beslut.skal if s in claimable})


def _claim_note_sv(claimed: list[str] | None, grounds: list[str]) -> str:
    if claimed is None or set(claimed) & set(grounds):
        return "."
    return f" (angivet skäl pekar på {joined(claimed) or 'ingen listningsregel'}; grunden gäller ändå)."


def _claim_note_en(claimed: list[str] | None, grounds: list[str]) -> str:
    if claimed is None or set(claimed) & set(grounds):
        return "."
    return f" (the reason given points to {joined(claimed) or 'no listing rule'}; the ground holds all the same)."


@rules.implement("vasterbotten.halsoval.listning.kollektiv_listning")
def kollektiv_listning(listning: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(listning)) is not None:
        return protected
    kravd, formaner = listning.kollektiv_listning_kravd, listning.formaner_erbjudna
    problems_sv, problems_en = [], []
    if kravd:
        problems_sv.append("kollektiv listning krävdes")
        problems_en.append("collective listing was required")
    if formaner:
        problems_sv.append("rabatter eller förmåner erbjöds för att locka till listning")
        problems_en.append("discounts or benefits were offered to attract listing")
    if problems_sv:
        return decision(
            "reject",
            "Otillåtet: " + "; ".join(problems_sv) + ".",
            "Not allowed: " + "; ".join(problems_en) + ".",
        )
    missing = [p for p, v in (("$.kollektiv_listning_kravd", kravd), ("$.formaner_erbjudna", formaner)) if v is None]
    if missing:
        return indeterminate(*missing)
    return decision(
        "accept",
        "Ingen kollektiv listning krävdes och inga förmåner erbjöds.",
        "No collective listing was required and no benefits were offered.",
    )


# --- changes per year -------------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.max_byten")
def max_byten(listning: Listning, ctx: RuleContext) -> Finding:
    if (outside := _listing_kind(
        listning, (Valtyp.aktivt_val,), "not_active_choice",
        "Ingen omlistning genom eget val ({valtyp}); gränsen gäller byten.",
        "Not a re-listing by one's own choice ({valtyp}); the limit applies to changes.",
    )) is not None:
        return outside
    if listning.tidigare_byten is None:
        return indeterminate("$.tidigare_byten")
    day = ctx.day
    limit = ctx.param("max_changes_per_year")
    special = {SarskiltSkal(code) for code in ctx.param("special_reasons")}
    year = day.year
    earlier = sorted(d for d in listning.tidigare_byten if d.year == year and d <= day)
    count = len(earlier) + 1
    counted_sv = (f"{len(earlier)} tidigare byten under kalenderåret {year} (fram till {iso(day)}) "
                  f"plus detta = {count}; högst {limit} per kalenderår")
    counted_en = (f"{len(earlier)} earlier changes in calendar year {year} (up to {iso(day)}) "
                  f"plus this one = {count}; at most {limit} per calendar year")
    values = {"changes_in_year": count, "year": year, "required": limit, "declared": count}
    if count <= limit:
        return decision("accept", f"{counted_sv}.", f"{counted_en}.", **values)
    if listning.sarskilda_skal is None:
        return indeterminate(
            "$.sarskilda_skal",
            sv=f"Kan inte avgöras: {counted_sv}; om särskilda skäl finns är inte angivet ($.sarskilda_skal).",
            en=f"Cannot be decided: {counted_en}; whether special reasons exist is not given ($.sarskilda_skal).",
            **values,
        )
    reasons = sorted({s.value for s in listning.sarskilda_skal})
    known = sorted(s.value for s in set(listning.sarskilda_skal) & special)
    if known:
        return decision(
            "accept",
            f"{counted_sv}; fler byten medges av särskilda skäl ({joined(known)}).",
            f"{counted_en}; more changes are allowed for special reasons ({joined(known)}).",
            special_reasons=known, **values,
        )
    if reasons:
        return decision(
            "route",
            f"{counted_sv}; angivna skäl ({joined(reasons)}) finns inte bland textens exempel och "
            "prövas av regionen.",
            f"{counted_en}; the reasons given ({joined(reasons)}) are not among the text's examples "
            "and are for the region to assess.",
            route="regionens_provning",
            special_reasons=reasons, **values,
        )
    return decision(
        "reject",
        f"{counted_sv}; inga särskilda skäl angivna. (\"Per år\" läses som kalenderår.)",
        f"{counted_en}; no special reasons given. (\"Per year\" is read as calendar year.)",
        **values,
    )


# --- assignment without a choice ------------------------------------------------------------


def _area_unit(listning: Listning) -> tuple[str | None, Finding | None]:
    """The candidate (not a declared filial) whose areas hold the person's nyckelkodsområde."""
    assert listning.person is not None
    area = listning.person.nyckelkodsomrade
    if area is None:
        return None, indeterminate("$.person.nyckelkodsomrade")
    if listning.kandidater is None:
        return None, indeterminate("$.kandidater")
    unknown = [f"$.kandidater[{i}].nyckelkodsomraden" for i, k in enumerate(listning.kandidater)
               if k.nyckelkodsomraden is None]
    covering: list[Kandidat] = [k for k in listning.kandidater if area in (k.nyckelkodsomraden or ())]
    units = sorted({k.enhet_id for k in covering if k.ar_filial is not True})
    if len(units) > 1:
        return None, indeterminate(
            "$.kandidater",
            sv=f"Kan inte avgöras: flera hälsocentraler ({joined(units)}) anges för samma "
            "nyckelkodsområde; texten avgör inte vilken ($.kandidater).",
            en=f"Cannot be decided: several hälsocentraler ({joined(units)}) are given for the same "
            "nyckelkodsområde; the text does not decide which ($.kandidater).",
            candidates=units,
        )
    if unknown:
        return None, indeterminate(*unknown)
    if not units:
        return None, indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: ingen valbar kandidat (filialer undantagna) ansvarar för personens "
            "nyckelkodsområde ($.kandidater).",
            en="Cannot be decided: no choosable candidate (filials excluded) is responsible for the "
            "person's nyckelkodsområde ($.kandidater).",
        )
    return units[0], None


def _assigned(listning: Listning, unit: str, sv: str, en: str) -> Finding:
    """Accept with ``assigned``; a listing that names another unit is routed to the assigned one."""
    if listning.enhet_id is not None and listning.enhet_id != unit:
        return decision(
            "route",
            f"{sv} Listningen anger en annan enhet ({listning.enhet_id}); den hör till {unit}.",
            f"{en} The listing names another unit ({listning.enhet_id}); it belongs with {unit}.",
            route=unit,
            assigned=unit,
            declared=listning.enhet_id,
        )
    return decision("accept", sv, en, assigned=unit)


def _county(listning: Listning, ctx: RuleContext) -> tuple[bool | None, Finding | None]:
    """Whether the person is registered in Västerbotten (``None`` with the finding when unknown)."""
    assert listning.person is not None
    county = listning.person.folkbokford_lan
    if county is None:
        return None, indeterminate("$.person.folkbokford_lan")
    return county is Lan(ctx.param("county")), None


def _moved_within_county(listning: Listning) -> bool | None:
    """``Listning.flytt_inom_lanet``: a move of registered address within the county."""
    return getattr(listning, "flytt_inom_lanet", None)


@rules.implement("vasterbotten.halsoval.listning.ickeval")
def ickeval(listning: Listning, ctx: RuleContext) -> Finding:
    if (guard := _assignment_guard(listning)) is not None:
        return guard
    assert listning.person is not None
    if (outside := _listing_kind(
        listning, (Valtyp.ickeval, Valtyp.inflyttad), "not_non_choice",
        "Listningen är inte ett ickeval ({valtyp}).",
        "The listing is not a non-choice assignment ({valtyp}).",
    )) is not None:
        return outside
    inside, problem = _county(listning, ctx)
    if problem is not None:
        return problem
    if not inside:
        return not_applicable(
            "Personen är inte folkbokförd i Västerbotten; ickevalsalternativet gäller personer som är "
            "folkbokförda i Västerbotten.",
            "The person is not registered in Västerbotten; the non-choice assignment covers persons "
            "registered in Västerbotten.",
            reason="registered_outside_county",
        )
    if listning.tidigare_valtyp is Valtyp.aktivt_val:
        moved = _moved_within_county(listning)
        if moved is None:
            return indeterminate(
                "$.flytt_inom_lanet",
                sv="Kan inte avgöras: personen har tidigare gjort ett eget val, och om flytten skett inom "
                "länet (då valet kvarstår, 4.4) är inte angivet ($.flytt_inom_lanet).",
                en="Cannot be decided: the person made an own choice before, and whether the move was "
                "within the county (then the choice stays, 4.4) is not given ($.flytt_inom_lanet).",
            )
        if moved:
            return not_applicable(
                "Personen har gjort ett eget val och flyttat inom länet: valet kvarstår "
                "(se listning.flytt_inom_lanet).",
                "The person made an own choice and moved within the county: the choice stays "
                "(see listning.flytt_inom_lanet).",
                reason="own_choice_kept",
            )
    unit, problem = _area_unit(listning)
    if problem is not None:
        return problem
    assert unit is not None
    moved_sv = " (inflyttad, till dess eget val görs)" if listning.valtyp is Valtyp.inflyttad else ""
    moved_en = " (moved in, until they choose)" if listning.valtyp is Valtyp.inflyttad else ""
    return _assigned(
        listning, unit,
        f"Tilldelas {unit}, som ansvarar för nyckelkodsområdet för folkbokföringsadressen{moved_sv}.",
        f"Assigned {unit}, responsible for the nyckelkodsområde of the registered address{moved_en}.",
    )


@rules.implement("vasterbotten.halsoval.listning.nyfodda")
def nyfodda(listning: Listning, ctx: RuleContext) -> Finding:
    if (outside := _listing_kind(
        listning, (Valtyp.nyfodd,), "not_newborn",
        "Inte ett nyfött barn utan gjort val ({valtyp}).",
        "Not a newborn without a choice made ({valtyp}).",
    )) is not None:
        return outside
    if (unknown := _protection_unknown(listning)) is not None:
        return unknown
    unit = listning.vardnadshavares_enhet
    if unit is None:
        return indeterminate("$.vardnadshavares_enhet")
    return _assigned(
        listning, unit,
        f"Inget val gjort: barnet tillhör moderns eller annan utsedd vårdnadshavares hälsocentral ({unit}).",
        f"No choice made: the child belongs to the hälsocentral of the mother or other appointed guardian ({unit}).",
    )


@rules.implement("vasterbotten.halsoval.listning.flytt_inom_lanet")
def flytt_inom_lanet(listning: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(listning)) is not None:
        return protected
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp is Valtyp.aktivt_val:
        return not_applicable(
            "Ett nytt eget val är gjort; det gäller i stället.",
            "A new choice has been made; it applies instead.",
            reason="new_own_choice",
        )
    if listning.valtyp is Valtyp.nyfodd:
        return not_applicable(
            "Nyfött barn utan val: se listning.nyfodda.", "Newborn without a choice: see listning.nyfodda.",
            reason="newborn",
        )
    moved = _moved_within_county(listning)
    if moved is None:
        return indeterminate(
            "$.flytt_inom_lanet",
            sv="Kan inte avgöras: det är inte angivet om personen flyttat till ny folkbokföringsadress inom "
            "länet ($.flytt_inom_lanet).",
            en="Cannot be decided: whether the person moved to a new registered address within the county "
            "is not given ($.flytt_inom_lanet).",
        )
    if not moved:
        return not_applicable(
            "Ingen flytt inom länet (ingen flytt, eller inflyttning från annat län: se listning.ickeval).",
            "No move within the county (no move, or a move in from another county: see listning.ickeval).",
            reason="no_move_within_county",
        )
    if listning.person is None:
        return indeterminate("$.person")
    inside, problem = _county(listning, ctx)
    if problem is not None:
        return problem
    if not inside:
        return not_applicable(
            "Personen är inte folkbokförd i Västerbotten; regeln gäller flyttning inom Västerbottens län.",
            "The person is not registered in Västerbotten; the rule covers moves within Västerbotten county.",
            reason="registered_outside_county",
        )
    if (unknown := _protection_unknown(listning)) is not None:
        return unknown
    if listning.tidigare_valtyp is None:
        return indeterminate("$.tidigare_valtyp")
    if listning.tidigare_valtyp is Valtyp.aktivt_val:
        if listning.tidigare_enhet is None:
            return indeterminate("$.tidigare_enhet")
        return _assigned(
            listning, listning.tidigare_enhet,
            f"Eget val och flytt inom länet: personen tillhör den valda hälsocentralen ({listning.tidigare_enhet}) "
            "till dess ett nytt val görs.",
            f"Own choice and a move within the county: the person stays with the chosen hälsocentral "
            f"({listning.tidigare_enhet}) until choosing again.",
        )
    unit, problem = _area_unit(listning)
    if problem is not None:
        return problem
    assert unit is not None
    return _assigned(
        listning, unit,
        f"Tidigare tilldelad utan eget val ({listning.tidigare_valtyp.value}) och flytt inom länet: tilldelas "
        f"{unit}, som ansvarar för den nya folkbokföringsadressens område.",
        f"Earlier assigned without a choice ({listning.tidigare_valtyp.value}) and a move within the county: "
        f"assigned {unit}, responsible for the new registered address's area.",
    )


# --- cap and stop -----------------------------------------------------------------------------


def _exempt(listning: Listning) -> bool:
    """Non-choice listings (moved in, newborn, assigned by area) are not stopped."""
    return listning.valtyp in _NON_CHOICE


def _not_stopped(listning: Listning, what_sv: str, what_en: str) -> Finding:
    assert listning.valtyp is not None
    return decision(
        "accept",
        f"{listning.valtyp.value} (inget eget val) listas även om {what_sv} är nått.",
        f"{listning.valtyp.value} (no own choice) is listed even when {what_en} applies.",
    )


@rules.implement("vasterbotten.halsoval.listning.listningstak")
def listningstak(listning: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(listning)) is not None:
        return protected
    if _exempt(listning):
        return _not_stopped(listning, "listningstaket", "the listing cap")
    lage = listning.listningslage
    if lage is None:
        return indeterminate("$.listningslage")
    if lage.tak is None:
        return not_applicable(
            "Inget listningstak är beviljat.", "No listing cap is granted.",
            reason="no_cap",
        )
    if lage.listade is None:
        return indeterminate("$.listningslage.listade")
    values: dict[str, Any] = {"required": lage.tak, "declared": lage.listade}
    if lage.listade < lage.tak:
        return decision(
            "accept",
            f"{lage.listade} listade före detta val; taket {lage.tak} är inte nått (med detta val "
            f"{lage.listade + 1}).",
            f"{lage.listade} listed before this choice; the cap {lage.tak} is not reached (with this choice "
            f"{lage.listade + 1}).",
            **values,
        )
    full_sv = (f"{lage.listade} listade före detta val: taket {lage.tak} är nått och fler får inte vara listade; "
               "den aktiva listningen är stoppad")
    full_en = (f"{lage.listade} listed before this choice: the cap {lage.tak} is reached and no more may be "
               "listed; active listing is stopped")
    if listning.valtyp is None:
        return indeterminate("$.valtyp", **values)
    if listning.boende_sarskilt_boende is None:
        return indeterminate("$.boende_sarskilt_boende", **values)
    if listning.boende_sarskilt_boende:
        return decision(
            "accept",
            f"{full_sv}, men boende i särskilt boende som hälsocentralen ansvarar för får lista sig.",
            f"{full_en}, but residents of a special housing the hälsocentral serves may list.",
            **values,
        )
    return decision("reject", f"{full_sv}.", f"{full_en}.", **values)


@rules.implement("vasterbotten.halsoval.listning.listningsstopp")
def listningsstopp(listning: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(listning)) is not None:
        return protected
    if _exempt(listning):
        return _not_stopped(listning, "listningsstopp", "a listing stop")
    lage = listning.listningslage
    if lage is None:
        return indeterminate("$.listningslage")
    if lage.stopp is None:
        return not_applicable(
            "Inget listningsstopp är beviljat.", "No listing stop is granted.",
            reason="no_stop",
        )
    months = ctx.param("max_months")
    start, declared_end = lage.stopp.fran, lage.stopp.till
    max_end: date = add_months(start, months) - timedelta(days=1)
    day = ctx.day
    if declared_end is None:
        values_open: dict[str, Any] = {"stop_from": start, "stop_until": None, "stop_max_until": max_end,
                                       "stop_valid": None}
        if not start <= day <= max_end:
            # Whatever its end: a valid stop is over by max_end, a longer one stops nothing.
            before = day < start
            when_sv = "före stoppets första dag" if before else f"efter {iso(max_end)}, stoppets senaste möjliga slut"
            when_en = "before the stop's first day" if before else f"after {iso(max_end)}, the stop's latest possible end"
            return decision(
                "accept",
                f"Listningsdagen {iso(day)} ligger {when_sv} (högst {months} månader från {iso(start)}); "
                "stoppets slut behövs inte för att avgöra den.",
                f"The listing day {iso(day)} lies {when_en} (at most {months} months from {iso(start)}); "
                "the stop's end is not needed to decide it.",
                **values_open,
            )
        unknown = ["$.listningslage.stopp.till", *(["$.valtyp"] if listning.valtyp is None else [])]
        return indeterminate(
            *unknown,
            sv=f"Kan inte avgöras: ett listningsstopp från {iso(start)} är angivet utan slutdag "
            f"($.listningslage.stopp.till). Stoppet är tidsbegränsat till högst {months} månader (senast "
            f"{iso(max_end)}); utan slutdag kan det inte prövas, och det är inte detsamma som inget stopp.",
            en=f"Cannot be decided: a listing stop from {iso(start)} is given without an end "
            f"($.listningslage.stopp.till). A stop is limited to at most {months} months (until {iso(max_end)} "
            "at the latest); without its end it cannot be judged, and it is not the same as no stop.",
            **values_open,
        )
    valid = declared_end <= max_end
    values: dict[str, Any] = {"stop_from": start, "stop_until": declared_end, "stop_max_until": max_end,
                              "stop_valid": valid}
    if not valid:
        return decision(
            "accept",
            f"Stoppet från {iso(start)} får vara högst {months} månader, till och med {iso(max_end)}; det angivna "
            f"slutet ({iso(declared_end)}) överskrider det. Ett sådant stopp medges inte och stoppar inte listningen.",
            f"The stop from {iso(start)} may last at most {months} months, up to and including {iso(max_end)}; "
            f"the declared end ({iso(declared_end)}) exceeds it. Such a stop is not allowed and stops no listing.",
            **values,
        )
    limit_sv = f"Stoppet {iso(start)}–{iso(declared_end)} (högst {months} månader, senast {iso(max_end)})."
    limit_en = f"The stop {iso(start)}–{iso(declared_end)} (at most {months} months, until {iso(max_end)} at the latest)."
    if not start <= day <= declared_end:
        return decision(
            "accept",
            f"Listningsdagen {iso(day)} ligger utanför stoppet. {limit_sv}",
            f"The listing day {iso(day)} is outside the stop. {limit_en}",
            **values,
        )
    if listning.valtyp is None:
        return indeterminate("$.valtyp", **values)
    return decision(
        "reject",
        f"Listningsstopp gäller {iso(day)}; aktivt val kan inte tas emot. {limit_sv}",
        f"A listing stop is in force on {iso(day)}; an active choice cannot be received. {limit_en}",
        **values,
    )


# --- filial -----------------------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.filial")
def filial(listning: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(listning)) is not None:
        return protected
    if listning.enhet_ar_filial is None:
        if listning.valtyp in _NON_CHOICE:
            return not_applicable(
                "Ingen vald enhet: tilldelning utan eget val (filialer tilldelas aldrig).",
                "No chosen unit: assignment without a choice (filials are never assigned).",
                reason="non_choice",
            )
        return indeterminate("$.enhet_ar_filial")
    if not listning.enhet_ar_filial:
        return decision(
            "accept",
            "Den valda enheten är ingen filial.",
            "The chosen unit is not a filial.",
        )
    if (unknown := _protection_unknown(listning)) is not None:
        return unknown
    main = listning.enhet_huvudmottagning
    if main is None:
        return decision(
            "reject",
            "Filialer är inte valbara; huvudmottagningen är inte angiven ($.enhet_huvudmottagning).",
            "Filials cannot be chosen; the main clinic is not given ($.enhet_huvudmottagning).",
        )
    return decision(
        "route",
        f"Filialer är inte valbara; listningen avser huvudmottagningen {main}.",
        f"Filials cannot be chosen; the listing goes to the main clinic {main}.",
        route=main,
        assigned=main,
    )
