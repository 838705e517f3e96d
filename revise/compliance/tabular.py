"""Reading files as Chinese offices produce them: text in UTF-8 (with or without a BOM), GB18030
(and so GBK and GB2312, its subsets: what Chinese Excel and most domestic systems write by
default) or UTF-16 with a BOM, and Excel workbooks (.xlsx, the first sheet).

The encoding is decided, not guessed: a BOM names it; otherwise text that decodes as strict
UTF-8 is UTF-8; otherwise text that decodes as strict GB18030 is GB18030; anything else is
refused with the byte offset where it stopped making sense. (A statistical detector such as
charset-normalizer may call a short Chinese text Big5 or Shift-JIS; the offices we serve use
these three.) Workbooks are read with python-calamine (a Rust reader: a 100,000-row sheet in
about a second, where openpyxl takes tens), dates as dates.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from revise.errors import InputError
from revise.messages import t

SAMPLE = 1 << 20  # bytes looked at to decide the encoding of a large file
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030", "utf-16": "UTF-16", "xlsx": "Excel (.xlsx)"}


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def encoding_of(raw: bytes, path: Path, *, complete: bool = True) -> str:
    """The encoding of `raw` (the whole file, or its first bytes when not `complete`)."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return name
    failure = None
    for name in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(name)("strict").decode(raw, final=complete)
            return name
        except UnicodeDecodeError as exc:
            failure = failure or exc
    assert failure is not None
    raise InputError(t("tab.bad-encoding", path=path, offset=failure.start), t("tab.bad-encoding.hint"))


def read_text(path: Path) -> tuple[str, str]:
    """The whole text of a small file and the encoding it was read in."""
    raw = _read_bytes(path)
    name = encoding_of(raw, path)
    return raw.decode(name), name


def read_rows(path: Path) -> tuple[list[list[str]], str]:
    """Every row of a CSV (any encoding above) or of a workbook's first sheet, as text; and the encoding."""
    if is_workbook(path):
        return workbook_rows(path), "xlsx"
    text, name = read_text(path)
    try:
        return list(csv.reader(io.StringIO(text, newline=""))), name
    except csv.Error as exc:
        raise InputError(t("tab.unreadable", path=path, reason=exc)) from None


def workbook_rows(path: Path) -> list[list[str]]:
    """The first sheet of a workbook, every cell as the text a CSV export would hold."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        return [[cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise InputError(t("tab.bad-workbook", path=path, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__),
                         t("tab.bad-workbook.hint")) from None


def cell_text(value: object) -> str:
    """A workbook cell as text: dates and times in ISO form, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(" ", "seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Prepared:
    """A file as a UTF-8 CSV a reader such as DuckDB can take, and what it was made from."""

    csv: Path
    encoding: str
    temporary: bool = False

    def discard(self) -> None:
        if self.temporary:
            self.csv.unlink(missing_ok=True)


def as_utf8_csv(path: Path) -> Prepared:
    """`path` itself when it is a UTF-8 CSV (with or without BOM); otherwise a temporary UTF-8
    copy (GB18030 and UTF-16 transcoded as a stream, a workbook's first sheet written out)."""
    if is_workbook(path):
        rows = workbook_rows(path)
        return _temporary(path, "xlsx", lambda out: csv.writer(out, lineterminator="\n").writerows(rows))
    with _open(path) as handle:
        head = handle.read(SAMPLE)
    name = encoding_of(head, path, complete=len(head) < SAMPLE)
    if name in ("utf-8", "utf-8-sig"):
        return Prepared(path, name)

    def copy(out: io.TextIOBase) -> None:
        with path.open("r", encoding=name, newline="") as source:
            while chunk := source.read(SAMPLE):
                out.write(chunk)

    try:
        return _temporary(path, name, copy)
    except UnicodeDecodeError:
        raise InputError(t("tab.mixed-encoding", path=path, encoding=label(name)), t("tab.bad-encoding.hint")) from None


def _temporary(path: Path, name: str, write: object) -> Prepared:
    fd, temp = tempfile.mkstemp(prefix="revise-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)  # type: ignore[operator]
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Prepared(Path(temp), name, temporary=True)


def _open(path: Path):  # noqa: ANN202 - a binary file object
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(t("tab.no-file", path=path)) from None
    except OSError as exc:
        raise InputError(t("tab.unreadable", path=path, reason=exc.strerror or exc)) from None


def _read_bytes(path: Path) -> bytes:
    with _open(path) as handle:
        return handle.read()


def label(encoding: str) -> str:
    """The encoding as people call it (UTF-8, GB18030, Excel)."""
    return LABELS.get(encoding, encoding)
