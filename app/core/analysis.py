"""One analysis per message: everything sdi reads from a candidate's message, worked out once and
read by the disclosure rules, the interviewer policy, the hints and every rubric criterion.

`analyse(text, scenario)` is pure and cached per scenario (a message is read once however many
times the interview, the hints and the grade look at it). What it holds:
- the sentences and what each does (`speech.Reading`: question, request to confirm, assumption,
  proposal, catch-all, a question no fact answers, a recited list);
- what the whole message does: injection, check-in, a move asked for (a named step, or "next"),
  a slash command, and its speech acts named as the messages corpus names them (`acts`);
- the hidden facts it asks for, with the sentence that asked;
- quantities and calculations, with whether each holds (`grading.arithmetic`, on pint);
- HTTP endpoints written;
- the framework items it touches, for naming what a step change skips (nfr, api, estimates,
  components).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, get_args

from app.core.decisions import (
    asks_after_tag,
    assumes_by_tag,
    design_block,
    proposes,
    tags_own_figures,
    viewed_design,
)
from app.core.diagrams import DiagramSentence, with_diagrams
from app.core.disclosure import (
    Disclosure,
    catch_all_scope,
    confirmed_statement,
    disclosure_of,
    facts_asked,
    only_checks_in,
    puts_up_before,
    rules_asked,
    system_stems,
)
from app.core.grading.arithmetic import Calculation, find_calculations
from app.core.reader import (
    ACTS_ADD,
    ACTS_SHORT,
    ACTS_VETO,
    ACTS_VETO_TAGGED,
    JUDGED_ACTS,
    acts_reader,
)
from app.core.scenarios.loader import LoadedScenario
from app.core.speech import (
    Reading,
    asks_besides_moving,
    asks_next,
    guesses_answer,
    is_check_in,
    is_injection,
    moves_asked,
    read_all,
    states,
    weighs_own_part,
)
from app.core.steps import Step
from app.core.text import Rule, sentences, words
from app.core.words import matcher

Command = Literal["hint", "finish", "next"]
Act = Literal[
    "question", "confirm_assumption", "check_in", "proposal", "move_on", "catch_all", "injection"
]
"""The speech acts the analysis names, as FORMAT.md of the messages corpus names them."""
ACT_NAMES: tuple[Act, ...] = get_args(Act)
_ASKING_ACTS = ("question", "confirm_assumption", "check_in", "catch_all")
"""The acts that ask the interviewer something: a message the acts reader sees none of in asks
nothing (`Analysis.question`)."""
COMMANDS: dict[str, Command] = {
    "/hint": "hint",
    "hint": "hint",
    "/finish": "finish",
    "/next": "next",
}

ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\s+(/[^\s`'\"<>)]*)", re.IGNORECASE)
# In words, the method in capitals: "a POST to /photos", "a GET on /users/:id/feed" ("we post to
# /dev/null" is no endpoint).
_WORDED_ENDPOINT = re.compile(
    r"\b(GET|POST|PUT|PATCH|DELETE)\s+(?:request\s+)?(?:to|on|at|against|for)\s+(/[^\s`'\"<>)]*)"
)
PAGED_ENDPOINT = re.compile(
    r"[?&](page|page_?token|page_?size|next_?page(_?token)?|cursor|limit|offset|after|before|"
    r"continuation|size|per_page|count|max_?results|starting_?after)\b",
    re.IGNORECASE,
)
"""A query parameter that pages a list ("?cursor=", "&limit=")."""
# Said aloud and transcribed: "POST slash videos", "GET slash accounts slash account id slash
# videos", "a GET on slash feed". Path words run until punctuation or a word that starts the
# rest of the sentence.
_SPOKEN_ENDPOINT = re.compile(
    r"\b(GET|POST|PUT|PATCH|DELETE|get|post|put|patch|delete)(?:\s+(?:on|to|at))?\s+slash\s+"
    r"((?:(?!(?:with|that|which|returns?|gives?|takes|and|for|to|the|it|you|we|body|in|where|as|"
    r"so|plus|then|same|or|is|are|gets|by)\b)[\w-]++\s*)+?)"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:with|that|which|returns?|gives?|takes|and|for|to|the|it|you|we|"
    r"body|in|where|as|so|plus|then|same|or|is|are|gets|by)\b)",
    re.MULTILINE,
)

# Said with the method in capitals and the resource as a word, no slash: "GET restaurants with
# their lat long", "POST orders with the restaurant id, the items", "a POST to create paste,
# ... returns the URL" (the inputs or the result said with it).
_CAPS_ENDPOINT = re.compile(
    r"\b(GET|POST|PUT|PATCH|DELETE)\s+(?:request\s+)?(?:(?:to|on|for)\s+)?(?:an?\s+|the\s+)?"
    r"((?:create|get|update|delete|list|fetch|add|remove)?\s?"
    r"(?!(?:slash|call|calls|request|requests|endpoint|method|api|operation)\b)[a-z][\w-]*)"
    # the inputs or the result, quoted with it, or what it is for ("POST profile, to create or
    # update the profile", "GET matches to list them")
    r"(?:,?\s+(?:with|that takes|which takes|taking|passing)\b[^.;?!]*|[^.;?!]{0,80}\breturns?\b[^.;?!]*|"
    r",?\s+to\s+(?:create|update|get|list|fetch|add|remove|delete|see|show|load|send|mark|"
    r"record|read|upload|edit|change|search|book|cancel|set)\b[^.;?!]*)"
)


@dataclass(frozen=True)
class Endpoint:
    """An HTTP endpoint the candidate wrote or said."""

    method: str
    path: str
    """As written ("/feed?cursor=x"), or built from speech ("/accounts/account_id/videos")."""
    quote: str
    """The words of the message that give it."""


_TABLE_ROW = re.compile(r"^\s*\|?(.*\|.*)$", re.MULTILINE)
_METHOD = re.compile(r"^`?(GET|POST|PUT|PATCH|DELETE)`?$", re.IGNORECASE)


def _table_endpoints(text: str) -> list[tuple[int, Endpoint]]:
    """Endpoints in a Markdown table: a row with a method cell, then a path cell
    ("| PUT | /users/{id}/availability | ... |")."""
    out = []
    for row in _TABLE_ROW.finditer(text):
        cells = [c.strip() for c in row.group(1).split("|")]
        for i, cell in enumerate(cells[:-1]):
            method = _METHOD.match(cell)
            path = cells[i + 1].strip("`")
            if method and path.startswith("/"):
                out.append(
                    (row.start(), Endpoint(method.group(1).upper(), path, row.group(0).strip()))
                )
                break
    return out


def _spoken_path(words: str) -> str:
    segments = [seg.split() for seg in re.split(r"\bslash\b", words)]
    return "/" + "/".join("_".join(seg) for seg in segments if seg)


_NFR = (
    "@availability|@consistency|@security|@trust|latency|performance|non+functional|nfr|"
    "how+fast|fast|slow|speed|quick|quickly|responsive|milliseconds|=ms|down+for|we+are+down|"
    "=were+down|is+down|be+down|outage|stale|lag|uptime|durable|durability|lose+data"
)
"""What a sentence about a non-functional requirement speaks of (for naming what a step change
skips: "how fast must a redirect be, and how bad is an hour down?" covers them)."""


@dataclass(frozen=True, eq=False)
class Analysis:
    """What one candidate message says and does (see the module's docstring). What only some
    readers need (injection, facts, moves, check-in, calculations...) is worked out on first
    use, then kept."""

    text: str
    readings: tuple[Reading, ...]
    command: Command | None
    scenario: LoadedScenario = field(repr=False)
    nfr_rule: Rule = field(repr=False)
    component_rule: Rule = field(repr=False)

    @cached_property
    def injection(self) -> bool:
        """Tries to talk the interviewer out of its role (`speech.is_injection`)."""
        return is_injection(self.text)

    @cached_property
    def quotes(self) -> dict[str, str]:
        """Fact id -> the sentence that asks for it (scenario order; none for an injection)."""
        # The facts first: a message that asks for none (every message of a generic grade) is
        # never tested for an injection, which costs more than the facts.
        asked = facts_asked(self.text, self.readings, self.scenario)
        return {} if not asked or self.injection else asked

    @cached_property
    def rules_quotes(self) -> dict[str, str]:
        """`quotes` as the fact rules alone read them, with no say of the learned reader: what
        a text that is not a message as written asks (some of a message's sentences, a
        follow-on joined to the question before it), since the reader judges whole messages."""
        asked = rules_asked(self.text, self.readings, self.scenario)
        return {} if not asked or self.injection else asked

    @cached_property
    def _acts_read(self) -> dict[str, float]:
        """The acts reader's probability of each act it judges (`reader.JUDGED_ACTS`); none
        for a slash command, a message of `ACTS_SHORT` words or fewer (too few for the model
        to overrule the rules that matched them: "it has to be done right" puts nothing up,
        "Does it hold up in your view?" asks only a view), or where no acts reader is
        shipped."""
        reader = acts_reader()
        if reader is None or self.command is not None or len(words(self.text)) <= ACTS_SHORT:
            return {}
        return reader.probabilities(self.text)

    @cached_property
    def _tagged(self) -> bool:
        """A reading asks to confirm with a tag the rules read ("... we can't scan them all
        right like there's too many")."""
        return any(r.confirm or assumes_by_tag(r.sentence, r.component) for r in self.readings)

    @cached_property
    def _acts_apart(self) -> tuple[dict[str, float], ...]:
        """The acts reader's reading of each sentence alone (what an act added needs)."""
        reader = acts_reader()
        if reader is None or len(self.readings) < 2:
            return ()
        return tuple(reader.probabilities(r.text) for r in self.readings)

    def _judged(self, act: str, rules: bool) -> bool:
        """What the rules read (`rules`) of an act, judged by the acts reader: dropped when
        it gives the message less than `ACTS_VETO`; added when it gives the message and one
        of its sentences read alone at least `ACTS_ADD` (a design listed in Markdown is no
        check-in because design messages often end in one)."""
        p = self._acts_read.get(act)
        if p is None:
            return rules
        if rules:
            return p >= (
                ACTS_VETO_TAGGED if act == "confirm_assumption" and self._tagged else ACTS_VETO
            )
        if act in _ASKING_ACTS and not any(r.question or r.confirm for r in self.readings):
            return False  # nothing read as asked: "I'll assume 300 bytes, no need to confirm"
        return p >= ACTS_ADD and (
            not self._acts_apart or any(part[act] >= ACTS_ADD for part in self._acts_apart)
        )

    @cached_property
    def check_in(self) -> bool:
        """Asks the interviewer's view on a decision or on progress, or to confirm what it
        says: `asks_view`, or a closing tag of its own ("... the avg user stores around 100
        GB? right"), which the interviewer answers as it answers a check-in."""
        return self.asks_view or (len(self.readings) > 1 and self.readings[-1].confirm)

    @cached_property
    def asks_view(self) -> bool:
        """Asks the interviewer's view on a decision or on progress ("does that sound
        right?"): `speech.is_check_in`, or the acts reader sure of a check-in the rules missed.
        The reader never drops one the rules read: a play-back ending "lmk if i misread
        anything" met as no check-in gets "state an assumption", a worse reply than an
        acknowledgement a message did not need."""
        return is_check_in(self.text.strip()) or self._judged("check_in", False)

    @cached_property
    def moves(self) -> tuple[Step, ...]:
        """Steps the message asks to move on to, by name."""
        return moves_asked(self.text.strip())

    @cached_property
    def next(self) -> bool:
        """Asks to move on to the next step ("shall we move on?", `/next`)."""
        return self.command == "next" or asks_next(self.text.strip())

    @cached_property
    def nfr(self) -> bool:
        """A sentence speaks of a non-functional requirement."""
        return any(self.nfr_rule.matches(r.tokens) for r in self.readings)

    @cached_property
    def components(self) -> bool:
        """A sentence places a storage or service component ("put images in a blob store")."""
        proposal = matcher("proposal")
        return any(
            self.component_rule.matches(r.tokens)
            # an edge of a drawn design places its components
            and (isinstance(r.sentence, DiagramSentence) or proposal.search(r.low))
            for r in self.readings
        )

    @cached_property
    def states(self) -> bool:
        """The message says something of its own, not only a question, a check-in, a move or
        an "ok" (`speech.states`): what answers an interviewer's question."""
        return any(states(r) for r in self.readings)

    @cached_property
    def question(self) -> bool:
        """The message asks the interviewer something (even if no fact covers it): a sentence
        read as asking, unless the acts reader is sure it asks nothing (no act of
        `_ASKING_ACTS`) and the rules read nothing else asking (no fact, check-in, catch-all or
        move): "> Why not run user code in the API server?\n\nBecause it's untrusted ..." asks
        nothing, and is not told to state an assumption. The reader adds no question the rules
        missed: a statement taken for one would be told to."""
        if not any(r.question for r in self.readings):
            return False
        return bool(
            self.check_in
            or self.catch_all
            or self.moves
            or self.next
            or self.quotes
            or any(self._judged(a, True) for a in _ASKING_ACTS)
        )

    @cached_property
    def catch_all(self) -> bool:
        """Asks for everything at once ("what else should I know?"): a sentence read so,
        judged by the acts reader."""
        return self._judged("catch_all", any(r.catch_all for r in self.readings))

    @property
    def asked(self) -> tuple[str, ...]:
        return tuple(self.quotes)

    @cached_property
    def acts(self) -> frozenset[Act]:
        """What the message does, named as the messages corpus names its speech acts. A
        `question` is asking something *other* than the asking acts that have their own name
        (a check-in, an assumption put up for confirmation, a move, a catch-all)."""
        found: set[Act] = set()
        readings = self.readings
        # a tag puts its own statement up for confirmation ("riders can rate each other, right?")
        tagged = {
            r.index
            for r in readings
            if assumes_by_tag(r.sentence, r.component)
            # "I'm guessing customers can't edit a review?": the guess asked as a question
            or (
                r.sentence.is_question_mark
                and matcher("guess_opening").match(r.low)
                and not proposes(r)  # "I'm thinking each device acks ..., reasonable?"
            )
            # "Just the closest free one?", "maybe 1 KB?": a guess offered as the answer
            or (guesses_answer(r) and not find_calculations(r.text))
            # "Is 4 seconds the real interval?": a figure put up as a question
            or bool(r.question and matcher("figure_put_up").match(r.low))
            # "Moderation: out of scope, I assume. Payments: also out?"
            or (r.assumption and puts_up_before(readings, r.index))
        }
        # an assumption about the candidate's own design ("I'm thinking each client acks ...,
        # does that seem reasonable?") is a proposal viewed, not a fact put up
        # (progress said as a guess is no assumption about the system: "ok numbers done i
        # think, design next?" asks to move on)
        confirms = bool(tagged) or (
            any(
                r.assumption and not proposes(r) and not (moves_asked(r.text) or asks_next(r.text))
                for r in readings
            )
            and any(r.confirm for r in readings)
        )
        if not self.injection and any(
            self._asks_else(
                r, confirms and (r.confirm or r.index in tagged) and not asks_anew(readings, r)
            )
            for r in readings
        ):
            found.add("question")
        if confirms:
            found.add("confirm_assumption")
        # An assumption put up for confirmation ("I'll assume X. Is that fair?") is that alone;
        # a check-in is a view asked on something else.
        if self._views() and not (
            confirms and all(r.confirm or r.index in tagged for r in readings if r.check_in)
        ):
            found.add("check_in")
        # a recap, or what was heard played back for a check ("So devs tag a release, we deploy
        # it ... Did I understand correctly?"), proposes nothing
        recap = bool(readings) and (
            bool(matcher("recap_opening").search(readings[0].low))
            or (len(readings) > 1 and bool(matcher("heard_check").search(readings[-1].low)))
        )
        if not recap and (
            any(proposes(r) for r in readings)
            or (not confirms and viewed_design(readings))
            or design_block(self.text, self.component_rule)
        ):
            found.add("proposal")
        if self.moves or self.next:
            found.add("move_on")
        if self.catch_all and recapped(readings):
            # "Let me recap: ... Anything I'm missing?" asks whether the recap is complete
            found.add("check_in")
        elif any(r.catch_all for r in readings) and not self.injection:
            # "anything else about rollbacks I should know?" asks about rollbacks
            system = system_stems(self.scenario)
            scoped = [r for r in readings if r.catch_all and catch_all_scope(r.text, system)]
            if scoped and len(scoped) == sum(r.catch_all for r in readings):
                # the scenario's topics, which the acts reader does not know, decide it
                return self._judged_acts(found) - {"catch_all"} | {"question"}
            if self.catch_all:  # (unless the acts reader rules the catch-all out)
                found.add("catch_all")
        if self.injection:
            return frozenset({*found, "injection"})
        return self._judged_acts(found)

    def _judged_acts(self, found: set[Act]) -> frozenset[Act]:
        """The acts the rules `found`, each the acts reader judges judged by it."""
        return frozenset(
            a
            for a in ACT_NAMES
            if (self._judged(a, a in found) if a in JUDGED_ACTS else a in found)
        )

    def _asks_else(self, r: Reading, confirming: bool) -> bool:
        """The sentence asks something besides the acts with a name of their own: a check-in
        that asks for no hidden fact, or on the candidate's own math or design, is a check-in
        only; an
        assumption put up is that; a move said with a question still asks the question."""
        if not r.question or r.catch_all or matcher("small_talk_ask").search(r.low):
            return False  # ("can you hear me now?" asks nothing of the system)
        if confirming:
            # "... we can't trust it right like what do we need to protect against": a tag,
            # then a question of its own
            return asks_after_tag(r.sentence)
        if weighs_own_part(r.sentence):
            return True  # "Will a single Redis hold up, or should I shard it?": a view, asked
        if r.check_in and (
            only_checks_in(r)
            or r.text not in self.quotes.values()
            or tags_own_figures(r.sentence)
            # "the matcher pings the nearest drivers, makes sense?": a view on the design
            or (proposes(r) and _closed_by_tag(r.low))
        ):
            return False
        return asks_besides_moving(r.sentence)

    def _views(self) -> bool:
        """Asks the interviewer's view, not for everything ("What am I missing?") and not only
        to move ("Now we do the data types and API, okay?")."""
        if not self.asks_view:
            return False
        if not (self.catch_all or self.moves or self.next):
            return True
        return any(
            r.check_in and not r.catch_all and not (moves_asked(r.text) or asks_next(r.text))
            for r in self.readings
        )

    @cached_property
    def calculations(self) -> tuple[Calculation, ...]:
        """Back-of-envelope claims (products, quotients, conversions, chains) and whether each
        holds within 10x."""
        return tuple(find_calculations(self.text))

    @cached_property
    def endpoints(self) -> tuple[Endpoint, ...]:
        """HTTP endpoints written ("GET /feed?cursor=...") or said ("GET slash feed"), in the
        order of the text, method upper-cased."""
        found = [
            # "GET /feed, GET /tweets/{id}": the comma ends the path
            (m.start(), Endpoint(m.group(1).upper(), m.group(2).rstrip(".,;:!?"), m.group(0)))
            for pattern in ((ENDPOINT, _WORDED_ENDPOINT) if "/" in self.text else ())
            for m in pattern.finditer(self.text)
        ]
        found += [
            (
                m.start(),
                Endpoint(m.group(1), "/" + m.group(2).strip().replace(" ", "-"), m.group(0)),
            )
            for m in _CAPS_ENDPOINT.finditer(self.text)
            if not any(start <= m.start() < start + len(e.quote) for start, e in found)
        ]
        if "slash" in self.text.lower():
            found += [
                (m.start(), Endpoint(m.group(1).upper(), _spoken_path(m.group(2)), m.group(0)))
                for m in _SPOKEN_ENDPOINT.finditer(self.text)
            ]
        if "|" in self.text:
            found += _table_endpoints(self.text)
        return tuple(e for _, e in sorted(found, key=lambda x: x[0]))

    @cached_property
    def operations(self) -> bool:
        """The message gives the API as operations with their inputs or outputs, in words
        ("submit code with problem id and source, it returns the submission id")."""
        return bool(matcher("api_named").search(self.text.lower())) and bool(
            matcher("api_io").search(self.text.lower())
        )

    @cached_property
    def covers(self) -> frozenset[str]:
        """Framework items the message touches: nfr (a stance taken), nfr_asked (only asked
        about), api, estimates, components."""
        found = set()
        # Asking about a non-functional requirement does not cover it: taking a stance does.
        if self.nfr and any(self.nfr_rule.matches(r.tokens) and states(r) for r in self.readings):
            found.add("nfr")
        elif self.nfr and any(
            self.nfr_rule.matches(r.tokens) and r.question for r in self.readings
        ):
            found.add("nfr_asked")  # asked about, no stance taken ("how fast must it be?")
        if self.components:
            found.add("components")
        if self.endpoints or self.operations:
            found.add("api")
        if self.calculations:
            found.add("estimates")
        return frozenset(found)

    def disclosure(self, revealed: Sequence[str] | frozenset[str] = ()) -> Disclosure:
        """What the message asks for, given the facts revealed before it."""
        if self.command in ("hint", "finish"):
            return Disclosure()
        if self.injection:
            return Disclosure(is_question=self.question, refusal="injection")
        return Disclosure.of(
            self.quotes, revealed, question=self.question, catch_all=self.catch_all
        )


def _closed_by_tag(low: str) -> bool:
    """The sentence ends on a tag asking for agreement ("..., makes sense?", "..., ok?")."""
    return bool(matcher("tag").search(low) or matcher("check_in_tail").search(low))


_CACHE_SIZE = 4096
_CACHES: dict[int, tuple[LoadedScenario, OrderedDict[str, Analysis]]] = {}


def analyse(text: str, scenario: LoadedScenario) -> Analysis:
    """The analysis of a candidate message (cached: the same text in the same scenario is read
    once)."""
    entry = _CACHES.get(id(scenario))
    if entry is None or entry[0] is not scenario:
        entry = _CACHES[id(scenario)] = (scenario, OrderedDict())
    cache = entry[1]
    found = cache.get(text)
    if found is not None:
        cache.move_to_end(text)
        return found
    found = cache[text] = _analyse(text, scenario)
    if len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return found


def _analyse(text: str, scenario: LoadedScenario) -> Analysis:
    component = scenario.lexicon.compile("@component")
    # Diagrams (issue 16): a Mermaid block's lines give way to its edges in words, an arrow
    # chain is followed by them (app/core/diagrams.py), so every reader sees what is drawn.
    said = with_diagrams(text, sentences(text))
    readings = read_all(said, component)
    return Analysis(
        text=text,
        readings=readings,
        command=COMMANDS.get(text.strip().lower()),
        scenario=scenario,
        nfr_rule=scenario.lexicon.compile(_NFR),
        component_rule=component,
    )


_ELLIPSIS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|so|also|same|then)[\s,]+)*(?:what about|how about|and for|same for|"
    r"what of|and the|and|for|also)?\b",
    re.IGNORECASE,
)


