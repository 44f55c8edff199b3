"""Explanations (G5): every result carries the ordered steps that produced it.

A :class:`Step` holds the rule ID, the figures used and the key of a sentence pair; the
Japanese and English sentences are rendered from the figures when they are read, so that a
billing run that never shows them does not pay for the text.

A result's steps themselves are made when its ``explanation`` is first read (:class:`Lazy`):
the rule function hands the result a function that makes them from what it computed, so a
billing run that reads only the figures does not pay for formatting figures nobody reads.

Figures are JSON scalars (``int``, ``str``, ``bool`` or ``None``): money as whole yen
(``int``, keys ending in ``_yen``), dates as ISO strings, months as ``YYYY-MM``, rates as
``"10%"``.  That keeps an explanation auditable and serialisable as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from clararules.core.errors import InvalidInput, InvalidInputType, excerpt, type_name
from clararules.core.frozen import FrozenDict
from clararules.core.i18n import format_value, has_message, render

__all__ = ["Explained", "Figure", "Lazy", "Row", "Step", "plain_step"]

Figure = int | str | bool | None | tuple[str, ...]
"""A value recorded in an explanation step."""

_SCALARS = frozenset({int, str, bool, type(None)})


_NO_FIGURES: FrozenDict[str, Figure] = FrozenDict()


def _freeze_figures(value: Mapping[str, Figure]) -> Mapping[str, Figure]:
    if type(value) is not dict:  # a dict first: an ABC isinstance check is slow
        if isinstance(value, FrozenDict):
            return value
        if not isinstance(value, Mapping):
            raise InvalidInputType(key="error.figures_type", got=type(value).__name__)
    elif not value:
        return _NO_FIGURES
    frozen = {}
    for name, figure in value.items():
        if type(figure) in _SCALARS and type(name) is str:
            frozen[name] = figure
            continue
        if isinstance(figure, tuple | list) and all(type(item) is str for item in figure):
            frozen[name] = tuple(figure)  # a list of values, e.g. the names of missing fields
            continue
        if not isinstance(name, str) or not (figure is None or isinstance(figure, int | str)):
            raise InvalidInputType(
                key="error.figure_type", name=excerpt(name), got=type(figure).__name__
            )
        frozen[name] = figure
    return FrozenDict.adopt(frozen)  # a dict made here, handed over


def _check_key(instance: Step, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(instance.rule, str) or not instance.rule:
        raise InvalidInputType(key="error.step_rule", got=excerpt(instance.rule))
    if not isinstance(value, str) or not value:
        raise InvalidInput(key="error.step_key", got=excerpt(value))
    if instance.stored is None and not has_message(value):
        raise InvalidInput(key="error.step_key", got=excerpt(value))


def _check_stored(instance: Step, attribute: object, value: tuple[str, str] | None) -> None:
    if value is not None and not (
        isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)
    ):
        raise InvalidInputType(key="error.step_stored", got=type_name(value))


@attrs.frozen
class Step:
    """One step of an explanation (G5): the rule applied, the figures, and two sentences.

    >>> from clararules import cancellation_effective_date
    >>> import pendulum
    >>> result = cancellation_effective_date(pendulum.datetime(2026, 12, 1, tz="Asia/Tokyo"))
    >>> step = result.explanation[0]
    >>> step.rule, step.figures["arrival_month"]
    ('C2', '2026-12')
    >>> print(step.en)
    The cancellation form arrived 2026-12-01 00:00:00 JST, in 2026-12.
    >>> print(step.ja)
    解約申込書は 2026-12-01 00:00:00 JST（2026-12）に到着しました。
    """

    rule: str
    key: str = attrs.field(validator=_check_key)
    figures: Mapping[str, Figure] = attrs.field(
        factory=dict, converter=_freeze_figures, hash=False
    )
    stored: tuple[str, str] | None = attrs.field(
        default=None, kw_only=True, eq=False, repr=False, validator=_check_stored
    )
    """The (English, Japanese) sentences as they were rendered when the step was recorded (read
    back from JSON), kept instead of re-rendering from today's catalogs; ``None`` for a step
    computed now.  A recorded step may name a message key the catalogs no longer have."""

    @property
    def en(self) -> str:
        """The step as an English sentence."""
        return self.text("en")

    @property
    def ja(self) -> str:
        """The step as a Japanese sentence."""
        return self.text("ja")

    def __str__(self) -> str:
        return f"{self.rule}: {self.en}"

    def text(self, lang: str = "en") -> str:
        """The sentence in ``"en"`` or ``"ja"``, from the message catalogs.

        >>> Step("C2", "C2.effective", {"effective_on": "2026-12-31"}).text("ja")
        '解約日は解約月の末日 2026-12-31 です。'
        """
        if self.stored is not None and lang in ("en", "ja"):
            return self.stored[0 if lang == "en" else 1]
        return render(self.key, self.figures, lang)


Row = tuple[str, object, str]
"""A table row of a result: the label's message key (``label.<name>``), the typed value (or a
:class:`Step`, a message with figures, for a composed value such as "12 months (2026-05..
2027-04)"), and a format spec for the value (``""``, or e.g. ``"unit.month"``)."""


