"""What the grader knows about a transcript before judging: sentences, turns, uncovered facts."""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from app.core.analysis import Analysis, analyse, disclosure_after
from app.core.diagrams import DiagramSentence
from app.core.scenarios.loader import LoadedScenario
from app.core.speech import Reading
from app.core.text import Lexicon, Rule, Sentence, sentences, tokens, words
from app.core.transcript import Transcript
from app.core.yamlfile import parse

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class Said:
    """One sentence the candidate said, where, and what it does (its `Reading`)."""

    turn: int
    reading: Reading

    @property
    def index(self) -> int:
        """Position of the sentence within its message."""
        return self.reading.index

    @property
    def sentence(self) -> Sentence:
        return self.reading.sentence

    @property
    def question(self) -> bool:
        """A question the candidate asks (a code fragment with a "?" elsewhere is none)."""
        return self.reading.asks

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.sentence.tokens


@cache
def vocabulary() -> dict[str, list[str]]:
    """The grader's word lists (vocabulary.yaml), read once."""
    raw = parse(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {str(k): [str(e) for e in v] for k, v in raw.items()}


_LEXICONS: dict[int, tuple[LoadedScenario, Lexicon]] = {}


def _grading_lexicon(scenario: LoadedScenario) -> Lexicon:
    """The scenario's lexicon plus the grader's vocabulary, built once per loaded scenario."""
    cached = _LEXICONS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        cached = _LEXICONS[id(scenario)] = (scenario, scenario.lexicon.merged(vocabulary()))
    return cached[1]


_NOT_BLOB = frozenset(
    {
        *("blob", "blobs", "store", "storage", "object", "objects", "attached", "with", "that"),
        *("from", "their", "each", "large", "data", "they", "which", "into"),
    }
)


T = TypeVar("T")

_WORD_HITS: dict[tuple[int, str, str], bool] = {}
"""(lexicon, rule source, word) -> whether the word alone matches (`GradeContext.has_word`)."""
_WORD_HITS_MAX = 50_000

SentenceRule = Callable[[Said], bool]
"""A criterion's rule for one sentence: whether the sentence meets it, reading its neighbours
(if at all) only through the context's `by_turn`."""


class GradeContext:
    """The transcript seen by the criteria: the candidate's sentences, matched against rules."""

    def __init__(self, transcript: Transcript, scenario: LoadedScenario):
        self.transcript = transcript
        self.scenario = scenario
        self.model = scenario.scenario
        self.lexicon: Lexicon = _grading_lexicon(scenario)
        self._lexicon_key = id(self.lexicon)
        self._rules: dict[str, Rule] = {}
        self._where: dict[tuple[str, bool | None], list[Said]] = {}
        self._maybe: dict[str, set[int]] = {}
        self._postings: dict[str, list[int]] | None = None
        self._prompts: dict[str, list[Sentence]] = {}
        self._prompt_at: dict[int, str] = {}
        self._prompt_hits: dict[tuple[bool, str, str], bool] = {}
        self._once: dict[str, object] = {}
        self.said: list[Said] = []
        self.analyses: dict[int, Analysis] = {}
        """Turn -> the analysis of the candidate's message (read once, shared with the
        interview: a message analysed during a turn is not analysed again here)."""
        for turn, message in enumerate(transcript.messages):
            if message.role != "candidate":
                continue
            analysis = self.analyses[turn] = analyse(message.content, scenario)
            self.said.extend(Said(turn, r) for r in analysis.readings)
        self.by_turn: dict[int, list[Said]] = {}
        for s in self.said:
            self.by_turn.setdefault(s.turn, []).append(s)
        self.asking_quote: dict[str, str] = {}
        """Fact id -> the sentence that asked for it (when the engine saw the question)."""
        self.asked_before: dict[int, str | None] = {}
        """Turn -> the candidate's last message before it that asked for a fact (the frame a
        follow-on such as "And writes?" is read in)."""
        self.by_reply: set[str] = set()
        """Facts counted because the interviewer's reply to a question revealed them."""
        self.uncovered = self._uncovered()
        self.problem = scenario.scenario.statement
        """The problem in words (the scenario's statement, or the one given to a generic
        grade)."""

    def asks(self, fact_id: str, turn: int, texts: list[str]) -> bool:
        """Whether `texts` (sentences of the candidate's message at `turn`), said alone, ask
        for the fact as that message counted: by asking it (in the frame of the question
        before, as a follow-on is read), or, for a fact the interviewer's reply revealed, as a
        question."""
        text = " ".join(texts)
        previous = self.asked_before.get(turn)
        if fact_id in disclosure_after(text, self.scenario, frozenset(), previous).asked:
            return True
        if fact_id in analyse(text, self.scenario).rules_quotes:
            return True  # some sentences of a message: the rules' reading (the reader's is of it whole)
        return fact_id in self.by_reply and analyse(text, self.scenario).question

    def asking(self, fact_id: str, turn: int) -> list[str]:
        """The sentences of the message at `turn` that ask for the fact (`asks`): the sentence
        the disclosure engine quoted when that does it alone, else the fewest sentences of the
        message that do (an assumption and the "is that right?" that asks to confirm it)."""
        said = self.by_turn.get(turn, [])
        quote = self.asking_quote.get(fact_id) or next(
            (s.text for s in said if s.question),
            said[0].text if said else self.transcript.messages[turn].content,
        )
        if not said or self.asks(fact_id, turn, [quote]):
            return [quote]
        window = [s.text for s in said]
        if not self.asks(fact_id, turn, window):
            return [quote]
        at = next((s.index for s in said if s.text == quote), 0)
        for other in sorted(said, key=lambda s: (-abs(s.index - at), -s.index)):
            trial = [t for t in window if t != other.text]
            if trial and self.asks(fact_id, turn, trial):
                window = trial
        return window

    def with_message(self, turn: int, analysis: Analysis) -> GradeContext:
        """A copy of the context in which the candidate's message at `turn` is read as
        `analysis` (to re-check evidence on the quoted sentences alone)."""
        said = [Said(turn, r) for r in analysis.readings]
        new = copy.copy(self)
        new.by_turn = {**self.by_turn, turn: said}
        new.said = sorted(
            [s for s in self.said if s.turn != turn] + said, key=lambda s: (s.turn, s.index)
        )
        new.analyses = {**self.analyses, turn: analysis}
        new._where, new._maybe, new._postings, new._once = {}, {}, None, {}
        return new

    def once(self, key: str, make: Callable[[], T]) -> T:
        """`make()`, worked out once per grade (and again for a context `with_message`)."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]  # type: ignore[return-value]

    def rule(self, source: str) -> Rule:
        if source not in self._rules:
            self._rules[source] = self.lexicon.compile(source)
        return self._rules[source]

    def has(self, said: Said, source: str) -> bool:
        """Whether the sentence matches the rule `source` (remembered with the sentence's
        reading, which the analysis cache keeps: the next grade asks again for free)."""
        memo = said.reading.memo
        key = (self._lexicon_key, source)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = self.rule(source).matches(said.tokens)
        return hit

    def search(self, pattern: re.Pattern[str], said: Said) -> bool:
        """Whether `pattern` occurs in the sentence (remembered like `has`). A case-blind
        pattern written in lower case runs case-sensitively on the lower-cased sentence, which
        is several times faster and finds the same."""
        memo = said.reading.memo
        hit = memo.get(pattern)
        if hit is None:
            fast = _lowered(pattern)
            text = said.reading.low if fast is not pattern else said.text
            hit = memo[pattern] = fast.search(text) is not None
        return hit

    def prose_has(self, said: Said, source: str) -> bool:
        """`has`, with code identifiers left out: "penalty_time" or `time_ms` is no prose
        (remembered like `has`)."""
        memo = said.reading.memo
        key = ("prose", self._lexicon_key, source)
        hit = memo.get(key)
        if hit is None:
            text = _IDENTIFIER.sub(" ", said.text) if "_" in said.text or "`" in said.text else None
            if text is None or text == said.text:
                hit = self.has(said, source)
            else:
                hit = self.rule(source).matches(tokens(text))
            memo[key] = hit
        return hit

    def has_word(self, word: str, source: str) -> bool:
        """Whether a single word matches `source` (to name the brand a sentence used),
        remembered with the lexicon (the next grade asks again for free)."""
        key = (self._lexicon_key, source, word)
        hit = _WORD_HITS.get(key)
        if hit is None:
            if len(_WORD_HITS) >= _WORD_HITS_MAX:
                _WORD_HITS.clear()
            hit = _WORD_HITS[key] = self.rule(source).matches(tokens(word))
        return hit

    def per_sentence(self, said: Said, name: str, make: Callable[[], T]) -> T:
        """`make()`, a reading of the sentence alone under this lexicon (no neighbours, no
        prompt), remembered with the sentence's reading like `has`."""
        memo = said.reading.readings
        key = (name, self._lexicon_key)
        if key not in memo:
            memo[key] = make()
        return memo[key]  # type: ignore[return-value]

    def where(self, source: str, questions: bool | None = None) -> list[Said]:
        """Sentences matching a rule; `questions` True/False keeps only questions/statements."""
        key = (source, questions)
        if key not in self._where:
            self._where[key] = [
                s
                for s in self.maybe(source)
                if (questions is None or s.question == questions) and self.has(s, source)
            ]
        return list(self._where[key])

    def maybe(self, *sources: str) -> list[Said]:
        """The sentences that may match any of `sources` (in order): each holds a first word of
        every term of one of them, which every match needs, with code identifiers left out
        or not (`prose_has`). A cheap pass that spares the rules most sentences."""
        found: set[int] = set()
        for source in sources:
            found |= self._maybe_at(source)
        return [self.said[i] for i in sorted(found)]

    def _maybe_at(self, source: str) -> set[int]:
        """Positions in `said` of the sentences that may match `source` (see `maybe`)."""
        found = self._maybe.get(source)
        if found is None and self.rule(source).alternatives:
            found = set().union(*(self._maybe_at(r.source) for r in self.rule(source).alternatives))
            self._maybe[source] = found
        if found is None:
            index = self._index()
            found = set(range(len(self.said)))
            for term in self.rule(source).terms:
                found &= {i for t in term.firsts for i in index.get(t, ())}
            self._maybe[source] = found
        return found

    def _index(self) -> dict[str, list[int]]:
        """Token -> positions in `said` of the sentences that hold it."""
        if self._postings is None:
            postings: defaultdict[str, list[int]] = defaultdict(list)
            for i, s in enumerate(self.said):
                for t in _present(s.tokens):
                    postings[t].append(i)
            self._postings = dict(postings)
        return self._postings

    def neighbours(self, said: Said, reach: int = 1) -> list[Said]:
        """The sentence and up to `reach` sentences either side of it in the same message."""
        return self.between(said, said.index - reach, said.index + reach)

    def between(self, said: Said, first: int, last: int) -> list[Said]:
        """The sentences of `said`'s message whose index is within [first, last]. (A message
        is held in order, one sentence per index, except while `unit` cuts it down.)"""
        message = self.by_turn[said.turn]
        if len(message) > said.index and message[said.index] is said:
            return message[max(first, 0) : last + 1]
        return [s for s in message if first <= s.index <= last]

    def near(self, said: Said, source: str, reach: int = 1) -> bool:
        """Whether the sentence or a neighbour in the same message matches `source`."""
        return any(self.has(s, source) for s in self.neighbours(said, reach))

    def near_after(self, said: Said, source: str) -> bool:
        """Whether the sentence or the one right after it (same message) matches `source`."""
        return any(self.has(s, source) for s in self.between(said, said.index, said.index + 1))

    def unit(self, rule: SentenceRule, said: Said) -> list[Said]:
        """The sentences of `said`'s message that together meet `rule` at `said`: `said` and
        only the neighbours the rule reads (a claim and the reason in the next sentence; an
        assumption and the "is that right?" that asks to confirm it).

        Found by construction: the rule is re-run with the message cut down to fewer and fewer
        of its sentences (the farthest first), and a sentence is left out whenever the rule
        still holds without it. Each rule reads its neighbours only through `by_turn` (directly
        or by `near`, `near_after`, `neighbours`), so what remains is exactly what it needs.
        `said` must meet `rule` with its whole message present."""
        message = self.by_turn[said.turn]
        window = list(message)
        others = sorted(
            (s for s in message if s is not said),
            key=lambda s: (-abs(s.index - said.index), -s.index),
        )
        for other in others:
            trial = [s for s in window if s is not other]
            if self.holds_within(rule, said, trial):
                window = trial
        return window

    def units(self, rule: SentenceRule, hits: Iterable[Said]) -> list[Said]:
        """Evidence for `hits`: each hit with the neighbours it needs (`unit`), in order."""
        out: dict[tuple[int, int], Said] = {}
        for hit in hits:
            out.update(((s.turn, s.index), s) for s in self.unit(rule, hit))
        return [out[key] for key in sorted(out)]

    def holds_within(self, rule: SentenceRule, said: Said, window: list[Said]) -> bool:
        """Whether `rule` holds at `said` when its message holds only `window`."""
        whole = self.by_turn[said.turn]
        self.by_turn[said.turn] = window
        try:
            return rule(said)
        finally:
            self.by_turn[said.turn] = whole

    def prompt(self, said: Said) -> str:
        """The interviewer's message this sentence answers ("" when there is none)."""
        found = self._prompt_at.get(said.turn)
        if found is None:
            found = self._prompt_at[said.turn] = next(
                (
                    self.transcript.messages[turn].content
                    for turn in range(said.turn - 1, -1, -1)
                    if self.transcript.messages[turn].role == "interviewer"
                ),
                "",
            )
        return found

    def _sentences_of(self, text: str) -> list[Sentence]:
        """An interviewer's message split into sentences, once per grade."""
        if text not in self._prompts:
            self._prompts[text] = sentences(text)
        return self._prompts[text]

    def prompted(self, said: Said, source: str) -> bool:
        """Whether the interviewer's question this sentence answers matches `source`: an answer
        to "how does matching find the nearest driver fast?" is about matching."""
        text = self.prompt(said)
        return bool(text) and self._prompt_has(text, source, questions=False)

    def asked(self, said: Said, source: str) -> bool:
        """Whether a question (a sentence with a question mark) of the interviewer's message
        this sentence answers matches `source`: "Why cache it at all?"."""
        return self._asks(self.prompt(said), source)

    def _asks(self, text: str, source: str) -> bool:
        """Whether a question (a sentence with a question mark) of an interviewer's message
        matches `source`."""
        return bool(text) and self._prompt_has(text, source, questions=True)

    def _prompt_has(self, text: str, source: str, *, questions: bool) -> bool:
        """Whether a sentence of an interviewer's message (one with a question mark, with
        `questions`) matches `source`, worked out once per grade."""
        key = (questions, text, source)
        if key not in self._prompt_hits:
            rule = self.rule(source)
            self._prompt_hits[key] = any(
                (s.is_question_mark or not questions) and rule.matches(s.tokens)
                for s in self._sentences_of(text)
            )
        return self._prompt_hits[key]

    def why_answer(self, said: Said, asks: str = "@why_prompt") -> list[Said]:
        """The candidate's next message when the interviewer's reply to `said`'s message asks
        why ("Why not just hit the database?", "what does that buy us?"), or asks about the
        decision (`asks`: "What would be in the cache?"): the reason for it, given a turn
        later. Empty otherwise."""
        turn, messages = said.turn, self.transcript.messages
        if turn + 2 >= len(messages) or messages[turn + 1].role != "interviewer":
            return []
        if not self._asks(messages[turn + 1].content, asks):
            return []
        return self.by_turn.get(turn + 2, [])

    def answered_why(self, said: Said, source: str, asks: str = "@why_prompt") -> list[Said]:
        """The sentences of `said`'s why-answer (`why_answer`) that match `source`."""
        return [s for s in self.why_answer(said, asks) if self.has(s, source)]

    def listed(self, said: Said) -> bool:
        """Whether the sentence is a recited list of names ("Redis, CDN, Kafka, sharding"):
        three or more comma-separated items of a few words each, nothing placed or reasoned."""
        return said.reading.listed

    def blob_rule(self) -> str:
        """What counts as a blob here: media words and the nouns of the scenario's blob list."""
        words = {
            w.lower()
            for b in self.model.data_api_scale.data_types.blobs
            for w in re.findall(r"[A-Za-z]+", b)
            if len(w) > 3 and w.lower() not in _NOT_BLOB
        }
        return "|".join(["@media", "binar", "file", *sorted(words)])

    def first_component(self) -> Said | None:
        """The first sentence that brings a storage or service component into the interview."""
        hits = self.where("@component")
        return hits[0] if hits else None

    def first_proposal(self) -> Said | None:
        """The first sentence that puts a storage or service component forward: not one said
        while scoping the problem ("'key-value store' can mean Redis, can mean etcd", "Kafka and
        SQS are pretty different animals", "that makes caching a lot easier"), nor one naming
        only what the problem or the interviewer named before it (the system to build: "a
        distributed cache", "a message queue (Kafka / SQS)")."""
        return self.once("first_proposal", self._first_proposal)

    def _first_proposal(self) -> Said | None:
        for s in self.where("@component"):
            if self.search(_SCOPING, s):
                continue
            if any(
                (x.index < s.index and _SCOPE_FRAME.search(x.text))
                or (x.index >= s.index and _DEFERRED.search(x.text))
                for x in self.by_turn[s.turn]
            ):
                # "Let me make sure I get the scope first. ... you've got buckets"; "we'll need
                # some kind of multipart upload. I'll come back to that.": still scoping
                continue
            if _WHY_ASKED.match(s.text) and any(
                x.index == s.index - 1 and x.question for x in self.by_turn[s.turn]
            ):
                continue  # "how big are the objects? Because a thumbnail and a database backup ..."
            if self.search(_PERSON_WORKING, s) and not self.rule("@component").matches(
                tokens(_PERSON_WORKING.sub(" ", s.reading.low))
            ):
                continue  # "when the worker scans the barcode": a person at work, no component
            said = words(s.text)
            given = self._given_words(s.turn)
            # (a sentence sharing no word with what was given names something of its own)
            if any(w in given for w in said):
                rest = tokens(" ".join(w for w in said if w not in given))
                if not self.rule("@component").matches(rest):
                    continue
            return s
        return None

    def _given_words(self, turn: int) -> frozenset[str]:
        """Words of the problem and of the interviewer's messages before `turn`."""
        said = [self.problem] + [
            m.content for m in self.transcript.messages[:turn] if m.role == "interviewer"
        ]
        return frozenset(words(" ".join(said)))

    def _uncovered(self) -> dict[str, int]:
        """Fact id -> turn of the candidate message that uncovered it.

        A fact counts when a candidate message asks for it (by the disclosure engine), or when
        the interviewer's reply to a candidate *question* marks it revealed. A fact the
        interviewer states unprompted does not count.
        """
        found: dict[str, int] = {}
        known = {f.id for f in self.model.facts}
        if not known:
            return found  # no facts to uncover (a generic grade)
        revealed: set[str] = set()
        last_question: str | None = None
        messages = self.transcript.messages
        for turn, message in enumerate(messages):
            if message.role == "candidate":
                self.asked_before[turn] = last_question
                result = disclosure_after(
                    message.content, self.scenario, frozenset(revealed), last_question
                )
                if result.asked:
                    last_question = message.content
                for fact_id in result.asked:
                    # The quote is from the turn the fact counts at, never a later asking.
                    if found.setdefault(fact_id, turn) == turn:
                        self.asking_quote.setdefault(fact_id, result.quotes[fact_id])
                if result.is_question and result.refusal is None:
                    reply = messages[turn + 1] if turn + 1 < len(messages) else None
                    if reply is not None and reply.role == "interviewer":
                        for fact_id in reply.revealed or ():
                            if fact_id in known and found.setdefault(fact_id, turn) == turn:
                                self.by_reply.add(fact_id)
            revealed.update(message.revealed or ())
        return dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))


