"""The ranking worked out in Python gives what FTS5 gives: tokens, stems, bm25, to the bit."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire import parse, samples
from repertoire.store import judge as judging
from repertoire.store import open_db
from repertoire.store.judge import judge
from repertoire.store.official import import_official
from repertoire.store.rank import _LETTERS, _SEPARATORS, Paragraphs, stem, tokens
from repertoire.store.schema import STEMMED
from tests.factory import section
from tests.test_official_real import OFFICIAL
from tests.test_texts_judge import FOOTNOTES, NARRATIVE, TEXTS

ENGLISH_2023 = OFFICIAL / "unxml" / "texts" / "2023" / "English"


def _index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE p USING fts5(text, tokenize='{STEMMED}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(p, instance)")
    return conn


def _fts5_tokens(texts: list[str]) -> list[list[str]]:
    """What FTS5 makes of each text: its stemmed tokens in order."""
    conn = _index()
    conn.executemany("INSERT INTO p (rowid, text) VALUES (?, ?)", list(enumerate(texts, 1)))
    found: list[list[tuple[int, str]]] = [[] for _ in texts]
    for doc, term, offset in conn.execute("SELECT doc, term, offset FROM v"):
        found[doc - 1].append((offset, term))
    return [[term for _, term in sorted(row)] for row in found]


def _ours(texts: list[str]) -> list[list[str] | None]:
    out: list[list[str] | None] = []
    for text in texts:
        split = tokens(text)
        out.append(None if split is None else [stem(t) for t in split])
    return out


SUFFIXES = [
    *[
        "s",
        "es",
        "ies",
        "sses",
        "ed",
        "eed",
        "ing",
        "ational",
        "tional",
        "enci",
        "anci",
        "izer",
        "logi",
        "bli",
        "alli",
        "entli",
        "eli",
        "ousli",
    ],
    *[
        "ization",
        "ation",
        "ator",
        "alism",
        "iveness",
        "fulness",
        "ousness",
        "aliti",
        "iviti",
        "biliti",
        "icate",
        "ative",
    ],
    *[
        "alize",
        "iciti",
        "ical",
        "ful",
        "ness",
        "al",
        "ance",
        "ence",
        "er",
        "ic",
        "able",
        "ible",
        "ant",
        "ement",
        "ment",
        "ent",
        "ion",
        "ou",
    ],
    *["ism", "ate", "iti", "ous", "ive", "ize", "e", "ll", "y", "ly", "ency", "at", "bl", "iz"],
    "",
]
WORDS = st.builds(
    lambda stem_, suffix: stem_ + suffix,
    st.text(alphabet="aeiouybcdlmnrstgzwx0", max_size=9),
    st.sampled_from(SUFFIXES),
).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60))
def test_stems_are_fts5s(words: list[str]) -> None:
    assert _ours(words) == _fts5_tokens(words)


def _texts_held() -> list[str]:
    texts = [samples.path().read_text(encoding="utf-8")]
    if ENGLISH_2023.is_dir():
        for path in sorted(ENGLISH_2023.glob("*.xml"))[:150]:
            raw = path.read_text(encoding="utf-8", errors="replace")
            texts.append(re.sub(r"<[^>]*>", " ", raw))
    return texts


def test_every_word_held_is_stemmed_as_fts5_does_and_starts_as_its_stem() -> None:
    lines = [line for text in _texts_held() for line in text.splitlines()]
    words = sorted({t for line in lines for t in tokens(line) or []})
    assert len(words) > 1000
    assert _ours(words) == _fts5_tokens(words)
    for word in words:
        stemmed = stem(word)
        # The bound the search for a stem's tokens relies on (Paragraphs._candidates).
        shared = next(
            (i for i, (a, b) in enumerate(zip(word, stemmed, strict=False)) if a != b), None
        )
        assert (min(len(word), len(stemmed)) if shared is None else shared) >= len(stemmed) - 1


def test_each_character_known_is_split_or_folded_as_unicode61_does() -> None:
    texts = [f"ab{c}cd" for c in _SEPARATORS] + [f"x{c}y" for c in _LETTERS]
    assert _ours(texts) == _fts5_tokens(texts)
    # A character outside what the tokenizer knows: FTS5 is asked instead.
    assert tokens("Ørsted") is None
    assert tokens("a\u0301") is None


PARAGRAPH = st.lists(
    st.sampled_from(
        [
            "peace",
            "peaceful",
            "mandate",
            "mandated",
            "missions",
            "mission",
            "support",
            "the",
            "of",
            "and",
        ]
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(PARAGRAPH, min_size=1, max_size=12),
    st.lists(
        st.sampled_from(["peace", "mandates", "mission", "supporting", "the", "zebra"]), min_size=1
    ),
)
def test_bm25_gives_fts5s_numbers_to_the_bit(paragraphs: list[str], words: list[str]) -> None:
    conn = _index()
    rows = list(enumerate(paragraphs, 10))
    conn.executemany("INSERT INTO p (rowid, text) VALUES (?, ?)", rows)
    query = " OR ".join(f'"{w}"' for w in words)
    fts5 = {
        rowid: -score
        for rowid, score in conn.execute("SELECT rowid, bm25(p) FROM p WHERE p MATCH ?", (query,))
    }
    ranked = Paragraphs.of(rows)
    assert ranked is not None
    assert ranked.bm25(words) == fts5
    counts = [0] * len(words)
    for key, count in conn.execute(
        "SELECT j.key, count(*) FROM json_each(?) AS j JOIN p ON p MATCH j.value GROUP BY j.key",
        (json.dumps([f'"{w}"' for w in words]),),
    ):
        counts[key] = count
    held = ranked.phrases(words)
    assert held is not None
    assert [len(h) for h in held] == counts


def test_the_verdicts_are_the_same_whichever_ranks(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, data in TEXTS.items():
        (folder / name).write_bytes(data)
    db = tmp_path / "t.db"
    import_official([folder], db)
    document = parse(section(year=2099, narrative=NARRATIVE, footnotes=FOOTNOTES), "s.txt")

    def judged(many: int) -> tuple[list[str], list[str]]:
        monkeypatch.setattr(judging, "MANY", many)
        with open_db(db) as conn:
            judgement = judge(document, conn)
        return [repr(v) for v in judgement.verdicts], [repr(f) for f in judgement.findings]

    in_python, by_index = judged(0), judged(10**9)
    assert in_python == by_index
    assert any("status='doubtful'" in v for v in in_python[0])


@pytest.mark.skipif(not ENGLISH_2023.is_dir(), reason="official files not present")
def test_real_texts_score_alike_whichever_ranks(tmp_path) -> None:
    path = tmp_path / "t.db"
    import_official(sorted(ENGLISH_2023.glob("*.xml"))[:40], path)
    with open_db(path) as conn:
        texts = judging._Texts(conn)
        symbols = [s for (s,) in conn.execute("SELECT symbol FROM decision_texts ORDER BY id")]
        compared = 0
        for symbol in symbols:
            text = texts.get(symbol)
            assert text is not None
            ranked = Paragraphs.of((p.id, p.text) for p in text.paragraphs if p.address)
            if ranked is None:
                continue
            for paragraph in text.paragraphs[::3]:
                words = judging.words_of(paragraph.text)
                if not words or ranked.bm25(words) is None:
                    continue
                texts.ranking[text.id] = None
                by_index = texts.scores(text, words)
                texts.ranking[text.id] = ranked
                assert texts.scores(text, words) == by_index
                compared += 1
    assert compared > 100
