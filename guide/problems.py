"""A problem found in content, reported as `path:line:col: message`."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions error annotation."""
        return f"::error file={self.path},line={self.line},col={self.col}::{self.message}"
