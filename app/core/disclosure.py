"""The disclosure engine: which hidden facts does a candidate's message ask for?

Pure and deterministic. A fact is asked for when a *question* sentence of the message matches one
of the fact's rules, or when the candidate states an *assumption* the rules match and asks the
interviewer to confirm it. Nothing is revealed for statements, design proposals, questions that
ask for everything at once, or messages that try to talk the interviewer out of its role.
Before matching, a sentence loses what it says it does not ask (reasons, asides, topics put off
or put aside, what the candidate already knows); when it still matches several facts, it asks
for those it is about (`_focused`: their topics and examples resemble it), not a fact whose
rule caught a word in passing. What each sentence does is read by `app.core.speech`; the words
are in words.yaml.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from app.core.reader import reader_for
from app.core.scenarios.loader import LoadedScenario
from app.core.speech import (
    Reading,
    asks_next,
    content_stems,
    is_confirm_request,
    is_injection,
    is_question,
    moves_asked,
    opening,
    read_all,
    set_stems,
    without_moves,
)
from app.core.spelling import Speller, mended, speller_for
from app.core.text import Sentence, sentence_of, sentences, stem, tokens, words
from app.core.words import matcher, padded, plain, question_words, replacements, word_set

__all__ = [
    "Disclosure",
    "puts_up_before",
    "clauses",
    "confirmed_statement",
    "disclose",
    "facts_asked",
    "figures_as_asked",
    "is_injection",
    "is_question",
]

Refusal = Literal["injection", "catch_all"]


@dataclass(frozen=True)
class Disclosure:
    """What one candidate message asks for."""

    asked: tuple[str, ...] = ()
    """Fact ids the message asks for, in the scenario's order (revealed or not)."""
    new: tuple[str, ...] = ()
    """Of `asked`, those not revealed before this message."""
    is_question: bool = False
    """The message asks the interviewer something (even if no fact covers it)."""
    refusal: Refusal | None = None
    """Why nothing was revealed although the message asked: an injection or a catch-all."""
    quotes: dict[str, str] = field(default_factory=dict)
    """For each asked fact, the sentence that asked for it (exact text)."""

    @classmethod
    def of(
        cls,
        quotes: dict[str, str],
        revealed: Sequence[str] | frozenset[str] = (),
        *,
        question: bool,
        catch_all: bool = False,
    ) -> Disclosure:
        """The disclosure asking for `quotes`' facts (in their order), given what was revealed
        before: a catch-all that asked for nothing is refused."""
        seen = set(revealed)
        return cls(
            asked=tuple(quotes),
            new=tuple(f for f in quotes if f not in seen),
            is_question=question,
            refusal="catch_all" if catch_all and not quotes else None,
            quotes=dict(quotes),
        )


_COORDINATION = re.compile(r"\b(\w+) (?:and|or|&|vs|versus) (\w+)\b")


def clauses(sentence: Sentence, *, leaning: bool = True) -> list[tuple[str, ...]]:
    """Token lists to match: the whole sentence, then each clause when there are several
    ("can X, can Y and what Z" is three questions). A rule matching any of them counts; the
    clauses let a rule with `!exclusions` see one question without its neighbours' words.
    `leaning=False` leaves out the clauses about a pronoun (`leans_back`).
    """
    parts = question_parts(sentence.text)
    if not leaning:
        parts = [p for p in parts if not leans_back(p)] or parts[:1]
    pieces = [sentence.tokens] if len(parts) <= 1 else [sentence.tokens, *map(tokens, parts)]
    # terse lists ask one thing per item: "uploads/day and views/day?"
    if len(parts) == 1 and len(words(parts[0])) <= 8:
        items = [p for p in re.split(r"\s+(?:and|&)\s+|,\s*", parts[0]) if len(words(p)) >= 2]
        if len(items) > 1:
            pieces += map(tokens, items)
    # "how many uploads and views per day" asks two things: try each side of a coordination
    # alone, so a rule that excludes the other side's word still sees its own question.
    for part in parts:
        for m in _COORDINATION.finditer(part):
            if m.group(2) in word_set("vague") or m.group(1) in word_set("vague"):
                continue  # "how many clicks and stuff" is one question
            left = part[: m.start()] + m.group(1) + part[m.end() :]
            right = part[: m.start()] + m.group(2) + part[m.end() :]
            pieces += [tokens(left), tokens(right)]
    return pieces


_CLAUSE_BREAK = re.compile(r"[,;:]|\s[-\u2013\u2014]\s")


def question_parts(text: str) -> list[str]:
    """The questions a sentence is made of ("can X, can Y and what Z" is three), lower-cased;
    one part when it is one question."""
    parts = [p for p in matcher("clause").split(text.lower()) if p and p.strip()]
    # "One interview is how long, and the recording of it is taking how much space?": two
    # questions joined, each with its own question word
    parts = [q for p in parts for q in _two_questions(p)]
    parts = [q for p in parts for q in _two_counts(p)]
    if len(parts) > 1 and (
        (matcher("condition").match(parts[0].strip()) and not _asks_after_condition(parts[0]))
        or _topic_fronted(parts[0])
    ):
        # "if an editor fixes an entry, how quickly ..." : the condition is no question alone;
        # nor is a topic put first ("the hidden tests, how big are they?")
        parts = [parts[0] + " " + parts[1], *parts[2:]]
    return parts


_TWO_COUNTS = re.compile(
    r"^(?P<lead>.*?\bhow (?:many|much)\s+)(?P<a>(?:[\w/'-]+\s+){0,3}?[\w/'-]+)\s+(?:and|&|\+|or|vs)\s+"
    r"(?P<b>(?:[\w/'-]+\s+){0,2}?[\w/'-]+)\s*(?P<end>[?.!]*)\s*$"
)
"""A count asked of two things in one breath ("how many page views and orders?")."""
_VAGUE_TAIL = frozenset(
    {"stuff", "things", "thing", "so", "on", "more", "everything", "all", "that", "such", "etc"}
)


def _two_counts(part: str) -> list[str]:
    """ "how many page views and orders?" is two counts, each asked alone ("how many page
    views?", "how many orders?"), so a rule for one thing that excludes the other still
    hears its own; one part when it is not such a count."""
    m = _TWO_COUNTS.match(part)
    if (
        m is None
        or m.group("b").split()[0] in word_set("wh_words") | {"how"}
        or set(words(m.group("b"))) <= _VAGUE_TAIL  # "how many clicks and stuff"
    ):
        return [part]
    lead, end = m.group("lead"), m.group("end") or "?"
    return [f"{lead}{m.group('a')}{end}", f"{lead}{m.group('b')}{end}"]


_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bwas )(?<!\bany )\bthere\b")


def _points_back(low: str) -> bool:
    """The sentence points at something said before it ("it", "that", "lag *there*")."""
    return bool(word_set("subject_pronouns").intersection(words(low)) or _THERE.search(low))


_HEAD = re.compile(r"^\W*([a-z][\w -]{0,30}?)\s*:\s*\S")
_ITEM_WORDS = 3


def _list_head(readings: Sequence[Reading], n: int, message: str) -> str | None:
    """The head of the scope list a terse question is an item of, on one line with it
    ("recordings: audio? video? the pad?" asks "the pad?" of recordings), or None."""
    if not n or len(words(readings[n].text)) > _ITEM_WORDS:
        return None
    for before in reversed(readings[:n]):
        end = before.sentence.start + len(before.text)
        if "\n" in message[end : readings[n].sentence.start] or not before.question:
            return None
        if (m := _HEAD.match(before.low)) is not None:
            return m.group(1)
        if len(words(before.text)) > _ITEM_WORDS:
            return None
    return None


_CHECK_WORDS = 6
_JUDGED_WORDS = 2


