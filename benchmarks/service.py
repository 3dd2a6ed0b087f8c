"""``python -m benchmarks.service``: the HTTP service on loopback against the same work in-process.

Starts ``primarvard serve`` (2 workers by default) on a free 127.0.0.1 port, drives it with a
bounded number of concurrent clients for a bounded time per scenario, and reports requests/s,
p50/p99 latency, errors and the server's RSS at start and end, beside the same work through the
Python API in this process and beside spawning the CLI once per request. Only loopback is used;
every loop is bounded in count and time, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERRAL = ROOT / "examples/kalmar/psykisk_halsa_remisser.jsonl"
UNIT = ROOT / "examples/kalmar/halsoval_enhet_godkand.json"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_kib(pid: int) -> int:
    """RSS of a process and its children (the uvicorn workers), in KiB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _drive(url: str, body: bytes, content_type: str, *, clients: int, seconds: float,
                 max_requests: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=clients)) as client:
        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < stop and len(latencies) + errors < max_requests:
                started = time.perf_counter()
                response = await client.post(url, content=body, headers={"content-type": content_type})
                elapsed = time.perf_counter() - started
                if response.status_code == 200:
                    latencies.append(elapsed)
                else:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - began
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / wall,
            "p50_ms": _percentile(latencies, 0.5) * 1000, "p99_ms": _percentile(latencies, 0.99) * 1000}


def _in_process(line: bytes, seconds: float) -> dict[str, Any]:
    from primarvard_sdk import default_sdk
    from primarvard_sdk.convert import dumps, loads
    from primarvard_sdk.documents import parse_request

    sdk = default_sdk()
    latencies = []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop and len(latencies) < 200_000:
        started = time.perf_counter()
        results = sdk.evaluate_request(parse_request(loads(line)))
        "[" + ",".join(dumps(r) for r in results) + "]"
        latencies.append(time.perf_counter() - started)
    return {"requests": len(latencies), "p50_ms": _percentile(latencies, 0.5) * 1000,
            "p99_ms": _percentile(latencies, 0.99) * 1000, "rps": len(latencies) / seconds}


def _spawn_cli(line: bytes, times: int) -> dict[str, Any]:
    path = Path("bench-results/service-one.json")
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(line)
    latencies = []
    for _ in range(times):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "primarvard_sdk", "evaluate", str(path), "--format", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        latencies.append(time.perf_counter() - started)
    return {"requests": times, "p50_ms": _percentile(latencies, 0.5) * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.service", description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per scenario (default 10)")
    parser.add_argument("--bulk-records", type=int, default=1000)
    parser.add_argument("--out", default="bench-results")
    args = parser.parse_args(argv)

    referral = REFERRAL.read_bytes().splitlines()[0]
    unit = json.dumps(json.loads(UNIT.read_text())).encode()
    bulk = b"\n".join([referral] * args.bulk_records) + b"\n"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "primarvard_sdk", "serve", "--port", str(port), "--workers", str(args.workers),
         "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    rows: list[dict[str, Any]] = []
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code in (200, 503):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        # warm every worker
        asyncio.run(_drive(f"{base}/v1/evaluate", referral, "application/json", clients=args.clients,
                           seconds=1.0, max_requests=200))
        rss_start = _rss_kib(server.pid)
        scenarios = [
            ("referral, 1 client", f"{base}/v1/evaluate", referral, "application/json", referral, 1),
            (f"referral, {args.clients} clients", f"{base}/v1/evaluate", referral, "application/json", referral, args.clients),
            (f"care unit, {args.clients} clients", f"{base}/v1/evaluate", unit, "application/json", unit, args.clients),
        ]
        rss = [rss_start]
        for name, url, body, media, same, clients in scenarios:
            http = asyncio.run(_drive(url, body, media, clients=clients, seconds=args.seconds, max_requests=10**6))
            local = _in_process(same, min(args.seconds, 5.0))
            rows.append({"scenario": name, "http": http, "in_process": local,
                         "overhead_p50": http["p50_ms"] / local["p50_ms"]})
            rss.append(_rss_kib(server.pid))
        http = asyncio.run(_drive(f"{base}/v1/evaluate/bulk", bulk, "application/x-ndjson",
                                  clients=min(args.clients, 2), seconds=args.seconds, max_requests=10**4))
        http["records_per_s"] = http["rps"] * args.bulk_records
        local = _in_process(referral, min(args.seconds, 5.0))
        rows.append({"scenario": f"bulk, {args.bulk_records} referrals per request", "http": http, "in_process": local,
                     "overhead_records": local["rps"] / http["records_per_s"]})
        rss.append(_rss_kib(server.pid))
        # the same referral load again: RSS should now stay where it is
        asyncio.run(_drive(f"{base}/v1/evaluate", referral, "application/json", clients=args.clients,
                           seconds=args.seconds, max_requests=10**6))
        rss.append(_rss_kib(server.pid))
        cli = _spawn_cli(referral, 5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    print(f"{'scenario':<40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'in-proc p50':>11} {'ratio':>6}")
    for row in rows:
        h, p = row["http"], row["in_process"]
        ratio = row.get("overhead_p50", row.get("overhead_records"))
        print(f"{row['scenario']:<40} {h['rps']:>9.1f} {h['p50_ms']:>8.2f} {h['p99_ms']:>8.2f} {h['errors']:>6} "
              f"{p['p50_ms']:>11.3f} {ratio:>6.1f}")
    print(f"bulk: {rows[-1]['http']['records_per_s']:.0f} records/s over HTTP, {rows[-1]['in_process']['rps']:.0f}/s in process")
    print(f"spawning the CLI per referral: p50 {cli['p50_ms']:.0f} ms")
    print("server RSS (workers + supervisor), MiB after warm-up and each scenario: "
          + " → ".join(f"{k / 1024:.0f}" for k in rss))
    report = {"workers": args.workers, "clients": args.clients, "seconds": args.seconds, "rows": rows,
              "cli_spawn": cli, "rss_kib": rss}
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    (out / "service-latest.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    errors = sum(r["http"]["errors"] for r in rows)
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
