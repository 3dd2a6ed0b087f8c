"""A region plugin built from the how-to's own snippets (docs/howto/write-a-plugin.md), as a
third-party author would: the conformance kit passes on a fresh run, and each fault an author
makes produces the documented message, pointing at the file and line (issue 19)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from primarvard_sdk import Sdk, parse_document
from primarvard_sdk import testing as kit
from primarvard_sdk.check import check, print_report
from primarvard_sdk.cli import main

HOWTO = Path(__file__).parents[2] / "docs" / "howto" / "write-a-plugin.md"
SNIPPET = re.compile(r"<!-- file: (?P<path>\S+) -->\n```\w+\n(?P<body>.*?)```", re.S)
FUNCTION = re.compile(r'```python\n(?P<body>"""Rule functions of exempel\.halsoval\.""".*?)```', re.S)


def snippets() -> dict[str, str]:
    files = {m["path"]: m["body"] for m in SNIPPET.finditer(HOWTO.read_text(encoding="utf-8"))}
    assert {"src/primarvard_exempel/data/region.yaml", "src/primarvard_exempel/data/halsoval.yaml",
            "src/primarvard_exempel/data/halsoval.examples.yaml", "src/primarvard_exempel/halsoval.py",
            "src/primarvard_exempel/__init__.py", "tests/test_conformance.py", "pyproject.toml"} <= set(files)
    return files


def build(root: Path, package: str = "primarvard_exempel", **changes: Any) -> Path:
    """Write the how-to's plugin under ``root`` as ``package``; ``changes`` maps a file (relative to
    the package) to a function editing its text."""
    for path, body in snippets().items():
        target = root / path.replace("primarvard_exempel", package)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = body.replace("primarvard_exempel", package)
        key = path.removeprefix("src/primarvard_exempel/")
        if key in changes:
            text = changes[key](text)
        target.write_text(text, encoding="utf-8")
    return root / "src"


@pytest.fixture
def plugin_sdk(tmp_path: Path) -> Iterator[Any]:
    added: list[str] = []

    def make(package: str, **changes: Any) -> Sdk:
        src = build(tmp_path / package, package, **changes)
        sys.path.insert(0, str(src))
        added.append(str(src))
        module = __import__(package)
        return Sdk(plugins=[(module.plugin, f"{package.replace('_', '-')} 0.1.0")], entry_points=False)

    yield make
    for path in added:
        sys.path.remove(path)


def report(sdk: Sdk) -> str:
    out = io.StringIO()
    print_report(check(sdk), out)
    return out.getvalue()


def function_rule(extra: str = "", returns: bool = True) -> Any:
    """The how-to's function version of the rule, with an author's slip."""
    def edit(_: str) -> str:
        (body,) = FUNCTION.findall(HOWTO.read_text(encoding="utf-8"))
        body = body.replace('    n = ctx.param("weekdays")\n', f'    n = ctx.param("weekdays")\n{extra}')
        return body if returns else body.replace("    return deadline(", "    deadline(")
    return edit


def test_the_kit_passes_on_a_fresh_run_of_the_howto_plugin(tmp_path: Path) -> None:
    src = build(tmp_path)
    tests = tmp_path / "tests" / "test_conformance.py"
    tests.write_text(tests.read_text().replace(
        "from primarvard_sdk.testing import ConformanceTests\n",
        "from primarvard_exempel import plugin\nfrom primarvard_sdk import Sdk\n"
        "from primarvard_sdk.testing import ConformanceTests\n",
    ) + '    sdk = Sdk(plugins=[(plugin, "primarvard-exempel 0.1.0")], entry_points=False)\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYPOTHESIS", "PRIMARVARD"))}
    run = subprocess.run(  # no conftest: the kit brings its own hypothesis settings
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), "tests"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, env={**env, "PYTHONPATH": str(src)},
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


def test_check_passes_on_the_howto_plugin(plugin_sdk: Any) -> None:
    sdk = plugin_sdk("primarvard_exempel_ok")
    assert report(sdk) == "exempel.halsoval: 1 rules, 4 examples: ok\nall 1 programmes pass\n"
    assert main(["check"], sdk=sdk) == 0


def test_a_wrong_answer_fails_with_the_deciding_words(plugin_sdk: Any) -> None:
    sdk = plugin_sdk("primarvard_exempel_wrong", **{"halsoval.py": lambda t: t.replace('count="vardagar"', 'count="calendar_days"')})
    with pytest.raises(AssertionError) as info:
        kit.check_examples(sdk, "exempel", "halsoval")
    text = str(info.value)
    assert re.search(r"primarvard_exempel_wrong/data/halsoval\.examples\.yaml:\d+: exempel\.halsoval\.remiss\.svar — "
                     r"an answer on the 5th vardag is in time \(boundary, as of 2026-03-20\)", text), text
    assert "deciding: “Remiss ska besvaras inom 5 vardagar.”" in text
    assert "outcome missed, expected met" in text and "values.due = '2026-03-07', expected '2026-03-09'" in text
    assert main(["check"], sdk=sdk) == 1


def test_a_raising_rule_names_its_module_and_line_within_seconds(plugin_sdk: Any) -> None:
    slip = "    remiss.patient.age_on(ctx.as_of)\n"
    sdk = plugin_sdk("primarvard_exempel_raises", **{"halsoval.py": function_rule(slip)})
    rule = sdk.rule("exempel.halsoval.remiss.svar")  # loads the programme and its module
    source = (Path(sys.modules["primarvard_exempel_raises.halsoval"].__file__ or "")).read_text().splitlines()
    line = source.index(slip.rstrip("\n")) + 1

    class Kit(kit.ConformanceTests):
        pass

    Kit.sdk = sdk
    started = time.monotonic()
    with pytest.raises(kit.RuleCrashed) as info:
        Kit().test_rule_result(rule.id)
    assert time.monotonic() - started < 20
    assert (f"plugin primarvard-exempel-raises 0.1.0: rule exempel.halsoval.remiss.svar: primarvard_sdk_evaluate "
            f"raised AttributeError (in primarvard_exempel_raises.halsoval line {line})") in str(info.value)
    assert "PRIMARVARD_DEBUG=1" in str(info.value)
    assert f"raised AttributeError (in primarvard_exempel_raises.halsoval line {line})" in report(sdk)


def test_debug_keeps_the_plugins_traceback(plugin_sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sdk = plugin_sdk("primarvard_exempel_debug", **{"halsoval.py": function_rule("    remiss.patient.age_on(ctx.as_of)\n")})
    remiss = parse_document({"inkom": "2026-03-02"}, "Remiss")
    monkeypatch.setenv("PRIMARVARD_DEBUG", "1")
    with pytest.raises(AssertionError) as info:
        kit.evaluate_rule(sdk, sdk.rule("exempel.halsoval.remiss.svar"), remiss, date(2026, 3, 20))
    assert isinstance(info.value.__cause__, AttributeError)
    monkeypatch.delenv("PRIMARVARD_DEBUG")
    with pytest.raises(AssertionError) as info:
        kit.evaluate_rule(sdk, sdk.rule("exempel.halsoval.remiss.svar"), remiss, date(2026, 3, 20))
    assert info.value.__cause__ is None  # by default the exception's text (personal data?) stays out


def test_a_wrong_return_type_says_what_came_back(plugin_sdk: Any) -> None:
    sdk = plugin_sdk("primarvard_exempel_noreturn", **{"halsoval.py": function_rule(returns=False)})
    assert ("rule exempel.halsoval.remiss.svar returned a malformed finding: not a Finding with an outcome and an "
            "explanation; it returned None (a missing return statement?)") in report(sdk)


def test_a_data_error_names_the_file_line_and_rule(plugin_sdk: Any) -> None:
    sdk = plugin_sdk("primarvard_exempel_quote", **{"data/halsoval.yaml": lambda t: re.sub(r"\n +quote: .*", "", t)})
    text = report(sdk)
    assert re.search(r"primarvard_exempel_quote/data/halsoval\.yaml: line \d+ \(rule exempel\.halsoval\.remiss\.svar\): "
                     r"\$\.rules\[0\]\.citation\.quote: required field missing", text), text
    assert main(["check"], sdk=sdk) & 1


def test_a_gap_between_dated_values_is_refused(plugin_sdk: Any) -> None:
    def gap(text: str) -> str:
        return text.replace("            valid_from: 2026-01-01\n",
                            "            valid_from: 2026-01-01\n            valid_to: 2026-06-29\n"
                            "          - value: 6\n            valid_from: 2026-07-01\n", 1)
    text = report(plugin_sdk("primarvard_exempel_gap", **{"data/halsoval.yaml": gap}))
    assert re.search(r"line \d+ \(rule exempel\.halsoval\.remiss\.svar\): \$\.rules\[0\]\.parameters\[0\] \(weekdays\): "
                     r"no value from 2026-06-30 to 2026-06-30 inside edition 2026", text), text


def test_an_unread_parameter_and_a_rule_without_examples(plugin_sdk: Any) -> None:
    def extra(text: str) -> str:
        return text.replace("annexes:", "      - name: unused\n        values:\n          - value: 3\n"
                                        "            valid_from: 2026-01-01\nannexes:")
    text = report(plugin_sdk("primarvard_exempel_unread", **{"data/halsoval.yaml": extra}))
    assert "exempel.halsoval.remiss.svar: parameter unused is declared but no example's result reads it" in text
    text = report(plugin_sdk("primarvard_exempel_bare", **{"data/halsoval.examples.yaml": lambda t: t.split("examples:")[0] + "examples: []\n"}))
    assert "no worked examples: add data/halsoval.examples.yaml" in text


def test_an_id_typo_in_the_code_names_the_line(plugin_sdk: Any) -> None:
    typo = plugin_sdk("primarvard_exempel_typo", **{"halsoval.py": lambda t: t.replace('"exempel.halsoval.remiss.svar"', '"exempel.halsoval.remiss.svr"')})
    text = report(typo)
    assert re.search(r"rules without an implementation: exempel\.halsoval\.remiss\.svar \(line \d+\); implementations "
                     r"without a rule in the data: exempel\.halsoval\.remiss\.svr \(primarvard_exempel_typo/halsoval\.py:\d+\)",
                     text), text
    assert main(["check"], sdk=typo) == 1
