"""Write tests/data/corpora/briefs/QUESTIONS.md: the design-step follow-up questions and twists
of every library scenario, the questions only (none of the rules that decide when they are asked
or answered), for corpus writers who must not see the engine.

Run: .venv/bin/python scripts/questions_brief.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.scenarios.loader import Library, default_library  # noqa: E402

OUT = ROOT / "tests" / "data" / "corpora" / "briefs" / "QUESTIONS.md"


def questions_brief(library: Library) -> str:
    lines = [
        "# The follow-up questions and twists the interviewer asks in the design step",
        "",
        "Generated from the scenario library by `scripts/questions_brief.py` (the questions only,",
        "none of the matching rules). The `asked` field of an answers item is one of these ids.",
        "",
    ]
    for sid in sorted(library.ids()):
        s = library.get(sid).scenario
        lines += [
            f"## `{sid}`: {s.title}",
            "",
            "| id | kind | the interviewer asks |",
            "|---|---|---|",
        ]
        lines += [f"| `{f.id}` | follow-up | {f.question} |" for f in s.follow_ups]
        lines += [f"| `{t.id}` | twist | {t.change} |" for t in s.twists]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(questions_brief(default_library()), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
