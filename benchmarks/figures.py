"""The figures: each measured beside its reference in the same run."""

from __future__ import annotations

import json
import os
import re
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
#
# Every JSON Lines figure runs in its own process (ours: the real ``primarvard evaluate``), on
# the same file as its references in the same run:
# - the *per-type validator*: ``json.loads`` and the precompiled Draft 2020-12 validator of the
#   record's own document type (``validator_for(record["type"])``, compiled once per type), the
#   least a pipeline that only checks its input does. (The ``EvaluationRequest`` schema picks the
#   type with a ``oneOf`` over all document schemas, which jsonschema validates in full against
#   the wrong types first: several times slower, so an unfair reference.)
# - the *floor*: ``orjson.loads`` + ``orjson.dumps`` of every line (stdlib json when orjson is not
#   installed), written to /dev/null: no pipeline that reads and writes JSON is faster.
# Throughput is wall clock (ours uses every core by default, as the command does); CPU seconds
# are in the notes.

_PEAK = """
def peak_kb():
    # VmHWM belongs to this process image (ru_maxrss would include the parent's memory at fork).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
"""

_OURS = _PEAK + """
import contextlib, io, multiprocessing, resource, sys, threading, time, os

def pss_kb(pid):
    # Proportional set size: pages shared by the forked workers counted once, not once per process.
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

peak_pss = [0]
def sample():  # this process and its workers, every 50 ms
    while True:
        total = pss_kb(os.getpid()) + sum(pss_kb(c.pid) for c in multiprocessing.active_children())
        peak_pss[0] = max(peak_pss[0], total)
        time.sleep(0.05)
threading.Thread(target=sample, daemon=True).start()
from primarvard_sdk.cli import build_parser, main
argv = sys.argv[1:]
if "--jobs" in argv:  # a checkout from before --jobs (a "before" run): one process, as it was
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            build_parser().parse_args(["evaluate", "-", "--jobs", "1"])
        except SystemExit:
            at = argv.index("--jobs")
            del argv[at:at + 2]
start, cpu0 = time.perf_counter(), cpu()
with open(os.devnull, "w") as out:
    sys.stdout = out
    code = main(["evaluate", *argv])
    sys.stdout = sys.__stdout__
seconds, cpu_s = time.perf_counter() - start, cpu() - cpu0
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker, kB
print({"seconds": seconds, "cpu": cpu_s, "rss_kb": peak_kb(), "child_kb": children, "pss_kb": peak_pss[0],
       "code": code})
"""

_VALIDATOR = _PEAK + """
import json, resource, sys, time
from primarvard_sdk.schema import validator_for
validators = {}  # compiled once per document type
for name in ("Remiss", "Listning", "Vardkontakt"):
    validators[name] = validator_for(name)
start, cpu0 = time.perf_counter(), cpu()
with open(sys.argv[1], "rb") as f:
    for line in f:
        record = json.loads(line)
        validator = validators.get(record["type"]) or validators.setdefault(record["type"], validator_for(record["type"]))
        validator.validate(record["document"])
print({"seconds": time.perf_counter() - start, "cpu": cpu() - cpu0, "rss_kb": peak_kb(), "child_kb": 0, "code": 0})
"""

