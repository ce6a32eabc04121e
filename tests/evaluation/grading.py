"""Measure the grader against labelled transcripts (shared by the tests and the bench)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.core.grading.grader import grade
from app.core.transcript import parse_transcript


@dataclass
class Agreement:
    agree: int = 0
    total: int = 0
    disagreements: list[tuple[str, str, bool, bool]] = field(default_factory=list)
    """(transcript, criterion, label, graded)."""
    scores: dict[str, int] = field(default_factory=dict)
    tiers: dict[str, str] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 1.0


def agreement(directory: Path) -> Agreement:
    labels: dict[str, Any] = yaml.safe_load((directory / "labels.yaml").read_text())
    out = Agreement()
    for name, label in labels.items():
        transcript = parse_transcript(json.loads((directory / f"{name}.json").read_text()))
        result = grade(transcript)
        out.scores[name] = result["score"]
        out.tiers[name] = label.get("tier", "other")
        graded = {c["id"]: c["met"] for c in result["criteria"]}
        for criterion_id, expected in label["criteria"].items():
            out.total += 1
            if graded.get(criterion_id) == bool(expected):
                out.agree += 1
            else:
                out.disagreements.append(
                    (name, criterion_id, bool(expected), bool(graded.get(criterion_id)))
                )
    return out
