"""What a result was computed from: the function and its arguments, for audit records (G5, G6).

Each public rule function that returns a result is marked :func:`recorded`: the result it
returns carries a :class:`Call` in its ``inputs`` field — the function's name and the
arguments it was given (with the :class:`~clararules.Parameters`, when given) — so that
:func:`clararules.to_audit` can write the inputs and :func:`clararules.replay` can compute the
result again.  The arguments are kept as given; they are written as JSON only when a record is
made, so a billing run that never audits pays for one small object per result.

A result read from JSON or built by hand has no ``inputs`` (``None``).

>>> import clararules, pendulum
>>> result = clararules.cancellation_effective_date(pendulum.Date(2026, 11, 30))
>>> result.inputs.function, dict(result.inputs.arguments)
('cancellation_effective_date', {'received_at': Date(2026, 11, 30)})
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, ParamSpec, TypeVar

import attrs

from clararules.core.frozen import FrozenDict

__all__ = ["COMPUTATIONS", "Call", "recorded"]

P = ParamSpec("P")
R = TypeVar("R")


def _frozen(value: Mapping[str, object]) -> Mapping[str, object]:
    return FrozenDict(value)


@attrs.frozen
class Call:
    """A call of a rule function: its name and the arguments it was given, by name.

    An argument left at its default is not listed (the record says what the caller gave).
    """

    function: str
    arguments: Mapping[str, object] = attrs.field(converter=_frozen)


def _kept(value: object) -> object:
    """A one-shot iterable (or a list the caller may change) as a tuple; anything else as is,
    for the function to accept or refuse."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping | tuple):
        return tuple(value)
    return value


COMPUTATIONS: Final[dict[str, Callable[..., Any]]] = {}
"""Every recorded rule function, by name: what :func:`clararules.replay` may call."""


def recorded(*, materialise: Iterable[str] = ()) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Marks a rule function whose result records its :class:`Call` in ``result.inputs``.

    ``materialise`` names arguments that may be one-shot iterables (e.g. ``parts``): they are
    read into a tuple before the call, so that the record and the computation see the same
    items.
    """
    once = frozenset(materialise)

    def mark(function: Callable[P, R]) -> Callable[P, R]:
        names = tuple(inspect.signature(function).parameters)
        name = function.__name__

        @functools.wraps(function)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            if once:
                args = (
                    tuple(  # type: ignore[assignment]
                        _kept(arg) if name in once else arg
                        for name, arg in zip(names, args, strict=False)
                    )
                    + args[len(names) :]
                )
                kwargs = {k: _kept(v) if k in once else v for k, v in kwargs.items()}  # type: ignore[assignment]
            result = function(*args, **kwargs)
            arguments = dict(zip(names, args, strict=False))
            arguments.update(kwargs)
            # The result was made just now by ``function`` and has not left it: its inputs are
            # set once, here, rather than passed through every constructor (attrs.evolve would
            # run every converter again).
            object.__setattr__(result, "inputs", Call(name, arguments))
            return result

        COMPUTATIONS[name] = call
        return call

    return mark
