"""Which sources are compiled from which (``[lineage]`` in ``official.toml``): a source copied
from another is no second witness to what that one states."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from repertoire.reference.files import toml


@cache
def _compiled_from() -> dict[str, str]:
    return {str(k): str(v) for k, v in toml("official.toml").get("lineage", {}).items()}


@cache
def origin(source: str) -> str:
    """The source that ``source``'s statements come from: itself, or the one it is compiled
    from (followed to the first compiled from none)."""
    table = _compiled_from()
    seen = {source}
    while source in table and table[source] not in seen:
        source = table[source]
        seen.add(source)
    return source


def witnesses(sources: Iterable[str]) -> int:
    """How many independent sources ``sources`` are (each once, a copy as its original)."""
    return len({origin(source) for source in sources})
