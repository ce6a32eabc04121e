"""What a valid scenario may still get wrong, found by playing it: advice for its author.

The tests hold the built-in scenarios to these; a tenant's scenario or a file being written is
told of them as warnings (it still loads: the interview works, only less well).
"""

from __future__ import annotations

from app.core.disclosure import disclose
from app.core.scenarios.loader import LoadedScenario


def warnings(loaded: LoadedScenario) -> list[tuple[str, str]]:
    """(field path, why) for each example question that does not reveal its fact, and for a
    statement that gives a fact away before anyone asks."""
    out: list[tuple[str, str]] = []
    for n, fact in enumerate(loaded.scenario.facts):
        for i, example in enumerate(fact.examples):
            asked = disclose(example, loaded).asked
            if fact.id not in asked:
                also = f" (it reveals {', '.join(asked)})" if asked else ""
                out.append(
                    (
                        f"facts[{n}].examples[{i}]",
                        f"does not reveal fact '{fact.id}'{also}: add an `ask` rule that matches it",
                    )
                )
    given = disclose(loaded.scenario.statement, loaded).asked
    if given:
        out.append(("statement", f"gives away fact(s) {', '.join(given)} before they are asked"))
    return out
