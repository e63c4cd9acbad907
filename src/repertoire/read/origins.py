"""Source offsets of a cleaned text's characters (see :class:`repertoire.read.text.Mapped`)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Final, overload

# Called for every offset asked for: looked up once, not on the module each time.
_after: Final = bisect.bisect_right


class Origins(Sequence[int]):
    """Source offsets of a cleaned text's characters, kept as runs.

    A run is a stretch of characters copied from the source (offsets going up one by
    one) or written in place of a token (every character at the token's offset).
    Cleaning copies long stretches between few tokens: a run each is far cheaper than
    an offset each, and an offset is worked out only when asked for.
    """

    __slots__ = ("_bases", "_next", "_size", "_starts", "_steps")

    def __init__(self) -> None:
        self._starts: list[int] = []  # index in the text where each run begins
        self._bases: list[int] = []  # source offset of each run's first character
        self._steps: list[int] = []  # 1: copied from the source; 0: written in place
        self._size = 0
        # The source offset that would carry on the last run (None unless it was copied):
        # a run that starts there only lengthens it.
        self._next: int | None = None

    def __len__(self) -> int:
        return self._size

    def run(self, base: int, size: int, step: int = 1) -> None:
        """Add ``size`` characters from source offset ``base`` on (``step`` 0: all at it)."""
        if size <= 0:
            return
        # One character is the same either way, and it may extend a copied run.
        if base == self._next and (step or size == 1):
            self._size += size  # the last run goes on
            self._next = base + size
            return
        if size == 1:
            step = 1
        done = self._size
        self._starts.append(done)
        self._bases.append(base)
        self._steps.append(step)
        self._size = done + size
        self._next = base + size if step else None

    def copy(self, base: int, size: int) -> None:
        """``run(base, size)`` for ``size`` > 0 characters copied from the source: the
        cleaner's commonest call, with nothing else to decide."""
        if base == self._next:
            self._size += size
        else:
            self._starts.append(self._size)
            self._bases.append(base)
            self._steps.append(1)
            self._size += size
        self._next = base + size

    def extend(self, origin: Sequence[int], start: int = 0, end: int | None = None) -> None:
        """Add ``origin[start:end]``."""
        end = len(origin) if end is None else end
        if start >= end:
            return
        if isinstance(origin, range) and origin.step == 1:
            self.run(origin[start], end - start)
        elif isinstance(origin, Origins):
            origin._copy_into(self, start, end)
        else:
            for offset in origin[start:end]:
                self.run(offset, 1)

    def _copy_into(self, into: Origins, start: int, end: int) -> None:
        starts, bases, steps = self._starts, self._bases, self._steps
        index = bisect.bisect_right(starts, start) - 1
        last = len(starts) - 1
        while True:
            begin = starts[index]
            stop = starts[index + 1] if index < last else self._size
            left = begin if begin > start else start
            if stop >= end:
                into.run(bases[index] + steps[index] * (left - begin), end - left, steps[index])
                return
            into.run(bases[index] + steps[index] * (left - begin), stop - left, steps[index])
            index += 1

    def simplest(self) -> Sequence[int]:
        """These origins as a range when they are one run copied from the source."""
        if len(self._starts) == 1 and self._steps[0]:
            return range(self._bases[0], self._bases[0] + self._size)
        return self

    def pop(self) -> None:
        """Take off the last character."""
        self._size -= 1
        if self._starts and self._starts[-1] >= self._size:
            self._starts.pop()
            self._bases.pop()
            self._steps.pop()
        if self._starts and self._steps[-1]:
            self._next = self._bases[-1] + self._size - self._starts[-1]
        else:
            self._next = None

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Origins: ...

    def __getitem__(self, index: int | slice) -> int | Origins:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._size)
            if step != 1:
                raise ValueError("Origins are sliced with step 1 only")
            part = Origins()
            if start < stop:
                self._copy_into(part, start, stop)
            return part
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("origin index out of range")
        starts = self._starts
        run = bisect.bisect_right(starts, index) - 1
        if self._steps[run]:
            return self._bases[run] + index - starts[run]
        return self._bases[run]

    def at(self, index: int) -> int:
        """The offset at ``index`` clamped to the first and the last (0 when there is none):
        what a span's end needs, in one call."""
        size = self._size
        if not 0 <= index < size:  # clamped (most offsets asked for are inside)
            if not size:
                return 0
            index = 0 if index < 0 else size - 1
        starts = self._starts
        run = _after(starts, index) - 1
        if self._steps[run]:
            return self._bases[run] + index - starts[run]
        return self._bases[run]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._size] if self._starts else []
        for begin, stop, base, step in zip(
            self._starts, ends, self._bases, self._steps, strict=True
        ):
            if step:
                yield from range(base, base + stop - begin)
            else:
                yield from repeat(base, stop - begin)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Origins({list(self)!r})"
