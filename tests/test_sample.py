"""The record read from the bundled sample, fact by fact."""

from __future__ import annotations

from repertoire.records import Document, Section


def test_section_heading_and_year(section: Section) -> None:
    assert (section.number, section.title, section.year) == ("11", "The situation in Mali", 2023)


def test_paragraphs_are_joined_across_page_breaks(section: Section) -> None:
    texts = [p.text for p in section.paragraphs]
    assert len(texts) == 16
    joined = next(t for t in texts if t.startswith("In her remarks, the President"))
    assert "terrorist groups and food insecurity. She stated" in joined
    capitalised = next(t for t in texts if t.startswith("In contrast, the representative"))
    assert "help implement the Agreement on Peace and Reconciliation, but that" in capitalised


def test_paragraph_text_is_plain(section: Section) -> None:
    first = section.paragraphs[0]
    assert "pursuant to resolution 1353 (2001). Council members" in first.text
    assert "⁴" not in first.text and "](#)" not in first.text and "\\(" not in first.text
    assert first.footnotes == [410, 411, 412]
    assert first.citations == ["S/RES/1353 (2001)"]


def test_footnotes_and_citations(section: Section) -> None:
    assert [f.number for f in section.footnotes] == list(range(410, 443))
    fn = {f.number: f for f in section.footnotes}
    assert [(c.symbol, c.pinpoint) for c in fn[413].citations] == [
        ("S/PV.9251", None),
        ("S/PV.9302", None),
        ("S/PV.9350", None),
        ("S/2023/21", None),
        ("S/2023/236", None),
        ("S/2023/402", None),
    ]
    assert [(c.symbol, c.pinpoint) for c in fn[411].citations] == [
        ("S/RES/1353 (2001)", "annex II, sections A and B"),
        ("S/PV.9342", None),
    ]
    assert (fn[412].citations[0].symbol, fn[412].citations[0].pinpoint) == (
        "A/78/2",
        "part II, chap. 38",
    )
    assert (fn[422].citations[0].symbol, fn[422].citations[0].pinpoint) == (
        "S/RES/2690 (2023)",
        "para. 1",
    )


def test_ibid_resolves_to_previous_footnote(section: Section) -> None:
    fn = {f.number: f for f in section.footnotes}
    assert fn[424].ibid_of == 423
    assert (fn[424].citations[0].symbol, fn[424].citations[0].pinpoint) == (
        "S/RES/2690 (2023)",
        "para. 2",
    )
    assert fn[425].ibid_of == 424
    assert fn[425].citations[0].pinpoint == "paras. 4 and 7"
    assert fn[442].ibid_of == 441 and fn[442].citations[0].symbol == "S/PV.9408"


def test_meetings(section: Section) -> None:
    assert [(m.record, str(m.date)) for m in section.meetings] == [
        ("S/PV.9251", "2023-01-27"),
        ("S/PV.9302", "2023-04-12"),
        ("S/PV.9350", "2023-06-16"),
        ("S/PV.9365", "2023-06-30"),
        ("S/PV.9407", "2023-08-28"),
        ("S/PV.9408", "2023-08-30"),
    ]
    first = section.meetings[0]
    assert [(d.title, d.document) for d in first.sub_items] == [
        ("Report of the Secretary-General on the situation in Mali", "S/2023/21"),
        (
            "Report of the Secretary-General on the internal review of the United Nations "
            "Multidimensional Integrated Stabilization Mission in Mali",
            "S/2023/36",
        ),
    ]
    assert first.rule_37 == ["Mali"]
    assert first.notes == ["a", "b"]


def test_rule_39_split_into_persons_not_on_and(section: Section) -> None:
    assert section.meetings[0].rule_39 == [
        "Special Representative of the Secretary-General and Head of the United Nations "
        "Multidimensional Integrated Stabilization Mission in Mali",
        "civil society actor and President of Association Protection Sahel",
    ]


