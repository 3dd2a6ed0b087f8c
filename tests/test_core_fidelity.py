"""The four core causes of misread rules, each shown once: absent is not empty, codes not text,
rulebook editions picked by the day the obligation arose, and decisions a program cannot misread."""

from __future__ import annotations

import typing
from datetime import date

import attrs
import primarvard_gotland
import pytest

import primarvard_sdk as ps
from primarvard_sdk import Sdk, domain, findings
from primarvard_sdk.errors import InvalidDocument
from primarvard_sdk.schema import schema_for

GOTLAND = Sdk(plugins=[(primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)], entry_points=False)


def _classes() -> list[type]:
    seen: dict[str, type] = {}
    todo = list(domain.DOCUMENT_TYPES.values())
    while todo:
        cls = todo.pop()
        if cls.__name__ in seen:
            continue
        seen[cls.__name__] = cls
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *typing.get_args(hint), *(a for h in typing.get_args(hint) for a in typing.get_args(h))):
                if isinstance(arg, type) and attrs.has(arg):
                    todo.append(arg)
    return list(seen.values())


LIST_FIELDS = [
    (cls, a.name)
    for cls in _classes()
    for a in attrs.fields(cls)
    if any(typing.get_origin(t) is tuple for t in (typing.get_type_hints(cls)[a.name], *typing.get_args(typing.get_type_hints(cls)[a.name])))
]


def test_there_are_list_fields_to_check() -> None:
    assert len(LIST_FIELDS) >= 25


@pytest.mark.parametrize(("cls", "name"), LIST_FIELDS, ids=[f"{c.__name__}.{n}" for c, n in LIST_FIELDS])
def test_every_list_field_tells_absent_from_empty(cls: type, name: str) -> None:
    field = attrs.fields_dict(cls)[name]
    assert field.default is None, "absent must stay None (not reported), never default to ()"
    schema = schema_for(cls.__name__) if cls.__name__ in domain.DOCUMENT_TYPES else None
    description = field.metadata["description"]
    assert "not reported" in description and "[]: reported, none" in description
    if schema is not None:
        prop = schema["properties"][name]
        assert {"type": "null"} in prop["anyOf"] and any(o.get("type") == "array" for o in prop["anyOf"])


def test_absent_and_empty_parse_to_different_values() -> None:
    absent = ps.parse_document({"id": "E1"}, "Vardenhet")
    empty = ps.parse_document({"id": "E1", "personal": [], "kvalitetsregister": []}, "Vardenhet")
    assert absent.personal is None and absent.kvalitetsregister is None
    assert empty.personal == () and empty.kvalitetsregister == ()
    assert findings.absent(absent, "personal", "befolkning.listade") == ("$.personal", "$.befolkning.listade")
    assert findings.absent(empty, "personal") == ()


@pytest.mark.parametrize(
    ("type_name", "document", "field", "code"),
    [
        ("Vardenhet", {"id": "E", "kvalitetsregister": ["Luftvägsregistret"]}, "kvalitetsregister", ("luftvagsregistret",)),
        ("Vardenhet", {"id": "E", "kvalitetsregister": ["nationella diabetesregistret"]}, "kvalitetsregister", ("ndr",)),
        ("Vardenhet", {"id": "E", "kompetenser": ["Psykoterapi steg 2"]}, "kompetenser", ("psykoterapi_steg2",)),
        ("Tillganglighet", {"e_tjanster": ["Beställ tid", "FÖRNYA RECEPT"]}, "e_tjanster", ("bestall_tid", "fornya_recept")),
        ("Tillganglighet", {"hanvisning_utanfor_oppettid": ["1177", "Nätläkare"]}, "hanvisning_utanfor_oppettid", ("1177", "natlakare")),
        ("Vardkontakt", {"vistelse_lan": "Västerbottens län"}, "vistelse_lan", "vasterbotten"),
    ],
)
def test_codes_accept_the_texts_own_spellings(type_name: str, document: dict, field: str, code: object) -> None:
    parsed = getattr(ps.parse_document(document, type_name), field)
    assert (tuple(str(c) for c in parsed) if isinstance(parsed, tuple) else str(parsed)) == code


