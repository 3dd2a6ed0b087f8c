"""Shared test configuration: hypothesis profiles and the fixture plugins' import path.

Profiles (select with ``HYPOTHESIS_PROFILE``): ``ci`` (default; keeps the suite fast) and
``nightly`` (many more examples). See tests/README.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import settings

from primarvard_sdk.testing import register_profiles

# The fixture plugins (tests/fixtures/primarvard_*) are test packages, never installed.
sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
