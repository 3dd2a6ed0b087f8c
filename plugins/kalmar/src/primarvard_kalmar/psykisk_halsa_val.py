"""Listing, regular contacts and referrals (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook.

Referral rules, governed by the day the referral arrived (``inkom``). No rule reads or repeats the
patient's identity: a patient with protected personal data is named by nothing but the reasons.
"""

from __future__ import annotations

from primarvard_kalmar.psykisk_halsa_common import (
    REGISTRATION_REASONS,
    registration_reason_excused,
    rules,
)
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Avvisningsskal,
    Lan,
    Remiss,
    Remisstyp,
    Utfall,
    local_day,
)
from primarvard_sdk.findings import decision, indeterminate, not_applicable, passed, warning
from primarvard_sdk.model import Finding


@rules.implement("kalmar.psykisk_halsa.remiss.bekrafta_mottagande")
def bekrafta_mottagande(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is None:
        return indeterminate("$.typ")
    if remiss.typ is Remisstyp.digital_mottagning:
        return not_applicable(
            "Kontakt med digital mottagning: remiss krävs ej (se remiss.digital_mottagning).",
            "Contact with the digital reception: no referral is required (see remiss.digital_mottagning).",
            reason="digital_mottagning",
        )
    confirmed = remiss.mottagande_bekraftat
    if confirmed is None:
        return indeterminate("$.mottagande_bekraftat")
    if confirmed:
        return passed(
            "Den valda enheten har bekräftat emottagandet av remissen.",
            "The chosen unit has confirmed receipt of the referral.",
        )
    return warning(
        "Emottagandet av remissen är ännu inte bekräftat. Texten anger ingen tidsgräns: bekräftelsen är "
        "utestående, inte försenad.",
        "Receipt of the referral is not yet confirmed. The text sets no time limit: the confirmation is "
        "outstanding, not late.",
    )


@rules.implement("kalmar.psykisk_halsa.remiss.omfattade_grupper")
def omfattade_grupper(remiss: Remiss, ctx: RuleContext) -> Finding:
    forbidden = {Avvisningsskal(r) for r in ctx.param("forbidden_reasons")}
    lawful = {Avvisningsskal(r) for r in ctx.param("lawful_reasons")}
    beslut = remiss.beslut
    if beslut is None:
        return not_applicable(
            "Inget beslut om remissen är registrerat; regeln bedömer en avvisning.",
            "No decision on the referral is recorded; the rule judges a rejection.",
            reason="no_decision",
        )
    if beslut.utfall is not Utfall.avvisad:
        return not_applicable(
            f"Remissen är inte avvisad ({beslut.utfall.value}); regeln bedömer en avvisning.",
            f"The referral is not rejected ({beslut.utfall.value}); the rule judges a rejection.",
            reason="not_rejected",
        )
    if beslut.skal is None:
        return indeterminate("$.beslut.skal")
    invalid = sorted({s.value for s in beslut.skal if s in forbidden})
    standing = sorted({s.value for s in beslut.skal if s in lawful})
    if not invalid:
        return not_applicable(
            "Avvisningen anger varken folkbokföring eller skyddade personuppgifter som skäl; övriga skäl prövas "
            "inte här.",
            "The rejection gives neither registration nor protected personal data as a reason; other reasons are "
            "not judged here.",
            reason="other_reasons",
        )
    min_age = int(ctx.param("min_age"))
    day = local_day(remiss.inkom)
    age = remiss.patient.age_on(day) if remiss.patient is not None else None
    if age is None:
        return indeterminate("$.patient.fodelsedatum", "$.patient.personnummer", invalid_reasons=invalid)
    if age < min_age:
        return not_applicable(
            f"Patienten är {age} år på ankomstdagen; vården gäller patienter {min_age} år eller äldre "
            "(se remiss.alder).",
            f"The patient is {age} on the arrival day; the care concerns patients aged {min_age} or older "
            "(see remiss.alder).",
            reason="under_age", age=age,
        )
    registration = [r for r in invalid if Avvisningsskal(r) in REGISTRATION_REASONS]
    if registration:
        excuse, unknown = registration_reason_excused(remiss, Lan(ctx.param("home_county")))
        others = [r for r in invalid if r not in registration]
        if unknown and not others:
            return indeterminate(
                *unknown,
                sv="Kan inte avgöras: avvisning på grund av folkbokföring, men om patienten är asylsökande eller "
                f"papperslös (särskild riktlinje), eller länets invånare vid den digitala mottagningen, är okänt "
                f"({', '.join(unknown)}).",
                en="Cannot be decided: rejected for registration, but whether the patient is an asylum seeker or "
                f"undocumented (a separate guideline), or a county inhabitant at the digital reception, is unknown "
                f"({', '.join(unknown)}).",
                invalid_reasons=invalid, age=age,
            )
        if excuse is not None:
            invalid = others
            if not invalid:
                return _excused(excuse, age)
    served_sv = ("Vården ska erbjudas patienter 18 år eller äldre, folkbokförda i Kalmar län, i andra regioner, i "
                 "andra länder och med skyddade personuppgifter.")
    served_en = ("Care is to be offered to patients aged 18 or older registered in Kalmar län, in other regions, in "
                 "other countries and with protected personal data.")
    if standing:
        return warning(
            f"Remissen för en patient som är {age} år avvisades med skäl {', '.join(invalid)} och med skäl som texten "
            f"medger ({', '.join(standing)}). Beslutet kan stå på det senare skälet, men {', '.join(invalid)} skulle "
            f"inte ha angetts som skäl. {served_sv}",
            f"The referral of a patient aged {age} was rejected for {', '.join(invalid)} and for a reason the text "
            f"allows ({', '.join(standing)}). The decision may stand on the latter, but {', '.join(invalid)} should "
            f"not have been given as a reason. {served_en}",
            invalid_reasons=invalid, lawful_reasons=standing, age=age,
        )
    # The rule judges the unit's rejection: fail (decision reject, the eligibility convention for a
    # fail) means the rejection gave a forbidden reason and does not stand; the referral is to be
    # accepted (required_decision). A warning carries no decision.
    return decision(
        "reject",
        f"Remissen för en patient som är {age} år avvisades med skäl {', '.join(invalid)}; avvisningen står inte "
        f"och remissen ska tas emot. {served_sv}",
        f"The referral of a patient aged {age} was rejected for {', '.join(invalid)}; the rejection does not "
        f"stand and the referral is to be accepted. {served_en}",
        invalid_reasons=invalid, age=age, unit_decision=beslut.utfall.value, required_decision="accept",
    )


def _excused(excuse: str, age: int | None = None) -> Finding:
    """not_applicable for a refusal whose only forbidden reasons are registration reasons that
    these rules do not judge (see :func:`registration_reason_excused`)."""
    extra = {} if age is None else {"age": age}
    if excuse == "separate_guideline":
        return not_applicable(
            "Asylsökande och papperslösa omfattas av en särskild riktlinje, som inte prövas här.",
            "Asylum seekers and undocumented persons fall under a separate guideline, not judged here.",
            reason="separate_guideline", **extra,
        )
    return not_applicable(
        "Den digitala mottagningen är till för länets invånare och personen är inte folkbokförd i Kalmar län: "
        "folkbokföring som skäl prövas av remiss.digital_mottagning, inte här.",
        "The digital reception is for the county's inhabitants and the person is not registered in Kalmar län: "
        "registration as a reason is judged by remiss.digital_mottagning, not here.",
        reason="digital_mottagning_not_county_inhabitant", **extra,
    )
