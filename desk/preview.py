"""The affected pages drawn with an import's data before anyone else sees them.

The release as it would be after the import (the current release + every waiting import +
this one) is written once into `<desk home>/preview/<sha256 of its CSVs>/` and read back by the
public loader itself (`data.load.load_all(folder)`: the same checks, the same frames as the
public pages). That folder is never the `current` pointer, and the desk is its own process:
the public app never reads it. Each affected dataset is drawn with the public trends chart
(`ui.figures.small_multiples`, the Justice page's "each stage across the years"): one panel
per series an imported row belongs to (measure, unit and breakdown), a line per reporter
across the years, the imported figures ringed and the chart titled as not yet published.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
import polars as pl

from data import metadata
from data.load import load_all
from data.releases import desk_home
from i18n import _

FOLDER = "preview"
KEEP = 8  # preview folders kept (the newest); older ones are removed
MAX_PANELS = 6  # series drawn per dataset (the rest are listed in the import's table)
# Columns that are not part of what a series counts: provenance, the time, the value itself.
NOT_SERIES = {"id", "value", "source", "lines", "note", "note_ru", "note_ky",
              "reporter", "scope", "flags", "same_as", "year",
              "period_start", "period_end", "period"}


@dataclass(frozen=True)
class Chart:
    """One affected dataset's preview: its title, the figure, and the imported rows it could not
    place on a year axis (a period longer than one year), as text."""

    dataset: str
    title: str
    figure: go.Figure
    not_drawn: list[str] = field(default_factory=list)


def staged_folder(tables: dict[str, str], home: str | Path | None = None) -> Path:
    """The folder holding `tables` (dataset -> CSV text) for the preview, written once."""
    digest = hashlib.sha256("".join(f"{k}\0{v}\0" for k, v in sorted(tables.items())).encode()).hexdigest()[:20]
    base = Path(home or desk_home()) / FOLDER
    target = base / digest
    if not (target / ".complete").is_file():
        temp = base / f".{digest}.{os.getpid()}.tmp"
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        for name, text in tables.items():
            (temp / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
        (temp / ".complete").write_text("", encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(temp, target)
        old = sorted((p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".") and p != target),
                     key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP - 1:]:
            shutil.rmtree(stale, ignore_errors=True)
    return target


def _single_year(frame: pl.DataFrame) -> pl.DataFrame:
    """The figures of one year (a year, or a period inside one year), with `year` set."""
    start = pl.col("period_start").cast(pl.String).str.slice(0, 4).cast(pl.Int64, strict=False)
    end = pl.col("period_end").cast(pl.String).str.slice(0, 4).cast(pl.Int64, strict=False)
    return frame.with_columns(year=pl.coalesce(pl.col("year"), pl.when(start == end).then(end))).filter(
        pl.col("year").is_not_null())


def _series_columns(frame: pl.DataFrame) -> list[str]:
    # a translation (`organiser_ru`) is the English column in other words, not a series of its own
    return [c for c in frame.columns if c not in NOT_SERIES and not c.endswith(("_ru", "_ky"))]


def _panel_label(dataset: str, row: dict) -> str:
    """'Registered crimes · Trafficking in persons · cases': the series in the reader's words."""
    from ui import labels

    spec = metadata.table(dataset).columns
    parts = []
    for column in ("measure", *[c for c in row if c not in ("measure", "unit")], "unit"):
        value = row.get(column)
        if value in (None, "") or column not in spec:
            continue
        col = spec[column]
        if col.vocabulary:
            parts.append(labels.term(col.vocabulary, value))
        elif col.reference:
            parts.append(labels.name(col.reference, value))
        else:
            parts.append(str(value))
    return " · ".join(parts)


