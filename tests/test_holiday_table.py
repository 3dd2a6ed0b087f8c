"""The holiday table shipped with the SDK (``primarvard_sdk/_holiday_table.py``) is exactly what
the ``holidays`` package gives for the calendar convention, and loading the calendar no longer
imports ``holidays`` (issue 16: a quarter of a second on the first deadline)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from primarvard_sdk import calendar


def test_the_shipped_table_is_what_the_holidays_package_gives() -> None:
    assert calendar._shipped_holidays() == calendar._holidays_from_package()


def test_the_shipped_table_is_written_as_write_holiday_table_writes_it(tmp_path: Path) -> None:
    written = tmp_path / "table.py"
    calendar.write_holiday_table(str(written))
    shipped = Path(calendar.__file__).with_name("_holiday_table.py")
    assert written.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


def test_the_calendar_loads_without_importing_holidays() -> None:
    code = (
        "import sys, primarvard_sdk.calendar as c\n"
        "from datetime import date\n"
        "assert c.nth_vardag_after(date(2025, 12, 23), 1) == date(2025, 12, 29)\n"
        "assert 'holidays' not in sys.modules, 'holidays imported'\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
