"""Play-backs: what a candidate's summary says about the facts the interviewer already gave.

A candidate who checks in ("so tweets can't be edited and following is one-way, right?") wants to
hear which parts they got right and which they got wrong. `played_back` reads each clause of the
message, finds the revealed facts it is about (by the facts' own match rules) and compares it with
the interviewer's answer, clause by clause:

- figures: a figure in the candidate's clause that no revealed answer holds (within 4x, rates
  compared per second), but that is near one (within 12x: a slip, not another quantity),
  contradicts the one fact of the clause that has figures of that kind; a count of the same
  thing as an answer's figure ("ten million products" against "about 100M products", by the
  words that name it) contradicts however far off it is, unless it counts a part ("10k
  entries with images");
- a fact's own `wrong` rules (scenario data): what a statement that gets it wrong says ("links
  expire after a year by default" when links live forever; "anyone can review, even without
  buying" when only buyers can), tried on every clause that claims something (`_claims`: not a
  plain question, a proposal, a decision of the candidate's own, a guess or small talk);
- sides: the candidate and the answer take opposite sides of a pair in words.yaml
  (`opposites`: one-way / mutual, eventual / strong, newest first / ranked, can't be edited /
  editable); a phrase turned round by a negation just before it ("no ranking algorithm")
  takes the other side, and it is compared with the answer's clause on the same pair that
  shares the most words. A "not" alone decides nothing: telling a candidate who had it right
  that they are wrong is worse than letting a slip pass.

Only revealed facts are read; nothing still hidden is looked at, so nothing hidden can be named.
Pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from app.core.disclosure import clauses, figures_as_asked
from app.core.grading.arithmetic import Quantity, find_calculations, find_quantities
from app.core.scenarios.loader import LoadedScenario
from app.core.scenarios.models import Fact
from app.core.speech import Reading, content_stems, is_injection, opening, set_stems
from app.core.spelling import mended, speller_for
from app.core.text import Rule, stem, tokens, unwrapped, words
from app.core.words import matcher, opposites, question_words, word_set

_CLAUSE = re.compile(
    # (not the comma of "1,200"; not the "and" of "go back and edit", "try and fix": one
    # action; not the "while" of "for a while")
    r"\s*(?:,(?!(?<=\d,)\d{3}(?!\d))|[;:]|(?<=[.!?])\s|\bbut\b|(?<!\bback )(?<!\bgo )(?<!\btry )\band\b|(?<!\ba )\bwhile\b|\bwhereas\b|\s-\s)\s*",
    re.IGNORECASE,
)
_PER_SECOND = {"s": 1.0, "min": 60.0, "h": 3600.0, "day": 86400.0, "month": 2.6e6, "year": 3.15e7}
_TOLERANCE = 4.0
_ANOTHER_QUANTITY = 12.0
_TOTAL = re.compile(
    r"\b(?:total|totals|in all|altogether|overall|combined|all together|sum|cumulative|"
    r"per (?:user|customer|account|person|driver|rider|device|node|server|shard|region)|"
    r"each (?:user|customer|account|person|device)|"
    r"a year|per year|a month|per month|over|after|for \d+|times|x\d|\d\s*x)\b",
    re.IGNORECASE,
)
"""Words that make a figure a total or a figure of another thing ("10 GB per user", "in all",
"over a year"): no slip in a told figure however far it is."""
_DERIVED = re.compile(
    r"[=→]|->|\s[~≈]\s|\b(?:gives?|giving|that'?s|thats|so|which is|comes? to|means?|works? out|"
    r"total|makes?|i guess|i'?d guess)\b",
    re.IGNORECASE,
)
"""A figure said as a result ("this gives 500 GB", "so about 1M a minute"): no slip in a told one."""


@dataclass(frozen=True)
class PlayBack:
    """Revealed facts a message restates, right or wrong (fact ids, in the scenario's order)."""

    confirms: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    partial: bool = False
    """A terse list confirmed in part: some items repeat what was told, the others are the
    candidate's own ("upload, a feed, likes, delete" when likes were never discussed)."""
    wrong_said: tuple[tuple[str, str], ...] = ()
    """For each fact in `contradicts`, the candidate's clause that got it wrong (what the
    correction answers: "we reuse the code" is met with the sentence about codes)."""

    def said_against(self, facts: Sequence[str]) -> tuple[str, ...]:
        """The clauses that got `facts` wrong, in their order ("" for one not known)."""
        where = dict(self.wrong_said)
        return tuple(where.get(f, "") for f in facts)


def _pieces(text: str) -> list[str]:
    """The clauses of a sentence; a short label before a colon stays with what follows it
    ("views: 100k/min", "edits: allowed for 30 min, delete any time": the label says what the
    value is about). A wrapped line is read as one ("... orders a\nminute"); the lines of a
    block are read apart."""
    if "\n" in text:
        return [p for line in unwrapped(text).split("\n") for p in _pieces(line)]
    label = _LABEL.match(text)
    if label is not None and len(words(label["label"])) <= _LABEL_WORDS:
        rest = _pieces(text[label.end() :])
        if rest:
            return [f"{label['label']} {rest[0]}", *rest[1:]]
    return [p for p in _CLAUSE.split(text) if p and len(words(p)) >= 1]


_LABEL = re.compile(r"^[\s*_`-]*(?P<label>[A-Za-z][\w /&+.-]{0,30}?)[*_`]*\s*:\s+(?=\S)")
_LABEL_WORDS = 3


def _negated(text: str) -> bool:
    ws = words(text)
    return any(w in word_set("negations") for w in ws) or bool(
        re.search(r"\b(?:can ?not|no longer|read[- ]only|append[- ]only)\b", text.lower())
    )


def _side(text: str) -> dict[int, int]:
    """For each pair of opposites the text takes a side on: which side (0 or 1). A phrase
    turned round by a negation just before it ("no ranking algorithm", "it is not mutual")
    takes the other side; a negation elsewhere in the clause ("editable as long as it hasn't
    shipped") turns nothing. Clauses that disagree leave the pair out."""
    out: dict[int, int] = {}
    for piece in _pieces(text):
        low = f" {' '.join(words(piece))} "
        for n, (left, right) in enumerate(opposites()):
            a = [w for w in left if f" {w} " in low]
            b = [w for w in right if f" {w} " in low]
            if not a and not b and "editable" in right:
                # an edit refused or allowed in other words: "it can't be retargeted", "can go
                # back and edit"
                refused = matcher("edit_refused").search(low)
                allowed = None if refused else matcher("edit_allowed").search(low)
                a = [refused.group(0).strip()] if refused else []
                b = [allowed.group(0).strip()] if allowed else []
            if bool(a) == bool(b):
                continue
            phrase = (a or b)[0]
            flip = (
                (_negated_before(low, phrase) and not _self_negating(low, left + right))
                or bool(_PUT_ASIDE.search(low))
                or bool(_NO_NEED.search(low, 0, max(0, low.find(f" {phrase} "))))
            )
            side = (0 if a else 1) ^ (1 if flip else 0)
            out[n] = side if out.get(n, side) == side else -1
    return {n: side for n, side in out.items() if side >= 0}


_NO_NEED = re.compile(
    r"\b(?:(?:do|does|did)(?:nt| not)|dont|doesnt|no|not) (?:really )?(?:need|have|has|got) to\b|"
    r"\bneednt\b|\bno need\b|\bnot (?:necessary|required|needed)\b"
)
"""A requirement said not to hold, anywhere before the phrase ("tweets don't need to reach
everyone instantly"): the phrase's side is turned round."""

_PUT_ASIDE = re.compile(
    r"\b(?:out of scope|not in scope|outside (?:the )?scope|leave (?:\w+ ){0,4}out)\b"
)
"""A clause that puts its thing aside ("Leave any recommendation algorithm out of scope"): it
takes the other side of what it names."""

_NEGATION_REACH = 4
"""Words before a phrase a negation may stand in and still turn it round ("not really
mutual", "there is no ranking algorithm")."""


def _negated_before(low: str, phrase: str) -> bool:
    before = low[: low.index(f" {phrase} ")].split()[-_NEGATION_REACH:]
    return _negated(" ".join(before))


def _self_negating(low: str, phrases: tuple[str, ...]) -> bool:
    """The pair's own phrase holds the negation ("cannot be edited", "immutable"): the clause
    is not turned round by it."""
    return any(f" {w} " in low and _negated(w) for w in phrases)


def _opposed(clause: str, answer: str) -> bool:
    """The clause and the answer's clause it is about take opposite sides of a pair of
    opposites. (A "not" alone decides nothing: "no special security constraints" and "our own
    code" agree.) An answer may take both sides on different things ("a new link works at
    once; click counts can lag"): only the clause sharing the most words with the candidate's
    is compared."""
    mine = _side(clause)
    if not mine:
        return False
    said = content_stems(clause)
    things = said - _pair_stems()
    sides = [(len(content_stems(piece) & things), _side(piece)) for piece in _pieces(answer)]
    for n, side in mine.items():
        # the answer's clause on the same pair that shares the most words with the candidate's
        # ("never edited after payment", not "authors can edit their reviews")
        on_pair = [(shared, theirs[n]) for shared, theirs in sides if n in theirs]
        if on_pair:
            best = max(shared for shared, _ in on_pair)
            own = said - _pair_stems()
            if best == 0 and own and not own & content_stems(answer):
                # nothing in common but the pair, and a thing named that the answer never
                # speaks of: another thing ("stale by a second is fine for history" against
                # "balances and transfers need strong consistency"); a bare "strong
                # consistency." is about the whole
                continue
            nearest = {s for shared, s in on_pair if shared == best}
            if nearest == {1 - side}:
                return True
    return False


@cache
def _pair_stems() -> frozenset[str]:
    """The content stems of every side of every pair of opposites, and of the words that go
    with them ("is fine", "must be"): what a clause says of a thing, not the thing."""
    phrases = [w for left, right in opposites() for w in (*left, *right)]
    return frozenset(content_stems(" ".join([*phrases, *word_set("side_fillers")])))


def _claims(r: Reading) -> bool:
    """The sentence says something of the system: a statement, an assumption, or a statement
    put up for confirmation ("links expire after a year, right?", "so click counts have to be
    real time?", "100k reads/sec, 1k writes/sec?": a question in the words of a statement).
    A question claims nothing ("can tweets be edited?", "how much downtime is acceptable?",
    "Two things: can people edit a tweet ...?", "text only, or pics too?"), nor does code or
    an endpoint ("POST /files/{path}/commit"), nor an injection."""
    if _CODE_LINE.search(r.text) or is_injection(r.text):
        return False
    if not r.question:
        return True
    if _ALTERNATIVES.search(r.low) and not matcher("tag").search(r.low):
        # "the user can change it, or no?", "I'm assuming a rejudge runs automatically, or is
        # it only on request?": which of two is asked
        return False
    if r.assumption:
        return True
    first = opening(r.sentence)[:1]
    return not ((first and first[0] in question_words()) or _ASKED_INSIDE.search(r.low))


_ALTERNATIVES = re.compile(r"\bor\b(?!\s+not\W*$)(?![^?]*\b(?:right|correct)\W*$)")
_CODE_LINE = re.compile(r"`|\b(?:GET|POST|PUT|PATCH|DELETE)\s+/")
_ENDPOINT_LINE = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+/")
_ASKED_INSIDE = re.compile(
    r"[:;,]\s*(?:and\s+|so\s+|but\s+)?(?:can|could|do|does|did|is|are|was|were|will|would|should|"
    r"how|what|when|where|which|who|why)\b(?!'t|\s*not\b|\s+(?:that\s+|it\s+|this\s+)?(?:ok|okay|fine|alright|right|correct)\b)"
)
"""A question asked after a lead-in ("Two things: can people edit a tweet ...?")."""


def _misread(
    r: Reading, pieces: Sequence[str], wrong: dict[str, tuple[Rule, ...]]
) -> dict[str, str]:
    """The told facts a clause gets wrong by the fact's own `wrong` rules ("links expire after a
    year by default" when they live forever). A proposal is the candidate's design, not a
    play-back ("cache entries expire after a day")."""
    out: dict[str, str] = {}
    for i, text in enumerate(pieces):
        if _DECIDED.search(text) or _NO_CLAIM.search(text):
            continue  # "I'll still put uploads through a virus scan": a decision of their own
        # ("10k orders a minute is roughly 170 a second": the hedge of a figure says nothing
        # of how exact the orders are)
        toks = clauses(r.sentence.retold(_FIGURE_HEDGE.sub(" ", text)))
        # a condition said first is part of the claim ("When the user is offline, we don't
        # keep his messages on the server": about offline delivery, not the history)
        lead = pieces[i - 1] if i and _CONDITION.match(pieces[i - 1]) else None
        with_lead = tokens(f"{lead} {text}") if lead else None
        for f, rules in wrong.items():
            if f in out:
                continue
            hit = [w for w in rules if any(w.matches(t) for t in toks)]
            if hit and (with_lead is None or any(w.matches(with_lead) for w in hit)):
                out[f] = text
    return out


_TAKEN_BACK = re.compile(
    r"\b(?:a|per|an|every)\s+(?:second|minute|hour|day|week|month|year)[\s,]*(?:wait|sorry|oops|"
    r"i mean|no)\b[\s,.]*(?:(?:no|sorry|i mean|wait)\b[\s,.]*)*(?P<unit>(?:a|per|an|every)\s+"
    r"(?:second|minute|hour|day|week|month|year))\b",
    re.IGNORECASE,
)
"""A time taken back at once ("a hundred million uploads a second wait no a day"): the one said
last is meant."""


_FIGURE_HEDGE = re.compile(
    r"\b(?:roughly|approximately|approx|about|around|nearly|almost|circa)\.?\s+(?=[~≈]?\s*\d|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+(?:hundred|thousand|"
    r"million|billion)\b)",
    re.IGNORECASE,
)
"""A hedge on a figure ("roughly 170 a second"), not on the thing counted."""


_CONDITION = re.compile(r"^\W*(?:when|whenever|if|while|once|unless|until)\b", re.IGNORECASE)


_LEAD = re.compile(r"^\W*(?:(?:ok|okay|so|and|then|um+|uh+|yeah|well|right)\b\W*)*", re.IGNORECASE)
"""Words a sentence may open with before what it says ("ok so um ...")."""


_DECIDED = re.compile(
    r"\b(?:i(?:'ll| will|'d| would|'m going to| am going to|'m gonna| gonna)|ill|let'?s|"
    r"im going to|im gonna|i (?:keep|store|put|use|add|run|cache|shard|precompute|pick|choose|"
    r"go with)|i(?:'m| am|m) (?:leaving|skipping|dropping|ignoring|keeping|putting|using|storing|"
    r"caching|sharding|picking|choosing|going with))\s+(?:still\s+|also\s+|just\s+|probably\s+|"
    r"then\s+|like\s+|do\s+)*(?!assume|say|guess|suppose|take\b|expect|imagine|need\b|have to)",
    re.IGNORECASE,
)
"""A clause in which the candidate decides something of their own ("I'll still put uploads
through a virus scan", "so for matching i'd do a conditional update", "I keep a counter per
tweet and update it async", "I'm leaving ranking out completely"): a design, no play-back of
what was told."""


_NO_CLAIM = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay)\W+)*if (?:yes|so|not|that'?s the case|it is|it'?s)\b"
    r"|\b(?:i could imagine|i can imagine|i(?:'?m| am) (?:picturing|imagining|wondering|asking because)"
    r"|i was wondering|give me a (?:second|sec|minute|moment)|bear with me|sorry)\b",
    re.IGNORECASE,
)
"""A clause that claims nothing of the system: a condition on the question just asked ("If yes
then we need HIPAA"), the candidate's speculation ("I could imagine mobile only", "I'm picturing
either an editorial team or ..."), small talk ("give me a second to write this down")."""


