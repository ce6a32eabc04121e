"""Design decisions and tags: what a sentence proposes, whether or not it names a component
(the speech act `proposal`), and what a tag closing a statement asks ("..., right?": an
assumption put up for confirmation, or the interviewer's view of the candidate's own math).
Read from how the sentence is built: who acts (the candidate deciding, a part of the system at
work), the verb, a participle placing data, a schema, a label put on a component. Pure; the
words are in words.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from app.core.grading.arithmetic import find_calculations
from app.core.speech import (
    LABEL,
    Reading,
    asks_next,
    content_stems,
    is_check_in,
    is_proposal,
    is_question,
    moves_asked,
    opening,
    said_right,
    without_moves,
)
from app.core.text import Rule, Sentence, stem, tokens, words
from app.core.words import matcher, padded, plain_matcher, word_set


@cache
def _design_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in word_set("design_nouns"))


def proposes(r: Reading) -> bool:
    """The sentence proposes a design: places a component or makes a design decision, and is
    no question put to the interviewer, assessment or recap."""
    if matcher("small_talk_ask").search(r.low) or matcher("not_noted").search(r.low):
        return False  # "sorry my audio kept cutting out", "I'll keep that in mind"
    if decides(r.sentence, r.component):
        return True
    if (
        _design_check_in(r.sentence)
        and not matcher("not_decision").search(r.low)
        and not _DIGIT.search(r.low)  # "..., needs ~330 workers busy, right?" is an estimate
    ):
        # "would a per-user inbox queue make sense here?"
        return (
            r.component.matches(r.tokens)
            or bool(matcher("technology").search(r.low))
            or any(stem(w) in _design_stems() for w in words(r.low))
        )
    if not r.proposal or not_deciding(r.sentence):
        return False
    # "That's comfortably blob-store territory": the verb is the component's name
    return bool(matcher("proposal").search(_STORE_NAMES.sub(" ", r.low)))


_BLOCK_LABEL = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+(?P<heading>[^\n#]+?)[ \t]*#*[ \t]*$|\*\*(?P<bold>[^*\n]{2,60})\*\*[ \t]*:?)",
    re.MULTILINE,
)
_NOT_DESIGN_LABEL = re.compile(
    r"\b(?:question|questions|requirements?|reqs|assumptions?|estimates?|numbers|scale|math|"
    r"summary|recap|recaps|open|todo|notes?|api|apis|endpoints?|scope|non-functional|nfrs?)\b"
)


def design_block(text: str, component: Rule) -> bool:
    """A part of the design laid out in Markdown: a heading or a bold label naming a part of
    the system, and what it does after it ("**Like counter**: increments buffered and flushed
    every few seconds.", "### Leaderboard / - sorted set per contest / - updated from verdict
    events"). A proposal, even with a question asked under it."""
    for m in _BLOCK_LABEL.finditer(text):
        label = (m.group("heading") or m.group("bold") or "").strip().lower()
        if not label or label.endswith("?") or _NOT_DESIGN_LABEL.search(label):
            continue
        if not (
            component.matches(tokens(label))
            or any(w in word_set("system_nouns") | word_set("block_nouns") for w in words(label))
            or any(stem(w) in _design_stems() for w in words(label))
        ):
            continue
        after = text[m.end() :].lstrip(" \t:*").split("\n\n", 1)[0].strip()
        if after and "?" not in after and len(words(after)) >= 2 and not find_calculations(after):
            return True  # (not "**Storage**: 5B x 100 B = 500 GB/day": an estimate)
    return False


def viewed_design(readings: Sequence[Reading]) -> bool:
    """A check-in asks the interviewer's view of a design said just before it ("Each chat gets
    a sequence number from a per-chat counter. Does that address the ordering?", "fraud check
    as a separate service, every transfer goes through it. ok?", "i'd do a conditional update
    on the driver row does that make sense"): what it views names a part of the design and is
    no question, assumption, estimate or recap."""
    for r in readings:
        if not r.check_in or r.assumption or matcher("playback").search(r.low):
            continue
        if moves_asked(r.text) or asks_next(r.text):
            continue  # "Now we do the API, okay?": a move, viewed
        lead = _lead(r.sentence)
        if lead.text and lead.text != r.text and not is_question(lead):
            said = lead.text  # the statement a run-on opens with
        elif r.index == 0 or len(content_stems(r.text)) > _VIEW_WORDS:
            continue  # nothing before it, or a question of its own
        else:
            before = [x for x in readings[: r.index] if not x.question]
            if not before or any(x.assumption or x.question for x in readings[: r.index]):
                continue
            said = " ".join(x.text for x in before)
        low = said.lower()
        if find_calculations(said) or matcher("figure_with_unit").search(f"{low} {r.low}"):
            continue  # the candidate's math or an estimate, viewed
        if (
            matcher("playback").search(low)
            or matcher("recap_opening").search(low)
            or matcher("not_decision").search(low)
        ):
            continue
        named = r.component.matches(tokens(said)) or bool(matcher("technology").search(low))
        if named or any(w in word_set("viewed_design") for w in words(low)):
            return True
    return False


_VIEW_WORDS = 4
"""A check-in of more words than this asks something of its own."""


def not_deciding(sentence: Sentence) -> bool:
    """The sentence decides nothing, whatever it names: an assessment ("the drawback is ..."),
    a recap, an assumption, a naming convention, an API line, a move to another step, or a
    question put to the interviewer ("should I use Cassandra?" asks them to choose)."""
    low = sentence.text.lower()
    if matcher("not_decision").search(low) or matcher("playback").search(low):
        return True
    rest = without_moves(low)
    if rest != low and len(content_stems(rest)) < 3:
        return True  # "let's move on to the API": a move, nothing decided besides
    return is_question(sentence) and not _design_check_in(sentence)


def _design_check_in(sentence: Sentence) -> bool:
    """A question that asks the interviewer's view of a design idea ("would a per-user inbox
    queue make sense here?", "do you think I need a CDN for the redirects?"), not which one
    to pick: a check-in naming a component, opening with no wh-word."""
    if not is_check_in(sentence.text):
        return False
    first = opening(sentence)[:1]
    if not (first and first[0] in word_set("wh_words")):
        return True
    # "what do you think of splitting ...?" opens with the check-in itself
    return padded(sentence.text).startswith(_ASKS_WHAT_YOU_THINK)


def _lead(sentence: Sentence) -> Sentence:
    """The statement a run-on sentence opens with, before the question or check-in it goes
    on to ("i'd put a status page on the deployments table, is that enough or ...", "so the
    recording service writes to blob storage that makes sense right oh wait is there ...")."""
    low = sentence.text.lower()
    cuts = [
        m.start()
        for m in (matcher("clause").search(low), matcher("spoken_question").search(low))
        if m
    ]
    tail = matcher("check_in_tail").search(low)
    if tail:
        cuts.append(tail.start())
    padded_low = padded(low)
    phrase = plain_matcher("check_in").search(padded_low)
    if phrase:
        # the phrase's first word, found in the text
        first = phrase.group(0).split()[0]
        at = re.search(rf"\b{re.escape(first)}\b", low)
        if at:
            cuts.append(at.start())
    tag = _CLOSING_TAG.search(low)
    if tag:
        cuts.append(tag.start())
    cut = min((c for c in cuts if c > 0), default=len(low))
    text = sentence.text[:cut].rstrip(" ,;:-")
    return sentence.retold(text)


_CLOSING_TAG = re.compile(r",\s*(?:[\w']+\s*){1,4}\?+\s*$")
"""A short question after a comma closing the sentence ("..., that work?")."""
_SAID_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_PLACED = re.compile(r"\S\s*(?:\u2192|->|=>)\s*\S|^[^:]{1,40}:\s*\S")
"""A label, then where it goes ("Videos \u2192 object storage", "Catalog: DynamoDB")."""


def decides(sentence: Sentence, component: Rule | None = None) -> bool:
    """A design decision said in the sentence's form, whether or not it names a component:
    the candidate deciding what the system does ("I'll fan new tweets out into followers'
    timelines", "we transfer the data nightly"), a part of the system doing its work ("the
    worker writes the results back"), data placed by a participle ("partitioned by month",
    "keyed by video id"), a bare order ("shard the catalog by product id, ok?"), a schema
    ("PRIMARY KEY (chat_id, seq)"), or a label put on a component ("Images: S3 + CDN").
    A question other than a view asked on the decision, an assessment or a recap decides
    nothing; of a run-on that goes on to ask, its opening statement is read."""
    if not_deciding(sentence):
        first = opening(sentence)[:1]
        if not is_question(sentence) or (first and first[0] in word_set("interrogatives")):
            return False
        lead = _lead(sentence)
        if lead.text == sentence.text or not lead.text or is_question(lead) or not_deciding(lead):
            return False
        sentence = lead
    low = without_moves(sentence.text.lower().replace("\u2019", "'"))
    if matcher("schema").search(low):
        return True
    if matcher("decision_frame").search(low) and not _DIGIT.search(low):
        return True  # not "I'm going with 100 bytes a message": an estimate
    named = component is not None and (
        component.matches(sentence.tokens) or bool(matcher("technology").search(low))
    )
    if named and _PLACED.search(low.strip("*# ")):
        return True
    if matcher("placing").search(low) and (
        named or any(stem(w) in _design_stems() for w in words(low))
    ):
        return True  # "orders live in a relational DB", "positions go into a geo index"
    return _acts_on_data(_SAID_WORD.findall(LABEL.sub("", low.strip().strip("*#> "))))


def _third_person(word: str) -> bool:
    """A verb of the present said of one thing ("reserves", "pushes"), not "is" or "has"."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in word_set("not_work")
    )


def _placed_after(following: list[str], after: frozenset[str]) -> bool:
    """What follows a participle places it: a preposition, at most one word on ("stored once
    by its hash")."""
    return bool(following) and (
        following[0] in after or (len(following) > 1 and following[1] in after)
    )


def _acts_on_data(said: list[str]) -> bool:
    """Someone acts on the data in these words: an order opening them ("shard the catalog"),
    the candidate deciding ("I'd just flag the row"), a part of the system at work ("the
    worker writes ..."), or a participle placing data ("partitioned by month")."""
    verbs, aux = word_set("design_verbs"), word_set("decision_aux")
    verb_stems = frozenset(stem(v) for v in verbs)

    def verb_at(i: int) -> bool:
        while i < len(said) and said[i] in aux:
            i += 1
        return i < len(said) and (said[i] in verbs or stem(said[i]) in verb_stems)

    start = 0
    while start < len(said) and said[start] in word_set("fillers"):
        start += 1
    rest = said[start:]
    if rest and (
        rest[0] in word_set("design_orders")
        or (rest[0] in verbs and len(rest) > 1 and rest[1] in word_set("determiners"))
    ):
        return True  # "shard the catalog by product id", "upload all blocks"
    subjects, nouns = word_set("decision_subjects"), word_set("system_nouns")
    blockers = word_set("decision_blockers")
    placing, after = word_set("placing_participles"), word_set("placing_after")
    for i, w in enumerate(said):
        following = said[i + 1] if i + 1 < len(said) else None
        if w in subjects and verb_at(i + 1) and (i == 0 or said[i - 1] not in blockers):
            return True  # "I'll fan ...", "we transfer ...", not "if we retry", "can I ..."
        at = i + 2 if following in ("that", "which") else i + 1
        verb = said[at] if at < len(said) else None
        if (
            w in nouns
            and verb is not None
            and verb not in nouns
            and (
                verb_at(at)
                and (verb.endswith("s") or verb in aux or w.endswith("s"))
                # any verb of the present said of a part: "checkout service reserves stock"
                or (w in word_set("system_actors") and _third_person(verb))
            )
        ):
            return True  # "the worker writes", "gateways route", "a job that writes ..."
        if w in placing and i > 0 and _placed_after(said[i + 1 : i + 3], after):
            return True  # "transactions partitioned by month", "base62-encoded"
    return False


def assumes_by_tag(sentence: Sentence, component: Rule | None = None) -> bool:
    """A statement about the product closed by a tag that asks to confirm it ("riders can rate
    each other after the trip, right?", "one interview is about an hour, yes?", "... we can't
    trust it right like it could do anything"): an assumption put up for confirmation without
    "I assume". Not the candidate's own work: a calculation, a design decision, a move or a
    recap only asks the interviewer's view of it."""
    low = sentence.text.lower()
    tag = _tag_of(sentence, low)
    if tag is None:
        return False
    before = low[:tag].strip(" ,;:-\u2013\u2014")
    if len(content_stems(before)) < 2:
        return False  # "It is correct?", "Sound right?": the view asked of what came before
    clause = _CLAUSE_BREAK.split(before)[-1]
    if len(content_stems(clause)) < 2:
        clause = before
    said_clause = sentence.retold(clause)
    if find_calculations(before) or _OWN.search(before):
        return False
    if _DIGIT.search(before) and not _DIGIT.search(clause):
        return False  # "100 redirects per create, that's read heavy, agreed?": own conclusion
    if is_question(said_clause) or matcher("playback").search(before):
        return False
    if moves_asked(low) or asks_next(low):
        return False  # "now we do the data types and API, okay?"
    if component is not None and (
        component.matches(said_clause.tokens)
        or is_proposal(said_clause, component)
        or matcher("technology").search(clause)
    ):
        # "feeds get rebuilt by a background worker, fine?", "websockets for delivery, ok?":
        # the design, viewed
        return False
    return not decides(said_clause, component)


def asks_after_tag(sentence: Sentence) -> bool:
    """A statement tagged in passing that goes on to ask a question of its own ("so we can't
    trust the code right like what do we need to protect against")."""
    low = sentence.text.lower()
    passing = _PASSING_TAG.search(low) or _CLAUSE_TAG.search(low)
    if passing is None:
        return False
    after = sentence.retold(sentence.text[passing.end() :])
    return len(words(after.text)) >= 3 and is_question(after)


def _tag_of(sentence: Sentence, low: str) -> int | None:
    """Where the tag asking to confirm the sentence starts, if it has one: at its end ("...,
    right?", "... each right"), or said in passing ("... can't trust it right like ...").
    "ok", "fine", "good" tag only after a comma ("overselling ever ok?" asks whether it is)."""
    found = matcher("tag").search(low) or matcher("confirm_tail").search(low)
    if found is not None and _VIEW_TAG.search(found.group(0)):
        return None  # "..., thoughts?" asks a view, nothing to confirm
    if found is not None and found.start() > 0:
        said = found.group(0)
        word = _TAG_WORD.search(said)
        if (
            word is not None
            and word.group(0) in word_set("tags_need_comma")
            and not re.match(r"\s*[,\u2013\u2014-]", said)
        ):
            return None
        if (
            sentence.is_question_mark
            or _SAID_TAG.match(said)
            or (word and word.group(0) in ("right", "rite"))
        ):
            return found.start()
        return None  # "I want to make the table correct." ends on a word, not a tag
    passing = _PASSING_TAG.search(low)
    if passing is None and (clause := _CLAUSE_TAG.search(low)) and said_right(low):
        passing = clause
    return passing.start() if passing else None


def tags_own_figures(sentence: Sentence) -> bool:
    """The candidate's own math, then the interviewer's view of it asked ("so 10k a minute is
    about 170 a second, right?", "500k a day at 20 MB is 10 TB, does that math hold?"): a
    check-in, no fact asked."""
    low = sentence.text.lower()
    first = opening(sentence)[:1]
    if first and first[0] in word_set("interrogatives"):
        return False  # "is 5s ok?" asks about 5s
    if not find_calculations(sentence.text):
        return False  # "recording ~100 MB per hour, right?" puts a figure up, no math
    for part in matcher("clause").split(low)[1:]:
        ws = part.split()
        if ws and ws[0] in word_set("wh_words") and not is_check_in(part + "?"):
            return False  # "..., is that right, and how many products would that apply to?"
    return is_check_in(sentence.text)


_DIGIT = re.compile(r"\d")
_STORE_NAMES = re.compile(
    r"\b(?:blob|object|data|key[- ]value|document|wide[- ]column|file)[- ]?stor(?:e|es|age)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and that|cause|because|since|so that)\s")
_ASKS_WHAT_YOU_THINK = (" what do you think ", " what are your thoughts ")
_VIEW_TAG = re.compile(r"\b(?:thoughts|wdyt)\b")
_TAG_WORD = re.compile(r"[a-z]+(?=\W*$)")
_PASSING_TAG = re.compile(r"(?<=\w),?\s+(?:right|correct)\s+(?=(?:like|cause|because|since)\b)")
"""A tag said in passing, before the reason ("... we can't trust it right like ...")."""
_CLAUSE_TAG = re.compile(
    r"(?<=\w),?\s+(?:right|correct)\s+(?=(?:once|they|we|it|its|it's|i|im|i'm|you|there)\b)"
)
"""A tag said in passing before the next clause ("I'm guessing no edits right once it's sent
it's sent"), unless "right" is said of the verb ("get it right once and for all")."""
_OWN = re.compile(r"\bmy\b")
"""The candidate's own work ("my core objects", "my estimate")."""
_SAID_TAG = re.compile(r"\s*(?:,|(?:is |does |would )?that\b|sounds?\b)")
"""A tag said without a question mark: after a comma, or "(is) that ...", "sound ..."."""
