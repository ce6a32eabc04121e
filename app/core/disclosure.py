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
from app.core.text import Sentence, Tokens, sentences, stem, tokens, words

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
        "um",
        "uhm",
        "uh",
        "er",
        "erm",
        "ah",
        "oh",
        "like",
        "wait",
        "actually",
        "anyway",
        "anyways",
        "btw",
        "hold",
        "on",
        "just",
        "curious",
        "quickly",
        "roughly",
        "approximately",
        "rough",
        "ballpark",
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
    r"i believe|i expect|my guess|i'?ll take it|i take it|probably|i'?m guessing|"
    r"(?:going to|gonna) (?:say|guess|assume|go with|estimate)|i'?d (?:say|guess|estimate)|"
    r"i'?ll (?:say|guess|go with|estimate)|let'?s go with|i reckon|my estimate)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_CONFIRM = re.compile(
    r"\b(right|correct|accurate|ok(?:ay)?|sound(?:s)? (?:right|good|fair|ok)|fair|reasonable|"
    r"confirm|agree|does that work|make sense|is that so|yes|true|valid|safe to|match|in mind|"
    r"expect(?:ing|ation|ations)?|ballpark|line up|lines up|in scope|on the table|plausible|"
    r"what you want|what you had|about right|in line|rite|yeah|realistic|sane|roughly)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_PROPOSAL = re.compile(
    r"\b(use|using|store|storing|put|putting|add|adding|place|keep|pick|choose|introduce|go with|"
    r"goes|go into|save|persist|shard|partition|replicate|back(?:ed)? by|sits? behind|"
    r"in front of|i'?d have|we'?ll have|we need an?|cache|caching|cached|queue|precompute|"
    r"denormali[sz]e|index)\b",
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
    r"[,;:]\s*(?:so\s+)?(what|how|can|could|do|does|did|is|are|will|would|should|"
    r"any)\b(?!\s+(?:we|i)\s+(?:will|would|'ll|'d)\b)|"
    # after "and"/"but" an auxiliary continues a list ("..., and can leave reviews") unless
    # a subject follows it ("..., and can they edit them")
    r"[,;:]\s*(?:and|but)\s+(?:what|how|(?:can|could|do|does|did|is|are|will|would|should)"
    r"\s+(?:we|i|you|they|it|there|people|users?|the|their|these|those|this|that)\b)",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)


_AUX = r"(?:can|could|do|does|did|will|would|should|is|are|was|were|must|has|have)"
_SUBJECT = (
    r"(?:we|i|you|they|it|there|people|users?|someone|somebody|anyone|anybody|everyone|"
    r"everybody|the|their|our|my|your|this|that|these|those|he|she|each|every)"
)
# Spoken run-ons ask mid-sentence, with no question mark and no comma before the question:
# "um can tweets be edited", "or are they fixed", "how long do we keep old versions",
# "do their tweets stay up or".
_SPOKEN_QUESTION = re.compile(
    rf"\b(?:um+|uh+|uhm|erm?|like|oh|wait|actually|hmm+)\s+{_AUX}\b|"
    rf"\b(?:or|so|but|and)\s+{_AUX}\s+{_SUBJECT}\b|"
    rf"\b(?:how|what|when|where|why)\s+(?:\w+\s+){{0,2}}?{_AUX}\s+{_SUBJECT}\b|"
    r"\b(?:how|what)\s+(?:does|do|is|are|should|would|will|can)\b|"
    r"\s(?:or|or not|or what|or something|or anything)\s*[.!]*$|"
    r"\bwhat (?:happens|would happen|happens then|then)\s*[.!]*$",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)


def is_question(sentence: Sentence) -> bool:
    low = sentence.text.lower()
    if sentence.is_question_mark or _LATE_QUESTION.search(low) or _SPOKEN_QUESTION.search(low):
        return True
    rest = _opening(sentence)
    # "when a file changes, the client uploads chunks" states; "when do we ..." asks
    if (
        rest
        and rest[0] in _INTERROGATIVE
        and (rest[0] != "when" or (len(rest) > 1 and rest[1] in _INTERROGATIVE))
    ):
        return True
    return bool(_REQUEST.search(sentence.text.lower()))


_CLAUSE = re.compile(
    r"(?:,\s*(?:and\s+|or\s+|also\s+|plus\s+)?|\s+(?:and|or|also|plus)\s+)"
    r"(?:(?:um+|uh+|like|so|then|actually)\s+)?(?=(?:what|how|can|could|do|does|is|are|will|would|should|who|which|when|where|why|"
    r"any|must|did)\b)",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)


