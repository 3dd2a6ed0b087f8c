"""Running plugin code with a time limit, and keeping whatever it raises contained.

Python cannot stop a thread, so each calling thread hands plugin code to a worker thread of its
own and waits at most the limit. A worker that does not answer in time is abandoned (a daemon
thread: it never keeps the process alive), asked to stop where Python can ask it, and the caller
gets :class:`TimedOut`; the next call gets a fresh worker. One hand-over costs a few microseconds,
and the host makes one per plugin operation (an import, a hook call, one document's rules).

Whatever the plugin code raises comes back to the caller as it was, ``SystemExit`` and
``KeyboardInterrupt`` included: on a worker they can only have come from the plugin.
"""

from __future__ import annotations

import contextvars
import ctypes
import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["Abandoned", "Runner", "TimedOut"]

T = TypeVar("T")


class TimedOut(Exception):
    """The plugin code did not return within the limit.

    From :meth:`Runner.run_each`: ``done`` holds the outcomes of the calls before the one that
    overran (``index``), ``label`` what that call said it was doing (see :meth:`Runner.run`).
    """

    def __init__(self, index: int = 0, done: Sequence[tuple[bool, Any]] = (), label: Any = None) -> None:
        super().__init__(index)
        self.index, self.done, self.label = index, list(done), label


class Abandoned(BaseException):
    """Raised inside an abandoned worker to end it (where Python checks for it)."""


class _Worker:
    def __init__(self) -> None:
        self._job = threading.Lock()
        self._job.acquire()
        self._done = threading.Lock()
        self._done.acquire()
        self._call: Callable[[], Any] | None = None
        self._outcome: tuple[bool, Any] = (True, None)
        self.started = 0.0  # when the current call of a batch began (monotonic)
        self.label: Any = None  # what the current call of a batch is doing
        self.outcomes: list[tuple[bool, Any]] = []
        self.thread = threading.Thread(target=self._serve, name="primarvard-plugin", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        _inside.active = True
        _inside.worker = self
        while True:
            self._job.acquire()
            call = self._call
            assert call is not None
            try:
                self._outcome = (True, call())
            except Abandoned:
                return
            except BaseException as exc:  # handed back to the caller as it was
                self._outcome = (False, exc)
            self._call = None
            self._done.release()

    def run(self, call: Callable[[], Any], timeout: float) -> tuple[bool, Any]:
        """``(True, result)`` or ``(False, exception)``; :class:`TimedOut` after ``timeout``."""
        self._call = call
        self._job.release()
        if not self._done.acquire(timeout=timeout):
            raise TimedOut
        outcome, self._outcome = self._outcome, (True, None)
        return outcome

    def run_each(self, calls: Sequence[Callable[[], Any]], timeout: float,
                 context: contextvars.Context) -> list[tuple[bool, Any]]:
        """Every call in one hand-over, each within ``timeout`` of its own start."""
        outcomes: list[tuple[bool, Any]] = []

        def batch() -> list[tuple[bool, Any]]:
            for call in calls:
                self.started, self.label = time.monotonic(), None
                try:
                    outcomes.append((True, call()))
                except Abandoned:
                    raise
                except BaseException as exc:  # handed back to the caller as it was
                    outcomes.append((False, exc))
            return outcomes

        self.outcomes = outcomes
        self.started = time.monotonic()
        self._call = lambda: context.run(batch)
        self._job.release()
        remaining = timeout
        while not self._done.acquire(timeout=remaining):
            remaining = self.started + timeout - time.monotonic()
            if remaining <= 0:
                index = len(outcomes)
                raise TimedOut(index, outcomes[:index], self.label)
        self._outcome = (True, None)
        return outcomes

    def abandon(self) -> None:
        ident = self.thread.ident
        if ident is not None:  # stops pure-Python loops; a blocking call runs on until it returns
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(Abandoned))


_inside = threading.local()
_workers = threading.local()  # one worker per calling thread, shared by every Runner


def _forget_workers() -> None:
    global _workers
    _workers = threading.local()  # a forked child has none of its parent's threads


os.register_at_fork(after_in_child=_forget_workers)


class Runner:
    """Runs callables on a per-thread worker with a time limit (``None``: inline, no limit)."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout

    def run(self, call: Callable[[], T], label: Any = None) -> T:
        """``call()``, or :class:`TimedOut` when it takes longer than the limit.

        Inside a batch (:meth:`run_each`) the call runs inline; ``label`` (the first one given for
        the batch's current call) says what overran if the batch's call times out.
        """
        if self.timeout is None:
            return call()
        if getattr(_inside, "active", False):
            inside: _Worker | None = getattr(_inside, "worker", None)
            if label is not None and inside is not None and inside.label is None:
                inside.label = label
            return call()
        context = contextvars.copy_context()
        worker = self._worker()
        try:
            ok, value = worker.run(lambda: context.run(call), self.timeout)
        except BaseException:  # timed out, or the caller was interrupted (Ctrl-C) while waiting
            _workers.worker = None
            worker.abandon()
            raise
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    def _worker(self) -> _Worker:
        worker: _Worker | None = getattr(_workers, "worker", None)
        if worker is None:
            worker = _workers.worker = _Worker()
        return worker

    def run_each(self, calls: Sequence[Callable[[], Any]]) -> list[tuple[bool, Any]]:
        """``(True, result)`` or ``(False, exception)`` for each call, in order, with one
        hand-over to the worker for all of them (a few microseconds per batch, not per call).

        Each call still has the whole limit from its own start; when one overruns, the worker is
        abandoned and :class:`TimedOut` carries the outcomes so far, the index and the label.
        """
        if self.timeout is None or getattr(_inside, "active", False):
            outcomes: list[tuple[bool, Any]] = []
            for call in calls:
                try:
                    outcomes.append((True, call()))
                except BaseException as exc:
                    if isinstance(exc, KeyboardInterrupt | SystemExit) and not getattr(_inside, "active", False):
                        raise
                    outcomes.append((False, exc))
            return outcomes
        context = contextvars.copy_context()
        worker = self._worker()
        try:
            return worker.run_each(calls, self.timeout, context)
        except BaseException:
            _workers.worker = None
            worker.abandon()
            raise