def _rate(q: Quantity) -> tuple[str, bool, float]:
    """(unit, whether a rate, value per second). A time amount read with no unit ("every 4
    seconds", "4 s", "an hour") is a time, in seconds: never a count ("1M drivers pinging every
    4 s" is no slip of a 4; "60 minutes" is "an hour")."""
    if not q.unit and q.per is None and (span := _TIME_AMOUNT.search(q.text)) is not None:
        return (
            "s",
            False,
            q.value * _PER_SECOND[_TIME_WORD[span["t"].lower()]],
        )
    per = _PER_SECOND.get(q.per or "", 1.0)
    return q.unit, q.per is not None, q.value / per


_TIME_AMOUNT = re.compile(
    r"(?:^|[\s\d])(?P<t>s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)\s*$", re.IGNORECASE
)
_TIME_WORD = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "s"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("day", "days"), "day"),
}
"""A time word of `_TIME_AMOUNT` -> its key in `_PER_SECOND`."""


def _agrees(q: Quantity, others: Sequence[Quantity]) -> bool | None:
    """Whether `q` is within 4x of a comparable figure among `others` ("a few thousand" for
    "thousands"); None when none is comparable, or the nearest is over 12x away: then `q` is another quantity (a total the
    candidate derived, "500 GB for records"), not a slip in one of ours."""
    nearest = _nearest(q, others)
    if nearest is None or nearest > _ANOTHER_QUANTITY:
        return None
    return nearest <= _TOLERANCE


