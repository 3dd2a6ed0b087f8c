"""``python -m primarvard_sdk`` is the ``primarvard`` command."""

from primarvard_sdk.cli import console_main

console_main()