def follow_on(text: str, previous: str | None, scenario: LoadedScenario) -> dict[str, str]:
    """Facts a short follow-on question asks in the frame of the question before it: after
    "how many reads are we talking about?", "And writes?" asks how many writes. Fact id ->
    the follow-on's text; empty when the rules find the message asks for something itself, it
    is no short question, or the previous question asked nothing. (The learned reader's
    reading of the words alone gives way to the frame: "what about writes?" after "how big is
    a read?" asks the write size, not the rate it most often asks.)"""
    if not previous:
        return {}
    this = analyse(text, scenario)
    words = text.split()
    if this.rules_quotes or this.injection or not this.question or len(words) > 6:
        return {}
    if not _ELLIPSIS.match(text) or not text.rstrip().endswith("?"):
        return {}
    before = analyse(previous, scenario)
    if not before.quotes:
        return {}
    both = analyse(f"{previous.rstrip(' ?.')} {text.strip()}", scenario)
    # the joined text is a frame for the rules, not a message as written
    return {f: text.strip() for f in both.rules_quotes if f not in before.quotes}


def disclosure_after(
    text: str,
    scenario: LoadedScenario,
    revealed: Sequence[str] | frozenset[str],
    previous: str | None,
    put_up: bool = False,
) -> Disclosure:
    """What a message asks for, given the facts revealed before it and the candidate's last
    message that asked for one: a short follow-on ("And writes?") asks in its frame. What the
    interview answers and what the grader counts. With `put_up` (the interview is still on the
    problem: requirements, or data and scale), a statement closed by a question that only asks
    to confirm it ("Links never expire. Is that right?") asks what it states, as the same said
    with its tag does ("Links never expire, is that right?"); in the design it is a check-in."""
    analysis = analyse(text, scenario)
    found = analysis.disclosure(revealed)
    if found.refusal is not None:
        return found
    implied = follow_on(text, previous, scenario)
    if implied:
        return Disclosure.of(implied, revealed, question=True)
    if put_up and not found.asked and (tagged := confirmed_statement(analysis.readings)):
        again = analyse(tagged, scenario).disclosure(revealed)
        if again.asked and again.refusal is None:
            # quoted as said: the statement
            statement = analysis.readings[0].text
            return Disclosure.of(dict.fromkeys(again.asked, statement), revealed, question=True)
    return found


