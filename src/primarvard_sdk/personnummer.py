"""Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

A :class:`Personnummer` is validated on construction: format, a real calendar date (for a
samordningsnummer the day is the birth day + 60, so 61–91) and the Luhn check digit
(kontrollsiffra) over the 10-digit form. The serial number (födelsenummer) ``000`` is never issued
and is rejected.

The century of a 10-digit number, every birth date and every age are computed against an explicit
reference date, never today's date:

* ``YYMMDD-NNNC`` (or no separator): the most recent century in which the birth date is not after
  the reference date, so the person is 0–99 years old on it;
* ``YYMMDD+NNNC``: one century earlier, so the person is 100 or older on it;
* ``YYYYMMDDNNNC`` / ``YYYYMMDD-NNNC``: the century is explicit; a ``+`` is accepted and ignored.

Privacy: the number is personal data. ``repr()``, ``str()``, :attr:`Personnummer.masked` and every
error message show only the fixed mask ``********-****``; errors are raised without a cause or
context. The digits come out only through :meth:`Personnummer.canonical` (and
:meth:`Personnummer.as_entered`, for serialising the caller's own input back).

Libraries: :mod:`stdnum.luhn` computes the check digit. ``stdnum.se.personnummer`` is not used
because it rejects samordningsnummer and resolves the century against today's date; the
``personnummer`` package is not used because it resolves centuries and ages against today's date
(and its ``\\d`` pattern accepts non-ASCII digits).
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date
from typing import Final, Literal

import attrs

from primarvard_sdk.errors import InvalidPersonnummer

__all__ = [
    "InvalidChecksum",
    "InvalidDate",
    "InvalidFormat",
    "InvalidPersonnummer",
    "Personnummer",
    "is_valid",
]

MASK: Final = "********-****"
"""The fixed masked form: it reveals neither the digits nor their number."""

#: 12 digits (century given) or 10 digits, optional ``-``/``+`` before the last four. ASCII only.
_PATTERN: Final = re.compile(
    r"(?P<century>[0-9]{2})?(?P<date>[0-9]{6})(?P<sep>[-+]?)(?P<serial>[0-9]{3})(?P<check>[0-9])",
    re.ASCII,
)
_COORDINATION_OFFSET: Final = 60
_FORMAT_MESSAGE: Final = "personnummer: expected 10 or 12 digits (YYMMDD-NNNC or YYYYMMDD-NNNC)"


class InvalidFormat(InvalidPersonnummer):
    """Not 10 or 12 ASCII digits with an optional ``-``/``+``, or the serial number is ``000``."""


class InvalidDate(InvalidPersonnummer):
    """The date part is not a real calendar date (in the century the reference date gives)."""


class InvalidChecksum(InvalidPersonnummer):
    """The check digit (kontrollsiffra) does not match the Luhn digit of the first nine digits."""


def _luhn_check_digit(nine_digits: str) -> str:
    """The Luhn check digit (kontrollsiffra) for ``YYMMDDNNN``."""
    from stdnum import luhn  # on first use: stdnum's package pulls in ssl (~15 ms of start-up)

    return luhn.calc_check_digit(nine_digits)


def _real_date(year: int, month: int, day: int) -> date | None:
    """The date, or ``None`` if it does not exist. Raises nothing (no exception context to leak)."""
    if not (MINYEAR <= year <= MAXYEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _calendar_day(day: int) -> int:
    """The birth day of month: a samordningsnummer's day 61–91 is day 1–31."""
    return day - _COORDINATION_OFFSET if day > _COORDINATION_OFFSET else day


def _check(digits: str) -> None:
    """Validate normalised digits (10 or 12 ASCII digits). Messages never contain the number."""
    if len(digits) not in (10, 12) or not digits.isascii() or not digits.isdigit():
        raise InvalidFormat(_FORMAT_MESSAGE)
    ten = digits[-10:]
    if ten[6:9] == "000":
        raise InvalidFormat("personnummer: the serial number (födelsenummer) 000 is never issued")
    # Without a century, 2000 + YY is a leap year exactly when some century makes 29 Feb real.
    year = int(digits[:4]) if len(digits) == 12 else 2000 + int(ten[:2])
    if _real_date(year, int(ten[2:4]), _calendar_day(int(ten[4:6]))) is None:
        raise InvalidDate("personnummer: the date part is not a real calendar date")
    if _luhn_check_digit(ten[:9]) != ten[9]:
        raise InvalidChecksum("personnummer: the check digit (kontrollsiffra) does not match")


