"""Speech acts: what a candidate's sentence or message *does* (asks, asks to confirm, assumes,
proposes a component, plays back, checks in, asks to move on, asks for everything, tries to
talk the interviewer out of its role). Pure; every word it reads by is in words.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from app.core.steps import Step
from app.core.text import Rule, Sentence, sentence_of, stem, tokens, words
from app.core.words import matcher, padded, plain, plain_matcher, question_words, word_set

_CODE = re.compile(r"[=`{}]|\"")


def opening(sentence: Sentence) -> list[str]:
    """The sentence's words after leading fillers ("ok so, can ..." -> ["can", ...])."""
    fillers = word_set("fillers")
    ws = [t[1:] for t in sentence.tokens if t.startswith("=")]
    i = 0
    while i < len(ws) and ws[i] in fillers:
        i += 1
    return ws[i:]


_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


_LABEL_ASKS = re.compile(r"^[\W_]*(?:why|how|what|where|when|which|who)[*_]*\s*:")
"""A question word as a label ("**Why:** reads dominate"): what follows answers it."""
_FAREWELL = re.compile(
    r"^\W*have an? (?:nice|good|great|lovely|wonderful) (?:day|one|weekend|evening|night|week|afternoon)\b"
)
"""A wish, not a question ("Have a nice day!")."""


def is_question(sentence: Sentence) -> bool:
    """The sentence asks something: a question mark, a question after a comma, a spoken
    question with no mark, an interrogative opening, or a request ("I wonder", "tell me").
    A table row ("| what | value |") asks only with a question mark; a quoted question
    ('so "who liked this tweet" is a prefix scan') is named, not asked."""
    low = sentence.text.lower()
    if _REPORTED.match(low):
        return False  # "Server check, is current version still 5?": what the system asks
    if sentence.is_question_mark or "?)" in low:
        return True
    if _SQL_LINE.match(sentence.text):
        return False  # "WHERE id = :driver AND state = 'free';": a line of code, no question
    if "|" in low or _LABEL_ASKS.match(low) or _FAREWELL.match(low):
        return False  # "- Why: runs are bursty and untrusted, so ...": a label, then the answer
    if matcher("answers_their_question").match(low):
        # "On your question about what happens when the network is down: we'd queue ...": the
        # interviewer's question named, then answered
        return False
    if matcher("self_answer").search(low):
        return False  # "do we need a nosql store here like not really the data's small ..."
    if matcher("question_cleft").match(low):
        return True  # "The thing I'd like to pin down is which interaction has to feel quick."
    low = _QUOTED.sub(" quoted ", low)
    late, spoken = matcher("late_question").search(low), matcher("spoken_question").search(low)
    deferred = matcher("deferred").search(low)
    if deferred is not None and not _asks_after(deferred, low):
        cues = (m for m in (late, spoken, matcher("request").search(low)) if m is not None)
        if deferred.start() <= min((m.start() for m in cues), default=len(low)):
            # "I'll have questions about the numbers later, like how many ...": put off, not
            # asked (but "I'd like to understand how X works, media I'll get to later" asks)
            return False
    if _WH_CLEFT.search(low) and _WH_CLEFT.match(" ".join(opening(sentence))):
        return False  # "How it works is the client polls", "where it gets tricky is the fan-out"
    if (late or spoken) and _EMBEDDED_FIGURE.search(low):
        # "it limits how many requests a user can make": the figure a statement names
        plain_low = _EMBEDDED_FIGURE.sub(" that ", low)
        late = matcher("late_question").search(plain_low)
        spoken = matcher("spoken_question").search(plain_low)
    if (
        spoken is not None
        and late is None
        and _ASKS_IN_ITS_VOICE.search(spoken.string[: spoken.start()])
    ):
        # "the agent asks what version should I be on, pulls it": a part of the system asking,
        # reported without a question mark
        spoken = matcher("spoken_question").search(spoken.string, spoken.end())
    if late is not None and _ASIDE_BEFORE.search(low[: late.start()]):
        # "The proxy, like Twemproxy, is nice because ...": the verb after an aside goes on
        # with the sentence before it; a question after it still asks ("..., is that fine")
        late = (
            matcher("late_question").search(low, late.end())
            if _ASIDE_VERB.match(low, late.start())
            else late
        )
    if late is not None and _WH_CLEFT.match(low, _wh_at(late)):
        # ", so what i'd do is um read your own writes": a wh-cleft said on, no question
        late = matcher("late_question").search(low, late.end())
    if late is not None and late.group(0).rstrip().endswith("any"):
        # ", any modify event, we chunk the file": a list item; ", any limits on size" asks
        clause = re.split(r"[,;:.]", low[late.end() :], maxsplit=1)[0]
        if not _asks_any(["any", *clause.split()], clause):
            late = matcher("late_question").search(low, late.end())
    if late or spoken:
        return True
    if "right" in low and said_right(low):
        return True  # a statement tagged "right" in one breath asks to confirm it
    # "we're" and "we'll" lose their apostrophe in words: "were", "well" (an interrogative, a
    # filler) open "We're going to use a queue" and "We'll have auth" as questions
    low = _CONTRACTED.sub(lambda m: m.group(1) + (" are" if m.group(2) == "re" else " will"), low)
    rest = opening(sentence) if low == sentence.text.lower() else opening(sentence_of(low))
    if _relative_opening(rest, low):
        return False
    if len(rest) > 1 and rest[0] in word_set("note_modals") and rest[1] in word_set("note_verbs"):
        return bool(matcher("request").search(low))  # "- must stay up in contests": a note
    interrogatives = word_set("interrogatives")
    # "when a file changes, the client uploads chunks" states; "when do we ..." asks
    if (
        rest
        and rest[0] in interrogatives
        and (rest[0] != "when" or (len(rest) > 1 and rest[1] in interrogatives))
        and (rest[0] != "any" or _asks_any(rest, low))
        # ("yes, need a unique constraint." says what is needed; "need auth?" asks)
        and not (rest[0] == "need" and low.rstrip().endswith("."))
    ):
        return True
    return bool(matcher("request").search(low))


