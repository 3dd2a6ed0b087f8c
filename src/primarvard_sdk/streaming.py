"""Reading evaluation inputs of any size: JSON Lines streamed line by line, in chunks.

:func:`records` tells a JSON Lines input from a single JSON document or array by its first
content line, once: a first line that is ``[``, or that does not parse and does not look like a
one-line record (``{`` alone, the start of a pretty-printed document), makes the input one JSON
document; otherwise it is JSON Lines, read one line at a time (memory stays flat however large
the file). A broken document is one error, never re-read line by line. One document, or one JSON
Lines record, is at most :data:`MAX_DOCUMENT` bytes (a larger one is an error, and is not read
into memory). :class:`Progress` draws a progress bar on a terminal and nothing otherwise.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import islice
from typing import IO, Any, TextIO

from primarvard_sdk.convert import encode, line_safe, loads, unstructure
from primarvard_sdk.errors import FieldError, InvalidDocument
from primarvard_sdk.model import Result
from primarvard_sdk.values import FrozenValues

__all__ = ["CHUNK", "MAX_DOCUMENT", "LiveStream", "Progress", "chunks", "decoded", "records", "result_json",
           "results_json"]

#: Records evaluated and written per chunk.
CHUNK = 2048
#: Bytes of one JSON document (a request or an array of them) or one JSON Lines record. Parsed,
#: a document takes about ten times its size in memory, so this bounds the memory of a run.
MAX_DOCUMENT = 16 * 2**20
_TOO_LARGE = f"larger than {MAX_DOCUMENT // 2**20} MiB: split it (JSON Lines, one request per line)"


class Progress:
    """A one-line progress bar on ``stream`` (stderr) when it is a terminal; silent otherwise.

    Counts records and, for a regular file, bytes against the file size. Redraws at most ten
    times a second, so it costs nothing measurable per record.
    """

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.name = ""
        self.total = 0
        self.done = 0
        self.records = 0
        self._started = time.monotonic()
        self._drawn = 0.0

    def start(self, name: str, stream: IO[bytes]) -> None:
        self.name, self.done, self.total = name, 0, 0
        try:
            info = os.fstat(stream.fileno())
            if os.path.isfile(name) or info.st_size:
                self.total = info.st_size
        except (OSError, ValueError, AttributeError):
            pass

    def advance(self, records: int, nbytes: int) -> None:
        self.records += records
        self.done += nbytes
        if self.enabled:
            now = time.monotonic()
            if now - self._drawn >= 0.1:
                self._drawn = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.records / max(now - self._started, 1e-9)
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * 30)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {share * 100:5.1f}%"
        else:
            bar = ""
        self.stream.write(f"\r{self.name} {bar} {self.records:,} records, {rate:,.0f}/s ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


class LiveStream:
    """A pipe read as its writer writes: :meth:`readline` returns a line as soon as it is
    complete, and :meth:`waiting` says, without blocking, that no complete line is at hand (so a
    co-process gets each answer before it writes the next request)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._buffer = bytearray()
        self._eof = False

    def fileno(self) -> int:
        return self.fd

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = os.read(self.fd, 1 << 16)
        self._buffer += chunk
        self._eof = not chunk
        return bool(chunk)

    def readline(self, limit: int = -1) -> bytes:
        start = 0
        while True:
            at = self._buffer.find(b"\n", start)
            if at >= 0 or (0 <= limit <= len(self._buffer)) or not self._fill():
                break
            start = max(len(self._buffer) - (1 << 16), 0)
        end = at + 1 if at >= 0 else len(self._buffer)
        if limit >= 0:
            end = min(end, limit)
        line = bytes(self._buffer[:end])
        del self._buffer[:end]
        return line

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._buffer) < size) and self._fill():
            pass
        end = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        data = bytes(self._buffer[:end])
        del self._buffer[:end]
        return data

    def waiting(self) -> bool:
        """No complete line buffered and nothing to read right now (the writer is still there)."""
        if b"\n" in self._buffer or self._eof:
            return False
        import select

        try:
            return not select.select([self.fd], [], [], 0)[0]
        except (OSError, ValueError):  # not selectable (e.g. Windows): read as it comes
            return True

    def close(self) -> None:
        pass


