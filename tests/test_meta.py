"""Each table is described once, in data/meta/*.yml, and the files, the schema, the
labels and the headers agree with that description."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from data import metadata
from data.load import load_dataset
from data.metadata import DATA_DIR, LANGUAGES
from data.schemas import datasets
from i18n import using
from ui.labels import term, terms

TABLES = metadata.tables()


def _header_and_rows(file: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA_DIR / file, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_every_dataset_and_reference_table_has_metadata() -> None:
    assert set(metadata.dataset_names()) == {
        "justice", "assistance", "migration", "regional", "capacity", "destination_mentions", "councils",
        "article_crosswalk", "recommendations", "gaps", "timeline", "penalties", "context"}
    assert set(metadata.reference_names()) == {"sources", "regions", "reporters", "countries"}
    assert list(datasets()) == list(metadata.dataset_names())
    on_disk = {p.stem for p in (DATA_DIR / "meta").glob("*.yml")}
    assert on_disk == set(TABLES) | {"catalogue", "vocabularies", "derived_columns"}
    assert not (DATA_DIR / "terms.csv").exists(), "the vocabularies live in data/meta/vocabularies.yml"


@pytest.mark.parametrize("name", list(TABLES))
def test_csv_columns_are_exactly_the_declared_columns(name: str) -> None:
    table = TABLES[name]
    header, _ = _header_and_rows(table.file)
    assert sorted(header) == sorted(table.columns), (
        f"{table.file}: not declared in {name}.yml: {sorted(set(header) - set(table.columns))}; "
        f"declared but not in the file: {sorted(set(table.columns) - set(header))}")


@pytest.mark.parametrize("name", list(TABLES))
def test_table_texts_and_column_titles_in_every_language(name: str) -> None:
    table = TABLES[name]
    for field in ("title", "row", "description", "licence"):
        text = getattr(table, field)
        assert all(text.get(lang, "").strip() for lang in LANGUAGES), f"{name}.yml: {field} lacks a language"
    if table.caveats:
        counts = {lang: len(table.caveats.get(lang, ())) for lang in LANGUAGES}
        assert len(set(counts.values())) == 1 and counts["en"] > 0, f"{name}.yml caveats: {counts}"
    for column in table.columns.values():
        assert all(column.title.get(lang, "").strip() for lang in LANGUAGES), f"{name}.{column.name} title"
        assert column.type in ("string", "integer", "float")
    assert table.key and set(table.key) <= set(table.columns)


def test_derived_columns_have_titles_and_are_not_table_columns() -> None:
    derived = metadata.derived_columns()
    assert {"change", "value_then", "share", "row_label", "period"} <= set(derived)
    declared = {c for t in TABLES.values() for c in t.columns}
    assert not set(derived) & declared, "a table column's title belongs in its table's yml"
    for column, title in derived.items():
        assert all(title.get(lang, "").strip() for lang in LANGUAGES), column


def test_a_column_id_has_one_title_everywhere() -> None:
    seen: dict[str, dict] = {}
    for table in TABLES.values():
        for column in table.columns.values():
            assert seen.setdefault(column.name, column.title) == column.title, (table.name, column.name)


def test_every_term_has_labels_in_every_language() -> None:
    vocabularies = metadata.vocabularies()
    assert {"unit", "exploitation", "status", "theme", "offence", "measure", "support_type", "audience",
            "topic", "gap_topic", "event_theme", "level", "role", "sex", "age_group"} <= set(vocabularies)
    for vocab in vocabularies.values():
        assert vocab.terms, vocab.name
        assert all(vocab.title.get(lang) for lang in LANGUAGES), vocab.name
        for key, labels in vocab.terms.items():
            missing = [lang for lang in LANGUAGES if not labels.get(lang, "").strip()]
            assert not missing, f"vocabularies.yml: {vocab.name}.{key} has no label in {missing}"


def test_terms_once_without_labels_now_have_them() -> None:
    for vocab, key in [("unit", "EUR"), ("unit", "index_rates"), ("unit", "people"), ("exploitation", "begging"),
                       ("exploitation", "organ_removal"), ("offence", "sale_of_children")]:
        assert key in metadata.vocabulary(vocab)
    with using("ru"):
        assert term("unit", "EUR") == "евро"
        assert term("exploitation", "organ_removal") == "Изъятие органов"
    with using("ky"):
        assert term("offence", "sale_of_children") == "Балдарды сатып алуу-сатуу"


def test_every_value_in_the_data_is_a_term_or_a_known_id() -> None:
    """Every value of a vocabulary column, in every CSV, is a term with three labels; every
    reference value is an id of its reference table."""
    vocabularies = metadata.vocabularies()
    checked = 0
    for table in TABLES.values():
        _, rows = _header_and_rows(table.file)
        for column in table.columns.values():
            values = {r[column.name].strip() for r in rows if r.get(column.name, "").strip()}
            if column.vocabulary:
                vocab = vocabularies[column.vocabulary]
                unknown = sorted(values - set(vocab.terms))
                assert not unknown, f"{table.file}, column '{column.name}': not in '{vocab.name}': {unknown}"
                for value in values:
                    assert all(vocab.terms[value].get(lang) for lang in LANGUAGES), (vocab.name, value)
                checked += len(values)
            if column.reference:
                ref = TABLES[column.reference]
                _, ref_rows = _header_and_rows(ref.file)
                ids = {r[ref.key[0]] for r in ref_rows}
                assert values <= ids, f"{table.file}, column '{column.name}': unknown {sorted(values - ids)}"
    assert checked > 300


def test_labels_come_from_the_vocabularies_file() -> None:
    with using("ru"):
        assert term("status", "implemented") == "Выполнена"
        assert terms("sex") == {"female": "Женщины", "male": "Мужчины"}
        assert term("no_such_vocabulary", "some_term") == "some term"
    with using("en"):
        assert term("unit", "percent") == "%"
        assert term("breakdown", "no") == "Headline total"


def test_schema_is_built_from_the_metadata() -> None:
    for name, ds in datasets().items():
        meta = metadata.table(name)
        assert list(ds.columns) == list(meta.columns)
        assert ds.key == meta.key and ds.figures == meta.figures
        for column, spec in meta.columns.items():
            assert ds.columns[column].nullable == (not spec.required), (name, column)
    justice = datasets()["justice"]
    # the shared blocks come first and last, the dataset's own columns between them
    doc = metadata._read("justice.yml")
    first = [c for b in doc.get("include_before") or [] for c in metadata.block(b)]
    last = [c for b in doc.get("include_after") or [] for c in metadata.block(b)]
    assert {"measure", "value", "unit", "reporter", "year"} <= set(first) and {"source", "lines"} <= set(last)
    assert list(justice.columns)[:len(first)] == first
    assert list(justice.columns)[-len(last):] == last
    assert "offence" in list(justice.columns)[len(first):-len(last)]
    assert str(justice.columns["value"].dtype) == "Float64" and str(justice.columns["year"].dtype) == "Int64"


@pytest.mark.parametrize("column,bad", [("exploitation", "slavery"), ("unit", "dollars"), ("offence", "theft"),
                                        ("breakdown", "maybe")])
def test_schema_rejects_a_value_outside_its_vocabulary(tmp_path: Path, column: str, bad: str) -> None:
    justice = datasets()["justice"]
    header, rows = _header_and_rows(justice.file)
    rows[4] = {**rows[4], column: bad}
    path = tmp_path / "justice.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    loaded = load_dataset(justice, path)
    assert [(p.file, p.row, p.column) for p in loaded.problems] == [("justice.csv", 6, column)]
    assert f"'{bad}' is not one of the allowed values" in loaded.problems[0].message
    assert loaded.frame.height == len(rows) - 1


@pytest.fixture
def meta_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of data/meta that a test may edit (RAPPORTEUR_META_DIR); the real files are never
    touched. The metadata is watched per folder, so nothing needs clearing."""
    import shutil

    copy = tmp_path / "meta"
    shutil.copytree(DATA_DIR / "meta", copy)
    monkeypatch.setenv("RAPPORTEUR_META_DIR", str(copy))
    yield copy