def _asks_after(deferred: re.Match[str], low: str) -> bool:
    """After a clause putting questions off ("..., and I'll ask about the real count later,"),
    a request of its own asks anew ("I'm curious whether ..."), unless it gives examples of
    what is put off ("..., like how many ...")."""
    rest = low[deferred.end() :]
    request = matcher("request").search(rest)
    if request is None:
        return False
    between = rest[: request.start()]
    return bool(re.search(r"[,;:.]", between)) and not re.search(
        r"^\W*(?:like|such as|e\.g|for example|say)\b", between
    )


_SUBJECTS = frozenset({"i", "we", "you", "they", "id", "ill", "wed", "well", "youd", "theyd"})
_RELATIVE_VERBS = frozenset(
    {
        *("is", "was", "means", "meant", "makes", "made", "gives", "leads", "tells", "says"),
        *("brings", "helps", "basically", "also", "then", "probably", "already", "again"),
        *("actually", "kind", "sort", "obviously", "just"),
    }
)


_REPORTED = re.compile(
    r"^\W*(?:(?:then|so|and|first|next)\W+)*(?:the\s+)?(?:server|client|worker|service|db|database|"
    r"api|app|system|backend|it)\s+(?:checks?|asks?|verif(?:y|ies)|compares?|tests?)\s*[,:]"
)
"""A question in the system's voice, reported ("Server check, is current version still 5?")."""

_ASKS_IN_ITS_VOICE = re.compile(
    r"\b(?:asks|checks|queries|polls|wonders)\s+(?:(?:the|its)\s+\w+\s+)?$"
)
"""A third party's verb of asking right before a question said on: reported, not asked."""

_CONTRACTED = re.compile(r"\b(we|you|they)['\u2019](re|ll)\b")
_FILLER_SUBJECT = re.compile(
    r"^\W*(?:(?:um+|uh+|so|and|ok|okay|the|my|other)\W+)*(?:one|thing|another|last|first|second|"
    r"next|other)\s+(?:is|are|was|were)\b"
)
_WH_CLEFT = re.compile(
    r"(?:how|where|why|when)\s+(?:it|this|that|we|i|you|they|the \w+)\s+\w+(?:\s+\w+)?\s+is\b|"
    # ("what that means is, the replica may miss a delete", "what i would do is shard it";
    # "what it is?" asks)
    r"what\s+(?:it|this|that|we|i|you|they)(?:['’](?:d|ll))?\s+\w+(?:\s+\w+)?\s+is\b(?!\W*$)"
)
_SQL_LINE = re.compile(
    r"\s*(?:SELECT|UPDATE|INSERT|DELETE|WHERE|FROM|SET|VALUES|CREATE|ALTER|JOIN|GROUP BY|ORDER BY)"
    r"\s+[\w:*'\"(`]"
)
"""A line of SQL, its keyword in capitals as code has it."""


def _wh_at(late: re.Match[str]) -> int:
    """Where the question word of a late question starts (", so what ..." -> "what ...")."""
    found = re.search(r"\b(?:what|how|where|why|when)\b", late.group(0))
    return late.start() + found.start() if found else late.end()


_ASIDE_BEFORE = re.compile(
    r"(?:^|,)\s*(?:like|such as|e\.?g\.?|for example|for instance|say|which|who|whose|"
    r"i think|i guess|i believe|probably|maybe|basically)\b[^,;:]*$"
)
"""An aside between commas before the verb that carries the sentence on ("The proxy, like
Twemproxy or mcrouter, is nice", "The cache, which is small, can live on each box")."""
_ASIDE_VERB = re.compile(
    r"[,;:]\s*(?:is|are|can|could|will|would|should|do|does|did)\b(?!\s+(?:it|that|this|there|"
    r"we|i|you|they|he|she)\b)"
)
"""A verb after an aside with no subject of its own after it: the sentence goes on."""
_ASKING_CLEFT = re.compile(
    r"\b(?:know|understand|ask|asking|wonder|wondering|find out|clarify|confirm|check|learn|hear|"
    r"pinned down|pin down|from you|not sure)\b"
)

_EMBEDDED_FIGURE = re.compile(
    r"(?=how )(?<!\bsure )(?<!\bwonder )(?<!\bwondering )(?<!\bcurious )(?<!\bknow )(?<!\basking )"
    r"(?<!\bask )(?<!\bme )(?<!\bus )(?<=[a-z,] )how (?:many|much|often|long)\s+"
    r"(?:(?!(?:of|in|per|for|on|at|to|from|by|with|do|does|did|is|are|was|were|will|would|can|"
    r"could|should|have|has|must)\b)[a-z]+\s+)?"
    r"(?:the|we|you|they|i|it|he|she|our|their|your|my|its|his|her|this|that|these|those|"
    r"(?:a|an|each|every)(?!\s+(?:second|minute|hour|day|week|month|year|sec|min)s?\b))\s[^,.;]*"
)
"""A figure named inside a statement, with no question mark: a subject after "how many/often/
long ..." makes it a clause ("it limits how many requests a user can make", "like, how often the
page changes"); "how many of those come in", "not sure how much downtime we can take" ask."""


