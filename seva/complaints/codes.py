"""Complaint codes: short, readable aloud, carrying the unit and the date, with a check character.

Format (canonical, as printed): ``PREFIX-YYMMDD-SERIAL-C``, e.g. ``LKN-261122-042-7``.

- PREFIX: 2–4 letters naming the unit that registered the complaint (a district's own prefix,
  or the state HQ's ``UP`` when no district was known yet). Kept when the complaint moves.
- YYMMDD: the registration date in India (IST).
- SERIAL: a number drawn at random for that prefix and day, at least 3 digits (5 or more for
  codes given since serials stopped being a running count; older codes keep theirs and stay
  valid). Random so that one code tells nothing about the others: `serial_digits` keeps at
  most one serial in `SPARSENESS` taken, so a guess almost always misses.
- C: a check character computed over everything before it.

Alphabet: the digits and the letters without I, O, Q, X and Z (31 symbols), so nothing reads
like a digit and every symbol is distinct when spoken. The check is a weighted sum modulo 31
(a prime) with weights 3^k, k counted from the right: consecutive weights differ and none is 0
mod 31, so every single-character substitution and every swap of two neighbours (the check
character included) changes the sum and is detected.

When reading a code we forgive case, spaces, dots and hyphens, and the letters O and I typed
for the digits 0 and 1. Pure module: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWY"
_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_MODULUS = 31
assert len(ALPHABET) == _MODULUS
PREFIX_LETTERS = "ABCDEFGHJKLMNPRSTUVWY"
MIN_SERIAL_DIGITS = 3  # what the format accepts (older codes' running numbers)
MAX_SERIAL_DIGITS = 9
MIN_RANDOM_DIGITS = 5  # what new codes get at least
SPARSENESS = 1000  # at most one serial in this many is in use, per prefix and day
_LETTER_CLASS = "A-HJ-NPR-WY"
_COMPACT = re.compile(
    rf"^(?P<prefix>[{_LETTER_CLASS}]{{2,4}})(?P<date>\d{{6}})"
    rf"(?P<serial>\d{{{MIN_SERIAL_DIGITS},{MAX_SERIAL_DIGITS}}})"
    rf"(?P<check>[0-9{_LETTER_CLASS}])$"
)
_PREFIX = re.compile(rf"^[{_LETTER_CLASS}]{{2,4}}$")
_FORGIVEN = str.maketrans({"O": "0", "I": "1", "-": None, " ": None, ".": None, "_": None})


class CodeError(ValueError):
    """A string is not a valid complaint code; the message says why, for a citizen."""


class CodeFormatError(CodeError):
    pass


class CodeCheckError(CodeError):
    """The shape is right but the check character disagrees: a character is mistyped."""


@dataclass(frozen=True, slots=True)
class ComplaintCode:
    prefix: str
    date: dt.date
    serial: int

    @property
    def payload(self) -> str:
        return f"{self.prefix}{self.date:%y%m%d}{self.serial:0{MIN_SERIAL_DIGITS}d}"

    @property
    def check(self) -> str:
        return check_character(self.payload)

    def __str__(self) -> str:
        return f"{self.prefix}-{self.date:%y%m%d}-{self.serial:0{MIN_SERIAL_DIGITS}d}-{self.check}"


def check_character(payload: str) -> str:
    """The symbol that makes the weighted sum of ``payload + symbol`` zero modulo 31."""
    total = 0
    for symbol in payload:
        # Horner's rule: each earlier symbol ends up multiplied by one more factor of 3.
        total = (total * 3 + _VALUE[symbol]) % _MODULUS
    # The check symbol has weight 1; the payload's weights are shifted by one factor of 3.
    return ALPHABET[(-total * 3) % _MODULUS]


def _sum_is_zero(compact: str) -> bool:
    total = 0
    for symbol in compact:
        total = (total * 3 + _VALUE[symbol]) % _MODULUS
    return total == 0


def validate_prefix(prefix: str) -> str:
    if not _PREFIX.match(prefix):
        raise CodeFormatError(
            f"a code prefix is 2 to 4 letters from {PREFIX_LETTERS!r}, not {prefix!r}"
        )
    return prefix


def make_code(*, prefix: str, date: dt.date, serial: int) -> ComplaintCode:
    validate_prefix(prefix)
    if serial < 1:
        raise CodeFormatError("a serial starts at 1")
    if serial >= 10**MAX_SERIAL_DIGITS:
        raise CodeFormatError(f"a serial has at most {MAX_SERIAL_DIGITS} digits")
    return ComplaintCode(prefix=prefix, date=date, serial=serial)


def serial_digits(issued: int) -> int:
    """How many digits new serials get once `issued` codes exist for a prefix and day (the new
    ones included): the fewest, from MIN_RANDOM_DIGITS, that keep at most one serial in
    SPARSENESS taken. Five digits serve the first 90 codes of a day, six the first 900."""
    digits = MIN_RANDOM_DIGITS
    while digits < MAX_SERIAL_DIGITS and 9 * 10 ** (digits - 1) < SPARSENESS * issued:
        digits += 1
    return digits


def serial_choices(digits: int) -> range:
    """The serials of exactly `digits` digits (no leading zero, so the printed code and the
    serial stay one-to-one)."""
    return range(10 ** (digits - 1), 10**digits)


def normalise(text: str) -> str:
    """The compact form of what someone typed: upper case, separators removed."""
    return text.strip().upper().translate(_FORGIVEN)


def parse_code(text: str) -> ComplaintCode:
    """Read a code as a citizen might type it; raise CodeFormatError or CodeCheckError."""
    compact = normalise(text)
    if not compact:
        raise CodeFormatError("enter a complaint code, for example LKN-261122-042-7")
    unknown = sorted({symbol for symbol in compact if symbol not in _VALUE})
    if unknown:
        raise CodeFormatError(f"a complaint code cannot contain {''.join(unknown)!r}")
    match = _COMPACT.match(compact)
    if match is None:
        raise CodeFormatError(
            "a complaint code looks like LKN-261122-042-7: letters, the date, a number "
            "and one check character"
        )
    if not _sum_is_zero(compact):
        raise CodeCheckError(
            "this code has a mistyped character: please check it against your reply"
        )
    try:
        date = dt.datetime.strptime(match["date"], "%y%m%d").date()
    except ValueError as exc:
        raise CodeFormatError(f"{match['date']} is not a date (YYMMDD)") from exc
    return ComplaintCode(prefix=match["prefix"], date=date, serial=int(match["serial"]))


def format_code(text: str) -> str:
    """The canonical printed form of a valid code typed in any accepted way."""
    return str(parse_code(text))
