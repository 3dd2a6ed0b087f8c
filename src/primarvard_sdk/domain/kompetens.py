"""Kompetens: staff, competence and supervision — what the rulebooks ask of the people at a unit.

The facts a staff member (:class:`~primarvard_sdk.domain.people.Medarbetare`) reports about
language, trainings, public funding, supervision, proof-of-competence deliveries and training
posts; the functions a unit has access to (:class:`Kompetensresurser` on
:class:`~primarvard_sdk.domain.vardenhet.Vardenhet`); the weekly on-site staffing schedule and the
day's absences (:class:`Bemanning` on :class:`~primarvard_sdk.domain.tillganglighet.Tillganglighet`).

Every fact may be absent: absent means "not reported", and a rule that needs it answers
``indeterminate`` naming its JSON path. A flag that is ``false`` is a declaration that the person
or unit does not have it. Lists are ``None`` when not reported and ``[]`` when reported empty.

The second half holds the checks that several regions' rules share (one function per obligation,
registered by each programme that has it): a requirement over every staff member in scope, a
requirement that some staff member meets, contact with the chief physician of child health care,
medical foot care, and the ban on national-tariff compensation (judged only on days inside an
edition of the rulebook: :func:`edition_split`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from primarvard_sdk.domain._fields import field, many, optional
from primarvard_sdk.domain.codelists import register
from primarvard_sdk.domain.codes import Uppdrag, Veckodag, Yrke
from primarvard_sdk.domain.common import Period

if TYPE_CHECKING:
    from primarvard_sdk.context import RuleContext
    from primarvard_sdk.domain.people import Medarbetare
    from primarvard_sdk.model import Finding

__all__ = [
    "Bemanning",
    "Bemanningspass",
    "Ersattningskalla",
    "Fotvardsutbildning",
    "Franvaro",
    "Franvaroorsak",
    "Handledning",
    "InforSt",
    "Kompetensbevis",
    "Kompetensresurser",
    "OffentligErsattning",
    "Rollbyte",
    "Rollbytestyp",
    "Utbildningstjanst",
    "any_staff",
    "bhv_overlakare_kontakt",
    "declared_param",
    "each_staff",
    "edition_split",
    "medicinsk_fotvard",
    "nationella_taxan",
    "overlap",
    "staff_flag",
    "staff_paths",
    "utbildningslakare",
]


# --- code lists ---------------------------------------------------------------------------------


class Utbildningstjanst(StrEnum):
    """A physician's training post (läkare under utbildning), or none."""

    at = "at"  #: allmäntjänstgöring
    bt = "bt"  #: bastjänstgöring
    st = "st"  #: specialiseringstjänstgöring
    ingen = "ingen"  #: not in a training post


register(Utbildningstjanst, {
    Utbildningstjanst.at: ("AT-läkare", "AT", "Allmäntjänstgöring"),
    Utbildningstjanst.bt: ("BT-läkare", "BT", "Bastjänstgöring"),
    Utbildningstjanst.st: ("ST-läkare", "ST", "Specialiseringstjänstgöring"),
    Utbildningstjanst.ingen: ("Ingen utbildningstjänst", "Ingen"),
})


class Ersattningskalla(StrEnum):
    """Public funding a staff member may receive besides the unit's pay."""

    nationella_taxan = "nationella_taxan"  #: ersättning enligt nationella taxan (läkarvårds-/fysioterapitaxan)
    annan_offentlig_finansiering = "annan_offentlig_finansiering"  #: other public funding


register(Ersattningskalla, {
    Ersattningskalla.nationella_taxan: ("Nationella taxan", "Ersättning enligt nationella taxan"),
    Ersattningskalla.annan_offentlig_finansiering: ("Annan offentlig finansiering",),
})


class Rollbytestyp(StrEnum):
    """How an employed staff member's post changed within the unit."""

    forandrad_tjanst = "forandrad_tjanst"  #: förändrad tjänst
    ny_yrkesroll = "ny_yrkesroll"  #: ny yrkesroll


register(Rollbytestyp, {
    Rollbytestyp.forandrad_tjanst: ("Förändrad tjänst",),
    Rollbytestyp.ny_yrkesroll: ("Ny yrkesroll",),
})


