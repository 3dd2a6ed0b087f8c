"""Staff, competence and supervision (vasterbotten.halsoval): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Funktion, Medarbetare, Utbildningstjanst, Vardenhet
from primarvard_sdk.domain.kompetens import (
    Verdict,
    any_staff,
    each_staff,
    medicinsk_fotvard,
    nationella_taxan,
    staff_flag,
    staff_paths,
    utbildningslakare,
)
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact
from primarvard_vasterbotten.halsoval_common import rules, staff_dates_checked

rules.implement("vasterbotten.halsoval.vardenhet.fotvard_kompetens")(staff_dates_checked(medicinsk_fotvard))
rules.implement("vasterbotten.halsoval.vardenhet.nationella_taxan")(staff_dates_checked(nationella_taxan))

rules.shape(Declared(
    "vasterbotten.halsoval.vardenhet.dietist",
    facts=(Fact("kompetensresurser.dietist", sv="kostrådgivning och kostbehandling av dietist",
                en="dietary advice and treatment by a dietitian"),),
    sv="Hälsocentralen tillgodoser behovet av kostrådgivning och kostbehandling av dietist.",
    en="The hälsocentral meets the need for dietary advice and treatment by a dietitian.",
))

rules.shape(Declared(
    "vasterbotten.halsoval.vardenhet.tobaksavvanjning",
    facts=(Fact("kompetensresurser.tobaksavvanjare", sv="tobaksavvänjarresurs tillgänglig för patienten",
                en="a tobacco-cessation resource available to patients"),),
    sv="Tobaksavvänjarresurs finns tillgänglig för patienten.",
    en="A tobacco-cessation resource is available to patients.",
))


@rules.implement("vasterbotten.halsoval.vardenhet.verksamhetschef")
@staff_dates_checked
def verksamhetschef(doc: Vardenhet, ctx: RuleContext) -> Finding:
    def judge(i: int, m: Medarbetare) -> Verdict:
        if m.funktioner is None:
            return None, staff_paths(i, m, "funktioner")
        if Funktion.verksamhetschef not in m.funktioner:
            return False, []
        # only the presence of a name is read: a named head of operations; an empty or blank name is none
        if m.namn is None:
            return None, staff_paths(i, m, "namn")
        return bool(m.namn.strip()), []

    return any_staff(
        doc.personal, judge, day=ctx.day,
        sv="utsedd, namngiven verksamhetschef", en="an appointed, named head of operations",
    )


@rules.implement("vasterbotten.halsoval.vardenhet.hjalpmedel_forskrivarutbildning")
@staff_dates_checked
def hjalpmedel_forskrivarutbildning(doc: Vardenhet, ctx: RuleContext) -> Finding:
    scope = staff_flag("hjalpmedelsforskrivare")

    judge = staff_flag("forskrivarutbildning")

    return each_staff(
        doc.personal, judge, scope=scope, day=ctx.day,
        sv="förskrivare av hjälpmedel ska ha genomgått förskrivarutbildning",
        en="prescribers of aids are to have completed prescriber training",
        none_sv="Ingen medarbetare förskriver hjälpmedel enligt redovisningen.",
        none_en="According to the staff reported, nobody prescribes aids.",
        none_reason="ingen_forskrivare",
    )


@rules.implement("vasterbotten.halsoval.vardenhet.handledare_utbildningslakare")
@staff_dates_checked
def handledare_utbildningslakare(doc: Vardenhet, ctx: RuleContext) -> Finding:
    def judge(i: int, m: Medarbetare) -> Verdict:
        needed = ["handledare", "tid_avsatt"]
        if m.utbildningstjanst is Utbildningstjanst.st:
            needed.insert(0, "studierektor")
        h = m.handledningen
        states = [None if h is None else getattr(h, name) for name in needed]
        if False in states:
            return False, []
        gaps = staff_paths(i, m, *(f"handledningen.{name}" for name in needed))
        return (None, gaps) if gaps else (True, [])

    return each_staff(
        doc.personal, judge, scope=utbildningslakare, day=ctx.day,
        sv="AT/BT-läkare ska ha handledare med avsatt tid, ST-läkare studierektor och handledare att tillgå "
           "med avsatt tid",
        en="AT/BT physicians are to have a supervisor with time set aside; ST physicians a director of "
           "studies and a supervisor available with time set aside",
        none_sv="Ingen AT-, BT- eller ST-läkare är redovisad.",
        none_en="No AT, BT or ST physician is reported.",
        none_reason="ingen_utbildningslakare",
    )


@rules.implement("vasterbotten.halsoval.vardenhet.kompetensutvecklingsplan")
@staff_dates_checked
def kompetensutvecklingsplan(doc: Vardenhet, ctx: RuleContext) -> Finding:
    judge = staff_flag("kompetensutvecklingsplan")

    return each_staff(
        doc.personal, judge, day=ctx.day,
        sv="personalens kompetensutveckling och utbildning ska dokumenteras i individuella "
           "kompetensutvecklingsplaner",
        en="the staff's competence development and training is to be documented in individual "
           "competence-development plans",
        none_sv="Ingen personal i tjänst är redovisad.",
        none_en="No staff member in service is reported.",
        none_reason="ingen_personal",
    )