def _result_said(text: str, q: Quantity) -> bool:
    """The figure is said as a result ("..., that's up to 200 seconds", "-> ~1 MB/min"): a
    result marker before it in its clause."""
    text = _LEAD.sub("", text)  # ("so drivers ping every thirty seconds": "so" opens it)
    at = text.find(q.text)
    return bool(_DERIVED.search(text[: at if at >= 0 else len(text)]))


def _said_near(said: Sequence[Quantity], told: Sequence[Quantity]) -> bool:
    """A figure of the message within the tolerance of a told one of the same unit, rate or
    not ("~100 MB per hour-long session" for "roughly 100 MB for an hour")."""
    return any(
        x.unit == y.unit and x.value > 0 and y.value > 0
        and max(x.value / y.value, y.value / x.value) <= _TOLERANCE
        for x in said
        for y in told
        if x.unit or y.unit
    )


def _nearest(q: Quantity, others: Sequence[Quantity]) -> float | None:
    """How many times off `q` is from the nearest comparable figure among `others` (same unit,
    both rates or neither, rates per second); None when none is comparable."""
    unit, is_rate, value = _rate(q)
    comparable = [v for u, r, v in map(_rate, others) if u == unit and r == is_rate and v > 0]
    if not comparable or value <= 0:
        return None
    return min(max(v / value, value / v) for v in comparable)