_PLAIN_STEPS: dict[tuple[str, str], Step] = {}


def plain_step(rule: str, key: str) -> Step:
    """``Step(rule, key)``: a step with no figures, made once per key and shared (a step is
    an immutable value), for the decisions that state the same reasons again and again.

    >>> plain_step("P2", "P2.note.electronic") is plain_step("P2", "P2.note.electronic")
    True
    """
    made = _PLAIN_STEPS.get((rule, key))
    if made is None:
        made = _PLAIN_STEPS[rule, key] = Step(rule, key)
    return made


def _has_text(value: object) -> bool:
    """Whether a table value renders itself in a language (a Step, a DateWindow...)."""
    return callable(getattr(value, "text", None)) and not isinstance(value, str)


class Lazy:
    """The steps of an explanation, made on first read from what the rule function computed.

    A result keeps it until its ``explanation`` is read, then keeps the steps instead.  It
    pickles and deep-copies as the steps themselves (a tuple), so a result sent to another
    process or copied carries its explanation, not a function.

    >>> lazy = Lazy(lambda: [Step("C2", "C2.effective", {"effective_on": "2026-12-31"})])
    >>> lazy()[0].rule
    'C2'
    >>> import pickle
    >>> pickle.loads(pickle.dumps(lazy))[0].figures["effective_on"]
    '2026-12-31'
    """

    __slots__ = ("_args", "_make")

    def __init__(self, make: Callable[..., Iterable[Step]], *args: object) -> None:
        # ``make(*args)``: a module-level function and its figures cost less to keep than a
        # closure over as many variables (no cell per variable in the rule function).
        self._make = make
        self._args = args

    def __call__(self) -> tuple[Step, ...]:
        return tuple(self._make(*self._args))

    def __reduce__(self) -> tuple[type[tuple[Step, ...]], tuple[tuple[Step, ...]]]:
        return (tuple, (self(),))

    def __repr__(self) -> str:
        return "Lazy(...)"


Steps = tuple[Step, ...] | Lazy
"""An explanation as a result holds it: its steps, or a :class:`Lazy` that makes them."""


class Explained:
    """What every result can say for itself, in ``"en"`` or ``"ja"`` (G5).

    ``explain(lang)`` is the explanation, one step a line with its rule ID; ``table(lang)`` the
    result's main fields as (label, value) pairs, as the command line shows them.

    A result whose steps are made on first read holds them in the field ``_explanation``
    (given to its constructor as ``explanation=``: a tuple of steps, or a :class:`Lazy`);
    ``explanation`` reads them, making them once.
    """

    __slots__ = ()

    @property
    def explanation(self) -> tuple[Step, ...]:
        """The steps that produced the result, in order (G5)."""
        steps: Steps = self._explanation  # type: ignore[attr-defined]
        if type(steps) is not tuple:
            steps = steps()  # type: ignore[operator]
            # Made once, from the result's own computation: kept, like a cached property.
            object.__setattr__(self, "_explanation", steps)
        return steps

    def explain(self, lang: str = "en") -> str:
        """The explanation as text: one ``[rule] sentence`` line per step."""
        return "\n".join(f"[{step.rule}] {step.text(lang)}" for step in self.explanation)

    def table(self, lang: str = "en") -> tuple[tuple[str, str], ...]:
        """The result's fields as (label, value) text pairs in ``lang``."""
        return tuple(
            (
                render(f"label.{name}", {}, lang),
                value.text(lang)  # type: ignore[attr-defined]  # checked by _has_text
                if _has_text(value)
                else format_value(value, lang, spec),
            )
            for name, value, spec in self._rows()
        )

    def _rows(self) -> tuple[Row, ...]:
        """The table's rows; each result type lists its own."""
        return ()
