"""How ``primarvard evaluate`` writes its answers: for a person (a text report, CSV for a
spreadsheet) and for a pipeline (full or lean JSON Lines, with error records in order).

Every writer takes one document's answer at a time (:meth:`Writer.document`, :meth:`Writer.error`)
and keeps memory flat: the text report writes its details to a spooled temporary file so that the
summary can come first.

- ``text``: a summary (per outcome, then one line per document), then each document's results
  in words: what is wrong, where a routed case goes, which fact to supply (with its JSON path).
  No raw JSON, no cut-off cells. In the writer's language (``lang``: every word, plurals and
  numbers, from the gettext catalogue of :mod:`primarvard_sdk.i18n`).
- ``csv``: one row per result, for a spreadsheet; cells a spreadsheet would run as a formula are
  written as text. The header and the outcome column are the same in every language; the
  explanation is in the writer's language.
- ``json``: the full form, one line per document (``{"source", "results"}``; unchanged); with
  ``--error-records`` also an error record ``{"source", "error"}`` in place of a record that could
  not be evaluated.
- ``jsonl-lean``: rules by id (their citation, notes and title: ``primarvard rules --format
  json``), only what varies per result; error records in place (always).
"""

from __future__ import annotations

import csv
import functools
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from gettext import NullTranslations
from typing import IO, Any, TextIO

from primarvard_sdk.i18n import number, translations
from primarvard_sdk.model import Outcome, Result
from primarvard_sdk.privacy import redact
from primarvard_sdk.streaming import results_json

__all__ = ["FORMATS", "ONLY", "Writer", "describe_path", "lean_json", "writer_for"]

FORMATS = ("text", "json", "jsonl-lean", "csv")
#: What ``--only`` accepts: the outcomes that need someone's attention.
ONLY = ("fail", "missed", "indeterminate", "warning")

# Terminal control characters and bidirectional overrides are shown escaped (see cli._clean).
_CONTROL = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


#: Facts to supply listed per result in the text table (all of them are in the JSON forms).
SHOWN_MISSING = 10

def _clean(text: Any) -> str:
    return redact(str(text)).translate(_CONTROL)


_OUTCOME_WORDS = {
    "pass": "pass", "fail": "fail", "warning": "warning", "not_applicable": "not applicable",
    "indeterminate": "indeterminate", "met": "met", "missed": "missed", "open": "open",
}

# What a person reads for each outcome (keyed by outcome_word): alone, beside a rule ...
_LABELS: dict[str, Callable[[NullTranslations], str]] = {
    "fail": lambda t: t.pgettext("outcome", "fail"),
    "route": lambda t: t.pgettext("outcome", "route"),
    "missed": lambda t: t.pgettext("outcome", "missed"),
    "indeterminate": lambda t: t.pgettext("outcome", "indeterminate"),
    "warning": lambda t: t.pgettext("outcome", "warning"),
    "open": lambda t: t.pgettext("outcome", "open"),
    "met": lambda t: t.pgettext("outcome", "met"),
    "pass": lambda t: t.pgettext("outcome", "pass"),
    "not applicable": lambda t: t.pgettext("outcome", "not applicable"),
}
# ... and counted (``2 missed``; Swedish inflects: ``1 underkänd``, ``2 underkända``).
_COUNTED: dict[str, Callable[[NullTranslations, int], str]] = {
    "fail": lambda t, n: t.ngettext("%(n)s fail", "%(n)s fail", n),
    "route": lambda t, n: t.ngettext("%(n)s route", "%(n)s route", n),
    "missed": lambda t, n: t.ngettext("%(n)s missed", "%(n)s missed", n),
    "indeterminate": lambda t, n: t.ngettext("%(n)s indeterminate", "%(n)s indeterminate", n),
    "warning": lambda t, n: t.ngettext("%(n)s warning", "%(n)s warning", n),
    "open": lambda t, n: t.ngettext("%(n)s open", "%(n)s open", n),
    "met": lambda t, n: t.ngettext("%(n)s met", "%(n)s met", n),
    "pass": lambda t, n: t.ngettext("%(n)s pass", "%(n)s pass", n),
    "not applicable": lambda t, n: t.ngettext("%(n)s not applicable", "%(n)s not applicable", n),
}


def is_route(result: Result) -> bool:
    return result.outcome is Outcome.fail and result.values.get("decision") == "route"


def outcome_word(result: Result) -> str:
    """The outcome as the CSV writes it and the text report counts it: ``route`` for a routed
    ``fail``, ``not applicable`` with a space (the same in every language)."""
    return "route" if is_route(result) else _OUTCOME_WORDS[result.outcome.value]


