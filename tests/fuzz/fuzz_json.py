"""Coverage-guided fuzz target over the JSON entry points: ``evaluate_json`` and the CLI reader
(a file read as one JSON document or as JSON Lines, every record evaluated).

Contract: any bytes in → results or a :class:`~primarvard_sdk.errors.PrimarvardError`, printable
as UTF-8 with no personal data, within :data:`PER_INPUT` seconds (plus a microsecond a byte), so
the fuzzer finds complexity bugs as well as crashes. Anything else is a crash.

With atheris (``pip install "atheris>=3"``; libFuzzer, coverage of the SDK and plugins only)::

    python tests/fuzz/fuzz_json.py -max_total_time=300           # -timeout and -max_len preset
    python tests/fuzz/fuzz_json.py -runs=200000

Without it (or with ``--hypothesis``), hypothesis drives the same target with seed mutations,
random bytes and grown inputs (a list item repeated thousands of times)::

    python tests/fuzz/fuzz_json.py --hypothesis --seconds 120    # CI-sized (nox -s fuzz)
    python tests/fuzz/fuzz_json.py --hypothesis --seconds 3600   # nightly-sized

Both print ``fuzz: N inputs, C crashes, S too slow`` and exit 1 on any. The seed corpus
(tests/fuzz/seeds/, refresh with ``--seeds``) holds valid requests of every document type.
"""

from __future__ import annotations

import io
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
#: Seconds one input may take (plus a microsecond a byte) before it counts as a hang.
PER_INPUT = 2.0
#: Largest input tried: big enough for a few thousand list items, where complexity bugs show.
MAX_LEN = 256 * 1024
MARKERS = ("19121212", "121212-1212", "Tolvan", "Storgatan")


class TooSlow(Exception):
    """An input took longer than its time limit."""


def _setup() -> None:
    import primarvard_sdk

    primarvard_sdk.default_sdk().rules()  # load every plugin before fuzzing


def test_one_input(data: bytes) -> None:
    """The fuzz target: raise only on a crash, a leak or a hang."""
    from primarvard_sdk import PrimarvardError, dumps, evaluate_json
    from primarvard_sdk.streaming import records

    started = time.perf_counter()
    texts = []
    try:
        texts.append(dumps(evaluate_json(data)))
    except PrimarvardError as exc:
        texts.append(str(exc))
    for _, record in records("fuzz", io.BytesIO(data)):  # the CLI's reader, then every record
        try:
            texts.append(dumps(evaluate_json(record if isinstance(record, dict) else json.dumps(record))))
        except PrimarvardError as exc:
            texts.append(str(exc))
        except (TypeError, ValueError):  # a record that is not JSON text (an InvalidDocument)
            texts.append(str(record))
    for text in texts:
        text.encode("utf-8")  # printable
        if any(m in text for m in MARKERS) and not any(m.encode() in data for m in MARKERS):
            raise AssertionError("personal data that was not in the input")  # pragma: no cover
    elapsed = time.perf_counter() - started
    if elapsed > PER_INPUT + len(data) * 1e-6:
        raise TooSlow(f"{elapsed:.1f} s for {len(data)} bytes")


def write_seeds() -> None:
    """Valid requests of every type as the seed corpus."""
    from hypothesis import HealthCheck, Phase, find, settings

    from primarvard_sdk import default_sdk, domain, dumps
    from primarvard_sdk import testing as kit

    seeds = HERE / "seeds"
    seeds.mkdir(exist_ok=True)
    sdk = default_sdk()
    n = 0
    for region in sdk.regions():
        for programme in region.programmes:
            for type_name in domain.DOCUMENT_TYPES:
                doc = find(kit.documents(type_name), lambda d: bool(json.loads(dumps(d))),
                           settings=settings(database=None, phases=[Phase.generate], max_examples=3,
                                             suppress_health_check=list(HealthCheck)))
                request = {"type": type_name, "region": region.code, "programme": programme.code,
                           "as_of": "2025-06-30", "document": json.loads(dumps(doc))}
                (seeds / f"{region.code}_{programme.code}_{type_name}.json").write_text(
                    json.dumps(request, ensure_ascii=False, indent=1), encoding="utf-8")
                n += 1
    print(f"wrote {n} seeds to {seeds}")


