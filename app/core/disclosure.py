"""The disclosure engine: which hidden facts does a candidate's message ask for?

Pure and deterministic. A fact is asked for when a *question* sentence of the message matches one
of the fact's rules, or when the candidate states an *assumption* the rules match and asks the
interviewer to confirm it. Nothing is revealed for statements, design proposals, questions that
ask for everything at once, or messages that try to talk the interviewer out of its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from app.core.scenarios.loader import LoadedScenario
from app.core.text import Sentence, sentences, tokens

Refusal = Literal["injection", "catch_all"]

# Words that may open a question without changing it ("so, can tweets be edited").
_FILLERS = frozenset(
    [
        "ok",
        "okay",
        "so",
        "and",
        "also",
        "great",
        "cool",
        "thanks",
        "next",
        "then",
        "alright",
        "now",
        "hmm",
        "right",
        "sure",
        "first",
        "second",
        "third",
        "lastly",
        "finally",
        "well",
        "perfect",
        "nice",
        "interesting",
        "understood",
        "good",
        "awesome",
        "excellent",
        "gotcha",
        "yes",
        "yeah",
        "hi",
        "hello",
        "hey",
        "one",
        "more",
        "quick",
        "another",
        "question",
    ]
)
_INTERROGATIVE = frozenset(
    [
        "what",
        "whats",
        "how",
        "hows",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "can",
        "cant",
        "could",
        "do",
        "does",
        "did",
        "dont",
        "doesnt",
        "is",
        "isnt",
        "are",
        "arent",
        "was",
        "were",
        "will",
        "would",
        "should",
        "shall",
        "may",
        "might",
        "has",
        "have",
        "any",
        "must",
        "need",
        "roughly",
        "approximately",
        "r",
    ]
)
_REQUEST = re.compile(
    r"\b(wonder(?:ing)?|curious|let me (?:check|ask|confirm)|i (?:want|need|have) to (?:ask|check)|"
    r"check (?:whether|if)|i(?:'?d| would) like to (?:know|understand|check)|"
    r"i (?:want|need) to (?:know|understand|check)|tell me|could you (?:tell|share|clarify)|"
    r"can you (?:tell|share|clarify)|do you know|any idea|clarify|let me know|"
    r"help me understand|what about|how about|is there|are there|i have a question|"
    r"(?:not|never been) (?:very |that |too )?familiar with|i(?:'?ve| have) never used|"
    r"(?:don'?t|do not) know (?:the|this|that|much about)|walk me through|give me an? "
    r"(?:overview|rundown|summary of the (?:product|app|features))|quick rundown)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_ASSUMPTION = re.compile(
    r"\b(assum\w*|i guess|presumably|i suppose|let'?s say|i'?d imagine|i imagine|i think|"
    r"i believe|i expect|my guess|i'?ll take it|i take it|probably|i'?m guessing|going to say)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_CONFIRM = re.compile(
    r"\b(right|correct|accurate|ok(?:ay)?|sound(?:s)? (?:right|good|fair|ok)|fair|reasonable|"
    r"confirm|agree|does that work|make sense|is that so|yes|true|valid|safe to|match|in mind|"
    r"expect(?:ing|ation|ations)?|ballpark|line up|lines up|in scope|on the table|plausible|"
    r"what you want|what you had|about right)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_PROPOSAL = re.compile(
    r"\b(use|using|store|storing|put|putting|add|adding|place|keep|pick|choose|introduce|go with|"
    r"goes|go into|save|persist|shard|partition|replicate|back(?:ed)? by|sits? behind|"
    r"in front of|i'?d have|we'?ll have|we need an?)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_CATCH_ALL = re.compile(
    r"(what am i missing|what (?:else|other \w+) (?:should|do|must|would) i|"
    r"what (?:else )?(?:are|is) (?:you|the interviewer) (?:not telling|keeping|hiding|withholding)|"
    r"(?:keeping|hiding|withholding) from me|what should i (?:ask|know)|"
    r"which questions should i|what questions should i|tell me everything|everything you know|"
    r"all (?:of )?(?:the |your )?(?:hidden )?(?:constraints|requirements|details|facts|numbers|"
    r"info|information|specs?|assumptions|figures|parameters|notes|answers)|"
    r"(?:hidden|secret) (?:facts|details|requirements|constraints|info))",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_INJECTION = [
    re.compile(p, re.DOTALL)
    for p in (
        r"\b(ignore|disregard|forget|override|bypass|skip)\b.{0,40}\b(previous|prior|above|earlier|"
        r"all|any|your|the|these|those|system)\b.{0,30}\b(instructions?|rules?|prompts?|directives?|"
        r"guidelines?|constraints?|context|messages?|policy|policies)",
        r"\bsystem\s*(prompt|message|instructions?|override)\b",
        r"(^|\n)\s*(system|assistant|developer|admin)\s*:",
        r"<\s*/?\s*(system|instructions?|admin|developer|im_start|im_end)\b|\[/?(system|inst)\]|"
        r"<\|im_start\|>|###\s*(system|instruction)",
        r"\byou are (now|no longer)\b|\bfrom now on,? you\b|\bact as\b|\bpretend\b|"
        r"\brole[- ]?play\b|\bimpersonate\b|\bsimulate (a|an|the)\b|\bjailbreak\b|\bdan mode\b|"
        r"\bdeveloper mode\b|\bdebug mode\b|\bgod mode\b|\bsudo\b",
        r"\b(repeat|print|output|show|reveal|dump|leak|display|echo|recite|list|paste|copy)\b.{0,40}"
        r"\b(prompt|instructions?|hidden|secret|config(uration)?|context window|answer key|rubric|"
        r"your notes|interviewer'?s? notes|scenario (file|data)|yaml|json|everything above|"
        r"text above|words above|initial message)\b",
        r"\b(translate|summari[sz]e|paraphrase|encode|base64|rot13|spell out|reverse)\b.{0,40}"
        r"\b(notes|hidden|instructions?|prompt|facts|secret|above|context|answer key|rubric)\b",
        r"\b(answer key|hidden facts|hidden notes|your notes|withheld (facts|details))\b",
        r"\b(new|updated|real|actual|secret) instructions?\b|\blet'?s play a game\b|"
        r"\bfor (debugging|testing|audit) purposes\b|\bi am (your|the) (developer|admin|"
        r"administrator|creator|operator|owner)\b|\bi'?m (your|the) (developer|admin|creator|"
        r"operator)\b|\bas an ai\b|\bno longer (an|the) interviewer\b|\bbreak character\b",
    )
]


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


def is_injection(message: str) -> bool:
    low = message.lower()
    return any(p.search(low) for p in _INJECTION)


def _opening(sentence: Sentence) -> list[str]:
    """The sentence's words after leading fillers ("ok so, can ..." -> ["can", ...])."""
    ws = [t[1:] for t in sentence.tokens if t.startswith("=")]
    i = 0
    while i < len(ws) and ws[i] in _FILLERS:
        i += 1
    return ws[i:]