def test_unquoted_yes_in_a_vocabulary_is_refused(meta_copy: Path) -> None:
    """YAML reads an unquoted yes/no as true/false: the metadata says so instead of silently
    allowing a boolean (and keeps serving the last good vocabularies)."""
    (meta_copy / "vocabularies.yml").write_text("breakdown:\n  title: {en: B}\n  terms:\n    yes: {en: Y}\n",
                                                encoding="utf-8")
    messages = [p.message for p in metadata.problems() if p.file == "vocabularies.yml"]
    assert any("vocabulary 'breakdown'" in m and "quote it" in m for m in messages), messages
    assert "no" in metadata.vocabulary("breakdown") and "unit" in metadata.vocabularies()


def test_a_column_added_to_the_figure_block_reaches_every_figure_table(meta_copy: Path, tmp_path: Path) -> None:
    """Adding a column is an edit of the metadata only: the schema, the loader and the
    headers follow."""
    import yaml

    from data.schemas import dataset_from_metadata

    catalogue_file = meta_copy / "catalogue.yml"
    doc = yaml.safe_load(catalogue_file.read_text(encoding="utf-8"))
    doc["blocks"]["figure"]["confidence"] = {"type": "string", "required": True, "checks": {"pattern": "id"},
                                             "title": {"en": "Confidence", "ru": "Надежность", "ky": "Ишеничтүүлүк"}}
    catalogue_file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    figure_tables = [n for n in metadata.dataset_names() if metadata.table(n).figures]
    assert figure_tables and all("confidence" in metadata.table(n).columns for n in figure_tables)
    assert "confidence" not in metadata.table("timeline").columns
    justice = dataset_from_metadata(metadata.table("justice"))
    header, rows = _header_and_rows(justice.file)
    rows = [{**r, "confidence": "high"} for r in rows]
    rows[0]["confidence"] = "Not An Id"
    path = tmp_path / "justice.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*header, "confidence"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    loaded = load_dataset(justice, path)
    assert [(p.row, p.column) for p in loaded.problems] == [(2, "confidence")]
    assert set(loaded.frame["confidence"]) == {"high"} and loaded.frame.height == len(rows) - 1
    with using("ky"):
        from ui.tables import header as column_header

        assert column_header("confidence") == "Ишеничтүүлүк"


