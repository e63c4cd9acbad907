"""Full texts of decisions (AKN4UN): paragraphs as cited, adoption, language, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from repertoire import official
from tests.test_official_akn import DRAFT
from tests.test_official_real import OFFICIAL

TEXTS = OFFICIAL / "unxml" / "texts"


def resolution(body: str, *, preamble: str = "", language: str = "eng", meta: str = "") -> bytes:
    return f"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <FRBRExpression><FRBRlanguage language="{language}"/></FRBRExpression>
      <workflow>
        <step date="2099-06-30" outcome="draftResolution" as="S/2099/480" by="Freedonia"/>
        <step date="2099-06-30" outcome="adopted" as="S/PV.1234"
              by="Adopted unanimously, 1234th meeting"{meta}/>
      </workflow>
    </meta>
    <coverPage><p><docNumber>S/RES/1234 (2099)</docNumber></p></coverPage>
    <preamble>
      <formula name="enactingFormula"><p>The Security Council,</p></formula>
      {preamble}
    </preamble>
    <mainBody>
      {body}
    </mainBody>
  </statement>
</akomaNtoso>""".encode()


PREAMBLE = """
      <container eId="container_2"><p><span>Recalling</span> its resolutions,</p></container>
      <container eId="container_3"><p><span>Acting</span> under Chapter VII of the Charter,</p>
      </container>"""

BODY = """
      <paragraph eId="para_1"><num>1.</num><content><p><span>Decides</span> to extend the
        mandate of the Mission until 30 June 2100;</p></content></paragraph>
      <paragraph eId="para_2" class="H23"><subheading>Protection of civilians</subheading>
      </paragraph>
      <paragraph eId="para_3"><num>2.</num>
        <list>
          <intro><p>Decides that the Mission shall:</p></intro>
          <point eId="para_3_a"><num>(a)</num><content><p>protect civilians;</p></content></point>
          <point eId="para_3_b"><num>(b)</num><content><p>support the elections:</p></content>
          </point>
          <sublist>
            <point eId="para_3_b_i"><num>(i)</num><content><p>by logistics;</p></content></point>
          </sublist>
        </list>
      </paragraph>"""

ANNEX = """
    <attachments><attachment><doc name="annex"><mainBody>
      <paragraph class="BLUEHeadingH2"><content><p>Annex</p></content></paragraph>
      <paragraph><content><p>The Panel shall report to the Committee.</p></content></paragraph>
      <paragraph><content><p>The Panel shall travel.</p></content></paragraph>
    </mainBody></doc></attachment></attachments>"""

STATEMENT = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="presidentialStatement">
    <meta><FRBRlanguage language="eng"/>
      <workflow><step date="2099-02-20" as="S/PV.1240" by=""/></workflow></meta>
    <coverPage><p><docNumber>S/PRST/2099/9</docNumber></p></coverPage>
    <mainBody>
      <alinea><content><p>At the 1240th meeting of the Security Council, the President made
        the following statement on behalf of the Council:</p></content></alinea>
      <paragraph eId="para_2"><content><p>“The Security Council condemns the attack.</p>
      </content></paragraph>
      <paragraph eId="para_3"><content><p>“The Security Council calls for restraint.”</p>
      </content></paragraph>
    </mainBody>
  </statement>
