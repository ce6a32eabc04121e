"""The domain's exceptions. Transports map them to status codes and exit codes in one place each."""

from pydantic import ValidationError


def field_path(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """A pydantic error location as a path a user reads: ("facts", 2, "ask") -> "facts[2].ask"."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def first_error(exc: ValidationError, top: str) -> tuple[str, str]:
    """The first failing field as a path ("messages[3].role", or `top`) and its message, with
    how many more errors there are: one line a user can act on."""
    first = exc.errors()[0]
    path = field_path(first["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return path or top, f"{first['msg']}{more}"


class SdiError(Exception):
    """Base of every error sdi reports to a user."""


class ScenarioError(SdiError):
    """A scenario file is broken: the message names the file, the field and why."""


class ScenarioInvalid(ScenarioError):
    """A scenario given as data (a tenant's, a file being written) is invalid: every problem at
    once, each as (field path, why)."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        listed = "; ".join(f"{where}: {why}" for where, why in problems)
        super().__init__(f"{source}: {listed}")


class ScenarioConflict(SdiError):
    """A tenant's scenario id is taken: by a built-in scenario, or by one of its own."""


class UnknownScenario(SdiError, KeyError):
    """No scenario has that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown scenario"


class TranscriptError(SdiError):
    """A transcript is malformed: the message names what is wrong."""


class UnknownInterview(SdiError):
    """No interview has that id."""


class InterviewFinished(SdiError):
    """The interview is finished: it takes no more messages."""


class InvalidMessage(SdiError):
    """The message is empty or too long, or its idempotency key is."""


class TooLarge(SdiError):
    """A request or transcript is over a documented limit."""


class WebhookRefused(SdiError):
    """A webhook URL that must not be called: it resolves to an address inside (SSRF), or
    cannot be resolved, or is not http(s)."""
