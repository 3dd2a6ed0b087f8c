"""Tests of primarvard_sdk.personnummer.

Expected values are literals computed by hand (Luhn digits worked out on paper), never produced by
the code under test. Ages and centuries are computed against explicit reference dates; the
personnummer/meta vectors (tests/data/personnummer_meta_list.json, verbatim copy of
personnummer/meta testdata/list.json at commit 054929a0afca009dddbde94db6ea57ad7062d17f) compute
ages against today, so their ages are not used.
"""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from primarvard_sdk.errors import InvalidPersonnummer, PrimarvardError
from primarvard_sdk.personnummer import (
    InvalidChecksum,
    InvalidDate,
    InvalidFormat,
    Personnummer,
    is_valid,
)

REF = date(2026, 11, 23)
MASK = "********-****"
FORMATS = ("long_format", "short_format", "separated_format", "separated_long")

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "personnummer_meta_list.json").read_text(encoding="utf-8")
)
VALID = [v for v in VECTORS if v["valid"]]
INVALID = [v for v in VECTORS if not v["valid"]]

# Birth date and full years on REF (2026-11-23) of every valid vector, worked out by hand.
VECTOR_BIRTH: dict[str, tuple[date, int]] = {
    "190905271474": (date(1909, 5, 27), 117),
    "198211059954": (date(1982, 11, 5), 44),
    "195705749959": (date(1957, 5, 14), 69),  # samordningsnummer: day 74 - 60
    "199012119948": (date(1990, 12, 11), 35),
    "197306749982": (date(1973, 6, 14), 53),  # samordningsnummer: day 74 - 60
    "187912219990": (date(1879, 12, 21), 146),
    "200012099891": (date(2000, 12, 9), 25),
}
# Short format (no separator) of a '+' number reads as '-': the most recent century.
SHORT_PLUS_CANONICAL = {"190905271474": "200905271474", "187912219990": "197912219990"}
# Why each invalid vector is invalid.
VECTOR_ERROR: dict[str, type[InvalidPersonnummer]] = {
    "201509160006": InvalidFormat,  # serial number (födelsenummer) 000 is never issued
    "198707049996": InvalidChecksum,
    "193901829913": InvalidChecksum,
    "201211209941": InvalidChecksum,
    "201210759984": InvalidChecksum,
    "19090527 1474": InvalidFormat,  # inner space
}


def vid(v: dict[str, Any]) -> str:
    return f"{v['type']}-{'valid' if v['valid'] else 'invalid'}-{VECTORS.index(v)}"


# --- personnummer/meta vectors ---------------------------------------------------------------


