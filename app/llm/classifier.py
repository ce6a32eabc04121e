"""Optional model help for the disclosure engine (the dual-model pattern).

The model sees the message and each fact's id and value-free topic, never an answer. It may only
answer with fact ids; the policy keeps ids that exist, at most two, and only for a question the
deterministic engine saw as a question but matched to nothing (never for an injection or a
catch-all). A model that is down, slow or answers garbage adds nothing.
"""

from __future__ import annotations

import asyncio
import json

from openai import AsyncOpenAI, OpenAIError

from app.core.disclosure import Disclosure
from app.core.scenarios.loader import LoadedScenario
from app.prompts import render

MAX_IDS = 2


def classifier_prompt(message: str, scenario: LoadedScenario) -> str:
    facts = [{"id": f.id, "topic": f.topic} for f in scenario.scenario.facts]
    return render("llm/classify.j2", facts=facts, message=message)


def valid_ids(answer: str, scenario: LoadedScenario) -> tuple[str, ...]:
    """The fact ids in a model's answer that the policy accepts (possibly none)."""
    try:
        data = json.loads(answer)
    except (json.JSONDecodeError, TypeError):
        return ()
    ids = data.get("fact_ids") if isinstance(data, dict) else None
    if not isinstance(ids, list):
        return ()
    known = {f.id for f in scenario.scenario.facts}
    chosen = [i for i in ids if isinstance(i, str) and i in known]
    if len(set(chosen)) > MAX_IDS:
        return ()  # a model asked for "everything" is not trusted at all
    return tuple(f.id for f in scenario.scenario.facts if f.id in chosen)


class Classifier:
    def __init__(self, client: AsyncOpenAI, model: str, timeout_s: float = 5.0):
        self.client = client
        self.model = model
        self.timeout_s = timeout_s

    async def extra_facts(
        self, message: str, scenario: LoadedScenario, found: Disclosure
    ) -> tuple[str, ...]:
        """Facts the engine missed, as far as the model can tell; () when it cannot help."""
        if found.asked or found.refusal is not None or not found.is_question:
            return ()
        try:
            response = await asyncio.wait_for(
                self.client.chat.completions.create(
                    model=self.model,
                    messages=[{"role": "user", "content": classifier_prompt(message, scenario)}],
                    response_format={"type": "json_object"},
                ),
                self.timeout_s,
            )
        except (OpenAIError, TimeoutError):
            return ()
        content = response.choices[0].message.content if response.choices else None
        return valid_ids(content or "", scenario)
