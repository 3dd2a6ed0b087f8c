"""Rule functions of varmland.vardcentral."""

from primarvard_sdk.plugin import Implementations

rules = Implementations("varmland.vardcentral")