def test_vector_file_is_complete() -> None:
    assert len(VECTORS) == 13
    assert len(VALID) == 7
    assert {v["long_format"] for v in VALID} == set(VECTOR_BIRTH)
    assert {v["long_format"] for v in INVALID} == set(VECTOR_ERROR)
    assert {v["type"] for v in VECTORS} == {"ssn", "con"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("vector", VALID, ids=vid)
def test_valid_vector(vector: dict[str, Any], fmt: str) -> None:
    text = vector[fmt]
    pnr = Personnummer.parse(text)
    assert is_valid(text)
    assert pnr.is_coordination_number == (vector["type"] == "con")
    assert pnr.sex == ("man" if vector["isMale"] else "kvinna")
    assert pnr.sex == ("kvinna" if vector["isFemale"] else "man")
    born, age = VECTOR_BIRTH[vector["long_format"]]
    if fmt == "short_format" and vector["long_format"] in SHORT_PLUS_CANONICAL:
        assert pnr.canonical(REF) == SHORT_PLUS_CANONICAL[vector["long_format"]]
        assert pnr.birth_date(REF).year == born.year + 100
        return
    assert pnr.canonical(REF) == vector["long_format"]
    assert pnr.birth_date(REF) == born
    assert pnr.age_on(REF) == age
    assert Personnummer.parse(text, reference=REF) == Personnummer.parse(vector["long_format"])


@pytest.mark.parametrize("vector", VALID, ids=vid)
def test_valid_vector_integer_is_long_format(vector: dict[str, Any]) -> None:
    assert Personnummer.parse(str(vector["integer"])) == Personnummer.parse(vector["long_format"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("vector", INVALID, ids=vid)
def test_invalid_vector(vector: dict[str, Any], fmt: str) -> None:
    assert not is_valid(vector[fmt])
    with pytest.raises(VECTOR_ERROR[vector["long_format"]]):
        Personnummer.parse(vector[fmt])


# --- century resolution against an explicit reference date -----------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "born", "age"),
    [
        ("121212-1212", date(2026, 11, 23), date(2012, 12, 12), 13),
        ("1212121212", date(2026, 11, 23), date(2012, 12, 12), 13),
        ("121212-1212", date(2012, 12, 12), date(2012, 12, 12), 0),
        ("121212-1212", date(2012, 12, 11), date(1912, 12, 12), 99),
        ("121212+1212", date(2026, 11, 23), date(1912, 12, 12), 113),
        ("121212+1212", date(2012, 12, 12), date(1912, 12, 12), 100),
        # '+' is written from the calendar year the person turns 100, so the day before the
        # 100th birthday the holder is 99 — never 199 (Skatteverket's rule for the separator).
        ("121212+1212", date(2012, 12, 11), date(1912, 12, 12), 99),
        ("19121212-1212", date(2026, 11, 23), date(1912, 12, 12), 113),
        ("19121212+1212", date(2026, 11, 23), date(1912, 12, 12), 113),  # '+' ignored
        ("191212121212", date(1912, 12, 12), date(1912, 12, 12), 0),
        ("201212121212", date(2026, 11, 23), date(2012, 12, 12), 13),
    ],
)
def test_century_and_age(text: str, reference: date, born: date, age: int) -> None:
    pnr = Personnummer.parse(text)
    assert pnr.birth_date(reference) == born
    assert pnr.age_on(reference) == age


def test_canonical() -> None:
    assert Personnummer.parse("121212-1212").canonical(date(2026, 11, 23)) == "201212121212"
    assert Personnummer.parse("121212-1212").canonical(date(2012, 12, 11)) == "191212121212"
    assert Personnummer.parse("121212+1212").canonical(date(2026, 11, 23)) == "191212121212"
    assert Personnummer.parse("20121212-1212").canonical(date(2026, 11, 23)) == "201212121212"
    # a samordningsnummer keeps its day + 60
    assert Personnummer.parse("121261-1238").canonical(date(2026, 11, 23)) == "201212611238"


def test_plus_means_one_hundred_or_older_in_the_calendar_year() -> None:
    for reference in (date(1990, 1, 1), date(2012, 12, 12), date(2026, 11, 23), date(2099, 6, 1)):
        assert reference.year - Personnummer.parse("121212+1212").birth_date(reference).year >= 100
        assert Personnummer.parse("121212+1212").age_on(reference) >= 99
        assert 0 <= Personnummer.parse("121212-1212").age_on(reference) <= 99


def test_parse_with_reference_pins_the_century() -> None:
    pinned = Personnummer.parse("121212-1212", reference=date(2012, 12, 11))
    assert pinned == Personnummer.parse("191212121212")
    assert pinned.birth_date(date(2026, 11, 23)) == date(1912, 12, 12)
    assert pinned.as_entered() == "191212121212"


def test_twelve_digits_born_after_reference() -> None:
    pnr = Personnummer.parse("20121212-1212")
    with pytest.raises(InvalidDate):
        pnr.birth_date(date(2012, 12, 11))
    with pytest.raises(InvalidDate):
        pnr.age_on(date(2000, 1, 1))
    with pytest.raises(InvalidDate):
        Personnummer.parse("20121212-1212", reference=date(2012, 12, 11))
    assert not is_valid("20121212-1212", reference=date(2012, 12, 11))
    assert is_valid("20121212-1212", reference=date(2012, 12, 12))


def test_age_around_birthday() -> None:
    pnr = Personnummer.parse("121212-1212")
    assert pnr.age_on(date(2026, 12, 11)) == 13
    assert pnr.age_on(date(2026, 12, 12)) == 14
    assert pnr.age_on(date(2026, 12, 13)) == 14
    assert pnr.age_on(date(2027, 1, 1)) == 14


# --- 29 February ------------------------------------------------------------------------------


def test_born_29_february_turns_older_on_1_march() -> None:
    pnr = Personnummer.parse("040229-1249")  # 2004-02-29
    assert pnr.birth_date(date(2026, 11, 23)) == date(2004, 2, 29)
    assert pnr.age_on(date(2025, 2, 28)) == 20  # not a leap year: still 20 on 28 Feb
    assert pnr.age_on(date(2025, 3, 1)) == 21  # ... and 21 on 1 March
    assert pnr.age_on(date(2024, 2, 28)) == 19  # leap year: 28 Feb is the day before
    assert pnr.age_on(date(2024, 2, 29)) == 20
    assert pnr.sex == "kvinna"


def test_29_february_in_a_century_without_it() -> None:
    pnr = Personnummer.parse("000229-1243")  # 2000 is a leap year, 1900 is not
    assert pnr.birth_date(date(2026, 11, 23)) == date(2000, 2, 29)
    with pytest.raises(InvalidDate):
        pnr.birth_date(date(1999, 12, 31))  # resolves to 1900-02-29
    with pytest.raises(InvalidDate):
        pnr.birth_date(date(2000, 2, 28))  # 2000-02-29 is after the reference: 1900 again
    with pytest.raises(InvalidDate):
        Personnummer.parse("000229+1243").birth_date(date(2026, 11, 23))
    with pytest.raises(InvalidDate):
        Personnummer.parse("000229+1243", reference=date(2026, 11, 23))
    assert Personnummer.parse("20000229-1243").age_on(date(2026, 11, 23)) == 26
    with pytest.raises(InvalidDate):
        Personnummer.parse("19000229-1243")


def test_29_february_in_no_century() -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse("010229-1242")


# --- samordningsnummer -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("121261-1238", date(2012, 12, 1)),
        ("121290-1233", date(2012, 12, 30)),
        ("121291-1232", date(2012, 12, 31)),
        ("701063-2391", date(1970, 10, 3)),
    ],
)
def test_coordination_number(text: str, born: date) -> None:
    pnr = Personnummer.parse(text)
    assert pnr.is_coordination_number
    assert pnr.birth_date(REF) == born


