"""The word lists for transcripts from elsewhere (transcript_words.yaml), read through the one
words loader (app/core/words.py) on first use."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from app.core.words import load

WORDS_FILE = Path(__file__).with_name("transcript_words.yaml")


@cache
def _entries() -> dict[str, dict[str, Any]]:
    return load(WORDS_FILE.read_text(encoding="utf-8"), WORDS_FILE.name)


@cache
def word_set(name: str) -> frozenset[str]:
    """A `words` entry, lower-cased."""
    return frozenset(str(w).lower() for w in _entries()[name]["words"])


@cache
def pattern(name: str) -> re.Pattern[str]:
    """An `any_of` entry as one pattern (case-insensitive; `^` matches at each line)."""
    return re.compile(
        "|".join(f"(?:{p})" for p in _entries()[name]["any_of"]), re.IGNORECASE | re.MULTILINE
    )
