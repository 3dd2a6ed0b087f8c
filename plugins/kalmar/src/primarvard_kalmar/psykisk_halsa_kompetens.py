"""Staff, competence and supervision (kalmar.psykisk_halsa): rules of the further obligations read from the rulebook.

Supervision, proof of competence and the national tariff are the functions of
``halsoval_kompetens`` (one obligation, one function), registered here under this programme's ids
with this programme's parameters.
"""

from __future__ import annotations

from datetime import date

import attrs

from primarvard_kalmar.halsoval_kompetens import handledning, kompetensbevis
from primarvard_kalmar.psykisk_halsa_common import rules, staff_dates_consistent
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Vardenhet
from primarvard_sdk.domain.kompetens import Kompetensbevis, each_staff, nationella_taxan, staff_flag
from primarvard_sdk.findings import inconsistent
from primarvard_sdk.model import Finding

rules.implement("kalmar.psykisk_halsa.vardenhet.handledning")(staff_dates_consistent()(handledning))
rules.implement("kalmar.psykisk_halsa.vardenhet.nationella_taxan")(
    staff_dates_consistent(funding=True)(nationella_taxan)
)


@rules.implement("kalmar.psykisk_halsa.uppfoljning.kompetensbevis")
@staff_dates_consistent()
def psykisk_halsa_kompetensbevis(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """The shared function, after one check of its dates: a changed post or new role "för redan
    anställd personal" dated before the member's employment start cannot be right (indeterminate
    naming the change's day), rather than a change judged before the person was employed."""
    for i, m in enumerate(doc.personal or ()):
        if m.anstallning_start is None:
            continue
        for k, r in enumerate(m.rollbyten or ()):
            if r.datum < m.anstallning_start:
                return inconsistent(f"$.personal[{i}].rollbyten[{k}].datum", f"$.personal[{i}].anstallning_start")
    return kompetensbevis(_delivered_by(doc, ctx.as_of), ctx)


def _not_yet(bevis: Kompetensbevis | None, as_of: date) -> Kompetensbevis | None:
    """A copy recorded as delivered on a day after the evaluation day has not been delivered on it."""
    if bevis is not None and bevis.delgiven and bevis.datum is not None and bevis.datum > as_of:
        return attrs.evolve(bevis, delgiven=False)
    return bevis


def _delivered_by(doc: Vardenhet, as_of: date) -> Vardenhet:
    """The unit as it stands on the evaluation day: a delivery of a kompetensbevis dated after it is
    not yet made ("ska kopia på kompetensbevis delges"), so it is outstanding (a warning), not passed."""
    if not doc.personal:
        return doc
    personal = tuple(
        attrs.evolve(
            m,
            kompetensbevis=_not_yet(m.kompetensbevis, as_of),
            rollbyten=None if m.rollbyten is None else tuple(
                attrs.evolve(r, kompetensbevis=_not_yet(r.kompetensbevis, as_of)) for r in m.rollbyten
            ),
        )
        for m in doc.personal
    )
    return attrs.evolve(doc, personal=personal)


@rules.implement("kalmar.psykisk_halsa.vardenhet.svenska_sprak")
@staff_dates_consistent()
def svenska_sprak(doc: Vardenhet, ctx: RuleContext) -> Finding:
    scope = staff_flag("patientkontakt")

    judge = staff_flag("talar_svenska")

    return each_staff(
        doc.personal, judge, scope=scope, day=ctx.day,
        sv="anställda som har kontakt med invånare, patienter och närstående ska tala och förstå svenska",
        en="staff in contact with residents, patients and relatives are to speak and understand Swedish",
        none_sv="Ingen medarbetare har kontakt med invånare, patienter eller närstående enligt redovisningen.",
        none_en="According to the staff reported, no staff member has contact with residents, patients or relatives.",
        none_reason="ingen_patientkontakt",
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.patientsakerhetsutbildning")
@staff_dates_consistent()
def patientsakerhetsutbildning(doc: Vardenhet, ctx: RuleContext) -> Finding:
    judge = staff_flag("patientsakerhetsutbildning")

    return each_staff(
        doc.personal, judge, day=ctx.day,
        sv="samtliga medarbetare ska ha genomgått Socialstyrelsens digitala patientsäkerhetsutbildning "
           "med godkänt resultat",
        en="every staff member is to have completed Socialstyrelsen's digital patient-safety training with a pass",
        none_sv="Ingen personal i tjänst är redovisad.",
        none_en="No staff member in service is reported.",
        none_reason="ingen_personal",
    )
