"""The figures: each measured beside its reference in the same run."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Row = dict[str, Any]

DEADLINE_RULES = (
    ("kalmar.psykisk_halsa.remiss.forsta_kontakt", "forsta_kontakt", 0),  # 14 calendar days
    ("kalmar.psykisk_halsa.remiss.vfsp_aterkoppling", "aterkoppling", 1),  # next vardag
    ("vasterbotten.halsoval.tillganglighet.e_tjanst_svarstid", "besvarad", 3),  # 3rd vardag
)


def row(key: str, what: str, measured: float, unit: str, reference: str, reference_value: float | None,
        ratio: float | None, target: str, ok: bool | None, notes: str = "") -> Row:
    return {"key": key, "what": what, "measured": measured, "unit": unit, "reference": reference,
            "reference_value": reference_value, "ratio": ratio, "target": target, "pass": ok, "notes": notes}


def best(function: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


# --- 1. columnar deadlines ------------------------------------------------------------------


def columnar(args: Any) -> list[Row]:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.host import Sdk

    sdk = Sdk()
    n = args.referrals
    rng = np.random.default_rng(8)
    inkom = np.datetime64("2020-01-01") + rng.integers(0, 6 * 365, n).astype("timedelta64[D]")
    actual = inkom + rng.integers(0, 25, n).astype("timedelta64[D]")
    actual[rng.random(n) < 0.3] = np.datetime64("NaT")
    typ = rng.choice(np.array(["standard", "vfsp"]), n)
    as_of = date(2026, 1, 1)
    cal = batch._cal()

    def ours() -> None:
        for rule_id, actual_name, _ in DEADLINE_RULES:
            columns = {"inkom": inkom, "typ": typ, actual_name: actual}
            sdk.evaluate_columns(rule_id, columns, as_of=as_of)

    def reference() -> None:
        for _, _, k in DEADLINE_RULES:
            np.busday_offset(inkom, max(k, 1), roll="backward", busdaycal=cal)

    ours()
    reference()
    t_ours, t_ref = best(ours), best(reference)
    ratio = t_ours / t_ref
    return [row("columnar_deadlines", f"Columnar deadlines, {n:,} referrals × 3 rules (calendar-day, "
                "next-vardag, 3rd vardag): due date, outcome, reason", t_ours, "s",
                "numpy.busday_offset × 3, same holidays, same arrays", t_ref, ratio, "≤ 2× reference",
                ratio <= 2.0, "ours includes outcome/reason/value columns; reference only the due dates")]


# --- 2. single evaluation ------------------------------------------------------------------


def single(args: Any) -> list[Row]:
    import holidays
    from holidays.constants import DE_FACTO, PUBLIC

    from primarvard_sdk import calendar
    from primarvard_sdk.documents import parse_document
    from primarvard_sdk.host import Sdk

    days = [date(2025, 1, 1) + timedelta(days=i) for i in range(365)]
    country: Any = getattr(holidays, "Sweden")  # noqa: B009 - untyped in the holidays stubs
    sweden = country(years=range(2024, 2028), categories=(PUBLIC, DE_FACTO))
    calendar.is_vardag(days[0])
    for d in days[:5]:
        sweden.get_nth_working_day(d, 3)

    def ours() -> None:
        for d in days:
            calendar.nth_vardag_after(d, 3)

    def reference() -> None:
        for d in days:
            sweden.get_nth_working_day(d, 3)

    def ours_20() -> None:
        for _ in range(20):
            ours()

    t_ours = best(ours_20) / (20 * len(days))
    t_ref = best(reference) / len(days)
    rows = [row("single_arithmetic", "Single deadline date arithmetic (3rd vardag after a day)",
                t_ours * 1e6, "µs/call", "holidays Sweden get_nth_working_day", t_ref * 1e6,
                t_ref / t_ours, "≥ 10× faster", t_ref / t_ours >= 10)]

    sdk = Sdk()
    doc = parse_document({"referens": "R-1", "inkom": "2025-06-18T09:12:00+02:00",
                          "forsta_kontakt": "2025-06-25"}, "Remiss")
    rule = "kalmar.psykisk_halsa.remiss.forsta_kontakt"
    as_of = date(2025, 6, 30)

    def evaluate() -> Any:
        return sdk.evaluate(doc, region="kalmar", programme="psykisk_halsa", as_of=as_of, rule=rule)

    result = evaluate()[0]
    assert result.citation.quote and result.explanation.en
    samples = []
    for _ in range(200):
        start = time.perf_counter_ns()
        for _ in range(50):
            evaluate()
        samples.append((time.perf_counter_ns() - start) / 50 / 1000)
    median = statistics.median(samples)
    from primarvard_sdk.schema import validator_for

    validator = validator_for("Remiss")
    raw = {"referens": "R-1", "inkom": "2025-06-18T09:12:00+02:00", "forsta_kontakt": "2025-06-25"}
    def validate() -> None:
        for _ in range(2000):
            validator.validate(raw)

    t_validate = best(validate) / 2000 * 1e6
    rows.append(row("single_evaluate", "Full Sdk.evaluate (one deadline rule; result with citation, "
                    "parameters, sv/en explanation), median", median, "µs/call",
                    "jsonschema validation of the same Remiss (context only)", t_validate, median / 20,
                    "median < 20 µs", median < 20))
    return rows


# --- 3. JSON Lines end to end ----------------------------------------------------------------

_PEAK = """
def peak_kb():
    # VmHWM belongs to this process image (ru_maxrss would include the parent's memory at fork).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_OURS = _PEAK + """
