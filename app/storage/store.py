"""Storage with SQLModel: interviews, their messages and grades.

SQLite file by default (in the user's data dir), PostgreSQL via `DATABASE_URL` (app/storage/database.py
makes the engine; the Alembic migrations in app/storage/migrations own the schema). A
candidate's message is committed before its reply is computed, so an acknowledged message is
never lost; (interview_id, seq) is unique, so none is ever stored twice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, UniqueConstraint, bindparam, insert, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, func, select


def _now() -> datetime:
    return datetime.now(UTC)


class Interview(SQLModel, table=True):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True)
    scenario_id: str = Field(index=True)
    scenario_version: int | None = Field(
        default=None, description="the tenant scenario's version it runs on; None: built-in"
    )
    step: str = "requirements"
    status: str = Field(default="active", description="active | finished")
    tenant: str | None = Field(default=None, index=True, description="owner; None in local mode")
    token_hash: str | None = Field(default=None, description="SHA-256 of the candidate token")
    prompt_tokens: int = Field(default=0, description="model tokens sent, all turns")
    completion_tokens: int = Field(default=0, description="model tokens received, all turns")
    created_at: datetime = Field(default_factory=_now, index=True)
    updated_at: datetime = Field(default_factory=_now)


class MessageRow(SQLModel, table=True):
    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("interview_id", "seq"),
        UniqueConstraint("interview_id", "client_key", name="uq_message_client_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    interview_id: str = Field(foreign_key="interview.id", index=True)
    seq: int = Field(description="index in the transcript")
    role: str
    content: str
    step: str | None = None
    revealed: str = Field(default="[]", description="JSON list of fact ids")
    act: str = Field(default="[]", description="JSON list of the act's part kinds")
    renderer: str | None = None
    client_key: str | None = Field(
        default=None, description="the client's idempotency key for a candidate message"
    )
    at: datetime = Field(default_factory=_now)

    def to_message(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.role == "interviewer":
            out["step"] = self.step
            out["revealed"] = json.loads(self.revealed)
            out["act"] = json.loads(self.act)
        out["at"] = self.at.replace(tzinfo=self.at.tzinfo or UTC).isoformat(timespec="milliseconds")
        return out


class GradeRow(SQLModel, table=True):
    __tablename__ = "grade"

    interview_id: str = Field(foreign_key="interview.id", primary_key=True)
    score: int
    body: str = Field(description="the sdi.grade/v1 JSON")
    created_at: datetime = Field(default_factory=_now)


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12], primary_key=True)
    tenant: str = Field(index=True)
    key_hash: str = Field(unique=True, description="SHA-256 of the key; the key is never stored")
    created_at: datetime = Field(default_factory=_now)
    revoked_at: datetime | None = None


class Webhook(SQLModel, table=True):
    tenant: str = Field(primary_key=True)
    url: str
    secret: str = Field(description="HMAC-SHA256 key for the X-Sdi-Signature header")
    created_at: datetime = Field(default_factory=_now)


class TenantScenario(SQLModel, table=True):
    """One version of a tenant's own scenario. A change adds a row (the next version); a delete
    marks every version deleted and removes none, so an interview still grades against the
    version it ran on."""

    __tablename__ = "tenant_scenario"
    __table_args__ = (
        UniqueConstraint("tenant", "scenario_id", "version", name="uq_tenant_scenario_version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant: str = Field(index=True, description="owner ('local' in local mode)")
    scenario_id: str
    version: int = Field(description="1, 2, ... per (tenant, scenario_id), never reused")
    body: str = Field(description="the validated scenario as JSON (its lexicon included)")
    created_at: datetime = Field(default_factory=_now)
    deleted_at: datetime | None = None


INTERVIEW: Table = Interview.__table__  # type: ignore[attr-defined]
MESSAGE: Table = MessageRow.__table__  # type: ignore[attr-defined]
"""The hot path (a turn's read and its two appends) uses the tables through SQLAlchemy Core:
no ORM session, unit of work or identity map per statement (bench/turn.py: an ORM append cost
0.9 ms, a Core one 0.5 ms, most of it the commit)."""

_HEAD = select(  # type: ignore[call-overload]
    INTERVIEW,
    select(func.count())
    .where(MESSAGE.c.interview_id == INTERVIEW.c.id)
    .scalar_subquery()
    .label("message_count"),
).where(INTERVIEW.c.id == bindparam("interview_id"))

NOTIFY_CHANNEL = "sdi_messages"
"""PostgreSQL channel told of every stored message (app/api/fanout.py listens)."""


class Store:
    """The interview store: small, explicit operations, each its own transaction.

    With `notify_origin` (PostgreSQL), storing a message also sends a NOTIFY on NOTIFY_CHANNEL,
    delivered at commit, naming the interview, the seq and the origin process: the other
    processes push it to their websocket clients."""

    def __init__(self, engine: Engine, notify_origin: str | None = None):
        self.engine = engine
        self.notify_origin = notify_origin

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def create(
        self,
        scenario_id: str,
        tenant: str | None = None,
        token_hash: str | None = None,
        scenario_version: int | None = None,
    ) -> Interview:
        interview = Interview(
            scenario_id=scenario_id,
            scenario_version=scenario_version,
            tenant=tenant,
            token_hash=token_hash,
        )
        with self.session() as s:
            s.add(interview)
            s.commit()
        return interview

    def get(self, interview_id: str) -> Interview | None:
        with self.session() as s:
            return s.get(Interview, interview_id)

    def recent(
        self,
        scenario_id: str | None = None,
        limit: int = 100,
        tenant: str | None = None,
        all_tenants: bool = True,
    ) -> list[Interview]:
        """Newest first; `tenant` restricts to one owner unless `all_tenants` (local mode)."""
        with self.session() as s:
            query = select(Interview).order_by(Interview.created_at.desc()).limit(limit)  # type: ignore[attr-defined]
            if scenario_id:
                query = query.where(Interview.scenario_id == scenario_id)
            if not all_tenants:
                query = query.where(Interview.tenant == tenant)
            return list(s.exec(query))

    def with_prefix(self, prefix: str, limit: int = 2) -> list[Interview]:
        """Interviews whose id starts with `prefix` (at most `limit`)."""
        with self.session() as s:
            query = select(Interview).where(col(Interview.id).startswith(prefix)).limit(limit)
            return list(s.exec(query))

    def scored(
        self, scenario_id: str | None = None, status: str | None = None, limit: int = 100
    ) -> list[tuple[Interview, int | None]]:
        """Newest first, each with its score (None until finished)."""
        with self.session() as s:
            query = select(Interview).order_by(col(Interview.created_at).desc()).limit(limit)
            if scenario_id:
                query = query.where(Interview.scenario_id == scenario_id)
            if status is not None:
                query = query.where(Interview.status == status)
            rows = list(s.exec(query))
            ids = [i.id for i in rows]
            graded = {
                g.interview_id: g.score
                for g in s.exec(select(GradeRow).where(col(GradeRow.interview_id).in_(ids)))
            }
        return [(i, graded.get(i.id) if i.status == "finished" else None) for i in rows]

    def messages(self, interview_id: str) -> list[MessageRow]:
        with self.session() as s:
            query = (
                select(MessageRow)
                .where(MessageRow.interview_id == interview_id)
                .order_by(MessageRow.seq)  # type: ignore[arg-type]
            )
            return list(s.exec(query))

    def message(self, interview_id: str, seq: int) -> MessageRow | None:
        with self.session() as s:
            query = select(MessageRow).where(
                MessageRow.interview_id == interview_id, MessageRow.seq == seq
            )
            return s.exec(query).first()

    def by_key(self, interview_id: str, client_key: str) -> MessageRow | None:
        """The candidate message the client sent with this idempotency key, if stored."""
        with self.session() as s:
            query = select(MessageRow).where(
                MessageRow.interview_id == interview_id, MessageRow.client_key == client_key
            )
            return s.exec(query).first()

    def head(self, interview_id: str) -> tuple[Interview, int] | None:
        """The interview and how many messages it has (the next seq), in one statement: what a
        turn reads first."""
        with self.engine.connect() as conn:
            row = conn.execute(_HEAD, {"interview_id": interview_id}).first()
        if row is None:
            return None
        values = dict(row._mapping)
        count = int(values.pop("message_count"))
        return Interview(**values), count

    def count(self, interview_id: str) -> int:
        """How many messages the interview has (the next message's seq)."""
        with self.session() as s:
            query = select(func.count()).where(MessageRow.interview_id == interview_id)
            return int(s.exec(query).one())

    def append(self, interview_id: str, seq: int, message: dict[str, Any]) -> MessageRow:
        """Store message `seq`; storing the same seq again is a no-op (idempotent recovery).

        One transaction: the row, the interview's step/token counts/updated_at (an UPDATE, not
        a read-modify-write), and on PostgreSQL the NOTIFY. The unique (interview, seq) key
        decides a repeat, with no read first: the hot path of every turn."""
        at = message.get("at")
        values: dict[str, Any] = {
            "interview_id": interview_id,
            "seq": seq,
            "role": message["role"],
            "content": message["content"],
            "step": message.get("step"),
            "revealed": json.dumps(message.get("revealed") or []),
            "act": json.dumps(message.get("act") or []),
            "renderer": message.get("renderer"),
            "client_key": message.get("client_key"),
            "at": datetime.fromisoformat(at) if isinstance(at, str) else (at or _now()),
        }
        changes: dict[str, Any] = {"updated_at": _now()}
        if message["role"] == "interviewer" and message.get("step"):
            changes["step"] = message["step"]
        usage = message.get("usage") or {}
        if usage.get("prompt_tokens"):
            changes["prompt_tokens"] = INTERVIEW.c.prompt_tokens + int(usage["prompt_tokens"])
        if usage.get("completion_tokens"):
            changes["completion_tokens"] = INTERVIEW.c.completion_tokens + int(
                usage["completion_tokens"]
            )
        try:
            with self.engine.begin() as conn:
                row_id = conn.execute(insert(MESSAGE), values).inserted_primary_key
                conn.execute(
                    update(INTERVIEW).where(INTERVIEW.c.id == interview_id).values(**changes)
                )
                if self.notify_origin is not None:
                    payload = json.dumps({"i": interview_id, "s": seq, "o": self.notify_origin})
                    conn.execute(
                        text("SELECT pg_notify(:c, :p)"), {"c": NOTIFY_CHANNEL, "p": payload}
                    )
        except IntegrityError:
            existing = self.message(interview_id, seq)
            if existing is None:  # not a repeat: the interview does not exist
                raise
            return existing
        return MessageRow(id=row_id[0] if row_id else None, **values)

    def save_grade(self, interview_id: str, grade: dict[str, Any]) -> None:
        with self.session() as s:
            row = s.get(GradeRow, interview_id) or GradeRow(
                interview_id=interview_id, score=grade["score"], body=""
            )
            row.score = grade["score"]
            row.body = json.dumps(grade, ensure_ascii=False)
            s.add(row)
            interview = s.get(Interview, interview_id)
            if interview is not None:
                interview.status = "finished"
                interview.step = "done"
                interview.updated_at = _now()
                s.add(interview)
            s.commit()

    def grade(self, interview_id: str) -> dict[str, Any] | None:
        with self.session() as s:
            row = s.get(GradeRow, interview_id)
            return json.loads(row.body) if row else None
