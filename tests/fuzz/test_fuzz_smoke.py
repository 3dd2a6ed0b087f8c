"""The fuzz target in the test suite: every seed, grown seeds (long lists, where complexity bugs
live) and a few seconds of hypothesis fuzzing, each input within its time limit. The CI-sized and
nightly-sized runs are ``nox -s fuzz`` (see fuzz_json.py)."""

from __future__ import annotations

import random
from pathlib import Path

import fuzz_json
import pytest

SEEDS = sorted((Path(__file__).parent / "seeds").glob("*.json"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_and_its_grown_forms(seed: Path) -> None:
    data = seed.read_bytes()
    fuzz_json.test_one_input(data)
    rnd = random.Random(seed.name)
    for _ in range(2):
        fuzz_json.test_one_input(fuzz_json._grow(data, rnd)[: fuzz_json.MAX_LEN])


def test_a_short_fuzz_run_finds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert fuzz_json.run_hypothesis(3.0) == 0
    assert "0 crashes, 0 too slow" in capsys.readouterr().out
