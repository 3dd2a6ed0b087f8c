"""Code lists shared by every region. Values are ASCII, lower case, Swedish terms.

Region-specific codes (e-services, quality registers, localities) are plain strings that the
region's data lists; the code lists here are the ones every rulebook uses with one meaning.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Driftform",
    "Funktion",
    "Kanal",
    "Kon",
    "Kontakttyp",
    "Remisstyp",
    "Specialitet",
    "Uppdrag",
    "Utbildningsomrade",
    "Utfall",
    "ValtAv",
    "Valtyp",
    "Veckodag",
    "Vistelsestatus",
    "Yrke",
]


class Kon(StrEnum):
    """Legal sex (kön), as the personnummer's second-last digit gives it."""

    kvinna = "kvinna"
    man = "man"


class Vistelsestatus(StrEnum):
    """A person's residence status for the right to care."""

    folkbokford = "folkbokford"  #: registered in Sweden
    asylsokande = "asylsokande"  #: asylum seeker
    papperslos = "papperslos"  #: undocumented (gömd, papperslös, tillståndslös)
    eu_ees = "eu_ees"  #: visitor from the EU/EEA or Switzerland
    utlandsk = "utlandsk"  #: resident of another country outside the EU/EEA


class Yrke(StrEnum):
    """Profession (yrke)."""

    lakare = "lakare"
    sjukskoterska = "sjukskoterska"
    barnmorska = "barnmorska"
    underskoterska = "underskoterska"
    vardbitrade = "vardbitrade"
    psykolog = "psykolog"
    psykoterapeut = "psykoterapeut"
    kurator = "kurator"  #: hälso- och sjukvårdskurator
    socionom = "socionom"
    fysioterapeut = "fysioterapeut"
    arbetsterapeut = "arbetsterapeut"
    dietist = "dietist"
    medicinsk_sekreterare = "medicinsk_sekreterare"
    annan = "annan"


class Specialitet(StrEnum):
    """A specialist qualification (physician specialty or nurse specialisation)."""

    allmanmedicin = "allmanmedicin"
    obstetrik = "obstetrik"
    gynekologi = "gynekologi"
    pediatrik = "pediatrik"
    psykiatri = "psykiatri"
    internmedicin = "internmedicin"
    geriatrik = "geriatrik"
    annan_lakarspecialitet = "annan_lakarspecialitet"
    distriktsskoterska = "distriktsskoterska"  #: specialistsjuksköterska, distriktssköterska
    barnsjukskoterska = "barnsjukskoterska"  #: specialistsjuksköterska inom hälso- och sjukvård för barn och ungdomar
    psykiatrisk_sjukskoterska = "psykiatrisk_sjukskoterska"
    diabetessjukskoterska = "diabetessjukskoterska"


class Funktion(StrEnum):
    """A named function (uppdrag med namngiven person) at a care unit."""

    verksamhetschef = "verksamhetschef"
    mal = "mal"  #: medicinskt ledningsansvarig läkare
    vardsamordnare = "vardsamordnare"
    samordnande_sjukskoterska = "samordnande_sjukskoterska"
    rehabiliteringskoordinator = "rehabiliteringskoordinator"
    samordningsfunktion = "samordningsfunktion"  #: samordning vid utskrivning från slutenvård
    kontaktsjukskoterska_psykisk_funktionsnedsattning = (
        "kontaktsjukskoterska_psykisk_funktionsnedsattning"
    )
    forsakringsmedicinsk_lakare = "forsakringsmedicinsk_lakare"
    smittskydd_kontaktperson = "smittskydd_kontaktperson"


class Uppdrag(StrEnum):
    """A work area a staff member serves in (what the person does at the unit)."""

    bvc = "bvc"  #: barnhälsovård
    bmm = "bmm"  #: barnmorskemottagning, basal mödrahälsovård
    mvc = "mvc"  #: mödravårdscentral
    umm = "umm"  #: ungdomsmottagning
    sabo = "sabo"  #: läkarmedverkan i särskilt boende
    jour = "jour"  #: jourcentral and on-call duty
    radgivning = "radgivning"  #: hälso- och sjukvårdsrådgivning
    distriktsskoterskeuppgifter = "distriktsskoterskeuppgifter"
    diabetes = "diabetes"
    astma_kol = "astma_kol"
    psykisk_ohalsa = "psykisk_ohalsa"
    psykoterapeutisk_behandling = "psykoterapeutisk_behandling"
    hemsjukvard = "hemsjukvard"


class Utbildningsomrade(StrEnum):
    """A training that a rule asks about."""

    psykoterapi_steg1 = "psykoterapi_steg1"  #: grundläggande psykoterapiutbildning
    psykoterapi_steg2 = "psykoterapi_steg2"
    diabetes = "diabetes"
    astma_kol = "astma_kol"
    sidotjanstgoring_kvinnosjukvard = "sidotjanstgoring_kvinnosjukvard"


class Driftform(StrEnum):
    """Whether the unit is run by the region or privately."""

    offentlig = "offentlig"
    privat = "privat"


