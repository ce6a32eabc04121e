"""Measure the engine on the helper-written corpora (tests/data/corpora/): estimates, messages,
transcripts, each on its dev part and its frozen test part. Shared by bench/corpora.py (which
prints both parts) and the tests (which hold the dev part)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.core.analysis import analyse
from app.core.disclosure import disclose
from app.core.formats import read_transcript
from app.core.grading.arithmetic import find_calculations
from app.core.grading.grader import grade
from app.core.policy import step_asked as policy_target
from app.core.scenarios.loader import Library, LoadedScenario
from app.core.transcript import parse_transcript

CORPORA = Path(__file__).resolve().parent.parent / "data" / "corpora"
PARTS = ("dev", "test")
REASONING = (
    "req.access_patterns",
    "req.nfr_performance",
    "req.nfr_availability",
    "req.nfr_tradeoff",
    "data.read_write",
    "data.estimates",
    "design.blob_store",
    "design.database_choice",
    "design.drawback",
    "design.schema",
    "design.hot_path",
    "design.cache_justified",
    "design.load_balancing",
    "design.assess",
)
"""Criteria that need a reason or a placement, not a word: what a keyword stuffer must not meet."""


def _load(path: Path) -> list[dict[str, Any]]:
    """The items of a corpus part: `dev.yaml` is every dev file (dev.yaml, dev2.yaml ...: later
    batches written from the same brief by other helpers), `test.yaml` the frozen test file."""
    files = sorted(path.parent.glob(f"{path.stem}*.yaml")) if path.stem == "dev" else [path]
    return [item for f in files for item in yaml.safe_load(f.read_text(encoding="utf-8"))]


# --- estimates ----------------------------------------------------------------------------------


@dataclass
class Estimates:
    items: int = 0
    right: int = 0
    correct_called_wrong: list[str] = field(default_factory=list)
    """Items whose math holds that the checker called wrong: the one error a candidate must
    never see."""
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(label, predicted) -> count."""

    @property
    def accuracy(self) -> float:
        return self.right / self.items if self.items else 1.0


def estimate_label(text: str) -> str:
    """holds | wrong | no_math, as the checker sees a text."""
    calcs = find_calculations(text)
    if not calcs:
        return "no_math"
    return "holds" if all(c.ok for c in calcs) else "wrong"


def estimates(part: str) -> Estimates:
    out = Estimates()
    for item in _load(CORPORA / "estimates" / f"{part}.yaml"):
        predicted = estimate_label(item["text"])
        out.items += 1
        out.right += predicted == item["label"]
        out.confusion[(item["label"], predicted)] += 1
        if item["label"] == "holds" and predicted == "wrong":
            out.correct_called_wrong.append(item["id"])
    return out


# --- messages: disclosure --------------------------------------------------------------------------


@dataclass
class Messages:
    items: int = 0
    expected: int = 0
    found: int = 0
    forbidden: list[str] = field(default_factory=list)
    """Messages that revealed a fact neither expected nor allowed (the game given away)."""
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def forbidden_share(self) -> float:
        return len(self.forbidden) / self.items if self.items else 0.0


def messages(part: str, library: Library) -> Messages:
    out = Messages()
    for item in _load(CORPORA / "messages" / f"{part}.yaml"):
        expect, allow = set(item.get("expect") or ()), set(item.get("allow") or ())
        asked = set(disclose(item["message"], library.get(item["scenario"])).asked)
        out.items += 1
        out.expected += len(expect)
        out.found += len(expect & asked)
        if asked - expect - allow:
            out.forbidden.append(item["id"])
        if expect - asked:
            out.misses.append(item["id"])
    return out


# --- messages: check-ins ---------------------------------------------------------------------------


@dataclass
class CheckIns:
    labelled: int = 0
    found: int = 0
    flagged: int = 0
    false_alarms: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return (self.flagged - len(self.false_alarms)) / self.flagged if self.flagged else 1.0


def check_ins(part: str, library: Library) -> CheckIns:
    """A view asked (`Analysis.asks_view`: the rules' `is_check_in`, with one the acts reader
    is sure of added) against the `check_in` act label."""
    out = CheckIns()
    for item in _load(CORPORA / "messages" / f"{part}.yaml"):
        labelled = "check_in" in (item.get("acts") or ())
        flagged = analyse(item["message"], library.get(item["scenario"])).asks_view
        out.labelled += labelled
        out.flagged += flagged
        out.found += labelled and flagged
        if flagged and not labelled:
            out.false_alarms.append(item["id"])
        if labelled and not flagged:
            out.missed.append(item["id"])
    return out


# --- messages: speech acts ---------------------------------------------------------------------

ACTS = (
    "question",
    "confirm_assumption",
    "check_in",
    "proposal",
    "move_on",
    "catch_all",
    "injection",
)


def acts_of(message: str, scenario: LoadedScenario, step: str | None = None) -> set[str]:
    """The speech acts sdi's analysis reads in a message, named as the corpus names them. In
    the wrap-up there is no later step: "that's all from me" moves nowhere."""
    acts = set(analyse(message, scenario).acts)
    return acts - {"move_on"} if step == "wrap_up" else acts


