"""Back-of-envelope arithmetic in free text: find "A x B [x C ...] = R" and check R within 10x.

How the candidate's words are read:

- Sizes are decimal (KB = 1000 B ... PB = 10**15 B); KiB, MiB, GiB, TiB, PiB are 1024-based. The
  case of prefixed units is forgiven ("mb", "Gb" are megabytes, gigabytes; bits are not modelled).
- Magnitudes: k/K/thousand, m/M/mil/mn/million, b/bn/billion, T/tn/trillion, hundred; number words
  ("ten", "a thousand", "two hundred million", "half a million"); vague plurals count as their order
  of magnitude ("thousands" = 1000, "tens of thousands" = 10k); "a few" = 3, "several" = 5.
- An uppercase "B" right after a number is *billion* when a count noun follows ("1B users") and
  *bytes* otherwise ("1 B", "200B each", "1B of data"). Inside a calculation the dimensions
  decide: a bare "B" operand beside another size is billion, and so is a bare "B" result of a
  count product ("100M x 10 = 1B").
- Rates: "/s", "per second", "a minute", "/m", "daily", "qps", "10 times a day"... A per-week rate
  becomes a per-day rate (divided by 7).
- A time written as an amount ("1440 minutes/day", "86400 s", "30 days") is the candidate's own
  conversion: it uses up the rate's time ("1k/min x 1440 minutes/day" is per day, "100 GB/day x
  365 days" is a size); next to no rate it is just a number. So is a bare number within 2x of the
  factor between the operands' time and the result's ("1 GB/min x 1440 = 1.4 TB/day", "x 60 x 24",
  "x 100k" for seconds to days). Otherwise a result in another time unit is converted to; a result
  with a time unit and operands without (or the reverse) is compared as written.
- Products are checked here, and divisions by a bare number ("/ 60", "over sixty"); a bare
  number near a time factor that does not fit the units ("100k/min / 3600 = 28/s") is the
  candidate's own conversion gone wrong, and the right one is applied instead. Two sizes
  multiplied, or a time as the result, are a division: left to the claims (claims.py). A product
  next to a sum ("(1k + 1k) x 1 MB") or with a sum as its result is skipped rather than misjudged.
  A result can continue a chain: "= 1 GB/min, x 1440 = 1.4 TB/day", "= 1000 MB = 1 GB", a bullet
  that starts with "x 365", and "= 100k / 60 = 1.7k/s" are calculations of their own.
- A bare operand that repeats an interval given before ("every 30 s ... 20M x 30") is that
  interval. Ratios ("100:1", "a hundred to one", "10x burst") are figures. Markdown tables are read
  by tables.py (what a column or row says its figures are per; which cells are results).
- A figure written again stands for the one it repeats: without its rate ("2,000 releases a day
  ... 2,000 / 60", "25 MB/s; 25 MB x 1,440") it has that rate, and a bare number that starts the
  arithmetic ("64 kbps ... 64 x 3600", "7 years is 7 x 365") or multiplies by a time said before
  ("7 years ... 5 GB multiply 7") is that figure. The candidate's arithmetic is taken as stated:
  "2,000 over 60 = 33 a second" is checked as 2,000 a day, not as 2,000 / 60.
- A line's label says what its figure is per ("- rides/day: 20M", "tx/day   10,000 x 24 =
  240,000": the line's result). Money ("$40 an order") is a figure; a small "b" ("x 50b = 1.8 GB")
  is bytes when the result is a size. Two rates never multiply ("100/day at 1k/day").
- A figure already per year times a bare 365 (per day times 24 ...) converts twice: checked
  without the extra factor. A rate stated as a count times a time ("50k x 4 s = 200k/s") is the
  count over the time. Codes of an alphabet and a length written as a product ("62 x 7 = 434
  codes") are the power. A count is never the result of a product of sizes.
- One thing every so long is a rate ("one every 40 seconds", "once every 5 min": 1/40 a second);
  a time of a kind is still that time ("in a peak hour", "on a busy day"); a share of things per
  a time is a rate ("1% of entries change per day"); a range with a dash is its middle ("10-20
  KB"); a number picked from a range of sizes has its unit ("1-10 GB, let's say 5"); billions
  written again with a big B keep their rate ("5 billion a day ... 5B / 60").
- A bare 8 between bytes and bits is the candidate's own conversion: the units convert instead
  ("17 MB/s / 8 = 2 Mbit/s" is 68x off). A product of a rate and a bare factor into a bigger
  time ("10k/min x 1,440 = 14.4M") is per that time for what follows.
- A figure read as holding is checked again as the next link of a chain when only plain factors
  (a replication factor, "triple", a retention span) come between it and the result before it:
  "~525 TB/yr ... 5-year retention, x 3 replicas -> ~7.9 TB" is 7.9 PB. A rate said again with
  the same number per another time ("10k searches per minute, this mean 10 thousand QPS") is a
  conversion, checked as one, unless a peak, an average or a factor comes between. An amount of
  time per a time as a result ("10k/min x 0.2 s = 2000 s of spin-up per min") is that many
  seconds each minute.
- A figure found more than 10x off is called wrong only when its derivation is unambiguous
  (confidence.py): no derivation at all (a bound, the alternative to a figure, a figure said
  again, an operand of what follows) is dropped; another plausible reading of the candidate's
  own figures that makes it hold (an unsaid time, a span, a count said after it, a chain link)
  makes it hold.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import combinations

from app.core.grading.claims import find_claims
from app.core.grading.confidence import confident
from app.core.grading.quantities import (
    BIT_WIDTH,
    RATIO_IN_WORDS,
    TIME_UNITS,
    size_factor,
    time_name,
)
from app.core.grading.quantities import SHARE_SAID as _SHARE_SAID
from app.core.grading.quantities import TIME_ADJECTIVE as _TIME_ADJECTIVE
from app.core.grading.quantities import seconds as _seconds
from app.core.grading.tables import _rate as _label_rate

TOLERANCE = 10.0
"""A stated result within this factor of the true product is correct enough."""
_MAX_OPERANDS = 8
"""Longer products are not back-of-envelope estimates (and would make float products overflow)."""

_TIME: dict[str, str] = {
    **dict.fromkeys(("ms", "msec", "msecs", "millisecond", "milliseconds"), "ms"),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "qps", "rps", "tps", "wps"), "s"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "rpm", "qpm"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "hourly"), "h"),
    **dict.fromkeys(("d", "day", "days", "daily", "nightly", "night", "pd"), "day"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks", "weekly"), "week"),
    **dict.fromkeys(("mo", "month", "months", "monthly"), "month"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years", "yearly", "annually", "annum"), "year"),
}
_MAGNITUDES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "hundred": 1e2,
    "m": 1e6,
    "mil": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}


def _split(words: str) -> list[str]:
    return words.split()


_SMALL: dict[str, float] = {
    w: float(i)
    for i, w in enumerate(
        _split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
} | {
    w: 10.0 * i
    for i, w in enumerate(_split("twenty thirty forty fifty sixty seventy eighty ninety"), start=2)
}
_BIG: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_VAGUE: dict[str, float] = {
    "tens": 10,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
_MULTIPLES = {"twice": 2.0, "double": 2.0, "triple": 3.0, "thrice": 3.0}
_STOP_WORDS = (
    "a an the and or but so then thus hence is are was were be been being equals equal gives give "
    "giving yields makes make comes come work works turn turns out times multiplied multiply divided plus minus by which "
    "that that's thats "
    "that’s this these those it it's its we i you they he she per each every with without at for "
    "to in on of from into over under about around roughly approximately approx nearly almost "
    "like than as if when while because since total totals means would will can could should "
    "must may might need needs do does not no also only just more less there here where who what "
    "how why across after before hundred dozen few several couple half vs versus um umm uh uhh er "
    "erm hmm we'd we’d we'll we’ll we're we’re i'd i’d i'll i’ll you'd you’d they'd they’d puts brings against versus"
)
_BACK_REFERENCES = frozenset(("those", "these", "them"))
"""After "of": what the figure counts is said before ("a thousand of those per minute")."""
_STOP = frozenset(_split(_STOP_WORDS)) | _SMALL.keys() | _BIG.keys() | _VAGUE.keys() | _MULTIPLES.keys()
"""Words that end a quantity's noun phrase ("1k writes/min with ...", "2 KB is ...", "50k a
second ish double it": a factor of its own)."""

_SP = r"[ \t\u00a0]{0,3}"
_SP1 = r"[ \t\u00a0]{1,3}"
_END = r"(?:(?=[xX×](?![A-Za-z]))|(?![A-Za-z]))"
"""A unit ends at a non-letter, or at an "x" used as the multiplication sign ("1kx1MB")."""


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """pattern with <sp> (up to three spaces), <sp1> (one to three) and <end> (end of a unit)."""
    for name, part in (("<sp1>", _SP1), ("<sp>", _SP), ("<end>", _END)):
        pattern = pattern.replace(name, part)
    return re.compile(pattern, flags)


_NUMBER = _rx(
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:_\d{3})+(?!\d)|\d+)(?P<frac>\.\d+)?"
    r"(?:[eE](?P<exp>[+-]?\d{1,2})(?![A-Za-z\d])|\^(?P<pow>\d{1,2})(?!\d))?",
    re.ASCII,
)
_GLUED = _rx(r"[.,:/\-]\d")
_AFTER_OP = re.compile(r"[×*✕✖⋅·][ \t]*$")
"""Right after a multiplication sign: a number glued to "/" divides ("*500/3600")."""
_POWER_WORDS = _rx(
    r"<sp1>(?:to<sp1>the(?:<sp1>power(?:<sp1>of)?)?|power)<sp1>(\d{1,2})(?:st|nd|rd|th)?(?![\dA-Za-z])",
    re.I,
)
_N_BIT = re.compile(
    r"(?P<bit>[- ]?bits?)\s+(?:[a-z]+\s+){0,2}?(?:ids?|identifiers?|counters?|integers?|ints?|"
    r"keys?|numbers?|hash(?:es)?|(?:id |key |address |number )?space|sequences?|ones?)\b",
    re.I,
)
"""What an "N-bit" figure counts: the values of an N-bit id, counter or key space (2^N)."""
_POINT = _rx(r"<sp1>point<sp1>(\d+)(?![\d.])", re.I)
_PERCENT = _rx(r"[ \t]?%|<sp1>per<sp>cent(?![A-Za-z])", re.I)
"""A percentage: "5%", "5 percent", "ninety nine point nine per cent"."""
_RATIO = _rx(
    r"<sp>:<sp>1(?!\d|[.,:]\d)|<sp1>to<sp1>(?:1|one)(?!\d|[.,]\d|<sp>(?:[kKmMbBgGtT]\b|[A-Za-z]?B\b))"
    r"|x(?=<sp>(?:[A-Za-z]|[,.;:)!?]|$))(?!<sp>(?:the|a|an)\b)"
    r"|<sp1>" + RATIO_IN_WORDS + r"(?![A-Za-z])"
    r"(?!<sp>(?:that|this|it|what)\b)(?!<sp>[~≈\d])",
    re.M,
)
"""A ratio: "100:1", "a hundred to one", "10x burst", "a hundred times more than writes" (not
"10 x 5", nor "2x the original", nor "three times that")."""
_SIZE_UNIT = (
    r"(?i:(?P<u>[kmgtpe]i?b(?:its?|ps)|[kmgtpe]i?b|(?:kilo|mega|giga|tera|peta|exa)?(?:bytes?|bits?)"
    r"|megs?|gigs?|teras?|petas?)s?)<end>"
)
_SIZE = _rx("<sp>" + _SIZE_UNIT)
_SIZE_SPACED = _rx("<sp1>" + _SIZE_UNIT)
_BARE_B = _rx(r"<sp>B<end>")
_MAGNITUDE = _rx(
    r"<sp>(?P<m>(?i:(?:thousand|million|billion|trillion)s?|hundred|mil|mln|mn|bn|tn"
    r"|(?:mil|bil|tril)l*i*on|tho?u?sa?e?nd)|[kKmMbT])<end>"
)
"""A magnitude after digits, misspelt as typed in a hurry too ("4.8 milion", "2 bilion", "3
thousnd")."""
_MISSPELT_MAGNITUDES = {"mi": 1e6, "bi": 1e9, "tr": 1e12, "th": 1e3}
"""A misspelling `_MAGNITUDE` matched, by its first two letters (each spelling it allows starts
as its word does)."""


def _magnitude(word: str) -> float:
    """The factor of a magnitude `_MAGNITUDE` matched: "billions" 1e9, "milion" 1e6."""
    word = word.lower().removesuffix("s")
    return _MAGNITUDES.get(word) or _MISSPELT_MAGNITUDES[word[:2]]


_TIME_AMOUNT = _rx(
    r"(?:<sp>|-)(?P<t>milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|hr|h|"
    r"days?|weeks?|wks?|months?|years?|yrs?|yr|decades?)<end>",
    re.I,
)
_RATE_SLASH = _rx(
    r"<sp>/<sp>(?P<t>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|wks?|wk|"
    r"w|months?|mo|years?|yrs?|yr|y)(?![A-Za-z])",
    re.I,
)
_RATE_WORD = _rx(
    r"(?:<sp1>times)?<sp1>(?:(?:per(?:<sp1>one)?|an?|each|every|in(?:<sp1>(?:an?|one))?"
    r"|in<sp1>(?:each|every)|for<sp1>(?:one|each|every)|for(?=<sp1>(?:second|minute|hour|day)(?![A-Za-z])))"
    r"(?:<sp1>" + _TIME_ADJECTIVE + r")?"
    r"|(?:in|on|during)<sp1>(?:an?|the|one)<sp1>" + _TIME_ADJECTIVE + r")<sp1>"
    r"(?P<t>second|sec|minute|min|hour|hr|day|week|month|year|yr|annum)(?![A-Za-z])",
    re.I,
)
"""A count's rate: "a day", "per second", "in one minute", "in second", "for each minute", "for
day" (said with no article it is a rate; "for a day" is a duration); of a
kind of time ("in a peak hour", "per busy day", "on a typical day"): still per that time."""
_AMOUNT_RATE_WORD = _rx(
    r"<sp1>(?:per(?:<sp1>one)?|an?|each|every|in<sp1>an?)<sp1>"
    r"(?P<t>second|sec|minute|min|hour|hr|day|night|week|month|year|annum)(?![A-Za-z])",
    re.I,
)
"""A time amount's rate: "8 hours a year" (but "3.5 hours in one week" is a total)."""
_RATE_ADVERB = _rx(
    r"<sp1>(?P<t>daily|nightly|hourly|weekly|monthly|yearly|annually)(?![A-Za-z])"
    r"(?!<sp1>(?:actives?|users?|uniques?|visitors?|riders?|drivers?|customers?|subscribers?|members?"
    r"|viewers?|listeners?|players?|buyers?|sellers?|shoppers?|readers?|people|accounts?)\b)",
    re.I,
)
_RATE_QPS = _rx(r"<sp>(?P<t>qps|rps|tps|wps|rpm|qpm)<end>", re.I)
_RATE_PD = _rx(r"<sp1>(?P<t>pd)<end>", re.I)
"""A day's rate in shorthand: "5k releases pd"."""
_RATES = (_RATE_SLASH, _RATE_WORD, _RATE_ADVERB, _RATE_QPS, _RATE_PD)
_QUALIFIER = _rx(
    r"<sp>/<sp>[A-Za-z][A-Za-z-]{1,30}(?![A-Za-z\d])"
    r"|<sp1>(?:per|for<sp1>(?:each|every))<sp1>[A-Za-z][A-Za-z-]{1,30}(?![A-Za-z\d])"
    r"|<sp1>(?:each|apiece|avg|on<sp1>(?:average|avg))(?![A-Za-z])",
    re.I,
)
_NOUN = _rx(r"<sp1>(?P<of>of<sp1>)?(?P<w>[A-Za-z][A-Za-z'’-]{1,30})(?![A-Za-z\d'’-])")
_WORD = _rx(r"[A-Za-z]+")
_OF_NOUN = _rx(r"<sp1>(?:of<sp1>)?[A-Za-z][A-Za-z-]{1,20}")
"""What a time amount counts, before its rate: "8.8 hours of downtime a year", "52 min downtime/month"."""
_NINES = _rx(r"<sp1>nines(?![A-Za-z])", re.I)
_WORD_GAP = _rx(r"[ \t-]{1,3}")

