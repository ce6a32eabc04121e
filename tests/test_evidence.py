"""Evidence supports its criterion: every quote of a met criterion meets that criterion's own rule,
alone or with the quotes beside it, never by a sentence that was not quoted
(tests/evaluation/evidence.py says how each rule is re-applied). Checked over every labelled
transcript, dev and test parts (running the frozen test part tunes nothing: it only reads)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import yaml

from app.core.formats import read_transcript
from app.core.grading.generic import generic_context
from app.core.grading.grader import grade
from app.core.scenarios.loader import Library, default_library
from app.core.transcript import Transcript, parse_transcript
from tests.conftest import TRANSCRIPTS
from tests.evaluation.corpora import CORPORA, PARTS, PUBLISHED, REAL
from tests.evaluation.evidence import recheck, recheck_transcript


@cache
def _library() -> Library:
    return default_library()


def _labelled() -> list[tuple[str, Path]]:
    found = [(f"transcripts/{p.stem}", p) for p in sorted(TRANSCRIPTS.glob("*.json"))]
    for folder in sorted((CORPORA / "transcripts").glob("*/")):  # dev, dev2 ..., test
        found += [
            (f"corpora/transcripts/{folder.name}/{p.stem}", p)
            for p in sorted(folder.glob("*.json"))
        ]
    for part in (*PARTS, *(f for p in PARTS for f in (*PUBLISHED[p], *REAL[p]))):
        spoken = CORPORA / "spoken" / part
        labels = yaml.safe_load((spoken / "labels.yaml").read_text(encoding="utf-8"))
        found += [(f"corpora/spoken/{part}/{name}", spoken / f"{name}.txt") for name in labels]
    return found


def _read(path: Path) -> tuple[Transcript, str | None]:
    if path.suffix == ".json":
        return parse_transcript(json.loads(path.read_text(encoding="utf-8"))), None
    label = yaml.safe_load((path.parent / "labels.yaml").read_text(encoding="utf-8"))[path.stem]
    speakers = label["speakers"]
    transcript, _ = read_transcript(
        path.read_text(encoding="utf-8"),
        interviewer=speakers["interviewer"],
        candidate=speakers["candidate"],
    )
    if label.get("scenario_id"):
        transcript = transcript.model_copy(update={"scenario_id": label["scenario_id"]})
    return transcript, label["problem"]


LABELLED = _labelled()


def test_every_labelled_part_is_covered():
    names = {name.rsplit("/", 1)[0] for name, _ in LABELLED}
    assert names == {
        "transcripts",
        "corpora/transcripts/dev2",
        "corpora/transcripts/dev3",
        *(f"corpora/{kind}/{part}" for kind in ("transcripts", "spoken") for part in PARTS),
        *(f"corpora/spoken/{folder}" for part in PARTS for folder in PUBLISHED[part]),
        *(f"corpora/spoken/{folder}" for part in PARTS for folder in REAL[part]),
    }


@pytest.mark.parametrize(("name", "path"), LABELLED, ids=[n for n, _ in LABELLED])
def test_every_quote_meets_its_criterion_on_its_own(name, path):
    transcript, problem = _read(path)
    bad = recheck_transcript(transcript, _library(), problem)
    assert not bad, "\n".join(
        f"{name} {b.criterion} turn {b.turn}: {b.quote!r} ({b.why})" for b in bad
    )


def _generic(*candidate: str) -> Transcript:
    messages = [{"role": "interviewer", "content": "Design a job scheduler."}]
    for text in candidate:
        messages += [
            {"role": "candidate", "content": text},
            {"role": "interviewer", "content": "Okay, go on."},
        ]
    return parse_transcript({"messages": messages})


def _criterion(transcript: Transcript, criterion_id: str) -> dict:
    return next(c for c in grade(transcript)["criteria"] if c["id"] == criterion_id)


def test_noting_down_is_no_availability_evidence():
    """Found before: "So I'll start noting down." quoted for req.nfr_availability, as the cost
    of downtime came in the next sentence of a message about something else."""
    transcript = _generic(
        "So I'll start noting down. Teams cannot ship when the deploy tool is slow, which is "
        "costly for the business.",
    )
    c = _criterion(transcript, "req.nfr_availability")
    assert c["met"] is False
    assert all("noting down" not in e["quote"] for e in c["evidence"])


def test_availability_with_the_cost_in_the_next_sentence_quotes_both():
    transcript = _generic(
        "So I'll start noting down. If the scheduler goes down for an hour. "
        "Nightly billing jobs miss their window and that costs real money.",
    )
    c = _criterion(transcript, "req.nfr_availability")
    assert c["met"] is True
    assert [e["quote"] for e in c["evidence"]] == [
        "If the scheduler goes down for an hour.",
        "Nightly billing jobs miss their window and that costs real money.",
    ]
    assert not recheck_transcript(transcript)


def test_a_story_about_an_update_is_no_mutability_evidence():
    """Found before: "It updated 50 users but not for the other 50." quoted for req.mutability,
    a statement beside an unrelated question."""
    transcript = _generic(
        "Last month a migration of ours went wrong. It updated 50 users but not for the other "
        "50. How many jobs run per day?",
    )
    c = _criterion(transcript, "req.mutability")
    assert c["met"] is False
    assert all("updated 50" not in e["quote"] for e in c["evidence"])


def test_an_assumption_to_confirm_is_quoted_with_the_question_that_confirms_it():
    transcript = _generic(
        "It updated 50 users but not for the other 50. I'll assume a job can be edited after "
        "it is scheduled. Is that right?",
    )
    c = _criterion(transcript, "req.mutability")
    assert c["met"] is True
    assert [e["quote"] for e in c["evidence"]] == [
        "I'll assume a job can be edited after it is scheduled.",
        "Is that right?",
    ]
    assert not recheck_transcript(transcript)


def test_the_recheck_catches_a_quote_that_leans_on_a_neighbour():
    """The check itself can fail: a quote that meets the rule only with a sentence left
    unquoted is named."""
    transcript = _generic(
        "Availability matters a lot here. If the scheduler is down, nightly billing jobs miss "
        "their window and that costs real money.",
        "Availability first. Teams are blocked and lose money without it.",
    )
    graded = grade(transcript)
    c = next(c for c in graded["criteria"] if c["id"] == "req.nfr_availability")
    assert c["met"] is True and c["evidence"]
    c["evidence"] = [{"turn": 3, "quote": "Availability first."}]
    bad = recheck(generic_context(transcript), graded)
    assert [(b.criterion, b.quote) for b in bad] == [
        ("req.nfr_availability", "Availability first.")
    ]
