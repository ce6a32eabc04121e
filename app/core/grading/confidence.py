"""How sure a "wrong" verdict is: a derived figure is called wrong only when its derivation is
unambiguous.

Calling a candidate's right math wrong is the worst error the checker can make, and a missed wrong
costs far less; so every figure the checker (arithmetic.py, claims.py) finds more than 10x off is
put to this gate before it is reported. The checker pairs the figure with the operands it reads
for it and takes the closest way; the gate asks whether that reading is the only plausible one:

- Is it a result at all? A count said as no number among its operands ("a few dozen times"),
  a bound ("well under 1 KB", "at most 10 GB"), the alternative to a
  figure ("instead of a thousand writes a second ..., one batch a minute"), the first operand or
  the subject of what follows ("that's 1M / 4 = 250k", "50M users would be ..."), a divisor
  named before it ("divided by the seconds in a day, which is like 86 thousand"), a supposition
  ("if each takes ten seconds"), a factor given ("(at 50 MB/view)"), what one machine does ("one
  Redis node is plenty, that's 100k ops a second") or a figure taken back is no derivation.
- Are the units consistent? A count of sizes, a ratio ("3x", "100:1") of unlike figures, one
  figure used twice (its own square), a figure worked out of shares and ones only ("1 percent of
  users upload one video a day": the base is said elsewhere): the reading is unsound.
- Does one figure give it? Then it is a conversion, and a conversion keeps what it counts: a
  population said as a rate of another thing ("5M drivers" -> "5M payouts a week"), a rate per
  one thing ("6 rides per rider a month"), a unit not modelled ("trip-minutes"), a time turned
  into a rate, or the same number said again ("you said 100M users ... so 100M users") is
  another figure.
- Does another reading of the candidate's own figures make it hold? A time it does not say
  ("100 TB a day, so about 70 GB": a minute's worth), a span said with it ("kept for a full day
  at that rate", "| 10 years |"), a count said right after it ("100 GB for 100M products"), a
  factor written beside an operand ("30 days x 100 TB"), a count of the things it is said of
  dividing ("across a million drivers", "for each of the 20 regions"), a factor said of
  figures it names ("peak is 3x avg": either average), a bare "B" as billions or bytes (a small
  "b" before "per frame" too), a price per size, a spoken "k" of a size, a rate written after it that was not read
  ("~180GB a yr"), bare numbers that hold as written, the figures of its own sentence when the
  reading crossed a sentence end, or the next link of a chain from the result just before it.
- Is it tied to its operands? A result in a sentence of its own, with none of its operands and
  no word pointing back ("that's", "so", "which", "=", "->"), or read off one figure of an
  earlier sentence while its own opens on a topic of its own ("For write it is 1k a minute"),
  is a new given.

A figure in doubt because it is no derivation is dropped; one another reading makes hold holds.
"""

from __future__ import annotations

import math
import re
from itertools import combinations, product
from typing import TYPE_CHECKING

from app.core.grading.claims import ONE_IN
from app.core.grading.claims import _noun as claims_noun
from app.core.grading.quantities import TIME_UNITS, seconds, size_factor

if TYPE_CHECKING:
    from app.core.grading.arithmetic import Calculation, Quantity, _Tok

TOLERANCE = 10.0

DROP = "drop"
"""The figure is no derivation (a bound, an alternative, another thing): not judged at all."""
HOLD = "hold"
"""Another plausible reading of the candidate's own figures makes it hold."""


def confident(text: str, calcs: list[Calculation]) -> list[Calculation]:
    """calcs, each one called wrong kept only when its derivation is unambiguous: dropped when
    it is no derivation, held when another reading of the same figures makes it hold."""
    if all(c.ok for c in calcs):
        return calcs
    out = []
    for c in calcs:
        doubt = None if c.ok else _doubt(text, c, calcs)
        if doubt == DROP:
            continue
        out.append(_held(c) if doubt == HOLD else c)
    return out


def _doubt(text: str, c: Calculation, calcs: list[Calculation]) -> str | None:
    """DROP, HOLD, or None when the wrong verdict stands."""
    for rule, verdict in _RULES:
        if rule(text, c, calcs):
            return verdict
    return None


def _held(c: Calculation) -> Calculation:
    return type(c)(c.quote, c.start, c.operands, c.stated, c.stated, 1.0, True)


# --- where the figures are -----------------------------------------------------------------------


def _stated_at(c: Calculation) -> int:
    """Where the stated figure starts in the text."""
    at = c.quote.rfind(c.stated.text) if c.stated.text else -1
    return c.start + (at if at >= 0 else len(c.quote))


def _end(c: Calculation) -> int:
    return c.start + len(c.quote)


def _operand_at(c: Calculation, q: Quantity) -> int:
    """Where an operand starts in the text (-1 when it is not written there as such)."""
    at = c.quote.find(q.text) if q.text else -1
    return c.start + at if at >= 0 else -1


_SENTENCE_END = re.compile(
    r"(?<!\bi\.e)(?<!\be\.g)(?<!\bvs)(?<!\bapprox)(?<!\bca)[.!?](?:[\"')\]]*)(?:\s|$)|\n\s*\n"
)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding pos starts."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    return start


# --- rules ---------------------------------------------------------------------------------------

_BOUND_BEFORE = re.compile(
    r"(?:\b(?:well|way|far|much)\s+)?\b(?:under|below|less\s+than|fewer\s+than|more\s+than|above|"
    r"at\s+most|at\s+least|no\s+more\s+than|not\s+more\s+than|within|capped\s+at|up\s+to|"
    r"bounded\s+by|limit(?:ed)?\s+(?:of|to)|(?<![/\w])(?:max(?:imum)?|minimum)(?:\s+of)?)"
    r"[\s,]*(?:(?:about|around|roughly|~|≈|like)\s*)?$"
    r"|(?<![=<>-])[<>≤≥]=?\s*~?\s*$",
    re.I,
)


