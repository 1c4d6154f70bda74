"""The page registry (ui/pages.py) and the link-parameter registry (ui/params.py)
are the only lists of pages and parameters, and they agree with the code."""
from __future__ import annotations

import re

import pytest

from data.load import table
from tests.conftest import ROOT
from ui import language, params
from ui import pages as registry


def test_every_page_script_is_registered_once() -> None:
    scripts = [p.script for p in registry.PAGES]
    assert sorted(scripts) == sorted(f"pages/{f.name}" for f in (ROOT / "pages").glob("*.py"))
    assert len({p.id for p in registry.PAGES}) == len(registry.PAGES)
    assert [p.id for p in registry.PAGES if p.default] == ["overview"]
    assert registry.page("justice").script == "pages/justice.py"
    with pytest.raises(KeyError):
        registry.page("nowhere")


def test_overview_links_the_evidence_and_action_pages() -> None:
    linked = [p.id for p in registry.PAGES if p.on_overview]
    assert linked == ["victims", "justice", "regions", "migration", "recommendations"]


def test_pages_named_by_the_data_are_registered() -> None:
    """Recommendations and gaps point to the page that shows their data, by page id."""
    named = {p for name in ("recommendations", "gaps") for p in table(name)["page"].drop_nulls().to_list()}
    assert named and named <= set(registry.BY_ID)


def test_pages_name_no_page_file_or_title_themselves() -> None:
    """Pages link through ui.pages.link and get their title from the registry."""
    for path in (ROOT / "pages").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "st.page_link(" not in text and '"pages/' not in text, path.name
        assert f'PageFrame("{path.stem}")' in text, path.name


def test_pages_use_only_registered_parameters_and_no_widget_key() -> None:
    used = set()
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"params\.select\(\s*\"(\w+)\"", text))
        if path.name != "params.py":
            assert "_param_" not in text, path.name
    assert used and used <= set(params.PARAMS)
    assert {"year", "compare", "region", "sex", "age", "cite_dataset"} <= used


def test_unknown_parameter_or_second_default_is_refused() -> None:
    with pytest.raises(KeyError):
        params.select("colour", ["red"], label="Colour")
    with pytest.raises(KeyError):
        params.view({"a": "A"}, name="year")  # a select parameter, not a view
    sex = params.PARAMS["sex"]
    assert params._options_and_default(sex, None, None) == (["all", "female", "male"], "all")
    with pytest.raises(ValueError):
        params._options_and_default(sex, None, "female")  # the registry owns this default
    with pytest.raises(ValueError):
        params._options_and_default(sex, ["all", "other"], None)  # not a registered id
    year = params.PARAMS["year"]
    assert params._options_and_default(year, [2021, 2019], 2019) == ([2021, 2019], 2019)
    assert params._options_and_default(year, [2021, 2019], 1990) == ([2021, 2019], 2021)


def test_language_parameter_is_registered() -> None:
    assert language.PARAM == "lang"
    assert params.PARAMS["lang"].options() == ["en", "ru", "ky"]
