"""The interviewer over whole simulated interviews: the scripted candidates of tests/data/walks/
(12 scenarios, 3 personas or more each), played through the service as
tests/test_interviewer_walks.py plays them, with figures per scenario and overall:

- replies: interviewer replies (the opening statement is not one);
- median words per reply (aim 15-30);
- question share: replies holding at least one question sentence (aim 30-45%);
- bare acknowledgements: an acknowledgement and nothing else: acts only `ack` and/or
  `check_in`, no fact, no question ("Go on.", "Noted.", "Sounds reasonable to me. Carry on.");
- generic: replies that say nothing of this interview's content: acts only `ack`, `check_in`
  and `invite`, no fact, with or without a question ("OK. Anything more on the requirements?");
- retold: replies that tell again a fact already told in the same interview;
- invariant failures (tests/walks.py), and a histogram of act kinds.

Run: .venv/bin/python bench/interviewer.py [--seeds N] [--show SCENARIO]
`--seeds N` (default 3) plays every walk under N fixed interview ids (the offline renderer
picks its phrasings by the id; the test plays seeds 0 and 1); `--show` prints that
scenario's transcripts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.scenarios.loader import default_library  # noqa: E402
from tests.walks import INVARIANTS, Walk, load_walks, play_all, questions, words  # noqa: E402

AIM_WORDS = (15, 30)
AIM_QUESTIONS = (0.30, 0.45)
ACKS = {"ack", "check_in"}
GENERIC = ACKS | {"invite"}


def is_bare(reply: dict) -> bool:
    acts = set(reply.get("act") or [])
    return (
        bool(acts)
        and acts <= ACKS
        and not reply.get("revealed")
        and not questions(reply["content"])
    )


def is_generic(reply: dict) -> bool:
    acts = set(reply.get("act") or [])
    return bool(acts) and acts <= GENERIC and not reply.get("revealed")


def retold(walk: Walk) -> int:
    """Replies that tell again a fact the interviewer had already told in this interview."""
    told: set[str] = set()
    count = 0
    for t in walk.turns:
        now = set(t.reply.get("revealed") or [])
        count += bool(now & told)
        told |= now
    return count


def figures(walks: list[Walk]) -> dict:
    replies = [t.reply for w in walks for t in w.turns]
    lengths = [words(r["content"]) for r in replies]
    acts: Counter[str] = Counter(a for r in replies for a in r.get("act") or [])
    return {
        "replies": len(replies),
        "median": statistics.median(lengths) if lengths else 0,
        "questions": sum(bool(questions(r["content"])) for r in replies) / max(len(replies), 1),
        "bare": sum(is_bare(r) for r in replies) / max(len(replies), 1),
        "generic": sum(is_generic(r) for r in replies) / max(len(replies), 1),
        "retold": sum(retold(w) for w in walks),
        "acts": acts,
    }


def _flag(value: float, aim: tuple[float, float]) -> str:
    return " " if aim[0] <= value <= aim[1] else "*"


def _row(name: str, f: dict, failures: int) -> str:
    return (
        f"{name:<16} {f['replies']:>7} {f['median']:>6.1f}{_flag(f['median'], AIM_WORDS)} "
        f"{f['questions']:>8.1%}{_flag(f['questions'], AIM_QUESTIONS)} {f['bare']:>6.1%} {f['generic']:>8.1%} "
        f"{f['retold']:>6} {failures:>9}"
    )


def show(walks: list[Walk]) -> None:
    for w in walks:
        print(
            f"\n=== {w.scenario} / {w.persona} / seed {w.seed}: "
            f"score {w.grade and w.grade['score']}"
        )
        print(f"  I: {w.opening['content']}")
        for t in w.turns:
            print(f"  [{t.n}] C: {t.message}")
            r = t.reply
            print(f"      I ({r['step']}, {'+'.join(r['act'])}, {r['revealed']}): {r['content']}")
        if w.unsent:
            print(f"  ({w.unsent} messages unsent: the interview had closed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--show", metavar="SCENARIO")
    args = parser.parse_args()
    library = default_library()
    scripts = load_walks(library)
    if args.show:
        scripts = {args.show: scripts[args.show]}
    played = play_all(scripts, tuple(range(args.seeds)))
    personas = sum(len(p) for p in scripts.values())
    print(
        f"{len(played)} scenarios, {personas} personas, {args.seeds} seed(s); "
        f"aims: median words {AIM_WORDS[0]}-{AIM_WORDS[1]}, question share "
        f"{AIM_QUESTIONS[0]:.0%}-{AIM_QUESTIONS[1]:.0%} (* = outside the aim)"
    )
    print(
        f"{'scenario':<16} {'replies':>7} {'words':>7} {'question':>9} {'bare':>6} {'generic':>8} "
        f"{'retold':>6} {'failures':>9}"
    )
    failures: Counter[str] = Counter()
    by_invariant: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for scenario, walks in played.items():
        for w in walks:
            for name, check in INVARIANTS.items():
                found = check(w, library)
                failures[scenario] += len(found)
                by_invariant[name] += len(found)
                examples.setdefault(name, []).extend(found)
        print(_row(scenario, figures(walks), failures[scenario]))
    everything = [w for walks in played.values() for w in walks]
    overall = figures(everything)
    print(_row("overall", overall, sum(failures.values())))
    print("invariant failures: " + ", ".join(f"{k} {by_invariant[k]}" for k in INVARIANTS))
    for name, found in examples.items():
        for example in found[:3]:
            print(f"  {name}: {example}")
    print("act kinds (parts over all replies):")
    for act, n in overall["acts"].most_common():
        print(f"  {act:<20} {n:>5}  {n / overall['replies']:.0%} of replies")
    unsent = sum(w.unsent for w in everything)
    closed = sum(bool(w.turns) and w.turns[-1].reply.get("step") == "done" for w in everything)
    print(
        f"walks the interviewer closed itself: {closed} of {len(everything)}; "
        f"messages left unsent because it had closed: {unsent}"
    )
    print("act kinds per scenario:")
    for scenario, walks in played.items():
        acts = figures(walks)["acts"]
        print(f"  {scenario:<16} " + ", ".join(f"{a} {n}" for a, n in acts.most_common()))
    if args.show:
        show(everything)


if __name__ == "__main__":
    main()