def outcome_label(word: str, lang: str = "en") -> str:
    """An :func:`outcome_word` as a person reads it in ``lang`` (``underkänd``, ``ej tillämplig``)."""
    return _LABELS[word](translations(lang))


# --- what a JSON path asks for, in words -----------------------------------------------------

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+|\*)\]")


@functools.cache
def _schema(type_name: str) -> Mapping[str, Any] | None:
    from primarvard_sdk.schema import schema_for

    try:
        return schema_for(type_name)
    except KeyError:
        return None


def _resolve(node: Any, root: Mapping[str, Any]) -> Any:
    for _ in range(8):
        if not isinstance(node, Mapping):
            return None
        if "$ref" in node:
            node = root.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1])
            continue
        for key in ("anyOf", "oneOf"):
            if key in node:
                found = [n for n in node[key] if not (isinstance(n, Mapping) and n.get("type") == "null")]
                if found:
                    description = node.get("description")
                    node = dict(_resolve(found[0], root) or {})
                    if description and "description" not in node:
                        node["description"] = description
                    break
        else:
            return node
    return node


def describe_path(type_name: str | None, path: str, lang: str = "en") -> str:
    """What the input at ``path`` (``$.personal[3].namn``) is, in the schema's own words:
    ``"staff member 4: Name."``; the path's last name when the schema says nothing.

    The schemas describe their fields in English; in Swedish the fields are named by their own
    (Swedish) names: ``namn (nr 4 i personal)``.
    """
    t = translations(lang)
    root = _schema(type_name) if type_name else None
    steps = [(m.group(1), m.group(2)) for m in _STEP.finditer(path)]
    if root is None or not steps:
        return _words(steps[-1][0] if steps and steps[-1][0] else path)
    node: Any = _resolve(root, root)
    items: list[str] = []
    description = None
    for name, index in steps:
        if node is None:
            break
        if name is not None:
            prop = (node.get("properties") or {}).get(name)
            node = _resolve(prop, root) if prop is not None else None
            description = (node or {}).get("description") or (prop or {}).get("description") if node or prop else None
            last_name = name
        else:
            if index is not None and index != "*":
                items.append(_item(t, int(index), last_name))
            node = _resolve((node or {}).get("items"), root)
    if lang != "en":  # the descriptions are English
        description = None
    words = re.split(r"\. |; ", (description or "").strip())[0].rstrip(".") or _words(steps[-1][0] or path)
    return f"{words} ({'; '.join(items)})" if items else words


def _words(name: str) -> str:
    return name.replace("_", " ")


def _item(t: NullTranslations, index: int, name: str) -> str:
    return t.gettext("item %(n)s of %(list)s") % {"n": index + 1, "list": _words(name)}


# --- one document's answer -------------------------------------------------------------------


def lean_json(where: str, results: Sequence[Result]) -> str:
    """One document's results, by rule id: what varies per result, nothing a rule always says.

    ``{"as_of", "programme", "reference", "region", "results": [{"edition", "explanation",
    "governing_day", "missing", "outcome", "rule_id", "values"}], "source"}``, keys sorted.
    """
    from primarvard_sdk.convert import line_safe
    from primarvard_sdk.streaming import _string, _values_json

    head = ""
    if results:
        first = results[0]
        head = (f'"as_of":"{first.as_of.isoformat()}","programme":{_string(first.programme)},'
                f'"reference":{"null" if first.reference is None else _string(first.reference)},'
                f'"region":{_string(first.region)},')
    items = ",".join(
        "".join((
            '{"edition":', "null" if r.edition is None else _string(r.edition),
            ',"explanation":{"en":', _string(r.explanation.en), ',"sv":', _string(r.explanation.sv),
            '},"governing_day":', "null" if r.governing_day is None else f'"{r.governing_day.isoformat()}"',
            ',"missing":[', ",".join(map(_string, r.missing)),
            '],"outcome":"', r.outcome.value, '","rule_id":', _string(r.rule_id),
            ',"values":', _values_json(r.values), "}",
        ))
        for r in results
    )
    return line_safe("{" + head + '"results":[' + items + '],"source":' + _string(where) + "}")


def error_json(where: str, kind: str, message: str, errors: Iterable[tuple[str, str]] = ()) -> str:
    """An error record: ``{"source", "error": {"kind", "message", "errors": [{"path", "message"}]}}``."""
    from primarvard_sdk.convert import line_safe

    error: dict[str, Any] = {"kind": kind, "message": redact(message)}
    found = [{"path": redact(p), "message": redact(m)} for p, m in errors]
    if found:
        error["errors"] = found
    return line_safe(json.dumps({"error": error, "source": where}, ensure_ascii=False, sort_keys=True,
                                separators=(",", ":")))