@dataclass
class Acts:
    items: int = 0
    exact: int = 0
    """Messages whose acts (of those in ACTS) are all read right."""
    moves_right: int = 0
    moves: int = 0
    per_act: dict[str, list[int]] = field(default_factory=dict)
    """act -> [true positives, false positives, false negatives]."""
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.exact / self.items if self.items else 1.0

    def f1(self, act: str) -> float:
        tp, fp, fn = self.per_act.get(act, [0, 0, 0])
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def speech_acts(part: str, library: Library) -> Acts:
    """The analysis's speech acts against the corpus's `acts` labels, and the step a move asks
    for against `move_to`."""
    out = Acts(per_act={a: [0, 0, 0] for a in ACTS})
    for item in _load(CORPORA / "messages" / f"{part}.yaml"):
        scenario = library.get(item["scenario"])
        labelled = set(item.get("acts") or ()) & set(ACTS)
        found = acts_of(item["message"], scenario, item.get("step"))
        out.items += 1
        out.exact += labelled == found
        if labelled != found:
            out.wrong.append(item["id"])
        for act in ACTS:
            counts = out.per_act[act]
            counts[0] += act in labelled and act in found
            counts[1] += act in found and act not in labelled
            counts[2] += act in labelled and act not in found
        if item.get("move_to"):
            # where the interviewer goes: the first step asked for after the current one ("I
            # think that's everything" in the requirements is done with them, not the interview)
            out.moves += 1
            asked = policy_target(
                analyse(item["message"], scenario), item.get("step", "requirements")
            )
            out.moves_right += asked == item["move_to"]
    return out


# --- transcripts: grading ------------------------------------------------------------------------


@dataclass
class Transcripts:
    agree: int = 0
    total: int = 0
    disagreements: list[tuple[str, str, bool, bool]] = field(default_factory=list)
    stuffer_reasoning: dict[str, list[str]] = field(default_factory=dict)
    """For each keyword stuffer, the reasoning criteria the grader says it met."""

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 1.0


def _transcript_dirs(part: str) -> list[Path]:
    """The folders of a transcripts part: `dev` is every dev folder (dev/, dev2/ ...: later
    batches from the same brief), `test` the frozen test folder."""
    root = CORPORA / "transcripts"
    return sorted(root.glob("dev*")) if part == "dev" else [root / part]


def transcripts(part: str, library: Library) -> Transcripts:
    out = Transcripts()
    for directory in _transcript_dirs(part):
        _grade_folder(directory, library, out)
    return out


def _grade_folder(directory: Path, library: Library, out: Transcripts) -> None:
    labels: dict[str, Any] = yaml.safe_load((directory / "labels.yaml").read_text())
    for name, label in labels.items():
        transcript = parse_transcript(json.loads((directory / f"{name}.json").read_text()))
        graded = {c["id"]: c["met"] for c in grade(transcript, library)["criteria"]}
        for criterion_id, expected in label["criteria"].items():
            out.total += 1
            if graded.get(criterion_id) == bool(expected):
                out.agree += 1
            else:
                out.disagreements.append(
                    (name, criterion_id, bool(expected), bool(graded.get(criterion_id)))
                )
        if label.get("tier") == "stuffing":
            out.stuffer_reasoning[name] = [c for c in REASONING if graded.get(c)]


# --- spoken transcripts: reading and grading as recorded -------------------------------------------


