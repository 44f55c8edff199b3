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

from clararules.core.errors import ClaraRulesError
from clararules.core.frozen import FrozenDict

__all__ = ["COMPUTATIONS", "MEMOS", "Call", "computations", "is_call", "record", "recorded"]

P = ParamSpec("P")
R = TypeVar("R")


class Call:
    """A call of a rule function: its name and the arguments it was given, by name.

    An argument left at its default is not listed (the record says what the caller gave).
    Immutable; the arguments are bound to their names only when read, so recording a call
    costs one small object holding one tuple.

    >>> Call("resale_policy", {}) == Call("resale_policy", {})
    True
    >>> Call("resale_policy", {}).function = "x"
    Traceback (most recent call last):
    ...
    AttributeError: a Call is immutable: cannot set function
    """

    __slots__ = ("_parts",)
    _parts: tuple[str, tuple[str, ...], tuple[object, ...], Mapping[str, object]]

    def __init__(self, function: str, arguments: Mapping[str, object]) -> None:
        _set_parts(self, (function, (), (), FrozenDict(arguments)))

    @classmethod
    def of(
        cls,
        function: str,
        names: tuple[str, ...],
        args: tuple[object, ...],
        kwargs: Mapping[str, object],
    ) -> Call:
        """The call of ``function`` with positional ``args`` (for the parameters ``names``)
        and keyword arguments ``kwargs`` (kept as a frozen copy), bound when read."""
        made = _new(cls)
        _set_parts(made, (function, names, args, FrozenDict(kwargs) if kwargs else _NO_KWARGS))
        return made

    @property
    def function(self) -> str:
        """The rule function's public name."""
        return self._parts[0]

    @property
    def arguments(self) -> Mapping[str, object]:
        """The arguments given, by parameter name."""
        _, names, args, kwargs = self._parts
        if not args:
            return kwargs if type(kwargs) is FrozenDict else FrozenDict(kwargs)
        bound = dict(zip(names, args, strict=False))
        bound.update(kwargs)
        return FrozenDict.adopt(bound)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Call is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Call):
            return NotImplemented
        return self.function == other.function and self.arguments == other.arguments

    def __hash__(self) -> int:
        return hash((self.function, self.arguments))

    def __repr__(self) -> str:
        return f"Call(function={self.function!r}, arguments={self.arguments!r})"

    def __reduce__(self) -> tuple[type[Call], tuple[str, dict[str, object]]]:
        return (Call, (self.function, dict(self.arguments)))