def test_cell_continued_on_next_page(section: Section) -> None:
    meeting = section.meeting("S/PV.9407")
    assert meeting is not None
    assert meeting.rule_39[-1] == "Acting Regional Director of Search for Common Ground"


def test_speakers_from_notes(section: Section) -> None:
    first = section.meetings[0]
    names = [s.name for s in first.speakers.council_members]
    assert len(names) == 13 and names[0] == "Albania" and names[-1] == "United States"
    ghana = next(s for s in first.speakers.council_members if s.name == "Ghana")
    assert ghana.on_behalf_of == ["Gabon", "Mozambique"]
    assert first.speakers.invitees == ["Mali", *first.rule_39]
    adoption = section.meeting("S/PV.9365")
    assert adoption is not None and adoption.speakers.invitees == ["Mali"]


def test_second_draft_is_a_continuation_row(section: Section) -> None:
    meeting = section.meeting("S/PV.9408")
    assert meeting is not None
    assert [d.document for d in meeting.other_documents] == ["S/2023/638", "S/2023/639"]
    assert meeting.notes == ["g", "h", "i"]


def test_decisions_and_votes(section: Section) -> None:
    (resolution,) = section.meeting("S/PV.9365").decisions  # type: ignore[union-attr]
    assert resolution.kind == "resolution" and resolution.symbol == "S/RES/2690 (2023)"
    assert resolution.adopted and resolution.chapter_vii is True
    assert resolution.vote and resolution.vote.to_dict() == {
        "for": 15,
        "against": 0,
        "abstaining": 0,
    }
    assert resolution.draft == "S/2023/480" and resolution.submitters == ["France"]
    first, second = section.meeting("S/PV.9408").decisions  # type: ignore[union-attr]
    assert (first.kind, first.symbol, first.adopted, first.chapter_vii) == (
        "draft_resolution",
        "S/2023/638",
        False,
        None,
    )
    assert first.vote and first.vote.to_dict() == {"for": 13, "against": 1, "abstaining": 1}
    assert first.against == ["Russian Federation"] and first.abstaining == ["China"]
    assert len(first.in_favour) == 13
    assert first.submitters == ["France", "United Arab Emirates"]
    assert second.in_favour == ["Russian Federation"] and second.against == ["Japan"]
    assert second.submitters == ["Russian Federation"]


def test_table_notes_have_emphasis_removed(section: Section) -> None:
    assert section.table_notes["h"].startswith("In favour: Albania")
    assert "*" not in section.table_notes["h"]
    assert set(section.table_notes) == set("abcdefghi")


def test_spans_point_at_the_source(sample_doc: Document, sample_text: str) -> None:
    section = sample_doc.sections[0]
    meeting = section.meetings[-1]
    assert sample_text[meeting.span.start : meeting.span.start + 9] == meeting.record
    assert sample_text.splitlines()[meeting.span.line - 1].startswith(meeting.record)
    for footnote in section.footnotes:
        for citation in footnote.citations:
            if footnote.ibid_of is None:
                written = sample_text[citation.span.start : citation.span.end]
                assert (
                    written.startswith(citation.symbol.split(" ")[0][:4])
                    or "esolution" in (sample_text[citation.span.start - 11 : citation.span.end])
                    or written[:1].isdigit()
                )


def test_sentences_linked_to_footnotes(section: Section) -> None:
    fn = {f.number: f for f in section.footnotes}
    assert fn[434].sentence == (
        "Some speakers also highlighted the connection between climate change and insecurity "
        "and the need for international support in that regard."
    )
    assert fn[421].sentence and fn[421].sentence.startswith("On 30 June, by resolution 2690")


def test_marker_after_a_page_break_links_its_own_sentence(section: Section) -> None:
    fn = {f.number: f for f in section.footnotes}
    assert fn[431].sentence is not None
    assert fn[431].sentence.startswith("The second draft resolution, which was submitted by the")
    assert fn[431].sentence.endswith("failed to obtain the required number of votes.")
