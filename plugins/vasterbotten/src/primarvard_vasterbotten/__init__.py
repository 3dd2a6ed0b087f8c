"""Region Västerbotten: Hälsoval Västerbotten (Uppdrag och regler 2025)."""

from primarvard_sdk.plugin import RegionPlugin

plugin = RegionPlugin("primarvard_vasterbotten", {"halsoval": "primarvard_vasterbotten.halsoval:rules"})
