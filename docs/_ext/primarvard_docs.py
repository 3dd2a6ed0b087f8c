"""Sphinx extension: pages generated from the code and the installed region plugins.

On ``builder-inited`` it writes Markdown into ``docs/reference/generated/`` (gitignored):

- ``regions/<region>-<programme>.md``: one page per region and programme, every rule with its
  kind, parameters and their validity dates, description, notes and cited source;
- ``schemas/<Type>.md``: the JSON Schema of every type in :data:`primarvard_sdk.schema.SCHEMA_TYPES`;
- ``_fragments/cli.md``: the command line, rendered from :func:`primarvard_sdk.cli.build_parser`;
- ``_fragments/notes.md``: every rule's ``notes`` (how an unclear text is read);
- ``_fragments/comparison.md``: the regions side by side, driven by rule ids (see ``COMPARISON``).

Nothing is copied by hand, so the site says what the installed code does. A rule that has not
landed yet shows as "—" in the comparison; a plugin that fails to load is a Sphinx warning (and so
an error under ``-W``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

GENERATED = Path("reference") / "generated"

#: The site's languages and where each build lives relative to the English root
#: (docs/_build/html and docs/_build/html/sv): the language switch links a page to the same page
#: in the other language.
LANGUAGES: Mapping[str, str] = {"en": "", "sv": "sv/"}
SWITCH_LABELS: Mapping[str, tuple[str, str]] = {
    # language of the page → (label of the link to the other language, its aria label)
    "en": ("Svenska", "Language"),
    "sv": ("English", "Språk"),
}

#: The language the generated pages are written in (set from ``app.config.language`` when the
#: builder starts: the Swedish build writes Swedish headings and labels, the rest stays as the
#: plugins carry it — titles and quotes in Swedish, descriptions and notes in English).
_LANGUAGE = "en"

#: The generated pages' own words in Swedish (the terms of the CLI's Swedish catalogue:
#: godkänd/underkänd, i tid/försenad/öppen, ej tillämplig, kan inte avgöras, hänvisning, regelbok).
SV: Mapping[str, str] = {
    "Region code {region}, programme code {programme}: rule ids start with {prefix}. "
    "This page is generated from the installed plugin; it lists **{n} rules**.":
        "Regionkod {region}, programkod {programme}: regelid:n börjar med {prefix}. "
        "Sidan genereras från den installerade insticksmodulen och listar **{n} regler**.",
    "Källor — source documents": "Källor",
    "Upplagor — rulebook editions": "Upplagor",
    "The edition in force on a case's governing day (the day the obligation arose) decides "
    "every rule; on a day outside them all, every rule answers `not_applicable` "
    "(`no_rulebook_in_force`).":
        "Den upplaga som gäller på ärendets styrande dag (den dag skyldigheten uppstod) avgör "
        "varje regel; en dag utanför alla upplagor svarar varje regel `not_applicable` (ej "
        "tillämplig, `no_rulebook_in_force`).",
    "Edition": "Upplaga",
    "Title": "Titel",
    "Issuer": "Utfärdare",
    "In force": "Gäller",
    "Översikt — overview": "Översikt",
    "Rule id": "Regel-id",
    "Kind": "Typ",
    "Title (Swedish)": "Titel",
    "Bilagor per ämne — annex mapping by topic": "Bilagor per ämne",
    "Permanent link": "Permanent länk",
    "Input": "Indata",
    "none (an annex mapping)": "ingen (en bilagemappning)",
    "Rule (English)": "Regeln (på engelska)",
    "Rule (Swedish)": "Regeln",
    "Governing day": "Styrande dag",
    "the evaluation day (`as_of`): a standing requirement":
        "utvärderingsdagen (`as_of`): ett stående krav",
    "each dated item's own day (items outside every edition are listed, not judged)":
        "varje daterad posts egen dag (poster utanför alla upplagor listas men bedöms inte)",
    "{field} of the document": "{field} i dokumentet",
    "picks the edition and the parameter values": "väljer upplaga och parametervärden",
    "Scope (tillämpning)": "Tillämpning",
    "Needs (else indeterminate)": "Behöver (annars kan inte avgöras)",
    "Reading of the text (notes)": "Så läses texten (anmärkningar, på engelska)",
    "Parameters:": "Parametrar:",
    "Name": "Namn",
    "Value": "Värde",
    "Unit": "Enhet",
    "Valid (from – to)": "Gäller (från – till)",
    "Description": "Beskrivning",
    "source": "källa",
    "Source": "Källa",
    "Exempel / Examples (each is run by the test suite):": "Exempel (testsviten kör vart och ett):",
    "Case": "Fall",
    "Example": "Exempel",
    "Deciding words": "Avgörande ord",
    "Answer": "Svar",
    "missing": "saknas",
    "Topic": "Ämne",
    "Annex or section": "Bilaga eller avsnitt",
    "Details": "Detaljer",
    "also cited as": "citeras även som",
    "items": "punkter",
    "vad har ändrats — what changed": "vad har ändrats",
    "Generated from the editions and the dated parameter values of the installed plugin; "
    "the rules themselves are on {link}.":
        "Genererad från upplagorna och de daterade parametervärdena i den installerade "
        "insticksmodulen; själva reglerna finns på {link}.",
    "Upplagor — editions": "Upplagor",
    "Ändringar — changes by the day they take effect": "Ändringar per dag de börjar gälla",
    "No parameter changes: every value runs through its edition unchanged. When the next "
    "edition is added as data (see {link}), its changed values are listed here by the day "
    "they take effect.":
        "Inga ändrade parametrar: varje värde gäller oförändrat hela sin upplaga. När nästa "
        "upplaga läggs till som data (se {link}) listas de ändrade värdena här per dag de börjar "
        "gälla.",
    "edition": "upplaga",
    "outside every edition": "utanför alla upplagor",
    "Rule": "Regel",
    "Parameter": "Parameter",
    "Before": "Före",
    "From this day": "Från denna dag",
    "no longer in force": "gäller inte längre",
    "Subject": "Område",
    "No rules are installed for this programme yet.": "Inga regler är installerade för programmet ännu.",
    "{noted} of {n} rules carry a note.": "{noted} av {n} regler har en anmärkning.",
    "yes": "ja",
    "no": "nej",
}

#: Subject headings in Swedish (the English meaning is dropped on the Swedish pages).
SV_SUBJECTS: Mapping[str, str] = {
    "vardenhet": "Vårdenhet — personal, funktioner, lokaler",
    "tillganglighet": "Tillgänglighet — öppettider, telefon, e-tjänster",
    "listning": "Listning — en persons val av vårdenhet",
    "remiss": "Remiss — remisser",
    "vardkontakt": "Vårdkontakt — vårdkontakter och besök",
    "uppfoljning": "Uppföljning — uppföljning och rapportering till regionen",
    "samverkan": "Samverkan — samverkan med andra vårdgivare",
    "bilagor": "Bilagor — regelbokens bilagor",
}

#: Outcomes in the words of the CLI's Swedish catalogue (msgctxt "outcome").
SV_OUTCOMES: Mapping[str, str] = {
    "pass": "godkänd", "fail": "underkänd", "warning": "varning", "met": "i tid", "missed": "försenad",
    "open": "öppen", "indeterminate": "kan inte avgöras", "not_applicable": "ej tillämplig",
}

#: Rule kinds in Swedish.
SV_KINDS: Mapping[str, str] = {
    "deadline": "frist — ett datum eller en tid räknad från en händelse: i tid / försenad / öppen",
    "eligibility": "behörighet — om en person, remiss eller listning tas emot, och vart den hänvisas",
    "requirement": "krav — en uppgift om vårdenheten: godkänd / underkänd",
    "threshold": "tröskelvärde — en krävd mängd jämförd med den uppgivna",
    "allocation": "fördelning — en mängd fördelad mellan enheter",
    "annex": "bilagor — ämnen kopplade till bilagenummer eller avsnitt",
}


def t(text: str, **fields: str) -> str:
    """``text`` in the language of the build (Swedish from :data:`SV`), with ``fields`` filled in."""
    chosen = SV.get(text, text) if _LANGUAGE == "sv" else text
    return chosen.format(**fields) if fields else chosen


def subject_heading(subject: str) -> str:
    if _LANGUAGE == "sv" and subject in SV_SUBJECTS:
        return SV_SUBJECTS[subject]
    return SUBJECTS.get(subject, subject)


def kind_word(kind: str) -> str:
    """The kind as the overview shows it: the code, or on the Swedish pages the Swedish word."""
    return SV_KINDS[kind].split(" — ")[0] if _LANGUAGE == "sv" and kind in SV_KINDS else kind


def kind_text(kind: str) -> str:
    return (SV_KINDS if _LANGUAGE == "sv" else KINDS).get(kind, "")

#: The rule subjects, with the Swedish term and its English meaning.
SUBJECTS: Mapping[str, str] = {
    "vardenhet": "Vårdenhet — the care unit: staff, functions, premises",
    "tillganglighet": "Tillgänglighet — availability: opening hours, telephone, e-services",
    "listning": "Listning — listing: a person's choice of care unit",
    "remiss": "Remiss — referrals",
    "vardkontakt": "Vårdkontakt — care contacts and visits",
    "uppfoljning": "Uppföljning — follow-up and reporting to the region",
    "samverkan": "Samverkan — collaboration with other care providers",
    "bilagor": "Bilagor — annexes of the rulebook",
}

#: What each rule kind computes (the Swedish word a regional reader would use, then English).
KINDS: Mapping[str, str] = {
    "deadline": "frist — a due date or time from an event: met / missed / open",
    "eligibility": "behörighet — whether a person, referral or listing is accepted, and the route",
    "requirement": "krav — a declared fact of a care unit: pass / fail",
    "threshold": "tröskelvärde — a required quantity compared with what is declared",
    "allocation": "fördelning — a quantity split between units",
    "annex": "bilagor — topics mapped to annex numbers or sections",
}

# --- the comparison: rows of rule ids per programme --------------------------------------------
# Each table is (heading, intro, rows); each row is (label, {"region.programme": [rule ids]}).
# The ids are the rule catalogue's; an id the installed plugins do not (yet) provide shows as "—".

Row = tuple[str, Mapping[str, Sequence[str]]]

COMPARISON: Sequence[tuple[str, str, Sequence[Row]]] = (
    (
        "Öppettider — opening hours",
        "When the unit must be open or reachable, and what happens when it closes for a while.",
        (
            ("Öppettider (opening hours)", {
                "kalmar.halsoval": ["kalmar.halsoval.tillganglighet.oppettider"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.tillganglighet.oppettider"],
            }),
            ("Telefon (telephone hours, acute line, answering machine)", {
                "kalmar.halsoval": ["kalmar.halsoval.tillganglighet.akuttelefon",
                                    "kalmar.halsoval.tillganglighet.teleq"],
                "varmland.vardcentral": ["varmland.vardcentral.tillganglighet.telefon",
                                         "varmland.vardcentral.tillganglighet.telefonsvarare"],
            }),
            ("Sjukvårdsrådgivning (medical advice: lowest competence)", {
                "kalmar.halsoval": ["kalmar.halsoval.tillganglighet.radgivning"],
                "varmland.vardcentral": ["varmland.vardcentral.tillganglighet.radgivning"],
            }),
            ("Jour och helg (on-call, evenings and weekends)", {
                "kalmar.halsoval": ["kalmar.halsoval.uppfoljning.helgoppen_bemanning"],
                "varmland.vardcentral": ["varmland.vardcentral.tillganglighet.jourcentral",
                                         "varmland.vardcentral.vardenhet.jour_kompetens"],
            }),
            ("Tillfällig stängning (temporary closure, reduced opening)", {
                "kalmar.halsoval": ["kalmar.halsoval.tillganglighet.tillfallig_stangning"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.tillganglighet.tillfallig_stangning"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.tillganglighet.begransat_oppethallande",
                                          "vasterbotten.halsoval.uppfoljning.utbudsbegransning"],
            }),
        ),
    ),
    (
        "E-tjänster — e-services",
        "The basic offer of e-services (grundutbud) and how fast a digital matter must be answered.",
        (
            ("Grundutbud (basic e-service offer)", {
                "kalmar.halsoval": ["kalmar.halsoval.tillganglighet.e_tjanster",
                                    "kalmar.halsoval.tillganglighet.1177_direkt"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.tillganglighet.e_tjanster"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.tillganglighet.e_tjanster"],
            }),
            ("Svarstid (response time)", {
                "vasterbotten.halsoval": ["vasterbotten.halsoval.tillganglighet.e_tjanst_svarstid"],
            }),
            ("Digital mottagning (digital clinic: age limit)", {
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.remiss.digital_mottagning"],
            }),
        ),
    ),
    (
        "Listning — listing: age and change limits",
        "Who may choose a unit, from what age, how often one may change, and choices made for others.",
        (
            ("Eget val: ålder (age for one's own choice)", {
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.eget_val_alder"],
            }),
            ("Byten per år (changes per year)", {
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.max_byten"],
            }),
            ("Aktivt val och ickeval (active choice, and persons who made none)", {
                "varmland.vardcentral": ["varmland.vardcentral.listning.aktivt_val",
                                         "varmland.vardcentral.listning.ickeval"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.ickeval",
                                          "vasterbotten.halsoval.listning.kollektiv_listning"],
            }),
            ("Nyfödda, flytt, skyddade personuppgifter (newborns, moving, protected identity)", {
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.nyfodda",
                                          "vasterbotten.halsoval.listning.flytt_inom_lanet",
                                          "vasterbotten.halsoval.listning.skyddade_personuppgifter"],
                "varmland.vardcentral": ["varmland.vardcentral.listning.vardansvar_overgang"],
            }),
        ),
    ),
    (
        "Listningstak och listningsstopp — caps and stops",
        "Whether a unit may refuse a listing, cap its list, or stop listing for a while.",
        (
            ("Får ej neka (may not refuse)", {
                "varmland.vardcentral": ["varmland.vardcentral.listning.far_ej_neka"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.far_ej_neka"],
            }),
            ("Listningstak (cap on the listed population)", {
                "varmland.vardcentral": ["varmland.vardcentral.listning.listningstak"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.listningstak"],
            }),
            ("Listningsstopp (stop, maximum length)", {
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.listningsstopp"],
            }),
            ("Filial (branch clinic)", {
                "vasterbotten.halsoval": ["vasterbotten.halsoval.listning.filial",
                                          "vasterbotten.halsoval.vardenhet.filial_ledning"],
            }),
        ),
    ),
    (
        "Frister — referral and contact deadlines",
        "How fast a referral or a contact must be handled, counted per the calendar policy.",
        (
            ("Första kontakt efter remiss (first contact after a referral)", {
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.remiss.forsta_kontakt",
                                         "kalmar.psykisk_halsa.remiss.komplettering"],
            }),
            ("VFSP-återkoppling (suicide-prevention pathway feedback)", {
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.remiss.vfsp_aterkoppling"],
            }),
            ("Kontakt och bedömning (contact and medical assessment)", {
                "kalmar.halsoval": ["kalmar.halsoval.vardkontakt.kontakt_samma_dag",
                                    "kalmar.halsoval.vardkontakt.medicinsk_bedomning"],
                "varmland.vardcentral": ["varmland.vardcentral.vardkontakt.samma_dag_fore_17"],
            }),
            ("Akuta hembesök (urgent home visits)", {
                "varmland.vardcentral": ["varmland.vardcentral.vardkontakt.akut_hembesok"],
            }),
            ("Vem får remittera (who may refer, from where, from what age)", {
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.remiss.utfardare",
                                         "kalmar.psykisk_halsa.remiss.utomlans",
                                         "kalmar.psykisk_halsa.remiss.alder"],
                "varmland.vardcentral": ["varmland.vardcentral.remiss.psykisk_ohalsa_alder",
                                         "varmland.vardcentral.remiss.medicinsk_fotvard"],
            }),
        ),
    ),
    (
        "Bemanning — staffing requirements",
        "Which professions and functions a unit must have, and how much of them.",
        (
            ("Verksamhetschef (head of the unit)", {
                "kalmar.halsoval": ["kalmar.halsoval.vardenhet.verksamhetschef"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.vardenhet.verksamhetschef"],
            }),
            ("Läkare, specialist i allmänmedicin (GPs)", {
                "kalmar.halsoval": ["kalmar.halsoval.vardenhet.samlokaliserade_lakare",
                                    "kalmar.halsoval.vardenhet.andel_allmanmedicin",
                                    "kalmar.halsoval.vardenhet.fast_lakarkontakt_riktvarde"],
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.specialist_allmanmedicin"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.vardenhet.allmanmedicin_majoritet"],
            }),
            ("Sjuksköterskor (district nurses, lowest nursing competence)", {
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.distriktsskoterska",
                                         "varmland.vardcentral.vardenhet.lagsta_omvardnadskompetens"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.vardenhet.distriktsskoterska_majoritet"],
            }),
            ("Vårdsamordnare (care coordinator)", {
                "kalmar.halsoval": ["kalmar.halsoval.vardenhet.vardsamordnare"],
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.samordnande_sjukskoterska"],
            }),
            ("Psykisk hälsa: kompetens (mental-health competences)", {
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.vardenhet.kompetenskrav",
                                         "kalmar.psykisk_halsa.vardenhet.tillgang_psykolog",
                                         "kalmar.psykisk_halsa.vardenhet.kurator_socionom",
                                         "kalmar.psykisk_halsa.vardenhet.steg1_inom_ett_ar"],
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.psykisk_ohalsa_kompetens"],
            }),
            ("Läkartid per population (physician hours for BVC, BMM, UMM, SÄBO)", {
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.bvc_lakartid",
                                         "varmland.vardcentral.vardenhet.bmm_lakartid",
                                         "varmland.vardcentral.vardenhet.umm_lakartid",
                                         "varmland.vardcentral.vardenhet.sabo_lakartid"],
            }),
            ("Övriga kompetenser och funktioner (other competences and staffed functions)", {
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.diabetes_astma_kol",
                                         "varmland.vardcentral.vardenhet.bmm_lakarkompetens"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.vardenhet.kompetenser",
                                          "vasterbotten.halsoval.vardenhet.bemannade_funktioner",
                                          "vasterbotten.halsoval.vardenhet.bvc_mvc_kompetens",
                                          "vasterbotten.halsoval.vardenhet.smittskydd_kontaktperson"],
            }),
            ("Kompetensbrist (staff shortage: how long it may last)", {
                "kalmar.halsoval": ["kalmar.halsoval.vardenhet.kompetensbrist"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.vardenhet.kompetensbrist"],
            }),
            ("Utbildningsplatser och fortbildning (training posts, continuing education)", {
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.vardenhet.ptp_platser"],
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.fortbildning"],
            }),
        ),
    ),
    (
        "Rapportering — reporting deadlines",
        "What a unit must report to the region, and by when.",
        (
            ("Byte av verksamhetschef (change of head of unit)", {
                "kalmar.halsoval": ["kalmar.halsoval.uppfoljning.byte_verksamhetschef"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.uppfoljning.byte_verksamhetschef"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.uppfoljning.byte_verksamhetschef"],
            }),
            ("Lokalbyte (change of premises)", {
                "kalmar.halsoval": ["kalmar.halsoval.uppfoljning.lokalbyte"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.uppfoljning.lokalbyte"],
            }),
            ("Förändrat uppdrag eller samverkan (changes to the assignment or collaboration)", {
                "kalmar.halsoval": ["kalmar.halsoval.uppfoljning.forandring_psykisk_halsa"],
                "kalmar.psykisk_halsa": ["kalmar.psykisk_halsa.uppfoljning.forandring_samverkan"],
            }),
            ("Begärda uppgifter (information the region asks for)", {
                "kalmar.halsoval": ["kalmar.halsoval.uppfoljning.uppgifter_14_dagar"],
            }),
            ("Årliga rapporter, planer och dialog (yearly reports, plans, dialogue)", {
                "varmland.vardcentral": ["varmland.vardcentral.uppfoljning.naromradesplan"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.uppfoljning.patientsakerhetsberattelse",
                                          "vasterbotten.halsoval.uppfoljning.dialog"],
            }),
            ("Kvalitetsregister (quality registers)", {
                "varmland.vardcentral": ["varmland.vardcentral.vardenhet.kvalitetsregister"],
                "vasterbotten.halsoval": ["vasterbotten.halsoval.vardenhet.kvalitetsregister"],
            }),
        ),
    ),
)


# --- Markdown helpers --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$])")


def esc(text: object) -> str:
    """Plain text made safe inside Markdown (and inside a table cell)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code(text: object) -> str:
    body = str(text).replace("|", "\\|")
    fence = "``" if "`" in body else "`"
    return f"{fence}{body}{fence}"


