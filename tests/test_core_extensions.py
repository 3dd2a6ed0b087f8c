"""Facts the core does not know: a region's extension (``tillagg.<region>``), declared by its plugin,
validated at the edge, shown in the schemas and read typed by a rule (fictional Gotland)."""

from __future__ import annotations

from datetime import date

import primarvard_gotland
import pytest
from primarvard_gotland.tillagg import GotlandVardenhet

import primarvard_sdk as ps
from primarvard_sdk import Sdk
from primarvard_sdk.documents import parse_request
from primarvard_sdk.errors import InvalidDocument, PluginError
from primarvard_sdk.extensions import resolve
from primarvard_sdk.hookspecs import hookimpl
from primarvard_sdk.schema import schema_for
from primarvard_sdk.service.openapi import openapi_document

GOTLAND = Sdk(plugins=[(primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)], entry_points=False)
RULE = "gotland.vardval.vardenhet.farjeberedskap"
AS_OF = date(2025, 3, 20)


def _evaluate(data: dict[str, object]) -> ps.Result:
    (result,) = GOTLAND.evaluate(ps.parse_document(data, "Vardenhet"), region="gotland", programme="vardval",
                                 as_of=AS_OF, rule=RULE)
    return result


def _errors(data: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as caught:
        _evaluate(data)
    return [(e.path, e.message) for e in caught.value.errors]


def test_a_valid_extension_is_parsed_typed_and_read_by_the_rule() -> None:
    result = _evaluate({"id": "e1", "tillagg": {"gotland": {"lakemedelsforrad_dygn": 2}}})
    assert result.outcome.value == "fail"
    assert ps.convert.unstructure(result)["values"] == {"required": 3, "declared": 2}


def test_the_rule_reads_the_extension_as_the_plugins_class() -> None:
    document = ps.parse_document({"id": "e1", "tillagg": {"gotland": {"reservplan_farja": True}}}, "Vardenhet")
    resolved = resolve(document, lambda code: GOTLAND.extension_types(code).get("Vardenhet"))
    assert resolved.tillagg["gotland"] == GotlandVardenhet(reservplan_farja=True)


def test_an_invalid_extension_is_refused_naming_the_path() -> None:
    errors = _errors({"id": "e1", "tillagg": {"gotland": {"lakemedelsforrad_dygn": "many", "farja": 1}}})
    assert ("$.tillagg.gotland.lakemedelsforrad_dygn", "expected an integer") in errors
    assert ("$.tillagg.gotland", "unknown field(s): farja") in errors


def test_text_in_an_extension_is_input_like_every_other_field() -> None:
    errors = _errors({"id": "e1", "tillagg": {"gotland": {"lakemedelsforrad_dygn": -1}}})
    assert errors == [("$.tillagg.gotland.lakemedelsforrad_dygn", "expected a value >= 0")]


def test_in_a_request_the_path_is_under_the_document() -> None:
    request = parse_request({"type": "Vardenhet", "region": "gotland", "programme": "vardval", "as_of": "2025-03-20",
                             "document": {"id": "e1", "tillagg": {"gotland": {"lakemedelsforrad_dygn": True}}}})
    with pytest.raises(InvalidDocument) as caught:
        GOTLAND.evaluate_request(request)
    assert [e.path for e in caught.value.errors] == ["$.document.tillagg.gotland.lakemedelsforrad_dygn"]


def test_an_extension_of_an_unknown_region_is_refused() -> None:
    errors = _errors({"id": "e1", "tillagg": {"uppsala": {"x": 1}}})
    assert errors == [("$.tillagg.uppsala", "no installed region declares an extension of Vardenhet under this code")]


def test_an_extension_of_a_type_the_region_does_not_extend_is_refused() -> None:
    remiss = ps.parse_document({"inkom": "2025-03-03", "tillagg": {"gotland": {}}}, "Remiss")
    with pytest.raises(InvalidDocument) as caught:
        GOTLAND.evaluate(remiss, region="gotland", programme="vardval", as_of=AS_OF)
    assert [e.path for e in caught.value.errors] == ["$.tillagg.gotland"]


@pytest.mark.parametrize("tillagg", [{"Gotland Län": {}}, {"gotland": []}, ["gotland"]])
def test_the_shape_is_checked_at_parse_time_without_echoing_keys(tillagg: object) -> None:
    with pytest.raises(InvalidDocument) as caught:
        ps.parse_document({"id": "e1", "tillagg": tillagg}, "Vardenhet")
    assert all(e.path.startswith("$.tillagg") and "Län" not in e.message for e in caught.value.errors)


@pytest.mark.parametrize("data", [{"id": "e1"}, {"id": "e1", "tillagg": {}}, {"id": "e1", "tillagg": {"gotland": {}}}])
def test_absent_the_rule_is_indeterminate_naming_the_path(data: dict[str, object]) -> None:
    result = _evaluate(data)
    assert result.outcome.value == "indeterminate"
    assert result.missing == ("$.tillagg.gotland.lakemedelsforrad_dygn",)


def test_absent_and_empty_stay_apart_and_round_trip() -> None:
    absent = ps.parse_document({"id": "e1"}, "Vardenhet")
    empty = ps.parse_document({"id": "e1", "tillagg": {}}, "Vardenhet")
    assert absent.tillagg is None and empty.tillagg is not None and len(empty.tillagg) == 0
    assert ps.convert.unstructure(empty)["tillagg"] == {}
    data = {"id": "e1", "tillagg": {"gotland": {"lakemedelsforrad_dygn": 4}}}
    assert ps.convert.unstructure(ps.parse_document(data, "Vardenhet"))["tillagg"] == data["tillagg"]


def test_the_schema_shows_the_declared_extension() -> None:
    core = schema_for("Vardenhet")["properties"]["tillagg"]["anyOf"][0]
    assert core["additionalProperties"] == {"type": "object"}
    schema = schema_for("Vardenhet", GOTLAND.extensions())
    tillagg = schema["properties"]["tillagg"]["anyOf"][0]
    assert tillagg["properties"] == {"gotland": {"$ref": "#/$defs/GotlandVardenhet"}}
    assert tillagg["additionalProperties"] is False
    assert "lakemedelsforrad_dygn" in schema["$defs"]["GotlandVardenhet"]["properties"]
    assert "GotlandVardenhet" in openapi_document(GOTLAND)["components"]["schemas"]


def test_a_malformed_declaration_is_a_plugin_error() -> None:
    class Odd:
        @hookimpl
        def primarvard_sdk_region(self) -> ps.Region:  # the fixture's region, another distribution
            return primarvard_gotland.plugin.region

        @hookimpl
        def primarvard_sdk_extensions(self) -> dict[str, type]:
            return {"Faktura": GotlandVardenhet}

    sdk = Sdk(plugins=[(Odd(), "primarvard-odd 0")], entry_points=False)
    with pytest.raises(PluginError, match="not a document type"):
        sdk.extension_types("gotland")


def _declaring(cls: type) -> Sdk:
    class Named:
        @hookimpl
        def primarvard_sdk_region(self) -> ps.Region:
            return primarvard_gotland.plugin.region

        @hookimpl
        def primarvard_sdk_extensions(self) -> dict[str, type]:
            return {"Vardenhet": cls}

    return Sdk(plugins=[(Named(), "primarvard-named 0")], entry_points=False)


def test_an_extension_named_like_a_core_type_is_left_out_and_reported() -> None:
    import attrs

    @attrs.frozen
    class Vardkontakt:  # the core's document type has this name: the schemas could not tell them apart
        farja: bool | None = None

    sdk = _declaring(Vardkontakt)
    assert sdk.extensions() == ()
    assert any("class name Vardkontakt is already taken" in f.message for f in sdk.failures)


def test_check_loads_the_extensions_of_each_region() -> None:
    from primarvard_sdk.check import check

    sdk = _declaring(dict)  # not an attrs class: found by check, before any document arrives
    report = check(sdk, ["gotland"])
    assert any(p.kind == "load" and "not an attrs class" in p.message for p in report.problems)


def test_two_types_of_one_name_are_refused_by_the_schema() -> None:
    import attrs

    from primarvard_sdk.schema import _Builder

    builder = _Builder()
    builder.define(attrs.make_class("Pass", {"a": attrs.field(default=None, type=int)}))
    with pytest.raises(TypeError, match="two types are named Pass"):
        builder.define(attrs.make_class("Pass", {"b": attrs.field(default=None, type=int)}))


def test_the_kit_generates_the_regions_own_facts_for_its_rules() -> None:
    from hypothesis import find

    from primarvard_sdk.testing import with_extension

    unit = ps.parse_document({"id": "e1"}, "Vardenhet")
    strategy = with_extension(GOTLAND, "gotland", unit)
    drawn = find(strategy, lambda d: bool(d.tillagg) and d.tillagg["gotland"].lakemedelsforrad_dygn is not None)
    assert isinstance(drawn.tillagg["gotland"], GotlandVardenhet)
    result = GOTLAND.evaluate(drawn, region="gotland", programme="vardval", as_of=date(2025, 3, 20),
                              rule="gotland.vardval.vardenhet.farjeberedskap")[0]
    assert result.outcome in (ps.Outcome.passed, ps.Outcome.fail)  # decided from the generated fact
    assert find(strategy, lambda d: d.tillagg is None).tillagg is None  # absent stays possible
    remiss = ps.parse_document({"inkom": "2025-03-03"}, "Remiss")
    assert find(with_extension(GOTLAND, "gotland", remiss), lambda d: True) is remiss  # no extension declared