def _checks_proposal(readings: Sequence[Reading], n: int) -> bool:
    """A short check on the design decision just put forward ("Code runs in sandboxed
    containers. That's safe enough, right?"): the interviewer's view of the decision is asked,
    no fact, whatever word of a fact's topic it uses."""
    r = readings[n]
    if not n or not (r.check_in or r.confirm or r.question):
        return False
    before = readings[n - 1]
    if not (
        before.proposal
        or (not before.question and before.component.matches(before.sentence.tokens))
    ):
        return False  # ("Pings go through Kafka into Redis." names the design it checks)
    ws = opening(r.sentence)
    said = word_set("decision_pointers") | word_set("judging_words")
    judged = content_stems(r.text) - {stem(w) for w in said}
    return (
        0 < len(ws) <= _CHECK_WORDS
        and ws[0] in word_set("decision_pointers")
        and len(judged) <= _JUDGED_WORDS  # "safe enough", not "that means photos are allowed"
    )


_JOINERS = frozenset({"or", "and", "but", "also", "so"})
"""Words that join a question to the one before it ("..., or can it lag", "and how long")."""


def leans_back(part: str) -> bool:
    """A question whose subject is a pronoun ("or can it lag a bit", "how bad is it if ..."):
    it asks about what the question before it named."""
    ws = [w for w in words(part) if w not in word_set("fillers")]
    if ws and ws[0] in _JOINERS:
        ws = ws[1:]
    return (
        len(ws) >= 2
        and ws[0] in question_words()
        and bool(word_set("subject_pronouns").intersection(ws[1:4]))
    )


def _leaning_alternatives(text: str) -> list[str]:
    """The clauses about "it" that lean on the question before them: the other side of a
    yes/no question ("..., or can it lag a bit") or its cost ("how bad is it if ..."). A
    question of its own about "they" in a list of questions ("can tweets contain media, can
    they be edited, and what happens ...", "how many interviews, and how long do they last?")
    is none."""
    low = text.lower()
    out = []
    for part in question_parts(text):
        if not leans_back(part):
            continue
        at = low.find(part.strip())
        before = low[max(0, at - 6) : at] if at >= 0 else ""
        if (
            re.search(r"\bor\W*$", before)
            or part.strip().startswith("or ")
            or _COST.match(part.strip())
        ):
            out.append(part)
    return out


_COST = re.compile(
    r"(?:so\s+|and\s+)?how (?:bad|serious|big of a deal|much of a problem) (?:is|would|will) (?:it|that|this)\b"
)


def _asks_after_condition(part: str) -> bool:
    """After the comma closing its condition, `part` asks a question of its own ("since X,
    I'm curious whether Y"): it is no condition alone."""
    _, comma, rest = part.partition(",")
    asking = word_set("wh_words") | word_set("embedded_question")
    return bool(comma) and any(w in asking for w in words(rest))


def _main_clause(sentence: Sentence) -> Sentence:
    """A question without the context it gives after it ("how are contests ranked, since a
    live leaderboard is a different beast"; "how many views a minute, so I can size the
    delivery layer"): the context names topics it does not ask about. Kept whole when what
    comes before the context is too short to ask anything."""
    cleft = matcher("question_cleft").match(sentence.text.lower())
    if cleft is not None and len(words(sentence.text[cleft.end() :])) >= 4:
        sentence = sentence.retold(sentence.text[cleft.end() :])
    sentence = _without_unasked(sentence)
    # a reason set in commas mid-sentence ("I'll assume that, since people keep it open all
    # day, being down is costly") is context too: the rest still asks
    inside = _replaced(matcher("context_inside"), ", ", sentence.text)
    first = _replaced(matcher("context_first"), ", ", inside)
    if not word_set("pronouns_back").intersection(words(first)) and len(content_stems(first)) >= 2:
        # (a question of one topic word leans on the reason: "Because group chats can be
        # huge, how many members can one have?")
        inside = first
    if inside != sentence.text and len(words(inside)) >= 3:
        sentence = sentence.retold(inside)
    # a topic put off in a clause of its own ("..., media is something I'll come back to
    # later") is not asked about
    later = matcher("deferred").search(sentence.text.lower())
    if later is not None:
        cut = max(
            (m.start() for m in _CLAUSE_BREAK.finditer(sentence.text, 0, later.start())), default=0
        )
        if len(words(sentence.text[:cut])) >= 3:
            head = sentence.text[:cut]
            sentence = sentence.retold(head)
    sentence = _without_touched(sentence)
    if (mainly := matcher("mainly_marker").search(sentence.text.lower())) is not None:
        # "... and I guess they'd pick a language too but mainly the pairing"
        start = max(
            (b.start() for b in _UNASKED_BREAK.finditer(sentence.text, 0, mainly.start())),
            default=0,
        )
        if start and len(words(sentence.text[:start])) >= 3:
            sentence = sentence.retold(sentence.text[:start] + " " + sentence.text[mainly.end() :])
    but = matcher("but_question").search(sentence.text.lower())
    if but is not None:
        head, rest = sentence.text[: but.start()], sentence.text[but.end() :]
        if len(words(rest)) >= 3 and not is_question(sentence_of(head)):
            sentence = sentence.retold(rest)
    if (q := matcher("count_qualifier").search(sentence.text.lower())) is not None:
        head = sentence.text[: q.start()]
        if matcher("count_question").search(head.lower()) and len(words(head)) >= 3:
            # "how many rides, including the cancelled ones"; a figure of another thing said
            # after the qualifier goes on ("a thousand writes a minute, counting likes, with
            # reads about a hundred times higher")
            on = _FIGURE_AFTER.search(sentence.text, q.end())
            sentence = sentence.retold(head + (sentence.text[on.start() :] if on else ""))
    m = matcher("context_tail").search(sentence.text.lower())
    if m is None:
        return sentence
    head = sentence.text[: m.start()]
    if len(words(head)) < 3:
        return sentence
    return sentence.retold(head)


_FIGURE_AFTER = re.compile(
    r",\s*(?:with|and|plus|while|whereas)\s+(?=[^,.;]*?(?:\d|\b(?:hundred|thousand|million|billion|"
    r"times|twice)\b))",
    re.IGNORECASE,
)
"""A clause of its own with a figure, after a count's qualifier."""


def _replaced(pattern: re.Pattern[str], by: str, text: str) -> str:
    """`text` with what `pattern` (written in lower case) finds in it replaced by `by`."""
    low = text.lower()
    if len(low) != len(text):
        return pattern.sub(by, low)
    out, at = [], 0
    for m in pattern.finditer(low):
        out += [text[at : m.start()], by]
        at = m.end()
    return "".join([*out, text[at:]])


def _without_touched(sentence: Sentence) -> Sentence:
    """ "when someone deletes their account what happens to all their tweets and likes" asks
    about deleting an account: what the event touches is left out, when the sentence names the
    event in a condition ("what happens to old tweets?" keeps its topic)."""
    low = sentence.text.lower()
    m = matcher("touched_by_event").search(low)
    if m is None or not m.group(1).strip():
        return sentence
    rest = low[: m.start(1)] + low[m.end(1) :]
    if not matcher("event_condition").search(rest) or len(content_stems(rest)) < 3:
        return sentence
    return sentence.retold(sentence.text[: m.start(1)] + " " + sentence.text[m.end(1) :])


_UNASKED_BREAK = re.compile(r"[,;:.!?]|\s(?:and|but|though|although)\s|\s[-\u2013\u2014]\s")


def _without_unasked(sentence: Sentence) -> Sentence:
    """`sentence` without the clauses that say what is *not* asked ("I'm not asking about
    transfers yet", "how many entries I don't ask now", "before I get to search or reviews",
    "rather than numbers like how many users we have", "which I'll ask about next") or what the
    candidate already knows ("I know it has pictures and reviews"): they name topics only to
    put them aside."""
    text = _unasked(sentence.text)[0]
    return sentence if text == sentence.text else sentence.retold(text)


