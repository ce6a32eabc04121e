"""Whole interviews through the service and the LangGraph graph, on a real database: each test
runs on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap

import pytest

from app.config import Settings
from app.core.disclosure import disclose
from app.core.errors import InterviewFinished, InvalidMessage, UnknownInterview
from app.service.interviews import open_service
from tests import personas


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(DATABASE_URL=database_url)


async def play(settings: Settings, script: list[str], scenario: str = "twitter"):
    async with open_service(settings) as service:
        interview, opening = await service.start(scenario)
        replies = [await service.send(interview.id, text) for text in script]
        grade = await service.finish(interview.id)
        return interview.id, opening, replies, grade, service.transcript(interview.id)


async def test_opening_is_the_statement_and_reveals_nothing(settings, library):
    async with open_service(settings) as service:
        _, messages = await service.start("twitter")
    assert messages[0]["content"] == library.get("twitter").scenario.statement
    assert messages[0]["revealed"] == [] and messages[0]["step"] == "requirements"


async def test_strong_candidate_walks_the_steps_in_order_and_gets_follow_ups(settings):
    _, _, replies, grade, _ = await play(settings, personas.STRONG)
    steps = [r["step"] for r in replies]
    seen = [s for i, s in enumerate(steps) if i == 0 or steps[i - 1] != s]
    assert seen == ["requirements", "data_api_scale", "design", "wrap_up", "done"]
    acts = [a for r in replies for a in r["act"]]
    # The candidate let the first follow-up pass: it is asked once more, later.
    assert "follow_up" in acts and "twist" in acts and "reask" in acts
    assert acts[-2:] == ["wrap_up", "close"]
    assert grade["score"] >= 60


async def test_reveals_only_what_each_message_asks(settings, library):
    scenario = library.get("twitter")
    _, _, replies, _, _ = await play(settings, personas.STRONG)
    for text, reply in zip(personas.STRONG, replies, strict=True):
        # What a reply tells is what the message asked (a play-back that also asks something
        # new hears only the new).
        assert set(reply["revealed"]) <= set(disclose(text, scenario).asked)
        for fact in scenario.scenario.facts:
            if fact.id not in reply["revealed"]:
                assert fact.answer not in reply["content"]


async def test_strong_grades_above_weak_and_rambling(settings):
    *_, strong, _ = await play(settings, personas.STRONG)
    *_, weak, _ = await play(settings, personas.WEAK)
    *_, rambling, _ = await play(settings, personas.RAMBLING)
    assert strong["score"] > weak["score"]
    assert strong["score"] > rambling["score"]


async def test_jumping_to_design_is_nudged_once_then_let_go(settings):
    _, _, replies, _, _ = await play(settings, personas.JUMPS_TO_DESIGN)
    assert replies[0]["act"] == ["nudge_requirements"]
    assert replies[0]["step"] == "requirements"
    assert "move_step" in replies[1]["act"] and replies[1]["step"] == "design"
    assert "non-functional" in replies[1]["content"]
    assert sum("nudge_requirements" in r["act"] for r in replies) == 1


async def test_injection_reveals_nothing(settings):
    _, _, replies, grade, transcript = await play(settings, personas.INJECTION)
    assert all(r["revealed"] == [] for r in replies)
    assert grade["facts"]["uncovered"] == []


async def test_question_no_fact_covers_asks_for_an_assumption(settings):
    _, _, replies, _, _ = await play(settings, ["What colour is the logo?"])
    assert replies[0]["act"] == ["assume"]
    assert not any(ch.isdigit() for ch in replies[0]["content"])


async def test_hint_names_no_fact_value(settings, library):
    _, _, replies, _, _ = await play(settings, ["/hint"])
    assert replies[0]["act"] == ["hint"]
    for fact in library.get("twitter").scenario.facts:
        assert fact.answer not in replies[0]["content"]


async def test_no_identical_reply_twice_in_a_row(settings):
    _, _, replies, _, _ = await play(settings, ["Go on then."] * 6 + ["ok"] * 3)
    texts = [r["content"] for r in replies]
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))


async def test_replaying_a_thread_on_a_fresh_graph_says_the_same_words(settings):
    """The renderer picks its words by a hash of the interview id and the turn: the same script
    on the same interview id, played again on a fresh graph, says every word the same."""
    from langgraph.checkpoint.memory import InMemorySaver

    from graphs.context import InterviewContext
    from graphs.interview import build_graph

    async def replay() -> list[str]:
        graph = build_graph().compile(checkpointer=InMemorySaver())
        config = {"configurable": {"thread_id": "same-id"}}
        context = InterviewContext()
        state = await graph.ainvoke(
            {"interview_id": "same-id", "scenario_id": "twitter"}, config, context=context
        )
        said = [state["reply"]["content"]]
        for n, text in enumerate(personas.STRONG[:8]):
            state = await graph.ainvoke(
                {"inbox": {"content": text, "seq": 2 * n + 1}}, config, context=context
            )
            said.append(state["reply"]["content"])
        return said

    first, second = await replay(), await replay()
    assert first == second
    assert len(set(first)) > 3  # not one canned line: the words follow the script


async def test_transcript_and_stored_grade(settings):
    interview_id, _, _, grade, transcript = await play(settings, personas.STRONG[:3])
    assert transcript["format"] == "sdi.transcript/v1"
    assert len(transcript["messages"]) == 1 + 2 * 3
    assert [m["role"] for m in transcript["messages"][:3]] == [
        "interviewer",
        "candidate",
        "interviewer",
    ]
    async with open_service(settings) as service:
        assert service.grade(interview_id) == grade
        assert await service.finish(interview_id) == grade  # finishing again: same grade


async def test_message_after_finish_is_refused_and_nothing_stored(settings):
    interview_id, *_ = await play(settings, ["Can tweets be edited?"])
    async with open_service(settings) as service:
        before = service.transcript(interview_id)
        with pytest.raises(InterviewFinished):
            await service.send(interview_id, "one more")
        assert service.transcript(interview_id) == before


async def test_bad_messages_rejected_and_interview_stays_usable(settings):
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        with pytest.raises(InvalidMessage, match="limit"):
            await service.send(interview.id, "x" * 9000)
        with pytest.raises(InvalidMessage, match="empty"):
            await service.send(interview.id, "   ")
        with pytest.raises(UnknownInterview):
            await service.send("nope", "hello")
        reply = await service.send(interview.id, "Can tweets be edited?")
        assert reply["revealed"] == ["tweet_edits"]
        assert len(service.transcript(interview.id)["messages"]) == 3


RUN = textwrap.dedent(
    """
    import asyncio, json, sys
    from app.config import Settings
    from app.service.interviews import open_service

    async def main(url, interview_id, texts):
        async with open_service(Settings(DATABASE_URL=url)) as service:
            if interview_id == "new":
                interview, _ = await service.start("twitter")
                interview_id = interview.id
            for text in texts:
                await service.send(interview_id, text)
            print(interview_id)

    asyncio.run(main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3])))
    """
)


def _process(url: str, interview_id: str, texts: list[str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", RUN, url, interview_id, json.dumps(texts)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout.strip()


async def test_a_second_process_resumes_the_same_interview(settings):
    half = len(personas.STRONG) // 2
    interview_id = _process(settings.database_url, "new", personas.STRONG[:half])
    _process(settings.database_url, interview_id, personas.STRONG[half:])
    _, _, _, single_grade, single = await play(settings, personas.STRONG)
    async with open_service(settings) as service:
        resumed = service.transcript(interview_id)
        resumed_grade = await service.finish(interview_id)
    strip = lambda t: [(m["role"], m["content"], m.get("revealed")) for m in t["messages"]]  # noqa: E731
    assert len(resumed["messages"]) == 1 + 2 * len(personas.STRONG)
    assert [m[0] for m in strip(resumed)] == [m[0] for m in strip(single)]
    assert [m[2] for m in strip(resumed)] == [m[2] for m in strip(single)]
    assert resumed_grade["score"] == single_grade["score"]


async def test_recovery_answers_a_stored_message_left_without_reply(settings):
    """A crash after the candidate's message was stored, before the reply: nothing is lost."""
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        service.store.append(
            interview.id, 1, {"role": "candidate", "content": "Can tweets be edited?"}
        )
    async with open_service(settings) as service:
        await service.recover(interview.id)
        messages = service.transcript(interview.id)["messages"]
    assert [m["role"] for m in messages] == ["interviewer", "candidate", "interviewer"]
    assert messages[2]["revealed"] == ["tweet_edits"]


