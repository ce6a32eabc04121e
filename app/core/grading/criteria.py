"""The rubric's criteria, one function each: context -> Finding. Pure; no I/O, no model.

Each criterion judges what the candidate *did*: a component must be placed or reasoned about, a
requirement relaxed with a reason, a question actually asked. Words recited in a list meet nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.analysis import ENDPOINT, PAGED_ENDPOINT
from app.core.grading.arithmetic import find_calculations, find_quantities, format_quantity
from app.core.grading.context import GradeContext, Said, SentenceRule
from app.core.grading.slogans import slogan_reason
from app.core.text import Term, stem, tokens


@dataclass
class Finding:
    met: bool
    evidence: list[Said] = field(default_factory=list)
    """Sentences quoted. Where the criterion is met, each meets the criterion's sentence rule
    (`RULES`) or is a neighbour that rule reads to hold at one that is quoted with it
    (`GradeContext.units`); tests/test_evidence.py re-checks that on the quotes alone."""
    share: float | None = None
    """Fraction of the points earned; None means all when met, none when not."""
    applicable: bool = True
    detail: dict[str, Any] = field(default_factory=dict)
    turns: list[dict[str, Any]] = field(default_factory=list)
    """Evidence that is not a whole sentence (an endpoint, a calculation), as turn + quote."""


Criterion = Callable[[GradeContext], Finding]
CRITERIA: dict[str, Criterion] = {}
RuleFactory = Callable[[GradeContext], SentenceRule]
RULES: dict[str, RuleFactory] = {}
"""Criterion id -> its rule for one sentence, built for a context: what a quoted sentence meets
(alone, or with the neighbours quoted beside it). What a rule leaves to the criterion is about
the whole transcript: counts ("three questions"), order ("before any component", "from the
first component on"), which one to quote. Criteria whose evidence is not a sentence (an
endpoint, a calculation, the question that uncovered a fact) have none here; the evidence test
re-applies theirs (tests/evaluation/evidence.py)."""


def criterion(criterion_id: str) -> Callable[[Criterion], Criterion]:
    def register(fn: Criterion) -> Criterion:
        CRITERIA[criterion_id] = fn
        return fn

    return register


def sentence_rule(criterion_id: str) -> Callable[[RuleFactory], RuleFactory]:
    def register(fn: RuleFactory) -> RuleFactory:
        RULES[criterion_id] = fn
        return fn

    return register


def _before(said: list[Said], limit: Said | None) -> list[Said]:
    if limit is None:
        return said
    return [s for s in said if (s.turn, s.index) < (limit.turn, limit.index)]


_NOT_CLARIFYING = re.compile(r"\b(hint|move on|next step|can we go|shall we)\b", re.I)


@sentence_rule("process.order")
@sentence_rule("req.clarify_first")
def _clarifying_rule(ctx: GradeContext) -> SentenceRule:
    """A question about the problem: not a check-in, not a request for a hint or to move on,
    not the candidate's own estimate said with a rising tone and talked on from ("Tinder has
    maybe fifty million daily users? So ..."), not the same question said again another way
    ("Is it assigned seats? Like a stadium with seat numbers, or a standing floor?")."""

    def own_estimate(s: Said) -> bool:
        message = ctx.by_turn[s.turn]
        return (
            s.index < message[-1].index
            and bool(_FIGURE_WORD.search(s.text))
            and not _ASKS_OPENING.match(s.text)
        )

    def said_again(s: Said) -> bool:
        return bool(_ELABORATION.match(s.text)) and any(
            x.index == s.index - 1 and x.question for x in ctx.by_turn[s.turn]
        )

    return lambda s: (
        s.question
        and not s.reading.check_in
        and not _NOT_CLARIFYING.search(s.text)
        and not own_estimate(s)
        and not said_again(s)
    )


_FIGURE_WORD = re.compile(
    r"\d|\b(?:ten|twenty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"billions|a few|dozen)\b",
    re.IGNORECASE,
)
_ASKS_OPENING = re.compile(
    r"\W*(?:(?:um+|uh+|so|and|okay|ok|like|hmm+|also|but),?\s+)*"
    r"(?:what|how|which|who|when|where|why|is|are|do|does|did|can|could|should|will|would|"
    r"shall|have|has|am|was|were)\b",
    re.IGNORECASE,
)
_ELABORATION = re.compile(
    r"\W*(?:like|i mean|as in|e\.?g\.?|for example|for instance|say)\b", re.IGNORECASE
)


def _clarifying(ctx: GradeContext) -> list[Said]:
    """Questions about the problem: not check-ins, not requests for hints or to move on."""
    rule = _clarifying_rule(ctx)
    return [s for s in ctx.said if rule(s)]


# --- process ---------------------------------------------------------------------------------


@criterion("process.order")
def process_order(ctx: GradeContext) -> Finding:
    first = ctx.first_proposal()
    questions = _clarifying(ctx)
    if not questions:
        return Finding(False, [first] if first else [], detail={"component": first and first.text})
    if first is None or (questions[0].turn, questions[0].index) < (first.turn, first.index):
        return Finding(True, [questions[0]])
    return Finding(False, [first], detail={"component": first.text})


_HEDGED = re.compile(
    r"^\W*(?:(?:um+|uh+|so|and|yeah|well)\W+)*(?:i think|i guess|i suppose|i'd say|probably|maybe)?"
    r"\W*(?:that'?s|it'?s|that is|it is|this is|that would be|it would be|it should be)\s+"
    r"(?:\w+\s+)?(?:ok|okay|fine|good|alright|enough|acceptable)\W*\?\W*$",
    re.IGNORECASE,
)


@sentence_rule("process.check_ins")
def _check_in_rule(ctx: GradeContext) -> SentenceRule:
    # A check-in follows something the candidate put forward: a phrase asking for the
    # interviewer's view ("does that match what you had in mind?"), or a bare "agree?" after it.
    # Ten words with what was put forward: a bare "agree?" is quoted with the sentences before
    # it that make them up.
    # The candidate's own judgement said with a rising tone, answering the interviewer's
    # question ("What does that do to latency?" -> "A few ms. I think that's okay?"), is a hedged
    # answer, not a view asked of a decision.
    def hedged(s: Said) -> bool:
        return bool(_HEDGED.match(s.text)) and ctx.prompt(s).rstrip().endswith("?")

    return lambda s: (
        (s.reading.check_in or ctx.search(_INVITED, s))
        and sum(len(x.text.split()) for x in ctx.by_turn[s.turn]) >= 10
        and not hedged(s)
        and not _tag_only(s.text)
        and not ctx.search(_ASKS_INPUT, s)
    )


# The interviewer invited to judge what the candidate puts forward, said as an imperative:
# "let me list the core features and you tell me what to cut", "stop me if that's off".
_INVITED = re.compile(
    r"\byou tell me (?:what|which|if|whether)\b|\b(?:stop|correct|interrupt) me if\b|"
    r"\bpush back if\b|\bfeel free to (?:push back|cut|stop me|correct me|challenge)\b|"
    r"\btell me (?:what to (?:cut|drop|keep|add)|if (?:that'?s|this is|i'?m|it'?s) (?:wrong|off|"
    r"not what))",
    re.IGNORECASE,
)
# A question for the interviewer's inputs, not for a view of a decision: "Do you have numbers in
# mind or should I make some up?"
_ASKS_INPUT = re.compile(
    r"\bdo you have (?:\w+ )?(?:numbers|figures|a number|estimates|a scale|numbers in mind)\b|"
    r"\bshould i (?:make (?:some|them|it|one) up|assume (?:some|the) (?:numbers|figures))\b",
    re.IGNORECASE,
)


# What asks for the interviewer's view in so many words ("does that sound right?", "what do you
# think?", "is that okay?"), where a bare tag does not.
_VIEW_ASKED = re.compile(
    r"\b(?:sounds?|make[s]? sense|what do you think|thoughts|agree|okay with|ok with|fine with|"
    r"happy with|reasonable|right track|did i miss|am i missing|anything i missed|missing "
    r"anything|does (?:that|this) (?:work|look|seem|match|fit)|is (?:that|this|it) (?:ok|okay|"
    r"fine|alright|all right|reasonable|correct|right|good|enough|fair|what you (?:had|have|want|"
    r"wanted|meant|mean))|would you|should i|do you want|shall i|good (?:to|so far)|fair)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r",?\s*(?:right|yeah|yes|no|correct)\s*\?\s*$", re.IGNORECASE)
_SCOPE = re.compile(r"\b(?:in|out of) (?:the )?scope\b", re.IGNORECASE)


def _tag_only(text: str) -> bool:
    """A check-in whose only cue is a rising tone: a tag on a statement ("that's basically
    nothing per second, right?", "Google News groups them, right?"), a figure said as a
    question ("like nine hundred million members?"), or a question about scope ("is that in
    the scope?", a requirement asked). No view of a decision is asked."""
    if _VIEW_ASKED.search(text):
        return False
    return bool(_TAG.search(text) or _SCOPE.search(text) or _FIGURE_WORD.search(text))


@criterion("process.check_ins")
def process_check_ins(ctx: GradeContext) -> Finding:
    rule = _check_in_rule(ctx)
    hits = [s for s in ctx.said if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:3]))


# --- requirements ----------------------------------------------------------------------------


@criterion("req.clarify_first")
def req_clarify_first(ctx: GradeContext) -> Finding:
    early = _before(_clarifying(ctx), ctx.first_proposal())
    return Finding(len(early) >= 3, early[:3], detail={"count": len(early)})


def _object_terms(ctx: GradeContext) -> dict[str, str]:
    return {
        o.name: "|".join(a.replace(" ", "+") for a in o.aliases)
        for o in ctx.model.requirements.objects
    }


def _alias_pattern(ctx: GradeContext) -> re.Pattern[str]:
    aliases = sorted({a for o in ctx.model.requirements.objects for a in o.aliases}, key=len)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, reversed(aliases)))})(?:e?s)?\b", re.I)


_SPOKEN_ENDPOINT = re.compile(r"\b(?:get|post|put|patch|delete)\s+slash\b", re.IGNORECASE)
"""An endpoint said aloud ("POST slash video slash ID slash like")."""


@sentence_rule("req.objects")
def _relation_rule(ctx: GradeContext) -> SentenceRule:
    aliases = _alias_pattern(ctx)
    relation = ctx.rule("@relation_word|@relation_more")

    def relates(s: Said) -> bool:
        if s.question or ctx.search(ENDPOINT, s) or ctx.search(_SPOKEN_ENDPOINT, s):
            return False  # "POST /alerts, to create an alert" relates nothing
        if ctx.has(s, "@component"):
            return False  # "the video service stores it in S3" places parts: design
        found = list(aliases.finditer(s.text))
        # A relation is said *between* two object mentions ("an account follows accounts",
        # "account -> video: posts"); a list of nouns relates nothing.
        for a, b in zip(found, found[1:], strict=False):
            between = s.text[a.end() : b.start()]
            if re.search(r"->|→|\bx\b|×", between) or relation.matches(tokens(between)):
                return True
            # ownership said with a possessive: "publishers ... get their articles", "a
            # user's playlists", "the songs of a playlist"
            if _OWNED.search(between) and len(between) <= 60:
                return True
        return False

    return relates


_OWNED = re.compile(
    r"^(?:s|es)?'s?\s*$|\b(?:their|its|his|her)\s+(?:own\s+)?$|\bof\s+(?:a|an|the|each|every|one|their|its)\s+$",
    re.IGNORECASE,
)
"""What lies between an owner and its thing ("user's ", " ... get their ") or a thing and its
owner ("songs of a "): the possessive relates two objects."""