def test_a_code_outside_its_list_is_refused_with_the_accepted_codes_named() -> None:
    with pytest.raises(InvalidDocument) as caught:
        ps.parse_document({"id": "E", "kvalitetsregister": ["ndr", "Påhittat register"]}, "Vardenhet")
    (error,) = caught.value.errors
    assert error.path == "$.kvalitetsregister[1]"
    assert "ndr" in error.message and "luftvagsregistret" in error.message
    assert "Påhittat" not in str(caught.value)  # the input is never echoed


def test_the_schema_enumerates_codes_and_the_texts_spellings() -> None:
    prop = schema_for("Vardenhet")["$defs"]["Vardenhet"]["properties"]["kvalitetsregister"] \
        if "$defs" in schema_for("Vardenhet") and "Vardenhet" in schema_for("Vardenhet")["$defs"] \
        else schema_for("Vardenhet")["properties"]["kvalitetsregister"]
    enum = next(o for o in prop["anyOf"] if o.get("type") == "array")["items"]["enum"]
    assert "ndr" in enum and "Luftvägsregistret" in enum


def test_training_levels_are_ordered() -> None:
    steg1, steg2 = domain.Utbildningsomrade.psykoterapi_steg1, domain.Utbildningsomrade.psykoterapi_steg2
    assert domain.meets_level(steg2, steg1) and not domain.meets_level(steg1, steg2)
    person = ps.parse_document({"id": "E", "personal": [{"id": "m1", "utbildningar": [{"omrade": "psykoterapi_steg2"}]}]}, "Vardenhet").personal[0]
    assert person.has_training(steg1) is True
    unknown = ps.parse_document({"id": "E", "personal": [{"id": "m1"}]}, "Vardenhet").personal[0]
    assert unknown.has_training(steg1) is None


# --- rulebook editions ------------------------------------------------------------------------


def _remiss(inkom: str, kontakt: str | None = None) -> object:
    return ps.parse_document({"inkom": inkom, "forsta_kontakt": kontakt}, "Remiss")


def test_the_day_the_obligation_arose_picks_the_edition_not_the_evaluation_day() -> None:
    # The fictional 2026 edition shortens "inom 10 kalenderdagar" to 7 days: a referral of
    # 31 December 2025 evaluated in January keeps the 2025 edition's 10 days.
    (before,) = GOTLAND.evaluate(_remiss("2025-12-31"), region="gotland", programme="vardval",
                                 as_of=date(2026, 1, 5), rule="gotland.vardval.remiss.forsta_kontakt")
    (after,) = GOTLAND.evaluate(_remiss("2026-01-01"), region="gotland", programme="vardval",
                                as_of=date(2026, 1, 5), rule="gotland.vardval.remiss.forsta_kontakt")
    assert (before.edition, before.governing_day, before.values["due"]) == ("2024", date(2025, 12, 31), date(2026, 1, 10))
    assert (after.edition, after.governing_day, after.values["due"]) == ("2026", date(2026, 1, 1), date(2026, 1, 8))
    assert before.parameters[0].value == 10 and after.parameters[0].value == 7


def test_a_standing_requirement_is_governed_by_the_evaluation_day() -> None:
    enhet = ps.parse_document({"id": "E", "personal": []}, "Vardenhet")
    (result,) = GOTLAND.evaluate(enhet, region="gotland", programme="vardval", as_of=date(2026, 3, 1),
                                 rule="gotland.vardval.vardenhet.verksamhetschef")
    assert (result.governing_day, result.edition) == (date(2026, 3, 1), "2026")