def render_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


#: ISO weekday numbers, as parameters key opening hours by day.
WEEKDAYS = {"1": "Monday", "2": "Tuesday", "3": "Wednesday", "4": "Thursday", "5": "Friday",
            "6": "Saturday", "7": "Sunday"}

#: Weekday codes, as parameters list the days a unit is open.
DAY_CODES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
             "sat": "Saturday", "sun": "Sunday"}

#: Units read by a person: the plain word for the data file's unit.
UNIT_WORDS = {"local time": "", "HH:MM": "", "date": "", "share": ""}


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _scalar(value: Any, unit: str | None) -> str:
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, int | float):
        if unit == "share" or (unit is None and isinstance(value, float) and 0 < value < 1):
            return f"{_number(value * 100)} %"
        word = UNIT_WORDS.get(unit or "", unit or "")
        first, _, rest = word.partition(" ")
        if value == 1 and first.endswith("s") and first[:-1] in ("year", "month", "week", "day", "hour", "minute"):
            word = f"{first[:-1]} {rest}".strip()
        return f"{_number(value)} {word}".strip()
    return esc(str(value))


def _duration(value: Mapping[str, Any]) -> str | None:
    units = ("years", "months", "weeks", "days", "hours", "minutes")
    if value and set(value) <= set(units) and all(isinstance(v, int) for v in value.values()):
        return ", ".join(f"{v} {k[:-1] if v == 1 else k}" for k, v in value.items())
    return None