class Franvaroorsak(StrEnum):
    """Why a staff member leaves the unit during opening hours."""

    hembesok = "hembesok"  #: hembesök
    vardintyg = "vardintyg"  #: vårdintygsupprättande
    annan = "annan"


register(Franvaroorsak, {
    Franvaroorsak.hembesok: ("Hembesök",),
    Franvaroorsak.vardintyg: ("Vårdintyg", "Vårdintygsupprättande"),
    Franvaroorsak.annan: ("Annan orsak", "Annan"),
})


# --- staff facts (on Medarbetare) ---------------------------------------------------------------


@attrs.frozen
class Kompetensbevis:
    """Delivery of a copy of a proof of competence (kompetensbevis: licence, specialist or training
    certificate) to the region."""

    delgiven: bool | None = optional(
        "A copy was delivered to the region (Regionstab); false: recorded as not delivered; absent: not reported."
    )
    datum: date | None = optional("Day the copy was delivered; absent: not reported.")


@attrs.frozen
class Rollbyte:
    """A changed post or new professional role of an already employed staff member."""

    datum: date = field("Day the changed post or new role took effect.")
    typ: Rollbytestyp | None = optional("forandrad_tjanst or ny_yrkesroll (or its Swedish name).")
    kompetensbevis: Kompetensbevis | None = optional(
        "Delivery of the proof of competence for the new post or role; absent: not reported."
    )


@attrs.frozen
class OffentligErsattning:
    """A period in which the staff member received public funding other than the unit's pay."""

    kalla: Ersattningskalla = field("nationella_taxan or annan_offentlig_finansiering (or its Swedish name).")
    period: Period = field("The period compensated; till absent: ongoing.")


@attrs.frozen
class Handledning:
    """The supervision (handledning) a staff member receives, and who gives it."""

    handledare_yrke: Yrke | None = optional("The supervisor's profession; absent: not reported.")
    handledare_legitimerad: bool | None = optional(
        "The supervisor holds a Swedish licence for that profession; absent: not reported."
    )
    dokumenterad: bool | None = optional("The supervision is documented; absent: not reported.")
    utbildningsbevis_delgivet: bool | None = optional(
        "The supervisor's training certificate (utbildningsbevis) was delivered to the region's "
        "ordering unit (beställarenheten); absent: not reported."
    )
    handledare: bool | None = optional(
        "A named supervisor is assigned (for a physician in a training post); absent: not reported."
    )
    tid_avsatt: bool | None = optional("Time is set aside for the supervision; absent: not reported.")
    studierektor: bool | None = optional(
        "A director of studies (studierektor) is available (for an ST physician); absent: not reported."
    )
    forsakringsmedicin: bool | None = optional(
        "Receives supervision in insurance medicine (försäkringsmedicin) at the unit; absent: not reported."
    )


@attrs.frozen
class InforSt:
    """The appointment of an ST or BT physician: the director of studies' "inför-ST" assessment and
    approval, and the region's approval of the placement."""

    tillsatt: date | None = optional("Day the ST/BT post was filled (the appointment); absent: not reported.")
    studierektor_godkant: bool | None = optional(
        "The director of studies in general practice carried out the inför-ST and approved the physician; "
        "false: recorded as not approved; absent: not reported."
    )
    studierektor_datum: date | None = optional("Day of that approval; absent: not reported.")
    placering_godkand: bool | None = optional(
        "The region (Regionstab) approved the placement; false: recorded as not approved; absent: not reported."
    )
    placering_datum: date | None = optional("Day the placement was approved; absent: not reported.")


@attrs.frozen
class Fotvardsutbildning:
    """The trainings of a staff member who performs medical foot care (medicinsk fotvård)."""

    grundutbildning: bool | None = optional(
        "Has the 3-year upper-secondary care programme (omvårdnadsprogram) or another health-care "
        "education; absent: not reported."
    )
    fotterapeututbildning: bool | None = optional(
        "Has the foot-therapist training (utbildning till fotterapeut, in medical foot-care therapy, "
        "medicinsk fotvårdsterapi); absent: not reported."
    )
    diabetesfotvard: bool | None = optional(
        "Has an approved add-on training in diabetic foot care (påbyggnadsutbildning i diabetesfotvård); "
        "absent: not reported."
    )
    dispens: bool | None = optional(
        "Holds a dispensation granted for long documented experience of medical foot care; absent: not reported."
    )


# --- unit facts (on Vardenhet) ------------------------------------------------------------------


