"""varmland.vardcentral: care contacts, referrals, follow-up and the UMM allocation."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Fordelning,
    Kontakttyp,
    Remiss,
    Remisstyp,
    Uppfoljning,
    Vardkontakt,
    local_day,
)
from primarvard_sdk.findings import (
    calendar_day_note,
    deadline,
    deadline_outcome,
    decision,
    finding,
    indeterminate,
    not_applicable,
    passed,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_varmland.vardcentral_common import exact, fmt_hours, parse_time, rules

# --- Vardkontakt ------------------------------------------------------------------------------


@rules.implement("varmland.vardcentral.vardkontakt.akut_hembesok")
def akut_hembesok(contact: Vardkontakt, ctx: RuleContext) -> Finding:
    if contact.typ is None:
        return indeterminate("$.typ")
    if contact.typ is not Kontakttyp.akut_hembesok:
        return not_applicable(
            f"Kontakten är inget akut hembesök ({contact.typ.value}).",
            f"The contact is not an acute home visit ({contact.typ.value}).",
        )
    assessed = contact.behov_bedomt
    if not isinstance(assessed, datetime):
        return indeterminate(
            "$.behov_bedomt",
            sv="Kan inte avgöras: tidpunkt (datum och klockslag) för läkarbedömningen saknas ($.behov_bedomt).",
            en="Cannot be decided: the time (date and time of day) of the physician's assessment is missing ($.behov_bedomt).",
        )
    hours = ctx.param("hours")
    due = calendar.add_hours(assessed, hours)
    start = calendar.to_local(assessed)
    return deadline(
        due,
        contact.utford,
        ctx.as_of,
        f"Akut läkarbesök i hemmet senast {due.isoformat()} ({hours} timmar verklig tid efter läkarbedömningen "
        f"{start.isoformat()}, dygnet runt; sommartidsomställning räknas i verkliga timmar).",
        f"Acute physician home visit no later than {due.isoformat()} ({hours} hours of real time after the "
        f"physician's assessment {start.isoformat()}, around the clock; DST changes count in real hours).",
        assessed=start,
    )


@rules.implement("varmland.vardcentral.vardkontakt.samma_dag_fore_17")
def samma_dag_fore_17(contact: Vardkontakt, ctx: RuleContext) -> Finding:
    cutoff = parse_time(ctx.param("cutoff"))
    forbidden = [str(c) for c in ctx.param("forbidden_referrals")]
    missing = [
        f"$.{name}" for name in ("listad_vid_enheten", "behov_samma_dag") if getattr(contact, name) is None
    ]
    if contact.listad_vid_enheten is False:
        return not_applicable(
            "Patienten är inte listad vid vårdcentralen (gäller den valda vårdcentralen).",
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
    if local.time() >= cutoff:
        return not_applicable(
            f"Kontakten {at} skedde inte före kl. {cutoff:%H:%M}.",
            f"The contact at {at} was not before {cutoff:%H:%M}.",
        )
    if missing:
        return indeterminate(*missing)
    day = local.date().isoformat()
    if contact.hanvisad_till in forbidden:
        return decision(
            "reject",
            f"Kontakt {at} (före kl. {cutoff:%H:%M}) med behov av tid samma dag hänvisades till "
            f"{contact.hanvisad_till}; patienten ska tas om hand av vårdcentralen samma dag ({day}).",
            f"Contact at {at} (before {cutoff:%H:%M}) needing an appointment the same day was referred to "
            f"{contact.hanvisad_till}; the vårdcentral must take care of the patient that day ({day}).",
            referred_to=contact.hanvisad_till,
            contact_day=local.date(),
        )
    if contact.omhandertagen_samma_dag is None:
        return indeterminate("$.omhandertagen_samma_dag", contact_day=local.date())
    if not contact.omhandertagen_samma_dag:
        return decision(
            "reject",
            f"Kontakt {at} (före kl. {cutoff:%H:%M}) med behov av tid samma dag togs inte om hand samma dag ({day}).",
            f"Contact at {at} (before {cutoff:%H:%M}) needing an appointment the same day was not taken care of that day ({day}).",
            contact_day=local.date(),
        )
    return decision(
        "accept",
        f"Kontakt {at} (före kl. {cutoff:%H:%M}) togs om hand samma dag av vårdcentralen.",
        f"Contact at {at} (before {cutoff:%H:%M}) was taken care of the same day by the vårdcentral.",
        contact_day=local.date(),
    )


# --- Remiss -----------------------------------------------------------------------------------


@rules.implement("varmland.vardcentral.remiss.psykisk_ohalsa_alder")
def psykisk_ohalsa_alder(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is not Remisstyp.psykisk_ohalsa:
        return not_applicable(
            "Remissen gäller inte åtagandet om psykisk ohälsa (typ psykisk_ohalsa).",
            "The referral is not for the mental-health commitment (typ psykisk_ohalsa).",
        )
    minimum = int(ctx.param("min_age"))
    arrived = local_day(remiss.inkom)
    if remiss.patient is None:
        return indeterminate("$.patient")
    age = remiss.patient.age_on(arrived)
    if age is None:
        return indeterminate("$.patient.fodelsedatum")
    if age >= minimum:
        return decision(
            "accept",
            f"Patienten är {age} år på remissens ankomstdag {arrived.isoformat()} (från {minimum} år).",
            f"The patient is {age} on the referral's arrival day {arrived.isoformat()} (from age {minimum}).",
            age=age,
            reference_day=arrived,
        )
    return decision(
        "reject",
        f"Patienten är {age} år på remissens ankomstdag {arrived.isoformat()}; åtagandet gäller från {minimum} år.",
        f"The patient is {age} on the referral's arrival day {arrived.isoformat()}; the commitment applies from age {minimum}.",
        age=age,
        reference_day=arrived,
    )


@rules.implement("varmland.vardcentral.remiss.medicinsk_fotvard")
def medicinsk_fotvard(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is not Remisstyp.medicinsk_fotvard:
        return not_applicable(
            "Remissen gäller inte nybesök i medicinsk fotvård.", "The referral is not for a new visit in medical foot care."
        )
    issuers = [str(c) for c in ctx.param("issuers")]
    issuer = remiss.utfardare
    if issuer is None:
        return indeterminate("$.utfardare")
    titles = {s.value for s in issuer.specialiteter}
    if issuer.yrke is not None:
        titles.add(issuer.yrke.value)
    matched = sorted(titles & set(issuers))
    if matched:
        return decision(
            "accept",
            f"Remissutfärdaren ({', '.join(matched)}) får remittera till medicinsk fotvård.",
            f"The issuer ({', '.join(matched)}) may refer to medical foot care.",
            issuer=matched,
        )
    if issuer.yrke is None:
        return indeterminate("$.utfardare.yrke")
    return decision(
        "reject",
        f"Remiss till medicinsk fotvård får utfärdas av {', '.join(issuers)}; utfärdaren är {issuer.yrke.value}.",
        f"A referral to medical foot care may be issued by {', '.join(issuers)}; the issuer is {issuer.yrke.value}.",
        issuer=[issuer.yrke.value],
    )


# --- Uppfoljning ------------------------------------------------------------------------------

_RANK = {Outcome.missed: 0, Outcome.open: 1, Outcome.met: 2}


@rules.implement("varmland.vardcentral.uppfoljning.naromradesplan")
def naromradesplan(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    months = int(ctx.param("months_after"))
    events = sorted(
        (f for f in doc.forandringar if f.typ == "vardgivare_upphor"), key=lambda f: (f.datum, f.genomford or date.max)
    )
    if not events:
        return not_applicable(
            "Ingen vårdgivare har upphört (forandringar typ vardgivare_upphor).",
            "No care provider has ceased (forandringar typ vardgivare_upphor).",
        )
    judged = [(calendar.add_months(f.datum, months), f) for f in events]
    due, event = min(judged, key=lambda p: (_RANK[deadline_outcome(p[0], p[1].genomford, ctx.as_of)], p[1].datum))
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
    days = int(ctx.param("calendar_days"))
    windows: list[dict[str, Any]] = []
    missing: list[str] = []
    for i, stay in sorted(enumerate(doc.vardtillfallen), key=lambda p: (p[1].utskriven, p[0])):
        due = calendar.add_calendar_days(stay.utskriven, days)
        back = stay.aterinskriven
        within = back is not None and stay.utskriven <= back <= due
        if within and stay.planerad is None:
            missing.append(f"$.vardtillfallen[{i}].planerad")
        counts = within and stay.planerad is False
        state = Outcome.missed if counts else (Outcome.open if back is None and ctx.as_of <= due else Outcome.met)
        windows.append({"utskriven": stay.utskriven, "due": due, "aterinskriven": back,
                        "readmission": counts, "outcome": state.value})
    if missing:
        return indeterminate(*missing, windows=windows)
    readmissions = [w for w in windows if w["readmission"]]
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


def largest_remainder(total_units: int, basis: dict[str, int]) -> dict[str, int]:
    """Split ``total_units`` in proportion to ``basis``: floors, then one unit each to the largest
    remainders, ties by unit id (ascending). The parts sum exactly to ``total_units``."""
    whole = sum(basis.values())
    if whole == 0:
        return dict.fromkeys(basis, 0)
    exact_parts = {k: Fraction(total_units * v, whole) for k, v in basis.items()}
    parts = {k: int(q) for k, q in exact_parts.items()}
    left = total_units - sum(parts.values())
    for k in sorted(basis, key=lambda k: (-(exact_parts[k] - parts[k]), k))[:left]:
        parts[k] += 1
    return parts


@rules.implement("varmland.vardcentral.vardenhet.umm_lakartid")
def umm_lakartid(doc: Fordelning, ctx: RuleContext) -> Finding:
    if doc.avser != "umm_lakartid":
        return not_applicable(
            f"Fördelningen avser {doc.avser}, inte umm_lakartid.", f"The allocation is for {doc.avser}, not umm_lakartid."
        )
    if not doc.enheter:
        return indeterminate("$.enheter")
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
    unit = exact(ctx.param("rounding_unit"))
    youths = sum(a.underlag for a in doc.enheter)
    total = hours * youths / per
    total_units = int((total / unit) + Fraction(1, 2))  # half up, to the rounding unit
    parts = largest_remainder(total_units, {a.enhet_id: a.underlag for a in doc.enheter})
    allocation = {k: float(parts[k] * unit) for k in sorted(parts)}
    total_hours = float(total_units * unit)
    below = sorted(a.enhet_id for a in doc.enheter
                   if a.deklarerade_timmar is not None and exact(a.deklarerade_timmar) < parts[a.enhet_id] * unit)
    undeclared = sorted(a.enhet_id for a in doc.enheter if a.deklarerade_timmar is None)
    values: dict[str, Any] = {
        "allocation": allocation,
        "total": total_hours,
        "basis": youths,
        "unit": "hours_per_week",
        "declared": {a.enhet_id: a.deklarerade_timmar for a in doc.enheter if a.deklarerade_timmar is not None},
        "below": below,
        "undeclared": undeclared,
    }
    split = ", ".join(f"{k} {fmt_hours(v)} h" for k, v in allocation.items())
    base_sv = (f"UMM-läkartid {fmt_hours(hours)} h per {fmt_hours(per)} ungdomar: {youths} listade ungdomar ger "
               f"{fmt_hours(total_hours)} h, fördelat efter listade ungdomar: {split}. Källan anger ingen period; "
               f"timmarna läses som timmar per vecka. Avrundning till {fmt_hours(unit)} h med största rest.")
    base_en = (f"UMM physician time {fmt_hours(hours)} h per {fmt_hours(per)} young people: {youths} listed young people give "
               f"{fmt_hours(total_hours)} h, split by listed young people: {split}. The source states no period; "
               f"the hours are read as hours per week. Rounded to {fmt_hours(unit)} h by largest remainder.")
    if doc.timmar is not None and exact(doc.timmar) != total_units * unit:
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
    return passed(base_sv, base_en, **values)


# --- Vectorised twins (issue 8: population-scale evaluation) -----------------------------------
# Each twin gives, row by row, what the rule function above gives on the same document (checked
# by tests/test_batch_agreement.py on random documents). Same parameters via ctx.param, read at
# the same point of the if chain; numpy is imported on first use.

from collections.abc import Mapping  # noqa: E402 - kept with the twins it serves

from primarvard_sdk.vectorised import Column  # noqa: E402


def _assessed_at(contact: Vardkontakt) -> datetime | None:
    """``behov_bedomt`` only when it is an instant: a bare date has no time to count hours from."""
    return contact.behov_bedomt if isinstance(contact.behov_bedomt, datetime) else None


def _birth_on_arrival(remiss: Remiss) -> date | None:
    return remiss.patient.birth_date(local_day(remiss.inkom)) if remiss.patient else None


@rules.vectorised(
    "varmland.vardcentral.vardkontakt.akut_hembesok",
    Column("typ", "code"), Column("behov_bedomt", "time", get=_assessed_at), Column("utford", "time"),
)
def akut_hembesok_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    """``behov_bedomt`` holds instants; a day column (or NaT) means no time of day is known."""
    import numpy as np

    from primarvard_sdk import batch

    typ = cols["typ"]
    assessed = cols["behov_bedomt"]
    if not batch.is_instant(assessed):
        assessed = np.full(len(typ), np.datetime64("NaT", "us"))
    hours, not_in_force = batch.in_force(ctx, "hours")
    due = batch.add_hours(assessed, hours or 0)  # rows use it only when hours is in force
    return batch.finding(
        len(typ),
        (batch.codes_equal(typ, ""), Outcome.indeterminate, "missing:$.typ"),
        (~batch.codes_equal(typ, Kontakttyp.akut_hembesok), Outcome.not_applicable, "not_akut_hembesok"),
        (np.isnat(assessed), Outcome.indeterminate, "missing:$.behov_bedomt"),
        not_in_force,
        default=batch.deadline_outcome(due, cols["utford"], ctx.as_of),
        values={"due": due, "assessed": assessed},
    )


@rules.vectorised(
    "varmland.vardcentral.remiss.psykisk_ohalsa_alder",
    Column("inkom", "time"), Column("typ", "code"),
    Column("patient", "flag", get=lambda r: r.patient is not None),
    Column("fodd", "day", path="patient.fodelsedatum", get=_birth_on_arrival),
)
def psykisk_ohalsa_alder_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch

    typ = cols["typ"]
    minimum, not_in_force = batch.in_force(ctx, "min_age")
    arrived = batch.local_days(cols["inkom"])
    age = batch.full_years(cols["fodd"], arrived)
    adult = age >= int(minimum or 0)
    return batch.finding(
        len(typ),
        (~batch.codes_equal(typ, Remisstyp.psykisk_ohalsa), Outcome.not_applicable, "not_psykisk_ohalsa"),
        not_in_force,
        (cols["patient"] != 1, Outcome.indeterminate, "missing:$.patient"),
        (np.isnat(cols["fodd"]), Outcome.indeterminate, "missing:$.patient.fodelsedatum"),
        (~adult, Outcome.fail, "under_min_age"),
        default=Outcome.passed,
        values={"age": age, "decision": np.where(adult, "accept", "reject"), "reference_day": arrived},
    )
