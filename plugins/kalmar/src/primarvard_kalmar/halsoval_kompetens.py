"""Staff, competence and supervision (kalmar.halsoval): rules of the further obligations read from the rulebook.

The obligations the two Kalmar programmes share (supervision, proof of competence, the national
tariff) are one function each here; ``psykisk_halsa_kompetens`` registers the same functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from primarvard_kalmar.halsoval_atkomst import _is_closure
from primarvard_kalmar.halsoval_common import rules
from primarvard_kalmar.halsoval_tillganglighet import deviation_status
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Bemanningspass,
    Franvaro,
    Kompetens,
    Medarbetare,
    Oppettid,
    Specialitet,
    Tillganglighet,
    Uppdrag,
    Utbildningstjanst,
    Vardenhet,
    Veckodag,
    Yrke,
    minute_of_day,
)
from primarvard_sdk.domain.kompetens import (
    Verdict,
    bhv_overlakare_kontakt,
    declared_param,
    each_staff,
    nationella_taxan,
    staff_paths,
)
from primarvard_sdk.findings import absent, failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.items import none_in_force
from primarvard_sdk.model import Finding

__all__ = ["handledning", "kompetensbevis"]

_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- shared by both Kalmar programmes -----------------------------------------------------------


def handledning(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """Supervision of the staff who are supervised is documented; with the parameter
    ``supervisor_professions``, the supervisor is of one of them (licensed when
    ``supervisor_licensed``); with ``certificate_delivery``, the supervisor's training certificate
    has been delivered to the region: the text sets no time for it, so a certificate not (yet)
    delivered is open (``warning``), never a fail. Only staff in service on the day are judged.

    Who is concerned: every staff member recorded as supervised (``handledning`` true); with the
    parameter ``supervised_professions``, also every staff member of those professions who gives
    psychotherapeutic treatment (uppdrag ``psykoterapeutisk_behandling``), whom the text has work
    "under handledning" whether or not ``handledning`` is true: such a person declared not
    supervised fails."""
    professions = declared_param(ctx, "supervisor_professions")
    allowed = None if professions is None else {Yrke(p) for p in professions}
    licensed = bool(declared_param(ctx, "supervisor_licensed"))
    certificate = bool(declared_param(ctx, "certificate_delivery"))
    supervised = declared_param(ctx, "supervised_professions")
    groups = None if supervised is None else {Yrke(p) for p in supervised}

    def required(i: int, m: Medarbetare) -> Verdict:
        """A staff member the text has work under supervision: of a profession in
        ``supervised_professions`` and giving psychotherapeutic treatment."""
        if groups is None or (m.yrke is not None and m.yrke not in groups):
            return False, []
        if m.uppdrag is not None and Uppdrag.psykoterapeutisk_behandling not in m.uppdrag:
            return False, []
        gaps = staff_paths(i, m, "yrke", "uppdrag")
        return (None, gaps) if gaps else (True, [])

    def scope(i: int, m: Medarbetare) -> Verdict:
        must, gaps = required(i, m)
        if must is True or m.handledning is True:
            return True, []
        if must is False and m.handledning is False:
            return False, []
        return None, staff_paths(i, m, "handledning") + gaps

    def judge(i: int, m: Medarbetare) -> Verdict:
        if groups is not None and m.handledning is not True:
            # in scope without being supervised only as one who must be: not supervised fails
            return (False, []) if m.handledning is False else (None, staff_paths(i, m, "handledning"))
        h = m.handledningen
        if h is None:
            return None, [f"$.personal[{i}].handledningen"]
        checks: list[tuple[bool | None, str]] = [(h.dokumenterad, "dokumenterad")]
        if allowed is not None:
            checks.append((None if h.handledare_yrke is None else h.handledare_yrke in allowed, "handledare_yrke"))
            if licensed:
                checks.append((h.handledare_legitimerad, "handledare_legitimerad"))
        if any(state is False for state, _ in checks):
            return False, []
        gaps = [f"$.personal[{i}].handledningen.{name}" for state, name in checks if state is None]
        # a certificate not (yet) delivered does not fail: it is open (``pending``); unreported, asked for
        if certificate and h.utbildningsbevis_delgivet is None:
            gaps.append(f"$.personal[{i}].handledningen.utbildningsbevis_delgivet")
        return (None, gaps) if gaps else (True, [])

    def pending(i: int, m: Medarbetare) -> bool:
        """The supervisor's training certificate is recorded as not (yet) delivered."""
        return certificate and m.handledningen is not None and m.handledningen.utbildningsbevis_delgivet is False

    if allowed is None:
        sv, en = "handledningen ska finnas dokumenterad", "the supervision is to be documented"
    else:
        names = " eller ".join(f"legitimerad {p.value}" if licensed else p.value for p in sorted(allowed))
        names_en = " or ".join(f"licensed {p.value}" if licensed else p.value for p in sorted(allowed))
        sv = f"regelbunden handledning av {names}, dokumenterad"
        en = f"regular supervision by a {names_en}, documented"
        if certificate:
            sv += ", och handledarens utbildningsbevis delgivet beställarenheten"
            en += ", and the supervisor's training certificate delivered to the ordering unit"
    if groups is not None:
        names = " och ".join(p.value for p in sorted(groups))
        sv += f"; {names} i psykoterapeutisk behandling arbetar under handledning"
        en += f"; {' and '.join(p.value for p in sorted(groups))} giving psychotherapeutic treatment work under supervision"
    return each_staff(
        doc.personal, judge, scope=scope, day=ctx.day, sv=sv, en=en,
        pending=pending if certificate else None,
        open_sv="handledarens utbildningsbevis är ännu inte delgivet beställarenheten (öppet; texten anger "
                "ingen tid för delgivningen); handledningen uppfyller i övrigt kraven",
        open_en="the supervisor's training certificate has not yet been delivered to the ordering unit (open; "
                "the text sets no time for the delivery); the supervision otherwise meets the requirements",
        none_sv="Ingen medarbetare har eller ska ha handledning enligt redovisningen.",
        none_en="According to the staff reported, no staff member is, or must be, supervised.",
        none_reason="ingen_handledning",
    )


