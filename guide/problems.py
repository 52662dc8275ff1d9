"""A problem found in content, reported as `path:line:col: message`."""

from dataclasses import dataclass

from guide.text import annotation, log


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return log(f"{self.path}:{self.line}:{self.col}: {self.message}")

    def annotation(self, level: str = "error") -> str:
        """The same problem as a GitHub Actions annotation (error, or warning)."""
        return (f"::{level} file={annotation(self.path, prop=True)},line={self.line},"
                f"col={self.col}::{annotation(self.message)}")