def human_value(value: Any, unit: str | None = None, *, inline: bool = False, name: str = "") -> str:
    """A parameter value as a reader reads it (Markdown for a table cell): durations in words,
    hours and days with their unit, a time span as ``18:00–21:00``, weekdays by name, lists one
    item a line (or comma-separated when ``inline``) — never raw JSON, never cut."""
    if isinstance(value, Mapping):
        duration = _duration(value)
        if duration is not None:
            return duration
        items = []
        for k, v in value.items():
            key = WEEKDAYS[str(k)] if "weekday" in name and str(k) in WEEKDAYS else code(str(k))
            items.append(f"{key}: {human_value(v, unit, inline=True, name=name)}")
        return "; ".join(items) if inline or len(items) <= 2 else "<br>".join(items)
    if isinstance(value, list | tuple):
        if (unit in ("local time", "HH:MM") and len(value) == 2
                and all(isinstance(v, str) and re.fullmatch(r"\d\d:\d\d", v) for v in value)):
            return f"{value[0]}–{value[1]}"
        items = [human_value(v, unit, inline=True) for v in value]
        if value and all(v in DAY_CODES for v in value):
            return ", ".join(DAY_CODES[v] for v in value)
        if all(isinstance(v, str) for v in value):
            items = [code(str(v)) if re.fullmatch(r"[a-z0-9_.]+", str(v)) else esc(str(v)) for v in value]
        if inline or len(items) <= 3:
            return ", ".join(items)
        return "<br>".join("• " + i for i in items)
    if isinstance(value, str) and re.fullmatch(r"[a-z0-9_.]+", value):
        return code(value)
    return _scalar(value, unit)