def _looks_like_record(line: bytes) -> bool:
    stripped = line.strip()
    return stripped.startswith(b"{") and stripped.endswith(b"}")


def records(name: str, stream: IO[bytes], progress: Progress | None = None, *,
            raw: bool = False) -> Iterator[tuple[str, Any]]:
    """Yield ``(where, parsed JSON or InvalidDocument)`` for every record of a JSON or JSON Lines input.

    ``where`` is ``name`` for a single document, ``name[i]`` for an array element and
    ``name:line`` for a JSON Lines record. JSON Lines are read one line at a time. With ``raw``,
    JSON Lines records after the first come as the line's ``bytes``, unparsed (see
    :func:`decoded`): a worker process parses them.
    """
    number = 0
    line = b""
    for line in _bounded_lines(stream):
        number += 1
        if number == 1 and line.startswith(codecs.BOM_UTF8):  # as Windows tools write
            line = line[len(codecs.BOM_UTF8):]
        if line is _LONG or line.strip():
            break
    else:
        line = b""
    if progress is not None:
        progress.start(name, stream)
        progress.advance(0, len(line))
    if line is _LONG or not line.strip() or line.lstrip().startswith(b"["):
        yield from _whole(name, line, stream)
        return
    try:
        first: Any = loads(line)
    except InvalidDocument as exc:
        if not _looks_like_record(line):  # the start of a document spread over several lines
            yield from _whole(name, line, stream)
            return
        first = exc
    rest = _lines(name, stream, number, progress, raw)
    if isinstance(stream, LiveStream) and stream.waiting():  # a pipe that is still being written
        yield f"{name}:{number}", first  # answer now: a one-line request is labelled like a line
        yield from rest
        return
    second = next(rest, None)
    if second is None:
        yield name, first
        return
    yield f"{name}:{number}", first
    yield second
    yield from rest


_LONG = b"<a line longer than MAX_DOCUMENT>"  # a sentinel, compared by identity


def _bounded_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of ``stream``; a line longer than :data:`MAX_DOCUMENT` is skipped unread and
    given as :data:`_LONG`."""
    while line := stream.readline(MAX_DOCUMENT + 1):
        if len(line) > MAX_DOCUMENT and not line.endswith(b"\n"):
            while (rest := stream.readline(2**20)) and not rest.endswith(b"\n"):
                pass
            yield _LONG
        else:
            yield line


def decoded(record: Any) -> Any:
    """A record from :func:`records` parsed: the parsed JSON or an :class:`InvalidDocument`."""
    if type(record) is not bytes:
        return record
    try:
        return loads(record)
    except InvalidDocument as exc:
        return exc


def _lines(name: str, stream: IO[bytes], number: int, progress: Progress | None,
           raw: bool = False) -> Iterator[tuple[str, Any]]:
    for line in _bounded_lines(stream):
        number += 1
        if progress is not None:
            progress.advance(1, len(line))
        if line is _LONG:
            yield f"{name}:{number}", InvalidDocument([FieldError("$", f"record {_TOO_LARGE}")])
            continue
        if not line.strip():
            continue
        if raw:
            yield f"{name}:{number}", line
            continue
        try:
            yield f"{name}:{number}", loads(line)
        except InvalidDocument as exc:
            yield f"{name}:{number}", exc


def _whole(name: str, first: bytes, stream: IO[bytes]) -> Iterator[tuple[str, Any]]:
    data = b"" if first is _LONG else first + stream.read(MAX_DOCUMENT + 1 - len(first))
    if first is _LONG or len(data) > MAX_DOCUMENT:
        yield name, InvalidDocument([FieldError("$", f"document {_TOO_LARGE}")])
        return
    try:
        parsed = loads(data)
    except InvalidDocument as exc:  # one document: broken is broken, never read line by line
        yield name, exc
        return
    if isinstance(parsed, list):
        for index, item in enumerate(parsed):
            yield f"{name}[{index}]", item
    else:
        yield name, parsed


def chunks(items: Iterator[tuple[str, Any]], size: int = CHUNK) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive lists of at most ``size`` items."""
    while chunk := list(islice(items, size)):
        yield chunk