class Veckodag(StrEnum):
    """A day in a weekly schedule; ``helgdag`` is the schedule for public holidays."""

    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"
    helgdag = "helgdag"


class Kontakttyp(StrEnum):
    """Kind of care contact."""

    besok = "besok"
    telefon = "telefon"
    digital = "digital"
    hembesok = "hembesok"
    akut_hembesok = "akut_hembesok"
    hemsjukvard = "hemsjukvard"
    vaccination = "vaccination"


class Remisstyp(StrEnum):
    """Kind of referral."""

    standard = "standard"
    vfsp = "vfsp"  #: vårdförlopp suicidprevention
    medicinsk_fotvard = "medicinsk_fotvard"  #: nybesök i medicinsk fotvård
    digital_mottagning = "digital_mottagning"  #: contact with a digital reception
    psykisk_ohalsa = "psykisk_ohalsa"  #: within a mental-health commitment (åtagande om psykisk ohälsa)


class Utfall(StrEnum):
    """A decision the unit has taken on a referral or a listing."""

    accepterad = "accepterad"
    avvisad = "avvisad"
    ko = "ko"  #: placed in a queue


class Valtyp(StrEnum):
    """How a listing came about."""

    aktivt_val = "aktivt_val"  #: the person (or guardian/representative) chose
    ickeval = "ickeval"  #: assigned by the non-choice rule
    nyfodd = "nyfodd"  #: newborn with no choice made
    inflyttad = "inflyttad"  #: moved into the area with no choice made


class ValtAv(StrEnum):
    """Who made an active choice."""

    personen = "personen"
    vardnadshavare = "vardnadshavare"
    ombud = "ombud"  #: företrädare for a person with reduced autonomy


class Kanal(StrEnum):
    """Channel of a listing."""

    blankett = "blankett"  #: a signed paper form
    e_tjanst_1177 = "e_tjanst_1177"
    telefon = "telefon"


class Lan(StrEnum):
    """A Swedish county (län), by its ASCII name; the Swedish name and the county code are aliases."""

    stockholm = "stockholm"
    uppsala = "uppsala"
    sodermanland = "sodermanland"
    ostergotland = "ostergotland"
    jonkoping = "jonkoping"
    kronoberg = "kronoberg"
    kalmar = "kalmar"
    gotland = "gotland"
    blekinge = "blekinge"
    skane = "skane"
    halland = "halland"
    vastra_gotaland = "vastra_gotaland"
    varmland = "varmland"
    orebro = "orebro"
    vastmanland = "vastmanland"
    dalarna = "dalarna"
    gavleborg = "gavleborg"
    vasternorrland = "vasternorrland"
    jamtland = "jamtland"
    vasterbotten = "vasterbotten"
    norrbotten = "norrbotten"


class Kvalitetsregister(StrEnum):
    """A national quality register (nationellt kvalitetsregister) relevant to primary care."""

    ndr = "ndr"  #: Nationella diabetesregistret
    svedem = "svedem"  #: Svenska demensregistret
    luftvagsregistret = "luftvagsregistret"  #: Luftvägsregistret (astma, KOL)
    modrahalsovardsregistret = "modrahalsovardsregistret"  #: Graviditetsregistret, mödrahälsovård
    senior_alert = "senior_alert"
    palliativregistret = "palliativregistret"
    bpsd = "bpsd"
    rikssvikt = "rikssvikt"
    riksstroke = "riksstroke"
    primarvardskvalitet = "primarvardskvalitet"


class ETjanst(StrEnum):
    """An e-service offered on 1177.se (the regions' basic offers use these)."""

    boka_tid_webbtidbok = "boka_tid_webbtidbok"
    av_omboka_tid_webbtidbok = "av_omboka_tid_webbtidbok"
    mina_bokade_tider = "mina_bokade_tider"
    forfragan_boka_tid = "forfragan_boka_tid"
    av_omboka_tid_ej_direkttidbokning = "av_omboka_tid_ej_direkttidbokning"
    bestall_tid = "bestall_tid"
    av_omboka_tid = "av_omboka_tid"
    fornya_recept = "fornya_recept"
    bestall_journalkopia = "bestall_journalkopia"
    begar_intyg = "begar_intyg"
    fornya_hjalpmedel = "fornya_hjalpmedel"
    fornya_diabeteshjalpmedel = "fornya_diabeteshjalpmedel"
    fornya_inkontinenshjalpmedel = "fornya_inkontinenshjalpmedel"
    bestall_forskrivna_hjalpmedel = "bestall_forskrivna_hjalpmedel"
    forlang_sjukskrivning = "forlang_sjukskrivning"
    kontakta_oss = "kontakta_oss"
    kontakta_mig = "kontakta_mig"
    synpunkter_och_klagomal = "synpunkter_och_klagomal"
    las_din_journal = "las_din_journal"
    valj_halsocentral = "valj_halsocentral"
    valj_vardcentral = "valj_vardcentral"
    stod_och_behandling = "stod_och_behandling"