# A question can follow a comma: "I've never used the app, what can users do on it".
_LATE_QUESTION = re.compile(
    r"[,;:]\s*(?:so\s+|and\s+|but\s+)?(what|how|can|could|do|does|did|is|are|will|would|should|"
    r"any)\b(?!\s+(?:we|i)\s+(?:will|would|'ll|'d)\b)",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)


def is_question(sentence: Sentence) -> bool:
    if sentence.is_question_mark or _LATE_QUESTION.search(sentence.text.lower()):
        return True
    rest = _opening(sentence)
    if rest and rest[0] in _INTERROGATIVE:
        return True
    return bool(_REQUEST.search(sentence.text.lower()))


_CLAUSE = re.compile(
    r"(?:,\s*(?:and\s+|or\s+|also\s+|plus\s+)?|\s+(?:and|or|also|plus)\s+)"
    r"(?=(?:what|how|can|could|do|does|is|are|will|would|should|who|which|when|where|why|"
    r"any|must|did)\b)",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)


_CONFIRM_ASK = re.compile(r"\b(confirm|correct me|let me know if|tell me if)\b")


_COORDINATION = re.compile(r"\b(\w+) (?:and|or|&) (\w+)\b")


def clauses(sentence: Sentence) -> list[tuple[str, ...]]:
    """Token lists to match: the whole sentence, then each clause when there are several
    ("can X, can Y and what Z" is three questions). A rule matching any of them counts; the
    clauses let a rule with `!exclusions` see one question without its neighbours' words.
    """
    parts = [p for p in _CLAUSE.split(sentence.text.lower()) if p and p.strip()]
    pieces = [sentence.tokens] if len(parts) <= 1 else [sentence.tokens, *map(tokens, parts)]
    # "how many uploads and views per day" asks two things: try each side of a coordination
    # alone, so a rule that excludes the other side's word still sees its own question.
    for part in parts:
        for m in _COORDINATION.finditer(part):
            left = part[: m.start()] + m.group(1) + part[m.end() :]
            right = part[: m.start()] + m.group(2) + part[m.end() :]
            pieces += [tokens(left), tokens(right)]
    return pieces