def _grow(seed: bytes, rnd: random.Random) -> bytes:
    """The seed with one list's first item repeated up to thousands of times (or a list added)."""
    start = seed.find(b"[", rnd.randrange(max(len(seed), 1)))
    if start < 0:
        return seed + b"[" + b"1," * rnd.randint(1, 20_000) + b"1]"
    end = seed.find(b"]", start)
    items = seed[start + 1 : end].split(b",")[0] or b"{}"
    return seed[: start + 1] + b",".join([items] * rnd.randint(1, 20_000)) + seed[end:]


def run_hypothesis(seconds: float) -> int:
    """Drive the target with hypothesis (no atheris); returns the number of failures."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in sorted((HERE / "seeds").glob("*.json"))] or [b"{}"]

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        seed = bytearray(draw(st.sampled_from(seeds)))
        for _ in range(draw(st.integers(0, 8))):
            if not seed:
                break
            i = draw(st.integers(0, len(seed) - 1))
            op = draw(st.sampled_from(("flip", "cut", "insert")))
            if op == "flip":
                seed[i] = draw(st.integers(0, 255))
            elif op == "cut":
                del seed[i : i + draw(st.integers(1, 16))]
            else:
                seed[i:i] = draw(st.sampled_from((b"[", b"{", b'"', b"1e999", b"null", b"-", b"\\ud800", b"\xff",
                                                  b'"19121212-1212"', b"\n", b"\xef\xbb\xbf")))
        return bytes(seed)

    failures: list[str] = []

    @settings(database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.one_of(mutated(), st.binary(max_size=2000)))
    def target(data: bytes) -> None:
        try:
            test_one_input(data)
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}"[:300])
            (HERE / f"crash-{len(failures)}.bin").write_bytes(data)

    fuzz = target.hypothesis.fuzz_one_input
    rnd = random.Random(0)
    count, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        choice = count % 10
        if choice == 0:  # a grown seed: long lists, where complexity bugs live
            fuzz(_grow(rnd.choice(seeds), rnd)[:MAX_LEN])
        else:
            fuzz(rnd.randbytes(rnd.randint(16, 4096)))
        count += 1
    print(f"fuzz: {count} inputs, {sum(1 for f in failures if not f.startswith('TooSlow'))} crashes, "
          f"{sum(1 for f in failures if f.startswith('TooSlow'))} too slow")
    for failure in failures[:20]:
        print(f"  {failure}")
    return len(failures)


def main(argv: list[str]) -> None:
    sys.setrecursionlimit(10_000)
    if "--seeds" in argv:
        write_seeds()
        return
    args = [a for a in argv if a != "--"]
    seconds = None
    if "--seconds" in args:
        at = args.index("--seconds")
        seconds = float(args[at + 1])
        del args[at : at + 2]
    try:
        if "--hypothesis" in args:
            raise ImportError
        import atheris
    except ImportError:
        _setup()
        sys.exit(1 if run_hypothesis(seconds or 60.0) else 0)
    with atheris.instrument_imports(include=["primarvard_sdk", "primarvard_kalmar", "primarvard_varmland",
                                             "primarvard_vasterbotten"]):
        _setup()
    args += [f"-timeout={int(PER_INPUT) + 1}", f"-max_len={MAX_LEN}", "-rss_limit_mb=4096"]
    if seconds is not None:
        args.append(f"-max_total_time={int(seconds)}")
    if not any(not a.startswith("-") for a in args[1:]):
        corpus = HERE / "corpus"  # libFuzzer adds new inputs to the first directory (not committed)
        corpus.mkdir(exist_ok=True)
        args += [str(corpus), str(HERE / "seeds")]
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
