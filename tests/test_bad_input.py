"""Arbitrary links never break a page: no exception, no raw parameter echoed back or
rendered as HTML or Markdown, a valid default view. Property-based (hypothesis),
bounded to keep the suite fast, randomised with the seed printed in the pytest header
(tests/conftest.py; HYPOTHESIS_SEED replays a run)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.apptest import PAGES, page_title, run_page, visible_text
from tests.conftest import SEED
from ui.params import PARAMS

KNOWN_KEYS = list(PARAMS)  # every registered link parameter
NASTY = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "%00", "'; DROP TABLE",
         "9" * 400, "-1", "1e309", "NaN", "ЖЖЖ", "🙂", "../../etc/passwd", "", " ", "2019,2020",
         "**bold**", "[link](javascript:alert(1))", "`code`", ":red[red]", "$x^2$", "# heading", "<b>b</b>"]
# A value with any of these would change the page if it were rendered as Markdown or HTML.
MARKUP = set("<>*[]`:$#_")
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.integers(-10**12, 10**12).map(str))
params = st.dictionaries(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12)),
                         st.one_of(values, st.lists(values, min_size=2, max_size=3)), max_size=4)


@pytest.mark.parametrize("page", list(PAGES))
@seed(SEED)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=params)
def test_any_link_renders_a_valid_view(page: str, query: dict) -> None:
    at = run_page(page, query)
    assert not at.exception, f"{page} {query!r}: {at.exception}"
    assert at.title and at.title[0].value.lower() == page_title(page).lower()
    text = visible_text(at)
    for raw in query.values():
        for value in (raw if isinstance(raw, list) else [raw]):
            # Our payloads always; a random value only when long enough that the page could
            # not contain it by coincidence.
            if MARKUP.intersection(value) and (value in NASTY or len(value.strip()) >= 8):
                assert value.strip() not in text, f"{page} echoed {value!r} (seed {SEED})"


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
