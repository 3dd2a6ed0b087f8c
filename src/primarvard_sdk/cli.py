"""The ``primarvard`` command line: regions, rules, schemas, evaluation and annexes.

Exit codes are bit flags, so a run that had several kinds of trouble says so (one line on stderr
for each problem, never a traceback):

- 0: nothing failed;
- 1: a rule failed or a deadline was missed;
- 2: bad input: an invalid record, an unknown name or file, a bad option;
- 4: a plugin fault: a plugin failed to load, raised, hung or returned something malformed;
- 3, 5, 6, 7: the sums, e.g. 3 = failures and bad records in one batch (``code & 2`` tests for
  bad input);
- 130: interrupted (Ctrl-C).

Everything it prints for a person is in English or Swedish: ``--lang sv`` (before the command or
after it), by default the locale's language (``LC_ALL``, ``LC_MESSAGES``, ``LANG``); see
:mod:`primarvard_sdk.i18n`. Machine-readable output is the same in both.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import gc
import io
import itertools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from gettext import NullTranslations
from typing import IO, Any, TextIO

from primarvard_sdk.convert import dumps, structure_day, unstructure
from primarvard_sdk.documents import EvaluationRequest, parse_document, parse_request
from primarvard_sdk.errors import InvalidDocument, PluginError, PrimarvardError
from primarvard_sdk.host import Sdk, _shown
from primarvard_sdk.i18n import (
    LANGUAGES,
    argparse_language,
    default_language,
    language_in,
    number,
    translations,
)
from primarvard_sdk.model import Result, Rule
from primarvard_sdk.privacy import redact
from primarvard_sdk.report import FORMATS, ONLY, TextWriter, writer_for
from primarvard_sdk.streaming import CHUNK, LiveStream, Progress, decoded, records

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_PLUGIN_FAULT, EXIT_INTERRUPTED = 0, 1, 2, 4, 130

# Terminal control characters, line and paragraph separators and bidirectional overrides in text
# that comes from input or plugins are shown escaped, so nothing can move the cursor, retitle the
# terminal or fake a line of the table.
_CONTROL = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def _clean(text: str) -> str:
    """``text`` safe to print on a terminal: control characters escaped, personnummer withheld."""
    return redact(str(text)).translate(_CONTROL)


def _say(message: str) -> None:
    print(f"primarvard: {_clean(message)}", file=sys.stderr)


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser, its descriptions and help in ``lang`` (argparse's own words, such as
    ``usage:``, come from :func:`primarvard_sdk.i18n.argparse_language`)."""
    t = translations(lang)
    _ = t.gettext
    parser = argparse.ArgumentParser(
        prog="primarvard",
        description=_("Swedish regional primary-care rules: evaluate documents, list rules, export schemas."),
        epilog=_("Exit code: bit flags 1 = a rule failed, 2 = bad input, 4 = a plugin fault; 0 = all well."),
    )
    parser.add_argument("--version", action=_Version, translations=t,
                        help=_("print the versions of the SDK and its region plugins"))
    parser.add_argument(
        "--plugin-timeout", type=_timeout(t), default=argparse.SUPPRESS, metavar="SECONDS",
        help=_("cut off a plugin that takes longer for one import, hook call or document "
               "(default: $PRIMARVARD_PLUGIN_TIMEOUT or 30; 0: no limit)"),
    )
    _lang_option(parser, t)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("regions", help=_("list the installed regions and their programmes"))
    _format_option(p, t)
    _lang_option(p, t)

    p = sub.add_parser("rules", help=_("list rules with parameters and citations"))
    p.add_argument("--region", help=_("only this region (kalmar, varmland, vasterbotten, ...)"))
    p.add_argument("--programme", help=_("only this programme (halsoval, psykisk_halsa, vardcentral, ...)"))
    _format_option(p, t)
    _lang_option(p, t)

    p = sub.add_parser("schema", help=_("print the JSON Schema (Draft 2020-12) of a type, or list the types"))
    p.add_argument("type", nargs="?", help=_("type name, e.g. Remiss or EvaluationRequest; omit to list"))
    _lang_option(p, t)

    p = sub.add_parser(
        "evaluate",
        help=_("evaluate JSON documents (files, '-' for stdin, JSON Lines for many records)"),
        description=_(
            "Each input is an evaluation request {\"type\": \"Remiss\", \"document\": {...}, "
            "\"region\": ..., \"programme\": ..., \"as_of\": ...}, a JSON array of them, or JSON "
            "Lines with one per line. Options fill in what a request leaves out."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE",
                   help=_("JSON or JSON Lines file, a directory (its *.json and *.jsonl files), or '-' for stdin"))
    p.add_argument("--type", dest="bare_type", metavar="TYPE",
                   help=_("the inputs are bare documents of this type (Remiss, Listning, ...), not requests"))
    p.add_argument("--region", help=_("region, when the request does not name one"))
    p.add_argument("--programme", help=_("programme, when the request does not name one"))
    p.add_argument("--as-of", dest="as_of", help=_("evaluation day YYYY-MM-DD, when the request has none"))
    p.add_argument("--rule", help=_("evaluate only this rule id"))
    _lang_option(p, t)
    p.add_argument("--format", choices=FORMATS, default="text",
                   help=_("text: summary first, then each document in words; json: one full line per "
                          "document; jsonl-lean: rules by id (see 'rules --format json'); csv: one row "
                          "per result (default: text)"))
    p.add_argument("--only", type=_outcomes(t), default=frozenset(), metavar="OUTCOMES",
                   help=_("show only results with these outcomes, comma-separated: %(outcomes)s "
                          "(a route is a fail); the summary still counts everything")
                   % {"outcomes": ", ".join(ONLY)})
    p.add_argument("-o", "--output", metavar="FILE", help=_("write the answers to FILE instead of stdout"))
    p.add_argument("--jobs", type=_jobs(t), default=None, metavar="N",
                   help=_("worker processes for large JSON Lines files, in ordered chunks (default: "
                          "the number of cores; 1: none). Not for a pipe: that is answered record "
                          "by record"))
    p.add_argument("--error-records", action="store_true",
                   help=_("json: write {\"source\", \"error\"} in place of a record that could not be "
                          "evaluated (jsonl-lean always does; stderr says it either way)"))

    p = sub.add_parser("annex", help=_("which annex (bilaga) or section covers a topic"))
    p.add_argument("topic", nargs="?",
                   help=_("canonical topic (ersattning, lokaler, ...), alias or title; omit to list"))
    p.add_argument("--region", required=True)
    p.add_argument("--programme", required=True)
    _format_option(p, t)
    _lang_option(p, t)

    p = sub.add_parser(
        "check", help=_("check region plugins: data files, editions, parameters, worked examples, annexes"),
        description=_("Load every plugin eagerly, validate its data files and run its worked examples; "
                      "exit 1 when any problem is found (4 when a plugin does not load). "
                      "PRIMARVARD_DEBUG=1 prints a plugin's traceback."),
    )
    p.add_argument("--region", action="append", help=_("only this region (repeatable)"))
    _format_option(p, t)
    _lang_option(p, t)

    from primarvard_sdk.service.commands import add_subcommands  # standard library only

    add_subcommands(sub)  # serve, fhir: their dependencies are imported when they run

    p = sub.add_parser(
        "completion", help=_("print a shell completion script (bash, zsh or tcsh)"),
        description=_("Print a completion script for your shell, e.g. "
                      "primarvard completion bash > ~/.local/share/bash-completion/completions/primarvard"),
    )
    p.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    return parser


def _lang_option(p: argparse.ArgumentParser, t: NullTranslations) -> None:
    """``--lang``, before the command or after it; absent: the locale's language (see main)."""
    p.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                   help=t.gettext("language of what is printed for a person (default: sv when "
                                  "LC_ALL, LC_MESSAGES or LANG starts with sv, else en)"))


