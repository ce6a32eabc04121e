"""The estimates corpus (dev part): the checker reads back-of-envelope math as people write it.
The frozen test part is measured by bench/corpora.py, never here."""

from __future__ import annotations

from tests.evaluation.corpora import estimates

ACCURACY = 0.95
"""Dev accuracy reached (0.944 over dev.yaml, dev2.yaml and dev3.yaml; 0.940 with dev4.yaml;
0.933 with dev5.yaml, the capacity-estimation batch measured untouched at 0.880; 0.977 once the
checker read peak factors, machine counts, double time conversions and chains said in passing;
with dev6.yaml, DAU chains and self-corrections, measured at 0.871 on the session-start checker
and 0.892 on the new one, which never saw it: 0.964 once figures taken back, ratios said,
restatements, "at that rate for a day" and a new calculation after ", and" were read; with
dev7.yaml, correct math written many ways, measured untouched at 0.860 with 5 correct figures
called wrong (the session-start checker 0.835, 6): 0.954 once a figure disowned ("which is
wrong"), a rate spread "across" a count and a size put beside "each" were read), rounded
down."""

CALLED_WRONG: set[str] = {"est-dev7-186", "est-dev7-200"}
"""Correct math the checker still calls wrong on dev: none (the four of dev5 are read right now:
a table row labelled QPS, a size per hour of a recording, slots divided per machine, a rider's
share of a monthly total; the five of dev6: a ratio row of a table, two figures taken back, a
restatement, "for a full day at that rate"). Two of dev7 are still called wrong: a count
built on a figure the text never gives ("one counter per link per day ... after one year 365
million links", the links a day said elsewhere) and "600k in a peak hour" (the word "peak"
between "a" and "hour" hides the hour). Any other item called wrong fails the test."""


def test_dev_accuracy_holds() -> None:
    assert estimates("dev").accuracy >= ACCURACY


def test_no_correct_math_is_called_wrong_on_dev() -> None:
    assert set(estimates("dev").correct_called_wrong) <= CALLED_WRONG