def chart(dataset: str, frame: pl.DataFrame, imported: list[str]) -> Chart | None:
    """The preview of one dataset: `frame` is its rows in the staged release (as the public
    loader reads them), `imported` the ids of the new and changed rows."""
    from ui.figures import small_multiples
    from ui.formatting import fmt_value
    from ui.frame import file_title

    if not imported or frame.is_empty():
        return None
    keys = _series_columns(frame)
    mine = frame.filter(pl.col("id").is_in(imported))
    yearly = _single_year(frame).filter(pl.col("value").is_not_null())
    mine_yearly = yearly.filter(pl.col("id").is_in(imported))
    unplaced = mine.filter(~pl.col("id").is_in(mine_yearly["id"].to_list()))
    not_drawn = [f"{_panel_label(dataset, {k: r[k] for k in keys if k != 'unit'})}: "
                 f"{fmt_value(r['value'], r['unit'])} ({r['period']})" for r in unplaced.iter_rows(named=True)]
    series_keys = list(dict.fromkeys(tuple(r[k] for k in keys) for r in mine_yearly.iter_rows(named=True)))
    series_keys = series_keys[:MAX_PANELS]
    if not series_keys:
        return Chart(dataset, file_title(dataset), go.Figure(), not_drawn) if not_drawn else None
    stage_of = {key: f"s{i}" for i, key in enumerate(series_keys)}
    stage_labels = {stage_of[key]: _panel_label(dataset, dict(zip(keys, key))) for key in series_keys}
    rows = [{**r, "stage": stage_of[tuple(r[k] for k in keys)]} for r in yearly.iter_rows(named=True)
            if tuple(r[k] for k in keys) in stage_of]
    series = pl.DataFrame(rows, schema={**yearly.schema, "stage": pl.String}).select(
        "stage", "reporter", "year", "value", "unit", "period", "source", "lines", "id")
    stages = [stage_of[key] for key in series_keys]
    title = file_title(dataset)
    figure = go.Figure(small_multiples(
        series, stages, stage_labels, _("Not yet published: {dataset}", dataset=title),
        _("Each imported figure across the years, with the other figures of the same series; "
          "ringed: new or changed in this import")))
    _ring(figure, series.filter(pl.col("id").is_in(imported)), stages)
    return Chart(dataset, title, figure, not_drawn)


def _ring(figure: go.Figure, new: pl.DataFrame, stages: list[str]) -> None:
    """A ring around each imported figure, in its panel (small_multiples numbers the panels'
    axes row by row: panel i draws on x{i+1}/y{i+1}, the first on x/y)."""
    legend = True
    for i, stage in enumerate(stages):
        part = new.filter(pl.col("stage") == stage)
        if part.is_empty():
            continue
        suffix = "" if i == 0 else str(i + 1)
        figure.add_scatter(x=part["year"].to_list(), y=part["value"].to_list(), xaxis=f"x{suffix}",
                           yaxis=f"y{suffix}", mode="markers", name=_("New, not yet published"),
                           legendgroup="preview", showlegend=legend,
                           marker={"size": 18, "symbol": "circle-open", "color": "#D55E00", "line": {"width": 3}},
                           hoverinfo="skip")
        legend = False


def charts(tables_after: dict[str, str], imported: dict[str, list[str]], home: str | Path | None = None) -> list[Chart]:
    """The preview of every dataset an import changes: `tables_after` is the release as it would
    be after publishing (dataset -> CSV text), `imported` dataset -> ids of its new and changed rows.
    The rows are read back from a staged folder by the public loader."""
    folder = staged_folder(tables_after, home)
    loaded = load_all(str(folder))
    out = []
    for dataset, ids in imported.items():
        if ids and dataset in loaded:
            built = chart(dataset, loaded[dataset].frame, ids)
            if built is not None:
                out.append(built)
    return out


def imported_ids(result) -> dict[str, list[str]]:
    """dataset -> ids of the new and changed rows of a checked import (desk.importer.ImportResult)."""
    return {d: [r["id"] for r in result.new.get(d, [])] + [b["id"] for _a, b in result.changed.get(d, [])]
            for d in result.new}
