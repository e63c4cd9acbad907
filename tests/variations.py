"""Ways real conversions differ, as transformations of a section's text.

Each function takes converted text and returns the same content as another
converter would have written it. Tests apply them to the sample and to small
hand-made sections and expect the same record.
"""

from __future__ import annotations

import re

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_RUN = re.compile(f"[{SUP}]+")


def _digits(run: str) -> str:
    return run.translate(str.maketrans(SUP, "0123456789"))


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def trailing_spaces(text: str) -> str:
    return "\n".join(line + "  " if line.strip() else line for line in text.split("\n"))


def nbsp(text: str) -> str:
    """Non-breaking spaces after footnote markers and inside dates, as some PDFs give them."""
    text = re.sub(rf"([{SUP}]+) ", lambda m: m.group(1) + "\u00a0", text)
    return re.sub(r"(\d{1,2}) (January|April|June|August)", "\\1\u00a0\\2", text)


def sup_tags(text: str) -> str:
    """Footnote markers as <sup>410</sup>, table notes as <sup>a</sup>."""
    text = _SUP_RUN.sub(lambda m: f"<sup>{_digits(m.group())}</sup>", text)
    text = re.sub(r" \^([a-z]) ", r"<sup>\1</sup> ", text)
    text = re.sub(r"(?m)^\^([a-z]) ", r"<sup>\1</sup> ", text)
    return text.replace(" ⁱ", "<sup>i</sup>").replace("ⁱ ", "<sup>i</sup> ")


def carets(text: str) -> str:
    """Footnote markers as ^410."""
    return _SUP_RUN.sub(lambda m: "^" + _digits(m.group()), text)


def superscript_letters(text: str) -> str:
    """Table-note markers as superscript letters (ᵃ, ᵇ, …)."""
    table = str.maketrans("abcdefgh", "ᵃᵇᶜᵈᵉᶠᵍʰ")
    text = re.sub(r" \^([a-h]) ", lambda m: m.group(1).translate(table) + " ", text)
    return re.sub(r"(?m)^\^([a-h]) ", lambda m: m.group(1).translate(table) + " ", text)


def en_dash_tallies(text: str) -> str:
    return re.sub(r"\b(\d{1,2})-(\d{1,2})-(\d{1,2})\b", "\\1–\\2–\\3", text)


def spaced_tallies(text: str) -> str:
    return re.sub(r"\b(\d{1,2})-(\d{1,2})-(\d{1,2})\b", "\\1 - \\2 - \\3", text)


def plain_links(text: str) -> str:
    """Links that kept their target, and parentheses that were never escaped."""
    text = re.sub(r"\[([^\]]+)\]\(#\)", lambda m: f"[{m.group(1)}](https://undocs.org/x)", text)
    return text.replace("\\(", "(").replace("\\)", ")")


def footnotes_at_end(text: str) -> str:
    """Footnotes gathered after the section instead of at the bottom of each page."""
    blocks = text.split("\n\n")
    notes = [b for b in blocks if b.strip() and b.lstrip()[0] in SUP]
    rest = [b for b in blocks if b not in notes]
    return "\n\n".join(rest) + "\n\n" + "\n\n".join(notes) + "\n"


def pipe_table(text: str) -> str:
    """The meetings table as Markdown pipe rows, with a rule under each header."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.count("\t") >= 2:
            cells = [c.replace("|", "\\|") for c in line.split("\t")]
            out.append("| " + " | ".join(cells) + " |")
            if "<i>" in line:
                out.append("|" + "---|" * len(cells))
        else:
            out.append(line)
    return "\n".join(out)


def renumber(text: str, number: str, title: str, shift: int) -> str:
    """A second section: a new heading and caption, footnotes numbered on."""
    text = re.sub(r"(?m)^\d{1,3}\. .+$", f"{number}. {title}", text, count=1)
    text = re.sub(r"(?m)^Meetings: .+?, (\d{4})$", f"Meetings: {title}, \\1", text)

    def bump(match: re.Match[str]) -> str:
        value = str(int(_digits(match.group())) + shift)
        return value.translate(str.maketrans("0123456789", SUP))

    return _SUP_RUN.sub(bump, text)


ALL_SAME_RECORD = [
    crlf,
    trailing_spaces,
    nbsp,
    sup_tags,
    carets,
    superscript_letters,
    en_dash_tallies,
    spaced_tallies,
    plain_links,
    footnotes_at_end,
    pipe_table,
]