@attrs.frozen
class Kompetensresurser:
    """Competences and functions the unit declares it has access to (own staff or by agreement)."""

    dietist: bool | None = optional(
        "Meets the need for dietary advice and treatment by a dietitian; absent: not reported."
    )
    tobaksavvanjare: bool | None = optional(
        "A tobacco-cessation resource (tobaksavvänjare) is available to patients; absent: not reported."
    )
    demenssjukskoterska: bool | None = optional(
        "Has access to a district nurse with extended dementia competence; absent: not reported."
    )
    mbt: bool | None = optional(
        "Has a working medical assessment team (medicinskt bedömningsteam, MBT); absent: not reported."
    )
    mbt_leds_av_rehabkoordinator: bool | None = optional(
        "The MBT is led by a rehabilitation coordinator; absent: not reported."
    )
    rehabkoordinator_kvalitetssakringsuppdrag: bool | None = optional(
        "The head of operations has given the rehabilitation coordinator a written quality-assurance "
        "assignment (kvalitetssäkringsuppdrag); absent: not reported."
    )
    rehabkoordinator_arbetsbeskrivning: bool | None = optional(
        "An agreed job description for the rehabilitation-coordination function exists; absent: not reported."
    )
    rehabkoordinator_lokal: bool | None = optional(
        "Premises are available for the rehabilitation coordinator's work (patient visits); absent: not reported."
    )
    betalar_offentligt_finansierad_vardgivare: bool | None = optional(
        "The unit pays another private care provider that is publicly funded for services; "
        "false: declared that it does not; absent: not reported."
    )


# --- staffing schedule (on Tillganglighet) ------------------------------------------------------


@attrs.frozen
class Bemanningspass:
    """One interval of the weekly on-site staffing schedule: who is on site, when."""

    dag: Veckodag = field("Weekday, or helgdag for the public-holiday schedule.")
    fran: time = field("On site from, local time HH:MM.")
    till: time = field("On site until, local time HH:MM, after fran; 00:00 or 24:00 is midnight.")
    medarbetare: str = field("The staff member's reference (Medarbetare.id).")
    yrke: Yrke | None = optional("Profession; absent: not reported.")
    legitimerad: bool | None = optional("Holds a Swedish licence for the profession; absent: not reported.")


@attrs.frozen
class Franvaro:
    """A dated absence of a staff member from the unit during the day (a home visit, a certificate)."""

    datum: date = field("The local day.")
    fran: time = field("Leaves at, local time HH:MM.")
    till: time = field("Back at, local time HH:MM, after fran; 00:00 or 24:00 is midnight.")
    medarbetare: str = field("The staff member's reference (Medarbetare.id).")
    orsak: Franvaroorsak | None = optional("hembesok, vardintyg or annan (or its Swedish name).")


@attrs.frozen
class Bemanning:
    """The unit's weekly on-site staffing schedule and the absences from it."""

    schema: tuple[Bemanningspass, ...] | None = many("Weekly on-site staffing schedule.")
    franvaro: tuple[Franvaro, ...] | None = many("Dated absences of staff during opening hours.")


# --- shared checks ------------------------------------------------------------------------------

#: A judgement of one staff member: holds (true/false) or not known (``None``), with the JSON
#: paths whose absence leaves it unknown.
Verdict = tuple[bool | None, list[str]]


def staff_paths(index: int, member: Any, *names: str) -> list[str]:
    """``$.personal[i].name`` for each dotted ``name`` absent on ``member``."""
    missing = []
    for name in names:
        value = member
        for part in name.split("."):
            value = getattr(value, part, None)
            if value is None:
                missing.append(f"$.personal[{index}].{name}")
                break
    return missing


def staff_flag(name: str) -> Callable[[int, Any], Verdict]:
    """A judgement of one staff member by a flag of its own: the field ``name`` as reported
    (``None``: unknown, naming ``$.personal[i].name``)."""

    def verdict(index: int, member: Any) -> Verdict:
        return getattr(member, name), staff_paths(index, member, name)

    return verdict


def _ids(members: Sequence[Any]) -> str:
    return ", ".join(sorted(m.id for m in members)) or "-"