_CONFIRM_ASK = re.compile(r"\b(confirm|correct me|let me know if|tell me if)\b")


_COORDINATION = re.compile(r"\b(\w+) (?:and|or|&) (\w+)\b")
_VAGUE = frozenset(
    [
        "stuff",
        "so",
        "such",
        "things",
        "anything",
        "something",
        "whatnot",
        "etc",
        "everything",
        "not",
        "what",
        "other",
        "more",
        "whatever",
        "similar",
        "the",
        "a",
        "an",
        "like",
        "um",
        "is",
        "are",
        "do",
        "does",
        "can",
        "how",
        "should",
        "will",
        "would",
    ]
)


_CONDITION = re.compile(
    r"(?:\w+,? )?(?:if|when|whenever|once|after|before|while|since|as soon as|in case|given)\b"
)


def clauses(sentence: Sentence) -> list[tuple[str, ...]]:
    """Token lists to match: the whole sentence, then each clause when there are several
    ("can X, can Y and what Z" is three questions). A rule matching any of them counts; the
    clauses let a rule with `!exclusions` see one question without its neighbours' words.
    """
    parts = [p for p in _CLAUSE.split(sentence.text.lower()) if p and p.strip()]
    if len(parts) > 1 and _CONDITION.match(parts[0].strip()):
        # "if an editor fixes an entry, how quickly ..." : the condition is no question alone
        parts = [parts[0] + " " + parts[1], *parts[2:]]
    pieces = [sentence.tokens] if len(parts) <= 1 else [sentence.tokens, *map(tokens, parts)]
    # terse lists ask one thing per item: "uploads/day and views/day?"
    if len(parts) == 1 and len(words(parts[0])) <= 8:
        items = [p for p in re.split(r"\s+(?:and|&)\s+|,\s*", parts[0]) if len(words(p)) >= 2]
        if len(items) > 1:
            pieces += map(tokens, items)
    # "how many uploads and views per day" asks two things: try each side of a coordination
    # alone, so a rule that excludes the other side's word still sees its own question.
    for part in parts:
        for m in _COORDINATION.finditer(part):
            if m.group(2) in _VAGUE or m.group(1) in _VAGUE:
                continue  # "how many clicks and stuff" is one question
            left = part[: m.start()] + m.group(1) + part[m.end() :]
            right = part[: m.start()] + m.group(2) + part[m.end() :]
            pieces += [tokens(left), tokens(right)]
    return pieces


# A spoken request to confirm, closing a sentence with no question mark: "... is that ok",
# "... that sound ok", "... sound right", "... that fair", "... booked right". Statements put a
# verb after "that" ("that sounds fair", "that's fine"), so they do not match.
_CONFIRM_TAIL = re.compile(
    r"(?:\b(?:is|does|would|will) that(?: \w+){0,3}?|\bthat(?: sound)?|(?:^|[,\s])sound) "
    r"(?:about |roughly )?(?:ok|okay|fair|right|reasonable|correct|accurate|plausible|realistic|"
    r"good)(?: to you| with you| enough)?\s*[.!]*$|"
    r"(?<!\bis)(?<!\bare)(?<!\bbe)(?<!\bthats)(?<!\bits)(?<!\bsounds)(?<!\bseems)(?<!\blooks)"
    r"(?<!\bturn)(?<!\bthe)(?<!\bleft)\s*,?\s+(?:right|rite|correct|yes|yeah|no)\s*[.!]*$",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)


# Shorthand read as words before matching: "# customers", "orders/min", "10 gigs", "per sec".
_SHORTHAND = [
    (re.compile(p), r)
    for p, r in (
        (r"#\s*(?=[a-z])", "number of "),
        (
            r"(?<=[a-z0-9])\s*/\s*(?=(?:min|mins|minute|sec|secs|second|s|day|d|hour|hr|h|week|"
            r"wk|month|mo|year|yr)\b)",
            " per ",
        ),
        (r"\bmins?\b", "minute"),
        (r"\bsecs?\b", "second"),
        (r"\bhrs?\b", "hour"),
        (r"\bgigs?\b", "gb"),
        (r"\bmegs?\b", "mb"),
        (r"\bkilobytes?\b", "kb"),
        (r"\s&\s", " and "),
        (r"\bw/\s*", "with "),
        (r"\bb/c\b", "because"),
        (r"\besp\b\.?", "especially"),
        (r"\bn\b", "and"),
    )
]


def _normalised(sentence: Sentence) -> Sentence:
    text = sentence.text.lower()
    for pattern, replacement in _SHORTHAND:
        text = pattern.sub(replacement, text)
    if text == sentence.text.lower():
        return sentence
    return Sentence(text=text, start=sentence.start, tokens=tokens(text))


