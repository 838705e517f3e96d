"""The completion exports: the same table in CSV (with a BOM for Excel) and .xlsx, and a cell that would
start a spreadsheet formula is written as text."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from revise.desk import exports

ROWS = [{"email": "evil@example.com", "roles": ["cs-agent"], "document": "STD-RESPONSE", "version": 2, "due": "2026-12-24",
         "acknowledged_at": None, "score": None, "overdue": True},
        {"email": "lin.xiao@example.com", "roles": ["cs-agent"], "document": "STD-RESPONSE", "version": 2, "due": "2026-12-24",
         "acknowledged_at": "2026-12-08T09:00:00+00:00", "score": 2, "questions": 3, "overdue": False}]
NAMES = {"evil@example.com": "=HYPERLINK(\"http://x\")", "lin.xiao@example.com": "林晓"}


def test_csv_and_xlsx_hold_the_same_rows_and_no_formula() -> None:
    cells = exports.table(ROWS, NAMES)
    assert cells[0] == ["姓名", "邮箱", "岗位", "文件", "版本", "截止日期", "确认时间", "测验得分", "逾期"]
    assert cells[1][0] == "'=HYPERLINK(\"http://x\")" and cells[1][-1] == "是"
    assert cells[2][:2] == ["林晓", "lin.xiao@example.com"] and cells[2][7] == "2/3"
    raw = exports.csv_bytes(cells)
    assert raw.startswith("\ufeff".encode("utf-8"))
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == [[str(c) for c in row] for row in cells]
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(cells))).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [[c if c != "" else None for c in row] for row in cells]
    assert sheet.cell(2, 1).data_type == "s"