def _kept(value: object) -> object:
    """A one-shot iterable (or a list the caller may change) as a tuple; anything else as is,
    for the function to accept or refuse."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping | tuple):
        return tuple(value)
    return value


COMPUTATIONS: Final[dict[str, Callable[..., Any]]] = {}
"""Every recorded rule function, by name: what :func:`clararules.replay` may call."""


def computations() -> dict[str, Callable[..., Any]]:
    """Every recorded rule function of the public API, by name (what replay may call).

    Read from the package's public names rather than from :data:`COMPUTATIONS`, so that a
    second import of this module (a doctest runner's) does not hide them.

    >>> "quote_cancellation" in computations(), "to_json" in computations()
    (True, False)
    """
    import clararules

    found = {}
    for name in clararules.__all__:
        value = getattr(clararules, name)
        if getattr(value, "recorded", None) is True and callable(value):
            found[name] = value
    return found


def is_call(value: object) -> bool:
    """Whether ``value`` is a :class:`Call` (by its shape: see :func:`computations`)."""
    return type(value).__name__ == "Call" and isinstance(getattr(value, "function", None), str)


_set = object.__setattr__
_new = object.__new__
_set_parts = Call.__dict__["_parts"].__set__  # the slot itself (Call refuses setattr)
_NO_KWARGS: Final[Mapping[str, object]] = FrozenDict()


def _call(
    function: str, names: tuple[str, ...], args: tuple[object, ...], kwargs: dict[str, object]
) -> Call:
    """:meth:`Call.of` for the wrappers: keyword arguments adopted frozen (the dict is the
    call's own), none shared as one empty mapping."""
    made: Call = _new(Call)
    _set_parts(made, (function, names, args, FrozenDict.adopt(kwargs) if kwargs else _NO_KWARGS))
    return made


def record(
    result: object, function: str, names: tuple[str, ...], args: tuple[object, ...]
) -> None:
    """Records on ``result``, just made by the rule ``function`` (called unwrapped by another
    rule), the call that made it: what :func:`recorded` does for a call from outside."""
    _set(result, "inputs", _call(function, names, args, {}))


def _plain(function: Callable[P, R], name: str, names: tuple[str, ...]) -> Callable[P, R]:
    """The wrapper of :func:`recorded` for a function with no one-shot arguments."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        result = function(*args, **kwargs)
        # The result was made just now by ``function`` and has not left it: its inputs are
        # set once, here, rather than passed through every constructor.
        _set(result, "inputs", _call(name, names, args, kwargs))
        return result

    return call


def _memo(plain: Callable[P, R], size: int) -> Callable[P, R]:
    """``plain`` remembering its last ``size`` results by the exact arguments *and their
    types* (``True`` and ``1`` apart), for the decisions whose arguments are a few enum
    members and flags: a result is an immutable value, and the one kept for a call carries
    that very call (``inputs``), so handing it out again is the same as making it again."""
    kept = functools.lru_cache(maxsize=size, typed=True)(plain)

    @functools.wraps(plain)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return kept(*args, **kwargs)  # type: ignore[arg-type]
        except TypeError as error:
            if isinstance(error, ClaraRulesError):
                raise  # the rule's own refusal of a wrong type (InvalidInputType)
            return plain(*args, **kwargs)  # an unhashable argument: computed afresh

    call.__wrapped__ = plain.__wrapped__  # type: ignore[attr-defined]  # the rule itself
    call.cache_clear = kept.cache_clear  # type: ignore[attr-defined]
    MEMOS.append(kept.cache_clear)
    return call


MEMOS: Final[list[Callable[[], None]]] = []
"""How to forget what each memoised rule function kept (for tests)."""


def recorded(
    *, materialise: Iterable[str] = (), memo: int = 0
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Marks a rule function whose result records its :class:`Call` in ``result.inputs``.

    ``materialise`` names arguments that may be one-shot iterables (e.g. ``parts``): they are
    read into a tuple before the call, so that the record and the computation see the same
    items.  ``memo`` > 0 keeps that many results by their exact arguments (for a decision
    over enum members and flags, whose every answer is asked again and again).
    """
    once = frozenset(materialise)

    def mark(function: Callable[P, R]) -> Callable[P, R]:
        names = tuple(inspect.signature(function).parameters)
        name = function.__name__

        if not once:
            plain = _plain(function, name, names)
            if memo:
                plain = _memo(plain, memo)
            COMPUTATIONS[name] = plain
            plain.recorded = True  # type: ignore[attr-defined]  # found by computations()
            return plain

        @functools.wraps(function)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            if once:
                args = (
                    tuple(  # type: ignore[assignment]
                        _kept(arg) if arg_name in once else arg
                        for arg_name, arg in zip(names, args, strict=False)
                    )
                    + args[len(names) :]
                )
                kwargs = {k: _kept(v) if k in once else v for k, v in kwargs.items()}  # type: ignore[assignment]
            result = function(*args, **kwargs)
            # The result was made just now by ``function`` and has not left it: its inputs are
            # set once, here, rather than passed through every constructor (attrs.evolve would
            # run every converter again).
            object.__setattr__(result, "inputs", Call.of(name, names, args, kwargs))
            return result

        COMPUTATIONS[name] = call
        call.recorded = True  # type: ignore[attr-defined]  # found by computations()
        return call

    return mark
