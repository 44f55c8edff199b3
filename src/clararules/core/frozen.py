"""A read-only mapping that pickles, deep-copies and hashes: for figures and parameter sets.

``types.MappingProxyType`` cannot be pickled or deep-copied, which Dask, multiprocessing and
caches need of every result; a caller's dict kept as it is would stay live inside a frozen
value.  :class:`FrozenDict` copies what it is given and never changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["FrozenDict", "maker"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class FrozenDict(Mapping[K, V]):
    """An immutable copy of a mapping.

    >>> import copy, pickle
    >>> f = FrozenDict({"fee_yen": 5000})
    >>> pickle.loads(pickle.dumps(f)) == f == copy.deepcopy(f), f["fee_yen"], len(f)
    (True, 5000, 1)
    >>> f["x"] = 1
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenDict' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data is not None else {}
        self._hash: int | None = None

    @classmethod
    def adopt(cls, data: dict[K, V]) -> FrozenDict[K, V]:
        """A FrozenDict of ``data`` itself, not a copy: for a dict that its maker hands over
        and never touches again (the hot path of recording a call).

        >>> FrozenDict.adopt({"a": 1})["a"]
        1
        """
        made: FrozenDict[K, V] = object.__new__(cls)
        made._data = data
        made._hash = None
        return made

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[Any, tuple[dict[K, V]]]:
        return (type(self), (self._data,))

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenDict[K, V]:
        return self  # immutable; its values are immutable values too


def maker(cls: type[T], *names: str) -> Callable[..., T]:
    """A constructor of the frozen, slotted ``attrs`` class ``cls`` taking the fields ``names``
    by position, with no converter or validator; the other fields get their defaults.

    For values the library has just made and checked itself (the hot path of every result):
    the door has already been passed, so running it again would only cost time.  Callers'
    values always go through the class's own ``__init__``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Pair:
    ...     a: int = attrs.field(converter=int)
    ...     b: int = 0
    >>> make = maker(Pair, "a")
    >>> make(1), make(1) == Pair(1)
    (Pair(a=1, b=0), True)
    """
    import attrs

    fields = attrs.fields(cls)  # type: ignore[arg-type]  # an attrs class, by contract
    known = {field.name for field in fields}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise TypeError(f"{cls.__name__} has no fields {unknown}")
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(f'v{i}' for i in range(len(names)))}):", "    o = new(cls)"]
    for field in fields:
        slot = next(k.__dict__[field.name] for k in cls.__mro__ if field.name in k.__dict__)
        scope[f"s_{field.name}"] = slot.__set__
        if field.name in names:
            lines.append(f"    s_{field.name}(o, v{names.index(field.name)})")
        else:
            if field.default is attrs.NOTHING or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise TypeError(f"{cls.__name__}.{field.name} has no plain default")
            scope[f"d_{field.name}"] = field.default
            lines.append(f"    s_{field.name}(o, d_{field.name})")
    lines.append("    return o")
    exec("\n".join(lines), scope)  # code made from the class's own field names only
    made: Callable[..., T] = scope["make"]
    return made
