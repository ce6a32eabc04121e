"""Markdown tables in a candidate's text, as back-of-envelope math: which cell a figure is in, and
the time its column (or, in a two-column table, its row's label) says it is per.

    | | per min | per day |          | | value |
    |---|---|---|                    |---|---|
    | uploads | 10k | 14.4M |        | releases/day | 3k |
                                     | releases/min | ~2 |

In the first, "14.4M" is per day and comes of "10k" (per minute) in its row; in the second, "~2"
is per minute and comes of "3k" (per day) in the row above.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*$")
_RATE = re.compile(
    r"(?:(?:\bper|/)[ \t]*|\b(?:a|every)[ \t]+)(?P<t>sec|seconds?|s|min|minutes?|m|hours?|hrs?|h|days?|d|"
    r"weeks?|wk|months?|mo|years?|yrs?|yr|y)\b|\b(?P<a>daily|hourly|weekly|monthly|yearly|annual|qps|rps|tps|wps)\b",
    re.I,
)
_GIVENS = re.compile(r"\b(?:givens?|assum\w*|inputs?|facts?|known)\b", re.I)
"""A table of figures the candidate starts from, not results."""
_RESULTS = re.compile(r"\b(?:results?|derived|computed|outputs?|estimates?)\b", re.I)
"""Said in a header beside the givens ("| assumption / result | value |"): results too."""
_TIME = {"s": "s", "sec": "s", "m": "min", "min": "min", "h": "h", "hr": "h", "hour": "h"}
_TIME |= {"d": "day", "day": "day", "daily": "day", "w": "week", "wk": "week", "week": "week"}
_TIME |= {"mo": "month", "month": "month", "monthly": "month", "y": "year", "yr": "year"}
_TIME |= {"year": "year", "yearly": "year", "annual": "year", "hourly": "h", "weekly": "week"}
_TIME |= {"second": "s", "minute": "min", "hrs": "h", "yrs": "year"}
_TIME |= dict.fromkeys(("qps", "rps", "tps", "wps"), "s")  # "| avg QPS | ~58k |": per second


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a figure sits in a table."""

    table: int
    """Which table of the text (0, 1 ...)."""
    row: int
    """Data row within its table (0 is the first row under the header)."""
    col: int
    per: str | None
    """The time its column header (or its row's label, in a two-column table) is per."""
    pairs: bool
    """A two-column table of labels and values ("| releases/day | 3k |")."""
    givens: bool
    """Titled as what the candidate was given or assumes ("## Given", "| fact | value |")."""
    label: str = ""
    """Its row's label, in a two-column table."""

    @property
    def worked(self) -> bool:
        """Its row's label shows how the value is worked out ("| boxes (30M / 100k) | 300 |")."""
        return bool(_FORMULA.search(self.label))


def _rate(cell: str) -> str | None:
    m = _RATE.search(cell)
    if m is None:
        return None
    word = (m["t"] or m["a"]).lower()
    return _TIME.get(word) or _TIME.get(word.rstrip("s"))


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) in the text of each cell of a table line."""
    bars = [offset + i for i, ch in enumerate(line) if ch == "|"]
    return list(zip(bars, bars[1:], strict=False))


_FORMULA = re.compile(r"\d[kmbg]?\s*[×*÷/x]\s*[\w(]|[\w)]\s*[×*÷/x]\s*\d", re.IGNORECASE)
"""A label that shows a value's working out ("(DAU × 3)", "(30M / 100k)")."""


class Tables:
    """The table cells of a text, to look figures up by position."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._cells: list[tuple[int, Cell]] = []
        lines = [(m.start(), m.group()) for m in _ROW.finditer(text)]
        table, i = -1, 0
        while i < len(lines):
            block = [lines[i]]
            while i + 1 < len(lines) and _next_line(text, block[-1], lines[i + 1]):
                i += 1
                block.append(lines[i])
            i += 1
            table += 1
            header: list[str | None] = []
            first = block[0][0]
            givens = bool(_GIVENS.search(text, max(0, first - 80), first))
            if len(block) > 1 and _RULE.match(block[1][1]):
                start, line = block[0]
                header = [_rate(text[a + 1 : b]) for a, b in _cells(line, start)]
                givens = (givens or bool(_GIVENS.search(line))) and not _RESULTS.search(line)
                block = block[2:]
            for row, (start, line) in enumerate(block):
                spans = _cells(line, start)
                pairs = len(spans) == 2
                first_cell = text[spans[0][0] + 1 : spans[0][1]].strip() if spans else ""
                name = first_cell if pairs else ""
                # "| yearly | × 365 | ~4 PB |": a row labelled with a time gives it to the row's
                # value, its last cell (a figure in the label is the row's own: "| 5 per day |")
                label_per = (
                    _rate(first_cell) if pairs or not re.search(r"\d", first_cell) else None
                )
                for col, (a, b) in enumerate(spans):
                    per = header[col] if col < len(header) and header[col] else None
                    if per is None and col > 0 and col == len(spans) - 1:
                        per = label_per
                    self._starts.append(a)
                    self._cells.append((b, Cell(table, row, col, per, pairs, givens, name)))

    def cell(self, pos: int) -> Cell | None:
        """The cell holding the text position pos, if any."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0 or pos >= self._cells[i][0]:
            return None
        return self._cells[i][1]


def _next_line(text: str, line: tuple[int, str], nxt: tuple[int, str]) -> bool:
    """Whether nxt is the line right after line."""
    end = line[0] + len(line[1])
    return text[end : nxt[0]].strip(" \t") == "\n"