def _relative_opening(rest: Sequence[str], low: str) -> bool:
    """A wh-word opening a statement, with no question mark: "what I will do, I split it" (what
    I do is ...), "which is very big" and "which basically tells me ..." (a clause about the
    sentence before). An "or" keeps it a question ("which is better, SQL or NoSQL"). So does a
    word read as a filler that is the subject ("One is the CDN for images")."""
    if len(rest) < 3:
        return False
    if rest[0] in ("is", "are", "was", "were") and _FILLER_SUBJECT.search(low):
        return True  # "One is the CDN for images.": the filler is the subject
    if rest[0] == "what":
        # "what I'd like to know is whether ..." asks all the same
        return rest[1] in _SUBJECTS and not _ASKING_CLEFT.search(low)
    return rest[0] == "which" and rest[1] in _RELATIVE_VERBS and " or " not in low


def _asks_any(rest: Sequence[str], low: str) -> bool:
    """ "any limits on size", "any way to ...", "any type or just docs" ask; "any file type,
    opaque bytes", a list item, states (any type at all is allowed)."""
    after = rest[1] if len(rest) > 1 else ""
    return after.endswith("s") or after in word_set("any_asks") or " or " in low or len(rest) <= 2


def asks(sentence: Sentence) -> bool:
    """A question the candidate asks: a code fragment ("where status = judging") is none."""
    if not is_question(sentence):
        return False
    return sentence.is_question_mark or not _CODE.search(sentence.text)


def is_confirm_request(sentence: Sentence) -> bool:
    """The sentence asks the interviewer to confirm ("is that right?", "... correct me if")."""
    low = sentence.text.lower()
    if matcher("confirm_declined").search(low):
        return False  # "no need to confirm that"
    if sentence.is_question_mark:
        return bool(matcher("confirm").search(low) or matcher("confirm_ask").search(low))
    if matcher("confirm_ask").search(low):
        return True
    ws = words(low)
    if len(ws) <= 3 and ws[-1:] in (["yeah"], ["yes"]):
        return False  # "Storage, yeah.": the interviewer's topic taken up, nothing to confirm
    return bool(matcher("confirm_tail").search(low.replace("'", "")))


def guesses_answer(reading: Reading) -> bool:
    """A terse question offering its own answer ("Just the closest free one?", "A record is
    small, maybe 1 KB?", "likes: just a count?"): no question word opens it, it offers no
    alternatives ("multiple sellers or just us?" asks), and a hedge or a figure gives the
    candidate's guess."""
    if not reading.sentence.is_question_mark or reading.proposal or reading.check_in:
        return False  # "..., maybe I forgot something?" asks a view of the candidate's work
    low = reading.low
    if reading.catch_all or " or " in f" {low}" or " vs" in low or len(words(low)) > 12:
        return False
    asking = question_words()
    for part in re.split(r"[,:;]", low):
        # "Just checking, is there ...": a question word opening any part asks
        first = opening(sentence_of(part))[:1]
        if first and first[0] in asking:
            return False
    if any(w in word_set("wh_words") for w in words(low)):
        return False
    if matcher("we_would").search(low):
        return False  # "maybe we should cache feeds?" proposes
    return bool(matcher("guess_hedge").search(low))


def is_assumption(sentence: Sentence) -> bool:
    return bool(matcher("assumption").search(sentence.text.lower()))


def is_catch_all(sentence: Sentence) -> bool:
    """Asks for everything at once ("what am I missing?", "tell me all the requirements"), with
    an aside set off by dashes or brackets or not ("is there anything else — volumes, sizes,
    anything at all — you want me to take into account?")."""
    low = _EMPHASIS.sub("", sentence.text.lower())
    found = matcher("catch_all")
    return bool(
        found.search(low)
        or (_ASIDE.search(low) and found.search(" ".join(_ASIDE.sub(" ", low).split())))
    )


_EMPHASIS = re.compile(r"[*_`]")
_ASIDE = re.compile(r"\s[—–-]{1,2}\s[^—–?]{1,80}?\s[—–-]{1,2}\s|\s?\([^()?]{1,80}\)")
"""An aside in a sentence: between two dashes, or in brackets."""


def is_injection(message: str) -> bool:
    """Tries to talk the interviewer out of its role or into showing its notes."""
    return bool(matcher("injection").search(message.lower()))


def is_proposal(sentence: Sentence, component: Rule) -> bool:
    """A design proposal ("should we put images in a blob store?"), not a clarifying question
    that happens to name a component ("do we keep history in the database forever?").
    `component` is the scenario's `@component` rule."""
    text = sentence.text.lower()
    if matcher("check_in_tail").search(text) and matcher("design").search(text):
        return True  # "messages are partitioned by chat id, sound good?" proposes, then checks in
    if not (
        (component.matches(sentence.tokens) or matcher("technology").search(text))
        and matcher("proposal").search(text)
    ):
        return False
    if matcher("tag").search(text):  # "cache the surge factor, ok?" proposes, then checks in
        return True
    return not is_question(sentence) or bool(matcher("proposal_opener").search(text))


def asks_no_fact(sentence: Sentence) -> bool:
    """A question no fact answers: about the interview itself ("should I cover the client?"),
    a recap ("so far we have ..."), small talk ("where were we?"), or which technology the
    interviewer prefers."""
    low = sentence.text.lower()
    if matcher("meta").search(low) or matcher("playback").search(low):
        return True
    if matcher("small_talk_ask").search(low):
        return (
            True  # "did you catch the last bit about the search index?": the line, not the system
        )
    if judges_own_part(sentence):
        return True
    tool = matcher("technology").search(low)
    if tool is not None and _TOOL_AVAILABLE.match(low, tool.end()):
        return True  # "is kafka available to us?": which tools to assume, not the system
    return bool(matcher("preference").search(low) and tool)


