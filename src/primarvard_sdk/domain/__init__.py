"""The domain types: five aggregates and what they are made of (frozen attrs classes)."""

from primarvard_sdk.domain._fields import Tidpunkt, local_day
from primarvard_sdk.domain.arenden import Andel, Etjanstearende, Fordelning
from primarvard_sdk.domain.codelists import ascii_fold, fold, label, lookup, meets_level
from primarvard_sdk.domain.codes import (
    Driftform,
    ETjanst,
    Funktion,
    Hanvisning,
    Kanal,
    Kompetens,
    Kon,
    Kontakttyp,
    Kvalitetsregister,
    Lan,
    Remisstyp,
    Specialitet,
    Uppdrag,
    Utbildningsomrade,
    Utfall,
    Vaccin,
    ValtAv,
    Valtyp,
    Veckodag,
    Vistelsestatus,
    Yrke,
)
from primarvard_sdk.domain.common import AvvikandeDag, Intervall, Oppettid, Period
from primarvard_sdk.domain.listning import Kandidat, Listning, Listningslage
from primarvard_sdk.domain.people import Medarbetare, Person, Utbildning, Utfardare, full_years
from primarvard_sdk.domain.remiss import Beslut, Komplettering, Remiss
from primarvard_sdk.domain.tillganglighet import Jourcentral, Stangning, Tillganglighet
from primarvard_sdk.domain.uppfoljning import (
    Begaran,
    Forandring,
    Rapport,
    Uppfoljning,
    Vardtillfalle,
)
from primarvard_sdk.domain.vardenhet import (
    Befolkning,
    Filial,
    Kompetensbrist,
    Lakartid,
    Samverkansavtal,
    Vardenhet,
)
from primarvard_sdk.domain.vardkontakt import Vardkontakt

#: The top-level document types a rule can evaluate, by name.
DOCUMENT_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Vardenhet,
        Listning,
        Remiss,
        Tillganglighet,
        Uppfoljning,
        Vardkontakt,
        Etjanstearende,
        Fordelning,
    )
}

__all__ = [
    "DOCUMENT_TYPES",
    "Andel",
    "AvvikandeDag",
    "Befolkning",
    "Begaran",
    "Beslut",
    "Driftform",
    "ETjanst",
    "Etjanstearende",
    "Filial",
    "Forandring",
    "Fordelning",
    "Funktion",
    "Hanvisning",
    "Intervall",
    "Jourcentral",
    "Kanal",
    "Kandidat",
    "Kompetens",
    "Kompetensbrist",
    "Komplettering",
    "Kon",
    "Kontakttyp",
    "Kvalitetsregister",
    "Lakartid",
    "Lan",
    "Listning",
    "Listningslage",
    "Medarbetare",
    "Oppettid",
    "Period",
    "Person",
    "Rapport",
    "Remiss",
    "Remisstyp",
    "Samverkansavtal",
    "Specialitet",
    "Stangning",
    "Tidpunkt",
    "Tillganglighet",
    "Uppdrag",
    "Uppfoljning",
    "Utbildning",
    "Utbildningsomrade",
    "Utfall",
    "Utfardare",
    "Vaccin",
    "ValtAv",
    "Valtyp",
    "Vardenhet",
    "Vardkontakt",
    "Vardtillfalle",
    "Veckodag",
    "Vistelsestatus",
    "Yrke",
    "ascii_fold",
    "fold",
    "full_years",
    "label",
    "local_day",
    "lookup",
    "meets_level",
]
