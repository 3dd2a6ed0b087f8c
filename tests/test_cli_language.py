"""The command line in Swedish (issue 16, "Swedish all the way"): ``--lang sv`` translates
headers, outcome words, the summary, plurals, error messages and help through the gettext
catalogue; the default follows the locale; ``--lang en`` and machine-readable output are
unchanged; the compiled catalogue is what its ``.po`` compiles to and covers every marked message.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from primarvard_sdk import i18n
from primarvard_sdk.cli import main
from primarvard_sdk.report import describe_path, outcome_label

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "data" / "golden"
PO = i18n.LOCALE_DIR / "sv" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
MO = PO.with_suffix(".mo")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from a locale that is not Swedish, whatever the machine's is."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    shutil.copy(GOLDEN / "bulk_input.jsonl", tmp_path / "batch.jsonl")
    monkeypatch.chdir(tmp_path)
    return "batch.jsonl"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- the catalogue ---------------------------------------------------------------------------


def _catalog() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f, locale="sv", domain=i18n.DOMAIN)


def test_the_committed_mo_is_what_the_po_compiles_to() -> None:
    """``pybabel compile -d src/primarvard_sdk/locale -D primarvard`` after editing the .po."""
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert MO.read_bytes() == compiled.getvalue(), f"{MO} is stale: run pybabel compile (see i18n.py)"


def test_every_marked_message_has_a_swedish_translation() -> None:
    """Every message extraction finds (babel.cfg) is in the .po, translated, not fuzzy, with the
    same placeholders; no message the code no longer uses lingers."""
    catalog = _catalog()
    extracted: set[tuple[str | None, str]] = set()
    for _, _, message, _, context in extract_from_dir(str(ROOT), method_map=_method_map()):
        key = message[0] if isinstance(message, tuple) else message
        extracted.add((context, key))
    translated = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m
                  for m in catalog if m.id}
    assert extracted, "nothing extracted: babel.cfg does not name the sources"
    missing = sorted(str(k) for k in extracted - translated.keys())
    assert not missing, f"not in the .po (pybabel extract + update, see i18n.py): {missing}"
    assert not sorted(str(k) for k in translated.keys() - extracted), "obsolete messages in the .po"
    for entry in translated.values():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert all(strings) and not entry.fuzzy, f"untranslated or fuzzy: {entry.id!r}"
    assert not list(catalog.check()), "placeholders differ between English and Swedish"


def _method_map() -> list[tuple[str, str]]:
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "babel.cfg", encoding="utf-8")
    return [(section.partition(":")[2].strip(), section.partition(":")[0]) for section in config.sections()]


def test_the_catalogue_ships_with_the_package() -> None:
    """The build config names the locale files as package data."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["primarvard_sdk"]
    relative = MO.relative_to(i18n.LOCALE_DIR.parent).as_posix()
    from fnmatch import fnmatch

    assert any(fnmatch(relative, p) for p in patterns), patterns
    assert i18n.translations("sv").gettext("Documents") == "Dokument"  # the .mo is found and loaded