def test_a_day_outside_every_edition_gives_one_answer_for_every_rule() -> None:
    documents = {
        "Remiss": {"inkom": "2023-06-01"},
        "Etjanstearende": {"inkom": "2023-06-01"},
        "Vardkontakt": {"behov_bedomt": "2023-06-01T10:00:00+02:00"},
        "Listning": {"datum": "2023-06-01"},
        "Vardenhet": {"id": "E"},
        "Fordelning": {"avser": "annan"},
    }
    results = [
        r
        for type_name, data in documents.items()
        for r in GOTLAND.evaluate(ps.parse_document(data, type_name), region="gotland", programme="vardval",
                                  as_of=date(2023, 6, 1))
    ]
    assert len(results) == 9
    for r in results:
        assert r.outcome is ps.Outcome.not_applicable, r.rule_id
        assert dict(r.values) == {"reason": "no_rulebook_in_force", "day": date(2023, 6, 1)}, r.rule_id
        assert r.edition is None and r.parameters == ()


def test_a_missing_governing_day_is_indeterminate_naming_it() -> None:
    listning = ps.parse_document({"person": {"folkbokford_lan": "gotland"}}, "Listning")
    (result,) = GOTLAND.evaluate(listning, region="gotland", programme="vardval", as_of=date(2025, 1, 1),
                                 rule="gotland.vardval.listning.folkbokford")
    assert result.outcome is ps.Outcome.indeterminate and result.missing == ("$.datum",)


def test_rules_json_shows_governing_day_scope_and_needs() -> None:
    data = ps.convert.unstructure(GOTLAND.rule("gotland.vardval.remiss.forsta_kontakt"))
    assert data["governing_day"] == "inkom"
    assert "scope" in data and "needs" in data


# --- decisions --------------------------------------------------------------------------------


def test_a_route_is_a_failure_with_its_destination() -> None:
    listning = ps.parse_document({"datum": "2025-03-01", "person": {"folkbokford_lan": "Kalmar län"}}, "Listning")
    (result,) = GOTLAND.evaluate(listning, region="gotland", programme="vardval", as_of=date(2025, 3, 1),
                                 rule="gotland.vardval.listning.folkbokford")
    assert result.outcome is ps.Outcome.fail and result.outcome.is_failure
    assert result.values["decision"] == "route" and result.values["route"] == "kalmar"


def test_a_range_of_iso_dates_is_not_withheld_as_an_identity() -> None:
    from primarvard_sdk import privacy

    assert privacy.redact("veckan 2025-06-02–2025-06-08") == "veckan 2025-06-02–2025-06-08"
    assert privacy.redact("nr 19121212-1212") == "nr <redacted>"


def test_a_case_outside_the_rules_scope_is_not_applicable_even_without_the_day_that_picks_the_edition() -> None:
    """Västerbotten 3.5 "hemsjukvård för barn": a plain visit is no home care, whichever edition
    governs, so the missing contact day does not make it indeterminate; home care without its day
    still is (the day picks the edition whose ages apply)."""
    import datetime

    import primarvard_sdk as ps
    from primarvard_sdk.documents import parse_document

    sdk = ps.default_sdk()
    rule = "vasterbotten.halsoval.vardkontakt.hemsjukvard_barn"

    def run(doc: dict[str, object]) -> ps.Result:
        (result,) = sdk.evaluate(parse_document(doc, "Vardkontakt"), region="vasterbotten", programme="halsoval",
                                 as_of=datetime.date(2025, 6, 2), rule=rule)
        return result

    visit = run({"typ": "besok"})
    assert (visit.outcome, visit.values["reason"], visit.missing) == (ps.Outcome.not_applicable, "not_hemsjukvard", ())
    home = run({"typ": "hemsjukvard"})
    assert (home.outcome, home.missing) == (ps.Outcome.indeterminate, ("$.sokte",))


def test_an_annex_cited_as_the_text_cites_it() -> None:
    """Kalmar's Hälsoval cites "Bilaga 7 Lokalkrav Region Kalmar län": the number with the title
    finds annex 7; a number that is not the title's finds nothing."""
    import primarvard_sdk as ps

    sdk = ps.default_sdk()
    assert sdk.annex("kalmar", "halsoval", "Bilaga 7 Lokalkrav Region Kalmar län").annex.number == "7"
    with pytest.raises(ps.UnknownAnnexTopic):
        sdk.annex("kalmar", "halsoval", "Bilaga 6 Lokalkrav Region Kalmar län")
