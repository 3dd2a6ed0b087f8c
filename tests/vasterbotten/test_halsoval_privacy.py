"""Protected personal data (4.2 Skyddade personuppgifter): no listing record, no assigned unit,
and the person's identity appears in no result, CLI output, log record or error text."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import primarvard_sdk as ps
from primarvard_sdk import cli

REGION, PROGRAMME = "vasterbotten", "halsoval"
SKYDDADE = "vasterbotten.halsoval.listning.skyddade_personuppgifter"

#: Public test-range numbers (valid Luhn check digits), each with every form it can be written in.
IDENTITIES = {
    "19121212-1212": ("19121212-1212", "191212121212", "121212-1212", "1212121212", "121212+1212"),
    "850709-9805": ("850709-9805", "8507099805", "198507099805", "19850709-9805"),
}
NAME, ADDRESS = "Hemlig Testperson", "Skyddsvägen 12, 901 87 Umeå"

LISTING_RULES = sorted(r.id for r in ps.rules(REGION, PROGRAMME) if r.input_type == "Listning")


def protected_listing(pnr: str, **extra: Any) -> dict[str, Any]:
    """A listing that every listing rule would otherwise act on (all inputs present)."""
    return {
        "referens": "L-skyddad-1",
        "person": {
            "personnummer": pnr,
            "namn": NAME,
            "adress": ADDRESS,
            "folkbokford_i_sverige": True,
            "folkbokford_lan": "vasterbotten",
            "nyckelkodsomrade": "NK3",
            "skyddade_personuppgifter": True,
        },
        "enhet_id": "HC-B",
        "enhet_ar_filial": True,
        "enhet_huvudmottagning": "HC-B",
        "datum": "2025-12-01",
        "valtyp": "aktivt_val",
        "valt_av": "personen",
        "tidigare_byten": ["2025-02-01", "2025-05-01"],
        "kollektiv_listning_kravd": False,
        "formaner_erbjudna": False,
        "listningslage": {"tak": 10, "listade": 11, "stopp": {"fran": "2025-11-30", "till": "2026-02-28"}},
        "tidigare_valtyp": "ickeval",
        "tidigare_enhet": "HC-A",
        "vardnadshavares_enhet": "HC-M",
        "kandidater": [{"enhet_id": "HC-B", "nyckelkodsomraden": ["NK3"]}],
        **extra,
    }


def request(document: dict[str, Any], rule: str | None = None) -> dict[str, Any]:
    req = {"type": "Listning", "region": REGION, "programme": PROGRAMME, "as_of": "2025-12-01", "document": document}
    if rule:
        req["rule"] = rule
    return req


def assert_no_identity(text: str, pnr: str) -> None:
    for form in (*IDENTITIES[pnr], NAME, ADDRESS, "Hemlig", "Skyddsvägen"):
        assert form not in text, f"identity form {form!r} leaked"


@pytest.mark.parametrize("pnr", sorted(IDENTITIES))
@pytest.mark.parametrize("rule", LISTING_RULES)
def test_evaluate_json_no_identity_and_no_unit(rule: str, pnr: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    (result,) = ps.evaluate_json(request(protected_listing(pnr), rule))
    text = json.dumps(result, ensure_ascii=False)
    assert_no_identity(text, pnr)
    assert_no_identity("\n".join(r.getMessage() for r in caplog.records), pnr)
    assert "assigned" not in result["values"] and "route" not in result["values"]
    if rule == SKYDDADE:
        assert result["outcome"] == "fail" and result["values"]["decision"] == "reject"
    else:
        assert result["outcome"] == "not_applicable"
        assert result["values"] == {"see_rule": SKYDDADE, "reason": "skyddade_personuppgifter"}
        assert "HC-" not in result["explanation"]["sv"] + result["explanation"]["en"]


@pytest.mark.parametrize("pnr", sorted(IDENTITIES))
@pytest.mark.parametrize("fmt", [["--format", "json"], ["--format", "text"], ["--format", "text", "--lang", "sv"]])
def test_cli_every_listing_rule_no_identity(
    pnr: str, fmt: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "skyddad.jsonl"
    path.write_text(json.dumps(request(protected_listing(pnr)), ensure_ascii=False) + "\n", encoding="utf-8")
    code = cli.main(["evaluate", str(path), *fmt])
    out, err = capsys.readouterr()
    assert code == 1  # the skyddade rule rejects: a failure exit, with every listing rule evaluated
    for rule in LISTING_RULES:
        assert rule.split(".", 2)[2] in out
    assert_no_identity(out + err, pnr)
    assert_no_identity("\n".join(r.getMessage() for r in caplog.records), pnr)


@pytest.mark.parametrize("pnr", sorted(IDENTITIES))
def test_cli_single_rule_per_rule_no_identity(pnr: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "skyddad.json"
    path.write_text(json.dumps(request(protected_listing(pnr)), ensure_ascii=False), encoding="utf-8")
    for rule in LISTING_RULES:
        cli.main(["evaluate", str(path), "--rule", rule, "--format", "json"])
        out, err = capsys.readouterr()
        assert rule in out
        assert_no_identity(out + err, pnr)
        if rule != SKYDDADE:
            assert '"assigned"' not in out


@pytest.mark.parametrize("pnr", sorted(IDENTITIES))
def test_invalid_input_error_has_no_identity(pnr: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = protected_listing(pnr, datum="inte-ett-datum", valtyp="okand")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(request(bad), ensure_ascii=False), encoding="utf-8")
    assert cli.main(["evaluate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "$.document.datum" in err
    assert_no_identity(out + err, pnr)
    with pytest.raises(ps.InvalidDocument) as caught:
        ps.evaluate_json(request(bad))
    assert_no_identity(str(caught.value) + repr(caught.value), pnr)


def test_protected_person_repr_has_no_identity() -> None:
    doc = ps.parse_document(protected_listing("19121212-1212"), "Listning")
    results = ps.evaluate(doc, region=REGION, programme=PROGRAMME, as_of=date(2025, 12, 1))
    assert len(results) == len(LISTING_RULES)
    assert_no_identity(repr(doc) + repr(results) + ps.dumps(list(results)), "19121212-1212")