class _Version(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, *,
                 translations: NullTranslations | None = None, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)
        self.translations = translations or NullTranslations()

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from importlib.metadata import PackageNotFoundError, entry_points, version

        try:
            lines = [f"primarvard-sdk {version('primarvard-sdk')}"]
        except PackageNotFoundError:
            lines = [self.translations.gettext("primarvard-sdk (not installed)")]
        for ep in sorted(entry_points(group="primarvard_sdk"), key=lambda e: e.name):
            if ep.dist is not None:
                lines.append(f"{ep.dist.name} {ep.dist.version}")
        print("\n".join(lines))
        parser.exit(0)


def _outcomes(t: NullTranslations) -> Callable[[str], frozenset[str]]:
    def outcomes(text: str) -> frozenset[str]:
        wanted = frozenset(w.strip() for w in text.split(",") if w.strip())
        unknown = sorted(wanted - set(ONLY))
        if unknown or not wanted:
            raise argparse.ArgumentTypeError(t.gettext("expected some of %(outcomes)s") % {"outcomes": ", ".join(ONLY)})
        return wanted

    return outcomes


def _timeout(t: NullTranslations) -> Callable[[str], float | None]:
    def timeout(text: str) -> float | None:
        try:
            seconds = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t.gettext("expected a number of seconds")) from None
        return seconds if seconds > 0 else None

    return timeout


