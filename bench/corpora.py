"""The engine on the helper-written corpora: dev (tuned on) and test (frozen, never tuned on).
Report the test figures. Prints; asserts nothing.

Run: .venv/bin/python bench/corpora.py [--details]  (details: the dev part's items)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.scenarios.loader import default_library  # noqa: E402
from tests.evaluation.corpora import (  # noqa: E402
    ACTS,
    PARTS,
    check_ins,
    estimates,
    messages,
    published,
    real,
    snippets,
    speech_acts,
    spoken,
    transcripts,
)
from tests.evaluation.turns import answers, moves, play_backs  # noqa: E402


def main(details: bool) -> None:
    library = default_library()
    print(
        "part  estimates: right  correct-called-wrong | disclosure: recall  forbidden | grader: agree  stuffer reasoning"
    )
    for part in PARTS:
        e, m, t = estimates(part), messages(part, library), transcripts(part, library)
        stuffed = max((len(v) for v in t.stuffer_reasoning.values()), default=0)
        print(
            f"{part:<5} {e.accuracy:>6.3f} ({e.right}/{e.items})  {len(e.correct_called_wrong):>3}"
            f"        | {m.recall:>6.3f}  {m.forbidden_share:>6.3f} ({len(m.forbidden)}/{m.items})"
            f" | {t.rate:>6.3f} ({t.agree}/{t.total})  max {stuffed}"
        )
        c = check_ins(part, library)
        print(
            f"      check-ins recognised: recall {c.recall:.3f} ({c.found}/{c.labelled}), precision {c.precision:.3f} ({c.flagged} flagged)"
        )
        a = speech_acts(part, library)
        per_act = " ".join(f"{act} {a.f1(act):.2f}" for act in ACTS)
        print(
            f"      speech acts all right {a.accuracy:.3f} ({a.exact}/{a.items}); moves to the right step {a.moves_right}/{a.moves}; F1: {per_act}"
        )
        pb, mv = play_backs(part, library), moves(part, library)
        print(
            f"      turns: check-ins acknowledged {pb.acknowledged_share:.3f} ({pb.acknowledged}/{pb.check_ins}), "
            f"'state an assumption' {len(pb.assumed)}; contradictions corrected {pb.correction_recall:.3f} "
            f"({pb.corrected}/{pb.contradictions}), false corrections {len(pb.false_corrections)}; "
            f"confirms {pb.confirm_recall:.3f}; hidden facts named {len(pb.hidden_named)}; "
            f"untold figures put up far off corrected {pb.untold_wrong_corrected}/{pb.untold_wrong}; "
            f"moves to the right step {mv.target_share:.3f} ({mv.right_target}/{mv.items}), "
            f"with the right notes {mv.notes_share:.3f} ({mv.right_notes}/{mv.notes})"
        )
        ans = answers(part, library)
        print(
            f"      turns, replies to a follow-up: settled right {ans.share:.3f} ({ans.right}/{ans.items}); "
            f"answers pressed again {len(ans.pressed)}/{ans.answered}, non-answers let go "
            f"{len(ans.let_go)}/{ans.evasions}"
        )
        sp = spoken(part, library)
        print(
            f"      spoken transcripts: agree {sp.rate:.3f} ({sp.agree}/{sp.total}); in the library "
            f"{sp.library_rate:.3f}, generic {sp.generic_rate:.3f}; stuffer reasoning "
            f"{ {k: len(v) for k, v in sp.stuffer_reasoning.items()} }"
        )
        pub = published(part, library)
        print(
            f"      published interviews: agree {pub.rate:.3f} ({pub.agree}/{pub.total}); in the "
            f"library {pub.library_rate:.3f}, generic {pub.generic_rate:.3f}; stuffer reasoning "
            f"{ {k: len(v) for k, v in pub.stuffer_reasoning.items()} }"
        )
        rl = real(part, library)
        blind = real(part, library, blind=True)
        print(
            f"      real published interviews: agree {rl.rate:.3f} ({rl.agree}/{rl.total}); in the "
            f"library {rl.library_rate:.3f}, generic {rl.generic_rate:.3f}; read blind (no roles, "
            f"no problem given) {blind.rate:.3f} ({blind.agree}/{blind.total})"
        )
        sn = snippets(part, library)
        print(
            f"      criterion snippets: right {sn.accuracy:.3f} ({sn.right}/{sn.items}); labelled met "
            f"but graded unmet {sn.count('missed')}, labelled unmet but graded met {sn.count('credited')}"
        )
        if details and part == "dev":  # a frozen test part is measured, never read item by item
            for d in rl.disagreements:
                print(f"  real grader disagrees: {d[0]} {d[1]} label {d[2]} graded {d[3]}")
            for d in pub.disagreements:
                print(f"  published grader disagrees: {d[0]} {d[1]} label {d[2]} graded {d[3]}")
            for d in sp.disagreements:
                print(f"  spoken grader disagrees: {d[0]} {d[1]} label {d[2]} graded {d[3]}")
            print(f"  turns, check-ins met with 'state an assumption': {pb.assumed}")
            print(f"  turns, false corrections: {pb.false_corrections}")
            print(f"  turns, hidden facts named: {pb.hidden_named}")
            print(f"  turns, moves to the wrong step: {mv.wrong_target}")
            print(f"  turns, wrong notes: {mv.wrong_notes}")
            print(f"  turns, answers pressed again: {ans.pressed}")
            print(f"  turns, non-answers let go: {ans.let_go}")
            print(f"  check-ins missed: {c.missed}")
            print(f"  criterion snippets wrong (id, criterion, label): {sn.wrong}")
            print(f"  check-ins false alarms: {c.false_alarms}")
            print(f"  estimates confusion (label, predicted): {dict(e.confusion)}")
            print(f"  estimates holding but called wrong: {e.correct_called_wrong}")
            print(f"  disclosure forbidden reveals: {m.forbidden}")
            print(f"  disclosure misses: {m.misses}")
            print(f"  stuffers' reasoning criteria met: {t.stuffer_reasoning}")
            print(f"  speech acts wrong: {a.wrong}")
            for d in t.disagreements:
                print(f"  grader disagrees: {d[0]} {d[1]} label {d[2]} graded {d[3]}")


def second_test_parts() -> None:
    """Test parts written later from the same briefs and frozen on arrival (messages/test2,
    estimates/test2, spoken/test5: session 8; spoken/test6: session 9; each measured first on
    the engine of the moment it arrived)."""
    library = default_library()
    e, m, a = estimates("test2"), messages("test2", library), speech_acts("test2", library)
    print(
        f"test2 estimates {e.accuracy:.3f} ({e.right}/{e.items}), correct called wrong "
        f"{len(e.correct_called_wrong)} | disclosure recall {m.recall:.3f} ({m.found}/{m.expected}), "
        f"forbidden {m.forbidden_share:.3f} ({len(m.forbidden)}/{m.items}) | speech acts "
        f"{a.accuracy:.3f} ({a.exact}/{a.items})"
    )
    for part in ("test5", "test6"):
        sp, blind = spoken(part, library), spoken(part, library, blind=True)
        print(
            f"{part} real published interviews: agree {sp.rate:.3f} ({sp.agree}/{sp.total}); "
            f"stuffer reasoning {max((len(v) for v in sp.stuffer_reasoning.values()), default=0)}; "
            f"read blind {blind.rate:.3f} ({blind.agree}/{blind.total})"
        )


if __name__ == "__main__":
    main("--details" in sys.argv)
    second_test_parts()
