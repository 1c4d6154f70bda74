"""The criminal-justice funnel: registered → investigated → prosecuted →
convicted (and discontinued), per reporter, with gaps kept as gaps.

The sources report each stage with different measures and units (cases vs
persons) and often disagree; these functions keep every reporter's figure
and make missing stages explicit rows with a null value and status
NOT_REPORTED. Pure polars: ids and numbers; `ui.labels` names stages, statuses
and chain steps in the reader's language.
"""
from __future__ import annotations

import polars as pl

from data import headlines
from data.headlines import TRAFFICKING_OFFENCES
from metrics.masking import NOT_REPORTED, REPORTED
from metrics.yoy import compare_years

FUNNEL_STAGES = ["registered", "investigated", "prosecuted", "convicted"]
# Status ids: NOT_REPORTED and REPORTED (metrics.masking, re-exported here); TRAFFICKING_OFFENCES
# (data.headlines, re-exported here).
__all__ = ["NOT_REPORTED", "REPORTED", "TRAFFICKING_OFFENCES"]


def headline(justice: pl.DataFrame, offences: list[str] | None = None) -> pl.DataFrame:
    """One figure per (reporter, stage, period): national totals only, trafficking offences only.

    Which rows count as headlines is decided in data/headlines.py: breakdown rows (by form
    of exploitation, article, region), range bounds and repeats (`same_as`) are left out;
    where a reporter gives several measures for one stage, the preferred measure wins.
    """
    return headlines.funnel_headlines(justice, offences)


def for_year(justice: pl.DataFrame, year: int, reporters: list[str] | None = None,
             stages: list[str] | None = None) -> pl.DataFrame:
    """The funnel of one calendar year: every reporter × stage, gaps included.

    A reporter appears when it gives at least one stage that year. Stages it does
    not give are rows with a null value and status NOT_REPORTED, never zero.
    """
    stages = stages or FUNNEL_STAGES
    heads = headline(justice).filter(pl.col("year") == year)
    if reporters:
        heads = heads.filter(pl.col("reporter").is_in(reporters))
    present = sorted(heads["reporter"].unique().to_list())
    grid = pl.DataFrame(
        {"reporter": [r for r in present for _s in stages], "stage": [s for _r in present for s in stages]},
        schema={"reporter": pl.String, "stage": pl.String},
    )
    keep = ["reporter", "stage", "measure", "value", "unit", "offence", "year", "period", "source", "lines", "note"]
    out = grid.join(heads.select(keep), on=["reporter", "stage"], how="left")
    return out.with_columns(
        year=pl.lit(year, dtype=pl.Int64),
        status=pl.when(pl.col("value").is_null()).then(pl.lit(NOT_REPORTED)).otherwise(pl.lit(REPORTED)),
        stage_order=pl.col("stage").replace_strict({s: i for i, s in enumerate(stages)}, default=99),
    ).sort("reporter", "stage_order").drop("stage_order")


def fullest_year(justice: pl.DataFrame) -> int | None:
    """The year the Justice page opens on: the latest year whose funnel has the most
    stages reported (by any reporter), so the first chart is not mostly 'not reported'
    bars. None when no year has a figure."""
    heads = series(justice).filter(pl.col("value").is_not_null() & pl.col("stage").is_in(FUNNEL_STAGES))
    if heads.is_empty():
        return None
    per_year = heads.group_by("year").agg(stages=pl.col("stage").n_unique())
    return int(per_year.sort("stages", "year", descending=True)["year"][0])


def series(justice: pl.DataFrame) -> pl.DataFrame:
    """Every single-year headline figure (reporter × stage × year), for line charts."""
    return headline(justice).filter(pl.col("year").is_not_null()).sort("stage", "reporter", "year")


def yoy(justice: pl.DataFrame, year: int, base_year: int) -> pl.DataFrame:
    """Each reporter × stage in `base_year` and `year`: both values, change, % and direction."""
    heads = series(justice).filter(pl.col("year").is_in([year, base_year]))
    return compare_years(heads, ["stage", "reporter", "unit"], year, base_year)


def disagreements(justice: pl.DataFrame) -> pl.DataFrame:
    """Every (year, stage) for which more than one reporter gives a figure.

    Columns: year, stage, units, reporters, values, low, high, spread, reporter_ids,
    figures. `reporter_ids` and `figures` are lists in ascending order of the figure
    (ties by reporter id); `reporters` and `values` are the same as language-neutral
    text ("moi_gpo, nsc", "7, 8"). `ui.labels.disagreement_sentence()` states a row in words.
    """
    heads = series(justice).filter(pl.col("value").is_not_null())
    grouped = (
        heads.sort("value", "reporter")
        .group_by("year", "stage", maintain_order=True)
        .agg(
            reporter_ids=pl.col("reporter"),
            figures=pl.col("value"),
            units=pl.col("unit").unique().sort().str.join(", "),
            n=pl.col("reporter").n_unique(),
        )
        .filter(pl.col("n") > 1)
    )
    rows = [{
        "year": r["year"], "stage": r["stage"], "units": r["units"],
        "reporters": ", ".join(r["reporter_ids"]), "values": ", ".join(_fmt(v) for v in r["figures"]),
        "low": min(r["figures"]), "high": max(r["figures"]), "spread": max(r["figures"]) - min(r["figures"]),
        "reporter_ids": r["reporter_ids"], "figures": r["figures"],
    } for r in grouped.iter_rows(named=True)]
    schema = {"year": pl.Int64, "stage": pl.String, "units": pl.String, "reporters": pl.String,
              "values": pl.String, "low": pl.Float64, "high": pl.Float64, "spread": pl.Float64,
              "reporter_ids": pl.List(pl.String), "figures": pl.List(pl.Float64)}
    return pl.DataFrame(rows, schema=schema).sort("year", "stage")