def _jobs(t: NullTranslations) -> Callable[[str], int]:
    def jobs(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            n = 0
        if n < 1:
            raise argparse.ArgumentTypeError(t.gettext("expected a whole number of processes, 1 or more"))
        return n

    jobs.__name__ = "jobs"
    return jobs


def cores() -> int:
    """The cores this process may run on (the default of ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _format_option(p: argparse.ArgumentParser, t: NullTranslations) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=t.gettext("output format (default: text)"))


def main(argv: Sequence[str] | None = None, *, sdk: Sdk | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = language_in(arguments) or default_language()
    t = translations(lang)
    with argparse_language(t):
        parser = build_parser(lang)
        args = parser.parse_args(arguments)
    args.lang = getattr(args, "lang", lang)
    t = translations(args.lang)
    _ = t.gettext
    from primarvard_sdk.api import default_sdk

    if sdk is None and hasattr(args, "plugin_timeout"):
        sdk = Sdk(plugin_timeout=args.plugin_timeout)
    host = sdk or default_sdk()
    out = sys.stdout
    code = EXIT_OK
    try:
        code = _COMMANDS[args.command](host, args, out)
    except PluginError as exc:
        _say(_("plugin error: %(message)s") % {"message": exc})
        if exc.__cause__ is not None:  # only with PRIMARVARD_DEBUG=1 (see host.debugging)
            import traceback

            traceback.print_exception(exc.__cause__, file=sys.stderr)
        code = EXIT_PLUGIN_FAULT
    except PrimarvardError as exc:
        _say(_("error: %(message)s") % {"message": exc})
        code = EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        _say(_("interrupted"))
        return EXIT_INTERRUPTED
    for failure in host.failures_so_far:  # also when the command failed: say which plugin broke
        _say(_("warning: plugin %(plugin)s: %(message)s")
             % {"plugin": failure.distribution, "message": failure.message})
        code |= EXIT_PLUGIN_FAULT
    return code


def _regions(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    """The installed regions, and the plugins that failed to load marked in the same list (the
    exit code then has the plugin-fault bit)."""
    plugins, failures = sdk.plugins(), sdk.failures
    if args.format == "json":
        data = [
            {
                "code": p.region.code,
                "name": p.region.name,
                "distribution": p.distribution,
                "loaded": True,
                "programmes": [{"code": g.code, "title": g.title} for g in p.region.programmes],
            }
            for p in plugins
        ] + [{"distribution": f.distribution, "loaded": False, "error": f.message} for f in failures]
        print(dumps(data, indent=2), file=out)
        return EXIT_OK
    for p in plugins:
        print(_clean(f"{p.region.code}  {p.region.name}  ({p.distribution})"), file=out)
        for g in p.region.programmes:
            print(_clean(f"  {g.code:<16} {g.title}"), file=out)
    t = translations(args.lang)
    for f in failures:
        print(_clean(t.gettext("%(plugin)s  NOT LOADED: %(message)s") % {"plugin": f.distribution, "message": f.message}),
              file=out)
    return EXIT_OK


def rule_json(rule: Rule) -> dict[str, Any]:
    """The JSON form of a rule as ``primarvard rules --format json`` prints it."""
    return {
        "id": rule.id,
        "region": rule.region,
        "programme": rule.programme,
        "subject": rule.subject,
        "kind": rule.kind.value,
        "title": rule.title,
        "description": rule.description,
        "description_sv": rule.description_sv,
        "input_type": rule.input_type,
        "notes": rule.notes,
        "parameters": unstructure(rule.parameters),
        "citation": unstructure(rule.citation),
    }


def _rules(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    rules = sdk.rules(args.region, args.programme)
    if args.format == "json":
        print(dumps([rule_json(r) for r in rules], indent=2), file=out)
        return EXIT_OK
    for r in rules:
        print(_clean(f"{r.id}  [{r.kind.value}]  {r.title}"), file=out)
        for p in r.parameters:
            values = "; ".join(
                f"{_short(v.value)} ({v.valid_from or '…'}–{v.valid_to or ''})" for v in p.values
            )
            print(_clean(f"    {p.name} = {values}"), file=out)
        print(_clean(f"    § {r.citation.reference} › {r.citation.section}"), file=out)
        print(_clean(f"    “{r.citation.quote}”"), file=out)
    t = translations(args.lang)
    print(t.ngettext("%(n)s rule", "%(n)s rules", len(rules)) % {"n": number(len(rules), args.lang)}, file=out)
    return EXIT_OK


def _schema(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    from primarvard_sdk.schema import SCHEMA_TYPES, schema_for

    if args.type is None:
        for name in SCHEMA_TYPES:
            print(name, file=out)
        return EXIT_OK
    try:
        schema = schema_for(args.type, sdk.extensions())
    except KeyError:
        known = ", ".join(SCHEMA_TYPES)
        message = translations(args.lang).gettext("unknown type %(name)s; known: %(known)s")
        raise PrimarvardError(message % {"name": _shown(args.type), "known": known}) from None
    print(dumps(schema, indent=2), file=out)
    return EXIT_OK


def _annex(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    if args.topic is None:
        annexes = sdk.annexes(args.region, args.programme)
        if args.format == "json":
            print(dumps(list(annexes), indent=2), file=out)
        else:
            for a in annexes:
                where = f"Bilaga {a.number}" if a.number else a.section or ""
                print(_clean(f"{a.topic:<28} {where}  {a.title}"), file=out)
        return EXIT_OK
    ref = sdk.annex(args.region, args.programme, args.topic)
    if args.format == "json":
        print(dumps(ref, indent=2), file=out)
        return EXIT_OK
    a = ref.annex
    where = f"Bilaga {a.number} {a.title}" if a.number else f"{a.section or ''} {a.title}".strip()
    print(_clean(f"{ref.region}.{ref.programme} {ref.topic}: {where}"), file=out)
    if a.aliases:
        also = translations(args.lang).gettext("also cited as: %(aliases)s")
        print(_clean("  " + also % {"aliases": "; ".join(a.aliases)}), file=out)
    for item in a.items:
        print(_clean(f"  - {item}"), file=out)
    return EXIT_OK


# --- evaluate --------------------------------------------------------------------------------


def _records(name: str, stream: IO[bytes], progress: Progress | None = None) -> Iterator[tuple[str, Any]]:
    """Yield ``(where, parsed JSON or error)`` for every record of a JSON or JSON Lines input.

    JSON Lines are streamed line by line (flat memory); see :mod:`primarvard_sdk.streaming`.
    """
    return records(name, stream, progress)


def _open(name: str, t: NullTranslations | None = None) -> IO[bytes]:
    t = t or NullTranslations()
    if name == "-":
        if _is_pipe(sys.stdin):  # a co-process: answer each request as soon as it is complete
            return LiveStream(sys.stdin.fileno())  # type: ignore[return-value]
        return sys.stdin.buffer
    shown = _source(name)
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise PrimarvardError(t.gettext("%(file)s: no such file") % {"file": shown}) from None
    except IsADirectoryError:
        raise PrimarvardError(t.gettext("%(file)s: is a directory") % {"file": shown}) from None
    except OSError as exc:
        raise PrimarvardError(t.gettext("%(file)s: cannot be read (%(reason)s)")
                              % {"file": shown, "reason": exc.strerror}) from None


def _is_pipe(stream: Any) -> bool:
    import stat

    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode) or stat.S_ISSOCK(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def _inputs(names: Sequence[str], t: NullTranslations | None = None) -> list[str]:
    """The files to read: a directory stands for its ``*.json`` and ``*.jsonl`` files (sorted,
    sub-directories included)."""
    t = t or NullTranslations()
    found: list[str] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            inside = sorted(
                os.path.join(root, f)
                for root, _, files in os.walk(name)
                for f in files
                if f.endswith((".json", ".jsonl"))
            )
            if not inside:
                raise PrimarvardError(t.gettext("%(file)s: a directory without *.json or *.jsonl files")
                                      % {"file": _source(name)})
            found += inside
        else:
            found.append(name)
    return found


def _source(name: str) -> str:
    """A file name as results and messages show it: a personnummer in it is withheld (exports
    are often named after the patient)."""
    return redact(name)


def _batches(items: Iterator[tuple[str, Any]], stream: Any, size: int = CHUNK) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive lists of at most ``size`` records; from a live pipe, whatever is at hand."""
    live = isinstance(stream, LiveStream)
    batch: list[tuple[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size or (live and stream.waiting()):
            yield batch
            batch = []
    if batch:
        yield batch


#: Records per chunk a worker process evaluates (``--jobs``), and chunks in flight per worker:
#: what bounds the memory of a pooled run (the parent holds at most this many chunks' answers).
POOL_CHUNK = 128
IN_FLIGHT = 2


def _evaluate(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    t = translations(args.lang)
    as_of = structure_day(args.as_of, path="--as-of") if args.as_of else None
    bare = args.bare_type
    if bare is not None:
        from primarvard_sdk.domain import DOCUMENT_TYPES

        if bare not in DOCUMENT_TYPES:
            raise PrimarvardError(t.gettext("unknown document type %(name)s; known: %(known)s")
                                  % {"name": _shown(bare), "known": ", ".join(DOCUMENT_TYPES)})
    streams = [(_source(name), _open(name, t)) for name in _inputs(args.files, t)]  # fail fast on a missing file
    target: TextIO = out
    if args.output:
        try:
            target = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise PrimarvardError(t.gettext("%(file)s: cannot be written (%(reason)s)")
                                  % {"file": _source(args.output), "reason": exc.strerror}) from None
    live = any(isinstance(stream, LiveStream) for _, stream in streams)
    writer = _writer(args, target, live=live)
    progress = Progress(sys.stderr)
    # Workers are forked (they share the loaded plugins); without fork (Windows), one process.
    jobs = 1 if live or not hasattr(os, "fork") else (getattr(args, "jobs", None) or cores())
    code = 0
    pool = _Pool(sdk, args, as_of, writer, jobs) if jobs > 1 else None
    try:
        for name, stream in streams:
            with stream if stream is not sys.stdin.buffer and not isinstance(stream, LiveStream) else _nullcontext(stream):
                if pool is not None:
                    code |= pool.run(records(name, stream, progress, raw=True))
                    continue
                for batch in _batches(records(name, stream, progress), stream):
                    code |= _answer_batch(sdk, args, as_of, batch, writer, _say)
        if pool is not None:
            pool.close()
        writer.close()
    finally:
        progress.close()
        if pool is not None:
            pool.terminate()
        if target is not out:
            target.close()
    return code


def _writer(args: argparse.Namespace, target: TextIO, *, live: bool = False) -> Any:
    return writer_for(args.format, target, only=args.only, lang=args.lang, live=live,
                      **({"error_records": True} if args.error_records else {}))


def _answer(sdk: Sdk, args: argparse.Namespace, as_of: Any, record: Any) -> tuple[str, tuple[Result, ...]]:
    """One record's results (raises what the record or a plugin did wrong)."""
    record = decoded(record)
    if isinstance(record, InvalidDocument):
        raise record
    if args.bare_type is not None:
        document = parse_document(record, args.bare_type)
        request = EvaluationRequest(args.bare_type, document)
    else:
        request = parse_request(record)
    if args.rule:
        request = type(request)(**{**_fields(request), "rule": args.rule})
    return request.type, sdk.evaluate_request(request, region=args.region, programme=args.programme, as_of=as_of)


def _answer_batch(sdk: Sdk, args: argparse.Namespace, as_of: Any, batch: list[tuple[str, Any]], writer: Any,
                  say: Callable[[str], None]) -> int:
    """Evaluate a batch of records and write each one's answer (or error) in order; the exit bits."""
    t = translations(args.lang)
    bare = args.bare_type
    code = 0
    calls = [functools.partial(_answer, sdk, args, as_of, record) for _, record in batch]
    for (where, _), (ok, value) in zip(batch, sdk.run_batch(calls), strict=True):
        if ok:
            type_name, results = value
        elif isinstance(value, PluginError):  # a plugin's fault, not the input's
            code |= EXIT_PLUGIN_FAULT
            say(t.gettext("plugin error: %(message)s") % {"message": f"{where}: {value}"})
            writer.error(where, "plugin_fault", str(value))
            type_name, results = None, value.results  # the rules that did answer
            if not results:
                continue
        elif isinstance(value, PrimarvardError):
            code |= EXIT_BAD_INPUT
            say(t.gettext("error: %(message)s") % {"message": f"{where}: {value}"})
            errors = [(e.path.replace("$.document", "$", 1) if bare else e.path, e.message)
                      for e in getattr(value, "errors", ())]
            writer.error(where, "invalid_input", str(value), errors)
            continue
        else:
            raise value
        if any(r.outcome.is_failure for r in results):
            code |= EXIT_FAILED
        try:
            writer.document(where, results, type_name)
        except (TypeError, ValueError, UnicodeError) as exc:  # never lose the others
            code |= EXIT_PLUGIN_FAULT
            say(t.gettext("plugin error: %(message)s") % {"message": t.gettext(
                "%(where)s: results cannot be written (%(reason)s)")
                % {"where": where, "reason": type(exc).__name__}})
            continue
    return code


# --- --jobs: worker processes over ordered chunks ----------------------------------------------


#: What a worker process evaluates with: set in the parent before the workers fork.
_WORKER: tuple[Sdk, argparse.Namespace, Any] | None = None


def _work(batch: list[tuple[str, Any]]) -> tuple[Any, list[str], int, tuple[Any, ...]]:
    """A worker process: one chunk evaluated and written the way the parent's writer would (text
    and lines; the text report: its calls), with the messages for stderr and the exit bits."""
    assert _WORKER is not None
    sdk, args, as_of = _WORKER
    known = len(sdk.failures_so_far)
    messages: list[str] = []
    buffer = io.StringIO()
    writer = _writer(args, buffer)
    buffer.seek(0)
    buffer.truncate()  # a CSV header: the parent's writer has written it
    try:
        code = _answer_batch(sdk, args, as_of, batch, writer, messages.append)
    except PluginError as exc:  # raised again in the parent as it was (its results stay here)
        return ("raise", "plugin", exc.distribution, exc.detail), messages, 0, sdk.failures_so_far[known:]
    except PrimarvardError as exc:
        return ("raise", "error", str(exc)), messages, 0, sdk.failures_so_far[known:]
    except Exception as exc:  # nothing the parent cannot unpickle
        return ("raise", "other", f"{type(exc).__name__}: {exc}"), messages, 0, sdk.failures_so_far[known:]
    written = writer.part() if isinstance(writer, TextWriter) else buffer.getvalue()
    return written, messages, code, sdk.failures_so_far[known:]


class _Pool:
    """``--jobs N``: chunks of a JSON Lines input evaluated by N worker processes (forked: they
    share the parent's loaded plugins), answers written in input order. At most N × IN_FLIGHT
    chunks are read ahead, so memory stays flat however large the input. The workers start
    only for an input of more than one chunk."""

    def __init__(self, sdk: Sdk, args: argparse.Namespace, as_of: Any, writer: Any, jobs: int) -> None:
        self.sdk, self.args, self.as_of, self.writer, self.jobs = sdk, args, as_of, writer, jobs
        self._pool: Any = None
        self._pending: collections.deque[Any] = collections.deque()
        self.code = 0

    def run(self, items: Iterator[tuple[str, Any]]) -> int:
        chunks = _batches(items, None, POOL_CHUNK)
        code = 0
        if self._pool is None:
            # The first chunk here: it is all of a small input, and it warms what the workers then
            # share instead of each building it (the holiday table, rule data, caches).
            first = next(chunks, None)
            if first is None:
                return 0
            code = _answer_batch(self.sdk, self.args, self.as_of, first, self.writer, _say)
            second = next(chunks, None)
            if second is None:
                return code
            self._start()
            chunks = itertools.chain((second,), chunks)
        for chunk in chunks:
            self._pending.append(self._pool.apply_async(_work, (chunk,)))
            if len(self._pending) >= self.jobs * IN_FLIGHT:
                code |= self._write(self._pending.popleft().get())
        while self._pending:
            code |= self._write(self._pending.popleft().get())
        return code

    def _start(self) -> None:
        if self._pool is not None:
            return
        import multiprocessing

        global _WORKER
        # The plugins and their rule data, loaded once here: the workers inherit them instead of
        # each reading them again. A programme that fails to load is left to the record that
        # needs it, which reports it in order as a serial run would.
        for region in self.sdk.regions():
            for programme in region.programmes:
                with contextlib.suppress(PluginError):
                    self.sdk.rules(region.code, programme.code)
        _WORKER = (self.sdk, self.args, self.as_of)
        context = multiprocessing.get_context("fork")
        # What the parent holds now (plugins, rule data) is shared with the forked workers; frozen,
        # the workers' garbage collection does not touch (and so copy) its pages.
        gc.collect()
        gc.freeze()
        try:
            self._pool = context.Pool(self.jobs)
        finally:
            gc.unfreeze()

    def _write(self, answer: tuple[Any, list[str], int, tuple[Any, ...]]) -> int:
        written, messages, code, failures = answer
        for message in messages:
            _say(message)
        if failures:
            self.sdk._note_failures(failures)
        if isinstance(written, str):
            if written:
                self.writer.out.write(written)
        elif written[0] == "raise":  # what the serial run would have raised, at the same place
            if written[1] == "plugin":
                raise PluginError(written[2], written[3])
            if written[1] == "error":
                raise PrimarvardError(written[2])
            raise RuntimeError(written[2])
        else:
            self.writer.merge(written)
        return code

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        global _WORKER
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        _WORKER = None


class _nullcontext:
    def __init__(self, value: Any) -> None:
        self.value = value

    def __enter__(self) -> Any:
        return self.value

    def __exit__(self, *exc: object) -> None:
        return None


def _fields(request: Any) -> dict[str, Any]:
    return {k: getattr(request, k) for k in ("type", "document", "region", "programme", "as_of", "rule")}


def _short(value: Any, width: int = 60) -> str:
    text = dumps(value) if not isinstance(value, str) else value
    return text if len(text) <= width else text[: width - 1] + "…"


_COMMANDS: dict[str, Callable[[Sdk, argparse.Namespace, TextIO], int]] = {
    "regions": _regions,
    "rules": _rules,
    "schema": _schema,
    "evaluate": _evaluate,
    "annex": _annex,
    "check": lambda sdk, args, out: _check(sdk, args, out),
    "serve": lambda sdk, args, out: _service_command("serve", sdk, args, out),
    "fhir": lambda sdk, args, out: _service_command("fhir", sdk, args, out),
    "completion": lambda sdk, args, out: _completion(args, out),
}


def _completion(args: argparse.Namespace, out: TextIO) -> int:
    """``primarvard completion SHELL``: the script shtab generates from this very parser, so the
    completion never lags behind the commands and options."""
    import shtab

    print(shtab.complete(build_parser(args.lang), shell=args.shell), file=out)
    return EXIT_OK


def _check(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    """``primarvard check``: the logic is in :mod:`primarvard_sdk.check`."""
    from primarvard_sdk.check import check, print_report

    report = check(sdk, args.region)
    if args.format == "json":
        print(dumps({"ok": report.ok, "problems": [
            {"where": p.where, "kind": p.kind, "message": _clean(p.message).replace("\\x0a", "\n")}
            for p in report.problems]}, indent=2), file=out)
    else:
        print_report(report, out, _clean)
    return EXIT_OK if report.ok else EXIT_FAILED


def _service_command(name: str, sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    """``serve`` and ``fhir`` live in :mod:`primarvard_sdk.service.commands` (optional extras)."""
    from primarvard_sdk.service import commands

    return int(getattr(commands, name)(sdk, args, out))


def console_main() -> None:  # pragma: no cover - the installed script
    raise SystemExit(main())
