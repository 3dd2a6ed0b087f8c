"""Systems, routines, equipment and IT of the unit (kalmar.halsoval): rules of the further obligations read from the rulebook.

The obligations both Kalmar programmes share (connection to 1177.se, the region's journal system,
the region's deviation-management system) are built once by :func:`shared_shapes` and registered
on each programme's registry (this module for halsoval, ``psykisk_halsa_drift`` for psykisk_halsa).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Grundtjanst, Journalsystem, Vaccinationskategori, Vardenhet, label
from primarvard_sdk.findings import absent, failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact, Shape, value_at

__all__ = ["REGION_JOURNALSYSTEM", "shared_shapes"]

#: Region Kalmar län's digital journal system: the psykisk_halsa text names it ("mallen
#: Suicidriskbedömning i Cosmic").
REGION_JOURNALSYSTEM = Journalsystem.cosmic


def shared_shapes(programme: str) -> tuple[Shape, ...]:
    """The shapes of the obligations worded alike in both Kalmar programmes, for ``programme``."""
    prefix = f"kalmar.{programme}"
    return (
        Declared(
            f"{prefix}.tillganglighet.ansluten_1177",
            facts=(Fact("ansluten_1177", sv="ansluten till den nationella tjänsten 1177.se",
                        en="connected to the national service 1177.se"),),
            sv="Vårdenheten är ansluten till den nationella tjänsten 1177.se.",
            en="The unit is connected to the national service 1177.se.",
        ),
        Declared(
            f"{prefix}.vardenhet.journalsystem",
            facts=(Fact("it.journalsystem", codes=(REGION_JOURNALSYSTEM.value,),
                        sv=f"dokumenterar i Region Kalmar läns digitala journalsystem ({label(REGION_JOURNALSYSTEM)})",
                        en=f"documents in Region Kalmar län's digital journal system ({label(REGION_JOURNALSYSTEM)})"),),
            sv=f"Vårdenheten dokumenterar i Region Kalmar läns digitala journalsystem ({label(REGION_JOURNALSYSTEM)}).",
            en=f"The unit documents in Region Kalmar län's digital journal system ({label(REGION_JOURNALSYSTEM)}).",
        ),
        Declared(
            f"{prefix}.vardenhet.avvikelsesystem",
            facts=(Fact("it.regionens_avvikelsesystem", sv="använder Region Kalmar läns avvikelsehanteringssystem",
                        en="uses Region Kalmar län's deviation-management system"),),
            sv="Vårdenheten använder Region Kalmar läns avvikelsehanteringssystem.",
            en="The unit uses Region Kalmar län's deviation-management system.",
        ),
    )


for _shape in shared_shapes("halsoval"):
    rules.shape(_shape)


def all_offered(document: Any, ctx: RuleContext, path: str, codes: type[Enum],
                what_sv: str, what_en: str) -> Finding:
    """Every code of the parameter ``required`` is in the list at ``path`` (absent list:
    indeterminate; a reported list without one of them: fail naming the missing codes)."""
    if gaps := absent(document, path):
        return indeterminate(*gaps)
    offered = {c.value for c in value_at(document, path)}
    required = list(ctx.param("required"))
    lacking = [code for code in required if code not in offered]
    if lacking:
        names = ", ".join(label(codes(code)) for code in lacking)
        return failed(f"{what_sv} saknas: {names}.", f"{what_en} not offered: {names}.", lacking=lacking)
    return passed(f"Vårdenheten erbjuder samtliga {len(required)} {what_sv.lower()}.",
                  f"The unit offers all {len(required)} {what_en.lower()}.")


@rules.implement("kalmar.halsoval.vardenhet.grunduppdrag")
def grunduppdrag(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    return all_offered(enhet, ctx, "drift.grundtjanster", Grundtjanst,
                       "Grundläggande tjänster", "Basic services")


@rules.implement("kalmar.halsoval.vardenhet.vaccinationer")
def vaccinationer(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    return all_offered(enhet, ctx, "drift.vaccinationer", Vaccinationskategori,
                       "Vaccinationskategorier", "Vaccination categories")


rules.shape(Declared(
    "kalmar.halsoval.vardenhet.smittskydd_kommunikationsvag",
    facts=(Fact("drift.smittskydd_kommunikationsvag", sv="en fungerande kommunikationsväg till smittskyddsläkaren",
                en="a working communication route to the communicable-disease physician"),),
    sv="En fungerande kommunikationsväg till smittskyddsläkaren är säkrad.",
    en="A working communication route to the communicable-disease physician is secured.",
))

rules.shape(Declared(
    "kalmar.halsoval.vardenhet.lakemedelskassation",
    facts=(Fact("drift.regionens_lakemedelskassation", sv="använder det system som finns för läkemedelskassation",
                en="uses the system in place for the disposal of medicines"),),
    sv="Vårdenheten använder det system som finns för läkemedelskassation.",
    en="The unit uses the system in place for the disposal of medicines.",
))

rules.shape(Declared(
    "kalmar.halsoval.vardenhet.rutin_levnadsvanor",
    facts=(Fact("rutiner.levnadsvanor", sv="en lokal rutin kring arbetet med levnadsvanor",
                en="a local routine for the work on lifestyle habits"),),
    sv="Vårdenheten har en lokal rutin kring arbetet med levnadsvanor.",
    en="The unit has a local routine for the work on lifestyle habits.",
))


@rules.implement("kalmar.halsoval.vardenhet.ce_markning")
def ce_markning(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    if gaps := absent(enhet, "utrustning.medicinteknik"):
        return indeterminate(*gaps)
    items = enhet.utrustning.medicinteknik if enhet.utrustning else ()
    if not items:
        return not_applicable(
            "Ingen medicinsk utrustning anges vara i bruk.", "No medical equipment is reported in use.",
            reason="no_medical_equipment",
        )
    unmarked = [item.id for item in items if item.ce_markt is False]
    if unmarked:
        return failed(
            f"Medicinsk utrustning som inte är CE-märkt: {', '.join(unmarked)}.",
            f"Medical equipment that is not CE-marked: {', '.join(unmarked)}.",
            not_ce_marked=unmarked,
        )
    unknown = [f"$.utrustning.medicinteknik[{k}].ce_markt" for k, item in enumerate(items) if item.ce_markt is None]
    if unknown:
        return indeterminate(*unknown)
    return passed(
        f"All medicinsk utrustning i bruk ({len(items)}) är CE-märkt.",
        f"All medical equipment in use ({len(items)}) is CE-marked.",
    )
