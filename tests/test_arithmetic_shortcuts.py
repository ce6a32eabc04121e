"""The arithmetic's shortcuts skip only text that cannot hold a calculation: every quantity the
tokenizer reads starts where `_two_figures` looks, so a text it passes over has fewer than two."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from app.core.grading import arithmetic
from app.core.grading.arithmetic import _tokenize, _two_figures, _word_number, find_calculations

CORPORA = Path(__file__).parent / "data" / "corpora"


def _looked_at(text: str) -> set[int]:
    """Where `_two_figures` counts a figure: the first digit of a run, or a number word."""
    digits = {m.end() - 1 for m in arithmetic._DIGITS_AT.finditer(text)}
    return digits | {
        m.start()
        for m in arithmetic._LEAD_AT.finditer(text)
        if _word_number(text, m.start()) is not None
    }


def _corpus_texts() -> list[str]:
    out = []
    for corpus, key in (("messages", "message"), ("estimates", "text")):
        for path in sorted((CORPORA / corpus).glob("dev*.yaml")):
            out += [item[key] for item in yaml.safe_load(path.read_text("utf-8"))]
    return out


_VOCABULARY = (
    *("x", "X", "×", "*", "=", "~", "-", "/", ":", "(", ")", "'", "’", "_", "é", "\n", "\n\n"),
    *("5", "10", "1,000", "1.5", "2e6", "1440", "x5", "5x", "p99", "S3", "k", "M", "B", "GB"),
    *("a", "an", "A", "the", "is", "to", "of", "per", "second", "day", "for", "wait", "top"),
    *("one", "Two", "ten", "twenty", "half", "quarter", "third", "few", "several", "couple"),
    *("dozen", "hundred", "thousand", "million", "billion", "thousands", "tens", "twice"),
    *("grand", "point", "servers", "users", "minute", "hour", "meg", "gig", "bytes"),
    *(":1", "to one", "to 1", "100:1", "10x"),  # ratios, which may end inside a word
)


def _random_texts(n: int) -> list[str]:
    rnd = random.Random(12)
    out = []
    for _ in range(n):
        k = rnd.randint(1, 12)
        words = [rnd.choice(_VOCABULARY) for _ in range(k)]
        gaps = [rnd.choice(("", " ", " ", "  ", "-", "\t")) for _ in range(k)]
        out.append("".join(w + g for w, g in zip(words, gaps, strict=True)))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "x1440 and x 60 x 24",
        "5x5=25",
        "a few thousand users a day",
        "the hundred million users",
        "tens of thousands of writes",
        "one server, twice the load",
        "half a terabyte",
        "a quarter of a million",
        "wait a minute, 3 GB",
        "fourteen forty minutes",
        "1kx1MB=1GB",
        "a 10xnine burst",
    ],
)
def test_every_quantity_starts_where_the_shortcut_looks(text: str) -> None:
    starts = [t.start for t in _tokenize(text) if t.kind == "Q"]
    assert starts, text
    assert set(starts) <= _looked_at(text)


def test_no_quantity_is_missed_on_the_corpora_and_random_text() -> None:
    texts = _corpus_texts() + _random_texts(8_000)
    missed = [
        text
        for text in texts
        if not {t.start for t in _tokenize(text) if t.kind == "Q"} <= _looked_at(text)
    ]
    assert missed == []


def test_text_passed_over_holds_no_calculation() -> None:
    assert not _two_figures("Can a tweet have a video or an image attached?")
    assert not _two_figures("We need 3 replicas for a region.")
    assert _two_figures("1k writes a minute at 1 MB each is 1 GB a minute.")
    assert _two_figures("a thousand writes, twice a day")
    for text in _corpus_texts():
        if not _two_figures(text):
            assert find_calculations(text) == [], text
