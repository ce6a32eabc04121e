"""Measure the disclosure engine against a labelled set (shared by the tests and the bench)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.core.disclosure import disclose
from app.core.scenarios.loader import Library


@dataclass(frozen=True)
class Item:
    scenario: str
    message: str
    expect: frozenset[str]
    allow: frozenset[str]
    kind: str

    @property
    def negative(self) -> bool:
        return not self.expect


@dataclass
class Report:
    items: int = 0
    expected: int = 0
    found: int = 0
    revealed: int = 0
    correct_reveals: int = 0
    misses: list[tuple[Item, frozenset[str]]] = field(default_factory=list)
    leaks: list[tuple[Item, frozenset[str]]] = field(default_factory=list)
    """Negatives that revealed something."""
    extras: list[tuple[Item, frozenset[str]]] = field(default_factory=list)
    """Positives that revealed facts neither expected nor allowed."""

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct_reveals / self.revealed if self.revealed else 1.0


def load_items(path: Path) -> list[Item]:
    raw: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Item(
            scenario=r["scenario"],
            message=r["message"],
            expect=frozenset(r.get("expect") or ()),
            allow=frozenset(r.get("allow") or ()),
            kind=r.get("kind", ""),
        )
        for r in raw
    ]


def evaluate(items: list[Item], library: Library) -> Report:
    report = Report()
    for item in items:
        asked = frozenset(disclose(item.message, library.get(item.scenario)).asked)
        report.items += 1
        report.expected += len(item.expect)
        report.found += len(item.expect & asked)
        report.revealed += len(asked)
        report.correct_reveals += len(asked & (item.expect | item.allow))
        if item.expect - asked:
            report.misses.append((item, item.expect - asked))
        if item.negative and asked:
            report.leaks.append((item, asked))
        elif asked - item.expect - item.allow:
            report.extras.append((item, asked - item.expect - item.allow))
    return report
