"""The plugin fault matrix of the conformance kit over the installed plugins: every hostile
plugin is reported by name, within the time limit, without personal data, and the real regions
answer exactly as without it."""

from primarvard_sdk.testing import FaultMatrixTests


class TestFaultMatrix(FaultMatrixTests):
    pass