def _unasked(text: str) -> tuple[str, list[str]]:
    """`text` without its clauses of what is not asked or already known, and the clauses that
    put a topic aside (not those saying what is known)."""
    low = text.lower()
    found = [(m, True) for m in matcher("not_asked").finditer(low)]
    found += [(m, False) for m in matcher("known").finditer(low)]
    found.sort(key=lambda x: x[0].start())
    aside: list[str] = []
    done = len(text)  # where the clauses already taken out begin
    for m, aside_kind in reversed(found):
        if m.start() >= done:
            continue
        start = max((b.end() for b in _UNASKED_BREAK.finditer(text, 0, m.start())), default=0)
        own_clause = m.group(0)[:1] in "-\u2013\u2014,;:("
        if own_clause:
            start = m.start()  # the clause opens at its own break ("... - transfers later")
        end = min(_clause_end(text, m.end()), done)
        if content_stems(text[m.end() : end]) and _asks_words(text[start : m.start()]):
            # said in one breath after the question ("do links expire ... I'm not asking
            # about deleting them"): the aside starts where it is said. (With nothing after
            # it, the topic was put first: "how long we keep them I don't need yet".)
            start = m.start()
        elif (
            not own_clause
            and start
            and not content_stems(text[start:end])
            - content_stems(m.group(0))
            - word_set("put_off_words")
        ):
            # naming nothing, it points back at the clause before ("how many customers, I
            # don't need that yet")
            # (over the break before it: "..., and I'll ask about the real count later")
            head = _TRAILING_BREAK.sub("", text[:start])
            start = max((b.end() for b in _UNASKED_BREAK.finditer(text, 0, len(head))), default=0)
        done = start
        if aside_kind:
            aside.append(text[start:end])
        text = text[:start] + " " + text[end:]
    return text, aside


_ITEM_WORDS = 4
"""Words after an assumptions heading, in its sentence, that make an item of it."""
_TRAILING_BREAK = re.compile(r"(?:[\s,;:.!?\u2013\u2014-]|\band\b|\bbut\b)*$")


def _clause_end(text: str, at: int) -> int:
    """Where the clause going on at `at` ends: at the next break, but an "and" that joins what
    the clause names ("I know it has pictures and reviews") goes on; one opening a question
    ("... yet and can one customer ...") ends it."""
    for b in _UNASKED_BREAK.finditer(text, at):
        if b.group(0).strip() != "and":
            return b.start()
        after = words(text[b.end() : b.end() + 40])
        while after and after[0] in word_set("fillers"):
            after = after[1:]
        if after and (after[0] in word_set("interrogatives") or after[0] in word_set("wh_words")):
            return b.start()
    return len(text)


def put_aside(readings: Sequence[Reading], scenario: LoadedScenario, speller: Speller) -> set[str]:
    """The facts a message puts aside ("how many entries I don't ask now", "I'm not asking
    about transfers yet"): those a clause putting a topic aside names and the rest of its
    sentence does not ask ("do links expire, I'm not asking about deleting them, just expiry"
    still asks about expiry)."""
    facts: set[str] = set()
    for r in readings:
        rest, aside = _unasked(r.text)
        if aside:
            named = _matching(scenario, _pieces(" ".join(aside), speller), {})
            facts.update(set(named) - set(_matching(scenario, _pieces(rest, speller), {})))
    return facts


def _pieces(text: str, speller: Speller) -> list[tuple[str, ...]]:
    return [mended(p, speller) for p in clauses(sentence_of(text))]


def _asks_words(text: str) -> bool:
    """`text` holds a question word or opens as a question does."""
    ws = words(text)
    if ws and ws[0] in ("which", "that", "who"):
        ws = ws[1:]  # a relative clause ("..., which I'll ask about next")
    said = " ".join(ws)
    return bool(ws) and (
        any(w in word_set("wh_words") for w in ws) or is_question(sentence_of(said))
    )


def _topic_fronted(part: str) -> bool:
    """A short noun phrase standing before the question about it ("the hidden tests, how big
    are they?", "uploads, how many a day?"): no verb of its own, a few words, and no question
    of its own ("how many problems total, and how big ..." is two questions)."""
    ws = words(part)
    if ws[:2] in (["what", "about"], ["how", "about"]) or ws[:2] == ["as", "for"]:
        ws = ws[2:]  # "what about groups, how big can they get?": the topic, put first
    return (
        0 < len(ws) <= 6
        and not any(w in word_set("clause_verbs") for w in ws)
        and not any(w in word_set("wh_words") for w in ws)
    )


_JOINED = re.compile(r",\s*(?:and|or|but|plus)\s+")


def _two_questions(part: str) -> list[str]:
    """`part` split where ", and" joins two questions that each hold a question word."""
    m = _JOINED.search(part)
    if m is None:
        return [part]
    left, right = part[: m.start()], part[m.end() :]
    wh = word_set("wh_words")
    if "or" not in m.group(0):
        # "whether X, and whether Y" asks two things; "whether X, or whether Y" one of two
        wh = wh | word_set("embedded_question")
    if any(w in wh for w in words(left)) and any(w in wh for w in words(right)):
        return [left, *_two_questions(right)]
    return [part]


def _normalised(sentence: Sentence) -> Sentence:
    text = sentence.text.lower()
    for pattern, replacement in replacements("shorthand"):
        text = pattern.sub(replacement, text)
    if text == sentence.text.lower():
        return sentence
    return sentence.retold(text)


_HEADING_HASH = re.compile(r"(?:^|\n|[?.!])[ \t]*#[ \t]*$")


def _figure_asked(sentence: Sentence, message: str) -> Sentence:
    """Terse Markdown asking for a figure, read as words: "# customers?" (not a heading: it
    asks) is "number of customers?"; a table row "| releases / day | ? |" asks how many."""
    text = sentence.text
    if sentence.is_question_mark and _HEADING_HASH.search(message[: sentence.start]):
        text = "number of " + text
    elif text.count("|") >= 1 and re.search(r"\|\s*\?+\s*\|?\s*$", text):
        cells = [c.strip() for c in text.split("|") if c.strip() and c.strip() != "?"]
        text = "how many " + " ".join(cells) + "?"
    else:
        return sentence
    return sentence.retold(text)


def _matched_text(sentence: Sentence) -> Sentence:
    """`sentence` without its asides (the `aside` words), when something is left."""
    low = matcher("asking_inset").sub(", ", sentence.text.lower())
    cut = matcher("aside").sub(" ", low).strip(" ,;:-")
    if cut == low or len(cut.split()) < 2:
        return sentence
    return sentence.retold(cut)


_FAILED = "if the system goes down, "
"""What a condition of failure says, whatever fails in it (see `_failure_asked`)."""


def _failure_asked(sentence: Sentence) -> Sentence:
    """A question about what a failure costs ("If the call drops, or the pad stops running
    code, how bad is that for us?") asks how much downtime is acceptable: the parts named as
    failing ("the pad", "someone needs to roll back") are not asked about. Read as "if the
    system goes down, how bad is that for us?"."""
    low = sentence.text.lower()
    if matcher("impact_first_failure").match(low):
        return sentence.retold(_FAILED + "how bad is that for us?")  # "do we care if X is down"
    failing = matcher("failure_condition").match(low)
    impact = matcher("impact_question").search(low)
    if failing is None or impact is None or impact.start() < failing.end():
        return sentence
    cut = max((m.end() for m in re.finditer(r"[,;:]", low[: impact.start()])), default=-1)
    if cut < failing.end():
        return sentence  # the question is inside the condition: nothing to set apart
    return sentence.retold(_FAILED + sentence.text[cut:].strip())


_SIZE_FIGURE = re.compile(
    r"~?\b\d[\d.,]*+\s*(?:[kmgtp]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|megs?|gigs?)\b",
    re.IGNORECASE,
)
_MULTIPLE = re.compile(
    r"\b(?:a |one )?(?:\d[\d.,]*|two|three|five|ten|twenty|fifty|hundred|thousand)\s*(?:x|times)\s+"
    r"(?:that|this|those|as many|more)\b(?:\s+(?:in|of|for))?",
    re.IGNORECASE,
)
"""A figure given as a multiple of another ("a hundred times that in redirects"): a count."""
_COUNT_FIGURE = re.compile(
    r"(?:~?\b\d[\d.,]*+\s*(?:k|m|b|bn|mil|million|billion|thousand)?\b|"
    r"\b(?:a |one |ten |a few |several |hundreds of |thousands of )?(?:hundred|thousand|million|billion)s?\b)"
    # not a share, a time or a distance ("99.9%", "30 days", "8 km")
    r"(?!\s*(?:%|percent|nines|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|"
    r"years?|ms\b|s\b|km|kilomet|miles?|meters?|metres?))",
    re.IGNORECASE,
)


