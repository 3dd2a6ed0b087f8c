"""The conformance suite over every installed region plugin (entry points): one line."""

from primarvard_sdk.testing import ConformanceTests


class TestInstalledPlugins(ConformanceTests):
    """Every installed region, programme and rule (``sdk = None``: the entry points)."""
