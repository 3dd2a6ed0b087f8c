"""The hooks a region plugin implements.

Hooks are keyword-only, so a spec can gain arguments later without breaking plugins. The core
calls each hook on the one plugin that owns the region in question (never "all plugins, last one
wins"), catches what it raises and reports it with the plugin's distribution name.

Most plugins do not implement these by hand: :class:`primarvard_sdk.plugin.RegionPlugin` implements
all of them from the plugin's data files and rule functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pluggy

from primarvard_sdk.context import RuleContext
from primarvard_sdk.examples import Example
from primarvard_sdk.model import Annex, Finding, Region, Rule
from primarvard_sdk.vectorised import VectorisedRule

PROJECT = "primarvard_sdk"
#: Marks hook specifications (core only).
hookspec = pluggy.HookspecMarker(PROJECT)
#: Marks hook implementations in plugins.
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def primarvard_sdk_region() -> Region:  # type: ignore[empty-body]
    """Declare the region this plugin provides and its programmes.

    Called once, when the plugin is loaded. Keep it cheap: read no rulebook here. Two plugins
    declaring the same region code is an error; neither serves that region until one is removed.

    :return: the :class:`~primarvard_sdk.model.Region` with its programmes and their source
        documents.

    .. versionadded:: 0.1
    """


@hookspec
def primarvard_sdk_rules(programme: str) -> Sequence[Rule]:  # type: ignore[empty-body]
    """Return every rule of ``programme``.

    Called on the owning plugin the first time a programme's rules are needed; the result is
    cached. Every rule id must start with ``<region>.<programme>.`` and be unique; the core checks
    this and reports a violation as a plugin error.

    :param programme: a programme code the plugin declared in :func:`primarvard_sdk_region`.
    :return: the rules, each with kind, subject, title, dated parameters and citation.

    .. versionadded:: 0.1
    """


@hookspec
def primarvard_sdk_annexes(programme: str) -> Sequence[Annex]:  # type: ignore[empty-body]
    """Return the annex mapping of ``programme``: one entry per topic it covers.

    Topics are the canonical ones of :data:`primarvard_sdk.model.ANNEX_TOPICS` where they apply;
    a programme without numbered annexes answers with section references instead.

    :param programme: a programme code the plugin declared.

    .. versionadded:: 0.1
    """


@hookspec
def primarvard_sdk_evaluate(rule: Rule, document: Any, context: RuleContext) -> Finding:  # type: ignore[empty-body]
    """Evaluate one rule on one document and return what it found.

    Only called with a rule the plugin returned and a document of the rule's ``input_type``. Must
    not raise for any valid document: a missing input is an ``indeterminate`` finding naming the
    field. Must read parameters through ``context.param`` so that the result reports them. The
    core adds the citation, the parameters used and the caller's reference.

    :param rule: the rule to evaluate.
    :param document: a structured domain object (``Remiss``, ``Vardenhet``, ...).
    :param context: the as-of date and the parameter values in force on it.
    :return: a :class:`~primarvard_sdk.model.Finding`.

    .. versionadded:: 0.1
    """


@hookspec
def primarvard_sdk_vectorised(rule: Rule) -> VectorisedRule | None:
    """Return the vectorised twin of ``rule``, or ``None`` when it has none. Optional hook.

    A twin evaluates the rule over columns (population scale, :mod:`primarvard_sdk.batch`) with
    the same semantics as :func:`primarvard_sdk_evaluate` on each row. Plugins built on
    :class:`~primarvard_sdk.plugin.RegionPlugin` register twins with
    :meth:`Implementations.vectorised <primarvard_sdk.plugin.Implementations.vectorised>`.

    .. versionadded:: 0.2
    """


@hookspec
def primarvard_sdk_examples(programme: str) -> Sequence[Example]:  # type: ignore[empty-body]
    """Return the programme's worked examples (cases from the rulebook's text). Optional hook.

    :class:`~primarvard_sdk.plugin.RegionPlugin` reads them from ``data/<programme>.examples.yaml``
    (format: :mod:`primarvard_sdk.examples`). The test suite and the conformance kit run them; the
    documentation shows them on each rule's page.

    .. versionadded:: 0.3
    """


@hookspec
def primarvard_sdk_extensions() -> Mapping[str, type]:  # type: ignore[empty-body]
    """Declare the facts this region's rulebook needs that no core document type holds. Optional hook.

    Return, per document type name (``"Vardenhet"``), a frozen attrs class of the extra facts.
    A document carries them under ``tillagg`` keyed by the region code
    (``{"tillagg": {"gotland": {...}}}``); the core checks each entry against its region's class
    at the edge (typed errors naming the JSON path, like every other field; an entry of a region
    that declares none for the type is refused), shows the classes in ``primarvard schema`` and
    the OpenAPI document, and a rule reads its region's entry typed with
    :meth:`RuleContext.extension <primarvard_sdk.context.RuleContext.extension>`. Fields follow
    the domain types' conventions: optional (``None`` = not reported), tuples for lists; name the
    classes with the region (``GotlandVardenhet``): schema definitions are named by class.

    :class:`~primarvard_sdk.plugin.RegionPlugin` takes them as its ``extensions`` argument.

    .. versionadded:: 0.4
    """