def test_headers_come_from_the_metadata() -> None:
    from ui.tables import header

    with using("ru"):
        assert header("reporter") == "Кем сообщено"
        assert header("breakdown") == "Часть итога"
        assert header("change") == "Изменение"
    with using("ky"):
        assert header("value_then") == "Мурда"
        assert header("exploitation") == "Эксплуатациянын түрү"
    with using("en"):
        assert header("row_label") == "Year and stage"
        assert header("not_a_column") == "not a column"


def test_readme_dictionary_is_the_generated_one() -> None:
    from data.dictionary import README, markdown, section

    assert section(README.read_text(encoding="utf-8")) == markdown(), (
        "data/README.md's dictionary differs from data/meta/*.yml: run python -m data.dictionary")


def test_dictionary_check_fails_on_a_stale_readme(tmp_path: Path) -> None:
    from data.dictionary import BEGIN, END, main

    stale = tmp_path / "README.md"
    stale.write_text(f"# Data\n\n{BEGIN}\n## Datasets\nold text\n{END}\n\nhand-written tail\n", encoding="utf-8")
    assert main(["--check"], stale) == 1
    assert main([], stale) == 0
    text = stale.read_text(encoding="utf-8")
    assert main(["--check"], stale) == 0
    assert "old text" not in text and text.endswith("hand-written tail\n") and "### justice.csv" in text


def test_dictionary_frames_follow_the_metadata() -> None:
    from data.dictionary import columns_frame, tables_frame

    tables = tables_frame("ru")
    assert tables["dataset"].to_list() == list(metadata.dataset_names())
    justice = tables.row(0, named=True)
    assert justice["title"] == "Уголовное правосудие" and justice["figures"] is True
    assert justice["columns"] == ", ".join(metadata.table("justice").columns)
    cols = columns_frame("ky", ["justice"])
    unit = cols.filter(cols["column"] == "unit").row(0, named=True)
    assert (unit["title"], unit["vocabulary"], unit["required"]) == ("Өлчөө бирдиги", "unit", True)
    year = cols.filter(cols["column"] == "year").row(0, named=True)
    assert (year["type"], year["low"], year["high"]) == ("integer", 1990.0, 2030.0)
    assert cols.height == len(metadata.table("justice").columns)