_AND = re.compile(r",?\s+and\s+")
_EACH_WITH = re.compile(r",\s*(?:each|every one|all)\s+(?:with|having|carrying)\s+", re.IGNORECASE)
_RANGE = re.compile(r"\bbetween\s+~?\d[\d.,]*\s*\w*\s+and\s+\d", re.IGNORECASE)


def _assumed_apart(sentence: Sentence) -> list[Sentence]:
    """The sentence, then each side of an "and" joining two clauses that each have a verb or a
    figure of their own ("one interview is an hour and the recording is about 100 MB")."""
    if _RANGE.search(sentence.text):
        return [sentence]  # "between 1 and 10 GB" is one figure
    # "100 million products, each with a handful of pictures": the count, then what each has
    parts = _EACH_WITH.split(sentence.text)
    if len(parts) == 2 and _COUNT_FIGURE.search(parts[0]):
        return [sentence, *(sentence.retold(p) for p in parts)]
    parts = [p for p in _COMMA_PARTS.split(sentence.text) if p.strip()]
    sized = [bool(_SIZE_FIGURE.search(p)) for p in parts]
    if (
        any(sized)
        and not all(sized)
        and all(s or _COUNT_FIGURE.search(p) for p, s in zip(parts, sized, strict=True))
    ):
        # "1M new links a day, each maybe 500 bytes": a count, then a size, each read alone
        return [sentence, *(sentence.retold(p) for p in parts)]
    sides = _AND.split(sentence.text)
    verbs = word_set("finite_verbs")
    if len(sides) < 2 or not all(
        verbs.intersection(words(side))
        or _COUNT_FIGURE.search(side)
        or _MULTIPLE.search(side)
        or _SIZE_FIGURE.search(side)
        for side in sides
    ):
        return [sentence]  # ("1M links a day and 100x that in redirects": two figures)
    # the first side alone loses a reason put first ("Given entries are free text, I'd guess
    # 50 KB each and ...")
    sides[0] = _replaced(matcher("context_first"), " ", sides[0])
    return [sentence, *(sentence.retold(side) for side in sides)]


def figures_as_asked(sentence: Sentence) -> Sentence:
    """An assumption put up for confirmation, read as the question it answers: "I'll assume
    10k uploads a minute and 1 MB each" asks how many uploads and what size."""
    text = _SIZE_FIGURE.sub(" size ", sentence.text)
    text = _MULTIPLE.sub(" how many ", text)
    text = _COUNT_FIGURE.sub(" how many ", text)
    if text == sentence.text:
        return sentence
    return sentence.retold(text)


_CAPPED_TIME = re.compile(
    r"\b(?:capped at|limited to|up to|at most|no (?:more|longer) than|max(?:imum)?(?: of)?|under)"
    r"\s+(?:about\s+|around\s+|roughly\s+|~\s*)?(?:a|an|one|\d+|a few)\s+"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b",
    re.IGNORECASE,
)
"""A length said as a cap ("capped at about a minute", "up to 10 minutes"): no rate."""
_TRAILING_FILLER = re.compile(r"(?:\s+(?:yeah|yep|ok|okay|so|and|um|uh|like))+\s*$")


def _without_quantity_nouns(sentence: Sentence) -> Sentence:
    """`sentence` with the words that ask a quantity only in a question ("count", "volume",
    "traffic"...) left out."""
    text = matcher("quantity_nouns").sub(" ", sentence.text)
    if text == sentence.text:
        return sentence
    return sentence.retold(text)


def puts_up_before(readings: Sequence[Reading], n: int) -> bool:
    """The question after sentence `n` asks the same of another item ("Recommendation
    algorithm: out of scope, I assume. Content moderation: also out?"): the assumption `n`
    states is put up for confirmation with it."""
    if n + 1 >= len(readings) or not readings[n + 1].question:
        return False
    after = readings[n + 1]
    first = opening(after.sentence)[:1]
    if first and first[0] in word_set("interrogatives"):
        return False  # "is there any video as well?" asks a question of its own
    return len(words(after.text)) <= 8 and bool(matcher("parallel_ask").search(after.low))


_TRAFFIC_MAGNITUDE = (
    r"\d[\d,.]*(?:[kmb]\b|\s*(?:thousand|million|billion))|\b(?:a|one|ten|a few|hundreds? of|"
    r"thousands? of) (?:hundred|thousand|million|billion)s?\b"
)
_TRAFFIC_PER = (
    r"(?:/\s*|\bper |\ba |\ban |\bevery |\beach )"
    r"(?:s|sec|second|min|minute|hr|hour|day|week|month|year)s?\b"
)
_COUNT_OR_RATE = re.compile(
    rf"{_TRAFFIC_MAGNITUDE}|\d[\d,.]*\s*[a-z]*(?:\s+[a-z]+){{0,3}}\s*{_TRAFFIC_PER}",
    re.IGNORECASE,
)
"""A count or a rate said with its size ("100M redirects a day", "~1.2k/sec", "ten thousand
orders", "50 messages a day"): a traffic or volume figure, not a size chosen for a design
("4 MB chunks") or a list's numbering."""
_CLOSING_WORDS = 8
_PUT_UP_RANGE = re.compile(
    r"\bor (?:way |much |a lot |even |a bit |far )?(?:more|less|higher|lower|fewer|bigger|smaller)\b|"
    r"\b(?:in the right|the right) (?:range|ballpark|order of magnitude)\b|\bballpark\b"
)
"""A figure put up with its range in question ("~100 a minute or way more?", "is 500 in the
right range?"): the figure's fact is asked."""


def figures_put_up(readings: Sequence[Reading], n: int) -> bool:
    """Sentence `n` states counts or rates the message then asks to confirm in a closing
    question of its own ("ok so 100M redirects a day which is ~1.2k/sec, and 1M new links a
    day. right?"): what it states is put up for confirmation, an untold figure as much as a
    told one. Only statements come between them, and the closing question asks nothing but a
    confirmation (a view on the design, "am I on the right track?", puts up nothing). A data
    size is put up only along with a count or rate said before it or in the same sentence."""
    last = readings[-1]
    if n >= len(readings) - 1 or not _traffic_figures(readings, n):
        return False
    if len(words(last.text)) > _CLOSING_WORDS or not last.confirm:
        return False
    between = readings[n + 1 : -1]
    return not any(r.question or r.proposal for r in between) and _only_confirms(last)


_SO_OPENING = re.compile(r"\W*(?:(?:ok|okay|right|alright)\W+)?so\b")


def confirmed_statement(readings: Sequence[Reading]) -> str | None:
    """A message of one statement and a closing question that asks nothing but to confirm it
    ("Links never expire. Is that right?"), as one sentence with its tag ("Links never expire,
    is that right?"); None for any other message. Not a play-back or a recap, a list, or a
    proposal: those restate what was told or check in on the design. Read so only where the
    interview is still asking about the problem (`analysis.disclosure_after`)."""
    if len(readings) != 2:
        return None
    r, after = readings
    if (
        r.question
        or r.proposal
        or r.no_fact
        or "\n" in r.text.strip()
        or matcher("playback").search(r.low)
        or matcher("recap_opening").search(r.low)
        or _SO_OPENING.match(r.low)  # "so creators get realtime counts. right?": played back
        or not after.confirm
        or len(words(after.text)) > _CLOSING_WORDS
        or not _only_confirms(after)
    ):
        return None
    return f"{r.text.rstrip().rstrip('.!')}, {after.text.strip()[:1].lower()}{after.text.strip()[1:]}"


