"""Text plumbing shared by the disclosure engine and the grader: sentences, stems and match rules.

A *rule* is a string of terms that must all occur in one sentence. A term is one or more
alternatives separated by `|`; an alternative is a word, a phrase with words joined by `+`
(`blob+store`), or `@concept`, which stands for every entry of that concept in the lexicon.
Words are compared by their Snowball stems, so `images`, `image` and `imaging` are one word;
a word written `=likes` is compared as written (so `likes` matches and "I'd like" does not).
A term starting with `!` must *not* occur: `@edit !account` is an edit not about accounts.
Write rule words in full ("warehouse", not "warehous"): they are stemmed like the message is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(
    r".+?(?:(?<!\b[eE]\.g)(?<!\b[iI]\.e)(?<!\b[vV]s)(?<!\b[aA]pprox)[.!?;]+(?:\*\*|__)?(?=\s|$)|$)"
)
"""A sentence runs to . ! ? ; before a space or the end (a bold closed after it too: "**Why not
SQL?** 250k writes a second ..."), not the dot of "e.g.", "i.e.", "vs." or "approx." ("normal
day vs. contest?" is one question)."""
_MARKER = re.compile(r"^(?:[-*\u2022>#]+\s*|\d+[.)]\s+)")
"""A list bullet or markdown marker opening a line."""

Phrase = tuple[str, ...]


class _Stems(dict[str, str]):
    """Word -> its stem, worked out once (a dict read in C: `tokens` stems every word)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 65536:
            self.clear()
        found = self[word] = _STEMMER.stemWord(word)
        return found


_STEMS = _Stems()


def stem(word: str) -> str:
    return _STEMS[word]


def words(text: str) -> list[str]:
    """Lower-case words with apostrophes dropped ("can't" -> "cant")."""
    return _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))


class Tokens(tuple[str, ...]):
    """A sentence's tokens, carrying their set so every rule tests membership in O(1)."""

    present: frozenset[str]

    def __new__(cls, items: Iterable[str]) -> Tokens:
        self = super().__new__(cls, items)
        self.present = frozenset(self)
        return self


# "I have a picture", "the big picture", "is that the full picture?": an understanding, not an
# image. Read as "gist" so no rule about media sees it (the sentence's text is kept).
_PICTURE_IDIOM = re.compile(
    r"\b(?:(?:i|we|you|ive|weve|i've|we've|youve|you've)\s+(?:now\s+|already\s+|think\s+)?"
    r"(?:have|had|got|get|gotten|getting|form|formed)\s+(?:a|an|the)\s+(?:good\s+|clear\s+|clearer\s+|"
    r"full\s+|rough\s+|better\s+|decent\s+|complete\s+|overall\s+|whole\s+)?|"
    r"(?:big|bigger|full|fuller|clear|clearer|whole|rough|overall|complete)\s+|"
    r"(?:that|this|thats|that's|is)\s+the\s+)picture\b(?!\s+(?:upload|size|file|attach|format|"
    r"storage|url|per|for each|for every|on each|of each|of every|on every))",
    re.IGNORECASE,
)


def literal(text: str) -> str:
    """`text` with words used in a figurative sense replaced ("I have the full picture" ->
    "I have the full gist"), for rules that look for the literal thing."""
    low = text.lower()
    if "structured stream" in low:
        # Spark's "Structured Streaming" is a product, not a kind of data
        text = _STRUCTURED_STREAMING.sub("streaming", text)
    if "reading" in low:
        # "is that a fair reading of ...": an interpretation, not reads
        text = _READING_IDIOM.sub(lambda m: m.group(1) + " interpretation", text)
    if "pictur" not in low:
        return text
    return _PICTURE_IDIOM.sub(
        lambda m: m.group(0)[: m.group(0).lower().rfind("pictur")] + "gist", text
    )


_STRUCTURED_STREAMING = re.compile(r"\bstructured streaming\b", re.IGNORECASE)
_READING_IDIOM = re.compile(
    r"\b(fair|right|correct|accurate|good|my|your|that|this) reading\b(?= of\b| is\b|\?|$)",
    re.IGNORECASE,
)


_INTENSIFIERS = frozenset(
    {"very", "really", "quite", "super", "extremely", "fairly", "incredibly", "truly"}
)
"""Words that only strengthen the next one: left out of tokens, so "change very rarely" reads
as "change rarely" and "read really often" as "read often"."""


def tokens(text: str) -> Tokens:
    """What rules match against: stems, then `=word` forms (see `Sentence.tokens`)."""
    ws = [w for w in words(literal(text)) if w not in _INTENSIFIERS]
    return Tokens([*map(_STEMS.__getitem__, ws), *map("=".__add__, ws)])


def _phrase(entry: str) -> Phrase:
    """Stems of an entry; a word written `=word` keeps its exact form."""
    out: list[str] = []
    for raw in entry.replace("+", " ").split():
        if raw.startswith("="):
            out.extend("=" + w for w in words(raw[1:]))
        else:
            out.extend(stem(w) for w in words(raw))
    return tuple(out)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a message: its exact text, where it starts, its stems and its words."""

    text: str
    start: int
    tokens: tuple[str, ...]
    """Stems followed by `=word` forms, so one haystack serves both kinds of phrase."""

    @property
    def is_question_mark(self) -> bool:
        return self.text.rstrip().rstrip("*_").endswith("?")

    def retold(self, text: str) -> Sentence:
        """Other words read in this sentence's place (a clause of it, a rewording)."""
        return Sentence(text=text, start=self.start, tokens=tokens(text))


def sentence_of(text: str) -> Sentence:
    """`text` read as a sentence of its own."""
    return Sentence(text=text, start=0, tokens=tokens(text))


_CODE_LINE = re.compile(r"->|\||`|^\s")


_LABEL_LINE = re.compile(r"\s*[A-Za-z][\w-]*(?: [\w-]+){0,2}:\s")
"""A line opening with a short label and a colon: a row of a list written without bullets."""


def unwrapped(message: str) -> str:
    """`message` with the line breaks of wrapped prose read as spaces (a line that stops
    mid-sentence, then one that goes on in lower case: "... is it what\nyou expected?"), so
    a wrapped sentence stays one; lists, tables, code and diagrams keep their lines. Same
    length, so every position holds."""
    if "\n" not in message:
        return message
    lines = message.split("\n")
    out = [lines[0]]
    fenced = lines[0].lstrip().startswith("```")
    for previous, line in zip(lines, lines[1:], strict=False):
        before = previous.rstrip()
        opens = line.lstrip().startswith("```")
        wrapped = (
            not fenced  # a code block keeps its lines
            and not opens
            and before[-1:].isalnum()
            and before[-1:].lower() == before[-1:]
            and line[:1].islower()
            and not _CODE_LINE.search(before)
            and not _CODE_LINE.search(line)
            and not _MARKER.match(line)
            and not _MARKER.match(previous)
            and not _LABEL_LINE.match(
                line
            )  # "clips: clip id, poster id, ..." on lines of their own
        )
        out.append((" " if wrapped else "\n") + line)
        fenced = fenced != opens
    return out[0] + "".join(out[1:])


def sentences(message: str) -> list[Sentence]:
    """Split a message into sentences; list bullets and markdown markers are not sentences.

    A sentence ends at a line break (not one that wraps prose, see `unwrapped`), or at . ! ? ;
    followed by a space: "1.5 MB" and "/feed?page_token=x" stay whole.
    """
    out: list[Sentence] = []
    offset = 0
    original, message = message, unwrapped(message)
    for line in message.split("\n"):
        for match in _SENTENCE.finditer(line):
            raw = match.group(0)
            stripped = raw.strip()
            if not stripped:
                continue
            lead = raw.index(stripped[0])
            # Drop list markers so "- Can tweets be edited?" starts with its first word.
            body = _MARKER.sub("", stripped)
            if not body or not _WORD.search(body.lower()):
                continue
            start = offset + match.start() + lead + (len(stripped) - len(body))
            if len(original) == len(message):  # the exact words, line break and all
                body = original[start : start + len(body)]
            out.append(Sentence(text=body, start=start, tokens=tokens(body)))
        offset += len(line) + 1
    return out


@dataclass(frozen=True)
class Term:
    """One slot of a rule: any of its phrases satisfies it."""

    phrases: tuple[Phrase, ...]

    def __post_init__(self) -> None:
        # One pass over a sentence per term: single words by set lookup, phrases by their
        # first word (this is the grader's and the engine's innermost loop).
        singles = frozenset(p[0] for p in self.phrases if len(p) == 1)
        by_first: dict[str, list[Phrase]] = {}
        for p in self.phrases:
            if len(p) > 1:
                by_first.setdefault(p[0], []).append(p)
        object.__setattr__(self, "_singles", singles)
        object.__setattr__(self, "_by_first", {k: tuple(v) for k, v in by_first.items()})
        object.__setattr__(self, "_first_set", frozenset(by_first))

    @property
    def firsts(self) -> frozenset[str]:
        """Tokens one of which a haystack must hold to match: each phrase's first."""
        return self._singles | frozenset(self._by_first)  # type: ignore[attr-defined]

    def matches(self, haystack: Sequence[str]) -> bool:
        present = haystack.present if isinstance(haystack, Tokens) else frozenset(haystack)
        if not self._singles.isdisjoint(present):  # type: ignore[attr-defined]
            return True
        by_first: dict[str, tuple[Phrase, ...]] = self._by_first  # type: ignore[attr-defined]
        # Only where a phrase's first word stands (found by `index`, in C), not at every word.
        for first in present & self._first_set:  # type: ignore[attr-defined]
            i = haystack.index(first)
            while True:
                for p in by_first[first]:
                    if tuple(haystack[i : i + len(p)]) == p:
                        return True
                try:
                    i = haystack.index(first, i + 1)
                except ValueError:
                    break
        return False


@dataclass(frozen=True)
class Rule:
    """Every term present and no forbidden one; or, for a rule written "A ; B", any of its
    `alternatives` ("@compute @every_request ; @crowd @read": two ideas, each of two words
    anywhere in the sentence)."""

    source: str
    terms: tuple[Term, ...]
    forbidden: tuple[Term, ...] = ()
    alternatives: tuple[Rule, ...] = ()

    def matches(self, haystack: Sequence[str]) -> bool:
        if self.alternatives:
            return any(r.matches(haystack) for r in self.alternatives)
        # Loops, not all()/any() over generators: this runs thousands of times a grade.
        for t in self.terms:
            if not t.matches(haystack):
                return False
        for t in self.forbidden:  # noqa: SIM110  (a loop, as above)
            if t.matches(haystack):
                return False
        return True


class UnknownConcept(ValueError):
    """A rule names an `@concept` that the lexicon does not define."""


class Lexicon:
    """Named lists of words and phrases; `@name` in a rule expands to the list."""

    def __init__(self, concepts: Mapping[str, Iterable[str]]):
        self._raw: dict[str, list[str]] = {
            name: list(entries) for name, entries in concepts.items()
        }
        self._concepts: dict[str, tuple[Phrase, ...]] = {}
        self._compiled: dict[str, Rule] = {}
        for name in self._raw:
            self._concepts[name] = tuple(dict.fromkeys(self._expand(name, ())))

    def _expand(self, name: str, seen: tuple[str, ...]) -> Iterator[Phrase]:
        """Phrases of a concept; an entry `@other` includes every entry of `other`."""
        if name in seen:
            raise ValueError(f"concept '@{name}' includes itself")
        if name not in self._raw:
            raise UnknownConcept(f"unknown concept '@{name}'")
        for entry in self._raw[name]:
            if entry.startswith("@"):
                yield from self._expand(entry[1:], (*seen, name))
            elif phrase := _phrase(entry):
                yield phrase

    def __contains__(self, name: str) -> bool:
        return name in self._concepts

    def names(self) -> list[str]:
        return sorted(self._concepts)

    def phrases(self, name: str) -> tuple[Phrase, ...]:
        try:
            return self._concepts[name]
        except KeyError:
            raise UnknownConcept(f"unknown concept '@{name}'") from None

    def words(self) -> frozenset[str]:
        """Every word written in the lexicon's entries, as written (for spelling checks)."""
        return frozenset(
            w
            for entries in self._raw.values()
            for e in entries
            if not e.startswith("@")
            for w in words(e)
        )

    def merged(self, extra: Mapping[str, Iterable[str]]) -> Lexicon:
        """A lexicon with `extra` concepts added (an extra concept of the same name extends it)."""
        combined = {name: list(entries) for name, entries in self._raw.items()}
        for name, entries in extra.items():
            combined.setdefault(name, []).extend(entries)
        return Lexicon(combined)

    def fork(self) -> Lexicon:
        """The same concepts with a rule cache of its own, for rules made of one transcript's
        words (a generic grade's objects) that must not stay in a shared lexicon's cache."""
        twin = object.__new__(Lexicon)
        twin._raw, twin._concepts = self._raw, self._concepts
        twin._compiled = dict(self._compiled)
        return twin

    def compile(self, source: str) -> Rule:
        """The rule for `source` (compiled once per lexicon, then reused)."""
        cached = self._compiled.get(source)
        if cached is None:
            cached = self._compiled[source] = self._compile(source)
        return cached

    def _compile(self, source: str) -> Rule:
        if ";" in source:
            parts = tuple(self.compile(p.strip()) for p in source.split(";"))
            return Rule(source=source, terms=(), alternatives=parts)
        terms: list[Term] = []
        forbidden: list[Term] = []
        for raw in source.split():
            negated = raw.startswith("!")
            phrases: list[Phrase] = []
            for alt in raw.lstrip("!").split("|"):
                if not alt:
                    raise ValueError(f"empty alternative in rule '{source}'")
                if alt.startswith("@"):
                    phrases.extend(self.phrases(alt[1:]))
                else:
                    phrase = _phrase(alt)
                    if not phrase:
                        raise ValueError(f"term '{alt}' has no words in rule '{source}'")
                    phrases.append(phrase)
            (forbidden if negated else terms).append(Term(tuple(dict.fromkeys(phrases))))
        if not terms:
            raise ValueError(f"rule '{source}' has no required term")
        return Rule(source=source, terms=tuple(terms), forbidden=tuple(forbidden))
