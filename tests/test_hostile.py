"""Hostile text: every shape an attacker might send reads without an exception, in linear time.

Each shape is a function of a size ``n`` that makes a text whose length grows with ``n``:
long runs of one character class, deep nesting, many markers, names, decisions and
meetings. The time to read (and render) a shape is measured at five sizes, each twice the
one before, and the exponent of its growth is fitted over the whole 16-fold range: a linear
pass has an exponent near 1, a quadratic one near 2. Fitting over four doublings rather than
comparing two sizes keeps one step across the processor's cache, which may cost twice the
time on its own, from passing for quadratic growth; a shape that still looks too steep is
measured again at four times the sizes before the test fails. The ratios themselves, shape
by shape, are printed by ``make bench`` (``benchmarks/hostile_bench.py``).
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repertoire import parse
from repertoire.read import members, names, symbols, table
from repertoire.read.pipeline import parse_bytes
from repertoire.reference import states
from repertoire.render import render
from repertoire.render.html import HtmlOptions, render_html
from tests.factory import HEADER, row

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
STATES = ("Mali", "Chad", "Niger", "Ghana", "Gabon", "Brazil", "Japan", "Malta")


def _section(body: str) -> str:
    return f"1. The question\n\n{body}\n"


def _table(rows: list[str], notes: str = "", before: str = "Text.") -> str:
    table = "\n".join([HEADER, *rows])
    return f"1. The question\n\n{before}\n\nMeetings: The question, 2023\n\n{table}\n\n{notes}\n"


def _footnotes(n: int, text: Callable[[int], str]) -> str:
    marks = " ".join(f"Said {i}.{str(i).translate(_SUP)}" for i in range(1, n + 1))
    defined = "\n\n".join(f"{str(i).translate(_SUP)} {text(i)}" for i in range(1, n + 1))
    return f"{marks}\n\n{defined}"


def _names(n: int, joiner: str) -> str:
    return joiner.join(STATES[i % len(STATES)] for i in range(n))


def _cell(column: str, text: str) -> str:
    return _table([row("S/PV.100 3 March", **{column: text})])


SHAPES: dict[str, Callable[[int], str]] = {
    # runs of one character class
    "spaces before a word": lambda n: _section(" " * (40 * n) + "x"),
    "spaces inside a line": lambda n: _section("a" + " " * (40 * n) + "b."),
    "tabs": lambda n: _section("a" + "\t" * (20 * n) + "b"),
    "no-break spaces": lambda n: _section("\u00a0" * (20 * n) + "x"),
    "pipes": lambda n: _section("|" * (40 * n)),
    "pipes and spaces": lambda n: _section("| " * (20 * n) + "x"),
    "pipe rule then spaces": lambda n: _section("|---" + " " * (40 * n) + "x"),
    "bar spaces rule": lambda n: _section("|" + " " * (20 * n) + "---" + " " * (20 * n) + "x"),
    "dashes": lambda n: _section("-" * (40 * n) + "x"),
    "long word before a capital": lambda n: _section("x" * (40 * n) + " y\n\nNext one."),
    "opening brackets": lambda n: _section("[" * (40 * n)),
    "unclosed links": lambda n: _section("[a](x" * (8 * n)),
    "link labels": lambda n: _section("[a]" * (12 * n)),
    "unclosed tags": lambda n: _section("<i " * (12 * n)),
    "unclosed sup": lambda n: _section("<sup>" * (8 * n)),
    "stars": lambda n: _section("*" * (40 * n)),
    "star words": lambda n: _section("*a " * (12 * n)),
    "backslashes": lambda n: _section("\\" * (40 * n)),
    "carets": lambda n: _section("^" * (40 * n)),
    "ampersands": lambda n: _section("&#" * (20 * n)),
    "capitals before a slash": lambda n: _section("A" * (40 * n) + " x/"),
    "capitals with slashes": lambda n: _section("S/" + "AB/" * (12 * n) + "-"),
    "digits": lambda n: _section("1" * (40 * n)),
    "quotes": lambda n: _section(".”" * (20 * n) + "x"),
    "control characters": lambda n: _section("\x1b[31m" * (8 * n)),
    "combining marks": lambda n: _section("a\u0301" * (20 * n)),
    "one long line of words": lambda n: _section("word " * (8 * n)),
    "a paragraph of many lines": lambda n: _section("word\n" * (8 * n)),
    "opening parentheses": lambda n: _section("(" * (40 * n)),
    "nested parentheses": lambda n: _section("(" * (20 * n) + ")" * (20 * n)),
    # citations and pinpoints
    "para. after a citation": lambda n: _section("See S/2099/1, para." + " para." * (8 * n)),
    "resolutions with pinpoints": lambda n: _section(
        "resolution 1 (2001), para. 1 and " * (2 * n) + "S/1."
    ),
    "many symbols": lambda n: _section("S/2099/1 " * (4 * n)),
    "many slashes": lambda n: _section("S/" * (20 * n)),
    "resolution chain": lambda n: _section(
        "resolutions " + ", ".join(f"{i % 9000 + 1} (2001)" for i in range(2 * n))
    ),
    "linked resolution numbers": lambda n: _section(
        " ".join(f"[{i % 9000 + 1} (2001)](#)" for i in range(2 * n))
    ),
    # footnotes
    "footnote markers": lambda n: _section(
        " ".join(f"Sentence {i}.{str(i).translate(_SUP)}" for i in range(1, n + 1))
        + "\n\n"
        + "\n\n".join(f"{str(i).translate(_SUP)} See S/PV.{i}." for i in range(1, n + 1))
    ),
    "one marker repeated": lambda n: _section("Word.¹ " * (4 * n) + "\n\n¹ See S/PV.1."),
    "markers out of order": lambda n: _section(
        " ".join(f"x{str(n * 2 - i).translate(_SUP)}" for i in range(n))
    ),
    "footnotes with gaps": lambda n: _section(
        "\n\n".join(f"{str(i * 997).translate(_SUP)} See S/PV.1." for i in range(1, n + 1))
    ),
    "ibid chain": lambda n: _section(
        "x¹\n\n¹ See S/PV.1.\n\n"
        + "\n\n".join(f"{str(i).translate(_SUP)} Ibid., para. {i}." for i in range(2, n + 2))
    ),
    # sections and headings
    "many sections": lambda n: "".join(f"{i % 999 + 1}. Title\n\nText.\n\n" for i in range(n)),
    "heading then spaces": lambda n: f"1. Title{' ' * (40 * n)}x\n",
    "caption of commas": lambda n: _section("Meetings: " + "a, " * (12 * n)),
    # names
    "names joined by and": lambda n: _cell("r37", _names(n, " and ")),
    "unknown names joined by and": lambda n: _cell(
        "r37", " and ".join(f"Xland{i}" for i in range(n))
    ),
    "glued names": lambda n: _cell("r37", _names(n, " ")),
    "names with commas": lambda n: _cell("r37", _names(2 * n, ", ")),
    "nested on behalf": lambda n: _cell(
        "speakers", "Mali (also on behalf of " * n + "Chad" + ")" * n
    ),
    "glued parentheses": lambda n: _cell("speakers", "Mali (x) " * n),
    "speakers with notes": lambda n: _cell("speakers", "Mali ^a, " * n),
    "persons": lambda n: _cell("r39", "Special Representative and Head, " * n),
    # the table
    "decisions in one cell": lambda n: _cell("decision", "Resolution 1 (2001) 15-0-0 " * n),
    "drafts with a vote note": lambda n: _table(
        [row("S/PV.100 3 March", decision="Draft resolution (S/2099/1) not adopted ^a " * n)],
        "^a In favour: " + _names(40, ", ") + ". Against: Chad.",
    ),
    "meetings with unreadable dates": lambda n: _table(
        [row(f"S/PV.{i} in the spring", "Report (S/2099/1)") for i in range(1, n + 1)]
    ),
    "many meetings": lambda n: _table(
        [row(f"S/PV.{i} 3 March", "Report (S/2099/1)", r37="Mali") for i in range(1, n + 1)]
    ),
    "continuation rows": lambda n: _table(
        [row("S/PV.100 3 March"), *(row(speakers="Mali") for _ in range(n))]
    ),
    "many cells": lambda n: _table(["S/PV.100 3 March" + "\tx" * (8 * n)]),
    "notes defined again": lambda n: _table(
        [row("S/PV.100 3 March", speakers="Mali ^a")], "\n\n".join("^a Note." for _ in range(n))
    ),
    "documents in one cell": lambda n: _cell("sub", "Report (S/2099/1) " * n),
    # the Council's rules
    "claims said again and again": lambda n: _table(
        [row(f"S/PV.{i} 3 March", "Report (S/2099/1)") for i in range(1, n + 1)],
        before="The Council held 2 meetings. " * n,
    ),
    "positions on one meeting": lambda n: _table(
        [row("S/PV.100 3 March", speakers=_names(n, ", "))],
        before=_footnotes(n, lambda i: f"See S/PV.100, {STATES[i % len(STATES)]}."),
    ),
    "unknown delegations": lambda n: _table(
        [row("S/PV.100 3 March", speakers="Mali")],
        before=_footnotes(1, lambda i: "See S/PV.100, " + ", ".join(f"Xq{j}" for j in range(n))),
    ),
    "drafts and decisions": lambda n: _table(
        [
            row(
                "S/PV.100 3 March",
                other=" ".join(f"Draft resolution (S/2099/{i})" for i in range(n)),
                decision=" ".join(f"Draft resolution (S/2099/{i}) adopted" for i in range(n)),
            )
        ]
    ),
    "a members note for many meetings": lambda n: _table(
        [row(f"S/PV.{i} 3 March", speakers="13 Council members ^a") for i in range(1, n + 1)],
        "^a " + _names(n, ", ") + ".",
    ),
    # A note many meetings share is read once; what each meeting copies of it is bounded.
    "an invitations note for many meetings": lambda n: _table(
        [row(f"S/PV.{i} 3 March", r37="40 Member States ^c") for i in range(1, n + 1)],
        "^c " + _names(40, ", ") + ".",
    ),
    "a long invitations note": lambda n: _table(
        [row("S/PV.1 3 March", r37=f"{n} Member States ^c")], "^c " + _names(n, ", ") + "."
    ),
    "a submitters note for many drafts": lambda n: _table(
        [
            row(f"S/PV.{i} 3 March", other="Draft resolution submitted by 40 Member States ^b")
            for i in range(1, n + 1)
        ],
        "^b " + _names(40, ", ") + ".",
    ),
    "a videoconference note for many meetings": lambda n: _table(
        [row(f"S/PV.{i} 3 March", speakers="Mali ^v") for i in range(1, n + 1)],
        "^v The meeting was held by videoconference. "
        + " ".join(f"The Envoy {i} participated via videoconference." for i in range(40)),
    ),
    "a long videoconference note": lambda n: _table(
        [row("S/PV.1 3 March", speakers="Mali ^v")],
        "^v The meeting was held by videoconference. "
        + " ".join(f"The Envoy {i} participated via videoconference." for i in range(n)),
    ),
    "groups and persons joined by and": lambda n: _cell(
        "speakers", " and ".join(f"the Group of Friends {i}" for i in range(n))
    ),
    "letters cited in many footnotes": lambda n: _table(
        [row(f"S/2020/{i} 3 March", "Report") for i in range(1, n + 1)],
        before=_footnotes(n, lambda i: f"See S/2020/{i}, Mali."),
    ),
    "a vote note for many decisions": lambda n: _table(
        [row("S/PV.100 3 March", decision="Resolution 1 (2001) 15-0-0 ^a " * n)],
        "^a In favour: " + _names(n, ", ") + ".",
    ),
}


def work(text: str) -> None:
    """What a visitor or a batch does with a text: read it, render it both ways."""
    document = parse(text)
    document.to_dict()
    render(document, "markdown")
    render_html(document, HtmlOptions(findings=document.all_findings()))


def _fresh() -> None:
    """Forget what earlier runs read: each run must do all of its work."""
    caches = (names._chunk, names.kind_of, states.lookup, states.suggest, symbols.normalise)
    for cached in (*caches, members._listed_members, table._listed_names, table._how_held):
        cached.cache_clear()


def best_time(text: str, runs: int, job: Callable[[str], object] = work) -> float:
    best = float("inf")
    for _ in range(runs):
        _fresh()
        gc.collect()
        gc.disable()  # the collector's pauses depend on the whole heap, not on this text
        try:
            start = time.perf_counter()
            job(text)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


# Growth exponents: 1 is linear, 2 quadratic; 1.5 leaves room for a cache step and for noise.
STEEPEST = 1.5
DOUBLINGS = 4


Job = Callable[[str], object]


def start_size(shape: Callable[[int], str], floor: float = 0.005, job: Job = work) -> int:
    """The first size ``n`` at which the shape takes at least ``floor`` seconds."""
    n = 8
    job(shape(n))  # patterns compile on first use: not part of any measure
    while (elapsed := best_time(shape(n), 1, job)) < floor and n < 1 << 16:
        n *= 2 if elapsed > floor / 4 else 4
    return n


def exponent(shape: Callable[[int], str], n: int, runs: int = 2, job: Job = work) -> float:
    """The least-squares slope of log(time) over log(size), at sizes n, 2n, ... 16n."""
    sizes = [n << k for k in range(DOUBLINGS + 1)]
    xs = [math.log(size) for size in sizes]
    ys = [math.log(best_time(shape(size), runs, job)) for size in sizes]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def _linear(text: str) -> int:
    """One look at each character."""
    return sum(1 for c in text if c == "x")


def _quadratic(text: str) -> int:
    """A look back over everything before each position: the growth the test is for."""
    return sum(text.count("x", 0, i) for i in range(0, len(text), 8))


def test_the_measure_tells_quadratic_from_linear() -> None:
    def shape(n: int) -> str:
        return "x" * (40 * n)

    linear = exponent(shape, start_size(shape, job=_linear), job=_linear)
    quadratic = exponent(shape, start_size(shape, job=_quadratic), job=_quadratic)
    assert linear < STEEPEST < quadratic


@pytest.mark.parametrize("name", list(SHAPES))
def test_hostile_shape_reads_in_linear_time(name: str) -> None:
    shape = SHAPES[name]
    n = start_size(shape)
    slope = exponent(shape, n)
    if slope > STEEPEST:  # a cache step or a busy machine: again, at four times the sizes
        slope = min(slope, exponent(shape, 4 * n, runs=3))
    assert slope <= STEEPEST, f"{name}: time grows as size^{slope:.2f}"


@pytest.mark.parametrize("name", list(SHAPES))
def test_hostile_shape_raises_nothing(name: str) -> None:
    work(SHAPES[name](64))


HOSTILE = st.sampled_from(
    [
        " " * 50,
        "\t" * 20,
        "|" * 30,
        "[" * 30,
        "A" * 40 + "/",
        "(" * 30,
        ")" * 30,
        "(also on behalf of " * 10,
        " and ".join(STATES),
        " ".join(STATES),
        "¹" * 30,
        "<sup>" + "9" * 30 + "</sup>",
        "^a" * 10,
        "Resolution 1 (2001) 15-0-0 " * 5,
        "S/PV.1 x",
        "\n",
        "\n\n",
        "\t",
        "1. Title",
        "Meetings: T, 2023",
        HEADER,
        ", para." * 10,
        "\x1b[2J",
        "\x00",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(HOSTILE, st.text(max_size=8)), max_size=30))
def test_hostile_mixtures_raise_nothing(pieces: list[str]) -> None:
    work("".join(pieces))
    parse_bytes("".join(pieces).encode()).to_dict()
