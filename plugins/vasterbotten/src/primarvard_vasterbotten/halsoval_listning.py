"""Listing rules of vasterbotten.halsoval (chapter 4 Listning, 3.9 Filialmottagning).

Protected personal data (4.2): a person with ``skyddade_personuppgifter`` is never registered in
the listing system. The rule ``listning.skyddade_personuppgifter`` rejects such a listing; every
other listing rule answers ``not_applicable`` and refers to it, so that no listing rule produces a
listing decision or an assigned unit for that person. The rules that name an assigned unit
(ickeval, nyfodda, flytt_inom_lanet, filial) also need to know that the person is NOT protected:
an absent flag makes them ``indeterminate``. No rule reads or repeats the person's identity.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.calendar import add_months
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kandidat, Listning, Utfall, ValtAv, Valtyp
from primarvard_sdk.findings import decision, failed, indeterminate, not_applicable
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import iso, joined, rules

SKYDDADE_RULE = "vasterbotten.halsoval.listning.skyddade_personuppgifter"
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
            see_rule=SKYDDADE_RULE,
        )
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
    if (protected := _protected(listning)) is not None:
        return protected
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp is not Valtyp.aktivt_val:
        return not_applicable(
            f"Ingen aktiv val-listning ({listning.valtyp.value}); åldersgränsen gäller eget val.",
            f"Not an active choice ({listning.valtyp.value}); the age limit applies to one's own choice.",
        )
    missing = [p for p, v in (("$.person", listning.person), ("$.datum", listning.datum),
                               ("$.valt_av", listning.valt_av)) if v is None]
    if missing:
        return indeterminate(*missing)
    assert listning.person is not None and listning.datum is not None and listning.valt_av is not None
    min_age = ctx.param("min_age")
    age = listning.person.age_on(listning.datum)
    if age is None:
        return indeterminate("$.person.fodelsedatum")
    on = f"den {iso(listning.datum)} (listningsdagen)"
    on_en = f"on {iso(listning.datum)} (the listing day)"
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
            "bara för barn under 16 år (ställföreträdare vid nedsatt autonomi: valt_av=ombud).",
            f"The person is {min_age} or older ({age} {on_en}) and chooses themselves; a guardian "
            "chooses only for children under 16 (a representative for reduced autonomy: valt_av=ombud).",
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


@rules.implement("vasterbotten.halsoval.listning.far_ej_neka")
def far_ej_neka(listning: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(listning)) is not None:
        return protected
    if listning.person is None:
        return indeterminate("$.person")
    registered = listning.person.folkbokford_i_sverige
    if registered is None:
        return indeterminate("$.person.folkbokford_i_sverige")
    if not registered:
        return not_applicable(
            "Personen är inte folkbokförd i Sverige; förbudet att neka gäller folkbokförda.",
            "The person is not registered in Sweden; the ban on refusing covers registered persons.",
        )
    lawful: tuple[str, ...] = ctx.param("lawful_refusal_reasons")
    beslut = listning.beslut
    if beslut is not None and beslut.utfall is Utfall.avvisad:
        reasons = sorted(beslut.skal)
        if not any(s in lawful for s in reasons):
            return failed(
                "Hälsocentralen har nekat en person som är folkbokförd i Sverige "
                f"(skäl: {joined(reasons) or 'inga'}); det är inte tillåtet, oavsett folkbokföringsregion.",
                "The hälsocentral refused a person registered in Sweden "
                f"(reasons: {joined(reasons) or 'none'}); that is not allowed, whatever the region of registration.",
                decision="accept",
                refused_by_unit=True,
            )
    county = listning.person.folkbokford_lan
    other = county is not None and county != ctx.param("county")
    return decision(
        "accept",
        "Personen är folkbokförd i Sverige" + (" (i annan region)" if other else "")
        + " och får välja hälsocentralen; den får inte neka.",
        "The person is registered in Sweden" + (" (in another region)" if other else "")
        + " and may choose the hälsocentral; it may not refuse.",
        other_region=other,
    )


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
    if (protected := _protected(listning)) is not None:
        return protected
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp is not Valtyp.aktivt_val:
        return not_applicable(
            f"Ingen omlistning genom eget val ({listning.valtyp.value}); gränsen gäller byten.",
            f"Not a re-listing by one's own choice ({listning.valtyp.value}); the limit applies to changes.",
        )
    missing = [p for p, v in (("$.datum", listning.datum), ("$.tidigare_byten", listning.tidigare_byten)) if v is None]
    if missing:
        return indeterminate(*missing)
    assert listning.datum is not None and listning.tidigare_byten is not None
    limit = ctx.param("max_changes_per_year")
    special: tuple[str, ...] = ctx.param("special_reasons")
    year = listning.datum.year
    earlier = sorted(d for d in listning.tidigare_byten if d.year == year and d <= listning.datum)
    count = len(earlier) + 1
    counted_sv = (f"{len(earlier)} tidigare byten under kalenderåret {year} (fram till {iso(listning.datum)}) "
                  f"plus detta = {count}; högst {limit} per kalenderår")
    counted_en = (f"{len(earlier)} earlier changes in calendar year {year} (up to {iso(listning.datum)}) "
                  f"plus this one = {count}; at most {limit} per calendar year")
    values = {"changes_in_year": count, "year": year, "required": limit, "declared": count}
    if count <= limit:
        return decision("accept", f"{counted_sv}.", f"{counted_en}.", **values)
    reasons = sorted(set(listning.sarskilda_skal))
    known = [r for r in reasons if r in special]
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


def _area_unit(listning: Listning, ctx: RuleContext) -> tuple[str | None, Finding | None]:
    """The non-filial candidate whose areas hold the person's nyckelkodsområde."""
    assert listning.person is not None
    area = listning.person.nyckelkodsomrade
    if area is None:
        return None, indeterminate("$.person.nyckelkodsomrade")
    if not listning.kandidater:
        return None, indeterminate("$.kandidater")
    covering: list[Kandidat] = sorted(
        (k for k in listning.kandidater if area in k.nyckelkodsomraden), key=lambda k: k.enhet_id
    )
    units = sorted({k.enhet_id for k in covering if k.ar_filial is not True})
    if not units:
        return None, indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: ingen valbar kandidat (filialer undantagna) ansvarar för personens "
            "nyckelkodsområde ($.kandidater).",
            en="Cannot be decided: no choosable candidate (filials excluded) is responsible for the "
            "person's nyckelkodsområde ($.kandidater).",
        )
    if len(units) > 1:
        return None, indeterminate(
            "$.kandidater",
            sv=f"Kan inte avgöras: flera hälsocentraler ({joined(units)}) anges för samma "
            "nyckelkodsområde; texten avgör inte vilken ($.kandidater).",
            en=f"Cannot be decided: several hälsocentraler ({joined(units)}) are given for the same "
            "nyckelkodsområde; the text does not decide which ($.kandidater).",
            candidates=units,
        )
    return units[0], None


