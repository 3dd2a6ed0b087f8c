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
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, TextIO

from primarvard_sdk.convert import dumps, structure_day, unstructure
from primarvard_sdk.documents import parse_request
from primarvard_sdk.errors import InvalidDocument, PluginError, PrimarvardError
from primarvard_sdk.host import Sdk, _shown
from primarvard_sdk.model import Outcome, Result, Rule
from primarvard_sdk.privacy import redact
from primarvard_sdk.streaming import Progress, chunks, records, results_json

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="primarvard",
        description="Swedish regional primary-care rules: evaluate documents, list rules, export schemas.",
        epilog="Exit code: bit flags 1 = a rule failed, 2 = bad input, 4 = a plugin fault; 0 = all well.",
    )
    parser.add_argument(
        "--plugin-timeout", type=_timeout, default=argparse.SUPPRESS, metavar="SECONDS",
        help="cut off a plugin that takes longer for one import, hook call or document "
             "(default: $PRIMARVARD_PLUGIN_TIMEOUT or 30; 0: no limit)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("regions", help="list the installed regions and their programmes")
    _format_option(p)

    p = sub.add_parser("rules", help="list rules with parameters and citations")
    p.add_argument("--region", help="only this region (kalmar, varmland, vasterbotten, ...)")
    p.add_argument("--programme", help="only this programme (halsoval, psykisk_halsa, vardcentral, ...)")
    _format_option(p)

    p = sub.add_parser("schema", help="print the JSON Schema (Draft 2020-12) of a type, or list the types")
    p.add_argument("type", nargs="?", help="type name, e.g. Remiss or EvaluationRequest; omit to list")

    p = sub.add_parser(
        "evaluate",
        help="evaluate JSON documents (files, '-' for stdin, JSON Lines for many records)",
        description=(
            "Each input is an evaluation request {\"type\": \"Remiss\", \"document\": {...}, "
            "\"region\": ..., \"programme\": ..., \"as_of\": ...}, a JSON array of them, or JSON "
            "Lines with one per line. Options fill in what a request leaves out."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON or JSON Lines file, or '-' for stdin")
    p.add_argument("--region", help="region, when the request does not name one")
    p.add_argument("--programme", help="programme, when the request does not name one")
    p.add_argument("--as-of", dest="as_of", help="evaluation day YYYY-MM-DD, when the request has none")
    p.add_argument("--rule", help="evaluate only this rule id")
    p.add_argument("--lang", choices=("en", "sv"), default="en", help="language of explanations (text format)")
    _format_option(p)

    p = sub.add_parser("annex", help="which annex (bilaga) or section covers a topic")
    p.add_argument("topic", nargs="?", help="canonical topic (ersattning, lokaler, ...), alias or title; omit to list")
    p.add_argument("--region", required=True)
    p.add_argument("--programme", required=True)
    _format_option(p)

    from primarvard_sdk.service.commands import add_subcommands  # standard library only

    add_subcommands(sub)  # serve, fhir: their dependencies are imported when they run
    return parser


def _timeout(text: str) -> float | None:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number of seconds") from None
    return seconds if seconds > 0 else None


def _format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def main(argv: Sequence[str] | None = None, *, sdk: Sdk | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from primarvard_sdk.api import default_sdk

    if sdk is None and hasattr(args, "plugin_timeout"):
        sdk = Sdk(plugin_timeout=args.plugin_timeout)
    host = sdk or default_sdk()
    out = sys.stdout
    code = EXIT_OK
    try:
        code = _COMMANDS[args.command](host, args, out)
    except PluginError as exc:
        _say(f"plugin error: {exc}")
        code = EXIT_PLUGIN_FAULT
    except PrimarvardError as exc:
        _say(f"error: {exc}")
        code = EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    for failure in host.failures_so_far:  # also when the command failed: say which plugin broke
        _say(f"warning: plugin {failure.distribution}: {failure.message}")
        code |= EXIT_PLUGIN_FAULT
    return code


def _regions(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    plugins = sdk.plugins()
    if args.format == "json":
        data = [
            {
                "code": p.region.code,
                "name": p.region.name,
                "distribution": p.distribution,
                "programmes": [{"code": g.code, "title": g.title} for g in p.region.programmes],
            }
            for p in plugins
        ]
        print(dumps(data, indent=2), file=out)
        return EXIT_OK
    for p in plugins:
        print(_clean(f"{p.region.code}  {p.region.name}  ({p.distribution})"), file=out)
        for g in p.region.programmes:
            print(_clean(f"  {g.code:<16} {g.title}"), file=out)
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
        print(_clean(f"    § {r.citation.title} › {r.citation.section}"), file=out)
        print(_clean(f"    “{r.citation.quote}”"), file=out)
    print(f"{len(rules)} rules", file=out)
    return EXIT_OK


def _schema(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    from primarvard_sdk.schema import SCHEMA_TYPES, schema_for

    if args.type is None:
        for name in SCHEMA_TYPES:
            print(name, file=out)
        return EXIT_OK
    try:
        schema = schema_for(args.type)
    except KeyError:
        known = ", ".join(SCHEMA_TYPES)
        raise PrimarvardError(f"unknown type {_shown(args.type)}; known: {known}") from None
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
        print(_clean(f"  also cited as: {'; '.join(a.aliases)}"), file=out)
    for item in a.items:
        print(_clean(f"  - {item}"), file=out)
    return EXIT_OK


# --- evaluate --------------------------------------------------------------------------------


def _records(name: str, stream: IO[bytes], progress: Progress | None = None) -> Iterator[tuple[str, Any]]:
    """Yield ``(where, parsed JSON or error)`` for every record of a JSON or JSON Lines input.

    JSON Lines are streamed line by line (flat memory); see :mod:`primarvard_sdk.streaming`.
    """
    return records(name, stream, progress)


def _open(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    shown = _source(name)
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise PrimarvardError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise PrimarvardError(f"{shown}: is a directory") from None
    except OSError as exc:
        raise PrimarvardError(f"{shown}: cannot be read ({exc.strerror})") from None


def _source(name: str) -> str:
    """A file name as results and messages show it: a personnummer in it is withheld (exports
    are often named after the patient)."""
    return redact(name)


_FLUSH_AT = 1 << 20  # characters of JSON output held before writing


def _evaluate(sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    as_of = structure_day(args.as_of, path="--as-of") if args.as_of else None
    streams = [(_source(name), _open(name)) for name in args.files]  # fail fast on a missing file
    failed = bad = fault = False
    progress = Progress(sys.stderr)
    as_json = args.format == "json"
    documents, outcomes = 0, Counter[str]()
    try:
        for name, stream in streams:
            with stream if stream is not sys.stdin.buffer else _nullcontext(stream):
                for chunk in chunks(_records(name, stream, progress)):
                    lines: list[str] = []
                    pending = 0
                    for where, record in chunk:
                        try:
                            if isinstance(record, InvalidDocument):
                                raise record
                            request = parse_request(record)
                            if args.rule:
                                request = type(request)(**{**_fields(request), "rule": args.rule})
                            results = sdk.evaluate_request(
                                request, region=args.region, programme=args.programme, as_of=as_of
                            )
                        except PluginError as exc:  # a plugin's fault, not the input's
                            fault = True
                            _say(f"plugin error: {where}: {exc}")
                            results = exc.results  # the rules that did answer
                            if not results:
                                continue
                        except PrimarvardError as exc:
                            bad = True
                            _say(f"error: {where}: {exc}")
                            continue
                        failed = failed or any(r.outcome.is_failure for r in results)
                        if as_json:
                            try:
                                lines.append(results_json(where, results))
                            except (TypeError, ValueError, UnicodeError) as exc:  # never lose the others
                                fault = True
                                _say(f"plugin error: {where}: results cannot be written ({type(exc).__name__})")
                                continue
                            pending += len(lines[-1])
                            if pending > _FLUSH_AT:  # keep the output buffer small: flat memory
                                lines.append("")
                                out.write("\n".join(lines))
                                lines, pending = [], 0
                        else:
                            _print_results(where, results, args.lang, out)
                            documents += 1
                            outcomes.update(r.outcome.value for r in results)
                    if lines:
                        lines.append("")
                        out.write("\n".join(lines))
    finally:
        progress.close()
    if not as_json and documents:
        counts = ", ".join(f"{outcomes[o.value]} {o.value}" for o in Outcome if outcomes[o.value])
        total = sum(outcomes.values())
        print(f"\n{_count(documents, 'document')}, {_count(total, 'result')}: {counts}", file=out)
    return (EXIT_FAILED if failed else 0) | (EXIT_BAD_INPUT if bad else 0) | (EXIT_PLUGIN_FAULT if fault else 0)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


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


def _headline(result: Result) -> str:
    """The one value a reader looks for first: due date, route, or required against declared."""
    values = result.values
    if values.get("required") is not None and not isinstance(values["required"], dict | list | tuple):
        declared = values.get("declared")
        shown = f"required {_short(unstructure(values['required']), 12)}"
        return shown + (f" / declared {_short(unstructure(declared), 12)}" if declared is not None else "")
    for key in ("due", "route", "assigned", "decision", "allocation", "required"):
        if values.get(key) is not None:
            return f"{key} {_short(unstructure(values[key]), 40)}"
    return ""


def _print_results(where: str, results: Sequence[Result], lang: str, out: TextIO) -> None:
    if not results:
        print(_clean(f"{where}: no rule of the programme applies to this document"), file=out)
        return
    first = results[0]
    ref = f", ref {first.reference}" if first.reference else ""
    print(file=out)
    print(_clean(f"{where}  —  {first.region}.{first.programme}, as of {first.as_of.isoformat()}{ref}"), file=out)
    header = ("rule", "outcome", "value", "source")
    rows = [header] + [
        (_clean(r.rule_id.split(".", 2)[2]), r.outcome.value, _clean(_headline(r)), _clean(f"§ {r.citation.section}"))
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for index, row in enumerate(rows):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + f"  {row[3]}", file=out)
        if index:
            r = results[index - 1]
            print(_clean(f"      {r.explanation.sv if lang == 'sv' else r.explanation.en}"), file=out)


_COMMANDS: dict[str, Callable[[Sdk, argparse.Namespace, TextIO], int]] = {
    "regions": _regions,
    "rules": _rules,
    "schema": _schema,
    "evaluate": _evaluate,
    "annex": _annex,
    "serve": lambda sdk, args, out: _service_command("serve", sdk, args, out),
    "fhir": lambda sdk, args, out: _service_command("fhir", sdk, args, out),
}


def _service_command(name: str, sdk: Sdk, args: argparse.Namespace, out: TextIO) -> int:
    """``serve`` and ``fhir`` live in :mod:`primarvard_sdk.service.commands` (optional extras)."""
    from primarvard_sdk.service import commands

    return int(getattr(commands, name)(sdk, args, out))


def console_main() -> None:  # pragma: no cover - the installed script
    raise SystemExit(main())
