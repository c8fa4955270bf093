"""Domain errors. Services raise these; interfaces turn them into responses.

SevaError
├── NotFound              the object is missing *or* the person may not see it (404 both)
├── NotAllowed            the person sees the object but may not take this action (403)
├── InvalidInput          a value is malformed or missing (400); `field` names it
├── IllegalTransition     the status table forbids this move (409)
│   └── IllegalAction     the action table forbids this action in the complaint's status (409)
└── Conflict              someone else changed the object first (409); retry after reload
"""

from __future__ import annotations


class SevaError(Exception):
    """Base of every error a service raises on purpose."""

    status_code = 400


class NotFound(SevaError):
    status_code = 404


class NotAllowed(SevaError):
    status_code = 403


class InvalidInput(SevaError):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class IllegalTransition(SevaError):
    status_code = 409

    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"cannot move a complaint from {from_status!r} to {to_status!r}")
        self.from_status = from_status
        self.to_status = to_status


class IllegalAction(IllegalTransition):
    """The complaint's status does not allow this action (a transfer while HQ reviews a
    closure, a review of a complaint nobody closed). A kind of IllegalTransition, so every
    interface answers it as it answers a move the status table forbids."""

    def __init__(self, action: str, status: str) -> None:
        SevaError.__init__(self, f"cannot {action} a complaint that is {status!r}")
        self.action = action
        self.status = status
        self.from_status = status
        self.to_status = ""


class Conflict(SevaError):
    status_code = 409