def kompetensbevis(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """A copy of the proof of competence is delivered to the region at every new employment (and,
    with the parameter ``includes_role_changes``, at every changed post or new role). The text sets
    no number of days: a copy delivered passes, one not (yet) delivered is open (``warning``), never
    a fail for time. Only starts and role changes on a day the rulebook is in force and not after
    ``as_of`` are judged; earlier and later ones are listed as not judged. Only staff in service on
    the day are judged (the others are listed under ``not_in_service``)."""
    if doc.personal is None:
        return indeterminate("$.personal")
    role_changes = bool(ctx.param("includes_role_changes"))
    events: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    missing: list[str] = []
    waiting: list[str] = []
    former: list[str] = []

    def judge(i: int, m: Medarbetare, kind: str, day: date, bevis: Any, path: str) -> None:
        if ctx.edition_on(day) is None or day > ctx.as_of:
            outside.append({"medarbetare": m.id, "typ": kind, "datum": day})
            return
        delgiven = None if bevis is None else bevis.delgiven
        events.append({"medarbetare": m.id, "typ": kind, "datum": day, "delgiven": delgiven,
                       "delgiven_datum": None if bevis is None else bevis.datum,
                       "days_elapsed": (ctx.as_of - day).days})
        if delgiven is None:
            missing.append(f"{path}.delgiven")
        elif delgiven is False:
            waiting.append(m.id)

    for i, m in enumerate(doc.personal):
        if not m.i_tjanst(ctx.day):
            former.append(m.id)
            continue
        if m.anstallning_start is None:
            missing.append(f"$.personal[{i}].anstallning_start")
        else:
            judge(i, m, "nyanstallning", m.anstallning_start, m.kompetensbevis, f"$.personal[{i}].kompetensbevis")
        if role_changes:
            if m.rollbyten is None:
                missing.append(f"$.personal[{i}].rollbyten")
                continue
            for k, r in enumerate(m.rollbyten):
                kind = r.typ.value if r.typ is not None else "rollbyte"
                judge(i, m, kind, r.datum, r.kompetensbevis, f"$.personal[{i}].rollbyten[{k}].kompetensbevis")
    values: dict[str, Any] = {"events": events, "not_judged": outside, "open": sorted(set(waiting)),
                              "not_in_service": sorted(former)}
    what_sv = "nyanställning" + (", förändrad tjänst eller ny yrkesroll" if role_changes else "")
    what_en = "new employment" + (", changed post or new role" if role_changes else "")
    if missing:
        return indeterminate(*missing, **values)
    if waiting:
        ids = ", ".join(sorted(set(waiting)))
        return warning(
            f"Kopia på kompetensbevis har ännu inte delgivits Regionstab vid {what_sv}: {ids} "
            "(öppet; texten anger ingen frist i dagar).",
            f"A copy of the proof of competence has not yet been delivered to Regionstab at {what_en}: {ids} "
            "(open; the text states no number of days).",
            **values,
        )
    if not events:
        return not_applicable(
            f"Ingen {what_sv} under regelbokens giltighet enligt redovisningen.",
            f"According to the staff reported, no {what_en} while the rulebook is in force.",
            reason="ingen_nyanstallning", **values,
        )
    return passed(
        f"Kopia på kompetensbevis är delgiven Regionstab vid varje {what_sv} ({len(events)}).",
        f"A copy of the proof of competence was delivered to Regionstab at every {what_en} ({len(events)}).",
        **values,
    )


rules.implement("kalmar.halsoval.vardenhet.handledning_dokumenterad")(handledning)
rules.implement("kalmar.halsoval.uppfoljning.kompetensbevis")(kompetensbevis)
rules.implement("kalmar.halsoval.vardenhet.nationella_taxan")(nationella_taxan)
rules.implement("kalmar.halsoval.vardenhet.bhv_overlakare_kontakt")(bhv_overlakare_kontakt)


# --- kalmar.halsoval only -----------------------------------------------------------------------


@rules.implement("kalmar.halsoval.vardenhet.kompetensomraden")
def kompetensomraden(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """The areas the text names "exempelvis" are examples: some missing gives a warning naming
    them; none of them at all (e.g. ``kompetenser: []``) fails, as the unit then ensures no
    competence of the kind the examples show; all present pass; the unit's competences not reported
    are indeterminate."""
    required = [Kompetens(c) for c in ctx.param("required")]
    if doc.kompetenser is None:
        return indeterminate("$.kompetenser", required=[c.value for c in required])
    lacking = [c.value for c in required if c not in doc.kompetenser]
    values = {"required": [c.value for c in required], "lacking": lacking}
    if len(lacking) == len(required):
        return failed(
            f"Kompetens saknas inom samtliga områden som texten nämner som exempel: {', '.join(lacking)}.",
            f"No competence declared in any of the areas the text names as examples: {', '.join(lacking)}.",
            **values,
        )
    if lacking:
        return warning(
            f"Kompetens saknas inom område som texten nämner som exempel: {', '.join(lacking)}.",
            f"No competence declared in an area the text names as an example: {', '.join(lacking)}.",
            **values,
        )
    return passed(
        "Kompetens finns inom astma/KOL, diabetes, demens, livsstil och funktion för koordineringsinsatser.",
        "Competence is declared in asthma/COPD, diabetes, dementia, lifestyle and coordination efforts.",
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.infor_st")
def infor_st(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """The inför-ST approval of the director of studies in general practice comes by the
    appointment (``tillsatt``) and the region's placement approval after it ("godkänner därefter").
    Scope: ST physicians in general practice (allmänmedicin) and BT physicians appointed on a day the
    rulebook is in force and in service on the day. An appointment after ``as_of`` is not yet due: an
    approval not (yet) given is open (``warning``). The placement approval is the region's own act
    with no time set: not (yet) given, it is open whenever the appointment is; given before the
    inför-ST approval, it fails."""
    trainee_posts = {Utbildningstjanst.st, Utbildningstjanst.bt}

    def scope(i: int, m: Medarbetare) -> Verdict:
        if m.yrke is not None and m.yrke is not Yrke.lakare:
            return False, []
        if m.utbildningstjanst is not None and m.utbildningstjanst not in trainee_posts:
            return False, []
        if m.utbildningstjanst in (None, Utbildningstjanst.st) and m.st_specialitet is not None \
                and m.st_specialitet is not Specialitet.allmanmedicin:
            return False, []  # an ST in another specialty: the inför-ST is general practice's
        tillsatt = None if m.infor_st is None else m.infor_st.tillsatt
        if tillsatt is not None and ctx.edition_on(tillsatt) is None:
            return False, []  # appointed outside the rulebook's validity
        if m.utbildningstjanst is None:
            return None, staff_paths(i, m, "utbildningstjanst")
        if m.utbildningstjanst is Utbildningstjanst.st and m.st_specialitet is None:
            return None, staff_paths(i, m, "st_specialitet")
        return True, []

    def not_yet_due(m: Medarbetare) -> bool:
        return m.infor_st is not None and m.infor_st.tillsatt is not None and m.infor_st.tillsatt > ctx.as_of

    def judge(i: int, m: Medarbetare) -> Verdict:
        s = m.infor_st
        if s is None:
            return None, [f"$.personal[{i}].infor_st"]
        if s.tillsatt is not None and s.studierektor_datum is not None and s.studierektor_datum > s.tillsatt:
            return False, []
        if s.placering_datum is not None and s.studierektor_datum is not None \
                and s.placering_datum < s.studierektor_datum:
            return False, []
        if not not_yet_due(m) and s.studierektor_godkant is False:
            return False, []
        # the placement not (yet) approved is the region's act still open (``pending``), never a fail
        gaps = staff_paths(i, m, "infor_st.tillsatt", "infor_st.studierektor_godkant", "infor_st.placering_godkand")
        # an approval given needs its day: the order ("inför", "därefter") cannot be told without it
        if s.studierektor_godkant is True and s.studierektor_datum is None:
            gaps.append(f"$.personal[{i}].infor_st.studierektor_datum")
        if s.placering_godkand is True and s.placering_datum is None:
            gaps.append(f"$.personal[{i}].infor_st.placering_datum")
        return (None, gaps) if gaps else (True, [])

    def pending(i: int, m: Medarbetare) -> bool:
        s = m.infor_st
        if s is None:
            return False
        return s.placering_godkand is False or (not_yet_due(m) and s.studierektor_godkant is False)

    return each_staff(
        doc.personal, judge, scope=scope, pending=pending, day=ctx.day,
        open_sv="ett godkännande är ännu inte givet: studierektorns inför-ST inför en tillsättning som ännu "
                "inte skett, eller Regionstabs godkännande av placeringen (öppet; texten anger ingen tid för det)",
        open_en="an approval is not yet given: the director of studies' inför-ST before an appointment not yet "
                "made, or Regionstab's approval of the placement (open; the text sets no time for it)",
        sv="studierektorn i allmänmedicin ska ha genomfört inför-ST och godkänt läkaren senast vid "
           "tillsättningen, och Regionstab ska därefter ha godkänt placeringen",
        en="the director of studies in general practice must have carried out the inför-ST and approved "
           "the physician by the appointment, and Regionstab then approved the placement",
        none_sv="Ingen ST-läkare i allmänmedicin eller BT-läkare har tillsatts under regelbokens giltighet "
                "enligt redovisningen.",
        none_en="According to the staff reported, no ST physician in general practice or BT physician was "
                "appointed while the rulebook is in force.",
        none_reason="ingen_st_bt",
    )


# --- schedules ----------------------------------------------------------------------------------

Minutes = set[int]


def _minutes(fran: Any, till: Any) -> Minutes:
    return set(range(minute_of_day(fran), minute_of_day(till, end=True)))


def _opening(schedule: Sequence[Oppettid], day: str) -> Minutes:
    minutes: Minutes = set()
    for o in schedule:
        if o.dag.value == day:
            minutes |= _minutes(o.fran, o.till)
    return minutes


def _ranges(minutes: Iterable[int]) -> list[str]:
    """Minutes as HH:MM-HH:MM ranges."""
    out: list[str] = []
    ordered = sorted(minutes)
    start = prev = None
    for m in [*ordered, None]:
        if m is not None and prev is not None and m == prev + 1:
            prev = m
            continue
        if start is not None and prev is not None:
            out.append(f"{start // 60:02d}:{start % 60:02d}-{(prev + 1) // 60:02d}:{(prev + 1) % 60:02d}")
        start = prev = m
    return out


def _pieces(window: Minutes, cuts: set[int]) -> list[tuple[int, int]]:
    """The window's minutes as [start, end) pieces, split at every cut: within a piece nobody
    arrives or leaves, so one minute of it stands for all."""
    pieces: list[tuple[int, int]] = []
    start = prev = -2
    for m in sorted(window):
        if m == prev + 1 and m not in cuts:
            prev = m
            continue
        if start >= 0:
            pieces.append((start, prev + 1))
        start = prev = m
    if start >= 0:
        pieces.append((start, prev + 1))
    return pieces


def _cuts(intervals: Iterable[Any]) -> set[int]:
    return {c for i in intervals for c in (minute_of_day(i.fran), minute_of_day(i.till, end=True))}


def _covers(fran: Any, till: Any, minute: int) -> bool:
    return minute_of_day(fran) <= minute < minute_of_day(till, end=True)


def _on_site(passes: Sequence[tuple[int, Bemanningspass]], day: str, minute: int) -> list[tuple[int, Bemanningspass]]:
    return [(k, p) for k, p in passes if p.dag.value == day and _covers(p.fran, p.till, minute)]


def _day_key(day: date, eves_exempt: bool) -> str:
    """The weekly schedule that runs on ``day``: helgdag on a public holiday, else the weekday's.
    Midsommarafton, julafton and nyårsafton are no public holidays: they keep their weekday's
    schedule and opening hours unless ``eves_exempt`` (read as the opening-hours rules read them)."""
    return "helgdag" if deviation_status(day, eves_exempt) in ("helgdag", "afton_undantagen") else _WEEK[day.weekday()]


Judge = Callable[[Bemanningspass], bool | None]


def _coverage(
    passes: Sequence[tuple[int, Bemanningspass]], key: str, window: Minutes, minimum: int, counts: Judge,
    unknown_paths: Callable[[int, Bemanningspass], list[str]], away: Sequence[Franvaro] = (),
) -> tuple[Minutes, list[str]]:
    """The minutes of ``window`` (of the weekly schedule ``key``) with fewer than ``minimum``
    persons on site who count (``counts`` true), leaving out those ``away``; and the paths of
    persons of unknown standing who could make up the number."""
    short: Minutes = set()
    unknown: list[str] = []
    cuts = _cuts(p for _, p in passes if p.dag.value == key) | _cuts(away)
    for start, end in _pieces(window, cuts):
        gone = {g.medarbetare for g in away if _covers(g.fran, g.till, start)}
        here = [(k, p) for k, p in _on_site(passes, key, start) if p.medarbetare not in gone]
        sure = {p.medarbetare for _, p in here if counts(p) is True}
        unsure = [(k, p) for k, p in here if counts(p) is None and p.medarbetare not in sure]
        if len(sure) >= minimum:
            continue
        if len(sure) + len({p.medarbetare for _, p in unsure}) >= minimum:
            unknown += [path for k, p in unsure for path in unknown_paths(k, p)]
        else:
            short.update(range(start, end))
    return short, unknown


def _day_opening(doc: Tillganglighet, datum: date, key: str) -> tuple[Minutes | None, list[str], str]:
    """The opening hours of the dated day ``datum`` (whose weekly schedule is ``key``), with the
    JSON paths that leave them unknown and their basis: none while a reported temporary closure
    (``stangningar``) covers the day (``stangd``); the day's own intervals when ``avvikande_dagar``
    has the day (``avvikande``); else the weekly schedule (``ordinarie``)."""
    unknown: list[str] = []
    for i, c in enumerate(doc.stangningar or ()):
        if datum < c.fran:
            continue
        if c.forvantad_till is None:
            unknown.append(f"$.stangningar[{i}].forvantad_till")
            continue
        if c.forvantad_till < c.fran:  # a last day before the first cannot be right
            unknown.append(f"$.stangningar[{i}].forvantad_till")
            continue
        if datum > c.forvantad_till:
            continue
        closed = _is_closure(c)
        if closed:
            return set(), [], "stangd"
        if closed is None:
            unknown.append(f"$.stangningar[{i}].haller_oppet")
    if unknown:
        return None, unknown, "stangd"
    same = [(i, a) for i, a in enumerate(doc.avvikande_dagar or ()) if a.datum == datum]
    if same:
        gaps = [f"$.avvikande_dagar[{i}].oppettider" for i, a in same if a.oppettider is None]
        if gaps:
            return None, gaps, "avvikande"
        return {m for _, a in same for iv in (a.oppettider or ()) for m in _minutes(iv.fran, iv.till)}, [], "avvikande"
    return _opening(doc.oppettider or (), key), [], "ordinarie"


def _unreported_deviations(doc: Tillganglighet) -> list[str]:
    """The lists of closures and deviating days when not reported ([] when none): a gap found on the
    weekly schedule of a dated day is not known to be one while either could change that day's hours."""
    return [p for p, v in (("$.stangningar", doc.stangningar), ("$.avvikande_dagar", doc.avvikande_dagar)) if v is None]


def _by_day(franvaro: Sequence[Franvaro]) -> dict[date, list[Franvaro]]:
    days: dict[date, list[Franvaro]] = {}
    for f in franvaro:
        days.setdefault(f.datum, []).append(f)
    return dict(sorted(days.items()))


@rules.implement("kalmar.halsoval.tillganglighet.legitimerad_personal_pa_plats")
def legitimerad_personal_pa_plats(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Every minute of the opening hours has at least ``min_licensed_on_site`` licensed staff of a
    profession in ``qualified_professions`` (able "att bedöma och vid behov handlägga akuta
    sjukdomsfall") on site: in the weekly schedule, and on each day of a dated absence, with the
    absent persons removed for the time they are away. A day up to ``as_of`` left short fails; a
    day after it is planned (``warning``); a day outside every edition is listed, not judged."""
    if gaps := absent(doc, "oppettider", "bemanning.schema"):
        return indeterminate(*gaps)
    assert doc.oppettider is not None and doc.bemanning is not None and doc.bemanning.schema is not None
    minimum = int(ctx.param("min_licensed_on_site"))
    professions = {Yrke(p) for p in ctx.param("qualified_professions")}
    passes = list(enumerate(doc.bemanning.schema))

    def counts(p: Bemanningspass) -> bool | None:
        if (p.yrke is not None and p.yrke not in professions) or p.legitimerad is False:
            return False
        if p.yrke is None or p.legitimerad is None:
            return None
        return True

    def unknown_paths(k: int, p: Bemanningspass) -> list[str]:
        return [f"$.bemanning.schema[{k}].{name}" for name in ("yrke", "legitimerad") if getattr(p, name) is None]

    uncovered: list[str] = []
    unknown: list[str] = []
    weekly_short: dict[str, Minutes] = {}
    for day in [d.value for d in Veckodag]:
        short, maybe = _coverage(passes, day, _opening(doc.oppettider, day), minimum, counts, unknown_paths)
        weekly_short[day] = short
        unknown += maybe
        uncovered += [f"{day} {r}" for r in _ranges(short)]
    short_days: list[str] = []
    planned: list[str] = []
    outside: list[dict[str, Any]] = []
    if doc.bemanning.franvaro is None:
        unknown.append("$.bemanning.franvaro")
    else:
        # every day with a dated absence, and every deviating day (its own opening hours), is judged
        # on that day's opening hours: none while a temporary closure covers it
        by_day = _by_day(doc.bemanning.franvaro)
        for a in doc.avvikande_dagar or ():
            by_day.setdefault(a.datum, [])
        for datum, away in sorted(by_day.items()):
            if ctx.edition_on(datum) is None:
                outside.append({"date": datum})
                continue
            key = _day_key(datum, bool(ctx.param("eves_exempt", on=datum)))
            window, hours_unknown, basis = _day_opening(doc, datum, key)
            if window is None:
                unknown += hours_unknown
                continue
            short, maybe = _coverage(passes, key, window, minimum, counts, unknown_paths, away)
            unknown += maybe
            extra = short - weekly_short[key] if basis == "ordinarie" else short
            shown = [f"{datum.isoformat()} {r}" for r in _ranges(extra)]
            if shown and basis == "ordinarie" and _unreported_deviations(doc):
                unknown += _unreported_deviations(doc)
                continue
            (short_days if datum <= ctx.as_of else planned).extend(shown)
    values: dict[str, Any] = {
        "uncovered": uncovered, "uncovered_days": short_days, "planned": planned, "outside_editions": outside,
        "required": minimum, "professions": sorted(p.value for p in professions),
    }
    who_sv = "legitimerad personal (" + " eller ".join(sorted(p.value for p in professions)) + ")"
    who_en = "licensed staff (" + " or ".join(sorted(p.value for p in professions)) + ")"
    if uncovered or short_days:
        listed = ", ".join(uncovered + short_days)
        return failed(
            f"{who_sv[0].upper()}{who_sv[1:]} finns inte på plats under hela öppettiden: {listed}.",
            f"No {who_en} on site during part of the opening hours: {listed}.",
            **values,
        )
    if unknown:
        return indeterminate(*dict.fromkeys(unknown), **values)
    if planned:
        return warning(
            f"Planerad frånvaro efter {ctx.as_of.isoformat()} lämnar öppettid utan {who_sv}: {', '.join(planned)}.",
            f"Planned absence after {ctx.as_of.isoformat()} leaves opening hours without {who_en}: "
            f"{', '.join(planned)}.",
            **values,
        )
    return passed(
        f"{who_sv[0].upper()}{who_sv[1:]} finns på plats under hela öppettiden.",
        f"{who_en[0].upper()}{who_en[1:]} are on site throughout the opening hours.",
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.lakarbemanning_kvar")
def lakarbemanning_kvar(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """While a physician is away during opening hours, at least ``min_physicians_on_site`` other
    physicians remain on site. Only absences on a day an edition is in force are judged (others are
    listed under ``outside_editions``; all of them outside: ``no_rulebook_in_force``); an absence
    after ``as_of`` is planned, not yet happened: a gap in it is a ``warning``."""
    if gaps := absent(doc, "oppettider", "bemanning.schema", "bemanning.franvaro"):
        return indeterminate(*gaps)
    assert doc.oppettider is not None and doc.bemanning is not None
    assert doc.bemanning.schema is not None and doc.bemanning.franvaro is not None
    minimum = int(ctx.param("min_physicians_on_site"))
    passes = list(enumerate(doc.bemanning.schema))
    physicians = {p.medarbetare for _, p in passes if p.yrke is Yrke.lakare}
    unknown_role = {p.medarbetare for _, p in passes if p.yrke is None} - physicians

    def counts(p: Bemanningspass) -> bool | None:
        if p.medarbetare in physicians:
            return True
        return None if p.yrke is None else False

    def unknown_paths(k: int, p: Bemanningspass) -> list[str]:
        return [f"$.bemanning.schema[{k}].yrke"]

    judged: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    inside = 0
    unknown: list[str] = []
    failing: list[str] = []
    planned: list[str] = []
    for j, f in enumerate(doc.bemanning.franvaro):
        if f.medarbetare not in physicians | unknown_role:
            continue
        if ctx.edition_on(f.datum) is None:
            outside.append({"index": j, "date": f.datum})
            continue
        inside += 1
        key = _day_key(f.datum, bool(ctx.param("eves_exempt", on=f.datum)))
        opening, hours_unknown, basis = _day_opening(doc, f.datum, key)
        if opening is None:
            unknown += hours_unknown
            continue
        window = _minutes(f.fran, f.till) & opening
        if not window:
            continue
        same_day = [g for g in doc.bemanning.franvaro if g.datum == f.datum]
        short, maybe = _coverage(passes, key, window, minimum, counts, unknown_paths, same_day)
        uncovered = _ranges(short)
        judged.append({"index": j, "datum": f.datum, "orsak": None if f.orsak is None else f.orsak.value,
                       "uncovered": uncovered, "planned": f.datum > ctx.as_of})
        if short and basis == "ordinarie" and _unreported_deviations(doc):
            # the day's hours may differ from the weekly schedule (a closure, a deviating day)
            maybe += _unreported_deviations(doc)
        elif short and f.medarbetare in physicians:
            (failing if f.datum <= ctx.as_of else planned).append(f"{f.datum.isoformat()} {', '.join(uncovered)}")
        elif short:
            # the absent person's profession is not reported: not known to be a physician leaving
            maybe += [f"$.bemanning.schema[{k}].yrke" for k, p in passes if p.medarbetare == f.medarbetare]
        unknown += maybe
    values: dict[str, Any] = {"absences": judged, "required": minimum, "outside_editions": outside}
    if failing:
        return failed(
            f"Ingen läkare finns kvar på vårdenheten när en läkare är borta: {'; '.join(dict.fromkeys(failing))}.",
            f"No physician remains at the unit while a physician is away: {'; '.join(dict.fromkeys(failing))}.",
            **values,
        )
    if unknown:
        return indeterminate(*dict.fromkeys(unknown), **values)
    if planned:
        return warning(
            f"Planerad frånvaro efter {ctx.as_of.isoformat()} lämnar ingen läkare kvar på vårdenheten: "
            f"{'; '.join(dict.fromkeys(planned))}.",
            f"A planned absence after {ctx.as_of.isoformat()} leaves no physician at the unit: "
            f"{'; '.join(dict.fromkeys(planned))}.",
            **values,
        )
    if not inside and outside:
        return none_in_force(outside, absences=judged, required=minimum)
    if not judged:
        return not_applicable(
            "Ingen läkares frånvaro under öppettid är redovisad.",
            "No absence of a physician during opening hours is reported.",
            reason="ingen_franvaro", **values,
        )
    return passed(
        "Läkarbemanning finns kvar på vårdenheten under varje redovisad frånvaro.",
        "A physician remains at the unit during every absence reported.",
        **values,
    )
