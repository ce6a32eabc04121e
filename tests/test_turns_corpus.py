"""The interviewer on the turns corpus (dev part; the test part is frozen and only reported by
bench/corpora.py): how it meets a play-back or a check-in, and a request to move on."""

from __future__ import annotations

import pytest

from app.core.policy import Memory, decide
from app.core.scenarios.loader import default_library
from tests.evaluation.turns import answers, moves, play_backs


@pytest.fixture(scope="module")
def library():
    return default_library()


def test_check_ins_are_acknowledged_and_never_corrected_wrongly(library):
    found = play_backs("dev", library)
    # When this was set: acknowledged 0.871 (115/132), 'state an assumption' 5, false
    # corrections 1, hidden facts named 6 (each a fact the message asked and the writer did not
    # label as asked), contradictions corrected 0.103. Then, with the speech-act work and a
    # closing view found where it begins in a run-on: acknowledged 0.924 (122/132), 0 met with
    # 'state an assumption'. Then dev2 (154 more, measured untouched: acknowledged 0.726,
    # contradictions corrected 0.068) was tuned on: check-ins as people word them, a statement
    # tagged "right" in one breath, counts of the same thing and negations scoped to the phrase
    # they turn: dev (both folders) acknowledged 0.880, corrected 0.137. Session 13: each fact's
    # `wrong` rules (what a statement that gets it wrong says), written for every scenario by
    # helpers who never saw this corpus, and a plain question read as claiming nothing: corrected
    # 0.291 (34/117) -> 0.684 (80/117), false corrections 0 (frozen test: 18/66 -> 44/66, false
    # corrections 1 -> 3). Then dev3 (156 play-backs written by a helper from a fresh brief,
    # measured on arrival: 20/68 corrected and 2 false on the session-start engine, 36/68 and 6
    # false on this one) taught: a figure the answer gives as a multiple ("ten times that"), a
    # multiple written "3x" is no count, what a clause sets against ("rather than"), a condition
    # said first ("When the user is offline, ...") belong to the claim: dev3 34/68, 0 false; dev
    # (all three) 0.616 (114/185), 0 false; frozen test 44/66, false corrections 2. Session 15:
    # the learned reader no longer reveals media for "so an avg wrtie is ~1 KB since most r just
    # text?" (nobody asked); the typo hides the write size it gets wrong, so the reply is
    # "state an assumption": 2 such replies. Session 16: dev6 (156, written at the session's
    # start, with untold figures put up in play-backs: 48/83 corrected, 3 false, 1 'state an
    # assumption' on arrival): a clause deciding something of one's own ("I'm leaving ranking
    # out") claims nothing, a count an answer gives "each month" is a rate, a closing "? right"
    # is a check-in: dev 272/417 corrected, 0 false, 2 'state an assumption'. Session 17:
    # dev7 (156, written at the session's start; a third put up a figure not told yet, half
    # of those far off): on arrival 52/85 corrected, 5 false corrections, untold figures far
    # off corrected 6/24 (0/24 on the session-start engine); the sentence that put an untold
    # figure up read for its own figure, and "immutable", "frozen" excluding the claim that an
    # artifact or a submission changes: 9/24, 3 false (KNOWN_FALSE); dev 324/502 corrected. Session 19: a
    # size said of the one thing its clause is about, far from the one told, with no total
    # worked out or said ("~10 GB per recording?" against 100 MB): dev 333/502, no new false.
    # Then dev9 (156, written blind mid-session, half of them getting a told fact wrong: 49/79
    # corrected, 5 false on the session-start engine): a time taken back at once ("a hundred
    # million uploads a second wait no a day"), a total worked out ("100 tests at two seconds
    # each, that's up to 200 seconds") and a part's size beside the told one said right ("~100
    # MB per hour-long session; the pad log is a few hundred KB"): dev9 52/79, 3 false; dev
    # 385/581.
    assert found.acknowledged_share >= 0.9, found.assumed
    # 3 with the readers trained on messages/dev24 (session 18): "so an avg wrtie is ~1 KB since
    # most r just text?" was answered only because the rules read "just text" as asking about
    # media; the reader now drops that, and "wrtie" (five letters: too short for the speller to
    # mend without mending "filed" into "field") asks nothing, so it gets "state an assumption"
    assert len(found.assumed) <= 3, found.assumed
    assert set(found.false_corrections) <= KNOWN_FALSE, found.false_corrections
    assert found.correction_recall >= 0.6, found.missed_corrections