def _counted(text: str, q: Quantity) -> frozenset[str]:
    """What a figure counts: the content stems of its own words and the few after it, less
    the words of figures, units and times ("ten million *products*", "1M product *page
    views* a minute"); empty when nothing is named."""
    at = text.find(q.text)
    if at < 0:
        return frozenset()
    own = _CLAUSE_END.split(q.text)[0]
    # (a figure's text that runs into the next clause, "100k reads a minute against", ends it)
    after = "" if own != q.text else _COUNTED_END.split(text[at + len(q.text) :])[0]
    # (the words after it up to the clause's end: "1M views a minute, nearly all of them
    # people scrolling" counts all the views)
    rest = _CLAUSE_END.split(text[at + len(q.text) :])[0][:30]
    if _SUBSET.search(f"{own} {rest}"):
        return frozenset()  # "10k entries with images": a part of a total, not the total
    said = [w for w in (*words(own), *words(after)[:_COUNTED_WORDS]) if w.isalpha()]
    return frozenset(content_stems(" ".join(said))) - set_stems("figure_words")


_SUBSET = re.compile(
    r"\b(?:with|having|carrying|containing|that have|which have|of them|of those)\b|\bw/"
)
_CLAUSE_END = re.compile(r"[,.;:()\n=~]|\b(?:and|but|so|which|that|vs|versus|against)\b")
_COUNTED_END = re.compile(rf"\d|{_CLAUSE_END.pattern}")
"""Where the words naming a figure's thing end: punctuation, the next figure, a new clause."""


_COUNTED_WORDS = 3


_LIMIT_WORDS = r"(?:up to|at most|max(?:imum)?(?: of)?|capped at|a cap of|cap(?:ped)? (?:is|of)|limit(?:ed)? (?:of|to|is)|no more than)"
_LIMIT_BEFORE = re.compile(
    _LIMIT_WORDS + r"\W+(?:(?:like|about|around|roughly|maybe|~)\W+)*$", re.I
)
_CAP = re.compile(
    _LIMIT_WORDS
    + r"\W+(?P<n>\d[\d,]*)\b(?!\s*(?:%|percent|[kmgt]?b\b|seconds?|minutes?|hours?|days?))",
    re.I,
)
_CAP_RATIO = 1.5
"""How far a limit played back may be from the answer's limit ("up to 300" for "capped at 256"
is a rounding; "up to a thousand" is another limit)."""


def _limit_before(text: str, q: Quantity) -> bool:
    """A figure said as a limit ("up to like a thousand people", "max 500 members")."""
    at = text.find(q.text)
    return at >= 0 and bool(_LIMIT_BEFORE.search(text[max(0, at - 40) : at]))


def _cap(answer: str) -> float | None:
    """The one plain count an answer gives as a limit ("A group is capped at 256 members"), else
    None (no limit, or two)."""
    found = [float(m["n"].replace(",", "")) for m in _CAP.finditer(answer)]
    return found[0] if len(found) == 1 else None


def _off_cap(value: float, cap: float) -> bool:
    return value > 0 and cap > 0 and max(value / cap, cap / value) > _CAP_RATIO


