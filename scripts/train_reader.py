"""Train the learned readers (app/core/reader.py) on the labelled dev messages and write one
weights file per built-in scenario, and one for the speech acts, to app/core/scenarios/readers/.

Run: .venv/bin/python scripts/train_reader.py            (scikit-learn: the `dev` extra)
     .venv/bin/python scripts/train_reader.py --check    (exit 1 if a shipped file differs
                                                          beyond rounding: see `differs`)

Only the dev parts are read (`messages/dev*.yaml`), never a frozen test part, plus each fact's
example questions from the scenario files. A fact is learned per scenario from the messages
that expect it (positives) and those that neither expect nor allow it (negatives); a message
that only allows it teaches nothing about it. The acts reader (`_acts.json`, what a message
does: question, check-in...) is one model for every scenario, from the same messages' `acts`.
Training is deterministic: the same corpora give the same files (on another build of the
solver, the same to the last digits), which the tests check.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.reader import (  # noqa: E402
    ACTS_FILE,
    JUDGED_ACTS,
    READERS_DIR,
    char_grams,
    fingerprint,
    word_grams,
    words_of,
)
from app.core.scenarios.loader import LoadedScenario, default_library  # noqa: E402

MESSAGES = ROOT / "tests" / "data" / "corpora" / "messages"
C = 4.0
"""Inverse strength of the L2 penalty (chosen by leaving one dev batch out, bench/reader.py)."""
MIN_DF = {"chars": 2, "words": 2}
"""A feature seen in fewer training messages of its scenario is no feature."""
DIGITS = 3
"""Weights and idf are kept to this many decimals."""
SMALL = 0.02
"""A weight smaller than this is left out of the file."""
SHARED = 3
"""A fact id in at least this many scenarios (availability, consistency: the same requirement
everywhere) learns from every scenario's messages, not only its own."""