_HEDGE = (
    r"(?:<sp>(?:~|≈|(?:about|around|roughly|approx(?:imately)?|nearly|almost|some|over|under)\b"
    r"|approx\.|ca\.|(?:close|up)<sp1>to\b)){0,3}"
)
_EQ = _rx(
    r"(?:=>|->|→|⇒|~=|=~|≈|==?|~|(?:equals|(?:which<sp1>)?gives(?:<sp1>(?:us|you|me))?|yields|makes|which<sp1>is"
    r"|that['’]?s|that<sp1>is|it<sp1>is|so(?=(?:<sp1>(?:about|roughly|around|like|um+|uh+))*<sp1>"
    r"(?:[~≈\d]|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|half)\b))|comes<sp1>(?:out<sp1>)?to|works?<sp1>out<sp1>(?:to|at)|averages?<sp1>out<sp1>(?:to|at)"
    # "100 GB times 365, we're talking roughly 365 GB", "you're looking at 2 TB"
    r"|(?:we|you)(?:['’]re|<sp1>are)<sp1>(?:talking(?:<sp1>about)?|looking<sp1>at)|is)\b"
    r"|,(?=<sp>(?:so<sp1>)?(?:[~≈]|(?:about|around|roughly|approx(?:imately)?|call<sp1>it)\b)))"
    r"(?:<sp>call<sp1>it\b)?" + _HEDGE,
    re.I,
)
_OP = _rx(r"[×✕✖⋅·*]|x(?![A-Za-z])|(?:times|multipl(?:ied|y)<sp1>by|multiply)\b", re.I)
_AT = _rx(r"(?:at|(?<!divided )(?<!split )(?<!broken )into)\b", re.I)
"""\"1k posts a minute at 1 MB each\", "720k hours into 3 GB" (said so in Indian English):
times, but only between two quantities."""
_SEP = _rx(
    r"[,;.][ \t]{0,3}(?:(?:and|then|so)\b[ \t]{0,3}){0,2}|(?:(?:and|then|so)\b[ \t]{0,3}){1,2}",
    re.I,
)
_SUM = _rx(r"[+−–-]")
_DIV = _rx(
    r"[÷/]|divided<sp1>by\b|divide<sp1>(?:(?:it|that|this|them)<sp1>)?by\b|over(?=<sp1>(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fourteen|twenty|thirty|forty|fifty|sixty|eighty)\b))",
    re.I,
)
"""A division: "/", "divided by", "divide by", and "over" before a number ("a million over
sixty")."""
_LEAD_HEDGE = _rx(
    r"(?:[~≈]|(?:about|around|roughly|approx(?:imately)?|nearly|up<sp1>to)\b)[ \t]*", re.I
)
_FILLER = re.compile(
    r"[,\s]*(?:um+|uh+|er+|erm|like|you know|i mean|basically|kinda|sort of|kind of|well|"
    # a hedge of more than one word on the result: "that's a bit over 800 a second"
    r"(?:a (?:bit|little|tad)|just|slightly) (?:over|under|more than|less than|above|below))\b[,\s]*",
    re.I,
)
_SKIP = re.compile(r"\([^()\d=×*\n]{0,40}\)|\*\*|`+|[()\[\]]|[$€£](?=\d)")
_BULLET = re.compile(r"[ \t]*(?:[-*•+]|\d{1,2}[.)])[ \t]+")
_SPACE = re.compile(r"\s+")
_BREAK_NUMBER = re.compile(r"[\w.,:/-]+")
_BREAK = re.compile(r"\w+|.", re.S)


@dataclass(frozen=True)
class Quantity:
    """A number as the candidate wrote it, in base units."""

    value: float
    """A plain count, or bytes for sizes."""
    unit: str
    """"" for a count, "B" for bytes."""
    per: str | None
    """Time unit of a rate: "s", "min", "h", "day", "month", "year", or None."""
    text: str
    """Exact source text of this quantity (for a computed quantity: its formatted form)."""


@dataclass(frozen=True)
class Calculation:
    """One "A x B [x C ...] = R" the candidate wrote, checked."""

    quote: str
    """Exact substring of the input text holding the whole calculation."""
    start: int
    """Index of quote in the input text."""
    operands: tuple[Quantity, ...]
    stated: Quantity
    """The result the candidate wrote."""
    expected: Quantity
    """What the product really is, in the stated result's unit and time."""
    ratio: float
    """max(stated/expected, expected/stated), at least 1."""
    ok: bool
    """ratio <= TOLERANCE."""


# Made once a word: slots (~40% cheaper), and not frozen (a frozen dataclass sets each field
# through object.__setattr__: 5x the cost). Never changed once made; hashed like a frozen one.
@dataclass(slots=True, unsafe_hash=True)
class _Tok:
    kind: str
    """Q (quantity), OP (times), AT, EQ (result marker), SEP, SUM (+ -), DIV (/), BREAK."""
    start: int
    end: int
    q: Quantity | None = None
    alt: Quantity | None = None
    """The billion reading of a bare "B" read as bytes."""
    seconds: float = 0.0
    """For a time written as an amount ("1440 minutes/day"): seconds in its unit (60), else 0."""
    over: str | None = None
    """For a time amount: the time it is per ("day"), if any."""
    bare: bool = False
    """A number with no noun, size or rate ("x 1440", "x 100k")."""
    notable: bool = False
    """Has a magnitude, a unit or a rate, or is written with thousands separators."""
    repeats: int = -1
    """For a figure written again without its rate ("25 MB/s ... 25 MB x 1,440", "2,000 releases
    a day ... 2,000 over 60"): where the figure it stands for starts, else -1."""


def _numeric(text: str, pos: int) -> tuple[float, int, bool] | None:
    """A written number at pos: value, end, and whether its notation is notable."""
    m = _NUMBER.match(text, pos)
    if not m or len(m["int"]) > 19:
        return None
    value = float(m["int"].replace(",", "").replace("_", "") + (m["frac"] or ""))
    try:
        if m["exp"]:
            value *= 10.0 ** int(m["exp"])
        elif m["pow"]:
            value **= int(m["pow"])
    except OverflowError:
        return None
    end = m.end()
    if not m["frac"] and not m["exp"] and not m["pow"] and (p := _POWER_WORDS.match(text, end)):
        value, end = value ** int(p[1]), p.end()  # "62 to the 7", "2 to the power of 32"
        return value, end, True
    if (
        not m["frac"]
        and not m["exp"]
        and not m["pow"]
        and 8 <= value <= 128
        and (p := _N_BIT.match(text, end))
    ):
        return 2.0**value, p.end("bit"), True  # "a 32-bit counter": 2^32 values, ~4.3 billion
    if not m["frac"] and not m["exp"] and not m["pow"] and (p := _POINT.match(text, end)):
        value, end = value + float("0." + p[1]), p.end()  # "14 point 4 million"
    if (
        _GLUED.match(text, end)
        and not _RATIO.match(text, end)
        and not _AFTER_OP.search(text, max(0, pos - 4), pos)
    ):
        if (span := _range(text, value, end)) is not None:
            return span[0], span[1], False  # "10-20 KB": a range, read as its middle
        return None  # "24/7", "1.2.3" (but "10 GB*500/3600" divides)
    return value, end, bool(m["exp"] or m["pow"] or not m["int"].isdigit())


_RANGE_END = re.compile(r"[-–](\d{1,6}(?:\.\d+)?)(?![\d.,/:-])")


def _range(text: str, low: float, end: int) -> tuple[float, int] | None:
    """A range of sizes or magnitudes written with a dash ("10-20 KB", "170-340 MB/s", "2-3k"):
    (the middle of its ends, where it ends); None for anything else ("24-7", "2023-2024")."""
    m = _RANGE_END.match(text, end)
    if m is None or not low > 0:
        return None
    high = float(m[1])
    if not low < high <= 20 * low:
        return None
    if not (_SIZE.match(text, m.end()) or _MAGNITUDE.match(text, m.end())):
        return None
    return math.sqrt(low * high), m.end()


def _words(text: str, pos: int, limit: int = 6) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    p = pos
    while len(out) < limit:
        if out:
            gap = _WORD_GAP.match(text, p)
            if not gap:
                break
            p = gap.end()
        m = _WORD.match(text, p)
        if not m:
            break
        out.append((m.group().lower(), m.end()))
        p = m.end()
    return out


def _word_number(text: str, pos: int) -> tuple[float, int, bool] | None:
    """A number in words at pos ("ten", "a thousand", "thousands"): value, end, has magnitude."""
    first = _WORD.match(text, pos)
    lead = first.group().lower() if first else ""
    if lead in _MULTIPLES:
        return _MULTIPLES[lead], first.end() if first else pos, False
    if lead == "once":  # "once every 2 minutes" (one, every so long); "once we shard" is none
        end = first.end() if first else pos
        return (1.0, end, False) if _ONCE_EVERY.match(text, end) else None
    if lead in ("hundred", "thousand", "million", "billion") and _bare_magnitude(text, pos):
        lead = "a"  # "the hundred million a day", "the top thousand": one of the magnitude
    elif lead == "couple":
        # "couple thousand a day", "couple of hundred a second": two of the magnitude
        after = _words(text, pos, 4)
        k = 2 if len(after) > 2 and after[1][0] == "of" else 1
        if len(after) <= k or after[k][0] not in ("hundred", "thousand", "million", "billion"):
            return None
        value = 2.0 * _MAGNITUDES[after[k][0]]
        if len(after) > k + 1 and _MAGNITUDES.get(after[k + 1][0], 0) > _MAGNITUDES[after[k][0]]:
            # "couple hundred million": two hundred of the millions
            return value * _MAGNITUDES[after[k + 1][0]], after[k + 1][1], True
        return value, after[k][1], True
    elif (
        lead not in _SMALL
        and lead not in _VAGUE
        and lead not in ("a", "an", "few", "several", "half")
    ):
        return None
    idiom = _IDIOM.search(text, max(0, pos - 12), pos) if lead in ("a", "an") else None
    if idiom and (not idiom["long"] or _MOMENT.match(text, first.end() if first else pos)):
        return None  # "for a second", "wait a minute": no quantity ("for a year" is one)
    ws = _words(text, pos, 9)
    w = [x for x, _ in ws] + [""] * 10
    if w[0] in ("hundred", "thousand", "million", "billion"):
        ws, w = [("a", pos), *ws], ["a", *w]  # read "the hundred million" as "a hundred million"
    if (
        lead in ("a", "an", "one")
        and w[1] not in ("bit", "bits", "b")
        and (_SIZE_SPACED.match(text, ws[0][1]) or _TIME_AMOUNT.match(text, ws[0][1]))
    ):
        return 1.0, ws[0][1], False  # "a meg", "a gig", "an hour", "one year"
    if (
        lead in ("a", "an", "one")
        and w[1] in ("whole", "full", "single", "entire")
        and _TIME_AMOUNT.match(text, ws[1][1])
    ):
        return 1.0, ws[1][1], False  # "a whole day of downtime", "one full hour"
    if lead in ("a", "an") and w[1] == "quarter" and w[2] == "of" and w[4] in _BIG:
        return 0.25 * _BIG[w[4]], ws[4][1], True  # "a quarter of a million"
    part = _FRACTIONS.get(w[1].removesuffix("s")) if 1 <= _SMALL.get(lead, 0) < 10 else None
    if part and w[1].endswith("s") and w[2] == "of" and w[3] in ("a", "an") and w[4] in _BIG:
        return _SMALL[lead] * part * _BIG[w[4]], ws[4][1], True  # "two-thirds of a million"
    fraction_of = lead == "a" and w[1] in _FRACTIONS and w[2] == "of" and w[3] in ("a", "an")
    if fraction_of and _SIZE_SPACED.match(text, ws[3][1]):
        return _FRACTIONS[w[1]], ws[3][1], False  # "a fifth of a terabyte"
    if lead in ("a", "one") and w[1] in _FRACTIONS:
        return _FRACTIONS[w[1]], ws[1][1], False  # "a third of that"
    if lead == "half" and w[1] in ("a", "an") and _SIZE_SPACED.match(text, ws[1][1]):
        return 0.5, ws[1][1], False  # "half a terabyte"
    if lead in _SMALL and w[1] == "nines" and 2 <= _SMALL[lead] <= 12:
        return 1 - 10 ** -_SMALL[lead], ws[1][1], True  # "three nines"
    if lead in _VAGUE:
        value, end = _VAGUE[lead], ws[0][1]
        if w[1] == "of" and _VAGUE.get(w[2], 0) > max(value, 100):
            value, end = value * _VAGUE[w[2]], ws[2][1]
        return value, end, True
    i, value = 1, 1.0
    if lead in _SMALL:
        value = _SMALL[lead]
        if value >= 20 and 0 < _SMALL.get(w[1], 10) < 10:
            value, i = value + _SMALL[w[1]], 2
        elif 1 <= value <= 19 and _SMALL.get(w[1], 0) >= 20:
            value, i = value * 100 + _SMALL[w[1]], 2  # "fourteen forty" is 1440, "two thirty" 230
            if 0 < _SMALL.get(w[2], 10) < 10:
                value, i = value + _SMALL[w[2]], 3
    elif lead == "half":
        if w[1] == "of":
            return 0.5, ws[0][1], False  # "half of peak"
        if w[1] not in ("a", "an"):
            return None
        value, i = 0.5, 2
    elif lead in ("few", "several"):
        value = 3.0 if lead == "few" else 5.0
    elif w[1] == "few":
        value, i = 3.0, 2
    elif w[1] == "couple":
        value, i = 2.0, 3 if w[2] == "of" else 2
    words_before = i
    if lead in _SMALL and w[i] == "point" and _SMALL.get(w[i + 1], 10) < 10:
        digits, i = "", i + 1  # "three point three megabytes", "one point five million"
        while _SMALL.get(w[i], 10) < 10:
            digits, i = digits + str(int(_SMALL[w[i]])), i + 1
        value += float("0." + digits)
    if w[i] == "dozen":
        value, i = value * 12, i + 1
    if w[i] == "hundred":
        value, i = value * 100, i + 1
        # "fourteen hundred and forty", "a hundred and fifty", "two hundred fifty"
        j = i + 1 if w[i] == "and" else i
        if w[j] in _SMALL and w[j] != "zero":
            value, i = value + _SMALL[w[j]], j + 1
            if _SMALL[w[j]] >= 20 and 0 < _SMALL.get(w[i], 10) < 10:
                value, i = value + _SMALL[w[i]], i + 1
    if lead in _SMALL and w[i : i + 3] == ["and", "a", "half"]:
        value, i = value + 0.5, i + 3  # "four and a half minutes"
    if w[i] in _BIG:
        big = _BIG[w[i]]
        value, i = value * big, i + 1
        if w[i : i + 3] == ["and", "a", "half"]:
            value, i = value * 1.5, i + 3  # "a million and a half"
        elif (j := i + (w[i] == "and")) < len(ws) and w[j] in _SMALL and w[j] != "zero":
            gap = _WORD_GAP.match(text, ws[j - 1][1])  # "eighty-six thousand four hundred"
            rest = _word_number(text, gap.end()) if gap else None
            if rest and rest[0] < big and rest[0] == int(rest[0]):
                return value + rest[0], rest[1], True
    elif w[i] in _SPOKEN_MAGNITUDE and i > 0:
        value, i = value * _SPOKEN_MAGNITUDE[w[i]], i + 1  # "ten k", "eighty six k", "two mil"
    if w[i : i + 2] == ["to", "the"] and (power := _power_word(w[i + 2 : i + 5])):
        n, used = power  # "sixty-two to the seventh", "two to the power of thirty two"
        try:
            return value**n, ws[i + 1 + used][1], True
        except OverflowError:
            return None
    vague_size = bool({"few", "several", "couple"} & set(w[:i])) and bool(
        _SIZE_SPACED.match(text, ws[i - 1][1])
    )
    if i == words_before and lead not in _SMALL and not vague_size:
        return None  # "a few" of things is no figure; "a few TB", "a couple of gigs" is one
    # Notable (a figure of its own, not a plain count): a thousand or more by name.
    return value, ws[i - 1][1], any(x in _BIG or x in _SPOKEN_MAGNITUDE for x in w[:i])