</akomaNtoso>""".encode()


def _one(data: bytes, path: str = "t.xml") -> official.DecisionText:
    found = official.read_bytes(data, path)
    assert found.kind == "akn4un-text"
    (text,) = found.texts
    return text


def test_a_full_text_is_told_from_a_draft_by_content() -> None:
    assert official.detect(resolution(BODY)) == "akn4un-text"
    assert official.detect(STATEMENT) == "akn4un-text"
    assert official.detect(DRAFT) == "akn4un"


def test_paragraphs_are_addressed_as_they_are_cited() -> None:
    text = _one(resolution(BODY, preamble=PREAMBLE))
    addressed = {p.address: p for p in text.paragraphs if p.address}
    assert list(addressed) == [
        "preamble 1",
        "preamble 2",
        "1",
        "2",
        "2 (a)",
        "2 (b)",
        "2 (b) (i)",
    ]
    assert addressed["1"].text.startswith("Decides to extend the mandate")
    assert addressed["2 (b) (i)"].parent == "2 (b)" and addressed["2 (b)"].parent == "2"
    # A paragraph with points holds their words too: "para. 2" cites all of it.
    assert "by logistics" in addressed["2"].text and "by logistics" in addressed["2 (b)"].text
    assert [p.text for p in text.paragraphs if p.part == "heading"] == ["Protection of civilians"]
    assert addressed["1"].eid == "para_1" and addressed["1"].line > 1


def test_the_adoption_step() -> None:
    text = _one(resolution(BODY, meta=' refersTo="Chapter VII"'))
    assert (text.symbol, text.kind, text.date, text.record) == (
        "S/RES/1234 (2099)",
        "resolution",
        "2099-06-30",
        "S/PV.1234",
    )
    assert text.chapter_vii is True and text.unanimous is True


def test_chapter_vii_from_the_preamble_when_the_workflow_is_silent() -> None:
    assert _one(resolution(BODY, preamble=PREAMBLE)).chapter_vii is True
    assert _one(resolution(BODY)).chapter_vii is False


def test_annex_paragraphs() -> None:
    data = resolution(BODY).replace(b"</mainBody>", b"</mainBody>" + ANNEX.encode())
    text = _one(data)
    annexed = [(p.address, p.text) for p in text.paragraphs if p.part == "annex"]
    assert annexed == [
        ("annex 1", "The Panel shall report to the Committee."),
        ("annex 2", "The Panel shall travel."),
    ]


def test_a_presidential_statement_is_its_paragraphs_in_order() -> None:
    text = _one(STATEMENT)
    assert text.kind == "presidential_statement" and text.record == "S/PV.1240"
    assert [p.part for p in text.paragraphs] == ["intro", "statement", "statement"]
    assert [p.address for p in text.paragraphs] == [None, "1", "2"]
    assert text.unanimous is None and text.vote is None


def test_another_language_is_skipped_with_its_name() -> None:
    found = official.read_bytes(resolution(BODY, language="fra"), "S_RES_1234_F.xml")
    assert found.kind is None and found.texts == []
    (finding,) = found.findings
    assert finding.code == "official-language" and "French" in finding.message
    assert finding.path == "S_RES_1234_F.xml"


def test_broken_xml_is_recovered_and_said_so() -> None:
    broken = STATEMENT.replace(b"</p>\n      </content></paragraph>", b"</docTitle>", 1)
    found = official.read_bytes(broken, "S_PRST.xml")
    (finding,) = [f for f in found.findings if f.code == "official-xml"]
    assert finding.severity == "warning" and "recovered" in finding.message
    assert found.texts and [p.address for p in found.texts[0].paragraphs if p.address]


def test_truncated_xml_keeps_what_came_before() -> None:
    data = resolution(BODY, preamble=PREAMBLE)
    found = official.read_bytes(data[: data.index(b"(a)")], "cut.xml")
    assert any(f.code == "official-xml" for f in found.findings)
    assert [p.address for p in found.texts[0].paragraphs][:3] == ["preamble 1", "preamble 2", "1"]


def test_nothing_readable_is_an_error_not_an_exception() -> None:
    found = official.read_bytes(resolution(BODY)[:120], "cut.xml")
    assert found.texts == []
    assert {f.code for f in found.findings} == {"official-xml"}
    assert any(f.severity == "error" and "skipped" in f.message for f in found.findings)


def test_an_unknown_element_and_an_empty_paragraph_are_reported() -> None:
    body = (
        BODY
        + """
      <marginalia><p>A note in the margin.</p></marginalia>
      <paragraph eId="para_9"><content><p> </p></content></paragraph>"""
    )
    found = official.read_bytes(resolution(body), "t.xml")
    codes = {f.code: f for f in found.findings}
    assert "marginalia" in codes["official-text-element"].message
    assert "para_9" in codes["official-text-empty"].message
    assert any(p.text == "A note in the margin." for p in found.texts[0].paragraphs)


def test_a_number_used_twice_keeps_the_first_and_says_so() -> None:
    body = BODY + "<paragraph><num>1.</num><content><p>Again.</p></content></paragraph>"
    found = official.read_bytes(resolution(body), "t.xml")
    assert [f.code for f in found.findings] == ["official-text-number"]
    assert [p.address for p in found.texts[0].paragraphs if p.text == "Again."] == [None]


real = pytest.mark.skipif(not TEXTS.is_dir(), reason="official files not present")


@real
def test_resolution_2690_as_published() -> None:
    text = _one((TEXTS / "2023" / "English" / "S_RES_2690_E.xml").read_bytes())
    addressed = {p.address: p.text for p in text.paragraphs if p.address}
    assert addressed["1"].startswith("Decides to terminate MINUSMA’s mandate")
    assert "6 (iii)" in addressed and "preamble 9" in addressed and "10" not in addressed
    assert (text.record, text.date, text.chapter_vii, text.unanimous) == (
        "S/PV.9365",
        "2023-06-30",
        True,
        True,
    )


@real
def test_the_other_languages_of_2690_are_skipped() -> None:
    languages = {}
    for path in sorted((TEXTS / "2023").glob("*/S_RES_2690_*.xml")):
        found = official.read(path)
        languages[path.parent.name] = (found.kind, tuple(f.code for f in found.findings))
    assert languages.pop("English") == ("akn4un-text", ())
    assert set(languages.values()) == {(None, ("official-language",))} and len(languages) == 6


@real
def test_a_malformed_presidential_statement_is_recovered() -> None:
    (path,) = (TEXTS / "PRST" / "2000").glob("S_PRST_2000_13-*.xml")
    found = official.read(path)
    (finding,) = found.findings
    assert finding.code == "official-xml" and Path(finding.path).name == path.name
    statement = [p for p in found.texts[0].paragraphs if p.part == "statement"]
    assert len(statement) == 5 and statement[0].text.startswith("“The Security Council welcomes")


def test_a_statements_title_and_notes_before_it_are_no_paragraphs_of_it() -> None:
    titled = STATEMENT.replace(
        b"<mainBody>",
        b"<mainBody><p><docTitle>Statement by the President of the Security Council</docTitle>"
        b"</p><p>* Reissued for technical reasons.</p>",
    )
    text = _one(titled)
    assert [(p.part, p.address) for p in text.paragraphs] == [
        ("heading", None),
        ("note", None),
        ("intro", None),
        ("statement", "1"),
        ("statement", "2"),
    ]


def test_unnumbered_operative_paragraphs_are_cited_by_their_place() -> None:
    body = (
        "<paragraph><content><p>Recommends to the General Assembly that …</p></content></paragraph>"
    )
    text = _one(resolution(body, preamble=PREAMBLE))
    assert [(p.part, p.address) for p in text.paragraphs][-1] == ("operative", "1")


def test_points_written_as_paragraphs_of_their_own_belong_to_the_one_before() -> None:
    body = (
        BODY
        + """
      <paragraph><num>A</num><subheading>Measures</subheading></paragraph>
      <paragraph><num>3.</num><content><p>Decides that all States shall:</p></content></paragraph>
      <paragraph><num>(a)</num><content><p>freeze funds;</p></content></paragraph>
      <paragraph><num>(b)</num><content><p>prevent the entry of:</p></content></paragraph>
      <paragraph><num>(i)</num><content><p>officials;</p></content></paragraph>
      <paragraph><num>(c)</num><content><p>prevent supply;</p></content></paragraph>"""
    )
    text = _one(resolution(body))
    addressed = {p.address: p for p in text.paragraphs if p.address}
    assert [a for a in addressed if a.startswith("3")] == [
        "3",
        "3 (a)",
        "3 (b)",
        "3 (b) (i)",
        "3 (c)",
    ]
    assert addressed["3 (b) (i)"].parent == "3 (b)"
    assert "officials" in addressed["3"].text and "officials" in addressed["3 (b)"].text
    assert "A" not in addressed and "Measures" in [p.text for p in text.paragraphs]