def test_workbook_dictionary_sheets_in_the_readers_language() -> None:
    import io

    import openpyxl

    from exports.excel import workbook_bytes

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes({"title": "Название"}, "ru")), read_only=True)
    rows = list(book["dictionary"].iter_rows(values_only=True))
    assert rows[0][2] == "Название"  # headers in the reader's language, then the column ids
    assert rows[1][:3] == ("dataset", "file", "title")
    assert rows[2][:3] == ("justice", "justice.csv", "Уголовное правосудие")
    columns = list(book["columns"].iter_rows(values_only=True))
    assert len(columns) - 2 == sum(len(metadata.table(n).columns) for n in metadata.dataset_names())


def test_sources_page_shows_the_dictionary_of_the_chosen_dataset() -> None:
    from tests.apptest import run_page

    at = run_page("sources", {"lang": "ru", "dictionary": "gaps"})
    assert not at.exception, at.exception
    # a plain table (it prints whole): title, column id, required, checks, meaning
    frame = next(t.value for t in at.table if list(t.value.iloc[:, 1]) == list(metadata.table("gaps").columns))
    assert "Пробел в данных" in list(frame.iloc[:, 0])
    assert any("Чего не показывают данные" in m.value for m in at.markdown)


def test_summary_is_built_from_the_metadata() -> None:
    from data.load import load_all
    from data.summary import datasets_table

    table = datasets_table(load_all())
    assert table["dataset"].to_list() == list(metadata.dataset_names())
    justice = table.row(0, named=True)
    assert justice["title"] == "Criminal justice" and justice["rows"] == load_all()["justice"].frame.height
    assert justice["columns"] == len(metadata.table("justice").columns)
    gaps = table.filter(table["dataset"] == "gaps").row(0, named=True)
    assert gaps["figures"] is None and gaps["rows"] > 0


def test_data_layer_imports_nothing_above_it() -> None:
    """The metadata, schema, dictionary and summary sit below metrics, ui and pages, and know
    nothing of Streamlit (tests/test_layers.py checks every layer with import-linter)."""
    import ast

    for name in ("metadata", "schemas", "load", "dictionary", "quality", "summary"):
        path = DATA_DIR / f"{name}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        above = {m for m in imported if m.split(".")[0] in {"metrics", "ui", "pages", "streamlit"}}
        assert not above, f"data/{path.name} imports {sorted(above)}"


def test_column_descriptions_exist_in_every_language_or_none() -> None:
    """A column's meaning is either not given or given in en, ru and ky, so the dictionary
    never mixes languages."""
    for table in TABLES.values():
        for column in table.columns.values():
            if column.description:
                missing = [lang for lang in LANGUAGES if not column.description.get(lang, "").strip()]
                assert not missing, f"{table.name}.{column.name} description lacks {missing}"


@pytest.mark.parametrize("name", list(metadata.reference_names()))
def test_reference_tables_pass_their_declared_checks(name: str) -> None:
    import polars as pl

    from data.load import reference
    from data.schemas import DTYPES, reference_schema

    meta = metadata.table(name)
    frame = reference(name).with_columns(pl.col(pl.String).replace("", None))
    frame = frame.with_columns(pl.col(c).cast(DTYPES[col.type]) for c, col in meta.columns.items()
                               if col.type != "string")
    reference_schema(name).validate(frame, lazy=True)


def test_reference_schema_rejects_a_bad_id() -> None:
    import pandera.polars as pa
    import polars as pl

    from data.load import reference
    from data.schemas import reference_schema

    frame = reference("countries").with_columns(
        country=pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("Russia")).otherwise(pl.col("country")))
    with pytest.raises(pa.errors.SchemaErrors, match="country"):
        reference_schema("countries").validate(frame, lazy=True)
