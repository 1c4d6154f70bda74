"""The template workbook, registering a document, and importing a filled workbook: every
bad-input rule names sheet, row and column and saves nothing; a good import previews,
stages and publishes. Small workbooks are built here with openpyxl from the template."""
from __future__ import annotations

import io
from datetime import datetime

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from desk import importer, store
from desk.__main__ import main
from desk.documents import register
from desk.release import current_data_dir
from desk.template import build, column_title, columns, figure_datasets, sheet_name
from tests.pg import desk_url, pg_server  # noqa: F401  (fixtures)

# A small document written for these tests (line numbers matter: the rows cite them).
DOCUMENT = """Annual statistics of the office, 2024 edition
In 2024 the police registered 17 trafficking crimes.
For 2016 our own count of registered trafficking crimes is 9.
Victims assisted in 2024: 1 234 persons.
Closing remarks without numbers.
"""
JUSTICE = {"measure": "registered_crimes", "offence": "trafficking", "breakdown": "no", "value": 17,
           "unit": "cases", "year": 2024, "reporter": "national_rapporteur", "lines": "2", "scope": "national"}
OLD_YEAR = {**JUSTICE, "value": 9, "year": 2016, "lines": "3"}
ASSISTANCE = {"measure": "victims_assisted", "value": 1234, "unit": "victims", "year": 2024,
              "reporter": "national_rapporteur", "lines": "4", "scope": "national"}


@pytest.fixture
def eng(desk_url):
    eng = store.ensure(desk_url)
    doc_id, problems = register(eng, DOCUMENT.encode(), title="Annual statistics 2024", publisher="The office",
                                year=2024, language="English", who="ana", doc_id="office-2024")
    assert (doc_id, problems) == ("office-2024", [])
    return eng


def workbook(*rows: tuple[str, dict], lang: str = "en", edit=None) -> bytes:
    """The template with `rows` ((dataset, {column: value})) filled in from row 3."""
    book = load_workbook(io.BytesIO(build(lang)))
    next_row: dict[str, int] = {}
    for dataset, values in rows:
        ws = book[sheet_name(dataset, lang)]
        r = next_row.get(dataset, 3)
        next_row[dataset] = r + 1
        for j, column in enumerate(columns(dataset), start=1):
            if column in values:
                ws.cell(row=r, column=j, value=values[column])
    if edit:
        edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def col(dataset: str, column: str) -> int:
    return columns(dataset).index(column) + 1


def letter(column: str) -> str:
    return get_column_letter(col("justice", column))


def staged_count(eng) -> int:
    with eng.connect() as conn:
        return conn.execute(sa.text("SELECT COUNT(*) FROM staged_imports")).scalar_one()


def test_template_is_built_from_the_metadata():
    book = load_workbook(io.BytesIO(build("ru")))
    assert [sheet_name(d, "ru") for d in figure_datasets()] == book.sheetnames[2:-1]
    ws = book["Уголовное правосудие"]
    assert [c.value for c in ws[2]] == columns("justice") and "source" not in columns("justice")
    assert ws.cell(row=1, column=col("justice", "measure")).value == "Показатель"
    lists = {str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in ws.data_validations.dataValidation}
    letter = "B"  # measure
    assert lists[letter].startswith("'Списки'!$A$2:$A$")
    # the drop-downs offer labels in the workbook's language; the last sheet gives each code beside
    vocab = book["Списки"]
    assert book.sheetnames[-1] == "Списки" and vocab.sheet_state == "visible"
    assert vocab["A1"].value == "Показатель" and vocab["B1"].value == "код"
    pairs = {a.value: b.value for a, b in zip(vocab["A"][1:], vocab["B"][1:])}
    assert pairs["Зарегистрированные преступления"] == "registered_crimes"
    assert "registered_crimes" not in pairs
    # two units read "чел." in Russian: the list tells them apart by their codes
    units = next(k for k, f in lists.items() if f == lists[get_column_letter(col("justice", "unit"))])
    unit_col = lists[units].split("$")[1]
    offered = [c.value for c in vocab[unit_col][1:] if c.value]
    assert "чел. (people)" in offered and "чел. (persons)" in offered and "чел." not in offered
    assert len(offered) == len(set(offered))
    # every vocabulary or reference column of the sheet has a drop-down
    assert len(ws.data_validations.dataValidation) == 10
    assert book.worksheets[0].cell(row=1, column=1).value  # instructions
    assert ws.cell(row=3, column=col("justice", "lines")).number_format == "@"  # 1-5 stays text, not a date
    assert build("en") != build("ru")