def _figures_named_after(readings: Sequence[Reading], n: int) -> bool:
    """Sentence `n` states counts, rates or sizes, and a question after it names the figures it
    asks to confirm ("I'm going to assume about 10k orders a minute at peak, so one primary is
    enough. Is that assumption okay, and does the single-primary call seem reasonable?"): what
    it states is put up, though the sentence goes on to a design and the question to a view of
    it."""
    return (
        n + 1 < len(readings)
        and bool(_figures_said(readings[n].text))
        and (_traffic_figures(readings, n) or bool(_SIZE_FIGURE.search(readings[n].text)))
        and any(r.question and matcher("confirm_figures").search(r.low) for r in readings[n + 1 :])
    )


def _traffic_figures(readings: Sequence[Reading], n: int) -> bool:
    """Sentence `n` states a count or a rate, or a data size after a statement that did."""
    if _COUNT_OR_RATE.search(readings[n].text):
        return True
    return bool(_SIZE_FIGURE.search(readings[n].text)) and any(
        not r.question and _COUNT_OR_RATE.search(r.text) for r in readings[:n]
    )


_SAID_APART = re.compile(r"[,;:]|\s(?:so|which|that)\s|\s[-–—]\s")


def _figures_said(text: str) -> str:
    """The parts of a statement that give a count, a rate or a data size ("100M redirects a day
    which is ~1.2k/sec, and 1M new links a day" -> "100M redirects a day, 1M new links a
    day")."""
    return ", ".join(
        p.strip()
        for p in _SAID_APART.split(text)
        if _COUNT_OR_RATE.search(p) or (_SIZE_FIGURE.search(p) and not _OWN_CHOICE.search(p))
    )


_OWN_CHOICE = re.compile(
    r"\b(?:we|i|let's|we'll|we'd|i'll|i'd)\b(?!\s+(?:think|guess|assume|figure|estimate|expect|"
    r"said|say|have|get|see|mean)\b)",
    re.IGNORECASE,
)
"""A size said as one's own design choice ("we split files into 4 MB chunks") puts up no
fact."""


def _only_confirms(r: Reading) -> bool:
    """A closing question that asks nothing but a confirmation ("right?", "is that correct?",
    "did I get that right?")."""
    if only_checks_in(r):
        return True
    return len(content_stems(r.low)) <= 1 and is_confirm_request(r.sentence)


def only_checks_in(r: Reading) -> bool:
    """The sentence asks only the interviewer's view ("so I have customers, accounts and
    transfers, am I on the right track?"): with its check-in phrase taken out, nothing is asked
    and nothing assumed is put up for confirmation."""
    if not r.check_in or r.assumption:
        return False
    rest = padded(r.text)
    for phrase in sorted(plain("check_in"), key=len, reverse=True):  # the longest first
        rest = rest.replace(phrase, " ")
    if rest == padded(r.text):
        return False  # a tag ("..., right?") asks to confirm the statement before it
    # "... with penalties yeah did I get that": a filler left before the check-in asks nothing
    rest = _TRAILING_FILLER.sub("", rest).strip()
    stripped = r.sentence.retold(rest)
    return not (is_question(stripped) or is_confirm_request(stripped))


# A question taken back in the same breath: "..., actually no, that's a scale question, I'll
# ask it later", "... never mind", "scratch that".


def catch_all_scope(text: str, system: frozenset[str] = frozenset()) -> str | None:
    """The topic a catch-all is limited to ("anything else about *rollbacks* I should know"),
    or None when it asks for everything. `system`: the stems of the problem's own name ("ride",
    "hail"): "what else about rides" asks about the whole system."""
    m = matcher("catch_all_scope").search(text.lower())
    if m is None:
        return None
    scope = m.group(1).strip()
    low = scope.lower()
    if (
        not scope
        or set(words(low)) <= word_set("catch_all_whole")
        or low.startswith(("this", "that", "requir", "req"))
        or (system and content_stems(low) <= system)
    ):
        return None  # "about this bank", "about the requirments": everything
    return scope


def system_stems(scenario: LoadedScenario) -> frozenset[str]:
    """The stems of the problem's name, less "design" ("Design a ride-hailing service")."""
    return content_stems(scenario.scenario.title) - {"design"}


_CORE_OBJECTS = 3


def core_objects(scenario: LoadedScenario) -> tuple[str, ...]:
    """The system's main objects ("tweet", "message"), the first first: what a terse question
    is about."""
    return tuple(o.name for o in scenario.scenario.requirements.objects[:_CORE_OBJECTS])


def _about_core(
    text: str, scenario: LoadedScenario, speller: Speller, quoted: dict[str, str]
) -> list[tuple[str, ...]]:
    """A terse question or table row ("edits?", "| edits | none, delete only |") read as
    about the first main object it makes a question of."""
    for name in core_objects(scenario):
        piece = mended(tokens(f"{text} {name}"), speller)
        if _matching(scenario, [piece], quoted):
            return [piece]
    return []


_STORY_WORDS = 12
"""Words of a question at most, to be asked of the story told just before it."""


def _story_before(before: Reading, question: Reading) -> bool:
    """The sentence before a short question of what follows ("What happens when ...?", "What
    should she see?") tells the case it is asked of ("Say I edit ...", "Imagine two riders
    ..."), with no figure of its own (a figure assumed is put up only when asked to be
    confirmed)."""
    return (
        not before.question
        and len(words(question.text)) <= _STORY_WORDS
        and bool(matcher("story_question").match(question.low))
        and bool(matcher("story_opening").match(before.low))
        and not any(c.isdigit() for c in before.text)
    )


def _referred(before: Reading, question: Reading) -> Sentence | None:
    """A short question about the statement before it ("Spam behind short links is a real
    risk. Do we need to do anything about that?"): the two read as one question. None when
    the question names its own topic, points at nothing, or follows a design proposal (a
    check-in on a decision asks for no fact)."""
    if before.question or before.proposal or before.listed:
        return None
    if not question.sentence.is_question_mark:
        return None  # "What people do with them:" heads a list; it asks nothing of what came before
    if question.check_in or question.confirm or before.assumption:
        return None  # "Have I got that right?", "This is fine?": a check on what was said
    toks = question.sentence.tokens
    referring = word_set("referring")
    own = content_stems(question.text) - referring
    if not referring.intersection(toks) or not own or len(own) > 3:
        return None
    if own <= word_set("view_stems"):
        return None  # "is that the scope?", "does that approach make sense?"
    text = f"{before.text} {question.text}"
    return before.sentence.retold(text)


_ELLIPSIS = re.compile(r"^\W*(?:and|or|plus|also|what about|how about|same for|same with)\b\W*")


def _elliptical(before: Reading, question: Reading) -> Sentence | None:
    """A fragment asking again what the question before asked, of another thing ("How many
    reads a minute? And writes?"), read as that question with its topic words replaced by the
    fragment's ("how many a minute writes"); None when it is no such fragment."""
    m = _ELLIPSIS.match(question.low)
    if not before.question or m is None or not question.sentence.is_question_mark:
        return None
    fragment = question.low[m.end() :]
    if not 0 < len(words(fragment)) <= _ITEM_WORDS:
        return None
    said = content_stems(before.text) - {stem(w) for w in word_set("figure_words")}
    frame = [w for w in words(before.low) if stem(w) not in said]
    return before.sentence.retold(" ".join([*frame, fragment]))


_FIGURE = re.compile(r"\d[\d.,]*")


_MARKED_AFTER = 20
"""A question marker this far into a sentence comes after statements of its own."""

_TERSE_WORDS = 3
_ASSUMED_WORDS = 16
"""An assumption this short, then a terse question of an attribute, is what the question asks of."""


