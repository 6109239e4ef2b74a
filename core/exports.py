"""The one export module: every CSV and XLSX file the platform produces is written here.

- The caller lists its columns (`Column`), and the person picks which ones go in the file; a column marked
  `sensitive` (health, lived experience, narratives) is left out unless it was explicitly chosen.
- A cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is
  neutralised with a leading apostrophe, in CSV and in XLSX alike.
- The response is never kept by a shared cache (`Cache-Control: private, no-store`).
- CSV is streamed row by row; XLSX is written by openpyxl in write-only mode.
- An export that carries a sensitive column is recorded as a read through `sensitive_export_record`: one
  function, so that the access log can take it over in one place.
"""

import csv
import io
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so that spreadsheet software reads the accents right
DELIMITER = ";"  # what French spreadsheet software opens by default
PROGRESS_ROWS = 200  # rows between two progress reports of a workbook built in the background

logger = logging.getLogger("access.exports")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    get: Callable[[Any], Any]
    sensitive: bool = False


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def columns_chosen(columns: Sequence[Column], keys: Iterable[str] | None = None) -> list[Column]:
    """The columns to export, in the table's order: those named in `keys`; when none is named, every column
    that is not sensitive. A sensitive column is therefore only ever exported when someone chose it."""
    keys = [key for key in (keys or []) if key]
    if not keys:
        return [column for column in columns if not column.sensitive]
    wanted = set(keys)
    return [column for column in columns if column.key in wanted]


def header(columns: Sequence[Column]) -> list[str]:
    return [str(column.label) for column in columns]


def cells(columns: Sequence[Column], item) -> list:
    return [neutralise(column.get(item)) for column in columns]


class _Echo:
    """A file-like object that hands back what `csv.writer` writes, so rows can be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: Sequence[Column], items: Iterable) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=DELIMITER)
    yield BOM + writer.writerow(header(columns))
    for item in items:
        yield writer.writerow(cells(columns, item))


def csv_text(columns: Sequence[Column], items: Iterable) -> str:
    """The whole CSV as text (for a file inside an archive); the same cells as the streamed download."""
    return "".join(csv_lines(columns, items))


def xlsx_write(
    columns: Sequence[Column],
    items: Iterable,
    out: IO[bytes],
    *,
    title: str,
    progress: Callable[[int, int], None] | None = None,
    total: int = 0,
) -> None:
    """The workbook of `items`, written into `out` (a binary file) by openpyxl in write-only mode: rows go to a
    temporary file as they come, so memory does not grow with the list. `progress(done, total)` is called every
    `PROGRESS_ROWS` rows when given."""
    from openpyxl import Workbook  # lazy: openpyxl is loaded only when a workbook is built
    from openpyxl.cell import WriteOnlyCell  # lazy: as above
    from openpyxl.styles import Font  # lazy: as above

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    for index, label in enumerate(header(columns)):
        sheet.column_dimensions[_letter(index)].width = min(max(len(label) + 2, 12), 50)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for label in header(columns):
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for done, item in enumerate(items, start=1):
        sheet.append(cells(columns, item))
        if progress is not None and done % PROGRESS_ROWS == 0:
            progress(done, max(total, done))
    workbook.save(out)


def xlsx_bytes(columns: Sequence[Column], items: Iterable, *, title: str) -> bytes:
    buffer = io.BytesIO()
    xlsx_write(columns, items, buffer, title=title)
    return buffer.getvalue()


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # lazy: as above

    return get_column_letter(index + 1)


def no_store(response):
    """An export holds personal data: no shared cache may keep it."""
    response["Cache-Control"] = "private, no-store"
    return response


def attachment(filename: str) -> str:
    """The Content-Disposition of a download: a name typed by someone (a cohort's label, a programme's title)
    is quoted, and given in its UTF-8 form, so that a quote or a semicolon in it cannot change the header."""
    return content_disposition_header(as_attachment=True, filename=filename)


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A file already rendered (a PDF, an iCal feed...) as an attachment that no shared cache keeps."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return no_store(response)


def sensitive_export_record(*, reader, what: str, columns: Sequence[Column], record: Callable | None = None) -> None:
    """Write down that `reader` exported sensitive columns. The one place the access log hooks in: `record`
    (the caller's own read log, if it has one) receives the reader, what was exported and the keys."""
    keys = [column.key for column in columns if column.sensitive]
    if not keys:
        return
    logger.info("export with sensitive columns", extra={"reader": getattr(reader, "pk", None), "what": what})
    if record is not None:
        record(reader=reader, what=what, keys=keys)


def export_response(
    *,
    fmt: str,
    columns: Sequence[Column],
    items: Iterable,
    filename: str,
    title: str,
    reader=None,
    record: Callable | None = None,
):
    """The download of `items` as CSV (streamed) or XLSX, with the columns already chosen by the caller
    (`columns_chosen`). `filename` has no extension. Raises ValueError on an unknown format."""
    if fmt not in (CSV, XLSX):
        raise ValueError(f"unknown export format: {fmt}")
    if reader is not None:
        sensitive_export_record(reader=reader, what=f"{filename}.{fmt}", columns=columns, record=record)
    if fmt == CSV:
        response = StreamingHttpResponse(csv_lines(columns, items), content_type=CONTENT_TYPES[CSV])
    else:
        response = HttpResponse(xlsx_bytes(columns, items, title=title), content_type=CONTENT_TYPES[XLSX])
    response["Content-Disposition"] = attachment(f"{filename}.{fmt}")
    return no_store(response)
