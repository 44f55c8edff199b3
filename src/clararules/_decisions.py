"""A yes/no decision with its reasons, used by the request checks (C1, C7, C8, P2-P6)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._explain import Step

__all__ = ["Decision"]


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Decision:
    """Whether a request can be accepted, what is missing, and why (G5).

    ``reasons`` are the English sentences of the explanation; ``reasons_ja`` the Japanese.
    """

    subject: str
    accepted: bool
    explanation: tuple[Step, ...] = attrs.field(converter=_steps)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The explanation as English sentences."""
        return tuple(step.en for step in self.explanation)

    @property
    def reasons_ja(self) -> tuple[str, ...]:
        """The explanation as Japanese sentences."""
        return tuple(step.ja for step in self.explanation)
