"""Transcripts as people have them (app/core/formats.py): plain text with speaker labels, JSON of
other shapes, and what is left out of grading (app/core/segments.py)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import TranscriptError
from app.core.formats import Mapping, read_transcript
from app.core.segments import (
    FEEDBACK_WHY,
    SMALL_TALK,
    excluded_turns,
    masked,
    problem_turn,
    stated_problem,
)
from app.core.transcript import parse_transcript


def turns(text: str, **options) -> list[tuple[str, str]]:
    transcript, _ = read_transcript(text, **options)
    return [(m.role, m.content) for m in transcript.messages]


I, C = "interviewer", "candidate"  # noqa: E741

# --- plain text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        pytest.param(
            "Interviewer: Design a URL shortener.\nCandidate: Can links expire?",
            {},
            [(I, "Design a URL shortener."), (C, "Can links expire?")],
            id="role-labels",
        ),
        pytest.param(
            "INTERVIEWER: Design a cache.\ncandidate: What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="any-case",
        ),
        pytest.param(
            "**Interviewer:** Design a cache.\n**Candidate**: What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="markdown-bold",
        ),
        pytest.param(
            "[00:00:01] Interviewer: Design a cache.\n[00:01:12] Candidate: What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="bracketed-timestamps",
        ),
        pytest.param(
            "00:01 Interviewer: Design a cache.\n12:04 - Candidate: What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="bare-timestamps",
        ),
        pytest.param(
            "Interviewer (00:01): Design a cache.\nCandidate (00:12:30): What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="timestamp-after-label",
        ),
        pytest.param(
            "Interviewer  0:03\nDesign a cache.\n\nCandidate  0:10\nWhat is cached?\nAnd for how long?",
            {},
            [(I, "Design a cache."), (C, "What is cached?\nAnd for how long?")],
            id="label-line-then-text",
        ),
        pytest.param(
            "Interviewer: Design a cache.\nCandidate: Requirements:\nFunctional: get and put.\n"
            "Storage: memory first.\nIs that right?",
            {},
            [
                (I, "Design a cache."),
                (
                    C,
                    "Requirements:\nFunctional: get and put.\nStorage: memory first.\nIs that right?",
                ),
            ],
            id="headings-continue-the-turn",
        ),
        pytest.param(
            "Interviewer: Design a cache.\nCandidate: What is cached?\nCandidate: And how big?",
            {},
            [(I, "Design a cache."), (C, "What is cached?\nAnd how big?")],
            id="same-speaker-twice-is-one-message",
        ),
        pytest.param(
            "Alex: Let's design a chat app.\nSam: Are group chats in scope?",
            {"interviewer": "Alex", "candidate": "Sam"},
            [(I, "Let's design a chat app."), (C, "Are group chats in scope?")],
            id="names-given",
        ),
        pytest.param(
            "Alex: Let's design a chat app.\nJo: And offline users?\nSam: Are groups in scope?",
            {"interviewer": "Alex, Jo", "candidate": "Sam"},
            [(I, "Let's design a chat app.\nAnd offline users?"), (C, "Are groups in scope?")],
            id="two-interviewers-by-comma",
        ),
        pytest.param(
            "Interviewer 1: Let's design a chat app.\nInterviewer 2: Mobile first.\n"
            "Candidate: Are groups in scope?",
            {},
            [(I, "Let's design a chat app.\nMobile first."), (C, "Are groups in scope?")],
            id="numbered-interviewers",
        ),
        pytest.param(
            "Interviewer (Alex): Design a cache.\nSam (Candidate): What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="role-in-parentheses",
        ),
        pytest.param(
            "Q: Design a cache.\nA: What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="q-and-a",
        ),
        pytest.param(
            "# Mock interview\n\nInterviewer: Design a cache.\nCandidate: What is cached?",
            {},
            [(I, "Design a cache."), (C, "What is cached?")],
            id="markdown-title-first",
        ),
        pytest.param(
            "Interviewer: Design a cache.\nCandidate: GET /items/{id}: returns one item.\n"
            "POST /items: stores one.",
            {},
            [
                (I, "Design a cache."),
                (C, "GET /items/{id}: returns one item.\nPOST /items: stores one."),
            ],
            id="endpoints-are-no-speakers",
        ),
    ],
)
def test_plain_text_turns(text, options, expected):
    assert turns(text, **options) == expected


@pytest.mark.parametrize(
    ("text", "interviewer", "why"),
    [
        pytest.param(
            "Sam: Hi! Good to meet you.\nAlex: You too. So, let's design a job scheduler.\n"
            "Sam: Sure, can jobs repeat?",
            "Alex",
            "stated the problem",
            id="who-states-the-problem",
        ),
        pytest.param(
            "Alex: Over to you.\nSam: I would start with the requirements: who submits jobs, how "
            "often they run, what happens when one fails, and how long we keep their history.\n"
            "Alex: Good.\nSam: Then the API, the storage and the workers, in that order, and I "
            "will check the numbers as I go.",
            "Alex",
            "said less",
            id="who-says-less",
        ),
        pytest.param(
            "Alex: Hello, over to you then.\nSam: Hello, thanks, over to me then.",
            "Alex",
            "spoke first",
            id="who-speaks-first",
        ),
        pytest.param(
            "Interviewer: Design a cache.\nSam: What is cached?",
            "Interviewer",
            "other speaker",
            id="the-other-one",
        ),
    ],
)
def test_two_unnamed_speakers_are_guessed(text, interviewer, why):
    transcript, report = read_transcript(text)
    assert report.speakers[interviewer] == "interviewer"
    assert sorted(report.speakers.values()) == ["candidate", "interviewer"]
    assert why in (report.guessed or "")
    assert transcript.messages[0].role == report.speakers[text.split(":")[0]]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        pytest.param("", {}, "the transcript is empty", id="empty"),
        pytest.param(" \n\n", {}, "the transcript is empty", id="blank"),
        pytest.param(
            "\nHello there.\nInterviewer: Design a cache.",
            {},
            "line 2: no speaker label",
            id="no-label-first",
        ),
        pytest.param(
            "Alex: Design a cache.\nSam: What is cached?",
            {"interviewer": "Alex", "candidate": "Kim"},
            "no candidate turns (speakers: Alex)",
            id="named-candidate-absent",
        ),
        pytest.param(
            "Kim: Design a cache.\nSam: Why?",
            {"interviewer": "Kim"},
            "no candidate turns",
            id="only-the-interviewer-named",
        ),
        pytest.param(
            "Interviewer: Design a cache.\nInterviewer: Go on.",
            {},
            "no candidate turns",
            id="no-candidate",
        ),
        pytest.param(
            "Interviewer:\nCandidate:",
            {},
            "no turns with text",
            id="labels-without-text",
        ),
    ],
)
def test_text_errors_name_what_is_wrong(text, options, message):
    with pytest.raises(TranscriptError, match=re.escape(message)):
        read_transcript(text, **options)


def test_labels_past_two_speakers_are_text_and_reported():
    """ "Tweet: id, text" in a schema is no third speaker: with two speakers known, other
    name-like labels are text of the turn, and the report lists them."""
    text = (
        "Interviewer: Design Twitter.\nCandidate: Tables:\nTweet: tweet_id, author_id\n"
        "User: user_id, name\nInterviewer: Go on."
    )
    transcript, report = read_transcript(text)
    assert [(m.role, m.content) for m in transcript.messages] == [
        (I, "Design Twitter."),
        (C, "Tables:\nTweet: tweet_id, author_id\nUser: user_id, name"),
        (I, "Go on."),
    ]
    assert report.notes == ["took these labels as text, not speakers: 'Tweet' (line 3)"]
    _, three = read_transcript("Alex: Design a cache.\nSam: What is cached?\nBo: And where?")
    assert "'Bo' (line 3)" in three.notes[0]


def test_short_role_labels_count_when_the_transcript_uses_them():
    assert turns("Q: Design a cache.\nA: What is cached?\nQ: Anything.")[2] == (I, "Anything.")
    text = "Alex: Design a cache.\nSam: The data:\nA: a key\nUser: an owner"
    assert turns(text)[1] == (C, "The data:\nA: a key\nUser: an owner")


def test_named_speakers_ignore_other_labels():
    """With names given, any other "Word:" line is text of the turn it is in."""
    text = "Alex: Design a cache.\nSam: First the data.\nBob: a user, for example.\nAlex: Go on."
    assert turns(text, interviewer="Alex", candidate="Sam") == [
        (I, "Design a cache."),
        (C, "First the data.\nBob: a user, for example."),
        (I, "Go on."),
    ]


# --- JSON ----------------------------------------------------------------------------------


def test_sdi_transcripts_pass_through_with_steps_and_reveals():
    data = {
        "scenario_id": "twitter",
        "messages": [
            {"role": "interviewer", "content": "Let's design Twitter.", "step": "requirements"},
            {"role": "candidate", "content": "Can tweets hold images?"},
            {"role": "interviewer", "content": "Yes.", "revealed": ["media"]},
        ],
    }
    transcript, report = read_transcript(json.dumps(data))
    assert report.source == "sdi.transcript/v1"
    assert transcript == parse_transcript(data)


@pytest.mark.parametrize(
    ("data", "mapping", "expected"),
    [
        pytest.param(
            [
                {"speaker": "Interviewer", "text": "Design a cache."},
                {"speaker": "Candidate", "text": "Why?"},
            ],
            None,
            [(I, "Design a cache."), (C, "Why?")],
            id="list-of-speaker-text",
        ),
        pytest.param(
            {
                "turns": [
                    {"role": "interviewer", "message": "Design a cache."},
                    {"role": "interviewee", "message": "Why?"},
                ]
            },
            None,
            [(I, "Design a cache."), (C, "Why?")],
            id="turns-role-message",
        ),
        pytest.param(
            {
                "messages": [
                    {"role": "system", "content": "You are an interviewer."},
                    {"role": "assistant", "content": "Design a cache."},
                    {"role": "user", "content": "Why?"},
                ]
            },
            None,
            [(I, "Design a cache."), (C, "Why?")],
            id="chat-log-system-dropped",
        ),
        pytest.param(
            {
                "data": {
                    "utterances": [
                        {"speaker": 0, "transcript": "Let's design a cache."},
                        {"speaker": 1, "transcript": "What is cached?"},
                    ]
                }
            },
            None,
            [(I, "Let's design a cache."), (C, "What is cached?")],
            id="numbered-speakers-one-level-down",
        ),
        pytest.param(
            {
                "log": {
                    "rows": [
                        {"by": "Kim", "utt": "Let's design a cache."},
                        {"by": "Lee", "utt": "What is cached?"},
                    ]
                }
            },
            Mapping(messages="log.rows", speaker="by", text="utt"),
            [(I, "Let's design a cache."), (C, "What is cached?")],
            id="mapping",
        ),
        pytest.param(
            [
                {"speaker": "Interviewer", "text": "Design a cache."},
                {"speaker": "Candidate", "text": ["What", "is cached?"]},
                {"speaker": "Candidate", "text": "   "},
                {"speaker": "Candidate", "text": "And how big?"},
            ],
            None,
            [(I, "Design a cache."), (C, "What is cached?\nAnd how big?")],
            id="pieces-joined-blank-skipped",
        ),
    ],
)
def test_json_shapes(data, mapping, expected):
    assert turns(json.dumps(data), mapping=mapping) == expected


def test_json_keeps_scenario_and_problem():
    data = {
        "scenario_id": "job-scheduler",
        "problem": "Design a job scheduler",
        "turns": [
            {"speaker": "Interviewer", "text": "Go."},
            {"speaker": "Candidate", "text": "Ok."},
        ],
    }
    transcript, report = read_transcript(json.dumps(data))
    assert (transcript.scenario_id, transcript.problem) == (
        "job-scheduler",
        "Design a job scheduler",
    )
    assert report.source == "json"


@pytest.mark.parametrize(
    ("text", "mapping", "message"),
    [
        pytest.param("{not json", None, "not valid JSON: .* line 1 column 2", id="bad-json"),
        pytest.param("7", None, "no speaker label", id="a-number-is-text"),
        pytest.param('"hi"', None, "no speaker label", id="a-string-is-text"),
        pytest.param("[]", None, "turns: the list of turns is empty", id="empty-list"),
        pytest.param('{"a": 1}', None, r"no list of turns found \(keys: a\)", id="no-list"),
        pytest.param("[1, 2]", None, "turns\\[0\\]: no speaker key", id="turns-not-objects"),
        pytest.param(
            '[{"speaker": "Interviewer", "text": "a"}, "b"]',
            None,
            r"turns\[1\]: a turn must be an object",
            id="a-turn-not-an-object",
        ),
        pytest.param(
            '[{"speaker": "Interviewer", "text": "a"}, {"speaker": "Candidate"}]',
            None,
            r"turns\[1\]: no 'text' key",
            id="missing-text",
        ),
        pytest.param(
            '[{"speaker": "Interviewer", "text": {"a": 1}}]',
            None,
            r"turns\[0\].text: must be text, not dict",
            id="text-not-a-string",
        ),
        pytest.param(
            '{"x": {"y": 1}}',
            Mapping(messages="x.z"),
            "mapping messages=x.z: no key 'z'",
            id="bad-path",
        ),
        pytest.param(
            '{"x": {"y": 1}}',
            Mapping(messages="x.y"),
            "x.y: must be a list of turns",
            id="path-not-a-list",
        ),
    ],
)
def test_json_errors_name_what_is_wrong(text, mapping, message):
    with pytest.raises(TranscriptError, match=message):
        read_transcript(text, mapping=mapping)


def test_a_text_transcript_may_start_like_a_json_list():
    assert turns("[00:01] Interviewer: Design a cache.\n[00:05] Candidate: Why?")[1] == (C, "Why?")


def test_a_byte_order_mark_and_windows_line_ends_are_read():
    text = "\ufeffInterviewer: Design a cache.\r\nCandidate: Why?\r\n"
    assert turns(text) == [(I, "Design a cache."), (C, "Why?")]


def test_a_mapping_on_a_text_transcript_is_refused():
    with pytest.raises(TranscriptError, match="applies to JSON transcripts; this one is text"):
        read_transcript("Interviewer: hi\nCandidate: hi", mapping=Mapping(text="said"))


def test_format_option_forces_the_reader():
    with pytest.raises(TranscriptError, match="not valid JSON"):
        read_transcript("Interviewer: hi\nCandidate: hi", format="json")
    with pytest.raises(TranscriptError, match="no speaker label"):
        read_transcript('{"messages": []}', format="text")


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (["messages=a.b", "speaker=who", "text=said"], Mapping("a.b", "who", "said")),
        ([" text = body "], Mapping(text="body")),
    ],
)
def test_mapping_from_options(pairs, expected):
    assert Mapping.parse(pairs) == expected


@pytest.mark.parametrize("pair", ["speaker", "speaker=", "colour=red", "=x"])
def test_bad_mapping_options_are_refused(pair):
    with pytest.raises(TranscriptError, match="expected messages=PATH"):
        Mapping.parse([pair])


# --- small talk and feedback ----------------------------------------------------------------


def transcript_of(*pairs: tuple[str, str]):
    return parse_transcript({"messages": [{"role": r, "content": c} for r, c in pairs]})


DESIGN = [
    (I, "So today, I'd like you to design a job scheduler."),
    (C, "Can jobs be edited after they are created? Who submits them?"),
    (I, "Yes, owners can edit them. Teams submit them through an API."),
    (C, "Then a job has many runs, and given a job we list its runs, newest first. " * 3),
    (I, "Okay. And the storage?"),
    (
        C,
        "A relational database for jobs, because we need transactions, with an index on next_run_at. "
        * 3,
    ),
]


def test_small_talk_and_feedback_are_left_out():
    transcript = transcript_of(
        (I, "Hi! How's your week been?"),
        (C, "Good, thanks. Busy."),
        *DESIGN,
        (I, "We're out of time. Overall you did a good job; one thing to improve is estimates."),
        (C, "Thanks, that's helpful!"),
    )
    excluded = excluded_turns(transcript)
    assert [e.as_json() for e in excluded] == [
        {"turns": [0, 1], "why": SMALL_TALK},
        {"turns": [8, 9], "why": FEEDBACK_WHY},
    ]
    graded = masked(transcript, excluded)
    assert [m.content for m in graded.messages][:2] == ["", ""]
    assert graded.messages[2] == transcript.messages[2]
    assert len(graded.messages) == len(transcript.messages)


def test_the_last_question_on_the_design_is_still_the_interview():
    # "We're at time. Anything you'd add?": the answer is graded; feedback starts after it
    transcript = transcript_of(
        *DESIGN,
        (I, "Okay, we're about at time. Anything you'd want to add?"),
        (C, "I'd add monitoring on the scheduler lag, it's the first thing that breaks."),
        (I, "Okay, cool. So, feedback. The storage part was solid."),
        (C, "Thanks!"),
    )
    assert [e.as_json() for e in excluded_turns(transcript)] == [
        {"turns": [8, 9], "why": FEEDBACK_WHY}
    ]


@pytest.mark.parametrize(
    "question",
    [
        "We're almost out of time. How does your design meet the requirements you set out?",
        "We're nearly out of time. Anything you'd do differently?",
        "Okay, we're about out of time. Any weak points?",
    ],
)
def test_a_last_question_on_the_design_is_graded_not_feedback(question):
    transcript = transcript_of(
        *DESIGN,
        (I, question),
        (C, "The scheduler is a single leader; if it dies we lose a minute of runs."),
        (I, "Okay, let's stop here and I'll give you some feedback."),
        (C, "Thanks!"),
    )
    assert [e.as_json() for e in excluded_turns(transcript)] == [
        {"turns": [8, 9], "why": FEEDBACK_WHY}
    ]


def test_praise_in_passing_is_not_feedback():
    transcript = transcript_of(
        *DESIGN,
        (I, "Good job on the storage. What about failures?"),
        (C, "Workers heartbeat; a run without a heartbeat for a minute is retried. " * 4),
        (I, "And when the scheduler dies?"),
        (C, "Two schedulers with leader election, the standby takes over. " * 4),
    )
    assert excluded_turns(transcript) == []


def test_the_problem_may_be_found_by_its_words():
    transcript = transcript_of(
        (I, "Hello, welcome."),
        (C, "Thanks."),
        (I, "A distributed job scheduler, like cron for a company."),
        (C, "Can jobs repeat?"),
    )
    assert excluded_turns(transcript) == []
    assert [
        e.as_json() for e in excluded_turns(transcript, "Design a distributed job scheduler")
    ] == [{"turns": [0, 1], "why": SMALL_TALK}]


def test_a_system_design_interview_is_not_the_problem():
    transcript = transcript_of(
        (I, "Hi, today we're going to do a system design interview, about 45 minutes."),
        (C, "Great."),
        (I, "Let's design a leaderboard for a game."),
        (C, "How many players?"),
    )
    assert [e.as_json() for e in excluded_turns(transcript)] == [
        {"turns": [0, 1], "why": SMALL_TALK}
    ]


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("Great. So, design Ticketmaster. People buy tickets.", "So, design Ticketmaster"),
        ("Okay. Design a news feed. Think of Facebook.", "Design a news feed"),
        ("Great. Let's design a chat app, something like WhatsApp.", None),
        ("Perfect. So the question: design a real-time leaderboard.", None),
        ("So, the question I have for you today is, design a distributed message queue.", None),
        ("Cool. Alright, so today's question. Design an app like Splitwise.", None),
    ],
)
def test_the_problem_is_found_however_the_interviewer_opens(statement, problem):
    # Without the problem given, the interviewer's opening is found by how it is said: a
    # sentence opening with the design verb, a name after it, "the question ... is, design".
    transcript = transcript_of(
        (I, "Hi, can you hear me?"),
        (C, "Yes, loud and clear."),
        (I, statement),
        (C, "Okay, before I draw anything, who are the users and how many are there?"),
        *DESIGN,
    )
    assert problem_turn(transcript) == 2
    assert [e.as_json() for e in excluded_turns(transcript)][0] == {
        "turns": [0, 1],
        "why": SMALL_TALK,
    }
    if problem:
        assert stated_problem(transcript) == problem


def test_a_late_design_request_is_not_where_the_interview_starts():
    # A problem statement the opening missed is not found in the middle of the design ("Now
    # design the API for it"): taking it would leave everything before it out of the grade.
    long_answer = (
        "The jobs go into a table keyed by their next run time, and workers poll it. " * 16
    )
    transcript = transcript_of(
        (I, "Hi! So we have about forty minutes."),
        (C, long_answer),
        (I, "Okay."),
        (C, long_answer),
        (I, "Good. Now design the API for it."),
        (C, "POST /jobs with the schedule."),
    )
    assert problem_turn(transcript) is None
    assert excluded_turns(transcript) == []


@pytest.mark.parametrize(
    "chat",
    ["Let's have a chat about your background first.", "I want to chat about the format."],
)
def test_a_chat_about_the_session_is_not_a_chat_app(chat):
    transcript = transcript_of((I, chat), (C, "Sure."), (I, "Let's design a chat app."))
    assert problem_turn(transcript) == 2


def test_the_candidate_saying_lets_design_later_does_not_make_them_the_interviewer():
    text = (
        "Priya: Hi, can you hear me?\nTomasz: Yes. Hi Priya.\n"
        "Priya: Great. So, design Ticketmaster.\n"
        + "".join(
            f"Tomasz: {'We keep seats in a table per event and hold them for ten minutes. ' * 3}"
            f"\nPriya: Okay.\n"
            for _ in range(3)
        )
        + "Tomasz: So let's design the payment flow next.\nPriya: Sure.\n"
    )
    _, report = read_transcript(text)
    assert report.speakers == {"Priya": "interviewer", "Tomasz": "candidate"}
    assert "stated the problem" in (report.guessed or "")


def test_sdi_transcripts_keep_every_turn():
    transcript = parse_transcript(
        {
            "scenario_id": "twitter",
            "messages": [
                {
                    "role": "interviewer",
                    "content": "Hi! Let's design Twitter.",
                    "step": "requirements",
                },
                {"role": "candidate", "content": "Sure."},
                {
                    "role": "interviewer",
                    "content": "Thanks for your time, great job.",
                    "step": "wrap_up",
                },
            ],
        }
    )
    assert excluded_turns(transcript) == []


def test_no_problem_statement_leaves_everything_in():
    transcript = transcript_of((I, "Hi there."), (C, "Hello. Can jobs repeat?"), (I, "Yes."))
    assert excluded_turns(transcript) == []


def test_a_named_json_transcript_refuses_a_third_speaker():
    data = [
        {"speaker": "Kim", "text": "Design a cache."},
        {"speaker": "Lee", "text": "Why?"},
        {"speaker": "Bo", "text": "Hi."},
    ]
    with pytest.raises(TranscriptError, match=r"turns\[2\]: speaker 'Bo' is neither"):
        read_transcript(json.dumps(data), interviewer="Kim", candidate="Lee")


def test_one_named_speaker_makes_the_other_the_other_role():
    data = [{"speaker": "Kim", "text": "Design a cache."}, {"speaker": "Lee", "text": "Why?"}]
    _, report = read_transcript(json.dumps(data), candidate="Lee")
    assert report.speakers == {"Kim": "interviewer", "Lee": "candidate"}


_PIECES = st.sampled_from(
    [
        "Interviewer:",
        "Candidate:",
        "Alex:",
        "Sam:",
        "[00:01]",
        "12:04",
        "**",
        "\n",
        " ",
        "#",
        "Requirements:",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        '"',
        ",",
        ":",
        "design a cache",
        "?",
        "0:03",
        '{"turns": [',
        '{"speaker": 0, "text": "hi"}',
        '"messages"',
        "system",
        "1",
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=200))
def test_any_text_reads_or_names_what_is_wrong(text):
    """Whatever arrives, the reader returns a transcript or a TranscriptError, never a crash."""
    try:
        transcript, _ = read_transcript(text)
    except TranscriptError as exc:
        assert str(exc)
    else:
        assert transcript.messages and all(m.content.strip() for m in transcript.messages)


def test_three_unnamed_json_speakers_are_refused():
    data = [{"speaker": s, "text": "hi"} for s in ("Alex", "Sam", "Bo")]
    with pytest.raises(TranscriptError, match="speakers 'Alex', 'Sam', 'Bo': say who is who"):
        read_transcript(json.dumps(data))


_VTT = (
    "WEBVTT\n\nNOTE exported by a captioning tool\nsecond note line\n\n"
    "1\n00:00:01.000 --> 00:00:04.000\n<v Priya>Hi, can you hear me?</v>\n\n"
    "00:00:04.000 --> 00:00:07.500 align:start\n<v.loud Tom>Yes, loud and clear.\n\n"
    "00:00:08.000 --> 00:00:10.000\n<v Priya>So, design a <c.yellow>job scheduler</c>.\n\n"
    "00:00:10.000 --> 00:00:14.000\n<v Tom>Who submits jobs?\n\n"
    "00:00:14.000 --> 00:00:16.000\nAnd how often do they run?\n"
)
_SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nPriya: Hi, can you hear me?\n\n"
    "2\n00:00:04,000 --> 00:00:07,500\nTom: Yes, loud and clear.\n\n"
    "3\n00:00:08,000 --> 00:00:10,000\nPriya: So, design a job scheduler.\n\n"
    "4\n00:00:10,000 --> 00:00:14,000\nTom: Who submits jobs?\n\n"
    "5\n00:00:14,000 --> 00:00:16,000\nAnd how often do they run?\n"
)


@pytest.mark.parametrize("captions", [_VTT, _SRT], ids=["webvtt", "srt"])
def test_captions_are_read_by_their_voices_or_labels(captions):
    # Cue numbers, timings, the header and NOTE blocks are no speech; a voice tag or a label
    # names the speaker; a cue with neither goes on with the turn before it.
    transcript, report = read_transcript(captions)
    assert [(m.role, m.content) for m in transcript.messages] == [
        ("interviewer", "Hi, can you hear me?"),
        ("candidate", "Yes, loud and clear."),
        ("interviewer", "So, design a job scheduler."),
        ("candidate", "Who submits jobs?\nAnd how often do they run?"),
    ]
    assert report.speakers == {"Priya": "interviewer", "Tom": "candidate"}


def test_a_caption_without_a_speaker_is_named_by_its_line_in_the_file():
    captions = "1\n00:00:01,000 --> 00:00:04,000\nHello, no label here.\n\n2\n00:00:04,000 --> 00:00:05,000\nTom: Hi."
    with pytest.raises(TranscriptError, match=r"^line 3: no speaker label"):
        read_transcript(captions)


def test_a_role_alone_on_its_line_heads_the_text_below():
    text = (
        "Interviewer\nSo, design a job scheduler.\n\nCandidate\nWho submits jobs?\nAnd how often?\n"
    )
    transcript, _ = read_transcript(text)
    assert [(m.role, m.content) for m in transcript.messages] == [
        ("interviewer", "So, design a job scheduler."),
        ("candidate", "Who submits jobs?\nAnd how often?"),
    ]