@cache
def _answer_figures(answer: str) -> tuple[Quantity, ...]:
    """An answer's figures, and those it gives as a multiple of the one before ("about 10k
    transactions a minute ... ten times that": 100k a minute too)."""
    found = find_quantities(answer)
    out = list(found)
    for q in found:
        # "Around 100M riders use the app each month": a count the sentence gives per a time
        # further on is that rate too
        at = answer.find(q.text)
        rest = re.split(r"[.;]", answer[at + len(q.text) :], maxsplit=1)[0] if at >= 0 else ""
        if q.per is None and (each := _EACH_TIME.search(rest)) is not None:
            out.append(Quantity(q.value, q.unit, _TIME_UNITS[each["t"].lower()], q.text))
    for m in _TIMES_THAT.finditer(answer):
        before = [q for q in found if answer.find(q.text) < m.start()]
        if not before:
            continue
        word = m["n"].lower()
        n = float(word) if word[0].isdigit() else _MULTIPLES.get(word)
        if n:
            q = before[-1]
            out.append(Quantity(q.value * n, q.unit, q.per, m.group(0)))
    return tuple(out)


_TIME_UNITS = {
    "second": "s",
    "minute": "min",
    "hour": "h",
    "day": "day",
    "month": "month",
    "year": "year",
}
_EACH_TIME = re.compile(
    r"\b(?:each|every|per|a)\s+(?P<t>second|minute|hour|day|month|year)\b", re.I
)


_MULTIPLES = {
    "twice": 2.0,
    "double": 2.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "ten": 10.0,
    "hundred": 100.0,
    "a hundred": 100.0,
}
_TIMES_THAT = re.compile(
    r"\b(?P<n>twice|double|two|three|four|five|ten|a hundred|hundred|\d+(?:\.\d+)?)"
    r"(?:\s*(?:x|times))?\s+(?:that|as many|as much)\b",
    re.IGNORECASE,
)


_FACTOR = re.compile(r"^(?:\d+(?:\.\d+)?\s*[x×]|[x×]\s*\d+(?:\.\d+)?)$", re.IGNORECASE)
"""A multiple written as such ("3x", "x3"): a factor, not a count of anything."""


_NOT_BEFORE = re.compile(r"(?i)\b(?:not|rather than|instead of|never)\s+(?:\w+\s+){0,2}$")
_TIME_STEMS = frozenset(
    stem(w) for w in ("second", "minute", "hour", "day", "week", "month", "year", "per", "each")
)
PUT_UP_OFF = 10.0
"""How far a figure put up for a fact not told yet must be from every figure of its answer to be
corrected rather than answered (`put_up_off`)."""


def put_up_off(sentence: str, fact: Fact) -> str | None:
    """The figure of `sentence`, which puts up an untold `fact` for confirmation ("uploads I
    think are around 100 per minute, is it correct?"), that is more than `PUT_UP_OFF` times
    from every figure of the fact's answer it compares with (the same unit, both rates or
    neither); None when a figure of it is near one, or none compares. The sentence asked for
    that fact, so its figure is that fact's, not a total worked out of it."""
    answer = _answer_figures(fact.answer)
    about = content_stems(f"{fact.topic} {fact.answer}") - _TIME_STEMS
    off: str | None = None
    for q in find_quantities(sentence):
        if _FACTOR.match(q.text) or not (q.per or q.unit or q.value >= 1000):
            continue  # "~3x", "2 devices": no figure of the fact's size
        at = sentence.find(q.text)
        start = max(sentence.rfind(c, 0, at) for c in ",;:") + 1 if at >= 0 else 0
        stop = min(
            (i for c in ",;:" if (i := sentence.find(c, at + len(q.text))) >= 0),
            default=len(sentence),
        )
        if _NOT_BEFORE.search(sentence[start:at]):
            continue  # "hundreds of servers, not tens of thousands": the other side
        if not (content_stems(sentence[start:stop]) - _TIME_STEMS) & about:
            continue  # "~10M reads/min" is no figure of the write rate
        nearest = _nearest(q, answer)
        if nearest is None:
            continue
        if nearest <= PUT_UP_OFF:
            return None
        off = off or q.text
    return off


def _holds_any(q: Quantity, figures: Sequence[Quantity]) -> bool:
    """Whether a plain count is within the tolerance of one of the answer's counts per a time,
    read as a count ("10M daily users" against "10M of them active on a given day")."""
    return any(
        f.value > 0 and max(q.value / f.value, f.value / q.value) <= _TOLERANCE
        for f in figures
        if f.per and not f.unit and not q.unit and not q.per
    )


_MULTIPLIER_BEFORE = re.compile(r"(?i)(?:[x×*✕]|\btimes)\s*$")
"""A figure right after a multiplication sign: a factor per one thing, not a total."""

_DAILY_SAID = re.compile(r"(?i)\b(?:daily|dau|daus|actives?)\b")
"""A population said as the day's ("50M daily users", "10M DAU", "daily actives")."""


def _far_off(q: Quantity, same: Sequence[Quantity]) -> bool:
    """`q` is over the tolerance away from every comparable figure of the same thing, even
    past the "another quantity" distance (the same thing named cannot be another quantity)."""
    nearest = _nearest(q, same)
    return nearest is not None and nearest > _TOLERANCE


_ECHO_WORDS = 3
"""At most this many words that carry a topic in an item of a terse list ("upload, a feed,
likes and comments, delete")."""


def _echoed(text: str, facts: Sequence[Fact]) -> list[Fact]:
    """The revealed facts a terse item of a summary only repeats: each of its few topic words
    is in the fact's answer ("a feed", "delete" after "... The uploader can delete it"). An
    item with a figure or a negation, or with a word the answer never says, echoes nothing
    (it is checked by the facts' rules, or is the candidate's own)."""
    said = content_stems(text) - _frame_stems()
    if not said or len(said) > _ECHO_WORDS or _negated(text) or re.search(r"\d", text):
        return []
    return [f for f in facts if said <= _answer_stems(f.answer)]