def test_good_import_previews_stages_and_publishes(eng):
    raw = workbook(("justice", JUSTICE), ("justice", OLD_YEAR), ("assistance", ASSISTANCE))
    result = importer.check(eng, raw, "office-2024", "en")
    assert result.problems == []
    assert [r["value"] for r in result.new["justice"]] == ["17", "9"]
    assert [r["value"] for r in result.new["assistance"]] == ["1234"]
    assert result.changed["justice"] == [] and result.removed["justice"] == []
    assert "justice-0047" in {other["id"] for _d, mine, other in result.disagreements if mine["value"] == "9"}
    assert not any(mine["value"] == "17" for _d, mine, _o in result.disagreements)
    assert staged_count(eng) == 0  # checking saves nothing
    importer.stage(eng, result, "ana")
    number = store.publish(eng, "office figures 2024", "ana", check=importer.release_problems)
    tables, info = store.release_tables(eng)
    assert number == info["number"] == 2
    _h, justice = store.read_csv(tables["justice"])
    new = [r for r in justice if r["source"] == "office-2024"]
    highest = max(int(r["id"].split("-")[1]) for r in justice if r["source"] != "office-2024")
    assert [(r["id"], r["value"], r["lines"]) for r in new] == [
        (f"justice-{highest + 1:04d}", "17", "2"), (f"justice-{highest + 2:04d}", "9", "3")]
    _h, sources = store.read_csv(tables["sources"])
    assert sources[-1]["source"] == "office-2024" and sources[-1]["publisher"] == "The office"
    # a correction: the same document again, one value changed, one row dropped
    corrected = {**JUSTICE, "id": new[0]["id"], "note": "revised"}
    again = importer.check(eng, workbook(("justice", corrected), ("assistance", ASSISTANCE)), "office-2024", "en")
    assert again.problems == []
    assert [(a["id"], b["note"]) for a, b in again.changed["justice"]] == [(new[0]["id"], "revised")]
    assert [r["id"] for r in again.removed["justice"]] == [new[1]["id"]]


