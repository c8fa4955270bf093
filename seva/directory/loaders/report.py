"""What a loader did, and why it refused a file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    details: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str, kind: str = "") -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if kind:
            key = f"{kind}.{outcome}"
            self.details[key] = self.details.get(key, 0) + 1

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class LoadError(Exception):
    """The file was refused; nothing from it was written. `errors` names every bad line."""

    def __init__(self, source: str, errors: list[LineError]) -> None:
        self.source = source
        self.errors = errors
        super().__init__(
            f"{source}: {len(errors)} bad row(s); nothing loaded\n" + "\n".join(map(str, errors))
        )