@cache
def _answer_stems(answer: str) -> frozenset[str]:
    """Every word of an answer, stemmed ("like" is a function word in speech, not in
    "like, favorite or comment on a video")."""
    return frozenset(stem(w) for w in words(answer))


def _touched(r: Reading, text: str, scenario: LoadedScenario, facts: Sequence[Fact]) -> list[Fact]:
    """The revealed facts a clause of a sentence is about, by the facts' own match rules."""
    piece = r.sentence.retold(text)
    # a figure stated is the answer to "how many": "ten million products" is about the
    # catalog's size as "how many products?" is
    asked = figures_as_asked(piece)
    pieces = clauses(piece) + (clauses(asked) if asked is not piece else [])
    # a typo mended as in a question ("we sandbox each run with no netwrok")
    speller = speller_for(scenario)
    pieces += [m for p in pieces if (m := mended(p, speller)) != p]
    return [
        f
        for f in facts
        if any(rule.matches(p) for rule in scenario.fact_rules[f.id] for p in pieces)
    ]


def _echoes(
    r: Reading, said: Sequence[tuple[str, list[Fact]]], facts: Sequence[Fact]
) -> tuple[dict[str, list[Fact]], bool]:
    """A terse list played back ("requirements: upload, a feed, likes and comments, delete"):
    the items no rule ties to a fact, each tied to the facts whose answer it only repeats.
    Only when every item of the sentence is accounted for (by a rule, an echo, or as the
    list's frame, "requirements"): a list with an item of the candidate's own ("feed,
    search, DMs") is the candidate's picture, not a play-back to confirm. A proposal plays
    nothing back."""
    if r.proposal:
        return {}, False
    frame = _frame_stems()
    echoes: dict[str, list[Fact]] = {}
    own = 0
    for text, touched in said:
        stems = content_stems(text) - frame
        if touched or not stems:
            continue
        echoed = _echoed(text, facts)
        if echoed:
            echoes[text] = echoed
        else:
            own += 1
    # items of the candidate's own beside two or more that repeat what was told: confirmed in
    # part ("the rest is your call"); one item told among others of their own is their picture
    if own and len(echoes) < 2:
        return {}, False
    return echoes, bool(own and echoes)


@cache
def _frame_stems() -> frozenset[str]:
    """The stems of the words that frame a list or ask a view of it ("requirements", "sound
    right?", "is that correct?"): they add no item."""
    framing = (*word_set("summary_frames"), *word_set("view_words"), *word_set("pointing_back"))
    return frozenset(content_stems(" ".join(framing)))


_DURATION = {
    "second": 1.0,
    "seconds": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "s": 1.0,
    "minute": 60.0,
    "minutes": 60.0,
    "min": 60.0,
    "mins": 60.0,
    "hour": 3600.0,
    "hours": 3600.0,
    "hr": 3600.0,
    "hrs": 3600.0,
    "h": 3600.0,
    "day": 86400.0,
    "days": 86400.0,
    "d": 86400.0,
    "week": 604800.0,
    "weeks": 604800.0,
    "month": 2.6e6,
    "months": 2.6e6,
    "year": 3.15e7,
    "years": 3.15e7,
    "yr": 3.15e7,
    "yrs": 3.15e7,
    "y": 3.15e7,
}
"""A length of time's word, in seconds ("fifteen minutes", "24h", "7 years")."""
_ONE_THING = re.compile(
    r"\b(?:each|apiece|avg|average|on average|per (?:item|file|message|tweet|post|video|record|row|artifact|recording|entry|submission|transaction|photo|image|link|upload|write))\b"
)
"""Words that make a size the size of one thing, not a total ("~1KB avg each")."""


_ONE_BEFORE = re.compile(
    r"(?:\b(?:an? |the )?(?:avg|average|typical|single)\s+\w+\s+(?:is|are|=|of)"
    r"|\beach\s+(?!that\b|which\b|this\b|it\b)\w+\s+(?:is|=)|[x\u00d7*])"
    r"\s*(?:~|about|around|roughly|like)?\s*$"
)
"""A size said of one thing by what comes before it: "an avg write is ~1 KB", "each tweet is
about 300 bytes", "1k writes/min x 1KB" (a count times a size: the size of one)."""


def _kind(text: str, q: Quantity) -> str | None:
    """ "time" for a length of time, "size" for the size of one thing, else None (a count, a
    rate, a total size: compared as before)."""
    if _duration(q) is not None:
        return "time"
    if (
        q.unit == "B"
        and q.per is None
        and (_ONE_THING.search(_around(text, q)) or _ONE_BEFORE.search(_before(text, q)))
    ):
        return "size"
    return None


def _before(text: str, q: Quantity) -> str:
    """What comes before a figure, lower case (`_ONE_BEFORE` reads only its unbroken end)."""
    at = text.find(q.text)
    return text[:at].lower() if at > 0 else ""


def _duration(q: Quantity) -> float | None:
    if q.unit or q.per:
        return None
    last = re.findall(r"[a-z]+", q.text.lower())
    return q.value * _DURATION[last[-1]] if last and last[-1] in _DURATION else None


def _around(text: str, q: Quantity) -> str:
    """A figure's text and the few words after it ("1KB avg each", "1 MB on average")."""
    at = text.find(q.text)
    return text[at : at + len(q.text) + 20].lower() if at >= 0 else q.text.lower()


