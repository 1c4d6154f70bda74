"""Arbitrary links never break a page: no exception, no raw parameter echoed back,
a valid default view. Property-based (hypothesis), bounded to keep the suite fast."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.apptest import PAGES, page_title, run_page, visible_text

KNOWN_KEYS = ["year", "compare", "reporter", "stage", "view", "region", "sex", "age", "measure", "role",
              "country", "report", "status", "theme", "topic", "cite_dataset", "lang", "offence"]
NASTY = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "%00", "'; DROP TABLE",
         "9" * 400, "-1", "1e309", "NaN", "ЖЖЖ", "🙂", "../../etc/passwd", "", " ", "2019,2020"]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.integers(-10**12, 10**12).map(str))
params = st.dictionaries(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12)),
                         st.one_of(values, st.lists(values, min_size=2, max_size=3)), max_size=4)


@pytest.mark.parametrize("page", list(PAGES))
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(query=params)
def test_any_link_renders_a_valid_view(page: str, query: dict) -> None:
    at = run_page(page, query)
    assert not at.exception, f"{page} {query!r}: {at.exception}"
    assert at.title and at.title[0].value.lower() == page_title(page).lower()
    text = visible_text(at)
    for raw in query.values():
        for value in (raw if isinstance(raw, list) else [raw]):
            if "<" in value and len(value) > 3:
                assert value not in text, f"{page} echoed {value!r}"


@pytest.mark.parametrize("page,query", [
    ("justice", {"year": "<script>alert(1)</script>"}),
    ("regions", {"region": "<img src=x onerror=alert(1)>"}),
    ("migration", {"country": "javascript:alert(1)"}),
    ("recommendations", {"status": "9" * 400}),
])
def test_unknown_values_give_a_notice(page: str, query: dict) -> None:
    at = run_page(page, query)
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)
    assert list(query.values())[0] not in visible_text(at)