# A component named while scoping the problem, not put forward: what the problem may mean
# ("can mean Redis"), products told apart ("Kafka and SQS are pretty different"), a plan to ask
# first ("before I draw anything"), or what an answer makes easier ("that makes caching easier").
_SCOPE_FRAME = re.compile(
    r"\b(?:make sure|check|confirm|understand|pin down|nail down|get)\b[^.?!]{0,30}\bscope\b|"
    r"\bscope (?:first|it|this|things)\b",
    re.IGNORECASE,
)
"""A message opened as a check of the scope: what it pictures next is the problem, not a design."""
_DEFERRED = re.compile(
    r"\b(?:i'?ll|we'?ll|let me|let's|lets) (?:come back to|get back to|return to|revisit|park) "
    r"(?:that|this|it|those)\b|\bpark (?:that|this) for (?:now|later)\b",
    re.IGNORECASE,
)
"""A part named while scoping and put off to the design ("I'll come back to that")."""
_WHY_ASKED = re.compile(
    r"\W*(?:(?:um+|uh+|so|and)\W+)*(?:because|cause|cuz|since|i ask because)\b", re.I
)
"""Why the question before was asked: no part of a design."""
_SCOPING = re.compile(
    r"\b(?:can|could|might) mean\b|\b(?:pretty|really|very|quite|actually|totally) different\b|"
    r"\bdifferent (?:animals|beasts|things|flavou?rs|products)\b|\bbefore (?:i|we) (?:start )?"
    r"(?:draw|design|sketch|pick|choose)\w*\b|\b(?:makes?|made) (?:\w+ ){1,3}(?:a lot |much |way )?"
    r"(?:easier|harder|simpler)\b",
    re.IGNORECASE,
)


