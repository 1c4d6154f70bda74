"""ui.labels, the one label layer: ids from the data and from metrics -> the reader's
words, in English and (from the catalogue) in Russian."""
from __future__ import annotations

import polars as pl
import pytest

from i18n import using
from metrics import funnel
from metrics.masking import mask_small
from metrics.overview import value_range
from tests.test_metrics_funnel import JUSTICE
from ui import labels


@pytest.mark.parametrize("lang,expected", [
    ("en", {"not_reported": "not reported", "reported": "reported", "fewer_than_5": "fewer than 5",
            "council_on_record": "council on record", "no_evidence": "no evidence in the sources"}),
    ("ru", {"not_reported": "нет данных", "council_on_record": "совет зафиксирован в источниках"}),
])
def test_status_ids_in_words(lang: str, expected: dict[str, str]) -> None:
    with using(lang):
        assert {key: labels.status(key) for key in expected} == expected


def test_stage_direction_scope_and_chain_step() -> None:
    with using("en"):
        assert labels.stage("prosecuted") == "Sent to court / prosecuted"
        assert labels.direction("not_comparable") == "— not comparable"
        assert labels.scope("one_organisation") == "one organisation's count"
        assert labels.chain_step("cases_reopened") == "Cases reopened"
        assert labels.card("convicted") == "Persons convicted"
    with using("ru"):
        assert labels.stage("registered") == "Зарегистрировано"
        assert labels.direction("up") == "▲ рост"
        assert labels.chain_step("cases_reopened") == "Возобновленные дела"


def test_names_of_reporters_regions_and_countries() -> None:
    with using("en"):
        assert (labels.reporter("nsc"), labels.reporter("nsc", short=True)) == ("National Statistical Committee", "NSC")
        assert (labels.region("KG-C"), labels.country("RUS")) == ("Chuy", "Russia")
        assert labels.region("unknown") == "unknown"
    with using("ru"):
        assert labels.region("KG-C") == "Чуйская область"
        assert labels.reporter("nsc", short=True) == "Нацстатком"
        assert labels.country("RUS") == "Россия"
    assert labels.name("regions", None) == "" and labels.name("regions", "KG-XX") == "KG-XX"


def test_labelled_turns_named_columns_into_words_and_leaves_the_rest() -> None:
    frame = pl.DataFrame({"stage": ["registered", None], "status": ["not_reported", "reported"],
                          "reporter": ["nsc", "us_tip"], "direction": ["up", "down"], "value": [1.0, None],
                          "lines": ["1", "2"]})
    with using("ru"):
        out = labels.labelled(frame, {"stage": "stage", "status": "status", "reporter": "reporter_short",
                                      "direction": "direction", "value": "stage", "absent": "stage"})
    assert out["stage"].to_list() == ["Зарегистрировано", None]  # an empty cell stays empty
    assert out["status"].to_list() == ["нет данных", "есть данные"]
    assert out["reporter"].to_list() == ["Нацстатком", "Госдеп США (доклад TIP)"]
    assert out["direction"].to_list() == ["▲ рост", "▼ снижение"]
    assert out["value"].to_list() == [1.0, None] and out["lines"].to_list() == ["1", "2"]
    assert frame["stage"].to_list() == ["registered", None]  # the ids are left in the original


def test_shown_words_for_masked_and_missing_figures() -> None:
    frame = mask_small(pl.DataFrame({"value": [3.0, 3.0, 1200.0, None],
                                     "published": [True, False, True, False]}))
    with using("en"):
        assert labels.shown(frame)["shown"].to_list() == ["3", "fewer than 5", "1,200", "not reported"]
    with using("ru"):
        assert labels.shown(frame)["shown"].to_list()[3] == "нет данных"


def test_disagreement_sentence_in_both_languages() -> None:
    row = funnel.disagreements(JUSTICE).filter(
        (pl.col("year") == 2020) & (pl.col("stage") == "registered")).row(0, named=True)
    with using("en"):
        assert labels.disagreement_sentence(row) == (
            "2020, registered: 7 (NSC), 8 (Interior Ministry/Prosecutor) and 40 (US TIP Report).")
    with using("ru"):
        sentence = labels.disagreement_sentence(row)
    assert sentence.startswith("2020") and "зарегистрировано" in sentence and "Нацстатком" in sentence
    assert "registered" not in sentence


def test_range_sentence_and_card_others() -> None:
    series = funnel.series(JUSTICE)
    with using("en"):
        assert labels.range_sentence(value_range(series, "registered")) == (
            "7 to 40 a year, 2019–2020, depending on the reporter")
        assert labels.range_sentence(None) is None
        assert labels.card_others({"other_reporters": ["nsc", "us_tip"], "other_values": [7.0, 1200.0]}) == (
            "NSC: 7, US TIP Report: 1,200")


def test_page_answers_from_facts() -> None:
    facts = {"justice": {"low": 1, "high": 40, "first": 2016, "last": 2022},
             "regions": {"count": 8, "regions": 9}, "migration": {"countries": 12, "top": ["RUS", "KAZ"]},
             "recommendations": {"recommendations": 40, "reports": 5, "implemented": 3, "assessed": 10}}
    with using("en"):
        answers = labels.page_answers(facts)
    assert answers["justice"] == "registered trafficking cases, 1 to 40 a year, 2016–2022, depending on the reporter."
    assert answers["regions"] == "a coordination council is on record in 8 of 9 regions."
    assert answers["migration"] == "12 countries named as destinations; named most often: Russia, Kazakhstan."
    assert answers["recommendations"] == "40 recommendations in 5 reports; 3 of the 10 assessed are implemented."
    assert "victims" not in answers
    with using("ru"):
        assert "Россия, Казахстан" in labels.page_answers(facts)["migration"]


def test_main_forms_and_forms() -> None:
    with using("en"):
        assert labels.main_form("other_or_not_stated") == "Other or not stated"
        assert labels.forms("") == "form not stated"
        assert labels.forms("labour, sexual") == f"{labels.term('exploitation', 'labour')}, " \
                                                 f"{labels.term('exploitation', 'sexual')}"
