"""A read-only mapping that pickles, deep-copies and hashes: for figures and parameter sets.

``types.MappingProxyType`` cannot be pickled or deep-copied, which Dask, multiprocessing and
caches need of every result; a caller's dict kept as it is would stay live inside a frozen
value.  :class:`FrozenDict` copies what it is given and never changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["FrozenDict"]

K = TypeVar("K")
V = TypeVar("V")


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