_ONCE_EVERY = re.compile(r"[ \t]+every\b", re.I)
_IDIOM = re.compile(
    r"\b(?:wait|just|hold on|give me|in|think about it for|(?P<long>for|take))\s+$", re.I
)
_MOMENT = re.compile(r"\s+(?:sec|second|min|minute|moment|bit|while)\b", re.I)
"""After "for a" / "take a": a pause, not an amount of time ("for a second"; "for a year" is one)."""


def _bare_magnitude(text: str, pos: int) -> bool:
    """Whether a magnitude word at pos stands for one of it: after "the", "top" or a word that
    points at something said ("the hundred million", "our thousand writes a minute"), or as people say it, with no "a": opening a sentence or a clause ("Hundred
    million a day times..."), after a filler or a word that leads a figure ("one out of, uh,
    thousand", "times thousand", "like hundred million")."""
    before = text[max(0, pos - 16) : pos]
    return bool(
        re.search(
            r"\b(?:the|top|the top|our|your|their|its|those|these|that|this)\s+$", before, re.I
        )
        or not before.strip()
        or re.search(
            r"(?:^|[.,;:!?(]|\b(?:uh|um|like|say|about|around|roughly|maybe|of|times|into|by|"
            r"over|under|than|so|and|is|are|was|were|be|with|to))\s*$",
            before,
            re.I,
        )
    )


_SPOKEN_MAGNITUDE = {"k": 1e3, "mil": 1e6, "mill": 1e6, "bn": 1e9, "grand": 1e3}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        _split(
            "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
            "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth"
        )
    )
}


def _power_word(w: list[str]) -> tuple[int, int] | None:
    """The exponent after "to the": "seventh", "7th", "power of seven", "power of 32";
    (exponent, words used)."""
    w = [*w, "", "", ""]
    if w[0] in _ORDINALS and _ORDINALS[w[0]] >= 2:
        return _ORDINALS[w[0]], 1
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", w[0]):
        return int(w[0][:-2]), 1
    if 2 <= _SMALL.get(w[0], 0) <= 19:
        return int(_SMALL[w[0]]), 1  # "ten to the nine"
    if w[0] == "power" and w[1] == "of" and w[2] in _SMALL:
        n, used = int(_SMALL[w[2]]), 3
        if n >= 20 and 0 < _SMALL.get(w[3], 10) < 10:
            n, used = n + int(_SMALL[w[3]]), 4
        return n, used
    return None


_DONE_TO_IT = _rx(
    r"<sp1>(?:uploaded|watched|streamed|added|created|generated|recorded|posted|sent|stored|"
    r"ingested|consumed|played|viewed|published|produced|written|logged)(?![A-Za-z])",
    re.I,
)
"""What is done to an amount of time said between it and its rate ("hours uploaded a minute")."""


_ISH = re.compile(r"-ish\b|\s*ish\b(?!\w)", re.IGNORECASE)
"""A hedge stuck to a figure or its rate ("eighty-ish gigs", "a second-ish", "10k ish")."""


def _scan_quantity(text: str, pos: int) -> _Tok | None:
    """The quantity starting at pos, with its noun phrase and rate, or None."""
    numeric = _numeric(text, pos)
    found = numeric or _word_number(text, pos)
    if found is None:
        return None
    value, end, notable = found
    if ish := _ISH.match(text, end):
        end = ish.end()  # "eighty-ish gigs a second": a hedge, the unit after it
    unit, ambiguous = "", False
    if value >= 2 and (m := _RATIO.match(text, end)):
        return _Tok("Q", pos, m.end(), Quantity(value, "", None, text[pos : m.end()]), notable=True)
    if not numeric and value <= 100 and (m := _PERCENT.match(text, end)):
        q = Quantity(value / 100, "", None, text[pos : m.end()])  # "eighty percent"
        return _Tok("Q", pos, m.end(), q)
    if numeric:
        if (m := _NINES.match(text, end)) and 2 <= value <= 12 and value == int(value):
            q = Quantity(1 - 10**-value, "", None, text[pos : m.end()])  # "4 nines"
            return _Tok("Q", pos, m.end(), q, notable=True)
        if m := _PERCENT.match(text, end):
            if value < 50 and (r := _SHARE_RATE.match(text, m.end())):
                # "1% of entries change per day": a share of things, per a time
                q = Quantity(value / 100, "", _TIME[r["t"].lower()], text[pos : r.end()])
                return _Tok("Q", pos, r.end(), q, notable=True)
            q = Quantity(value / 100, "", None, text[pos : m.end()])
            return _Tok("Q", pos, m.end(), q)
        if m := _SIZE.match(text, end):
            value, unit, end = value * size_factor(m["u"]), "B", m.end()
        elif m := _BARE_B.match(text, end):
            unit, ambiguous, end = "B", True, m.end()
        elif m := _MAGNITUDE.match(text, end):
            magnitude = _magnitude(m["m"])  # "1.4 billions"
            value, end, notable = value * magnitude, m.end(), True
            if m := _SIZE_SPACED.match(text, end):
                value, unit, end = value * size_factor(m["u"]), "B", m.end()
    elif m := _SIZE_SPACED.match(text, end):
        value, unit, end = value * size_factor(m["u"]), "B", m.end()
    if not unit and (m := _TIME_AMOUNT.match(text, end)):
        t = m["t"].lower()
        # "a decade out": ten years
        seconds = 10 * _seconds("year") if t.startswith("decade") else _seconds(_TIME[t])
        over, end = None, m.end()
        of = _OF_NOUN.match(text, end)
        if of and (_AMOUNT_RATE_WORD.match(text, of.end()) or _RATE_SLASH.match(text, of.end())):
            end = of.end()  # "8.8 hours of downtime a year", "52 min downtime/month"
        else:
            # "500 hours of video uploaded every minute", "500 hours uploaded per minute"
            done = _DONE_TO_IT.match(text, of.end() if of else end)
            if done and _AMOUNT_RATE_WORD.match(text, done.end()):
                end = done.end()
        for rate in (_RATE_SLASH, _AMOUNT_RATE_WORD, _RATE_ADVERB):
            # ("30 min every night", "30 min nightly": a time a day)
            if r := rate.match(text, end):
                over, end = _TIME[r["t"].lower()], r.end()
                break
        if not _ends_cleanly(text, end):
            return None
        return _Tok(
            "Q",
            pos,
            end,
            Quantity(value, "", None, text[pos:end]),
            seconds=seconds,
            over=over,
            notable=True,
        )
    per: str | None = "s" if unit and text[pos:end].lower().endswith("ps") else None
    nouns, first_tail = 0, ""
    for _ in range(6):
        if ish := _ISH.match(text, end):
            end = ish.end()  # "twenty thousand a second-ish"
        m, kind = None, ""
        if per is None:
            for rate in _RATES:
                if m := rate.match(text, end):
                    per, kind = _TIME[m["t"].lower()], "rate"
                    break
        if not m and (m := _QUALIFIER.match(text, end)):
            kind = "qualifier"
        if not m and nouns < 3 and (m := _NOUN.match(text, end)):
            if m["w"].lower() in _STOP and not (m["of"] and m["w"].lower() in _BACK_REFERENCES):
                m = None
            else:
                nouns, kind = nouns + 1, "of" if m["of"] else "noun"
        if not m:
            break
        first_tail, end = first_tail or kind, m.end()
    if not _ends_cleanly(text, end) or not math.isfinite(value):
        return None
    if per == "week":
        value, per = value / 7, "day"
    q = Quantity(value, unit, per, text[pos:end])
    alt = Quantity(value * 1e9, "", per, q.text) if ambiguous else None
    if alt and first_tail == "noun":
        q, alt = alt, None
    bare = not unit and not nouns and per is None and first_tail == ""
    money = pos > 0 and text[pos - 1] in "$€£"  # "$500": an amount of money, a figure
    bare = bare and not money
    return _Tok("Q", pos, end, q, alt, bare=bare, notable=notable or money or bool(unit or per))


_SHARE_RATE = _rx(
    r"<sp1>of<sp1>(?:the<sp1>|all<sp1>)?[A-Za-z]+(?:<sp1>[A-Za-z]+)?<sp1>(?:per|a|an|each|every)"
    r"<sp1>(?P<t>second|minute|hour|day|week|month|year)(?![A-Za-z])",
    re.I,
)
"""After a percentage: what it is a share of, per a time ("1% of entries change per day")."""


def _ends_cleanly(text: str, end: int) -> bool:
    """No letter or digit glued to the end, except an "x" used as the multiplication sign."""
    if end >= len(text) or not (text[end].isalnum() or text[end] == "_"):
        return True
    return text[end] in "xX" and not text[end + 1 : end + 2].isalpha()


_ACTIVE_WORDS = frozenset(
    {
        *_SMALL,
        *_VAGUE,
        *_MULTIPLES,
        *_BIG,
        *("a", "an", "few", "several", "half", "hundred", "dozen", "couple", "once"),
        # operators and markers (_EQ, _OP, _AT, _SEP, _DIV and what follows them)
        *(
            "equals",
            "gives",
            "yields",
            "makes",
            "which",
            "that",
            "thats",
            "so",
            "comes",
            "is",
            "it",
        ),
        *(
            "times",
            "multiplied",
            "multiply",
            "divided",
            "divide",
            "x",
            "at",
            "and",
            "then",
            "by",
            "over",
        ),
        "per",
    }
)
"""Words a quantity, an operator or a marker may start with; any other word is a BREAK."""


_PLAIN_NEXT = re.compile(r"[^\S\n]+([A-Za-z]+)(?![\w'’])")
"""Spaces (no line break) and a word that ends there (`_ends_word`)."""


def _ends_word(text: str, end: int) -> bool:
    """The word ends here (not "x" glued to a number, nor an apostrophe joining more)."""
    return end >= len(text) or not (text[end].isalnum() or text[end] in "'’_")


_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EQ", _EQ),
    ("SKIP", _SKIP),
    ("OP", _OP),
    ("AT", _AT),
    ("SEP", _SEP),
    ("SUM", _SUM),
    ("DIV", _DIV),
)
"""Operators and markers, tried in this order."""
_MARK_STARTS = {
    "EQ": "=-~egymwtsci,",
    "SKIP": "(*`[])$",
    "OP": "*xtm",
    "AT": "a",
    "SEP": ",;.ats",
    "SUM": "+-",
    "DIV": "/do",
}
"""The ASCII characters each can start with (case-blind ones: in lower case)."""
_MARKS_AT = {
    ch: tuple((kind, regex) for kind, regex in _MARKS if ch.lower() in _MARK_STARTS[kind])
    for ch in map(chr, range(128))
}
"""ASCII character -> the marks that may start there, in order (others: all of them)."""


_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i"})
"""Letters a case-blind pattern takes for s and i ("ſ", "ı") that no table of units knows:
read as those letters (same length, so positions hold)."""


_RESOLUTION_NAME = re.compile(r"[2458][kK](?![A-Za-z0-9])")
_RESOLUTION_NEAR = re.compile(
    r"\b\d{3,4}p\b|\b(?:resolutions?|uhd|hdr|tvs?|screens?|monitors?|displays?|"
    r"quality|qualities|renditions?|formats?)\b",
    re.IGNORECASE,
)


_STATUS_CODE = re.compile(r"(?:30[1-8]|4[0-2][0-9])s\b")
"""HTTP redirect and client-error codes said in the plural ("301s cached by browsers", "too
many 429s"), not seconds. ("500s" may be either: it stays seconds.)"""


def _resolution(text: str, pos: int) -> bool:
    """Whether "4K" at pos names a picture size ("240p, 720p, 1080p, 4K"; "4K video"), not
    four thousand: a resolution or picture word within 40 characters."""
    if not _RESOLUTION_NAME.match(text, pos):
        return False
    return bool(_RESOLUTION_NEAR.search(text[max(0, pos - 40) : pos + 40]))


def _tokenize(text: str) -> list[_Tok]:
    """Quantities, operators and markers in order; whitespace and markup dropped."""
    toks: list[_Tok] = []
    pos, n, line_start = 0, len(text), True
    while pos < n:
        if line_start and (m := _BULLET.match(text, pos)):
            aside = text[:pos].rstrip(" \t\n*").endswith(")")  # "(... 5B x 100 B)": not a step
            if aside or not (toks and toks[-1].kind == "Q" and _OP.match(text, m.end())):
                toks.append(_Tok("BREAK", pos, m.end()))  # "- × 365 = ...": the chain goes on
            pos, line_start = m.end(), False
            continue
        line_start = False
        if text[pos].isspace():
            m = _SPACE.match(text, pos)
            assert m
            newlines = m.group().count("\n")
            if newlines > 1:
                toks.append(_Tok("BREAK", pos, m.end()))
            pos, line_start = m.end(), newlines > 0
            continue
        if (
            text[pos].isalpha()
            and (m := _WORD.match(text, pos))
            and m.group().lower() not in _ACTIVE_WORDS
            and not (toks and toks[-1].kind in ("EQ", "OP", "AT"))
            and _ends_word(text, m.end())
        ):
            # A plain word ("the", "servers", "because"): no number, operator or marker starts
            # here, so it is one BREAK (what the scan below would find, faster).
            toks.append(_Tok("BREAK", pos, m.end()))
            pos = m.end()
            # So is each plain word after it on the same line: one match a word, instead of a
            # turn of this loop for the space and another for the word.
            while (r := _PLAIN_NEXT.match(text, pos)) and r[1].lower() not in _ACTIVE_WORDS:
                toks.append(_Tok("BREAK", r.start(1), r.end()))
                pos = r.end()
            continue
        if toks and toks[-1].kind in ("EQ", "DIV", "OP") and (m := _FILLER.match(text, pos)):
            pos = m.end()  # "is like, uh, 1.4 PB", "divided by, uh, sixty": a spoken pause
            continue
        if toks and toks[-1].kind in ("OP", "AT", "SUM", "DIV") and (m := _LEAD_HEDGE.match(text, pos)):
            pos = m.end()  # "x ~1 MB", "3 KB + ~1 KB": a hedge on an operand, not a result marker
            continue
        if text[pos].isalnum() and (tok := _scan_quantity(text, pos)):
            if _resolution(text, pos):
                toks.append(_Tok("BREAK", pos, pos + 2))  # "720p, 1080p, 4K": a picture size
                pos += 2
                continue
            if (code := _STATUS_CODE.match(text, pos)) is not None:
                toks.append(_Tok("BREAK", pos, code.end()))  # "301s cached by browsers"
                pos = code.end()
                continue
            toks.append(tok)
            pos = tok.end
            continue
        for kind, regex in _MARKS_AT.get(text[pos], _MARKS):
            if (m := regex.match(text, pos)) and m.end() > pos:
                if kind == "SKIP" and m.group() == "(" and toks and toks[-1].kind == "Q":
                    kind = "BREAK"  # "= 10 TB/day (~5 TB/day at ...)": an aside, not a step
                if kind != "SKIP":
                    toks.append(_Tok(kind, pos, m.end()))
                pos = m.end()
                break
        else:
            m = (_BREAK_NUMBER if text[pos].isdigit() else _BREAK).match(text, pos)
            assert m
            toks.append(_Tok("BREAK", pos, m.end()))
            pos = m.end()
    return _every(text, toks) if "very" in text else toks


_EVERY = re.compile(r"(?i)every[ \t]+(?:\*\*)?(?:(?:~|about|roughly|around)[ \t]*)?$")
_UNIT_OF: dict[float, str] = {_seconds(u): u for u in TIME_UNITS}


def _every(text: str, toks: list[_Tok]) -> list[_Tok]:
    """One thing said to happen every so long is a rate: "one every 40 seconds" (1/40 a second),
    "once every five minutes", "1 search every ~3 min". The interval alone ("a ping every 30 s")
    stays an amount of time, and so does the interval of many ("1M drivers every 4 s" is a
    division the candidate may work out: "is 250k a second")."""
    out: list[_Tok] = []
    for tok in toks:
        unit = _UNIT_OF.get(tok.seconds)
        k = len(out) - 1
        while k >= 0 and out[k].kind in ("BREAK", "EQ") and out[k].start >= tok.start - 20:
            k -= 1  # back over "every" and "~"
        one = out[k] if k >= 0 else None
        if (
            unit is None
            or tok.over
            or tok.q is None
            or tok.q.value <= 0
            or one is None
            or one.q is None
            or one.q.value != 1
            or one.q.per
            or one.seconds
            or not (m := _EVERY.search(text, one.end, tok.start))
            or text[one.end : m.start()].strip()
        ):
            out.append(tok)
            continue
        del out[k:]
        q = Quantity(1 / tok.q.value, one.q.unit, unit, text[one.start : tok.end])
        out.append(_Tok("Q", one.start, tok.end, q, notable=True))
    return out