def weighs_components(sentence: Sentence, component: Rule) -> bool:
    """A question that weighs one component against another ("The test files, we keep them in
    the blob storage or on the local disk of the workers?") or puts a technology up in a few
    words ("postgres for bookings?"): a design choice, which no fact answers. `component` is
    the scenario's `@component` rule."""
    if not is_question(sentence):
        return False
    low = sentence.text.lower()
    if tool := matcher("technology").match(low):
        rest = low[tool.end() :].lstrip()
        size = len(words(low))
        if size <= _PUT_UP_WORDS and (
            not rest.rstrip(" ?") or rest.startswith(("for ", "here", "then"))
        ):
            return True
        if size <= _PUT_UP_FOR_WORDS and rest.startswith("for "):
            return True  # "cassandra for the like/comment counters?"
    either = _OR.search(low)
    if either is None:
        return False
    before = " ".join(words(low[: either.start()])[-_SIDE:])
    if not before:
        # "... for the counters? or just sql": the other side was the sentence before
        return bool(matcher("technology").search(" ".join(words(low[either.end() :])[:3])))
    after = " ".join(words(low[either.end() :])[:_SIDE])
    return all(
        component.matches(tokens(side))
        or matcher("technology").search(side)
        or matcher("storage_medium").search(side)
        for side in (before, after)
    )


_OR = re.compile(r"\bor\b")
_SIDE = 6
"""Words either side of the "or" that must each name a component."""
_PUT_UP_WORDS = 5
_PUT_UP_FOR_WORDS = 8
"""A technology put up for a part of the design ("cassandra for the like/comment counters?")
may take more words than one put up alone."""


_TOOL_AVAILABLE = re.compile(
    r"\W*(?:\w+\W+){0,2}?(?:available|allowed|on the table|in the stack)\b"
)


def weighs_own_part(sentence: Sentence) -> bool:
    """`judges_own_part`, asked with content of its own ("Will a single Redis instance hold up
    for this, or should I shard it from the start?"), not a view pointed back ("Does that hold
    up?"): a question as well as a check-in."""
    return (
        judges_own_part(sentence)
        and len(content_stems(sentence.text)) >= _WEIGHED_WORDS
        and not _asks_a_view(padded(sentence.text))
    )


_WEIGHED_WORDS = 4


def judges_own_part(sentence: Sentence) -> bool:
    """A question on whether a part of the candidate's own design will do ("Will that cache
    be hot enough to be worth it?", "is the traffic spread over too many links for caching to
    help?"): the interviewer's view of the design, no fact, unless it also asks how many, how
    much, how often or how long."""
    low = sentence.text.lower()
    return (
        bool(matcher("own_part_judged").search(low))
        and bool(matcher("own_part").search(low))
        and is_question(sentence)
        and not matcher("quantity_asked").search(low)
    )


def is_check_in(text: str) -> bool:
    """Whether the message asks the interviewer's view ("does that sound right?", "what do
    you think?", "..., right?"), in any of its questions, not only the last one ("I'd put a
    queue between them, sound ok? By the way, ...")."""
    # a URL's query string is no question ("GET /matches?user=me")
    low = _QUERY_STRING.sub(r"\1&", text.lower().replace("\u2019", "'"))
    whole = padded(low)
    for phrase in plain("check_in_not"):
        if phrase in whole:
            low = whole = whole.replace(phrase, " ")
    if whole == "  ":
        return bool(_THUMBS.search(low))  # "👍 / 👎 ?"
    if "?" not in low and _ACKNOWLEDGED.match(whole):
        return False  # "Ah, right.": taken in, nothing put forward to check
    found = plain_matcher("check_in").search(whole)
    if found and (
        "?" in low
        or found.group(0).split()[0] in _ASKING_OPENERS
        or not _OWN_VIEW.search(whole[: found.start() + 1])
    ):
        return True
    if ("right" in low or "correct" in low or "agreed" in low) and _SPOKEN_TAG.search(low):
        return True  # "... can be a few minutes behind\nright", "... atomic yeah right"
    if "right" in low and said_right(low):
        return True  # "... interviews are like an hour each right"
    if matcher("spoken_check_in").search(low):
        return True  # "... goes to a review queue thoughts"
    trailing = _ELLIPSIS_ASK.search(low)
    if trailing is not None:
        # "... only the pseudonym... ?": a summary trailed off into a question mark asks the
        # interviewer's view of it ("how many users do we have...?" asks its own question)
        said = re.split(r"[.\n?!]\s", low[: trailing.start()].strip())[-1]
        if said and not is_question(sentence_of(said)):
            return True
    questions = low.split("?")[:-1] if "?" in low else []
    for question in questions:
        # The question: after the last full stop, line break or earlier question mark.
        raw = re.split(r"[.\n]", question)[-1]
        last = padded(raw)
        if (
            _tagged(last, raw)
            or plain_matcher("check_in_in_question").search(last)
            or (_asks_a_view(last) and not _asks_content_after(raw))
            # "What's the story for rollback, and am I reading the flow right so far?"
            or any(_asks_a_view_of_own(p) for p in matcher("clause").split(raw)[1:])
            # "Will that cache be hot enough to be worth it?": a view of the candidate's design
            or judges_own_part(sentence_of(raw.strip() + "?"))
        ):
            return True
    if matcher("condition").match(low.strip()):
        return False  # "if my friend sees an old count for a bit is that fine" asks about it
    for part in matcher("clause").split(low) if len(questions) <= 1 else ():
        # a view asked in the middle of a run-on: "..., is that enough or do devs need ..."
        view = _POINTED_VIEW.search(part)
        if view and _asks_a_view(padded(view.group(0))):
            return True
    return False


