"""Show me where it says that: the source passage of a figure (data.passage, ui.cite), in
a dialog from a chart point or table row, and on the Sources page at `?cite=<row id>`."""
from __future__ import annotations

import pytest

from data import passage as passages
from tests.apptest import run_page, visible_text
from ui.cite import escaped, highlighted


def test_passage_reads_the_cited_lines_and_finds_the_number() -> None:
    found = passages.passage("justice-0001")
    assert found is not None and found.dataset == "justice"
    assert (found.first, found.last) == (190, 194) and found.row["value"] == 412
    assert found.title.startswith("Final report: Strengthening the Criminal Justice Response")
    assert len(found.lines) == 5
    (start, end), = found.marks[1]
    assert found.lines[1][start:end] == "412"
    assert not found.marks[2]  # '254 cases' is not the figure


@pytest.mark.parametrize("bad", ["", "justice", "<script>", "justice-0001; drop", "nowhere-0001", "justice-99999"])
def test_unknown_or_malformed_ids_have_no_passage(bad: str) -> None:
    assert passages.passage(bad) is None


def test_lookup_finds_a_row_from_source_lines_and_value() -> None:
    assert passages.lookup("unodc-2022", "190-194", [412]) == "justice-0001"
    assert passages.lookup("unodc-2022", "190-194", ["x", None]) is not None  # first row citing them
    assert passages.lookup("", "1", [1]) is None


def test_source_text_cannot_format_the_page() -> None:
    nasty = "<b>x</b> **y** [l](javascript:1) :red[z] $x^2$ `c` # h | 412"
    out = escaped(nasty)
    for char in "<>*[]():$`#|_":
        assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == char), char
    marked = highlighted("Total: 1,412 and 412.", passages.spans("Total: 1,412 and 412.", 412))
    assert marked == "Total\\: 1\\,412 and **412**\\."


def test_sources_page_opens_at_a_citation() -> None:
    at = run_page("sources", {"cite": "justice-0001"})
    assert not at.exception
    text = [m.value for m in at.markdown]
    assert "`191` Court and the Association of Women Judges showed that **412** \\(254 men and 158 women\\)" in text
    assert any(t.startswith("Final report\\: Strengthening the Criminal Justice Response") for t in text)
    cited = [t for t in text if t.startswith(("`", "**412", "Final report"))]
    assert len(cited) >= 6 and not any("justice-0001" in t or "unodc-2022" in t for t in cited)


def test_a_bad_citation_link_gives_a_notice_and_no_echo() -> None:
    at = run_page("sources", {"cite": "<img src=x onerror=alert(1)>"})
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)
    assert "onerror" not in visible_text(at)


def test_without_the_documents_the_citation_still_shows(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("RAPPORTEUR_SOURCES", str(tmp_path / "absent"))
    at = run_page("sources", {"cite": "justice-0001"})
    assert not at.exception
    assert any("not on this server, so the passage cannot be shown" in i.value for i in at.info)
    assert any(m.value.startswith("**412 persons") for m in at.markdown)
    assert not any("**412**" in m.value and m.value.startswith("`") for m in at.markdown)


def test_a_click_opens_the_passage_dialog_once() -> None:
    """A click on a chart point or table row asks (ui.cite.ask) for its passage; the page opens it once."""
    at = run_page("justice", {"year": "2018"})
    at.session_state["_cite_open"] = "justice-0001"
    at.run()
    assert not at.exception
    assert any(m.value.startswith("`191`") and "**412**" in m.value for m in at.markdown)
    at.run()
    assert not any(m.value.startswith("`191`") for m in at.markdown)


def test_a_headline_card_opens_its_passage() -> None:
    at = run_page("overview")
    assert not at.exception
    buttons = [b for b in at.button if str(b.key).startswith("cite_card_")]
    assert len(buttons) >= 3
    buttons[0].click().run()
    assert not at.exception
    passage = [m.value for m in at.markdown if m.value.startswith("`")]
    assert passage and any("**" in line for line in passage)  # the cited lines, the card's number in bold