def each_staff(
    personal: Sequence[Medarbetare] | None,
    judge: Callable[[int, Medarbetare], Verdict],
    *,
    day: date,
    sv: str,
    en: str,
    scope: Callable[[int, Medarbetare], Verdict] | None = None,
    pending: Callable[[int, Medarbetare], bool] | None = None,
    open_sv: str | None = None,
    open_en: str | None = None,
    none_sv: str = "",
    none_en: str = "",
    none_reason: str = "",
) -> Finding:
    """A requirement every staff member in scope must meet (``sv``/``en`` say what is required).

    Only staff in service on ``day`` (:meth:`Medarbetare.i_tjanst`) are judged; the others are
    listed (``not_in_service``). ``scope`` (default: everyone) and ``judge`` answer true, false or
    unknown (with the missing paths). Any staff member in scope who does not meet it → ``fail``
    naming them; else any unknown judgement, or an unknown scope of a staff member who does not
    (or not known to) meet it → ``indeterminate``; a staff member whose scope is unknown but who
    meets the requirement anyway counts as met whatever the scope (``met_whatever_scope``).
    ``pending`` (optional) marks a staff member who meets it so far only because it is not yet due
    (an obligation still open): in scope → ``warning`` naming them (``open``; ``open_sv``/``open_en``,
    when given, say what is open); scope unknown → the scope is asked for. No one in scope and no
    one met whatever the scope → ``not_applicable`` (``none_*``); else ``pass``. Staff not declared
    → ``indeterminate`` ``$.personal``.
    """
    from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed, warning

    if personal is None:
        return indeterminate("$.personal")
    missing: list[str] = []
    concerned: list[Medarbetare] = []
    failing: list[Medarbetare] = []
    waiting: list[Medarbetare] = []
    regardless: list[Medarbetare] = []
    former: list[Medarbetare] = []
    for i, m in enumerate(personal):
        if not m.i_tjanst(day):
            former.append(m)
            continue
        inside, gaps = (True, []) if scope is None else scope(i, m)
        if inside is False:
            continue
        verdict, judged_gaps = judge(i, m)
        still_open = verdict is True and pending is not None and pending(i, m)
        if inside is None:
            # met whatever the scope; only a failing, unknown or still open judgement needs the scope
            if verdict is True and not still_open:
                regardless.append(m)
            else:
                missing += gaps
            continue
        concerned.append(m)
        if verdict is False:
            failing.append(m)
        elif verdict is None:
            missing += judged_gaps
        elif still_open:
            waiting.append(m)
    values: dict[str, Any] = {
        "concerned": sorted(m.id for m in concerned), "failing": sorted(m.id for m in failing),
        "not_in_service": sorted(m.id for m in former),
    }
    if regardless:
        values["met_whatever_scope"] = sorted(m.id for m in regardless)
    if pending is not None:
        values["open"] = sorted(m.id for m in waiting)
    if failing:
        return failed(
            f"Uppfylls inte för {_ids(failing)}: {sv}.",
            f"Not met for {_ids(failing)}: {en}.",
            **values,
        )
    if missing:
        return indeterminate(*dict.fromkeys(missing), **values)
    if waiting:
        if open_sv is not None and open_en is not None:
            return warning(f"Öppet för {_ids(waiting)}: {open_sv}.", f"Open for {_ids(waiting)}: {open_en}.",
                           **values)
        return warning(
            f"Ännu inte uppfyllt (öppet, ännu inte förfallet) för {_ids(waiting)}: {sv}.",
            f"Not yet met (open, not yet due) for {_ids(waiting)}: {en}.",
            **values,
        )
    if not concerned and not regardless:
        if former:
            none_sv += f" Ej i tjänst {day.isoformat()}, inte bedömda: {_ids(former)}."
            none_en += f" Not in service on {day.isoformat()}, not judged: {_ids(former)}."
        return not_applicable(none_sv.strip(), none_en.strip(), reason=none_reason, **values)
    met = [*concerned, *regardless]
    return passed(
        f"Uppfylls för alla berörda medarbetare ({_ids(met)}): {sv}.",
        f"Met for every staff member concerned ({_ids(met)}): {en}.",
        **values,
    )


