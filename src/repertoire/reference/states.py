"""States and other entities named in Council records, and matching their names.

The reference list is ``data/states.csv``: one row per entity with its short
name as the Repertoire writes it, the UN formal name, the ISO 3166 alpha-3
code, other names seen in UN data and its kind (``member``, ``observer``,
``historical`` or ``organization``).

Matching is exact after :func:`normalise`. A near miss is never accepted as a
match: :func:`suggest` offers it instead, so that a finding can say "did you
mean ...?" while the data stay unambiguous.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, Literal

from repertoire.reference import files

Kind = Literal["member", "observer", "historical", "organization"]
KINDS: Final[tuple[Kind, ...]] = ("member", "observer", "historical", "organization")

DATA_FILE: Final = "states.csv"
# Below this similarity difflib's matches are more often wrong than helpful.
SUGGEST_CUTOFF: Final = 0.8

_APOSTROPHES: Final = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
)
_EMPHASIS: Final = re.compile(r"[*_]+")


def normalise(name: str) -> str:
    """The form names are compared in: case, accents, apostrophes and spacing folded.

    Markdown emphasis and a leading "the" are dropped, so that "*the Russian
    Federation*" and "Russian Federation" compare equal.
    """
    if name.isascii():
        # translate looks up every character; in ASCII only the backtick is folded
        folded = name.replace("`", "'") if "`" in name else name
    else:
        folded = name.translate(_APOSTROPHES)
    text = _EMPHASIS.sub("", folded) if "*" in folded or "_" in folded else folded
    if not text.isascii():  # ASCII has nothing to decompose and no combining marks
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Split and joined: the same spaces as a pattern's, without its machinery (names are short).
    text = " ".join(text.casefold().split())
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class State:
    name: str
    official_name: str
    iso3: str | None
    kind: Kind
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every name this entity is known by, short name first."""
        return (self.name, self.official_name, *self.aliases)


@cache
def all_states() -> tuple[State, ...]:
    """Every entity in the reference list, in file order."""
    states: list[State] = []
    for row in files.csv_rows(DATA_FILE):
        kind = row["kind"].strip()
        if kind not in KINDS:
            raise ValueError(f"{DATA_FILE}: {row['name']!r} has unknown kind {kind!r}")
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        states.append(
            State(
                name=row["name"].strip(),
                official_name=row["official_name"].strip() or row["name"].strip(),
                iso3=row["iso3"].strip() or None,
                kind=kind,  # one of KINDS: checked above
                aliases=aliases,
            )
        )
    return tuple(states)


@cache
def _index() -> dict[str, State]:
    index: dict[str, State] = {}
    for state in all_states():
        for name in state.names():
            key = normalise(name)
            other = index.setdefault(key, state)
            # One key naming two entities would make every match on it a guess.
            if other is not state:
                raise ValueError(
                    f"{DATA_FILE}: {name!r} names both {other.name!r} and {state.name!r}"
                )
    return index


@cache
def _written() -> dict[str, State]:
    """Every name as the reference list writes it, to its entity: most names in a text are
    written so, and are found without being normalised."""
    index = _index()
    return {name: index[normalise(name)] for state in all_states() for name in state.names()}


@lru_cache(maxsize=8192)
def lookup(name: str) -> State | None:
    """The entity that ``name`` names exactly (after :func:`normalise`), or ``None``."""
    return _written().get(name) or _index().get(normalise(name))


def canonical(name: str) -> str | None:
    """The short name of the entity that ``name`` names, or ``None`` if it is unknown."""
    state = lookup(name)
    return state.name if state else None


@lru_cache(maxsize=8192)
def short_name(name: str) -> str:
    """The short name of the entity that ``name`` names, or ``name`` as written when unknown."""
    return canonical(name) or name


def is_known(name: str) -> bool:
    return lookup(name) is not None


def by_iso3(code: str) -> State | None:
    """The entity with this ISO 3166 alpha-3 code (current or former), or ``None``."""
    code = code.strip().upper()
    return next((s for s in all_states() if s.iso3 == code), None)


# A name no table knows tends to come again (the same misspelt delegation in footnote after
# footnote), and each first asking compares it with every name known.
@lru_cache(maxsize=1024)
def suggest(name: str) -> str | None:
    """The short name of a near miss for an unknown ``name``, for "did you mean ...?".

    Returns ``None`` when ``name`` is known (nothing to suggest) or when nothing
    is close enough.
    """
    key = normalise(name)
    index = _index()
    if not key or key in index:
        return None
    close = difflib.get_close_matches(key, list(index), n=1, cutoff=SUGGEST_CUTOFF)
    return index[close[0]].name if close else None


def did_you_mean(name: str) -> str:
    """`` (did you mean X?)`` for an unknown ``name`` with a near miss, to end a message; or ""."""
    hint = suggest(name)
    return f" (did you mean {hint}?)" if hint else ""