# --- the language by default ----------------------------------------------------------------


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "sv_SE.UTF-8"}, "sv"),
    ({"LANG": "sv_FI"}, "sv"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
    ({"LC_ALL": "C", "LANG": "sv_SE.UTF-8"}, "en"),  # LC_ALL wins, as for every program
    ({"LC_ALL": "sv_SE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "sv"),
    ({"LC_ALL": "", "LANG": "sv_SE.UTF-8"}, "sv"),  # empty is unset
])
def test_the_default_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert i18n.default_language(environ) == expected


def test_a_swedish_locale_makes_the_report_swedish_and_lang_overrides_it(
        capsys: pytest.CaptureFixture[str], batch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _, english, _ = run(capsys, "evaluate", batch)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    _, swedish, _ = run(capsys, "evaluate", batch)
    assert swedish.startswith("Sammanfattning: 3 dokument, ")
    _, overridden, _ = run(capsys, "evaluate", batch, "--lang", "en")
    assert overridden == english
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    _, c_locale, _ = run(capsys, "evaluate", batch)
    assert c_locale == english


# --- the text report in Swedish ---------------------------------------------------------------


SWEDISH = {  # outcome: (alone, counted one, counted several)
    "fail": ("underkänd", "underkänd", "underkända"),
    "route": ("hänvisning", "hänvisning", "hänvisningar"),
    "missed": ("försenad", "försenad", "försenade"),
    "indeterminate": ("kan inte avgöras", "kan inte avgöras", "kan inte avgöras"),
    "warning": ("varning", "varning", "varningar"),
    "open": ("öppen", "öppen", "öppna"),
    "met": ("i tid", "i tid", "i tid"),
    "pass": ("godkänd", "godkänd", "godkända"),
    "not applicable": ("ej tillämplig", "ej tillämplig", "ej tillämpliga"),
}


def _counted(n: int, word: str) -> str:
    return f"{n} {SWEDISH[word][1 if n == 1 else 2]}"


def test_the_text_report_is_swedish_all_the_way(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    """The Swedish report is the English one, word for word: the same counts, documents and rules
    (read from the English run, so the test holds while rules are added)."""
    _, english, _ = run(capsys, "evaluate", batch)
    code, out, err = run(capsys, "evaluate", batch, "--lang", "sv")
    assert code == 3
    en_lines, lines = english.splitlines(), out.splitlines()
    assert len(lines) == len(en_lines)
    documents, results = map(int, re.findall(r"(\d+) (?:document|result)s?", en_lines[0]))
    assert documents == 3
    assert lines[0] == f"Sammanfattning: 3 dokument, {results} resultat; 1 post utvärderades inte"
    assert lines[1].split() == ["utfall", "resultat", "dokument"]
    table = en_lines.index("") - 2
    for en_row, sv_row in zip(en_lines[2:2 + table], lines[2:2 + table], strict=True):
        *word, n, docs = en_row.split()
        assert sv_row.split() == [*SWEDISH[" ".join(word)][0].split(), n, docs]
    assert lines[2 + table:4 + table] == ["", "Dokument"]
    for en_row, sv_row in zip(en_lines[4 + table:8 + table], lines[4 + table:8 + table], strict=True):
        head, _, tally = en_row.partition("): ")
        if not tally:
            assert sv_row.startswith("  batch.jsonl:4: utvärderades inte (")
            continue
        words = [re.fullmatch(r"(\d+) (.+)", part).groups() for part in tally.split(", ")]  # type: ignore[union-attr]
        assert sv_row == f"{head}): " + ", ".join(_counted(int(n), w) for n, w in words)
    # counted outcomes inflect: 1 ... / 2 ...a
    assert re.search(r": 2 försenade, .*\d godkända, \d+ ej tillämpliga\n", out)
    assert re.search(r": 2 hänvisningar, .*1 öppen, 1 godkänd, ", out)
    assert "batch.jsonl:1  —  kalmar.psykisk_halsa, per 2025-10-01, regelbok 2024, referens PH-R-002" in out
    assert re.search(r"\n  försenad +remiss\.forsta_kontakt — senast 2025-09-15, utfört 2025-09-20\n", out)
    assert re.search(r"\n  hänvisning +remiss\.alder — hänvisas till barn och ungdomshalsan\n", out)
    assert "Ange: rub — $.rub" in out  # the field by its own (Swedish) name, and its path
    assert "Första kontakt senast 2025-09-15 (14 kalenderdagar efter ankomst 2025-09-01)." in out  # the rule's sv
    for english_word in ("Summary", "Documents", "not applicable", "not evaluated", "as of", "rulebook",
                         "due", "done", "goes to", "Supply", "pass", "route", "missed", "indeterminate", "open"):
        assert not re.search(rf"\b{english_word}\b", out.replace("(invalid Remiss document", "")), english_word
    assert "primarvard: fel: batch.jsonl:4: " in err  # the message itself is the validator's


def test_only_in_swedish_keeps_the_summary(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    _, everything, _ = run(capsys, "evaluate", batch, "--lang", "sv")
    _, out, _ = run(capsys, "evaluate", batch, "--lang", "sv", "--only", "missed")
    assert out.split("\n\n")[:2] == everything.split("\n\n")[:2]  # the summary and the documents
    shown = [line.split()[0] for line in out.splitlines() if re.match(r"  \S.* remiss\.", line)]
    assert shown == ["försenad", "försenad"]


@pytest.mark.parametrize("word", list(SWEDISH))
def test_outcome_words(word: str) -> None:
    alone, one, several = SWEDISH[word]
    assert outcome_label(word, "sv") == alone
    assert outcome_label(word, "en") == word
    sv = i18n.translations("sv")
    assert sv.ngettext(f"%(n)s {word}", f"%(n)s {word}", 1) % {"n": 1} == f"1 {one}"
    assert sv.ngettext(f"%(n)s {word}", f"%(n)s {word}", 2) % {"n": 2} == f"2 {several}"


@pytest.mark.parametrize(("n", "english", "swedish"), [
    (1, "1 rule", "1 regel"), (2, "2 rules", "2 regler"), (0, "0 rules", "0 regler"),
])
def test_plurals(n: int, english: str, swedish: str) -> None:
    assert i18n.translations("en").ngettext("%(n)s rule", "%(n)s rules", n) % {"n": n} == english
    assert i18n.translations("sv").ngettext("%(n)s rule", "%(n)s rules", n) % {"n": n} == swedish
    fail = i18n.translations("sv").ngettext("%(n)s fail", "%(n)s fail", n) % {"n": n}
    assert fail == f"{n} {'underkänd' if n == 1 else 'underkända'}"


def test_rules_are_counted_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    code, english, _ = run(capsys, "rules", "--region", "kalmar")
    n = int(english.splitlines()[-1].split()[0].replace(",", ""))
    assert code == 0 and english.splitlines()[-1] == f"{n:,} rules"
    _, swedish, _ = run(capsys, "--lang", "sv", "rules", "--region", "kalmar")
    assert swedish.splitlines()[-1] == f"{i18n.number(n, 'sv')} regler"
    assert swedish.splitlines()[:-1] == english.splitlines()[:-1]  # the rules themselves: their own text


def test_numbers_are_written_the_swedish_way() -> None:
    assert i18n.number(1054, "en") == "1,054"
    assert i18n.number(1054, "sv") == "1\N{NO-BREAK SPACE}054"
    assert i18n.number(7, "sv") == "7"


def test_a_field_is_described_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert describe_path("Vardenhet", "$.personal[3].namn", "sv") == "namn (nr 4 i personal)"
    english = describe_path("Vardenhet", "$.personal[3].namn")
    assert english.endswith("(item 4 of personal)")


# --- errors and help --------------------------------------------------------------------------


def test_errors_are_swedish(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "evaluate", str(tmp_path / "saknas.json"), "--lang", "sv")
    assert code == 2 and err == f"primarvard: fel: {tmp_path / 'saknas.json'}: filen finns inte\n"
    code, _, err = run(capsys, "evaluate", str(tmp_path), "--lang", "sv")
    assert code == 2 and "en katalog utan *.json- eller *.jsonl-filer" in err
    code, _, err = run(capsys, "--lang", "sv", "schema", "Okand")
    assert code == 2 and err.startswith("primarvard: fel: okänd typ 'Okand'; kända: ")
    code, _, err = run(capsys, "evaluate", "x.json", "--type", "Okand", "--lang", "sv")
    assert code == 2 and "okänd dokumenttyp 'Okand'" in err


def test_usage_errors_are_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", "x.json", "--only", "passed", "--lang", "sv"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("användning: primarvard evaluate")
    assert "primarvard evaluate: fel: argument --only: ett eller flera av fail, missed" in err
    with pytest.raises(SystemExit):
        main(["--lang", "sv", "evaluate"])
    assert "följande argument krävs: FILE" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang=sv", "evaluera"])
    assert "ogiltigt val: 'evaluera'" in capsys.readouterr().err


def test_help_is_swedish_and_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    before = vars(argparse)["_"]
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", "--help", "--lang", "sv"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith("användning: primarvard evaluate")
    assert "positionsargument:" in out and "flaggor:" in out
    assert "visa den här hjälptexten och avsluta" in out
    assert "utvärdera bara regeln med detta id" in out
    assert vars(argparse)["_"] is before
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: primarvard") and "show this help message and exit" in out


# --- English and pipelines unchanged ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "csv"])
def test_lang_en_is_the_english_of_the_golden_files(capsys: pytest.CaptureFixture[str], batch: str,
                                                     fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The English report is what tests/test_cli_bulk.py holds to the golden files (evaluate.txt,
    evaluate.csv; run there in a C locale); --lang en gives it under a Swedish locale too."""
    _, english, _ = run(capsys, "evaluate", batch, "--format", fmt)
    assert english.startswith("Summary: 3 documents, " if fmt == "text" else "source,reference,region,")
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    _, out, _ = run(capsys, "evaluate", batch, "--format", fmt, "--lang", "en")
    assert out == english


@pytest.mark.parametrize("fmt", ["json", "jsonl-lean"])
def test_pipeline_output_does_not_depend_on_the_language(capsys: pytest.CaptureFixture[str], batch: str,
                                                         fmt: str) -> None:
    outputs = [run(capsys, "evaluate", batch, "--format", fmt, "--error-records", "--lang", lang)
               for lang in ("en", "sv")]
    assert outputs[0][:2] == outputs[1][:2]  # exit code and stdout; stderr is for a person
    assert all("error" in json.loads(line) or "results" in json.loads(line) for line in outputs[0][1].splitlines())


def test_csv_keeps_its_header_and_codes_and_translates_the_explanation(capsys: pytest.CaptureFixture[str],
                                                                       batch: str) -> None:
    _, english, _ = run(capsys, "evaluate", batch, "--format", "csv")
    _, swedish, _ = run(capsys, "evaluate", batch, "--format", "csv", "--lang", "sv")
    import csv

    en_rows, sv_rows = list(csv.reader(io.StringIO(english))), list(csv.reader(io.StringIO(swedish)))
    assert en_rows[0] == sv_rows[0] and len(en_rows) == len(sv_rows)
    column = en_rows[0].index("explanation")
    for a, b in zip(en_rows[1:], sv_rows[1:], strict=True):
        assert a[:column] == b[:column] and a[column + 1:] == b[column + 1:]
    assert [r[column] for r in en_rows[1:]] != [r[column] for r in sv_rows[1:]]