@cache
def _made_of(answer: str) -> tuple[tuple[float, str], ...]:
    """The sizes of one thing an answer's figures multiply into, each with that thing: a size
    times the small count each thing has ("each product has about 5 images of roughly 500 KB":
    2.5 MB a product)."""
    out = []
    for m in _EACH_HAS.finditer(answer):
        if not 1 < float(m["n"]) <= _FEW:
            continue
        # the size of each of the things counted, said right after them ("5 images of 500 KB")
        after = answer[m.end() : m.end() + 40]
        out += [
            (q.value * float(m["n"]), m["owner"].lower())
            for q in find_quantities(after)
            if q.unit == "B" and q.per is None
        ]
    return tuple(out)


def _made_size(q: Quantity, text: str, facts: Sequence[Fact]) -> bool:
    """A size worked out of an answer's figures and said of the thing it is the size of
    ("roughly 2.5 MB per product" of 5 images of 500 KB each; not "5 MB per product record")."""
    if q.unit != "B" or q.per is not None or q.value <= 0:
        return False
    for f in facts:
        for value, owner in _made_of(f.answer):
            said = re.search(
                rf"\b(?:per|a|an|each|every)\s+{re.escape(owner)}s?\b(?!\s+(?!{_JOINS})[a-z])",
                text,
                re.I,
            )
            if said and max(value / q.value, q.value / value) <= _CAP_RATIO:
                return True
    return False


_EACH_HAS = re.compile(
    r"\beach\s+(?P<owner>[a-z]+)\s+(?:has|holds|carries|contains|gets)\s+"
    r"(?:(?:about|around|roughly|up to|~)\s*)?(?P<n>\d+(?:\.\d+)?)\b",
    re.IGNORECASE,
)
_FEW = 100
_JOINS = r"(?:against|and|or|but|so|which|that|vs|versus|with|in|on|of|at|is|are|was)\b"
"""Words that may follow "per product" when it ends what the figure is of."""


def _kinds(text: str, kind: str, only: Quantity | None = None, every: bool = False) -> list[float]:
    """The figures of one kind in `text` (seconds, or bytes of one thing; `every`: bytes of
    one thing or in all)."""
    out: list[float] = []
    for q in [only] if only is not None else find_quantities(text):
        if kind == "time":
            out.append(_duration(q) or 0.0)
        elif _kind(text, q) == "size" or (every and q.unit == "B" and q.per is None):
            out.append(q.value)
    return [v for v in out if v]


def _sided(text: str, facts: Sequence[Fact]) -> list[Fact]:
    """The revealed facts without figures whose answer takes the other side of a pair of
    opposites from the clause, in a clause of the answer that speaks of a thing the
    candidate's names too (by `_opposed`)."""
    if not _side(text):
        return []
    own = content_stems(text) - _pair_stems() - _frame_stems()
    return [
        f
        for f in facts
        if own & _answer_stems(f.answer)
        and not find_quantities(f.answer)
        and _opposed(text, f.answer)
    ]


def _measures(answer: str, kind: str) -> bool:
    """The answer gives a length of time, or any size (of one thing or in all)."""
    if kind == "time":
        return any(_duration(q) for q in find_quantities(answer))
    return any(q.unit == "B" for q in find_quantities(answer))


def _off(mine: Sequence[float], theirs: Sequence[float]) -> bool:
    """Every figure of the candidate's is over the tolerance away from every one of the
    answer's of the same kind."""
    return bool(mine and theirs) and all(
        min(max(a / b, b / a) for b in theirs) > _TOLERANCE for a in mine
    )


