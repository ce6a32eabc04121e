"""What a turn changed, as events a platform's UI shows: worked out once, here, from the reply.

Each event is a plain dict with a `type` (the websocket sends them as frames, see
docs/websocket.md): `step_changed`, `fact_revealed` (the fact's id and value-free topic, never
its answer), `follow_up`, and `finished` when the turn closed the interview.
"""

from __future__ import annotations

from typing import Any

from app.core.scenarios.loader import LoadedScenario

Event = dict[str, Any]


def turn_events(reply: dict[str, Any], previous_step: str, scenario: LoadedScenario) -> list[Event]:
    """The events of the turn whose reply (with its `seq`) is `reply`; `previous_step` is the
    step the candidate spoke in."""
    seq = reply["seq"]
    events: list[Event] = []
    if reply.get("step") != previous_step:
        events.append(
            {"type": "step_changed", "seq": seq, "step": reply["step"], "previous": previous_step}
        )
    for fact_id in reply.get("revealed") or []:
        topic = scenario.scenario.fact(fact_id).topic
        events.append({"type": "fact_revealed", "seq": seq, "id": fact_id, "topic": topic})
    if "follow_up" in (reply.get("act") or []):
        events.append({"type": "follow_up", "seq": seq, "content": reply["content"]})
    if reply.get("step") == "done":
        events.append({"type": "finished", "seq": seq})
    return events