def _assigned(listning: Listning, unit: str, sv: str, en: str) -> Finding:
    """Accept with ``assigned``; fail when the listing names another unit."""
    if listning.enhet_id is not None and listning.enhet_id != unit:
        return failed(
            f"{sv} Listningen anger en annan enhet ({listning.enhet_id}).",
            f"{en} The listing names another unit ({listning.enhet_id}).",
            decision="accept",
            assigned=unit,
            declared=listning.enhet_id,
        )
    return decision("accept", sv, en, assigned=unit)


def _in_county(listning: Listning, ctx: RuleContext) -> Finding | None:
    assert listning.person is not None
    county = listning.person.folkbokford_lan
    if county is None:
        return indeterminate("$.person.folkbokford_lan")
    if county != ctx.param("county"):
        return decision(
            "reject",
            "Personen är inte folkbokförd i Västerbotten; ickevalsalternativ gäller bara folkbokförda i länet.",
            "The person is not registered in Västerbotten; the non-choice assignment applies only to "
            "persons registered in the county.",
        )
    return None


@rules.implement("vasterbotten.halsoval.listning.ickeval")
def ickeval(listning: Listning, ctx: RuleContext) -> Finding:
    if (guard := _assignment_guard(listning)) is not None:
        return guard
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp not in (Valtyp.ickeval, Valtyp.inflyttad):
        return not_applicable(
            f"Listningen är inte ett ickeval ({listning.valtyp.value}).",
            f"The listing is not a non-choice assignment ({listning.valtyp.value}).",
        )
    if (outside := _in_county(listning, ctx)) is not None:
        return outside
    unit, problem = _area_unit(listning, ctx)
    if problem is not None:
        return problem
    assert unit is not None
    moved = " (inflyttad, till dess eget val görs)" if listning.valtyp is Valtyp.inflyttad else ""
    moved_en = " (moved in, until they choose)" if listning.valtyp is Valtyp.inflyttad else ""
    return _assigned(
        listning, unit,
        f"Tilldelas {unit}, som ansvarar för nyckelkodsområdet för folkbokföringsadressen{moved}.",
        f"Assigned {unit}, responsible for the nyckelkodsområde of the registered address{moved_en}.",
    )


