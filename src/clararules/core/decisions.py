"""A yes/no decision with its reasons, used by the request checks (C1, C7, C8, P2-P6)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from clararules.core import door as check
from clararules.core.calls import Call
from clararules.core.errors import InvalidInputType, type_name
from clararules.core.explain import Explained, Row, Step
from clararules.core.frozen import maker

__all__ = ["Decision", "decided"]


def _sequence(value: object, name: str) -> tuple[object, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInputType(key="error.decision_sequence", name=name, got=type_name(value))
    return tuple(value)


def _steps(value: object) -> tuple[Step, ...]:
    return tuple(
        check.instance(step, Step, "explanation step") for step in _sequence(value, "explanation")
    )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(check.text(item, "missing field") for item in _sequence(value, "missing"))


def _subject(value: object) -> str:
    return check.text(value, "subject")


def _accepted(value: object) -> bool:
    return check.flag(value, "accepted")


@attrs.frozen
class Decision(Explained):
    """Whether a request can be accepted, what is missing, and why (G5).

    ``missing`` names the missing fields by value (e.g. ``"registered_address"``); a table
    reads each by its label (``field.<name>``).  ``reasons`` are the English sentences of the
    explanation; ``reasons_ja`` the Japanese.

    >>> from clararules import check_dealer_certificate_request
    >>> decision = check_dealer_certificate_request("古物商許可申請について", None, None)
    >>> decision.table("en")
    (('Accepted', 'no'), ('Missing', 'head-office address, registered corporate address'))
    >>> decision.table("ja")
    (('受付', 'いいえ'), ('不足している項目', '本社所在住所、法人登記地住所'))
    """

    subject: str = attrs.field(converter=_subject)
    accepted: bool = attrs.field(converter=_accepted)
    explanation: tuple[Step, ...] = attrs.field(converter=_steps)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    @property
    def reasons(self) -> tuple[str, ...]:
        """The explanation as English sentences."""
        return tuple(step.en for step in self.explanation)

    @property
    def reasons_ja(self) -> tuple[str, ...]:
        """The explanation as Japanese sentences."""
        return tuple(step.ja for step in self.explanation)

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("accepted", self.accepted, ""),
            ("missing", self.missing or None, "list.field"),
        )


_make = maker(Decision, "subject", "accepted", "explanation", "missing")


def decided(
    subject: str, accepted: bool, steps: tuple[Step, ...], missing: tuple[str, ...] = ()
) -> Decision:
    """A :class:`Decision` made by a rule from its own checked values (a str, a bool, a tuple
    of steps and one of field names): the converters, for a caller's values, do not run again.

    >>> from clararules.core.explain import plain_step
    >>> decided("resale", True, (plain_step("P6", "P6.policy.allowed"),)) == Decision(
    ...     "resale", True, [plain_step("P6", "P6.policy.allowed")])
    True
    """
    return _make(subject, accepted, steps, missing)