_FLOOR = _PEAK + """
import os, resource, sys, time
try:
    import orjson
    loads, dumps, name = orjson.loads, orjson.dumps, "orjson"
except ImportError:  # stdlib json when orjson is not installed
    import json
    loads, dumps, name = json.loads, (lambda v: json.dumps(v).encode()), "json"
start, cpu0 = time.perf_counter(), cpu()
with open(sys.argv[1], "rb") as f, open(os.devnull, "wb") as out:
    for line in f:
        out.write(dumps(loads(line)) + b"\\n")
print({"seconds": time.perf_counter() - start, "cpu": cpu() - cpu0, "rss_kb": peak_kb(), "child_kb": 0, "code": 0,
       "name": name})
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


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MIXED_TYPES = ("Remiss", "Listning", "Vardkontakt")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def mixed_sources(examples: Path = EXAMPLES) -> list[dict[str, Any]]:
    """The bundled example records of referrals, listings and contacts (all three regions),
    without their ``rule``: every applicable rule runs."""
    found = []
    for file in sorted(examples.glob("*/*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("type") in MIXED_TYPES:
                    record.pop("rule", None)
                    found.append(record)
    return found


def _shifted(value: Any, days: int) -> Any:
    if isinstance(value, dict):
        return {k: _shifted(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, days) for v in value]
    if isinstance(value, str) and (m := _DAY.match(value)):
        try:
            day = date.fromisoformat(m.group(1))
        except ValueError:
            return value
        return (day + timedelta(days=days)).isoformat() + value[10:]
    return value


def write_mixed(path: Path, n: int, seed: int = 16) -> dict[tuple[str, str], int]:
    """``n`` realistic records, deterministically: a bundled example record (Remiss, Listning or
    Vardkontakt of any region) with every day and time moved by the same −300…+300 days (so
    the record says the same thing on other days) and a unique ``referens``. Returns the mix."""
    import random

    rng = random.Random(seed)
    sources = mixed_sources()
    mix: dict[tuple[str, str], int] = {}
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            record = _shifted(rng.choice(sources), rng.randrange(-300, 301))
            document = record["document"]
            document["referens"] = f"{document.get('referens', 'X')}-{i}"
            key = (record.get("region", ""), record["type"])
            mix[key] = mix.get(key, 0) + 1
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return mix


def _run(script: str, *argv: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = eval(done.stdout.strip().splitlines()[-1])
    if result["code"] & ~1:  # 1: a rule failed, as expected; anything else is bad input or a fault
        raise RuntimeError(f"exit code {result['code']}: {done.stderr[-2000:]}")
    return result


def _jobs() -> int:
    return os.cpu_count() or 1


def _mb(run: dict[str, Any], jobs: int) -> float:
    """Peak memory of a run: with workers, the peak of the parent's and the workers' proportional
    set size together (sampled every 50 ms; forked workers share the parent's pages, which the
    sum of their RSS would count once per process); without, the process's peak RSS."""
    if run["child_kb"]:
        return float(max(run.get("pss_kb", 0), run["rss_kb"]) / 1024)
    return float(run["rss_kb"] / 1024)


def _rss_sum(run: dict[str, Any], jobs: int) -> float:
    """An upper bound: the parent's peak RSS plus ``jobs`` times the largest worker's."""
    return float((run["rss_kb"] + jobs * run["child_kb"]) / 1024)


