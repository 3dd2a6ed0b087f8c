"""Benchmarks of primarvard-sdk: every figure measured beside its reference, in the same run.

Run ``nox -s bench`` or ``python -m benchmarks [--records N] [--quick]``; see docs/benchmarks.md.
Benchmarks are never timed assertions in the test suite.
"""