KNOWN_FALSE = {
    # "... and which status code is up to me and then people probably create like ten thousand
    # links a day yeah": the redirect is corrected along with the links (a run-on's clauses)
    ("pb-dev7-url-shortener-09", "redirect"),
    # "downtime has to be really rare because people have it open all day and ..."
    ("pb-dev7-tiktok-10", "availability"),
    # "we don't hold anything on the server side" is about offline delivery, read as history
    ("pb-dev7-chat-02", "history"),
    # a told figure put up 5-6x off ("each image is maybe 3 MB" against 500 KB, "an average
    # around 5 MB" against 1 MB): this corpus leaves 4-10x unlabelled, the interviewer corrects
    # from 4x
    ("pb-dev9-amazon-13", "catalog_size"),
    ("pb-dev9-file-sync-13", "file_size"),
    # "images: ~10k entries × a few × 1 MB ≈ tens of GB": a total worked out, read as the
    # corpus size misremembered ("a few" is no operand the arithmetic reads)
    ("pb-dev9-diagnosis-03", "corpus_size"),
}
"""Corrections of what the candidate had right on dev, each named: any other fails the test."""


def test_moves_go_to_the_step_asked_and_name_only_what_was_skipped(library):
    found = moves("dev", library)
    # When this was set: target 0.916 (141/154), notes 0.910 (81/89); then, with "X, then
    # design" read as X first: target 0.987, notes 0.914. With dev2 (140 more, untouched
    # target 0.755): a step said to be settled, the next step's work announced, the design
    # handed over ("how did I do?"): target 0.986, notes 0.931. Session 19: dev8 (144 more,
    # written blind, weighted to moves said every way and to their hard negatives: 0.887
    # untouched) once the design is handed over in more words ("a good point to stop", "over
    # to you", "happy to call it there", "Shall we finish here?"), "ready for the architecure",
    # "skipped ahead to the design", and neither "let's design the deployment table" nor "so,
    # numbers next?" said in step 2 leaves it: dev8 0.985, dev 0.988 (421/426), notes 0.916.
    assert found.target_share >= 0.98, found.wrong_target
    assert found.notes_share >= 0.9, found.wrong_notes


@pytest.mark.parametrize(
    ("scenario", "revealed", "text", "contradicts"),
    [
        # a label before a colon says what the value is about (turns/dev pb-dev-tiktok-09)
        (
            "tiktok",
            ("view_rate", "upload_rate"),
            "- uploads: 10k/min\n- views: 100k/min\n\nok?",
            {"view_rate"},
        ),
        (
            "tiktok",
            ("view_rate", "upload_rate"),
            "- uploads: 10k/min\n- views: 1M/min\n\nok?",
            set(),
        ),
        # a wrapped line is one clause ("... orders a\nminute", pb-dev-amazon-09)
        (
            "amazon",
            ("browse_rate", "order_rate"),
            "right so about a million page views a minute and like a hundred thousand orders a\n"
            "minute normally yeah",
            {"order_rate"},
        ),
        # the lines of a code block are read apart, each with its label (pb-dev2-ride-hailing-010)
        (
            "ride-hailing",
            ("ride_rate", "driver_count"),
            "```\nrides:   20M/day  ~230/s avg, ~1k/s peak\ndrivers: 1M online peak / 5M "
            "registered\nriders:  100M MAU\n```\n^ happy with these as inputs?",
            set(),
        ),
        # "10M daily users" is the answer's "10M of them active on a given day", not a slip
        # against its 50M users (found playing file-sync in the browser)
        (
            "file-sync",
            ("user_count", "upload_rate"),
            "So 10M daily users x 20 changes a day is 200M changes a day, about 2.3k a second.",
            set(),
        ),
        ("file-sync", ("user_count",), "So 1M users, 20 changes a day each.", {"user_count"}),
        # "has to work the moment it's returned" takes the side of "as soon as" (no correction)
        (
            "url-shortener",
            ("consistency",),
            "A new link has to work the moment it's returned, since people paste it "
            "immediately, but click counts can lag by minutes. Is that a fair summary?",
            set(),
        ),
    ],
)
def test_play_backs_read_by_line_and_label(scenario, revealed, text, contradicts, library):
    from app.core.analysis import analyse
    from app.core.playback import played_back

    loaded = library.get(scenario)
    back = played_back(analyse(text, loaded).readings, loaded, revealed)
    assert set(back.contradicts) == contradicts


