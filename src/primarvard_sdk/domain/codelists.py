"""Swedish names and accepted spellings of the code lists, and how text is matched to a code.

Every code list is an enum whose values are ASCII codes. A document may give a code, its Swedish
name or one of the spellings the rulebooks themselves use ("Luftvägsregistret", "Beställ tid",
"Kalmar län"); matching is case-insensitive, ignores surrounding and repeated whitespace, and
accepts the ASCII-folded form of a name (å, ä → a; ö → o; é → e). Anything else is an input error
naming the accepted codes (see :mod:`primarvard_sdk.convert`). No rule ever compares raw text.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

from primarvard_sdk.domain import codes as c

__all__ = ["LABELS", "ascii_fold", "fold", "label", "lookup", "meets_level", "register", "spellings"]

E = TypeVar("E", bound=Enum)

#: Code list → code → (Swedish name, further accepted spellings...).
LABELS: dict[type[Enum], Mapping[Enum, tuple[str, ...]]] = {
    c.Lan: {
        c.Lan.stockholm: ("Stockholms län", "Stockholm", "01"),
        c.Lan.uppsala: ("Uppsala län", "Uppsala", "03"),
        c.Lan.sodermanland: ("Södermanlands län", "Södermanland", "04"),
        c.Lan.ostergotland: ("Östergötlands län", "Östergötland", "05"),
        c.Lan.jonkoping: ("Jönköpings län", "Jönköping", "06"),
        c.Lan.kronoberg: ("Kronobergs län", "Kronoberg", "07"),
        c.Lan.kalmar: ("Kalmar län", "Kalmar", "08", "Region Kalmar län"),
        c.Lan.gotland: ("Gotlands län", "Gotland", "09", "Region Gotland"),
        c.Lan.blekinge: ("Blekinge län", "Blekinge", "10"),
        c.Lan.skane: ("Skåne län", "Skåne", "12"),
        c.Lan.halland: ("Hallands län", "Halland", "13"),
        c.Lan.vastra_gotaland: ("Västra Götalands län", "Västra Götaland", "14"),
        c.Lan.varmland: ("Värmlands län", "Värmland", "17", "Region Värmland"),
        c.Lan.orebro: ("Örebro län", "Örebro", "18"),
        c.Lan.vastmanland: ("Västmanlands län", "Västmanland", "19"),
        c.Lan.dalarna: ("Dalarnas län", "Dalarna", "20"),
        c.Lan.gavleborg: ("Gävleborgs län", "Gävleborg", "21"),
        c.Lan.vasternorrland: ("Västernorrlands län", "Västernorrland", "22"),
        c.Lan.jamtland: ("Jämtlands län", "Jämtland", "23"),
        c.Lan.vasterbotten: ("Västerbottens län", "Västerbotten", "24", "Region Västerbotten"),
        c.Lan.norrbotten: ("Norrbottens län", "Norrbotten", "25"),
    },
    c.Kvalitetsregister: {
        c.Kvalitetsregister.ndr: (
            "Nationella diabetesregistret", "NDR", "Diabetesregistret", "Nationella Diabetesregistret",
        ),
        c.Kvalitetsregister.svedem: ("Svenska demensregistret", "SveDem", "Demensregistret"),
        c.Kvalitetsregister.luftvagsregistret: ("Luftvägsregistret", "Nationella Luftvägsregistret"),
        c.Kvalitetsregister.modrahalsovardsregistret: (
            "Nationella Mödrahälsovårdsregistret", "Mödrahälsovårdsregistret", "Graviditetsregistret",
        ),
        c.Kvalitetsregister.senior_alert: ("Senior alert",),
        c.Kvalitetsregister.palliativregistret: ("Svenska palliativregistret", "Palliativregistret"),
        c.Kvalitetsregister.bpsd: ("BPSD-registret", "BPSD"),
        c.Kvalitetsregister.rikssvikt: ("RiksSvikt",),
        c.Kvalitetsregister.riksstroke: ("Riksstroke",),
        c.Kvalitetsregister.primarvardskvalitet: ("Primärvårdskvalitet",),
    },
    c.ETjanst: {
        c.ETjanst.boka_tid_webbtidbok: ("Boka tid via webbtidbok", "Boka tid (webbtidbok)", "Boka tid (webbtidbok, frivillig)"),
        c.ETjanst.av_omboka_tid_webbtidbok: (
            "Av- eller omboka tid via webbtidbok", "Av- eller omboka tid (webbtidbok)",
            "Av- eller omboka tid (webbtidbok, frivillig)",
        ),
        c.ETjanst.mina_bokade_tider: (
            "Mina bokade tider via webbtidbok", "Mina bokade tider", "Mina bokade tider (webbtidbok)",
        ),
        c.ETjanst.forfragan_boka_tid: (
            "Förfrågan om att boka tid", "Förfrågan om att boka tid - (för tider som ej möjliggör direkttidbokning)",
            "Förfrågan om att boka tid (för tider som ej möjliggör direkttidbokning)",
        ),
        c.ETjanst.av_omboka_tid_ej_direkttidbokning: (
            "Av- eller omboka tid (ej direkttidbokning)",
            "Av- eller omboka tid (för tider som ej möjliggör direkttidbokning)",
        ),
        c.ETjanst.bestall_tid: ("Beställ tid",),
        c.ETjanst.av_omboka_tid: ("Av/omboka tid", "Av- eller omboka tid", "Avboka/omboka tid"),
        c.ETjanst.fornya_recept: ("Förnya recept",),
        c.ETjanst.bestall_journalkopia: ("Beställ journalkopia", "Beställ journalkopior"),
        c.ETjanst.begar_intyg: ("Begär intyg",),
        c.ETjanst.fornya_hjalpmedel: ("Förnya hjälpmedel",),
        c.ETjanst.fornya_diabeteshjalpmedel: ("Förnya diabeteshjälpmedel",),
        c.ETjanst.fornya_inkontinenshjalpmedel: ("Förnya inkontinenshjälpmedel",),
        c.ETjanst.bestall_forskrivna_hjalpmedel: ("Beställ förskrivna hjälpmedel",),
        c.ETjanst.forlang_sjukskrivning: ("Förläng sjukskrivning",),
        c.ETjanst.kontakta_oss: ("Kontakta oss",),
        c.ETjanst.kontakta_mig: ("Kontakta mig",),
        c.ETjanst.synpunkter_och_klagomal: ("Lämna synpunkter och klagomål", "Synpunkter och klagomål"),
        c.ETjanst.las_din_journal: ("Läs din journal", "Journalen"),
        c.ETjanst.valj_halsocentral: ("Välj hälsocentral",),
        c.ETjanst.valj_vardcentral: ("Välj vårdcentral",),
        c.ETjanst.stod_och_behandling: ("Stöd och behandling",),
    },
    c.Hanvisning: {
        c.Hanvisning.vardguiden_1177: ("1177", "1177 Vårdguiden", "Vårdguiden 1177", "vardguiden_1177"),
        c.Hanvisning.annan_vardcentral: ("Annan vårdcentral", "andra vårdcentraler"),
        c.Hanvisning.annan_halsocentral: ("Annan hälsocentral",),
        c.Hanvisning.annan_vardenhet: ("Annan vårdenhet",),
        c.Hanvisning.egen_enhet: ("Egen enhet", "Egen vårdcentral", "Egen hälsocentral"),
        c.Hanvisning.natlakare: ("Nätläkare", "Nätläkaren", "Digital vårdgivare"),
        c.Hanvisning.jourcentral: ("Jourcentral", "Jourcentralen"),
        c.Hanvisning.jourmottagning: ("Jourmottagning", "Jourmottagningen"),
        c.Hanvisning.akutmottagning: ("Akutmottagning", "Akutmottagningen", "Akuten"),
        c.Hanvisning.larmnummer_112: ("112", "SOS Alarm", "larmnummer_112"),
        c.Hanvisning.ringa_senare: ("Ringa senare", "Ring senare"),
        c.Hanvisning.webbplats: ("Relevant webbplats", "Webbplats", "Hemsida", "1177.se"),
    },
    c.Forandringstyp: {
        c.Forandringstyp.byte_verksamhetschef: ("Byte av verksamhetschef", "Ny verksamhetschef"),
        c.Forandringstyp.byte_mal: ("Byte av medicinskt ledningsansvarig läkare", "Byte av MAL"),
        c.Forandringstyp.kontaktuppgifter: ("Ändrade kontaktuppgifter", "Kontaktuppgifter"),
        c.Forandringstyp.lokalbyte: ("Byte av lokaler", "Byte av lokal", "Lokalbyte", "Flytt av verksamheten"),
        c.Forandringstyp.samverkan: ("Ändrad samverkan", "Samverkan"),
        c.Forandringstyp.psykisk_halsa_partner: ("Ändrad samverkanspartner inom psykisk hälsa",),
        c.Forandringstyp.vardgivare_upphor: ("Vårdgivare upphör", "Vårdgivaren upphör", "Upphörande"),
        c.Forandringstyp.annan: ("Annan förändring", "Annan"),
    },
    c.Rapporttyp: {
        c.Rapporttyp.patientsakerhetsberattelse: ("Patientsäkerhetsberättelse", "Patientsäkerhetsberättelsen"),
        c.Rapporttyp.verksamhetsberattelse: ("Verksamhetsberättelse",),
        c.Rapporttyp.annan: ("Annan rapport", "Annan"),
    },
    c.SarskiltSkal: {
        c.SarskiltSkal.byte_av_bostadsort: ("Byte av bostadsort", "Flytt"),
        c.SarskiltSkal.folja_vardkontakt: ("Följa vårdkontakt", "Följa sin vårdkontakt"),
        c.SarskiltSkal.vardgaranti_ej_uppfylld: ("Vårdgarantin inte uppfylld", "Vårdgaranti ej uppfylld"),
        c.SarskiltSkal.medicinska_skal: ("Medicinska skäl",),
        c.SarskiltSkal.ny_arbetsplats: ("Ny arbetsplats",),
        c.SarskiltSkal.annat: ("Annat skäl", "Annat"),
    },
    c.Avvisningsskal: {
        c.Avvisningsskal.alder: ("Ålder", "Åldersgräns"),
        c.Avvisningsskal.annan_kommun: ("Annan kommun",),
        c.Avvisningsskal.filial: ("Filial",),
        c.Avvisningsskal.folkbokforing: ("Folkbokföring", "Ej folkbokförd"),
        c.Avvisningsskal.listning: ("Listning", "Ej listad"),
        c.Avvisningsskal.listningstak: ("Listningstak", "Listningstaket"),
        c.Avvisningsskal.listningsstopp: ("Listningsstopp",),
        c.Avvisningsskal.max_byten: ("Max antal byten", "För många byten"),
        c.Avvisningsskal.kollektiv_listning: ("Kollektiv listning",),
        c.Avvisningsskal.skyddade_personuppgifter: ("Skyddade personuppgifter", "Skyddad identitet"),
        c.Avvisningsskal.specialistpsykiatri: ("Specialistpsykiatri",),
        c.Avvisningsskal.annat: ("Annat skäl", "Annat"),
    },
    c.Samverkanstyp: {
        c.Samverkanstyp.formaliserat_samarbete: ("Formaliserat samarbete",),
        c.Samverkanstyp.psykisk_halsa: ("Psykisk hälsa", "Samverkan psykisk hälsa"),
        c.Samverkanstyp.halsoval: ("Hälsovalsenhet", "Avtal med hälsovalsenhet", "Hälsoval"),
        c.Samverkanstyp.lakarmedverkan_hemsjukvard: (
            "Läkarmedverkan i hemsjukvården", "Avtal om läkarmedverkan i hemsjukvården",
        ),
        c.Samverkanstyp.samarbete_halsocentraler: (
            "Samarbete mellan hälsocentraler", "Samarbete om vård och uppdrag",
        ),
        c.Samverkanstyp.annan: ("Annan samverkan", "Annan"),
    },
    c.Fordelningstyp: {
        c.Fordelningstyp.helgoppen_bemanning: (
            "Helgöppen hälsocentral", "Helgöppen bemanning", "Bemanning av helgöppen hälsocentral", "Helgöppet",
        ),
        c.Fordelningstyp.beredskap: ("Läkare i beredskap", "Beredskap", "Läkarberedskap"),
        c.Fordelningstyp.umm_lakartid: ("Läkartid på ungdomsmottagning", "UMM läkartid", "Ungdomsmottagning"),
        c.Fordelningstyp.annan: ("Annan fördelning", "Annan"),
    },
    c.Vaccin: {
        c.Vaccin.influensa: ("Influensa", "Influensavaccin", "Säsongsinfluensa", "Vaccination mot influensa"),
        c.Vaccin.pneumokocker: ("Pneumokocker", "Pneumokockvaccin", "Vaccination mot pneumokocker"),
        c.Vaccin.covid_19: ("Covid-19", "Covid"),
        c.Vaccin.allmant_vaccinationsprogram: (
            "Allmänt vaccinationsprogram", "Allmänna vaccinationsprogram", "Barnvaccinationsprogrammet",
        ),
        c.Vaccin.annat: ("Annat",),
    },
    c.Kompetens: {
        c.Kompetens.fysioterapi: ("Fysioterapi", "Fysioterapeut", "Sjukgymnastik"),
        c.Kompetens.arbetsterapi: ("Arbetsterapi", "Arbetsterapeut"),
        c.Kompetens.psykoterapi_steg1: (
            "Psykoterapi steg 1", "Grundläggande psykoterapiutbildning", "Steg 1",
        ),
        c.Kompetens.psykoterapi_steg2: ("Psykoterapi steg 2", "Legitimerad psykoterapeut", "Steg 2"),
        c.Kompetens.psykolog: ("Psykolog",),
        c.Kompetens.kurator: ("Kurator", "Hälso- och sjukvårdskurator"),
        c.Kompetens.dietist: ("Dietist",),
        c.Kompetens.diabetes: ("Diabetes",),
        c.Kompetens.astma_kol: ("Astma/KOL", "Astma och KOL"),
        c.Kompetens.demens: ("Demens",),
        c.Kompetens.livsstil: ("Livsstil", "Levnadsvanor"),
        c.Kompetens.koordinering: ("Funktion för koordineringsinsatser", "Koordinering", "Koordineringsinsatser"),
    },
    c.Yrke: {
        c.Yrke.lakare: ("Läkare",),
        c.Yrke.sjukskoterska: ("Sjuksköterska",),
        c.Yrke.barnmorska: ("Barnmorska",),
        c.Yrke.underskoterska: ("Undersköterska",),
        c.Yrke.vardbitrade: ("Vårdbiträde",),
        c.Yrke.psykolog: ("Psykolog",),
        c.Yrke.psykoterapeut: ("Psykoterapeut",),
        c.Yrke.kurator: ("Kurator", "Hälso- och sjukvårdskurator"),
        c.Yrke.socionom: ("Socionom",),
        c.Yrke.fysioterapeut: ("Fysioterapeut", "Sjukgymnast"),
        c.Yrke.arbetsterapeut: ("Arbetsterapeut",),
        c.Yrke.dietist: ("Dietist",),
        c.Yrke.medicinsk_sekreterare: ("Medicinsk sekreterare",),
        c.Yrke.annan: ("Annan",),
    },
    c.Specialitet: {
        c.Specialitet.allmanmedicin: ("Allmänmedicin", "Specialist i allmänmedicin"),
        c.Specialitet.obstetrik: ("Obstetrik",),
        c.Specialitet.gynekologi: ("Gynekologi",),
        c.Specialitet.pediatrik: (
            "Barn- och ungdomsmedicin", "Barn och ungdomsmedicin", "Pediatrik",
        ),
        c.Specialitet.psykiatri: ("Psykiatri",),
        c.Specialitet.internmedicin: ("Internmedicin",),
        c.Specialitet.geriatrik: ("Geriatrik",),
        c.Specialitet.annan_lakarspecialitet: ("Annan läkarspecialitet",),
        c.Specialitet.distriktsskoterska: ("Distriktssköterska", "Specialistsjuksköterska distriktssköterska"),
        c.Specialitet.barnsjukskoterska: ("Barnsjuksköterska",),
        c.Specialitet.psykiatrisk_sjukskoterska: ("Psykiatrisk sjuksköterska", "Specialistsjuksköterska psykiatri"),
        c.Specialitet.diabetessjukskoterska: ("Diabetessjuksköterska",),
    },
    c.Utbildningsomrade: {
        c.Utbildningsomrade.psykoterapi_steg1: (
            "Psykoterapi steg 1", "Grundläggande psykoterapiutbildning", "Steg 1",
        ),
        c.Utbildningsomrade.psykoterapi_steg2: ("Psykoterapi steg 2", "Psykoterapeutprogrammet", "Steg 2"),
        c.Utbildningsomrade.diabetes: ("Diabetes",),
        c.Utbildningsomrade.astma_kol: ("Astma/KOL", "Astma och KOL"),
        c.Utbildningsomrade.sidotjanstgoring_kvinnosjukvard: ("Sidotjänstgöring i kvinnosjukvård",),
    },
    c.Vistelsestatus: {
        c.Vistelsestatus.folkbokford: ("Folkbokförd", "Folkbokförd i Sverige"),
        c.Vistelsestatus.asylsokande: ("Asylsökande",),
        c.Vistelsestatus.papperslos: (
            "Papperslös", "Gömd", "Tillståndslös", "Vistas i Sverige utan tillstånd",
        ),
        c.Vistelsestatus.eu_ees: ("EU/EES", "EU/EES-medborgare", "EES", "EU/EES och Schweiz"),
        c.Vistelsestatus.utlandsk: ("Utländsk", "Utanför EU/EES"),
    },
    c.Kon: {c.Kon.kvinna: ("Kvinna",), c.Kon.man: ("Man",)},
    c.Driftform: {
        c.Driftform.offentlig: ("Offentlig", "Offentligt driven", "Regiondriven"),
        c.Driftform.privat: ("Privat", "Privat driven", "Privat vårdgivare"),
    },
    c.Funktion: {
        c.Funktion.verksamhetschef: ("Verksamhetschef",),
        c.Funktion.mal: ("Medicinskt ansvarig läkare", "MAL"),
        c.Funktion.vardsamordnare: ("Vårdsamordnare",),
        c.Funktion.samordnande_sjukskoterska: ("Samordnande sjuksköterska",),
        c.Funktion.rehabiliteringskoordinator: ("Rehabiliteringskoordinator", "Rehabkoordinator"),
        c.Funktion.samordningsfunktion: ("Samordningsfunktion",),
        c.Funktion.kontaktsjukskoterska_psykisk_funktionsnedsattning: (
            "Kontaktsjuksköterska för personer med psykisk funktionsnedsättning",
        ),
        c.Funktion.forsakringsmedicinsk_lakare: ("Försäkringsmedicinskt ansvarig läkare",),
        c.Funktion.smittskydd_kontaktperson: ("Kontaktperson för smittskydd", "Smittskyddskontaktperson"),
    },
    c.Kanal: {
        c.Kanal.blankett: ("Blankett", "Listningsblankett"),
        c.Kanal.e_tjanst_1177: ("1177 e-tjänster", "E-tjänst 1177", "E-tjänster 1177"),
        c.Kanal.telefon: ("Telefon",),
    },
    c.Kontakttyp: {
        c.Kontakttyp.besok: ("Besök", "Fysiskt besök", "Mottagningsbesök"),
        c.Kontakttyp.telefon: ("Telefon", "Telefonkontakt"),
        c.Kontakttyp.digital: ("Digital", "Digital kontakt", "Digitalt vårdmöte", "Videobesök", "Video"),
        c.Kontakttyp.hembesok: ("Hembesök",),
        c.Kontakttyp.akut_hembesok: ("Akut hembesök",),
        c.Kontakttyp.hemsjukvard: ("Hemsjukvård",),
        c.Kontakttyp.vaccination: ("Vaccination",),
    },
    c.Remisstyp: {
        c.Remisstyp.standard: ("Remiss", "Vanlig remiss"),
        c.Remisstyp.vfsp: ("VFSP", "Vårdförlopp suicidnära patient"),
        c.Remisstyp.medicinsk_fotvard: ("Medicinsk fotvård",),
        c.Remisstyp.digital_mottagning: ("Digital mottagning",),
        c.Remisstyp.psykisk_ohalsa: ("Psykisk ohälsa",),
    },
    c.Uppdrag: {
        c.Uppdrag.bvc: ("BVC", "Barnhälsovård", "Barnavårdscentral"),
        c.Uppdrag.bmm: ("BMM", "Barnmorskemottagning"),
        c.Uppdrag.mvc: ("MVC", "Mödravårdscentral", "Mödrahälsovård"),
        c.Uppdrag.umm: ("UMM", "Ungdomsmottagning"),
        c.Uppdrag.sabo: ("SÄBO", "Särskilt boende"),
        c.Uppdrag.jour: ("Jour",),
        c.Uppdrag.radgivning: ("Rådgivning", "Sjukvårdsrådgivning"),
        c.Uppdrag.distriktsskoterskeuppgifter: ("Distriktssköterskeuppgifter",),
        c.Uppdrag.diabetes: ("Diabetes",),
        c.Uppdrag.astma_kol: ("Astma/KOL", "Astma och KOL"),
        c.Uppdrag.psykisk_ohalsa: ("Psykisk ohälsa",),
        c.Uppdrag.psykoterapeutisk_behandling: ("Psykoterapeutisk behandling",),
        c.Uppdrag.hemsjukvard: ("Hemsjukvård",),
    },
    c.Utfall: {
        c.Utfall.accepterad: ("Accepterad",),
        c.Utfall.avvisad: ("Avvisad",),
        c.Utfall.ko: ("Kö", "I kö"),
    },
    c.ValtAv: {
        c.ValtAv.personen: ("Personen", "Den enskilde"),
        c.ValtAv.vardnadshavare: ("Vårdnadshavare",),
        c.ValtAv.ombud: ("Ombud",),
    },
    c.Valtyp: {
        c.Valtyp.aktivt_val: ("Aktivt val",),
        c.Valtyp.ickeval: ("Ickeval", "Icke-val", "Icke val"),
        c.Valtyp.nyfodd: ("Nyfödd",),
        c.Valtyp.inflyttad: ("Inflyttad",),
    },
    c.Veckodag: {
        c.Veckodag.mon: ("Måndag", "mån"),
        c.Veckodag.tue: ("Tisdag", "tis"),
        c.Veckodag.wed: ("Onsdag", "ons"),
        c.Veckodag.thu: ("Torsdag", "tors"),
        c.Veckodag.fri: ("Fredag", "fre"),
        c.Veckodag.sat: ("Lördag", "lör"),
        c.Veckodag.sun: ("Söndag", "sön"),
        c.Veckodag.helgdag: ("Helgdag", "Helgdagar"),
    },
}

#: Ordered training levels: a code satisfies "lägst" (at least) every code before it in its tuple.
LEVELS: tuple[tuple[Enum, ...], ...] = (
    (c.Utbildningsomrade.psykoterapi_steg1, c.Utbildningsomrade.psykoterapi_steg2),
    (c.Kompetens.psykoterapi_steg1, c.Kompetens.psykoterapi_steg2),
)

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})


def fold(text: str) -> str:
    """Text as it is compared: Unicode NFC, case-folded, whitespace runs as one space, ends trimmed.

    Diacritics are kept: "Vännäs" and "Vannas" fold to different strings.
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def ascii_fold(text: str) -> str:
    """:func:`fold` and then å, ä → a, ö → o (and a few more): for matching a text against the
    ASCII spelling of a Swedish name, e.g. a code or an input typed without diacritics."""
    return fold(text).translate(_ASCII)


