"""Derived figures in free text: "20M rides a day is about 230 a second", "so ~250 TB".

A claim is a quantity the candidate presents as following from what came before (after "=", "→",
"that's", "which is", "so", "gives", ", about" ...). It is checked by dimensional analysis: every
product and quotient of up to three (four in short texts) earlier figures whose dimensions (bytes,
time, counts; through pint) match the claim's is a way the candidate may have got there. The
closest one is taken as what they meant: within 10x the claim holds, and when every way is off by
more than 10x it is wrong. A claim nothing can be built into is not a derivation at all.

A bare number near a time ratio ("x 365", "x 1440", "/ 86400") may be the candidate's own time
conversion; a percentage near 100% ("99.9%", "three nines") may stand for the downtime it leaves.

Telling a candidate their right math is wrong is the worst error, so a claim far off (more than
10x) is called wrong only when it is a derivation: not when it is the one figure before it turned
upside down ("10 s to judge ... we get 170 a second"), or another figure of the same kind with words
between ("the cap is 100 MB ... most are 200 bytes"), nor a figure used twice in one way (a result
with the figures it came of). And one way is the only way when the claim restates the figure right
before it per another time ("30k a minute, meaning 30k a second"): a conversion, checked as one
(of the figures of its sentence written the same way, "50/day at 1k/day, so ~18k per yr").

Chains: a derived figure is followed by the next link of its list ("is 200 MB a minute, 12 GB an
hour, and roughly 288 GB a day", "40 GB a day and over a year like 14 TB", "= 5 mb/min, 7.2 gb/day,
~2.6 pb/yr", "over ten years like 25 TB", "and at 1 MB each roughly 1.4 PB a day"): each link is a
claim, per the time said with it (or the link's before it), checked against the link it follows.
A plain factor of a product that holds ("x 1,440") is spent in its result.

Readings a claim may have that count only when they hold (never to call it wrong): a rate left
implied when no figure says a time ("so 5B turns into 15B events a day"), machines as a load over
what one takes ("16.7k rps / 2k per server ≈ 9 servers"), a share per one thing ("an active rider
takes 6 rides a month"), a figure per item of hourly inputs ("500 KB per interview"). A count of
machines may be called wrong only when worked out by a way that says how busy they are (a rate
times how long each item takes, machine time per time, a load over what one machine takes). An
average worked out above the peak it came of is the peak factor turned upside down.

Figures said after a result in the same sentence ("..., and with 1.7k reads a second") go on
from it; a claim said of an amount of time ("a minute of downtime costs") comes of that time. A
figure is never used twice with what it came of, down its chain; a number picked for a vague one
("thousands a day, I take 2000") stands for it; the N of "1 in N" divides.

Givens are no claims: items of a list after a comma ("50M users, three devices each, about 100M
uploads"), a figure per item after a comma ("1 in 10 entries, ~1 MB each"), a bound on a figure of
another kind ("280 characters is well under 1 KB"). A far-off figure said of a subject of its own
("; maximum attachment is 100 MB") or near a figure of the same kind right before it ("a cap of 2
KB, and one row is about 500 bytes") is never called wrong.

A division written out right before a claim ("2.5 TB divided by 1.25 GB/s, which is about 2 s")
is the way, as written. A figure per a thing never counts that thing ("one counter per link per
day ... 365M links"), unless divided into a count of it; a figure per a size is per byte ("$0.02
per GB"). A size of one item ("each record 1 KB") is no rate left unread, and a derived count
times it is a whole derivation. The time a link of a chain is said over ("and over a year ~50
PB") is what it is per, not a figure of it. Readings borrowed from the figure before (its rate,
the rate of the row above in a table, a table of assumptions) count only when they hold.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import combinations, product
from typing import TYPE_CHECKING

from app.core.grading.quantities import (
    BIT_WIDTH,
    RATIO_IN_WORDS,
    SHARE_SAID,
    TIME_ADJECTIVE,
    in_base,
    seconds,
    size_unit,
)
from app.core.grading.tables import Cell, Tables

if TYPE_CHECKING:
    from app.core.grading.arithmetic import Calculation, _Tok

TOLERANCE = 10.0
_WINDOW = 8
"""Earlier figures a claim may be built from (the nearest ones)."""

_HEDGES = (
    r"(?:um+|uh+|er+|hmm+|what|like|somewhere(?: around| near)?|about|roughly|around|approximately|approx\.?|nearly|almost|just|only|"
    r"some|over|under|~|≈|a little over|a bit over|a bit under|a little under|close to|well|"
    r"then|you know|ok|okay|basically|on the order of|something like|maybe|probably|only|"
    r"actually|still|already|at least|at most|less than|more than|under|up to|ish|around|"
    r"i\.e\.|call it|\*\*)"
)
_CLAIM = re.compile(
    # The guard first: a marker starts a word or is a sign; elsewhere one test fails it, not fifty.
    r"(?:(?<![A-Za-z'’])|(?=[=→⇒≈~,:-]))"
    r"(?::(?![/\d])|=|→|⇒|->|=>|≈|~=|=~|(?<=\s)~(?=\s)|\btranslates? (?:in)?to|\bthat['’]?s|\bthat is|\bwhich['’]?s|\bwhich is|\bwhich means|"
    r"\bwhich gives|\bmeaning|\b(?:is|are) giving(?: us| you| me)?|\bis|\bare|\bso|\bgives?(?: us| you| me)?|\bmakes?|\bproduces?|\b(?:comes?|works?)(?: out)? to|\bworks? out at|\baverages? out (?:to|at)|"
    r"\b(?:drops?|dropping|falls?|goes (?:down|up)|going (?:down|up)|rises?|shrinks?|comes down|climbs?) to|"
    r"\badds up to|\bmeans|\bor|\bi\.e\.|\bcall it|\bbecomes?|\bturns? into|\bit['’]?s|\bresults? in|"
    r"\btotals?|\bthats|\bleaves|\bleaving|\ballows?(?: for)?|\bcosts?(?: us| you)?|\btakes|\bso that['’]?s|\bit is|\bthis is|"
    r"\b(?:that|which|it)(?: would| will|['’]d|['’]ll) be|\bwe get|"
    r"\b(?:we|you|i)(?:['’]d| would| will|['’]ll)? (?:need|store|add|write|serve|move|push|send|ship|transfer|pull|ingest|hold|provision)|\bneeds?|"
    # "50M users averaging 10 GB each, we're storing about 500 PB"
    r"\bwe(?:['’]re| are) (?:storing|serving|moving|pushing|sending|writing|reading|holding|keeping|handling|ingesting)|"
    r"\b(?:will|would) be|\blands?(?: at| on)?|\bwe can (?:run|serve|handle|fit|store|afford)|"
    r"\blasts?(?: for)?|\b(?:is |it['’]?s )?enough for|\b(?:each|every) \w+ gets|\bwe['’]?re looking at|"
    # "so it is needed 1 TB of storage", "so it's required ~2 PB" (said so in many Englishes)
    r"\b(?:it|that)(?:['’]s| is| will be) (?:needed|required)|"
    # "With 3x replication, 600 TB": a factor applied, then its result
    r"\bwith\s+(?:an?\s+)?(?:\d+(?:\.\d+)?\s*[x×]|(?:two|three|four|five)\s*(?:x|times)\b|"
    r"double|triple)[^,.;\n\d]{0,30},|"
    r"\bwe are looking at|\bwe(?:['’]re| are| would be|['’]d be| will be|['’]ll be) at|\b(?:we )?end(?:s)? up (?:at|with|around|near|close to)|\b(?:that|which|this|it|copies|replicas|replication) (?:gets|puts|brings|takes) us(?: at| to| near| around| close to| over| up to)?|"
    # "so we're close to 1.5 EB", "ballpark 500 PB"
    r"\b(?:we['’]re|we are|that['’]s|it['’]s|thats) (?:close to|near|around)|\bballpark(?: of)?|"
    # "so reads outnumber writes roughly 100 to 1"
    r"\b(?:outnumbers?|outweighs?|dwarfs?)(?: [a-z]+){0,2}|"
    # "so that's like every contestant submitting once every 2 min": what one of them does
    r"\b(?:that['’]?s|thats|so|then|means|meaning|i\.e\.)[\s,]+(?:(?:like|um+|uh+|about|roughly|"
    r"basically)[\s,]+)*(?:each|every|one|an?|the average|the typical) [a-z]+ "
    r"(?:(?:is |are )?[a-z]+ing)(?: [a-z]+){0,3}|"
    # "10k a minute means each doc does 1 search every 5 min": what one of them does, once
    r"\b(?:that['’]?s|thats|so|means|meaning)[\s,]+(?:(?:like|um+|uh+|about|roughly|"
    r"basically)[\s,]+)*(?P<agent>(?:each|every|the average|the typical) [a-z]+ [a-z]+s)|"
    # "so metadata grows by", "we'd actually store", "it means we can be down", "so we're serving"
    r"\b(?:so|means|meaning)[\s,]+(?:[a-z'’]+\s+){0,5}?(?:be(?: down)?|have|serve|serving|store|storing|"
    r"grows?(?: by| to)?|holds?|saves?(?: us)?|adds?|sees?|reach(?:es)?|handles?|hits?|"
    r"pushing|sending|writing|ingesting|moving|handling|doing|getting)|"
    r"(?:\b(?:we|you|i|it|they|that|which)['’](?:d|ll)|\bwould|\bwill) (?:[a-z]+ )?have|"
    r",[\s]*(?:\*\*)?(?:about|~|≈|roughly|around|approx\.?|approximately|call it|nearly|almost|under|over|"
    r"a little over|a bit over|close to|or))"
    # "=> per doctor   one search every 3 min": what the result is per, said before it
    # "it means per second about 3.5 GB": the time it is per, said before it (`lead_rate`)
    r"(?:[\s,]*per (?!(?:second|sec|minute|min|hour|day|week|month|year)s?\b)[a-z]{3,}\b|"
    r"[\s,]*per (?:second|sec|minute|min|hour|day|week|month|year)\b)?"
    r"(?:[\s,]*" + _HEDGES + r")*[\s,]*[$€£]?$",
    re.I,
)
_DIVISION = re.compile(
    r"[/÷%]|\b(?:divided|divide|divides|dividing|over|out of|in|split|spread|share|ratio|between|"
    r"across|for every|need)\b",
    re.I,
)
_BACK = 60
"""How far before a figure its claim marker may start."""


@dataclass(frozen=True, slots=True)
class _Fig:
    """One figure in base units: (value, byte exponent, time exponent) readings."""

    tok: _Tok
    readings: tuple[tuple[float, int, int], ...]
    sign: tuple[str, str | None, float]
    """How it is written (unit factor, rate, time amount): a restatement writes the same."""
    multiplied: bool = False
    """Written right after a multiplication sign ("x 365"): never a divisor."""
    sources: frozenset[int] = frozenset()
    """For a claim that holds: where the figures it came of start (used again, they count twice)."""
    ratio: bool = False
    """Written as how many times another figure it is ("4x the average"): it may divide."""
    share: bool = False
    """The N of "1 in N", "one of N": it divides, never multiplies."""
    joined: bool = False
    """Joined by "at" to a figure before it in its clause ("45 minutes at 1 MB a minute")."""


_RATIOS: tuple[tuple[str, str], ...] = (
    *(("s", "min"), ("min", "h"), ("h", "day"), ("min", "day"), ("s", "h"), ("s", "day")),
    *(("day", "year"), ("day", "month"), ("day", "week"), ("month", "year"), ("week", "year")),
)
_TIME_WORD = re.compile(r"(?:\b|-)(?:sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?)\b", re.I)
_UNIT_WORD = re.compile(
    r"(?i)(?<=[\d\s])([kmgtpe]i?b(?:its?|ps)|[kmgtpe]i?b|(?:kilo|mega|giga|tera|peta|exa)?"
    r"(?:bytes?|bits?)|megs?|gigs?)(?![a-z])"
)
_FIGURE_START = re.compile(r"\d|(?:thousands|millions|billions|hundreds|tens)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Way:
    value: float
    b: int
    t: int
    figs: tuple[_Fig, ...]
    restates: bool
    """A single figure written the same way as the claim."""
    inverts: bool
    """A single figure turned upside down ("10 s" as "0.1 a second")."""
    signs: tuple[int, ...] = ()
    """Per figure: 1 multiplies, -1 divides."""


def _time_readings(value: float) -> list[tuple[float, int, int]]:
    """A bare number near a time ratio: a conversion by hand (1) or an amount of time."""
    for small, big in _RATIOS:
        ratio = seconds(big) / seconds(small)
        if ratio / 1.2 <= value <= ratio * 1.2:
            return [(1.0, 0, 0), (value * seconds(small), 0, 1)]
    return []


_PER_NOUN = re.compile(
    r"(?i)\bper\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr|one)\b)[a-z]+\s+per\b"
)
"""A claim per something per some time ("6 rides per rider per month"): per rider-month."""


def _machines(text: str) -> bool:
    """Whether a figure counts machines ("40 gateway servers", "8 sandboxes")."""
    words = re.findall(r"[a-z]+", text.lower())
    return any(w in _MACHINES or w[:-1] in _MACHINES or w[:-2] in _MACHINES for w in words)


_PER_ITEM = re.compile(
    r"(?i)\b(?:per|each|an?)\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr)s?\b)"
    r"[a-z]{3,}|\b(?:each|apiece)$"
)
"""A figure said per one thing ("500 KB per interview", "2 KB each")."""
_ONE_SUBJECT = re.compile(
    r"(?i)\b(?:each|every|an?|one|the average|the typical|per)\s+(?:(?:active|average|typical|"
    r"single)\s+)?(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr|bit|lot|few|couple|"
    r"total|peak)s?\b)[a-z]{3,}\s+(?:(?!(?:is|are|of|per)\b)[a-z]{3,}|(?:is|are)\s+[a-z]{2,}ing\b)"
)
"""Before a claim: the one thing it is per ("so an active rider takes roughly 6 rides a month",
"each doctor is searching once every 3 min")."""


def _per_one(text: str, figs: list[_Fig], claim: _Fig) -> bool:
    """Whether the clause of the claim says it is per one of something ("an active rider takes"):
    a rate per that thing, of a total divided by how many there are."""
    start = _said_before(figs)
    clause = text[start : claim.tok.start]
    if _PER_ONE_AFTER.match(text, claim.tok.end):
        return True  # "... so one submission every two minutes per person"
    return bool(_ONE_SUBJECT.search(clause)) and not _SENTENCE_END.search(clause)


_PER_ONE_AFTER = re.compile(
    r"(?i)\s*(?:per|for each|for every|for one)\s+(?!(?:second|sec|minute|min|hour|hr|day|week|"
    r"month|year|cent|percent)s?\b)[a-z]{3,}\b"
)
"""What a rate is per, said right after it ("one submission every two minutes per person")."""


_WEEK = re.compile(r"(?i)(?:\b|/)(?:wk|wks|weeks?|weekly)\b")
_SPOKEN_K = re.compile(r"(?i)(?:(?:\d|\b[a-z]+)\s*k\s+(?:each|apiece|a|an|per)\b|\b[a-z]+\s+k$)")
"""A thousand of something per item ("five k each", "2k a trip"): maybe kilobytes."""
_SMALL_B = re.compile(r"[\d.]b$")
"""A figure written with a small "b" ("50b"): billions, or bytes."""


_PER_SIZE = re.compile(
    r"(?i)(?:\bper\s+|/\s*)((?:[kmgtp]i?b|(?:kilo|mega|giga|tera|peta)bytes?|megs?|gigs?))\b"
)
"""A figure per a size ("$0.02 per GB", "0.023/GB"): per byte."""
_BUSY_TIME = re.compile(
    r"(?i)\b(?:cpu|vcpu|core|gpu|worker|machine|server|build|builder)[- ]"
    r"(sec|secs|seconds?|mins?|minutes?|hours?|hrs?)\b"
)
"""A figure in machine time ("2M CPU-sec/min", "20k worker-minutes a day")."""
_BUSY_UNIT = {"sec": "s", "second": "s", "min": "min", "minute": "min", "hour": "h", "hr": "h"}


_COPIES = re.compile(r"(?i)\b(?:replicas?|copies|replication|replicated)\b")
"""A count of copies ("three replicas", "3 copies"): it multiplies."""


def _figure(tok: _Tok, multiplied: bool = False) -> _Fig | None:
    q = tok.q
    if q is None or not math.isfinite(q.value) or q.value <= 0:
        return None
    value, b, t = q.value, int(q.unit == "B"), 0
    busy = _BUSY_TIME.search(q.text) if not (tok.seconds or b) else None
    if tok.seconds:
        value, t = value * tok.seconds, 1
        if tok.over:
            value, t = value / seconds(tok.over), 0
    elif busy:  # "200k cpu-sec/day": an amount of time, per a time or not
        value, t = value * seconds(_BUSY_UNIT[busy[1].lower().rstrip("s")]), 1
        if q.per:
            value, t = value / seconds(q.per), 0
    elif q.per:
        value, t = value / seconds(q.per), -1
    readings = [(value, b, t)]
    if tok.alt is not None:
        readings.append((tok.alt.value / (seconds(q.per) if q.per else 1.0), 0, t))
    if not b and _SMALL_B.search(q.text):
        readings.append((value / 1e9, 1, t))  # "x 50b": bytes, maybe
    if not b and not t and _SPOKEN_K.search(q.text):
        readings.append((value, 1, 0))  # "at like five k each": kilobytes, maybe
    if tok.bare:
        readings += _time_readings(value)
    if b == 0 and t == 0 and 0.9 <= value < 1:
        readings.append((1 - value, 0, 0))  # 99.9% up leaves 0.1% down
    if not b and (per_size := _PER_SIZE.search(q.text)):
        # "$0.02 per GB": a price of each byte, times a size it is a sum of money
        readings.insert(0, (value / in_base(size_unit(per_size[1]))[0], -1, t))
    unit = _UNIT_WORD.search(q.text)
    per = "week" if q.per == "day" and _WEEK.search(q.text) else q.per  # as written
    sign = (size_unit(unit[1]) if unit else "", per, tok.seconds)
    return _Fig(tok, tuple(readings), sign, multiplied)


def _ways(
    figs: list[_Fig], divide_counts: bool = True, dims: frozenset[tuple[int, int]] | None = None
) -> list[_Way]:
    """Every product/quotient of up to 3 (4 when few) figures whose dimensions are sound
    (and, given `dims`, are one of those (bytes, time) exponents: the rest are never used)."""
    out = []
    most = 4 if len(figs) <= 6 else 3
    for size in range(1, most + 1):
        for group in combinations(figs, size):
            if dims is not None and dims.isdisjoint(_reachable(group)):
                continue  # no signs and readings of these figures give a dimension asked for
            if any(f.readings[0] == (1.0, 0, 0) for f in group):
                continue  # "each one is 100 MB": a factor of one adds nothing (nor is alone)
            if size > 1 and _time_twice(group):
                continue  # "5 years: 200 GB x 1825": the 1825 days are the 5 years
            if size > 1 and _percent_twice(group):
                continue  # "four nines, ninety nine point nine nine": one share written twice
            if size > 1 and _twice(group):
                continue  # "500 x 10 GB = 5 TB ... / 1 h": 5 TB already holds the 500
            for signs in product((1, -1), repeat=size):
                if any(
                    (s < 0 and f.multiplied) or (s > 0 and f.share)
                    for s, f in zip(signs, group, strict=True)
                ):
                    continue  # "x 365" multiplies; the 20 of "1 in 20" divides
                for readings in product(*(f.readings for f in group)):
                    # The dimensions first: most ways have none of those asked for.
                    b = t = 0
                    for s, (_, rb, rt) in zip(signs, readings, strict=True):
                        b, t = b + s * rb, t + s * rt
                    if dims is not None and (b, t) not in dims:
                        continue
                    value, real_time, hand_time = 1.0, False, False
                    for s, f, (v, _, rt) in zip(signs, group, readings, strict=True):
                        value = value * v**s
                        hand = f.tok.bare and rt != 0
                        real_time, hand_time = (
                            real_time or (rt != 0 and not hand),
                            hand_time or hand,
                        )
                    sizes = sum(1 for r in readings if r[1])
                    if sizes > (abs(b) if b else 2):
                        continue  # "1 GB x 1 GB / 1 MB": sizes that cancel are no estimate
                    if (hand_time and not real_time) or (
                        size > 1 and b == t == 0 and 0.67 < value < 1.5
                    ):
                        continue  # "1k x 1/1000": plain counts that cancel out
                    if size > 2 and _cancels(signs, readings):
                        continue
                    if not divide_counts and any(
                        sg < 0 and r[1:] == (0, 0) and not _says_per(f)
                        for sg, r, f in zip(signs, readings, group, strict=True)
                    ):
                        # Nothing in the text divides by a plain count, unless the count says
                        # what it is per ("10 videos per feed page") or is a ratio ("4x").
                        continue
                    restates = size == 1 and signs[0] == 1 and readings[0] == group[0].readings[0]
                    inverts = size == 1 and signs[0] == -1
                    out.append(_Way(value, b, t, group, restates, inverts, signs))
    return out


def _says_per(fig: _Fig) -> bool:
    """Whether a plain count says what it is per ("10 per page") or is a ratio ("4x", "100:1")."""
    q = fig.tok.q
    return q is not None and (
        fig.ratio or fig.share or " per " in q.text.lower() or bool(_RATIO_WRITTEN.search(q.text))
    )


_UNITS = ("s", "min", "h", "day", "week", "month")


def _time_twice(group: tuple[_Fig, ...]) -> bool:
    """Whether an amount of time is in the group both as itself and as a bare count of a
    smaller unit ("5 years" and "1825")."""
    amounts = [f.tok.seconds * f.tok.q.value for f in group if f.tok.seconds and f.tok.q]
    return any(
        f.tok.bare
        and f.tok.q
        and any(
            math.isclose(f.tok.q.value * seconds(u), a, rel_tol=0.02)
            for a in amounts
            for u in _UNITS
        )
        for f in group
    )


def _percent_twice(group: tuple[_Fig, ...]) -> bool:
    """Whether a share near 100% is in the group both as a fraction and as a percentage."""
    shares = [f.readings[0][0] for f in group if 0.9 <= f.readings[0][0] < 1]
    return any(math.isclose(f.readings[0][0], 100 * s, rel_tol=1e-3) for f in group for s in shares)


def _twice(group: tuple[_Fig, ...]) -> bool:
    """Whether a figure of the group came of another one in it."""
    for f in group:
        # (a figure per one thing times how many there are is no double count, even with the
        # count it came of: "100M changes across 10M actives ... 20 downloads per user per day,
        # so 200M a day")
        again = [g for g in group if g.tok.start in f.sources]
        if again and not (_per_one_said(f) and all(g.readings[0][1:] == (0, 0) for g in again)):
            return True
    repeated = [f.tok.repeats for f in group if f.tok.repeats >= 0]
    written = [f.tok.q.text for f in group if f.tok.notable and f.tok.q]
    # "| 5B | ... 5B / 86,400 ... 5B x 100 B": one figure written again, not a square
    return len(repeated) != len(set(repeated)) or len(written) != len(set(written))


def _per_one_said(fig: _Fig) -> bool:
    """Whether a figure says it is per one thing ("20 downloads per user per day")."""
    q = fig.tok.q
    return q is not None and bool(_PER_NOUN.search(q.text))


def _reachable(group: tuple[_Fig, ...]) -> set[tuple[int, int]]:
    """Every (bytes, time) exponent some signs and readings of `group` multiply out to."""
    found = {(0, 0)}
    for f in group:
        found = {
            (b + s * rb, t + s * rt) for b, t in found for s in (1, -1) for _, rb, rt in f.readings
        }
    return found


def _cancels(signs: tuple[int, ...], readings: tuple[tuple[float, int, int], ...]) -> bool:
    """A figure divided by another of the same kind and size ("x 1,000 ... / thousands")."""
    return any(
        signs[i] != signs[j]
        and readings[i][1:] == readings[j][1:]
        and 0.5 <= readings[i][0] / readings[j][0] <= 2
        for i in range(len(signs))
        for j in range(i + 1, len(signs))
    )


_SUBJECT_OF = re.compile(
    r"\s+(?:can|could|will|would|should|must|might|may)\s+(?!be\b|come\b|add\b|mean\b|give\b)\w+",
    re.I,
)


_SUBJECT_BE = re.compile(
    r"\s+(?:would|will|could|should|might|may)\s+be\b[^.;\n\d]{0,40}(?:\d|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\b)",
    re.I,
)
"""After a figure: "so 50M users would be on the order of 100B files" (the figure is a subject)."""


def _table_cells(text: str, toks: list[_Tok]) -> dict[int, Cell]:
    """Index of each figure in a table -> its cell."""
    tables = Tables(text)
    return {
        i: cell
        for i, t in enumerate(toks)
        if t.kind == "Q" and (cell := tables.cell(t.start)) is not None
    }


def _rate_above(cells: dict[int, Cell], toks: list[_Tok], i: int) -> str | None:
    """The time the nearest figure above figure i in its table is per, if any."""
    cell = cells[i]
    for j in sorted((j for j in cells if j < i), reverse=True):
        q = toks[j].q
        if cells[j].table == cell.table and cells[j].row < cell.row and q is not None:
            return q.per or cells[j].per
    return None


_PER_ONE_LABEL = re.compile(
    r"(?i)\b(?:per|each|a|one)\s+(?!(?:second|sec|s|minute|min|hour|hr|day|week|month|year|yr)\b)[a-z]+"
)
"""A row label naming what one thing takes ("long-poll conns per box"): a given."""


def _table_claims(cells: dict[int, Cell]) -> set[int]:
    """The figures a table presents as results: the last figure of a row with figures in earlier
    cells ("| 10k | 14.4M |"), and in a table of labels and values, every value after the first
    ("| releases/day | 3k |" then "| releases/min | ~2 |"). In a table of givens ("| assumption
    | value |") they may hold, never be wrong (`find_claims`)."""
    rows: dict[tuple[int, int], list[int]] = {}
    for i, cell in cells.items():
        rows.setdefault((cell.table, cell.row), []).append(i)
    # a table that shows how some values are worked out ("| devices online (DAU × 3) | 30M |")
    # gives the others ("| long-poll conns per box | 100k |")
    working = {c.table for c in cells.values() if c.worked}
    out = set()
    for (table, row), figures in rows.items():
        last = cells[figures[-1]]
        if (
            last.pairs
            and table in working
            and not last.worked
            and _PER_ONE_LABEL.search(last.label)
        ):
            continue
        if any(cells[i].col < last.col for i in figures) or (last.pairs and row > 0):
            out.add(figures[-1])
    return out


_COMPARED = re.compile(r"(?:(?<![=<>-])[<>]=?|[≤≥])\s*(?:~|about|around|roughly)?\s*$", re.I)
"""Right before a figure: a comparison sign ("<= 10 s", "> 99.9%", "≤ 200 ms"), not an arrow
("->", "=>"): the figure is a bound, no result."""
_RATE_WORDS = ("every", "each", "per", "at", "with", "once every", "times")


def _operand_of_next(text: str, toks: list[_Tok], i: int) -> bool:
    """The figure at `i` is the first operand of the calculation that follows it: a rate word,
    a figure, then "is" / "=" ("1M drivers pinging every 4 s is 250k writes a second")."""
    if i + 3 >= len(toks):
        return False
    word, figure, eq = toks[i + 1], toks[i + 2], toks[i + 3]
    return (
        (
            word.kind == "AT"
            or (word.kind == "BREAK" and text[word.start : word.end].strip().lower() in _RATE_WORDS)
        )
        and figure.kind == "Q"
        and eq.kind == "EQ"
        and not text.startswith(",", eq.start)  # "40/day at 1k/day, so ~15k a year": a pause
    )


def _span_of_next(text: str, toks: list[_Tok], i: int) -> bool:
    """Whether figure i is a bare span of time written right before another figure, only a
    hedge sign between ("7yr ~11 TB", "10 years: ~2 PB"): the time the next figure is a total
    over, a factor of it, never a result itself."""
    tok = toks[i]
    if not tok.seconds or tok.over or (tok.q is not None and tok.q.per) or i + 1 >= len(toks):
        return False
    j = i + 1
    if toks[j].kind == "EQ" and re.fullmatch(r"[\s~≈:]+", text[toks[j].start : toks[j].end]):
        j += 1
    nxt = toks[j] if j < len(toks) else None
    return (
        nxt is not None
        and nxt.kind == "Q"
        and not nxt.seconds
        and re.fullmatch(r"[\s~≈:]*", text[tok.end : nxt.start]) is not None
    )


def _size_of_a_share(text: str, share: _Tok, tok: _Tok) -> bool:
    """Whether a size comes right after the N of "one in N ..." (a plain count), only words
    and a comma between ("one of ten has images, about 1 MB"): the size of one of those
    things, said of them, not a result of the share."""
    q, n = tok.q, share.q
    if q is None or n is None or q.unit != "B" or q.per or n.unit or n.per:
        return False
    if not ONE_IN.search(text, max(0, share.start - 30), share.start):
        return False
    return not _SENTENCE_END.search(text, share.end, tok.start)


def _is_claim(text: str, toks: list[_Tok], i: int, table: bool = False) -> bool:
    tok = toks[i]
    q = tok.q
    assert q is not None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt and (nxt.kind in ("OP", "DIV") or text[nxt.start : nxt.end] == "="):
        return False  # the first operand of what follows
    if (
        _TIMES_MORE.search(q.text)
        and nxt is not None
        and nxt.kind in ("EQ", "SEP")
        and i + 2 < len(toks)
        and toks[i + 2].kind == "Q"
    ):
        return False  # "on sale days it is 5 times more, so 1.7k a second": a factor applied
    if _operand_of_next(text, toks, i):
        return False  # "..., and 1M drivers pinging every 4 s is 250k a second"
    if _span_of_next(text, toks, i):
        return False  # "-> ~1.6 TB/yr -> 7yr ~11 TB": seven years of it, not a result
    if i > 0 and toks[i - 1].kind in ("OP", "DIV", "SUM"):
        return False  # "| images | 5 x 500 KB |", "3 KB source + 1 KB metadata": an operand
    if (
        re.match(r"(?i)(?:an?|one)\b", q.text)
        and q.value in (1.0, 1 / 8)
        and not (q.per or tok.over)
    ):
        # "each is an hour", "a gig": a unit, not a result ("one a minute", "a whole day of
        # downtime every month" are)
        return False
    if re.match(r"(?i)(?:an?|one|1)\b", q.text) and q.value == 1.0 and _PER_PER.search(q.text):
        return False  # "one row per link per day": how the data is kept, not a result
    spelled = (
        (m := re.match(r"[a-z]+", q.text.lower())) is not None and m[0] in _SMALL_WORDS
    ) or bool(_A_HUNDRED.match(q.text))
    if not (_FIGURE_START.match(q.text) or tok.notable or spelled) or "^" in q.text:
        return False  # "a third", "twice": a factor, not a result
    if (
        not tok.seconds
        and not q.per
        and _TIME_WORD.search(_AT_LEAST.sub(" ", q.text))
        and not _BUSY_TIME.search(q.text)
    ):
        return False  # "400m ride-min/day": a unit we do not model ("12 partitions min" is one)
    if ("power" in q.text or " to the " in q.text) and not (tok.seconds or q.unit):
        return False  # "62 to the 7th": an operand ("a day is ten to the seven seconds" is one)
    if _SUBJECT_OF.match(text, tok.end) or _SUBJECT_BE.match(text, tok.end):
        return False  # "so 1M drivers can serve ...": the subject of what follows, a given
    if tok.seconds and _WINDOW_SPAN.search(text, max(0, tok.start - 20), tok.start):
        return False  # "then keeping the last thirty days": a window chosen, not a result
    if table:
        return True
    prefix = text[max(0, tok.start - _BACK) : tok.start]
    if _RATIO_WRITTEN.search(q.text):
        # "so a 100:1 ratio", "reads r about 100x"
        prefix = _RATIO_ARTICLE.sub(lambda m: "are " if m[0][0] in "rR" else "", prefix)
    m = _CLAIM.search(prefix)
    if not m or _COMPARED.search(prefix):
        return False  # "verdict <= 10s": a bound set, not a result
    if m.group("agent") and not re.match(r"(?i)(?:1|one|once)\b", q.text):
        return False  # "each server finishes about ten uploads a second": a given of one
    after = toks[i + 2] if i + 2 < len(toks) else None
    if (
        re.fullmatch(r"(?i)\s*so\b(?:[\s,]*" + _HEDGES + r")*[\s,]*", m.group())
        and nxt
        and nxt.kind == "EQ"
        and text[nxt.start : nxt.end].strip()[:1].isalpha()
        and after
        and after.kind == "Q"
    ):
        return False  # "so 50M users is 500B files": the subject of what follows, a given
    if m.group().lstrip().startswith(","):  # ", ~X": a result, or the next item of a list
        if _EACH.search(q.text):
            return False  # "images: 1 in 10 entries, ~1 MB each": a figure per item, a given
        before = next((t for t in reversed(toks[:i]) if t.kind == "Q"), None)
        if before is not None and _LIST_ITEM.search(text, max(0, before.start - 40), before.start):
            return False  # "50M users, three devices each, about 100M uploads": a list
        if (
            before is not None
            and q.per
            and before.q is not None
            and before.q.per == q.per
            and not (q.unit or before.q.unit)
            and _LIST_ITEM.fullmatch(text, before.end, tok.start)
            and "" != _noun(before.q.text) != _noun(q.text) != ""
            and _is_claim(text, toks, toks.index(before))
        ):
            return False  # "so ~5k reads/s, ~50 writes/s": a second result beside the first
        if before is not None and _size_of_a_share(text, before, tok):
            return False  # "one in ten has images, about 1 MB": what one image weighs, a given
    said = m.group().lstrip()
    # "name = 5 GB" assigns; "5 GB * 500 = 2.5 TB" derives; "=> 5 GB" is an arrow, it derives;
    # "- source at ~4 KB each: ~5 TB": a label with figures in it, a result
    if said.startswith(":") and _IN_RECORD.search(text, max(0, tok.start - 200), tok.start):
        return False  # "{id: 8 B, desc: ≤150 chars, blob_url: ~100 B}": a record's fields
    if (said.startswith("=") and not said.startswith("=>")) or said.startswith(":"):
        line = text.rfind("\n", 0, tok.start) + 1
        return any(
            t.kind == "Q" and line <= t.start and t.end <= tok.start - len(m.group())
            for t in toks[:i]
        )
    return True


_RESTATED_AFTER = re.compile(
    r"[\s,;]*(?:(?:about|~|≈|roughly|around|approx\.?|so|or|i\.e\.|which is|that['’]?s|thats|"
    r"or about|call it|like)[\s,]*)*",
    re.IGNORECASE,
)


def _per_another_time(text: str, toks: list[_Tok], i: int) -> bool:
    """Whether the figure at i says the size or count right before it again per another time,
    with a hedge between ("1 GB a minute, 1.4 TB a day, about 500 TB a year"):
    a chain of conversions, each link a result. Counts must count the same thing ("1k orders a
    minute, 50k page views a second" are two figures)."""
    tok, j = toks[i], i - 1
    while j >= 0 and toks[j].kind in ("SEP", "EQ"):
        j -= 1
    before = toks[j] if j >= 0 else None
    q, b = tok.q, before.q if before is not None else None
    if q is None or b is None or before is None or before.kind != "Q":
        return False
    if not (q.per and b.per and q.per != b.per and q.unit == b.unit) or tok.seconds:
        return False
    if not q.unit and (_noun(q.text) or "") != (_noun(b.text) or ""):
        return False
    between = text[before.end : tok.start]
    # (a bare comma may join two givens: a hedge or a marker says the second comes of the first)
    return bool(_RESTATED_AFTER.fullmatch(between)) and bool(re.search(r"[a-z~≈]", between, re.I))


_AT_LEAST = re.compile(r"(?i)(?<=[a-z]s)\s+min\b(?!\s*/|-)")
"""A "min" after a plural noun: at least ("~12 partitions min"), no minutes."""
_IN_RECORD = re.compile(r"\{[^{}]*$")
_WINDOW_SPAN = re.compile(
    r"(?i)(?:\b(?:the|our|a|its|their|those|these)\s+(?:last|past|next|first|coming|recent)|"
    r"\b(?:keep|keeping|store|storing|retain|retaining|over|for|in)\s+(?:last|past|next))\s+$"
)
"""Before a time, the window it bounds ("the last thirty days", "keep last 5 years"); not the
verb ("would last 4.3M minutes")."""
"""Inside a record written out ("{id: 8 B, author_id: 8 B, ...": a brace not closed yet)."""

_SQUEEZED = re.compile(
    r"(?i)\b(?:\d+|an?|one|two|three|four|five|six|eight|ten|twelve|twenty)[- ]"
    r"(?:hour|hr|minute|min|day|second|sec)s?\s+(?:window|burst|spike|rush|slot)\b|"
    r"\b(?:in|into|within|during|over)\s+(?:just\s+|only\s+)?(?:the\s+first\s+)?"
    r"(?:\d{1,2}|two|three|four|five|six|eight|ten|twelve|twenty)\s+"
    r"(?:hour|hr|minute|min|second|sec)s?\b"
)
"""A span the load is squeezed into ("in a 6-hour window", "within ten minutes"): a rate said
after it is over the span, which the check does not model. ("in one hour", "over 3600 seconds"
convert or divide: no span.)"""


_EACH_SAID = re.compile(
    r"(?i)\b(?:each|apiece|a piece|per (?:item|one|piece|file|image|photo|video))$"
)


_ALPHABET = re.compile(
    r"(?i)\bbase[- ]?(?P<a>\d{2})\b|\b(?P<b>\d{2})\s+(?:possible\s+)?(?:characters|chars|symbols|letters)\b"
)
_LENGTH = re.compile(
    r"(?i)\b(?P<n>\d{1,2}|six|seven|eight|nine|ten)[- ](?:characters?|chars?|letters?|symbols?|"
    r"digits?)\b|\blength of (?P<m>\d{1,2}|six|seven|eight)\b"
)
_LENGTH_WORDS = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _code_space(text: str, tok: _Tok) -> bool:
    """Whether a count said after an alphabet and a length ("base62 and 7 characters", "62
    chars, length 7") is that alphabet to the power of the length, within 10x: the number of
    codes, a result the check does not otherwise model."""
    q = tok.q
    if q is None or q.unit or q.per:
        return False
    before = text[max(0, tok.start - 160) : tok.start]
    alphabets = [int(m["a"] or m["b"]) for m in _ALPHABET.finditer(before)]
    lengths = [
        int(n) if n.isdigit() else _LENGTH_WORDS[n.lower()]
        for m in _LENGTH.finditer(before)
        if (n := m["n"] or m["m"])
    ]
    return any(
        max(a**n / q.value, q.value / a**n) <= TOLERANCE
        for a in alphabets
        for n in lengths
        if a != n
    )


_PER_PER = re.compile(r"(?i)\bper\s+[a-z]+\s+per\b")
"""One thing per another per a time ("one row per link per day"): a granularity."""


_NEXT_LINK = re.compile(
    r"(?:[\s,;…]|\.\.\.)*(?:(?:and|or|then|so)\b[\s,]*){0,2}"
    r"(?:(?:over|in|per|for|after|within|a|an|each|every)\s+"
    r"(?:(?P<n>\d[\d.,]*|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\s+"
    r"|an?\s+|one\s+)?"
    r"(?P<t>second|sec|minute|min|hour|day|week|month|year|yr)s?\b[\s,]*"
    r"(?:(?:that['’]?s|thats|it['’]?s|it is|is|(?:the\s+[a-z]+\s+)?(?:is|are)|we['’]?d have)\b"
    r"[\s,]*)?)?"
    r"(?:" + _HEDGES + r"[\s,]*)*",
    re.I,
)
"""What may stand between two links of a list of derived figures ("is 200 MB a minute, 12 GB an
hour, and roughly 288 GB a day", "40 GB a day and over a year like 14 TB")."""


_LIST_ITEM = re.compile(r"[,:][\s,]*(?:" + _HEDGES + r"[\s,]*)*$", re.I)
"""Before a figure that is an item of a list ("..., three devices each")."""
_EACH = re.compile(r"(?i)\b(?:each|apiece)$")
_ARTICLE = re.compile(r"[\s,]*(?:an?|one)\s+", re.I)
_HEDGED = re.compile(r"[\s,]*(?:" + _HEDGES + r"[\s,]*)+")


def _continues(text: str, last: _Tok | None, tok: _Tok, toks: list[_Tok], i: int) -> bool:
    """Whether tok is the next link of a list of derived figures after `last`: only a joiner, a
    time and hedges between them, and the same kind of figure (sizes after a size)."""
    before = next((t for t in reversed(toks[:i]) if t.kind == "Q"), None)
    if (
        before is not None
        and before is not last
        and _EACH.search(before.q.text if before.q else "")
    ):
        # "= 1.44M writes, and at 1 MB each roughly 1.44 PB": a factor given on the way
        if (
            last is None
            or last.end > before.start
            or not (
                _HEDGED.fullmatch(text, before.end, tok.start)
                or _ARTICLE.fullmatch(text, before.end, tok.start)  # "at 1KB each a 15GB file"
            )
        ):
            return False
        last = before
    if last is None or last.q is None or tok.q is None:
        return False
    if tok.seconds or last.seconds or not tok.notable:
        return False
    m = _NEXT_LINK.match(text, last.end, tok.start)
    article = last is before and bool(_ARTICLE.fullmatch(text, last.end, tok.start))
    if not article and (
        m is None or m.end() != tok.start or not text[last.end : tok.start].strip()
    ):
        return False
    if tok.q.unit != last.q.unit and not re.search(r"(?i)\band\b|,", text[last.end : tok.start]):
        return False  # "250k req/s; 8 B lat": a figure of another kind starts something new
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt and nxt.kind == "EQ" and not text.startswith(",", nxt.start):
        return False  # "..., and 100M redirects a day is about ...": the start of another
    if _operand_of_next(text, toks, i):
        return False  # "..., and 1M drivers pinging every 4 s is 250k a second": another
    if re.search(r"(?i)\band\b", text[last.end : tok.start]) and _names_another(tok, last, toks):
        return False  # "100M redirects a day = ~1.2k/sec, and 1M new links a day": a given
    return not (nxt and nxt.kind in ("OP", "DIV", "SUM"))


def _names_another(tok: _Tok, last: _Tok, toks: list[_Tok]) -> bool:
    """Whether tok, joined on with "and", is a count that names what it counts, and the chain it
    would go on counts another thing (the thing named by `last` or, when `last` names none, by the count it came
    of). A size names what it is of ("7.2 TB of code" after "1.44M submissions"): no other."""
    noun = _noun(tok.q.text) if tok.q and not tok.q.unit else ""
    if not noun:
        return False
    for t in reversed([t for t in toks if t.kind == "Q" and t.end <= last.end]):
        if t.q is None or t.q.unit:
            continue
        chain = _noun(t.q.text)
        if chain:
            return chain != noun
    return False


_LEAD_RATE = re.compile(
    r"(?:^|[.;:!?\n,]\s*|\b(?:and|so|or|then)\s+)(?:(?:[A-Za-z]+\s+){1,2}(?=per\b))?"
    r"(?:(?:per|a|an|each|every|over\s+an?|in\s+an?|in\s+the|on\s+an?)\s+(?:"
    + TIME_ADJECTIVE
    + r"\s+)?(?P<t>second|sec|minute|min|hour|day|"
    r"week|month|year)|(?P<a>hourly|daily|weekly|monthly|yearly|annually))\b[\s,]*(?:that['’]?s|that is|it['’]?s|"
    r"is|it is|(?:it )?(?:will|would) be|comes to|gives|=|→|->|we(?:['’]d| would| will)? (?:need|get|store|add|have|see|handle|receive)|"
    r"we(?:['’]re| are) (?:pushing|sending|writing|moving|serving|storing|handling|getting|adding|looking at))?"
    r"[\s,]*(?:(?:about|roughly|around|~|≈|approx\.?|approximately|call it|nearly|almost|like)[\s,]*)*$",
    re.I,
)
_PERCENT = re.compile(r"(?i)%|\bper\s?cent\b")
_PER_WORD = re.compile(r"(?i)\b(?:per|each|every|hourly|daily|weekly|monthly|yearly|annually)\b")
_ADVERB_TIME = {"hourly": "h", "daily": "day", "weekly": "week", "monthly": "month"}
_ADVERB_TIME |= {"yearly": "year", "annually": "year"}
_WORD_TIME = {"second": "s", "sec": "s", "minute": "min", "min": "min", "hour": "h", "day": "day"}
_WORD_TIME |= {"week": "week", "month": "month", "year": "year", "yr": "year"}


_FOR_A_TIME = re.compile(r"\s+(?:for|over|in|across|after)\s+(?:the\s+(?:next|first)\s+)?$", re.I)


def _trailing_time(text: str, toks: list[_Tok], i: int) -> int | None:
    """Index of the amount of time right after figure i that it is a total over ("2 TB for ten
    years"), if any."""
    j = i + 1
    while j < len(toks) and j - i <= 4 and toks[j].kind == "BREAK":
        j += 1  # "for", "the", "next"
    if j >= len(toks) or toks[j].kind != "Q" or not toks[j].seconds or toks[j].over:
        return None
    return j if _FOR_A_TIME.match(text[toks[i].end : toks[j].start]) else None


_OF_AFTER = re.compile(
    r"\s*(?:(?:out\s+of|of|from|at|with|w/|for|across|over)\s+(?:the\s+)?"
    # "2 TB for the reviews of all 100M products"
    r"|(?:for|of|across|over)\s+(?:the\s+)?(?:[a-z]+\s+){1,2}(?:of|for|across)\s+all\s+"
    r"(?:(?:the|those)\s+)?"
    # "around 400 KB if each hash is 32 bytes"
    r"|if\s+(?:each|every|one|a|an)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:is|are|takes|weighs)\s+)"
    r"(?:(?:about|roughly|around|~)\s*)?$",
    re.I,
)


def _trailing_operand(text: str, toks: list[_Tok], i: int) -> int | None:
    """Index of the figure right after claim i that it is a share of, or a total over ("that's
    100 a day out of 1,000", "20 rollbacks a day at 2,000 releases", "so 100 GB for 100M
    products", "2 TB for the reviews of all 100M products"), or that it is made of ("around 400
    KB if each hash is 32 bytes"), if any: an operand of the claim said after it."""
    j = i + 1
    while j < len(toks) and j - i <= 6 and toks[j].kind in ("BREAK", "AT", "EQ"):
        j += 1  # "out", "of", "at"
    if j >= len(toks) or toks[j].kind != "Q" or toks[j].seconds:
        return None
    return j if _OF_AFTER.fullmatch(text, toks[i].end, toks[j].start) else None


_ASSUMPTION_LIST = re.compile(r"(?i)\b(?:assum\w*|givens?|inputs?)\b[^.:\n]{0,40}:")
_DERIVES = re.compile(
    r"(?i)\b(?:so|that['’]?s|thats|which|means|meaning|gives?|makes?|totals?|comes? to)\b|=|→|->"
)


def _listed_assumption(text: str, before: _Fig, tok: _Tok) -> bool:
    """Whether the figure is an item of a list of assumptions opened by a heading in its
    sentence ("what I'm assuming: 100k entries at 50 KB, roughly 1k edits a day, and 10k
    searches a minute"), with nothing that derives it between it and the figure before."""
    start = max(text.rfind(". ", 0, tok.start), text.rfind("\n", 0, tok.start), 0)
    return bool(_ASSUMPTION_LIST.search(text, start, before.tok.start)) and not _DERIVES.search(
        text, before.tok.end, tok.start
    )


_ASSUMED = re.compile(r"(?i)\b(?:assum\w*|suppose)\b")
"""Said between the figures before a claim and it: the claim is an assumption, a given."""
_IF_EACH = re.compile(
    r"\bif\s+(?:each|every|a|an|one)\s+[a-z]+\s+(?!(?:is|are)\b)[a-z]+[\s,]*(?:"
    + _HEDGES
    + r"[\s,]*)*$",
    re.I,
)
"""Right before a claim: what one thing does, a given ("and if every account makes 1 a day")."""
_IF_GIVEN = re.compile(
    r"\b(?:even\s+)?if\s+(?:(?:each|every|a|an|one|the|those|these|some|all|our|its)\s+)?"
    r"(?:[a-z]+\s+){1,3}?(?:really\s+|actually\s+|only\s+)?(?:is|are|were|was)\s*(?:"
    + _HEDGES
    + r"[\s,]*)*$",
    re.I,
)
"""Right before a claim: a size or count supposed ("even if the heavy ones are 100 MB", "that's
if every write really is 1 MB"), a given of the condition, no result."""
_BOUND = re.compile(
    r"\s*(?:is|are|=|['’]s)\s+(?:well\s+|way\s+|far\s+)?"
    r"(?:under|below|less than|at most|over|above|more than|at least)\s*$",
    re.I,
)


def _bounds(text: str, fig: _Fig, claim: _Fig) -> bool:
    """Whether the claim bounds the figure right before it, of another kind ("280 characters is
    well under 1 KB"): a comparison, not a result of the figures before."""
    if fig.readings[0][1:] == claim.readings[0][1:] or fig.tok.end > claim.tok.start:
        return False
    return bool(_BOUND.fullmatch(text, fig.tok.end, claim.tok.start))


def _over_a_time(cells: dict[int, Cell], toks: list[_Tok], i: int) -> bool:
    """Whether the row of figure i is labelled with an amount of time ("| 10 years | ...")."""
    cell = cells[i]
    return any(
        c.table == cell.table and c.row == cell.row and c.col < cell.col and toks[j].seconds
        for j, c in cells.items()
    )


def lead_rate(text: str, since: int, tok: _Tok) -> str | None:
    """The time a figure is per when a rate leads its sentence or clause instead of following
    it ("Hourly that's 1.2 GB", "Per second, roughly 1,700"); None otherwise."""
    q = tok.q
    if q is None or q.per or tok.over or _PERCENT.search(q.text):
        return None  # a share is of something, never per a time ("per year, 70% of 365 days")
    m = _LEAD_RATE.search(text, since, tok.start)
    if m is None or (tok.seconds and not _PER_WORD.search(m.group())):
        return None  # "a day is like 86,400 seconds" defines a time; "per day, 2 hours" is spent
    return _ADVERB_TIME[m["a"].lower()] if m["a"] else _WORD_TIME[m["t"].lower()]


def find_claims(text: str, toks: list[_Tok], skip: dict[int, int]) -> list[Calculation]:
    """Claims among toks, each checked against earlier ones; not those starting at a key of skip
    (results of products that hold, mapped to where their product starts)."""
    from app.core.grading.arithmetic import Calculation, Quantity, format_quantity

    figs: list[_Fig] = []
    out: list[Calculation] = []
    last: _Tok | None = None  # the last derived figure (a claim, or a product's result)
    divide = bool(_DIVISION.search(text))
    since = 0  # where the figure before this one ends
    cells = _table_cells(text, toks) if "|" in text else {}
    claim_cells = _table_claims(cells)
    for i, tok in enumerate(toks):
        said_per = tok.q.per if tok.q else None
        restated = False  # the figure before said again per another time, hedged
        operand = i + 1 < len(toks) and toks[i + 1].kind in ("OP", "DIV")
        led = False  # its rate said first ("Per year it's, um, 17 TB")
        if tok.kind == "Q" and tok.q and not operand and (per := lead_rate(text, since, tok)):
            led = True
            # "Per second, roughly 1,700" ("per day that's 100 MB times 100k seconds": the
            # rate is the product's, not its first operand's)
            # An amount of time led by its rate ("per month that's about four minutes" of
            # downtime) is spent over that time.
            tok = replace(tok, over=per) if tok.seconds else replace(tok, q=replace(tok.q, per=per))
        cell = cells.get(i)  # "| | per day |": the column says what a figure is per
        if (
            cell
            and cell.per
            and tok.q
            and not tok.q.per
            and not tok.seconds
            and not _RATIO_WRITTEN.search(tok.q.text)  # "~3.5k (3x)": a factor per nothing
            and not _over_a_time(cells, toks, i)  # "| 10 years | ~1.8 TB |": a total
        ):
            tok = replace(tok, q=replace(tok.q, per=cell.per), bare=False, notable=True)
        cont = tok.kind == "Q" and bool(figs) and _continues(text, last, tok, toks, i)
        trailing = _trailing_time(text, toks, i)
        if (
            cont
            and last
            and last.q
            and tok.q
            and not tok.q.per
            and not tok.seconds
            and not _RATIO_WRITTEN.search(tok.q.text)  # "so ~100x": a ratio is per nothing
            and not _machines(tok.q.text)  # "≈ 330 cores": machines at once, per nothing
            and trailing is None  # "and around 2 TB for ten years": a total
        ):
            # "over a year like 14 TB"; "per day it is 1.4M and 7 TB": the time said before
            link = _NEXT_LINK.match(text, last.end, tok.start)
            per = _WORD_TIME[link["t"].lower()] if link and link["t"] else last.q.per
            if per and not (link and link["n"]):  # "over ten years like 25 TB": a total
                tok = replace(tok, q=replace(tok.q, per=per))
        if tok.kind == "Q":
            # "Over a day that's roughly 144 TB": the time may lead the next figure's clause
            one_time = tok.seconds and tok.q is not None and tok.q.value == 1 and not tok.over
            since = max(0, tok.start - 12) if one_time else tok.end
        multiplied = i > 0 and toks[i - 1].kind == "OP"  # "at 1 GB/s" may divide
        # "with three replicas": copies multiply what they copy, never divide it
        multiplied = multiplied or bool(tok.q and not tok.q.unit and _COPIES.search(tok.q.text))
        if tok.kind == "Q" and tok.q and figs and _picks(text, figs[-1], tok):
            # "thousands of interviews per day, I take 2000": the 2000 stands for the thousands
            vague = figs[-1].tok
            per = tok.q.per or (vague.q.per if vague.q else None)
            picked = replace(tok.q, per=per)
            if vague.q and vague.q.unit and not picked.unit and tok.bare:
                # "between 1 and 10 GB, so I'll take 5": 5 of the range's unit
                number = _LEADING_NUMBER.match(vague.q.text)
                if number and (n := float(number[0].replace(",", ""))) > 0:
                    scaled = picked.value * vague.q.value / n
                    picked = replace(picked, value=scaled, unit=vague.q.unit)
                    tok = replace(tok, bare=False)
            tok = replace(tok, q=picked, repeats=vague.start, notable=True)
        if (
            tok.kind == "Q"
            and tok.q
            and not tok.q.per
            and figs
            and figs[-1].tok.q
            and figs[-1].tok.q.per
            and figs[-1].tok.repeats >= 0
            and _RANGE_TO.fullmatch(text, figs[-1].tok.end, tok.start)
        ):
            # "thousands a day, so 1k to 9k": the range's other end is per the same time
            tok = replace(tok, q=replace(tok.q, per=figs[-1].tok.q.per), notable=True)
        if tok.kind != "Q" or (fig := _figure(tok, multiplied)) is None:
            continue
        if _joined(toks, i):
            fig = replace(fig, joined=True)
        if (late := _rate_after_verb(text, tok)) is not None:
            # "10M links get clicked daily": maybe 10M a day, a reading that only helps
            value, b, _ = fig.readings[0]
            fig = replace(fig, readings=(*fig.readings, (value / late, b, -1)))
        if _line_speed(text, tok):
            fig = replace(fig, readings=((fig.readings[0][0], 1, -1), *fig.readings))
        if _TIMES_THE.match(text, tok.end):
            fig = replace(fig, ratio=True)  # "peak is 4x the average"
        if ONE_IN.search(text, max(0, tok.start - 30), tok.start):
            fig = replace(fig, share=True)  # "1 msg in 20"
        if tok.repeats >= 0:  # "2,000 a day ... 2,000 over 60": the same figure, never twice
            # nor with the figures it came of ("= 20M tx/day. 20M / 3600": not the 2 a day again)
            came_of = [f.sources for f in figs if f.tok.start == tok.repeats]
            fig = replace(fig, sources=frozenset({tok.repeats}).union(*came_of))
        elif (again := _written_again(fig, figs)) is not None:
            # "= 30KB. 20M trips/day x 30KB": the result written again, with what it came of
            fig = replace(fig, sources=frozenset({again.tok.start}).union(again.sources))
        if tok.start in skip:  # "100k/min = 100k": the result is the figures it came of
            if not (tok.q and BIT_WIDTH.search(tok.q.text)):
                last = tok  # (not "a 64-bit counter": a key space, no link of a chain)
            used = [f for f in figs if f.tok.start >= skip[tok.start]]
            fig = replace(
                fig,
                sources=frozenset(f.tok.start for f in used).union(*(f.sources for f in used)),
            )
            # "x 1,440 = 2.9M uploads": a plain factor of a product is spent in its result
            figs = [f for f in figs if not (f.tok.bare and f.tok.start >= skip[tok.start])]
        elif figs and (
            _is_claim(text, toks, i, i in claim_cells)
            or cont
            # "1 GB a minute, 1.4 TB a day, about 500 GB a year": the same restated per another
            # time, checked only to be called wrong (said right, it may be a given said twice)
            or (restated := _per_another_time(text, toks, i))
        ):
            if (
                _bounds(text, figs[-1], fig)
                or _ASSUMED.search(text, _said_before(figs), tok.start)
                or _IF_EACH.search(text, figs[-1].tok.end, tok.start)
                or _IF_GIVEN.search(text, figs[-1].tok.end, tok.start)
                or _listed_assumption(text, figs[-1], tok)
            ):
                # "280 characters is well under 1 KB"; "I'd also assume trips are around 20 min"
                figs.append(fig)  # a bound or an assumption, no result
                continue
            if trailing is None:
                trailing = _trailing_operand(text, toks, i)
            extra = _figure(toks[trailing]) if trailing is not None else None
            # "and over a year ~50 PB": the year is what the claim is per, not a figure of it
            spent = said_per is None and tok.q is not None and _spent_time(figs, tok.q.per)
            window = figs[-_WINDOW:-1] if spent else figs[-_WINDOW:]
            window += [extra] if extra else []
            follows: _Fig | None = None
            linked = next((f for f in reversed(figs) if not f.tok.seconds), None)
            chained = last is not None and linked is not None and linked.tok.start == last.start
            if chained and last and (cont or led or _tight(text, last.end, tok.start)):
                follows = linked  # the next link of a chain ("..., so in 10 yrs ~9 TB")
            elif _over_the_time(text, figs[-1], tok):
                follows = figs[-1]  # "so a minute of downtime costs us $500": over that minute
            elif last and _goes_on(text, last, figs, tok):
                # "that's 500 KB an interview, so with 1k interviews a day, 500 GB a day": of the
                # result before and the figures said since
                follows = next((f for f in reversed(figs) if f.tok.start == last.start), None)
            quotient = _written_quotient(toks, i, figs)
            if quotient is not None:
                window = [f for f in window if f not in quotient] + list(quotient)
            found = _check(fig, window, divide, text, follows, quotient)
            if found and found[0] > TOLERANCE and follows is not None:
                # "seventeen a second, and if it spikes ten x a hundred seventy a second, and
                # over a whole day one point four million": the chain goes on from a link before
                # the last (the average, not the peak it was multiplied into)
                for source in (f for f in figs if f.tok.start in follows.sources and f.sources):
                    if not _PEAK.search(text, source.tok.end, follows.tok.start):
                        continue  # only the average a peak was worked out of
                    back = _check(fig, window, divide, text, source, quotient)
                    if back and back[0] <= TOLERANCE:
                        found = back
                        break
            if (
                found
                and found[0] > TOLERANCE
                and _own_subject(text, _said_before(figs), tok.start)
                and not (tok.seconds and _converts(fig, figs[-1], text))  # "a year is 8,760 s"
            ):
                found = None  # "...; maximum attachment is 100 MB": a given of its own
            if found and found[0] <= TOLERANCE and restated:
                found = None  # a restatement that holds may be a given said twice: no claim
            if found and found[0] > TOLERANCE and _share_of_unsaid(fig, window, text):
                found = None  # "if say 5% pay thats 2.5M paid users": of users said elsewhere
            if found and found[0] > TOLERANCE and (added := _added_up(fig, window, text)):
                found = added  # "5B a day bring 10B more, about 15B a day": a sum, not a product
            if found and found[0] > TOLERANCE and _code_space(text, tok):
                found = None  # "with base62 and 7 characters we get 3.5 trillion": 62^7
            far = found is None or found[0] > TOLERANCE
            if far and cell and cell.pairs and tok.q and not tok.q.per:
                # "| avg QPS | ~35k |" then "| peak (x3) | ~100k |": maybe per the row's above
                above = _rate_above(cells, toks, i)
                rerated = _figure(replace(tok, q=replace(tok.q, per=above))) if above else None
                held = _check(rerated, window, divide, text, follows, quotient) if rerated else None
                if held and held[0] <= TOLERANCE:
                    found = held
            if found and found[0] > TOLERANCE and cell is not None and cell.givens:
                found = None  # "| assumption | value |": a given, unless it holds as a result
            if found is not None:
                ratio, value, group = found
                q = tok.q
                assert q is not None
                start = min(f.tok.start for f in group)
                expected = Quantity(q.value * value / fig.readings[0][0], q.unit, q.per, "")
                expected = Quantity(expected.value, q.unit, q.per, format_quantity(expected))
                operands = tuple(f.tok.q for f in group if f.tok.q is not None)
                if ratio <= TOLERANCE:
                    # and what those came of ("25 MB/day, ~9 GB/yr ... 500 x 9 GB" is twice)
                    came = [f.sources for f in group]
                    fig = replace(fig, sources=frozenset(f.tok.start for f in group).union(*came))
                last = tok
                out.append(
                    Calculation(
                        text[start : tok.end],
                        start,
                        operands,
                        q,
                        expected,
                        ratio,
                        ratio <= TOLERANCE,
                    )
                )
        figs.append(fig)
    return out


_GOES_ON = re.compile(
    r"[\s,]*(?:(?:and|so|then)\s+)?(?:which\s+|that\s+)?(?:with|at|over|across|times|x|keep|keeping|store|storing)\s+"
    r"(?:(?:an?|the|about|roughly|around|maybe|say|like|~)\s+)*$"
    # the result copied to every machine: "= 30GB, every judge node caches all of it, 200
    # nodes -> ...", "500 GB, replicated across 3 regions ..."
    r"|[\s,]*(?:(?:and|so|then)\s+)?(?:(?:every|each|all)\s+(?:\w+\s+)?(?:nodes?|servers?|box(?:es)?|"
    r"machines?|workers?|hosts?|regions?|replicas?)\s+(?:caches|cache|stores|store|keeps|keep|holds|"
    r"hold|gets|get|has|have)\s+(?:all of it|it all|a (?:full )?copy|the whole thing|the lot|it)|"
    r"(?:cached|stored|copied|replicated|mirrored|kept)\s+(?:on|to|across|in|at|over)(?:\s+(?:all|every|each))?)"
    r"[\s,]*(?:(?:an?|the|about|roughly|around|maybe|say|like|~)\s+)*$",
    re.I,
)


_TIME_SUBJECT = re.compile(
    r"\s+(?:of|in|for)\s+(?:[a-z]+\s+){1,4}?(?:costs?|is|are|means|gives|takes|loses|adds|"
    r"brings|holds|needs)\b",
    re.I,
)


def _written_quotient(toks: list[_Tok], i: int, figs: list[_Fig]) -> tuple[_Fig, _Fig] | None:
    """The figures of "A / B" (or "A divided by B") written right before claim i, with only a
    result marker between ("2.5 TB divided by 1.25 GB/s, which is about 2 s"), else None."""
    j = i - 1
    while j >= 0 and toks[j].kind in ("EQ", "SEP"):
        j -= 1
    if j < 2 or j == i - 1 or toks[j].kind != "Q" or toks[j - 1].kind != "DIV":
        return None
    if toks[j - 2].kind != "Q" or (j >= 3 and toks[j - 3].kind in ("OP", "DIV", "AT", "SUM")):
        return None  # "5 GB x 500 / 1 h": the whole of it, not the last two
    by_start = {f.tok.start: f for f in figs}
    a, d = by_start.get(toks[j - 2].start), by_start.get(toks[j].start)
    return (a, d) if a is not None and d is not None else None


_RATE_AFTER_VERB = re.compile(
    r"(?:\s+[a-z]+){1,3}?\s+(?:(?P<a>hourly|daily|weekly|monthly|yearly|annually)|"
    r"(?:a|an|per|each|every)\s+(?P<t>second|minute|hour|day|week|month|year))\s*(?=[;,.!?\n]|$)",
    re.I,
)
"""A rate said after the verb of a figure's clause, ending it ("10M links get clicked daily",
"5k users sign up every day")."""


def _rate_after_verb(text: str, tok: _Tok) -> float | None:
    """Seconds of the time a figure with no rate of its own is said per at the end of its clause
    ("10M distinct links get clicked daily"), else None. A reading that may only help a claim
    hold: the words between may as well name what the figure counts without a rate."""
    q = tok.q
    if q is None or q.per or tok.seconds:
        return None
    m = _RATE_AFTER_VERB.match(text, tok.end)
    if m is None:
        return None
    word = m["a"].lower() if m["a"] else ""
    per = _ADVERB_TIME.get(word) or ("year" if word else _WORD_TIME[m["t"].lower()])
    return seconds(per)


def _joined(toks: list[_Tok], i: int) -> bool:
    """Whether figure i follows "at" that follows a figure, words between ("45 minutes of audio
    at 1 MB a minute"): the second operand of a product."""
    if i < 2 or toks[i - 1].kind != "AT":
        return False
    j = i - 2
    while j >= 0 and toks[j].kind == "BREAK":
        j -= 1
    return j >= 0 and toks[j].kind == "Q"


def _written_again(fig: _Fig, figs: list[_Fig]) -> _Fig | None:
    """The derived figure that fig writes again, the same way ("300 pings x 100B = 30KB. 20M
    trips/day x 30KB"), if any."""
    q = fig.tok.q
    if q is None or not fig.tok.notable:
        return None
    return next(
        (
            f
            for f in reversed(figs)
            if f.sources and f.tok.q and f.tok.q.text == q.text and f.readings == fig.readings
        ),
        None,
    )


def _spent_time(figs: list[_Fig], per: str | None) -> bool:
    """Whether the last figure is one unit of the time a claim was given as its rate from the
    words before it ("..., and over a year around 50 PB")."""
    last = figs[-1].tok if figs else None
    return (
        per is not None
        and last is not None
        and last.q is not None
        and last.q.value == 1
        and not last.over
        and last.seconds == seconds(per)
    )


def _over_the_time(text: str, fig: _Fig, tok: _Tok) -> bool:
    """Whether the claim is said of the amount of time right before it ("a minute of downtime at
    peak costs us $500k", "a day of logs is 2 TB"): it comes of that time."""
    if (
        not fig.tok.seconds
        or fig.tok.over
        or tok.seconds
        or _SENTENCE_END.search(text, fig.tok.end, tok.start)
    ):
        return False
    return bool(_TIME_SUBJECT.match(text, fig.tok.end, tok.start))


def _goes_on(text: str, last: _Tok, figs: list[_Fig], tok: _Tok) -> bool:
    """Whether the figures said between the last derived figure and the claim go on from that
    result ("= 20 MB a page, and with 1.7k page reads a second ..."), in the same sentence."""
    since = [f for f in figs if f.tok.start >= last.end]
    after = [f for f in since if f.readings[0] != (1.0, 0, 0)]
    if not after or _SENTENCE_END.search(text, last.end, tok.start):
        return False
    # "20 MB for one page, and with ...": a unit said with the result is part of it
    units = [f.tok.end for f in since if f.tok.start < after[0].tok.start]
    return bool(_GOES_ON.fullmatch(text, max([last.end, *units]), after[0].tok.start))


_SUM_TOLERANCE = 1.1
"""How close a claim must come to a sum of figures before it to be read as that sum."""


def _share_of_unsaid(claim: _Fig, figs: list[_Fig], text: str) -> bool:
    """Whether a count claimed right after a percentage that opens its sentence is that share of
    a total the text does not give: no count is said before it ("free tier 2 GB, paid 2 TB. If
    5% pay, that's 2.5M paid users"). An uptime's share ("99.9% is 8.8 hours a year") is of a
    time, and checked."""
    if not figs or claim.readings[0][1:] != (0, 0):
        return False
    share = figs[-1]
    if (
        share.tok.q is None
        or not SHARE_SAID.search(share.tok.q.text)
        or share.readings[0][0] >= 0.9
        or claim.tok.start - share.tok.end > 40
        or _SENTENCE_END.search(text, share.tok.end, claim.tok.start)
        or (len(figs) > 1 and not _SENTENCE_END.search(text, figs[-2].tok.end, share.tok.start))
    ):
        return False
    return not any(
        f.readings[0][1:] == (0, 0) and not (f.tok.q and SHARE_SAID.search(f.tok.q.text))
        for f in figs[:-1]
    )


_ADDED = re.compile(
    r"(?i)\+|\b(?:more|plus|on top|in total|total|together|combined|extra|additional|add|adding|"
    r"added|altogether|sum|overall|all in)\b"
)
"""Words that say figures are added up."""


def _added_up(
    claim: _Fig, figs: list[_Fig], text: str
) -> tuple[float, float, tuple[_Fig, ...]] | None:
    """(ratio, value, figures) when the claim is, within 10%, the sum of two or three figures
    said before it of its kind, with a word of adding between ("5B messages a day bring 10B
    receipts more, about 15B writes a day": 5B + 10B, not 5B x 10B); a count said without a
    rate takes the claim's; each figure is a tenth of the sum at least. Else None."""
    value, b, t = claim.readings[0]
    per = claim.tok.q.per if claim.tok.q else None
    terms: list[tuple[float, _Fig]] = []
    for fig in figs:
        fv, fb, ft = fig.readings[0]
        if fig.tok.seconds or fb != b:
            continue
        if ft == t:
            terms.append((fv, fig))
        elif ft == 0 and t == -1 and per and fig.tok.q and not fig.tok.q.per:
            terms.append((fv / seconds(per), fig))  # "10B receipts more", a day's like the claim
    for size in (2, 3):
        for group in combinations(terms, size):
            total = sum(v for v, _ in group)
            if (
                total <= 0
                or max(total / value, value / total) > _SUM_TOLERANCE
                or any(v < total / 10 for v, _ in group)
                or _twice(tuple(f for _, f in group))
                or not _ADDED.search(text, group[0][1].tok.end, claim.tok.end + 20)
            ):
                continue
            return max(total / value, value / total), total, tuple(f for _, f in group)
    return None


def _check(
    claim: _Fig,
    figs: list[_Fig],
    divide: bool = True,
    text: str = "",
    follows: _Fig | None = None,
    quotient: tuple[_Fig, _Fig] | None = None,
) -> tuple[float, float, tuple[_Fig, ...]] | None:
    """(ratio, value in base units, figures) of the closest way to the claim, or None. A claim
    that `follows` a derived figure (the next link of its chain) comes of that figure, when
    some way of it has the claim's dimensions; one that follows a division written out
    (`quotient`: "2.5 TB divided by 1.25 GB/s, which is ...") is that division, when it has."""
    if not figs:
        return None  # nothing said before the claim to work it out of
    value, b, t = claim.readings[0]
    alt = claim.tok.alt
    if b and alt is not None and _powered(figs[-1]) and not any(r[1] for r in figs[-1].readings):
        # "2^32 ≈ 4.3B", "62^7 ≈ 3.5B": no size said before, a big B is billions
        value, b = alt.value / (seconds(alt.per) if alt.per else 1.0), 0
    targets = [(value, b, t)]
    soft: list[tuple[float, int, int]] = []
    """Readings of the claim that count only when they hold (never to call it wrong)."""
    loose: list[tuple[float, int, int]] = []
    """Like soft, of any number of figures: the rate of the figure right before, left unsaid
    ("5k writes a second, we need 250k": maybe a second, maybe a given of its own)."""
    if b and not t and figs[-1].readings[0][2] == -1 and "bit" in (claim.tok.q.text or ""):  # type: ignore[union-attr]
        targets.append((value, b, -1))  # "1.2 GB a second, which is like 10 gigabits"
    q, prev = claim.tok.q, figs[-1].tok.q
    if q and q.per and t == -1 and _PER_NOUN.search(q.text):
        targets.append((value * seconds(q.per), b, 0))  # "6 rides per rider per month"
    elif q and not (q.per or t) and _PER_ITEM.search(q.text):
        # "10k keystrokes an hour, that's 500 KB per interview": an interview lasts the hour
        for per in {f.tok.q.per for f in figs if f.tok.q and f.tok.q.per in ("h", "min")}:
            soft.append((value / seconds(per), b, -1))
    elif q and q.per and t == -1 and _per_one(text, figs, claim):
        soft.append((value * seconds(q.per), b, 0))  # "an active rider takes 6 a month"
        divide = True  # a share of a total: divided by how many there are
    if (
        q
        and prev
        and prev.per
        and not q.per
        and (not (claim.tok.seconds or b or t) or (t == 1 and _BUSY_TIME.search(q.text)))
        and figs[-1].readings[0][2] == -1
        and _tight(text, figs[-1].tok.end, claim.tok.start)
    ):
        # "2k a day, that's 4k people", "2,000 builds a day is 20,000 worker-minutes": a day
        loose.append((value / seconds(prev.per), b, t - 1))
    over = figs[-1].tok.over
    if (
        over
        and t == 1
        and not claim.tok.over
        and figs[-1].readings[0][2] == 0
        and _tight(text, figs[-1].tok.end, claim.tok.start)
        and math.isclose(value / seconds(over), figs[-1].readings[0][0], rel_tol=0.2)
    ):
        # "fifteen thousand minutes of build a day, which is 250 hours": that day's hours, the
        # same time said in another unit
        loose.append((value / seconds(over), b, 0))
    chain = follows.tok.q if follows is not None else None
    chained_loose = len(loose)
    factors = [f for f in figs if follows is not None and f.tok.start > follows.tok.start]
    if (
        q
        and chain
        and chain.per
        and not q.per
        and not claim.tok.seconds
        and factors
        and all(not (f.tok.seconds or f.readings[0][1] or f.readings[0][2]) for f in factors)
    ):
        # "= ~91TB/yr, keep 2 copies so ~180TB": the chain's time left unsaid in its next link,
        # multiplied by plain counts only (a reading of ways that go on from the chain; "5 TB a
        # day, which over a year comes to 1.8 TB" says a time, and is wrong)
        loose.append((value / seconds(chain.per), b, t - 1))
    if q and not (b or t or q.per or claim.tok.seconds) and _machines(q.text):
        # "16.7k rps / 2k per app server ≈ 9 servers": machines come of a load divided by what
        # one takes, its rate said once
        divide = True
        soft.append((value, b, -1))
    if q and q.per and t == -1 and not any(f.readings[0][2] for f in figs):
        # "2 events a message, so 5B turns into 15B events a day": no figure says a time, the
        # claim's is left implied in its inputs (as a product is compared as written)
        soft.append((value * seconds(q.per), b, 0))
    elif (
        q
        and q.per
        and t == -1
        and (row := _own_row(text, claim, figs))
        and not any(f.readings[0][2] for f in row)
    ):
        # "| | per day |" over "| text bytes (5B × 100 B) | 0.5 TB |": the row works its cell
        # out of figures of its own that say no time, the column's left implied in them
        soft.append((value * seconds(q.per), b, 0))
    unitless = not (b or t)
    if _evaluates(claim, figs[-1], text) or _busy_as_machines(claim, figs[-1], text):
        figs = figs[-1:]
    elif _converts(claim, figs[-1], text):
        # "50/day at 1k/day, so ~18k per yr": a figure of the sentence restated per another time
        figs = [f for f in figs[:-1] if _restatable(f, claim, text)] + figs[-1:]
    best: tuple[float, float, tuple[_Fig, ...]] | None = None
    best_way: _Way | None = None
    apart = False
    dims = frozenset((tb, tt) for _, tb, tt in targets + soft + loose)
    ways = _ways(figs, divide, dims)
    if follows is not None and follows in figs:
        linked = [
            w
            for w in ways
            if follows in w.figs
            and (w.b, w.t) in dims
            and not (w.restates and w.figs[0].sign == claim.sign)
        ]
        ways = linked or ways  # "that's 2.5 MB per product, so 250 TB": of the 2.5 MB
    last = figs[-1]
    if (
        last.tok.q is not None
        and _EACH_SAID.search(last.tok.q.text)
        and _tight(text, last.tok.end, claim.tok.start)
    ):
        # "500M images, and at half a meg apiece that's about 250 GB": the size of one, said
        # right before the result, is one of its factors
        each = [w for w in ways if last in w.figs and (w.b, w.t) in dims and len(w.figs) > 1]
        ways = each or ways
    written = []
    if quotient is not None:
        a, d = quotient
        # "100 MB per hour ... 100 MB / 3600 s": the figure again, as written (without the rate);
        # "100 million a day over 86k seconds": the day's count over the day's seconds
        plain = _figure(replace(a.tok, q=replace(a.tok.q, per=None))) if a.tok.q else None
        again = plain and (a.tok.repeats >= 0 or _over_its_period(a, d))
        written = [
            w
            for pair in ((a, d), *(((plain, d),) if plain and again else ()))
            for w in _ways(list(pair), True, dims)
            if w.figs == pair and w.signs == (1, -1)
        ]
        ways = written or ways  # "100 MB / 3600 s = 28 MB/s": as written, not another way
    counted = _noun(q.text) if q and not (b or t) else ""
    for way in ways:
        if counted and _per_what_is_counted(way, counted):
            continue  # "one counter per link ... 365M links": no count of links comes of it
        for n, (tv, tb, tt) in enumerate(targets + soft + loose):
            if (way.b, way.t) != (tb, tt) or way.value <= 0 or not math.isfinite(way.value):
                continue
            ratio = max(way.value / tv, tv / way.value)
            if n >= len(targets) + len(soft) and ratio > TOLERANCE:
                continue  # a loose reading holds, or is not read at all
            if n >= len(targets) + len(soft) + chained_loose and follows not in way.figs:
                continue
            if len(targets) <= n < len(targets) + len(soft) and (
                ratio > TOLERANCE or len(way.figs) != 2
            ):
                continue  # a soft reading holds of one step of two figures, or not at all
            first = way.figs[0].tok.q
            powered = first is not None and ("^" in first.text or " to the " in first.text)
            if way.restates and way.figs[0].sign == claim.sign and first and not powered:
                if ratio <= 1.5 and not _closer_way(ways, tv, tb, tt, ratio):
                    return None  # the same figure written again (not "70% of 5,000 is 3,500")
                continue  # no conversion: another figure of the same kind, not a result
            if (
                way.restates
                and ratio > 1.5
                and _TOTAL.search(text, way.figs[0].tok.end, claim.tok.start)
            ):
                continue  # "each shard: 500 GB; total 20 TB": a total of many, not one converted
            if way.restates and ratio > 1.5 and _apart(way.figs[0], claim, text):
                # "a few hundred KB, the average is about a megabyte": another figure; right
                # after it ("a cap of 2 KB, and one row is 500 bytes"), maybe no result at all
                near = ratio <= TOLERANCE and way.figs[0].tok.end == _said_before(figs)
                apart = apart or near
                continue
            # a tie goes to the way of more figures ("1M drivers every 4 s ... 250 a second" is
            # 1M / 4 s off by 1000x, not the 4 s turned upside down)
            tie = (
                best is not None
                and best_way is not None
                and best_way.inverts
                and len(way.figs) > 1
                and math.isclose(ratio, best[0])
            )
            if best is None or ratio < best[0] or tie:
                best, best_way = (ratio, way.value * value / tv, way.figs), way
    if best and best_way and best[0] <= TOLERANCE and (base := _peak_turned(best_way, claim, text)):
        # "peak is 10k, about 5x the average, so the average is 50k": divided, it is 2k
        right = base.readings[0][0] ** 2 / best_way.value
        best = (max(right / value, value / right), right, best[2])
    if unitless and _RATIO_WRITTEN.search(claim.tok.q.text if claim.tok.q else ""):
        # A ratio written ("a hundred to one") is one figure over another of its kind: when
        # there are such pairs, no other way (a figure said again) stands for it.
        pairs = [
            (max(pair[0] / value, value / pair[0]), pair) for pair in _same_kind_pairs(figs)
        ]
        if pairs:
            ratio, pair = min(pairs, key=lambda p: p[0])
            best, best_way = (ratio, pair[0], pair[1]), None
    if best and best[0] > TOLERANCE and written:
        return best  # the candidate's own division, wrong: no other way excuses it
    worked = (
        best_way is not None
        and _worked_machines(claim, best_way)
        # "167/s x 5 s = 835 cores, so 30 boxes": not the cores again, boxes of them
        and not any(f.sources == {w.tok.start for w in best_way.figs} for f in figs)
    )
    if (
        best
        and best[0] > TOLERANCE
        and not worked
        and unitless
        and len(best[2]) == 1
        and not any(r[1] or r[2] for r in best[2][0].readings)
        and not (claim.tok.seconds and claim.tok.over)
        and not _powered(best[2][0])
    ):
        return None  # "| 1M | 16.7k |": two plain counts, the conversion is not in the text
    if best and best[0] > TOLERANCE and apart:
        return None  # another figure of the same kind near it: maybe no result at all
    if (
        best
        and best[0] > TOLERANCE
        and q
        and q.per in ("s", "min", "h")
        and _SQUEEZED.search(text, max(f.tok.end for f in best[2]), claim.tok.start)
    ):
        return None  # "20M a month, squeezed into a 6-hour window, ~930/s": the window's rate
    if best and best[0] > TOLERANCE and not claim.tok.notable and not worked:
        return None  # "that's 3 disks": a plain count may well be a new figure
    if (
        best
        and best[0] > TOLERANCE
        and not any(f.tok.notable or (_availability(f) and f is figs[-1]) for f in best[2])
    ):
        return None  # "one in ten ... so 10k": built on a figure from outside the text
    if (
        best
        and best[0] > TOLERANCE
        and best_way
        and not worked
        and _another_figure(best_way, claim, figs, text)
    ):
        return None  # "the cap is 100 MB ... the average is 1 MB": no figure comes of the other
    spent = (
        best is not None
        and any(f.tok.seconds for f in best[2])
        and any(f.tok.q and f.tok.q.per for f in best[2])
    )
    if best and _count_times_size(best[2], text):
        return best  # "~1.2M in total ... at ~4 KB each: ~5 TB": no other reading excuses it
    if best and best[0] > TOLERANCE and not spent and _lost_rate(value, b, t, figs, text):
        return None  # "1k rides is started per second": a rate we did not read
    if best and best[0] > TOLERANCE and _implied_length(value, b, t, figs, divide):
        return None  # "100 MB per hour, 3k interviews a day, so 300 GB a day": an hour each
    return best


_PER_THING = re.compile(
    r"(?i)\bper\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|yr|one|cent)s?\b)"
    r"([a-z]{3,})"
)
"""What a figure is per when that is a thing ("one counter per link per day": per link)."""


def _closer_way(ways: list[_Way], value: float, b: int, t: int, ratio: float) -> bool:
    """Whether a way of two figures or more comes closer to value than ratio."""
    return any(
        (w.b, w.t) == (b, t)
        and len(w.figs) > 1
        and w.value > 0
        and max(w.value / value, value / w.value) < ratio
        for w in ways
    )


def _per_what_is_counted(way: _Way, counted: str) -> bool:
    """Whether the way multiplies a figure per the very thing the claim counts ("one counter per
    link per day x a year", claimed as "365M links"): a figure per link times anything but a
    count of links is still per link, never a number of links. Divided into a count of what it
    is of, it gives one ("1M users / 100 users per shard = 10k shards"); into a time alone, no.
    """
    for fig, sign in zip(way.figs, way.signs, strict=False):
        q = fig.tok.q
        m = _PER_THING.search(q.text) if q else None
        if m is None or m[1].lower().removesuffix("s") != counted:
            continue
        others = [f for f, s in zip(way.figs, way.signs, strict=False) if s > 0 and f is not fig]
        if sign > 0 or not any(f.readings[0][2] != 1 for f in others):
            return True
    return False


def _worked_machines(claim: _Fig, way: _Way) -> bool:
    """Whether a count of machines is worked out by a way that says how busy they are: a rate
    times how long each item takes ("1k a minute, 10 s each": 167 at once), machine time per time
    ("8.5 CPU-seconds a second"), or a load over what one machine takes ("50k per server")."""
    q = claim.tok.q
    if q is None or not _machines(q.text):
        return False
    times = {f.readings[0][2] for f in way.figs}
    if {1, -1} <= times:
        return True
    for f in way.figs:
        fq = f.tok.q
        if fq is None:
            continue
        if len(way.figs) == 1 and _busy(f):
            return True
        if _ONE_MACHINE.search(fq.text) and _machines(fq.text):
            return True
    return False


def _busy(fig: _Fig) -> bool:
    """Whether a figure is machine time per time ("2M CPU-sec/min", "8.5 s of CPU per second")."""
    q = fig.tok.q
    if q is None or fig.readings[0][1:] != (0, 0):
        return False
    return bool((fig.tok.seconds and fig.tok.over) or (_BUSY_TIME.search(q.text) and q.per))


def _busy_as_machines(claim: _Fig, fig: _Fig, text: str) -> bool:
    """Whether a count of machines right after machine time per time says how many that keeps
    busy ("= 2M CPU-sec/min ≈ 330 cores"): it comes of that figure alone."""
    q = claim.tok.q
    return (
        q is not None
        and _machines(q.text)
        and _busy(fig)
        and _tight(text, fig.tok.end, claim.tok.start)
    )


_ONE_MACHINE = re.compile(r"(?i)\b(?:per|each|a|one)\s+(?:[a-z]+\s+)?[a-z]+$")
"""A figure per one machine ("50k per server", "2k per app server")."""


_LINK = re.compile(r"(?i)\b(?:link|nic|port|uplink|pipe|network card|connection)s?\b")


def _line_speed(text: str, tok: _Tok) -> bool:
    """Whether a figure in bits said of a link ("the link is 10 gigabit", "a 1 gigabit NIC")
    is its speed: bits a second."""
    q = tok.q
    if q is None or q.unit != "B" or q.per or tok.seconds or "bit" not in q.text.lower():
        return False
    return bool(_LINK.search(text, max(0, tok.start - 20), min(len(text), tok.end + 12)))


_VAGUE = re.compile(r"(?i)^(?:tens|hundreds|thousands|millions|billions|a few|several|a couple)\b")
_PICK = re.compile(
    r"(?i)[\s,(:;-]*(?:so\s+)?(?:(?:let['’]?s|let\s+me|lets|i['’]?ll|i['’]?d|i|we['’]?ll|we)\s+)?"
    r"(?:say|take|pick|call\s+it|assume|so|guess|use|go\s+with|maybe)\s+"
    r"(?:(?:about|roughly|around|~)\s*)?$"
)


def _picks(text: str, vague: _Fig, tok: _Tok) -> bool:
    """Whether tok is the number picked for the vague figure right before it ("tens of thousands
    of doctors, say 50k", "thousands of interviews per day, I take 2000"), or for the range it
    ends ("between 1 and 10 GB, so I'll take 5 as the middle")."""
    q = vague.tok.q
    if q is None:
        return False
    ranged = bool(_RANGE_BEFORE.search(text, max(0, vague.tok.start - 30), vague.tok.start))
    return (bool(_VAGUE.match(q.text)) or ranged) and bool(
        _PICK.fullmatch(text, vague.tok.end, tok.start)
    )


_RANGE_TO = re.compile(r"\s*(?:to|-|–)\s*")
_RANGE_BEFORE = re.compile(r"(?i)(?:\bbetween\s+[\d.,]+\s*(?:and|&)|\b[\d.,]+\s*(?:to|-|–))\s*$")
_LEADING_NUMBER = re.compile(r"[\d][\d,]*(?:\.\d+)?")


ONE_IN = re.compile(r"(?i)\b(?:1|one)\s+(?:[a-z]+\s+){0,2}?(?:in|of|out\s+of)\s+(?:every\s+)?$")
"""Before a figure: the one of "1 in 20", "one msg in 20", "one out of (every) ten"; the checker's
confidence gate reads it too (a share of a rate said before)."""
_TOTAL = re.compile(r"(?i)\b(?:in\s+)?total\b")
_RATIO_ARTICLE = re.compile(r"(?i)\b(?:an?|r)\s+(?=(?:(?:about|roughly|around|~)\s*)?$)")
"""Before a ratio: an article ("so a 100:1"), or "r" for "are" ("reads r about 100x")."""
_TIMES_THE = re.compile(r"\s*(?:x|×|times)\s+(?:the|that|what)\b", re.I)
"""After a figure: how many times another it is ("4x the average", "3 times that")."""
_TIMES_MORE = re.compile(rf"(?i)\b{RATIO_IN_WORDS}$")
"""A ratio said in words ("5 times more", "a hundred times as many")."""
_RATIO_WRITTEN = re.compile(rf"(?i)(?::\s*1|\bto\s+(?:1|one)|\dx|\b{RATIO_IN_WORDS})$")
"""A claim written as a ratio ("100:1", "a hundred to one", "10x")."""


def _same_kind_pairs(figs: list[_Fig]) -> list[tuple[float, tuple[_Fig, ...]]]:
    """Quotients of two figures of the same kind, as written: "100M to 1M a day" and "a million
    views versus ten thousand orders a minute" share the time written once."""
    out: list[tuple[float, tuple[_Fig, ...]]] = []
    for a, b in combinations(figs, 2):
        qa, qb = a.tok.q, b.tok.q
        if qa is None or qb is None or qa.unit != qb.unit or a.tok.seconds or b.tok.seconds:
            continue
        if qa.per and qb.per and qa.per != qb.per:
            continue
        if qa.value > 0 and qb.value > 0:
            out.append((max(qa.value / qb.value, qb.value / qa.value), (a, b)))
    return out


_UPTIME = re.compile(r"(?i)%|\bnines\b|\bpercent\b")


def _availability(fig: _Fig) -> bool:
    """A percentage near 100% ("99.9%", "three nines"): a figure downtime comes of."""
    q = fig.tok.q
    return q is not None and bool(_UPTIME.search(q.text)) and 0.9 <= q.value < 1


def _powered(fig: _Fig) -> bool:
    """A figure written as a power ("62^7", "62 to the 7th"): its value is worked out in the text."""
    q = fig.tok.q
    return q is not None and ("^" in q.text or " to the " in q.text or " power " in q.text)


_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")


def _restatable(fig: _Fig, claim: _Fig, text: str) -> bool:
    """Whether claim may restate fig per another time: same kind, another rate, same sentence."""
    q, c = fig.tok.q, claim.tok.q
    if q is None or c is None or fig.readings[0][1:] != claim.readings[0][1:]:
        return False
    if not (q.per and c.per and q.per != c.per):
        return False
    return not _SENTENCE_END.search(text, fig.tok.end, claim.tok.start)


def _evaluates(claim: _Fig, fig: _Fig, text: str) -> bool:
    """Whether the claim works out the power right before it ("62^6, about 56 million")."""
    return (
        _powered(fig)
        and fig.readings[0][1:] == claim.readings[0][1:]
        and _tight(text, fig.tok.end, claim.tok.start)
    )


def _converts(claim: _Fig, fig: _Fig, text: str) -> bool:
    """Whether the claim restates the figure right before it per another time ("30k a minute,
    meaning 30k a second", "= 50,000 s, which is 14 min"): then it comes of that figure alone."""
    q, c = fig.tok.q, claim.tok.q
    # ("31B a day, around 3.6k a second": the billions of a bare "B", restated)
    if q is None or c is None or all(r[1:] != claim.readings[0][1:] for r in fig.readings):
        return False
    if re.match(
        r"(?i)(?:an?|one|each|every)\b(?!\s+(?:hundred|thousand|million|billion)\b)", q.text
    ) and not (fig.tok.seconds and claim.tok.seconds):
        return False  # "one sync check every minute": a rate per item ("a year is 8,760 s" is one)
    if (n := _noun(q.text)) and (m := _noun(c.text)) and n != m:
        return False  # "1k writes a minute, so 1,700 reads a second": another figure
    if fig.multiplied or fig.joined:
        return False  # "45 minutes at 1 MB a minute, is 45 GB a day": of the product, and more
    rates = bool(q.per and c.per and q.per != c.per) or bool(
        # a week's rate is kept per day: "3M payouts a week, about 430k per day" is another time
        q.per and c.per and _WEEK.search(q.text) and not _WEEK.search(c.text)
    )
    times = bool(fig.tok.seconds and claim.tok.seconds and not fig.tok.over and not claim.tok.over)
    if times and _SPAN_BEFORE.search(text, max(0, fig.tok.start - 12), fig.tok.start):
        return False  # "in one year it is almost 9 hours": what the year holds, not the year
    if not (rates or (times and fig.tok.seconds != claim.tok.seconds)):
        return False
    return _tight(text, fig.tok.end, claim.tok.start)


_WEEK = re.compile(r"(?i)\b(?:weeks?|weekly|wk|wks)\b|/\s*w\b")
_SPAN_BEFORE = re.compile(r"(?i)\b(?:in|within|over|during|across|per|each|every)\s+$")
"""A time said as the span something happens in ("in one year", "over a month")."""

_JOINER = re.compile(r"^(?:and|or|then)\b[\s,]*", re.I)
_FILLERS = r"um+|uh+|er+|hmm+"
_FILLER = re.compile(rf"(?i)\b(?:{_FILLERS})\b[\s,]*")
_PAUSE = re.compile(rf"(?:[\s,;:]|\b(?:{_FILLERS}|well|ok|okay|you know)\b)*", re.I)


def _tight(text: str, start: int, end: int) -> bool:
    """Whether only a claim marker (and pauses) stands between start and end ("= 2 TB a day,
    hmm, so roughly ...")."""
    pause = _PAUSE.match(text, start, end)
    # ("so um thats like": a filler inside the marker is a pause too)
    between = _FILLER.sub("", text[pause.end() if pause else start : end])
    if _CLAIM.match(between) or _CLAIM.match(_JOINER.sub("", between, count=1)):
        return True
    link = _NEXT_LINK.match(text, start, end)
    return bool(link and link.end() == end and text[start:end].strip())


def _split(words: str) -> list[str]:
    return words.split()


_NOT_NOUNS = frozenset(
    _split(
        "a an of per each every in k m b bn mn mil mill thousand thousands million millions billion "
        "billions trillion hundred hundreds tens grand dozen and half quarter s sec secs second "
        "seconds min mins minute minutes h hr hrs hour hours d day days week weeks month months "
        "year years daily hourly weekly monthly yearly annually on average avg about roughly around"
    )
)
_A_HUNDRED = re.compile(r"(?i)an?\s+hundred\s+(?:and\s+)?[a-z]")
"""A number said aloud from "a hundred" on ("a hundred and seventy cores")."""
_SMALL_WORDS = frozenset(
    _split(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety"
    )
)


_MACHINES = frozenset(
    _split(
        "server machine box node host instance shard partition core cpu gpu worker pod replica "
        "disk drive broker builder sandbox analyst agent moderator reviewer rack vm container "
        "process thread connection"
    )
)
"""What a count of capacity is counted in: the load divided by what one of them takes."""


_SIZE_WORD = re.compile(
    r"[kmgtpe]i?b(?:its?|ps)?|(?:kilo|mega|giga|tera|peta|exa)?(?:bytes?|bits?)|megs?|gigs?"
)


def _noun(text: str, skip: frozenset[str] = frozenset()) -> str:
    """The first word of a figure that says what it counts ("1k writes a minute": "write");
    `skip`: more words that say nothing of it."""
    for word in re.findall(r"[A-Za-z]+", text):
        w = word.lower()
        if w in _NOT_NOUNS or _SIZE_WORD.fullmatch(w) or w in _SMALL_WORDS or w in skip:
            continue
        return w.removesuffix("s")
    return ""


def _another_figure(way: _Way, claim: _Fig, figs: list[_Fig], text: str) -> bool:
    """Whether the claim, far off the one figure it could come of, is a figure of its own: that
    figure turned upside down ("10 s to judge ... we get 170 a second"), or the same kind of figure
    with words between them ("the cap is 100 MB ... most are 1 MB"), not a conversion ("= 50,000 s,
    which is 14 min": the claim right after the figure, in another unit or per another time)."""
    if len(way.figs) != 1:
        return False
    if way.inverts:
        return True
    fig = way.figs[0]
    if figs[-1] is not fig or _availability(fig):
        return False  # "5 GB / 100k entries = 50 MB": figures between, a calculation
    if fig.tok.q is None or claim.tok.q is None or fig.tok.q.per != claim.tok.q.per:
        return False
    return not _tight(text, fig.tok.end, claim.tok.start)


_OWN_SUBJECT = re.compile(
    r"(?:[;.!?(]|,|\b(?:and|but)\b)[\s,]*(?:(?:and|but)\b\s*)?(?P<subject>(?:[A-Za-z][\w'’-]*\s+){1,4})"
    r"(?:is|are|was|were)\b[\s,]*(?:" + _HEDGES + r"[\s,]*)*$",
    re.I,
)
_PEAK = re.compile(r"(?i)\b(?:peaks?|peaking|spikes?|spiking|bursts?|bursting|busiest)\b")
_NAMED_FIGURE = re.compile(
    r"\bthe\s+(?P<subject>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)\s*,[\s,]*(?:"
    + _HEDGES
    + r"[\s,]*)*$",
    re.I,
)
"""A figure set beside the thing it is of ("which makes the text, about 0.5 TB a day")."""
_POINTERS = frozenset(
    _split("that it this which so then there thats that's that’s it's it’s total")
)


def _said_before(figs: list[_Fig]) -> int:
    """Where the last figure before a claim ends, but not a figure of one ("and one stored link
    is 500 bytes": "one stored link" is the claim's subject)."""
    for f in reversed(figs):
        q = f.tok.q
        if q is not None and not (q.value == 1 and re.match(r"(?i)(?:an?|one|each)\b", q.text)):
            return f.tok.end
    return 0


def _own_subject(text: str, start: int, end: int) -> bool:
    """Whether the claim between start and end is said of a subject of its own, in a clause of
    its own ("...; maximum attachment is 100 MB", ", and one stored link is 500 bytes"), not of
    the figures before ("that's", "which is", "1k x 1 MB is"). "And there are" brings in a figure
    of its own ("... a day and there are about 100M redirects a day"); "so there are" does not."""
    m = _OWN_SUBJECT.search(text, start, end) or _NAMED_FIGURE.search(text, start, end)
    if m is None:
        return False
    subject = m["subject"].lower().split()
    return _POINTERS.isdisjoint(subject) or subject == ["there"]


def _apart(fig: _Fig, claim: _Fig, text: str) -> bool:
    """Whether claim is a figure of the same kind as fig, per the same time, with words between
    them: not fig converted ("1,440 MB a day, roughly 1.4 GB daily" is)."""
    q, c = fig.tok.q, claim.tok.q
    if q is None or c is None or q.per != c.per or fig.tok.seconds != claim.tok.seconds:
        return False
    return fig.tok.end <= claim.tok.start and not _tight(text, fig.tok.end, claim.tok.start)


def _own_row(text: str, claim: _Fig, figs: list[_Fig]) -> list[_Fig]:
    """The figures before the claim on its own row of a Markdown table, if it is in one."""
    start = text.rfind("\n", 0, claim.tok.start) + 1
    if not text.startswith("|", start):
        return []
    return [f for f in figs if f.tok.start >= start]


def _lost_rate(value: float, b: int, t: int, figs: list[_Fig], text: str = "") -> bool:
    """Whether a way holds once a time amount in it is taken as spending an unread rate. The
    rate is a figure's that may have one: not a size of one item ("each 2 KB", "1 KB per row"),
    which times a year is no yearly total."""
    return any(
        (way.b, way.t) == (b, t + 1)
        and len(way.figs) > 1  # "over 5 years ... 18 million": a time alone is no rate spent
        and any(f.tok.seconds for f in way.figs)
        and not all(f.tok.seconds or _size_of_one(text, f) for f in way.figs)
        and max(way.value / value, value / way.value) <= TOLERANCE
        for way in _ways(figs, dims=frozenset({(b, t + 1)}))
    )


_ONE_BEFORE = re.compile(r"(?i)\b(?:each|every|per|one|a single)(?:\s+[a-z]+){0,2}\s*$")


def _over_its_period(rate: _Fig, amount: _Fig) -> bool:
    """Whether an amount of time is the period a rate is per ("100M a day over 86k seconds"):
    a conversion by hand (not "100M a day over 3600 s", which is the wrong one)."""
    q, t = rate.tok.q, amount.tok.q
    if q is None or t is None or not q.per or not amount.tok.seconds:
        return False
    return math.isclose(t.value * amount.tok.seconds, seconds(q.per), rel_tol=0.2)


def _count_times_size(group: tuple[_Fig, ...], text: str) -> bool:
    """Whether the way is a derived count times the size of one of its items ("1.2M in total,
    at 4 KB each"): the whole of a total's derivation, nothing left unread."""
    return (
        len(group) == 2
        and any(f.sources and f.readings[0][1:] == (0, 0) for f in group)
        and any(_size_of_one(text, f) for f in group)
    )


def _size_of_one(text: str, fig: _Fig) -> bool:
    """Whether a size is said of one item: "each record 1 KB", "each 2KB", "2 KB each", "1 KB
    per row"."""
    q = fig.tok.q
    if q is None or q.unit != "B" or q.per:
        return False
    return bool(
        _PER_ITEM.search(q.text)
        or _ONE_BEFORE.search(text, max(0, fig.tok.start - 30), fig.tok.start)
        or re.match(r"\s*(?:each|apiece|per\s+[a-z]+)\b", text[fig.tok.end : fig.tok.end + 20])
    )


def _implied_length(value: float, b: int, t: int, figs: list[_Fig], divide: bool) -> bool:
    """Whether a way holds once a size per hour or minute ("100 MB per hour" of a recording) is
    taken as the size of one item lasting that time: the length of an item left implied."""
    lengthened = [
        replace(f, readings=(*f.readings, (f.readings[0][0] * seconds(f.tok.q.per), 1, 0)))
        if f.tok.q
        and f.tok.q.per in ("h", "min")
        and f.readings[0][1:] == (1, -1)
        and not f.sources  # "= 100 GB a minute" is a total, not the size of one item
        else f  # nor is "10 TB a day"
        for f in figs
    ]
    if lengthened == figs:
        return False
    # the size of one item is of many items: a count of them is in the way ("3k interviews")
    return any(
        max(way.value / value, value / way.value) <= TOLERANCE
        and any(f not in figs for f in way.figs)
        and any(f.readings[0][1] == 0 and not f.tok.seconds for f in way.figs)
        for way in _ways(lengthened, divide, frozenset({(b, t)}))
        if way.value > 0
    )


_LEVEL = re.compile(
    r"(?i)\b(?:(?P<peak>peak|busiest|max(?:imum)?)|average|avg|normal|typical|mean)\b"
)


def _level(text: str, start: int, end: int, before: bool) -> str | None:
    """Whether "peak" or "average" is said nearest a figure: the last such word before it (before)
    or the first after it, between start and end."""
    found = list(_LEVEL.finditer(text, start, end))
    if not found:
        return None
    m = found[-1] if before else found[0]
    return "peak" if m["peak"] else "average"


def _peak_turned(way: _Way, claim: _Fig, text: str) -> _Fig | None:
    """The peak figure of a way that multiplies a peak by its factor to get an average (or one
    of the two figures): an average above the peak it came of is the factor turned upside down.
    """
    if len(way.figs) != 2:
        return None
    base, factor = sorted(way.figs, key=lambda f: f.readings[0][1:] == (0, 0))
    if base.readings[0][1:] != claim.readings[0][1:] or factor.readings[0][1:] != (0, 0):
        return None
    if not (1 < factor.readings[0][0] <= 20 and way.value > base.readings[0][0] * 1.01):
        return None
    q = claim.tok.q
    said = _level(q.text, 0, len(q.text), False) if q else None
    said = said or _level(text, min(f.tok.end for f in way.figs), claim.tok.start, True)
    if said != "average":
        return None
    before = _SENTENCE_END.search(text[: base.tok.start][::-1])
    clause = base.tok.start - before.start() if before else 0
    near = (
        _level(text, base.tok.end, factor.tok.start, False)
        if factor.tok.start > base.tok.end
        else None
    )
    return base if (_level(text, clause, base.tok.start, True) or near) == "peak" else None
