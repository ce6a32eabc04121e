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