def test_a_contradiction_is_corrected_before_the_interviewers_own_move(library):
    from app.core.policy import Memory, decide

    text = (
        "right so about a million page views and searches a minute and like a hundred thousand "
        "orders a minute normally so reads are only ten times writes yeah"
    )
    act = decide(
        text,
        library.get("amazon"),
        Memory(step="data_api_scale", revealed=("browse_rate", "order_rate")),
    )
    assert any(p.kind == "check_in" and "order_rate" in p.against for p in act.parts)


@pytest.mark.parametrize(
    ("step", "text", "target"),
    [
        ("design", "done. over to you", "wrap_up"),
        # played in sdi chat (twitter, session 19): met with the twist
        ("design", "That's roughly my design, happy to take questions", "wrap_up"),
        ("design", "I think the core is there, so maybe this is a good point to stop.", "wrap_up"),
        ("design", "There's more to say about canaries, so I'm happy to call it there.", "wrap_up"),
        ("design", "I mean that's most of it, unless you want to poke at something we can wrap", "wrap_up"),
        ("data_api_scale", "ok i think im ready for the architecure", "design"),
        ("requirements", "Would it be alright if we skipped ahead to the design?", "design"),
        # step 2's own work, and step 2 named as what comes next in it
        ("data_api_scale", "Let's design the deployment table next: release id, server id, status.", None),
        ("data_api_scale", "so, numbers next?", None),
        # an estimate announced is step 2's own work (messages/dev36)
        ("data_api_scale", "I'm going to estimate a release at around 200 MB, is that fair?", None),
        ("requirements", "ok, can we go to the estimate now?", "data_api_scale"),
    ],
)
def test_moves_said_as_people_say_them(library, step, text, target):
    # turns/dev8 (session 19)
    act = decide(text, library.get("code-deploy"), Memory(step=step))
    assert (act.memory.step if act.memory.step != step or act.memory.finishing else None) == (
        target if not act.memory.finishing else "wrap_up"
    )


