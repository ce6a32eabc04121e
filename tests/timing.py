"""Known message times for tests of the time per step: rewrite a stored interview's `at` values
through the store's message table, after the interview ran (the server stamps real times)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from app.storage.database import open_engine
from app.storage.store import MESSAGE, Store


def set_message_times(database_url: str, interview_id: str, times: list[datetime]) -> None:
    """Message `seq` gets `times[seq]`; there must be exactly one time per stored message."""
    store = Store(open_engine(database_url))
    try:
        assert len(store.messages(interview_id)) == len(times), "one time per message"
        with store.engine.begin() as conn:
            for seq, at in enumerate(times):
                conn.execute(
                    update(MESSAGE)
                    .where(MESSAGE.c.interview_id == interview_id, MESSAGE.c.seq == seq)
                    .values(at=at)
                )
    finally:
        store.engine.dispose()
