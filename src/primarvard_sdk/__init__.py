"""primarvard-sdk: Swedish regional primary-care regulation as executable, cited, tested Python.

>>> import primarvard_sdk as ps
>>> [r.code for r in ps.regions()]  # doctest: +SKIP
['kalmar', 'varmland', 'vasterbotten']
"""

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
    # jsonschema is only imported when a schema is asked for, to keep start-up cheap.
    if name == "schema_for":
        from primarvard_sdk.schema import schema_for

        return schema_for
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
