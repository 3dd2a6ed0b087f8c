"""Sphinx extension: the service's OpenAPI 3.1 document and its endpoint table, generated.

On ``builder-inited`` it writes ``reference/generated/openapi.json`` (offered for download on
the HTTP API page) and ``reference/generated/_fragments/http_endpoints.md`` (the table of
operations), both from :func:`primarvard_sdk.service.openapi.openapi_document` — the document the
server itself serves at ``/openapi.json``. It needs only the core, not the server extra.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

GENERATED = Path("reference") / "generated"


def endpoints_table(document: dict[str, Any]) -> str:
    lines = ["| Method | Path | What | Answers |", "|---|---|---|---|"]
    for path, item in document["paths"].items():
        for method, op in item.items():
            statuses = ", ".join(sorted(op["responses"]))
            lines.append(f"| {method.upper()} | `{path}` | {op['summary']} | {statuses} |")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _builder_inited(app: Sphinx) -> None:
    from primarvard_sdk.service.openapi import openapi_document

    document = openapi_document()
    root = Path(app.srcdir) / GENERATED
    _write(root / "openapi.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    _write(root / "_fragments" / "http_endpoints.md", endpoints_table(document))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _builder_inited)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
