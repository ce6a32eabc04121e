"""Transcripts as people have them, read into `sdi.transcript/v1`. Pure: text in, no I/O.

Three inputs (docs/transcripts.md has the user's page):

- `sdi.transcript/v1` JSON, as sdi writes it.
- Other JSON: a list of turns (or an object holding one under `messages`, `turns`,
  `transcript`, `conversation`, `utterances`, `dialogue`, `segments`...), each turn an object
  with a speaker key (`role`, `speaker`, `author`, `from`, `name`...) and a text key
  (`content`, `text`, `message`, `utterance`...). A `Mapping` names the keys where the guess
  would be wrong: `messages` (a dotted path), `speaker`, `text`.
- Plain text, one turn per speaker label ("Interviewer: ...", "Candidate: ..."); lines without
  a label continue the turn before them. Labels may carry timestamps ("[00:01:23] Alex:",
  "Alex (12:04):", "Alex  0:03" on a line of its own) and Markdown bold ("**Alex:**").

Who is who: the words interviewer/candidate (and interviewee, host, assistant, user...) say it
themselves; other names are given (`interviewer="Alex"`, `candidate="Sam"`; several names with
commas), or, with exactly two speakers, guessed: see `_guess_roles`. Consecutive turns of one
speaker are one message.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from app.core.errors import TranscriptError
from app.core.segments import states_problem
from app.core.transcript import TRANSCRIPT_FORMAT, Role, Transcript, parse_transcript
from app.core.transcript_words import word_set

Format = Literal["auto", "json", "text"]
NAME_THEM = "name them: sdi grade --interviewer NAME --candidate NAME, or ?interviewer=&candidate="

LIST_KEYS = (
    *("messages", "turns", "transcript", "conversation", "utterances", "dialogue", "dialog"),
    *("segments", "entries", "items", "chat", "history", "lines", "data"),
)
SPEAKER_KEYS = (
    *("role", "speaker", "author", "from", "name", "who", "participant", "speaker_name"),
    *("sender", "user", "speaker_label", "label"),
)
TEXT_KEYS = (
    *("content", "text", "message", "utterance", "body", "transcript", "value", "said"),
    *("words", "msg", "line"),
)


@dataclass(frozen=True)
class Mapping:
    """Where a JSON transcript of another shape keeps its turns: each field names a key."""

    messages: str | None = None
    """Dotted path to the list of turns ("turns", "data.items"); guessed when None."""
    speaker: str | None = None
    """The key that says who spoke; guessed when None."""
    text: str | None = None
    """The key that holds what was said; guessed when None."""

    @classmethod
    def parse(cls, pairs: Sequence[str]) -> Mapping:
        """From `KEY=VALUE` strings (the CLI's `--map messages=turns --map speaker=who`)."""
        values: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            key = key.strip()
            if not sep or not value.strip() or key not in ("messages", "speaker", "text"):
                raise TranscriptError(
                    f"mapping '{pair}': expected messages=PATH, speaker=KEY or text=KEY"
                )
            values[key] = value.strip()
        return cls(**values)


@dataclass
class ReadReport:
    """What was read and how: shown beside the grade so a surprising result can be traced."""

    source: Literal["sdi.transcript/v1", "json", "text"]
    speakers: dict[str, Role] = field(default_factory=dict)
    """Each speaker as written -> the role it was given."""
    guessed: str | None = None
    """How the roles were guessed, when nobody named them."""
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        if self.speakers:
            out["speakers"] = dict(self.speakers)
        if self.guessed:
            out["guessed"] = self.guessed
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def read_transcript(
    text: str,
    *,
    interviewer: str | Sequence[str] | None = None,
    candidate: str | Sequence[str] | None = None,
    mapping: Mapping | None = None,
    format: Format = "auto",
) -> tuple[Transcript, ReadReport]:
    """Read a transcript in any supported format; TranscriptError names what is wrong."""
    names = _Names(_split(interviewer), _split(candidate))
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise TranscriptError("the transcript is empty")
    if format == "json" or (format == "auto" and stripped[0] in "{["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            # "[00:01] Alex: hi" starts like a JSON list and is text.
            if format == "json" or stripped[0] == "{":
                raise TranscriptError(
                    f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                ) from None
        else:
            return _from_json(data, names, mapping)
    if mapping is not None:
        raise TranscriptError("a mapping (--map) applies to JSON transcripts; this one is text")
    return _from_text(text.lstrip("\ufeff"), names)


@dataclass(frozen=True)
class _Names:
    interviewer: tuple[str, ...]
    candidate: tuple[str, ...]

    def role(self, label: str) -> Role | None:
        """The role a speaker's label says it has: named by the caller, else a role word."""
        key = _key(label)
        if key in {_key(n) for n in self.interviewer}:
            return "interviewer"
        if key in {_key(n) for n in self.candidate}:
            return "candidate"
        return _role_word(key)

    @property
    def given(self) -> bool:
        return bool(self.interviewer or self.candidate)


def _split(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    return tuple(n.strip() for item in items for n in item.split(",") if n.strip())


def _key(label: str) -> str:
    return " ".join(re.sub(r"[*_`\"]", "", label).casefold().split()).rstrip(".")


def _role_word(key: str) -> Role | None:
    """Role words, also numbered or with a name: "interviewer 2", "candidate (sam)"."""
    base = re.sub(r"\s*(?:\(.*\)|#?\d+)$", "", key).strip()
    if base in word_set("interviewer_labels") or base.startswith("interviewer"):
        return "interviewer"
    if base in word_set("candidate_labels") or base.startswith(("candidate", "interviewee")):
        return "candidate"
    return None


# --- JSON --------------------------------------------------------------------------------------


def _from_json(data: Any, names: _Names, mapping: Mapping | None) -> tuple[Transcript, ReadReport]:
    if isinstance(data, dict) and mapping is None and _is_sdi(data):
        transcript = parse_transcript(data)
        return transcript, ReadReport("sdi.transcript/v1")
    mapping = mapping or Mapping()
    turns, where = _turn_list(data, mapping)
    if not turns:
        raise TranscriptError(f"{where}: the list of turns is empty")
    speaker_key = mapping.speaker or _pick_key(turns, SPEAKER_KEYS, where, "speaker")
    text_key = mapping.text or _pick_key(turns, TEXT_KEYS, where, "text", exclude=speaker_key)
    raw: list[tuple[str, str, str]] = []  # (speaker, text, where)
    report = ReadReport("json")
    dropped = 0
    for i, item in enumerate(turns):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise TranscriptError(f"{at}: a turn must be an object, not {type(item).__name__}")
        if speaker_key not in item:
            raise TranscriptError(f"{at}: no '{speaker_key}' key (name it with --map speaker=KEY)")
        if text_key not in item:
            raise TranscriptError(f"{at}: no '{text_key}' key (name it with --map text=KEY)")
        speaker, said = item[speaker_key], item[text_key]
        if isinstance(speaker, dict):
            speaker = next((speaker[k] for k in ("name", "role", "id") if k in speaker), None)
        if isinstance(speaker, bool) or not isinstance(speaker, str | int):
            raise TranscriptError(f"{at}.{speaker_key}: must be a name or a number")
        if isinstance(said, list) and all(isinstance(p, str) for p in said):
            said = " ".join(said)
        if not isinstance(said, str):
            raise TranscriptError(f"{at}.{text_key}: must be text, not {type(said).__name__}")
        speaker = str(speaker)
        if _key(speaker) in word_set("dropped_speakers"):
            dropped += 1
            continue
        if said.strip():
            raw.append((speaker, said.strip(), at))
    if dropped:
        report.notes.append(f"left out {dropped} turn(s) of a system or tool speaker")
    extra = {k: data[k] for k in ("scenario_id", "problem") if isinstance(data, dict) and k in data}
    return _build(raw, names, report, extra)


def _is_sdi(data: dict[str, Any]) -> bool:
    """sdi's own format: said so, a `scenario_id` beside `messages`, or a `messages` list of
    interviewer/candidate roles. It is then validated as such (errors name the field)."""
    if data.get("format") == TRANSCRIPT_FORMAT or ("scenario_id" in data and "messages" in data):
        return True
    messages = data.get("messages")
    return (
        isinstance(messages, list)
        and bool(messages)
        and all(
            isinstance(m, dict) and m.get("role") in ("interviewer", "candidate") and "content" in m
            for m in messages
        )
    )


def _turn_list(data: Any, mapping: Mapping) -> tuple[list[Any], str]:
    if mapping.messages:
        node = data
        for part in mapping.messages.split("."):
            if not isinstance(node, dict) or part not in node:
                raise TranscriptError(f"mapping messages={mapping.messages}: no key '{part}'")
            node = node[part]
        if not isinstance(node, list):
            raise TranscriptError(f"{mapping.messages}: must be a list of turns")
        return node, mapping.messages
    if isinstance(data, list):
        return data, "turns"
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key], key
        for key in LIST_KEYS:  # one level down: {"data": {"turns": [...]}}
            inner = data.get(key)
            if isinstance(inner, dict):
                for sub in LIST_KEYS:
                    if isinstance(inner.get(sub), list):
                        return inner[sub], f"{key}.{sub}"
        keys = ", ".join(sorted(map(str, data))) or "none"
        raise TranscriptError(
            f"no list of turns found (keys: {keys}); name it with --map messages=KEY"
        )
    raise TranscriptError(f"a transcript must be a JSON object or list, not {type(data).__name__}")


def _pick_key(
    turns: list[Any], keys: tuple[str, ...], where: str, what: str, exclude: str | None = None
) -> str:
    """The first of `keys` that most turns have."""
    counts: Counter[str] = Counter()
    for item in turns:
        if isinstance(item, dict):
            counts.update(k for k in item if k in keys and k != exclude)
    if not counts:
        first = turns[0]
        seen = ", ".join(map(str, first)) if isinstance(first, dict) else type(first).__name__
        raise TranscriptError(
            f"{where}[0]: no {what} key found (it has: {seen}); name it with --map {what}=KEY"
        )
    best = max(counts.values())
    return next(k for k in keys if counts.get(k) == best)


# --- plain text --------------------------------------------------------------------------------

_TS = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?)"
_LABEL = r"[^\W\d_][\w'’.&-]*(?:[ \t]+[\w'’.&#-]+){0,3}"
_LABELLED = re.compile(
    rf"^[ \t]*(?:{_TS}[ \t]*[-–—|]?[ \t]*)?[*_]{{0,2}}(?P<label>{_LABEL})"
    rf"(?:[ \t]*\((?P<note>[^()\n]{{1,40}})\))?(?:[ \t]*{_TS})?[ \t]*[*_]{{0,2}}[ \t]*[:：]"
    rf"[ \t]*[*_]{{0,2}}(?![/\d])[ \t]*(?P<text>.*)$"
)
# "Alex  0:03" on a line of its own, the text below (how several transcription tools write it);
# a role said in full needs no time ("Interviewer" alone on its line).
_HEADER = re.compile(
    rf"^[ \t]*[*_]{{0,2}}(?:(?P<label>{_LABEL})[*_]{{0,2}}[ \t]+{_TS}|"
    r"(?P<role>(?i:interviewer|candidate|interviewee))[*_]{0,2})[ \t]*$"
)
_LEADING_TS = re.compile(rf"^[ \t]*{_TS}[ \t]*[-–—|]?[ \t]*")


@dataclass
class _Line:
    number: int
    label: str | None
    text: str
    """The turn's text when labelled; the whole line (timestamp dropped) otherwise."""
    whole: str


def _parse_lines(numbered: list[tuple[int, str]]) -> list[_Line]:
    out = []
    for number, raw in numbered:
        line = raw.rstrip()
        whole = _LEADING_TS.sub("", line) if line.strip() else ""
        header = _HEADER.match(line)
        match = header or _LABELLED.match(line)
        if match:
            label = (match.group("label") or match.group("role")).strip()
            note = None if header else match.group("note")
            body = "" if header else match.group("text")
            # "Interviewer (Alex): ..." is the interviewer; "Alex (00:12): ..." is Alex.
            if note and _role_word(_key(label)) is None and _role_word(_key(note)):
                label = note
            out.append(_Line(number, label, body.strip(), whole))
        else:
            out.append(_Line(number, None, whole, whole))
    return out


def _name_like(label: str) -> bool:
    """A label that may be a person: "Alex", "Sam Lee", "Speaker 1", "INTERVIEWER"."""
    parts = re.sub(r"[*_]", "", label).split()
    if not parts or len(parts) > 3:
        return False
    if any(p.casefold().strip(".'’") in word_set("not_speakers") for p in parts):
        return False
    return all(p[0].isupper() or p[0].isdigit() for p in parts)


_CUE_TIMING = re.compile(
    r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]+-->[ \t]+(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
_TAG = re.compile(r"</?(?:v|c|i|b|u|lang|ruby|rt)(?:[.\s][^>]*)?>|<\d{1,2}:\d{2}[^>]*>")


def _uncaptioned(text: str) -> list[tuple[int, str]]:
    """Captions (WebVTT, SRT) as labelled lines: cue numbers, timings, the WEBVTT header and
    NOTE blocks dropped, a voice tag ("<v Alex>So, design ...") as the label "Alex: ", other
    tags removed. A cue with no voice and no label goes on with the turn before it. Text
    that is no caption file comes back unchanged. Each line keeps its number in the file."""
    lines = text.splitlines()
    if not any(_CUE_TIMING.match(ln) for ln in lines[:40]):
        return list(enumerate(lines, start=1))
    out: list[tuple[int, str]] = []
    skipping = False
    for n, line in enumerate(lines):
        bare = line.strip()
        if not bare:
            skipping = False
            continue
        if skipping or _CUE_TIMING.match(line):
            continue
        if bare.startswith("WEBVTT") or bare.split(" ")[0] in ("NOTE", "STYLE", "REGION"):
            skipping = True  # a block that is no speech, up to the next blank line
            continue
        if bare.isdigit() and n + 1 < len(lines) and _CUE_TIMING.match(lines[n + 1]):
            continue  # an SRT cue number
        line = _VOICE.sub(lambda m: f"{m.group(1).strip()}: ", line)
        out.append((n + 1, _TAG.sub("", line).strip()))
    return out


def _from_text(text: str, names: _Names) -> tuple[Transcript, ReadReport]:
    lines = _parse_lines(_uncaptioned(text))
    # A Markdown title ("# Mock interview") may come before the first turn.
    content = [ln for ln in lines if ln.whole and not (ln.label is None and ln.whole[0] == "#")]
    if not content:
        raise TranscriptError("the transcript is empty")
    report = ReadReport("text")
    speakers = _speakers(content, names, report)
    first = content[0]
    if first.label is None or _key(first.label) not in speakers:
        raise TranscriptError(
            f"line {first.number}: no speaker label (expected 'Interviewer: ...' or "
            f"'Candidate: ...'; for other speaker names, {NAME_THEM})"
        )
    turns: list[tuple[str, list[str], str]] = []
    for ln in lines[lines.index(first) :]:
        if ln.label is not None and _key(ln.label) in speakers:
            turns.append((ln.label, [ln.text], f"line {ln.number}"))
        else:
            turns[-1][1].append(ln.whole)
    raw = [(s, "\n".join(t).strip(), w) for s, t, w in turns]
    return _build([r for r in raw if r[1]], names, report, {})


def _speakers(lines: list[_Line], names: _Names, report: ReadReport) -> set[str]:
    """The labels that start a turn (as keys); other "Word:" lines are text of the turn
    ("Tweet: id, text" in a schema, "Requirements:").

    Speakers are: the names given; labels that say their role in full ("Interviewer",
    "Candidate 2"); short role labels ("Q", "A", "User") only when the first turn uses one;
    and, while fewer than two speakers are known, the next labels that look like names
    ("Alex", "Speaker 1"). Any other name-like label is text, and the report says so.
    """
    labelled = [ln for ln in lines if ln.label is not None]
    first = _key(labelled[0].label or "") if labelled and labelled[0] is lines[0] else None
    weak_ok = first is not None and _role_word(first) is not None and not _strong(first)
    named = {_key(n) for n in (*names.interviewer, *names.candidate)}

    def role_label(key: str) -> bool:
        return _role_word(key) is not None and (_strong(key) or weak_ok)

    speakers = {_key(ln.label or "") for ln in labelled}
    speakers = {k for k in speakers if k in named or role_label(k)}
    if not names.given:
        for ln in labelled:
            key = _key(ln.label or "")
            if len(speakers) >= 2 and len({_role_word(k) or k for k in speakers}) >= 2:
                break
            usable = _role_word(key) is None or role_label(key)
            if usable and (key == first or _name_like(ln.label or "")):
                speakers.add(key)
    left: dict[str, int] = {}
    for ln in labelled:
        key = _key(ln.label or "")
        if key not in speakers and _name_like(ln.label or "") and _role_word(key) is None:
            left.setdefault(ln.label or "", ln.number)
    if left:
        shown = ", ".join(f"'{label}' (line {n})" for label, n in list(left.items())[:5])
        report.notes.append(f"took these labels as text, not speakers: {shown}")
    return speakers


def _strong(key: str) -> bool:
    """A label that says its role in full: interviewer, candidate, interviewee, applicant."""
    return key.startswith(("interviewer", "the interviewer", "candidate", "the candidate")) or (
        key.startswith(("interviewee", "applicant", "recruiter", "hiring manager"))
    )


def _build(
    raw: list[tuple[str, str, str]],
    names: _Names,
    report: ReadReport,
    extra: dict[str, Any],
) -> tuple[Transcript, ReadReport]:
    """Turns (speaker, text, where) -> a transcript: roles given, named or guessed."""
    if not raw:
        raise TranscriptError("no turns with text found")
    order: list[str] = []
    for speaker, _, _ in raw:
        if speaker not in order:
            order.append(speaker)
    roles: dict[str, Role] = {}
    unknown = []
    for speaker in order:
        role = names.role(speaker)
        if role is None:
            unknown.append(speaker)
        else:
            roles[speaker] = role
    if unknown:
        taken = set(roles.values())
        if len(unknown) == 1 and len(taken) == 1:
            roles[unknown[0]] = "candidate" if "interviewer" in taken else "interviewer"
            report.guessed = f"'{unknown[0]}' is the other speaker"
        elif names.given:
            where = next(w for s, _, w in raw if s == unknown[0])
            raise TranscriptError(
                f"{where}: speaker '{unknown[0]}' is neither the interviewer nor the candidate "
                f"named ({NAME_THEM}, several names with commas)"
            )
        elif len(unknown) == 2 and not taken:
            roles.update(_guess_roles(raw, unknown, report))
        else:
            found = ", ".join(f"'{s}'" for s in order)
            raise TranscriptError(
                f"speakers {found}: say who is who ({NAME_THEM}, several names with commas)"
            )
    if "candidate" not in roles.values():
        raise TranscriptError(f"no candidate turns (speakers: {', '.join(order)}); {NAME_THEM}")
    report.speakers = {s: roles[s] for s in order}
    messages: list[dict[str, Any]] = []
    merged = 0
    for speaker, said, _ in raw:
        role = roles[speaker]
        if messages and messages[-1]["role"] == role:
            messages[-1]["content"] += "\n" + said
            merged += 1
        else:
            messages.append({"role": role, "content": said})
    if merged:
        report.notes.append(f"joined {merged} turn(s) that continued the same speaker's turn")
    return parse_transcript({**extra, "messages": messages}), report


OPENING_TURNS = 12
"""Turns in which the problem is stated, small talk included (the labelled interviews state it
by the ninth)."""


def _guess_roles(
    raw: list[tuple[str, str, str]], pair: list[str], report: ReadReport
) -> dict[str, Role]:
    """Two speakers, nobody named: who is the interviewer?

    1. The one whose turn first states the problem ("let's design...", "how would you
       build...") in the opening (`OPENING_TURNS`) is the interviewer; later, "so let's design
       the schema" is the candidate at work.
    2. Otherwise the one who says far less (a third fewer words or more): in a design interview
       the candidate does most of the talking.
    3. Otherwise the one who speaks first.
    """
    a, b = pair
    for speaker, said, where in raw[:OPENING_TURNS]:
        if states_problem(said):
            other = b if speaker == a else a
            report.guessed = f"'{speaker}' is the interviewer: stated the problem ({where})"
            return {speaker: "interviewer", other: "candidate"}
    spoken = Counter[str]()
    for speaker, said, _ in raw:
        spoken[speaker] += len(said.split())
    quiet, talker = sorted(pair, key=lambda s: (spoken[s], pair.index(s)))
    if spoken[quiet] * 3 <= spoken[talker] * 2:
        report.guessed = (
            f"'{quiet}' is the interviewer: said less ({spoken[quiet]} words to {spoken[talker]})"
        )
        return {quiet: "interviewer", talker: "candidate"}
    report.guessed = f"'{a}' is the interviewer: spoke first"
    return {a: "interviewer", b: "candidate"}
