"""The completion exports, CSV (UTF-8 with a BOM, so Excel opens the Chinese right) and .xlsx
(openpyxl, write-only). They leave the desk only as downloads for a signed-in supervisor: names and
e-mails never go into the handbook. A cell that would start a spreadsheet formula (`= + - @`) is
written with a leading apostrophe, so a name cannot run as a formula in the supervisor's Excel."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from fastapi.responses import Response

from revise.errors import UsageError
from revise.messages import t

SHOWN = 100  # overdue rows shown on the page; the export has all of them
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
COLUMNS = ("name", "email", "roles", "document", "version", "due", "acknowledged_at", "score", "overdue")


def table(rows: list[dict[str, Any]], names: dict[str, str], roles: dict[str, str] | None = None) -> list[list[Any]]:
    """The header (in the current language) and one row per person and version (roles by title when given)."""
    roles = roles or {}
    out: list[list[Any]] = [[t(f"reading.col.{c}") for c in COLUMNS]]
    for r in rows:
        score = f"{r['score']}/{r.get('questions')}" if r.get("score") is not None else ""
        out.append([_safe(names.get(r["email"], "")), _safe(r["email"]), _safe("、".join(roles.get(x, x) for x in r.get("roles") or [])),
                    _safe(r["document"]), r["version"], r["due"], r.get("acknowledged_at") or "", score,
                    t("reading.yes") if r.get("overdue") else ""])
    return out


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_bytes(cells: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(cells: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("reading.sheet"))
    for row in cells:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def respond(fmt: str, stem: str, rows: list[dict[str, Any]], names: dict[str, str], roles: dict[str, str]) -> Response:
    if fmt not in FORMATS:
        raise UsageError(t("desk.unknown-download", name=fmt))
    cells = table(rows, names, roles)
    body = csv_bytes(cells) if fmt == "csv" else xlsx_bytes(cells)
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", stem)
    return Response(body, media_type=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})
