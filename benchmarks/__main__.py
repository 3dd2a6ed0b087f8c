"""``python -m benchmarks``: print the table and write bench-results/<timestamp>.json + latest.json."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import figures


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000,
                        help="JSON Lines records end to end (default 1,000,000; a routine run may use fewer)")
    parser.add_argument("--referrals", type=int, default=1_000_000, help="columnar referrals (default 1,000,000)")
    parser.add_argument("--persons", type=int, default=300_000, help="persons of the county (default 300,000)")
    parser.add_argument("--only", nargs="*", help="run only these figures (by key)")
    parser.add_argument("--out", default="bench-results", help="directory for the JSON results")
    args = parser.parse_args(argv)

    started = time.time()
    rows: list[dict[str, Any]] = []
    for key, run in figures.FIGURES.items():
        if args.only and key not in args.only:
            continue
        print(f"… {key}", file=sys.stderr, flush=True)
        rows.extend(run(args))
    print(figures.table(rows))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {"timestamp": stamp, "machine": machine(), "seconds": round(time.time() - started, 1),
              "options": {k: v for k, v in vars(args).items() if k != "out"}, "figures": rows}
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    (out / f"{stamp}.json").write_text(text, encoding="utf-8")
    (out / "latest.json").write_text(text, encoding="utf-8")
    print(f"written: {out / (stamp + '.json')} and {out / 'latest.json'}")
    return 0 if all(r["pass"] is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
