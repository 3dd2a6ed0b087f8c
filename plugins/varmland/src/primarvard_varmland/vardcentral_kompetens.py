"""Staff, competence and supervision (varmland.vardcentral): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Medarbetare, Specialitet, Vardenhet, Yrke
from primarvard_sdk.domain.kompetens import (
    Verdict,
    any_staff,
    bhv_overlakare_kontakt,
    each_staff,
    medicinsk_fotvard,
    staff_paths,
    utbildningslakare,
)
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact
from primarvard_varmland.vardcentral_common import rules

rules.implement("varmland.vardcentral.vardenhet.bhv_overlakare_kontakt")(bhv_overlakare_kontakt)
rules.implement("varmland.vardcentral.vardenhet.fotterapeut_kompetens")(medicinsk_fotvard)

rules.shape(Declared(
    "varmland.vardcentral.vardenhet.demenskompetens",
    facts=(Fact("kompetensresurser.demenssjukskoterska",
                sv="tillgång till distriktssköterska med utökad demenskompetens",
                en="access to a district nurse with extended dementia competence"),),
    sv="Vårdcentralen har tillgång till distriktssköterska med utökad demenskompetens.",
    en="The vårdcentral has access to a district nurse with extended dementia competence.",
))

rules.shape(Declared(
    "varmland.vardcentral.vardenhet.rehabkoordinator_uppdrag",
    facts=(
        Fact("kompetensresurser.rehabkoordinator_kvalitetssakringsuppdrag",
             sv="skriftligt kvalitetssäkringsuppdrag till rehabiliteringskoordinatorn",
             en="a written quality-assurance assignment for the rehabilitation coordinator"),
        Fact("kompetensresurser.rehabkoordinator_arbetsbeskrivning",
             sv="överenskommen arbetsbeskrivning för rehabiliteringskoordineringsfunktionen",
             en="an agreed job description for the rehabilitation-coordination function"),
        Fact("kompetensresurser.rehabkoordinator_lokal",
             sv="tillgång till lokal för rehabiliteringskoordinatorns uppdrag",
             en="premises for the rehabilitation coordinator's work"),
    ),
    sv="Rehabiliteringskoordinatorn har skriftligt kvalitetssäkringsuppdrag, arbetsbeskrivning och lokal.",
    en="The rehabilitation coordinator has a written quality-assurance assignment, a job description and premises.",
))

rules.shape(Declared(
    "varmland.vardcentral.vardenhet.mbt",
    facts=(
        Fact("kompetensresurser.mbt", sv="ett fungerande medicinskt bedömningsteam (MBT)",
             en="a working medical assessment team (MBT)"),
        Fact("kompetensresurser.mbt_leds_av_rehabkoordinator", sv="MBT leds av rehabiliteringskoordinator",
             en="the MBT is led by a rehabilitation coordinator"),
    ),
    sv="Vårdcentralen har ett fungerande MBT som leds av rehabiliteringskoordinator.",
    en="The vårdcentral has a working MBT led by a rehabilitation coordinator.",
))


@rules.implement("varmland.vardcentral.vardenhet.tillgang_distriktsskoterska")
def tillgang_distriktsskoterska(doc: Vardenhet, ctx: RuleContext) -> Finding:
    def judge(i: int, m: Medarbetare) -> Verdict:
        if m.specialiteter is not None:
            return Specialitet.distriktsskoterska in m.specialiteter, []
        if m.yrke is None or m.yrke is Yrke.sjukskoterska:
            return None, staff_paths(i, m, "specialiteter")
        return False, []

    return any_staff(
        doc.personal, judge, minimum=int(ctx.param("min_count")), day=ctx.day,
        sv="distriktssköterska vid vårdcentralen", en="a district nurse at the vårdcentral",
    )


@rules.implement("varmland.vardcentral.vardenhet.klinisk_handledare")
def klinisk_handledare(doc: Vardenhet, ctx: RuleContext) -> Finding:
    def judge(i: int, m: Medarbetare) -> Verdict:
        if m.klinisk_handledare is False or m.handledarutbildning is False:
            return False, []
        gaps = staff_paths(i, m, "klinisk_handledare", "handledarutbildning")
        return (None, gaps) if gaps else (True, [])

    return any_staff(
        doc.personal, judge, day=ctx.day,
        sv="klinisk handledare med godkänd handledarutbildning",
        en="a clinical supervisor with approved supervisor training",
    )


@rules.implement("varmland.vardcentral.vardenhet.utbildningslakare_forsakringsmedicin")
def utbildningslakare_forsakringsmedicin(doc: Vardenhet, ctx: RuleContext) -> Finding:
    def judge(i: int, m: Medarbetare) -> Verdict:
        states = (None if m.handledningen is None else m.handledningen.forsakringsmedicin,
                  m.forsakringsmedicin_utbildning)
        if False in states:
            return False, []
        gaps = staff_paths(i, m, "handledningen.forsakringsmedicin", "forsakringsmedicin_utbildning")
        return (None, gaps) if gaps else (True, [])

    return each_staff(
        doc.personal, judge, scope=utbildningslakare, day=ctx.day,
        sv="läkare under utbildning ska få handledning i försäkringsmedicin på vårdcentralen samt delta i "
           "regionens utbildningar inom området",
        en="physicians in training are to receive supervision in insurance medicine at the vårdcentral and "
           "take part in the region's training in the field",
        none_sv="Ingen läkare under utbildning (AT, BT, ST) är redovisad.",
        none_en="No physician in training (AT, BT, ST) is reported.",
        none_reason="ingen_utbildningslakare",
    )
