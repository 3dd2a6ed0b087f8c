"""Care-contact rules of vasterbotten.halsoval (2.7.4, 2.3.6, 2.2.6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kontakttyp, Vardkontakt, Vistelsestatus, fold, local_day
from primarvard_sdk.findings import decision, indeterminate, not_applicable, warning
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import iso, rules


@rules.implement("vasterbotten.halsoval.vardkontakt.ej_listade")
def ej_listade(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    if kontakt.listad_vid_enheten is None:
        return indeterminate("$.listad_vid_enheten")
    if kontakt.listad_vid_enheten:
        return not_applicable(
            "Patienten är listad vid enheten; regeln gäller personer som inte är listade.",
            "The patient is listed at the unit; the rule is about persons who are not listed.",
            reason="listed_at_unit",
        )
    if kontakt.tillfalligt_behov or kontakt.kan_ej_vanta:
        return decision(
            "accept",
            "Ej listad: vårdbehov av tillfällig karaktär eller som behöver omedelbar åtgärd tas emot.",
            "Not listed: a temporary care need or one needing immediate action is received.",
            terms="tillfalligt_eller_omedelbart",
        )
    patient = kontakt.patient
    if patient is None:
        return indeterminate("$.patient")
    if patient.skyddade_personuppgifter:
        return decision(
            "accept",
            "Person med skyddad identitet: tas emot på samma villkor som listade.",
            "Person with protected identity: received on the same terms as listed patients.",
            terms="som_listade",
        )
    status = patient.vistelsestatus
    if status in (Vistelsestatus.asylsokande, Vistelsestatus.papperslos):
        return decision(
            "accept",
            "Asylsökande och tillståndslösa erbjuds vård på lika villkor som bosatta.",
            "Asylum seekers and undocumented persons are offered care on equal terms with residents.",
            terms="som_bosatta",
        )
    if status in (Vistelsestatus.eu_ees, Vistelsestatus.utlandsk):
        return decision(
            "accept",
            "Folkbokförd i annat land eller tillfälligt vistande från EU/EES: nödvändig vård ges.",
            "Registered in another country or visiting from the EU/EEA: necessary care is given.",
            terms="nodvandig_vard",
        )
    # A lasting need: before saying the unit may direct the person elsewhere, everything that would
    # give the person a right to be received here must be known.
    missing = []
    if patient.skyddade_personuppgifter is None:
        missing.append("$.patient.skyddade_personuppgifter")
    if status is None and patient.folkbokford_i_sverige is not True:
        missing.append("$.patient.vistelsestatus")
    if kontakt.tillfalligt_behov is None:
        missing.append("$.tillfalligt_behov")
    if kontakt.kan_ej_vanta is None:
        missing.append("$.kan_ej_vanta")
    if missing:
        return indeterminate(*missing)
    return warning(
        "Ej listad och behovet är varken tillfälligt eller omedelbart: hälsocentralen kan anvisa till "
        "patientens valda hälsocentral eller erbjuda listning.",
        "Not listed and the need is neither temporary nor immediate: the hälsocentral may direct the "
        "patient to their chosen hälsocentral or offer listing.",
        options=["anvisa_vald_halsocentral", "erbjuda_listning"],
    )


def _contact_day(kontakt: Vardkontakt, ctx: RuleContext, field: str) -> tuple[date, str, str]:
    """The governing day (the local day of ``field``), with how the explanation names it."""
    moment = getattr(kontakt, field)
    day = local_day(moment) if moment is not None else ctx.day
    if field == "sokte":
        return day, f"den {iso(day)} (då vård söktes)", f"on {iso(day)} (when care was sought)"
    return day, f"den {iso(day)} (vaccinationsdagen)", f"on {iso(day)} (the vaccination day)"


@rules.implement("vasterbotten.halsoval.vardkontakt.hemsjukvard_barn")
def hemsjukvard_barn(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    if kontakt.typ is None:
        return indeterminate("$.typ")
    if kontakt.typ is not Kontakttyp.hemsjukvard:
        return not_applicable(
            f"Ingen hemsjukvård ({kontakt.typ.value}).", f"Not home health care ({kontakt.typ.value}).",
            reason="not_hemsjukvard",
        )
    if kontakt.patient is None:
        return indeterminate("$.patient")
    day, on_sv, on_en = _contact_day(kontakt, ctx, "sokte")
    age = kontakt.patient.age_on(day)
    if age is None:
        return indeterminate("$.patient.fodelsedatum")
    low, high = ctx.param("min_age"), ctx.param("max_age")
    if low <= age <= high:
        return decision(
            "accept",
            f"{age} år {on_sv}: hälsocentralen ger hemsjukvård för personer {low}–{high} år.",
            f"Age {age} {on_en}: the hälsocentral provides home health care for persons aged {low}–{high}.",
            age=age,
        )
    return decision(
        "reject",
        f"{age} år {on_sv}: hälsocentralens hemsjukvårdsuppdrag gäller {low}–{high} år.",
        f"Age {age} {on_en}: the hälsocentral's home-care assignment covers ages {low}–{high}.",
        age=age,
    )


def _vaccine(kontakt: Vardkontakt) -> Any:
    """The vaccine of the contact (``Vardkontakt.vaccin``; absent until the core has the field)."""
    return getattr(kontakt, "vaccin", None)


def _code(value: Any) -> str:
    return fold(str(getattr(value, "value", value)))


@rules.implement("vasterbotten.halsoval.vardkontakt.vaccination_65")
def vaccination_65(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    if kontakt.typ is None:
        return indeterminate("$.typ")
    if kontakt.typ is not Kontakttyp.vaccination:
        return not_applicable(
            f"Ingen vaccination ({kontakt.typ.value}).", f"Not a vaccination ({kontakt.typ.value}).",
            reason="not_vaccination",
        )
    vaccine = _vaccine(kontakt)
    if vaccine is None:
        return indeterminate(
            "$.vaccin",
            sv="Kan inte avgöras: det är inte angivet vilket vaccin kontakten gäller ($.vaccin); regeln gäller "
            "bara vaccination mot influensa och pneumokocker.",
            en="Cannot be decided: the vaccine of the contact is not given ($.vaccin); the rule covers only "
            "influenza and pneumococcal vaccination.",
        )
    within = {_code(v) for v in ctx.param("vaccines")}
    if _code(vaccine) not in within:
        return not_applicable(
            f"Vaccinationen ({_code(vaccine)}) är inte mot influensa eller pneumokocker; vaccinationer i "
            "allmänna vaccinationsprogram är ett annat åtagande.",
            f"The vaccination ({_code(vaccine)}) is not against influenza or pneumococci; general-programme "
            "vaccinations are a separate duty.",
            reason="other_vaccine",
        )
    if kontakt.patient is None:
        return indeterminate("$.patient")
    day, on_sv, on_en = _contact_day(kontakt, ctx, "kontakt")
    age = kontakt.patient.age_on(day)
    min_age = ctx.param("min_age")
    if age is not None and age >= min_age:
        return decision(
            "accept",
            f"{age} år {on_sv}: influensa- och pneumokockvaccination erbjuds från {min_age} år.",
            f"Age {age} {on_en}: influenza and pneumococcal vaccination is offered from {min_age}.",
            age=age,
        )
    if kontakt.riskgrupp:
        return decision(
            "accept",
            "Patienten tillhör en riskgrupp: vaccination mot influensa och pneumokocker erbjuds oavsett ålder.",
            "The patient belongs to a risk group: influenza and pneumococcal vaccination is offered at any age.",
            age=age,
        )
    missing = [p for p, v in (("$.patient.fodelsedatum", age), ("$.riskgrupp", kontakt.riskgrupp)) if v is None]
    if missing:
        return indeterminate(*missing, age=age)
    return decision(
        "reject",
        f"{age} år {on_sv} och ingen riskgrupp: omfattas inte (från {min_age} år eller riskgrupp).",
        f"Age {age} {on_en} and no risk group: not covered (from {min_age} or a risk group).",
        age=age,
    )


# --- Vectorised twins (issue 8: population-scale evaluation) ------------------------------------
# Each gives, row by row, what the rule function above gives. The core groups rows by their
# governing day (sokte for home care, kontakt for vaccination) and answers rows without one itself;
# the age is taken on that day.
#
# The birth-date column comes from fodelsedatum, or from the personnummer resolved against the
# contact's own governing day.

from collections.abc import Mapping  # noqa: E402 - kept with the twins it serves

from primarvard_sdk.vectorised import Column  # noqa: E402


def _birth_on(field: str) -> Any:
    def birth(kontakt: Vardkontakt) -> date | None:
        patient = kontakt.patient
        if patient is None:
            return None
        if patient.fodelsedatum is not None:
            return patient.fodelsedatum
        moment = getattr(kontakt, field)
        if moment is not None:
            return patient.birth_date(local_day(moment))
        return None

    return birth


def _age_columns(field: str) -> tuple[Column, ...]:
    return (
        Column(field, "time"),
        Column("typ", "code"),
        Column("patient", "flag", get=lambda kontakt: kontakt.patient is not None),
        Column("fodd", "day", path="patient.fodelsedatum", get=_birth_on(field)),
    )


@rules.vectorised("vasterbotten.halsoval.vardkontakt.hemsjukvard_barn", *_age_columns("sokte"))
def hemsjukvard_barn_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    typ = cols["typ"]
    age = batch.full_years(cols["fodd"], batch.local_days(cols["sokte"]))
    low, low_not_in_force = batch.in_force(ctx, "min_age")
    high, high_not_in_force = batch.in_force(ctx, "max_age")
    inside = (age >= (low if low is not None else 0)) & (age <= (high if high is not None else -1))
    return batch.finding(
        len(typ),
        (batch.codes_equal(typ, ""), Outcome.indeterminate, "missing:$.typ"),
        (~batch.codes_equal(typ, Kontakttyp.hemsjukvard), Outcome.not_applicable, "not_hemsjukvard"),
        (cols["patient"] != 1, Outcome.indeterminate, "missing:$.patient"),
        (np.isnat(cols["fodd"]), Outcome.indeterminate, "missing:$.patient.fodelsedatum"),
        low_not_in_force,
        high_not_in_force,
        (inside, Outcome.passed, "inside_ages"),
        default=Outcome.fail,
        values={"age": age, "decision": np.where(inside, "accept", "reject")},
    )


@rules.vectorised(
    "vasterbotten.halsoval.vardkontakt.vaccination_65",
    *_age_columns("kontakt"),
    Column("vaccin", "code", get=_vaccine),
    Column("riskgrupp", "flag"),
)
def vaccination_65_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.model import Outcome

    typ, risk, vaccine = cols["typ"], cols["riskgrupp"], cols["vaccin"]
    vaccines, vaccines_not_in_force = batch.in_force(ctx, "vaccines")
    within = np.isin(np.array([fold(str(v)) for v in vaccine]), [_code(v) for v in vaccines or ()])
    no_birth = np.isnat(cols["fodd"])
    years = batch.full_years(cols["fodd"], batch.local_days(cols["kontakt"]))
    age = np.array([None if unknown else int(a) for unknown, a in zip(no_birth, years, strict=True)], dtype=object)
    min_age, not_in_force = batch.in_force(ctx, "min_age")
    old_enough = ~no_birth & (years >= (min_age if min_age is not None else 0))
    accept = old_enough | (risk == 1)
    return batch.finding(
        len(typ),
        (batch.codes_equal(typ, ""), Outcome.indeterminate, "missing:$.typ"),
        (~batch.codes_equal(typ, Kontakttyp.vaccination), Outcome.not_applicable, "not_vaccination"),
        (batch.codes_equal(vaccine, ""), Outcome.indeterminate, "missing:$.vaccin"),
        vaccines_not_in_force,
        (~within, Outcome.not_applicable, "other_vaccine"),
        (cols["patient"] != 1, Outcome.indeterminate, "missing:$.patient"),
        not_in_force,
        (old_enough, Outcome.passed, "age"),
        (risk == 1, Outcome.passed, "riskgrupp"),
        *batch.missing(**{"$.patient.fodelsedatum": no_birth, "$.riskgrupp": risk == -1}),
        default=Outcome.fail,
        values={"age": age, "decision": np.where(accept, "accept", "reject")},
    )