class Hanvisning(StrEnum):
    """Where a patient or caller is referred (a message, an answering machine, a closed day)."""

    vardguiden_1177 = "1177"  #: 1177 (telephone advice, 1177.se)
    annan_vardcentral = "annan_vardcentral"  #: another vårdcentral in the care-choice system
    annan_halsocentral = "annan_halsocentral"  #: another hälsocentral in Hälsoval
    annan_vardenhet = "annan_vardenhet"  #: another care unit (not named as a vård-/hälsocentral)
    egen_enhet = "egen_enhet"  #: the unit itself (e.g. another of its clinics)
    natlakare = "natlakare"  #: an online doctor service
    jourcentral = "jourcentral"
    jourmottagning = "jourmottagning"
    akutmottagning = "akutmottagning"
    larmnummer_112 = "112"
    webbplats = "webbplats"  #: a relevant website (the unit's, 1177.se)
    ringa_senare = "ringa_senare"  #: told to call again later


class Kompetens(StrEnum):
    """A competence a unit declares that it offers (not a staff member's profession)."""

    fysioterapi = "fysioterapi"
    arbetsterapi = "arbetsterapi"
    psykoterapi_steg1 = "psykoterapi_steg1"  #: grundläggande psykoterapiutbildning (steg 1)
    psykoterapi_steg2 = "psykoterapi_steg2"  #: legitimerad psykoterapeut (steg 2)
    psykolog = "psykolog"
    kurator = "kurator"
    dietist = "dietist"
    diabetes = "diabetes"
    astma_kol = "astma_kol"
    demens = "demens"
    livsstil = "livsstil"  #: levnadsvanor
    koordinering = "koordinering"  #: funktion för koordineringsinsatser


class Vaccin(StrEnum):
    """What a vaccination is against (or the programme it belongs to)."""

    influensa = "influensa"
    pneumokocker = "pneumokocker"
    covid_19 = "covid_19"
    allmant_vaccinationsprogram = "allmant_vaccinationsprogram"  #: the general (child) programmes
    annat = "annat"


class Forandringstyp(StrEnum):
    """A change a unit announces in advance, or an event it must act on."""

    byte_verksamhetschef = "byte_verksamhetschef"
    byte_mal = "byte_mal"  #: a new medically responsible physician
    kontaktuppgifter = "kontaktuppgifter"
    lokalbyte = "lokalbyte"
    samverkan = "samverkan"  #: changed collaboration
    psykisk_halsa_partner = "psykisk_halsa_partner"  #: a changed partner unit in mental health care
    vardgivare_upphor = "vardgivare_upphor"  #: a care provider ceases
    annan = "annan"


class Rapporttyp(StrEnum):
    """A yearly report a unit delivers to the region."""

    patientsakerhetsberattelse = "patientsakerhetsberattelse"
    verksamhetsberattelse = "verksamhetsberattelse"
    annan = "annan"


class SarskiltSkal(StrEnum):
    """A special reason (särskilt skäl) for changing unit more often than the rules allow."""

    byte_av_bostadsort = "byte_av_bostadsort"
    folja_vardkontakt = "folja_vardkontakt"  #: to follow one's care contact
    vardgaranti_ej_uppfylld = "vardgaranti_ej_uppfylld"
    medicinska_skal = "medicinska_skal"
    ny_arbetsplats = "ny_arbetsplats"
    annat = "annat"


class Avvisningsskal(StrEnum):
    """A reason a unit gives for refusing or queueing a listing or referral."""

    alder = "alder"
    annan_kommun = "annan_kommun"
    filial = "filial"
    folkbokforing = "folkbokforing"
    listning = "listning"  #: the person is not listed at the unit
    listningstak = "listningstak"
    listningsstopp = "listningsstopp"
    max_byten = "max_byten"
    kollektiv_listning = "kollektiv_listning"
    skyddade_personuppgifter = "skyddade_personuppgifter"
    specialistpsykiatri = "specialistpsykiatri"  #: the need belongs in specialist psychiatry
    annat = "annat"


class Samverkanstyp(StrEnum):
    """Kind of collaboration agreement."""

    formaliserat_samarbete = "formaliserat_samarbete"
    psykisk_halsa = "psykisk_halsa"
    halsoval = "halsoval"  #: with a unit in the hälsoval system (for a psykisk hälsa unit)
    lakarmedverkan_hemsjukvard = "lakarmedverkan_hemsjukvard"  #: with the municipality, on physicians in home care
    samarbete_halsocentraler = "samarbete_halsocentraler"  #: between hälsocentraler, on care or assignments
    annan = "annan"


class Fordelningstyp(StrEnum):
    """What a proportional allocation (fördelning) splits between units."""

    helgoppen_bemanning = "helgoppen_bemanning"  #: staffing of the weekend-open health centre
    beredskap = "beredskap"  #: physicians on call (läkare i beredskap)
    umm_lakartid = "umm_lakartid"  #: physician hours at the youth clinic
    annan = "annan"
