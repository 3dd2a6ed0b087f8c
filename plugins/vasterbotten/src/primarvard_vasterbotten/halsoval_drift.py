"""Systems, routines, equipment and IT of the unit (vasterbotten.halsoval): rules of the further obligations read from the rulebook.

Most are requirements met by what the hälsocentral declares (:class:`~primarvard_sdk.shapes.Declared`).
Three say that one thing must come before another ("Innan ... ska", "ska det föregå"): they compare
two recorded moments (:func:`precedes`). A bare date cannot order two events of the same day, so
the same day is indeterminate unless both moments carry a time of day. Each is governed by the day
of its event (the connection, the installation, the filial's start), not by the evaluation day: an
event outside every edition is not judged (``not_applicable``, ``no_rulebook_in_force``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Tidpunkt, Vardenhet, local_day
from primarvard_sdk.domain.codelists import fold
from primarvard_sdk.editions import no_rulebook_in_force
from primarvard_sdk.findings import absent, failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact, When, value_at
from primarvard_vasterbotten.halsoval_common import rules

__all__ = ["precedes"]


def _day(value: Tidpunkt) -> str:
    return local_day(value).isoformat()


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def precedes(document: Any, first: str, then: str, sv: tuple[str, str], en: tuple[str, str]) -> Finding:
    """``first`` (dotted path) came before ``then``: ``pass`` when its day is earlier (or, both
    with a time of day, its instant), ``fail`` when later, ``indeterminate`` on the same day without
    times, or when either is not reported. ``sv``/``en``: (what came first, what came after)."""
    if gaps := absent(document, first, then):
        return indeterminate(*gaps)
    a: Tidpunkt = value_at(document, first)
    b: Tidpunkt = value_at(document, then)
    values = {"first": local_day(a), "then": local_day(b)}
    if isinstance(a, datetime) and isinstance(b, datetime):
        before: bool | None = a < b
    elif local_day(a) == local_day(b):
        before = None
    else:
        before = local_day(a) < local_day(b)
    if before is None:
        return indeterminate(
            f"$.{first}", f"$.{then}",
            sv=f"Kan inte avgöras: {sv[0]} och {sv[1]} är samma dag ({_day(a)}); utan klockslag framgår inte "
               "vad som kom först.",
            en=f"Cannot be decided: {en[0]} and {en[1]} are on the same day ({_day(a)}); without a time of day "
               "it does not show which came first.",
            **values,
        )
    if before:
        return passed(f"{_upper(sv[0])} ({_day(a)}) kom före {sv[1]} ({_day(b)}).",
                      f"{_upper(en[0])} ({_day(a)}) came before {en[1]} ({_day(b)}).", **values)
    return failed(f"{_upper(sv[0])} ({_day(a)}) kom inte före {sv[1]} ({_day(b)}).",
                  f"{_upper(en[0])} ({_day(a)}) did not come before {en[1]} ({_day(b)}).", **values)


def _declared(rule_id: str, facts: tuple[Fact, ...], sv: str, en: str, outside: tuple[When, ...] = ()) -> None:
    rules.shape(Declared(f"vasterbotten.halsoval.vardenhet.{rule_id}", facts=facts, sv=sv, en=en, outside=outside))


_declared(
    "rutin_barn_vald",
    (Fact("rutiner.barn_vald", sv="rutiner för hur barns behov av information, råd och stöd tillgodoses vid våld",
          en="routines for meeting children's need for information, advice and support in cases of violence"),),
    "Vårdgivaren har rutiner för hur barns behov av information, råd och stöd tillgodoses vid våld eller övergrepp.",
    "The provider has routines for meeting children's need for information, advice and support in cases of "
    "violence or abuse.",
)

_declared(
    "sjukskrivning_rutiner",
    (Fact("rutiner.sjukskrivning", sv="dokumenterade lokala rutiner för sjukskrivnings- och rehabiliteringsprocessen",
          en="documented local routines for the sick-leave and rehabilitation process"),
     Fact("rutiner.sjukskrivning_uppdaterad", sv="rutinerna är uppdaterade", en="the routines are up to date")),
    "Hälsocentralen har uppdaterade, dokumenterade lokala rutiner för sjukskrivnings- och rehabiliteringsprocessen.",
    "The hälsocentral has up-to-date, documented local routines for the sick-leave and rehabilitation process.",
)

_declared(
    "lakemedel_kontaktperson",
    (Fact("drift.lakemedel_kontaktperson", sv="kontaktperson för Region Västerbottens läkemedelsorganisation",
          en="a contact person for Region Västerbotten's pharmaceutical organisation"),),
    "Hälsocentralen tillhandahåller kontaktperson för Region Västerbottens läkemedelsorganisation.",
    "The hälsocentral provides a contact person for Region Västerbotten's pharmaceutical organisation.",
)

_declared(
    "ackrediterat_laboratorium",
    (Fact("drift.externa_laboratorier_ackrediterade", sv="anlitade laboratorier utanför regionen är ackrediterade",
          en="the laboratories used outside the region are accredited"),),
    "Laboratorier utanför Region Västerbotten som hälsocentralen anlitar är ackrediterade.",
    "The laboratories outside Region Västerbotten the hälsocentral uses are accredited.",
    outside=(When("drift.externt_laboratorium", flag=False, known=True, reason="only_region_laboratories",
                  sv="Hälsocentralen anlitar bara Region Västerbottens laboratorier.",
                  en="The hälsocentral uses only Region Västerbotten's laboratories."),),
)

_declared(
    "videokonferens_kryptering",
    (Fact("it.videokonferens_krypterad", sv="videokonferenssystemen använder kryptering",
          en="the video-conferencing systems use encryption"),),
    "Videokonferenssystemen som hälsocentralen nyttjar använder kryptering.",
    "The video-conferencing systems the hälsocentral uses encrypt.",
    outside=(When("it.videokonferens", flag=False, known=True, reason="no_video_conferencing",
                  sv="Hälsocentralen nyttjar inga videokonferenssystem.",
                  en="The hälsocentral uses no video-conferencing system."),),
)

_declared(
    "npo",
    (Fact("it.ansluten_npo", sv="ansluten till Nationell patientöversikt (NPÖ)",
          en="connected to the national patient overview (NPÖ)"),),
    "Hälsocentralen är ansluten till Nationell patientöversikt (NPÖ).",
    "The hälsocentral is connected to the national patient overview (NPÖ).",
)

_declared(
    "datorarbetsplats",
    (Fact("it.ansluten_it_infrastruktur", sv="ansluten till Region Västerbottens IT-infrastruktur",
          en="connected to Region Västerbotten's IT infrastructure"),
     Fact("it.hyr_datorarbetsplats", sv="hyr Region Västerbottens Datorarbetsplats",
          en="rents Region Västerbotten's Datorarbetsplats service")),
    "Hälsocentralen är ansluten till Region Västerbottens IT-infrastruktur och hyr tjänsten Datorarbetsplats.",
    "The hälsocentral is connected to Region Västerbotten's IT infrastructure and rents the Datorarbetsplats service.",
)

_declared(
    "hsa_katalog",
    (Fact("it.hsa_enheten", sv="hälsocentralen registrerad i HSA-katalogen med aktuell information",
          en="the hälsocentral registered in the HSA catalogue with current information"),
     Fact("it.hsa_personal", sv="de anställda registrerade i HSA-katalogen med aktuell information",
          en="the employees registered in the HSA catalogue with current information")),
    "Hälsocentralen och dess anställda är registrerade i Region Västerbottens HSA-katalog med aktuell information.",
    "The hälsocentral and its employees are registered in Region Västerbotten's HSA catalogue with current "
    "information.",
)

_declared(
    "unik_anvandaridentitet",
    (Fact("it.unika_anvandaridentiteter", sv="varje användare har en unik personlig användaridentitet",
          en="every user has a unique personal user identity"),),
    "Varje användare av vårdsystemen har en unik personlig användaridentitet.",
    "Every user of the care systems has a unique personal user identity.",
)

_declared(
    "systemansvarig_kontaktperson",
    (Fact("it.systemansvarig_utsedd", sv="lokalt systemansvarig kontaktperson utsedd",
          en="a local system contact person appointed"),
     Fact("it.systemansvarig_anmald", sv="kontaktuppgifterna lämnade till IT Västerbotten",
          en="the contact details given to IT Västerbotten")),
    "Hälsocentralen har utsett lokalt systemansvarig kontaktperson och lämnat kontaktuppgifterna till IT Västerbotten.",
    "The hälsocentral has appointed a local system contact person and given the contact details to IT Västerbotten.",
)

@rules.implement("vasterbotten.halsoval.vardenhet.personuppgiftsbitradesavtal")
def personuppgiftsbitradesavtal(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    return precedes(
        enhet, "it.personuppgiftsbitradesavtal_tecknat", "it.ansluten_vardsystem",
        sv=("tecknandet av personuppgiftsbiträdesavtalet", "anslutningen till vårdsystemen"),
        en=("the signing of the data-processing agreement", "the connection to the care systems"),
    )


def _event_outside(document: Any, path: str, ctx: RuleContext) -> Finding | None:
    """``no_rulebook_in_force`` when the event at ``path`` (the rule's governing event,
    ``governing_day: each_item``) is dated outside every edition; ``None`` when it is inside or not
    reported (the rule then names it)."""
    value: Tidpunkt | None = value_at(document, path)
    if value is None or ctx.edition_on(local_day(value)) is not None:
        return None
    return no_rulebook_in_force(local_day(value))


def _with_edition(found: Finding, document: Any, path: str, ctx: RuleContext) -> Finding:
    """The finding with the governing event's day and the edition in force on it (for a rule whose
    result carries no edition of its own: ``governing_day: each_item``)."""
    value: Tidpunkt | None = value_at(document, path)
    if value is None:
        return found
    edition = ctx.edition_on(local_day(value))
    return attrs.evolve(found, values={**found.values, "event_day": local_day(value),
                                       "edition": edition.id if edition is not None else None})


@rules.implement("vasterbotten.halsoval.vardenhet.filial_ansokan")
def filial_ansokan(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    start = "filial.etablering.verksamheten_startade"
    if (outside := _event_outside(enhet, start, ctx)) is not None:
        return outside
    if enhet.ar_filial is None:
        return indeterminate("$.ar_filial")
    if not enhet.ar_filial:
        return not_applicable("Enheten är ingen filial.", "The unit is not a filial.", reason="not_filial")
    return _with_edition(precedes(
        enhet, "filial.etablering.ansokan_inlamnad", start,
        sv=("den skriftliga ansökan till Region Västerbotten", "filialens start"),
        en=("the written application to Region Västerbotten", "the filial's start"),
    ), enhet, start, ctx)


@rules.implement("vasterbotten.halsoval.vardenhet.fastighetsnat_besiktning")
def fastighetsnat_besiktning(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    start = "utrustning.fastighetsnat.installation_paborjad"
    if (outside := _event_outside(enhet, start, ctx)) is not None:
        return outside
    if gaps := absent(enhet, "utrustning.fastighetsnat.privatagd_fastighet"):
        return indeterminate(*gaps)
    if not value_at(enhet, "utrustning.fastighetsnat.privatagd_fastighet"):
        return not_applicable(
            "Hälsocentralen är inhyrd i regionens lokaler; Region Västerbotten svarar för fastighetsnätet.",
            "The hälsocentral rents the region's premises; Region Västerbotten answers for the building network.",
            reason="region_premises",
        )
    return _with_edition(precedes(
        enhet, "utrustning.fastighetsnat.besiktigat", start,
        sv=("besiktningen av fastighetsnätet", "installationen av utrustning"),
        en=("the inspection of the building network", "the installation of equipment"),
    ), enhet, start, ctx)


_PURCHASE = "utrustning.rengoring_inkop_gjort"
_CONSULTED = "utrustning.rengoring_inkop_vardhygien_konsulterad"
_APPROVED = "utrustning.rengoring_godkand_av_vardhygien"


@rules.implement("vasterbotten.halsoval.vardenhet.rengoring_godkannande")
def rengoring_godkannande(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    """Vårdhygien approves the process chain (always) and is consulted in the purchasing (only when
    such equipment was purchased). A declared failure of either decides; otherwise each unknown
    input is named."""
    approved: bool | None = value_at(enhet, _APPROVED)
    purchased: bool | None = value_at(enhet, _PURCHASE)
    consulted: bool | None = value_at(enhet, _CONSULTED) if purchased else None
    unmet_sv, unmet_en, unmet = [], [], []
    if approved is False:
        unmet_sv.append("Vårdhygien har godkänt processkedjan för rengöring, desinfektion och sterilisering")
        unmet_en.append("Vårdhygien has approved the process chain for cleaning, disinfection and sterilisation")
        unmet.append(f"$.{_APPROVED}")
    if purchased and consulted is False:
        unmet_sv.append("Vårdhygien konsulterades i inköpsprocessen")
        unmet_en.append("Vårdhygien was consulted in the purchasing")
        unmet.append(f"$.{_CONSULTED}")
    if unmet:
        return failed("Uppfylls inte: " + "; ".join(unmet_sv) + ".", "Not met: " + "; ".join(unmet_en) + ".",
                      unmet=",".join(unmet))
    unknown = [f"$.{_APPROVED}"] if approved is None else []
    if purchased is None:
        unknown.append(f"$.{_PURCHASE}")
    elif purchased and consulted is None:
        unknown.append(f"$.{_CONSULTED}")
    if unknown:
        return indeterminate(*unknown)
    if purchased:
        return passed(
            "Vårdhygien har godkänt processkedjan för rengöring, desinfektion och sterilisering och konsulterades "
            "vid inköp.",
            "Vårdhygien has approved the process chain for cleaning, disinfection and sterilisation and was "
            "consulted in the purchasing.",
            purchase=True,
        )
    return passed(
        "Vårdhygien har godkänt processkedjan för rengöring, desinfektion och sterilisering. Ingen sådan "
        "utrustning har köpts in, så det finns ingen inköpsprocess att konsultera Vårdhygien i.",
        "Vårdhygien has approved the process chain for cleaning, disinfection and sterilisation. No such "
        "equipment has been purchased, so there was no purchasing in which to consult Vårdhygien.",
        purchase=False,
    )


@rules.implement("vasterbotten.halsoval.vardenhet.namn")
def namn(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    if gaps := absent(enhet, "namn"):
        return indeterminate(*gaps)
    words: list[str] = list(ctx.param("name_contains_one_of"))
    name = fold(enhet.namn or "")  # NFC and case-folded: a decomposed "a\u0308" is "ä"
    found = [w for w in words if fold(w) in name]
    if found:
        return passed(f"Namnet innehåller {found[0]!r}.", f"The name contains {found[0]!r}.", contains=found[0])
    listed = " eller ".join(repr(w) for w in words)
    return failed(f"Namnet innehåller inte {listed}.", f"The name contains neither {' nor '.join(repr(w) for w in words)}.")


def _amount(value: Any) -> Decimal:
    return Decimal(str(value))


@rules.implement("vasterbotten.halsoval.vardenhet.medicinteknik_basbelopp")
def medicinteknik_basbelopp(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    """Each mandatory item in use against a quarter of the prisbasbelopp in force on the evaluation
    day. The text says how the equipment in use is paid for (a monthly function rent or a direct
    purchase), a term that runs while the item is used: the item's acquisition day plays no part,
    so an item bought before the edition is classified too. An evaluation day outside every edition
    is answered by the core (``no_rulebook_in_force``)."""
    if gaps := absent(enhet, "utrustning.medicinteknik"):
        return indeterminate(*gaps)
    items = (enhet.utrustning.medicinteknik if enhet.utrustning else ()) or ()
    missing: list[str] = []
    priced: list[tuple[str, Decimal]] = []
    for k, item in enumerate(items):
        here = f"$.utrustning.medicinteknik[{k}]"
        if item.obligatorisk is False:
            continue
        if item.obligatorisk is None:
            missing.append(f"{here}.obligatorisk")
        elif item.pris is None:
            missing.append(f"{here}.pris")
        else:
            priced.append((item.id, _amount(item.pris)))
    if not missing and not priced:
        return not_applicable("Ingen obligatorisk medicinteknisk utrustning anges.",
                              "No mandatory medical-technical equipment is reported.", reason="no_mandatory_equipment")
    threshold = _amount(ctx.param("share_of_basbelopp")) * _amount(ctx.param("prisbasbelopp"))
    rent = [i for i, price in priced if price > threshold]
    direct = [i for i, price in priced if price < threshold]
    equal = [i for i, price in priced if price == threshold]
    values: dict[str, Any] = {"funktionshyra": rent, "direktinkop": direct, "threshold": float(threshold)}
    if missing:
        return indeterminate(*missing, at_threshold=equal, **values)
    if equal:
        shown = ", ".join(equal)
        return indeterminate(
            sv=f"Kan inte avgöras: priset är exakt en fjärdedels basbelopp ({shown}); texten anger bara "
               "'överstiger' och 'understiger'.",
            en=f"Cannot be decided: the price is exactly a quarter of the basbelopp ({shown}); the text covers "
               "only 'exceeds' and 'is below'.",
            at_threshold=equal, **values,
        )
    return passed(
        f"Funktionshyra (över en fjärdedels basbelopp): {', '.join(rent) or 'ingen'}; direktinköp (under): "
        f"{', '.join(direct) or 'ingen'}.",
        f"Function rent (above a quarter of the basbelopp): {', '.join(rent) or 'none'}; direct purchase (below): "
        f"{', '.join(direct) or 'none'}.",
        **values,
    )
