"""The offline renderer: turns an act into words from the templates in prompts/interviewer/.

No network, deterministic for a given interview: the variant for each part is chosen by a hash of
the interview id, the turn and the part, and never repeats the variant used last time for that
part, so the interviewer does not say the same sentence twice in a row.

It sees only what may be said: the problem statement, and the answers of the facts this act
reveals (the policy decided that; nothing else of the hidden facts reaches it).
"""

from __future__ import annotations

import hashlib
from typing import Any

from app.core.policy import Act, Part
from app.core.scenarios.loader import LoadedScenario
from app.prompts import data, render_string
from app.render.base import Rendered, TokenSink


def _pick(kind: str, variants: list[str], seed: str, last: int | None) -> int:
    digest = hashlib.sha256(f"{seed}:{kind}".encode()).digest()
    index = int.from_bytes(digest[:4], "big") % len(variants)
    if len(variants) > 1 and index == last:
        index = (index + 1) % len(variants)
    return index


def part_values(part: Part, scenario: LoadedScenario) -> dict[str, Any]:
    """The variables a template of `part` may use: only what this act says out loud."""
    steps = data("interviewer/steps.yaml")
    model = scenario.scenario
    question = None
    if part.follow_up:
        question = next(f.question for f in model.follow_ups if f.id == part.follow_up)
    if part.twist:
        question = next(t.change for t in model.twists if t.id == part.twist)
    skipped = [steps["skipped"][s] for s in part.skipped]
    return {
        "scenario": {"id": model.id, "title": model.title, "statement": model.statement},
        "part": part,
        "facts": [model.fact(f).answer for f in part.facts],
        "step_name": steps["steps"].get(part.step or "", ""),
        "skipped_names": " and ".join(skipped),
        "question": question,
        "hint": part.hint,
        "said": list(part.said),
    }


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
        phrases = data("interviewer/phrases.yaml")
        used = dict(phrasing or {})
        out = []
        for part in act.parts:
            variants = phrases[part.kind]
            index = _pick(part.kind, variants, seed, used.get(part.kind))
            used[part.kind] = index
            out.append(render_string(variants[index], **part_values(part, scenario)))
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
