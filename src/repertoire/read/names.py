"""Reading lists of delegations ("Austria, Kenya (also spoke on behalf of
Chad and Niger) and Peru") and of persons.

Known State names (``repertoire.reference.states``) decide where "and" separates two
names and where it belongs to one ("Bosnia and Herzegovina"); when a run of
words is no known name but splits into known ones, or a name follows a
closing parenthesis with no comma, the names are still recovered and the
missing separator is reported.

Why one module of this length: reading a list is one algorithm, cutting at the separators
outside brackets, then at the "and"s that separate names, then recovering names glued
together; its parts call one another and weigh every cut by the same known names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterator
from functools import cache, lru_cache
from typing import Final, NamedTuple

from repertoire.reference import patterns, states

_AND: Final = re.compile(r"\s+and\s+")
# Matched at a piece's start (no "^": a match from an offset is anchored there).
_LEADING_AND: Final = re.compile(r"(?:and|or)\s+", re.IGNORECASE)
# The only letters "and" or "or" may begin with, in any case: most pieces need no match.
_AND_OR_FIRST: Final = frozenset("aAoO")
# Parentheses that belong to a State's name ("Bolivia (Plurinational State of)") are
# hidden behind these while a list is split, so that they read as part of the name.
_OPEN, _CLOSE = "\ue000", "\ue001"
_UNMASK: Final = str.maketrans({_OPEN: "(", _CLOSE: ")"})


def _unmask(name: str) -> str:
    # Masks are rare and translate looks up every character: two scans are far cheaper.
    return name.translate(_UNMASK) if _OPEN in name or _CLOSE in name else name


# A piece is cut into at most 2**_MAX_CUTS ways when it names groups or persons.
_MAX_CUTS: Final = 6
_JOINED: Final = re.compile(r"\s*(?:and|or)\s+", re.IGNORECASE)
_WORD: Final = re.compile(r"\S+")


class Name(NamedTuple):
    """A name read from a list (a tuple: a list has a name each, made without a Python call
    of a constructor's own)."""

    name: str
    start: int  # position of the name in the text that was split
    end: int
    on_behalf_of: list[str]
    note: str | None = None  # another parenthetical, kept apart
    missing_separator: str | None = None  # what was missing before this name, if anything


_new_tuple: Final = tuple.__new__


def is_known(name: str) -> bool:
    return states.lookup(_unmask(name)) is not None


@lru_cache(maxsize=8192)
def kind_of(name: str) -> str:
    """What a name in a list names: "state" (a State, an observer State or a former State),
    "organization", "group" (of States, named as such), "person" (by role or title) or
    "unknown" (perhaps a misspelt State)."""
    name = _unmask(name).strip()
    state = states.lookup(name)
    if state is not None:
        return "organization" if state.kind == "organization" else "state"
    if patterns.compiled("names", "group").match(name):
        return "group"
    if patterns.compiled("names", "group_like").match(name):
        # Close to a State's name ("Unitd States"): a misspelling, not a group.
        return "unknown" if states.suggest(name) is not None else "group"
    if patterns.compiled("names", "person").match(name):
        return "person"
    return "unknown"


@lru_cache(maxsize=8192)
def label(name: str) -> str:
    """The name a list entry is recorded under: a State's or organization's short name,
    a group's or person's name without "the" or "the members of" before it. The same
    delegations come back in footnote after footnote: each is labelled once."""
    name = _unmask(name).strip()
    known = states.canonical(name)
    if known is not None:
        return known
    if kind_of(name) in ("group", "person"):
        return patterns.compiled("names", "lead").sub("", name, count=1)
    return name


@lru_cache(maxsize=4096)
def entity_of(title: str) -> str | None:
    """The State or organization a delegate's title names, by its short name:
    "Permanent Observer of the African Union to the United Nations" -> "African Union"."""
    title = patterns.compiled("names", "entity_end").sub("", title.strip())
    for match in patterns.compiled("names", "entity_of").finditer(title):
        if known := states.canonical(title[match.end() :]):
            return known
    return None


@cache
def _parenthesised() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Known names that carry parentheses ("Netherlands (Kingdom of the)"), and a quick
    test for what their parentheses hold."""
    written = sorted(
        {n for state in states.all_states() for n in state.names() if "(" in n},
        key=len,
        reverse=True,
    )
    if not written:
        return None
    alternatives = "|".join(re.escape(n).replace("\\ ", r"\s+") for n in written)
    inner = "|".join(sorted({re.escape(n[n.index("(") :]) for n in written}, key=len))
    return (
        re.compile(rf"(?<![\w(])(?:{alternatives})(?![\w])", re.IGNORECASE),
        re.compile(inner.replace("\\ ", r"\s+"), re.IGNORECASE),
    )


def _mask(text: str) -> str:
    if "(" not in text or (found := _parenthesised()) is None:
        return text
    pattern, quick = found
    if not quick.search(text):
        return text
    return pattern.sub(lambda m: m.group().replace("(", _OPEN).replace(")", _CLOSE), text)


def top_level(text: str, separators: str = ",;", start: int = 0) -> list[tuple[int, int]]:
    """Pieces of ``text`` between separators outside parentheses, as (start, end) pairs."""
    pieces: list[tuple[int, int]] = []
    begin = start
    if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
        present = [*filter(text.__contains__, separators)]
        if len(present) <= 1:
            # No brackets and one kind of separator (most lists): str.split cuts it.
            if not present:
                return [(start, len(text))]
            for part in text[start:].split(present[0]):
                pieces.append((begin, begin + len(part)))
                begin += len(part) + 1
            return pieces
    # Where the brackets and separators are, each found by plain searches (C loops): a scan
    # of their class would cost dozens of steps for every character.
    places: list[int] = []
    # Each character once: the brackets, then the separators that are none of them.
    chars = "()[]"
    for char in separators:
        if char not in chars:
            chars += char
    for char in chars:
        at = text.find(char, start)
        while at >= 0:
            places.append(at)
            at = text.find(char, at + 1)
    places.sort()
    depth = 0
    for at in places:
        char = text[at]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append((begin, at))
            begin = at + 1
    pieces.append((begin, len(text)))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t.":
        start += 1
    while end > start and text[end - 1] in " \t.":
        end -= 1
    if (
        start < end
        and text[start] in _AND_OR_FIRST
        and (match := _LEADING_AND.match(text, start, end))
    ):
        start = match.end()
    return start, end


@cache
def _longest() -> tuple[int, int]:
    """(words, "and"s) of the longest known name, as compared; one word more for "the"."""
    keys = {states.normalise(name) for state in states.all_states() for name in state.names()}
    words = max(len(key.split()) for key in keys if key)
    ands = max(key.split().count("and") for key in keys if key)
    return words + 1, ands


@cache
def _vocabulary() -> Container[str]:
    """Every word of a known name, as compared, and "the" (which comparing may drop).

    Typed as any container, not the frozenset it is: compiled, a value is checked against
    its type, and a test stands in a vocabulary that holds every word."""
    keys = {states.normalise(name) for state in states.all_states() for name in state.names()}
    return frozenset({"the", *(word for key in keys for word in key.split())})


def _split_and(
    text: str, start: int, end: int, *, persons: bool, known: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at the "and"s that separate names.

    ``known`` holds names (in :func:`repertoire.reference.states.normalise` form) that
    count as known besides the States: the invitees of a meeting, named by title.

    A long list is read in one pass over its "and"s: a piece holding more of them
    than any known name is no known name, and is not looked up; only the last few
    names, where groups and persons may need weighing (:func:`_segment`), are read
    as a short list is.
    """
    if persons or text.find("and", start, end) < 0:
        return [(start, end)]  # no "and" to cut at (most names): as _split_few would say
    cuts = list(_AND.finditer(text, start, end))
    last = text.rfind(" and ", start, end)  # " and " is in text[a:end] when last >= a
    most = _longest()[1]
    parts: list[tuple[int, int]] = []
    first = 0  # the piece still to split starts after cuts[first - 1]
    while len(cuts) - first > max(_MAX_CUTS, most):
        # Too many "and"s for a known name, or for weighing every way of cutting.
        if last < start or (known and _key(text[start:end]) in known):
            return [*parts, (start, end)]
        # Prefer the cut whose two sides are both known names.
        for index in range(first, min(len(cuts), first + most + 1)):
            cut = cuts[index]
            if not is_known(text[start : cut.start()]):
                continue
            right_known = len(cuts) - index - 1 <= most and is_known(text[cut.end() : end])
            if right_known or last >= cut.end():
                parts.append((start, cut.start()))
                start, first, known = cut.end(), index + 1, frozenset()
                break
        else:
            # Unknown names: "and" before a capitalised word separates them.
            begin = start
            for cut in cuts[first:]:
                if text[cut.end() : cut.end() + 1].isupper():
                    parts.append((begin, cut.start()))
                    begin = cut.end()
            return [*parts, (begin, end)]
    return [*parts, *_split_few(text, start, end, known)]


def _split_few(text: str, start: int, end: int, known: frozenset[str]) -> list[tuple[int, int]]:
    """:func:`_split_and` for a piece with few "and"s."""
    piece = text[start:end]
    if is_known(piece) or " and " not in piece or (known and _key(piece) in known):
        return [(start, end)]
    parts = _split_known(text, start, end)
    if any(not is_known(text[a:b]) for a, b in parts) and (best := _segment(piece, known)):
        return [(start + a, start + b) for a, b in best]
    return parts


def _key(name: str) -> str:
    return states.normalise(_unmask(name))


def _segment(piece: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int]] | None:
    """A piece naming groups or persons cut at the "and"s that separate names: every part
    must be a State, an organization, a group or a person; the most States (and names in
    ``known``) win, then the fewest parts ("Group of Friends of Children and Armed
    Conflict and Chile")."""
    cuts = list(_AND.finditer(piece))
    if not cuts or len(cuts) > _MAX_CUTS:
        return None
    best: tuple[tuple[int, int], list[tuple[int, int]]] | None = None
    for chosen in range(1 << len(cuts)):
        parts: list[tuple[int, int]] = []
        begin = 0
        for index, cut in enumerate(cuts):
            if chosen >> index & 1:
                parts.append((begin, cut.start()))
                begin = cut.end()
        parts.append((begin, len(piece)))
        # Only a meeting's invitees are worth comparing in full; most lists have none.
        kinds = [
            "invitee" if known and _key(piece[a:b]) in known else kind_of(piece[a:b])
            for a, b in parts
        ]
        if "unknown" in kinds:
            continue
        score = (sum(k in ("state", "organization", "invitee") for k in kinds), -len(parts))
        if best is None or score > best[0]:
            best = (score, parts)
    return best[1] if best else None