@pytest.mark.parametrize("text", ["121260-1239", "121292-1231"])
def test_coordination_day_out_of_range(text: str) -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(text)


def test_ordinary_number_is_not_coordination() -> None:
    assert not Personnummer.parse("121212-1212").is_coordination_number


# --- invalid input ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["121212-1213", "121212-1211", "20121212-1210", "701063-2392"])
def test_invalid_check_digit(text: str) -> None:
    with pytest.raises(InvalidChecksum):
        Personnummer.parse(text)


@pytest.mark.parametrize(
    "text",
    ["990231-1241", "19990231-1241", "991301-1241", "990001-1241", "990100-1241", "990132-1241"],
)
def test_invalid_date(text: str) -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n",
        "abc",
        "121212-121",
        "121212-12123",
        "121212--1212",
        "121212 1212",
        "121212+-1212",
        "12121212121",
        "1212121212121",
        "12121212-12-12",
        "1212-12-12-1212",
        "+1212121212",
        "-1212121212",
        "121212-1212x",
        "121212-1212\x00",
        "121212/1212",
        "121212–1212",  # en dash
        "12 12 12-1212",
        "0x121212121",
        "121212-000",
        "121212-0008",  # serial number (födelsenummer) 000
        "١٢١٢١٢-١٢١٢",  # Arabic-Indic digits
        "１２１２１２-１２１２",  # fullwidth digits
        "12121٢-1212",
        "121212-121²",
    ],
)
def test_garbage(text: str) -> None:
    with pytest.raises(InvalidFormat):
        Personnummer.parse(text)
    assert not is_valid(text)


@pytest.mark.parametrize("value", [None, 1212121212, 201212121212, b"121212-1212", ["121212-1212"]])
def test_not_a_string(value: Any) -> None:
    with pytest.raises(InvalidFormat):
        Personnummer.parse(value)
    assert not is_valid(value)


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        (" 121212-1212", "1212121212"),
        ("121212-1212 ", "1212121212"),
        ("\t20121212-1212\n", "201212121212"),
        ("\u00a0121212+1212\r\n", "121212+1212"),
    ],
)
def test_surrounding_whitespace_is_stripped(text: str, same_as: str) -> None:
    assert Personnummer.parse(text) == Personnummer.parse(same_as)


def test_errors_are_sdk_errors() -> None:
    for cls in (InvalidFormat, InvalidDate, InvalidChecksum):
        assert issubclass(cls, InvalidPersonnummer)
        assert issubclass(cls, PrimarvardError)
        assert issubclass(cls, ValueError)


# --- value semantics --------------------------------------------------------------------------


def test_sex() -> None:
    assert Personnummer.parse("121212-1212").sex == "man"
    assert Personnummer.parse("040229-1249").sex == "kvinna"


def test_equality_and_hash() -> None:
    a = Personnummer.parse("121212-1212")
    assert a == Personnummer.parse("1212121212")
    assert hash(a) == hash(Personnummer.parse(" 1212121212 "))
    assert a != Personnummer.parse("121212+1212")
    assert Personnummer.parse("20121212-1212") == Personnummer.parse("201212121212")
    assert Personnummer.parse("19121212+1212") == Personnummer.parse("191212121212")
    assert len({a, Personnummer.parse("1212121212"), Personnummer.parse("121212+1212")}) == 2


def test_immutable() -> None:
    pnr = Personnummer.parse("121212-1212")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pnr._digits = "121212-1212"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pnr.masked = "x"  # type: ignore[misc]