_QUERY_STRING = re.compile(r"(/[\w{}./-]*)\?(?=[\w\[\]-]+=)")
_ACKNOWLEDGED = re.compile(
    r"^ (?:ah|oh|uh|um|hmm|ok|okay|yeah|yes|sure|cool|got it|i see)(?: (?:right|yeah|yes|ok|okay|sure|"
    r"correct|true))* $"
)
_ASKING_OPENERS = frozenset(
    {
        *("am", "is", "are", "does", "do", "did", "what", "how", "would", "should", "let"),
        *("lmk", "tell", "correct", "stop", "flag", "any", "have", "unless", "please"),
    }
)
"""First words of check-in phrases that ask by themselves ("am i on the right track")."""

_OWN_VIEW = re.compile(
    r"\b(?:not|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|isn'?t|never)(?: [\w']+){0,3} $|"
    r"\b(?:i'?m|i am|we'?re|we are|i was)(?: [\w']+)? $"
)
"""What makes a check-in's words a statement of the candidate's own view, said without a
question mark: negated ("that doesn't make sense, I messed up", "I don't want to go too deep on
it") or the candidate's own state ("I'm happy with that")."""

_THUMBS = re.compile("[\U0001f44d\U0001f44e][^\n]*\\?\\s*$")
_ELLIPSIS_ASK = re.compile(r"(?:\.\.\.|\u2026)\s*\?+\s*$")

_POINTED_VIEW = re.compile(
    r"(?<!\bif )(?<!\bwhen )\b(?:is|does|do|would|will|was|did)\s+(?:that|this)(?:[\s,]+\w+){1,4}\W*$"
)
"""A question about "that" or "this" inside a longer clause ("... from verdict events is that
fine")."""


def _tagged(question: str, raw: str = "") -> bool:
    """A question closed by a tag asking for agreement ("..., right?", "is that ok?", "sounds
    good?"): "right" and its kind close any statement; "ok", "fine", "good" ... close only what
    points back or stands alone ("is 5s ok?" asks about 5s)."""
    ws = question.split()
    if not ws or ws[-1] not in word_set("check_in_tails"):
        return False
    if (
        ws[-1] == "agree"
        and len(ws) > 2
        and ws[-2] not in word_set("agree_askers")
        and not re.search(r"[,;:\u2013\u2014-]\s*\w+\W*$", raw)
    ):
        return False  # "is it needed that both persons agree?" asks about the users
    if ws[-1] in word_set("check_in_tags_always"):
        return True
    if len(ws) <= 2:
        # "sounds good?", "all ok?" tag; "downtime ok?" asks about downtime
        return not (content_stems(ws[0]) - word_set("view_stems") - word_set("tag_leads"))
    if re.search(r"[,;:\u2013\u2014-]\s*\w+\W*$", raw):
        return True  # "shard the catalog by product id, ok?"
    if ws[0] in ("this", "that", "it") and len(ws) <= 4:
        return True  # "This is fine?"
    return ws[-2] in word_set("pointing_back") or ws[-2] in word_set("tag_leads")


_SPOKEN_TAG = re.compile(
    r"(?:[,\n\u2013-]\s*|\b(?:yeah|yes|so|ok|okay)\s+)(?:right|correct|agreed|yeah right)\W*$"
)
"""A tag said, not written: the message ends on "right" after a break or a "yeah"."""

_SAID_RIGHT = re.compile(
    r"((?:\w+\s+){0,3})(\w+)\s+right(?=\W*$|\s+(?:like|so|because|cause|cuz|and|but|or|once|"
    r"they|we|it|its|it's|i|im|i'm|you|there|since|if|when|cos|coz)\b)"
)
"""A statement tagged "right" in one breath ("interviews are like an hour each right", "we
can't trust it right like it could do anything"), unless the "right" is an adverb of the verb
("get it right", "turn right", "the right one")."""


def said_right(low: str) -> bool:
    for m in _SAID_RIGHT.finditer(low):
        before, last = m.group(1).split(), m.group(2)
        verbs = word_set("right_verbs")
        if last not in word_set("not_tag_before") and not any(w in verbs for w in before):
            return True
    return False


def _asks_a_view_of_own(part: str) -> bool:
    """A clause asking how the candidate is doing ("..., and am I reading the flow right so
    far?"): the candidate the subject of the question, and a word that judges."""
    ws = padded(part).split()
    return len(ws) > 2 and ws[1] in ("i", "we") and _asks_a_view(padded(part))


def _asks_content_after(question: str) -> bool:
    """A clause of the question opens with a word that asks for content: "ok so before
    anything, who uses this?" asks who, whatever the opener says."""
    wh = word_set("wh_words")
    return any(
        part.split()[:1] and part.split()[0] in wh for part in question.lower().split(",")[1:]
    )


def _asks_a_view(question: str) -> bool:
    """A short question that points back at what the candidate said and asks how it stands
    ("Is that a fair reading of what you said?", "sanity check?", "right so far?", "does that
    math look ok to u?"): a word pointing back, or none at all, and a word that judges."""
    ws = question.split()
    if not ws or len(ws) > 12 or ws[0] in word_set("wh_words"):
        return False  # "what is the right database for this?" asks for content
    views = word_set("view_words")
    # ("is that something we're expected to deal with?" asks what the system must do: a
    # requirement, not a view of what was said)
    judged = any(
        (w in views or stem(w) in views) and not (w == "expected" and ws[n + 1 : n + 2] == ["to"])
        for n, w in enumerate(ws)
    )
    # three words or fewer point back when nothing in them names a topic ("right so far?",
    # "sanity check?"), not "overselling ever ok?"
    said = [w for w in ws if w not in views and stem(w) not in views]
    points_back = any(w in word_set("pointing_back") for w in ws) or (
        len(ws) <= 3 and not content_stems(" ".join(said))
    )
    return judged and points_back


