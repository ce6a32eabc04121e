"""What a valid scenario may still get wrong, found by playing it: advice for its author.

The tests hold the built-in scenarios to these; a tenant's scenario or a file being written is
told of them as warnings (it still loads: the interview works, only less well).
"""

from __future__ import annotations

from app.core.analysis import analyse
from app.core.disclosure import disclose
from app.core.playback import played_back
from app.core.scenarios.loader import LoadedScenario


def warnings(loaded: LoadedScenario) -> list[tuple[str, str]]:
    """(field path, why) for each example question that does not reveal its fact, each example
    play-back that gets a fact wrong and is not corrected, a fact whose own answer said back
    would be corrected, and a statement that gives a fact away before anyone asks."""
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
    told = [f.id for f in loaded.scenario.facts]
    for n, fact in enumerate(loaded.scenario.facts):
        for i, example in enumerate(fact.wrong_examples):
            back = played_back(analyse(example, loaded).readings, loaded, told)
            if fact.id not in back.contradicts:
                out.append(
                    (
                        f"facts[{n}].wrong_examples[{i}]",
                        f"is not corrected as getting fact '{fact.id}' wrong: add a `wrong` rule "
                        "that matches it",
                    )
                )
        # the answer said back word for word is right, whatever the rules say
        back = played_back(analyse(fact.answer, loaded).readings, loaded, told)
        if fact.id in back.contradicts:
            out.append(
                (
                    f"facts[{n}].wrong",
                    "a rule matches the fact's own answer: the candidate who says it back "
                    "would be corrected",
                )
            )
    given = disclose(loaded.scenario.statement, loaded).asked
    if given:
        out.append(("statement", f"gives away fact(s) {', '.join(given)} before they are asked"))
    return out