@criterion("req.objects")
def req_objects(ctx: GradeContext) -> Finding:
    terms = _object_terms(ctx)
    named = {name for name, rule in terms.items() if ctx.where(rule)}
    missing = [name for name in terms if name not in named]
    enough = len(named) >= math.ceil(len(terms) * 2 / 3)
    rule = _relation_rule(ctx)
    # A relation needs an object named: a sentence with no alias in it relates nothing.
    aliases = {a.lower() for o in ctx.model.requirements.objects for a in o.aliases}
    relations = [s for s in ctx.said if any(a in s.reading.low for a in aliases) and rule(s)]
    return Finding(
        enough and bool(relations), ctx.units(rule, relations[:2]), detail={"missing": missing}
    )


_READER_SEES = (
    # "the history page lists every trip", "riders see all their trips": a reader or a page
    # (an endpoint that "returns the list of" is the API's; "it gets all the tweets and sorts
    # them" is the mechanism)
    r"\b(?:users?|riders?|drivers?|people|customers?|they|he|she|viewers?|readers?|members?|"
    r"page|screen|app|view|profile|dashboard)\s+(?:\w+\s+){0,2}?(?:sees|lists|shows|loads|gets|"
    r"views|finds|browses|scrolls through)\s+(?:all|every|the list of|a list of|a page of)\b"
)

_ACCESS = re.compile(
    r"\bgiven (?:a|an|the|some|one|any)?\s*\w+|"
    r"\b(?:get|fetch|list|return|retrieve|show|load|see|find|view|read|query|give me|show me)\s+"
    r"(?:all|every|the list of|a list of|a paged list of|a page of)\b|"
    rf"{_READER_SEES}|"
    # "when I open the app I see the posts of the people I follow"
    r"\b(?:get|fetch|list|return|retrieve|show|load|find|view|see|browse|look at)(?:s|es)?\s+"
    r"(?:the\s+|their\s+|its\s+|his\s+|"
    r"her\s+|my\s+)?\w+(?:\s+\w+)?\s+(?:for|of|by|from|in|on|at|near|around|inside|posted by|"
    r"liked by|followed by)\s+(?:a|an|the|given|each|one|this|that|some|any|their|his|her|my)\b|"
    r"(?:->|→)|"
    # "riders see their past trips": the owner is who reads
    r"\b(?:see|get|list|view|browse|fetch|load|scroll through|look at)s?\s+(?:all\s+)?(?:of\s+)?"
    r"(?:their|his|her|its|my|your)\s+(?:own\s+)?\w+|"
    r"\bfor (?:one|a|each|a given|any|every) \w+\s*[,:]",
    re.IGNORECASE,
)


_CANONICAL_ACCESS = re.compile(
    r"\bgiven (?:a|an|the|some|one|any)?\s*\w+[^.?!]{0,60}?\b(?:get|fetch|list|return|retrieve|"
    r"show|load|see|find|view|read|query)\b|"
    # "given X" said as one X: "get messages of one chat", "all the events for one shipment"
    r"\b(?:(?:get|gets|fetch|fetches|list|lists|return|returns|load|loads|show|shows|read|reads|"
    r"find|finds|give me|show me)\s+(?:all\s+)?(?:the\s+)?|all\s+(?:of\s+)?(?:the\s+)?)"
    r"\w+(?:\s+\w+)?\s+(?:of|for|in|from|by)\s+(?:one|a given|one given|a single|a specific|"
    r"a particular|a certain)\s+\w+|"
    r"\b(?:get|fetch|list|return|retrieve|show|load|see|find|view|read|query|give me|show me)\s+"
    r"(?:all|every|the list of|a list of|a paged list of|a page of)\b|"
    rf"{_READER_SEES}",
    re.IGNORECASE,
)


_KEYED_ACCESS = re.compile(
    # "history is queried by user", "it's just lookups by URL", "reads by video id"
    r"\b(?:look ?ups?|lookups?|looks up|queries|queried|query|reads?|accessed|fetched|looked up|"
    r"retrieved|fetches|read back)\s+(?P<thing>(?:\w+\s+){0,2}?)by\s+(?:the\s+|a\s+|its\s+|"
    r"their\s+)?(?P<key>\w+)|"
    # "all URLs for one host", "all the trips of a given rider"
    r"\ball\s+(?:the\s+|of\s+the\s+|their\s+)?\w+(?:\s+\w+)?\s+(?:for|of|from|by|in|under)\s+"
    r"(?:a given|one given|one|a|an|each|every|the same|any|that|this)\s+(?P<owner>\w+)|"
    # "for each user, you keep a list of the timestamps of their requests"
    r"\bfor\s+(?:a given|each|every|any|one|a|an)\s+(?P<each>\w+)\b[^.?!]{0,40}?\b(?:a|the|their|"
    r"its)\s+(?:list|set|queue|history|feed|timeline|log|page|stream|sorted set)\s+of\b",
    re.IGNORECASE,
)
"""An access pattern said without the "given X, get Y" verb: the key a read goes by, all the
things of one other thing, or the list kept for each. The key, owner or each is one of the
system's objects ("fast lookups by key" names no access pattern)."""


_HOW_READ = re.compile(
    r"\bhow (?:do|would|will|can|does) (?:you|we|it|that) (?:\w+ )?(?:answer|serve|query|find|"
    r"get|look|read|fetch|handle|support|run)\b",
    re.IGNORECASE,
)
"""The interviewer's question how a read is done ("If the key is a random UUID, how do you
answer 'CPU for host A over the last hour'?"): the pattern is the interviewer's, the answer
("query by the metric name") designs the read."""


_QUERY_SHAPE = re.compile(
    # an aggregate for one thing over time: "clicks per ad per minute", "sum of clicks for ad X"
    r"\b\w+s\s+per\s+(?:\w+\s+){1,2}?per\s+(?:second|minute|hour|day|week|month)\b|"
    r"\b(?:sum|count|number|total|average|top \w+)\s+of\s+(?:the\s+)?\w+\s+(?:for|of|per|by|in)\s+"
    r"(?:a|an|the|each|one|this|that|some)?\s*\w+|"
    # a query with its filter: "find questions where the tag is python", "give me
    # transactions before this timestamp", "show me all the errors from the checkout service"
    r"\b(?:find|give me|show me|get me|fetch|query|list)\s+(?:all\s+)?(?:the\s+|my\s+|their\s+)?"
    r"\w+\s+(?:where|before|after|since|between|newer than|older than|with a|with the|that have|"
    r"that match|matching)\b|"
    # the store named first: "it queries MongoDB for listings where city equals that", "we
    # query the orders table for that user and that sale"
    r"\b(?:query|queries|querying|search|searches|scan|scans)\s+(?:the\s+)?\w+(?:\s+(?:table|collection|index))?"
    r"\s+for\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+(?:where|with|whose|matching)\b|"
    r"(?:that|this|the|a|each|one)\s+\w+\b)",
    re.IGNORECASE,
)
"""A read said as the query it is: an aggregate for one thing over time, or a query with its
filter (with one of the system's objects: `_access_rule`)."""


def _keyed(ctx: GradeContext, said: Said, objects: str) -> bool:
    """Whether the sentence states an access pattern by `_KEYED_ACCESS`, keyed by an object."""
    if not ctx.search(_KEYED_ACCESS, said) or ctx.listed(said):
        return False
    if _HOW_READ.search(ctx.prompt(said)):
        return False
    return any(
        ctx.has_word(word, objects)
        for m in _KEYED_ACCESS.finditer(said.text)
        for group in m.group("key", "owner", "each", "thing")
        if group
        for word in group.split()
    )


_LOOKED_UP_FOR = re.compile(
    r"\bfor\s+(?:a|an|each|every|a given|any|one)\s+\w+\b[^.?!]{0,60}?\b(?:looks?\s+up|looked\s+up|"
    r"fetch(?:es)?|gets|finds|loads|reads|retrieves|pulls)\b",
    re.IGNORECASE,
)
"""A read done for one thing ("For a request it knows the API key, so it looks up the
customer's tier"): a loose access pattern."""


@sentence_rule("req.access_patterns")
def _access_rule(ctx: GradeContext) -> SentenceRule:
    objects = "|".join(_object_terms(ctx).values())
    return lambda s: (
        ctx.has(s, objects)
        and (
            ctx.search(_ACCESS, s)
            or _keyed(ctx, s, objects)
            or ctx.search(_LOOKED_UP_FOR, s)
            or ctx.search(_QUERY_SHAPE, s)
        )
    )


def _access_hits(ctx: GradeContext) -> list[Said]:
    def hits() -> list[Said]:
        rule = _access_rule(ctx)
        return [s for s in ctx.maybe("|".join(_object_terms(ctx).values())) if rule(s)]

    return list(ctx.once("access_hits", hits))


def _stated_patterns(ctx: GradeContext) -> int:
    """How many access patterns the candidate stated (a component pipeline states none)."""
    return len([s for s in _access_hits(ctx) if not ctx.has(s, "@component")])


_GIVEN_OF = re.compile(
    r"\b(?:given|for|of|per|by|in|under|from|within)\s+(?:a given\s+|one given\s+|each\s+|"
    r"every\s+|an?\s+|the\s+|one\s+|a single\s+|a specific\s+|that\s+|this\s+|their\s+|"
    r"its\s+|any\s+|his\s+|her\s+|my\s+)?([a-z][\w-]+)",
    re.IGNORECASE,
)
_NOT_GIVEN = frozenset(
    ("the", "a", "an", "it", "them", "us", "me", "you", "all", "example", "instance", "now")
    + ("time", "second", "minute", "hour", "day", "week", "month", "year", "free", "real")
    + ("us", "that", "this", "which", "what", "some", "those", "these", "way", "case")
)


def read_givens(ctx: GradeContext) -> list[tuple[Said, frozenset[str]]]:
    """The candidate's stated reads, each with the stems of the things it is made for: the X
    of "given X", "all the messages of a channel", "for each user", "clicks per ad" (a key on
    one of them serves that read, wherever it is said)."""
    out = []
    for s in _access_hits(ctx):
        if s.question:
            continue
        found = {m.group(1) for m in _GIVEN_OF.finditer(s.reading.low)} - _NOT_GIVEN
        if found:
            out.append((s, frozenset(stem(w) for w in found)))
    return out


@criterion("req.access_patterns")
def req_access_patterns(ctx: GradeContext) -> Finding:
    hits = _access_hits(ctx)
    # One pattern in the canonical form ("given a user, get all the posts of the accounts they
    # follow") is enough; looser ones ("the home page shows the videos for the user") count
    # when there are two, unless the scenario has a single access pattern.
    needed = 1 if len(ctx.model.requirements.access_patterns) == 1 else 2
    objects = "|".join(_object_terms(ctx).values())
    # A key said beside a store ("the DB is sharded by city and history is queried by user")
    # is half design: it counts, but not alone.
    strong = [
        s
        for s in hits
        if ctx.search(_CANONICAL_ACCESS, s)
        or (_keyed(ctx, s, objects) and not ctx.has(s, "@component"))
    ]
    met = bool(strong) or len(hits) >= needed
    return Finding(met, ctx.units(_access_rule(ctx), (strong or hits)[:3]))


def _asked_rule(ctx: GradeContext, source: str) -> SentenceRule:
    """A question matching `source`, or an assumption matching it in a message that asks to
    confirm it: quoted with the sentence that asks ("I'll assume tweets can't be edited." +
    "Is that right?")."""
    # A statement beside an unrelated question does not count.
    return lambda s: (
        ctx.has(s, source)
        and (
            s.question
            or (
                (s.reading.assumption or s.reading.confirm)
                and any(x.reading.confirm for x in ctx.by_turn[s.turn])
            )
        )
    )


def _asked(ctx: GradeContext, source: str) -> list[Said]:
    """Questions matching `source`, and assumptions in a message that asks to confirm them."""
    rule = _asked_rule(ctx, source)
    return [s for s in ctx.where(source) if rule(s)]


