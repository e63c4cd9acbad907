"""Readers of the Council's official record, as the UN publishes it.

One reader per kind of file, each recognised from the file's content (never its name), all
in one registry (:mod:`.registry`, where adding a source is one entry):

- ``unxml-resolutions``: UNxml's resolutions, one JSON object per line (:mod:`.unxml`);
- ``akn4un``: Akoma Ntoso for the UN XML of a draft not adopted or a resolution (:mod:`.akn`);
- ``akn4un-text``: the full text of an adopted resolution or a statement by the President, in
  the same schema (:mod:`.texts`), told from a draft by its ``<statement name>``;
- ``library-meetings``: the Dag Hammarskjöld Library's yearly meetings tables (:mod:`.library`);
- ``library-vetoes``: the Library's veto list (:mod:`.library_vetoes`);
- ``vetoes-csv``: the vetoes CSV, one row per vetoed draft (:mod:`.vetoes_csv`).

Reading never raises on input: a broken file gives findings and whatever could be read.

    >>> from repertoire import official
    >>> found = official.read_bytes(b'{"symbol": "S/RES/1234 (2099)", "MS_in_favour": [],'
    ...     b' "MS_against": []}', "x.jsonl")
    >>> found.kind, found.decisions[0].symbol
    ('unxml-resolutions', 'S/RES/1234 (2099)')
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repertoire.official.records import (
    KINDS,
    Attestation,
    DecisionText,
    FileRead,
    OfficialDecision,
    OfficialFile,
    OfficialFinding,
    OfficialMeeting,
    OfficialVeto,
    Tally,
    TextParagraph,
)

if TYPE_CHECKING:
    from repertoire.official.registry import READERS, Reader, decode

__all__ = [
    "DESCRIPTIONS",
    "KINDS",
    "READERS",
    "Attestation",
    "DecisionText",
    "FileRead",
    "OfficialDecision",
    "OfficialFile",
    "OfficialFinding",
    "OfficialMeeting",
    "OfficialVeto",
    "Reader",
    "Tally",
    "TextParagraph",
    "decode",
    "detect",
    "files",
    "looks_like_text",
    "read",
    "read_bytes",
    "read_file",
    "read_files",
]

# The readers (and lxml) are imported when first asked for: the records alone are what a
# store needs to be opened and read.
_REGISTRY = frozenset({"READERS", "Reader", "decode"})


def __getattr__(name: str) -> Any:
    if name in _REGISTRY:
        import repertoire.official.registry as registry

        return getattr(registry, name)
    if name == "DESCRIPTIONS":
        return descriptions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def descriptions() -> dict[str, str]:
    """What each kind is, for messages and help, in the order of :data:`KINDS`."""
    from repertoire.official.registry import READERS

    return {kind: READERS[kind].description for kind in KINDS}


def detect(raw: bytes) -> str | None:
    """The kind of file ``raw`` is, from its content; ``None`` when it is none of :data:`KINDS`
    (or when more than one reader claims it: :func:`read_bytes` says which)."""
    from repertoire.official.registry import Head, claims

    found = claims(Head(raw))
    return found[0] if len(found) == 1 else None


def read_bytes(raw: bytes, path: str, kind: str | None = None) -> OfficialFile:
    """Read one file's bytes; ``kind`` forces a reader (one of :data:`KINDS`)."""
    from repertoire.official.common import Findings
    from repertoire.official.registry import READERS, Head, claims

    head = Head(raw)
    if kind is None:
        found = claims(head)
        if len(found) == 1:
            kind = found[0]
        else:
            findings = Findings(path)
            if found:
                message = (
                    "the file looks like more than one kind ("
                    + "; ".join(f"{k}: {READERS[k].description}" for k in found)
                    + "); skipped: name its kind to read it"
                )
            else:
                message = (
                    "the file is none of the kinds this reader knows ("
                    + "; ".join(descriptions().values())
                    + "); skipped"
                )
            findings.warning(1, "official-kind", message)
            return OfficialFile(path, None, findings=findings.items)
    elif kind not in READERS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    return READERS[kind].read(head, path)


def read(path: str | os.PathLike[str], kind: str | None = None) -> OfficialFile:
    """Read one file; an unreadable file gives a finding, not an exception."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        from repertoire.official.common import Findings

        findings = Findings(name)
        findings.error(1, "official-io", f"cannot read the file: {error.strerror or error}")
        return OfficialFile(name, None, findings=findings.items)
    return read_bytes(raw, name, kind)


def read_file(path: str, name: str, held: str | None = None, kind: str | None = None) -> FileRead:
    """Read the file at ``path`` as ``name`` (how findings name it), unless the SHA-256 of
    its bytes is ``held``; a file that cannot be read, or that the reader fails on, gives
    ``error``, never an exception."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return FileRead(error=error.strerror or str(error))
    digest = hashlib.sha256(raw).hexdigest()
    if digest == held:
        return FileRead(digest, len(raw))
    try:
        read = read_bytes(raw, name, kind)
    except Exception as error:  # a reader's bug: this file is lost, not the others
        return FileRead(digest, len(raw), error=f"the reader failed on it ({_said(error)})")
    return FileRead(digest, len(raw), read)


def looks_like_text(path: str | os.PathLike[str], size: int = 4096) -> bool:
    """Whether the file at ``path`` looks, from its first ``size`` bytes, like the full text
    of a decision (``akn4un-text``): a guess that orders an import's work, never what is
    read (a file that cannot be read, or says too little so soon, is no text)."""
    from repertoire.official.registry import is_text

    try:
        # Unbuffered: the guess is made for thousands of files, of a few bytes each.
        handle = os.open(path, os.O_RDONLY)
        try:
            head = os.read(handle, size)
        finally:
            os.close(handle)
    except OSError:
        return False
    return is_text(head)


def read_files(batch: list[tuple[str, str, str | None, str | None]]) -> list[FileRead]:
    """:func:`read_file` of each ``(path, name, held, kind)``, in order: a batch of files
    read in another process."""
    return [read_file(*item) for item in batch]


def _said(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def files(paths: list[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named, and those under the folders named (sorted, hidden ones left out)."""
    for path in map(Path, paths):
        if path.is_dir():
            # Sorted as paths sort (part by part), as ``sorted(path.rglob("*"))`` would, from
            # one listing of each folder: thousands of files are found without a call to
            # the system for each.
            for parts in sorted(_under(os.fspath(path), ())):
                yield path.joinpath(*parts)
        else:
            yield path


def _under(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The parts of the path of each file under ``folder`` (links to folders not followed),
    hidden files and folders left out."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _under(entry.path, (*parts, entry.name))
        elif entry.is_file():
            yield (*parts, entry.name)