def _a_bound(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The figure is a bound said of something ("the text is well under 1 KB", "at most 10 GB",
    "< 200 ms"): a comparison, not a result of the figures before."""
    at = _stated_at(c)
    return bool(_BOUND_BEFORE.search(text, max(0, at - 30), at))


_CONTRAST = re.compile(
    r"\b(?:instead\s+of|rather\s+than|as\s+opposed\s+to|down\s+from|up\s+from|in\s+place\s+of|"
    r"replacing|not)\s+(?:(?:the|a|an|our|about|around|"
    r"roughly|like|maybe|~|[a-z]+ing)\s+){0,3}$",
    re.I,
)
_FROM = re.compile(r"\bfrom\s+(?:(?:the|about|around|roughly|like|~)\s+){0,2}$", re.I)
_TO = re.compile(
    r"\b(?:to|into|down\s+to|up\s+to)\s+(?:(?:about|around|roughly|like|~)\s*)?$", re.I
)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:so|we|it['’]?s|that['’]?s|then|but)\b", re.I)


def _an_alternative(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result is said as the alternative to an operand ("instead of a thousand writes a
    second hitting the database, we batch them: one batch a minute", "from 100 writes a second
    to 5"): two figures compared, not one derived from the other."""
    at = _stated_at(c)
    if _RATIO.search(c.stated.text):
        return False  # "reads vs writes, so 100:1": two figures compared is how a ratio comes
    for q in c.operands:
        pos = _operand_at(c, q)
        if pos < 0:
            continue
        before = text[max(0, pos - 40) : pos]
        if _CONTRAST.search(before) and _CLAUSE_BREAK.search(text, pos + len(q.text), at):
            return True
        if _FROM.search(before) and _TO.search(text, max(pos, at - 16), at):
            return True
    return False


def _unsound_units(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The reading pairs figures of other kinds: a count worked out of sizes (nothing multiplied
    by a size counts things: "10 messages at 100 bytes apiece, that's 800M messages" comes of
    other figures), or a ratio ("3x", "100:1") of anything but two figures of a kind. (A size
    worked out of counts is a size unit the checker did not read, "five K each": judged with it.)"""
    if c.expected.unit == "B" and not c.stated.unit:
        return True
    if _RATIO.search(c.stated.text):
        units, pers = {q.unit for q in c.operands}, {q.per for q in c.operands if q.per}
        return len(c.operands) != 2 or len(units) != 1 or len(pers) > 1  # a time said once
    return False


_RATIO = re.compile(r"(?i)(?::\s*1|\bto\s+(?:1|one)|\dx)$")
_AVAILABILITY = re.compile(r"(?i)%|\bnines\b|\bpercent\b|\buptime\b|\bavailab")
_COMPOUND_UNIT = re.compile(
    r"(?i)\b[a-z]+-(?:min|mins|minutes?|hours?|hrs?|secs?|seconds?|days?|slots?)\b"
)
_TIME_AMOUNT = re.compile(
    r"(?i)^[~≈]?\s*(?:[\d.,]+\s*(?:k|m|thousand|million)?|(?:an?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twelve|fifteen|hundred|[a-z]+ty)(?:[\s-][a-z]+)?)\s*-?\s*"
    r"(?:(?:full|whole|single|entire)\s+)?(?<![a-z])(?:ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|"
    r"minutes?|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?)$"
)
"""An amount of time as written ("30 days", "7yr", "fifteen minutes", "a whole day")."""


def _another_thing(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A result read off one figure that is another thing than that figure: a population said
    as a rate of another thing or the reverse ("5M drivers" -> "5M payouts a week", "2k interviews
    a day" -> "4k people"), a rate per one thing of a total ("20M rides a day" -> "6 rides per
    rider per month": it needs how many riders), a unit not modelled ("400M trip-minutes"), or a
    time turned into a rate ("10 s to judge" -> "170 a second"). No factor in the text turns the
    one into the other. (A rate renamed per another time, "10k subs a minute = 10k jobs a
    second", is a conversion: judged as one. So are machines kept busy, "8.5 CPU-seconds a
    second, so 850 cores", and downtime of an availability, "three nines is 8 hours a year".)"""
    if len(c.operands) != 1:
        return False
    (q,) = c.operands
    if _AVAILABILITY.search(q.text) or _MACHINES.search(c.stated.text):
        return False
    noun, said = _noun(q.text), _noun(c.stated.text)
    other = bool(noun and said and noun != said and not _same_word(noun, said))
    if other and (q.per is None) != (c.stated.per is None):
        return True
    if _PER_THING_PER_TIME.search(c.stated.text) and not _PER_THING_PER_TIME.search(q.text):
        return True
    if _COMPOUND_UNIT.search(c.stated.text) and not _COMPOUND_UNIT.search(q.text):
        return True
    time_q = bool(_TIME_AMOUNT.match(q.text.strip())) and q.per is None
    time_c = bool(_TIME_AMOUNT.match(c.stated.text.strip())) and c.stated.per is None
    return (time_q and c.stated.per is not None) or (time_c and q.per is not None)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FIGURE_FILLERS = _words("like peak total so uh um")
"""Words of a figure that do not say what it counts, beyond the claim reader's."""


def _noun(text: str) -> str:
    """The first word of a figure that says what it counts ("1k writes a minute": "write"):
    the claim reader's, fillers ("peak", "um") skipped too."""
    return claims_noun(text, _FIGURE_FILLERS)


_MACHINES = re.compile(
    r"(?i)\b(?:servers?|machines?|box(?:es)?|nodes?|hosts?|instances?|shards?|cores?|cpus?|gpus?|"
    r"workers?|pods?|replicas?|disks?|drives?|brokers?|sandbox(?:es)?|vms?|containers?)\b"
)
_PER_THING_PER_TIME = re.compile(
    r"(?i)\bper\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr)s?\b)[a-z][a-z-]+"
    r"\s+(?:per|a|an|each|every)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year|yr)\b"
)


def _same_word(a: str, b: str) -> bool:
    """Two nouns for one thing, as people shorten them ("req", "request"; "msg", "message")."""
    return a.startswith(b[:3]) and b.startswith(a[:3])


_RATE_WORDS = re.compile(
    r"(?i)/\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?"
    r"|y|yrs?|years?)\b|\b(?:per|a|an|each|every|in\s+(?:a|an|one)|for\s+(?:each|every|one))\s+"
    r"(?:[a-z]+\s+)?(?:second|sec|minute|min|hour|hr|day|week|month|year|yr|annum)s?\b|"
    r"\b(?:daily|hourly|weekly|monthly|yearly|annually|nightly|qps|rps|tps|wps|rpm|qpm)\b|\b[kmgt]?bps\b|"
    r"\bper\s+(?:second|sec|minute|min|hour|hr|day|week|month|year|yr)s?\b"
)
_TIME_FACTORS = (7, 12, 24, 30, 52, 60, 365, 720, 1440, 3600, 8760, 86400, 525600, 2.6e6, 3.15e7)


def _time_factor(value: float) -> bool:
    v = max(value, 1 / value) if value > 0 else 0.0
    return any(f / 1.25 <= v <= f * 1.25 for f in _TIME_FACTORS)


def _spends_time(c: Calculation) -> bool:
    """Whether an operand turns a rate into a total or another rate: an amount of time ("30
    days", "7 years") or a bare factor between time units ("x 365", "/ 86400")."""
    return any(
        (_TIME_AMOUNT.match(q.text.strip()) and q.per is None)
        or (
            not q.unit
            and q.per is None
            and _time_factor(q.value)
            and not _RATE_WORDS.search(q.text)
        )
        for q in c.operands
    )


def _fits(ratio: float) -> bool:
    return ratio > 0 and max(ratio, 1 / ratio) <= TOLERANCE


def _near(value: float, stated: float) -> bool:
    """Within a quarter: the figure as written, not a reading that only comes close."""
    return value > 0 and stated > 0 and max(value / stated, stated / value) <= 1.25


def _off(c: Calculation) -> float:
    """stated / expected, both in the stated figure's unit and time."""
    return c.stated.value / c.expected.value if c.expected.value > 0 else math.inf


def _unsaid_time(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result says no time (nor does its line or clause: "so per day it is", "| storage/year
    |", "every day we need") while what it comes of is per a time, and no operand spends that
    time: it may be per any time ("100 TB a day, so about 70 GB", a minute's worth), and it holds
    when some time makes it hold."""
    per = c.expected.per
    if per is None or c.stated.per is not None or _spends_time(c):
        return False
    if _RATE_WORDS.search(c.stated.text) or _PER_ANYTHING.search(c.stated.text):
        return False  # "12k submissions per contest": it says what it is per
    at = _stated_at(c)
    last = max((_operand_at(c, q) + len(q.text) for q in c.operands), default=c.start)
    line = text.rfind("\n", 0, at) + 1
    label = min([p for q in c.operands if (p := _operand_at(c, q)) >= line] + [at])
    if _TIME_SAID.search(text, max(last, c.start), at) or _TIME_SAID.search(text, line, label):
        return False  # "so per day its about 1.2 gb", "- storage/day: ...", "over a year like"
    off = _off(c)
    return any(_fits(off * seconds(per) / seconds(u)) for u in TIME_UNITS)


_PER_ANYTHING = re.compile(r"(?i)\bper\s+[a-z]")
_TIME_SAID = re.compile(
    r"(?i)(?:/\s*|\b(?:per|a|an|each|every|in|on|over|for|during|one|daily|hourly|yearly|monthly|"
    r"weekly)\s+(?:(?:a|an|one|the|normal|typical|busy|peak|single|whole|full)\s+)?)"
    r"(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|wk|weeks?|mo|months?|y|yrs?|years?)\b"
    r"|\b(?:daily|hourly|weekly|monthly|yearly|annually|annual|nightly)\b"
    r"|\b\d[\d.,]*\s*-?\s*(?:days?|weeks?|months?|years?|yrs?|yr)\b"
)


_SPAN = re.compile(
    r"(?i)\b(?:for|over|across|during|in|per|after|within|kept|keep(?:ing)?|retain(?:ed|ing)?|store[ds]?)"
    r"\s+(?:(?:a|an|one|the|full|whole|single|entire|next|first|peak)\s+){0,3}"
    r"(?P<n>\d[\d.,]*|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|"
    r"hundred)?\s*-?(?P<t>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)\b"
    r"|\b(?P<n2>\d[\d.,]*)\s*-?\s*(?P<t2>days?|weeks?|months?|years?|yrs?|yr|y)\b"
)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
}  # fmt: skip
_UNIT_OF = {
    "s": "s", "sec": "s", "second": "s", "m": "min", "min": "min", "minute": "min", "h": "h",
    "hr": "h", "hour": "h", "d": "day", "day": "day", "w": "week", "wk": "week", "week": "week",
    "mo": "month", "month": "month", "y": "year", "yr": "year", "year": "year",
}  # fmt: skip


def _spans(text: str, start: int, end: int) -> list[float]:
    """Seconds of each span of time said between start and end ("for a full day", "over 7
    years", "| 10 years |", "7yr")."""
    out = []
    for m in _SPAN.finditer(text, start, end):
        n, t = (m["n"], m["t"]) if m["t"] else (m["n2"], m["t2"])
        unit = _UNIT_OF.get(t.lower().rstrip("s")) or _UNIT_OF.get(t.lower())
        if unit is None:
            continue
        if n is None:
            count = 1.0
        elif n.lower() in _NUMBER_WORDS:
            count = float(_NUMBER_WORDS[n.lower()])
        else:
            try:
                count = float(n.replace(",", ""))
            except ValueError:
                continue
        if count > 0:
            out.append(count * seconds(unit))
    return out


def _over_a_span(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A span said with the result ("25 MB a second. Kept for a full day at that rate, about 2
    TB", "keeping all of them for a year is about 3.65 PB", "| 10 years | ~1.8 TB |") may be what
    it is a total over: a rate it was read off, or the result just before it, times the span
    holds."""
    if _RATE_WORDS.search(c.stated.text) or _TIME_AMOUNT.match(c.stated.text.strip()):
        return False
    at = _stated_at(c)
    last = max(
        [c.start] + [p + len(q.text) for q in c.operands if 0 <= (p := _operand_at(c, q)) < at]
    )
    before = [d for d in calcs if d is not c and _end(d) <= at]
    if before:
        last = max(last, _end(before[-1]))  # "over a day ~72 GB, and over a year": the year's
    spans = _spans(text, last, at)
    if m := _SPAN_AFTER.match(text, _end(c)):
        spans += _spans(text, m.start(1), m.end())
    if not spans:
        return False
    rated = [q for q in c.operands if q.per] + [d.stated for d in before[-1:] if d.stated.per]
    return any(
        q.unit == c.stated.unit and _fits(q.value / seconds(q.per) * span / c.stated.value)
        for q in rated
        if q.per
        for span in spans
    )


_SPAN_AFTER = re.compile(
    r"[\s,]*((?:for|over|across|in|per)\s+(?:(?:the|a|an|one|full|whole|next|first)\s+){0,2}"
    r"(?:\d[\d.,]*|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty)?\s*"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|yrs?)\b)",
    re.I,
)
"""A span said right after a result ("~2 TB for ten years", "~65 TB per 30 days"): what the
result is a total over."""
_TRAILING = re.compile(
    r"\s*(?:(?:in\s+)?total\s+)?(?:for|across|over|with|times|x|×|at|of|on|among|per)\s+"
    r"(?:(?:the|all|our|about|around|roughly|~|like)\s+)?$",
    re.I,
)


def _trailing_operand(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A count said right after the result that it was read past ("1 KB per product, so 100 GB
    for 100M products", "10 GB a shard across 10 shards"): with it, the result holds."""
    from app.core.grading.arithmetic import parse_quantity

    end = _end(c)
    m = re.match(
        r"\s*(?:(?:in\s+)?total\s+)?(?:for|across|over|with|times|x|×|at|on|among)\s+"
        r"(?:(?:the|all|our|about|around|roughly|~|like)\s+)?",
        text[end : end + 40],
        re.I,
    )
    if m is None:
        return False
    rest = text[end + m.end() : end + m.end() + 40]
    figure = re.match(
        r"[\d.,]+\s*[kKmMbB]?(?:\s+[A-Za-z]+)?|(?:a|one|two|ten|a hundred|a thousand|"
        r"a million)\s+[A-Za-z]+(?:\s+[A-Za-z]+)?",
        rest,
    )
    if figure is None:
        return False
    q = parse_quantity(figure.group()) or parse_quantity(figure.group().rsplit(" ", 1)[0])
    if q is None or q.unit or q.value <= 0:
        return False
    off = _off(c)
    return _fits(off / q.value) or _fits(off * q.value)


_POINTS_BACK = re.compile(
    # ("And reads, let's say each user loads the feed ten times a day, call it twenty": a new
    # topic opened with "and"; "and that's 10 TB" points back by its "that's")
    r"^\W*(?:and\s+)?(?:(?:so|then|thus|hence|which|that|this|it|i\.e\.|meaning|means|total|overall|"
    r"together|altogether|in\s+total|all\s+in|that['’]?s|it['’]?s|thats|=|→|->|=>|≈|~)\b|[=→≈~])",
    re.I,
)


def _untied(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result is in a sentence of its own, with none of its operands and no word pointing
    back to them: more likely a new given than a derivation from figures said sentences before
    ("Daily writes are 5M. ... Monthly reads are 600M.")."""
    at = _stated_at(c)
    start = _sentence_start(text, at)
    if any(_operand_at(c, q) >= start for q in c.operands):
        return False
    clause = text[start:at]
    return not _POINTS_BACK.search(clause) and not re.search(
        r"(?i)\b(?:so|that['’]?s|thats|which|means|meaning|gives?|total|overall|comes?\s+to|"
        r"i\.e\.|it['’]?s|is|are|=|→|->|≈)\b|[=→≈]",
        clause,
    )


def _own_figure(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result's sentence works from a figure of its own that is none of the operands, all
    said sentences before ("... massive headroom. And forty-one bits of milliseconds is about
    seventy years"): a derivation the checker did not read, not one from those figures."""
    from app.core.grading.arithmetic import find_quantities

    at = _stated_at(c)
    start = _sentence_start(text, at)
    if start == 0 or any(_operand_at(c, q) >= start for q in c.operands):
        return False
    operands = {q.text for q in c.operands}
    clause = text[start:at]
    # the sentence's own figure is what the result is said of: "<figure> ... is about <result>"
    return any(
        q.text not in operands
        and re.match(
            rf"\W*(?:(?:and|so|plus|then|also)\W+)?{re.escape(q.text)}[^,;:]*?\b(?:is|are|=|gives|makes|"
            rf"comes to|works out to)\b[^,;:]*$",
            clause,
            re.IGNORECASE,
        )
        for q in find_quantities(clause)
    )


_CORRECTION_AFTER = re.compile(
    # ("that's twenty terabytes... no, twenty gigs", "20 TB, no, 20 GB")
    r"\s*(?:\.{2,}|…|—|–|\s-|,)\s*no\b[,.!]?\s+(?=[\w~≈$])|"
    r"[\s,;.!?-]*(?:\(?\s*)?(?:wait|no wait|no,? wait|sorry|i mean|oops|scratch that|correction|"
    r"actually,? no|hmm+,? no|no no|(?:which|that|this)(?:['’]?s| is| was) (?:wrong|off|not right|"
    r"incorrect|a mistake))\b",
    re.I,
)
_IF_CLAUSE = re.compile(
    r"(?i)\b(?:if|assuming|suppose)\b(?![^,.;:\n]*(?:=|→|->|\bthat['’]?s\b|\bthats\b|\bso\b|"
    r"\bthen\b|\bwhich\b|\bmeans\b|\bgives\b(?!\s+(?:us|you|me|them)\b)|\bis\b|\bare\b|\bwe\b))"
    r"[^,.;:\n\d]{0,50}$"
)
"""Before a figure in its clause: a supposition ("and if each takes ten seconds", "if the store
gives us like ten gigabits"), a given."""
_DIVIDED_BY = re.compile(r"(?i)\bdivided\s+by\b|÷|\bover\b(?=[^,.;]*\bseconds\b)")


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of pattern between start and end."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one is kept
        pass
    return found


_FACTOR_BEFORE = re.compile(
    r"(?i)(?:\(\s*|[,;]\s*|^\s*)(?:at|@)\s*[~≈]?\s*(?:about\s+|roughly\s+)?$|@\s*$"
)
"""Right before a figure: "(at 50 MB/view)", "@ 1 KB": a factor given, not a result."""
_ONE_MACHINE = re.compile(
    r"(?i)\b(?:one|a\s+single|a)\s+(?:[a-z]+\s+)?(?:servers?|machines?|box(?:es)?|nodes?|hosts?|"
    r"instances?|shards?|cores?|workers?|brokers?|partitions?)\b"
)
"""What one machine does ("one Redis node is plenty, that's like 100k ops a second")."""
_SAID_FIRST = re.compile(
    r"(?i)\b(?:i\s+(?:first\s+|originally\s+)?said|earlier\s+i\s+said)\b[^.;\n]{0,60}$"
)
_SUBJECT_AFTER = re.compile(
    r"\s+(?:would|will|could|should|might|may|is\s+going\s+to|are\s+going\s+to)\s+(?:be|take|"
    r"need|mean|make|give|produce|generate|add|store)\b",
    re.I,
)
_OPERATOR_AFTER = re.compile(
    r"\s*(?:[x×*/÷]|times\b|divided\s+by\b|multiplied\s+by\b|over\s+(?=\d))\s*[~(]?\s*"
    r"(?:\d|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|sixty|hundred|"
    r"thousand)\b)",
    re.I,
)
_PICKED = re.compile(
    r"(?i)(?:^|[\s,;(])(?:call\s+it|let['’]?s\s+say|lets\s+say|say|make\s+it|assume)[\s,]*"
    r"(?:(?:like|about|around|maybe|roughly|um|uh)[\s,]+|~\s*)*$"
)
"""Right before a figure: a value picked ("a few KB, call it ten KB", "let's say 50 bytes")."""


def _restated_as_picked(text: str, c: Calculation) -> bool:
    """The figure picks a value for the figure said right before it ("a few KB, call it ten
    KB", "thirty bytes? let's say fifty bytes"): a restatement, not a result."""
    at = _stated_at(c)
    pick = _PICKED.search(text, max(0, at - 30), at)
    if pick is None:
        return False
    window = text[max(0, pick.start() - 40) : pick.start() + 1]
    before = [q for _, q in _figures(window)]
    tail = window.rstrip(" ,;?!.")
    return bool(before) and before[-1].unit == c.stated.unit and tail.endswith(before[-1].text)


_ENDS_ON_OPERATOR = re.compile(r"(?i)\b(?:divided?|divides|multiplied|multiply|times|into)$")
"""A figure read with the operator after it ("ten thousand divide"): the first operand."""
_SIGN_BEFORE = re.compile(r"(?:[=→≈~]|->|=>)\s*(?:\*\*)?\s*[~≈]?\s*$")
_FIGURE_NEXT = re.compile(r"[\s~≈:(*]*[~≈]?\s*\d")


def _not_a_result(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The figure is no result at all: the first operand of what follows it ("that's 1M / 4 =
    250k", "is five times ten to the nine"), the subject of what follows ("so 50M users would be
    100B files"), a span heading the figure after it ("-> 7yr ~11 TB"), or taken back ("170 a
    second, wait no, 17", "I first said 5k a second, which is wrong")."""
    at, end = _stated_at(c), _end(c)
    before = text[max(0, at - 12) : at]
    if _OPERATOR_AFTER.match(text, end) and not _SIGN_BEFORE.search(before):
        return True
    if _ENDS_ON_OPERATOR.search(c.stated.text):
        return True  # "so per second that is, ten thousand divide by sixty": an operand
    if _restated_as_picked(text, c):
        return True  # "the text is a few KB, call it ten KB": a value picked, not worked out
    if _SUBJECT_AFTER.match(text, end):
        return True
    if _TIME_AMOUNT.match(c.stated.text.strip()) and _FIGURE_NEXT.match(text, end):
        return True
    if _CORRECTION_AFTER.match(text, end):
        return True
    if (m := _last(_DIVIDED_BY, text, max(0, at - 60), at)) and not _figures(text[m.end() : at]):
        return True  # "divided by, uh, the seconds in a day which is like, eighty-six thousand"
    if _IF_CLAUSE.search(text, max(0, at - 60), at) or _FACTOR_BEFORE.search(before):
        return True
    last = max(
        [_sentence_start(text, at)]
        + [p + len(q.text) for q in c.operands if (p := _operand_at(c, q)) < at]
    )
    if not _MACHINES.search(c.stated.text) and _ONE_MACHINE.search(text, last, at):
        return True  # "so one Redis node is plenty, that's like 100k ops a second": a capacity
    return bool(_SAID_FIRST.search(text, max(0, at - 80), at))


_WRITTEN = re.compile(
    r"[~≈]?\s*(\d[\d.,]*\s*(?:[kKmMbBtT](?![a-z])|thousand|million|billion)?\s*"
    r"(?:(?i:[kmgtp]i?b|bytes?|megs?|gigs?)(?![a-z]))?)"
)


def _written_number(text: str) -> str:
    """The digits and magnitude a figure is written with, without its unit ("4B" of "4B a day",
    "200" of "200 bytes")."""
    m = re.match(r"[~≈]?\s*(\d[\d.,]*)\s*([kKmMbB](?![a-zA-Z]))?", text)
    return (m[1].replace(",", "") + (m[2] or "").lower()) if m else ""


def _written(q: Quantity) -> str:
    """The number a figure is written with ("5M" of "5M drivers")."""
    m = _WRITTEN.match(q.text)
    return m[1].replace(" ", "").replace(",", "").lower() if m else ""


def _restated_number(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result is a figure given before, said again as another thing or the same ("5M drivers
    = 5M payouts a week", "10M links get clicked daily; the rows are 10M rows a day", the
    interviewer's "100M users, right? so 100M users"): the same number written again is no
    result off by the factor a pairing brought in. (The same number per another time said on
    both, "10k subs a minute = 10k jobs a second", is a conversion: judged as one.)"""
    from app.core.grading.arithmetic import find_quantities

    if _TIME_OF_THINGS.match(c.stated.text) or _MACHINES.search(c.stated.text):
        return False  # "10 seconds ... 10 sandboxes", "170 a second ... 170 cores": not again
    if any(_AVAILABILITY.search(q.text) for q in c.operands):
        return False  # "5 nines, thats ~5 hours downtime a year": downtime comes of the nines
    at = _stated_at(c)
    results = {d.stated.text for d in calcs if d is not c and _stated_at(d) < at}
    said, number = _noun(c.stated.text), _written(c.stated)
    for q in find_quantities(text[:at]):
        noun = _noun(q.text)
        other = bool(noun and said and noun != said and not _same_word(noun, said))
        same = math.isclose(q.value, c.stated.value, rel_tol=0.02) or (
            number and _written(q) == number
        )
        if (
            q.text in results
            or (q in c.operands and not other)
            or q.unit != c.stated.unit
            or _TIME_AMOUNT.match(q.text.strip())
            or not same
        ):
            continue
        if (q.per == c.stated.per and not q.per) or (
            (q.per is None) != (c.stated.per is None) and other
        ):
            return True  # "10k a minute = 10k a second" is a conversion, judged as one
    return False


_CODES = re.compile(r"(?i)\b(?:codes|combinations|possibilities|permutations|ids)\b")
_CODES = re.compile(r"(?i)\b(?:codes|combinations|possibilities|permutations|ids)\b")
_BARE = re.compile(r"^[~≈]?\s*[\d.,]+\s*(?:[kKmMbB]|thousand|million|billion)?$")


def _as_written(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """Every operand and the result are bare numbers as written ("20M × 20 / 1,440 ≈ 280k trips
    in progress"), and the numbers hold as written: what they are per or of is the checker's
    guess from figures said before (the 20M a day, the 20 minutes), and a guess is no ground to
    call the candidate's arithmetic wrong. (A result with a unit or a time of its own, "2,000
    over 60 = 33 a second", is judged in it.)"""
    q = c.stated
    if q.unit or q.per or _RATE_WORDS.search(q.text) or not _BARE.match(_number_part(q)):
        return False  # "so per hour it is 1.2k x 60 = 72 thousand": the time is said, judged in it
    if _CODES.search(q.text):
        return False  # "62 x 7 = 434 codes": a power, as the checker reads it
    if len(c.operands) < 2 or not all(_BARE.match(q.text.strip()) for q in c.operands):
        return False
    value = math.prod(q.value for q in c.operands)
    return _fits(value / c.stated.value) if c.stated.value > 0 else False


def _number_part(q: Quantity) -> str:
    """The number a figure is written with, without the noun after it ("280k" of "280k trips")."""
    m = re.match(r"[~≈]?\s*[\d.,]+\s*(?:[kKmMbB](?![a-z])|thousand|million|billion)?", q.text)
    return m.group() if m else q.text


def _squared(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The reading uses one figure twice ("A hundred million. ... A hundred million users, each
    one opens the app ten times a day, so that's a billion requests"): a figure said again is
    the same figure, never its own square."""
    said = [(_said_as(q), q.value, q.unit, q.per) for q in c.operands if q.value >= 100]
    return len(set(said)) < len(said)


_SAID_AS = re.compile(
    r"(?i)[~≈]?\s*([\w.,]+(?:[\s-]+(?:hundred|thousand|million|billion|trillion|k|m|b))*)"
)


def _said_as(q: Quantity) -> str:
    """How a figure's number is said ("a hundred million" of "A hundred million users")."""
    m = _SAID_AS.match(q.text)
    return (m[1] if m else q.text).lower()


def _no_figures(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The figures it was read off are all "one" of something or shares ("one counter per link
    per day ... after one year there are 365 million links", "1 percent of users upload one video
    per day, so 20 million a day"): no count of the candidate's goes into it, so it comes of a
    figure said elsewhere (how many users), a given here."""
    shares = [q for q in c.operands if _SHARE.search(q.text) and q.value < 0.5]  # not uptime
    ones = [q for q in c.operands if q.value == 1 or q in shares]
    return len(ones) == len(c.operands) and (len(c.operands) > 1 or bool(shares))


def _read_apart(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The figures it was read off do not go together: some in an earlier sentence and some in
    its own ("... 1.8 x 10^19 ids. At 1k writes a minute, which is roughly 525M a year"), or two
    rates multiplied ("100/day at 1k/day, ~36k/yr"). Then the figures of its own sentence, or one
    rate alone, are what it comes of: when those make it hold, it holds."""
    at = _stated_at(c)
    start = _sentence_start(text, at)
    spots = [(_operand_at(c, q), q) for q in c.operands]
    own = [q for p, q in spots if p >= start]
    rates = [q for q in c.operands if q.per]
    groups: list[list[Quantity]] = []
    if own and len(own) < len(c.operands) and all(p >= 0 for p, _ in spots):
        groups.append(own)
    if len(rates) > 1:
        groups += [[q] for q in rates]
    targets = [r for r, _ in _stated_readings(text, c)]
    for group in groups:
        value, b, t = 1.0, 0, 0
        for q in group:
            value *= q.value / (seconds(q.per) if q.per else 1.0)
            b, t = b + int(q.unit == "B"), t - int(q.per is not None)
        if any((b, t) == (tb, tt) and _fits(value / tv) for tv, tb, tt in targets):
            return True
    return False


_Reading = tuple[float, int, int]
"""A figure in base units: (value, power of bytes, power of seconds)."""


def _readings(tok: _Tok, read: Quantity | None = None, count: bool = False) -> list[_Reading]:
    """The ways a figure as the tokenizer read it may be meant: as written (a size in bytes, a
    rate per second, an amount of time in seconds), an amount of time as a count of its unit when
    `count` ("30 days x 100 TB": thirty copies), a bare "B" as billions, a small "b" as bytes.
    `read`: the quantity the checker took the figure for (with the rate said before it)."""
    q = read or tok.q
    if q is None or not q.value > 0 or not math.isfinite(q.value):
        return []
    b = int(q.unit == "B")
    secs, over, alt = tok.seconds, tok.over, tok.alt
    out: list[_Reading] = []
    if secs:
        value = q.value * secs
        out.append((value / seconds(over), 0, 0) if over else (value, 0, 1))
        if count and not over and q.value != 1:
            out.append((q.value, 0, 0))
    elif q.per:
        out.append((q.value / seconds(q.per), b, -1))
    else:
        out.append((q.value, b, 0))
    if alt is not None and alt.value > 0:
        out.append((alt.value / (seconds(alt.per) if alt.per else 1.0), 0, out[0][2]))
    if not b and _SMALL_B.search(q.text):
        out.append((out[0][0] / 1e9, 1, out[0][2]))
    if not b and (per_size := _PER_SIZE.search(q.text)):
        out.append((out[0][0] / size_factor(per_size[1]), -1, out[0][2]))  # "$0.02 per GB"
    if not b and _SPOKEN_K.search(q.text):
        out.append((out[0][0], 1, out[0][2]))  # "a hundred k of HTML": kilobytes, maybe
    said = tok.q
    if read is not None and said is not None and _said_as_a_size(said, q):
        out.append((said.value, 1, 0))  # read as a figure said before ("a hundred thousand
        # seconds"), written as a size: "a page is like a hundred k ... a hundred k times"
    return out


def _said_as_a_size(said: Quantity, read: Quantity) -> bool:
    """A spoken "k" the checker read as another figure: as written, it may be kilobytes."""
    return bool(
        said.value > 0
        and said.value != read.value
        and not said.unit
        and not said.per
        and _SPOKEN_K.search(said.text)
    )


_SPOKEN_K = re.compile(
    r"(?i)^(?:[a-z]+[\s-]+)*?[a-z]+[\s-]+k\b|^[\d.,]+\s*k\s+(?:each|apiece|per\s+[a-z]+)\b"
)
"""A thousand said as "k" of a size ("a hundred k times a billion", "sixteen k per user")."""


_PER_SIZE = re.compile(
    r"(?i)(?:\bper\s+|/\s*)([kmgtp]i?b|(?:kilo|mega|giga|tera|peta)bytes?|megs?|gigs?)\b"
)


_BIG_B = re.compile(r"\d\s?B$")
_SMALL_B = re.compile(r"[\d.]b(?:$|\s+(?:per|each|apiece|a)\b)")
"""A small "b" that may be bytes: "50b", "~160b per frame"."""
_RATE_AFTER = re.compile(
    r"\s*(?:/\s*|(?:a|an|per|each|every|in\s+(?:a|an|one|the)(?:\s+[a-z]+)?)\s+)"
    r"(?P<t>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|wk|weeks?|mo|months?|y|yrs?|years?)\b",
    re.I,
)


def _stated_readings(text: str, c: Calculation) -> list[tuple[_Reading, bool]]:
    """The stated figure as written, and per the time written right after it that the checker
    did not read ("~180GB a yr", "~600k in a peak hour"), flagged as a reading not taken."""
    q = c.stated
    b = int(q.unit == "B")
    secs = 0.0
    if _TIME_AMOUNT.match(q.text.strip()):
        m = _TIME_OF_THINGS.match(q.text)
        if m is None:
            return []
        secs = seconds(_UNIT_OF.get(m["t"].lower().rstrip("s"), "s"))
    if secs:
        out = [((q.value * secs, 0, 1), False)]
    else:
        out = [((q.value / seconds(q.per), b, -1) if q.per else (q.value, b, 0), False)]
    if b and _BIG_B.search(q.text):  # "| 36.5B |": billions, maybe
        out.append(((q.value * 1e9 / (seconds(q.per) if q.per else 1.0), 0, out[0][0][2]), True))
    if q.per and (m := _TIME_OF_A_THING.match(q.text)):  # "30,000 build minutes per day"
        secs = seconds(_UNIT_OF.get(m["t"].lower().rstrip("s"), "s"))
        out.append(((q.value * secs / seconds(q.per), 0, 0), True))
    if q.per is None and secs:  # "5,000 a day times 45 minutes is 225,000 minutes" (a day)
        out += [((out[0][0][0] / seconds(o.per), 0, 0), True) for o in c.operands if o.per]
    if not b and _SPOKEN_K.search(q.text):  # "sixteen k per user"
        out.append(((out[0][0][0], 1, out[0][0][2]), True))
    if q.per is None and (m := _RATE_AFTER.match(text, _end(c))):
        unit = _UNIT_OF.get(m["t"].lower().rstrip("s")) or _UNIT_OF.get(m["t"].lower())
        if unit:
            out.append(((q.value / seconds(unit), b, -1), True))
    return out


_JOIN = re.compile(r"\s*(?:[x×*✕]|times|at)\s*(?:(?:about|around|roughly|~)\s*)?$", re.I)
_AT_JOIN = re.compile(r"(?:[^,;.!?\n\d]|(?<=[A-Za-z])\d){0,24}\bat\s*[$€£~]?\s*", re.I)
"""Between a figure and one "at" joins to it, words between ("1 PB in S3 at $0.023 per GB")."""
_JOIN_AFTER = re.compile(r"[\s,]*(?:[x×*✕]|times)\s*(?:(?:about|around|roughly|~)\s*)?", re.I)
_DIVIDES = re.compile(
    r"(?:\b(?:across|among|between|over|per|split\s+(?:across|over|into|among)|spread\s+(?:across|over)"
    r"|divided\s+(?:among|between|by|across))\s+(?:(?:the|all|our|about|around|roughly|~|like)\s+)?)$",
    re.I,
)
_AT = re.compile(r"\bat\s+(?:(?:about|around|roughly|~)\s*)?$", re.I)
_PER_THING = re.compile(
    r"(?i)\bper\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr)s?\b)[a-z]{3,}"
)


def _other_reading(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """Another reading of the candidate's own figures makes the result hold. The figures are the
    ones it was read off, and a figure written right beside one of them with a sign ("30 days x
    100 TB") that the reading left out; each is taken as written (a size in bytes, a rate per
    second), or as it may be meant (`_readings`: an amount of time as a count of its unit, a bare
    "B" as billions, a small "b" as bytes); a figure said after "across", "among", "split over"
    or "at ... per machine" divides. Multiplied out, in the stated figure's units and time (or
    the time written right after it, "~180GB a yr"), it holds. Not tried when a bare factor
    between time units or an amount of time is among them: that conversion is the candidate's
    own, and the checker reads it as such."""
    targets = _stated_readings(text, c)
    if not targets:
        return False
    at = _stated_at(c)
    figures = _figures(text)
    spots = {_operand_at(c, q) for q in c.operands}
    taken = {_operand_at(c, q): q for q in c.operands}
    mine = [(t, taken[t.start]) for t, q in figures if t.start in taken and t.start < at]
    if len(mine) != len({p for p in spots if p >= 0}):
        return False  # an operand not written as such (worked out, or said again): as read
    for t, q in figures:
        if t.start >= at or any(t is o for o, _ in mine):
            continue
        if any(
            _JOIN.search(text[max(0, o.start - 24) : o.start])
            and text[t.end : o.start].strip().lower().rstrip("~ ") in ("x", "×", "*", "✕", "times")
            or (t.start >= o.end and _JOIN_AFTER.fullmatch(text[o.end : t.start]))
            or (t.end <= o.start and _AT_JOIN.fullmatch(text, t.end, o.start))
            for o, _ in mine
        ):
            mine.append((t, q))  # "30 days × 100 TB": the factor the reading left out
    spans = {q.value for t, q in figures if t.seconds and t.start < at}
    if any(
        _AVAILABILITY.search(q.text)
        or (t.bare and not _SPOKEN_K.search(q.text) and (_time_factor(q.value) or q.value in spans))
        for t, q in mine
    ):
        return False  # "x 365", "over 5 yrs ... x 5": the candidate's own conversion, as read
    said: dict[str, _Tok] = {}
    for t, q in figures:
        if t.start < at and (q.unit or q.per) and (number := _written_number(q.text)):
            said.setdefault(number, t)  # "200 bytes", "4B a day": what a bare "200", "4B" repeats
    options: list[list[tuple[_Reading, bool]]] = []
    for n, (t, q) in enumerate(mine):
        # an operand as the checker took it ("per second, 90"); an amount of time written
        # times a figure per no time may count copies ("30 days × 100 TB")
        count = not any(o.per for _, o in mine) and bool(_SIGN_NEAR.match(text, t.end, t.end + 8))
        count = count or bool(_SIGN_BEFORE_FIG.search(text, max(0, t.start - 4), t.start))
        readings = _readings(t, q, count and not any(o.per for _, o in mine))
        if not readings:
            return False
        again = said.get(_written_number(q.text))
        if again is not None and again is not t and (t.bare or t.alt):
            readings = [*readings, *_readings(again)]  # "4B a day ... 4B times 200 (bytes)"
        added = n >= len(c.operands)
        at_per = _AT.search(text, max(0, t.start - 12), t.start) and _PER_THING.search(q.text)
        if n > 0 and (_DIVIDES.search(text[max(0, t.start - 30) : t.start]) or at_per):
            options.append([((1 / v, -b, -s), True) for v, b, s in readings])  # "across 1M"
            continue
        if _one_of_them(text, c, q):  # "for each of the 20 regions, it is 500 MB a second"
            options.append([(r, added or k > 0) for k, r in enumerate(readings)])
            options[-1] += [((1 / v, -b, -s), True) for v, b, s in readings]
            continue
        options.append([(r, added or k > 0) for k, r in enumerate(readings)])
    implied = targets
    if c.stated.per and not any((t.q or o).per or t.seconds for t, o in mine):
        # "10k users times 3 devices is 30k syncs a day": no figure says a time, the result's
        # is left implied in them (for two figures or more: one figure alone with its time
        # dropped is no excuse for a figure left out, "2k at 5 GB each is about 10 GB a day")
        implied = [*targets, ((c.stated.value, int(c.stated.unit == "B"), 0), True)]
    if _written_product(text, c):
        return _any_product(options, implied if len(options) > 1 else targets)
    # a claim: the figures it was read off, any of them, multiplied or divided
    return any(
        _any_product(
            [
                [((v**sign, b * sign, s * sign), f) for (v, b, s), f in options[i]]
                for i, sign in zip(group, signs, strict=True)
            ],
            implied if size > 1 else targets,
        )
        for size in range(1, min(3, len(options)) + 1)
        for group in combinations(range(len(options)), size)
        for signs in product((1, -1), repeat=size)
        if signs[0] == 1
    )


_SIGN_NEAR = re.compile(r"\s*(?:[x×*✕]|times\b)")
_SIGN_BEFORE_FIG = re.compile(r"(?:[x×*✕]|\btimes)\s*$")
_OPERATOR = re.compile(r"(?i)[x×*✕/÷]|\btimes\b|\bmultipl|\bdivided\b|\bover\b")


def _written_product(text: str, c: Calculation) -> bool:
    """Whether the operands are written with a sign or word of arithmetic between each two
    ("1k × 5 GB = ...", "a thousand writes a minute times a meg"): a product as written."""
    spots = sorted(_operand_at(c, q) for q in c.operands)
    if len(spots) < 2 or spots[0] < 0:
        return False
    ends = {_operand_at(c, q): _operand_at(c, q) + len(q.text) for q in c.operands}
    return all(_OPERATOR.search(text, ends[a], b) for a, b in zip(spots, spots[1:], strict=False))


def _one_of_them(text: str, c: Calculation, q: Quantity) -> bool:
    """Whether the result is said of one of the things a plain count counts ("For each of the
    20 regions, it is 500 MB a second", "| per PoP (50 PoPs) | 100 Gbps |"): then the count may
    divide the total as well as multiply it."""
    noun = _noun(q.text)
    if q.unit or q.per or len(noun) < 2:
        return False
    at = _stated_at(c)
    start = min(_sentence_start(text, at), text.rfind("\n", 0, at) + 1)
    said = text[start : _end(c)]
    return bool(
        re.search(
            r"(?i)\b(?:each|per|every|a)\s+(?:of\s+(?:the\s+)?(?:[\d,]+\s+)?)?"
            + re.escape(noun)
            + r"(?:s|es)?\b",
            said,
        )
    )


def _figures(text: str) -> list[tuple[_Tok, Quantity]]:
    """Every figure of text as the tokenizer reads it, with its quantity."""
    from app.core.grading.arithmetic import _tokenize

    return [(t, t.q) for t in _tokenize(text) if t.kind == "Q" and t.q is not None]


def _any_product(
    options: list[list[tuple[_Reading, bool]]], targets: list[tuple[_Reading, bool]]
) -> bool:
    """Whether one reading of each figure, multiplied out, is within 10x of a target reading
    with its units, by a reading the checker did not take (one flagged as such)."""
    found: list[tuple[_Reading, bool]] = [((1.0, 0, 0), False)]
    for readings in options:
        found = [
            ((v * rv, b + rb, s + rs), other or new)
            for (v, b, s), other in found
            for (rv, rb, rs), new in readings
        ][:64]
    return any(
        (other or mark) and (b, s) == (tb, ts) and _fits(v / tv)
        for (v, b, s), other in found
        for (tv, tb, ts), mark in targets
    )


_TIME_OF_THINGS = re.compile(
    r"(?i)^[~≈]?\s*[\d.,]+\s*(?:[kmb]|thousand|million|billion)?\s*"
    r"(?P<t>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\b"
)


_TIME_OF_A_THING = re.compile(
    r"(?i)^[~≈]?\s*[\d.,]+\s*(?:[kmb]|thousand|million|billion)?\s+"
    r"(?!(?:per|a|an|each|every|in|of|the|for)\b)[a-z]+[\s-]"
    r"(?P<t>seconds?|secs?|minutes?|mins?|hours?|hrs?)\b"
)
"""Time spent on a thing, counted ("30,000 build minutes", "2M trip-hours")."""


def _reading_of(q: Quantity) -> _Reading:
    """A derived figure in base units; an amount of time per a time ("67M hours/day") is a
    plain number (hours a second)."""
    value, b, t = q.value, int(q.unit == "B"), 0
    per = q.per
    if m := _TIME_OF_THINGS.match(q.text):
        unit = _UNIT_OF.get(m["t"].lower().rstrip("s"), "s")
        value, t = value * seconds(unit), 1
        if per is None and (over := _RATE_AFTER.match(q.text, m.end())):
            per = _UNIT_OF.get(over["t"].lower().rstrip("s")) or _UNIT_OF.get(over["t"].lower())
    if per:
        value, t = value / seconds(per), t - 1
    return value, b, t


def _chained(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result is the next link of a chain: the result said just before it, times or divided
    by a figure said between the two ("= 5 Tbps. Per edge PoP with 50 PoPs, that's 100 Gbps
    each"), holds, whatever older figures it was read off. So does a figure said between them
    as a result of its own ("225,000 minutes, 3,750 hours a day. At 0.5 GB an hour, about 1.9 TB
    a day") times the one the claim was read off."""
    at = _stated_at(c)
    before = [d for d in calcs if d is not c and _end(d) <= at]
    if not before:
        return False
    last = before[-1]
    if sum(_operand_at(c, o) >= _end(last) for o in c.operands) > 1:
        return False  # "1.44M a day times 500 bytes is ...": figures said since, as written
    targets = [r for r, _ in _stated_readings(text, c)]
    between = [
        (t, q)
        for t, q in _figures(text[_end(last) : at])
        if not (t.bare and _time_factor(q.value)) and not (t.seconds and not t.over)
    ]  # "x 1,440": a conversion; "over a year": what it is per (`_over_a_span`)
    spots = {_operand_at(c, o) - _end(last) for o in c.operands}
    pairs = [(_reading_of(last.stated), t, q) for t, q in between]
    if not last.stated.unit and not last.stated.per and c.stated.unit == "B":
        # a unit carried down a chain of bare numbers ("ten to the eleven, times five, so five
        # hundred billion bytes")
        pairs += [((last.stated.value, 1, 0), t, q) for t, q in between]
    pairs += [
        (base, t, q)
        for u, uq in between
        if u.start not in spots
        for base in _readings(u)
        for t, q in between
        if t.start in spots
    ]
    if not last.stated.per and not last.stated.unit:
        # "One in twenty carries a 100 KB attachment, which is 250M attachments and about 25 TB
        # of media a day": the count just worked out times the size each has, said before it
        # in its own sentence; the count kept its time unsaid, and so may the product
        last_at = _stated_at(last)
        sized = [
            (t, q)
            for t, q in _figures_before(text, last_at)
            if t.start >= _sentence_start(text, last_at) and q.unit == "B" and not q.per
        ]
        kept = [
            (tv * seconds(c.stated.per), tb, 0) if c.stated.per and ts == -1 else (tv, tb, ts)
            for tv, tb, ts in targets
        ]
        if any(
            (tb, ts) == (1, 0) and _fits(last.stated.value * q.value / tv)
            for t, q in sized
            for tv, tb, ts in kept
        ):
            return True
    for base, t, q in pairs:
        signs = (-1,) if _one_of_them(text, c, q) else (1, -1)  # "with 50 PoPs ... each"
        for v, b, s in _readings(t):
            for sign in signs:
                value, dims = base[0] * v**sign, (base[1] + sign * b, base[2] + sign * s)
                if value > 0 and any(
                    dims == (tb, ts) and _fits(value / tv) for tv, tb, ts in targets
                ):
                    return True
    return False


_TOPIC = re.compile(
    r"(?i)\s*(?:(?:and|but|now|then|ok|okay|so)[\s,]+)?(?:for|as\s+for|about|regarding|on)\s+(?:the\s+)?"
    r"(?!(?:that|this|it|them|those|these|which|a|an|one|each|every|\d)\b)[a-z]+"
)
"""A sentence opening on a topic of its own ("For write it is 1 thousand per minute")."""


def _new_topic(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """The result is read off one figure of an earlier sentence, and its own sentence opens on a
    topic of its own ("... it means around 1.7 thousand per second. For write it is 1 thousand
    per minute, so 17 per second"): a given of that topic, not a conversion of the figure."""
    if len(c.operands) != 1:
        return False
    at = _stated_at(c)
    start = _sentence_start(text, at)
    if _operand_at(c, c.operands[0]) >= start:
        return False
    return bool(_TOPIC.match(text, start, at)) and not _figures(text[start:at])


# --- what the checker does not model ------------------------------------------------------------


def _figures_before(text: str, at: int) -> list[tuple[_Tok, Quantity]]:
    return [(t, q) for t, q in _figures(text) if t.end <= at]


def _seconds_of(t: _Tok, q: Quantity) -> float:
    """An amount of time in seconds ("10 minutes", "an hour"), 0 when the figure is none."""
    return q.value * t.seconds if t.seconds and not t.over and q.per is None else 0.0


_GROUP = re.compile(
    r"(?i)\b(?:page|batch|group|bundle|chunk|block|bucket|packet|round|set|list|bag)s?\s+of\s+"
    r"(?:(?:about|around|roughly|like|up\s+to|~)\s+)?$"
)
"""A figure said as the size of a group ("a page of 10 videos", "batches of 500 rows")."""


def _in_groups(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """An operand is the size of a group the result counts ("1M views a minute, but a feed
    request fetches a page of 10 videos, so 100k feed requests a minute"): the things divided
    by the group size, not multiplied, holds."""
    for q in c.operands:
        at = _operand_at(c, q)
        if at < 0 or not _GROUP.search(text[max(0, at - 40) : at]) or q.unit or q.per:
            continue
        value, b, s = 1.0, 0, 0
        for o in c.operands:
            if o is not q:
                v, ob, os_ = _reading_of(o)
                value, b, s = value * v, b + ob, s + os_
        value /= q.value
        if any(
            (b, s) == (tb, ts) and _fits(value / tv)
            for (tv, tb, ts), _ in _stated_readings(text, c)
        ):
            return True
    return False


_SHARE = re.compile(r"(?i)%|\bpercent\b|\bper\s*cent\b")
"""A share said as a percentage ("1%", "5 percent"); "one in twenty" is `claims.ONE_IN`."""


def _share_of_a_count(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A share said with the result and no base beside it ("if sellers change 1% of listings a
    day, that's a million updates a day"): the base is a count said earlier (the 100M products),
    and the share of some count said before it giving about the figure makes it hold. So does
    a share ("5%", "one in twenty") of a rate said before, when the result keeps its time
    unsaid and the share gives the figure as written ("5B messages a day ... Media is 1 in 20,
    so 250M media messages")."""
    at = _stated_at(c)
    start = _sentence_start(text, at)
    before = _figures_before(text, at)
    shares = [
        _reading_of(q)
        for t, q in before
        if t.start >= start and _SHARE.search(q.text) and q.value < 1
    ] + [
        (1 / q.value, 0, 0)
        for t, q in before
        if t.start >= start and q.value >= 2 and ONE_IN.search(text, 0, t.start)
    ]
    if not shares:
        return False
    # (a bare "B" read as bytes is a count of billions too: "5B a day")
    said = [(t, t.alt if t.alt is not None and q.unit else q) for t, q in before]
    counts = [
        q.value
        for t, q in said
        if t.start < start and not q.unit and not q.per and not t.seconds and q.value >= 100
    ]
    rates = [
        q.value
        for t, q in said
        if t.start < start and not q.unit and q.per and not t.seconds and q.value >= 100
    ]
    targets = [r for r, _ in _stated_readings(text, c)]
    if any(
        (sb, ss) == (tb, ts) and _close(n * sv / tv)
        for sv, sb, ss in shares
        for n in counts
        for tv, tb, ts in targets
    ):
        return True
    return not (c.stated.per or c.stated.unit) and any(
        (sb, ss) == (0, 0) and _near(n * sv, c.stated.value) for sv, sb, ss in shares for n in rates
    )


_PERIOD = re.compile(
    r"(?i)\b(?:each|every|per|a|an|one)\s+(?P<p>night|evening|morning|day|week|month)\b"
)
_IN_SPAN = re.compile(
    r"(?i)[\s,]*(?:(?:in|per|a|an|each|every|over|across)\s+(?:(?:the|a|one|whole|full)\s+)?)"
    r"(?P<p>year|month|week|day)\b"
)
_PERIOD_SECONDS = {"night": "day", "evening": "day", "morning": "day"}


def _recurring_time(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """An amount of time spent each period, totalled over a longer span ("a maintenance window
    each night of 10 minutes is already 60 hours in the year"): the time times the periods in
    the span holds."""
    at = _stated_at(c)
    stated = next((t for t, q in _figures(text) if t.start == at), None)
    if stated is None or not (total := _seconds_of(stated, c.stated)):
        return False
    span = _IN_SPAN.match(text, _end(c))
    start = _sentence_start(text, at)
    period = _last(_PERIOD, text, start, at)
    if span is None or period is None:
        return False
    ratio = seconds(span["p"].lower()) / seconds(
        _PERIOD_SECONDS.get(period["p"].lower(), period["p"].lower())
    )
    return ratio > 1 and any(
        (each := _seconds_of(t, q)) and _fits(each * ratio / total)
        for t, q in _figures_before(text, at)
        if t.start >= start
    )


_AT_ONCE = re.compile(
    r"(?i)[^.;!?\n]{0,30}?\b(?:at\s+once|at\s+a\s+time|at\s+any\s+(?:one\s+)?(?:time|moment)|"
    r"concurrent(?:ly)?|simultaneous(?:ly)?|in\s+flight|in\s+parallel|live|ongoing|in\s+progress)\b"
)
"""A count of things going on at the same moment ("250 live at once", "8 in flight")."""


def _at_once(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A count of things going on at once is a rate times how long each lasts ("3,000 a day ...
    250 an hour, so about 250 live at once", an interview being an hour): the last rate said
    before it times some amount of time said before it giving about the figure makes it hold."""
    at = _stated_at(c)
    if not _AT_ONCE.match(text, at) or c.stated.unit:
        return False
    before = _figures_before(text, at)
    rates = [q.value / seconds(q.per) for _, q in before if q.per and not q.unit][-1:]
    spans = [d for t, q in before if (d := _seconds_of(t, q))]
    return any(_close(r * d / c.stated.value) for r in rates for d in spans)


def _close(ratio: float) -> bool:
    """Within 3x: a reading the checker does not make from loose parts (any amount of time said
    before) is believed only when it gives about the figure said."""
    return ratio > 0 and max(ratio, 1 / ratio) <= 3.0


def _fleet(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A count of machines is a load over what one machine does ("each worker handles two videos
    a minute, so we need some 5,000 workers", ten thousand uploads a minute said before): a rate
    said before over a rate of the result's own sentence giving about the figure makes it hold."""
    at = _stated_at(c)
    if not _MACHINES.search(text, at, min(len(text), _end(c) + 20)) or c.stated.unit:
        return False
    start = _sentence_start(text, at)
    before = [(t, _reading_of(q)) for t, q in _figures_before(text, at) if q.per]
    return any(
        lb == cb and _close(lv / cv / c.stated.value)
        for t, (cv, cb, cs) in before
        if t.start >= start and cs == -1
        for u, (lv, lb, ls) in before
        if u.start < t.start and ls == -1
    )


_INTO = re.compile(r"(?i)\s+into\s+(?:(?:about|around|roughly|like|~)\s+)?$")
"""Between two figures, "into" as times ("seven hundred twenty thousand into three GB")."""


def _into(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A product said with "into" for times, as Indian English does ("seven hundred twenty
    thousand into three GB, that is around two petabyte per day"): the figure before "into" times
    the one after, each as written, holds (in the result's time, or with that time left
    implied when neither says one)."""
    at = _stated_at(c)
    figures = _figures_before(text, at)
    for (t, _q), (u, _r) in zip(figures, figures[1:], strict=False):
        if not _INTO.fullmatch(text, t.end, u.start) or u.start < _sentence_start(text, at):
            continue
        for (v1, b1, s1), (v2, b2, s2) in product(_readings(t), _readings(u)):
            value, dims = v1 * v2, (b1 + b2, s1 + s2)
            for (tv, tb, ts), _ in _stated_readings(text, c):
                if dims == (tb, ts) and _fits(value / tv):
                    return True
            if (
                dims[1] == 0
                and dims[0] == int(c.stated.unit == "B")
                and _fits(value / c.stated.value)
            ):
                return True
    return False


def _unit_carried(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """Bare numbers multiplied to a result with a unit ("seven years, so three point six times
    seven, around twenty-five terabytes"): the unit is carried from a figure said before (3.6 TB
    a year), and the numbers holding as written, in the result's magnitude, make it hold."""
    q = c.stated
    if not q.unit or len(c.operands) < 2:
        return False
    if not all(not o.unit and not o.per and _BARE_SPOKEN.match(o.text.strip()) for o in c.operands):
        return False
    value = math.prod(o.value for o in c.operands)
    return value > 0 and any(_close(value * 1000.0**k / q.value) for k in range(7))


_NUMBER_WORD = (
    r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|point|and"
)
_BARE_SPOKEN = re.compile(
    r"(?i)^[~≈]?\s*(?:[\d.,]+|(?:" + _NUMBER_WORD + r")(?:[\s-]+(?:" + _NUMBER_WORD + r"))*)"
    r"\s*(?:k|thousand|million|billion)?$"
)
"""A number alone, in digits or words ("3.6", "three point six", "seven")."""


_PEOPLE = re.compile(
    r"(?i)\b(?:people|users?|members?|customers?|players?|persons?|each|every|everyone|"
    r"everybody|per\s+(?:user|person|member|customer|player))\b"
)
_POPULATION = re.compile(
    r"(?i)\b(?:people|users?|members?|customers?|players?|persons?|dau|mau|actives?|accounts?|"
    r"subscribers?|viewers?|shoppers?|riders?|drivers?)\b"
)


def _per_one(text: str, c: Calculation, calcs: list[Calculation]) -> str | None:
    """A result read off figures of earlier sentences while its own sentence gives a figure per
    one thing it does not use: a size "per write" ("a kilobyte per write, that's a meg a minute")
    or a rate said of people ("people view twenty profiles a day, that's a billion degree checks
    a day"). The result is that figure times how many of the things there are: it holds (HOLD)
    when a figure said before of the same things gives about it, and when none of them is said
    in the text (a count of people given in another message) it cannot be judged (DROP)."""
    at = _stated_at(c)
    start = _sentence_start(text, at)
    if any(_operand_at(c, o) >= start for o in c.operands):
        return None
    figures = _figures_before(text, at)
    own = [(t, q) for t, q in figures if t.start >= start]
    if not own:
        return None
    targets = [r for r, _ in _stated_readings(text, c)]
    for t, q in own:
        thing = re.search(r"(?i)\bper\s+([a-z]{3,})", q.text)
        people = not thing and q.per and _PEOPLE.search(text, start, t.start)
        if not thing and not people:
            continue
        bases = [
            (u, r)
            for u, r in figures
            if u.start < start
            and (
                _same_word(_noun(r.text), thing[1].lower().removesuffix("s"))
                if thing
                else bool(_POPULATION.search(r.text))
            )
        ]
        if not bases:
            return DROP if people else None
        if any(
            (b1 + b2, s1 + s2) == (tb, ts) and _close(v1 * v2 / tv)
            for u, r in bases
            for v1, b1, s1 in _readings(u)
            for v2, b2, s2 in _readings(t)
            for tv, tb, ts in targets
        ):
            return HOLD
    return None


def _per_one_holds(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    return _per_one(text, c, calcs) == HOLD


def _per_one_unknown(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    return _per_one(text, c, calcs) == DROP


_CONTENT_TIME = re.compile(
    r"(?i)\b(?P<t>hours?|minutes?|mins?|seconds?)\s+of\s+(?:[a-z]+\s+)?(?:content|video|audio|"
    r"footage|recordings?|music|playback|movies?|shows?|streams?|speech|podcasts?)\b"
    r"|(?:^|[.!?]\s+)(?:each|one|an?|every|per)\s+(?P<t2>hour|minute|second)\b(?!\s+(?:later|ago))"
)
"""Hours counted as content ("a hundred thousand hours of content", "Each hour, in one quality")."""


def _per_time_of_content(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A size said "an hour" where the hours are content, not the clock ("a hundred thousand
    hours of content ... each hour, about two gigabytes ... twenty versions. So forty gigs an
    hour"): a size per hour of content is a size of one hour, and a product of its own figures
    giving it holds."""
    per = c.stated.per
    if per is None or c.stated.unit != "B":
        return False
    at = _stated_at(c)
    said = [
        _UNIT_OF.get((m["t"] or m["t2"]).lower().rstrip("s"))
        for m in _CONTENT_TIME.finditer(text, 0, at)
    ]
    if per not in said:
        return False
    readings = [_reading_of(q) for q in c.operands]
    return any(
        (sum(r[1] for r in group), sum(r[2] for r in group)) == (1, 0)
        and _fits(math.prod(r[0] for r in group) / c.stated.value)
        for size in range(1, min(3, len(readings)) + 1)
        for group in combinations(readings, size)
    )


_FACTOR_OF = re.compile(
    r"(?i)[~≈]?\s*(?:[\d.]+\s*[x×]|[x×]\s*[\d.]+|[\d.]+\s+times)\s+(?:the\s+)?"
    r"(?:avg|average|averages|mean|normal|baseline|base|those|these|them|both|each|that|this|it)\b"
)
"""A factor applied to figures it names, not gives ("3x avg", "x2 those")."""


def _factor_of_named(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """A factor said of figures it names ("~17/s and ~1700/s avg. peak is 3x avg so ~50/s
    writes and 5k/s reads"): the base the checker took is one of them; the factor times another
    rate said before it, of the same units, holds. The base taken is not tried again: "peak is
    5x the average, so the average is 50k" is a product where a quotient was due."""
    if len(c.operands) != 2:
        return False
    spots = [(q, _operand_at(c, q)) for q in c.operands if not q.unit and not q.per]
    named = [(q, p) for q, p in spots if p >= 0 and _FACTOR_OF.match(text, p)]
    if len(named) != 1:
        return False
    factor, at = named[0]
    base = next(q for q in c.operands if q is not factor)
    target = _reading_of(c.stated)
    return any(
        (r := _reading_of(q))[1:] == target[1:] and _fits(r[0] * factor.value / target[0])
        for t, q in _figures(text[:at])
        if q.per and not t.bare and q.value != base.value
    )


_VAGUE_COUNT = re.compile(
    r"(?i)^[~≈]?\s*(?:a\s+)?(?:few|several|couple|handful)\b(?:\s+of)?(?:\s+dozens?\b)?"
    r"(?!\s+(?:of\s+)?(?:hundred|thousand|million|billion|k|mil|bn)\b)"
)
"""A count said as no number ("a few dozen", "a couple", "several"): no given to judge by."""


def _vague_operand(text: str, c: Calculation, calcs: list[Calculation]) -> bool:
    """An operand is a count said as no number ("the showcase ones a few dozen times, but there
    are few of those"): the result may rest on another figure the candidate had in mind, and a
    vague count is no given to call it wrong by."""
    return any(_VAGUE_COUNT.match(q.text) and not q.unit for q in c.operands)


_RULES = (
    (_a_bound, DROP),
    (_vague_operand, DROP),
    (_own_figure, DROP),
    (_an_alternative, DROP),
    (_unsound_units, DROP),
    (_another_thing, DROP),
    (_not_a_result, DROP),
    (_restated_number, DROP),
    (_unsaid_time, HOLD),
    (_over_a_span, HOLD),
    (_trailing_operand, HOLD),
    (_other_reading, HOLD),
    (_read_apart, HOLD),
    (_as_written, HOLD),
    (_chained, HOLD),
    (_factor_of_named, HOLD),
    (_in_groups, HOLD),
    (_share_of_a_count, HOLD),
    (_recurring_time, HOLD),
    (_at_once, HOLD),
    (_fleet, HOLD),
    (_into, HOLD),
    (_unit_carried, HOLD),
    (_per_one_holds, HOLD),
    (_per_one_unknown, DROP),
    (_per_time_of_content, HOLD),
    (_no_figures, DROP),
    (_squared, DROP),
    (_untied, DROP),
    (_new_topic, DROP),
)
"""Each doubt a wrong verdict may be in, with what becomes of the figure; tried in this order."""