@sentence_rule("req.mutability")
def _mutability_rule(ctx: GradeContext) -> SentenceRule:
    # "How often do drivers update their location?" and "do we need real-time updates?" ask
    # about a value that moves or about pushes, not whether what a user made can be changed.
    asked = _asked_rule(ctx, "@edit|@delete|@mutation_more")
    return lambda s: (
        asked(s)
        and (not ctx.has(s, "@state_change") or ctx.has(s, "@mutation_strong"))
        and not ctx.search(_NOT_WHETHER_EDITABLE, s)
        and not _told_back(ctx, s)
    )


def _told_back(ctx: GradeContext, s: Said) -> bool:
    """The interviewer's rule said back ("And videos can't be edited after they're posted." ->
    "Okay, got it, can't edit, can delete."): an acknowledgement, not a question of the
    candidate's."""
    return (
        not s.reading.sentence.is_question_mark
        and ctx.prompted(s, "@edit|@delete")
        and not ctx.asked(s, "@edit|@delete")
    )


# Questions with an edit word that do not ask whether things can be changed: which part to
# focus on ("focus on the real-time editing part?"), or what happens when two changes meet
# ("if I change the same file on two devices at the same time, what should happen?").
_NOT_WHETHER_EDITABLE = re.compile(
    r"\b(?:edit|editing|update|updating|change|changing|delete|deleting)\s+"
    r"(?:part|feature|side|flow|piece|experience|view|path|service|screen)\b|"
    r"\bfocus (?:on|mostly on) (?:the )?(?:\w+[- ])?(?:edit|editing|update|updating)\b|"
    r"\b(?:at the same time|simultaneously|concurrently|in parallel)\b|"
    # how often things change (freshness: "how often does the feed change?", "do they change
    # often?", "rare then, maybe weekly?"), housekeeping by the system ("delete old points",
    # retention), moderation by us ("remove a suggestion if something offensive trends")
    r"\bhow (?:often|frequently|fast|quickly|much)\b[^.?]*\b(?:chang|updat|edit)\w*|"
    r"\b(?:chang|updat)\w* (?:often|frequently|a lot|much|rarely|daily|weekly|hourly)\b|"
    r"\b(?:updates?|changes?) (?:are |come )?(?:rare|frequent|often)\b|\brare then\b|"
    r"\b(?:updates?|changes?|edits?) (?:within|in under|in less than|show up|appear|propagate|"
    r"reach|land|arrive)\b|"
    r"\b(?:delete|remove|drop|purge|expire|clean up) (?:the )?old\b|"
    r"\b(?:offensive|abuse|abusive|spam|illegal|takedown|moderat\w*)\b",
    re.IGNORECASE,
)