def _split_known(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    cuts = [m for m in _AND.finditer(piece)]
    # Prefer the cut whose two sides are both known names.
    for cut in cuts:
        left, right = piece[: cut.start()], piece[cut.end() :]
        if is_known(left) and (is_known(right) or " and " in right):
            rest = _split_and(text, start + cut.end(), end, persons=False)
            return [(start, start + cut.start()), *rest]
    # Unknown names: "and" before a capitalised word separates them.
    parts: list[tuple[int, int]] = []
    begin = start
    for cut in cuts:
        if piece[cut.end() : cut.end() + 1].isupper():
            parts.append((begin, start + cut.start()))
            begin = start + cut.end()
    parts.append((begin, end))
    return parts


def _glued(name: str) -> list[tuple[int, int]] | None:
    """Split a run of words that is no known name into known names, if it can be.

    The first known name is the shortest one after which the rest is a known
    name or splits again. Worked out from the last word back, once per word;
    a name is looked up only while it is no longer than the longest known one.
    """
    if is_known(name):
        return None
    words = [(m.start(), m.end()) for m in _WORD.finditer(name)]
    count = len(words)
    if count < 2:
        return None
    # Words that compare as nothing (emphasis marks, accents alone) change no name.
    vocabulary = _vocabulary()
    total = [0]
    # Words before each, that no known name holds: a run with one of them is never known,
    # and is not looked up ("S/PV.1234." in a sentence read as a list).
    strange = [0]
    sizes: list[int] = []
    for a, b in words:
        word = name[a:b]
        if word.isascii() and "*" not in word and "_" not in word and "`" not in word:
            # What normalise makes of a plain ASCII word (no spaces: a \S+ run), at once;
            # such a word holds no mask either.
            sizes.append(1)
            total.append(total[-1] + 1)
            strange.append(strange[-1] + (word.lower() not in vocabulary))
            continue
        tokens = states.normalise(word).split()
        sizes.append(len(tokens))
        total.append(total[-1] + len(tokens))
        if _OPEN in word or _CLOSE in word:
            tokens = states.normalise(_unmask(word)).split()  # as is_known compares it
        strange.append(strange[-1] + any(t not in vocabulary for t in tokens))
    solid = [index for index, size in enumerate(sizes) if size]
    longest = _longest()[0]
    # The first strange word at or after each: no known name runs past it. In prose most
    # words are strange, and the names tried from each word stop at once.
    reach = [count] * (count + 1)
    for index in range(count - 1, -1, -1):
        reach[index] = index if strange[index + 1] != strange[index] else reach[index + 1]

    def known(i: int, c: int) -> bool:
        """Whether words i to c - 1 are a known name."""
        if total[c] - total[i] > longest or total[c] == total[i] or strange[c] != strange[i]:
            return False
        inside = solid[bisect.bisect_left(solid, i) : bisect.bisect_left(solid, c)]
        return is_known(" ".join(name[words[j][0] : words[j][1]] for j in inside))

    def candidates(i: int) -> Iterator[int]:
        # Only ends up to the next strange word: beyond it ``known`` says no.
        last = reach[i]
        # After a word that compares as nothing, the answer is the one before it.
        if i + 1 < count and i + 1 <= last:
            yield i + 1
        # Indexed, not sliced: a slice would copy every later word, once per word.
        for k in range(bisect.bisect_left(solid, i + 1), len(solid)):
            j = solid[k]
            if j + 1 >= count or j + 1 > last or total[j + 1] - total[i] > longest:
                return
            yield j + 1

    rest_known = [reach[i] == count and known(i, count) for i in range(count)]
    choice = [0] * count  # where the first name of words i.. ends; 0: no split
    for i in range(count - 1, -1, -1):
        if (i and rest_known[i]) or reach[i] == i:
            continue
        for c in candidates(i):
            if known(i, c) and (rest_known[c] or choice[c]):
                choice[i] = c
                break
    if not choice[0]:
        return None
    parts: list[tuple[int, int]] = []
    i = 0
    while True:
        c = choice[i]
        parts.append((words[i][0] if i else 0, words[c - 1][1]))
        if rest_known[c]:
            parts.append((words[c][0], len(name)))
            return parts
        i = c


def _parenthetical(text: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    """(open, close) of the first depth-0 parenthesis in the piece, if any."""
    opened = text.find("(", start, end)
    if opened < 0:
        return None
    # From one ")" to the next: the "(" between them open as many levels, the ")" closes
    # one; the first that brings the depth back to nothing closes the first "(".
    depth = 0
    at = opened
    while (close := text.find(")", at, end)) >= 0:
        depth += text.count("(", at, close) - 1
        if depth == 0:
            return opened, close, start, end
        at = close + 1
    return None


def split(
    text: str,
    *,
    persons: bool = False,
    known: frozenset[str] = frozenset(),
    behalf: bool = True,
) -> list[Name]:
    """Names in a written list, in order.

    With ``persons`` only commas separate entries ("Special Representative
    of the Secretary-General and Head of the Mission" is one person). Without
    ``behalf`` the lists inside "(also on behalf of …)" are not read.
    """
    names: list[Name] = []
    text = _mask(text)
    # Without masks (most lists) no piece needs unmasking: asked once, not once per name.
    masked = _OPEN in text or _CLOSE in text
    lookup = states.lookup
    if ";" in text or "(" in text or ")" in text or "[" in text or "]" in text:
        parts = [text[a:b] for a, b in top_level(text)]
    else:
        parts = text.split(",")  # nothing but commas may separate the pieces (most lists)
    chunk_end = -1
    for part in parts:
        # Pieces are cut at one separator each: each starts one character after the last.
        chunk_end += len(part) + 1
        # _trim, on the piece's own text: str.strip is one call where _trim loops.
        piece = part.lstrip(" \t.")
        if not piece:
            continue
        start = chunk_end - len(piece)
        piece = piece.rstrip(" \t.")
        if piece[0] in _AND_OR_FIRST and (lead := _LEADING_AND.match(piece)):
            piece = piece[lead.end() :]
            if not piece:
                continue
            start += lead.end()
        end = start + len(piece)
        if persons or "(" not in piece:
            # Most pieces are one name with nothing to cut: a person (only commas cut a list
            # of persons), one word ("Brazil", "Switzerland": with no " and " the general
            # reading cuts nowhere) or a known name, which it keeps whole however many "and"s
            # it holds (a run of words that is none may be names glued together, or several).
            # Read at once, with no cached reading to look up and no intermediate objects.
            whole = _unmask(piece) if masked else piece
            if persons or " " not in piece or lookup(whole) is not None:
                names.append(_new_tuple(Name, (whole, start, end, [], None, None)))
                continue
        # The same pieces ("Brazil", "Ghana (also on behalf of …)") recur across a
        # supplement's footnotes and notes: each is read once.
        for name, a, b, on_behalf, note, missing in _chunk(piece, persons, known, behalf):
            if masked:
                name = _unmask(name)
            names.append(
                _new_tuple(Name, (name, start + a, start + b, list(on_behalf), note, missing))
            )
    return names


_Read = tuple[tuple[str, int, int, tuple[str, ...], str | None, str | None], ...]


@lru_cache(maxsize=8192)
def _chunk(
    text: str, persons: bool, known: frozenset[str] = frozenset(), deep: bool = True
) -> _Read:
    """The names of one comma-separated piece, with positions within it."""
    if not persons and "(" not in text and (pair := _known_pair(text, known)):
        return pair
    behalf = patterns.compiled("speakers", "also_on_behalf")
    names: list[Name] = []
    pending: list[tuple[int, int, str | None]] = [(0, len(text), None)]
    while pending:
        start, end, missing = pending.pop(0)
        paren = _parenthetical(text, start, end)
        if paren and not persons:
            opened, closed, _, _ = paren
            after = _trim(text, closed + 1, end)
            if after[0] < after[1]:
                # ") and Malta" is a list; ") Malta" is a name glued to the parenthesis.
                joined = _JOINED.match(text, closed + 1, end)
                pending.insert(0, (after[0], after[1], None if joined else "comma after ')'"))
                end = closed + 1
            inner = text[opened + 1 : closed]
            head_end = opened
            while head_end > start and text[head_end - 1] == " ":
                head_end -= 1
            on_behalf: list[str] = []
            note: str | None = None
            if match := behalf.match(inner):
                # Only the names count: a list nested in one of them is not read, so
                # nesting never deepens the reading (nor repeats it once per level).
                if deep:
                    on_behalf = [n.name for n in split(inner[match.end() :], behalf=False)]
            else:
                note = inner.strip()
            for index, (a, b) in enumerate(
                _split_and(text, start, head_end, persons=False, known=known)
            ):
                names.extend(_recover(text, a, b, missing if index == 0 else None))
            # The parenthesis belongs to the last name before it.
            last = names[-1]
            names[-1] = _new_tuple(
                Name, (last.name, last.start, closed + 1, on_behalf, note, last.missing_separator)
            )
            continue
        for index, (a, b) in enumerate(_split_and(text, start, end, persons=persons, known=known)):
            if persons:
                names.append(Name(text[a:b], a, b, [], missing_separator=missing))
            else:
                names.extend(_recover(text, a, b, missing if index == 0 else None))
    return tuple(
        (n.name, n.start, n.end, tuple(n.on_behalf_of), n.note, n.missing_separator) for n in names
    )


def _known_pair(text: str, known: frozenset[str]) -> _Read | None:
    """The two names of "A and B" where both are known and "A and B" is not ("United
    Kingdom and United States"): the last piece of most lists, read as the general
    reading would, with none of its weighing."""
    cut = _AND.search(text)
    if cut is None or _AND.search(text, cut.end()) is not None or " and " not in text:
        return None
    left, right = text[: cut.start()], text[cut.end() :]
    if not is_known(left) or not is_known(right) or is_known(text):
        return None
    if known and _key(text) in known:
        return None
    return ((left, 0, cut.start(), (), None, None), (right, cut.end(), len(text), (), None, None))


def _recover(text: str, start: int, end: int, missing: str | None) -> list[Name]:
    name = text[start:end]
    parts = _glued(name) if " " in name and not is_known(name) else None
    if not parts:
        return [_new_tuple(Name, (name, start, end, [], None, missing))]
    return [
        _new_tuple(
            Name, (name[a:b], start + a, start + b, [], None, missing if index == 0 else "comma")
        )
        for index, (a, b) in enumerate(parts)
    ]