def period(valid_from: date | None, valid_to: date | None) -> str:
    start = valid_from.isoformat() if valid_from else "…"
    end = valid_to.isoformat() if valid_to else ""
    return f"{start} – {end}".rstrip()


def page_name(region: str, programme: str) -> str:
    return f"{region}-{programme}"


def rule_ref(rule_id: str, text: str | None = None) -> str:
    return f"{{ref}}`{text or rule_id} <{rule_id}>`"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


# --- the pages ---------------------------------------------------------------------------------


def region_page(sdk: Any, region: Any, programme: Any) -> str:
    rules = sdk.rules(region.code, programme.code)
    annexes = sdk.annexes(region.code, programme.code)
    out = [
        f"# {esc(region.name)} — {esc(programme.title)}",
        "",
        t("Region code {region}, programme code {programme}: rule ids start with {prefix}. "
          "This page is generated from the installed plugin; it lists **{n} rules**.",
          region=code(region.code), programme=code(programme.code),
          prefix=code(region.code + "." + programme.code + "."), n=str(len(rules))),
        "",
        f"## {t('Källor — source documents')}",
        "",
    ]
    out += [f"- {esc(d.issuer) + ', ' if d.issuer else ''}*{esc(d.title)}*"
            + (f", {esc(d.edition)}" if d.edition and d.edition not in d.title else "")
            + (f" ({esc(d.annex)})" if d.annex else "") for d in programme.documents]
    out.append("")
    out += [f"## {t('Upplagor — rulebook editions')}", "",
            t("The edition in force on a case's governing day (the day the obligation arose) decides "
              "every rule; on a day outside them all, every rule answers `not_applicable` "
              "(`no_rulebook_in_force`)."), ""]
    out += table(
        (t("Edition"), t("Title"), t("Issuer"), t("In force")),
        ((code(e.id), esc(e.title), esc(e.issuer), esc(period(e.valid_from, e.valid_to))) for e in programme.editions),
    )
    for e in programme.editions:
        if e.notes:
            out += [f"{t('Edition')} {code(e.id)}\n: {esc(e.notes)}", ""]
    examples: dict[str, list[Any]] = {}
    for example in sdk.examples(region.code, programme.code):
        examples.setdefault(example.rule, []).append(example)
    if rules:
        out += [f"## {t('Översikt — overview')}", ""]
        out += table(
            (t("Rule id"), t("Kind"), t("Title (Swedish)")),
            ((rule_ref(r.id, r.id.split(".", 2)[2]), kind_word(r.kind.value), esc(r.title)) for r in rules),
        )
    by_subject: dict[str, list[Any]] = {}
    for r in rules:
        by_subject.setdefault(r.subject, []).append(r)
    order = [s for s in SUBJECTS if s in by_subject] + sorted(s for s in by_subject if s not in SUBJECTS)
    for subject in order:
        out += [f"## {esc(subject_heading(subject))}", ""]
        for r in by_subject[subject]:
            out += rule_section(r)
            out += examples_table(examples.get(r.id, ()))
    if annexes:
        out += [f"## {t('Bilagor per ämne — annex mapping by topic')}", ""]
        out += annex_table(annexes)
    return "\n".join(out) + "\n"


