"""Rule functions of kalmar.halsoval."""

from primarvard_sdk.plugin import Implementations

rules = Implementations("kalmar.halsoval")