@criterion("req.mutability")
def req_mutability(ctx: GradeContext) -> Finding:
    rule = _mutability_rule(ctx)
    hits = [s for s in ctx.where("@edit|@delete|@mutation_more") if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


def _core_media_aliases(ctx: GradeContext) -> list[str]:
    """Aliases of objects that are themselves blobs (a video, an artifact, a file).

    The object is the head of a blob entry: "video files" and "artifacts (zip archives)" are
    the objects; "product images" are media *of* a product, and "photos attached to messages"
    are media attached to another object, so asking about them is asking about media.
    """
    heads: set[str] = set()
    blobs = ctx.model.data_api_scale.data_types.blobs
    if re.search(r"\battached to\b", " ".join(blobs), re.I):
        return []
    for blob in blobs:
        first = re.findall(r"[a-z]+", re.sub(r"\([^)]*\)", " ", blob.lower()))[:3]
        media = [w for w in first if ctx.has_word(w, "@media")]
        if media or first:
            heads.add(tokens(media[0] if media else first[0])[0])
    return [
        a
        for o in ctx.model.requirements.objects
        if any(tokens(x)[0] in heads for x in (o.name, *o.aliases) if tokens(x))
        for a in o.aliases
    ]


# Whether what is held may be large binaries, asked in those words ("values, are we talking
# like small blobs?", "can a payload be a big object?"); "should it go to blob storage?" asks
# where, not what.
_BLOB_ASKED = re.compile(
    r"\b(?:blobs?|binary data|large (?:objects|values|payloads|binaries)|big (?:objects|values|"
    r"payloads|binaries))\b(?!\s+(?:store|storage|stores|service))",
    re.IGNORECASE,
)


@sentence_rule("req.media")
def _media_rule(ctx: GradeContext) -> SentenceRule:
    def blob_asked(s: Said) -> bool:
        return s.question and ctx.search(_BLOB_ASKED, s)

    aliases = _core_media_aliases(ctx)
    core = "|".join(a.replace(" ", "+") for a in aliases)
    media = _asked_rule(ctx, "@media|@media_more")
    property_asked = _asked_rule(ctx, "@media_property")
    if not core:
        return lambda s: media(s) or property_asked(s) or blob_asked(s)
    # The object *is* media: asking about it is not asking about media, but asking its
    # size, format or length is, and so is asking which media it may be ("documents, or
    # also photos, clips?") or about other media attached to it.
    own = {p for a in aliases for p in ctx.lexicon.compile(a.replace(" ", "+")).terms[0].phrases}
    said_media = (*ctx.lexicon.phrases("media"), *ctx.lexicon.phrases("media_more"))
    other = Term(tuple(p for p in said_media if p not in own))
    about_core = _asked_rule(ctx, f"{core} @size|@format|@duration")
    # ("How big is a typical upload?": what is uploaded is the core object; "how many uploads
    # per minute?" asks a rate)
    upload_size = _asked_rule(ctx, "upload|uploads @size")
    return lambda s: (
        (media(s) and other.matches(s.tokens))
        or about_core(s)
        or upload_size(s)
        or property_asked(s)
        or blob_asked(s)
    )


@criterion("req.media")
def req_media(ctx: GradeContext) -> Finding:
    rule = _media_rule(ctx)
    core = "|".join(a.replace(" ", "+") for a in _core_media_aliases(ctx))
    sources = (
        "@media",
        "@media_more",
        "@media_property",
        "blob|blobs|binary|large|big",
        *([core, "upload|uploads"] if core else []),
    )
    hits = [s for s in ctx.maybe(*sources) if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


_BUZZ = re.compile(
    r"\b(?:low[- ]latency|real[- ]?time|highly available|high availability|fault[- ]tolerant|"
    r"(?:highly |massively )?scalable|scale to|robust|resilient|secure|consistent|durable|"
    r"ninety[- ]nine|nines|\d{2}(?:\.\d+)?\s*%|elastic|performant|blazing)\b",
    re.IGNORECASE,
)


def _recites(ctx: GradeContext, said: Said) -> bool:
    """Three or more non-functional buzzwords in one sentence ("real time, low latency, highly
    available, 99.99, scales to millions"): recited, not weighed."""
    return ctx.search(_BUZZ, said) and len({m.lower() for m in _BUZZ.findall(said.text)}) >= 3


_TIME_FIGURE = re.compile(
    r"\b(?:\d+(?:\.\d+)?|a|one|two|a few|few|a couple(?: of)?|tens of|hundreds of|a hundred|"
    r"ten|twenty|fifty|several)\s*(?:ms|millis|milliseconds?|seconds?|secs?)\b|\b\d+\s*s\b",
    re.IGNORECASE,
)
"""A time said as a figure ("a few milliseconds", "200 ms", "like a hundred milliseconds")."""

_LATENCY_BOUND = re.compile(
    r"\b(?:within|under|in under|in less than|less than|below|at most|no more than)\s+(?:a |one |"
    r"two |a couple of |a few |\d+(?:\.\d+)?\s*)(?:ms|millis|milliseconds?|seconds?|secs?|s)\b",
    re.IGNORECASE,
)
"""A time bound said as a target ("find a driver within a couple of seconds")."""

_NEED_SPEED = re.compile(
    r"\b(?:should|must|need to|needs to|has to|have to|got to|gotta|want(?:s)? (?:it |them )?to|"
    r"required to|expected to)\s+(?:\w+\s+){0,4}?(?:fast|faster|quick|quickly|instant|instantly|"
    r"snappy|responsive|load|loads|respond|responds|return|returns|render|show up|appear|feel|"
    r"complete|finish|be served|under|within|in \d+|in a|in less)\b",
    re.IGNORECASE,
)
"""A need said of the speed ("should feel instant", "has to load in 200 ms")."""

_DENIED = "dont+think|do+not+think|dont+believe|doesnt+really|dont+really @nfr_topic @importance"
"""A requirement's importance denied ("I don't think latency really matters")."""


_FRESHNESS = re.compile(
    r"\b(?:shows? up|show(?:s|ed)? up|appears?|propagat\w*|visible|reflected|be seen|how late|"
    r"starts? late|lags?|lagging|behind|stale|fires?|fired|gets? (?:the )?notification)\b",
    re.IGNORECASE,
)


@sentence_rule("req.nfr_performance")
def _performance_rule(ctx: GradeContext) -> SentenceRule:
    hot = "|".join(t.replace(" ", "+") for t in ctx.model.requirements.hot_path_terms)
    waits = "@sync_freq|@sync_more|@user_waiting"
    target = f"{hot}|{waits}" if hot else waits
    # A sentence placing components ("a cache to make it fast") is design, not a requirement;
    # once the design has begun, speed said to justify it ("sorting on every request would be
    # too slow") states no requirement unless it says one ("the feed must load in 200 ms", "I
    # don't want the driver stuck on the drop-off screen"), or answers the interviewer's
    # question about the speed of a frequent path ("every request goes through it. What does
    # that do to latency?" -> "a few milliseconds, APIs take a hundred anyway").
    first = ctx.first_component()
    start = (first.turn, first.index) if first is not None else None

    def asked(s: Said) -> bool:
        # weighed as a figure ("a few milliseconds"), not a slogan ("one slow service can't
        # take the others down")
        return (
            ctx.prompted(s, "@perf")
            and ctx.prompted(s, f"{target}|@every_request")
            and ctx.search(_TIME_FIGURE, s)
        )

    def stated(s: Said) -> bool:
        # a need said of the speed ("the feed must load in 200 ms"), not of the mechanism
        # ("every fetch needs to resolve the hostname, and lookups can be slow")
        return (
            start is None
            or (s.turn, s.index) <= start
            or ctx.has(s, "@perf_target|@perf_must_not")
            or ctx.search(_NEED_SPEED, s)
            or asked(s)
        )

    return lambda s: (
        (ctx.has(s, "@perf|@perf_more") or ctx.search(_LATENCY_BOUND, s))
        and stated(s)
        # "I don't think latency really matters, nobody's waiting on this"
        and not ctx.has(s, f"@perf_denied ; {_DENIED}")
        and not ctx.has(s, "monitor|monitoring|alert|alerting|dashboard|observability")
        # how soon something becomes visible elsewhere ("the pause needs to show up within
        # seconds", "how late can the job start?") is freshness, not a wait on a request
        and not (
            ctx.search(_FRESHNESS, s) and not ctx.has(s, "@user_waiting|open|opens|load|loads")
        )
        and (ctx.near(s, target) or asked(s))
        and not ctx.has(s, "@component")
        and not ENDPOINT.search(s.text)
        and not ctx.listed(s)
        and not _recites(ctx, s)
    )


@criterion("req.nfr_performance")
def req_nfr_performance(ctx: GradeContext) -> Finding:
    rule = _performance_rule(ctx)
    hits = [s for s in ctx.maybe("@perf|@perf_more", "within|under|below|less+than") if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


# "the availability shown in search", "room availability": what can be booked, not uptime.
_THING_AVAILABILITY = re.compile(
    r"\b(?:room|seat|slot|hotel|inventory|driver|product|stock|ticket|table|appointment|"
    r"calendar|item)s?\s+availability\b|\bavailability\s+(?:of|for)\s+(?:the\s+)?(?:rooms?|"
    r"seats?|slots?|hotels?|inventory|drivers?|products?|stock|tickets?|dates?|items?)\b|"
    r"\bavailability\s+(?:shown|displayed|calendar|data|check|checks|search|counts?|cache)\b",
    re.IGNORECASE,
)


_NOT_DOWNTIME = re.compile(
    r"\b(?:no|zero|without|never any|not any)\s+(?:planned\s+|unplanned\s+)?downtime\b|"
    r"\bnever\s+(?:goes|go|going|went)\s+down\b|\b(?:always|is always|are always)\s+up\b|"
    r"\b(?:available|work|works|working|usable)\s+(?:even\s+)?offline\b|\beven offline\b|"
    r"\boffline (?:mode|support|first|editing|access)\b|"
    r"\b(?:eleven|11|nine|9|twelve) nines\b|\bdurab\w*|\bnever lose\b",
    re.IGNORECASE,
)


_FAILURE_QUESTION = re.compile(
    r"\b(?:is|are|was|were|goes|go|going|went|gone|be|been|\w+['\u2019]s|shuts?|breaks?)\s+"
    r"down\b|"
    r"\b(?:dies|die|died|crashes|crash|crashed|fails|fail|failed|outage|outages|unavailable|"
    r"unreachable|offline|falls over|fall over|is gone|are gone|goes away|go dark|goes dark|"
    r"went dark|gone dark)\b",
    re.IGNORECASE,
)
"""An interviewer's question about a failure ("What if Kafka's down?", "And if the metadata
database goes down?", "What happens when Redis dies?")."""

_TOLERANCE_QUESTION = re.compile(
    r"\b(?:acceptable|tolerable|(?:is|would|will|was) (?:that|this|it) (?:be )?(?:ok|okay|fine|"
    r"alright|a problem|an issue|bad)|how bad|live with|good enough|does (?:that|it) matter|"
    r"who notices)\b(?![^.?!]*\b(?:if|when)\b)[^.?!]*\?",
    re.IGNORECASE,
)
"""An interviewer's question whether what the candidate said is acceptable ("Is that
acceptable?", "How bad is that for the business?"); "how bad is it if a file gets corrupted?"
asks about something new."""


_BATCH_OFFLINE = re.compile(
    r"\b(?:done|computed|precomputed|processed|run|runs|built|calculated|generated|trained|"
    r"happens|happen|prepared|crunched)\s+offline\b|\boffline\s+(?:job|jobs|batch|batches|"
    r"processing|pipeline|pipelines|computation|training|step|work|analytics|jobs?)\b",
    re.IGNORECASE,
)
""""Offline" as a batch ("computed offline", "an offline job"), not the system down."""


_BUSINESS_LOST = re.compile(
    r"\blos(?:e|es|t|ing)\s+(?:\w+\s+){0,3}?(?:customers?|users?|income|revenue|money|business|"
    r"sales?|carts?|dollars|trust|orders?|bookings?|rides?|drivers?|riders?|shoppers?|rush|deals?|subscribers?|"
    r"buyers?|sellers?|players?)\b",
    re.IGNORECASE,
)
"""What is lost is business ("restaurants lose their dinner rush"), not data ("no events are
lost", "we'd lose what it had in memory": durability, not the cost of being down)."""
_LOSS = re.compile(r"\blos(?:e|es|t|ing)\b", re.IGNORECASE)


def _has_without(ctx: GradeContext, s: Said, source: str, words: re.Pattern[str]) -> bool:
    """Whether the sentence still matches `source` with `words` taken out of it ("computed
    offline" out of a sentence that also says the site is down)."""
    return ctx.rule(source).matches(tokens(words.sub(" ", s.text)))


def _answers_failure(ctx: GradeContext, turn: int) -> bool:
    """Whether the candidate's message at `turn` answers the interviewer's question about a
    failure: asked outright, or "Is that acceptable?" put to the candidate's own account of one
    ("If the master goes down, only uploads fail for some time." / "Is that acceptable?")."""
    messages = ctx.transcript.messages
    asked = next((t for t in range(turn - 1, -1, -1) if messages[t].role == "interviewer"), None)
    if asked is None:
        return False
    if _FAILURE_QUESTION.search(messages[asked].content):
        return True
    if not _TOLERANCE_QUESTION.search(messages[asked].content):
        return False
    before = ctx.by_turn.get(asked - 1, [])
    return any(
        _FAILURE_QUESTION.search(x.text) or ctx.has(x, "@downtime_event|@failure_event")
        for x in before
    )


@sentence_rule("req.nfr_availability")
def _availability_rule(ctx: GradeContext) -> SentenceRule:
    # Weighing means the cost of downtime comes up ("how bad is an hour down?", "if we are
    # down, teams can't ship"); a bare target or "how available must it be?" does not.
    # The cost may come in the next sentence ("Availability: relaxed. ... because a wrong
    # balance costs far more than a few minutes of retry"): then both are quoted.
    cost = "@downtime_cost|@downtime_cost_more"

    def failure(s: Said) -> bool:
        # "if the feed doesn't load, people close the app"; "doesn't load fast" is speed
        return ctx.has(s, "@failure_event") and not ctx.has(s, "@perf")

    def event(s: Said) -> bool:
        return ctx.has(s, "@downtime_event") or failure(s)

    def costs(s: Said, source: str) -> bool:
        # Data lost is durability, not the cost of being down ("high availability. And also
        # messages should not be lost"); business lost is ("we lose orders").
        if not ctx.prose_has(s, source):
            return False
        if not ctx.has(s, "lose|lost|losing|loses") or ctx.search(_BUSINESS_LOST, s):
            return True
        return _has_without(ctx, s, source, _LOSS)

    def weighed(s: Said) -> bool:
        # the cost said outright, or any cost beside downtime as an event
        return costs(s, "@downtime_cost_strong") or (event(s) and costs(s, cost))

    def answered(s: Said) -> bool:
        # Asked "what if Redis goes down?", the cost weighed in the answer ("the user shouldn't
        # suffer", "watching is more important than uploading", "nobody sees an error"); data
        # lost is durability, not the cost of being down.
        return (
            ctx.prose_has(s, "@downtime_cost_more|@downtime_cost_strong")
            # who pays, or which use matters more ("watching is more important than uploading")
            and ctx.has(s, "@affected ; more+important|matters+more|less+important")
            and (not ctx.has(s, "lose|lost|losing|loses") or ctx.search(_BUSINESS_LOST, s))
            and not ctx.has(s, "@relax")
            and failure_asked(s.turn)
        )

    asked_at: dict[int, bool] = {}

    def failure_asked(turn: int) -> bool:
        # (what the interviewer asked before a message is the same for all its sentences)
        if turn not in asked_at:
            asked_at[turn] = _answers_failure(ctx, turn)
        return asked_at[turn]

    def said_of_the_system(s: Said, source: str) -> bool:
        # "the expensive part is done offline, once": a batch, not the system being down
        if not ctx.has(s, source):
            return False
        return not ctx.search(_BATCH_OFFLINE, s) or _has_without(ctx, s, source, _BATCH_OFFLINE)

    def named(s: Said) -> bool:
        return said_of_the_system(s, "@availability_word")

    def downtime(s: Said) -> bool:
        # the system down as an event ("every minute down is lost orders")
        return said_of_the_system(s, "@downtime_event")

    return lambda s: (
        (named(s) or failure(s) or answered(s) or downtime(s))
        and not (ctx.search(_THING_AVAILABILITY, s) and not ctx.has(s, "@downtime_event"))
        # a slogan of no downtime ("24/7 with no downtime", "just never goes down"), files
        # never lost (durability), "available offline" (a feature): no cost of being down
        and not (
            ctx.search(_NOT_DOWNTIME, s)
            and not _has_without(ctx, s, "@downtime_event", _NOT_DOWNTIME)
            and not ctx.has(s, "@failure_event")
        )
        and not ctx.listed(s)
        and not _recites(ctx, s)
        and (
            weighed(s)
            or answered(s)
            or any(
                (costs(n, "@downtime_cost_strong") or ((event(n) or event(s)) and costs(n, cost)))
                and not ctx.listed(n)
                # "It's fine if a post shows up late, nobody notices", "consistency must be
                # strong, because it is money": the cost of lag, of a slow page or of a wrong
                # answer, not of downtime
                and not (
                    ctx.has(n, "@relax|@perf|@nfr_topic") and not ctx.has(n, "@availability_word")
                )
                # (the cost two sentences on, after the downtime as an event: "if we're down
                # for a few minutes it's mostly fine? Marketing pushes go out late. Except 2FA
                # codes: then people can't log in at all.")
                for n in ctx.between(s, s.index + 1, s.index + (2 if event(s) else 1))
            )
        )
    )


@criterion("req.nfr_availability")
def req_nfr_availability(ctx: GradeContext) -> Finding:
    rule = _availability_rule(ctx)
    maybe = ctx.maybe(
        "@availability_word",
        "@failure_event",
        "@downtime_event",
        "@downtime_cost",
        "@downtime_cost_more",
        "@downtime_cost_strong",
    )
    hits = [s for s in maybe if rule(s)]
    bare = next((s.text for s in ctx.said if re.search(r"\d+(\.\d+)?\s*%", s.text)), None)
    return Finding(bool(hits), ctx.units(rule, hits[:2]), detail={"bare": None if hits else bare})


_SECURITY_ENOUGH = (
    "nothing+special|no+special|nothing+beyond|nothing+more|nothing+else|baseline|standard|usual|"
    "normal|enough|sufficient|no+need|dont+need|is+fine"
)
_THREAT_QUESTION = (
    "@threat_name|@threat_general|security|secure|insecure|safe|safety|trust|trusted|untrusted|"
    "privacy|private|sensitive|leak|leaks|permission|permissions|authorization|authorisation|"
    # who may reach whose data: "who can write to what", "teams who shouldn't see each other's
    # logs", "should one company be able to search another company's messages?"
    "who+can|each+others|another+companys|another+users|another+teams|someone+elses|"
    "shouldnt+see|should+not+see|able+to+see|able+to+read|able+to+search"
)
"""What an interviewer's question about a threat names ("And crawler traps?", "Is anything
sensitive in those logs?"); "not spamming one user with marketing" is about annoyance."""


# Trust of input: a party left to vouch for itself, weighed ("if the client reports its own
# score"; "drivers report their own location" states a flow),
# or the trusted side chosen over it ("the game server, not the client, reports the result").
_SELF_REPORT = re.compile(
    r"\b(?:if|otherwise|let|lets|letting|trust|trusting)\s+(?:the\s+|a\s+)?"
    r"(?:clients?|users?|players?|apps?|browsers?|devices?|phones?|drivers?|sellers?|"
    r"customers?)\s+(?:\w+\s+)?(?:reports?|sends?|sets?|says?|decides?|computes?|submits?|"
    r"claims?|picks?)\s+(?:its|their|his|her)\s+own\b|"
    r"\b(?:server|backend|service)s?,?\s+not the (?:client|user|browser|app|phone|device|player)s?\b",
    re.IGNORECASE,
)


@sentence_rule("req.nfr_security")
def _security_rule(ctx: GradeContext) -> SentenceRule:
    # Considering it: asking whether a workflow needs it, or concluding what it needs (nothing
    # special counts). "Security: OAuth2, JWT, HTTPS" recites names and concludes nothing.
    # A threat may be said without the word: what someone could do ("otherwise someone can
    # script clicks and run up a competitor's bill"), a threat named with what guards against
    # it ("a login endpoint, where you're worried about brute force"), or a guard placed in
    # answer to the interviewer's threat ("And crawler traps?" -> "cap the depth per host").
    def considered(s: Said) -> bool:
        if ctx.has(s, "@security_word") and (
            s.question or ctx.has(s, "@reason|@security_conclusion")
        ):
            return True
        if ctx.has(s, "@access_control") and (s.question or ctx.has(s, "@access_settled")):
            return True  # "can anyone see anyone's trips, or only their own?"
        if s.question:
            return False
        # ("Eight, fraud detection." names a feature; "it's async, so it's non-blocking"
        # guards nothing)
        return (
            ctx.has(s, "@threat_actor|@threat_actor_more @threat_act")
            or ctx.search(_SELF_REPORT, s)
            or (ctx.has(s, "@threat_name|@sensitive_data @threat_guard") and len(s.tokens) >= 10)
            or (
                ctx.prompted(s, _THREAT_QUESTION)
                and ctx.has(s, "@threat_guard !non+blocking !nonblocking")
            )
        )

    return lambda s: (
        not _recites(ctx, s)
        and considered(s)
        # a recited list concludes only when it says the need is met ("Security: TLS and auth,
        # nothing special beyond that"), not by naming a "risk engine" among services
        and not (ctx.listed(s) and not ctx.has(s, _SECURITY_ENOUGH) and not s.question)
    )


@criterion("req.nfr_security")
def req_nfr_security(ctx: GradeContext) -> Finding:
    rule = _security_rule(ctx)
    maybe = ctx.maybe(
        "@security_word",
        "@threat_actor",
        "@threat_actor_more",
        "@threat_name",
        "@threat_guard",
        "@access_control",
        "own|not",  # trust of input (`_SELF_REPORT`)
    )
    hits = [s for s in maybe if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


_TRADEOFF_WHY = (
    "because|since|given+that|=given|due+to|as+it|as+they|as+we|as+there|as+the|because+of|"
    "the+reason|thats+why|main+reason|reason+is|reasons+are|reason+being|one+reason|=bc|=cuz|"
    "=coz|=cos|otherwise"
)
"""Why a relaxation is acceptable: a "so ..." after it ("Eventual consistency is fine. So the
replicas can lag") says what follows, not why, and is no reason here."""

_TRADEOFF_REASON = (
    f"{_TRADEOFF_WHY}|nobody|no+one|harm|hurt|as+long+as|fine+if|okay+if|ok+if|=if|spares+us|"
    "wont+notice|dont+notice|not+notice|barely+notice|hardly+notice|better+than|"
    "saves+us|only+delays|only+costs|@tradeoff_benefit|@low_stakes"
    # the worst a person meets is mild ("drivers just drive past a full row")
    " ; @affected =just|=simply|=merely"
)

_REASON_SAID_BEFORE = (
    "nobody|no+one|harm|hurt|wont+notice|dont+notice|not+notice|barely+notice|hardly+notice|"
    "@tradeoff_benefit|@low_stakes"
)
"""A reason said in the sentence before the relaxing one: what it spares or costs nobody, not a
bare connective ("Yeah, so it needs to be highly available. And eventually consistent is
fine.")."""

_RELAXED = (
    "@relax"
    " ; @relax_weak|@relax_more @nfr_topic|@nfr_topic_more"
    " ; @relax_loss @nfr_topic|@nfr_topic_more @loss_accepted"
    " ; @lag_bound @enough_said"
    # "I don't think latency really matters"
    f" ; {_DENIED}"
)
"""A requirement relaxed: a relaxing word of its own; a weaker one said of a named requirement
("if the count is a little late it's still safe"); a loss of one accepted in the same breath
("we might lose a few minutes of URLs, but they're found again anyway"); a lag bound called
enough ("within a minute is great"); or the requirement's importance denied."""


@sentence_rule("req.nfr_tradeoff")
def _tradeoff_rule(ctx: GradeContext) -> SentenceRule:
    # A requirement relaxed ("can lag", "eventually consistent"; or "is fine", "give up" said of
    # a named requirement) with a reason in the sentence or the next one (then both are
    # quoted). A relaxing word about something else ("we don't need to read all his chats")
    # relaxes no requirement.
    def explained(s: Said) -> bool:
        # "relax availability to 99.9%: a short outage only delays releases" explains itself.
        head, _, tail = s.text.partition(":")
        # (the reason may come first: "what people search shifts over days, not seconds, so
        # rebuilding hourly and serving slightly old ones is fine")
        return (
            ctx.near_after(s, _TRADEOFF_REASON)
            or any(
                ctx.has(n, _REASON_SAID_BEFORE) for n in ctx.between(s, s.index - 1, s.index - 1)
            )
        ) or (len(tail.split()) >= 4 and ctx.rule(_RELAXED).matches(tokens(head)))

    return lambda s: (
        not s.question
        and not ctx.listed(s)
        and ((ctx.has(s, _RELAXED) and explained(s)) or _outcome_preferred(s.text))
        # "Because of the CAP theorem, we choose availability": a slogan for a reason
        and not any(ctx.search(_CAP_REASON, n) for n in ctx.neighbours(s))
        # "eventual consistency because it scales", "..., because at Twitter scale that's
        # non-negotiable": what every system is sold on, no reason of this one
        and not slogan_reason(s.text)
    )


_CAP_REASON = re.compile(
    r"\b(?:because|since|due to|given)\s+(?:of\s+)?(?:the\s+)?cap\b|\bpacelc\b|"
    r"\bbase (?:instead of|over|not) acid\b",
    re.IGNORECASE,
)


_OUTCOME = (
    r"(?:late|later|delayed|delay|skip|skipped|lost|lose|losing|drop|dropped|stale|wait|waiting|"
    r"unavailable|down|twice|duplicates?|miss|missed|blurry|glitch|frozen|buffer|retry|reject|"
    r"rejected|fail|error|old|older|wrong|behind)"
)
# One bad outcome chosen over another: the requirement relaxed and the reason in one ("I'd rather
# be late than skip", "it is better to skip the packet than wait for it").
_PREFERRED = re.compile(
    rf"\b(?:rather|better to|better that|prefer to|prefer that)\b[^.;?!]{{0,50}}?\b{_OUTCOME}\b"
    rf"[^.;?!]{{0,50}}?\bthan\b[^.;?!]{{0,50}}?\b{_OUTCOME}\b",
    re.IGNORECASE,
)


def _outcome_preferred(text: str) -> bool:
    return "than" in text and _PREFERRED.search(text) is not None


@criterion("req.nfr_tradeoff")
def req_nfr_tradeoff(ctx: GradeContext) -> Finding:
    said = ctx.where(_RELAXED, questions=False)
    said += [s for s in ctx.maybe("than") if _outcome_preferred(s.text)]
    rule = _tradeoff_rule(ctx)
    hits = [s for s in sorted(set(said), key=lambda s: (s.turn, s.index)) if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


def _uncovered(ctx: GradeContext, step: str) -> Finding:
    facts = ctx.model.facts_of(step)  # type: ignore[arg-type]
    found = [f for f in facts if f.id in ctx.uncovered]
    missed = [f.topic for f in facts if f.id not in ctx.uncovered]
    total = len(facts)
    if not total:
        return Finding(True, applicable=False, detail={"found": 0, "total": 0, "missed": []})
    # What asked for each fact: the sentence, or the sentences that together asked (all of
    # them: a cap on quotes never cuts one asking in half).
    units = sorted(
        ((ctx.uncovered[f.id], ctx.asking(f.id, ctx.uncovered[f.id])) for f in found),
        key=lambda unit: (unit[0], unit[1][0]),
    )
    evidence: list[dict[str, Any]] = []
    for turn, quotes in units:
        if len({(e["turn"], e["quote"]) for e in evidence}) >= 6:
            break
        evidence += [{"turn": turn, "quote": q} for q in quotes]
    return Finding(
        len(found) >= math.ceil(total / 2),
        share=len(found) / total,
        detail={"found": len(found), "total": total, "missed": missed},
        turns=evidence,
    )


@criterion("req.uncovered")
def req_uncovered(ctx: GradeContext) -> Finding:
    return _uncovered(ctx, "requirements")


# --- data types, API and scale ---------------------------------------------------------------


def _structured_rule(ctx: GradeContext) -> SentenceRule:
    """Structured data named with its objects (in the sentence or the next: both quoted)."""
    objects = "|".join(_object_terms(ctx).values())
    return lambda s: not s.question and ctx.has(s, "@structured") and ctx.near_after(s, objects)


def _blob_data_rule(ctx: GradeContext) -> SentenceRule:
    """Media or blobs named with what they are (in the sentence or the next: both quoted)."""
    things = ctx.blob_rule()
    return lambda s: (
        not s.question and ctx.has(s, "@blob_word|@media") and ctx.near_after(s, things)
    )


@sentence_rule("data.types")
def _types_rule(ctx: GradeContext) -> SentenceRule:
    structured = _structured_rule(ctx)
    if not ctx.model.has_blobs:
        return structured
    blob = _blob_data_rule(ctx)
    return lambda s: structured(s) or blob(s)


@criterion("data.types")
def data_types(ctx: GradeContext) -> Finding:
    # Classifying is saying which data is which: "structured, unstructured, blobs, JSON" names
    # kinds and classifies nothing. Each side names its data (objects; media or the blob nouns).
    is_structured = _structured_rule(ctx)
    structured = [s for s in ctx.where("@structured", questions=False) if is_structured(s)]
    if not ctx.model.has_blobs:
        # With nothing to set apart, classifying is saying what kind the data is ("it's all
        # small structured records"); "50 thousand rows per event" sizes a table.
        said = [s for s in structured if ctx.has(s, "@structured_kind")]
        return Finding(bool(said), ctx.units(is_structured, said[:1]))
    things = ctx.blob_rule()
    is_blob = _blob_data_rule(ctx)
    blob = [
        s
        for s in ctx.where("@blob_word|@media", questions=False)
        if s not in structured and is_blob(s)
    ]
    # (or split between stores: "the content in S3, and the metadata in MongoDB")
    both = [
        s for s in structured if ctx.has(s, "@blob_word|@media|@blob_store") and ctx.has(s, things)
    ]

    if both:
        # Quoted with what the criterion's sentence rule needs at it (`_types_rule`).
        return Finding(True, ctx.units(_types_rule(ctx), both[:1]))
    evidence = ctx.units(is_structured, structured[:1]) + ctx.units(is_blob, blob[:1])
    return Finding(bool(structured and blob), evidence if blob else [])


def _endpoints(ctx: GradeContext) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for turn, analysis in ctx.analyses.items():
        for e in analysis.endpoints:
            key = f"{e.method} {e.path.split('?')[0]}"
            if key not in seen:
                seen.add(key)
                out.append({"turn": turn, "quote": e.quote, "path": e.path})
    return out


_RPC = re.compile(
    r"(?<![\w.])([a-z][A-Za-z0-9_]{2,40})\s*\(([^()]{0,80})\)\s*(?:->|→|=>|:\s*returns?\b|returns?\b)"
    r"\s*[\w\[{(]",
)


def _operations(ctx: GradeContext) -> list[dict[str, Any]]:
    """RPC-style operations with inputs and a result ("getFeed(user_id, cursor) -> tweets")."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for turn, message in enumerate(ctx.transcript.messages):
        if message.role != "candidate" or "(" not in message.content:
            continue  # an operation is written with its inputs in brackets
        for match in _RPC.finditer(message.content):
            if match.group(1) not in seen:
                seen.add(match.group(1))
                out.append({"turn": turn, "quote": match.group(0), "path": match.group(2)})
    return out


_OP_VERB = (
    r"(?:get|put|set|delete|add|remove|list|create|read|write|update|fetch|send|publish|"
    r"subscribe|poll|ack|enqueue|dequeue|push|pop|increment|upload|download|search|cancel|book)"
)
# Operations said in words, with what they act on: "the basic operations would be get, put and
# delete on a key", "the API is just publish and poll, by topic".
_OPS_SAID = re.compile(
    r"\b(?:operations?|api|apis|interface|calls|methods|commands|endpoints)\b[^.?!]{0,30}?\b"
    r"(?:are|is|would be|will be|:)\s+(?:just\s+|basically\s+|like\s+|only\s+)?"
    rf"(?P<ops>{_OP_VERB}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_OP_VERB})+)\b"
    r"[^.?!]{0,12}?\b(?:on|by|for|with|of|to)\s+(?:a|an|the|one|each|its)?\s*\w+",
    re.IGNORECASE,
)
# An HTTP method said with what it does: "a POST to create the paste", "the GET for the feed".
_METHOD_SAID = re.compile(
    r"\b(?:a|an|the|one)\s+(?P<method>GET|POST|PUT|PATCH|DELETE)\b(?:\s+(?:request|endpoint|call|"
    r"api))?\s+(?:to|for|that|which)\s+\w+"
)


def _spoken_operations(ctx: GradeContext) -> list[dict[str, Any]]:
    """Operations said in words with what they act on (`_OPS_SAID`, each verb one operation)
    and HTTP methods said with what they do (`_METHOD_SAID`)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for s in ctx.said:
        if s.question:
            continue
        found = [
            (op.lower(), m.group(0))
            for m in _OPS_SAID.finditer(s.text)
            for op in re.findall(_OP_VERB, m.group("ops"), re.IGNORECASE)
        ] + [(m.group("method"), m.group(0)) for m in _METHOD_SAID.finditer(s.text)]
        for op, quote in found:
            if op not in seen:
                seen.add(op)
                out.append({"turn": s.turn, "quote": quote, "path": ""})
    return out


_CONTRACT = re.compile(
    r"\b(?:with (?:the|a|an|its|their|his|her|my|our)\b|which returns|that returns|returns|returning|"
    r"gets (?:back )?(?:the|a|an|its)|get back|gives back|responds with|response (?:is|has)|"
    r"body (?:is|has|with))",
    re.IGNORECASE,
)


def _with_its_contract(ctx: GradeContext, endpoint: dict[str, Any]) -> bool:
    """Whether the sentence that writes `endpoint` says what it takes or gives back, after it."""
    for s in ctx.said:
        if s.turn != endpoint["turn"] or endpoint["quote"] not in s.text:
            continue
        after = s.text[s.text.index(endpoint["quote"]) + len(endpoint["quote"]) :]
        if _CONTRACT.search(after[:_CONTRACT_REACH]):
            return True
    return False


_CONTRACT_REACH = 60
"""Characters after an endpoint within which what it takes or gives back is said."""


@criterion("data.api")
def data_api(ctx: GradeContext) -> Finding:
    found = _endpoints(ctx) or _operations(ctx) or _spoken_operations(ctx)
    # Endpoints for the access patterns: two, or one where one was all the candidate stated,
    # or one written with what it takes and gives back ("the client sends POST
    # /items/{id}/bids with the amount", "it calls GET /deployments/{id}, which returns the
    # stage"): the API of the pattern that matters, written out.
    stated = _stated_patterns(ctx)
    needed = min(2, len(ctx.model.data_api_scale.endpoints), max(1, stated))
    if len(found) == 1 and _with_its_contract(ctx, found[0]):
        needed = 1
    return Finding(
        len(found) >= needed,
        turns=[{"turn": e["turn"], "quote": e["quote"]} for e in found[:4]],
        detail={"count": len(found)},
    )


@criterion("data.paging")
def data_paging(ctx: GradeContext) -> Finding:
    if not ctx.model.data_api_scale.paging:
        return Finding(True, applicable=False)
    paged = [e for e in _endpoints(ctx) + _operations(ctx) if PAGED_ENDPOINT.search(e["path"])]
    if paged:
        return Finding(True, turns=[{"turn": e["turn"], "quote": e["quote"]} for e in paged[:2]])
    # Paging said in prose must be tied to a list ("every list comes back 20 at a time with a
    # cursor"); "with rate limiting and pagination" in a list of buzzwords is not.
    rule = _paging_rule(ctx)
    said = [s for s in ctx.where("@paging", questions=False) if rule(s)]
    return Finding(bool(said), ctx.units(rule, said[:1]))


# A person paged is an alert, not a list in pages ("nobody gets paged", "page the on-call").
_ON_CALL = re.compile(
    r"\b(?:someone|somebody|nobody|no one|everyone|engineers?|humans?|people|i|we|you|he|she)\s+"
    r"(?:\w+\s+)?(?:gets?|got|getting|be|been|is|are|was|were)\s+paged\b|\bon-?call\b|"
    r"\bpag(?:e|es|ed|ing)\s+(?:someone|somebody|an? (?:engineer|human|person)|people|us|them|"
    r"me|you|the team|a team|the owner|the owners)\b",
    re.IGNORECASE,
)


@sentence_rule("data.paging")
def _paging_rule(ctx: GradeContext) -> SentenceRule:
    """Paging said in prose, of a list (the endpoint route has its own evidence)."""
    objects = "|".join(_object_terms(ctx).values())
    listy = f"{objects}|list|get+all|feed|timeline|history|result|item|return|endpoint"
    # where the system's own things are pages (a crawler's), "page" says nothing of paging
    # (a crawler's pages are its things whether or not they were counted as objects)
    pages_held = ctx.has_word("page", objects or "record") or bool(
        ctx.where("crawl|crawler|crawlers|crawling|web+page|web+pages|webpage|webpages")
    )
    paging = "@paging_unmistakable" if pages_held else "@paging"
    # the list named in the sentence or the one next to it ("Maybe we paginate. Like load the
    # first hundred comments, then load more.")
    return lambda s: (
        not s.question
        and ctx.has(s, paging)
        and not ctx.search(_ON_CALL, s)
        and not s.reading.check_in
        and not ctx.listed(s)
        and (
            ctx.has(s, listy)
            # the list in the next sentence when this one says how: "Maybe we paginate. Like,
            # load the first hundred comments" (not a bare "All paginated.")
            or (bool(_SAYS_HOW.search(s.text)) and ctx.near(s, listy))
        )
    )


_SAYS_HOW = re.compile(
    r"\b(?:we|i|it|they|you|the client|the app)\b|\d|\b(?:hundred|fifty|twenty|ten)\b",
    re.IGNORECASE,
)


_READS = (
    r"(?:reads?|reading|views?|viewing|scrolling|loads|loading|watching|browsing|looks?|looking|"
    r"lookups?|refresh(?:es|ing)?|"
    r"fetch(?:es|ing)?|downloads?|downloading|redirects?|clicks?|pulls?|plays?|searches|gets|"
    r"watch(?:es)?|opens?|visits?)"
)
_WRITES = (
    r"(?:writes?|writing|posts?|posting|uploads?|uploading|tweets?|tweeting|submissions?|"
    r"saves?|saving|changes|updates|creates?|creations|edits|inserts|puts?|sends?|sending|publish(?:es)?|"
    r"submits?)"
)
_COUNT = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|a few|several|"
    r"many|(?:hundreds|thousands|millions|dozens) of|\d+[\w,.]*)"
)
_HEAVY = re.compile(
    r"\b(read|write)[- ]?(heavy|intensive|dominated|mostly)|more (reads|writes) than|"
    r"(reads|writes) (dominate|outnumber|far outnumber)|mostly (reads|writes)|"
    rf"(?P<r6>{_READS}) (?:\w+ ){{0,2}}(?:dominate|outnumber|dwarf|swamp|outweigh)|"
    rf"(?P<w6>{_WRITES}) (?:\w+ ){{0,2}}(?:dominate|outnumber|dwarf|swamp|outweigh)|"
    # "... look at the standings many times for each time they actually send something"
    rf"{_READS}\b[^.;]{{0,80}}?\b(?P<r8>many|several|dozens of|hundreds of|a lot of) times "
    rf"(?:for|per) (?:each|every|one) "
    rf"(?:time )?(?:\w+ ){{0,3}}?{_WRITES}\b|"
    r"heavy on (reads|writes)|"
    # "people look much, much more than they put"
    rf"(?P<r7>{_READS})\s+(?:much,?\s+|far\s+|way\s+|a lot\s+){{0,3}}more than (?:\w+ ){{0,2}}{_WRITES}|"
    rf"(?P<w7>{_WRITES})\s+(?:much,?\s+|far\s+|way\s+|a lot\s+){{0,3}}more than (?:\w+ ){{0,2}}{_READS}|"
    rf"more (?:\w+ ){{0,2}}(?P<r1>{_READS}) (?:\w+ )?than (?:\w+ ){{0,2}}{_WRITES}|"
    rf"more (?:\w+ ){{0,2}}(?P<w1>{_WRITES}) (?:\w+ )?than (?:\w+ ){{0,2}}{_READS}|"
    rf"\bfor (?:every|each) (?:\w+ )?{_WRITES}\b[^.;]{{0,40}}?\b{_COUNT} (?:\w+ )?(?P<r5>{_READS})|"
    rf"\b{_COUNT} (?:hundred |thousand )?(?:times as many )?(?P<r2>{_READS}) "
    rf"(?:for|per|to|on) (?:every|each|one|a|an) (?:\w+ )?{_WRITES}|"
    # "thousands of reads per write", "a thousand reads per write": per the one, no article
    rf"\b{_COUNT} (?:hundred |thousand )?(?P<r12>{_READS}) per (?:single )?{_WRITES}\b|"
    rf"\b{_COUNT} (?:hundred |thousand )?(?P<w13>{_WRITES}) per (?:single )?{_READS}\b|"
    rf"\b(?:leans?|leaning|skews?|skewed|skewing|tilts?|tilted|tips?) (?:heavily |strongly |"
    rf"clearly |far )?(?:towards?|to) (?:the )?(?:(?P<r3>{_READS})|(?P<w3>{_WRITES}))|"
    rf"\b(?:dominated by|mostly|overwhelmingly|mainly) (?:the )?(?:(?P<r4>{_READS})|(?P<w4>{_WRITES}))"
    rf"\b(?! and)|"
    # "uploading is rare compared to watching": the other side outweighs it
    rf"(?P<w9>{_WRITES})\w* (?:is|are) (?:\w+ )?(?:rare|rarer|tiny|small|negligible|infrequent) "
    rf"(?:compared to|next to|relative to|versus|vs\.?) (?:\w+ ){{0,2}}{_READS}|"
    rf"(?P<r9>{_READS})\w* (?:is|are) (?:\w+ )?(?:rare|rarer|tiny|small|negligible|infrequent) "
    rf"(?:compared to|next to|relative to|versus|vs\.?) (?:\w+ ){{0,2}}{_WRITES}|"
    # "a lot of writes, every crawl updates a row" (not a because-clause of something else)
    r"(?<!because it's )(?<!since it's )(?<!because there's )"
    r"\b(?:a lot of|lots of|tons of|a ton of) (?P<w10>writes)\b(?![^.;]{0,40}\b(?:reads|and reads)\b)|"
    # "bookings are a lot less than searches", "the browsing is way bigger"
    rf"(?P<w11>{_WRITES}|bookings?|orders?)\w* (?:is|are|'s|'re) (?:\w+ ){{0,2}}(?:less|fewer|rarer|"
    rf"smaller) than (?:\w+ ){{0,2}}(?:{_READS}|search\w*)|"
    rf"\b(?:the )?(?P<r11>{_READS}|search(?:es|ing)?)\w* (?:is|are|'s|'re) (?:way|much|far|a lot) "
    r"(?:bigger|larger|higher|more)\b(?! than)|"
    # "write is very high, like 100k per second"
    r"\b(?P<w12>writes?|write rate|write load|write volume) (?:is|are) (?:very |really |super |extremely )"
    r"?(?:high|huge|massive|heavy|enormous)\b",
    re.IGNORECASE,
)


_SIZE = r"(?:\d[\d,.]*\s*[km]?|ten|twenty|fifty|a hundred|hundred|a thousand|thousand|one|a)"
_RW = r"(?:(?P<first>read|write)s?|(?P<fr>" + _READS + r")|(?P<fw>" + _WRITES + r"))"
_RW2 = r"(?:(?P<second>read|write)s?|(?P<sr>" + _READS + r")|(?P<sw>" + _WRITES + r"))"
# "read to write ratio is 100:1", "read:write = 100 to 1", "the ratio of reads to writes is 10:1"
_RATIO = re.compile(
    rf"\b{_RW}\s*(?:to|:|/|vs\.?|versus)\s*{_RW2}(?:\s+ratio)?\b[^.;?!]{{0,30}}?"
    rf"\b(?P<a>{_SIZE})\s*(?::|to|/)\s*(?P<b>{_SIZE})\b",
    re.IGNORECASE,
)
# "100:1 reads to writes", "a 100 to 1 read/write ratio"
_RATIO_BEFORE = re.compile(
    rf"\b(?P<a>{_SIZE})\s*(?::|to)\s*(?P<b>{_SIZE})\s+(?:\w+\s+)?{_RW}\s*(?:to|:|/|vs\.?)\s*{_RW2}\b",
    re.IGNORECASE,
)
# "reads are maybe 100x writes", "writes are ten times the reads", "reads are 100x"
_FACTOR_WORD = (
    r"(?:\d[\d,.]*\s*k?|ten|a hundred|hundred|a thousand|two|three|four|five|six|seven|eight|"
    r"nine|twenty|fifty|a few)"
)
_TIMES = re.compile(
    rf"\b{_RW}\s+(?:are|is|will be|would be|run|come to)\s+(?:\w+\s+){{0,2}}?"
    # "reads are two or three times the writes": a spoken factor, or a range of them
    rf"(?:(?P<a>(?:{_FACTOR_WORD} or )?{_FACTOR_WORD})\s*(?:x|times|×)\b(?!\s+(?:a|an|per|each|every)\b)|"
    rf"(?P<order>two orders of magnitude|an order of magnitude|orders of magnitude))"
    rf"(?:\s+(?:more|higher|greater))?(?:\s+(?:than\s+)?(?:the\s+)?{_RW2})?",
    re.IGNORECASE,
)
# "1 write per 100 reads", "one upload for every thousand views"
_PER = re.compile(
    rf"\b(?:one|a|1)\s+{_RW}\s+(?:per|for every|for each|to every)\s+(?P<a>{_SIZE})\s+{_RW2}",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "ten": 10,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
    "thousand": 1000,
    "a thousand": 1000,
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "a few": 3,
}


def _size(text: str) -> float | None:
    t = text.strip().lower().replace(",", "")
    if " or " in t:  # "two or three": the lower end
        t = t.split(" or ")[0]
    if t in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[t])
    if "order" in t:
        return 100.0 if "two" in t else 10.0
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([km]?)", t)
    if not m:
        return None
    return float(m.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[m.group(2)]


def _side(m: re.Match[str], first: bool) -> str | None:
    """ "read" or "write": the side the first (or second) traffic word of a ratio names."""
    word, reads, writes = ("first", "fr", "fw") if first else ("second", "sr", "sw")
    if m.group(word):
        return m.group(word).lower()
    if m.group(reads):
        return "read"
    if m.group(writes):
        return "write"
    return None


def _ratio_claim(text: str) -> str | None:
    """The side a ratio calls ("read:write is 100:1", "reads are 100x writes", "one write per
    100 reads"), or None when there is no ratio or it calls neither side."""
    for pattern in (_RATIO, _RATIO_BEFORE):
        m = pattern.search(text)
        if m:
            a, b = _size(m.group("a")), _size(m.group("b"))
            first, second = _side(m, True), _side(m, False)
            if a and b and a != b and first and second and first != second:
                return f"{first if a > b else second}_heavy"
    m = _TIMES.search(text)
    if m:
        first, second = _side(m, True), _side(m, False)
        a = _size(m.group("a") or m.group("order"))
        if first and a and a > 1 and second in (None, "read" if first == "write" else "write"):
            return f"{first}_heavy"
    m = _PER.search(text)
    if m:
        first, second = _side(m, True), _side(m, False)
        a = _size(m.group("a"))
        if first and second and first != second and a and a > 1:
            return f"{second}_heavy"
    return None


def _claim(text: str) -> str | None:
    m = _HEAVY.search(text)
    if not m:
        return _ratio_claim(text)
    # "uploading is rare compared to watching": the side named is the light one
    if m.group("w9") or m.group("w11") or m.group("r11"):
        return "read_heavy"
    if m.group("r9"):
        return "write_heavy"
    if any(m.group(g) for g in ("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r12")):
        return "read_heavy"
    if any(m.group(g) for g in ("w1", "w3", "w4", "w6", "w7", "w10", "w12", "w13")):
        return "write_heavy"
    word = next(g for g in m.groups() if g and g.lower().rstrip("s") in ("read", "write"))
    return "read_heavy" if word.lower().startswith("read") else "write_heavy"


# Every way of calling a side names reads or writes, and says which outweighs the other: a
# sentence holding none of these words (what each alternative of _READS / _WRITES, and of the
# rest of _HEAVY, starts with) calls none. Substring tests, a cheap pass before _HEAVY.
_READ_OR_WRITE_WORDS = (
    *("read", "view", "scrolling", "load", "watch", "browsing", "look", "fetch", "download"),
    *("redirect", "click", "pull", "play", "searches", "gets", "open", "visit", "refresh"),
    *("write", "writing", "post", "upload", "tweet", "submission", "save", "saving", "changes"),
    *("updates", "create", "creations", "edits", "inserts", "puts", "send", "publish", "submit"),
    *("booking", "order", "search", "brows", "book"),
)
_OUTWEIGH_WORDS = (
    *("heavy", "intensive", "dominat", "mostly", "more", "outnumber", "dwarf", "swamp"),
    *("outweigh", "every", "each", "lean", "skew", "tilt", "tip", "mainly", "overwhelmingly"),
    *("for a", "for o", "per a", "per o", "to a", "to o", "on a", "on o", "rare", "tiny", "small"),
    *("negligible", "infrequent", "lot of", "lots of", "tons of", "ton of", "less", "fewer"),
    *("per write", "per read", "per single"),
    *("bigger", "larger", "higher", "high", "huge", "massive"),
)
# (the same substring tests as one search each: grading runs them on every sentence)
_READ_OR_WRITE_ANY = re.compile("|".join(map(re.escape, _READ_OR_WRITE_WORDS)))
_OUTWEIGH_ANY = re.compile("|".join(map(re.escape, _OUTWEIGH_WORDS)))
_DIGIT = re.compile(r"\d")


_R_ACT = r"(?:search|view|look|read|brows|watch|click|scroll|play|visit|open|load|fetch|check)"
_W_ACT = r"(?:book|buy|post|writ|order|upload|comment|creat|purchas|sell|list|edit|send|tweet)"
_R_NOUN = (
    r"(?:searches|views|page views|reads|lookups|clicks|plays|watches|visits|loads|opens|"
    r"redirects|fetches|checks)"
)
_W_NOUN = (
    r"(?:bookings|orders|posts|writes|uploads|purchases|comments|edits|sales|tweets|messages "
    r"sent|listings created)"
)
_MANY = (
    r"(?:\d[\d,.]*\s*[kmb]?|(?:a |one |ten |a few |several )?(?:hundred|thousand|million|dozen)s?|"
    r"tens|hundreds|thousands|millions|dozens|ten|twenty|fifty)"
)
"""A count of how many reads ("a thousand", "500", "hundreds")."""
_R_DOING = (
    rf"(?:{_R_NOUN}|browsing|downloads?|downloading|reading|viewing|watching|searching|listening)"
)
_W_DOING = rf"(?:{_W_NOUN}|uploads?|uploading|writing|posting|editing|edits|booking|ordering|buying)"
# One side outnumbering the other said in words: how often one is done for each time of the other
# ("people search like fifty times before they book once"), or one named as less than the other
# ("bookings are a lot less than searches").
_WORDS_RATIO = re.compile(
    rf"\b(?P<r1>{_R_ACT})\w*\s+(?:\w+\s+){{0,2}}?(?:\w+|\d+)\s+times\s+(?:before|for every|for each|"
    rf"per)\s+(?:\w+\s+){{0,2}}?{_W_ACT}\w*(?:\s+\w+)?\s+(?:once|one time)\b|"
    rf"\b(?P<w1>{_W_ACT})\w*\s+(?:\w+\s+){{0,2}}?(?:\w+|\d+)\s+times\s+(?:before|for every|for each|"
    rf"per)\s+(?:\w+\s+){{0,2}}?{_R_ACT}\w*(?:\s+\w+)?\s+(?:once|one time)\b|"
    rf"\b(?P<w2>{_W_NOUN})\b[^.;]{{0,40}}?\b(?:a lot |much |way |far )?(?:less|fewer|rarer) than "
    rf"(?:the\s+)?{_R_NOUN}\b|"
    rf"\b(?P<r2>{_R_NOUN})\b[^.;]{{0,40}}?\b(?:a lot |much |way |far )?(?:less|fewer|rarer) than "
    rf"(?:the\s+)?{_W_NOUN}\b|"
    # "browsing and download is much, much more than upload"
    rf"\b(?P<r3>{_R_DOING})\b[^.;]{{0,40}}?\b(?:(?:much|way|far|a lot|many times)[, ]+)*more than "
    rf"(?:the\s+)?{_W_DOING}\b|"
    rf"\b(?P<w3>{_W_DOING})\b[^.;]{{0,40}}?\b(?:(?:much|way|far|a lot|many times)[, ]+)*more than "
    rf"(?:the\s+)?{_R_DOING}\b|"
    # "for every edit there's something like a thousand people just reading", "for every review
    # that gets written, the summary gets looked at five hundred times"
    # (a count of the reads said: "we retry many times for each failed write to the click
    # table" is no side outnumbering the other)
    rf"\bfor (?:every|each) (?:single )?(?:\w+\s+){{0,3}}?(?P<r4>{_W_ACT}\w*|edit|review|write)\b"
    rf"[^.;]{{0,60}}?(?:{_MANY}\b[^.;]{{0,40}}?\b(?:{_R_ACT}\w*|reading|readers|viewers|looked at|"
    rf"downloads?)\b|\b(?:{_R_ACT}\w*|looked at|downloaded)\b[^.;]{{0,30}}?{_MANY}\s+times\b)",
    re.IGNORECASE,
)


def _claimed(ctx: GradeContext, s: Said) -> str | None:
    """The side a sentence calls (one side only), or None (read off the sentence alone, once)."""
    return ctx.per_sentence(s, "read_write_call", lambda: _claimed_in(ctx, s))


def _claimed_in(ctx: GradeContext, s: Said) -> str | None:
    low = s.reading.low
    if not _READ_OR_WRITE_ANY.search(low):
        return None  # every call names reads or writes (a cheap test first)
    if (
        ("times" in low or "than" in low or "for every" in low or "for each" in low)
        and not s.question
        and ctx.search(_WORDS_RATIO, s)
    ):
        m = _WORDS_RATIO.search(low)
        if m:
            read = m.group("r1") or m.group("w2") or m.group("r3") or m.group("r4")
            return "read_heavy" if read else "write_heavy"
    if not _OUTWEIGH_ANY.search(low):
        # a ratio in figures ("read:write is 100:1", "reads are 100x")
        if not (_DIGIT.search(low) or "order" in low) or s.question:
            return None
        return _ratio_claim(s.text)
    if s.question or _both_claimed(s.text):
        return None
    if not ctx.search(_HEAVY, s):
        return _ratio_claim(s.text)
    return _claim(s.text)


_RATIO_WHY = "@reason|than|once|many+times|every|each|for+every"


@sentence_rule("data.read_write")
def _read_write_rule(ctx: GradeContext) -> SentenceRule:
    # A call is one side, with why: "read-heavy and write-heavy both" calls nothing, and "massive
    # scale, so it's read-heavy" gives no reason about reads and writes. The why may be in a
    # neighbour ("Reads dominate. A link is written once and clicked thousands of times"):
    # then both are quoted.
    return lambda s: (
        bool(_claimed(ctx, s))
        and (
            # who does what how often ("people search fifty times before they book once") is the
            # call and its why
            ctx.search(_WORDS_RATIO, s) or _reasoned_call(ctx, s)
        )
    )


def _reasoned_call(ctx: GradeContext, s: Said) -> bool:
    return (
        # a bare ratio ("read to write, I'd say 100 to 1") is the call, not its why
        (_HEAVY.search(s.text) is not None or ctx.near_after(s, _RATIO_WHY))
        and bool(
            # figures beyond the ratio itself ("100 to 1" is the call, not its why)
            _compares_rates(s.text)
            or ctx.near(
                s,
                "often|once|written|for+every|for+each|per|versus|vs|to+one|compared+to|"
                "never+change|never+changes|rarely+change|immutable|dont+change|doesnt+change",
            )
            or (ctx.near_after(s, "@reason|than|every|each") and _traffic_words(ctx, s) >= 2)
            # who does which ("much more people read than write", "very few people post")
            or any(ctx.search(_WHO_DOES_WHICH, x) for x in ctx.neighbours(s, 1))
            or any(ctx.search(_WHO_DOES_WHICH, x) for x in ctx.why_answer(s))
            # the call drawn from the traffic said in the sentences before it ("Every host
            # pushes hundreds of metrics each ten seconds ... Dashboards are opened by a few
            # engineers sometimes. So write-heavy")
            or (
                bool(_DRAWN_CALL.match(s.text))
                and any(
                    not x.question
                    and len(_TRAFFIC.findall(x.text)) + len(_HOW_OFTEN.findall(x.text)) >= 2
                    and _HOW_OFTEN.search(x.text) is not None
                    for x in ctx.between(s, s.index - 3, s.index - 1)
                )
            )
            # the operation that dominates named ("location updates far outnumber ride
            # requests", "location pings dwarf everything else": which writes, not "writes
            # dominate", which is only the call)
            or (
                ctx.has(s, _DOMINATES)
                and _NAMED_OPERATION.search(_HEAVY_CALL_WORDS.sub(" ", s.text)) is not None
            )
            # the comparison said just before ("way more than the route requests. So that's
            # the write-heavy part")
            or any(
                ctx.has(x, "more+than|less+than|fewer+than|outnumber|outnumbers|dwarf|dwarfs")
                for x in ctx.by_turn[s.turn]
                if x.index == s.index - 1
            )
        )
    )


_DOMINATES = "outnumber|outnumbers|dwarf|dwarfs|swamp|swamps|outweigh|outweighs|dominate|dominates|by+far"
_NAMED_OPERATION = re.compile(
    r"\b(?!(?:the|all|of|and|more|most|many|our|these|those|both|read|write|so|that|it|s|"
    r"than|any|other|other's|every|each|total|some|few)\b)[a-z]+[- ]"
    r"(?:updates|pings|reports|heartbeats|events|requests|lookups|polls|clicks|views|uploads|"
    r"posts|messages|searches|redirects|submissions|check-?ins|downloads|plays|likes|edits|"
    r"sends|writes|reads)\b",
    re.IGNORECASE,
)
"""An operation named with what it is of ("location updates", "feed reads", "ride requests")."""
_HEAVY_CALL_WORDS = re.compile(r"(?i)\b(?:read|write)[- ]?(?:heavy|intensive|dominated|bound)\b")


_DRAWN_CALL = re.compile(
    r"\W*(?:(?:and|um|uh|well|okay|ok|yeah|anyway),?\s+)*(?:so|that'?s why|which makes it|"
    r"that makes it|hence|overall|all in all)\b",
    re.IGNORECASE,
)
_HOW_OFTEN = re.compile(
    r"\b(?:every|each|all the time|all day|constantly|always|rarely|never|seldom|sometimes|"
    r"only when|most|few|a lot more|much more|way more|far more|a lot|once|many times|"
    r"times a day|a day|per day|a second|per second|a minute)\b",
    re.IGNORECASE,
)
"""How often something is done: the traffic a call is drawn from."""

_WHO_DOES_WHICH = re.compile(
    r"\b(?:more|most|fewer|few|a handful of|a tiny fraction of|one in (?:a |every )?\w+ of)\s+"
    r"(?:of (?:the )?)?(?:people|users|visitors|customers|viewers|readers|players|members)\b"
    r"[^.;]{0,40}?\b(?:read|reads|view|views|watch|watches|browse|browses|search|searches|look|"
    r"looks|post|posts|write|writes|upload|uploads|create|creates|book|books|buy|buys|edit|edits)\b",
    re.IGNORECASE,
)


@criterion("data.read_write")
def data_read_write(ctx: GradeContext) -> Finding:
    expected = ctx.model.data_api_scale.read_write
    claims = [(s, c) for s in ctx.said if (c := _claimed(ctx, s))]
    rule = _read_write_rule(ctx)
    reasoned = [(s, c) for s, c in claims if rule(s)]
    label = {"read_heavy": "read-heavy", "write_heavy": "write-heavy"}
    if reasoned:
        s, c = next(((s, c) for s, c in reasoned if c == expected), reasoned[0])
        other = expected not in ("balanced", c)
        return Finding(True, ctx.units(rule, [s]), detail={"claim": label[c], "other_view": other})
    return Finding(False, [s for s, _ in claims[:1]])


def _compares_rates(text: str) -> bool:
    """Figures for both sides, a rate among them ("a million views a minute versus ten k
    uploads a minute"): a reason, where "billions of requests" alone is none."""
    found = find_quantities(text)
    return len(found) >= 2 and any(q.per for q in found)


def _both_claimed(text: str) -> bool:
    return bool(
        re.search(r"\bread[- ]?heavy\b", text, re.I)
        and re.search(r"\bwrite[- ]?heavy\b", text, re.I)
    )


_TRAFFIC = re.compile(
    rf"\b(?:{_READS}|{_WRITES}|read|write|ratio|per|every|each|once|times|than|saved|written|"
    r"pulled|viewed|watched|posted|uploaded|downloaded|fetched|clicked)\b",
    re.IGNORECASE,
)


def _traffic_words(ctx: GradeContext, said: Said) -> int:
    """How many read/write words the sentence and the next one use besides the claim's own."""
    texts = [x.text for x in ctx.by_turn[said.turn] if 0 <= x.index - said.index <= 1]
    return len(_TRAFFIC.findall(_HEAVY.sub(" ", " ".join(texts))))


def _sized(calc: Any) -> bool:
    quantities = (*calc.operands, calc.stated)
    return any(q.per or q.unit for q in quantities)


@criterion("data.estimates")
def data_estimates(ctx: GradeContext) -> Finding:
    calcs: list[tuple[int, Any]] = []
    for turn, analysis in ctx.analyses.items():
        # Traffic or storage math: a rate or a size in it ("5M users, design for 10x, so 50M"
        # is headroom, not an estimate).
        calcs.extend((turn, c) for c in analysis.calculations if _sized(c))
    if not calcs:
        return Finding(False)
    wrong = [
        {"turn": t, "quote": c.quote, "expected": format_quantity(c.expected)}
        for n, (t, c) in enumerate(calcs)
        if not c.ok and not _corrected(c, [x for _, x in calcs[n + 1 :]])
    ]
    if wrong and _a_lone_misreading(len(calcs) - len(wrong), len(wrong)):
        # Many figures that hold and the odd one "off": the reading of that one is the likelier
        # slip (spoken math leaves its operands implied), and a correct figure is never to be
        # called wrong; the figures that hold are quoted.
        calcs = [(t, c) for t, c in calcs if c.ok]
        wrong = []
    if wrong:
        return Finding(
            False,
            turns=[{"turn": w["turn"], "quote": w["quote"]} for w in wrong],
            detail={"wrong": wrong},
        )
    # a figure the candidate redid is quoted as redone, never as first said ("... ten thousand
    # gigs" ... "ten million gigs? which is ten thousand terabytes")
    holding = [(t, c) for t, c in calcs if c.ok]
    # Quoted are figures whose words show the math on their own; one that holds only with
    # the rest of the turn ("three or four days ... 70% of 365 is about 250 days", read past a
    # range) is quoted when no other is.
    quotes = [(t, _standing(ctx, t, c), str(c.quote)) for t, c in holding[:6]]
    standing = [(t, q, raw) for t, q, raw in quotes if q is not None]
    turns = [{"turn": t, "quote": q or raw} for t, q, raw in (standing or quotes)[:3]]
    return Finding(True, turns=turns, detail={"example": holding[0][1].quote})


MANY_HOLD = 5
"""Figures that hold, at least, for the odd one called wrong among them to be doubted."""


def _a_lone_misreading(holding: int, wrong: int) -> bool:
    """Whether the figures called wrong are the odd one out among many that hold (at least
    `MANY_HOLD`, and three for each one called wrong). On the labelled interviews every such
    case was the checker misreading spoken math ("one upsert per minute" read as a result,
    "six hundred gigabits a second" against a product of the wrong operands), where a
    candidate whose math was really off got few figures right."""
    return holding >= MANY_HOLD and wrong * 3 <= holding


def _corrected(calc: Any, later: list[Any]) -> bool:
    """Whether the candidate redid a wrong figure later and got it right ("a hundred million
    times sixty, six billion a second" ... "sorry, divided by sixty, so about 1.7 million a
    second"): a later result that holds, worked from the same figures, of the same kind and
    time, within 10x of what the wrong one should have been or of the kind and time it was said
    in (the checker's own reading of the wrong one may be off: "times sixty ... oh wait, it's
    divided ... one point six million a second"); or a later result that holds and is the right
    figure itself, within 25%, in its unit ("... five hundred terabytes a day" ... "so five
    hundred billion bytes, that's five hundred gigs. Oh, gigs, not terabytes")."""
    want = calc.expected

    def figures(c: Any) -> set[str]:  # a divisor is held as its inverse: 60 as 1/60
        return {f"{max(o.value, 1 / o.value):.4g}" for o in c.operands if o.value > 0}

    def near(c: Any) -> bool:  # of the kind and time the checker expected, within 10x of it
        return (
            c.stated.unit == want.unit
            and c.stated.per == want.per
            and want.value > 0
            and c.stated.value > 0
            and max(c.stated.value / want.value, want.value / c.stated.value) <= 10
        )

    def redone(c: Any) -> bool:  # the same kind and time as the figure said ("... a second")
        return c.stated.unit == calc.stated.unit and c.stated.per == calc.stated.per

    def restated(c: Any) -> bool:  # the right figure itself, its time left implied
        return (
            c.stated.unit == want.unit
            and c.stated.per in (None, want.per)
            and want.value > 0
            and c.stated.value > 0
            and max(c.stated.value / want.value, want.value / c.stated.value) <= 1.25
        )

    return any(
        c.ok and ((figures(c) <= figures(calc) and (near(c) or redone(c))) or restated(c))
        for c in later
    )


def _standing(ctx: GradeContext, turn: int, calc: Any) -> str | None:
    """The calculation's words, widened back to the sentence that gave a figure it uses
    ("each sends every thirty seconds, so one million divided by thirty, around 33k a
    second"), so the quote holds as an estimate on its own; None when no such words do."""
    if any(c.ok and _sized(c) for c in find_calculations(calc.quote)):
        return str(calc.quote)
    text = ctx.analyses[turn].text
    end = calc.start + len(calc.quote)
    for r in reversed(ctx.analyses[turn].readings):
        start = r.sentence.start
        if start <= calc.start and any(
            c.ok and _sized(c) for c in find_calculations(text[start:end])
        ):
            return text[start:end]
    return None


@criterion("data.uncovered")
def data_uncovered(ctx: GradeContext) -> Finding:
    return _uncovered(ctx, "data_api_scale")
