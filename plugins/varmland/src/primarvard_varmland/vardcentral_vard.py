"""varmland.vardcentral: care contacts, referrals, follow-up and the UMM allocation (the rules stated as
shapes are in ``vardcentral_shapes``)."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.domain import (
    Forandringstyp,
    Fordelning,
    Fordelningstyp,
    Remiss,
    Remisstyp,
    Uppfoljning,
    Vardkontakt,
    Yrke,
)
from primarvard_sdk.findings import (
    calendar_day_note,
    deadline,
    deadline_outcome,
    decision,
    finding,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_varmland.vardcentral_common import (
    DAY_SV,
    code,
    codes,
    day_key,
    exact,
    fmt_hours,
    is_open_at,
    parse_time,
    rules,
)

# --- Vardkontakt ------------------------------------------------------------------------------


@rules.implement("varmland.vardcentral.vardkontakt.samma_dag_fore_17")
def samma_dag_fore_17(contact: Vardkontakt, ctx: RuleContext) -> Finding:
    cutoff = parse_time(ctx.param("cutoff"))
    forbidden = [str(c) for c in ctx.param("forbidden_referrals")]
    if contact.listad_vid_enheten is False:
        return not_applicable(
            "Patienten är inte listad vid vårdcentralen (skyldigheten gäller den valda vårdcentralen).",
            "The patient is not listed at the vårdcentral (the duty is the chosen vårdcentral's).",
        )
    if contact.behov_samma_dag is False:
        return not_applicable(
            "Patienten bedömdes inte behöva tid samma dag.", "The patient was not judged to need an appointment the same day."
        )
    if not isinstance(contact.sokte, datetime):
        return indeterminate(
            "$.sokte",
            sv="Kan inte avgöras: klockslaget då patienten kontaktade vårdcentralen saknas ($.sokte).",
            en="Cannot be decided: the time of day the patient contacted the vårdcentral is missing ($.sokte).",
        )
    local = calendar.to_local(contact.sokte)
    at = f"{local:%Y-%m-%d %H:%M}"
    if local.time().replace(tzinfo=None) >= cutoff:
        return not_applicable(
            f"Kontakten {at} skedde inte före kl. {cutoff:%H:%M}.",
            f"The contact at {at} was not before {cutoff:%H:%M}.",
        )
    schedule = getattr(contact, "ordinarie_oppettider", None)
    if schedule is not None and not is_open_at(schedule, contact.sokte):
        return not_applicable(
            f"Kontakten {at} skedde utanför vårdcentralens ordinarie öppettid ({DAY_SV[day_key(local.date())]}); "
            "övrig tid gäller jour- och beredskapsansvaret.",
            f"The contact at {at} was made outside the vårdcentral's ordinary opening hours ({day_key(local.date())}); "
            "at other times the jour and on-call duty applies.",
        )
    missing = [f"$.{name}" for name in ("listad_vid_enheten", "behov_samma_dag", "ordinarie_oppettider")
               if getattr(contact, name, None) is None]
    if missing:
        return indeterminate(*missing)
    day = local.date().isoformat()
    referred = code(contact.hanvisad_till)
    if referred in forbidden:
        return decision(
            "reject",
            f"Kontakt {at} (under ordinarie öppettid, före kl. {cutoff:%H:%M}) med behov av tid samma dag hänvisades till "
            f"{referred}; patienten ska tas om hand av den valda vårdcentralen samma dag ({day}).",
            f"Contact at {at} (during ordinary opening hours, before {cutoff:%H:%M}) needing an appointment the same day "
            f"was referred to {referred}; the chosen vårdcentral must take care of the patient that day ({day}).",
            referred_to=referred,
            contact_day=local.date(),
        )
    if contact.omhandertagen_samma_dag is None:
        return indeterminate("$.omhandertagen_samma_dag", contact_day=local.date())
    if not contact.omhandertagen_samma_dag:
        return decision(
            "reject",
            f"Kontakt {at} (under ordinarie öppettid, före kl. {cutoff:%H:%M}) med behov av tid samma dag togs inte om "
            f"hand samma dag ({day}).",
            f"Contact at {at} (during ordinary opening hours, before {cutoff:%H:%M}) needing an appointment the same day "
            f"was not taken care of that day ({day}).",
            contact_day=local.date(),
        )
    return decision(
        "accept",
        f"Kontakt {at} (under ordinarie öppettid, före kl. {cutoff:%H:%M}) togs om hand samma dag av vårdcentralen.",
        f"Contact at {at} (during ordinary opening hours, before {cutoff:%H:%M}) was taken care of the same day by the "
        "vårdcentral.",
        contact_day=local.date(),
    )


# --- Remiss -----------------------------------------------------------------------------------


@rules.implement("varmland.vardcentral.remiss.medicinsk_fotvard")
def medicinsk_fotvard(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is None:
        return indeterminate("$.typ")
    if remiss.typ is not Remisstyp.medicinsk_fotvard:
        return not_applicable(
            "Remissen gäller inte nybesök i medicinsk fotvård.", "The referral is not for a new visit in medical foot care."
        )
    issuers = [str(c) for c in ctx.param("issuers")]
    nurses = frozenset(Yrke(c) for c in ctx.param("nurse_professions"))
    issuer = remiss.utfardare
    if issuer is None:
        return indeterminate("$.utfardare")
    professions = [c for c in issuers if c in {y.value for y in Yrke}]
    nurse_titles = [c for c in issuers if c not in professions]
    who_sv = "läkare, distriktssköterska och diabetessjuksköterska"
    if issuer.yrke is None:
        return indeterminate("$.utfardare.yrke")
    if issuer.yrke.value in professions:
        return decision(
            "accept",
            f"Remissutfärdaren ({issuer.yrke.value}) får remittera till medicinsk fotvård ({who_sv}).",
            f"The issuer ({issuer.yrke.value}) may refer to medical foot care (physician, district nurse, diabetes nurse).",
            issuer=[issuer.yrke.value],
        )
    # A district or diabetes nurse is a nurse with that specialisation; a barnmorska is a licensed nurse with a
    # further degree, so a midwife who holds the specialisation is one too (nurse_professions).
    if issuer.yrke in nurses:
        if issuer.specialiteter is None:
            return indeterminate("$.utfardare.specialiteter")
        matched = sorted(set(codes(issuer.specialiteter)) & set(nurse_titles))
        if matched:
            return decision(
                "accept",
                f"Remissutfärdaren ({issuer.yrke.value}, {', '.join(matched)}) får remittera till medicinsk fotvård "
                f"({who_sv}).",
                f"The issuer ({issuer.yrke.value}, {', '.join(matched)}) may refer to medical foot care (physician, "
                "district nurse, diabetes nurse).",
                issuer=matched,
            )
    return decision(
        "reject",
        f"Remiss för nybesök i medicinsk fotvård får utföras av {who_sv}; utfärdaren är {issuer.yrke.value}"
        f"{' utan specialistutbildning till distrikts- eller diabetessjuksköterska' if issuer.yrke in nurses else ''}.",
        f"A referral for a new visit in medical foot care may be issued by a physician, a district nurse or a diabetes "
        f"nurse; the issuer is {issuer.yrke.value}"
        f"{' without a district or diabetes nurse specialisation' if issuer.yrke in nurses else ''}.",
        issuer=[issuer.yrke.value],
    )


# --- Uppfoljning ------------------------------------------------------------------------------

_RANK = {Outcome.missed: 0, Outcome.open: 1, Outcome.met: 2}


def _contradictions(pairs: list[tuple[str, str]], **values: Any) -> Finding:
    """indeterminate for recorded days that cannot be right, each (path, the path it lies before)."""
    if len(pairs) == 1:
        return inconsistent(*pairs[0], **values)
    listed = ", ".join(f"{path} före {against}" for path, against in pairs)
    listed_en = ", ".join(f"{path} before {against}" for path, against in pairs)
    return indeterminate(
        *[path for path, _ in pairs],
        sv=f"Kan inte avgöras: {listed}; uppgifterna kan inte stämma.",
        en=f"Cannot be decided: {listed_en}; the records cannot be right.",
        inconsistent=[path for path, _ in pairs],
        **values,
    )


def _param_on(ctx: RuleContext, name: str, day: date) -> Any | None:
    """The parameter in force on ``day`` (an event's own day), or None when no rulebook edition
    covers that day."""
    try:
        return ctx.param(name, on=day)
    except ParameterNotInForce:
        return None


@rules.implement("varmland.vardcentral.uppfoljning.naromradesplan")
def naromradesplan(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    events = sorted(
        ((i, f) for i, f in enumerate(doc.forandringar) if f.typ is Forandringstyp.vardgivare_upphor),
        key=lambda p: (p[1].datum, p[1].genomford or date.max, p[0]),
    )
    if not events:
        return not_applicable(
            "Ingen vårdgivare har upphört (forandringar typ vardgivare_upphor).",
            "No care provider has ceased (forandringar typ vardgivare_upphor).",
        )
    judged = []
    outside: list[date] = []
    contradicted: list[tuple[str, str]] = []
    for i, f in events:
        months = _param_on(ctx, "months_after", f.datum)
        if months is None:
            outside.append(f.datum)
            continue
        if f.genomford is not None and f.genomford < f.datum:
            # "revidera planen senast en månad efter upphörandet": the revision owed is one made after
            # the provider ceased; a revision dated before it cannot be the one recorded for it.
            contradicted.append((f"$.forandringar[{i}].genomford", f"$.forandringar[{i}].datum"))
            continue
        judged.append((calendar.add_months(f.datum, int(months)), int(months), f))
    if not judged and not contradicted:
        return not_applicable(
            f"Ingen regelbok gäller dagarna då vårdgivare upphörde ({', '.join(d.isoformat() for d in outside)}).",
            f"No rulebook edition covers the days the care providers ceased ({', '.join(d.isoformat() for d in outside)}).",
            reason="no_rulebook_in_force",
        )
    worst = min(
        judged, key=lambda p: (_RANK[deadline_outcome(p[0], p[2].genomford, ctx.as_of)], p[2].datum), default=None
    )
    if contradicted and (worst is None or deadline_outcome(worst[0], worst[2].genomford, ctx.as_of) is not Outcome.missed):
        return _contradictions(contradicted, events=len(events))
    assert worst is not None
    due, months, event = worst
    note_sv, note_en = calendar_day_note(due)
    return deadline(
        due,
        event.genomford,
        ctx.as_of,
        f"Närområdesplanen ska revideras senast {due.isoformat()} ({months} månad efter att vårdgivaren "
        f"upphörde {event.datum.isoformat()}).{note_sv}",
        f"The local area plan must be revised by {due.isoformat()} ({months} month after the care provider "
        f"ceased {event.datum.isoformat()}).{note_en}",
        ceased=event.datum,
        events=len(events),
        due_is_vardag=calendar.is_vardag(due),
    )


@rules.implement("varmland.vardcentral.uppfoljning.aterinskrivning_30_dagar")
def aterinskrivning_30_dagar(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.vardtillfallen is None:
        return indeterminate("$.vardtillfallen")
    if not doc.vardtillfallen:
        return not_applicable("Inga vårdtillfällen.", "No inpatient stays.")
    windows: list[dict[str, Any]] = []
    missing: list[str] = []
    contradicted: list[tuple[str, str]] = []
    days = 0
    for i, stay in sorted(enumerate(doc.vardtillfallen), key=lambda p: (p[1].utskriven, p[0])):
        in_force = _param_on(ctx, "calendar_days", stay.utskriven)
        if in_force is None:
            continue
        days = int(in_force)
        due = calendar.add_calendar_days(stay.utskriven, days)
        back = stay.aterinskriven
        if back is not None and back < stay.utskriven:
            # A readmission ("återinskrivning") follows the discharge; one dated before it cannot be right.
            contradicted.append((f"$.vardtillfallen[{i}].aterinskriven", f"$.vardtillfallen[{i}].utskriven"))
            continue
        within = back is not None and stay.utskriven <= back <= due
        if within and stay.planerad is None:
            missing.append(f"$.vardtillfallen[{i}].planerad")
        counts = within and stay.planerad is False
        state = Outcome.missed if counts else (Outcome.open if back is None and ctx.as_of <= due else Outcome.met)
        windows.append({"utskriven": stay.utskriven, "due": due, "aterinskriven": back,
                        "readmission": counts, "outcome": state.value})
    if not windows and not contradicted:
        return not_applicable(
            "Ingen regelbok gäller utskrivningsdagarna.", "No rulebook edition covers the discharge days.",
            reason="no_rulebook_in_force",
        )
    readmissions = [w for w in windows if w["readmission"]]
    if contradicted and not readmissions:
        if missing:
            found = _contradictions(contradicted, windows=windows)
            return indeterminate(
                *found.missing, *missing,
                sv=f"{found.explanation.sv} Dessutom saknas: {', '.join(missing)}.",
                en=f"{found.explanation.en} Also missing: {', '.join(missing)}.",
                **found.values,
            )
        return _contradictions(contradicted, windows=windows)
    if missing and not readmissions:
        return indeterminate(*missing, windows=windows)
    opened = [w for w in windows if w["outcome"] == Outcome.open.value]
    decisive = readmissions[0] if readmissions else (opened[-1] if opened else windows[-1])
    outcome = Outcome.missed if readmissions else (Outcome.open if opened else Outcome.met)
    summary_sv = (f"{len(readmissions)} oplanerad(e) återinskrivning(ar) inom {days} dagar efter utskrivning "
                  f"av {len(windows)} vårdtillfällen")
    summary_en = f"{len(readmissions)} unplanned readmission(s) within {days} days of discharge out of {len(windows)} stays"
    detail_sv = (f"; första: utskriven {decisive['utskriven'].isoformat()}, återinskriven {decisive['aterinskriven']}, "
                 f"fönstret t.o.m. {decisive['due'].isoformat()}") if readmissions else (
                 f"; fönster öppet t.o.m. {decisive['due'].isoformat()}" if opened else "")
    detail_en = (f"; first: discharged {decisive['utskriven'].isoformat()}, readmitted {decisive['aterinskriven']}, "
                 f"window through {decisive['due'].isoformat()}") if readmissions else (
                 f"; window open through {decisive['due'].isoformat()}" if opened else "")
    return finding(
        outcome,
        summary_sv + detail_sv + ".",
        summary_en + detail_en + ".",
        due=decisive["due"],
        actual=decisive["aterinskriven"],
        readmissions=len(readmissions),
        windows=windows,
    )


# --- Fordelning (UMM) -------------------------------------------------------------------------


def _display(value: Fraction) -> float:
    """A share for display: rounded to four decimals (the comparison uses the exact value)."""
    return round(float(value), 4)


@rules.implement("varmland.vardcentral.vardenhet.umm_lakartid")
def umm_lakartid(doc: Fordelning, ctx: RuleContext) -> Finding:
    if doc.avser is not Fordelningstyp.umm_lakartid:
        return not_applicable(
            f"Fördelningen avser {doc.avser}, inte umm_lakartid.", f"The allocation is for {doc.avser}, not umm_lakartid."
        )
    if doc.enheter is None:
        return indeterminate("$.enheter")
    if not doc.enheter:
        return not_applicable(
            "Inga vårdcentraler i kommunen att fördela läkarbemanningen mellan.",
            "No vårdcentraler in the municipality to split the physician staffing between.",
        )
    ids = [a.enhet_id for a in doc.enheter]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        paths = [f"$.enheter[{n}].enhet_id" for n, i in enumerate(ids) if i in duplicates]
        return indeterminate(
            *paths,
            sv=f"Kan inte avgöras: samma enhet förekommer flera gånger ({', '.join(duplicates)}).",
            en=f"Cannot be decided: the same unit occurs more than once ({', '.join(duplicates)}).",
        )
    hours, per = exact(ctx.param("hours")), exact(ctx.param("per_youths"))
    youths = getattr(doc, "underlag_omrade", None)
    if youths is None:
        return indeterminate(
            "$.underlag_omrade",
            sv="Kan inte avgöras: antalet ungdomar i kommunen saknas ($.underlag_omrade); kravet 10 timmar per 3 500 "
            "ungdomar gäller kommunen och fördelas sedan efter listade ungdomar.",
            en="Cannot be decided: the number of young people in the municipality is missing ($.underlag_omrade); the "
            "requirement of 10 hours per 3 500 young people is set for the municipality and then split by listed "
            "young people.",
        )
    listed = sum(a.underlag for a in doc.enheter)
    total = hours * youths / per
    if listed == 0:
        if total == 0:
            shares = {a.enhet_id: Fraction(0) for a in doc.enheter}
        else:
            return indeterminate(
                *[f"$.enheter[{n}].underlag" for n in range(len(doc.enheter))],
                sv="Kan inte avgöras: inga listade ungdomar att fördela kommunens läkarbemanning efter.",
                en="Cannot be decided: no listed young people to split the municipality's physician staffing by.",
            )
    else:
        shares = {a.enhet_id: total * a.underlag / listed for a in doc.enheter}
    below = sorted(a.enhet_id for a in doc.enheter
                   if a.deklarerade_timmar is not None and exact(a.deklarerade_timmar) < shares[a.enhet_id])
    undeclared = [f"$.enheter[{n}].deklarerade_timmar" for n, a in enumerate(doc.enheter) if a.deklarerade_timmar is None]
    values: dict[str, Any] = {
        "allocation": {k: _display(shares[k]) for k in sorted(shares)},
        "allocation_exact": {k: str(shares[k]) for k in sorted(shares)},
        "total": _display(total),
        "basis": youths,
        "listed": listed,
        "unit": "hours_per_week",
        "declared": {a.enhet_id: a.deklarerade_timmar for a in doc.enheter if a.deklarerade_timmar is not None},
        "below": below,
    }
    split = ", ".join(f"{k} {fmt_hours(shares[k])} h" for k in sorted(shares))
    where = f" i {doc.omrade}" if doc.omrade else ""
    where_en = f" in {doc.omrade}" if doc.omrade else ""
    base_sv = (f"UMM-läkartid {fmt_hours(hours)} h per {fmt_hours(per)} ungdomar: {youths} ungdomar i kommunen{where} ger "
               f"{fmt_hours(total)} h, fördelat i proportion till listade ungdomar ({listed}): {split}. Andelarna jämförs "
               "exakt; avrundning (två decimaler här, fyra i värdena) gäller bara visningen. Källan anger ingen period; "
               "timmarna läses som timmar per vecka.")
    base_en = (f"UMM physician time {fmt_hours(hours)} h per {fmt_hours(per)} young people: {youths} young people in the "
               f"municipality{where_en} give {fmt_hours(total)} h, split in proportion to listed young people ({listed}): "
               f"{split}. Shares are compared exactly; rounding (two decimals here, four in the values) is for display "
               "only. The source states no period; the hours are read as hours per week.")
    if doc.timmar is not None and exact(doc.timmar) != total:
        values["stated_total"] = doc.timmar
        base_sv += f" Angivet totalt ({fmt_hours(doc.timmar)} h) avviker och används inte."
        base_en += f" The stated total ({fmt_hours(doc.timmar)} h) differs and is not used."
    if below:
        return finding(
            Outcome.fail,
            base_sv + f" Under sin andel: {', '.join(below)}.",
            base_en + f" Below their share: {', '.join(below)}.",
            **values,
        )
    if undeclared:
        return indeterminate(
            *undeclared,
            sv=base_sv + " Deklarerade timmar saknas för: "
            + ", ".join(doc.enheter[int(p.split('[')[1].split(']')[0])].enhet_id for p in undeclared) + ".",
            en=base_en + " Declared hours are missing for: "
            + ", ".join(doc.enheter[int(p.split('[')[1].split(']')[0])].enhet_id for p in undeclared) + ".",
            **values,
        )
    return passed(base_sv + " Alla enheter når sin andel.", base_en + " Every unit meets its share.", **values)