@rules.implement("vasterbotten.halsoval.listning.nyfodda")
def nyfodda(listning: Listning, ctx: RuleContext) -> Finding:
    if (guard := _assignment_guard(listning)) is not None:
        return guard
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp is not Valtyp.nyfodd:
        return not_applicable(
            f"Inte ett nyfött barn utan gjort val ({listning.valtyp.value}).",
            f"Not a newborn without a choice made ({listning.valtyp.value}).",
        )
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
    if (guard := _assignment_guard(listning)) is not None:
        return guard
    if listning.valtyp is None:
        return indeterminate("$.valtyp")
    if listning.valtyp is Valtyp.aktivt_val:
        return not_applicable(
            "Ett nytt eget val är gjort; det gäller i stället.",
            "A new choice has been made; it applies instead.",
        )
    if listning.valtyp is Valtyp.nyfodd:
        return not_applicable(
            "Nyfött barn utan val: se listning.nyfodda.", "Newborn without a choice: see listning.nyfodda."
        )
    if listning.tidigare_valtyp is None:
        return indeterminate("$.tidigare_valtyp")
    if (outside := _in_county(listning, ctx)) is not None:
        return outside
    if listning.tidigare_valtyp is Valtyp.aktivt_val:
        if listning.tidigare_enhet is None:
            return indeterminate("$.tidigare_enhet")
        return _assigned(
            listning, listning.tidigare_enhet,
            f"Eget val: personen tillhör den valda hälsocentralen ({listning.tidigare_enhet}) till dess ett nytt val görs.",
            f"Own choice: the person stays with the chosen hälsocentral ({listning.tidigare_enhet}) until choosing again.",
        )
    unit, problem = _area_unit(listning, ctx)
    if problem is not None:
        return problem
    assert unit is not None
    return _assigned(
        listning, unit,
        f"Tidigare tilldelad utan eget val ({listning.tidigare_valtyp.value}): tilldelas {unit}, som ansvarar "
        "för den nya folkbokföringsadressens område.",
        f"Earlier assigned without a choice ({listning.tidigare_valtyp.value}): assigned {unit}, responsible "
        "for the new registered address's area.",
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
        return not_applicable("Inget listningstak är beviljat.", "No listing cap is granted.")
    if lage.listade is None:
        return indeterminate("$.listningslage.listade")
    values: dict[str, Any] = {"required": lage.tak, "declared": lage.listade}
    if lage.listade <= lage.tak:
        return decision(
            "accept",
            f"{lage.listade} listade överstiger inte taket {lage.tak} (överstiger = strikt fler).",
            f"{lage.listade} listed does not exceed the cap {lage.tak} (exceeds = strictly more).",
            **values,
        )
    over_sv = f"{lage.listade} listade överstiger taket {lage.tak}: den aktiva listningen är stoppad"
    over_en = f"{lage.listade} listed exceeds the cap {lage.tak}: active listing is stopped"
    if listning.valtyp is None:
        return indeterminate("$.valtyp", **values)
    if listning.boende_sarskilt_boende is None:
        return indeterminate("$.boende_sarskilt_boende", **values)
    if listning.boende_sarskilt_boende:
        return decision(
            "accept",
            f"{over_sv}, men boende i särskilt boende som hälsocentralen ansvarar för får lista sig.",
            f"{over_en}, but residents of a special housing the hälsocentral serves may list.",
            **values,
        )
    return decision("reject", f"{over_sv}.", f"{over_en}.", **values)


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
        return not_applicable("Inget listningsstopp är beviljat.", "No listing stop is granted.")
    if listning.datum is None:
        return indeterminate("$.datum")
    months = ctx.param("max_months")
    start, declared_end = lage.stopp.fran, lage.stopp.till
    max_end: date = add_months(start, months)
    too_long = declared_end is None or declared_end > max_end
    end = max_end if too_long else declared_end
    assert end is not None
    values: dict[str, Any] = {"stop_from": start, "stop_until": end, "stop_max_until": max_end, "stop_valid": not too_long}
    limit_sv = (f"Stoppet från {iso(start)} får vara högst {months} månader, till och med {iso(max_end)}"
                + (f"; det angivna slutet ({iso(declared_end) if declared_end else 'inget'}) överskrider "
                   "maxtiden och gäller inte därefter" if too_long else "") + ".")
    limit_en = (f"The stop from {iso(start)} may last at most {months} months, up to and including {iso(max_end)}"
                + (f"; the declared end ({iso(declared_end) if declared_end else 'none'}) exceeds the maximum "
                   "and is not in force after it" if too_long else "") + ".")
    day = listning.datum
    if not start <= day <= end:
        return decision(
            "accept",
            f"Listningsdagen {iso(day)} ligger utanför stoppet i kraft. {limit_sv}",
            f"The listing day {iso(day)} is outside the stop in force. {limit_en}",
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



# --- Vectorised twin (issue 8: population-scale evaluation) ------------------------------------
# Gives, row by row, what eget_val_alder gives (tests/test_batch_agreement.py checks it).

from collections.abc import Mapping  # noqa: E402 - kept with the twin it serves

from primarvard_sdk.vectorised import Column  # noqa: E402


def _birth_on_listing_day(listning: Listning) -> date | None:
    if listning.person is None or listning.datum is None:
        return None
    return listning.person.birth_date(listning.datum)


@rules.vectorised(
    "vasterbotten.halsoval.listning.eget_val_alder",
    Column("person", "flag", get=lambda listning: listning.person is not None),
    Column("skyddade", "flag", path="person.skyddade_personuppgifter"),
    Column("valtyp", "code"),
    Column("datum", "day"),
    Column("valt_av", "code"),
    Column("fodd", "day", path="person.fodelsedatum", get=_birth_on_listing_day),
    Column("folkbokford", "flag", path="person.folkbokford_i_sverige"),
)
def eget_val_alder_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    valtyp, valt_av = cols["valtyp"], cols["valt_av"]
    no_person = cols["person"] != 1
    min_age, not_in_force = batch.in_force(ctx, "min_age")
    age = batch.full_years(cols["fodd"], cols["datum"])
    young = age < (min_age or 0)  # rows use it only when min_age is in force
    by_guardian = batch.codes_equal(valt_av, ValtAv.vardnadshavare)
    by_representative = batch.codes_equal(valt_av, ValtAv.ombud)
    accept = by_representative | (by_guardian & young) | (~by_guardian & ~young & (cols["folkbokford"] == 1))
    return batch.finding(
        len(valtyp),
        (~no_person & (cols["skyddade"] == 1), Outcome.not_applicable, "skyddade_personuppgifter"),
        (batch.codes_equal(valtyp, ""), Outcome.indeterminate, "missing:$.valtyp"),
        (~batch.codes_equal(valtyp, Valtyp.aktivt_val), Outcome.not_applicable, "not_active_choice"),
        *batch.missing(**{"$.person": no_person, "$.datum": np.isnat(cols["datum"]),
                          "$.valt_av": batch.codes_equal(valt_av, "")}),
        not_in_force,
        (np.isnat(cols["fodd"]), Outcome.indeterminate, "missing:$.person.fodelsedatum"),
        (by_representative, Outcome.passed, "ombud"),
        (by_guardian & young, Outcome.passed, "guardian_for_child"),
        (by_guardian, Outcome.fail, "guardian_for_adult"),
        (young, Outcome.fail, "under_age"),
        (cols["folkbokford"] == -1, Outcome.indeterminate, "missing:$.person.folkbokford_i_sverige"),
        (cols["folkbokford"] == 0, Outcome.fail, "not_registered"),
        default=Outcome.passed,
        values={"age": age, "decision": np.where(accept, "accept", "reject")},
    )


# --- More vectorised twins: the listing decisions that are flags, codes and counts ---------------
# Each mirrors its rule function's checks in the same order: protected person first
# (not_applicable, see listning.skyddade_personuppgifter), then the indeterminate paths, then the
# parameters where the function reads them (batch.in_force), then the decision.
#
# Lists of reason codes (Beslut.skal, sarskilda_skal) arrive as one code column each, the codes
# joined by ",", because whether a code counts depends on a parameter in force on as_of.

_CODE_SEPARATOR = ","


def _joined_codes(codes: tuple[str, ...] | None) -> str | None:
    return None if codes is None else _CODE_SEPARATOR.join(codes)


def _any_code_in(column: Any, allowed: Any) -> Any:
    """Per row: whether any code of a joined code column is in ``allowed``."""
    import numpy as np

    allowed = set(allowed or ())
    return np.array([any(c in allowed for c in str(v).split(_CODE_SEPARATOR) if c) for v in column], dtype=bool)


def _person_columns() -> tuple[Column, Column]:
    return (
        Column("person", "flag", get=lambda listning: listning.person is not None),
        Column("skyddade", "flag", path="person.skyddade_personuppgifter"),
    )


def _protected_case(cols: Mapping[str, Any]) -> tuple[Any, Any, str]:
    from primarvard_sdk.model import Outcome

    return ((cols["person"] == 1) & (cols["skyddade"] == 1), Outcome.not_applicable, "skyddade_personuppgifter")


def _protection_unknown_cases(cols: Mapping[str, Any]) -> list[tuple[Any, Any, str]]:
    from primarvard_sdk.model import Outcome

    no_person = cols["person"] != 1
    return [
        (no_person, Outcome.indeterminate, "missing:$.person"),
        (cols["skyddade"] == -1, Outcome.indeterminate, "missing:$.person.skyddade_personuppgifter"),
    ]


@rules.vectorised("vasterbotten.halsoval.listning.skyddade_personuppgifter", *_person_columns())
def skyddade_personuppgifter_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    protected = cols["skyddade"] == 1
    return batch.finding(
        len(cols["person"]),
        *_protection_unknown_cases(cols),
        (protected, Outcome.fail, "skyddade_personuppgifter"),
        default=Outcome.passed,
        values={"decision": np.where(protected, "reject", "accept"), "listing_record": ~protected},
    )


@rules.vectorised(
    "vasterbotten.halsoval.listning.far_ej_neka",
    *_person_columns(),
    Column("folkbokford", "flag", path="person.folkbokford_i_sverige"),
    Column("folkbokford_lan", "code", path="person.folkbokford_lan"),
    Column("avvisad", "flag", path="beslut.utfall",
           get=lambda listning: None if listning.beslut is None else listning.beslut.utfall is Utfall.avvisad),
    Column("skal", "code", path="beslut.skal",
           get=lambda listning: None if listning.beslut is None else _joined_codes(listning.beslut.skal)),
)
def far_ej_neka_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    rows = len(cols["person"])
    lawful, lawful_not_in_force = batch.in_force(ctx, "lawful_refusal_reasons")
    county, county_not_in_force = batch.in_force(ctx, "county")
    refused = (cols["avvisad"] == 1) & ~_any_code_in(cols["skal"], lawful)
    lan = cols["folkbokford_lan"]
    other = ~batch.codes_equal(lan, "") & ~batch.codes_equal(lan, "" if county is None else str(county))
    return batch.finding(
        rows,
        _protected_case(cols),
        (cols["person"] != 1, Outcome.indeterminate, "missing:$.person"),
        (cols["folkbokford"] == -1, Outcome.indeterminate, "missing:$.person.folkbokford_i_sverige"),
        (cols["folkbokford"] == 0, Outcome.not_applicable, "not_registered"),
        lawful_not_in_force,
        (refused, Outcome.fail, "refused"),
        county_not_in_force,
        default=Outcome.passed,
        values={"decision": np.full(rows, "accept"), "refused_by_unit": refused, "other_region": other},
    )


@rules.vectorised(
    "vasterbotten.halsoval.listning.kollektiv_listning",
    *_person_columns(),
    Column("kollektiv_listning_kravd", "flag"),
    Column("formaner_erbjudna", "flag"),
)
def kollektiv_listning_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    kravd, formaner = cols["kollektiv_listning_kravd"], cols["formaner_erbjudna"]
    not_allowed = (kravd == 1) | (formaner == 1)
    return batch.finding(
        len(kravd),
        _protected_case(cols),
        (not_allowed, Outcome.fail, "not_allowed"),
        *batch.missing(**{"$.kollektiv_listning_kravd": kravd == -1, "$.formaner_erbjudna": formaner == -1}),
        default=Outcome.passed,
        values={"decision": np.where(not_allowed, "reject", "accept")},
    )


def _earlier_changes_in_year(listning: Listning) -> int | None:
    """How many earlier changes fall in the listing day's calendar year, up to that day."""
    if listning.tidigare_byten is None:
        return None
    if listning.datum is None:
        return 0  # the row is indeterminate for $.datum; the count is not used
    year = listning.datum.year
    return sum(1 for d in listning.tidigare_byten if d.year == year and d <= listning.datum)


@rules.vectorised(
    "vasterbotten.halsoval.listning.max_byten",
    *_person_columns(),
    Column("valtyp", "code"),
    Column("datum", "day"),
    Column("tidigare_byten_i_ar", "number", path="tidigare_byten", get=_earlier_changes_in_year),
    Column("sarskilda_skal", "code", get=lambda listning: _joined_codes(tuple(sorted(set(listning.sarskilda_skal))))),
)
def max_byten_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    valtyp, datum, earlier = cols["valtyp"], cols["datum"], cols["tidigare_byten_i_ar"]
    rows = len(valtyp)
    limit, limit_not_in_force = batch.in_force(ctx, "max_changes_per_year")
    special, special_not_in_force = batch.in_force(ctx, "special_reasons")
    count = np.where(np.isnan(earlier), 0, earlier).astype(np.int64) + 1
    within = count <= (limit if limit is not None else 0)
    known = _any_code_in(cols["sarskilda_skal"], special)
    given = ~batch.codes_equal(cols["sarskilda_skal"], "")
    route = ~within & ~known & given
    reject = ~within & ~known & ~given
    year = np.where(np.isnat(datum), 0, datum.astype("datetime64[Y]").astype(np.int64) + 1970)
    return batch.finding(
        rows,
        _protected_case(cols),
        (batch.codes_equal(valtyp, ""), Outcome.indeterminate, "missing:$.valtyp"),
        (~batch.codes_equal(valtyp, Valtyp.aktivt_val), Outcome.not_applicable, "not_active_choice"),
        *batch.missing(**{"$.datum": np.isnat(datum), "$.tidigare_byten": np.isnan(earlier)}),
        limit_not_in_force,
        special_not_in_force,
        (within, Outcome.passed, "within_limit"),
        (known, Outcome.passed, "special_reasons"),
        (given, Outcome.warning, "regionens_provning"),
        default=Outcome.fail,
        values={
            "decision": np.where(route, "route", np.where(reject, "reject", "accept")),
            "route": np.where(route, "regionens_provning", ""),
            "changes_in_year": count,
            "year": year,
            "required": np.full(rows, limit if limit is not None else 0, dtype=np.int64),
            "declared": count,
        },
    )


@rules.vectorised(
    "vasterbotten.halsoval.listning.filial",
    *_person_columns(),
    Column("valtyp", "code"),
    Column("enhet_ar_filial", "flag"),
    Column("enhet_huvudmottagning", "code"),
)
def filial_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    valtyp, is_filial, main = cols["valtyp"], cols["enhet_ar_filial"], cols["enhet_huvudmottagning"]
    non_choice = np.isin(valtyp, [v.value for v in _NON_CHOICE])
    no_main = batch.codes_equal(main, "")
    return batch.finding(
        len(valtyp),
        _protected_case(cols),
        ((is_filial == -1) & non_choice, Outcome.not_applicable, "non_choice"),
        (is_filial == -1, Outcome.indeterminate, "missing:$.enhet_ar_filial"),
        (is_filial == 0, Outcome.passed, "not_filial"),
        *_protection_unknown_cases(cols),
        (no_main, Outcome.fail, "no_main_clinic"),
        default=Outcome.warning,
        values={
            "decision": np.where(is_filial == 0, "accept", np.where(no_main, "reject", "route")),
            "route": np.where(no_main, "", main),
            "assigned": np.where(no_main, "", main),
        },
    )


@rules.vectorised(
    "vasterbotten.halsoval.listning.nyfodda",
    *_person_columns(),
    Column("valtyp", "code"),
    Column("vardnadshavares_enhet", "code"),
    Column("enhet_id", "code"),
)
def nyfodda_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    valtyp, unit, declared = cols["valtyp"], cols["vardnadshavares_enhet"], cols["enhet_id"]
    other_unit = ~batch.codes_equal(declared, "") & (declared != unit)
    return batch.finding(
        len(valtyp),
        _protected_case(cols),
        *_protection_unknown_cases(cols),
        (batch.codes_equal(valtyp, ""), Outcome.indeterminate, "missing:$.valtyp"),
        (~batch.codes_equal(valtyp, Valtyp.nyfodd), Outcome.not_applicable, "not_newborn"),
        (batch.codes_equal(unit, ""), Outcome.indeterminate, "missing:$.vardnadshavares_enhet"),
        (other_unit, Outcome.fail, "other_unit"),
        default=Outcome.passed,
        values={"decision": np.full(len(valtyp), "accept"), "assigned": unit},
    )


def _exempt_case(cols: Mapping[str, Any]) -> tuple[Any, Any, str]:
    import numpy as np

    from primarvard_sdk.model import Outcome

    return (np.isin(cols["valtyp"], [v.value for v in _NON_CHOICE]), Outcome.passed, "non_choice")


@rules.vectorised(
    "vasterbotten.halsoval.listning.listningstak",
    *_person_columns(),
    Column("valtyp", "code"),
    Column("listningslage", "flag", get=lambda listning: listning.listningslage is not None),
    Column("tak", "number", path="listningslage.tak"),
    Column("listade", "number", path="listningslage.listade"),
    Column("boende_sarskilt_boende", "flag"),
)
def listningstak_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    valtyp, tak, listade, boende = cols["valtyp"], cols["tak"], cols["listade"], cols["boende_sarskilt_boende"]
    within = listade <= tak  # False where either is NaN; those rows are decided earlier
    exempt, _, _ = _exempt_case(cols)
    return batch.finding(
        len(valtyp),
        _protected_case(cols),
        _exempt_case(cols),
        (cols["listningslage"] != 1, Outcome.indeterminate, "missing:$.listningslage"),
        (np.isnan(tak), Outcome.not_applicable, "no_cap"),
        (np.isnan(listade), Outcome.indeterminate, "missing:$.listningslage.listade"),
        (within, Outcome.passed, "within_cap"),
        (batch.codes_equal(valtyp, ""), Outcome.indeterminate, "missing:$.valtyp"),
        (boende == -1, Outcome.indeterminate, "missing:$.boende_sarskilt_boende"),
        (boende == 1, Outcome.passed, "sarskilt_boende"),
        default=Outcome.fail,
        values={
            "decision": np.where(exempt | within | (boende == 1), "accept", "reject"),
            "required": tak,
            "declared": listade,
        },
    )


@rules.vectorised(
    "vasterbotten.halsoval.listning.listningsstopp",
    *_person_columns(),
    Column("valtyp", "code"),
    Column("datum", "day"),
    Column("listningslage", "flag", get=lambda listning: listning.listningslage is not None),
    Column("stopp_fran", "day", path="listningslage.stopp.fran"),
    Column("stopp_till", "day", path="listningslage.stopp.till"),
)
def listningsstopp_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    valtyp, day, start, declared_end = cols["valtyp"], cols["datum"], cols["stopp_fran"], cols["stopp_till"]
    months, not_in_force = batch.in_force(ctx, "max_months")
    max_end = batch.add_months(start, months if months is not None else 0)
    too_long = np.isnat(declared_end) | (declared_end > max_end)
    end = np.where(too_long, max_end, declared_end)
    inside = (start <= day) & (day <= end)  # False where any is NaT; those rows are decided earlier
    exempt, _, _ = _exempt_case(cols)
    return batch.finding(
        len(valtyp),
        _protected_case(cols),
        _exempt_case(cols),
        (cols["listningslage"] != 1, Outcome.indeterminate, "missing:$.listningslage"),
        (np.isnat(start), Outcome.not_applicable, "no_stop"),
        (np.isnat(day), Outcome.indeterminate, "missing:$.datum"),
        not_in_force,
        (~inside, Outcome.passed, "outside_stop"),
        (batch.codes_equal(valtyp, ""), Outcome.indeterminate, "missing:$.valtyp"),
        default=Outcome.fail,
        values={
            "decision": np.where(exempt | ~inside, "accept", "reject"),
            "stop_from": start,
            "stop_until": end,
            "stop_max_until": max_end,
            "stop_valid": ~too_long,
        },
    )
