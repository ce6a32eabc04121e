"""The domain's exceptions. Transports map them to status codes and exit codes in one place each."""


class SdiError(Exception):
    """Base of every error sdi reports to a user."""


class ScenarioError(SdiError):
    """A scenario file is broken: the message names the file, the field and why."""


class UnknownScenario(SdiError, KeyError):
    """No scenario has that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown scenario"


class TranscriptError(SdiError):
    """A transcript is malformed: the message names what is wrong."""
