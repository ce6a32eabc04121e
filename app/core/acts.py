"""Speech acts a message carries beyond its questions: for now, the check-in (the candidate
asks the interviewer's view on a decision or on progress). Words in app/core/acts.yaml."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from app.core.yamlfile import parse

ACTS_FILE = Path(__file__).with_name("acts.yaml")
_WORDS = re.compile(r"[a-z0-9']+")


def _padded(phrase: str) -> str:
    return " " + " ".join(_WORDS.findall(phrase.lower())) + " "


@cache
def _phrases() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    data = parse(ACTS_FILE.read_text(encoding="utf-8"))
    anywhere = tuple(_padded(p) for p in data["check_in"])
    in_question = tuple(_padded(p) for p in data["in_question"])
    return anywhere, in_question, frozenset(t.lower() for t in data["tails"])


def is_check_in(text: str) -> bool:
    """Whether the message asks the interviewer's view ("does that sound right?", "what do
    you think?", "..., right?")."""
    low = text.lower().replace("’", "'")
    words = _WORDS.findall(low)
    if not words:
        return False
    anywhere, in_question, tails = _phrases()
    padded = " " + " ".join(words) + " "
    if any(p in padded for p in anywhere):
        return True
    if not low.rstrip().endswith("?"):
        return False
    # The question that ends the message: after its last full stop or earlier question mark.
    last = low.rstrip(" ?").rsplit("?", 1)[-1].rsplit(".", 1)[-1]
    sentence = _padded(last)
    return words[-1] in tails or any(p in sentence for p in in_question)
