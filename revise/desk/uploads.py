"""Ticket exports uploaded to the desk: kept in the data folder under a random name, an .xlsx
workbook (as Chinese offices keep them) turned into CSV first — its first sheet, cells as shown."""

from __future__ import annotations

import csv
import re
import secrets
from datetime import date, datetime, time
from pathlib import Path

from revise.errors import InputError, UsageError
from revise.messages import t

MAX_BYTES = 200 * 1024 * 1024
KEEP_DAYS = 7  # uploads older than this are removed when the next one arrives
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def folder(data: Path) -> Path:
    path = data / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(data: Path, name: str, content: bytes) -> str:
    """Keep an uploaded export; returns its token. CSV as given, .xlsx converted to CSV."""
    if not content:
        raise UsageError(t("desk.upload-empty"))
    if len(content) > MAX_BYTES:
        raise UsageError(t("desk.upload-too-big", mb=MAX_BYTES // (1024 * 1024)))
    _prune(folder(data))
    token = secrets.token_urlsafe(18)
    target = folder(data) / f"{token}.csv"
    if name.lower().endswith((".xlsx", ".xlsm")):
        target.write_text(xlsx_to_csv(content, name), encoding="utf-8")
    elif name.lower().endswith((".csv", ".txt")):
        target.write_bytes(content)
    else:
        raise UsageError(t("desk.upload-kind", name=name))
    (folder(data) / f"{token}.name").write_text(Path(name).name, encoding="utf-8")
    return token


def _prune(where: Path) -> None:
    import time
    limit = time.time() - KEEP_DAYS * 86400
    for old in where.iterdir():
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            continue


def path_of(data: Path, token: str) -> tuple[Path, str]:
    """(the CSV, the name it was uploaded as) of an upload; `UsageError` for an unknown token."""
    if not TOKEN.match(token) or not (folder(data) / f"{token}.csv").is_file():
        raise UsageError(t("desk.upload-unknown"))
    name_file = folder(data) / f"{token}.name"
    return folder(data) / f"{token}.csv", name_file.read_text(encoding="utf-8") if name_file.is_file() else token


def xlsx_to_csv(content: bytes, name: str) -> str:
    """The first sheet of a workbook as CSV text (dates as ISO 8601)."""
    import io

    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a file that is no workbook
        raise InputError(t("desk.xlsx-unreadable", name=name, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None
    out = io.StringIO()
    writer = csv.writer(out)
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            if row is None or all(cell is None for cell in row):
                continue
            writer.writerow([_cell(cell) for cell in row])
    finally:
        book.close()
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
