"""The README runs as written: every line of every ```sh block, and every ```python block.

They run in a fresh folder that holds the sample under the path the README names
and a database built from it, with the environment's ``bin`` first on PATH (as
``source .venv/bin/activate`` makes it; ``.venv`` there points to this one).
Each must exit 0. ``make`` lines are checked with ``make -n`` in the project (the
targets exist and their recipes expand; running them would rebuild the
environment, and ``make test`` is this very suite); ``repertoire serve`` runs in
the background until it answers.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.store import load

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
SAMPLE = "src/repertoire/data/samples/mali-2023.txt"


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def commands() -> list[str]:
    return [
        line.strip()
        for block in blocks("sh")
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("readme")
    (where / SAMPLE).parent.mkdir(parents=True)
    shutil.copyfile(samples.path(), where / SAMPLE)
    (where / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    load([where / SAMPLE], where / "repertoire.db")
    return where


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPERTOIRE_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "80"
    return env


def test_the_readme_names_the_sample_and_how_to_call_the_command() -> None:
    text = README.read_text(encoding="utf-8")
    first = blocks("sh")[0].splitlines()
    assert [line.split()[:2] for line in first] == [["make", "demo"], ["make", "test"]]
    assert SAMPLE in text
    assert ".venv/bin/repertoire" in text and "source .venv/bin/activate" in text
    assert "section.txt" not in text and "supplement/" not in text
    assert len(commands()) >= 15


@pytest.mark.parametrize("line", commands())
def test_shell_line_runs_as_written(line: str, folder: Path) -> None:
    env = _environment()
    if line.startswith("make "):
        target = line.split()[1]
        result = subprocess.run(
            ["make", "-n", target], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return
    if line.startswith("repertoire serve"):
        _serves(line, folder, env)
        return
    result = subprocess.run(
        ["bash", "-c", line], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr


def _serves(line: str, folder: Path, env: dict[str, str]) -> None:
    pytest.importorskip("datasette")
    port = _free_port()
    env = {**env, "REPERTOIRE_PORT": str(port)}
    process = subprocess.Popen(
        ["bash", "-c", f"exec {line}"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"{line} exited with {process.returncode}"
            try:
                url = f"http://127.0.0.1:{port}/-/repertoire"
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert response.status == 200
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, f"{line} did not answer"
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_block_runs(index: int, folder: Path) -> None:
    pytest.importorskip("pandas")
    script = folder / f"readme_{index}.py"
    script.write_text(blocks("python")[index], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, script.name],
        cwd=folder,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