__all__ = [
    "COMMANDS",
    "Act",
    "ENDPOINT",
    "PAGED_ENDPOINT",
    "Analysis",
    "Calculation",
    "Endpoint",
    "analyse",
    "disclosure_after",
    "disclosure_of",
    "follow_on",
]


def recapped(readings: Sequence[Reading]) -> bool:
    """The message plays back what was said, then asks only what it is missing ("Let me recap:
    ... Anything I'm missing?"): a check on the recap, not a catch-all."""
    asks = [r for r in readings if r.catch_all]
    return (
        bool(asks)
        and all(matcher("missing").search(r.low) for r in asks)
        and any(
            matcher("playback").search(r.low) or matcher("recap_opening").search(r.low)
            for r in readings
            if not r.catch_all
        )
    )


_BARE_CONFIRM = 4
"""Words of a request to confirm that asks nothing else ("Can you confirm?")."""


def asks_anew(readings: Sequence[Reading], r: Reading) -> bool:
    """A question after a bare request to confirm, opened by "and" ("... Can you confirm? And
    would a short maintenance window ever be OK?"): the assumptions were put up already, this
    asks something new."""
    before = readings[: r.index]
    return any(q.confirm and len(words(q.text)) <= _BARE_CONFIRM for q in before) and bool(
        matcher("new_question_after_confirm").match(r.low)
    )