def content_stems(text: str) -> frozenset[str]:
    """The stems of the words of `text` that carry a topic (function words left out): what
    two texts share when one is about the other."""
    skip = word_set("function_words")
    return frozenset(stem(w) for w in words(text) if w not in skip and len(w) > 1)


@cache
def set_stems(name: str) -> frozenset[str]:
    """The content stems of a word set of words.yaml ("figure_words", "no_topic"), made once."""
    return content_stems(" ".join(word_set(name)))


def states(reading: Reading) -> bool:
    """The sentence says something of its own (a decision, an explanation, an answer): it asks
    nothing, or it proposes, checks in on a decision ("I'd cache the feed, ok?") or puts up an
    assumption of its own ("I assume this is strongly consistent, since it's money?"), and it
    has two or more words that carry a topic, and it does not only ask to move on."""
    if reading.question and not (reading.proposal or reading.check_in or reading.assumption):
        return False
    if moves_asked(reading.text) or asks_next(reading.text):
        return False
    if matcher("asks_back_preface").match(reading.low):
        return False  # "Quick check before I answer:": a question back is coming
    return len(content_stems(reading.text)) >= 2


_MOVES: tuple[Step, ...] = ("data_api_scale", "design", "wrap_up")


def moves_asked(text: str) -> tuple[Step, ...]:
    """The steps the message asks to move on to ("let's do the API", "that's my whole design"),
    in the order of the interview. A step named in a "before ..." clause is where the candidate
    goes later, not now ("one more question before we move on to the API: ...")."""
    low = matcher("not_yet").sub(" ", text.lower())
    # "I'll do the estimates and then go to design": what the candidate does first is now, the
    # move later (a question first is answered, then the move: "page views? then design")
    then = _THEN.search(low)
    head = low[: then.start()] if then else ""
    soon = " ".join(low[then.end() :].split()[:8]) if then else ""
    if (
        then
        and len(words(head)) >= 2
        and not _asks(head)
        and any(matcher(f"move_to_{step}").search(soon) for step in _MOVES)
    ):
        first = tuple(step for step in _MOVES if matcher(f"move_to_{step}").search(head))
        if first or not any(matcher(f"move_to_{step}").search(head) for step in _MOVES):
            low = head
    steps = tuple(step for step in _MOVES if matcher(f"move_to_{step}").search(low))
    if "design" in steps and matcher("skip_data_step").search(low):
        # "can we skip the numbers and just go to the design": the step named is skipped
        steps = tuple(s for s in steps if s != "data_api_scale")
    return steps


def _asks(text: str) -> bool:
    """A question, or one announced ("one more question and then ...")."""
    if "?" in text or re.search(r"\b(?:question|q)\b", text):
        return True
    return is_question(sentence_of(text))


_THEN = re.compile(r"(?:,\s*|\s+and\s+|\s+)then\b(?!\s*,)")


def without_moves(low: str) -> str:
    """Lower-cased text with the words that ask to move on taken out."""
    for name in (*(f"move_to_{step}" for step in _MOVES), "move_next"):
        low = matcher(name).sub(" ", low)
    return low


def asks_besides_moving(sentence: Sentence) -> bool:
    """A sentence that asks to move on and asks something else as well ("one last thing
    before we move on to the API: is chat history stored on the server?", "can people delete
    tweets and then i think we can move on"): with the move taken out, a question with words
    of its own is left."""
    low = sentence.text.lower()
    rest = without_moves(low)
    if rest == low:
        return True  # no move in it: whatever it asks, it asks
    # "... can we talk about [wrapping up]": the words that asked for the move go with it
    rest = _MOVE_LEAD.sub(" ", rest)
    if len(content_stems(rest)) < 2:
        return False
    left = sentence.retold(rest)
    return is_question(left) and not matcher("move_hedge").search(rest)


_MOVE_LEAD = re.compile(
    r"\b(?:can|could|shall|should|may)\s+(?:we|i)(?:\s+(?:talk about|talk|go|move|get|start|do|"
    r"jump|now|just|please))*\s*(?=\s{2,}|\W*$)"
)
"""A request left dangling where the move it asked for was taken out ("can we talk about")."""


def asks_next(text: str) -> bool:
    """Asks to move on to the next step, whichever it is ("shall we move on?"), not in a
    "before ..." clause."""
    return bool(matcher("move_next").search(matcher("not_yet").sub(" ", text.lower())))


def is_listed(text: str) -> bool:
    """A sentence of three or more short comma-separated items after a lead-in ("Label:",
    "Standard stack then: S3, Kafka, Redis", "it covers everything: scalable, available"):
    names recited, nothing placed or reasoned."""
    body = _PAREN.sub(" ", LABEL.sub("", text.strip().strip("*")))
    if _SUBORDINATE.match(body):
        return False  # "If we go down, every link breaks and campaigns stop": clauses, not names
    for part in (body, body.split(":", 1)[1] if ":" in body else ""):
        items = [
            i for i in _ITEM_SPLIT.split(part) if i and i.strip(" .*-") and not _NO_NAME.match(i)
        ]
        # ("Yes, I'd still redirect, the user shouldn't suffer": two short clauses, not names)
        clauses = sum(bool(_MODAL.search(i)) for i in items)
        # ("That goes in blob storage, S3 or whatever, behind a CDN": placed, not recited;
        # "Flink reads from Kafka, and does window aggregation, one minute tumbling window":
        # clauses that act)
        placed = any(_PLACING.match(i) for i in items[1:]) or (
            sum(bool(_ACTING.match(i)) for i in items) >= 2
        )
        if (
            len(items) >= 3
            # (a list has commas: "debit and credit land together or not at all" is a clause)
            and _HARD_SPLIT.search(part) is not None
            and all(len(i.split()) <= 4 for i in items)
            and clauses < 2
            and not placed
        ):
            return True
        # A long run of short names in prose ("... a global load balancer, an API gateway, Redis
        # caching for low latency, a CDN for static assets, Kafka for decoupling, ..."): seven
        # or more items, nearly all of a few words.
        short = sum(len(i.split()) <= 6 for i in items)
        said = sum(bool(_CLAUSE_WORD.search(i)) for i in items)  # "they are paged, because ..."
        if len(items) >= 7 and short >= 0.8 * len(items) and said <= 1:
            return True
        # "We need a load balancer, stateless servers, autoscaling and sharding": a lead-in,
        # then three or more names.
        if len(items) >= 4 and all(len(i.split()) <= 3 for i in items[1:]) and not placed:
            return True
    return False


