"""The offline renderer: turns an act into words from the templates in prompts/interviewer/.

No network, deterministic for a given interview: the variant for each part is chosen by a hash of
the interview id, the turn and the part, and never repeats the variant used last time for that
part, so the interviewer does not say the same sentence twice in a row.

It sees only what may be said: the problem statement, and the answers of the facts this act
reveals (the policy decided that; nothing else of the hidden facts reaches it).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from app.core.policy import Act, Part
from app.core.scenarios.loader import LoadedScenario
from app.core.speech import content_stems
from app.core.words import word_set
from app.prompts import data, render_string
from app.render.base import Rendered, TokenSink


def _pick(kind: str, variants: list[str], seed: str, last: int | None) -> int:
    digest = hashlib.sha256(f"{seed}:{kind}".encode()).digest()
    index = int.from_bytes(digest[:4], "big") % len(variants)
    if len(variants) > 1 and index == last:
        index = (index + 1) % len(variants)
    return index


_OWN_OPENER = re.compile(r"^(?:yes|no|sure|ok|okay|good|great)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}\b")


def joined(answers: list[str]) -> str:
    """Several answers said as one person says them: the second and later ones join with
    "Also," ("Tweets can carry images. Also, once published ..."), unless they open with a
    name or an acronym, which a lower-case letter would spoil."""
    out: list[str] = []
    for n, answer in enumerate(answers):
        if n:
            answer = "Also, " + _inline(answer)
        out.append(answer)
    return " ".join(out)


def _inline(text: str) -> str:
    """`text` to follow a lead-in ("As I said, ..."): its first letter lower-cased, unless it
    opens with a name or an acronym."""
    if not text or _ACRONYM.match(text) or text[:2] == "I ":
        return text
    return text[0].lower() + text[1:]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def _point(answer: str, said: str) -> str:
    """The sentence of `answer` sharing the most words with what the candidate `said` wrong; the
    first on a tie or when nothing was said."""
    sentences = [x for x in _SENTENCE_END.split(answer) if x.strip()]
    if not said or len(sentences) < 2:
        return _first_sentence(answer)
    mine = content_stems(said)
    best = max(sentences, key=lambda x: len(content_stems(x) & mine))
    return best if content_stems(best) & mine else sentences[0]


_QUOTED_WORDS = 10
"""A slip said in at most this many words is quoted with its correction."""


def _corrected(answer: str, said: str) -> str:
    """The correction of what the candidate `said` wrong: the point of the answer, after the
    slip itself when it is short enough to quote ('You said "100k reads/sec". Expect roughly 100k
    reads per minute ...'), so a candidate who said several things sees which one was off."""
    point = _point(answer, said)
    slip = _LEAD_FILLERS.sub("", said.strip()).strip(" ,;:.?!")
    words = slip.lower().split()
    if not words or len(words) > _QUOTED_WORDS or words[-1] in word_set("function_words"):
        return point  # too long to quote, or a fragment ("tweets are editable for a")
    return f"You said \u201c{slip}\u201d. {point}"


_LEAD_FILLERS = re.compile(
    r"^(?:(?:ok|okay|so|and|um+|uh+|right|alright|yeah|well)\b[\s,]*)+", re.I
)


def _question(part: Part, scenario: LoadedScenario) -> str | None:
    model = scenario.scenario
    if part.kind == "step_probe":
        return str(data("interviewer/steps.yaml")["probes"][part.detail])
    if part.twist:
        return model.question_of(part.twist)
    asked = part.follow_up
    if asked and asked.startswith("diagram."):
        # A question on the candidate's own diagram (app/core/diagrams.py): about a node of it.
        words = data("interviewer/diagrams.yaml")["follow_ups"][asked.split(".", 1)[1]]
        return render_string(words, node=part.detail or "it")
    return model.question_of(asked) if asked else None


def part_values(part: Part, scenario: LoadedScenario) -> dict[str, Any]:
    """The variables a template of `part` may use: only what this act says out loud."""
    steps = data("interviewer/steps.yaml")
    model = scenario.scenario
    facts = [model.fact(f).answer for f in part.facts]
    answer = joined(facts)
    if part.kind == "wrap_answer":
        answer = str(data("interviewer/wrap_up.yaml")[part.detail or "general"])
    skipped = [steps["skipped"][s] for s in part.skipped]
    return {
        "scenario": {
            "id": model.id,
            "title": model.title,
            "statement": model.statement,
            "users": model.users or "",
        },
        "part": part,
        "facts": facts,
        "answer": answer,
        "plain_start": not _OWN_OPENER.match(answer),
        "answer_inline": _inline(answer),
        # A correction says the point, not the whole answer again: the sentence of the answer
        # about what the candidate got wrong ("... and we reuse the code" is met with "its code
        # is never handed out again"), else its first.
        "against": [
            _corrected(model.fact(f).answer, part.said[i] if i < len(part.said) else "")
            for i, f in enumerate(part.against)
        ],
        "step_name": steps["steps"].get(part.step or "", ""),
        "skipped_names": " and ".join(skipped),
        "question": _question(part, scenario),
        "hint": part.hint,
        "said": list(part.said),
        "detail": part.detail,
    }


def variants(kind: str, step: str | None) -> list[str]:
    """The ways to say a part of `kind` (a kind keyed by step: the current step's)."""
    found = data("interviewer/phrases.yaml")[kind]
    if isinstance(found, dict):
        found = found[step or "design"]
    return list(found)


class OfflineRenderer:
    """Words from templates; the default renderer."""

    name = "offline"

    def render(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
    ) -> Rendered:
        used = dict(phrasing or {})
        out: list[str] = []
        for part in act.parts:
            ways = variants(part.kind, part.step or act.memory.step)
            index = _pick(part.kind, ways, seed, used.get(part.kind))
            used[part.kind] = index
            values = part_values(part, scenario)
            # an opener ("Good question.", "Sure.") opens a reply, never its middle ("Yes, that
            # matches what I told you. Good question. We serve ...")
            values["plain_start"] = values["plain_start"] and not any(out)
            out.append(render_string(ways[index], **values))
        return Rendered(text=" ".join(t for t in out if t), phrasing=used)

    async def arender(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
        messages: list[dict[str, Any]] | None = None,
        on_token: TokenSink | None = None,
    ) -> Rendered:
        """The async interface the graph uses; the offline words come whole, not as tokens."""
        return self.render(act, scenario, seed, phrasing)
