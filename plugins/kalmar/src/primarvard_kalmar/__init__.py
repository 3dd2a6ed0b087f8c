"""Region Kalmar län: Hälsoval Kalmar län and Vårdval Psykisk hälsa primärvård."""

from primarvard_sdk.plugin import RegionPlugin

plugin = RegionPlugin(
    "primarvard_kalmar",
    {
        "halsoval": "primarvard_kalmar.halsoval:rules",
        "psykisk_halsa": "primarvard_kalmar.psykisk_halsa:rules",
    },
)