def test_a_reply_to_a_follow_up_is_taken_for_an_answer_only_when_it_answers(library):
    """turns/dev10 (session 20, brief TURNS10, written blind): 144 replies to a follow-up or
    twist just asked, half of them no answer (the part asked about described again, a
    neighbouring question answered, a slogan, a deferral, a question back). On arrival the
    interviewer took 45 of the 69 non-answers for answers (any word shared with the question
    was enough) and pressed 7 of the 75 answers: 0.639. Now words of the question's scene
    count only with what follows from them ("one wins", "at most five minutes", "so they see
    ..."), a put-off ("let me come back to that") answers nothing, and "what do you give up?"
    is answered by what is given up ("no joins, no transactions"): 0.826 (119/144), 7 pressed,
    18 let go. The frozen test part: 0.708 -> 0.812, pressed 2 -> 5, let go 40 -> 22. Then a
    spoken "what I'd do is ..." and a line of SQL no question, "yeah so ..." no answer opener and
    "you mean the drawback for ...?" a question back: dev10 0.861 (124/144), 5 pressed, 15 let
    go; test unchanged. Session 21: dev11 (held out a session: 0.819, 23 of 71 non-answers let
    go, on arrival and on the session-start engine) joined; with "lets come back to ..." a
    deferral and a short reply that only takes the question in ("Yes, ten times more transfers
    in one hour, I understand.") no answer: dev11 0.833, dev overall 0.847 (244/288), 8
    pressed, 36 let go, the floor lowered to 0.845; test unchanged (0.812). Then "LRU eviction"
    no answer to what a changed value does (out of the cache topic and of the words a
    cache_invalidation answer must say; "evicts the entry" still is): dev 0.851 (245/288), test
    0.812 -> 0.819. A "yes" or a "no" opening the reply answers a yes-no question only ("yeah
    clocks are a whole thing" answers no "in what order ...?"): dev 0.858 (247/288), test 0.826.
    "Quick check before I answer:" then questions back says nothing of its own: dev 0.861. Who
    wins a race said as its outcome ("one wins, the other gets 0 rows") answers the race
    follow-ups: dev 0.868 (250/288), 6 pressed; test 0.826. Session 22: dev12 (held out a
    session: 0.785, 27 of 72 non-answers let go on the session-start engine) joined; with a
    time the question or the problem already gave no sign of an answer ("Updates every 4 s"),
    "so the ..." a sign only after a clause of its own sentence (not "yeah so the replicas,
    ..."), and "one writer per shard", "single primary", "gets hard" said as what the database
    gives up: dev12 0.840, dev overall 0.873 (377/432), 7 pressed. Session 23: dev13 (held out a
    session: 0.840, 4 of 72 answers pressed on the session-start engine) joined; with a
    question a part of the system asks, reported ("the agent asks what version should I be
    on, pulls it"), no question of the candidate's, "the second one waits" said as who loses
    a race, and "so for that hour the customer sees ..." as what follows: dev13 0.861, dev
    overall 0.870 (501/576), 8 pressed. Session 24: dev14 (held out a session: 0.882, 4 of 72
    answers pressed, 13 non-answers let go, on arrival and on the session-start engine alike)
    joined; with "one primary", "don't scale", "difficult", "tricky" said as what the
    database gives up (not "scales writes": a reason it was chosen): dev14 0.896, dev overall
    0.875 (630/720), 10 pressed (dev14's two: an outbox retried while the other bank is down,
    a schema of JSON documents "so each illness carries whatever fields it has"; "because" and
    a wider "so ..." as signs of an answer would free them but let 7 to 22 more non-answers go).
    Session 25: dev15 (held out a session: 0.833, 5 of 72 answers pressed, 19 non-answers let
    go, on arrival and on the session-start engine alike) joined; with a rollout said as the
    answer to "how do you ship a new version" (drain, one by one, rolling, blue-green: the
    shared `@rollout` beside `@load_balancer`), a cached copy dropped as invalidation (the
    shared `@invalidation`, "drop any cached result that includes it") and "balances aren't
    cached" as the cache taken away: dev15 0.854, dev overall 0.872 (753/864), 12 pressed
    (dev15's two: "so you'd drain them gradually right like ..." read as a check-in first, and
    "each illness is a JSON document ... new kinds of information are just new keys").
    Session 26: dev16 (held out a session: 0.854, 5 of 72 answers pressed, 16 non-answers let
    go, on arrival and on the session-start engine alike) joined; with "accounts that big ...
    merged into timelines when they are read" taken for the fan-out answer: dev overall 0.870
    (877/1008), 16 pressed.
    """
    found = answers("dev", library)
    assert found.share >= 0.865, (found.pressed, found.let_go)
    # dev10 4, dev11 2, dev12 1, dev13 1, dev14 2, dev15 2, dev16 4 (held out a session: 5 of
    # 72 pressed on arrival; with "accounts that big ... merged when they are read" taken for
    # the fan-out answer, 4: a worked download sum, a JSON document per illness, "You mean the
    # content itself? That goes to a blob store", a reply that opens with a question back)
    assert len(found.pressed) <= 16, found.pressed