def _present(tokens: tuple[str, ...]) -> frozenset[str]:
    present = getattr(tokens, "present", None)
    return present if present is not None else frozenset(tokens)


_ESCAPE = re.compile(r"\\[A-Za-z]|\(\?P[<=]")


@cache
def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` without IGNORECASE when it reads the same on lower-cased text (no capital
    letter of its own), else `pattern` itself."""
    if not pattern.flags & re.IGNORECASE or any(
        ch.isupper() for ch in _ESCAPE.sub("", pattern.pattern)
    ):
        return pattern
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_PERSON_WORKING = re.compile(
    r"\bworkers? (?:\w+ )?(?:scans?|scanned|picks?|packs?|walks?|drives?|delivers?|carry|"
    r"carries|signs?|hands?|loads?|unloads?)\b"
)
"""A worker who is a person ("the worker scan the barcode", "workers load the trucks")."""
_IDENTIFIER = re.compile(r"`[^`]*`|\b\w+_\w+\b")


def quote_of(said: Said) -> dict[str, object]:
    """Evidence: the sentence, or for a diagram edge the diagram line it was read from."""
    if isinstance(said.sentence, DiagramSentence):
        return {"turn": said.turn, "quote": said.sentence.source}
    return {"turn": said.turn, "quote": said.text}
