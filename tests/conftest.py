"""Shared test configuration: hypothesis profiles and the fixture plugins' import path.

Profiles (select with ``HYPOTHESIS_PROFILE``): ``ci`` (default; keeps the suite fast) and
``nightly`` (many more examples). See tests/README.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from primarvard_sdk.testing import register_profiles

# The fixture plugins (tests/fixtures/primarvard_*) are test packages, never installed.
sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's language follows the locale; the suite reads its English output unless a test
    sets a locale itself (tests/test_cli_language.py)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