def any_staff(
    personal: Sequence[Medarbetare] | None,
    judge: Callable[[int, Medarbetare], Verdict],
    *,
    day: date,
    sv: str,
    en: str,
    minimum: int = 1,
) -> Finding:
    """A requirement at least ``minimum`` staff members must meet (``sv``/``en``: who is required).
    Only staff in service on ``day`` (:meth:`Medarbetare.i_tjanst`) count; the others are listed
    (``not_in_service``). Enough who do → ``pass`` naming them; else enough counting those not
    known → ``indeterminate`` naming what is missing; else ``fail``."""
    from primarvard_sdk.findings import failed, indeterminate, passed

    if personal is None:
        return indeterminate("$.personal")
    found: list[Medarbetare] = []
    unknown = 0
    missing: list[str] = []
    former: list[Medarbetare] = []
    for i, m in enumerate(personal):
        if not m.i_tjanst(day):
            former.append(m)
            continue
        verdict, gaps = judge(i, m)
        if verdict is True:
            found.append(m)
        elif verdict is None:
            unknown += 1
            missing += gaps
    values: dict[str, Any] = {"found": sorted(m.id for m in found), "required": minimum, "declared": len(found),
                              "not_in_service": sorted(m.id for m in former)}
    if len(found) >= minimum:
        return passed(f"Finns: {sv} ({_ids(found)}).", f"Present: {en} ({_ids(found)}).", **values)
    if len(found) + unknown >= minimum:
        return indeterminate(*dict.fromkeys(missing), **values)
    gone_sv = f"; ej i tjänst {day.isoformat()}: {_ids(former)}" if former else ""
    gone_en = f"; not in service on {day.isoformat()}: {_ids(former)}" if former else ""
    return failed(
        f"Saknas: {sv} (minst {minimum}, redovisade i tjänst {len(found)}{gone_sv}).",
        f"Missing: {en} (at least {minimum}, reported in service {len(found)}{gone_en}).",
        **values,
    )


def utbildningslakare(i: int, m: Medarbetare) -> Verdict:
    """Scope of a rule on physicians in training: a physician in an AT, BT or ST post. Unknown for a
    physician (or a person of unknown profession) whose post is not reported; a training post
    implies a physician."""
    if m.yrke is not None and m.yrke is not Yrke.lakare:
        return False, []
    if m.utbildningstjanst is not None:
        return m.utbildningstjanst is not Utbildningstjanst.ingen, []
    return None, staff_paths(i, m, "utbildningstjanst")


def _works_in(i: int, m: Medarbetare, uppdrag: Uppdrag) -> Verdict:
    if m.uppdrag is None:
        return None, [f"$.personal[{i}].uppdrag"]
    return uppdrag in m.uppdrag, []


def bhv_overlakare_kontakt(doc: Any, ctx: RuleContext) -> Finding:
    """Every physician working in child health care has established contact with the chief
    physician of child health care (barnhälsovårdsöverläkaren). Scope: staff whose work areas
    include bvc and whose profession is physician (unknown profession: asked for)."""

    def scope(i: int, m: Medarbetare) -> Verdict:
        bvc, gaps = _works_in(i, m, Uppdrag.bvc)
        if bvc is False or (m.yrke is not None and m.yrke is not Yrke.lakare):
            return False, []
        if bvc is None or m.yrke is None:
            return None, gaps + staff_paths(i, m, "yrke")
        return True, []

    judge = staff_flag("bhv_overlakare_kontakt")

    return each_staff(
        doc.personal, judge, scope=scope, day=ctx.day,
        sv="kontakt med barnhälsovårdsöverläkaren ska vara etablerad för läkare inom barnhälsovården",
        en="contact with the chief physician of child health care is to be established for physicians "
           "in child health care",
        none_sv="Ingen läkare arbetar inom barnhälsovården enligt redovisningen.",
        none_en="According to the staff reported, no physician works in child health care.",
        none_reason="ingen_lakare_bhv",
    )