async def test_recovery_copies_a_reply_that_only_reached_the_checkpoint(settings):
    """A crash after the graph ran, before the reply was stored: it is stored once, not twice."""
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        await service.send(interview.id, "Can tweets be edited?")
        # Simulate the crash: drop the stored reply; the checkpoint still has it.
        from sqlmodel import Session, delete

        from app.storage.store import MessageRow

        with Session(service.store.engine) as s:
            s.exec(delete(MessageRow).where(MessageRow.seq == 2))  # type: ignore[arg-type]
            s.commit()
    async with open_service(settings) as service:
        await service.recover(interview.id)
        await service.recover(interview.id)
        messages = service.transcript(interview.id)["messages"]
    assert len(messages) == 3 and messages[2]["revealed"] == ["tweet_edits"]


async def test_a_failed_turn_is_answered_before_the_next_message(settings):
    """If computing a reply fails, the stored message is not lost: the next send answers it
    first, then the new message, in order."""
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        original = service._answer
        calls = {"n": 0}

        async def flaky(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("boom")
            return await original(*args, **kwargs)

        service._answer = flaky  # type: ignore[method-assign]
        with pytest.raises(RuntimeError):
            await service.send(interview.id, "Can tweets be edited?")
        reply = await service.send(interview.id, "Can accounts be deleted?")
        messages = service.transcript(interview.id)["messages"]
    assert [m["role"] for m in messages] == [
        "interviewer",
        "candidate",
        "interviewer",
        "candidate",
        "interviewer",
    ]
    assert messages[2]["revealed"] == ["tweet_edits"]
    assert reply["revealed"] == ["account_deletion"]


async def test_many_interviews_at_once_all_complete(settings):
    """Turns of different interviews run concurrently; on SQLite a store write on the event
    loop's thread deadlocked against the checkpointer's open write ("database is locked")."""
    script = ["Can tweets contain images or video?", "Can tweets be edited?", "Is the feed ranked?"]
    async with open_service(settings) as service:

        async def one() -> str:
            interview, _ = await service.start("twitter")
            for text in script:
                await service.send(interview.id, text)
            return interview.id

        ids = await asyncio.gather(*(one() for _ in range(20)))
        for interview_id in ids:
            messages = service.messages(interview_id)
            assert [m["role"] for m in messages] == ["interviewer"] + [
                "candidate",
                "interviewer",
            ] * 3
            assert [m["content"] for m in messages[1::2]] == script


# --- finishing is one path ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "closing", [["/finish"], ["That's my whole design.", "No questions, thanks."]]
)
async def test_closing_in_the_chat_grades_and_finishes_the_interview(settings, closing):
    """`/finish`, and the close after the wrap-up, finish the interview exactly as POST .../finish
    does: graded, stored, status finished, and no message taken after."""
    finished_calls = []
    async with open_service(settings) as service:
        service.on_finished = lambda interview, grade: finished_calls.append((interview.id, grade))
        interview, _ = await service.start("twitter")
        await service.send(interview.id, "Can tweets be edited?")
        turns = [await service.send_turn(interview.id, text) for text in closing]
        last = turns[-1]
        assert [t.grade is not None for t in turns] == [False] * (len(turns) - 1) + [True]
        assert (
            last.reply["step"] == "done"
            and {"type": "finished", "seq": last.reply["seq"]} in last.events
        )
        stored = service.get(interview.id)
        assert (stored.status, stored.step) == ("finished", "done")
        assert service.grade(interview.id) == last.grade
        with pytest.raises(InterviewFinished):
            await service.send(interview.id, "one more thing")
        assert await service.finish(interview.id) == last.grade
    assert [i for i, _ in finished_calls] == [interview.id]  # told once, however it ended


