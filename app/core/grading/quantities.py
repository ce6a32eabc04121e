"""Units for back-of-envelope estimates, through pint, loaded lazily.

pint (and its registry, built from the trimmed definitions in units.txt shipped beside this
module) is imported on the first unit actually looked up, so importing the grader stays cheap and
texts without figures never pay for it. Every look-up is cached: a unit costs pint once per
process, after that a dictionary hit.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

_DEFINITIONS = Path(__file__).with_name("units.txt")

_PREFIX = {"k": "kilo", "m": "mega", "g": "giga", "t": "tera", "p": "peta", "e": "exa"}
_BINARY = {"k": "kibi", "m": "mebi", "g": "gibi", "t": "tebi", "p": "pebi"}
_SLANG = {
    "meg": "megabyte", "megs": "megabyte", "gig": "gigabyte", "gigs": "gigabyte",
    "tera": "terabyte", "teras": "terabyte", "peta": "petabyte", "petas": "petabyte",
}  # fmt: skip
_TIME = {
    "ms": "millisecond",
    "s": "second",
    "min": "minute",
    "h": "hour",
    "day": "day",
    "week": "week",
}
_TIME |= {"month": "month", "year": "year"}


def time_name(time_unit: str) -> str:
    """The word for one "s", "min", "h" ...: "second", "minute", "hour"."""
    return _TIME[time_unit]


@cache
def registry() -> Any:
    """The unit registry (pint is imported here, on first use)."""
    import pint

    return pint.UnitRegistry(str(_DEFINITIONS), cache_folder=None)


@cache
def in_base(unit: str) -> tuple[float, int, int]:
    """A pint unit expression ("megabit / second") as (factor, byte exponent, second exponent)."""
    q = registry().Quantity(1.0, unit).to_base_units()
    dims = q.dimensionality
    return float(q.magnitude), int(dims.get("[information]", 0)), int(dims.get("[time]", 0))


def size_unit(written: str) -> str:
    """The pint name of a data size as written: "KB", "kib", "Gbit", "mbps", "gigs", "terabytes".

    Case is forgiven for bytes ("mb", "Gb" are megabytes, gigabytes); bits need "bit" or "bps".
    """
    w = written.lower().removesuffix("s") if written.lower() not in ("bps",) else written.lower()
    if w in _SLANG or w + "s" in _SLANG:
        return _SLANG.get(w, _SLANG.get(w + "s", "byte"))
    bits = "bit" in w or w.endswith("bp")
    for long in ("kilo", "mega", "giga", "tera", "peta", "exa"):
        if w.startswith(long):
            return long + ("bit" if bits else "byte")
    if w in ("b", "byte", "bit", "bp"):
        return "bit" if bits else "byte"
    head = w[0]
    if w[1:2] == "i":
        return _BINARY.get(head, "") + ("bit" if bits else "byte")
    return _PREFIX.get(head, "") + ("bit" if bits else "byte")


def size_factor(written: str) -> float:
    """Bytes in one of the written size unit."""
    return in_base(size_unit(written))[0]


TIME_UNITS = ("s", "min", "h", "day", "week", "month", "year")
"""The time units a rate may be per, shortest first."""


def seconds(time_unit: str) -> float:
    """Seconds in one "s", "min", "h", "day", "week", "month" (30 days) or "year" (365 days)."""
    return in_base(_TIME[time_unit])[0]


TIME_ADJECTIVE = (
    r"(?:peak|busy|busiest|typical|average|normal|ordinary|given|single|whole|full|quiet|slow"
    r"|heavy|light|bad|good|regular|usual)"
)
"""A word for a kind of time ("a peak hour", "a typical day"): still per that time."""


BIT_WIDTH = re.compile(r"(?i)\d\s*[- ]?bits?\b")
"""A width in bits said with its number ("a 64-bit counter", "32 bit"): a key space, no size."""


RATIO_IN_WORDS = (
    r"times[ \t\u00a0]{1,3}(?:more(?:[ \t\u00a0]{1,3}than)?|bigger|larger|higher|"
    r"as[ \t\u00a0]{1,3}many|as[ \t\u00a0]{1,3}much|of)"
)
"""A ratio said in words after its number ("100 times more than", "5 times as many", "hundred
times of"): read as a ratio by the arithmetic, and as one written by the claims."""


SHARE_SAID = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
"""A figure said as a share ("20%", "5 percent", "five per cent"): a part of some total."""