def medicinsk_fotvard(doc: Any, ctx: RuleContext) -> Finding:
    """Every staff member who performs medical foot care has each training the parameter
    ``required_trainings`` names (fields of :class:`Fotvardsutbildning`), or else is a foot
    therapist (``fotterapeututbildning``) with a dispensation (``dispens``) for long documented
    experience: the dispensation is for a foot therapist ("Fotterapeut med lång dokumenterad
    erfarenhet … kan ges dispens"), so it does not save a person without foot-therapist training."""
    required: list[str] = list(ctx.param("required_trainings"))

    scope = staff_flag("medicinsk_fotvard")

    def judge(i: int, m: Medarbetare) -> Verdict:
        u = m.fotvardsutbildning
        if u is None:
            return None, [f"$.personal[{i}].fotvardsutbildning"]
        states = {name: getattr(u, name) for name in required}
        if all(state is True for state in states.values()):
            return True, []
        # the dispensation holds for a foot therapist: both must be true for it to replace the rest
        dispensation = (u.fotterapeututbildning, u.dispens)
        if dispensation == (True, True):
            return True, []
        path = f"$.personal[{i}].fotvardsutbildning"
        if False in dispensation:
            # no dispensation can apply: a training declared missing fails, an unknown one leaves it open
            if any(state is False for state in states.values()):
                return False, []
            return None, [f"{path}.{n}" for n, state in states.items() if state is None]
        # a dispensation might apply: what is unknown about it decides, with any unknown training
        gaps = [f"{path}.{n}" for n, state in states.items() if state is None]
        gaps += [f"{path}.{n}" for n, state in (("fotterapeututbildning", u.fotterapeututbildning),
                                               ("dispens", u.dispens)) if state is None]
        return None, list(dict.fromkeys(gaps))

    names = ", ".join(required)
    return each_staff(
        doc.personal, judge, scope=scope, day=ctx.day,
        sv=f"medicinsk fotvård ska utföras av personal med utbildningarna {names}, eller av fotterapeut med dispens",
        en=f"medical foot care is to be performed by staff with the trainings {names}, or by a foot therapist "
           "with a dispensation",
        none_sv="Ingen medarbetare utför medicinsk fotvård enligt redovisningen.",
        none_en="According to the staff reported, nobody performs medical foot care.",
        none_reason="ingen_medicinsk_fotvard",
    )


def declared_param(ctx: RuleContext, name: str) -> Any | None:
    """The value of a parameter the rule may declare (one function serves several programmes'
    rules, not all of which have it): ``None`` when the rule has no such parameter."""
    if all(p.name != name for p in ctx.rule.parameters):
        return None
    return ctx.param_or_none(name)


def overlap(a: Period, b: Period) -> date | None:
    """The first day two periods share (``till`` absent: ongoing), or ``None``."""
    start = max(a.fran, b.fran)
    ends = [p.till for p in (a, b) if p.till is not None]
    if ends and start > min(ends):
        return None
    return start


def edition_split(ctx: RuleContext, period: Period) -> tuple[list[Period], list[Period]]:
    """The parts of ``period`` (``till`` absent: ongoing) that lie inside an edition of the
    programme, and the parts that lie outside every edition, each in day order."""
    inside: list[Period] = []
    for e in sorted(ctx.editions, key=lambda e: e.valid_from):
        start = max(period.fran, e.valid_from)
        ends = [d for d in (period.till, e.valid_to) if d is not None]
        end = min(ends) if ends else None
        if end is None or start <= end:
            inside.append(Period(fran=start, till=end))
    outside: list[Period] = []
    cursor: date | None = period.fran
    for part in inside:
        if cursor is not None and cursor < part.fran:
            outside.append(Period(fran=cursor, till=part.fran - timedelta(days=1)))
        cursor = None if part.till is None else part.till + timedelta(days=1)
    if cursor is not None and (period.till is None or cursor <= period.till):
        outside.append(Period(fran=cursor, till=period.till))
    return inside, outside


def _shared(a: Period, b: Period) -> Period | None:
    """The days two periods share (``till`` absent: ongoing), or ``None``."""
    start = overlap(a, b)
    if start is None:
        return None
    ends = [p.till for p in (a, b) if p.till is not None]
    return Period(fran=start, till=min(ends) if ends else None)