@dataclass
class Spoken:
    agree: int = 0
    total: int = 0
    library_agree: int = 0
    library_total: int = 0
    disagreements: list[tuple[str, str, bool, bool]] = field(default_factory=list)
    stuffer_reasoning: dict[str, list[str]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 1.0

    @property
    def generic_rate(self) -> float:
        n = self.total - self.library_total
        return (self.agree - self.library_agree) / n if n else 1.0

    @property
    def library_rate(self) -> float:
        return self.library_agree / self.library_total if self.library_total else 1.0


PUBLISHED = {"dev": ("dev2", "dev3", "dev4", "dev5", "dev6"), "test": ("test2",)}
"""The spoken corpus's folders of interviews as they are published (videos, podcasts,
practice sites: an industry template, reasons given when asked why, slogans), by part."""


REAL = {
    "dev": (
        "dev7",
        "dev8",
        "dev9",
        "dev10",
        "dev11",
        "dev12",
        "dev13",
        "dev14",
        "dev15",
        "dev16",
        "dev17",
        "dev18",
        "dev19",
        "dev20",
        "dev21",
        "dev22",
        "dev23",
        "dev24",
        "dev25",
        "dev26",
        "dev27",
        "dev28",
        "dev29",
    ),
    "test": ("test3", "test4"),
}
"""The spoken corpus's folders written as real published interviews read, from the brief
PUBLISHED.md's "Real" section: the conversation written first with no thought of the rubric,
labelled after by a reader who credits what was done in other words. Untouched they reproduce
the agreement measured on real interviews (about two in three). test3 and test4 are frozen."""


def published(
    part: str,
    library: Library,
    folders: dict[str, tuple[str, ...]] = PUBLISHED,
    *,
    blind: bool = False,
) -> Spoken:
    """`spoken` over the published-interview folders of a part (`PUBLISHED`, or `REAL`)."""
    out = Spoken()
    for folder in folders[part]:
        if (CORPORA / "spoken" / folder / "labels.yaml").exists():
            spoken(folder, library, out, blind=blind)
    return out


def real(part: str, library: Library, *, blind: bool = False) -> Spoken:
    """`spoken` over the folders written as real published interviews read (`REAL`)."""
    return published(part, library, REAL, blind=blind)


def spoken(
    part: str, library: Library, out: Spoken | None = None, *, blind: bool = False
) -> Spoken:
    """Plain-text spoken interviews (speaker labels, fillers, speech-recognition slips, small
    talk first and feedback last), read by `app.core.formats` and graded as they come: against
    the scenario when the label names one, generically (with the problem) when it does not.
    Criteria labelled `n/a` are not counted. `part` is a folder of corpora/spoken; `out`
    accumulates several folders. `blind`: as a transcript from elsewhere comes, with neither
    the speakers' roles nor the problem given (sdi works out who is who and where the
    interview starts)."""
    directory = CORPORA / "spoken" / part
    labels = yaml.safe_load((directory / "labels.yaml").read_text(encoding="utf-8"))
    out = Spoken() if out is None else out
    for name, label in labels.items():
        text = (directory / f"{name}.txt").read_text(encoding="utf-8")
        speakers = label["speakers"]
        if blind:
            transcript, _ = read_transcript(text)
        else:
            transcript, _ = read_transcript(
                text, interviewer=speakers["interviewer"], candidate=speakers["candidate"]
            )
        if label.get("scenario_id"):
            transcript = transcript.model_copy(update={"scenario_id": label["scenario_id"]})
        graded = grade(transcript, library, problem=None if blind else label["problem"])
        in_library = bool(label.get("scenario_id"))
        met = {c["id"]: c["met"] for c in graded["criteria"]}
        for criterion_id, wanted in label["criteria"].items():
            if wanted == "n/a" or criterion_id not in met:
                continue
            right = bool(wanted) == met[criterion_id]
            out.total += 1
            out.agree += right
            out.library_total += in_library
            out.library_agree += in_library and right
            if not right:
                out.disagreements.append((name, criterion_id, bool(wanted), met[criterion_id]))
        if label.get("tier") == "stuffing":
            out.stuffer_reasoning[name] = [
                c for c in REASONING if met.get(c) and label["criteria"].get(c) is not True
            ]
    return out


# --- criterion snippets --------------------------------------------------------------------------


@dataclass
class Snippets:
    items: int = 0
    right: int = 0
    per_criterion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(criterion, "right" | "missed" | "credited") -> count: missed = labelled met, graded
    unmet; credited = labelled unmet, graded met (credit from words alone)."""
    wrong: list[tuple[str, str, bool]] = field(default_factory=list)
    """(item id, criterion, label) of every disagreement."""

    @property
    def accuracy(self) -> float:
        return self.right / self.items if self.items else 1.0

    def count(self, kind: str) -> int:
        return sum(n for (_, k), n in self.per_criterion.items() if k == kind)


_INTO_THE_DESIGN = (
    "Okay, I think I have the requirements. Let me draw it: clients call our API servers, and the "
    "data lives in a database. I'll go piece by piece."
)


def snippets(part: str, library: Library) -> Snippets:
    """Short excerpts of interviews (an interviewer's question and the candidate's answer), each
    labelled met or not for one criterion, graded as a transcript that opens with the problem:
    against the scenario when the item names one, generically otherwise."""
    out = Snippets()
    for item in _load(CORPORA / "snippets" / f"{part}.yaml"):
        messages = [{"role": "interviewer", "content": f"Today: {item['problem']}."}]
        if item["criterion"].startswith("design."):
            # an excerpt of the design part: the interview has got there
            messages += [
                {"role": "candidate", "content": _INTO_THE_DESIGN},
                {"role": "interviewer", "content": "Sure, go ahead."},
            ]
        for turn in item["turns"]:
            if turn["role"] == messages[-1]["role"]:
                messages[-1]["content"] += "\n" + turn["text"]
            else:
                messages.append({"role": turn["role"], "content": turn["text"]})
        data: dict[str, Any] = {"messages": messages}
        if item.get("scenario"):
            data["scenario_id"] = item["scenario"]
        graded = grade(parse_transcript(data), library, problem=item["problem"])
        met = next(c["met"] for c in graded["criteria"] if c["id"] == item["criterion"])
        out.items += 1
        if met == bool(item["met"]):
            out.right += 1
            out.per_criterion[(item["criterion"], "right")] += 1
        else:
            kind = "missed" if item["met"] else "credited"
            out.per_criterion[(item["criterion"], kind)] += 1
            out.wrong.append((item["id"], item["criterion"], bool(item["met"])))
    return out