@attrs.frozen(repr=False)
class Personnummer:
    """A validated personnummer or samordningsnummer. Immutable; shows itself only masked.

    Build it with :meth:`parse`. Equality and hashing compare the normalised digits: 12 digits when
    the century is known, else 10 digits and whether the separator was ``+``.
    """

    _digits: str
    _plus: bool = False

    def __attrs_post_init__(self) -> None:
        _check(self._digits)
        if len(self._digits) == 12 and self._plus:
            object.__setattr__(self, "_plus", False)  # the century is explicit: '+' means nothing

    @classmethod
    def parse(cls, text: str, *, reference: date | None = None) -> Personnummer:
        """Parse and validate ``YYMMDD-NNNC``, ``YYMMDD+NNNC``, ``YYMMDDNNNC``, ``YYYYMMDD-NNNC``
        or ``YYYYMMDDNNNC``. Surrounding whitespace is stripped; nothing else is tolerated.

        Without ``reference`` a 10-digit number is kept as 10 digits (its century is resolved
        later, by :meth:`birth_date`). With ``reference`` the century is resolved now, the date
        must exist in it and not be after ``reference``, and the number is kept as 12 digits.

        Raises :class:`InvalidFormat`, :class:`InvalidDate` or :class:`InvalidChecksum` (all
        :class:`~primarvard_sdk.errors.InvalidPersonnummer`); messages never contain the number.
        """
        if not isinstance(text, str):
            raise InvalidFormat("personnummer: expected a string")
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise InvalidFormat(_FORMAT_MESSAGE)
        century, ymd, sep, serial, check = match.group("century", "date", "sep", "serial", "check")
        result = cls((century or "") + ymd + serial + check, sep == "+")
        if reference is not None:
            return cls(result.canonical(reference))
        return result

    def birth_date(self, reference: date) -> date:
        """The birth date (födelsedatum); a samordningsnummer's day is reduced by 60.

        The century of a 10-digit number is resolved against ``reference``: with ``-`` (or no
        separator) the most recent century in which the birth date is not after ``reference``
        (age 0–99); with ``+`` the year that makes the person 100 or more in the reference's
        calendar year ("+" is used from the year a person turns 100).

        Raises :class:`InvalidDate` if the number cannot denote a person born on or before
        ``reference``: a 12-digit number with a later date, or 29 February in a resolved year that
        is not a leap year (``000229-NNNC`` on a reference date in 1900–1999).
        """
        ten = self._digits[-10:]
        month, day = int(ten[2:4]), _calendar_day(int(ten[4:6]))
        if len(self._digits) == 12:
            year = int(self._digits[:4])
        else:
            yy = int(ten[:2])
            year = reference.year - (reference.year - yy) % 100
            if self._plus:
                # '+' is written from the calendar year the person turns 100 (Skatteverket), so
                # the birthday itself need not have passed in the reference year.
                year -= 100
            elif (month, day) > (reference.month, reference.day) and year == reference.year:
                year -= 100
        born = _real_date(year, month, day)
        if born is None:
            raise InvalidDate(
                "personnummer: the date part is not a real date in the resolved century"
            )
        if born > reference:
            raise InvalidDate("personnummer: the birth date is after the reference date")
        return born

    def age_on(self, reference: date) -> int:
        """Age in full years on ``reference`` (never today's date).

        Born on 29 February: in a year that is not a leap year the person turns a year older on
        1 March (Swedish practice), so on 28 February they are still the younger age.
        """
        born = self.birth_date(reference)
        before_birthday = (reference.month, reference.day) < (born.month, born.day)
        return reference.year - born.year - before_birthday

    def agrees_with(self, born: date) -> bool:
        """Whether a separately given birth date is the one this number encodes (the century
        too, for a 12-digit number)."""
        ten = self._digits[-10:]
        same_day = (int(ten[:2]), int(ten[2:4]), _calendar_day(int(ten[4:6]))) == (born.year % 100, born.month, born.day)
        return same_day and (len(self._digits) != 12 or int(self._digits[:4]) == born.year)

    @property
    def is_coordination_number(self) -> bool:
        """True for a samordningsnummer (day of month 61–91)."""
        return int(self._digits[-6:-4]) > _COORDINATION_OFFSET

    @property
    def sex(self) -> Literal["kvinna", "man"]:
        """Legal sex (kön) from the second-last digit: even is ``"kvinna"``, odd is ``"man"``."""
        return "kvinna" if int(self._digits[-2]) % 2 == 0 else "man"

    @property
    def masked(self) -> str:
        """The fixed masked form ``********-****``; it reveals nothing about the number."""
        return MASK

    def canonical(self, reference: date) -> str:
        """The 12-digit form ``YYYYMMDDNNNC`` (a samordningsnummer keeps its day + 60).

        For callers who must store the number; the SDK never puts it in its own output. The
        century of a 10-digit number is resolved against ``reference`` as in :meth:`birth_date`.
        """
        if len(self._digits) == 12:
            self.birth_date(reference)  # same validation as for 10 digits
            return self._digits
        return f"{self.birth_date(reference).year // 100:02d}{self._digits}"

    def as_entered(self) -> str:
        """The number as the caller gave it, normalised: ``YYMMDD-NNNC``, ``YYMMDD+NNNC`` or
        ``YYYYMMDDNNNC``. Only for serialising the caller's own input back (round trip);
        ``Personnummer.parse(p.as_entered()) == p``. Never used in results or messages.
        """
        if len(self._digits) == 12:
            return self._digits
        return f"{self._digits[:6]}{'+' if self._plus else '-'}{self._digits[6:]}"

    def __repr__(self) -> str:
        return f"Personnummer({MASK!r})"

    def __str__(self) -> str:
        return MASK


def is_valid(text: str, *, reference: date | None = None) -> bool:
    """True if ``text`` parses as a valid personnummer or samordningsnummer (see
    :meth:`Personnummer.parse`, including the checks ``reference`` adds)."""
    try:
        Personnummer.parse(text, reference=reference)
    except InvalidPersonnummer:
        return False
    return True
