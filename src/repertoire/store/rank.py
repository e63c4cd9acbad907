"""The search index's ranking of a decision's paragraphs, worked out in Python.

The judge ranks a decision's paragraphs by SQLite FTS5's bm25 over the index's own tokenizer
(``porter unicode61 remove_diacritics 2``). Filling an index in memory with the paragraphs
and asking it once per clause, and once per word for which paragraphs hold it, costs more
than the rest of judging a section; this module gives the same numbers without SQLite:

- :func:`tokens` splits a text as ``unicode61`` does, for the characters it knows
  (ASCII, the punctuation and spaces of :data:`_SEPARATORS`, the Latin letters that fold to
  an ASCII letter); a text with any other character gives ``None``, and the caller asks
  FTS5 itself;
- :func:`stem` is FTS5's Porter stemmer, rule for rule (the tests compare both on every word
  of the texts held and on generated ones);
- :class:`Paragraphs` holds a decision's paragraphs as token counts, and scores a list of
  words with FTS5's bm25 formula, phrase by phrase in the query's order, so that the floats
  are the ones FTS5 returns.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

_TOKEN = re.compile(r"[a-z0-9]+")
# Characters besides ASCII that unicode61 takes as separators (the tests check each).
_SEPARATORS = (
    "\u00a0¡¢£¤¥¦§¨©«¬\u00ad®¯°±´¶·¸»¿×÷"
    + "".join(chr(c) for c in range(0x2000, 0x2065) if unicodedata.category(chr(c))[0] in "PZC")
    + "€−▪◦■□●○◆◇►▶"
)


def _fold(char: str) -> str | None:
    """The ASCII letter unicode61 folds a Latin letter to (case and diacritics off), if one."""
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    bare = bare.lower()
    return bare if len(bare) == 1 and bare.isascii() and bare.isalpha() else None


_LETTERS = {
    chr(c): folded
    for c in range(0xC0, 0x180)
    if unicodedata.category(chr(c))[0] == "L" and (folded := _fold(chr(c))) is not None
}
_FOLD = str.maketrans({**dict.fromkeys(_SEPARATORS, " "), **_LETTERS})


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SEPARATOR_SET = frozenset(_SEPARATORS)


def _folded(run: re.Match[str]) -> str:
    return run.group().translate(_FOLD)


def tokens(text: str) -> list[str] | None:
    """The text's tokens as unicode61 gives them, unstemmed; ``None`` for a character it
    does not know (see the module's docstring)."""
    if not text.isascii():
        # Separators need no rewriting (the token pattern passes over them); only the runs
        # of other characters are folded, and only when there are some.
        odd = "".join(_NON_ASCII.findall(text))
        if not _SEPARATOR_SET.issuperset(odd):
            text = _NON_ASCII.sub(_folded, text)
            if not text.isascii():
                return None
    return _TOKEN.findall(text.lower())


# --- the Porter stemmer, as FTS5 has it ---------------------------------------------------


def _vowel(char: str, y_is_vowel: bool) -> bool:
    return char in "aeiou" or (y_is_vowel and char == "y")


_CV = str.maketrans(
    dict.fromkeys("aeiou", "v") | dict.fromkeys("bcdfghjklmnpqrstvwxz0123456789", "c")
)


def _pattern(word: str) -> str:
    """Each letter as the stemmer reads it: "c" a consonant, "v" a vowel ("y" is a vowel
    after a consonant)."""
    pattern = word.translate(_CV)
    if "y" in pattern:
        flags = list(pattern)
        for i, flag in enumerate(flags):
            if flag == "y":
                flags[i] = "v" if i and flags[i - 1] == "c" else "c"
        pattern = "".join(flags)
    return pattern


def _measure(word: str, end: int) -> int:
    """Porter's m of word[:end]: how many vowels-then-consonants runs it has."""
    return _pattern(word[:end]).count("vc")


def _m_over_0(word: str, end: int) -> bool:
    return _measure(word, end) > 0


def _m_over_1(word: str, end: int) -> bool:
    return _measure(word, end) > 1


def _m_is_1(word: str, end: int) -> bool:
    return _measure(word, end) == 1


def _cvc(word: str, end: int) -> bool:
    """*o: consonant, vowel, consonant at the end, the last not w, x or y."""
    return end >= 3 and word[end - 1] not in "wxy" and _pattern(word[:end]).endswith("cvc")


def _has_vowel(word: str, end: int) -> bool:
    """*v*, as FTS5 reads it: a "y" is a vowel anywhere but first."""
    head = word[:end]
    return any(v in head for v in "aeiou") or "y" in head[1:]


def _m_over_1_s_or_t(word: str, end: int) -> bool:
    return word[end - 1] in "st" and _m_over_1(word, end)


# (suffix, replacement, condition) by the word's last but one letter; the first suffix
# that ends the word decides, whether or not its condition holds.
_STEP2 = {
    "a": [("ational", "ate"), ("tional", "tion")],
    "c": [("enci", "ence"), ("anci", "ance")],
    "e": [("izer", "ize")],
    "g": [("logi", "log")],
    "l": [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")],
    "o": [("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
    "s": [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")],
    "t": [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")],
}
_STEP3 = {
    "a": [("ical", "ic")],
    "s": [("ness", "")],
    "t": [("icate", "ic"), ("iciti", "ic")],
    "u": [("ful", "")],
    "v": [("ative", "")],
    "z": [("alize", "al")],
}
_STEP4 = {
    "a": ["al"],
    "c": ["ance", "ence"],
    "e": ["er"],
    "i": ["ic"],
    "l": ["able", "ible"],
    "n": ["ant", "ement", "ment", "ent"],
    "o": ["ion", "ou"],
    "s": ["ism"],
    "t": ["ate", "iti"],
    "u": ["ous"],
    "v": ["ive"],
    "z": ["ize"],
}


def _replace(word: str, pattern: str, table: dict[str, list[tuple[str, str]]]) -> str:
    """Step 2 or 3: the first suffix of the table that ends the word, replaced when m > 0."""
    for suffix, replacement in table.get(word[-2], ()):
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = len(word) - len(suffix)
            return word[:stem] + replacement if "vc" in pattern[:stem] else word
    return word


def _step1a(word: str) -> str:
    n = len(word)
    if word[-1] == "s":
        if word[-2] == "e":
            if (n > 4 and word[-4:-2] == "ss") or (n > 3 and word[-3] == "i"):
                return word[:-2]
            return word[:-1]
        if word[-2] != "s":
            return word[:-1]
    return word


def _step1b(word: str) -> str:
    """Step 1b: "eed", "ed", "ing", and what follows a removed "ed" or "ing"."""
    n = len(word)
    before = word[-2]
    if before == "e" and n > 3 and word.endswith("eed"):
        return word[:-1] if "vc" in _pattern(word[: n - 3]) else word
    if before == "e" and n > 2 and word[-1] == "d" and _has_vowel(word, n - 2):
        word = word[:-2]
    elif before == "n" and n > 3 and word.endswith("ing") and _has_vowel(word, n - 3):
        word = word[:-3]
    else:
        return word
    n = len(word)
    if n > 2 and word[-2:] in ("at", "bl", "iz"):
        return word + "e"
    last = word[-1]
    if n > 1 and last not in "aeioulsz" and last == word[-2]:
        return word[:-1]
    pattern = _pattern(word)
    if pattern.count("vc") == 1 and _cvc(word, n):
        return word + "e"
    return word


def stem(token: str) -> str:
    """FTS5's Porter stem of a token that :func:`tokens` gave."""
    if len(token) < 3 or len(token) > 64:
        return token
    word = _step1b(_step1a(token))
    if word[-1] == "y" and _has_vowel(word, len(word) - 1):
        word = word[:-1] + "i"
    if len(word) < 2:
        return word
    pattern = _pattern(word)
    replaced = _replace(word, pattern, _STEP2)
    if replaced is not word:
        word, pattern = replaced, _pattern(replaced)
    replaced = _replace(word, pattern, _STEP3)
    if replaced is not word:
        word, pattern = replaced, _pattern(replaced)
    for suffix in _STEP4.get(word[-2], ()) if len(word) > 1 else ():
        if len(word) > len(suffix) and word.endswith(suffix):
            end = len(word) - len(suffix)
            if pattern[:end].count("vc") > 1 and (suffix != "ion" or word[end - 1] in "st"):
                word, pattern = word[:end], pattern[:end]
            break
    n = len(word)
    if word[-1] == "e":
        m = pattern[: n - 1].count("vc")
        if m > 1 or (m == 1 and not _cvc(word, n - 1)):
            word, pattern = word[:-1], pattern[:-1]
            n -= 1
    if n > 1 and word[-1] == "l" and word[-2] == "l" and pattern[: n - 1].count("vc") > 1:
        word = word[:-1]
    return word


# --- bm25 over one decision's paragraphs ----------------------------------------------------

# FTS5's bm25 constants.
K1 = 1.2
B = 0.75
# At most this many letters at the end of a stem are not the token's own: every rule that
# writes letters keeps all but the last of the ones it writes ("ational" → "ate", "y" → "i",
# "at" → "ate"), but for "biliti" → "ble", whose "e" the last step takes off again. So a
# token stems to ``s`` only when it starts with all but the last letter of ``s``: only those
# tokens are stemmed when a stem is looked for (the tests hold the rule to every word held).
_REPLACED = 1


class Paragraphs:
    """A decision's paragraphs as an index of them alone holds them: each one's tokens
    counted, each token stemmed when a stem is asked for whose first letters it shares."""

    __slots__ = (
        "_by_start",
        "_held",
        "_stems",
        "_words",
        "avgdl",
        "ids",
        "norms",
        "postings",
        "sizes",
    )

    def __init__(
        self, rows: Sequence[tuple[int, list[str]]], stems: dict[str, str] | None = None
    ) -> None:
        self.ids = [rowid for rowid, _ in rows]
        self.sizes = [len(found) for _, found in rows]
        # As FTS5 works it out: tokens over rows, each as a double.
        self.avgdl = float(sum(self.sizes)) / float(len(rows)) if rows else 0.0
        # Each row's part of bm25's denominator, as FTS5 computes it for every phrase.
        # (No row holds a token when the average is 0: no norm is asked for.)
        self.norms = [
            K1 * (1 - B + B * float(size) / self.avgdl) if self.avgdl else 0.0
            for size in self.sizes
        ]
        # Each token's rows, once for each time the row holds it.
        self.postings: dict[str, list[int]] = {}
        postings = self.postings
        for row, (_, found) in enumerate(rows):
            for token in found:
                held = postings.get(token)
                if held is None:
                    postings[token] = [row]
                else:
                    held.append(row)
        self._by_start: dict[str, list[str]] | None = None
        # Stems are shared by the texts of one judgement (a clause's words recur).
        self._stems: dict[str, str] = {} if stems is None else stems
        self._words: dict[str, str | None] = {}
        self._held: dict[str, dict[int, int]] = {}

    @classmethod
    def of(
        cls, paragraphs: Iterable[tuple[int, str]], stems: dict[str, str] | None = None
    ) -> Paragraphs | None:
        """The paragraphs (id, text) indexed; ``None`` when a text has a character that
        :func:`tokens` does not know. ``stems``: stems already worked out, to share."""
        rows = []
        for rowid, text in paragraphs:
            found = tokens(text)
            if found is None:
                return None
            rows.append((rowid, found))
        return cls(rows, stems)

    def _stem(self, token: str) -> str:
        found = self._stems.get(token)
        if found is None:
            found = self._stems[token] = stem(token)
        return found

    def _candidates(self, wanted: str) -> Iterable[str]:
        start = wanted[: len(wanted) - _REPLACED]
        if len(start) < 2:
            return [t for t in self.postings if t.startswith(start)]
        if self._by_start is None:
            self._by_start = {}
            for token in self.postings:
                self._by_start.setdefault(token[:2], []).append(token)
        return [t for t in self._by_start.get(start[:2], ()) if t.startswith(start)]

    def holding(self, wanted: str) -> dict[int, int]:
        """The rows holding the stem ``wanted``, with how many times each does."""
        found = self._held.get(wanted)
        if found is None:
            found = {}
            for token in self._candidates(wanted):
                if self._stem(token) == wanted:
                    for row in self.postings[token]:
                        found[row] = found.get(row, 0) + 1
            self._held[wanted] = found
        return found

    def phrases(self, words: Sequence[str]) -> list[dict[int, int]] | None:
        """What each word, as a phrase of an FTS5 query, finds; ``None`` when a word is not
        one token that :func:`tokens` knows."""
        found = []
        for word in words:
            if word in self._words:
                wanted = self._words[word]
            else:
                split = tokens(word)
                wanted = self._words[word] = (
                    None if split is None or len(split) != 1 else self._stem(split[0])
                )
            if wanted is None:
                return None
            found.append(self.holding(wanted))
        return found

    def bm25(self, words: Sequence[str]) -> dict[int, float] | None:
        """Each paragraph's score (id → score, higher is better) for the words joined by OR,
        where any is found, as FTS5's ``bm25()`` gives it negated; ``None`` as for
        :meth:`phrases`."""
        held = self.phrases(words)
        if held is None:
            return None
        rows = len(self.ids)
        idf = []
        for hits in held:
            value = math.log((rows - len(hits) + 0.5) / (len(hits) + 0.5))
            idf.append(value if value > 0.0 else 1e-6)
        # Phrase by phrase, in the query's order, as FTS5 sums them; a phrase a row lacks adds
        # 0.0 there, which changes no sum, so only the rows holding it are visited.
        totals: dict[int, float] = {}
        norms = self.norms
        for weight, hits in zip(idf, held, strict=True):
            for row, count in hits.items():
                freq = float(count)
                totals[row] = totals.get(row, 0.0) + weight * (
                    (freq * (K1 + 1.0)) / (freq + norms[row])
                )
        return {self.ids[row]: totals[row] for row in sorted(totals)}