def nationella_taxan(doc: Any, ctx: RuleContext) -> Finding:
    """No staff member receives compensation from the funding sources of the parameter
    ``funding_sources`` (nationella_taxan; in Västerbotten also other public funding) for a day on
    which they work at the unit (``verksam``); with the parameter ``no_payments_to_funded_providers``
    true, the unit also pays no other publicly funded private care provider.

    Only days inside an edition of the programme are judged: shared days up to ``as_of`` fail,
    shared days that all lie after ``as_of`` are planned (``warning``); days outside every edition
    are listed under ``outside_editions``. A staff member whose period at the unit lies wholly
    outside every edition is not judged; when that holds for every staff member reported, the rule
    answers ``not_applicable`` (``no_rulebook_in_force``)."""
    from primarvard_sdk.findings import failed, indeterminate, passed, warning
    from primarvard_sdk.items import none_in_force

    if doc.personal is None:
        return indeterminate("$.personal")
    sources = {Ersattningskalla(s) for s in ctx.param("funding_sources")}
    payments = bool(declared_param(ctx, "no_payments_to_funded_providers"))
    missing: list[str] = []
    overlaps: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    judged = 0
    for i, m in enumerate(doc.personal):
        if m.verksam is not None:
            inside, _ = edition_split(ctx, m.verksam)
            if not inside:
                outside.append({"medarbetare": m.id, "date": m.verksam.fran, "till": m.verksam.till})
                continue
        judged += 1
        if m.offentlig_ersattning is None:
            missing.append(f"$.personal[{i}].offentlig_ersattning")
            continue
        funded = [e for e in m.offentlig_ersattning if e.kalla in sources]
        if not funded:
            continue
        if m.verksam is None:
            missing.append(f"$.personal[{i}].verksam")
            continue
        for e in funded:
            shared = _shared(e.period, m.verksam)
            if shared is None:
                continue
            inside, beyond = edition_split(ctx, shared)
            for part in beyond:
                outside.append({"medarbetare": m.id, "kalla": e.kalla.value, "date": part.fran, "till": part.till})
            for part in inside:
                row = {"medarbetare": m.id, "kalla": e.kalla.value, "first_day": part.fran}
                (overlaps if part.fran <= ctx.as_of else planned).append(row)
    pays: bool | None = None
    if payments:
        resurser = getattr(doc, "kompetensresurser", None)
        pays = None if resurser is None else resurser.betalar_offentligt_finansierad_vardgivare
        if pays is None:
            missing.append("$.kompetensresurser.betalar_offentligt_finansierad_vardgivare")
    for rows in (overlaps, planned, outside):
        rows.sort(key=lambda o: (o["medarbetare"], o.get("kalla", ""), o.get("first_day", o.get("date"))))
    values: dict[str, Any] = {"overlaps": overlaps, "planned": planned, "outside_editions": outside}
    if payments:
        values["pays_funded_provider"] = pays
    if overlaps or pays is True:
        sv_parts, en_parts = [], []
        for o in overlaps:
            sv_parts.append(f"{o['medarbetare']} uppbär ersättning ({o['kalla']}) från {o['first_day'].isoformat()}, "
                            "under tid då personen är verksam vid enheten")
            en_parts.append(f"{o['medarbetare']} receives compensation ({o['kalla']}) from "
                            f"{o['first_day'].isoformat()}, while working at the unit")
        if pays is True:
            sv_parts.append("enheten betalar ersättning till annan privat vårdgivare som finansieras med offentliga medel")
            en_parts.append("the unit pays another private care provider that is publicly funded")
        # the sentence starts with its own words: a staff id keeps the case it was given in
        return failed("Kravet uppfylls inte: " + "; ".join(sv_parts) + ".",
                      "Requirement not met: " + "; ".join(en_parts) + ".", **values)
    if missing:
        return indeterminate(*missing, **values)
    if planned:
        listed_sv = "; ".join(f"{o['medarbetare']} ({o['kalla']}) från {o['first_day'].isoformat()}" for o in planned)
        listed_en = "; ".join(f"{o['medarbetare']} ({o['kalla']}) from {o['first_day'].isoformat()}" for o in planned)
        return warning(
            f"Planerad ersättning under tid då personen ska vara verksam vid enheten, efter "
            f"{ctx.as_of.isoformat()} (ännu inte inträffad): {listed_sv}.",
            f"Compensation planned for a period in which the person is to work at the unit, after "
            f"{ctx.as_of.isoformat()} (not yet happened): {listed_en}.",
            **values,
        )
    if outside and not judged and not payments:
        return none_in_force(outside, overlaps=overlaps, planned=planned)
    return passed(
        "Ingen medarbetare uppbär offentlig ersättning under tid då de är verksamma vid enheten"
        + ("; enheten betalar ingen offentligt finansierad privat vårdgivare." if payments else "."),
        "No staff member receives public compensation for a period in which they work at the unit"
        + ("; the unit pays no publicly funded private care provider." if payments else "."),
        **values,
    )
