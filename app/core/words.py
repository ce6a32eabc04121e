"""The words sdi reads messages with, from app/core/words.yaml: one loader for every word list.

Each entry of the file has one kind (see the file's header): a set of `words`, `phrases` matched
as whole words, `any_of` regular expressions, `plain` phrases (punctuation dropped), `replace`
pairs, `pairs` of contradicting sides or `groups` of words of one topic. Patterns are compiled on first use, so importing this costs nothing.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from app.core.yamlfile import parse

WORDS_FILE = Path(__file__).with_name("words.yaml")
_KINDS = ("words", "phrases", "any_of", "plain", "replace", "pairs", "groups")
_FRAGMENT = re.compile(r"\{([a-z_]+)\}")
_PLAIN = re.compile(r"[a-z0-9']+")


class WordsError(ValueError):
    """words.yaml has an entry of no known kind, or a pattern that does not compile."""


@cache
def _entries() -> dict[str, dict[str, Any]]:
    return load(WORDS_FILE.read_text(encoding="utf-8"), WORDS_FILE.name)


def load(text: str, source: str = "words.yaml") -> dict[str, dict[str, Any]]:
    """Parse and check a words file: every entry has exactly one known kind and every pattern
    compiles (the error names the entry and the item)."""
    raw = parse(text)
    if not isinstance(raw, dict):
        raise WordsError(f"{source}: expected a mapping of entries")
    fragments = {str(k): str(v) for k, v in (raw.pop("fragments", None) or {}).items()}
    out: dict[str, dict[str, Any]] = {}
    for name, entry in raw.items():
        kinds = [k for k in entry or {} if k in _KINDS] if isinstance(entry, dict) else []
        if len(kinds) != 1:
            raise WordsError(f"{source}: '{name}' needs exactly one of {', '.join(_KINDS)}")
        kind = kinds[0]
        items = entry[kind]
        if not isinstance(items, list) or not items:
            raise WordsError(f"{source}: '{name}.{kind}' must be a non-empty list")
        checked = dict(entry)
        for i, item in enumerate(items if kind == "words" else ()):
            if not isinstance(item, str):
                raise WordsError(
                    f"{source}: '{name}.words[{i}]' is {item!r}, not a word: quote it "
                    "(YAML reads no, yes, on and off as true or false)"
                )
        if kind in ("phrases", "any_of"):
            checked[kind] = [
                _expand(str(i), fragments, f"{source}: '{name}.{kind}'") for i in items
            ]
            for i, item in enumerate(checked[kind]):
                try:
                    re.compile(item)
                except re.error as exc:
                    raise WordsError(
                        f"{source}: '{name}.{kind}[{i}]' does not compile: {exc}"
                    ) from None
        elif kind == "pairs":
            for i, pair in enumerate(items):
                if not (
                    isinstance(pair, list)
                    and len(pair) == 2
                    and all(isinstance(side, list) and side for side in pair)
                ):
                    raise WordsError(f"{source}: '{name}.pairs[{i}]' must be [[words], [words]]")
        elif kind == "groups":
            for i, group in enumerate(items):
                if not (isinstance(group, list) and len(group) >= 2):
                    raise WordsError(f"{source}: '{name}.groups[{i}]' must be a list of words")
        elif kind == "replace":
            for i, pair in enumerate(items):
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise WordsError(f"{source}: '{name}.replace[{i}]' must be [pattern, text]")
        out[str(name)] = checked
    return out


def _expand(pattern: str, fragments: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in fragments:
            raise WordsError(f"{where}: unknown fragment {{{m.group(1)}}}")
        return fragments[m.group(1)]

    return _FRAGMENT.sub(sub, pattern)


def _entry(name: str, kind: str) -> list[Any]:
    entry = _entries().get(name)
    if entry is None or kind not in entry:
        raise KeyError(f"words.yaml has no '{name}' of kind '{kind}'")
    items: list[Any] = entry[kind]
    return items


@cache
def word_set(name: str) -> frozenset[str]:
    """The `words` entry `name`."""
    return frozenset(str(w).lower() for w in _entry(name, "words"))


@cache
def question_words() -> frozenset[str]:
    """The words that open a question: `interrogatives` ("is", "can", "do" ...) and `wh_words`
    ("how", "what" ...), one set made once."""
    return word_set("interrogatives") | word_set("wh_words")


@cache
def matcher(name: str) -> re.Pattern[str]:
    """One compiled pattern for a `phrases` or `any_of` entry (match lower-cased text)."""
    entry = _entries().get(name, {})
    if "phrases" in entry:
        return re.compile(r"\b(?:" + "|".join(entry["phrases"]) + r")\b")
    items = _entry(name, "any_of")
    flags = re.DOTALL if entry.get("dotall") else 0
    return re.compile("|".join(f"(?:{p})" for p in items), flags)


@cache
def plain(name: str) -> tuple[str, ...]:
    """A `plain` entry's phrases, each as " word word " (punctuation dropped), for matching
    inside a message padded the same way (see `padded`)."""
    return tuple(padded(p) for p in _entry(name, "plain"))


@cache
def plain_matcher(name: str) -> re.Pattern[str]:
    """One pattern finding any of a `plain` entry's phrases in text padded by `padded` (a
    single scan instead of a test per phrase)."""
    phrases = sorted(plain(name), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in phrases))


def padded(text: str) -> str:
    """`text` as lower-case words with single spaces and a space at each end."""
    return " " + " ".join(_PLAIN.findall(text.lower())) + " "


@cache
def replacements(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A `replace` entry's [pattern, text] pairs, compiled."""
    return tuple((re.compile(p), str(r)) for p, r in _entry(name, "replace"))


@cache
def opposites(name: str = "opposites") -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """A `pairs` entry: two sides that contradict each other, each as lower-case phrases of
    words (punctuation dropped, as `padded` reads text)."""
    return tuple(
        (
            tuple(padded(w).strip() for w in left),
            tuple(padded(w).strip() for w in right),
        )
        for left, right in _entry(name, "pairs")
    )


@cache
def word_groups(name: str) -> tuple[frozenset[str], ...]:
    """A `groups` entry: sets of words that speak of one topic, each word lower-cased."""
    return tuple(frozenset(str(w).lower() for w in group) for group in _entry(name, "groups"))