def rule_section(r: Any) -> list[str]:
    out = [
        f"({r.id})=",
        f"### {esc(r.title)}",
        "",
        f"```{{rule}} {r.id}",
        "```",
        "",
        f'{t("Permanent link")}: <a class="rule-link" href="../../../{RULE_LINKS}/{r.id}/index.html">rules/{r.id}/</a>',
        "",
        f"{t('Kind')}\n: {code(r.kind.value)} — {esc(kind_text(r.kind.value))}",
        "",
        f"{t('Input')}\n: {code(r.input_type) if r.input_type else t('none (an annex mapping)')}",
        "",
        *([f"{t('Rule (Swedish)')}\n: {esc(r.description_sv)}", ""] if r.description_sv else []),
        f"{t('Rule (English)')}\n: {esc(r.description)}",
        "",
    ]
    if r.input_type:
        day = {
            "as_of": t("the evaluation day (`as_of`): a standing requirement"),
            "each_item": t("each dated item's own day (items outside every edition are listed, not judged)"),
        }.get(r.governing_day, t("{field} of the document", field=code("$." + r.governing_day)))
        out += [f"{t('Governing day')}\n: {day} — {t('picks the edition and the parameter values')}", ""]
    if r.scope:
        out += [f"{t('Scope (tillämpning)')}\n: {esc(r.scope)}", ""]
    if r.needs:
        out += [f"{t('Needs (else indeterminate)')}\n: {', '.join(code(n) for n in r.needs)}", ""]
    if r.notes:
        out += [f"{t('Reading of the text (notes)')}\n: {linked_notes(r.notes)}", ""]
    if r.parameters:
        rows = []
        for p in r.parameters:
            for v in p.values:
                rows.append((
                    code(p.name),
                    human_value(v.value, p.unit, name=p.name),
                    esc(p.unit or ""),
                    esc(period(v.valid_from, v.valid_to)),
                    esc(p.description or "") + (
                        f" ({t('source')}: {citation_text(v.citation)})" if v.citation else ""),
                ))
        out += [t("Parameters:"), ""]
        out += table((t("Name"), t("Value"), t("Unit"), t("Valid (from – to)"), t("Description")), rows)
    c = r.citation
    out += [
        f"{t('Source')}: {citation_text(c)}",
        "",
        f"> {esc(c.quote)}",
        "",
    ]
    return out


#: Words of a rule's notes that name a convention written down on an Explanation page: the
#: rendered note links them there (label in docs/explanation/*.md). The first match of each
#: pattern in a note is linked; the plugin data stays as it is.
NOTE_LINKS: Sequence[tuple[re.Pattern[str], str]] = (
    (re.compile(r"\bthe (?:SDK's |project's )?calendar conventions?\b", re.IGNORECASE), "calendar-conventions"),
    (re.compile(r"\bthe (?:SDK's |project's )?(?:outcome|eligibility) conventions?\b", re.IGNORECASE),
     "outcome-conventions"),
    (re.compile(r"\bvardag(?:ar|en)?\b", re.IGNORECASE), "vardag"),
    (re.compile(r"\bcalendar days?\b|\bclamped\b", re.IGNORECASE), "counting-rules"),
)


def linked_notes(text: str) -> str:
    """A rule's notes as Markdown, with the first mention of each documented convention
    ("the calendar conventions", "vardag", "calendar days", "the outcome conventions") linked to
    its section of the Explanation pages."""
    plain = " ".join(str(text).split())
    found: list[tuple[int, int, str]] = []
    for pattern, label in NOTE_LINKS:
        for m in pattern.finditer(plain):
            quoted = plain.count('"', 0, m.start()) % 2 == 1  # the rulebook's own words stay as quoted
            overlaps = any(start < m.end() and m.start() < end for start, end, _ in found)
            if not quoted and not overlaps and all(label != done for _, _, done in found):
                found.append((m.start(), m.end(), label))
                break
    out, at = [], 0
    for start, end, label in sorted(found):
        out.append(_MD_SPECIAL.sub(r"\\\1", plain[at:start]))
        out.append(f"{{ref}}`{plain[start:end]} <{label}>`")
        at = end
    out.append(_MD_SPECIAL.sub(r"\\\1", plain[at:]))
    return "".join(out)


def citation_text(c: Any) -> str:
    """Issuer, *title*, edition, annex and section as the rulebook prints them (never a file)."""
    text = f"{esc(c.issuer)}, " if getattr(c, "issuer", None) else ""
    text += f"*{esc(c.title)}*"
    if getattr(c, "edition", None) and c.edition not in c.title:
        text += f", {esc(c.edition)}"
    if getattr(c, "annex", None):
        text += f" ({esc(c.annex)})"
    return text + f" › {esc(c.section)}"


def examples_table(examples: Sequence[Any]) -> list[str]:
    """A rule's worked examples: the case, the deciding words, the day and what the rule answers."""
    if not examples:
        return []
    rows = []
    for e in examples:
        expected = code(e.expect.outcome.value)
        if _LANGUAGE == "sv" and e.expect.outcome.value in SV_OUTCOMES:
            expected += f" ({SV_OUTCOMES[e.expect.outcome.value]})"
        if e.expect.values:
            expected += " " + ", ".join(f"{code(k)} = {code(render_value(v))}" for k, v in e.expect.values.items())
        if e.expect.missing:
            expected += f" — {t('missing')} " + ", ".join(code(m) for m in e.expect.missing)
        rows.append((esc(e.case.value), esc(e.name), f"“{esc(e.deciding)}”", code(e.as_of.isoformat()), expected))
    out = [t("Exempel / Examples (each is run by the test suite):"), ""]
    out += table((t("Case"), t("Example"), t("Deciding words"), "as_of", t("Answer")), rows)
    return out