_VOWELS = "aeiouy"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_INFLECTIONS = ("", "s", "es", "d", "ed", "ing")


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


class _Speller:
    """Mends misspelt words against the words one scenario's rules are written with
    ("availibility", "langauge", "artefact"): a long word no rule knows, one slip from a word a
    rule uses (or an inflection of it), is read as that word."""

    def __init__(self, scenario: LoadedScenario):
        stems: set[str] = set()
        for rules in scenario.fact_rules.values():
            for rule in rules:
                for term in (*rule.terms, *rule.forbidden):
                    for phrase in term.phrases:
                        stems.update(s for s in phrase if not s.startswith("="))
        written = set(scenario.lexicon.words())
        for rules in scenario.fact_rules.values():
            for rule in rules:
                written.update(w for w in words(rule.source.replace("+", " ")) if len(w) > 1)
        self.stems = frozenset(stems)
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
            len(word) >= 7
            and word.isalpha()
            and not self._known(word)
            and stem(word) not in self.stems
        ):
            hits = {
                v
                for v in _typo_variants(word)
                if v[0] == word[0] and self._known(v) and stem(v) in self.stems
            }
            found = min(hits) if len({stem(v) for v in hits}) == 1 else None
        self._cache[word] = found
        return found


_SPELLERS: dict[str, _Speller] = {}


def _speller(scenario: LoadedScenario) -> _Speller:
    speller = _SPELLERS.get(scenario.id)
    if speller is None or speller.rules is not scenario.fact_rules:
        speller = _SPELLERS[scenario.id] = _Speller(scenario)
    return speller


def _mended(piece: tuple[str, ...], speller: _Speller) -> tuple[str, ...]:
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


def _is_confirm_request(sentence: Sentence) -> bool:
    low = sentence.text.lower()
    if sentence.is_question_mark:
        return bool(_CONFIRM.search(low) or _CONFIRM_ASK.search(low))
    return bool(_CONFIRM_ASK.search(low) or _CONFIRM_TAIL.search(low.replace("'", "")))


_PROPOSAL_OPENER = re.compile(
    r"^(?:so,? |ok,? |and |then )?(?:should|shall|can|could) (?:we|i)\b|^(?:i'?d|i would|i'?ll|"
    r"i will|we'?ll|we will|we'?d|we would|let'?s|how about|what if we|i'?m going to|i plan)\b"
)


# Design moves, which a check-in after them ("..., sound good?") does not turn into a
# clarifying question: "messages are partitioned by chat id", "served from a CDN".
_DESIGN = re.compile(
    r"\b(?:partition(?:ed|ing)?|shard(?:ed|ing)?|replicat\w*|index(?:ed|ing)?|cach(?:e|ed|ing)|"
    r"queue[ds]?|transcod\w*|fan[- ]?out|precomput\w*|denormali[sz]\w*|served|serve from|"
    r"go(?:es)? through|load[- ]balanc\w*|lives? in|stored in|store (?:it |them )?in|"
    r"written to|writes? to|pull(?:s|ed)? (?:it|them|from)|push(?:es|ed)? (?:it|them|to)|"
    r"in front of|behind an?|backed by|my (?:design|approach|schema|api|solution|architecture))\b"
)
_CHECK_IN_TAIL = re.compile(
    r"(?:,|\s)\s*(?:(?:does|would|will) that (?:work|make sense|sound \w+)|what do you think|"
    r"thoughts|makes? sense|sound good|sounds good|is that (?:ok|okay|fine|reasonable|right)|"
    r"ok|okay|right|good|fine|reasonable|correct)\s*\?*\s*$"
)


def _is_proposal(sentence: Sentence, scenario: LoadedScenario) -> bool:
    """A design proposal ("should we put images in a blob store?"), not a clarifying question
    that happens to name a component ("do we keep history in the database forever?")."""
    text = sentence.text.lower()
    if _CHECK_IN_TAIL.search(text) and _DESIGN.search(text):
        return True  # "messages are partitioned by chat id, sound good?" proposes, then checks in
    component = scenario.lexicon.compile("@component")
    if not (
        (component.matches(sentence.tokens) or _TECHNOLOGY.search(text)) and _PROPOSAL.search(text)
    ):
        return False
    if _TAG.search(text):  # "cache the surge factor, ok?" proposes, then checks in
        return True
    return not is_question(sentence) or bool(_PROPOSAL_OPENER.search(text))