def test_direct_construction_is_validated() -> None:
    with pytest.raises(InvalidChecksum):
        Personnummer("1212121213")
    with pytest.raises(InvalidFormat):
        Personnummer("121212-1212")
    assert Personnummer("1212121212") == Personnummer.parse("121212-1212")


def test_copy_and_pickle() -> None:
    pnr = Personnummer.parse("121212+1212")
    assert copy.deepcopy(pnr) == pnr
    assert pickle.loads(pickle.dumps(pnr)) == pnr


@pytest.mark.parametrize(
    ("text", "entered"),
    [
        ("1212121212", "121212-1212"),
        ("121212+1212", "121212+1212"),
        ("20121212-1212", "201212121212"),
        ("19121212+1212", "191212121212"),
    ],
)
def test_as_entered_round_trip(text: str, entered: str) -> None:
    pnr = Personnummer.parse(text)
    assert pnr.as_entered() == entered
    assert Personnummer.parse(pnr.as_entered()) == pnr


# --- privacy ----------------------------------------------------------------------------------


def test_masked_forms() -> None:
    pnr = Personnummer.parse("121212-1212")
    assert pnr.masked == MASK
    assert str(pnr) == MASK
    assert repr(pnr) == "Personnummer('********-****')"
    assert f"{pnr}" == MASK
    assert repr([pnr]) == "[Personnummer('********-****')]"


def _luhn(nine: str) -> str:
    """The test's own Luhn: weights 2,1,2,... from the left, digits of products summed."""
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def test_own_luhn() -> None:
    assert _luhn("121212121") == "2"
    assert _luhn("040229124") == "9"
    assert _luhn("701063239") == "1"


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, str, str]:
    """A valid number built in the test: date, serial 001–999, Luhn digit.

    Returns the 12-digit form, the 10-digit form and its separator on 2026-11-23 ('+' at 100+).
    """
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 23)))
    serial = f"{draw(st.integers(min_value=1, max_value=999)):03d}"
    day = born.day + (60 if draw(st.booleans()) else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial}"
    ten = nine + _luhn(nine)
    age = 2026 - born.year - ((born.month, born.day) > (11, 23))
    return f"{born.year // 100:02d}{ten}", ten, "+" if age >= 100 else "-"


def _secrets(twelve: str, ten: str) -> list[str]:
    return [
        twelve,
        ten,
        f"{ten[:6]}-{ten[6:]}",
        f"{twelve[:8]}-{twelve[8:]}",
        ten[:6],  # YYMMDD
        twelve[:8],  # YYYYMMDD
        ten[6:],  # last four
    ]


def _assert_hidden(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in text


@given(numbers())
def test_nothing_reveals_the_number(number: tuple[str, str, str]) -> None:
    twelve, ten, sep = number
    secrets = _secrets(twelve, ten)
    inputs = [twelve, f"{ten[:6]}{sep}{ten[6:]}", f"{twelve[:8]}-{twelve[8:]}"]
    if sep == "-":
        inputs.append(ten)
    for text in inputs:
        pnr = Personnummer.parse(text)
        assert pnr.canonical(date(2026, 11, 23)) == twelve
        for shown in (repr(pnr), str(pnr), pnr.masked, f"{pnr!r} {pnr}"):
            _assert_hidden(shown, secrets)
        assert pnr.masked == MASK


@given(numbers(), st.integers(min_value=1, max_value=9))
def test_errors_do_not_reveal_the_number(number: tuple[str, str, str], shift: int) -> None:
    twelve, ten, _ = number
    wrong = str((int(ten[-1]) + shift) % 10)
    near_misses = [twelve[:-1] + wrong, ten[:-1] + wrong, f"{ten[:6]}-{ten[6:9]}{wrong}"]
    for text in near_misses:
        secrets = [*_secrets(twelve, ten), *_secrets(twelve[:-1] + wrong, ten[:-1] + wrong)]
        with pytest.raises(InvalidChecksum) as info:
            Personnummer.parse(text)
        exc = info.value
        _assert_hidden(str(exc), secrets)
        _assert_hidden(repr(exc), secrets)
        _assert_hidden(" ".join(map(str, exc.args)), secrets)
        assert exc.__cause__ is None
        assert exc.__context__ is None
        assert not is_valid(text)


@given(numbers())
def test_date_errors_do_not_reveal_the_number(number: tuple[str, str, str]) -> None:
    twelve, ten, _ = number
    bad = f"{twelve[:4]}13{twelve[6:]}"  # month 13
    with pytest.raises(InvalidDate) as info:
        Personnummer.parse(bad)
    _assert_hidden(str(info.value), [*_secrets(twelve, ten), bad, bad[2:], bad[:8]])
    assert info.value.__context__ is None