def register(cls: type[E], names: Mapping[E, tuple[str, ...]]) -> type[E]:
    """Declare the Swedish names and accepted spellings of a code list defined outside this module
    (a domain module keeps its lists beside the types that use them). Every code needs a name."""
    if cls in LABELS:
        raise ValueError(f"{cls.__name__}: names declared twice")
    unnamed = [m.name for m in cls if not names.get(m)]
    if unnamed:
        raise ValueError(f"{cls.__name__}: no Swedish name for {', '.join(unnamed)}")
    LABELS[cls] = {member: tuple(spelled) for member, spelled in names.items()}
    _index.cache_clear()
    return cls


def label(code: Enum) -> str:
    """The Swedish name of a code (the code itself where the list has no name for it)."""
    names = LABELS.get(type(code), {}).get(code)
    return names[0] if names else str(code.value)


def spellings(cls: type[Enum]) -> tuple[str, ...]:
    """Every exact spelling of the list's codes a document may use, codes first (for the schema)."""
    names = [n for member in cls for n in LABELS.get(cls, {}).get(member, ())]
    codes = [str(m.value) for m in cls]
    return tuple(dict.fromkeys(codes + names))


#: Joiners a rulebook and a form spell in different ways: "Astma/KOL", "astma-KOL", "Astma KOL";
#: "BHV-mottagning", "BHV mottagning" (hyphens of every width, slashes, underscores of codes).
_JOINERS = str.maketrans({c: " " for c in "-\u2010\u2011\u2012\u2013\u2014/_"})


