"""Settings from the environment (pydantic-settings), one object, passed where needed."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    path = Path(user_data_dir("sdi", appauthor=False)) / "sdi.db"
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default_factory=default_database_url, alias="DATABASE_URL")
    openai_api_key: str | None = Field(default=None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    model: str | None = Field(default=None, alias="SDI_MODEL")
    classifier: bool = Field(default=False, alias="SDI_CLASSIFIER")
    """Let the model suggest which fact a question the engine missed asks for (ids only)."""
    ws_max_frame_bytes: int = Field(default=64 * 1024, alias="SDI_WS_MAX_FRAME_BYTES")
    rate_burst: int = Field(default=20, alias="SDI_RATE_BURST")
    """Messages one interview may send at once before it is rate-limited."""
    rate_per_minute: float = Field(default=60, alias="SDI_RATE_PER_MINUTE")
    """Sustained messages per minute per interview."""
    webhook_attempts: int = Field(default=5, alias="SDI_WEBHOOK_ATTEMPTS")
    webhook_backoff_s: float = Field(default=1.0, alias="SDI_WEBHOOK_BACKOFF_S")
    auto_migrate: bool = Field(default=True, alias="SDI_AUTO_MIGRATE")
    """Apply database migrations at start; off: refuse to start on an old schema."""
    db_pool_size: int = Field(default=20, alias="SDI_DB_POOL_SIZE")
    """PostgreSQL connections per process for the checkpointer and turn locks."""

    # --- who may reach the server (docs/security.md) ---
    allowed_hosts: str = Field(default="", alias="SDI_ALLOWED_HOSTS")
    """Comma-separated host names (or `*.example.com`) the server answers besides 127.0.0.1,
    localhost and [::1]: the public names in key mode. Any other Host gets 400 (DNS rebinding)."""
    allowed_origins: str = Field(default="", alias="SDI_ALLOWED_ORIGINS")
    """Comma-separated origins (`https://app.example.com`) of platforms' own front ends: their
    pages may open websockets and, through CORS, call the API. Empty: same origin only."""
    webhook_allow_private: bool = Field(default=False, alias="SDI_WEBHOOK_ALLOW_PRIVATE")
    """Let webhooks target loopback, private and link-local addresses (a deployment whose
    receiver is on its own network; the tests' local receiver). Off: refused (SSRF)."""
    max_body_bytes: int = Field(default=2 * 1024 * 1024, alias="SDI_MAX_BODY_BYTES")
    """The largest request body taken (a transcript to grade is the largest): 413 past it."""
    max_transcript_messages: int = Field(default=2000, alias="SDI_MAX_TRANSCRIPT_MESSAGES")
    """The most messages a transcript to grade may hold: 413 past it."""
    body_timeout_s: float = Field(default=15.0, alias="SDI_BODY_TIMEOUT_S")
    """A request body must arrive within this (408 otherwise): a slow client holds nothing."""
    grade_concurrency: int = Field(default=2, alias="SDI_GRADE_CONCURRENCY")
    """Gradings at once per process, each off the event loop; more wait their turn."""
    grade_burst: int = Field(default=10, alias="SDI_GRADE_BURST")
    """Stateless gradings (POST /api/v1/grade) a tenant may ask for at once."""
    grade_per_minute: float = Field(default=30, alias="SDI_GRADE_PER_MINUTE")
    """Sustained stateless gradings per minute per tenant."""

    def hosts(self) -> list[str]:
        """The Host names the server answers: loopback always, plus SDI_ALLOWED_HOSTS."""
        extra = [h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip()]
        return ["127.0.0.1", "localhost", "[::1]", *extra]

    def origins(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]