def _of_topic_before(before: Reading, question: Reading) -> Sentence | None:
    """A terse question that names only an attribute ("max size?", "how many?", "format?",
    "how often exactly?") right after a terse question naming a topic ("groups?") or an
    assumption of `_ASSUMED_WORDS` words at most ("Drivers send their location every few
    seconds I guess."), read as one question about that topic ("groups max size?"); None
    otherwise."""
    if not question.sentence.is_question_mark or len(words(question.low)) > _TERSE_WORDS:
        return None
    if before.sentence.is_question_mark:
        if len(words(before.low)) > _TERSE_WORDS:
            return None
    elif not before.assumption or before.proposal or len(words(before.low)) > _ASSUMED_WORDS:
        # "Drivers send their location every few seconds I guess. How often exactly?": the
        # attribute of what the assumption just said
        return None
    said = content_stems(question.text)
    if not said or not said <= set_stems("attribute_words"):
        return None
    return question.sentence.retold(f"{before.text.rstrip(' ?')} {question.text}")


def _same_figure(before: Reading, question: Reading) -> Sentence | None:
    """A question saying again a figure the statement before it gave, read with it."""
    if before.question or before.proposal:
        return None
    figures = set(_FIGURE.findall(question.text))
    if not figures or not figures & set(_FIGURE.findall(before.text)):
        return None
    return before.sentence.retold(f"{before.text} {question.text}")


def _without_example(
    sentence: Sentence, scenario: LoadedScenario, speller: Speller, quoted: dict[str, str]
) -> Sentence:
    """A question closing on an example ("can a trip change after it's done, e.g. a refund?")
    asks what it asks without the example, when that asks for a fact; the example counts only
    when the question names nothing else ("any limits, e.g. on file size?")."""
    m = matcher("inline_example").search(sentence.text.lower())
    if m is None or len(words(sentence.text[: m.start()])) < 3:
        return sentence
    without = sentence.retold(sentence.text[: m.start()] + "?")
    if _matching(scenario, [mended(p, speller) for p in clauses(without)], quoted):
        return without
    return sentence


def _framed(sentence: Sentence) -> Sentence | None:
    """The question after a frame opening the sentence ("In a group, | should the sender see
    who read it?"), or None: no frame, no question of its own after it, or a question about
    what an event does ("..., what happens to their tweets?")."""
    low = sentence.text.lower()
    frame = matcher("frame_opening").match(low)
    if frame is None or matcher("touched_by_event").search(low):
        return None
    asking = question_words()
    starts = [
        m.end()
        for m in re.finditer(r",\s*", low)
        if m.start() >= frame.end() - 1
        and (ws := words(low[m.end() : m.end() + 30]))
        and ws[0] in asking
    ]
    if not starts or len(words(low[starts[-1] :])) < 3:
        return None
    return sentence.retold(sentence.text[starts[-1] :])


def _narrows(r: Reading) -> bool:
    """A fragment with no verb of its own narrowing the question before it ("With stars and
    photos?", "Only between own accounts, or to other banks too?"): it gives that question's
    options, and asks nothing new."""
    if matcher("narrowing_opening").match(r.low) is None:
        return False
    ws = words(r.low)
    return not (word_set("finite_verbs") | question_words()).intersection(ws[1:])


def _without_assumed(sentence: Sentence, scenario: LoadedScenario, speller: Speller) -> Sentence:
    """A question closed by an assumption said in passing ("how many links a day, I'm guessing
    analytics is a separate thing") asks what it asks without the assumption, when that asks
    for a fact ("how many a day, I'm guessing about a million?" keeps its guess: the question
    alone is the same question)."""
    m = matcher("assumed_after").search(sentence.text.lower())
    if m is None or len(words(sentence.text[: m.start()])) < 3:
        return sentence
    without = sentence.retold(sentence.text[: m.start()] + "?")
    if _matching(scenario, [mended(p, speller) for p in clauses(without)], {}):
        return without
    return sentence


def _matches(scenario: LoadedScenario, fact_id: str, piece: tuple[str, ...]) -> bool:
    return any(rule.matches(piece) for rule in scenario.fact_rules[fact_id])


def _matching(
    scenario: LoadedScenario, pieces: list[tuple[str, ...]], quoted: dict[str, str]
) -> list[str]:
    """The facts not yet quoted whose rules match any of `pieces`."""
    return [
        fact_id
        for fact_id, rules in scenario.fact_rules.items()
        if fact_id not in quoted and any(rule.matches(p) for rule in rules for p in pieces)
    ]


_MOVE_WORDS = 8


def _only_moves_asked(low: str) -> bool:
    """Whether the one question of a run-on is a move asked at its end ("..., so yeah can we
    wrap up"): from its first question word on, it asks only to move, in a few words."""
    ws = words(low)
    asking = question_words()
    first = next((i for i, w in enumerate(ws) if w in asking), None)
    if first is None or first == 0 or len(ws) - first > _MOVE_WORDS:
        return False
    tail = " ".join(ws[first:])
    return bool(moves_asked(tail) or asks_next(tail))


def _figure_asked_only(
    found: list[str], text: str, scenario: LoadedScenario, speller: Speller
) -> list[str]:
    """A question for a figure ("How many solutions come in per minute, normal day vs.
    contest?", "how many new posts, likes and reposts come in?") asks for the figure's fact: a
    fact of the requirements whose words it names only in passing there is not asked. A part
    of the sentence asking a question of its own ("..., and can they be edited?") still asks;
    a part with no question word of its own belongs to the question before it."""
    if not matcher("count_asked").search(text.lower()):
        return found
    figures = {f.id for f in scenario.scenario.facts if f.step == "data_api_scale"}
    if not figures.intersection(found):
        return found
    asking = question_words()
    units: list[str] = []
    for part in question_parts(text):
        ws = [w for w in words(part) if w not in _JOINERS]
        if units and not (ws and ws[0] in asking):
            units[-1] += f", {part}"
        else:
            units.append(part)
    read = [(u, mended(tokens(u), speller)) for u in units]

    def named_apart(fact_id: str) -> bool:
        hits = [u for u, p in read if _matches(scenario, fact_id, p)]
        return not hits or any(not matcher("count_asked").search(u) for u in hits)

    return [f for f in found if f in figures or named_apart(f)]


def facts_asked(
    message: str, readings: Sequence[Reading], scenario: LoadedScenario
) -> dict[str, str]:
    """Fact id -> the sentence that asks for it, in the scenario's order: what the rules find,
    judged by the scenario's learned reader where it has one (`app.core.reader`): it drops a
    fact it is nearly sure the message does not ask, and adds one it is nearly sure a sentence
    asks, of the sentences the rules read as asking (not one taken back, answered at once, or
    put aside, nor an assumption nobody asked to confirm)."""
    quotes, asking = _rules_reading(message, readings, scenario)
    if not (quotes or asking) or (reader := reader_for(scenario)) is None:
        return quotes
    # ("hey. so short links - do they ever expire or get edited?": a greeting before the
    # question is no sentence of it)
    said = [r for r in readings if not set(words(r.low)) <= _OPENERS]
    if len(said) == 1 and said[0].question and len(words(said[0].text)) <= SHORT_QUESTION:
        if quotes:
            # too few words for the model to overrule a rule that matched them ("write qps?"
            # asks the write rate, not the write size as well)
            return quotes
        kept: set[str] = set()
    else:
        # an assumption put up for confirmation names what it assumes: the model, which has
        # seen the same figures said as statements far more often, has no say on it
        # (and so does one put up as a question after other sentences, which the model reads
        # diluted: "... this is the path to optimize. And uploads I think are around 100 per
        # minute, is it correct?")
        kept = {
            f
            for f, q in quotes.items()
            if any(
                r.text == q and (not r.question or (n > 0 and r.assumption and r.confirm))
                for n, r in enumerate(readings)
            )
        }
    answered = {
        k: {f for f, q in quotes.items() if q == readings[n].text}
        for k, (n, _) in enumerate(asking)
    }
    judged = reader.judged(
        message, quotes, [asked for _, asked in asking], kept=kept, answered=answered
    )
    if any(part is not None for part in judged.values()):
        aside = put_aside(readings, scenario, speller_for(scenario))
        judged = {f: part for f, part in judged.items() if part is None or f not in aside}
    return {
        f: quotes[f] if part is None else readings[asking[part][0]].sentence.text
        for f, part in judged.items()
    }


