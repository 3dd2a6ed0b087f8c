"""The converter: strict JSON in, deterministic JSON out, every error by JSON path."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

import primarvard_sdk as ps
from primarvard_sdk.domain import Oppettid, Remiss, Vardenhet, Veckodag


def errors_of(data: object, type_name: str) -> dict[str, str]:
    with pytest.raises(ps.InvalidDocument) as info:
        ps.parse_document(data, type_name)
    return {e.path: e.message for e in info.value.errors}


def test_dates_and_aware_datetimes_are_iso_8601() -> None:
    remiss = ps.parse_document(
        {"inkom": "2025-03-30T02:30:00+01:00", "forsta_kontakt": "2025-04-02"}, "Remiss"
    )
    assert remiss.inkom == datetime(2025, 3, 30, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    assert remiss.forsta_kontakt == date(2025, 4, 2)
    assert ps.unstructure(remiss)["inkom"] == "2025-03-30T02:30:00+01:00"


def test_utc_z_suffix_is_accepted() -> None:
    remiss = ps.parse_document({"inkom": "2025-01-02T08:00:00Z"}, "Remiss")
    assert remiss.inkom == datetime(2025, 1, 2, 8, tzinfo=UTC)


def test_naive_datetime_is_rejected_with_its_path() -> None:
    errors = errors_of({"inkom": "2025-01-02T08:00:00"}, "Remiss")
    assert list(errors) == ["$.inkom"]
    assert "naive" in errors["$.inkom"]


def test_every_invalid_field_is_listed_by_json_path() -> None:
    errors = errors_of(
        {
            "id": "VE1",
            "driftform": "kommunal",
            "invanare_inom_1_mil": -3,
            "personal": [{"id": "a", "tjanstgoringsgrad": "full"}, {"yrke": "lakare"}],
            "okand": 1,
        },
        "Vardenhet",
    )
    assert errors["$.driftform"] == "expected one of: offentlig, privat (or its Swedish name, e.g. 'Offentlig', 'Privat')"
    assert errors["$.invanare_inom_1_mil"] == "expected a value >= 0"
    assert errors["$.personal[0].tjanstgoringsgrad"] == "expected a number"
    assert errors["$.personal[1].id"] == "required field missing"
    assert errors["$"] == "unknown field(s): okand"


def test_enums_go_by_value_both_ways() -> None:
    oppettid = ps.structure({"dag": "mon", "fran": "07:30", "till": "17:00"}, Oppettid)
    assert oppettid == Oppettid(Veckodag.mon, time(7, 30), time(17, 0))
    assert ps.unstructure(oppettid) == {"dag": "mon", "fran": "07:30", "till": "17:00"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected an integer"),
        (1.5, "expected an integer"),
        (10**13, "expected an integer of magnitude at most 1000000000000"),
        ("12", "expected an integer"),
    ],
)
def test_integers_are_strict(value: object, message: str) -> None:
    assert errors_of({"id": "VE1", "ptp_platser": value}, "Vardenhet")["$.ptp_platser"] == message


def test_strings_are_not_coerced() -> None:
    assert errors_of({"id": 17}, "Vardenhet")["$.id"] == "expected a string"


def test_impossible_dates_are_rejected() -> None:
    assert "real calendar date" in errors_of({"inkom": "2025-02-29"}, "Remiss")["$.inkom"]


def test_invalid_personnummer_is_rejected_without_echoing_it() -> None:
    with pytest.raises(ps.InvalidDocument) as info:
        ps.parse_document({"inkom": "2025-01-02", "patient": {"personnummer": "19121212-1213"}}, "Remiss")
    assert [e.path for e in info.value.errors] == ["$.patient.personnummer"]
    assert "1212" not in str(info.value)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", '{"a": NaN}'])
def test_nan_and_infinity_are_not_json(text: str) -> None:
    with pytest.raises(ps.InvalidDocument):
        ps.loads(text)


def test_duplicate_keys_are_rejected() -> None:
    with pytest.raises(ps.InvalidDocument, match="duplicate key"):
        ps.loads('{"inkom": "2025-01-01", "inkom": "2025-01-02"}')


def test_non_utf8_bytes_are_a_typed_error() -> None:
    with pytest.raises(ps.InvalidDocument, match="not UTF-8"):
        ps.loads(b'{"a": "\xff"}')


def test_dumps_is_deterministic_and_sorted() -> None:
    remiss = Remiss(inkom=date(2025, 1, 2), referens="R")
    assert ps.dumps(remiss) == ps.dumps(remiss)
    text = ps.dumps(Vardenhet(id="VE1", namn="Ö"))
    assert text.index('"id"') < text.index('"namn"') and "Ö" in text


def test_personal_fields_never_reach_a_repr() -> None:
    person = ps.parse_document(
        {"inkom": "2025-01-02", "patient": {"personnummer": "191212121212", "namn": "Anna Andersson", "adress": "Storgatan 1"}},
        "Remiss",
    ).patient
    shown = repr(person) + str(person)
    assert "121212" not in shown and "Anna" not in shown and "Storgatan" not in shown


def test_every_code_list_has_swedish_names_and_the_rulebooks_spellings() -> None:
    """A value written as a rulebook writes it is that code (Kalmar's Hälsoval names "gömda"
    among those with the right to care; Värmland's forms say "Ickeval")."""
    import enum
    import inspect

    from primarvard_sdk.domain import codelists, codes

    unnamed = [n for n, cls in inspect.getmembers(codes, inspect.isclass)
               if issubclass(cls, enum.Enum) and cls.__module__ == codes.__name__ and cls not in codelists.LABELS]
    assert unnamed == []
    assert codelists.lookup(codes.Vistelsestatus, "Gömd") is codes.Vistelsestatus.papperslos
    assert codelists.lookup(codes.Valtyp, "Icke-val") is codes.Valtyp.ickeval
    assert codelists.lookup(codes.Veckodag, "Lördag") is codes.Veckodag.sat
    assert codelists.lookup(codes.Uppdrag, "Barnhälsovård") is codes.Uppdrag.bvc


def test_hyphens_slashes_and_spaces_are_one_joiner_in_a_code() -> None:
    """Kalmar's Hälsoval writes "BHV-mottagning vid Familjecentral" and "Astma/KOL"; forms write
    "astma-KOL", "BHV mottagning", "RGS-webb" (Värmland's "RGS Webb")."""
    from primarvard_sdk.domain import Beslutsstod, Besoksplats, codes
    from primarvard_sdk.domain.codelists import lookup

    assert lookup(Besoksplats, "BHV-mottagning vid Familjecentral") is Besoksplats.bhv_mottagning_familjecentral
    assert lookup(Besoksplats, "BHV mottagning") is Besoksplats.bvc_mottagning
    assert lookup(codes.Kompetens, "astma-KOL") is codes.Kompetens.astma_kol
    assert lookup(codes.Kompetens, "Astma – KOL") is codes.Kompetens.astma_kol
    assert lookup(Beslutsstod, "RGS-webb") is Beslutsstod.rgs_webb
    assert lookup(Beslutsstod, "RGS-web") is None  # joiners are read as spaces; letters still count
