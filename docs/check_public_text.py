"""No source file name or internal planning reference reaches a reader.

A citation names the rulebook (title, issuer, edition, section, quote), never the text file it
was extracted to; notes and docs speak of the rulebook and of the project's documented
conventions (Explanation: the calendar, what a result means), never of planning files. This
module holds the patterns; ``tests/test_public_text.py`` applies them to ``primarvard rules`` and
the docs session to the built site::

    python docs/check_public_text.py docs/_build/html
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

#: (what it is, pattern). Case matters for SPEC: "a spec can gain arguments" is plain English.
FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a rulebook's source file name", re.compile(r"\b\d{3}_[0-9a-f]{16}(?:\.txt)?\b")),
    ("a planning file", re.compile(r"\bSPEC(?:\.md)?\b|\brules(?:-additions)?\.yaml\b")),
    ("a planning word", re.compile(r"\bbriefing\b", re.IGNORECASE)),
    ("a path outside the project", re.compile(r"\.\./shared\b|\bshared/(?:spec|regulations|reviews)\b")),
    ("a review file", re.compile(r"\b(?:newcomer|audit-\w+)\.md\b")),
)


def problems(text: str, where: str = "") -> Iterator[str]:
    """Every forbidden reference in ``text``, with a little context."""
    for what, pattern in FORBIDDEN:
        for m in pattern.finditer(text):
            context = text[max(0, m.start() - 50): m.end() + 30].replace("\n", " ")
            yield f"{where}: {what}: {m.group(0)!r} in …{context}…"


def page_text(path: Path) -> str:
    """The text a reader sees on a built page (tags dropped, entities decoded; scripts kept out)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def site_problems(root: Path) -> list[str]:
    """Every forbidden reference on the built site's pages and in its search index."""
    found: list[str] = []
    pages: Iterable[Path] = sorted(root.rglob("*.html"))
    for page in pages:
        found.extend(problems(page_text(page), str(page.relative_to(root))))
    index = root / "searchindex.js"
    if index.exists():
        found.extend(problems(_live_index(index.read_text(encoding="utf-8")), "searchindex.js"))
    return found


def _live_index(text: str) -> str:
    """The search index without the terms no page has any more (an incremental build keeps the
    words of earlier builds as empty entries; a reader's search cannot find them)."""
    body = text.strip()
    prefix = "Search.setIndex("
    if not (body.startswith(prefix) and body.endswith(")")):
        return text
    data = json.loads(body[len(prefix):-1])
    for key in ("terms", "titleterms"):
        if isinstance(data.get(key), dict):
            data[key] = {term: where for term, where in data[key].items() if where not in ([], {})}
    return json.dumps(data, ensure_ascii=False)


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "docs/_build/html")
    found = site_problems(root)
    for line in found:
        print(line)
    print(f"check_public_text: {len(found)} problem(s) on {root}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