_OPENERS = frozenset(
    {"hey", "hi", "hello", "ok", "okay", "so", "alright", "right", "um", "uh", "cool", "great"}
)
"""Words of a sentence that only opens the message ("hey.", "ok so.")."""

SHORT_QUESTION = 8
"""A message that is one question of at most this many words keeps every fact the rules find
in it (on the fresh dev batches, as many forbidden reveals as with no exemption; on the
crafted questions of tests/test_disclosure.py, half the facts the model wrongly dropped)."""


def rules_asked(
    message: str, readings: Sequence[Reading], scenario: LoadedScenario
) -> dict[str, str]:
    """Fact id -> the sentence that asks for it, in the scenario's order, by the fact rules."""
    return _rules_reading(message, readings, scenario)[0]


def _rules_reading(
    message: str, readings: Sequence[Reading], scenario: LoadedScenario
) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """`rules_asked`, and the readings the rules read as asking something: (index, what of it
    is asked: without what it says is known, put aside or a reason, a list item with its
    head)."""
    if not scenario.fact_rules:
        return {}, []  # no facts to ask for (a generic grade): nothing to read
    asking: list[tuple[int, str]] = []
    confirm: bool | None = None  # any sentence asks to confirm (worked out when needed)
    quotes: dict[str, str] = {}
    speller = speller_for(scenario)
    listed_assumptions = False  # under an "Assumptions:" heading, each item is one
    asked_before = False  # the sentence before asked for a fact
    for n, r in enumerate(readings):
        if (heading := matcher("assumptions_heading").match(r.low.strip())) is not None:
            listed_assumptions = True
            if len(words(r.low.strip()[heading.end() :])) < _ITEM_WORDS:
                continue
            # "Assumption: a change can take a few seconds to reach the other devices.": the
            # heading and its one item in a sentence, put up
        if asked_before and (ex := matcher("example_opening").match(r.low)):
            # "Is there a workflow that needs extra security? For example login or transfers?":
            # examples of the question before, which asked already ("For example, can they be
            # edited?" asks a question of its own)
            example = words(r.low[ex.end() :])
            if not example or example[0] not in question_words():
                continue
        if asked_before and _narrows(r):
            continue
        if (
            r.question
            and not r.sentence.is_question_mark
            and n + 1 < len(readings)
            and readings[n + 1].sentence.is_question_mark
            and matcher("lead_in").search(r.low)
        ):
            continue  # "I'd like to understand the shopping side better. When ...?": a lead-in
        prior, asked_before = asked_before, False
        if n + 1 < len(readings) and matcher("retracted").match(readings[n + 1].low):
            continue  # "How long do we keep history... | actually no, I'll ask it later."
        sentence = r.sentence
        if (taken := matcher("retracted").search(r.low)) is not None and taken.start() > 0:
            # what came before is taken back; what comes after may ask anew
            rest = r.text[taken.end() :]
            if "?" not in rest:
                continue
            sentence = Sentence(
                text=rest, start=r.sentence.start + taken.end(), tokens=tokens(rest)
            )
        figures_only = False  # only the counts and rates it states are put up
        figures_named = not r.question and _figures_named_after(readings, n)
        if not r.question:
            if not (r.assumption or listed_assumptions):
                if not (figures_named or figures_put_up(readings, n)):
                    continue
                figures_only = True
                sentence = sentence.retold(_figures_said(r.text))
            if confirm is None:
                confirm = any(x.confirm for x in readings) or bool(
                    matcher("confirm_any").search(message.lower())
                )
            if not (confirm or puts_up_before(readings, n)):
                continue
        tolerance = matcher("tolerance_ask").search(r.low) if r.proposal else None
        if tolerance is not None and not r.no_fact:
            # "cached per area, it's ok if it's a bit stale, right?": the design is proposed,
            # what the requirements tolerate is asked
            sentence = sentence.retold(r.text[tolerance.start() :])
        elif (
            r.proposal or r.no_fact or only_checks_in(r) or _checks_proposal(readings, n)
        ) and not figures_named:
            continue
        if (moves_asked(r.text) or asks_next(r.text)) and len(
            content_stems(without_moves(r.low))
        ) < _FOCUS_WORDS:
            continue  # "Can we move on to scale?" asks for no fact
        if r.question and not r.sentence.is_question_mark and _only_moves_asked(r.low):
            # "... the ledger in postgres, transfers in one transaction, so um yeah can we wrap
            # up": statements said on, then a move asked; the statements ask for nothing
            continue
        marker = matcher("question_marker").search(r.low) if r.question else None
        if marker is not None and marker.start() >= _MARKED_AFTER and marker.end() < len(r.text):
            # "... uploads the archive to blob storage um quick one how bad is it if ...": the
            # statements before the question say what the candidate does, they ask nothing
            sentence = sentence.retold(r.text[marker.end() :])
        if r.question and n and (topic := _of_topic_before(readings[n - 1], r)) is not None:
            # "groups? max size?": the size of groups, not of anything else
            sentence = topic
        if r.question and (head := _list_head(readings, n, message)) is not None:
            # "recordings: audio? video? the pad?": each item is asked of the list's head
            sentence = sentence.retold(f"{head}: {sentence.text}")
        if r.catch_all:
            # "anything else about rollbacks I should know?" asks about rollbacks; "anything
            # else I should account for?" about nothing
            if (scope := catch_all_scope(r.text, system_stems(scenario))) is None:
                continue
            sentence = r.sentence.retold(scope)
        if not r.question:
            # An assumption asks about what it assumes: "stock counts can be a little off"
            # assumes nothing about how many orders there are (a figure would: see below).
            sentence = _without_quantity_nouns(sentence)
            if _CAPPED_TIME.search(sentence.text):
                # "videos are capped at about a minute": a length, not a rate per minute
                sentence = sentence.retold(_CAPPED_TIME.sub(" length ", sentence.text))
        if r.question and n and _story_before(readings[n - 1], r):
            # "Say I edit a report on my laptop on a flight, and a colleague edits it in the
            # office. What happens when my laptop reconnects?": asked of the story told
            sentence = sentence.retold(f"{readings[n - 1].text} {sentence.text}")
        matched = _main_clause(
            _normalised(_matched_text(_figure_asked(_failure_asked(sentence), message)))
        )
        matched = _without_example(matched, scenario, speller, quotes)
        if r.question and not r.confirm:
            # (an assumption with "correct?" is put up: it is what is asked)
            matched = _without_assumed(matched, scenario, speller)
        pieces = [mended(p, speller) for p in clauses(matched)]
        terse = (
            0 < len(words(matched.text)) <= 2
            and r.question
            and len(readings) == 1
            and not (moves_asked(r.text) or asks_next(r.text))  # "design next?" asks no fact
        )
        row = listed_assumptions and "|" in r.text and len(words(matched.text)) <= 6
        if terse or row:
            # "edits?", "| edits | none, delete only |": about the system's main objects
            pieces += _about_core(matched.text, scenario, speller, quotes)
        if (
            not r.question
            or (r.assumption and r.confirm)
            or (r.confirm and _COUNT_OR_RATE.search(r.text) and _COUNT_FIGURE.search(r.text))
            # "are we talking ~100 transactions a minute or way more?": a figure put up
            or (r.question and _PUT_UP_RANGE.search(r.low) and _COUNT_OR_RATE.search(r.text))
        ):
            # "one interview is an hour and the recording is about 100 MB": two assumptions,
            # each read alone (one's words do not exclude the other's fact); "assuming like
            # 10mb per video, max a minute long, fair?": a question, its figures put up
            for side in _assumed_apart(matched):
                if not r.question:
                    pieces += [mended(p, speller) for p in clauses(side)]
                if (asked := figures_as_asked(side)) is not side:
                    pieces += [mended(p, speller) for p in clauses(asked)]
        asking.append((n, matched.text))
        found = _matching(scenario, pieces, quotes)
        if figures_only:
            found = [f for f in found if scenario.scenario.fact(f).step == "data_api_scale"]
        if len(found) >= 2 and r.question and _leaning_alternatives(matched.text):
            # "does the like count need to be exact, or can it lag a bit" asks about the count:
            # a clause about "it" asks no fact its antecedent's question rules out (a question
            # of its own about "it", "..., and how long do they last?", still asks its fact)
            unleaned = _matching(
                scenario, [mended(p, speller) for p in clauses(matched, leaning=False)], quotes
            )
            found = [f for f in found if f in unleaned] or found
        if found and r.question and prior and _points_back(r.low):
            # "I assume we show online status. Is a few seconds of lag there okay?" asks about
            # presence again: read with the question it points at, a fact that one rules out
            # is not asked
            both = mended(tokens(f"{readings[n - 1].text} {r.text}"), speller)
            found = [f for f in found if _matches(scenario, f, both)]
        if found and r.question and (main := _framed(matched)) is not None:
            # "In a group, should the sender see who read it?" asks about receipts (even when
            # asked already): a fact the frame alone names is the scene, not what is asked
            named = _matching(scenario, [mended(p, speller) for p in clauses(main)], {})
            if named:
                found = [f for f in found if f in named]
        if len(found) >= 2 and matcher("scope_frame").search(matched.text.lower()):
            # "recommendations in scope?" asks about recommendations, not the whole scope
            framed = matched.retold(matcher("scope_frame").sub(" ", matched.text.lower()))
            named = _matching(scenario, [mended(p, speller) for p in clauses(framed)], quotes)
            found = [f for f in found if f in named] or found
        if not (found or quotes) and r.question and n and (said := _referred(readings[n - 1], r)):
            # a question that names nothing of its own asks about the statement it points at
            found = _matching(scenario, [mended(p, speller) for p in clauses(said)], quotes)
        elif not found and r.question and n and (said := _elliptical(readings[n - 1], r)):
            # "How many reads a minute? And writes?": the fragment asks what the question
            # before asked, of another thing
            found = _matching(scenario, [mended(p, speller) for p in clauses(said)], quotes)
        elif not found and r.question and n and (said := _same_figure(readings[n - 1], r)):
            # "... a position every 4 seconds, that's our biggest write load. Is 4 seconds the
            # real interval?": the figure said again points at the statement that gave it
            found = _matching(scenario, [mended(p, speller) for p in clauses(said)], quotes)
        if found and len(content_stems(matched.text)) >= _FOCUS_WORDS:
            # the facts asked before compete too ("How important is availability? Can we take
            # checkout down for maintenance?" is about availability again, not orders)
            again = [f for f in _matching(scenario, pieces, {}) if f in quotes]
            found = [*found, *again]
        else:
            again = []
        if len(found) >= 2 and len(content_stems(matched.text)) >= _FOCUS_WORDS:
            # a fact some clause asks alone stays ("how many problems, and how big is the
            # test data"); those matched only by the whole sentence must be what it is about
            asked_apart = [mended(tokens(q), speller) for q in question_parts(matched.text)]
            alone = {
                f
                for f in found
                if len(asked_apart) > 1 and any(_matches(scenario, f, q) for q in asked_apart)
            }
            for side in _assumed_apart(matched)[1:] if not r.question else ():
                # each of two assumptions joined by "and" asks for what it is about
                read_as = (side.tokens, figures_as_asked(side).tokens)
                on_side = [
                    f
                    for f in found
                    if any(_matches(scenario, f, mended(t, speller)) for t in read_as)
                ]
                alone.update(_focused(on_side, side.text, scenario) if on_side else ())
            focused = set(_focused(found, matched.text, scenario))
            found = [f for f in found if f in alone or f in focused]
        if len(found) >= 2 and r.question:
            found = _figure_asked_only(found, matched.text, scenario, speller)
        found = [f for f in found if f not in again]
        quotes.update(dict.fromkeys(found, r.sentence.text))
        asked_before = bool(found)
    if quotes:
        # a topic put aside anywhere in the message ("How many entries I don't ask now") is
        # not asked by another sentence's word in passing either
        for fact_id in put_aside(readings, scenario, speller):
            quotes.pop(fact_id, None)
    return {f.id: quotes[f.id] for f in scenario.scenario.facts if f.id in quotes}, asking


