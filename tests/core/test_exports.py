"""The one export module: formula neutralisation, chosen columns, sensitive columns, no-store, read record."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core import exports
from core.exports import Column
from tests.utils import body

NAME = '=HYPERLINK("https://example.test","X")'
COLUMNS = [
    Column("name", "Nom", lambda item: item["name"]),
    Column("note", "Note", lambda item: item["note"]),
    Column("story", "Récit", lambda item: item["story"], sensitive=True),
]
ITEMS = [{"name": NAME, "note": "+33 6 00", "story": "RECIT"}, {"name": "\tTab", "note": "-1", "story": "@x"}]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_every_formula_start(value):
    assert exports.neutralise(value) == "'" + value


def test_neutralise_leaves_plain_values():
    assert (exports.neutralise("Anna"), exports.neutralise(12), exports.neutralise("")) == ("Anna", 12, "")


def test_columns_chosen_leaves_sensitive_out_unless_named():
    assert [c.key for c in exports.columns_chosen(COLUMNS)] == ["name", "note"]
    assert [c.key for c in exports.columns_chosen(COLUMNS, ["story", "name"])] == ["name", "story"]


def test_csv_export_is_streamed_neutralised_and_not_stored():
    response = exports.export_response(
        fmt="csv", columns=exports.columns_chosen(COLUMNS), items=ITEMS, filename="f", title="T"
    )
    assert response.streaming
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="f.csv"'
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Nom", "Note"], ["'" + NAME, "'+33 6 00"], ["'\tTab", "'-1"]]


def test_xlsx_export_is_neutralised_and_not_stored():
    response = exports.export_response(
        fmt="xlsx", columns=exports.columns_chosen(COLUMNS, ["name", "story"]), items=ITEMS, filename="f", title="T"
    )
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Nom", "Récit"],
        ["'" + NAME, "RECIT"],
        ["'\tTab", "'@x"],
    ]
    assert sheet["A2"].data_type == "s"  # text, not a formula


def test_sensitive_export_is_recorded_once_and_plain_export_is_not():
    calls = []

    def record(**kwargs):
        calls.append(kwargs)

    reader = object()
    exports.export_response(
        fmt="csv",
        columns=exports.columns_chosen(COLUMNS),
        items=ITEMS,
        filename="f",
        title="T",
        reader=reader,
        record=record,
    )
    assert calls == []
    exports.export_response(
        fmt="csv",
        columns=exports.columns_chosen(COLUMNS, ["story"]),
        items=ITEMS,
        filename="f",
        title="T",
        reader=reader,
        record=record,
    )
    assert calls == [{"reader": reader, "what": "f.csv", "keys": ["story"]}]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format: pdf"):
        exports.export_response(fmt="pdf", columns=COLUMNS, items=[], filename="f", title="T")


def test_a_name_typed_by_someone_cannot_change_the_download_header():
    """Attack: a cohort labelled `2026"; filename=evil.html` named the coordinator's download after itself."""
    response = exports.download(b"x", content_type="text/csv", filename='liste-2026"; filename=evil.html;é.csv')
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename")
    assert "; filename=evil.html" not in header and 'filename="liste-2026"' not in header
    assert "filename*=utf-8''" in header