BAD = {
    "formula": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "value"), value="=10+7"),
                "a formula", "Value (C)"),
    "merged": (lambda b: b["Criminal justice"].merge_cells("R3:S3"), "merged cells", None),
    "date as text": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "period_end"),
                                                          value="31.12.2024"), "date typed as text", f"({letter('period_end')})"),
    "spaces": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "value"), value="1 234"),
               "without spaces or commas", "Value (C)"),
    "comma": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "value"), value="12,5"),
              "without spaces or commas", "Value (C)"),
    "cyrillic": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "offence"), value="trаfficking"),
                 "Cyrillic letters that look like Latin ones: choose “trafficking”", f"Offence ({letter('offence')})"),
    "renamed column": (lambda b: b["Criminal justice"].cell(row=2, column=col("justice", "unit"), value="units"),
                       "missing or its code in row 2 was changed", "Unit"),
    "missing sheet": (lambda b: b.remove(b["Migration"]), "sheet is missing or was renamed", None),
    "duplicate": (lambda b: [b["Criminal justice"].cell(row=4, column=j, value=c.value)
                             for j, c in enumerate(b["Criminal justice"][3], start=1)], "same row as row 3", None),
    "lines outside": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "lines"), value="40"),
                      "outside the document (it has 6 lines)", "Lines"),
    "not printed": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "value"), value=18),
                    "18 is not printed in lines 2", "Value"),
    "not a term": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "measure"), value="crimes"),
                   "“crimes” is not one of the allowed values", "Measure (B)"),
    "missing value without note": (lambda b: setattr(b["Criminal justice"].cell(row=3, column=col("justice", "value")),
                                                      "value", None), "needs a note", "Value (C)"),
    "lines turned into a date": (lambda b: b["Criminal justice"].cell(row=3, column=col("justice", "lines"),
                                                                      value=datetime(2024, 1, 5)),
                                 "turned the line range into a date", "Lines"),
    "foreign row id": (lambda b: b["Criminal justice"].cell(row=3, column=1, value="justice-0001"),
                       "not a row of this document", "Row id"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_named_and_nothing_is_saved(eng, case):
    edit, words, column = BAD[case]
    result = importer.check(eng, workbook(("justice", JUSTICE), edit=edit), "office-2024", "en")
    assert not result.ok and result.payload is None
    text = "\n".join(map(str, result.problems))
    assert words in text, text
    first = next(p for p in result.problems if words in p.message)
    if case not in ("missing sheet",):
        assert first.sheet in ("Criminal justice",)
    if case not in ("missing sheet", "renamed column", "merged"):
        assert first.row in (3, 4)
    if column:
        assert column in (first.column or ""), first
    with pytest.raises(store.DeskError):
        importer.stage(eng, result, "ana")
    assert staged_count(eng) == 0


def test_not_a_workbook(eng):
    for raw in (b"", b"measure,value\nx,1\n", DOCUMENT.encode()):
        result = importer.check(eng, raw, "office-2024", "en")
        assert [str(p) for p in result.problems] == ["the file is not an Excel workbook (.xlsx)"]
    empty = Workbook()
    out = io.BytesIO()
    empty.save(out)
    result = importer.check(eng, out.getvalue(), "office-2024", "en")
    assert len(result.problems) == len(figure_datasets())  # every sheet missing


def test_dates_typed_as_dates_are_accepted(eng):
    row = {**JUSTICE, "year": None, "period_start": datetime(2024, 1, 1), "period_end": datetime(2024, 6, 30)}
    result = importer.check(eng, workbook(("justice", row)), "office-2024", "en")
    assert result.problems == []
    assert (result.new["justice"][0]["period_start"], result.new["justice"][0]["period_end"]) == (
        "2024-01-01", "2024-06-30")


def test_a_document_that_is_not_text_is_refused(eng):
    for raw, words in ((b"%PDF-1.7 ...", "PDF"), (b"PK\x03\x04\x00\x00", "not a text file"),
                       ("Отчёт".encode("cp1251"), "UTF-8"), (b"  \n", "empty")):
        doc_id, problems = register(eng, raw, title="x", publisher="y", year=2024, language="ru", who="ana",
                                    doc_id="other")
        assert doc_id is None and words in str(problems[0])
    doc_id, problems = register(eng, DOCUMENT.encode(), title="Again", publisher="y", year=2024, language="en",
                                who="ana", doc_id="again")
    assert doc_id is None and "already registered" in str(problems[0])
    assert [d["id"] for d in store.documents(eng) if d["id"] in ("other", "again", "office-2024")] == ["office-2024"]


def test_unknown_document(eng):
    result = importer.check(eng, workbook(("justice", JUSTICE)), "nope", "en")
    assert "register it first" in str(result.problems[0])


def test_interrupted_import_leaves_the_database_as_it_was(eng, monkeypatch):
    result = importer.check(eng, workbook(("justice", JUSTICE)), "office-2024", "en")
    assert result.ok

    def boom(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "audit", boom)  # fails after the staged row was inserted
    with pytest.raises(RuntimeError):
        importer.stage(eng, result, "ana")
    assert staged_count(eng) == 0


def test_command_line_import_bad_then_corrected_publish_rollback(eng, desk_url, tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(("justice", {**JUSTICE, "value": "1 7"}), ("justice", OLD_YEAR)))
    assert main(["import", str(bad), "--source", "office-2024", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "sheet “Criminal justice”, row 3, column “Value (C)”" in out and "nothing was saved" in out
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(("justice", JUSTICE), ("justice", OLD_YEAR)))
    assert main(["import", str(good), "--source", "office-2024", "--dry-run", "--lang", "en"]) == 0
    assert "Criminal justice: 2 new, 0 changed, 0 removed" in capsys.readouterr().out
    assert staged_count(eng) == 0
    assert main(["import", str(good), "--source", "office-2024", "--who", "ana", "--lang", "en"]) == 0
    assert main(["publish", "--note", "office 2024", "--who", "ana"]) == 0
    folder = current_data_dir()
    assert folder and "office-2024" in open(f"{folder}/justice.csv", encoding="utf-8").read()
    assert main(["rollback", "1", "--who", "bek"]) == 0
    assert "office-2024" not in open(f"{current_data_dir()}/justice.csv", encoding="utf-8").read()
    assert [(r["who"], r["action"]) for r in store.audit_log(eng)][-4:] == [
        ("ana", "register"), ("ana", "import"), ("ana", "publish"), ("bek", "rollback")]


def test_waiting_imports_never_share_a_row_id(eng):
    other, problems = register(eng, (DOCUMENT + "Second edition.\n").encode(), title="Annual statistics 2025",
                               publisher="The office", year=2025, language="English", who="ana", doc_id="office-2025")
    assert problems == []
    first = importer.check(eng, workbook(("justice", JUSTICE)), "office-2024", "en")
    importer.stage(eng, first, "ana")
    second = importer.check(eng, workbook(("justice", JUSTICE)), other, "en")
    assert second.ok
    a, b = first.new["justice"][0]["id"], second.new["justice"][0]["id"]
    assert int(b.split("-")[1]) == int(a.split("-")[1]) + 1
    importer.stage(eng, second, "ana")
    assert store.publish(eng, "two documents", "ana", check=importer.release_problems) == 2
    _h, rows = store.read_csv(store.release_tables(eng)[0]["justice"])
    assert {(r["id"], r["source"]) for r in rows if r["source"].startswith("office-")} == {
        (a, "office-2024"), (b, "office-2025")}


def test_the_public_app_shows_a_published_release(desk_url, tmp_path, monkeypatch):
    """Published rows reach the public pages through the release folder (the lead's hook:
    RAPPORTEUR_DATA_DIR, later data_dir()'s default, = current_data_dir()): the Sources page
    lists the new document with its figures; after a rollback it is gone again."""
    if not desk_url.startswith("sqlite"):
        pytest.skip("the public side reads a folder: once is enough")
    from tests.apptest import run_page

    eng = store.ensure(desk_url)
    register(eng, DOCUMENT.encode(), title="Annual statistics 2024", publisher="The office", year=2024,
             language="English", who="ana", doc_id="office-2024")
    importer.stage(eng, importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR)),
                                       "office-2024", "en"), "ana")
    store.publish(eng, "office 2024", "ana", check=importer.release_problems)
    from desk.release import sync_current

    sync_current(desk_url)
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", current_data_dir())
    at = run_page("sources", {"lang": "en"})
    assert not at.exception
    grids = [*at.dataframe, *at.table]  # short tables are drawn as plain tables
    docs = next(d.value for d in grids if "Annual statistics 2024" in d.value.to_string())
    row = docs[docs.apply(lambda r: "Annual statistics 2024" in r.to_string(), axis=1)]
    assert "The office" in row.to_string() and "2" in row.to_string()  # publisher, its two figures
    store.rollback(eng, 1, "bek")
    sync_current(desk_url)
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", current_data_dir())
    at = run_page("sources", {"lang": "en"})
    assert not any("Annual statistics 2024" in d.value.to_string() for d in [*at.dataframe, *at.table])


