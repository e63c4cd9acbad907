"""Work in bulk: reading many files, making their rows and writing them.

One home for the pause of Python's cycle collector that every such step shares.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_off() -> Iterator[None]:
    """Python's cycle collector paused, then left as it was found.

    Records read, rows made of them, lxml's elements walked and the choices of the rules
    are hundreds of thousands of small objects with no cycle among them (none is found
    after a load or an import), which the collector would otherwise walk again and again
    for nothing: about 5% of a load's processor time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