# Parts of a sentence that give a reason, a purpose or an aside, not what is asked: "because
# of all the pictures", "just so I get a feel for the size of this", "is that a big deal".
_ASIDE = re.compile(
    r"\b(?:because|cause|cuz|coz|since (?:that|this|it|i|we)|as that|which would|that would|"
    r"that (?:kinda |kind of |sort of )?(?:decides|changes|affects|determines|matters))\b.*$|"
    r"\b(?:just )?(?:so (?:that )?(?:i|we) (?:can )?|to )(?:get|have) (?:a |an )?(?:feel|sense|"
    r"idea|rough idea) (?:for|of) (?:the )?(?:size|scale|numbers?)(?: of (?:this|it|things))?|"
    r"\b(?:how |a |that |too |very )?big (?:of )?(?:a )?deal\b|"
    r"\b(?:for example|for instance|e\.g\.,?|say) (?:if|when)\b.*$|"
    r"^(?:\w+,? )?(?:before|while) (?:i|we) (?:decide|pick|choose|design|go|move|start|commit|"
    r"draw|settle)\b[^,:?]*[,:]",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)

# Questions about the interview itself or the candidate's own technology choice, which no fact
# answers: "do you want me to cover the client?", "would you prefer Docker or gVisor?".
_META = re.compile(
    r"\b(?:do|would) you (?:want|like|need|expect) me to\b|"
    r"\bshould i (?:go into|cover|dive|focus|detail|talk about|spend|draw|include)\b|"
    r"\bhow (?:deep|much detail|detailed)\b.{0,30}\b(?:i|me)\b|"
    r"\b(?:does|is|will|would|did) my (?:design|approach|solution|architecture|schema|api)\b",
    0,  # matched against lower-cased text (IGNORECASE is several times slower)
)
_PREFERENCE = re.compile(
    r"\b(?:would|do) you (?:prefer|rather|recommend|suggest)|\bwhich (?:one )?would you (?:pick|"
    r"choose|use)|\bshould (?:i|we) (?:use|go with|pick|choose)\b"
)
_TECHNOLOGY = re.compile(
    r"\b(?:docker|kubernetes|k8s|gvisor|firecracker|webrtc|websockets?|grpc|lambda|containers?|"
    r"vms?|virtual machines?|nginx|elasticsearch|postgres(?:ql)?|mysql|redis|kafka|cassandra|"
    r"dynamo(?:db)?|mongo(?:db)?|s3|cdn|spark|flink|hadoop)\b"
)

# A recap of what was said so far, maybe with "right?" after it, asks nothing new.
_PLAYBACK = re.compile(
    r"^(?:so,? |ok(?:ay)?,? |alright,? )?(?:to )?(?:recap|summari[sz]e|sum up|summing up|"
    r"in summary|so far|let me (?:recap|summari[sz]e|play (?:it|that) back|sum up))\b"
)

# A statement closed by a tag asking for agreement: "cache surge factor per zone, ok?".
_TAG = re.compile(
    r",?\s*(?:ok|okay|right|yes|correct|sound good|sounds good|good|fine|agreed|makes sense|"
    r"yeah|alright|thoughts|wdyt)\s*\?+\s*$"
)


_HEADING_HASH = re.compile(r"(?:^|\n)[ \t]*#[ \t]*$")


def _figure_asked(sentence: Sentence, message: str) -> Sentence:
    """Terse Markdown asking for a figure, read as words: "# customers?" (not a heading: it
    asks) is "number of customers?"; a table row "| releases / day | ? |" asks how many."""
    text = sentence.text
    if sentence.is_question_mark and _HEADING_HASH.search(message[: sentence.start]):
        text = "number of " + text
    elif text.count("|") >= 1 and re.search(r"\|\s*\?+\s*\|?\s*$", text):
        cells = [c.strip() for c in text.split("|") if c.strip() and c.strip() != "?"]
        text = "how many " + " ".join(cells) + "?"
    else:
        return sentence
    return Sentence(text=text, start=sentence.start, tokens=tokens(text))


def _matched_text(sentence: Sentence) -> Sentence:
    """`sentence` without its asides (see `_ASIDE`), when something is left."""
    low = sentence.text.lower()
    cut = _ASIDE.sub(" ", low).strip(" ,;:-")
    if cut == low or len(cut.split()) < 2:
        return sentence
    return Sentence(text=cut, start=sentence.start, tokens=tokens(cut))


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
        low = sentence.text.lower()
        if _is_proposal(sentence, scenario) or _META.search(low) or _PLAYBACK.search(low):
            continue
        if _PREFERENCE.search(low) and _TECHNOLOGY.search(low):
            continue
        speller = _speller(scenario)
        read = _normalised(_matched_text(_figure_asked(sentence, message)))
        pieces = [_mended(p, speller) for p in clauses(read)]
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
