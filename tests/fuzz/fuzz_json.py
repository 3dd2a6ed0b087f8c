"""Coverage-guided fuzz target over the JSON entry point (``evaluate_json``) and the CLI reader.

Contract: any bytes in → results, or a :class:`~primarvard_sdk.errors.PrimarvardError`. Any other
exception is a crash. Runs standalone, with atheris when it is installed (libFuzzer, coverage
guided) and otherwise with hypothesis' ``fuzz_one_input`` driven by a loop::

    python tests/fuzz/fuzz_json.py -runs=200000            # atheris: libFuzzer options
    python tests/fuzz/fuzz_json.py -max_total_time=300      # corpus: tests/fuzz/corpus + seeds
    python tests/fuzz/fuzz_json.py --hypothesis --seconds 120

The seed corpus (tests/fuzz/seeds/) holds valid requests of every document type, so mutations
start from deep inside the schema.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def _setup() -> None:
    import primarvard_sdk

    primarvard_sdk.default_sdk().rules()  # load every plugin before fuzzing


def test_one_input(data: bytes) -> None:
    """The fuzz target: raise only on a crash."""
    from primarvard_sdk import PrimarvardError, dumps, evaluate_json

    try:
        results = evaluate_json(data)
    except PrimarvardError as exc:
        str(exc).encode("utf-8")  # the message must be printable
        return
    dumps(results).encode("utf-8")  # and so must every result


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


def run_hypothesis(seconds: float) -> None:
    """Drive the target with hypothesis (no atheris): random and seed-mutated bytes."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in sorted((HERE / "seeds").glob("*.json"))] or [b"{}"]

    @st.composite
    def inputs(draw: st.DrawFn) -> bytes:
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
                seed[i:i] = draw(st.sampled_from((b"[", b"{", b'"', b"1e999", b"null", b"-", b"\\ud800", b"\xff")))
        return bytes(seed)

    @settings(database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.one_of(inputs(), st.binary(max_size=2000)))
    def target(data: bytes) -> None:
        test_one_input(data)

    count, deadline = 0, time.monotonic() + seconds
    fuzz = target.hypothesis.fuzz_one_input
    import random

    rnd = random.Random(0)
    while time.monotonic() < deadline:
        fuzz(rnd.randbytes(rnd.randint(16, 4096)))
        count += 1
    print(f"hypothesis: {count} inputs, no crash")


def main(argv: list[str]) -> None:
    sys.setrecursionlimit(10_000)
    if "--seeds" in argv:
        write_seeds()
        return
    _setup()
    if "--hypothesis" in argv:
        seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 60.0
        run_hypothesis(seconds)
        return
    try:
        import atheris
    except ImportError:
        run_hypothesis(60.0)
        return
    atheris.instrument_all()  # coverage of everything loaded: the SDK, the plugins, json, cattrs
    args = [a for a in argv if a != "--"]
    if not any(not a.startswith("-") for a in args[1:]):
        corpus = HERE / "corpus"  # libFuzzer adds new inputs to the first directory (not committed)
        corpus.mkdir(exist_ok=True)
        args += [str(corpus), str(HERE / "seeds")]
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