def dev_items(without: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Every item of the dev batches, but those of the batches named in `without`."""
    files = [p for p in sorted(MESSAGES.glob("dev*.yaml")) if p.stem not in without]
    return [item for f in files for item in yaml.safe_load(f.read_text(encoding="utf-8"))]


def counts(text: str, marks: bool = False) -> dict[str, Counter[str]]:
    """A message's feature counts, per block, as the reader takes them."""
    words = words_of(text, marks)
    return {"chars": Counter(g for w in words for g in char_grams(w)), "words": word_grams(words)}


def _idf(docs: list[Counter[str]], min_df: int) -> dict[str, float]:
    df = Counter(f for d in docs for f in d)
    n = len(docs)
    return {
        f: round(math.log((1 + n) / (1 + c)) + 1.0, DIGITS)
        for f, c in sorted(df.items())
        if c >= min_df
    }


def _scaled(doc: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """count × idf over the root of the sum of count × idf² (app/core/reader.py)."""
    known = {f: c for f, c in doc.items() if f in idf}
    norm = math.sqrt(sum(c * idf[f] ** 2 for f, c in known.items()))
    return {f: c * idf[f] / norm for f, c in known.items()} if norm else {}


def train_scenario(
    scenario: LoadedScenario, items: list[dict[str, Any]], shared: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """One scenario's model from its labelled messages and its facts' examples; a fact shared
    by many scenarios (`shared`: its id -> the other scenarios' messages) learns from theirs too."""
    facts = [f.id for f in scenario.scenario.facts]
    rows = [(i["message"], set(i.get("expect") or ()), set(i.get("allow") or ())) for i in items]
    for fact in scenario.scenario.facts:  # an example asks its fact; of the others it says little
        rows += [(e, {fact.id}, set(facts) - {fact.id}) for e in fact.examples]
    own = len(rows)
    # another scenario's message teaches only about the shared fact: the others are allowed
    for fact_id, others in sorted(shared.items()):
        if fact_id in facts:
            rows += [
                (
                    i["message"],
                    {fact_id} & set(i.get("expect") or ()),
                    (set(facts) - {fact_id}) | ({fact_id} & set(i.get("allow") or ())),
                )
                for i in others
            ]
    docs = [counts(text) for text, _, _ in rows]
    # the features are the scenario's own words: the others' messages only weigh them
    idf = {b: _idf([d[b] for d in docs[:own]], MIN_DF[b]) for b in MIN_DF}
    targets = []
    for fact in facts:
        keep = [
            n for n, (_, expect, allow) in enumerate(rows) if fact in expect or fact not in allow
        ]
        targets.append((keep, [fact in rows[n][1] for n in keep]))
    return {"fingerprint": fingerprint(scenario), "facts": facts, **_fit(docs, idf, targets)}


def _fit(
    docs: list[dict[str, Counter[str]]],
    idf: dict[str, dict[str, float]],
    targets: list[tuple[list[int], list[bool]]],
) -> dict[str, Any]:
    """One logistic regression per target (the rows it learns from, and whether each is a
    positive) over both feature blocks: the biases and the feature tables as the file keeps
    them."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    def matrix(block: str) -> Any:
        index = {f: n for n, f in enumerate(idf[block])}
        data: list[float] = []
        cols: list[int] = []
        ptr = [0]
        for d in docs:
            for f, x in sorted(_scaled(d[block], idf[block]).items()):  # known features only
                cols.append(index[f])
                data.append(x)
            ptr.append(len(cols))
        return csr_matrix((data, cols, ptr), shape=(len(docs), len(idf[block])))

    X = hstack([matrix(b) for b in MIN_DF]).tocsr()
    names = [(b, f) for b in MIN_DF for f in idf[b]]
    columns: list[list[float]] = []
    bias: list[float] = []
    for keep, positive in targets:
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        model.fit(X[keep], positive)
        columns.append([float(w) for w in model.coef_[0]])
        bias.append(round(float(model.intercept_[0]), DIGITS))
    tables: dict[str, dict[str, list[float]]] = {b: {} for b in MIN_DF}
    for n, (block, f) in enumerate(names):
        entry: list[float] = [idf[block][f]]
        for i, col in enumerate(columns):
            if abs(col[n]) >= SMALL:
                entry += [i, round(col[n], DIGITS)]
        tables[block][f] = entry
    return {"bias": bias, **tables}


def train_acts(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The acts reader (`reader.acts_reader`): one model for every scenario, each judged act
    learned from every dev message (a positive where the message is labelled with it), over
    words and question marks."""
    docs = [counts(i["message"], marks=True) for i in items]
    idf = {b: _idf([d[b] for d in docs], MIN_DF[b]) for b in MIN_DF}
    every = list(range(len(items)))
    targets = [(every, [act in (i.get("acts") or ()) for i in items]) for act in JUDGED_ACTS]
    return {
        "fingerprint": "acts",
        "facts": list(JUDGED_ACTS),
        "marks": True,
        **_fit(docs, idf, targets),
    }


def train(without: frozenset[str] = frozenset()) -> dict[str, dict[str, Any]]:
    """Scenario id -> its model, and `_acts` -> the acts reader, trained on the dev batches but
    those in `without`."""
    library = default_library()
    items = dev_items(without)
    where = Counter(f.id for sid in library.ids() for f in library.get(sid).scenario.facts)
    pooled = {f for f, n in where.items() if n >= SHARED}
    models = {}
    for sid in library.ids():
        own = {f.id for f in library.get(sid).scenario.facts}
        shared = {
            f: [
                i
                for i in items
                if i["scenario"] != sid
                and f in {x.id for x in library.get(i["scenario"]).scenario.facts}
            ]
            for f in pooled & own
        }
        models[sid] = train_scenario(
            library.get(sid), [i for i in items if i["scenario"] == sid], shared
        )
    models[ACTS_FILE.stem] = train_acts(items)
    return models


TOLERANCE = 0.005
"""How far a weight or bias retrained elsewhere may be from the shipped one (another BLAS or
scikit-learn build may round the solver's last digits differently); the features, their idf
and the facts must be the same."""


def differs(shipped: dict[str, Any], trained: dict[str, Any]) -> str | None:
    """What differs between a shipped model and one trained now, beyond `TOLERANCE`."""
    for key in ("fingerprint", "facts", "marks"):
        if shipped.get(key) != trained.get(key):
            return key
    if any(abs(a - b) > TOLERANCE for a, b in zip(shipped["bias"], trained["bias"], strict=True)):
        return "bias"
    for block in ("chars", "words"):
        if shipped[block].keys() != trained[block].keys():
            return f"{block}: other features"
        for feature, entry in trained[block].items():
            other = shipped[block][feature]
            if other[0] != entry[0]:
                return f"{block}[{feature!r}]: idf"
            mine = dict(zip(entry[1::2], entry[2::2], strict=True))
            theirs = dict(zip(other[1::2], other[2::2], strict=True))
            for fact in mine.keys() | theirs.keys():
                # a weight kept on one side only was near SMALL, under it on the other
                near = TOLERANCE if fact in mine and fact in theirs else SMALL + TOLERANCE
                if abs(mine.get(fact, 0.0) - theirs.get(fact, 0.0)) > near:
                    return f"{block}[{feature!r}]: weight of fact {fact}"
    return None


def dumped(model: dict[str, Any]) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files")
    parser.add_argument("--out", type=Path, default=READERS_DIR)
    parser.add_argument("--without", default="", help="dev batches left out, comma-separated")
    args = parser.parse_args()
    models = train(frozenset(filter(None, args.without.split(","))))
    if args.check:
        stale = []
        for sid, model in models.items():
            path = args.out / f"{sid}.json"
            what = (
                differs(json.loads(path.read_text(encoding="utf-8")), model)
                if path.is_file()
                else "no file"
            )
            if what is not None:
                stale.append(f"{sid} ({what})")
        print(f"readers differ, retrain: {'; '.join(stale)}" if stale else "readers up to date")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for sid, model in models.items():
        (args.out / f"{sid}.json").write_text(dumped(model), encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.glob("*.json"))
    print(f"wrote {len(models)} readers to {args.out} ({size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
