"""Declared schemas of the curated datasets (pandera, polars backend).

One `Dataset` per CSV in `data/`: its file, the columns it must have, the
pandera schema every row is checked against, and its unique key. The loader
(`data/load.py`) reads each file as text, casts it to these types and keeps
only the rows that pass; everything else becomes a named problem.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandera.polars as pa
import polars as pl

DATA_DIR = Path(__file__).resolve().parent

LINES_PATTERN = r"^\d+(-\d+)?$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
ID_PATTERN = r"^[a-z0-9_]+$"

UNITS = [
    "cases", "persons", "crimes", "victims", "people", "percent", "KGS", "USD", "EUR", "KZT",
    "thousand_persons", "organisations", "agencies", "ministries", "institutions", "bodies",
    "shelters", "firms", "farms", "countries", "acts", "articles", "sops", "measures",
    "objectives", "events", "meetings", "roundtables", "rounds", "campaigns", "copies",
    "questionnaires", "training_modules", "online_video_courses", "busloads", "complaints",
    "index_rates", "years", "ha", "tonnes",
]
SEXES = ["female", "male"]
EXPLOITATION = [
    "sexual", "labour", "forced_marriage", "child", "begging", "organ_removal",
    "criminal", "mixed", "other",
]
STATUSES = ["implemented", "partially_implemented", "not_implemented", "pending", "no_status"]
THEMES_REC = [
    "legislation", "data_collection", "identification", "referral_nrm", "victim_assistance",
    "shelters", "prosecution", "judiciary_training", "prevention", "coordination", "funding",
    "labour_migration", "children", "international_cooperation", "other",
]
THEMES_TIMELINE = [
    "law", "code", "resolution", "programme", "nrm", "coordination", "report",
    "international", "institution",
]
PRECISIONS = ["day", "month", "quarter", "year", "unknown"]
LEVELS = ["national", "regional", "local"]
ROLES = ["destination", "transit", "origin"]
OFFENCES = [
    "trafficking", "child_trafficking", "trafficking_all", "forced_labour", "pimping",
    "brothel_keeping", "involvement_in_prostitution", "forced_marriage", "bride_kidnapping",
    "illegal_adoption", "sale_of_children", "illegal_migration", "kidnapping",
    "recruitment_for_exploitation", "related_total", "migrant_smuggling", "other",
]
CODES = ["cc1997", "cc2017", "cc2021"]
AGGRAVATIONS = ["basic", "aggravated", "especially_aggravated", "against_minor", "whole_article"]
PENALTIES = ["imprisonment", "fine_or_imprisonment", "imprisonment_and_fine", "imprisonment_and_confiscation"]
CONTEXT_SCOPES = ["national", "region", "district"]
FLAGS = ["cumulative", "range_low", "range_high", "partial", "estimate", "break_in_series", "breakdown"]
FLAGS_PATTERN = r"^(" + "|".join(FLAGS) + r")(;(" + "|".join(FLAGS) + r"))*$"


@lru_cache(maxsize=None)
def _ids(file: str, column: str) -> tuple[str, ...]:
    """The ids in one column of a small reference table (sources, regions, ...)."""
    with open(DATA_DIR / file, newline="", encoding="utf-8") as fh:
        return tuple(row[column] for row in csv.DictReader(fh))


def source_ids() -> tuple[str, ...]:
    return _ids("sources.csv", "source")


def region_ids() -> tuple[str, ...]:
    return _ids("regions.csv", "region")


def country_ids() -> tuple[str, ...]:
    return _ids("countries.csv", "country")


def reporter_ids() -> tuple[str, ...]:
    return _ids("reporters.csv", "reporter")


@dataclass(frozen=True)
class Dataset:
    """A curated table: where it lives, what it must hold, how it is checked."""

    name: str
    description: str
    columns: dict[str, pa.Column]
    key: tuple[str, ...] = ()
    figures: bool = True  # holds `value` rows that the provenance test checks
    integer_columns: tuple[str, ...] = field(default=())

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def path(self) -> Path:
        return DATA_DIR / self.file

    def schema(self) -> pa.DataFrameSchema:
        return pa.DataFrameSchema(self.columns, unique=list(self.key) or None, strict=False)


def _text(checks: list | None = None, nullable: bool = True) -> pa.Column:
    return pa.Column(pl.String, checks or [], nullable=nullable)


def _one_of(values, nullable: bool = True) -> pa.Column:
    return pa.Column(pl.String, pa.Check.isin(list(values)), nullable=nullable)


def _provenance() -> dict[str, pa.Column]:
    return {
        "source": pa.Column(pl.String, pa.Check.isin(list(source_ids())), nullable=False),
        "lines": pa.Column(pl.String, pa.Check.str_matches(LINES_PATTERN), nullable=False),
        "note": _text(),
    }


def _period() -> dict[str, pa.Column]:
    return {
        "year": pa.Column(pl.Int64, pa.Check.in_range(1990, 2030), nullable=True),
        "period_start": _text([pa.Check.str_matches(DATE_PATTERN)]),
        "period_end": _text([pa.Check.str_matches(DATE_PATTERN)]),
    }


def _figure(**dims: pa.Column) -> dict[str, pa.Column]:
    """Columns shared by every figure table, plus the table's own dimensions."""
    return {
        "measure": pa.Column(pl.String, pa.Check.str_matches(ID_PATTERN), nullable=False),
        "value": pa.Column(pl.Float64, pa.Check.ge(0), nullable=True),
        "unit": _one_of(UNITS, nullable=False),
        **_period(),
        "reporter": pa.Column(pl.String, pa.Check.isin(list(reporter_ids())), nullable=False),
        **dims,
        **_provenance(),
    }