_NO_NAME = re.compile(
    r"\W*(?:for (?:that|this|the same|those) reasons?|that'?s why|as i said)\W*$", re.IGNORECASE
)
"""An item of a comma run that points back at a reason ("So yes, a CDN, for that reason."):
no name recited."""
_CLAUSE_WORD = re.compile(
    r"\b(?:because|since|so that|is|are|was|were|will|would|we|they|it|i|you|those|these|them|"
    r"which|who)\b",
    re.IGNORECASE,
)
# An item that does something: a verb first or second ("Flink reads from Kafka", "does window
# aggregation").
_ACTING = re.compile(
    r"\s*(?:\w+\s+)?(?:reads|writes|does|sends|stores|keeps|holds|runs|computes|outputs|pulls|"
    r"pushes|calls|goes|puts|takes|gets|returns|checks|uses|consumes|emits|publishes|"
    r"subscribes|aggregates|forwards|routes|serves)\b",
    re.IGNORECASE,
)
# An item that places what came before: "behind a CDN", "in front of the API servers".
_PLACING = re.compile(
    r"\s*(?:and\s+|then\s+)?(?:behind|in front of|into|onto|through|via|on top of|inside|"
    r"next to|between|in (?:a|an|the|our|its|their|one|memory)|on (?:a|an|the|our|disk))\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:can|could|should|must|shall|might|would|will)(?:n'?t| not)?\b|\b\w+'(?:d|ll)\b|"
    r"\b(?:won'?t|can'?t|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\W*(?:if|when|whenever|once|unless|because|since|while|after|before|until)\b", re.I
)
LABEL = re.compile(r"^[\w\s*/&-]{1,30}:\s*(?=\S)")
"""A short label opening a sentence ("Storage: ...", "**Code generation:** ...")."""
_PAREN = re.compile(r"\([^()]*\)")
_ITEM_SPLIT = re.compile(r",|;|\s\+\s|\s/\s|\s&\s|\band\b|\bplus\b|\bor\b")
_HARD_SPLIT = re.compile(r",|;|\s\+\s|\s/\s|\s&\s")


@dataclass(frozen=True, eq=False)
class Reading:
    """One sentence of a message and what it does. Each act is worked out on first use and
    then kept (the analysis cache keeps the reading): the grader never pays for what only the
    policy asks, nor the policy for the grader's."""

    sentence: Sentence
    index: int
    """Position of the sentence within its message."""
    component: Rule = field(repr=False)
    """The scenario's `@component` rule (what a proposal places)."""
    after: Sentence | None = field(default=None, repr=False)
    """The sentence that follows it in the message, if any (what may answer it)."""
    memo: dict[object, bool] = field(default_factory=dict, repr=False)
    """Rule matches already worked out for this sentence (the grader's criteria ask the same
    rules of the same sentences at every grade: a message is matched once per rule)."""
    readings: dict[object, object] = field(default_factory=dict, repr=False)
    """Other readings of this sentence alone already worked out (its brand words, the
    read/write call it makes), kept the same way."""
    asked_in_list: bool = False
    """An item of a list under a heading that asks ("Questions:", "Two numbers I need:"):
    asked, though it has no question mark."""

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.sentence.tokens

    @cached_property
    def low(self) -> str:
        """The sentence's text, lower-cased (what the words' patterns match)."""
        return self.sentence.text.lower()

    @cached_property
    def question(self) -> bool:
        """Asks something (a question mark, a spoken question, a request, an item of a
        list of questions)."""
        return (self.asked_in_list or is_question(self.sentence)) and not self.answered

    @cached_property
    def answered(self) -> bool:
        """The next sentence answers it ("Why not one big SQL table? Because the attributes
        differ ..."): a question the candidate puts and answers, asking nothing."""
        return answered_by(self.sentence, self.after)

    @cached_property
    def asks(self) -> bool:
        """A question the candidate asks the interviewer (`question`, no code fragment)."""
        return self.question and (
            self.sentence.is_question_mark or not _CODE.search(self.sentence.text)
        )

    @cached_property
    def confirm(self) -> bool:
        """Asks the interviewer to confirm ("is that right?"; a bare "right" closing a message
        after what it puts up: "... stores around 100 GB? right")."""
        if self.index and self.after is None and _BARE_TAG.fullmatch(self.low):
            return True
        return is_confirm_request(self.sentence)

    @cached_property
    def assumption(self) -> bool:
        """States an assumption ("I'd assume", "let's say")."""
        return is_assumption(self.sentence)

    @cached_property
    def proposal(self) -> bool:
        """Proposes a component ("should we put images in a blob store?")."""
        return is_proposal(self.sentence, self.component)

    @cached_property
    def catch_all(self) -> bool:
        """Asks for everything at once."""
        return is_catch_all(self.sentence)

    @cached_property
    def no_fact(self) -> bool:
        """A question no fact answers: about the interview, a recap, a technology preference,
        a choice between two components ("keep them in the blob store or on the workers'
        disks?"), a technology put up in a few words ("postgres for bookings?")."""
        return asks_no_fact(self.sentence) or self.weighs

    @cached_property
    def weighs(self) -> bool:
        """Weighs one component against another, or puts a technology up in a few words
        (`weighs_components`): a design choice the candidate asks the interviewer to make."""
        return weighs_components(self.sentence, self.component)

    @cached_property
    def check_in(self) -> bool:
        """Asks the interviewer's view on a decision or on progress ("does that sound
        right?", "is it okay for you?", "..., agreed?")."""
        return is_check_in(self.sentence.text)

    @cached_property
    def listed(self) -> bool:
        """Recites three or more names in a list, placing nothing."""
        return is_listed(self.sentence.text)


