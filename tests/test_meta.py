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
from i18n.names import term, terms

TABLES = metadata.tables()


def _header_and_rows(file: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA_DIR / file, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_every_dataset_and_reference_table_has_metadata() -> None:
    assert set(metadata.dataset_names()) == {
        "justice", "assistance", "migration", "regional", "capacity", "destination_mentions", "councils",
        "article_crosswalk", "recommendations", "gaps", "timeline"}
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
    assert list(justice.columns)[:4] == ["measure", "value", "unit", "reporter"]
    assert list(justice.columns)[-3:] == ["source", "lines", "note"]
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


def test_unquoted_yes_in_a_vocabulary_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML reads an unquoted yes/no as true/false: the metadata says so instead of silently
    allowing a boolean."""
    (tmp_path / "vocabularies.yml").write_text("breakdown:\n  title: {en: B}\n  terms:\n    yes: {en: Y}\n",
                                               encoding="utf-8")
    monkeypatch.setattr(metadata, "META_DIR", tmp_path)
    metadata._read.cache_clear()
    metadata.vocabularies.cache_clear()
    try:
        with pytest.raises(metadata.MetadataError, match="quote it"):
            metadata.vocabularies()
    finally:
        monkeypatch.undo()
        metadata._read.cache_clear()
        metadata.vocabularies.cache_clear()
        metadata.vocabularies()


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