def _region() -> pa.Column:
    return _one_of(region_ids())


def _country(nullable: bool = True) -> pa.Column:
    return _one_of(country_ids(), nullable=nullable)


@lru_cache(maxsize=None)
def datasets() -> dict[str, Dataset]:
    """Every curated dataset, by name (built lazily: reference ids are read from CSV)."""
    figure_key = ("source", "lines", "measure")
    items = [
        Dataset(
            "justice",
            "Criminal-justice figures: registered crimes, investigations, cases sent to court, "
            "persons convicted, reviews of closed cases; by year or period, reporter, article.",
            _figure(
                offence=_one_of(OFFENCES, nullable=False),
                breakdown=_one_of(["yes", "no"], nullable=False),
                article=_text(),
                exploitation=_one_of(EXPLOITATION),
                region=_region(),
                sex=_one_of(SEXES),
                age_group=_text(),
            ),
            key=figure_key + ("offence", "year", "period_start", "reporter", "article", "exploitation",
                              "region", "sex", "age_group", "value"),
        ),
        Dataset(
            "assistance",
            "Victims identified, assisted and referred; support by local bodies; hotline and "
            "information-centre consultations; NGO networks.",
            _figure(
                organisation=_text(),
                region=_region(),
                district=_text(),
                sex=_one_of(SEXES),
                age_group=_text(),
                exploitation=_one_of(EXPLOITATION),
                support_type=_text(),
                country=_country(),
            ),
            key=figure_key + ("year", "period_start", "reporter", "organisation", "region",
                              "district", "sex", "age_group", "exploitation", "support_type",
                              "country", "value"),
        ),
        Dataset(
            "migration",
            "Migration figures: nationals abroad and their shares by country, people sent abroad "
            "for work, travel documents, complaints, deaths abroad.",
            _figure(country=_country()),
            key=figure_key + ("year", "period_start", "reporter", "country", "value"),
        ),
        Dataset(
            "regional",
            "Figures by region that belong on a map: cases by region, NGOs surveyed, roundtables "
            "and participants, trainings, local support.",
            _figure(region=_region(), district=_text(), organisation=_text()),
            key=figure_key + ("year", "period_start", "reporter", "region", "district",
                              "organisation", "value"),
        ),
        Dataset(
            "capacity",
            "Trainings and people trained (who, how many, share of women), budgets of programmes.",
            _figure(organiser=_text(), audience=_text()),
            key=figure_key + ("year", "period_start", "reporter", "organiser", "audience",
                              "value"),
        ),
        Dataset(
            "penalties",
            "Sentences the Criminal Code sets for trafficking and related offences, by article, "
            "code version and aggravating circumstances, as the sources print them.",
            {
                "id": _text([pa.Check.str_matches(r"^penalties-\d{4}$")], nullable=False),
                "article": _text(),
                "code": _one_of(CODES, nullable=False),
                "offence": _one_of(OFFENCES, nullable=False),
                "aggravation": _one_of(AGGRAVATIONS, nullable=False),
                "penalty": _one_of(PENALTIES, nullable=False),
                "min_years": pa.Column(pl.Float64, pa.Check.in_range(0, 30), nullable=True),
                "max_years": pa.Column(pl.Float64, pa.Check.in_range(0, 30), nullable=True),
                "year": pa.Column(pl.Int64, pa.Check.in_range(1990, 2030), nullable=True),
                "reporter": pa.Column(pl.String, pa.Check.isin(list(reporter_ids())), nullable=False),
                **_provenance(),
            },
            key=("id",),
            figures=False,
        ),
        Dataset(
            "context",
            "Context by region: poverty and unemployment where the sources print them, nationally "
            "or for one region or town, with the year they refer to.",
            _figure(
                id=_text([pa.Check.str_matches(r"^context-\d{4}$")], nullable=False),
                region=_region(),
                district=_text(),
                scope=_one_of(CONTEXT_SCOPES, nullable=False),
                flags=_text([pa.Check.str_matches(FLAGS_PATTERN)]),
            ),
            key=("id",),
        ),
        Dataset(
            "destination_mentions",
            "Every country a source names as a destination, transit or origin of trafficking, "
            "with the form of exploitation and period, even where no number exists.",
            {
                "country": _country(nullable=False),
                "role": _one_of(ROLES, nullable=False),
                "exploitation": _one_of(EXPLOITATION),
                **_period(),
                **_provenance(),
            },
            key=("source", "lines", "country", "role", "exploitation"),
            figures=False,
        ),
        Dataset(
            "councils",
            "Coordination bodies against trafficking (national, regional, local): when and by "
            "which act they were set up, chair, members, plans.",
            {
                "body": _text(nullable=False),
                "level": _one_of(LEVELS, nullable=False),
                "region": _region(),
                "district": _text(),
                "established_date": _text([pa.Check.str_matches(DATE_PATTERN)]),
                "date_precision": _one_of(PRECISIONS),
                "established_by": _text(),
                "chair": _text(),
                "members": _text(),
                "plans_adopted": _text(),
                **_provenance(),
            },
            key=("source", "lines", "body", "region", "district"),
            figures=False,
        ),
        Dataset(
            "article_crosswalk",
            "Criminal Code articles for the same offence across the 1997, 2017 and 2021 codes, "
            "as far as the sources give them.",
            {
                "concept": _text(nullable=False),
                "article_cc1997": _text(),
                "article_cc2017": _text(),
                "article_cc2021": _text(),
                **_provenance(),
            },
            key=("source", "lines", "concept"),
            figures=False,
        ),
        Dataset(
            "recommendations",
            "Recommendations of the reports, with addressee, theme, status and the government's "
            "response where given; summaries in our own words.",
            {
                "report_number": _text(nullable=False),
                "summary": _text(nullable=False),
                "addressee": _text(),
                "theme": _one_of(THEMES_REC, nullable=False),
                "topic": _text([pa.Check.str_matches(ID_PATTERN)]),
                "page": _one_of(["justice", "victims", "regions", "migration", "overview"]),
                "status": _one_of(STATUSES, nullable=False),
                "status_date": _text([pa.Check.str_matches(r"^\d{4}(-\d{2})?$")]),
                "government_response": _text(),
                **_provenance(),
            },
            key=("source", "report_number"),
            figures=False,
        ),
        Dataset(
            "gaps",
            "What the data does not tell us: gaps that the sources themselves point out, in our "
            "own words, with the lines that note them.",
            {
                "gap": _text(nullable=False),
                "topic": _text([pa.Check.str_matches(ID_PATTERN)], nullable=False),
                "page": _one_of(["justice", "victims", "regions", "migration", "overview"]),
                **_provenance(),
            },
            key=("source", "lines", "topic"),
            figures=False,
        ),
        Dataset(
            "timeline",
            "Dated legal and institutional milestones: laws, codes, resolutions, NRM, "
            "coordination bodies, reports.",
            {
                "date": _text([pa.Check.str_matches(DATE_PATTERN)], nullable=False),
                "date_precision": _one_of(PRECISIONS, nullable=False),
                "event": _text(nullable=False),
                "theme": _one_of(THEMES_TIMELINE, nullable=False),
                "document": _text(),
                **_provenance(),
            },
            key=("source", "lines", "date", "event"),
            figures=False,
        ),
    ]
    return {d.name: d for d in items}
