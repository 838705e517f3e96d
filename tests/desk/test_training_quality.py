"""Trainers and QA in the desk: a quiz previewed and downloaded in every format; a ticket export
(CSV, and .xlsx as offices keep them) checked with its charts, and a revision request raised from a
breached target in one click (source monitoring, the months' figures as evidence)."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook

from revise.corpus.yamlsafe import decode, parse
from tests.conftest import REPO
from tests.desk.conftest import Served
from tests.workflow.conftest import AUTHOR, git

SAMPLE = REPO / "examples" / "tickets-sample.csv"


def test_quiz_preview_and_downloads(desk: Served) -> None:
    trainer = desk.person("feng.xue@example.com")
    page = trainer.client.get("/training", params={"preview": "1", "role": "cs-agent", "count": "5", "seed": "7"})
    assert page.status_code == 200, page.text[:500]
    assert "5 道题（种子 7）" in page.text
    query = {"role": "cs-agent", "count": "5", "seed": "7"}
    gift = trainer.client.get("/training/download/gift", params=query)
    assert gift.status_code == 200 and "attachment" in gift.headers["content-disposition"] and "::" in gift.text
    moodle = trainer.client.get("/training/download/moodle", params=query)
    assert moodle.text.lstrip().startswith("<?xml") and "<quiz>" in moodle.text
    paper = trainer.client.get("/training/download/paper", params=query).text
    key = trainer.client.get("/training/download/key", params=query).text
    assert "<html" in paper.lower() and paper != key
    bank = trainer.client.get("/training/download/json", params=query).json()
    assert len(bank["questions"]) == 5 and all(q["source"]["document"] for q in bank["questions"])
    again = trainer.client.get("/training/download/json", params=query).json()
    assert again == bank  # the seed makes it the same quiz
    since = trainer.client.get("/training", params={"preview": "1", "since": "main", "seed": "1"})
    assert since.status_code == 400 and "main" in since.text


def upload(person, name: str, content: bytes):
    return person.client.post("/quality", data={"csrf": person.csrf}, files={"export": (name, content)},
                              headers={"X-CSRF-Token": person.csrf})


def xlsx_of(csv_bytes: bytes) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(csv_bytes.decode("utf-8"))):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_compliance_report_from_csv_and_xlsx_and_a_request_in_one_click(desk: Served) -> None:
    qa = desk.person("tang.xin@example.com")
    reports = []
    for name, content in (("tickets.csv", SAMPLE.read_bytes()), ("工单导出.xlsx", xlsx_of(SAMPLE.read_bytes()))):
        r = upload(qa, name, content)
        assert r.status_code == 303, r.text[:500]
        page = qa.client.get(r.headers["location"])
        assert page.status_code == 200 and "<svg" in page.text and name in page.text
        table = page.text.split("<table>", 1)[1].split("</table>", 1)[0]
        reports.append(re.sub(r'name="upload" value="[^"]+"', "", re.sub(r"\s+", " ", table)))
    assert reports[0].replace("工单导出.xlsx", "tickets.csv") == reports[1].replace("工单导出.xlsx", "tickets.csv")
    forms = re.findall(r'name="upload" value="([^"]+)"><input type="hidden" name="ref" value="([^"]+)"', page.text)
    assert forms, "a target missed two months in a row offers its request"
    token, ref = forms[0]
    before = git(desk.repo.remote, "for-each-ref", "refs/heads/revise/")
    r = qa.client.post("/quality/propose", data={"csrf": qa.csrf, "upload": token, "ref": ref})
    assert r.status_code == 303, r.text[:500]
    pid = r.headers["location"].rsplit("/", 1)[-1]
    data = parse(decode(git(desk.repo.remote, "show", f"revise/{pid}:proposals/{pid}.yaml").encode())).data
    assert data["source"] == "monitoring" and data["author"] == "tang.xin@example.com"
    assert any(ref in line for line in data["evidence"]) and data["targets"] == [ref.split("#")[0]]
    assert before != git(desk.repo.remote, "for-each-ref", "refs/heads/revise/")
    r = qa.client.post("/quality/propose", data={"csrf": qa.csrf, "upload": token, "ref": ref})
    assert r.headers["location"].endswith(pid)  # filed once: the second click finds it
    bad = upload(qa, "tickets.pdf", b"%PDF")
    assert bad.status_code == 400 and ".csv" in bad.text
    bad = upload(desk.person(AUTHOR), "x.xlsx", b"not a workbook")
    assert bad.status_code == 400 and "无法读取 Excel 文件 x.xlsx" in bad.text