_BARE_TAG = re.compile(r"\W*(?:right|rite|correct|yeah)\W*")
"""A tag said as a sentence of its own."""


def read(
    sentence: Sentence,
    index: int,
    component: Rule,
    after: Sentence | None = None,
    *,
    asked_in_list: bool = False,
) -> Reading:
    """What one sentence does; `component` is the scenario's `@component` rule; `after` the
    sentence that follows it in the message, if any; `asked_in_list`, whether it is an item
    of a list of questions (`questions_listed`)."""
    return Reading(sentence, index, component, after=after, asked_in_list=asked_in_list)


def read_all(said: Sequence[Sentence], component: Rule) -> tuple[Reading, ...]:
    """Every sentence of a message read, each knowing the one after it and whether it is an
    item of a list of questions."""
    listed = questions_listed(said)
    return tuple(
        read(s, i, component, said[i + 1] if i + 1 < len(said) else None, asked_in_list=i in listed)
        for i, s in enumerate(said)
    )


_LIST_ITEM_WORDS = 14


def questions_listed(said: Sequence[Sentence]) -> frozenset[int]:
    """The sentences that are items of a list a heading asks for ("Two numbers I need before
    the estimates: 1. peak checkouts per minute 2. peak page views per minute"): short, with
    no full stop, each after the heading or another item (a bare "1." marker among them)."""
    out: set[int] = set()
    listing = False
    if not any(":" in s.text for s in said):
        return frozenset()
    for i, s in enumerate(said):
        low = s.text.strip().lower()
        if matcher("questions_heading").search(low):
            listing = True
            continue
        if not listing:
            continue
        if _LIST_MARKER.fullmatch(low):
            continue
        if low.endswith(".") or len(words(low)) > _LIST_ITEM_WORDS:
            listing = False
            continue
        out.add(i)
    return frozenset(out)


_LIST_MARKER = re.compile(r"\W*(?:\d+|[a-z])?[.)]?\W*")


def answered_by(question: Sentence, after: Sentence | None) -> bool:
    """`after` answers `question` for the candidate: "Do we need a NoSQL store? Not really,
    the data is small ...", "Why not one big table? Because the attributes differ ...". A reason
    after another question explains why it is asked ("How big can attachments get? Because
    that decides ...")."""
    if after is None or not question.is_question_mark or is_question(after):
        return False
    low, nxt = question.text.lower(), after.text.lower()
    if _BARE_ANSWER.fullmatch(nxt):
        return True  # "Do location updates need to hit the database? No. A position is ..."
    if len(content_stems(nxt)) < 3:
        return False  # "Can they be edited? No? OK." is no answer
    if is_confirm_request(after) or is_check_in(after.text) or matcher("confirm_any").search(nxt):
        return False  # "... delete? I think not, a reverse entry, but I want check with you."
    if matcher("answer_opening").search(nxt):
        return True
    if _picks_an_option(low, nxt):
        return True
    why = re.match(r"^\W*(?:(?:so|and|but|ok|okay|then)\W+)*why\b(?P<not>\s+not\b)?", low)
    # "Why not SQL for location updates? 250k writes/s of data stale after 4 s, so ...": a
    # why-not answered by what follows it
    # "> Why fan-out on write? Reads outnumber writes ~100:1, so doing the work once per tweet
    # beats ...": a why answered by a statement that reasons
    return why is not None and (
        bool(matcher("why_answer_opening").search(nxt))
        or bool(why["not"])
        or bool(_REASONS.search(nxt))
    )


_EITHER_OR = re.compile(
    r"(?:\bis (?:it|this|that|the \w+)\s+)(?P<a>[\w -]{2,30}?)\s+or\s+(?P<b>[\w -]{2,30}?)\s*\?"
)
_PICKED = re.compile(
    r"^\W*(?:(?:so|well|honestly|clearly|obviously)\W+)?(?:it|this|that)(?:['’]s|\s+is|\s+will be|\s+would be)\s+(?:(?:very|mostly|clearly|heavily|pretty|definitely|way more)\s+)?(?P<pick>[\w -]{2,30})"
)


def _picks_an_option(question: str, after: str) -> bool:
    """`after` picks one side of the question's "is it X or Y?" ("Is this read heavy or write
    heavy? It is read heavy, the doctors only search ..."): answered."""
    either, picked = _EITHER_OR.search(question), _PICKED.match(after)
    if either is None or picked is None:
        return False
    said = re.sub(r"[\s-]+", " ", picked["pick"]).strip()
    return any(said.startswith(re.sub(r"[\s-]+", " ", either[side]).strip()) for side in ("a", "b"))


_BARE_ANSWER = re.compile(r"\W*(?:no|nah|nope|yes|yep|not really|definitely not)\s*[.!]\s*")
"""A bare "No." or "Yes." said as a sentence of its own, the reasons after it."""


_REASONS = re.compile(
    r"\b(?:so|because|since|which means|that means|that's why|thats why|hence|therefore|beats|outweighs)\b"
)