def parse_quantity(text: str) -> Quantity | None:
    """The single quantity text is made of ("1.5 TB/day", "100M users", "~1k qps"), or None."""
    text = text.translate(_FOLD)
    stripped = text.strip().lstrip("~≈").strip()
    offset = text.index(stripped) if stripped else 0
    tok = _scan_quantity(text, offset) if stripped else None
    if tok is None or tok.q is None or tok.end != offset + len(stripped):
        return None
    return tok.q


def find_quantities(text: str) -> list[Quantity]:
    """Every number written with a magnitude, unit or rate, or with thousands separators.

    Bare numbers ("step 3", "in 2024", "HTTP 404") and percentages are left out.
    """
    text = text.translate(_FOLD)
    return [
        t.q
        for t in _tokenize(text)
        if t.kind == "Q" and t.q is not None and t.notable and not t.q.text.endswith("%")
    ]


def _kind(toks: list[_Tok], i: int) -> str:
    return toks[i].kind if 0 <= i < len(toks) else "END"


def _operands(text: str, toks: list[_Tok], i: int) -> tuple[list[_Tok], int]:
    """Q ([SEP] OP Q)* from i: the operands and the index after the last one. A bare number
    after a division sign ("/ 60", "÷ 86400") is an operand too, as its inverse. A product's
    factors never cross a sentence end."""
    ops, j = [toks[i]], i + 1
    while True:
        if _kind(toks, j) == "SEP" and _ends_sentence(text, toks[j]):
            return ops, j  # "~1.8 x 10^19 ids. At 1k writes a minute, ...": factors stop there
        op = j + 1 if _kind(toks, j) == "SEP" else j
        if (divisor := _divisor(text, toks, op)) is not None:
            ops.append(divisor)
            j = op + 2
            continue
        if _kind(toks, op) not in ("OP", "AT") or _kind(toks, op + 1) != "Q":
            return ops, j
        if _kind(toks, op) == "AT" and BIT_WIDTH.search(text, ops[-1].start, ops[-1].end + 8):
            return ops, j  # "a 64-bit counter; at ~1.5M a day, ...": a key space, no factor
        ops.append(toks[op + 1])
        j = op + 2


def _ends_sentence(text: str, sep: _Tok) -> bool:
    """Whether a separator ends a sentence ("ids. At 1k ...", "1k to 9k; at 1k a day ..."): a
    full stop, "!", "?" or ";" then a space, or a blank line; not a decimal point nor a comma."""
    return bool(re.search(r"[.!?;](?:\s|$)|\n\s*\n", text[sep.start : sep.end]))


def _divisor(text: str, toks: list[_Tok], op: int) -> _Tok | None:
    """The bare number divided by at op ("/ 3600", "/ 3600 s"), as a factor of its inverse;
    else None."""
    if _kind(toks, op) != "DIV" or _kind(toks, op + 1) != "Q":
        return None
    tok = toks[op + 1]
    said = text[toks[op].start : toks[op].end].lower()
    if (
        tok.seconds == 1.0
        and tok.over is None
        and tok.q is not None
        and _time_ratio(tok.q.value)
        and not said.startswith("over")
    ):
        # "1k a day, 1k / 3600 s": seconds counted by hand, as "/ 3600" is ("6 KB a second,
        # and over 3,600 seconds that's 21.6 MB": a span)
        tok = replace(tok, seconds=0.0, bare=True, notable=False)
    if not tok.bare:
        return None
    q = _quantity(tok)
    if q.value <= 0 or not math.isfinite(q.value):
        return None
    return replace(tok, q=replace(q, value=1 / q.value))


_TIME_RATIOS = (60, 3600, 86400, 24, 1440, 7, 30, 365, 12, 168, 720, 8760, 525600, 2.6e6, 3.15e7)
"""Factors between time units that a candidate multiplies or divides by hand."""


def _time_ratio(value: float) -> bool:
    """Whether a bare number (or its inverse) is a factor between time units ("/ 3600", "x 24")."""
    v = max(value, 1 / value) if value > 0 else 0
    return any(r / 1.2 <= v <= r * 1.2 for r in _TIME_RATIOS)


_UNIT_PAIRS = (
    *(("s", "min"), ("min", "h"), ("h", "day"), ("min", "day"), ("s", "h"), ("s", "day")),
    *(("day", "year"), ("day", "month"), ("month", "year"), ("week", "year")),
)
"""A smaller time unit and a bigger one that people convert between by hand."""


def _converted_per(ops: list[_Tok], per: str) -> str:
    """The time a product of a rate per `per` is per, once a bare factor among its operands
    turns it into a bigger unit ("10k/min x 1,440": per day); else `per`."""
    for t in ops:
        if not t.bare:
            continue
        value = _quantity(t).value
        for small, big in _UNIT_PAIRS:
            if small == per and math.isclose(value, _seconds(big) / _seconds(small), rel_tol=0.01):
                return big
    return per


def _converts_into(value: float, per: str) -> bool:
    """Whether a bare factor can only turn a rate into one per `per` ("x 365" into a year, "x 24"
    into a day): multiplying a figure already per `per` by it converts twice. Only the exact
    factor counts: "x 1460" is four years of days, not the minutes of a day."""
    pairs = [
        (small, big)
        for small, big in _UNIT_PAIRS
        if math.isclose(value, _seconds(big) / _seconds(small), rel_tol=0.01)
    ]
    return bool(pairs) and all(big == per for _, big in pairs)


def _result(toks: list[_Tok], j: int, text: str = "") -> int | None:
    """Index of the stated result after [SEP] EQ at j, unless the result is itself a sum."""
    if _kind(toks, j) == "SEP":
        j += 1
        if (
            _kind(toks, j) == "BREAK"
            and _kind(toks, j + 1) == "EQ"
            and text[toks[j].start : toks[j].end].lower() in ("which", "that", "this")
        ):
            j += 1  # "50 B, which comes to about 2.6 TB": a relative pronoun, then the result
    while _kind(toks, j) == "EQ" and _kind(toks, j + 1) == "EQ":
        j += 1  # "= **~66 EB**": the hedge after the bold is a marker of its own
    if _kind(toks, j) != "EQ" or _kind(toks, j + 1) != "Q":
        return None
    after = toks[j + 2] if j + 2 < len(toks) else None
    if after and after.kind == "SUM" and _kind(toks, j + 3) == "Q":
        return None  # "= 100 + 50": the result is an expression
    plain = toks[j + 1].bare and not toks[j + 1].notable
    if plain and after and after.kind == "OP" and _kind(toks, j + 3) == "Q":
        return None  # "is five times ten to the nine": so is this one
    return j + 1


def _divided_into(ops: list[_Tok]) -> str | None:
    """The time unit a lone bare divisor of a thousand or more turns a bigger unit's count into,
    when only one pair of units has that ratio ("/ 1440": minutes of a day, "/ 3600": seconds
    of an hour); else None."""
    divisors = [_quantity(t).value for t in ops if t.bare and 0 < _quantity(t).value < 1]
    if len(divisors) != 1 or any(t.bare and _quantity(t).value >= 1 for t in ops):
        return None
    if 1 / divisors[0] < 1000:
        return None  # "/ 30", "/ 24": maybe days of a month, hours of a day, or 30 shards
    smalls = {
        small
        for small, big in _UNIT_PAIRS
        if math.isclose(1 / divisors[0], _seconds(big) / _seconds(small), rel_tol=0.01)
    }
    return smalls.pop() if len(smalls) == 1 else None


def _converted_by_hand(ops: list[_Tok], factor: float) -> bool:
    """Whether bare numbers among the operands hold the time conversion ("x 1440", "x 60 x 24")."""
    bare = [_quantity(t).value for t in ops if t.bare]
    return any(
        factor / 2 <= math.prod(c) <= factor * 2
        for r in range(1, len(bare) + 1)
        for c in combinations(bare, r)
    )


def _quantity(tok: _Tok, billion: bool = False) -> Quantity:
    q = tok.alt if billion and tok.alt else tok.q
    assert q is not None, "only Q tokens carry a quantity"
    return q


_INTERVAL = re.compile(
    r"\b(?:every|interval\W{0,3})\s*(\d+(?:\.\d+)?|[a-z]+)\s*(ms|s|secs?|seconds?|mins?|minutes?|h|hours?)\b",
    re.I,
)


def _intervals_divide(before: str, ops: list[_Tok], qs: list[Quantity]) -> list[Quantity]:
    """A bare operand that repeats an interval given before ("every 30 s ... 20M * 30 = 600M/s")
    is that interval: a rate comes of dividing by it, so it is read as one per its length."""
    intervals = {
        float(m[1]) if m[1][0].isdigit() else _SMALL[m[1].lower()]: _seconds(_TIME[m[2].lower()])
        for m in _INTERVAL.finditer(before)
        if m[1][0].isdigit() or m[1].lower() in _SMALL
    }
    if not intervals:
        return qs
    return [
        replace(q, value=1 / (q.value * intervals[q.value]), per="s")
        if t.bare and q.value in intervals
        else q
        for q, t in zip(qs, ops, strict=True)
    ]


def _interval_start(before: str, ops: list[_Tok], qs: list[Quantity]) -> int:
    """Where the last interval an operand repeats was given ("every 30 s" before "20M x 30")."""
    bare = {q.value for q, t in zip(qs, ops, strict=True) if t.bare}
    starts = [
        m.start()
        for m in _INTERVAL.finditer(before)
        if (float(m[1]) if m[1][0].isdigit() else _SMALL.get(m[1].lower())) in bare
    ]
    return starts[-1] if starts else len(before)


_SMALL_B = re.compile(r"[\d.]b$")


def _as_bytes(tok: _Tok) -> _Tok:
    """A figure written with a small "b" ("50b", read as billions) as bytes."""
    q = tok.q
    if q is None or not _SMALL_B.search(q.text) or q.unit:
        return tok
    return replace(tok, q=replace(q, value=q.value / 1e9, unit="B"), bare=False)


_TIME_COMPOUND = re.compile(r"(?i)[a-z]-(?:s|secs?|seconds?|mins?|minutes?|hours?|hrs?)\b")
_CODES = re.compile(r"(?i)\b(?:codes|combinations|possibilities|permutations)\b")


def _codes(qs: list[Quantity], stated: Quantity) -> float | None:
    """The count of codes of an alphabet and a length written as their product ("62 x 7 = 434
    codes"): the alphabet to the power of the length; None when the product is not of that kind."""
    if len(qs) != 2 or not _CODES.search(stated.text) or stated.unit or stated.per:
        return None
    if any(q.unit or q.per or q.value != int(q.value) for q in qs):
        return None
    alphabet, length = sorted((q.value for q in qs), reverse=True)
    if not (10 <= alphabet <= 64 and 3 <= length <= 16):
        return None
    return alphabet**length


_BITS = re.compile(r"(?i)bit|bps|\db\b")


def _bits_by_hand(qs: list[Quantity], ops: list[_Tok], stated: Quantity) -> bool:
    """Whether a bare 8 (times or divided by) turns the one size of the operands from bytes into
    bits or back, the result written in the other ("125 MB/s x 8 = 1 Gbps", "1 Gbit / 8")."""
    sizes = [q for q in qs if q.unit == "B"]
    eights = [q for q, t in zip(qs, ops, strict=True) if t.bare and q.value in (8.0, 0.125)]
    if len(sizes) != 1 or len(eights) != 1 or stated.unit != "B":
        return False
    return bool(_BITS.search(sizes[0].text)) != bool(_BITS.search(stated.text))


_LEAD_PER = re.compile(
    r"\b(?:per|in (?:a|an|one)|each|every)\s+(?P<t>second|sec|minute|min|hour|day)\b"
    r"[\s,]*(?:(?:it|that)(?:'s| is| means)?|is|means|gives|=)?[\s,]*$",
    re.IGNORECASE,
)


_LEAD_PERIOD = re.compile(
    r"\b(?:a|an|one|per|each|every|normal|typical|average|busy|peak|whole|the)\s+"
    r"(?P<t>day|hour|minute|week|month|year)\s*(?:is|:|=|-|has|sees|brings|we get|we see)\s*$",
    re.IGNORECASE,
)
"""A period said before a figure as what the figure is per ("normal day is 1.44M", "per hour:
36k")."""