import resource, sys, time, os
from primarvard_sdk.cli import main
start = time.perf_counter()
with open(os.devnull, "w") as out:
    sys.stdout = out
    code = main(["evaluate", sys.argv[1], "--format", "json"])
    sys.stdout = sys.__stdout__
print({"seconds": time.perf_counter() - start, "rss_kb": peak_kb(),
       "code": code})
"""

_REFERENCE = _PEAK + """
import json, resource, sys, time
from primarvard_sdk.schema import validator_for
validator = validator_for("EvaluationRequest")
start = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    for line in f:
        validator.validate(json.loads(line))
print({"seconds": time.perf_counter() - start, "rss_kb": peak_kb(),
       "code": 0})
"""


def _write_referrals(path: Path, n: int, rule: str | None) -> None:
    import random

    rng = random.Random(8)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            d = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
            doc: dict[str, Any] = {"referens": f"R-{i}",
                                   "inkom": f"{d.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+01:00",
                                   "typ": rng.choice(("standard", "standard", "vfsp")),
                                   "patient": {"fodelsedatum": (d - timedelta(days=rng.randrange(5000, 30000))).isoformat(),
                                               "folkbokford_lan": "kalmar"}}
            if rng.random() < 0.7:
                doc["forsta_kontakt"] = (d + timedelta(days=rng.randrange(20))).isoformat()
            record: dict[str, Any] = {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa",
                                      "as_of": "2025-12-31", "document": doc}
            if rule:
                record["rule"] = rule
            f.write(json.dumps(record) + "\n")


def _run(script: str, path: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = eval(done.stdout.strip().splitlines()[-1])
    return result


def jsonl(args: Any) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, rule, n in (
            ("one deadline rule per referral", DEADLINE_RULES[0][0], args.records),
            ("every applicable rule (9) per referral", None, max(1, args.records // 10)),
        ):
            path = Path(tmp) / "referrals.jsonl"
            _write_referrals(path, n, rule)
            ours, ref = _run(_OURS, path), _run(_REFERENCE, path)
            ours_rate, ref_rate = n / ours["seconds"], n / ref["seconds"]
            ratio = ours_rate / ref_rate
            key = "jsonl_one_rule" if rule else "jsonl_all_rules"
            rows.append(row(key, f"JSON Lines end to end, {n:,} referrals, {label} (read, validate, "
                            "structure, evaluate, serialise)", ours_rate, "records/s",
                            "json.loads + precompiled Draft 2020-12 validator (EvaluationRequest)", ref_rate,
                            ratio, "≥ 3× reference throughput", ratio >= 3,
                            f"{ours['seconds']:.1f} s vs {ref['seconds']:.1f} s"))
            rss = ours["rss_kb"] / 1024
            rows.append(row(key + "_memory", f"Peak memory (RSS) of that run, {n:,} records", rss, "MB",
                            "reference validator run", ref["rss_kb"] / 1024, None, "< 250 MB", rss < 250))
            path.unlink()
    return rows


# --- 4. start-up ------------------------------------------------------------------------------


def startup(args: Any) -> list[Row]:
    bare = [sys.executable, "-c", "pass"]
    sdk = [sys.executable, "-c", "import primarvard_sdk as ps; s = ps.default_sdk(); s.regions(); "
           "assert not s.failures, s.failures"]
    times: dict[str, list[float]] = {"bare": [], "sdk": []}
    for _ in range(9):
        for name, command in (("bare", bare), ("sdk", sdk)):
            start = time.perf_counter()
            subprocess.run(command, check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "0"})
            times[name].append(time.perf_counter() - start)
    t_bare, t_sdk = statistics.median(times["bare"]), statistics.median(times["sdk"])
    added = (t_sdk - t_bare) * 1000
    return [row("startup", "Start-up: import the SDK and load every installed plugin (regions), added",
                added, "ms", "bare interpreter start (python -c pass)", t_bare * 1000, t_sdk / t_bare,
                "≤ 250 ms added", added <= 250, f"medians of 9: {t_sdk * 1000:.0f} ms vs {t_bare * 1000:.0f} ms")]


# --- 5. a whole county ------------------------------------------------------------------------


def county(args: Any) -> list[Row]:
    import numpy as np

    from primarvard_sdk import batch
    from primarvard_sdk.documents import parse_document
    from primarvard_sdk.host import Sdk

    sdk = Sdk()
    rule = "kalmar.psykisk_halsa.remiss.alder"  # an age range stated once as a shape
    n = args.persons
    rng = np.random.default_rng(16)
    inkom = np.datetime64("2025-01-01") + rng.integers(0, 360, n).astype("timedelta64[D]")
    columns = {
        "inkom": inkom,
        "patient.finns": (rng.random(n) < 0.99).astype(np.int8),
        "patient.fodelsedatum": inkom - rng.integers(0, 90 * 365, n).astype("timedelta64[D]"),
    }
    as_of = date(2025, 12, 31)
    sdk.evaluate_columns(rule, columns, as_of=as_of)
    t_ours = best(lambda: sdk.evaluate_columns(rule, columns, as_of=as_of))

    sample = 3000
    docs = []
    for i in range(sample):
        patient = {"fodelsedatum": str(columns["patient.fodelsedatum"][i])} if columns["patient.finns"][i] else None
        docs.append(parse_document({"inkom": str(columns["inkom"][i]), "patient": patient}, "Remiss"))
    assert not batch.agreement(sdk, rule, docs[:500], as_of=as_of, values=("age", "decision"))

    def one_by_one() -> None:
        for d in docs:
            sdk.evaluate(d, region="kalmar", programme="psykisk_halsa", as_of=as_of, rule=rule)

    t_single = best(one_by_one, 2) * n / sample
    return [row("county_referrals", f"A whole county: the age rule for {n:,} referrals (kalmar.psykisk_halsa "
                "remiss.alder), columnar", t_ours, "s", f"Sdk.evaluate one by one (from {sample:,}, scaled)",
                t_single, t_single / t_ours, "< 1 s", t_ours < 1.0, "ratio = speed-up over one by one")]


# The subprocess figures first, while this process is still small.
FIGURES: dict[str, Callable[[Any], list[Row]]] = {
    "jsonl": jsonl,
    "startup": startup,
    "columnar": columnar,
    "single": single,
    "county": county,
}


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(rows: list[Row]) -> str:
    header = ("figure", "measured", "reference", "ratio", "target", "result")
    lines = []
    for r in rows:
        lines.append((
            r["key"],
            f"{_fmt(r['measured'])} {r['unit']}",
            f"{_fmt(r['reference_value'])} ({r['reference']})",
            "—" if r["ratio"] is None else f"{r['ratio']:.2f}×",
            r["target"],
            {True: "PASS", False: "FAIL", None: "—"}[r["pass"]],
        ))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)] if lines else []
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out.extend("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines)
    return "\n".join(out)
