"""The project's exceptions. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class ReviseError(Exception):
    """Base of every error `revise` raises on purpose. `exit_code` is what the CLI returns."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ReviseError):
    """Raised by the CLI and core when a command is called wrongly (unknown id, bad flag value)."""


class InputError(ReviseError):
    """Raised when a file or repository the user pointed at cannot be read or understood."""


class GateError(ReviseError):
    """Raised by the workflow when a step is refused (a gate is not met, a transition is not allowed)."""

    exit_code = 1


class NotAllowed(GateError):
    """Raised when the person acting may not take the step (not in the org chart, wrong role, the
    author reviewing their own draft). The desk answers 403."""


class NotNow(GateError):
    """Raised when the proposal's state or history forbids the step now. The desk answers 409."""
