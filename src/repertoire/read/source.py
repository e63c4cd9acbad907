"""Stage 0, read: the bytes of an input, within bounds, as text.

Only a regular file is opened (a device such as ``/dev/zero`` never ends, a
pipe waits for a writer), no read goes past :data:`LARGEST_INPUT`, and
decoding reports invalid UTF-8 and NUL bytes instead of raising or keeping them.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from repertoire.findings import Report
from repertoire.records import Finding

# A file larger than this is no section of the Repertoire (a whole supplement is a few
# megabytes): it is refused, with a finding, rather than read without limit.
LARGEST_INPUT = 64 * 1024 * 1024


class InputError(Exception):
    """An input that is not read, with the code of its finding."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_input(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`LARGEST_INPUT` bytes.

    Raises ``OSError`` as ``open`` would for a path that cannot be opened, and
    :class:`InputError` for one that is not a regular file or is too large.
    """
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(mode):
        raise InputError(
            "not-a-file", f"{path} is not a regular file (a device, a pipe or a socket)"
        )
    with path.open("rb") as handle:
        data = handle.read(LARGEST_INPUT + 1)
    if len(data) > LARGEST_INPUT:
        raise InputError("too-large", f"{path} is larger than {LARGEST_INPUT:,} bytes")
    return data


def decode(data: bytes) -> tuple[str, list[Finding]]:
    """Text of the bytes; invalid UTF-8 is reported with its byte offset and replaced.

    NUL bytes early on mean the input is binary; one further on is reported
    and replaced, so that no NUL is ever stored.
    """
    report = Report()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        message = "input looks binary (NUL bytes), not converted text"
        report.add("error", 0, "binary-input", message)
        return "", report.findings
    try:
        text = data.decode("utf-8")
        # In UTF-8 the NUL character is the NUL byte and no other byte is: the bytes are
        # looked through (one memchr), not the text, where most inputs have none.
        return (_without_nul(text, report) if b"\x00" in data else text), report.findings
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        report.at(
            "error",
            line,
            column,
            "invalid-utf8",
            f"invalid UTF-8 at byte offset {error.start} ({error.reason}); "
            "bad bytes were replaced with U+FFFD",
        )
        return _without_nul(data.decode("utf-8", errors="replace"), report), report.findings


def _without_nul(text: str, report: Report) -> str:
    at = text.find("\x00")
    if at < 0:
        return text
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    count = text.count("\x00")
    report.at(
        "error",
        line,
        column,
        "nul-bytes",
        f"{count} NUL byte{'s' if count > 1 else ''} in the text (the first here); "
        "replaced with U+FFFD",
    )
    return text.replace("\x00", "\ufffd")
