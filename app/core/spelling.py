"""Misspelt words mended against the words one scenario's fact rules are written with
("availibility", "langauge", "artefact"): a slip is read as the word it stands for."""

from __future__ import annotations

from app.core.scenarios.loader import LoadedScenario
from app.core.text import Tokens, stem, words

_VOWELS = "aeiouy"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_INFLECTIONS = ("", "s", "es", "d", "ed", "ing")
_SHORTEST = 6
_SHORT = 7
_INFLECTED = ("s", "ed", "ing")
"""A word of six letters is mended only when it is no inflected form: "expier", "lenght" are
slips; "clicks", "states", "wanted" are words of their own."""


def _typo_variants(word: str) -> set[str]:
    """Spellings one common slip away: swapped neighbours, a wrong vowel, a doubled or undoubled
    letter, one missing letter."""
    out: set[str] = set()
    for i in range(len(word) - 1):
        out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        if word[i] == word[i + 1]:
            out.add(word[:i] + word[i + 1 :])
    for i, c in enumerate(word):
        out.add(word[:i] + c + word[i:])
        if c in _VOWELS:
            out.update(word[:i] + v + word[i + 1 :] for v in _VOWELS if v != c)
    for i in range(1, len(word)):
        out.update(word[:i] + c + word[i:] for c in _LETTERS)
    out.discard(word)
    return out


class Speller:
    """Mends misspelt words against the words one scenario's rules are written with
    ("availibility", "langauge", "artefact"): a long word no rule knows, one slip from a word a
    rule uses (or an inflection of it), is read as that word."""

    def __init__(self, scenario: LoadedScenario):
        stems: set[str] = set()
        exact: set[str] = set()
        for rules in scenario.fact_rules.values():
            for rule in rules:
                for term in (*rule.terms, *rule.forbidden):
                    for phrase in term.phrases:
                        stems.update(s for s in phrase if not s.startswith("="))
                        exact.update(stem(s[1:]) for s in phrase if s.startswith("="))
        written = set(scenario.lexicon.words())
        for rules in scenario.fact_rules.values():
            for rule in rules:
                written.update(w for w in words(rule.source.replace("+", " ")) if len(w) > 1)
        self.stems = frozenset(stems)
        self.exact_stems = frozenset(exact)
        """Stems of the words rules want written exactly ("=availability"): a slip that stems
        the same ("availibility") is still mended, or the exact form would never match."""
        self.written = frozenset(written)
        self.rules = scenario.fact_rules
        self._cache: dict[str, str | None] = {}

    def _known(self, word: str) -> bool:
        return any(
            word.endswith(end) and word[: len(word) - len(end)] in self.written
            for end in _INFLECTIONS
            if len(word) > len(end)
        )

    def mend(self, word: str) -> str | None:
        """The word `word` stands for, when it is a slip; else None."""
        if word in self._cache:
            return self._cache[word]
        found: str | None = None
        if (
            _SHORTEST <= len(word) <= 24  # no real word is longer; a long one costs 26 x its length
            and (len(word) >= _SHORT or not word.endswith(_INFLECTED))
            and word.isalpha()
            and not self._known(word)
            and (stem(word) not in self.stems or stem(word) in self.exact_stems)
        ):
            hits = {
                v
                for v in _typo_variants(word)
                if v[0] == word[0] and self._known(v) and stem(v) in self.stems
            }
            found = min(hits) if len({stem(v) for v in hits}) == 1 else None
        self._cache[word] = found
        return found


_SPELLERS: dict[str, Speller] = {}


def speller_for(scenario: LoadedScenario) -> Speller:
    speller = _SPELLERS.get(scenario.id)
    if speller is None or speller.rules is not scenario.fact_rules:
        speller = _SPELLERS[scenario.id] = Speller(scenario)
    return speller


def mended(piece: tuple[str, ...], speller: Speller) -> tuple[str, ...]:
    """`piece` with each misspelt word replaced by the word it stands for."""
    forms = [t[1:] for t in piece if t.startswith("=")]
    n = len(piece) - len(forms)
    if n != len(forms):
        return piece
    stems, exact = list(piece[:n]), list(piece[n:])
    changed = False
    for i, w in enumerate(forms):
        fixed = speller.mend(w)
        if fixed is not None:
            stems[i], exact[i], changed = stem(fixed), "=" + fixed, True
    return Tokens([*stems, *exact]) if changed else piece