def _keys(text: str) -> tuple[str, ...]:
    """The forms of a spelling that are compared: as written (folded), without diacritics, and
    with joiners read as spaces."""
    folded, plain = fold(text), ascii_fold(text)
    return (folded, plain, " ".join(plain.translate(_JOINERS).split()))


@functools.cache
def _index(cls: type[Enum]) -> Mapping[str, Enum]:
    index: dict[str, Enum] = {}
    for member in cls:
        names = (str(member.value), member.name, *LABELS.get(cls, {}).get(member, ()))
        for name in names:
            for key in _keys(name):
                other = index.setdefault(key, member)
                if other is not member:
                    raise ValueError(f"{cls.__name__}: spelling {name!r} names both {other} and {member}")
    return index


def lookup(cls: type[E], text: str) -> E | None:
    """The code of list ``cls`` that ``text`` spells, or ``None``."""
    index = _index(cls)
    for key in _keys(text):
        if key in index:
            return index[key]  # type: ignore[return-value]
    return None


def meets_level(have: Enum, lowest: Enum) -> bool:
    """``have`` is ``lowest`` or a higher level of the same ordered list ("lägst steg 1")."""
    if have == lowest:
        return True
    for levels in LEVELS:
        if have in levels and lowest in levels:
            return levels.index(have) >= levels.index(lowest)
    return False
