"""Reading beside the writer, in processes: how many, and the work handed out in order.

Loading sections (:mod:`.load`) and importing official files (:mod:`.official`) both read
files in processes while the calling process writes what they made, in the order of the
files. The rule for how many processes is one (:func:`workers_for`, from the work, the CPUs
and how many of them others leave idle, :class:`IdleCpus`), and so is the handing out
(:func:`in_order`): batches of consecutive files (:func:`batches`), the calling process
reading one itself whenever it would otherwise wait, a process that dies costing only the
file it died on.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar

from repertoire.bulk import collector_off

T = TypeVar("T")
R = TypeVar("R")

# Processes beside the writer: one per CPU but the writer's, at most this many (the writer
# reads too whenever it would wait; see in_order).
MOST_WORKERS = 4
# Below this many files to read, or this many bytes, starting processes (each imports the
# reader afresh) costs more than it saves.
PARALLEL_AFTER = 8
PARALLEL_BYTES = 4 << 20
# Largest batch of files a process is handed at once: large enough that handing out costs
# nothing beside reading, small enough that the writer soon has work.
BATCH_BYTES = 512 << 10
# Batches each process has in hand, and at most made but not yet written per process,
# which bounds the memory they take (see in_order).
AHEAD = 6
WINDOW = 16
# Whether the caller reads a batch itself rather than wait for the processes (off: every
# batch goes to a process, as tests that compare the two ways want).
CALLER_READS = True


def cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


class IdleCpus:
    """How many CPUs of the machine sat idle since this was made: a process beside the
    writer is quicker only on a CPU that others leave free.

    Read from Linux's ``/proc/stat`` (time every CPU spent idle or waiting on the disk,
    against all its time); None where there is no such file.
    """

    # Shortest span worth judging by: the kernel counts time in hundredths of a second.
    SHORTEST = 0.1

    def __init__(self, stat: Path = Path("/proc/stat")) -> None:
        self._stat = stat
        self._since = time.monotonic()
        self._first = self._times()

    def _times(self) -> tuple[int, int] | None:
        try:
            with self._stat.open(encoding="ascii") as handle:
                fields = handle.readline().split()
        except OSError:
            return None
        if len(fields) < 6 or fields[0] != "cpu" or not all(f.isdigit() for f in fields[1:9]):
            return None
        ticks = [int(f) for f in fields[1:9]]  # user, nice, system, idle, iowait, irq, ...
        return ticks[3] + ticks[4], sum(ticks)

    def now(self) -> float | None:
        """The machine's CPUs idle on average since this was made (judged over at least
        SHORTEST seconds)."""
        if self._first is None:
            return None
        time.sleep(max(0.0, self.SHORTEST - (time.monotonic() - self._since)))
        last = self._times()
        if last is None or last[1] <= self._first[1]:
            return None
        share = (last[0] - self._first[0]) / (last[1] - self._first[1])
        return (os.cpu_count() or 1) * share


def workers_for(
    sizes: Sequence[int], cores: int, idle: float | None = None, least: int = PARALLEL_BYTES
) -> int:
    """Processes for reading files of these ``sizes`` (bytes) on ``cores`` CPUs, of which
    ``idle`` sat idle while the writer listed the files (None: unknown, taken as all but
    the writer's): none unless that is quicker than reading in the writer's process.

    Reading is most of a load or an import, and the writer reads too whenever it would
    wait (see :func:`in_order`), so a process beside it keeps another CPU busy:
    measured, on two idle cores one process loads 1,000 sections in about 0.6 of the
    time one process takes. But a process costs more CPU in all (it imports the reader
    afresh and packs what it made): on CPUs that others keep busy it only takes a
    share from the writer, and on two cores so shared it measured up to 1.5 times as
    slow as one process. Little work (fewer than ``least`` bytes: what repays a process
    depends on what a byte costs to read) does not repay starting a process.
    """
    if cores < 2 or len(sizes) < PARALLEL_AFTER or sum(sizes) < least:
        return 0
    free = cores - 1 if idle is None else int(idle + 0.5)
    return max(0, min(MOST_WORKERS, cores - 1, free))


def choose(sizes: Sequence[int], idle: IdleCpus, least: int = PARALLEL_BYTES) -> int:
    """:func:`workers_for` these files on this machine's CPUs, idle ones asked only when the
    work is enough for a process (asking waits a tenth of a second at most)."""
    enough = workers_for(sizes, cores := cpus(), least=least)
    return workers_for(sizes, cores, idle.now(), least) if enough else 0


def batches(items: Sequence[T], sizes: Sequence[int], workers: int) -> list[list[T]]:
    """Consecutive items in batches of about :data:`BATCH_BYTES`, fewer bytes when there is
    little work, so that every process has several batches."""
    most = max(1, min(BATCH_BYTES, sum(sizes) // max(1, workers * 2 * AHEAD)))
    made: list[list[T]] = [[]]
    held = 0
    for item, size in zip(items, sizes, strict=True):
        if made[-1] and held + size > most:
            made.append([])
            held = 0
        made[-1].append(item)
        held += size
    return made if made[0] else []


@contextmanager
def _main_left_out() -> Iterator[None]:
    """Processes started meanwhile do not import the caller's main module, as spawned ones
    otherwise do: all they run is this package's, and a script with no ``if __name__ ==
    "__main__":`` guard would run again in each of them, with whatever it does before it
    calls here (multiprocessing imports the module its ``__spec__`` or ``__file__`` names)."""
    main = sys.modules.get("__main__")
    names = ("__spec__", "__file__")
    saved: dict[str, Any] = {n: vars(main)[n] for n in names if main and n in vars(main)}
    if main is not None:
        main.__spec__ = None
        vars(main).pop("__file__", None)
    try:
        yield
    finally:
        if main is not None:
            vars(main).update(saved)


class _Pool:
    """The processes, made again when one dies (a broken pool takes no more work).

    What a process made comes back as the name of a file it pickled it into, in
    ``folder``: a process that dies while it writes megabytes to the pool's pipe would
    leave the pool waiting for the rest forever, one that dies writing a file only its
    batch, read again.
    """

    def __init__(self, workers: int, stack: ExitStack, folder: str) -> None:
        self.workers = workers
        self.folder = folder
        self._stack = stack
        self.alive = True
        self.executor = self._new()

    def submit(self, function: Callable[[list[T]], list[R]], batch: list[T]) -> Future[str]:
        # Processes start on a submit.
        with _main_left_out():
            return self.executor.submit(_into_file, function, self.folder, batch)

    def results(self, future: Future[Any]) -> list[Any]:
        name = future.result()
        with open(name, "rb") as handle:
            results: list[Any] = pickle.load(handle)
        os.remove(name)
        return results

    def _new(self) -> ProcessPoolExecutor:
        # Spawned, not forked: a fork would copy the caller's open database connection
        # and whatever locks its other threads hold.
        executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=get_context("spawn"),
            # Ctrl-C is the caller's to handle: it stops the processes itself (below),
            # rather than each printing its own traceback.
            initializer=signal.signal,
            initargs=(signal.SIGINT, signal.SIG_IGN),
        )
        # On an error or Ctrl-C in the caller: work not begun is cancelled and every
        # process is waited for, so none is left behind.
        self._stack.callback(executor.shutdown, wait=True, cancel_futures=True)
        return executor

    def renew(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.alive = False


def in_order(
    function: Callable[[list[T]], list[R]],
    work: list[list[T]],
    workers: int,
    stack: ExitStack,
    lost: Callable[[T, BaseException], R] | None = None,
    own: Callable[[list[T]], list[R]] | None = None,
    lead: tuple[int, int] | None = None,
) -> Iterator[R]:
    """``function`` of each batch of ``work``, its results one by one, in order; by
    ``workers`` processes beside the caller (none: all in the caller's process). The
    caller makes the batches it reads itself with ``own`` when given (what suits a result
    that crosses no process), else with ``function``.

    ``function`` must be importable by name (a process imports it) and should keep what
    goes wrong with one item in that item's result. Each process always has AHEAD batches
    in hand, so that it never waits on the caller; ``lead`` is ``(batch, ahead)`` when the
    caller will have long work of its own after the results of a batch: from that batch's
    results on, each process has ``ahead`` in hand. When the next batch is not ready, the
    caller makes the first one not yet handed out itself rather than wait (while the
    processes start, and whenever writing is quicker than reading); once every batch is
    handed out, it takes back the last one no process has begun. At most WINDOW batches
    per process (``ahead`` when more) are made and not yet used, which bounds the memory
    and disk they take.

    Should a process die, the batches it took down are read again one at a time, and a
    batch that kills its process alone is read item by item: the item that kills its
    process alone is given to ``lost`` (``None``: the error is raised), the others are
    read as usual. ``function`` gives one result per item, in the items' order. Should
    the processes die before any gives a batch back (they cannot run here), the caller
    reads every batch itself.
    """
    own = own or function
    if workers < 1:
        for batch in work:
            yield from own(batch)
        return
    pool = _Pool(workers, stack, stack.enter_context(tempfile.TemporaryDirectory()))
    todo = deque(work)
    # Handed out, in order: a process's file name, or what the caller made.
    held: deque[tuple[list[T], Future[Any]]] = deque()
    ahead, window = AHEAD, WINDOW * workers
    given = 0  # batches whose results were given
    worked = False  # whether a process ever gave back a batch

    def hand_out() -> None:
        busy = sum(not future.done() for _, future in held)
        while pool.alive and busy < ahead * workers and todo and len(held) < window:
            try:
                future = pool.submit(function, batch := todo[0])
            except BrokenProcessPool:
                # A process died: when a batch it held is next, it is read again (below);
                # when it held none, the processes are made again now.
                if any(not future.done() for _, future in held):
                    return
                if not worked:
                    pool.close()
                    return
                pool.renew()
                continue
            todo.popleft()
            held.append((batch, future))
            busy += 1

    while held or todo:
        hand_out()
        if not held:  # no processes: the caller reads
            mine = todo.popleft()
            held.append((mine, _made(own(mine))))
        while CALLER_READS and not held[0][1].done():
            if todo and len(held) < window:
                mine = todo.popleft()
                held.append((mine, _made(own(mine))))
                hand_out()
            elif (last := _take_back(held)) is not None:
                # Nothing left to hand out: rather than wait while the processes work through
                # what they hold, the caller reads the last batch none of them has begun.
                held[last] = (held[last][0], _made(own(held[last][0])))
            else:
                break
        batch, future = held.popleft()
        try:
            results = future.result() if isinstance(future, _Made) else pool.results(future)
            worked = worked or not isinstance(future, _Made)
        except BrokenProcessPool as error:
            if worked:
                pool.renew()
                again = partial(_again, function, pool, error=error, lost=lost)
            else:
                # No process ever gave a batch back: they cannot run here (a main module
                # that starts the work again when imported, say): the caller reads alone.
                pool.close()
                again = partial(_alone, own)
            results = again(batch)
            # Every batch the dead pool held but had not finished is read again.
            kept = [
                (other, pending)
                if pending.done() and not pending.cancelled() and pending.exception() is None
                else (other, _made(again(other)))
                for other, pending in held
            ]
            held.clear()
            held.extend(kept)
        if lead is not None and given == lead[0]:
            ahead = max(AHEAD, lead[1])
            window = max(WINDOW, ahead) * workers
            hand_out()
        given += 1
        yield from results


def _take_back(held: deque[tuple[list[T], Future[Any]]]) -> int | None:
    """The place in ``held`` of the last batch handed to the processes that none has begun,
    now cancelled there (None: there is none)."""
    for place in range(len(held) - 1, -1, -1):
        future = held[place][1]
        if not isinstance(future, _Made) and future.cancel():
            return place
    return None


def _alone(function: Callable[[list[T]], list[R]], batch: list[T]) -> list[R]:
    return function(batch)


class _Made(Future[list[R]]):
    """A batch the caller made itself."""


def _into_file(function: Callable[[list[T]], list[R]], folder: str, batch: list[T]) -> str:
    """In a process: ``function(batch)`` pickled into a new file of ``folder``; its name."""
    with collector_off():
        results = function(batch)
    handle, name = tempfile.mkstemp(dir=folder)
    with os.fdopen(handle, "wb") as out:
        pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
    return name


def _made(results: list[R]) -> Future[list[R]]:
    made: _Made[R] = _Made()
    made.set_result(results)
    return made


def _again(
    function: Callable[[list[T]], list[R]],
    pool: _Pool,
    batch: list[T],
    *,
    error: BaseException,
    lost: Callable[[T, BaseException], R] | None,
) -> list[R]:
    """A batch lost with a dead process, read again with nothing beside it: should its
    process die again, item by item, so that only the item that kills it is lost."""
    try:
        return pool.results(pool.submit(function, batch))
    except BrokenProcessPool as again:
        pool.renew()
        if len(batch) > 1:
            return [
                r for item in batch for r in _again(function, pool, [item], error=again, lost=lost)
            ]
        if lost is None:
            raise again from error
        return [lost(batch[0], again)]