FOCUS = 0.3
"""One sentence matching several facts' rules asks for those whose topic and examples it is
about: a fact scoring under this share of the best one's likeness is a rule matching a word
in passing ("stock counts and payments must be exact" is about consistency, not order
rates). Measured on the dev parts: forbidden reveals down a quarter for 0.4% of recall."""


_FOCUS_WORDS = 3
"""A question of fewer words ("traffic?") is too short to say what it is about more than
another: all it matches stays."""


def _focused(found: list[str], text: str, scenario: LoadedScenario) -> list[str]:
    """The facts of `found` that the sentence, or one of its comma-parts ("..., and then I also
    need to know how many servers ..."), is about."""
    vectors, idf = _fact_profiles(scenario)
    kept: set[str] = set()
    for part in (text, *_COMMA_PARTS.split(text)):
        asked = {s: idf.get(s, 0.0) for s in content_stems(part)}
        norm = math.sqrt(sum(x * x for x in asked.values())) or 1.0
        likeness = {
            f: sum(w / norm * vectors[f].get(s, 0.0) for s, w in asked.items()) for f in found
        }
        best = max(likeness.values())
        if best > 0:
            kept.update(f for f in found if likeness[f] >= FOCUS * best)
    return [f for f in found if f in kept] or found


_COMMA_PARTS = re.compile(r"[,;:]\s*|\s[-\u2013\u2014]\s")


_PROFILES: dict[str, tuple[LoadedScenario, dict[str, dict[str, float]], dict[str, float]]] = {}


def _fact_profiles(
    scenario: LoadedScenario,
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Each fact's words (its topic and examples, weighted by how few facts share them), as
    unit vectors; and the weights. Cached per scenario."""
    cached = _PROFILES.get(scenario.id)
    if cached is not None and cached[0] is scenario:
        return cached[1], cached[2]
    docs = {
        f.id: Counter(s for t in (f.topic, *f.examples) for s in content_stems(t))
        for f in scenario.scenario.facts
    }
    df = Counter(s for d in docs.values() for s in d)
    idf = {s: math.log((len(docs) + 1) / (c + 0.5)) for s, c in df.items()}
    vectors: dict[str, dict[str, float]] = {}
    for fact_id, doc in docs.items():
        v = {s: (1 + math.log(c)) * idf[s] for s, c in doc.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[fact_id] = {s: x / norm for s, x in v.items()}
    _PROFILES[scenario.id] = (scenario, vectors, idf)
    return vectors, idf


def disclosure_of(
    message: str,
    readings: Sequence[Reading],
    scenario: LoadedScenario,
    revealed: Sequence[str] | frozenset[str] = (),
    injection: bool | None = None,
) -> Disclosure:
    """The disclosure of a message already read sentence by sentence."""
    asks_something = any(r.question for r in readings)
    if is_injection(message) if injection is None else injection:
        return Disclosure(is_question=asks_something, refusal="injection")
    return Disclosure.of(
        facts_asked(message, readings, scenario),
        revealed,
        question=asks_something,
        catch_all=any(r.catch_all for r in readings),
    )


def disclose(
    message: str,
    scenario: LoadedScenario,
    revealed: Sequence[str] | frozenset[str] = (),
    parts: list[Sentence] | None = None,
) -> Disclosure:
    """Which of `scenario`'s facts `message` asks for. Never raises on any text.

    `parts` are the message's sentences when the caller has split it already. (The interview
    and the grader go through `app.core.analysis.analyse`, which reads a message once.)
    """
    parts = sentences(message) if parts is None else parts
    component = scenario.lexicon.compile("@component")
    return disclosure_of(message, read_all(parts, component), scenario, revealed)
