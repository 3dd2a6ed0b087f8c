"""primarvard-sdk: Swedish regional primary-care regulation as executable, cited, tested Python.

>>> import primarvard_sdk as ps
>>> [r.code for r in ps.regions()]  # doctest: +SKIP
['kalmar', 'varmland', 'vasterbotten']
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names are, for type checkers; at run time they are imported on first use
    from primarvard_sdk.api import (
        annex,
        annexes,
        default_sdk,
        evaluate,
        evaluate_json,
        regions,
        rule,
        rules,
    )
    from primarvard_sdk.convert import dumps, loads, structure, unstructure
    from primarvard_sdk.documents import EvaluationRequest, parse_document, parse_request
    from primarvard_sdk.errors import (
        FieldError,
        InvalidDocument,
        InvalidPersonnummer,
        PluginError,
        PrimarvardError,
        RulebookDataError,
        UnknownAnnexTopic,
        UnknownProgramme,
        UnknownRegion,
        UnknownRule,
    )
    from primarvard_sdk.examples import Example
    from primarvard_sdk.host import PluginFailure, Sdk
    from primarvard_sdk.model import (
        Annex,
        AnnexReference,
        Citation,
        Edition,
        Explanation,
        Finding,
        Kind,
        Outcome,
        Parameter,
        ParameterValue,
        Programme,
        Region,
        Result,
        Rule,
        UsedParameter,
    )
    from primarvard_sdk.schema import schema_for

#: Every public name and the module it lives in: imported on first use, so ``import primarvard_sdk``
#: costs a few milliseconds and a command pays only for what it touches (start-up, issue 16).
_LAZY: dict[str, str] = {
    "Annex": "primarvard_sdk.model",
    "AnnexReference": "primarvard_sdk.model",
    "Citation": "primarvard_sdk.model",
    "Edition": "primarvard_sdk.model",
    "EvaluationRequest": "primarvard_sdk.documents",
    "Example": "primarvard_sdk.examples",
    "Explanation": "primarvard_sdk.model",
    "FieldError": "primarvard_sdk.errors",
    "Finding": "primarvard_sdk.model",
    "InvalidDocument": "primarvard_sdk.errors",
    "InvalidPersonnummer": "primarvard_sdk.errors",
    "Kind": "primarvard_sdk.model",
    "Outcome": "primarvard_sdk.model",
    "Parameter": "primarvard_sdk.model",
    "ParameterValue": "primarvard_sdk.model",
    "PluginError": "primarvard_sdk.errors",
    "PluginFailure": "primarvard_sdk.host",
    "PrimarvardError": "primarvard_sdk.errors",
    "Programme": "primarvard_sdk.model",
    "Region": "primarvard_sdk.model",
    "Result": "primarvard_sdk.model",
    "Rule": "primarvard_sdk.model",
    "RulebookDataError": "primarvard_sdk.errors",
    "Sdk": "primarvard_sdk.host",
    "UnknownAnnexTopic": "primarvard_sdk.errors",
    "UnknownProgramme": "primarvard_sdk.errors",
    "UnknownRegion": "primarvard_sdk.errors",
    "UnknownRule": "primarvard_sdk.errors",
    "UsedParameter": "primarvard_sdk.model",
    "annex": "primarvard_sdk.api",
    "annexes": "primarvard_sdk.api",
    "default_sdk": "primarvard_sdk.api",
    "dumps": "primarvard_sdk.convert",
    "evaluate": "primarvard_sdk.api",
    "evaluate_json": "primarvard_sdk.api",
    "loads": "primarvard_sdk.convert",
    "parse_document": "primarvard_sdk.documents",
    "parse_request": "primarvard_sdk.documents",
    "regions": "primarvard_sdk.api",
    "rule": "primarvard_sdk.api",
    "rules": "primarvard_sdk.api",
    "structure": "primarvard_sdk.convert",
    "unstructure": "primarvard_sdk.convert",
    "schema_for": "primarvard_sdk.schema",
}

__version__ = "0.1.0"

__all__ = [
    "Annex",
    "AnnexReference",
    "Citation",
    "Edition",
    "EvaluationRequest",
    "Example",
    "Explanation",
    "FieldError",
    "Finding",
    "InvalidDocument",
    "InvalidPersonnummer",
    "Kind",
    "Outcome",
    "Parameter",
    "ParameterValue",
    "PluginError",
    "PluginFailure",
    "PrimarvardError",
    "Programme",
    "Region",
    "Result",
    "Rule",
    "RulebookDataError",
    "Sdk",
    "UnknownAnnexTopic",
    "UnknownProgramme",
    "UnknownRegion",
    "UnknownRule",
    "UsedParameter",
    "__version__",
    "annex",
    "annexes",
    "default_sdk",
    "dumps",
    "evaluate",
    "evaluate_json",
    "loads",
    "parse_document",
    "parse_request",
    "regions",
    "rule",
    "rules",
    "schema_for",
    "structure",
    "unstructure",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
