"""Reasons that name nothing of the system: what every component is sold on ("because it
scales", "for low latency", "it's proven, the big companies use it"). A keyword stuffer gives
these in place of reasons; a reader of the rubric does not count them. Pure; the words are in
words.yaml (`slogan_stems`, `reason_opening`)."""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.text import stem, words
from app.core.words import matcher, word_set

_ITEMS = re.compile(r",|;|\band\b|\.\s")
_CLAUSE_END = re.compile(r"[.;!?]|\s-\s|,\s*(?:and|but)\s+(?:we|i)\b")
_POINTERS = re.compile(r"\b(?:it|it's|its|they|they're|that|that's|this|we|we're)\b")
"""What a reason clause points back with ("because *it* scales"): no content of its own."""


def _empty(text: str) -> bool:
    """Every word of `text` that carries content is a slogan's (or a function word)."""
    function = word_set("function_words")
    said = [w for w in words(text) if w not in function and len(w) > 1 and not w.isdigit()]
    slogan = word_set("slogan_stems")
    return bool(said) and all(stem(w) in slogan or w in slogan for w in said)


_KINDS = re.compile(r"\b(?:no-?sql|non-?relational|relational|sql|rdbms|databases?|dbs?|stores?)\b")


def _named(text: str) -> str:
    """`text` lower-cased without the brands and kinds of store it names (no reason in them)."""
    return _KINDS.sub(" ", matcher("technology").sub(" ", text.lower()))


@lru_cache(maxsize=8192)
def says_nothing(text: str) -> bool:
    """Whether `text` names nothing of the system: only slogans and the components named
    ("netflix uses it", "Relational is a legacy choice at this point")."""
    return _empty(_named(text))


@lru_cache(maxsize=8192)
def slogan_reason(text: str) -> bool:
    """Whether every reason `text` gives is a slogan ("sharded Cassandra because it's highly
    available and scales horizontally, Redis for low latency"), or the sentence is only slogans
    ("scalable, highly available, tunable consistency, no single point of failure"). A sentence
    with no reason in it and words of its own is no slogan."""
    low = _named(text)
    openings = [
        m
        for m in matcher("reason_opening").finditer(low)
        if not (m.group(0) == "for" and not low[: m.start()].strip(" *-#>"))  # "For storage, ..."
    ]
    if not openings:
        # a recital of qualities ("scalable, highly available, tunable consistency")
        return len(_ITEMS.split(low)) >= 3 and _empty(low)
    for m in openings:
        end = _CLAUSE_END.search(low, m.end())
        clause = low[m.end() : end.start() if end else len(low)]
        if not _empty(_POINTERS.sub(" ", clause)):
            return False
    return True