def _check(text: str, ops: list[_Tok], stated_tok: _Tok, start: int) -> Calculation | None:
    """ops multiplied against the stated result; None when there is nothing sound to compare."""
    if stated_tok.q and stated_tok.q.unit == "B" and not any(_quantity(t).unit for t in ops):
        ops = [_as_bytes(t) for t in ops]  # "36.5M rows/day x 50b = 1.8 GB/day": 50 bytes
    sure_size = any(t.alt is None and _quantity(t).unit == "B" for t in ops)
    ambiguous = [i for i, t in enumerate(ops) if t.alt]
    # "10B per day / 10^5 = 100k QPS": a count comes of billions, not of bytes
    stated_count = stated_tok.q is not None and stated_tok.q.unit == "" and stated_tok.alt is None
    billions = set(ambiguous if sure_size or stated_count else ambiguous[:-1])
    qs = [_quantity(t, i in billions) for i, t in enumerate(ops)]
    unit = "B" if any(q.unit == "B" for q in qs) else ""
    stated = _quantity(stated_tok, billion=not unit)
    if (len(qs) == 1 or unit == "B") and stated.unit != unit:
        # "= 200 GB, that's 3 disks" restates nothing; "500 KB, at 5k tweets a second that's
        # 500 images a second": a count is no product of a size either
        return None
    if _TIME_COMPOUND.search(stated.text) and not stated_tok.seconds:
        return None  # "= 400M ride-min/day": a unit of time of things, left to the claims
    if stated.per is None and any(q.per for q in qs) and not stated_tok.seconds:
        # "it means per second 5B/day / 60 = 83 million": the rate said before the sum is
        # what the result is per (here per second, so the 60 is the wrong conversion)
        lead = _LEAD_PER.search(text, max(0, start - 40), start)
        if lead is not None:
            stated = replace(stated, per=_TIME[lead["t"].lower()])
    if (power := _codes(qs, stated)) is not None:
        # "62 x 7 = 434 codes": codes of 7 characters of 62 are 62^7, not 62 x 7
        expected = Quantity(power, "", None, format_quantity(Quantity(power, "", None, "")))
        ratio = max(stated.value / power, power / stated.value) if stated.value > 0 else math.inf
        quote = text[start : stated_tok.end]
        return Calculation(quote, start, tuple(qs), stated, expected, ratio, ratio <= TOLERANCE)
    if sum(q.unit == "B" for q in qs) > 1:
        return None  # "10 GB at 1 GB/s": sizes do not multiply, the candidate divides
    if _bits_by_hand(qs, ops, stated):
        # "17 MB/s / 8 = 2 Mbit/s": the 8 is the candidate's own bytes-bits conversion, here the
        # wrong way round; the units convert (17 MB/s is 136 Mbit/s)
        qs = [
            replace(q, value=1.0) if t.bare and q.value in (8.0, 0.125) else q
            for q, t in zip(qs, ops, strict=True)
        ]
    if sum(q.per is not None for q in qs) > 1:
        return None  # "100/day at 1k/day": rates do not multiply either
    if stated_tok.seconds and not any(t.seconds for t in ops):
        if len(ops) > 1 and all(t.bare for t in ops):  # "7 x 365 = 2555 days": as written
            value = math.prod(q.value for q in qs)
            if not (math.isfinite(value) and value > 0 and stated.value > 0):
                return None
            expected = Quantity(value, "", None, format_quantity(Quantity(value, "", None, "")))
            ratio = max(stated.value / value, value / stated.value)
            quote = text[start : stated_tok.end]
            return Calculation(quote, start, tuple(qs), stated, expected, ratio, ratio <= TOLERANCE)
        return None  # "... that's 10 seconds": a time comes of a division, not this product
    if (
        stated.per
        and not any(q.per or t.seconds for q, t in zip(qs, ops, strict=True))
        and any(t.bare and q.value < 1 and _time_ratio(q.value) for q, t in zip(qs, ops, strict=True))
        and (first := next((n for n, t in enumerate(ops) if not t.bare), None)) is not None
        and (lead := _LEAD_PERIOD.search(text, max(0, start - 30), start)) is not None
    ):
        # "normal day is 1.44M submissions, / 3600 = 400 a second": the period said before
        # the figure is what it is per, so the conversion by hand is checked against it
        qs[first] = replace(qs[first], per=_TIME[lead["t"].lower()])
    if stated.per and not any(q.per or t.seconds for q, t in zip(qs, ops, strict=True)):
        divided = _intervals_divide(text[:start], ops, qs)
        if divided != qs:
            # The interval said before is part of the calculation: it is quoted with it.
            start = _interval_start(text[:start], ops, qs)
        qs = divided
    elif (
        stated.per
        and not any(q.per for q in qs)
        and any(t.over is None for t in ops if t.seconds)
        and any(t.notable and not t.seconds and q.value >= 10 for q, t in zip(qs, ops, strict=True))
    ):
        # "50k drivers x 4 s = 200k/s": a rate comes of a count over the time, not times it
        qs = [
            replace(q, value=1 / (q.value * t.seconds), per="s") if t.seconds and not t.over else q
            for q, t in zip(qs, ops, strict=True)
        ]
        ops = [replace(t, seconds=0.0) if t.seconds and not t.over else t for t in ops]
    per = next((q.per for q in qs if q.per), None)
    value = 1.0
    for q in qs:
        value *= q.value * (_seconds(per) / _seconds(q.per) if per and q.per else 1.0)
    for t in ops:
        if t.bare and per and _converts_into(_quantity(t).value, per):
            value /= _quantity(t).value  # "3.65 TB a year x 365": the year was there already
    for t in ops:
        if t.seconds and per:  # "1k/s x 1 day": the amount spends the rate's time
            factor = t.seconds / _seconds(per)
            if factor < 1.5 or not _converted_by_hand(ops, factor):
                value *= factor  # "5 GB/day x 365 x 7 years": the 365 already did it
            per = t.over
    if per == "week":
        value, per = value / 7, "day"
    if stated.per and per is None and not any(t.seconds or t.over for t in ops):
        into = _divided_into(ops)
        if into is not None and into != stated.per:
            # "100M redirects / 1440 = ~70k per sec": the 1440 turns a day into minutes, so
            # what it gives is per minute
            value *= _seconds(stated.per) / _seconds(into)
    if not stated.per and per and not stated_tok.seconds:
        per = _converted_per(ops, per)  # "10k/min x 1,440 = 14.4M": a day's worth
    if stated.per and per and stated.per != per:
        factor = _seconds(stated.per) / _seconds(per)
        if not _converted_by_hand(ops, factor):
            for t in ops:  # "100k/min / 3600": a conversion by hand, the wrong one; ours instead
                if t.bare and _time_ratio(_quantity(t).value):
                    value /= _quantity(t).value
            value *= factor
    if (
        stated_tok.seconds
        and stated_tok.over
        and not (per or stated.per)
        and any(t.seconds for t in ops)
    ):
        # "10k/min x 0.2 s = 2000 s of spin-up per min": the amount spent the rate's time (33
        # busy at once); the stated time per time is that many seconds a minute
        value *= _seconds(stated_tok.over) / stated_tok.seconds
    if not (math.isfinite(value) and value > 0 and stated.value > 0):
        return None
    if (fan := _fan_out_divided(text, ops, stated)) is not None:
        value *= fan * fan  # "60k messages a second over 256 members = 230 deliveries": times
    expected = Quantity(value, unit, stated.per or per, "")
    expected = replace(expected, text=format_quantity(expected))
    ratio = max(stated.value / value, value / stated.value)
    return Calculation(
        text[start : stated_tok.end], start, tuple(qs), stated, expected, ratio, ratio <= TOLERANCE
    )


_FAN_OUT_RESULT = re.compile(
    r"(?i)\b(?:deliver(?:y|ies)|inserts?|notifications?|pushes|fan-?outs?|timeline writes|"
    r"feed (?:writes|inserts|entries)|test runs|copies)\b"
)
_PER_RECIPIENT = re.compile(r"(?i)\b(?:per|each|a)\s+(?:follower|member|device|recipient|subscriber|server|shard|node|worker)\b")
_RECIPIENTS = (
    r"(?:followers?|members?|member groups?|devices?|recipients?|subscribers?|viewers?|people|"
    r"tests?|nearby cars|cars|drivers|servers)"
)
_DIVIDED_JUST_BEFORE = re.compile(r"(?i)(?:[/÷]|\bdivided by|\bdivide by|\bover)\W*(?:uh|um)?\W*$")


def _fan_out_divided(text: str, ops: list[_Tok], stated: Quantity) -> float | None:
    """The count a result of deliveries was divided by, where each item goes to that many
    ("60k messages a second go to full 256-member groups, so 60k over 256, about 230 deliveries
    a second"): the count multiplies; None when no such division was made."""
    if not _FAN_OUT_RESULT.search(stated.text) or _PER_RECIPIENT.search(stated.text):
        return None
    divided = [
        t
        for t in ops
        if t.q is not None
        and t.q.value > 0
        and _DIVIDED_JUST_BEFORE.search(text[max(0, t.start - 16) : t.start])
    ]
    if len(divided) != 1 or (figure := divided[0].q) is None:
        return None
    tok = divided[0]
    count = figure.value if figure.value >= 1 else 1 / figure.value
    if count < 2:
        return None
    written = text[tok.start : tok.end].strip()
    if re.search(rf"(?i)\b{_RECIPIENTS}\b", written):
        return count  # "/ 1000 followers"
    if not tok.bare:
        return None
    said = re.search(
        rf"(?i)\b{re.escape(written)}[\s-]*(?:\w+[\s-]+)?{_RECIPIENTS}\b|"
        rf"\b{_RECIPIENTS}\W+(?:of\s+)?{re.escape(written)}\b",
        text[: tok.start],
    )
    return count if said else None


# A calculation needs a product (or a division by a number): text with neither is skipped outright.
_ANY_PRODUCT = re.compile(
    r"[×✕✖⋅·*]|\d\s*[xX]|[xX]\s*[~\d]|[/÷]\s*\d|\b(?:x|times|multipl(?:ied|y)|divided?|at|over|into)\b",
    re.I,
)


_ANY_FIGURE = re.compile(
    r"\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|half)\b", re.I
)


_LEADS = frozenset(
    {*_SMALL, *_VAGUE, *_MULTIPLES, *_BIG, "a", "an", "few", "several", "half", "hundred", "once", "couple"}
)
"""Words `_word_number` may read a number from (it reads none from any other)."""


