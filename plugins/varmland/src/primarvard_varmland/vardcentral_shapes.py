"""varmland.vardcentral: the rules stated once as shapes (a deadline, an age range).

The core derives each rule's function and its columnar evaluation from the one statement.
"""

from __future__ import annotations

from primarvard_sdk.domain import Kontakttyp, Remisstyp
from primarvard_sdk.shapes import AgeRange, Deadline, When
from primarvard_varmland.vardcentral_common import rules

_OTHER_CONTACTS = tuple(k.value for k in Kontakttyp if k is not Kontakttyp.akut_hembesok)

rules.shape(Deadline(
    "varmland.vardcentral.vardkontakt.akut_hembesok",
    event="behov_bedomt",
    count="hours",
    parameter="hours",
    done="utford",
    outside=(When("typ", _OTHER_CONTACTS, reason="inte_akut_hembesok",
                  sv="Kontakten är inget akut läkarbesök i hemmet efter läkarbedömning.",
                  en="The contact is not an acute physician home visit after a physician's assessment."),),
    needs=("typ",),
    sv="Akut läkarbesök i hemmet senast {due} ({n} timmar verklig tid efter läkarbedömningen, dygnet runt; "
       "sommartidsomställning räknas i verkliga timmar).",
    en="Acute physician home visit no later than {due} ({n} hours of real time after the physician's assessment, "
       "around the clock; DST changes count in real hours).",
))

rules.shape(AgeRange(
    "varmland.vardcentral.remiss.psykisk_ohalsa_alder",
    person="patient",
    on="inkom",
    minimum="min_age",
    otherwise="reject",
    outside=(When("typ", (Remisstyp.psykisk_ohalsa.value,), not_in=True, known=True, reason="inte_psykisk_ohalsa",
                  sv="Remissen gäller inte åtagandet om psykisk ohälsa.",
                  en="The referral is not for the commitment on mental ill-health."),),
    sv="Patienten är {age} år på remissens ankomstdag {day}: åtagandet gäller vuxna och unga vuxna från 18 år.",
    en="The patient is {age} on the referral's arrival day {day}: the commitment covers adults and young adults "
       "from 18.",
    otherwise_sv="Patienten är {age} år på remissens ankomstdag {day}; åtagandet gäller från 18 år.",
    otherwise_en="The patient is {age} on the referral's arrival day {day}; the commitment applies from 18.",
))

__all__: list[str] = []
