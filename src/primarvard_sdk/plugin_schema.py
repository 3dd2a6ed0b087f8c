"""JSON Schemas (Draft 2020-12) of a region plugin's data files, generated from the loader's classes.

``region.yaml``, ``<programme>.yaml`` and ``<programme>.examples.yaml`` are read by
:mod:`primarvard_sdk.plugin` and :mod:`primarvard_sdk.examples` into attrs classes; the schemas
here are derived from those same classes, so an editor that validates against them agrees with the
loader on every key (the loader checks more: ids, editions, dates, gaps, citations). Print one with
``python -m primarvard_sdk.plugin_schema programme``.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator

from primarvard_sdk.schema import DIALECT, _Builder

__all__ = ["DATA_FILES", "data_file_schema"]

#: File kind → (file name pattern, description).
DATA_FILES: Mapping[str, tuple[str, str]] = {
    "region": ("data/region.yaml", "The region, its programmes, their source documents and rulebook editions."),
    "programme": ("data/<programme>.yaml", "A programme's rules with dated, cited parameters, and its annexes."),
    "examples": ("data/<programme>.examples.yaml", "Worked examples from the text, run by the tests and `primarvard check`."),
}

# What each key means, for the schema's descriptions (editors show them) and the reference page.
_KEYS: Mapping[str, Mapping[str, str]] = {
    "Region": {"code": "Region code (lower case, the entry-point name).", "name": "The region's name.",
               "programmes": "The programmes (vårdval) the plugin implements."},
    "Programme": {"code": "Programme code; its rules live in data/<code>.yaml.", "title": "The programme's title.",
                  "documents": "Source documents the citations refer to.",
                  "editions": "The rulebook editions implemented, each with the days it is in force."},
    "Edition": {"id": "Edition id (e.g. the year).", "valid_from": "First day in force.",
                "valid_to": "Last day in force; omit while the text gives no end.", "notes": "How the dates were chosen."},
    "Rulebook": {"region": "The region code.", "programme": "The programme code.", "rules": "One entry per rule.",
                 "annexes": "The annex (bilaga) or section per canonical topic."},
    "Rule": {"id": "<region>.<programme>.<subject>[.<name>]", "kind": "deadline, eligibility, requirement, threshold, allocation or annex.",
             "title": "Short Swedish title.", "description": "What the rule requires, in English.",
             "description_sv": "The same statement in Swedish (what a Swedish reader sees).",
             "citation": "Where the text says it, quoted verbatim.", "input": "The document type the rule reads (none for annex).",
             "notes": "How an unclear sentence is read.", "parameters": "Every number or list the rule uses, dated.",
             "governing_day": "Dotted path of the document's day that picks the edition and parameters; as_of; or each_item.",
             "scope": "When the rule applies, in the text's words; outside it the rule answers not_applicable.",
             "needs": "JSON paths the rule needs that a document may leave out ([*] for list items)."},
    "Parameter": {"name": "The name ctx.param() reads.", "values": "Dated values; no overlap and no gap inside an edition.",
                  "description": "What the number means.", "unit": "Its unit (vardagar, personer, ...)."},
    "Value": {"value": "The value (number, text, list or mapping).", "valid_from": "First day in force.",
              "valid_to": "Last day in force (omit: open-ended).", "citation": "Where the text states this value, if not in the rule's citation."},
    "Citation": {"document": "A document id of the programme.", "section": "Section heading or number.", "quote": "The text, verbatim."},
    "Annex": {"topic": "A key of primarvard_sdk.model.ANNEX_TOPICS where one fits.", "title": "The annex title.",
              "number": "The annex number (Bilaga N).", "section": "The section, when the programme has no numbered annexes.",
              "aliases": "Other words for the topic.", "items": "What the annex lists.", "rule_id": "The annex rule that cites it."},
    "ExamplesFile": {"region": "The region code.", "programme": "The programme code.",
                     "bases": "Named documents examples start from.", "examples": "The worked examples."},
    "Example": {"rule": "The rule id.", "case": "typical, boundary, scope, missing or other.", "name": "What the case shows.",
                "deciding": "The words of the text that decide it.", "as_of": "The evaluation day.",
                "expect": "The expected outcome, values (a subset) and missing paths (exactly).",
                "document": "The document (JSON form), deep-merged over the base.", "base": "A base document's name.",
                "remove": "Dotted keys deleted after the merge."},
}


def _name(cls_name: str) -> str:
    name = cls_name.lstrip("_").removesuffix("Data")
    return {"Rulebook": "Rulebook", "Value": "Value", "ExamplesFile": "ExamplesFile"}.get(name, name)


def _rename(node: Any, names: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                v = "#/$defs/" + names.get(v.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1])
            out[k] = _rename(v, names)
        return out
    if isinstance(node, list):
        return [_rename(v, names) for v in node]
    return node


def _describe(schema: dict[str, Any], name: str) -> dict[str, Any]:
    keys = _KEYS.get(name, {})
    schema = dict(schema, title=name)
    schema["properties"] = {k: ({**v, "description": keys[k]} if k in keys else v) for k, v in schema["properties"].items()}
    return schema


@functools.cache
def data_file_schema(kind: str) -> Mapping[str, Any]:
    """The standalone schema of a data file: ``region``, ``programme`` or ``examples``."""
    from primarvard_sdk import examples, plugin

    root_cls = {"region": plugin._RegionData, "programme": plugin._RulebookData, "examples": examples._ExamplesFile}[kind]
    builder = _Builder()
    builder.define(root_cls)
    names = {n: _name(n) for n in builder.defs}
    defs = {names[n]: _describe(_rename(s, names), names[n]) for n, s in builder.defs.items()}
    root = defs.pop(names[root_cls.__name__])
    file_name, description = DATA_FILES[kind]
    schema = {"$schema": DIALECT, "$id": f"urn:primarvard-sdk:plugin-data:{kind}", **root,
              "title": file_name, "description": description}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    Draft202012Validator.check_schema(schema)
    return schema


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in DATA_FILES:
        print(f"usage: python -m primarvard_sdk.plugin_schema {{{','.join(DATA_FILES)}}}", file=sys.stderr)
        return 2
    print(json.dumps(data_file_schema(args[0]), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