def _alternation(words: list[str]) -> str:
    """A pattern matching exactly `words` (sorted), as a tree of shared prefixes: the regex
    engine fails on a word at its first letters instead of trying every word."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    alts = [re.escape(h) + _alternation(rest) for h, rest in heads.items() if h]
    if len(alts) == 1 and "" not in heads:
        return alts[0]
    return "(?:" + "|".join(alts) + ")" + ("?" if "" in heads else "") if alts else ""


_DIGITS_AT = re.compile(r"\b[0-9]|[xX][0-9]")
"""Where a written number may start: digits after no letter or digit, or after an "x" (an
operator: "x1440")."""
_LEAD_AT = re.compile(
    r"(?=[" + "".join(sorted({w[0] for w in _LEADS} | {w[0].upper() for w in _LEADS})) + "])"
    r"(?i:" + _alternation(sorted(_LEADS)) + r")(?![A-Za-z])"
)
"""Where a number in words may start (`_word_number` decides): a number word that ends a run
of letters. Not only after a word boundary: a ratio ends inside a word ("5xnine", "to
oneseven") and the number word after it is read. Case-blind only in the words: a case-blind
[A-Za-z] would also take "ſ" and "K" for letters, which `_WORD` does not."""


def _two_figures(text: str) -> bool:
    """Whether text may hold two quantities, which every calculation needs (products have two
    operands, a claim comes of a figure before it). Most messages hold none or one: they are
    not tokenized at all (a token a word)."""
    found = 0
    for _ in _DIGITS_AT.finditer(text):
        found += 1
        if found == 2:
            return True
    for m in _LEAD_AT.finditer(text):
        if _word_number(text, m.start()) is not None:
            found += 1
            if found == 2:
                return True
    return False


def find_calculations(text: str) -> list[Calculation]:
    """Every "A x B [x C ...] = R" in text, with chained steps ("= R, x 1440 = S", "= R = S")."""
    text = text.translate(_FOLD)
    if "```" in text:
        text = _API_BLOCK.sub(_blanked, text)
    text = _STATUS_SAID.sub(_blanked, text)
    if not _ANY_FIGURE.search(text) or not _two_figures(text):
        return []
    said = text
    if _UNSAID_ANYWHERE.search(text):
        text = _said_instead(text)
    toks = _referred(
        text, _repeated(text, _led(text, _labelled(text, _picked(text, _compared(text, _tokenize(text))))))
    )
    products = _products(text, toks) if _ANY_PRODUCT.search(text) else []
    # A wrong product gives way to a claim that holds with more figures (an operand it missed) or
    # when it was a one-figure restatement ("= 2.5 MB per product -> 250 TB").
    toks = _rated_results(toks, products)
    ok_ends = {c.start + len(c.quote): c.start for c in products if c.ok}
    claims = find_claims(
        text, _unsaid(text, toks), {t.start: ok_ends[t.end] for t in toks if t.end in ok_ends}
    )
    held = {c.start + len(c.quote): c for c in claims if c.ok}
    out = [
        c
        for c in products
        if c.ok
        or (
            not _missed_operand(text, c, held.get(c.start + len(c.quote)))
            and not (c.start + len(c.quote) in held and _at_a_share(c))
            and not (c.stated.per and all(o.per is None and _is_time(o) for o in c.operands[:1]))
        )
    ]
    kept = {c.start + len(c.quote) for c in out}
    out += [c for c in claims if c.start + len(c.quote) not in kept]
    out.sort(key=lambda c: c.start + len(c.quote))
    # A figure taken back at once ("170 a second, wait no, 17 a second") is no claim; a ratio
    # said ("read:write | 100:1") is a given, never a result.
    out = [
        c
        for c in out
        if not _taken_back(text, c)
        and not _leads_a_product(text, c)
        and not (not c.ok and _second_of_a_range(c))
        and not _ratio_in_a_table(text, c)
        and not _no_base(c)
        and not _annotated(c)
        and not (not c.ok and _factor_unsaid(c))
        and not (not c.ok and _SPAN_ADJECTIVE.fullmatch(c.stated.text.strip()))
    ]
    # A figure called wrong must not hold as the next link of a chain the operands were read
    # past ("250k writes a second ... ten shards, so 25k each"), nor when it restates the
    # figure just before it as another thing ("5M drivers = 5M payouts a week").
    out = [c if c.ok or not (_explained(text, c, out) or _restated(c)) else _held(c) for c in out]
    out = _linked(text, toks, out)
    out = sorted(
        [*out, *_said_per_another_time(text, toks, out)], key=lambda c: c.start + len(c.quote)
    )
    # A figure is called wrong only when its derivation is unambiguous (confidence.py).
    out = [_wrong_time_constant(c) for c in confident(text, out)]
    out = _with_constants_said(text, toks, out)
    if said is not text:
        # (quoted as said, the figure taken back with it)
        out = [replace(c, quote=said[c.start : c.start + len(c.quote)]) for c in out]
    return out


_TAKE_BACK = r"(?:no,?\s*wait|wait,?\s*no|actually,?\s*no|no,?\s*no|scratch that|oops|correction)\b"
_UNSAID = re.compile(r"\W*" + _TAKE_BACK, re.IGNORECASE)
"""Right after a figure: it is taken back."""
_UNSAID_ANYWHERE = re.compile(_TAKE_BACK, re.IGNORECASE)
"""A figure taken back somewhere (searched for without `_UNSAID`'s leading non-words, which
tried from every position of a long run of spaces is quadratic)."""


def _unsaid(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, a figure taken back at once ("about eight hundred thousand per day... no wait.
    Three billion divided by ...") no longer a figure: no operand of what follows."""
    if not _UNSAID_ANYWHERE.search(text):
        return toks
    return [
        replace(t, kind="BREAK", q=None) if t.kind == "Q" and _UNSAID.match(text, t.end) else t
        for t in toks
    ]


def _time_constants() -> frozenset[float]:
    """Each count of one time unit in another that no other factor is mistaken for (60, 1,440,
    3,600, 86,400 ...; not 4, 7, 24, 30 or 365: "x4 for peak", "4 resolutions")."""
    return frozenset(
        float(factor)
        for i, a in enumerate(TIME_UNITS)
        for b in TIME_UNITS[i + 1 :]
        if (factor := round(_seconds(b) / _seconds(a))) >= 60
    )


_TIME_CONSTANTS = _time_constants()


def _wrong_time_constant(c: Calculation) -> Calculation:
    """A calculation that holds as written with the wrong count of one time in another: a rate
    per second turned into a day's with 3,600 ("50 a second, over a day that's 50 times 3,600,
    so 180k a day"), a day's turned into a second's over the 3,600 seconds "in a day". With one
    rate, one bare time constant and a result per another time, the constant must be the one
    between the two times; the slip is off by their ratio (24x for hours and days), and the
    result is recomputed with the right one."""
    if not c.ok or c.stated.per is None or c.stated.unit:
        return c
    rates = [o for o in c.operands if o.per is not None]
    constants = [
        o for o in c.operands if o.per is None and not o.unit and o.value in _TIME_CONSTANTS
    ]
    rest = [o for o in c.operands if o not in rates and o not in constants and o.value != 1.0]
    if len(rates) != 1 or len(constants) != 1 or rest or rates[0].per == c.stated.per:
        return c
    rate, used = rates[0], constants[0].value
    frm, to = _seconds(rate.per), _seconds(c.stated.per)  # type: ignore[arg-type]
    needed = max(frm, to) / min(frm, to)
    slip = needed / used
    ratio = max(slip, 1 / slip)
    if ratio <= TOLERANCE:
        return c
    # a longer time multiplies (the slip made it too small), a shorter one divides
    value = c.stated.value * slip if to > frm else c.stated.value / slip
    expected = Quantity(value, c.stated.unit, c.stated.per, "")
    expected = replace(expected, text=format_quantity(expected))
    return Calculation(c.quote, c.start, c.operands, c.stated, expected, ratio, False)


_HAS = re.compile(
    r"(?i)^\W{0,2}(?:s|has|have|with|got|is|are|having|contains|there(?:'s| is| are))?"
    r"(?:[ \t]+(?:got|like|about|roughly|around|only|just|approx|approximately))*[ \t]*$"
)
"""Between a time and the count of another time it holds ("a day's got like 3,600 seconds",
"one day with 3600 seconds")."""


def _constants_said(text: str, toks: list[_Tok]) -> list[Calculation]:
    """Counts of one time in another said wrong by more than the tolerance: "3,600 seconds in
    a day", "a day's got like thirty six hundred seconds", "1,440 seconds in a day". The count
    must be one of the time constants (a slip of one for another): "86 seconds in a day" is
    more likely downtime than a constant."""
    out = []
    for i, t in enumerate(toks):
        if t.kind != "Q" or t.q is None or t.seconds not in _UNIT_OF or t.q.value not in _TIME_CONSTANTS:
            continue
        period, start = t.over, t.start
        j = i - 1
        while j >= 0 and toks[j].kind == "BREAK" and t.start - toks[j].start <= 24:
            j -= 1  # "got", "like"
        if period is None and j >= 0:
            before = toks[j]
            if (
                before.kind == "Q"
                and before.q is not None
                and before.q.value == 1.0
                and before.seconds in _UNIT_OF
                and not before.over
                and _HAS.match(text[before.end : t.start])
            ):
                period, start = _UNIT_OF[before.seconds], before.start
        if period is None or _seconds(period) <= t.seconds:
            continue
        true = _seconds(period) / t.seconds
        ratio = max(true / t.q.value, t.q.value / true)
        if ratio <= TOLERANCE:
            continue
        # (the interviewer asks "from a day, how do you get to 3,600 seconds?")
        stated = Quantity(t.q.value, "", None, _IN_A.split(text[t.start : t.end])[0])
        expected = Quantity(true, "", None, f"{true:,.0f} {time_name(_UNIT_OF[t.seconds])}s")
        article = "an" if period == "h" else "a"
        period_q = Quantity(1.0, "", None, f"{article} {time_name(period)}")
        out.append(Calculation(text[start : t.end], start, (period_q,), stated, expected, ratio, False))
    return out


_IN_A = re.compile(r"(?i)\s+(?:in|per)\s+")


def _with_constants_said(text: str, toks: list[_Tok], out: list[Calculation]) -> list[Calculation]:
    """out with a count of one time in another said wrong (`_constants_said`): the figures
    worked from it may hold on the candidate's own inputs, but the slip is theirs."""
    said = [c for c in _constants_said(text, toks) if all(c.start != o.start for o in out)]
    return sorted([*out, *said], key=lambda c: c.start + len(c.quote)) if said else out


def _said_instead(text: str) -> str:
    """text with each figure taken back for one of the same kind said in its place blanked out,
    with the words between ("is like two gigs a day no wait it's more like two terabytes a
    day" reads "is like two terabytes a day"): the figure said last is the one meant. Blanks
    keep every position."""
    toks = _tokenize(text)
    spans = []
    for i, t in enumerate(toks):
        if t.kind != "Q" or t.q is None or not _UNSAID.match(text, t.end):
            continue
        kind = (t.q.unit, t.q.per)
        for u in toks[i + 1 : i + 12]:
            if u.kind == "Q":
                same = u.q is not None and (u.q.unit, u.q.per) == kind and any(kind)
                if same and u.start - t.end <= 60:
                    spans.append((t.start, u.start))
                break
            if u.kind not in ("BREAK", "EQ", "SEP"):
                break
    for a, b in reversed(spans):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


_LINK_CUE = re.compile(
    r"(?i)[×✕*]|\bx\s*\d|\d\s*x\b|\btimes\b|\bdouble|\btriple|\breplica|\bcop(?:y|ies)\b|"
    r"\bretention\b|\bretain|\bkeep(?:ing)?\b|\bover\b|\bfor\b"
)
_UNLINKED = re.compile(
    r"(?i)[/÷]|\bper\b|\beach\b|\bacross\b|\bdivid|\bsplit|\bshard|\bover\s+(?:the\s+)?\d|"
    r"\bin\s+flight\b|\bat\s+(?:once|a\s+time|any)\b|\bconcurren|\bonly\b|\bof\s+(?:that|those|them|it)\b|%|"
    r"\bpercent|\bcompress|\bdedup|\bsav(?:e|ing)|\bless\b|\bfraction\b|\bhalf\b|\bquarter\b"
)
_LINK_POINTER = re.compile(
    r"(?i)(?:=|→|->|=>|≈|\bthat['’]?s\b|\bthats\b|\bis\b|\bgives\b|\bso\b)[\s~≈]*(?:about|around|roughly|like|uh|um|\s)*$"
)


_RESTATED_AS = re.compile(
    r"(?i)(?:\bthis\s+(?:is|means?|makes?)\b|\bthat\s+is\b|\bthat['’]?s\b|\bthats\b|\bso\b|"
    r"\bwhich\s+(?:is|means)\b|\bmeaning\b|\bi\.?e\.?|=|→|->|=>|≈)"
)
_OTHER_FIGURE = re.compile(
    r"(?i)\bpeak|\baverage|\bavg\b|\bmax|\bburst|\bspike|\bbusiest|\bnormal|\btypical|\bx\s*\d|"
    r"\d\s*x\b|\btimes\b|\bfactor\b|\bper\s+(?:user|node|server|shard|region|city|machine)\b"
)


def _said_per_another_time(
    text: str, toks: list[_Tok], out: list[Calculation]
) -> list[Calculation]:
    """A rate said again with the same number per another time ("Peak is 10k searches per
    minute, this mean 10 thousand QPS"; "20 million rides per day ..., so the payment service
    will receive 20 million requests per second"): a conversion, the slip of reading a day's or
    a minute's count as a second's, checked as one when nothing else reads the figure. A peak,
    an average or a factor said between them makes it another figure."""
    ends = {c.start + len(c.quote) for c in out}
    rates = [t for t in toks if t.kind == "Q" and t.q is not None and t.q.per and not t.seconds]
    found: list[Calculation] = []
    for first, then in zip(rates, rates[1:], strict=False):
        a, b = first.q, then.q
        assert a is not None and b is not None
        gap = text[first.end : then.start]
        if (
            then.end in ends
            or a.per == b.per
            or a.unit != b.unit
            or not math.isclose(a.value, b.value, rel_tol=0.2)
            or len(gap) > 120
            # ("each ride makes one payment charge": a factor of one is no other figure)
            or any(
                t.kind == "Q" and first.end <= t.start < then.start and t.q and t.q.value != 1
                for t in toks
            )
            or not _RESTATED_AS.search(gap)
            or _OTHER_FIGURE.search(gap)
        ):
            continue
        assert a.per is not None and b.per is not None
        value = a.value * _seconds(b.per) / _seconds(a.per)
        ratio = max(b.value / value, value / b.value)
        expected = Quantity(value, b.unit, b.per, "")
        found.append(
            Calculation(
                text[first.start : then.end],
                first.start,
                (a,),
                b,
                replace(expected, text=format_quantity(expected)),
                ratio,
                ratio <= TOLERANCE,
            )
        )
    return found


def _linked(text: str, toks: list[_Tok], out: list[Calculation]) -> list[Calculation]:
    """Each figure read as holding that is the next link of a chain, and is not: the result
    said just before it, times the plain factors said between the two (a replication factor,
    "x 3", "triple", a retention span), is off by more than 10x ("~525 TB/yr ... 5-year
    retention, x 3 replicas -> ~7.9 TB"; "over a year that's 500 TB and if we triple replicate
    it that's 1.5 TB total"). The closest way to the figure read it off older figures; the
    chain says what the candidate multiplied."""
    if len(out) < 2:
        return out
    figures = [t for t in toks if t.kind == "Q" and t.q is not None]
    linked = list(out)
    for n, c in enumerate(out):
        if not c.ok or n == 0:
            continue
        at = c.start + len(c.quote) - len(c.stated.text)
        before = [d for d in out[:n] if d.start + len(d.quote) <= at]
        if not before:
            continue
        last = before[-1]
        r_end = last.start + len(last.quote)
        between = [t for t in figures if t.start >= r_end and t.end <= at]
        gap = text[r_end:at]
        if (
            not 1 <= len(between) <= 2
            or "\n\n" in gap
            or not _LINK_CUE.search(gap)
            or _UNLINKED.search(gap)
            or not _LINK_POINTER.search(gap)
            or last.stated.unit != c.stated.unit
        ):
            continue
        value, per = last.stated.value, last.stated.per
        for t in between:
            q = t.q
            assert q is not None
            if t.seconds and per and not q.per and not q.unit:
                value, per = value * q.value * t.seconds / _seconds(per), None  # "5-year retention"
            elif not (q.unit or q.per or t.seconds) and 2 <= q.value <= 10:
                value *= q.value  # "x 3 replicas", "triple"
            else:
                value = 0.0
                break
        if per and not c.stated.per and not _AMOUNT_OF_TIME.search(last.stated.text):
            per = None  # "over a year that's 500 TB": the time is the chain's, said before
        if value <= 0 or (per or None) != (c.stated.per or None):
            continue
        ratio = max(c.stated.value / value, value / c.stated.value)
        if ratio > TOLERANCE:
            operands = (last.stated, *(t.q for t in between if t.q is not None))
            linked[n] = replace(
                c,
                quote=text[last.start : c.start + len(c.quote)],
                start=last.start,
                operands=operands,
                expected=replace(
                    Quantity(value, c.stated.unit, per, ""),
                    text=format_quantity(Quantity(value, c.stated.unit, per, "")),
                ),
                ratio=ratio,
                ok=False,
            )
    return linked


_STATUS_SAID = re.compile(
    r"(?i)\b(?:(?:http|status(?:\s+code)?)\s+[1-5]\d\d|[1-5]0\d(?:s|'s)?(?=\s+(?:redirects?|responses?|status|"
    r"code|cached|with\s+(?:an?\s+)?(?:[a-z-]+\s+)?headers?|or\s+[1-5]0\d|vs\.?\s+[1-5]0\d|"
    r"(?:is|are)\s+(?:permanent|temporary|cached))\b)|(?:(?<=small\s)|(?<=tiny\s)|(?<=plain\s)|(?<=simple\s)|(?<=bare\s))30[1-8]\b)"
)
"""An HTTP status said ("a 301 with headers is maybe 500 bytes", "302 redirects", "a small 301
with a Location header"): no figure."""

_API_BLOCK = re.compile(r"```[^\n]*\n(?:(?!```).)*?\b(?:GET|POST|PUT|PATCH|DELETE)\s+/.*?```", re.S)
"""A fenced block that defines an API ("POST /videos (multipart, <= 60 s, ~10 MB)"): its figures
are limits and page sizes, no operands of the estimate said after it."""


def _blanked(m: re.Match[str]) -> str:
    """The match as spaces, its line breaks kept (positions hold)."""
    return re.sub(r"[^\n]", " ", m.group(0))


_SPAN_ADJECTIVE = re.compile(
    r"(?i)\d+(?:\.\d+)?-(?:years?|yrs?|days?|months?|weeks?|hours?|minutes?|seconds?)"
)
"""A span said as an adjective ("→ 5-year storage ≈ 2.6 PB"): what the next figure is over."""


def _factor_unsaid(c: Calculation) -> bool:
    """One size pointed by an arrow at another ("each row 1KB -> 1.8GB", "32 bytes -> ~400KB of
    hashes"): the count it is multiplied by was said before, not here; no conversion (a
    conversion changes the unit or the rate: "1 Gbit/s -> 125 MB/s")."""
    if len(c.operands) != 1:
        return False
    op, stated = c.operands[0], c.stated
    between = c.quote[c.quote.find(op.text) + len(op.text) : c.quote.rfind(stated.text)]
    return (
        ("->" in between or "\u2192" in between)
        and "=" not in between
        and op.unit == stated.unit == "B"
        and op.per == stated.per
        and not _BITS.search(op.text)
        and not _BITS.search(stated.text)
    )


def _rated_results(toks: list[_Tok], products: list[Calculation]) -> list[_Tok]:
    """toks, the result of a product that holds given the rate it comes to when it states none
    ("10k/min x 1,440 = 14.4M": 14.4M a day), for the claims that go on from it."""
    rated = {
        c.start + len(c.quote): c.expected.per
        for c in products
        if c.ok and c.stated.per is None and c.expected.per and not _spans_counted(toks, c)
    }
    if not rated:
        return toks
    return [
        replace(t, q=replace(t.q, per=rated[t.end]))
        if t.kind == "Q" and t.q is not None and t.end in rated and not t.seconds and not t.q.per
        else t
        for t in toks
    ]


def _spans_counted(toks: list[_Tok], product: Calculation) -> bool:
    """Whether a bare factor of a product is a span of time said just before it, counted in the
    unit its rate is per ("60 a month, so over 7 years that's 60 x 84": 84 months): the rate is
    spent, the result is a total, per no time."""
    per = product.expected.per
    if per is None:
        return False
    spans = [
        t.q.value * t.seconds / _seconds(per)
        for t in toks
        if t.kind == "Q"
        and t.q is not None
        and t.seconds
        and not t.over
        and product.start - _SPAN_BACK <= t.start < product.start
    ]
    return any(
        not o.unit and not o.per and math.isclose(o.value, span, rel_tol=0.05)
        for o in product.operands
        for span in spans
        if span > 1
    )


_SPAN_BACK = 40
"""How far before a product the span of time it counts may be said, in characters."""


_TAKEN_BACK = re.compile(
    r"^\W*(?:(?:wait,?\s*no|no,?\s*wait|sorry|i mean|oops|correction|scratch that|make that|"
    r"actually,?\s*no|no,? no|hmm+,?\s*no|er+m?|um+|uh+)\b[^\d]{0,40}\d|"
    # disowned: "I first said 5B a day is 5k a second, which is wrong; it's about 58k"
    r"(?:(?:no,?\s*)?wait,?\s*)?(?:which|that|this|it)(?:['’]?s|\s+is|\s+was)\s+"
    r"(?:wrong|off|not right|incorrect|a mistake)\b)",
    re.IGNORECASE,
)
_RATIO_SAID = re.compile(r"^\s*~?\d[\d.,]*\s*:\s*\d")


_BARE_TIME = re.compile(
    r"^(?:a|an|one|per|each|every)\s+(?:second|minute|hour|day|week|month|year)\b", re.I
)


def _annotated(calc: Calculation) -> bool:
    """A size put beside a count "each" ("20M accounts * 1 row each ~ 200 B -> 4 GB": what one
    row weighs), not a result of the figures before it."""
    last = calc.operands[-1].text if calc.operands else ""
    if calc.operands and calc.operands[-1].unit:
        return False  # "x 10 KB state each ~ 200 MB": the size of one was said, this is a total
    if not re.search(r"\b(?:each|apiece|per (?:row|item|record|entry|one))\s*$", last, re.I):
        return False
    at = calc.quote.rfind(last) + len(last)
    between = calc.quote[at : calc.quote.rfind(calc.stated.text)]
    return bool(re.fullmatch(r"\s*[~≈(]\s*", between))


def _no_base(calc: Calculation) -> bool:
    """A share of something the text does not give ("1 percent of DAU writes a review a day,
    so 1M reviews a day", the DAU said earlier; "kept 30 days. If 5% of uploads are deleted, 5M
    files a day"): its operands are only shares and times, and nothing can be checked."""
    shares = [o for o in calc.operands if _SHARE_SAID.search(o.text)]
    return (
        bool(shares)
        and all(
            _SHARE_SAID.search(o.text) or _BARE_TIME.match(o.text.strip()) or _is_time(o)
            for o in calc.operands
        )
        and all(_OF_A_WORD.match(calc.quote, calc.quote.find(o.text) + len(o.text)) for o in shares)
    )


_OF_A_WORD = re.compile(r"\s+of\s+(?:the\s+|our\s+|all\s+)?[A-Za-z]")


def _ratio_in_a_table(text: str, calc: Calculation) -> bool:
    """A ratio given in a table's cell ("| read:write | 100:1 |"), not worked out."""
    if not _RATIO_SAID.match(calc.stated.text):
        return False
    at = calc.start + len(calc.quote)
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    return "|" in line


_OPERATOR_NEXT = re.compile(
    r"[ \t]+(?:into|times|multiplied by|divided by)[ \t]+(?:~|about |roughly )?(?:\d|(?:an?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion)\b)",
    re.IGNORECASE,
)


_RANGE_GAP = re.compile(r"\s+or\s+(?:maybe\s+|like\s+)?|\s*(?:-|–)\s*|\s+to\s+", re.I)
_RANGE_COMMA = re.compile(r",\s*(?:maybe\s+|or\s+)?")
_GUESS_BEFORE = re.compile(r"\b(?:like|maybe|say|about|around|roughly|probably)[,\s]+$", re.I)


def _second_of_a_range(calc: Calculation) -> bool:
    """The figure is the far end of a range said with the one right before it ("maybe like two
    thousand, three thousand QPS", "every ten or fifty milliseconds"): another guess, not a
    result of it."""
    end = calc.quote.rfind(calc.stated.text)
    said = [q.text for q in find_quantities(calc.quote[:end])] + [o.text for o in calc.operands]
    for before in said:
        start = calc.quote.rfind(before, 0, end)
        if start < 0:
            continue
        gap = calc.quote[start + len(before) : end]
        # "ten or fifty", "2-3k"; a comma only in a guess ("maybe like two thousand, three
        # thousand"), not after a product ("10 thousand multiply 60, 600 thousand")
        if _RANGE_GAP.fullmatch(gap) or (
            _RANGE_COMMA.fullmatch(gap) and _GUESS_BEFORE.search(calc.quote[:start])
        ):
            return True
    return False


def _leads_a_product(text: str, calc: Calculation) -> bool:
    """The "result" is the first factor of the next product ("So seven hundred twenty thousand
    into three GB, that is two petabytes"): said to be multiplied, not as an outcome."""
    return bool(_OPERATOR_NEXT.match(text, calc.start + len(calc.quote)))


def _taken_back(text: str, calc: Calculation) -> bool:
    """The candidate corrects the figure straight after saying it."""
    return bool(_TAKEN_BACK.match(text[calc.start + len(calc.quote) :]))


def _restated(calc: Calculation) -> bool:
    """The result is the figure said right before it, named as another thing ("5M drivers =
    5M payouts/week"): a restatement, no arithmetic."""
    said = find_quantities(calc.quote)
    if len(said) < 2 or said[-1].text != calc.stated.text:
        return False
    before = said[-2]
    return (
        before not in calc.operands
        and _written_number(before).lower() == _written_number(calc.stated).lower()
        and bool(
            re.match(
                r"[\s\w]*?\s*(?:=|->|→|is|are|means)\s*$",
                calc.quote[
                    calc.quote.rfind(before.text) + len(before.text) : calc.quote.rfind(
                        calc.stated.text
                    )
                ],
            )
        )
    )


_AMOUNT_OF_TIME = re.compile(
    r"^[~≈]?\s*[\w.,]+(?:\s+\w+)?(?:\s+|-)(?P<unit>ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|"
    r"weeks?|months?|years?)\b",
    re.I,
)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding position `at` begins (after ". ", "? ", "! " or a line break)."""
    cut = max(text.rfind(". ", 0, at), text.rfind("? ", 0, at), text.rfind("! ", 0, at))
    return max(cut + 2 if cut >= 0 else 0, text.rfind("\n", 0, at) + 1)


def _dims(q: Quantity) -> tuple[float, int, int]:
    """A quantity as (value per second or in seconds, power of bytes, power of time)."""
    value, time = q.value, 0
    if q.per:
        value, time = value / _seconds(q.per), -1
    elif (m := _AMOUNT_OF_TIME.match(q.text)) is not None:
        value, time = value * _seconds(_TIME[m["unit"].lower()]), 1
    return value, 1 if q.unit == "B" else 0, time


def _explained(text: str, calc: Calculation, found: list[Calculation]) -> bool:
    """Whether the result holds as the next link of a chain: the result said just before it
    times or divided by a figure said between the two ("250k writes a second ... maybe ten
    shards, so 25k each"), a link the operands were read past. A time left implied in the
    result is not asked for. (Flipping the calculation's own operands is not tried: multiplying
    where one should divide is the slip a wrong figure is made of.)"""
    end = calc.start + len(calc.quote)
    target, bytes_, time = _dims(calc.stated)
    if not target:
        return False
    free_time = time == 0 and calc.stated.per is None

    def fits(parts: list[tuple[tuple[float, int, int], int]]) -> bool:
        value, b, t = 1.0, 0, 0
        for (v, vb, vt), sign in parts:
            if not v:
                return False
            value, b, t = value * v**sign, b + sign * vb, t + sign * vt
        # a time left implied is a rate's ("25k each" a second), never a time squared
        return b == bytes_ and (t == time or (free_time and t == -1)) and _near(value, target)

    earlier = [c for c in found if c.start + len(c.quote) < end and c.stated.value]
    if not earlier and calc.expected is not None:
        # "At peak, 10k submissions a minute with 50 tests each at up to 2 s is 1M CPU-seconds
        # every minute": the first link read past a rate said before it in the same sentence
        lead = text[_sentence_start(text, calc.start) : calc.start]
        for q in find_quantities(lead):
            if not (q.value and q.per):
                continue
            if fits([(_dims(calc.expected), 1), (_dims(q), 1)]):
                return True
            # (a result said per the rate's own time, "... every minute", with no time in it)
            if (
                calc.stated.per is None
                and not q.unit
                and _near(calc.expected.value * q.value, calc.stated.value)
            ):
                return True
    if earlier:
        last = earlier[-1]
        stated_at = text.rfind(calc.stated.text, calc.start, end)
        between = text[last.start + len(last.quote) : stated_at if stated_at >= 0 else end]
        said = [o for o in calc.operands if o.text in between]
        # "peak maybe 3x, so 60k": a multiplier said as such
        said += [
            Quantity(float(m[1]) if m[1] else 2.0, "", None, m[0])
            for m in _MULTIPLIER.finditer(between)
        ]
        # "... 25 MB a second. Kept for a full day at that rate, about 2 TB": a span in words
        if _THAT_RATE.search(between):
            said += [Quantity(1.0, "", None, f"1 {m[1]}") for m in _SPAN_SAID.finditer(between)]
        for q in find_quantities(between) + said:
            if not q.per and _time_factor(q.value):
                continue  # "x 1,440" turns a rate per minute into one per day: no new figure
            if calc.stated.per and _dims(q) == (_seconds(calc.stated.per), 0, 1):
                continue  # "and over a year roughly 300 GB": the year the result is per
            if q.value == last.stated.value:
                continue  # "1k reviews/min, over a year 1k*60*24*365": the result said again
            for sign in (1, -1):
                if fits([(_dims(last.stated), 1), (_dims(q), sign)]):
                    return True
    return False


_THAT_RATE = re.compile(r"\bat (?:that|this|the same|those|these) (?:rate|pace|speed)s?\b", re.I)
_SPAN_SAID = re.compile(
    r"\b(?:for|over|across|during)\s+(?:a|an|one|the)\s+(?:full\s+|whole\s+|single\s+)?"
    r"(second|minute|hour|day|week|month|year)\b",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(
    # (not the "000" of "10,000 ×": a multiplier is a whole figure)
    r"(?<![\d,.])\b(\d+(?:\.\d+)?)\s*(?:x|×)(?!\w)|\b(?:double|twice)\b",
    re.I,
)
_TIME_FACTORS = frozenset(
    {
        7.0,
        12.0,
        24.0,
        30.0,
        52.0,
        60.0,
        365.0,
        1440.0,
        3600.0,
        86400.0,
        100000.0,
        2592000.0,
        31536000.0,
    }
)
"""Numbers that convert one time unit into another (days a week, minutes a day ...)."""


def _time_factor(value: float) -> bool:
    """A number that converts time units, or its reciprocal (a divisor is kept as 1/x). Zero
    ("half a second" read as 0 s a day when rounded) converts nothing."""
    if value == 0:
        return False
    return any(math.isclose(v, f, rel_tol=1e-6) for v in (value, 1 / value) for f in _TIME_FACTORS)


def _near(value: float, target: float) -> bool:
    return value > 0 and max(value / target, target / value) <= TOLERANCE


def _held(calc: Calculation) -> Calculation:
    return Calculation(calc.quote, calc.start, calc.operands, calc.stated, calc.stated, 1.0, True)


_LABEL = re.compile(
    r"^[ \t]*(?:[-*•+][ \t]+|\d{1,2}[.)][ \t]+)?(?:\*\*)?(?P<label>[A-Za-z][^:=≈~\n|\d]{0,40}?)"
    r"(?:\*\*)?(?:[ \t]*[:=≈~]|[ \t]{2,}|\t)"
    r"|^[ \t]*\|[ \t]*(?:\*\*)?(?P<cell>[A-Za-z][^:=≈~\n|\d]{0,40}?)(?:\*\*)?[ \t]*\|",
    re.M,
)
"""A line that starts with a label ("- rides/day: 20M", "tx/min peak   10,000", "per minute: ...",
a table's row "| interviews/day | 4k |": there, only a figure alone is given the rate, not a
result worked out in the row)."""
_LABEL_QPS = re.compile(r"(?i)\b(?:rps|qps|tps|wps)\b")


_AGAINST = re.compile(r"(?i)\s*(?:against|versus|vs\.?|compared (?:to|with))\s*$")


def _compared(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, a count set against a count with a rate ("a hundred million redirects a day
    against a million creates") given that rate: the second is per the same time."""
    if "against" not in text and "vs" not in text and "versus" not in text and "compared" not in text:
        return toks
    out = list(toks)
    for i in range(1, len(out)):
        tok, before = out[i], out[i - 1]
        if before.kind == "BREAK" and i >= 2:
            before = out[i - 2]
        if (
            tok.kind != "Q"
            or before.kind != "Q"
            or tok.q is None
            or before.q is None
            or tok.q.per
            or tok.q.unit
            or tok.seconds
            or not before.q.per
            or before.q.unit
            or not _AGAINST.match(text[before.end : tok.start])
        ):
            continue
        out[i] = replace(tok, q=replace(tok.q, per=before.q.per), bare=False, notable=True)
    return out


def _labelled(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, the figure a line's label says is per some time given that rate: the one figure
    after "- rides/day:", or the result of the line ("tx/day   10,000 x 24 = 240,000")."""
    if ":" not in text and "  " not in text and "=" not in text and "\t" not in text and "|" not in text:
        return toks
    out = list(toks)
    for m in _LABEL.finditer(text):
        label = m["label"] or m["cell"]
        per = "s" if _LABEL_QPS.search(label) else _label_rate(label)
        if per is None:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        line = [i for i, t in enumerate(out) if m.end() <= t.start < end]
        figures = [i for i in line if out[i].kind == "Q"]
        eqs = [i for i in line if out[i].kind == "EQ"]
        if not figures:
            continue
        if _kind(out, figures[0] + 1) not in ("OP", "DIV", "AT"):
            figures = figures[:1]  # "media per day ~1.4 TB, ... = 42 GB": the figure after it
        elif eqs and m["label"]:
            figures = [i for i in figures if i > eqs[-1]][:1]  # "tx/day   10k x 24 = 240k"
        elif m["cell"] and len(figures) > 1 and "|" in text[out[figures[-2]].end : out[figures[-1]].start]:
            # "| upload bytes/day | 100M × 1 MB | 100 TB |": the result cell, and the count the
            # row's working out starts from, are per the label's time
            first = out[figures[0]]
            count = first.q is not None and not first.q.unit and not first.q.per
            figures = [figures[-1], *(figures[:1] if count and not first.seconds else [])]
        else:
            continue  # "avg rps = 100e6 / 86400": the result is not written
        div = 7.0 if per == "week" else 1.0
        per = "day" if per == "week" else per
        for i in figures:
            tok = out[i]
            if tok.q is None or tok.q.per or tok.seconds:
                continue
            q = replace(tok.q, value=tok.q.value / div, per=per)
            alt = replace(tok.alt, value=tok.alt.value / div, per=per) if tok.alt else None
            out[i] = replace(tok, q=q, alt=alt, bare=False, notable=True)
    return out


def _led(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, the result of an expression a rate leads given that rate ("so per hour it is 1.2k x
    60 = 72 thousand": 72 thousand an hour)."""
    from app.core.grading.claims import lead_rate

    out, since = list(toks), 0
    for i, tok in enumerate(out):
        if tok.kind != "Q":
            continue
        start, since = since, tok.end
        if _kind(out, i - 1) in ("OP", "DIV", "AT"):
            continue
        per = lead_rate(text, start, tok)
        if _kind(out, i + 1) not in ("OP", "DIV"):
            if per and tok.q and not tok.q.per and not tok.seconds:  # "Upload per second is 1.2k"
                out[i] = _with_rate(tok, per)
            continue
        j = i + 1
        while per and j < len(out) and out[j].kind not in ("EQ", "SEP", "BREAK"):
            j += 1
        if not per or _kind(out, j) != "EQ" or _kind(out, j + 1) != "Q":
            continue
        result = out[j + 1]
        if result.q is None or result.q.per or result.seconds:
            continue
        out[j + 1] = _with_rate(result, per)
    return out


def _with_rate(tok: _Tok, per: str) -> _Tok:
    """tok per the time `per` ("hour"), both its readings."""
    assert tok.q is not None
    alt = replace(tok.alt, per=per) if tok.alt else None
    return replace(tok, q=replace(tok.q, per=per), alt=alt, bare=False, notable=True)


def _repeated(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, each figure written again without the rate it had ("2,000 releases a day ... 2,000
    divided by 60", "25 MB/s; 25 MB x 1,440") standing for the earlier one: it has that rate."""
    rated: dict[tuple[float, str], _Tok] = {}
    written: dict[float, _Tok] = {}  # "64" of "64 kbps", "7" of "7 years"
    out: list[_Tok] = []
    for i, tok in enumerate(toks):
        q = tok.q
        rounded = _rounded(text, out, tok)
        if rounded is not None:
            # "about 23,400 seconds. Call it twenty-five thousand": the same seconds, rounded;
            # said again later ("a billion over twenty-five thousand"), it is still seconds
            written[rounded.q.value] = rounded  # type: ignore[union-attr]
            out.append(rounded)
            continue
        if (
            tok.bare
            and q is not None
            and (earlier := written.get(q.value)) is not None
            and (
                (
                    _kind(toks, i + 1) in ("OP", "DIV")
                    and _kind(toks, i - 1) not in ("OP", "DIV", "AT")
                )
                or _size_over_size(out, toks, i, earlier)
                or (
                    earlier.seconds
                    and (
                        _kind(toks, i - 1) == "OP"
                        # "a billion over twenty-five thousand" after "call it twenty-five
                        # thousand" seconds: divided by the time
                        or (_kind(toks, i - 1) == "DIV" and earlier.repeats >= 0)
                    )
                    and not _INTERVAL.search(text, max(0, earlier.start - 12), earlier.end)
                )
            )
        ):
            # "... 5 GB multiply 7" after "7 years": the years
            # "64 kbps, so for one hour it is 64 x 3600": the figure, to start the arithmetic
            assert earlier.q is not None
            q = replace(earlier.q, text=q.text)
            tok = replace(
                earlier, start=tok.start, end=tok.end, q=q, alt=None, repeats=earlier.start
            )
            out.append(tok)
            continue
        if tok.kind == "Q" and q is not None and (q.unit or q.per or tok.seconds):
            number = _NUMBER.match(q.text)
            if (
                number
                and not (number["exp"] or number["pow"] or not number["int"].isdigit())
                and not _MAGNITUDE.match(q.text, number.end())
            ):
                written[float(number["int"] + (number["frac"] or ""))] = tok
            elif not any(c.isdigit() for c in q.text) and tok.seconds:
                written[q.value] = tok  # "twenty-five thousand seconds", said in words
        if tok.kind == "Q" and q is not None and not tok.seconds and q.value > 0:
            key = (float(f"{q.value:.6g}"), q.unit)
            earlier = rated.get(key)
            if (
                q.per is None
                and earlier is not None
                and earlier.q is not None
                and tok.alt is None
                and _may_restate(earlier.q, q)
            ):
                tok = replace(
                    tok,
                    q=replace(q, per=earlier.q.per),
                    bare=False,
                    notable=True,
                    repeats=earlier.start,
                )
            elif (
                q.per is None
                and tok.alt is not None
                and (earlier := rated.get((float(f"{tok.alt.value:.6g}"), ""))) is not None
                and earlier.q is not None
            ):
                # "5 billion per day ... 5B / 60": the billions again (no bytes), with their rate
                q = replace(tok.alt, per=earlier.q.per)
                tok = replace(tok, q=q, alt=None, bare=False, notable=True, repeats=earlier.start)
            elif q.per is not None:
                rated[key] = tok
        out.append(tok)
    return out


_SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)")
_PICK = re.compile(r"(?i)\b(?:let['’]?s\s+say|lets\s+say|say|call\s+it|assume|take|pick)[\s,]*$")
_RANGE_SIZE = re.compile(
    r"(?i)(?P<low>\d[\d.]*)\s*(?:-|–|to|or|and)\s*(?P<high>\d[\d.]*)\s*(?P<u>[kmgtp]i?b|"
    r"(?:kilo|mega|giga|tera|peta)bytes?|megs?|gigs?)\b"
)


def _picked(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, a bare number picked from a range of sizes said just before it given the range's
    unit ("the artifact is 1-10 GB, let's say 5, times 400 servers": 5 GB)."""
    if not ("say" in text or "take" in text or "call it" in text or "ssume" in text):
        return toks
    out = list(toks)
    for i, tok in enumerate(toks):
        if (
            not tok.bare
            or tok.q is None
            or not _PICK.search(text, max(0, tok.start - 12), tok.start)
        ):
            continue
        ranges = list(_RANGE_SIZE.finditer(text, max(0, tok.start - 60), tok.start))
        if not ranges or _SENTENCE_END.search(text, ranges[-1].end(), tok.start):
            continue
        m = ranges[-1]
        if not float(m["low"]) <= tok.q.value <= float(m["high"]):
            continue
        q = replace(tok.q, value=tok.q.value * size_factor(m["u"]), unit="B")
        out[i] = replace(tok, q=q, bare=False, notable=True)
    return out


def _size_over_size(out: list[_Tok], toks: list[_Tok], i: int, earlier: _Tok) -> bool:
    """Whether the bare divisor at i restates a size, divided into a size ("4 MB blocks ... a 50 GB
    image is 50 divided by 4": 50 GB over 4 MB, blocks)."""
    if _kind(toks, i - 1) != "DIV" or len(out) < 2 or earlier.q is None:
        return False
    dividend = out[-2]
    return (
        dividend.kind == "Q"
        and dividend.q is not None
        and dividend.q.unit == "B"
        and earlier.q.unit == "B"
        and not earlier.q.per
    )


_VAGUE_SAID = re.compile(
    r"(?i)(?:a\s+few\s+|several\s+)?(?:tens|hundreds|thousands|millions|billions)\b"
)


def _counts(q: Quantity) -> str:
    """The noun a figure counts ("10k orders a minute": "order"), or ""."""
    for word in _WORD.findall(q.text):
        w = word.lower()
        if (
            w not in _STOP
            and w not in _MAGNITUDES
            and w not in _TIME
            and w not in _SPOKEN_MAGNITUDE
        ):
            return w.removesuffix("s")
    return ""


def _may_restate(earlier: Quantity, q: Quantity) -> bool:
    """Whether q, the same value as a figure with a rate said before, may be that figure again:
    not a vague one ("10k searches a minute ... tens of thousands of doctors": how many there
    are, not the searches), nor one that counts another thing ("10k orders/min ... 10k users")."""
    if _VAGUE_SAID.match(q.text):
        return False
    noun, before = _counts(q), _counts(earlier)
    return not (noun and before and noun != before)


_ROUNDING = re.compile(
    r"[\s.,;:]*(?:(?:so|and|or|well|um|uh),?\s+)*(?:call it|let'?s call it|let'?s say|say|"
    r"round(?:ed)? (?:it |that )?(?:up |down )?to|rounding (?:up |down )?to)[\s,]*$",
    re.IGNORECASE,
)


_POINTERS = frozenset(("that", "it", "this"))
_POINTER_BACK = 240
"""How far back (characters) the figure a pointer stands for may be."""


def _referred(text: str, toks: list[_Tok]) -> list[_Tok]:
    """toks, a factor applied to a pointer ("three times that", "3x it", "double that") made a
    product with the figure the pointer stands for: the last figure said before the factor
    with a unit, a rate or a magnitude ("about a meg, so 100 TB a day, and downloads are three
    times that, so 300 TB": 3 x 100 TB a day, not 3 x a meg); only with its result marked after
    it ("views about ten times that, ten million customers" plays figures back)."""
    out: list[_Tok] = []
    for i, tok in enumerate(toks):
        factor = out[-1] if out and out[-1].kind == "Q" else None
        times = None
        if factor is None and len(out) >= 2 and out[-1].kind == "OP" and out[-2].kind == "Q":
            factor, times = out[-2], out[-1]
        if (
            tok.kind != "BREAK"
            or factor is None
            or not factor.bare
            or not (
                _kind(toks, i + 1) == "EQ"
                or (_kind(toks, i + 1) == "SEP" and _kind(toks, i + 2) == "EQ")
            )
        ):
            out.append(tok)
            continue
        pointer = tok
        if text[pointer.start : pointer.end].lower() not in _POINTERS or factor.q is None:
            out.append(tok)
            continue
        before = [t for t in out[: len(out) - (2 if times else 1)] if t.kind == "Q"]
        earlier = before[-1] if before else None
        if (
            earlier is None
            or earlier.q is None
            or earlier.bare
            or factor.start - earlier.end > _POINTER_BACK
            or not (earlier.q.unit or earlier.q.per or earlier.notable)
        ):
            out.append(tok)
            continue
        if times is None:
            out.append(_Tok("OP", pointer.start, pointer.start))
        out.append(replace(earlier, start=pointer.start, end=pointer.end, repeats=earlier.start))
    return out


def _rounded(text: str, before: list[_Tok], tok: _Tok) -> _Tok | None:
    """A bare figure that rounds the time or size said right before it ("about 23,400
    seconds. Call it twenty-five thousand"): that figure, at the rounded value."""
    if not (tok.bare and tok.q is not None and tok.q.value > 0):
        return None
    prev = next((t for t in reversed(before) if t.kind == "Q"), None)
    if prev is None or prev.q is None or prev.q.value <= 0 or not (prev.seconds or prev.q.unit):
        return None
    if not _ROUNDING.fullmatch(text, prev.end, tok.start):
        return None
    if max(tok.q.value / prev.q.value, prev.q.value / tok.q.value) > 2:
        return None
    q = replace(prev.q, value=tok.q.value, text=tok.q.text)
    return replace(prev, start=tok.start, end=tok.end, q=q, alt=None, repeats=prev.start)


def _missed_operand(text: str, product: Calculation, claim: Calculation | None) -> bool:
    """Whether a claim that holds for the same result uses more figures than the product, one of
    them a figure the product does not have (not "1M x 4" again as "1M, 4 s, 4"), said in the
    sentence of a product of two figures or more (not "10k searches/min = ~170 qps at peak.
    total corpus = 100k x 50kb = 5tb", where the 170 a second is no operand of the corpus; a
    one-figure restatement leans on figures said before it). A one of a thing ("one row per
    click at ~100 bytes") multiplies nothing and is no figure of the product's."""
    factors = [o for o in product.operands if o.unit or not _ONE_OF.match(o.text)]
    if claim is None or len(claim.operands) <= max(1, len(factors)):
        return False
    if len(factors) == 1:
        return True  # "= 2.5 MB per product -> 250 TB": a one-figure restatement
    if claim.start < product.start and _SENTENCE_END.search(text, claim.start, product.start):
        return False
    written = {_written_number(o) for o in factors}
    used = {_written_number(o) for o in claim.operands}
    # the claim's figures hold the product's and more: not other figures altogether
    return written <= used and any(w not in written for w in used)


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_ONE_OF = re.compile(r"(?i)(?:one|an?|1)\s+[a-z]{3,}\s+(?:per|each|for\s+(?:each|every))\b")


_SHARE = re.compile(
    r"(?i)\bper\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr)s?\b)[a-z]"
)
_AT_WORD = re.compile(r"(?i)\bat\b")


def _at_a_share(product: Calculation) -> bool:
    """Whether "at" joins the product to a figure per some thing ("1,700 slots; at 8 slots per
    machine, 210 machines"): "at" may divide by such a share as well as multiply, so a claim
    that holds for the same result is taken instead."""
    return bool(_AT_WORD.search(product.quote)) and any(
        _SHARE.search(o.text) for o in product.operands[1:]
    )


def _written_number(q: Quantity) -> str:
    """The number a quantity is written with ("4" of "4 s", "1M" of "1M users")."""
    m = re.match(r"[~≈]?\s*([\d.,]+\s*[kKmMbB]?)", q.text)
    return m[1].replace(" ", "") if m else q.text


def _is_time(q: Quantity) -> bool:
    """A time written as an amount ("10 h"): no sound first factor of a rate."""
    return bool(
        re.match(r"[\d.,]+\s*(?:h|hrs?|hours?|mins?|minutes?|s|secs?|seconds?|days?)\b", q.text)
    )


def _products(text: str, toks: list[_Tok]) -> list[Calculation]:
    out: list[Calculation] = []
    i = 0
    while i < len(toks):
        if toks[i].kind != "Q" or _kind(toks, i - 1) in ("OP", "SUM", "DIV"):
            i += 1
            continue
        if (justified := _justified(text, toks, i)) is not None:
            out.append(justified[0])
            i = justified[1]
            continue
        ops, j = _operands(text, toks, i)
        k = _result(toks, j, text) if len(ops) <= _MAX_OPERANDS else None
        if k is None and 2 <= len(ops) <= _MAX_OPERANDS and _paused(text, toks, j, ops):
            k = j + 1  # "100 times 60 times 24 um 144 gigs a day": a pause, then the result
        if k is None and 2 <= len(ops) <= _MAX_OPERANDS and (w := _worded(text, toks, j)):
            k = _result(toks, w, text)  # "1k/s × 15 s offer window → ~15 offers": what it is, then it
        if len(ops) == 1 and k is not None and not _steps_on(text, toks, k + 1):
            k = None  # "X = Y" alone restates; "X = Y / 3600 = Z" is a chain from X
        if len(ops) == 1 and k is not None and _starts_anew(text, toks, ops[0], k):
            k = None  # "= 100 ... So that's 1M / 4 = 250k": 1M is the first operand of its own
        i = max(j, i + 1) if k is None else _chain(text, toks, ops, k, out)
    return out


_JUSTIFIED_BY = re.compile(r"\s*(?:=|\(|:)\s*")
"""What stands between a result given first and the product it comes of: "~30 GB (3k problems
x 10 MB)", "30 GB = 3k x 10 MB", "2 TB a day: 20M rides x 100 B x 1000 pings"."""


def _justified(text: str, toks: list[_Tok], i: int) -> tuple[Calculation, int] | None:
    """A result said first and worked out after it (`_JUSTIFIED_BY`), checked as the product
    written the usual way round would be; with the index after its last operand."""
    n = i + 2
    if _kind(toks, i + 1) not in ("EQ", "BREAK") or _kind(toks, n) != "Q":
        return None
    if not _JUSTIFIED_BY.fullmatch(text[toks[i].end : toks[n].start]):
        return None
    ops, j = _operands(text, toks, n)
    if not 2 <= len(ops) <= _MAX_OPERANDS or _result(toks, j, text) is not None:
        return None  # "30 GB = 3k x 10 MB = 30 GB": a chain, read the usual way
    calc = _check(text, ops, toks[i], toks[n].start)
    if calc is None:
        return None
    return replace(calc, quote=text[toks[i].start : ops[-1].end], start=toks[i].start), j


def _other_things(q: Quantity, r: Quantity | None) -> bool:
    """Whether two plain counts count different things ("400 cores", "13 boxes")."""
    if r is None or q.unit or r.unit or q.per != r.per:
        return False
    a, b = _counted(q.text), _counted(r.text)
    return bool(a and b and a != b)


def _counted(text: str) -> str:
    """The first word after the number of a plain count ("cores" of "~400 cores busy")."""
    m = re.match(r"[~≈]?\s*[\d.,]+\s*[kKmMbB]?\s+([A-Za-z]+)", text)
    return m[1].lower().removesuffix("s") if m else ""


def _worded(text: str, toks: list[_Tok], j: int) -> int | None:
    """Where a sign-written result marker ("=", "→", "≈") comes after up to two plain words that
    name the last operand ("× 15 s offer window → ..."), if it does."""
    k = j
    while k < j + 2 and _kind(toks, k) == "BREAK" and text[toks[k].start : toks[k].end].isalpha():
        k += 1
    if k == j or _kind(toks, k) != "EQ" or text[toks[k].start] not in "=→≈-":
        return None
    return k


_PAUSES = frozenset(("um", "umm", "uh", "uhh", "er", "erm"))


def _paused(text: str, toks: list[_Tok], j: int, ops: list[_Tok] | None = None) -> bool:
    """Whether a spoken pause and a figure of its own come at j, after a product's operands; or
    a comma and a figure of the product's kind ("100k times 30, 3 million a second")."""
    if _kind(toks, j) not in ("BREAK", "SEP") or _kind(toks, j + 1) != "Q":
        return False
    result = toks[j + 1]
    said = text[toks[j].start : toks[j].end]
    if toks[j].kind == "SEP":
        return (
            said.strip() == ","
            and ops is not None
            and result.notable
            and result.q is not None
            and not _EACH_OR_PER.search(result.q.text)
            and _kind(toks, j + 2) not in ("OP", "DIV", "AT")
            and result.q.unit == ("B" if any(_quantity(t).unit == "B" for t in ops) else "")
        )
    return said.lower() in _PAUSES and result.notable


_EACH_OR_PER = re.compile(
    r"(?i)\b(?:each|apiece)\b|\bper\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\b)"
)
"""A figure per item ("50 KB each"): a factor, not a result."""


def _starts_anew(text: str, toks: list[_Tok], op: _Tok, k: int) -> bool:
    """Whether the figure at k, said after a worded marker ("that's", "so it's") and divided on
    ("that's 1M / 4 = 250k"), starts a written calculation of its own rather than restating the
    lone figure op before it: it is not that figure again, and the marker is a word, or a
    sentence ends between them."""
    between = text[op.end : toks[k].start]
    worded = any(
        t.kind == "EQ" and text[t.start : t.end].strip()[:1].isalpha()
        for t in toks
        if op.end <= t.start and t.end <= toks[k].start
    )
    if not worded and not re.search(r"[.!?](?:\s|$)|\n", between):
        return False
    calc = _check(text, [op], toks[k], op.start)
    return calc is None or not calc.ok


def _steps_on(text: str, toks: list[_Tok], after: int) -> bool:
    """Whether a division by a bare number follows the result ending before `after`."""
    return _divisor(text, toks, after) is not None


def _chain(text: str, toks: list[_Tok], ops: list[_Tok], k: int, out: list[Calculation]) -> int:
    """Checks ops = toks[k] and the steps chained after it; the index to resume scanning at."""
    start = ops[0].start
    while True:
        calc = _check(text, ops, toks[k], start)
        if calc is None:
            return k  # "... at 1 KB → 100M × 10 KB = 1 GB": no result, it may start its own
        out.append(calc)
        stated = calc.stated
        if len(ops) == 1 and stated.per is None and calc.expected.per and calc.ratio < 1.5:
            stated = replace(stated, per=calc.expected.per)  # "100k reads/min = 100k / 60"
        prev = _Tok("Q", toks[k].start, toks[k].end, stated)
        start, after = prev.start, k + 1
        if (nxt := _result(toks, after, text)) is not None:
            if _other_things(stated, toks[nxt].q):
                return after  # "= 400 cores busy, so ~13 boxes": boxes of them, no restatement
            ops, k = [prev], nxt
            continue
        s = after + 1 if _kind(toks, after) == "SEP" else after
        if (divisor := _divisor(text, toks, s)) is not None:  # "= 100k / 60 ≈ 1.7k/s"
            more, j = _operands(text, toks, s + 1)
            more = [divisor, *more[1:]]
        elif _kind(toks, s) == "OP" and _kind(toks, s + 1) == "Q":
            more, j = _operands(text, toks, s + 1)
        else:
            return after
        nxt = _result(toks, j, text) if len(more) < _MAX_OPERANDS else None
        if nxt is None:
            return j
        ops, k = [prev, *more], nxt


def _round_sig(value: float) -> float:
    """value rounded to two significant digits."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, 1 - math.floor(math.log10(abs(value))))


def _number(value: float) -> str:
    if value == 0:
        return "0"
    decimals = max(0, 1 - math.floor(math.log10(abs(value))))
    out = f"{value:.{decimals}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def format_quantity(q: Quantity) -> str:
    """A quantity as a human would round it: "1 GB/min", "1.4 TB/day", "100k/day", "200 GB"."""
    value = _round_sig(q.value)
    if not math.isfinite(value):
        return str(value)
    suffixes = ("B", "KB", "MB", "GB", "TB", "PB") if q.unit == "B" else ("", "k", "M", "B", "T")
    idx = 0
    while idx + 1 < len(suffixes) and abs(value) >= 1000.0 ** (idx + 1):
        idx += 1
    body = _number(_round_sig(value / 1000.0**idx))
    body += f" {suffixes[idx]}" if q.unit == "B" else suffixes[idx]
    return body + (f"/{q.per}" if q.per else "")