def _is_confirm_request(sentence: Sentence) -> bool:
    return (sentence.is_question_mark and bool(_CONFIRM.search(sentence.text.lower()))) or bool(
        _CONFIRM_ASK.search(sentence.text.lower())
    )


_PROPOSAL_OPENER = re.compile(
    r"^(?:so,? |ok,? |and |then )?(?:should|shall|can|could) (?:we|i)\b|^(?:i'?d|i would|i'?ll|"
    r"i will|we'?ll|we will|we'?d|we would|let'?s|how about|what if we|i'?m going to|i plan)\b"
)


def _is_proposal(sentence: Sentence, scenario: LoadedScenario) -> bool:
    """A design proposal ("should we put images in a blob store?"), not a clarifying question
    that happens to name a component ("do we keep history in the database forever?")."""
    text = sentence.text.lower()
    component = scenario.lexicon.compile("@component")
    if not (component.matches(sentence.tokens) and _PROPOSAL.search(text)):
        return False
    return not is_question(sentence) or bool(_PROPOSAL_OPENER.search(text))


def disclose(
    message: str,
    scenario: LoadedScenario,
    revealed: tuple[str, ...] | frozenset[str] = (),
    parts: list[Sentence] | None = None,
) -> Disclosure:
    """Which of `scenario`'s facts `message` asks for. Never raises on any text.

    `parts` are the message's sentences when the caller has split it already (the grader).
    """
    parts = sentences(message) if parts is None else parts
    asks_something = any(is_question(s) for s in parts)
    if is_injection(message):
        return Disclosure(is_question=asks_something, refusal="injection")
    confirm = any(_is_confirm_request(s) for s in parts)
    quotes: dict[str, str] = {}
    catch_all = False
    for sentence in parts:
        if _CATCH_ALL.search(sentence.text.lower()):
            catch_all = True
            continue
        asking = is_question(sentence)
        if not asking and not (confirm and _ASSUMPTION.search(sentence.text.lower())):
            continue
        if _is_proposal(sentence, scenario):
            continue
        pieces = clauses(sentence)
        for fact_id, rules in scenario.fact_rules.items():
            if fact_id not in quotes and any(r.matches(p) for r in rules for p in pieces):
                quotes[fact_id] = sentence.text
    asked = tuple(f.id for f in scenario.scenario.facts if f.id in quotes)
    seen = set(revealed)
    return Disclosure(
        asked=asked,
        new=tuple(f for f in asked if f not in seen),
        is_question=asks_something,
        refusal="catch_all" if catch_all and not asked else None,
        quotes={f: quotes[f] for f in asked},
    )