def annex_table(annexes: Sequence[Any]) -> list[str]:
    from primarvard_sdk.model import ANNEX_TOPICS

    rows = []
    for a in annexes:
        topic = code(a.topic) + (f" ({esc(ANNEX_TOPICS[a.topic])})" if a.topic in ANNEX_TOPICS else "")
        where = f"Bilaga {esc(a.number)}" if a.number else esc(a.section or "")
        extra = []
        if a.aliases:
            extra.append(f"{t('also cited as')}: " + "; ".join(esc(x) for x in a.aliases))
        if a.items:
            extra.append(f"{t('items')}: " + "; ".join(esc(x) for x in a.items))
        rows.append((topic, where, esc(a.title), " — ".join(extra)))
    return table((t("Topic"), t("Annex or section"), t("Title"), t("Details")), rows)


def changes_page(sdk: Any, region: Any, programme: Any) -> str:
    """What changed between the editions of a programme, and within one: every dated parameter
    value that replaces or ends another, by the day it takes effect."""
    rules = sdk.rules(region.code, programme.code)
    out = [f"# {esc(region.name)} — {esc(programme.title)}: {t('vad har ändrats — what changed')}", "",
           t("Generated from the editions and the dated parameter values of the installed plugin; "
             "the rules themselves are on {link}.",
             link=f"{{doc}}`../regions/{page_name(region.code, programme.code)}`"), "",
           f"## {t('Upplagor — editions')}", ""]
    out += table((t("Edition"), t("Title"), t("Issuer"), t("In force")),
                 ((code(e.id), esc(e.title), esc(e.issuer), esc(period(e.valid_from, e.valid_to)))
                  for e in sorted(programme.editions, key=lambda e: e.valid_from)))
    changes: dict[date, list[tuple[str, ...]]] = {}
    for r in rules:
        for p in r.parameters:
            values = sorted(p.values, key=lambda v: v.valid_from or date.min)
            for before, after in itertools.pairwise(values):
                if after.valid_from is not None:
                    changes.setdefault(after.valid_from, []).append(
                        (rule_ref(r.id, r.id.split(".", 2)[2]), code(p.name),
                         human_value(before.value, p.unit, inline=True), human_value(after.value, p.unit, inline=True)))
            last = values[-1] if values else None
            if last is not None and last.valid_to is not None and not any(
                    e.valid_to == last.valid_to for e in programme.editions):
                day = date.fromordinal(last.valid_to.toordinal() + 1)
                changes.setdefault(day, []).append(
                    (rule_ref(r.id, r.id.split(".", 2)[2]), code(p.name),
                     human_value(last.value, p.unit, inline=True), t("no longer in force")))
    out += [f"## {t('Ändringar — changes by the day they take effect')}", ""]
    if not changes:
        out += [t("No parameter changes: every value runs through its edition unchanged. When the next "
                  "edition is added as data (see {link}), its changed values are listed here by the day "
                  "they take effect.", link="{doc}`../../../howto/next-year`"), ""]
    for day in sorted(changes):
        edition = next((e for e in programme.editions if e.in_force(day)), None)
        out += [f"### {day.isoformat()}" + (f" — {t('edition')} {esc(edition.id)}" if edition
                                             else f" — {t('outside every edition')}"), ""]
        out += table((t("Rule"), t("Parameter"), t("Before"), t("From this day")), changes[day])
    return "\n".join(out) + "\n"


def notes_fragment(sdk: Any) -> str:
    out: list[str] = []
    for region in sdk.regions():
        for programme in region.programmes:
            rules = sdk.rules(region.code, programme.code)
            out += [f"### {esc(region.name)} — {esc(programme.title)}", ""]
            noted = [r for r in rules if r.notes]
            if not rules:
                out += [t("No rules are installed for this programme yet."), ""]
                continue
            out.append(t("{noted} of {n} rules carry a note.", noted=str(len(noted)), n=str(len(rules))))
            out.append("")
            for r in noted:
                out += [f"{rule_ref(r.id)} — {esc(r.title)}", f": {linked_notes(r.notes)}", ""]
    return "\n".join(out) + "\n"


def _cell(rule_ids: Sequence[str], installed: Mapping[str, Any]) -> str:
    parts = []
    for rid in rule_ids:
        r = installed.get(rid)
        if r is None:
            continue
        params = []
        for p in r.parameters:
            for v in p.values:
                shown = human_value(v.value, p.unit, name=p.name)
                dated = f" ({esc(period(v.valid_from, v.valid_to))})" if v.valid_to or len(p.values) > 1 else ""
                params.append(f"{esc(p.name.replace('_', ' '))}: {shown}{dated}")
        text = rule_ref(rid, esc(r.title).replace("<", "").replace(">", ""))
        if params:
            text += ": " + "; ".join(params)
        parts.append(text)
    return "<br>".join(parts) if parts else "—"