def played_back(
    readings: Sequence[Reading], scenario: LoadedScenario, revealed: Sequence[str]
) -> PlayBack:
    """Which revealed facts the message restates correctly and which it contradicts."""
    facts = [f for f in scenario.scenario.facts if f.id in set(revealed)]
    if not facts:
        return PlayBack()
    figures = {f.id: _answer_figures(f.answer) for f in facts}
    answers = {f.id: f.answer for f in facts}
    every_figure = [q for qs in figures.values() for q in qs]
    confirms: set[str] = set()
    contradicts: set[str] = set()
    said_wrong: dict[str, str] = {}
    partial = False
    wrong_rules = {f.id: scenario.wrong_rules[f.id] for f in facts if f.id in scenario.wrong_rules}
    # (a message that works figures out may say any figure as a total of its own; worked out
    # only when a figure needs it)
    whole = " ".join(r.text for r in readings)
    said_figures = find_quantities(whole)
    worked_out = cache(lambda: bool(find_calculations(whole)))
    for r in readings:
        said = [
            (text, _touched(r, text, scenario, facts))
            for text in (_TAKEN_BACK.sub(r"\g<unit>", t) for t in _pieces(r.text))
        ]
        # A plain question claims nothing ("can tweets be edited?" asks; "tweets are editable,
        # right?" claims): nothing it touches is corrected.
        claims = _claims(r) and not _DECIDED.match(_LEAD.sub("", r.text))
        if wrong_rules and claims and not r.proposal:
            for f_id, text in _misread(r, [text for text, _ in said], wrong_rules).items():
                contradicts.add(f_id)
                said_wrong.setdefault(f_id, text)
        echoes, in_part = _echoes(r, said, facts)
        partial = partial or in_part
        for text, touched in said:
            touched = touched or echoes.get(text, [])
            # ("..., and I'm leaving ranking out completely": a decision of the candidate's own
            # claims nothing of what was told)
            claimed = claims and not _DECIDED.search(text)
            if not touched:
                # no rule ties the clause to a fact, but it takes the other side from an
                # answer on the same thing ("posted txns can be edited by support" against
                # "A posted transaction is never edited or deleted")
                if claimed:
                    for f in _sided(text, facts):
                        contradicts.add(f.id)
                        said_wrong.setdefault(f.id, text)
                continue
            wrong: set[str] = set()
            for q in find_quantities(text):
                if _FACTOR.match(q.text):
                    continue  # "~3x uploads": a multiple, no count
                if q.per and _MULTIPLIER_BEFORE.search(text[: max(0, text.find(q.text))]):
                    continue  # "10M daily users x 10 changes a day": a factor per one
                kind = _kind(text, q)
                if kind is not None:
                    # a length of time or a size of one thing ("each run is about fifteen
                    # minutes", "~1KB avg each"): one revealed fact of the clause says how
                    # long or how big, and this is far from it
                    # (a fact with any size, each or in all, owns a size: two such facts
                    # leave it open which one the figure is about)
                    measuring = [f for f in touched if _measures(f.answer, kind)]
                    mine = _kinds(text, kind, q)
                    # (a figure another revealed answer holds is that answer's: "50 million
                    # users, 10 GB each" is the storage per user, not a file's size)
                    held = [v for f in facts for v in _kinds(f.answer, kind, every=True)]
                    if (
                        len(measuring) == 1
                        and _off(mine, _kinds(measuring[0].answer, kind))
                        and _off(mine, held)
                        # ("100 tests at two seconds each, that's up to 200 seconds": a total
                        # worked out, not the told limit misremembered)
                        and not (_result_said(text, q) and worked_out())
                    ):
                        wrong.add(measuring[0].id)
                        continue
                    if kind != "size":
                        continue
                if (
                    (q.per or q.unit)
                    and _agrees(q, every_figure) is None
                    and len(touched) == 1
                    and _agrees(q, figures[touched[0].id]) is None
                    and (_nearest(q, figures[touched[0].id]) or 0) > _ANOTHER_QUANTITY
                    and not _TOTAL.search(text)
                    and not _result_said(text, q)
                    # ("~100 MB per hour-long session ...; the pad log is a few hundred KB":
                    # the told figure said right elsewhere, this one is of a part)
                    and not _said_near(said_figures, figures[touched[0].id])
                    and not worked_out()
                    and not _made_size(q, text, facts)
                ):
                    # "a recording is about 10 GB, right?" against roughly 100 MB: far from
                    # every figure told, said of the one thing the clause is about, and no
                    # total worked out ("10 GB of recordings a day" is another quantity)
                    wrong.add(touched[0].id)
                    continue
                if kind is not None:
                    continue
                if (q.per or q.unit) and _agrees(q, every_figure) is False:
                    if _made_size(q, text, facts):
                        continue  # "2.5 MB per product": 5 images of 500 KB, worked out
                    if _result_said(text, q) and worked_out():
                        continue  # "... = 100M changes a day": a total worked out, no play-back
                    owners = [f.id for f in touched if _agrees(q, figures[f.id]) is not None]
                    if len(owners) > 1:
                        # two rates near it: the one that counts the same thing ("a hundred
                        # thousand orders a minute" against "about 10k orders a minute", not
                        # "1M page views a minute")
                        thing = _counted(text, q)
                        owners = [
                            f
                            for f in owners
                            if thing and any(thing & _counted(answers[f], a) for a in figures[f])
                        ]
                    if len(owners) == 1:
                        wrong.add(owners[0])
                    continue
                # A figure of the same thing as an answer's ("ten million products" against
                # "about 100M products"), however far off; a bare count of nothing named ("120
                # thousand in the peak") may be anything.
                if q.unit:
                    continue  # a size is compared above: "5 GB of text" may be a total
                thing = _counted(text, q)
                limit = _limit_before(text, q)
                for f in touched:
                    if limit and (cap := _cap(f.answer)) is not None and _off_cap(q.value, cap):
                        # "groups go up to like a thousand people" against "capped at 256
                        # members": a limit said of the same fact, far from the answer's limit
                        wrong.add(f.id)
                        continue
                    # ("50M daily users" against "50M users, 10M of them active on a given
                    # day": the daily figure is the one it plays back)
                    daily = [a for a in figures[f.id] if a.per == "day" and not a.unit]
                    if (
                        daily
                        and not q.per
                        and _DAILY_SAID.search(q.text)
                        and all(
                            max(q.value / a.value, a.value / q.value) > _TOLERANCE
                            for a in daily
                            if a.value > 0 and q.value > 0
                        )
                    ):
                        wrong.add(f.id)
                        continue
                    same = [a for a in figures[f.id] if thing and thing & _counted(f.answer, a)]
                    # ("10M daily users" is the answer's "10M of them active on a given day",
                    # not its 50M users: a count the answer holds, by any rate, is no slip)
                    if _far_off(q, same) and not _holds_any(q, figures[f.id]):
                        wrong.add(f.id)
            for f in touched:
                if claimed and (f.id in wrong or (not figures[f.id] and _opposed(text, f.answer))):
                    contradicts.add(f.id)
                    said_wrong.setdefault(f.id, text)
                elif not _ENDPOINT_LINE.search(r.text):
                    # (an endpoint written out plays nothing back: "POST /submissions {code}"
                    # names code, not whether it is trusted)
                    confirms.add(f.id)
    confirms -= contradicts
    order = [f.id for f in facts]
    return PlayBack(
        confirms=tuple(f for f in order if f in confirms),
        contradicts=tuple(f for f in order if f in contradicts),
        wrong_said=tuple((f, said_wrong.get(f, "")) for f in order if f in contradicts),
        partial=partial and bool(confirms),
    )
