"""Grading a problem sdi has no scenario of ("Design a job scheduler"): the generic grade.

Every framework criterion is judged; the fact criteria (`req.uncovered`, `data.uncovered`) do
not apply, as there are no hidden facts. The criteria read what a scenario would tell them from
a *stand-in*, built from the transcript's own words (docs/transcripts.md):

- business objects: nouns the candidate keeps naming after an article or quantifier ("a job",
  "each run", "many workers"), and the problem's own nouns the candidate uses;
- blobs: media or large binaries the candidate or the interviewer said the system holds
  ("screenshots", "video", "large files"), unless denied ("no media");
- a read-heavy hot path: unless the candidate called the system write-heavy, or the problem is
  one whose system serves no read path to speak of (a rate limiter, a crawler, an id
  generator: `no_read_path_problem`) and the candidate did not call
  theirs read-heavy (most systems asked about are read-heavy; a name-dropper who never says
  which earns no free point);
- any reasoned database choice and any reasoned read/write call fits.

Advice that would quote a scenario (its objects, its numbers) comes from
prompts/rubric_generic.yaml instead. Pure: no I/O beyond the cached word lists.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from app.core.diagrams import DiagramSentence
from app.core.grading.context import GradeContext
from app.core.grading.criteria import _claim as read_write_claim
from app.core.scenarios.loader import LoadedScenario, load_lexicon
from app.core.scenarios.models import (
    NFR,
    BusinessObject,
    DataApiScale,
    DataTypes,
    Design,
    NFRs,
    Requirements,
    Scenario,
)
from app.core.segments import states_problem
from app.core.text import literal, sentences, stem, words
from app.core.transcript import Transcript
from app.core.transcript_words import pattern, word_set

GENERIC_ID = "generic"
MAX_OBJECTS = 6
MIN_MENTIONS = 2
"""A noun is an object when the candidate names it this often (after an article)."""

_NAMED = re.compile(
    r"\b(?:a|an|each|every|one|many|multiple|several|per|any|given|the same|other|another|"
    r"their|its|all|some|two|new)\s+(?:(?:of )?the\s+)?([a-z][a-z-]{2,})\b",
    re.IGNORECASE,
)


_NAMED_LOW = re.compile(_NAMED.pattern)
"""`_NAMED` on lower-cased text: the same finds, several times faster."""


@cache
def generic_scenario() -> LoadedScenario:
    """The shared stand-in: no facts, no twists, the shipped lexicon (read once)."""
    model = _model([BusinessObject(name="record", aliases=["record"])], [], hot_path=False)
    return LoadedScenario(
        scenario=model, lexicon=load_lexicon(), fact_rules={}, path=Path(GENERIC_ID)
    )


def generic_context(transcript: Transcript, problem: str | None = None) -> GradeContext:
    """A grading context for a transcript of a problem sdi has no scenario of."""
    ctx = GradeContext(transcript, generic_scenario())
    # Rules made of this transcript's words stay in this grade's cache, not the shared one.
    ctx.lexicon = ctx.lexicon.fork()
    ctx.problem = problem or ""
    objects = infer_objects(ctx, problem)
    blobs = infer_blobs(ctx)
    calls = {read_write_claim(s.text) for s in ctx.said if not s.question} - {None}
    read_heavy = "read_heavy" in calls or (
        "write_heavy" not in calls and not _no_read_path(transcript, problem)
    )
    ctx.model = _model(
        objects or generic_scenario().scenario.requirements.objects, blobs, read_heavy
    )
    return ctx


def _no_read_path(transcript: Transcript, problem: str | None) -> bool:
    """Whether the problem is one whose system serves no read-heavy hot path (a rate limiter,
    a crawler, an id generator): named by `problem`, or by the interviewer's first turn that
    states a problem."""
    stated = problem or next(
        (
            m.content
            for m in transcript.messages
            if m.role == "interviewer" and states_problem(m.content)
        ),
        "",
    )
    return bool(pattern("no_read_path_problem").search(stated))


_LIKE = re.compile(r"\blike\b[^()]*")
_EXAMPLES = re.compile(r"(?<!^)\b[A-Z][\w.&-]*")


def infer_objects(ctx: GradeContext, problem: str | None = None) -> list[BusinessObject]:
    """The nouns the candidate treats as the system's things, most named first."""
    not_objects = word_set("not_objects")
    reclaimable = word_set("reclaimable_objects")
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    spelling: dict[str, Counter[str]] = {}
    for n, s in enumerate(ctx.said):
        named = [
            w
            for w in (m.group(1) for m in _NAMED_LOW.finditer(s.reading.low))
            if not _participle(w)
        ]
        found = [w for w in named if w not in not_objects and _singular(w) not in not_objects]
        # Two things related in one sentence ("a user owns many jobs") are named in earnest.
        related = not s.question and len(set(found)) >= 2 and ctx.has(s, "@relation_word")
        # A word of the interview's own ("a question", "a file") is a thing of the system
        # when related to another in a statement ("a question has many answers").
        if not s.question and found and any(w in reclaimable for w in named):
            found += [w for w in named if w in reclaimable]
            related = len(set(found)) >= 2 and ctx.has(s, "@relation_word")
            if not related:
                found = [w for w in found if w not in reclaimable]
        weight = 2 if related else 1
        for word in found:
            key = stem(_singular(word))
            counts[key] += weight
            first_seen.setdefault(key, n)
            spelling.setdefault(key, Counter())[_singular(word)] += 1
    # The problem's own nouns count wherever the candidate says them ("the jobs"), by stem
    # ("a logging system": the logs).
    # Names in it are the examples, not the things ("like Gmail", "(Kafka / SQS)", "Google").
    common = _EXAMPLES.sub(" ", _LIKE.sub(" ", problem or ""))
    wanted = {
        stem(_singular(w))
        for w in words(common)
        if len(w) > 2 and (w not in not_objects or w in reclaimable)
    }

    for n, s in enumerate(ctx.said if wanted else ()):
        for word in words(s.text):
            if (
                len(word) > 2
                and (word not in not_objects or word in reclaimable)
                and not _participle(word)  # "the scheduled jobs" of "a job scheduler"
                and stem(_singular(word)) in wanted
            ):
                key = stem(_singular(word))
                counts[key] += 0 if key in counts else 1
                first_seen.setdefault(key, n)
                spelling.setdefault(key, Counter())[_singular(word)] += 1
    # A component ("Kafka", "a CDN", "the LSM tree") is the machinery, not the system's thing.
    machinery = {
        k for k in counts if k not in wanted and ctx.has_word(next(iter(spelling[k])), "@component")
    }
    chosen = sorted(
        (k for k, c in counts.items() if (c >= MIN_MENTIONS or k in wanted) and k not in machinery),
        # the problem's own nouns first: they are the system's things however often said
        key=lambda k: (k not in wanted, -counts[k], first_seen[k]),
    )[:MAX_OBJECTS]
    objects = []
    for key in sorted(chosen, key=lambda k: first_seen[k]):
        name = min(spelling[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        objects.append(BusinessObject(name=name, aliases=[name]))
    return objects


def _participle(word: str) -> bool:
    """ "a scheduled job", "a deleted tweet": a participle, not a thing (a feed is a thing)."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


@lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    if word in ("series", "species"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    # ("redis", "status", "analysis" are no plurals)
    if word.endswith("s") and not word.endswith(("ss", "is", "us")) and len(word) > 2:
        return word[:-1]
    return word


def infer_blobs(ctx: GradeContext) -> list[str]:
    """Media or large binaries the system holds, as either side said it (not asked, not
    denied): the candidate's statements and the interviewer's answers."""
    media, denied, assets = pattern("media"), pattern("denied"), pattern("site_assets")
    lowered = re.compile(media.pattern, media.flags & ~re.IGNORECASE)

    def names_media(text: str) -> bool:
        # On ASCII text the pattern (all lower case) finds the same on the lower-cased text,
        # case-sensitively, several times faster. "I have the full picture" names no media.
        text = literal(text)
        return bool(lowered.search(text.lower()) if text.isascii() else media.search(text))

    # A sentence that names media is in a message that does (a drawn edge is words of its own).
    names = {
        t
        for t, m in enumerate(ctx.transcript.messages)
        if m.role == "candidate" and names_media(m.content)
    }
    messages = ctx.transcript.messages
    said = [
        (s.text, messages[s.turn].content)
        for s in ctx.said
        if (s.turn in names or isinstance(s.sentence, DiagramSentence)) and not s.question
    ]
    for message in messages:
        # A message that names no media has no sentence that does: it need not be split.
        if message.role == "interviewer" and names_media(message.content):
            said.extend(
                (s.text, message.content)
                for s in sentences(message.content)
                if not s.is_question_mark
            )
    found: dict[str, None] = {}
    # What the candidate puts in a blob store is a blob ("the page content goes to S3", "raw
    # click events land in S3 as Parquet files", "stores the page content in storage, like S3").
    for s in ctx.said:
        if not s.question and not denied.search(s.text):
            found.update(
                dict.fromkeys(
                    thing
                    for m in _PUT_IN_BLOBS.finditer(s.text)
                    if (thing := (m.group("thing") or m.group("thing2")).lower()) not in _NOT_A_BLOB
                )
            )
    for text, message_text in said:
        plain = literal(text)
        matches = [m.group(0).lower() for m in media.finditer(plain) if not _named_only(plain, m)]
        if matches and _CONTAINERS.search(message_text):
            # "Let's say they're containers. The user gives you an image": a container image
            matches = [m for m in matches if not m.startswith("image")]
        if matches and not denied.search(text) and not assets.search(text):
            found.update(dict.fromkeys(matches))
            # "the logs are big unstructured blobs": the logs are what a blob store holds
            found.update(dict.fromkeys(m.group(1).lower() for m in _CALLED_BLOBS.finditer(text)))
    return list(found)


def _named_only(text: str, m: re.Match[str]) -> bool:
    """A media noun the system's data hangs off or is pointed by, not data it holds: "a comment
    on a video", "keyed by video id", "in this picture" (the drawing), "the big picture", "blob
    storage" (the place)."""
    before = text[max(0, m.start() - 40) : m.start()]
    return bool(
        _HUNG_ON.search(before)
        # a place named for what it holds, not a thing held: "blob storage, S3-style"
        or (m.group(0).lower().startswith("blob") and _STORE_AFTER.match(text, m.end()))
        or (m.group(0).lower().startswith("picture") and _PICTURE_SAID.search(before))
        or _AS_KEY.match(text, m.end())
    )


_HUNG_ON = re.compile(
    r"(?i)\b(?:on|under|below|beneath)\s+(?:a|an|the|each|every|this|that|one|any)\s+"
    r"(?:[\w-]+\s+){0,2}$"  # "under a YouTube video", "on a live video"
)
_PICTURE_SAID = re.compile(
    r"(?i)\b(?:(?:in|into)\s+(?:this|the|that|my|our)|big|bigger|full|whole|complete|clear)\s+$"
)
_STORE_AFTER = re.compile(r"(?i)[ -]?(?:stor\w*|bucket|buckets)\b")
_AS_KEY = re.compile(r"(?i)\s?_?ids?\b|/[{:<]")


_CONTAINERS = re.compile(r"\b(?:containers?|docker|kubernetes|k8s|pods?)\b", re.IGNORECASE)


_BLOB_PLACE = r"\b(?:s3|gcs|hdfs|object stor\w*|blob stor\w*|buckets?)\b"
_PUT_IN_BLOBS = re.compile(
    r"\b(?P<thing>[a-z]{4,})\s+(?:(?:also|then|all|just|will|would|can|should)\s+)?"
    r"(?:go|goes|going|land|lands|landing|(?:is|are|get|gets|be)\s+(?:stored|written|dumped|"
    r"saved|uploaded|kept|put))\b[^.;?]{0,30}?\b(?:in|into|to|on)\b[^.;?]{0,25}?"
    + _BLOB_PLACE
    + r"|\b(?:store|stores|put|puts|dump|dumps|write|writes|keep|keeps|save|saves)\s+"
    r"(?:the\s+|all\s+the\s+|raw\s+)?(?:[a-z]+\s+)?(?P<thing2>[a-z]{4,})\s+(?:in|into|to|on)\b"
    r"[^.;?]{0,25}?" + _BLOB_PLACE,
    re.IGNORECASE,
)
"""Data the candidate places in a blob store ("the page content goes to S3")."""


_NOT_A_BLOB = frozenset({"that", "this", "them", "they", "which", "everything", "data", "stuff"})


_CALLED_BLOBS = re.compile(
    r"(?:^\W*|\b(?:the|our|their|its|each|every)\s+)(?:\w+\s+)?([a-z]{4,})\s+(?:are|is)\b[^.;]{0,40}?"
    r"\b(?:blobs?|binar(?:y|ies)|(?:big|large|huge) (?:files?|objects?))\b",
    re.IGNORECASE,
)
"""A thing the speaker calls a blob: its noun is one of the system's blobs."""


def _model(objects: list[BusinessObject], blobs: list[str], hot_path: bool) -> Scenario:
    general = NFR(priority="baseline", reason="")
    return Scenario.model_construct(
        id=GENERIC_ID,
        title="A problem of your own",
        statement="",
        facts=[],
        requirements=Requirements(
            objects=objects,
            # Performance tied to one of the system's own things ("the due-jobs lookup must be
            # fast") is tied to an access pattern.
            hot_path_terms=[o.name for o in objects],
            relations=["-"],
            access_patterns=["given X, get all related Y", "given Y, get its X"],
            nfr=NFRs(
                performance=general, availability=general, security=general, consistency=general
            ),
        ),
        data_api_scale=DataApiScale(
            data_types=DataTypes(structured=["records"], blobs=blobs),
            endpoints=["GET /things/{id}", "GET /things?cursor="],
            read_write="balanced",
            read_write_reason="",
            estimates=["-"],
        ),
        design=Design(
            database="either",
            database_reason="",
            hot_path="precompute what the hot path reads" if hot_path else None,
            elements=["-"],
        ),
        follow_ups=[],
        twists=[],
    )