def comparison_fragment(sdk: Any) -> str:
    from primarvard_sdk.model import ANNEX_TOPICS

    installed = {r.id: r for r in sdk.rules()}
    columns = [(f"{r.code}.{p.code}", f"{esc(r.name)}<br>{esc(p.title)}") for r in sdk.regions() for p in r.programmes]
    out: list[str] = []
    for heading, intro, rows in COMPARISON:
        out += [f"## {esc(heading)}", "", esc(intro), ""]
        body = [[esc(label)] + [_cell(ids.get(col, ()), installed) for col, _ in columns] for label, ids in rows]
        out += table(["Topic", *[title for _, title in columns]], body)

    out += [
        "## Bilagor — annex numbering by topic",
        "",
        "Each programme maps the canonical topics (rows) to its own annex (bilaga) number, or to a "
        "section where the rulebook has no annexes. Programme-specific topics follow the canonical ones.",
        "",
    ]
    mappings = {col: {a.topic: a for a in sdk.annexes(*col.split("."))} for col, _ in columns}
    extra_topics = sorted({t for m in mappings.values() for t in m} - set(ANNEX_TOPICS))
    body = []
    for topic in [*ANNEX_TOPICS, *extra_topics]:
        label = f"{code(topic)} ({esc(ANNEX_TOPICS[topic])})" if topic in ANNEX_TOPICS else code(topic)
        row = [label]
        for col, _ in columns:
            a = mappings[col].get(topic)
            if a is None:
                row.append("—")
            elif a.number:
                row.append(f"Bilaga {esc(a.number)}: {esc(a.title)}")
            else:
                row.append(f"{esc(a.section or '')}: {esc(a.title)}")
        body.append(row)
    out += table(["Topic", *[title for _, title in columns]], body)

    out += [
        "## Alla regler per område — every rule by subject",
        "",
        "How many rules each programme has per subject and kind (generated from every installed rule, "
        "including those not in a table above).",
        "",
    ]
    subjects = sorted({r.subject for r in installed.values()}, key=lambda s: (s not in SUBJECTS, list(SUBJECTS).index(s) if s in SUBJECTS else 0, s))
    body = []
    for subject in subjects:
        row = [esc(SUBJECTS.get(subject, subject).split(" — ")[0])]
        for col, _ in columns:
            region, programme = col.split(".")
            found = [r for r in installed.values() if (r.region, r.programme, r.subject) == (region, programme, subject)]
            if not found:
                row.append("—")
                continue
            kinds: dict[str, int] = {}
            for r in found:
                kinds[r.kind.value] = kinds.get(r.kind.value, 0) + 1
            row.append(", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
        body.append(row)
    if body:
        out += table(["Subject", *[title for _, title in columns]], body)
    else:
        out += ["No rules are installed yet.", ""]
    return "\n".join(out) + "\n"


def _argument_rows(parser: argparse.ArgumentParser) -> list[tuple[str, str, str]]:
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        if action.option_strings:
            name = ", ".join(action.option_strings)
            if action.nargs != 0:
                name += " " + (action.metavar or action.dest.upper())
        else:
            name = action.metavar or action.dest
            if action.nargs in ("+", "*"):
                name += " …"
        accepts = []
        if action.choices:
            accepts.append("one of " + ", ".join(code(c) for c in action.choices))
        if action.required and action.option_strings:
            accepts.append("required")
        if action.nargs == "?":
            accepts.append("optional")
        if action.default not in (None, argparse.SUPPRESS) and action.nargs != 0:
            accepts.append(f"default {code(action.default)}")
        rows.append((code(name), esc(action.help or ""), "; ".join(accepts)))
    return rows


def _sentence(text: str) -> str:
    return (text[:1].upper() + text[1:] + ".") if text else ""


def cli_fragment() -> str:
    from primarvard_sdk import cli

    parser = cli.build_parser()
    out = [
        "## Synopsis",
        "",
        "```text",
        parser.format_usage().strip(),
        "```",
        "",
        esc(parser.description or ""),
        "",
        "## Exit codes",
        "",
    ]
    out += table(("Code", "Meaning"), (
        (code(cli.EXIT_OK), "nothing failed"),
        (code(cli.EXIT_FAILED), "a rule failed or a deadline was missed (outcome `fail` or `missed`)"),
        (code(cli.EXIT_BAD_INPUT), "bad input or an unknown name: one line on stderr, never a traceback"),
    ))
    sub_action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub_action._choices_actions}
    for name, sub in sub_action.choices.items():
        out += [
            f"## primarvard {name}",
            "",
            _sentence(esc(helps.get(name) or "")),
            "",
            "```text",
            sub.format_usage().strip(),
            "```",
            "",
        ]
        if sub.description:
            out += [esc(sub.description), ""]
        rows = _argument_rows(sub)
        if rows:
            out += table(("Argument", "Meaning", "Accepts"), rows)
    return "\n".join(out) + "\n"