def jsonl(args: Any) -> list[Row]:
    rows = []
    jobs = _jobs()
    validator = "json.loads + precompiled Draft 2020-12 validator of the record's document type"
    with tempfile.TemporaryDirectory() as tmp:
        for label, rule, n in (
            ("one deadline rule per referral", DEADLINE_RULES[0][0], args.records),
            ("every applicable rule (9) per referral", None, max(1, args.records // 10)),
        ):
            path = Path(tmp) / "referrals.jsonl"
            _write_referrals(path, n, rule)
            ours, ref = _run(_OURS, str(path), "--format", "json"), _run(_VALIDATOR, str(path))
            ours_rate, ref_rate = n / ours["seconds"], n / ref["seconds"]
            ratio = ours_rate / ref_rate
            key = "jsonl_one_rule" if rule else "jsonl_all_rules"
            rows.append(row(key, f"JSON Lines end to end, {n:,} Remiss records, {label} (read, validate, "
                            f"structure, evaluate, serialise; --jobs {jobs})", ours_rate, "records/s",
                            validator + " (Remiss)", ref_rate,
                            ratio, "≥ 3× reference throughput", ratio >= 3,
                            f"{ours['seconds']:.1f} s vs {ref['seconds']:.1f} s wall; "
                            f"CPU {ours['cpu']:.1f} s vs {ref['cpu']:.1f} s"))
            rss = _mb(ours, jobs)
            rows.append(row(key + "_memory", f"Peak memory of that run, {n:,} records, --jobs {jobs} "
                            "(parent + workers)", rss, "MB",
                            "reference validator run", ref["rss_kb"] / 1024, None, "< 250 MB", rss < 250))
            path.unlink()
        rows.extend(_mixed(Path(tmp), max(1, args.records // 10), jobs, validator))
    return rows


def _mixed(tmp: Path, n: int, jobs: int, validator: str) -> list[Row]:
    path = tmp / "mixed.jsonl"
    mix = write_mixed(path, n)
    shown = ", ".join(f"{r} {t} {c:,}" for (r, t), c in sorted(mix.items()))
    size = path.stat().st_size
    ref = _run(_VALIDATOR, str(path))
    floor = _run(_FLOOR, str(path))
    full = _run(_OURS, str(path), "--format", "json")
    full_1 = _run(_OURS, str(path), "--format", "json", "--jobs", "1")
    lean = _run(_OURS, str(path), "--format", "jsonl-lean")
    lean_1 = _run(_OURS, str(path), "--format", "jsonl-lean", "--jobs", "1")
    ref_rate, floor_rate = n / ref["seconds"], n / floor["seconds"]
    rows = []
    what = f"JSON Lines end to end, {n:,} mixed realistic records ({size / n:.0f} B each: {shown}), every applicable rule"
    for key, run, fmt, j in (("jsonl_mixed_full", full, "json (full)", jobs), ("jsonl_mixed_full_1job", full_1, "json (full)", 1),
                             ("jsonl_mixed_lean", lean, "jsonl-lean", jobs), ("jsonl_mixed_lean_1job", lean_1, "jsonl-lean", 1)):
        rate = n / run["seconds"]
        target, ok = (("≥ 3× reference throughput", rate / ref_rate >= 3) if key == "jsonl_mixed_full"
                      else ("≥ 5× reference throughput", rate / ref_rate >= 5) if key == "jsonl_mixed_lean"
                      else ("— (single core, context)", None))
        rows.append(row(key, f"{what}; --format {fmt}, --jobs {j}", rate, "records/s", validator, ref_rate,
                        rate / ref_rate, target, ok,
                        f"{run['seconds']:.1f} s vs {ref['seconds']:.1f} s wall; CPU {run['cpu']:.1f} s vs {ref['cpu']:.1f} s"))
    lean_rate = n / lean["seconds"]
    rows.append(row("jsonl_mixed_floor", f"{what}; --format jsonl-lean, --jobs {jobs}, against the floor",
                    lean_rate, "records/s", f"{floor['name']}.loads + {floor['name']}.dumps per line (the floor)",
                    floor_rate, lean_rate / floor_rate, "≥ 0.10× the floor", lean_rate / floor_rate >= 0.10,
                    f"{lean['seconds']:.1f} s vs {floor['seconds']:.1f} s wall"))
    small = tmp / "mixed-quarter.jsonl"
    write_mixed(small, max(1, n // 4))
    quarter = _run(_OURS, str(small), "--format", "json")
    rss, rss_q = _mb(full, jobs), _mb(quarter, jobs)
    rows.append(row("jsonl_mixed_memory", f"Peak memory of the full run, {n:,} mixed records, --jobs {jobs} "
                    "(parent and workers together, proportional set size)", rss, "MB",
                    f"the same for {max(1, n // 4):,} records (flat: memory does not grow with the file)", rss_q,
                    rss / rss_q, "< 150 MB, flat (≤ 1.2×)", rss < 150 and rss / rss_q <= 1.2,
                    f"validator run {ref['rss_kb'] / 1024:.0f} MB; parent RSS + {jobs} × largest worker RSS "
                    f"(upper bound) {_rss_sum(full, jobs):.0f} MB vs {_rss_sum(quarter, jobs):.0f} MB; --jobs 1: "
                    f"{_mb(full_1, 1):.0f} MB"))
    return rows


# --- 4. start-up ------------------------------------------------------------------------------


def startup(args: Any) -> list[Row]:
    bare = [sys.executable, "-c", "pass"]
    sdk = [sys.executable, "-c", "import primarvard_sdk as ps; s = ps.default_sdk(); s.regions(); "
           "assert not s.failures, s.failures"]
    times: dict[str, list[float]] = {"bare": [], "sdk": []}
    # As installed: with bytecode written (pip compiles it on install). Any value of
    # PYTHONDONTWRITEBYTECODE, "0" too, stops Python writing it, and then every start of an
    # editable checkout compiles the SDK and the plugins again; one warm-up run writes it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in (bare, sdk):
        subprocess.run(command, check=True, env=env)
    for _ in range(9):
        for name, command in (("bare", bare), ("sdk", sdk)):
            start = time.perf_counter()
            subprocess.run(command, check=True, env=env)
            times[name].append(time.perf_counter() - start)
    t_bare, t_sdk = statistics.median(times["bare"]), statistics.median(times["sdk"])
    added = (t_sdk - t_bare) * 1000
    return [row("startup", "Start-up: import the SDK and load every installed plugin (regions), added",
                added, "ms", "bare interpreter start (python -c pass)", t_bare * 1000, t_sdk / t_bare,
                "≤ 4× bare start", t_sdk / t_bare <= 4, f"medians of 9: {t_sdk * 1000:.0f} ms vs {t_bare * 1000:.0f} ms")]


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
            "—" if r["ratio"] is None else f"{r['ratio']:.3g}×",
            r["target"],
            {True: "PASS", False: "FAIL", None: "—"}[r["pass"]],
        ))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)] if lines else []
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out.extend("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines)
    return "\n".join(out)