RU = {"measure": "Зарегистрированные преступления", "offence": "Торговля людьми", "breakdown": "Итоговое значение",
      "value": 17, "unit": "дел", "year": 2024, "reporter": "Национальный докладчик по противодействию торговле людьми",
      "lines": "2", "scope": "Общенациональный показатель"}


def test_labels_in_any_language_import_as_their_codes(eng):
    """A workbook filled from the Russian drop-downs imports to the same rows as one filled with
    codes; English labels, a drop-down entry "label (code)" and other spacing or case work too."""
    by_code = importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR), ("assistance", ASSISTANCE),
                                           lang="ru"), "office-2024", "ru")
    by_label = importer.check(eng, workbook(("justice", RU), ("justice", {**RU, "value": 9, "year": 2016, "lines": "3",
                                                                          "reporter": "national_rapporteur"}),
                                            ("assistance", {**ASSISTANCE, "measure": "Жертвы, получившие помощь",
                                                            "unit": "жертв", "reporter": "Национальный докладчик "
                                                            "по противодействию торговле людьми"}), lang="ru"),
                              "office-2024", "ru")
    assert by_code.problems == [] and by_label.problems == []
    assert by_label.payload == by_code.payload
    assert by_label.new["justice"][0]["measure"] == "registered_crimes"
    english = {**JUSTICE, "measure": "registered crimes", "offence": "  Trafficking in persons ",
               "unit": "Cases (cases)"}
    assert importer.check(eng, workbook(("justice", english)), "office-2024", "en").problems == []


def test_a_filled_in_template_imports_again(eng):
    """The template pre-filled with a document's rows (shown as labels) imports unchanged."""
    importer.stage(eng, importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR)), "office-2024",
                                       "en"), "ana")
    store.publish(eng, "office 2024", "ana", check=importer.release_problems)
    book = load_workbook(io.BytesIO(build("ru", store.release_tables(eng)[0], "office-2024")))
    ws = book["Уголовное правосудие"]
    assert ws.cell(row=3, column=col("justice", "measure")).value == "Зарегистрированные преступления"
    out = io.BytesIO()
    book.save(out)
    again = importer.check(eng, out.getvalue(), "office-2024", "ru")
    assert again.problems == []
    assert again.new["justice"] == [] and again.changed["justice"] == [] and again.removed["justice"] == []


@pytest.mark.parametrize("value,words", [
    ("Зарегистрированные преступлен", "«Зарегистрированные преступлен» не входит в число допустимых значений"),
    ("чел.", "«чел.» может означать несколько значений списка (“чел. (people)”; “чел. (persons)”)"),
])
def test_unknown_or_ambiguous_labels_are_named(eng, value, words):
    column = "measure" if "преступлен" in value else "unit"
    result = importer.check(eng, workbook(("justice", {**RU, column: value}), lang="ru"), "office-2024", "ru")
    assert not result.ok and result.payload is None
    problem = next(p for p in result.problems if words in p.message)
    assert (problem.sheet, problem.row) == ("Уголовное правосудие", 3)
    assert problem.column == f"{column_title('justice', column, 'ru')} ({get_column_letter(col('justice', column))})"