async def test_a_close_whose_grading_was_cut_short_is_graded_by_the_next_message(settings):
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        original = service._finish
        calls = {"n": 0}

        async def crash_once(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("killed while grading")
            return await original(*args, **kwargs)

        service._finish = crash_once  # type: ignore[method-assign]
        with pytest.raises(RuntimeError):
            await service.send(interview.id, "/finish")
        assert service.get(interview.id).status == "active"  # the close is stored, not graded
        with pytest.raises(InterviewFinished):
            await service.send(interview.id, "hello?")
        assert service.get(interview.id).status == "finished"
        assert service.grade(interview.id) is not None


# --- the checkpoint holds what deciding needs, not the transcript ------------------------------


async def test_old_checkpoints_do_not_pile_up_and_the_state_holds_no_transcript(settings):
    from app.service.interviews import PRUNE_EVERY

    said = ["Can tweets be edited?", "Can accounts be deleted?", "Is the feed ranked?"]
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        config = {"configurable": {"thread_id": interview.id}}
        kept = []
        for n in range(3 * PRUNE_EVERY):
            await service.send(interview.id, said[n % len(said)])
            kept.append(len([c async for c in service.graph.checkpointer.alist(config)]))
        state = await service.graph.aget_state(config)
    assert max(kept) <= PRUNE_EVERY + 1, kept  # without pruning: one more every turn (31)
    assert "messages" not in state.values
    assert len(state.values["recent"]) <= 8
    n = 3 * PRUNE_EVERY
    assert state.values["reply"]["seq"] == 2 * n and state.values["last_seq"] == 2 * n - 1
