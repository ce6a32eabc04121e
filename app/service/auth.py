"""API keys, tenants and interview tokens.

Keys and tokens are random 32-byte secrets shown once; only their SHA-256 is stored (they are
high-entropy, so a fast hash is enough and lookups stay O(1)). A key belongs to a tenant; an
interview belongs to the tenant that created it; its token opens that one interview only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import select

from app.storage.store import ApiKey, Interview, Store, Webhook

KEY_PREFIX = "sdi_key_"
TOKEN_PREFIX = "sdi_tok_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def sign(body: bytes, secret: str) -> str:
    """The webhook signature header value: `sha256=` + hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: local mode (anyone on this machine), a tenant, or one interview's token."""

    kind: str  # "local" | "tenant" | "token"
    tenant: str | None = None
    interview_id: str | None = None

    def owns(self, interview: Interview) -> bool:
        if self.kind == "local":
            return True
        if self.kind == "tenant":
            return interview.tenant == self.tenant
        return interview.id == self.interview_id


class Keys:
    """Key management over the store (used by `sdi keys` and the server)."""

    def __init__(self, store: Store):
        self.store = store

    def create(self, tenant: str) -> tuple[ApiKey, str]:
        key = new_key()
        row = ApiKey(tenant=tenant, key_hash=digest(key))
        with self.store.session() as s:
            s.add(row)
            s.commit()
        return row, key

    def list(self) -> list[ApiKey]:
        with self.store.session() as s:
            return list(s.exec(select(ApiKey).order_by(ApiKey.created_at)))  # type: ignore[arg-type]

    def revoke(self, key_id: str) -> bool:
        with self.store.session() as s:
            row = s.get(ApiKey, key_id)
            if row is None or row.revoked_at is not None:
                return False
            row.revoked_at = datetime.now(UTC)
            s.add(row)
            s.commit()
            return True

    def any_active(self) -> bool:
        with self.store.session() as s:
            query = select(ApiKey).where(ApiKey.revoked_at == None)  # noqa: E711
            return s.exec(query).first() is not None

    def tenant_of(self, key: str) -> str | None:
        with self.store.session() as s:
            row = s.exec(select(ApiKey).where(ApiKey.key_hash == digest(key))).first()
            return row.tenant if row is not None and row.revoked_at is None else None

    def interview_of_token(self, token: str) -> str | None:
        with self.store.session() as s:
            row = s.exec(select(Interview).where(Interview.token_hash == digest(token))).first()
            return row.id if row is not None else None

    def set_webhook(self, tenant: str, url: str) -> Webhook:
        with self.store.session() as s:
            row = s.get(Webhook, tenant)
            if row is None:
                row = Webhook(tenant=tenant, url=url, secret=secrets.token_urlsafe(32))
            row.url = url
            s.add(row)
            s.commit()
            return row

    def webhook(self, tenant: str) -> Webhook | None:
        with self.store.session() as s:
            return s.get(Webhook, tenant)

    def delete_webhook(self, tenant: str) -> bool:
        with self.store.session() as s:
            row = s.get(Webhook, tenant)
            if row is None:
                return False
            s.delete(row)
            s.commit()
            return True
