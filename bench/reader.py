"""The learned readers, judged on text they were not trained on: each dev batch of the messages
corpus left out in turn, the readers trained on the others, the left-out batch read by the rules
alone and by the rules with the readers (disclosure recall, messages with a forbidden reveal;
speech acts all read right, as tests/evaluation/corpora.py scores them).

Run: .venv/bin/python bench/reader.py [--batches dev15,dev16]     (scikit-learn: the dev extra)

The rules were tuned on every dev batch, so the left-out figures flatter the rules; a batch
written after the reader (tests/data/corpora/README.md) is the fairer test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_reader  # noqa: E402

from app.core import analysis, reader  # noqa: E402
from app.core.disclosure import facts_asked, rules_asked  # noqa: E402
from app.core.scenarios.loader import default_library  # noqa: E402
from app.core.speech import read_all  # noqa: E402
from app.core.text import sentences  # noqa: E402
from tests.evaluation.corpora import speech_acts  # noqa: E402


def left_out(batch: str) -> tuple[str, list[int], list[int], list[int]]:
    """(batch, [expected, found, forbidden, items] by the rules, the same with the reader,
    [messages whose acts the rules read right, the same with the acts reader])."""
    library = default_library()
    models = train_reader.train(frozenset({batch}))
    with tempfile.TemporaryDirectory() as folder:
        for sid, model in models.items():
            (Path(folder) / f"{sid}.json").write_text(train_reader.dumped(model), "utf-8")
        reader.READERS_DIR = Path(folder)
        reader._reader.cache_clear()
        items = [i for i in train_reader.dev_items() if i["id"].split("-")[1] == batch]
        rules, read = [0, 0, 0, 0], [0, 0, 0, 0]
        for item in items:
            scenario = library.get(item["scenario"])
            text = item["message"]
            readings = read_all(sentences(text), scenario.lexicon.compile("@component"))
            expect, allow = set(item.get("expect") or ()), set(item.get("allow") or ())
            for counts, asked in (
                (rules, set(rules_asked(text, readings, scenario))),
                (read, set(facts_asked(text, readings, scenario))),
            ):
                counts[0] += len(expect)
                counts[1] += len(expect & asked)
                counts[2] += bool(asked - expect - allow)
                counts[3] += 1
        acts = []
        for path in (Path(folder) / "none.json", Path(folder) / f"{reader.ACTS_FILE.stem}.json"):
            reader.ACTS_FILE = path  # none: the rules alone
            reader.acts_reader.cache_clear()
            analysis._CACHES.clear()
            acts.append(speech_acts(batch, library).exact)
    return batch, rules, read, acts


def line(c: list[int]) -> str:
    return f"recall {c[1] / c[0]:.3f} ({c[1]}/{c[0]}), forbidden {c[2] / c[3]:.3f} ({c[2]}/{c[3]})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--batches", default="", help="dev batches to leave out (default: all)")
    args = parser.parse_args()
    batches = [b for b in args.batches.split(",") if b] or sorted(
        p.stem for p in train_reader.MESSAGES.glob("dev*.yaml")
    )
    total_rules, total_read, total_acts = [0, 0, 0, 0], [0, 0, 0, 0], [0, 0]
    with ProcessPoolExecutor(2) as pool:
        for batch, rules, read, acts in pool.map(left_out, batches):
            n = rules[3]
            print(
                f"{batch:6} rules: {line(rules)} | with the reader: {line(read)} | acts all right:"
                f" rules {acts[0] / n:.3f}, with the acts reader {acts[1] / n:.3f} ({n})"
            )
            total_rules = [a + b for a, b in zip(total_rules, rules, strict=True)]
            total_read = [a + b for a, b in zip(total_read, read, strict=True)]
            total_acts = [a + b for a, b in zip(total_acts, acts, strict=True)]
    n = total_rules[3]
    print(
        f"all    rules: {line(total_rules)} | with the reader: {line(total_read)} | acts all "
        f"right: rules {total_acts[0] / n:.3f}, with the acts reader {total_acts[1] / n:.3f}"
    )


if __name__ == "__main__":
    main()
