"""Loading while serving: a real ``serve`` process answers every request while 30 files load.

Readers see the store before or after each file's commit, never part of one: every response
during the load is 200, and the new sections are served within seconds of its end, without
a restart.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.store import load

FILES = 30
CLI = [sys.executable, "-c", "from repertoire.cli import main; main()"]
# Pages that read many tables (a section, a meeting, a State, a chart) and Datasette's own.
PAGES = (
    "/-/repertoire",
    "/-/section/1",
    "/-/section/1.md",
    "/-/meeting/S/PV.9408",
    "/-/state/France",
    "/-/charts/votes-by-member.svg",
    "/repertoire/sections.json",
    "/repertoire/meetings",
    "/repertoire.json?sql=select+count(*)+from+votes",
)


def renumbered(text: str, number: int, shift: int) -> str:
    """Another section made from the sample: its number, meeting records and symbols moved on."""
    text = re.sub(r"^11\. ", f"{number}. ", text, count=1, flags=re.M)
    text = re.sub(r"S/PV\.(\d+)", lambda m: f"S/PV.{int(m.group(1)) + shift}", text)
    return re.sub(r"S/2023/(\d+)", lambda m: f"S/2023/{int(m.group(1)) + shift}", text)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base: str, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def sections(base: str) -> int:
    status, body = fetch(
        base, "/repertoire.json?sql=select+count(*)+as+n+from+sections&_shape=array"
    )
    assert status == 200, body[:500]
    return json.loads(body)[0]["n"]


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "store.db"
    load([samples.path()], db)
    port = free_port()
    process = subprocess.Popen(
        [*CLI, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(base, "/-/repertoire")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base, db
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_response_during_a_load_is_200_and_new_sections_follow(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, db = server
    text = samples.path().read_text(encoding="utf-8")
    paths = []
    for index in range(FILES):
        path = tmp_path / f"part-{index:02}.txt"
        path.write_text(renumbered(text, 20 + index, 1000 * (index + 1)), encoding="utf-8")
        paths.append(str(path))
    assert sections(base) == 1
    loader = subprocess.Popen(
        [*CLI, "load", *paths, "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    answers: list[tuple[str, int, bytes]] = []
    seen: set[int] = set()
    while loader.poll() is None:
        for page in PAGES:
            status, body = fetch(base, page)
            answers.append((page, status, body[:300]))
        seen.add(sections(base))
    output, errors = loader.communicate()
    assert loader.returncode == 0, errors.decode()
    assert output.decode().count("added") >= FILES
    failures = [(page, status, body) for page, status, body in answers if status != 200]
    assert not failures, failures[:3]
    assert len(answers) >= len(PAGES), "the load ended before any page was asked for"
    # Readers saw whole files only: counts of sections the load went through, never less.
    assert all(1 <= count <= FILES + 1 for count in seen)
    deadline = time.monotonic() + 10
    while sections(base) != FILES + 1:
        assert time.monotonic() < deadline, "the new sections were not served within 10 s"
        time.sleep(0.2)
    status, body = fetch(base, f"/-/section/{FILES + 1}")
    assert status == 200 and f"{20 + FILES - 1}. The situation in Mali" in body.decode()
    assert fetch(base, "/-/meeting/S/PV.39408")[0] == 200