class Writer:
    """Writes one document's answer at a time; :meth:`close` finishes the output."""

    def __init__(self, out: TextIO, *, only: frozenset[str] = frozenset(), lang: str = "en",
                 live: bool = False, error_records: bool = False) -> None:
        self.out, self.only, self.lang, self.live = out, only, lang, live
        self.t = translations(lang)

    def keep(self, results: Sequence[Result]) -> Sequence[Result]:
        if not self.only:
            return results
        return [r for r in results if r.outcome.value in self.only]

    def document(self, where: str, results: Sequence[Result], type_name: str | None) -> None:
        raise NotImplementedError

    def error(self, where: str, kind: str, message: str, errors: Iterable[tuple[str, str]] = ()) -> None:
        """A record that could not be evaluated (also said on stderr by the caller)."""

    def close(self) -> None:
        self.out.flush()


class JsonWriter(Writer):
    lean = False

    def __init__(self, out: TextIO, *, error_records: bool = False, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.error_records = error_records

    def document(self, where: str, results: Sequence[Result], type_name: str | None) -> None:
        kept = self.keep(results)
        line = lean_json(where, kept) if self.lean else results_json(where, kept)
        self.out.write(line + "\n")
        if self.live:
            self.out.flush()

    def error(self, where: str, kind: str, message: str, errors: Iterable[tuple[str, str]] = ()) -> None:
        if not self.error_records:
            return
        self.out.write(error_json(where, kind, message, errors) + "\n")
        if self.live:
            self.out.flush()


class LeanWriter(JsonWriter):
    lean = True

    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        kwargs.setdefault("error_records", True)
        super().__init__(out, **kwargs)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("source", "reference", "region", "programme", "rule", "outcome", "due", "route",
               "missing", "explanation", "as_of", "governing_day", "edition")


def _cell(value: Any) -> str:
    text = "" if value is None else redact(str(value))
    return "'" + text if text.startswith(_FORMULA) else text


class CsvWriter(Writer):
    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self._csv = csv.writer(out, lineterminator="\r\n")
        self._csv.writerow(CSV_COLUMNS)

    def document(self, where: str, results: Sequence[Result], type_name: str | None) -> None:
        for r in self.keep(results):
            explanation = r.explanation.sv if self.lang == "sv" else r.explanation.en
            due = _day(r.values.get("due"))
            self._csv.writerow([_cell(v) for v in (
                where, r.reference, r.region, r.programme, r.rule_id, outcome_word(r), due,
                r.values.get("route") if is_route(r) else None, " ".join(r.missing), explanation,
                r.as_of.isoformat(), r.governing_day.isoformat() if r.governing_day else None, r.edition,
            )])
        if self.live:
            self.out.flush()


class TextWriter(Writer):
    """Summary first (per outcome, then per document), then each document in words."""

    _ORDER = ("fail", "route", "missed", "indeterminate", "warning", "open", "met", "pass", "not applicable")

    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self._labels = {word: label(self.t) for word, label in _LABELS.items()}
        self._details: IO[str] = tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
        self._documents: IO[str] = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
        self._outcomes: Counter[str] = Counter()
        self._with: Counter[str] = Counter()  # documents with at least one result of the outcome
        self._n = self._errors = 0

    def document(self, where: str, results: Sequence[Result], type_name: str | None) -> None:
        self._n += 1
        words = [outcome_word(r) for r in results]
        here = Counter(words)
        self._outcomes.update(here)
        self._with.update(here.keys())
        t = self.t
        tally = ", ".join(_COUNTED[o](t, here[o]) % {"n": self._number(here[o])}
                          for o in self._ORDER if here[o]) or t.gettext("no rule applies")
        self._documents.write(_clean(f"  {where}  ({results[0].region}.{results[0].programme}): {tally}"
                                     if results else f"  {where}: {tally}") + "\n")
        kept = self.keep(results)
        if not kept:
            return
        w = self._details
        first = results[0]
        about = [t.gettext("as of %(day)s") % {"day": first.as_of.isoformat()}]
        if first.edition:
            about.append(t.gettext("rulebook %(edition)s") % {"edition": first.edition})
        if first.reference:
            about.append(t.gettext("ref %(reference)s") % {"reference": first.reference})
        w.write("\n" + _clean(f"{where}  —  {first.region}.{first.programme}, {', '.join(about)}") + "\n")
        labels = self._labels
        width = max(len(labels[outcome_word(r)]) for r in kept)
        for r in kept:
            rule = r.rule_id.split(".", 2)[2]
            w.write(_clean(f"  {labels[outcome_word(r)].ljust(width)}  {rule}{_headline(r, t)}") + "\n")
            pad = " " * (width + 4)
            explanation = r.explanation.sv if self.lang == "sv" else r.explanation.en
            w.write(pad + _clean(explanation) + "\n")
            for path in r.missing[:SHOWN_MISSING]:
                fact = describe_path(type_name, path, self.lang)
                w.write(pad + _clean(t.gettext("Supply: %(fact)s — %(path)s") % {"fact": fact, "path": path}) + "\n")
            if len(r.missing) > SHOWN_MISSING:
                more = len(r.missing) - SHOWN_MISSING
                w.write(pad + t.ngettext("… and %(n)s more fact to supply (all of them: --format json)",
                                         "… and %(n)s more facts to supply (all of them: --format json)",
                                         more) % {"n": self._number(more)} + "\n")
            w.write(pad + _clean(f"§ {r.citation.reference} › {r.citation.section}") + "\n")

    def _number(self, n: int) -> str:
        return number(n, self.lang)

    def part(self) -> tuple[str, str, dict[str, int], dict[str, int], int, int]:
        """What this writer has gathered (for ``--jobs``: a worker's chunk), to :meth:`merge` into
        the writer that prints; this one is closed."""
        self._documents.seek(0)
        self._details.seek(0)
        gathered = (self._documents.read(), self._details.read(), dict(self._outcomes), dict(self._with),
                    self._n, self._errors)
        self._documents.close()
        self._details.close()
        return gathered

    def merge(self, part: tuple[str, str, dict[str, int], dict[str, int], int, int]) -> None:
        """Add a :meth:`part` gathered elsewhere, as if its documents had been written here."""
        documents, details, outcomes, with_, n, errors = part
        self._documents.write(documents)
        self._details.write(details)
        self._outcomes.update(outcomes)
        self._with.update(with_)
        self._n += n
        self._errors += errors

    def error(self, where: str, kind: str, message: str, errors: Iterable[tuple[str, str]] = ()) -> None:
        self._errors += 1
        self._documents.write("  " + _clean(self.t.gettext("%(where)s: not evaluated (%(message)s)")
                                            % {"where": where, "message": message}) + "\n")

    def close(self) -> None:
        out, t, num = self.out, self.t, self._number
        total = sum(self._outcomes.values())
        if self._n:  # nothing evaluated: the errors on stderr say it all
            head = t.gettext("Summary: %(documents)s, %(results)s") % {
                "documents": t.ngettext("%(n)s document", "%(n)s documents", self._n) % {"n": num(self._n)},
                "results": t.ngettext("%(n)s result", "%(n)s results", total) % {"n": num(total)},
            }
            if self._errors:
                head += t.gettext("; %(records)s not evaluated") % {
                    "records": t.ngettext("%(n)s record", "%(n)s records", self._errors) % {"n": num(self._errors)},
                }
            out.write(head + "\n")
            if total:
                heading = (t.pgettext("summary column", "outcome"), t.pgettext("summary column", "results"),
                           t.pgettext("summary column", "documents"))
                width = max(len(heading[0]), *(len(label) for label in self._labels.values()))
                n1, n2 = max(8, len(heading[1])), max(9, len(heading[2]))
                out.write(f"  {heading[0].ljust(width)}  {heading[1]:>{n1}}  {heading[2]:>{n2}}\n")
                for o in self._ORDER:
                    if self._outcomes[o]:
                        out.write(f"  {self._labels[o].ljust(width)}  {num(self._outcomes[o]):>{n1}}"
                                  f"  {num(self._with[o]):>{n2}}\n")
            out.write("\n" + t.gettext("Documents") + "\n")
            self._documents.seek(0)
            for line in self._documents:
                out.write(line)
            self._details.seek(0)
            for line in self._details:
                out.write(line)
        self._details.close()
        self._documents.close()
        out.flush()


def _headline(result: Result, t: NullTranslations) -> str:
    """The one fact a reader looks for beside the rule: where a routed case goes, or a deadline."""
    values = result.values
    if is_route(result) and values.get("route") is not None:
        return " — " + t.gettext("goes to %(route)s") % {"route": _words(str(values["route"]))}
    due, actual = _day(values.get("due")), _day(values.get("actual"))
    if due is not None:
        return " — " + t.gettext("due %(day)s") % {"day": due} + (
            ", " + t.gettext("done %(day)s") % {"day": actual} if actual is not None else "")
    return ""


def _day(value: Any) -> str | None:
    """A day as ISO text (values hold days as ``date`` or as text), else None."""
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def writer_for(fmt: str, out: TextIO, **kwargs: Any) -> Writer:
    kinds: dict[str, type[Writer]] = {"text": TextWriter, "json": JsonWriter, "jsonl-lean": LeanWriter, "csv": CsvWriter}
    return kinds[fmt](out, **kwargs)
