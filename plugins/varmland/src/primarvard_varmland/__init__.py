"""Region Värmland: Vårdval vårdcentral (Krav- och kvalitetsbok, del 2 Bedriva vårdcentral)."""

from primarvard_sdk.plugin import RegionPlugin

plugin = RegionPlugin("primarvard_varmland", {"vardcentral": "primarvard_varmland.vardcentral:rules"})