def _type_text(prop: Mapping[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in prop:
        parts = [_type_text(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(parts) + (" or null" if len(parts) < len(prop["anyOf"]) else "")
    if prop.get("type") == "array":
        return f"list of {_type_text(prop.get('items', {}))}"
    if "enum" in prop:
        return "one of " + ", ".join(str(v) for v in prop["enum"][:8]) + (", ..." if len(prop["enum"]) > 8 else "")
    if prop.get("format") in ("date", "date-time"):
        return str(prop["format"])
    return str(prop.get("type", "any value"))


def plugin_data_fragment() -> str:
    """Every key of a plugin's data files, from their generated JSON Schemas."""
    from primarvard_sdk.plugin_schema import DATA_FILES, data_file_schema

    out: list[str] = []
    for kind, (file_name, _) in DATA_FILES.items():
        schema = data_file_schema(kind)
        out += [f"## {code(file_name)}", "", esc(schema["description"]), "",
                f"Schema id {code(schema['$id'])}; print it with "
                f"{code('python -m primarvard_sdk.plugin_schema ' + kind)}.", ""]
        for name, node in [(file_name, schema), *schema.get("$defs", {}).items()]:
            out += [f"### {esc(name) if node is not schema else 'Top level'}", "",
                    "| key | type | required | meaning |", "|---|---|---|---|"]
            required = set(node.get("required", ()))
            for key, prop in node.get("properties", {}).items():
                out.append(f"| {code(key)} | {esc(_type_text(prop))} | {'yes' if key in required else ''} "
                           f"| {esc(prop.get('description', ''))} |")
            out.append("")
    return "\n".join(out)


def schema_page(type_name: str) -> str:
    from primarvard_sdk.schema import schema_for

    schema = schema_for(type_name)
    out = [
        f"# {type_name}",
        "",
        esc(schema.get("description") or ""),
        "",
        f"Schema id {code(schema['$id'])}; print it with {code('primarvard schema ' + type_name)}.",
        "",
    ]
    props = schema.get("properties", {})
    if props:
        required = set(schema.get("required", ()))
        rows = []
        for name, prop in props.items():
            rows.append((
                code(name),
                esc(_type_summary(prop)),
                "yes" if name in required else "",
                esc(prop.get("description", "")) + (" **(personal data)**" if prop.get("x-personal-data") else ""),
            ))
        out += ["## Fields", ""]
        out += table(("Field", "Type", "Required", "Description"), rows)
    out += ["## JSON Schema (Draft 2020-12)", "", "```json", json.dumps(schema, indent=2, ensure_ascii=False), "```", ""]
    return "\n".join(out) + "\n"


def _type_summary(prop: Mapping[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        parts = [_type_summary(p) for p in prop["anyOf"]]
        return " or ".join(p for p in parts if p)
    if "const" in prop:
        return f"= {prop['const']}"
    if "enum" in prop:
        return "one of " + ", ".join(map(str, prop["enum"]))
    kind = prop.get("type", "any")
    if kind == "array":
        return f"array of {_type_summary(prop.get('items', {}))}"
    if kind == "string" and "format" in prop:
        return f"string ({prop['format']})"
    return str(kind)


# --- writing -----------------------------------------------------------------------------------


def _write(path: Path, text: str, written: set[Path]) -> None:
    written.add(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(srcdir: Path) -> list[str]:
    """Write every generated page; returns the problems found (plugins that failed)."""
    import primarvard_sdk
    from primarvard_sdk.schema import SCHEMA_TYPES

    root = srcdir / GENERATED
    written: set[Path] = set()
    problems: list[str] = []
    sdk = primarvard_sdk.default_sdk()
    for failure in sdk.failures:
        problems.append(f"plugin {failure.distribution}: {failure.message}")

    regions = []
    for region in sdk.regions():
        ok = []
        for programme in region.programmes:
            try:
                sdk.rules(region.code, programme.code)
                sdk.annexes(region.code, programme.code)
            except Exception as exc:  # a plugin being edited: say so, keep building the rest
                problems.append(f"{region.code}.{programme.code}: {exc}")
                continue
            ok.append(programme)
            _write(root / "regions" / f"{page_name(region.code, programme.code)}.md",
                   region_page(sdk, region, programme), written)
            _write(root / "changes" / f"{page_name(region.code, programme.code)}.md",
                   changes_page(sdk, region, programme), written)
        regions.append((region, ok))

    class _Working:
        """The default SDK restricted to the programmes that loaded."""

        def regions(self) -> list[Any]:
            return [attrs_evolve(r, programmes=tuple(ok)) for r, ok in regions]

        def rules(self, region: str | None = None, programme: str | None = None) -> tuple[Any, ...]:
            if region is None:
                return tuple(x for r in self.regions() for p in r.programmes for x in sdk.rules(r.code, p.code))
            return sdk.rules(region, programme)

        def annexes(self, region: str, programme: str) -> tuple[Any, ...]:
            return sdk.annexes(region, programme)

    working = _Working()
    _write(root / "_fragments" / "notes.md", notes_fragment(working), written)
    _write(root / "_fragments" / "comparison.md", comparison_fragment(working), written)
    _write(root / "_fragments" / "cli.md", cli_fragment(), written)
    _write(root / "_fragments" / "plugin-data.md", plugin_data_fragment(), written)
    for type_name in SCHEMA_TYPES:
        _write(root / "schemas" / f"{type_name}.md", schema_page(type_name), written)

    for stale in root.rglob("*.md"):
        if stale not in written:
            stale.unlink()
    return problems


def attrs_evolve(obj: Any, **changes: Any) -> Any:
    import attrs

    return attrs.evolve(obj, **changes)


def _builder_inited(app: Sphinx) -> None:
    global _LANGUAGE
    _LANGUAGE = "sv" if (app.config.language or "en").startswith("sv") else "en"
    for problem in generate(Path(app.srcdir)):
        logger.warning("primarvard: %s", problem, type="primarvard", subtype="plugin")


#: Where every rule has a permanent address: ``rules/<rule id>/`` (a page that forwards to the
#: rule's section on its programme's page).
RULE_LINKS = "rules"


def _rule_links(app: Sphinx, exception: Exception | None) -> None:
    """Write ``rules/<id>/index.html`` for every rule: a stable URL that survives pages moving."""
    if exception is not None or app.builder.format != "html":
        return
    from docutils.nodes import make_id

    import primarvard_sdk as ps

    out = Path(app.outdir) / RULE_LINKS
    rows = []
    for r in ps.rules():
        target = f"../../reference/generated/regions/{page_name(r.region, r.programme)}.html#{make_id(r.id)}"
        page = out / r.id / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        title = r.title.replace("&", "&amp;").replace("<", "&lt;")
        page.write_text(
            f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{r.id} — {title}</title>'
            f'<link rel="icon" href="../../_static/favicon.svg" type="image/svg+xml">'
            f'<link rel="canonical" href="{target}"><meta http-equiv="refresh" content="0; url={target}">'
            f'</head><body><p><a href="{target}">{r.id} — {title}</a></p></body></html>\n', encoding="utf-8")
        rows.append(f'<li><a href="{r.id}/index.html">{r.id}</a> — {title}</li>')
    (out / "index.html").write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Regler — rules</title>'
        '<link rel="icon" href="../_static/favicon.svg" type="image/svg+xml"></head>'
        f'<body><h1>Regler — every rule by id</h1><ul>{"".join(rows)}</ul></body></html>\n', encoding="utf-8")


def _language_switch(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    """``language_switch`` for the page template: the same page in the other language. The
    English site is the root of the output, the Swedish one its ``sv/`` folder."""
    here = _LANGUAGE
    there = "en" if here == "sv" else "sv"
    to_root = "../" * pagename.count("/") + ("../" if LANGUAGES[here] else "")
    label, title = SWITCH_LABELS[here]
    context["language_switch"] = {
        "href": f"{to_root}{LANGUAGES[there]}{pagename}.html",
        "label": label,
        "lang": there,
        "title": title,
    }


def _plural_fix(app: Sphinx, exception: Exception | None) -> None:
    """Make the search page's plural work in Swedish: Sphinx's ``translations.js`` carries the
    catalog's plural expression as it is (``(n != 1)`` for Swedish), and its ``ngettext`` indexes
    the (singular, plural) pair with the result, a boolean: the search then throws on
    "found N pages". ``Number(...)`` turns the boolean into the index it stands for."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "_static" / "translations.js"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        fixed = re.sub(r'"plural_expr": "(?!Number\()(.*)"', r'"plural_expr": "Number(\1)"', text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


def _rules_index_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                      options: Mapping[str, Any] | None = None, content: Sequence[str] = ()) -> tuple[list[Any], list[Any]]:
    """``{rules-index}`text```: a link to ``rules/index.html`` (every rule by id), which the
    build writes next to the pages (it is not a Sphinx document)."""
    from docutils import nodes

    docname = inliner.document.settings.env.docname
    uri = "../" * docname.count("/") + f"{RULE_LINKS}/index.html"
    return [nodes.reference(rawtext, text, refuri=uri, classes=["rules-index"])], []


def setup(app: Sphinx) -> dict[str, Any]:
    from docutils import nodes
    from sphinx.transforms import SphinxTransform

    class NotTranslatedGenerated(SphinxTransform):
        """The text of generated pages and fragments (reference/generated/) is not for
        translation: the gettext catalogs hold the hand-written pages only, and the generated
        pages switch their own words by ``language``."""

        default_priority = 5  # before sphinx.transforms.i18n.Locale (20) and the gettext builder

        def apply(self, **kwargs: Any) -> None:
            generated = str(GENERATED).replace("\\", "/")
            whole = self.env.docname.startswith(generated + "/")
            for node in self.document.findall(nodes.TextElement):
                if whole or generated in str(node.source or "").replace("\\", "/"):
                    node["translatable"] = False

    app.add_transform(NotTranslatedGenerated)
    app.add_role("rules-index", _rules_index_role)
    app.connect("html-page-context", _language_switch)
    app.connect("builder-inited", _builder_inited)
    # Rule ids as objects: in the search index (a search for an id lands on the rule), in the
    # general index, and linkable with {rule}`<id>`.
    app.add_object_type("rule", "rule", indextemplate="pair: %s; rule", objname="rule")
    app.connect("build-finished", _rule_links)
    app.connect("build-finished", _plural_fix)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