# --- serialising results fast -------------------------------------------------------------------
#
# ``results_json`` gives exactly ``convert.dumps({"source": where, "results": list(results)})``
# (tests check byte equality), but writes what every result of a rule shares (citation, title,
# notes, ...) from a per-rule cache and serialises only the per-document parts.

_encode = encode
_string: Callable[[str], str] = (
    getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
)
_static: dict[tuple[str, int], tuple[Any, str, str, str, str, str]] = {}
_parameters: dict[Any, str] = {}


def _plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return unstructure(value)


def _rule_parts(result: Result) -> tuple[Any, str, str, str, str, str]:
    key = (result.rule_id, id(result.citation))
    cached = _static.get(key)
    if cached is None or cached[0] is not result.citation or len(_static) > 4096:
        if len(_static) > 4096:
            _static.clear()
        head = ',"citation":' + _encode(unstructure(result.citation))
        tail = (
            ',"programme":' + _encode(result.programme)
            + ',"reference":'
        )
        middle_kind = _encode(result.kind.value)
        notes = _encode(result.notes)
        after_ref = (
            ',"region":' + _encode(result.region)
            + ',"rule_id":' + _encode(result.rule_id)
            + ',"subject":' + _encode(result.subject)
            + ',"title":' + _encode(result.title)
            + ',"values":'
        )
        cached = (result.citation, head, middle_kind, notes, tail, after_ref)
        _static[key] = cached
    return cached


_SCALARS = (str, int, float, bool, type(None), date)


def _parameters_json(parameters: tuple[Any, ...]) -> str:
    # Keyed by value *and type*: True == 1 == 1.0 with equal hashes, but they print differently.
    if not all(type(p.value) in _SCALARS for p in parameters):
        return _encode(unstructure(parameters))
    key = tuple((p.name, type(p.value), p.value, p.valid_from, p.valid_to) for p in parameters)
    found = _parameters.get(key)
    if found is None:
        if len(_parameters) > 4096:
            _parameters.clear()
        found = _parameters[key] = _encode(unstructure(parameters))
    return found


def _values_json(values: Any) -> str:
    if isinstance(values, FrozenValues) and values.json is not None:
        return values.json  # written once, where the plugin returned it
    return _encode(_plain(values))


def result_json(result: Result) -> str:
    """One result as ``convert.dumps(result)`` writes it."""
    return line_safe(_result_json(result))


def _result_json(result: Result) -> str:
    _, head, kind, notes, tail, after_ref = _rule_parts(result)
    explanation = result.explanation
    return "".join((
        '{"as_of":"', result.as_of.isoformat(), '"',
        head, ',"edition":', "null" if result.edition is None else _string(result.edition),
        ',"explanation":{"en":', _string(explanation.en), ',"sv":', _string(explanation.sv), "}",
        ',"governing_day":', "null" if result.governing_day is None else '"' + result.governing_day.isoformat() + '"',
        ',"kind":', kind,
        ',"missing":', "[" + ",".join(map(_string, result.missing)) + "]",
        ',"notes":', notes,
        ',"outcome":', _string(result.outcome.value),
        ',"parameters":', _parameters_json(result.parameters),
        tail, "null" if result.reference is None else _string(result.reference), after_ref,
        _values_json(result.values), "}",
    ))


def results_json(where: str, results: Sequence[Result]) -> str:
    """``convert.dumps({"source": where, "results": list(results)})``, faster."""
    return line_safe('{"results":[' + ",".join(map(_result_json, results)) + '],"source":' + _string(where) + "}")