def _fmt(value: float | None) -> str:
    """A figure as plain, language-neutral text (for the `values` column)."""
    if value is None:
        return NOT_REPORTED
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# Chains of figures that the sources themselves set side by side: chain id -> steps, each
# (step id, dataset, exact row filter); the chain is built only from rows that exist.
# `ui.labels.chain_title()` and `chain_step()` name chains and steps for the reader.
CHAINS: dict[str, list[tuple[str, str, dict[str, str]]]] = {
    "ngo_vs_police_2018_2020": [
        ("victims_approached_ngo", "assistance", {"measure": "victims_approached_ngo", "source": "unregistered-study"}),
        ("crimes_registered", "justice", {"measure": "registered_crimes", "source": "unregistered-study"}),
        ("cases_sent_to_court", "justice", {"measure": "cases_sent_to_court", "source": "unregistered-study"}),
        ("cases_discontinued", "justice", {"measure": "cases_discontinued", "source": "unregistered-study"}),
    ],
    "gpo_review_2020": [
        ("closed_cases_reviewed", "justice", {"measure": "cases_reviewed", "reporter": "gpo"}),
        ("cases_reopened", "justice", {"measure": "cases_reopened", "reporter": "gpo"}),
        ("registered_again", "justice", {"measure": "cases_reregistered", "reporter": "gpo"}),
    ],
}


def chain(tables: dict[str, pl.DataFrame], name: str) -> pl.DataFrame:
    """The steps of one attrition chain, each with its own reporter, source and lines.

    A step with no matching row is kept with a null value (status NOT_REPORTED).
    `step_id` names the step (CHAINS); `status` holds REPORTED / NOT_REPORTED.
    `mixed_reporters` is true on every row when the steps come from different bodies.
    """
    rows = []
    for i, (step_id, dataset, match) in enumerate(CHAINS[name]):
        frame = tables[dataset]
        cond = pl.lit(True)
        for col, val in match.items():
            cond = cond & (pl.col(col) == val)
        if "breakdown" in frame.columns:
            cond = cond & (pl.col("breakdown").fill_null("no") == "no")
        hit = frame.filter(cond & pl.col("value").is_not_null()).head(1)
        if hit.height:
            r = hit.row(0, named=True)
            rows.append({"step": i + 1, "step_id": step_id, "value": r["value"], "unit": r["unit"],
                         "reporter": r["reporter"], "period": r["period"], "source": r["source"],
                         "lines": r["lines"], "status": REPORTED})
        else:
            rows.append({"step": i + 1, "step_id": step_id, "value": None, "unit": None, "reporter": None,
                         "period": None, "source": None, "lines": None, "status": NOT_REPORTED})
    out = pl.DataFrame(rows, schema={"step": pl.Int64, "step_id": pl.String, "value": pl.Float64,
                                     "unit": pl.String, "reporter": pl.String, "period": pl.String,
                                     "source": pl.String, "lines": pl.String, "status": pl.String})
    mixed = out["reporter"].drop_nulls().n_unique() > 1
    return out.with_columns(mixed_reporters=pl.lit(mixed))


def by_article(justice: pl.DataFrame) -> pl.DataFrame:
    """The 2014–2017 judicial-practice figures by Criminal Code article, with shares per year."""
    rows = justice.filter(
        pl.col("article").is_not_null() & pl.col("year").is_between(2014, 2017)
        & pl.col("value").is_not_null() & (pl.col("measure") == "cases_prosecuted")
        & (pl.col("source") == "unodc-2022")
    )
    return rows.with_columns(
        share=(pl.col("value") / pl.col("value").sum().over("year") * 100).round(1)
    ).sort("year", "article")


def related_crimes(justice: pl.DataFrame, since: int = 2019) -> pl.DataFrame:
    """Figures for crimes related to trafficking (pimping, forced marriage, ...) from `since` on."""
    return justice.filter(
        ~pl.col("offence").is_in(TRAFFICKING_OFFENCES + ["child_trafficking"])
        & (pl.col("period_end").str.slice(0, 4).cast(pl.Int64) >= since)
    ).sort("period_start", "offence")
