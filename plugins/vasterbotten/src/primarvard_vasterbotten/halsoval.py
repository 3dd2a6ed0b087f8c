"""Rule functions of vasterbotten.halsoval."""

from primarvard_sdk.plugin import Implementations

rules = Implementations("vasterbotten.halsoval")
