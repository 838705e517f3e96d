"""Which version a quiz tests: the one in force (as the handbook shows it), `--as-of DATE`, or
`--coming` for training ahead. A real git repository where a future-dated version is published."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from quiz_support import run_cli

DOC = "policies/standards/STD-FOLLOWUP.yaml"
COMING = date.today() + timedelta(days=30)  # published, not yet in force whenever the test runs
LATER = (COMING + timedelta(days=1)).isoformat()
V1 = "STD-FOLLOWUP 第 1 版（2026-01-01 起施行）"
V2 = f"STD-FOLLOWUP 第 2 版（{COMING.isoformat()} 起施行）"
NEW_DOC = """\
# yaml-language-server: $schema=../../revise/schema/json/standard.schema.json
id: STD-RECORDING
kind: standard
title: 回访录音
version: 1
effective_from: {date}
owner: qa-manager
applies_to: [cs-agent]
clauses:
  - id: keep-recordings
    title: 录音保存 90 天
    text: 回访录音须保存 90 天。
    targets:
      - metric: followup_hours_after_low_score
        op: <=
        value: 90
        unit: hour
"""


def git(repo: Path, *args: str) -> str:
    config = ["-c", "user.name=培训专员", "-c", "user.email=trainer@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *config, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped policies committed; then STD-FOLLOWUP version 2 (1-hour follow-up) and a new
    document published with an effective date 30 days ahead."""
    from tests.handbook.conftest import copy_repo

    repo = copy_repo(tmp_path_factory.mktemp("edition") / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "现行政策")
    doc = repo / DOC
    replace(doc, "version: 1", "version: 2")
    replace(doc, "effective_from: 2026-01-01", f"effective_from: {COMING.isoformat()}")
    replace(doc, "        value: 2\n", "        value: 1\n")
    replace(doc, "低分评价 2 小时内回访", "低分评价 1 小时内回访")
    (repo / "policies/standards/STD-RECORDING.yaml").write_text(NEW_DOC.format(date=COMING.isoformat()), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "发布 RP-2026-0007：低分回访缩短至 1 小时")
    return repo


def bank(repo: Path, *args: str) -> tuple[dict, str]:
    run = run_cli("quiz", "--document", "STD-FOLLOWUP", "--count", "all", "--seed", "1", *args, cwd=repo)
    assert run.code == 0, run.err
    return json.loads(run.out), run.err


def number_answers(data: dict) -> set[str]:
    return {q["answer"] for q in data["questions"] if q["type"] == "number" and q["source"]["clause"] == "low-score-followup"}


def test_by_default_the_quiz_asks_about_the_version_in_force(repo: Path) -> None:
    data, err = bank(repo)
    assert {q["source"]["version"] for q in data["questions"]} == {1}
    assert {q["source"]["effective_from"] for q in data["questions"]} == {"2026-01-01"}
    assert number_answers(data) == {"2 小时"}
    assert data["meta"]["edition"] == {"in_force_on": date.today().isoformat()}
    assert V2 in err and "--coming" in err, "the trainer hears that a new version is coming"


def test_as_of_a_later_day_and_coming_ask_about_the_new_version(repo: Path) -> None:
    later, _ = bank(repo, "--as-of", LATER)
    assert {q["source"]["version"] for q in later["questions"]} == {2} and number_answers(later) == {"1 小时"}
    assert later["meta"]["edition"] == {"in_force_on": LATER}
    ahead, err = bank(repo, "--coming")
    assert {q["source"]["version"] for q in ahead["questions"]} == {2} and number_answers(ahead) == {"1 小时"}
    assert {q["source"]["effective_from"] for q in ahead["questions"]} == {COMING.isoformat()}
    assert ahead["meta"]["edition"] == {"coming": True, "today": date.today().isoformat()}
    assert V2 in err and "尚未生效" in err


def test_a_document_not_yet_in_force_is_only_quizzed_with_coming(repo: Path) -> None:
    run = run_cli("quiz", "--document", "STD-RECORDING", cwd=repo)
    assert run.code == 2 and "STD-RECORDING" in run.err and COMING.isoformat() in run.err and "--coming" in run.err
    ahead = run_cli("quiz", "--document", "STD-RECORDING", "--coming", "--seed", "1", cwd=repo)
    assert ahead.code == 0, ahead.err
    assert {q["source"]["document"] for q in json.loads(ahead.out)["questions"]} == {"STD-RECORDING"}
    everything = run_cli("quiz", "--count", "all", "--seed", "1", cwd=repo)
    assert "STD-RECORDING" not in {q["source"]["document"] for q in json.loads(everything.out)["questions"]}


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "md", "md --answers", "html", "html --answers"])
@pytest.mark.parametrize("coming", [False, True], ids=["in-force", "coming"])
def test_every_export_says_which_version_each_question_tests(repo: Path, fmt: str, coming: bool) -> None:
    extra = ["--coming"] if coming else []
    count = len(bank(repo, *extra)[0]["questions"])
    run = run_cli("quiz", "--document", "STD-FOLLOWUP", "--count", "all", "--seed", "1", "--format", *fmt.split(), *extra, cwd=repo)
    assert run.code == 0, run.err
    text = run.out
    want, other = (V2, V1) if coming else (V1, V2)
    if fmt == "moodle-xml":
        names = [q.findtext("name/text") for q in ET.fromstring(text.split("\n", 1)[1]).iter("question")
                 if q.get("type") != "category"]
        assert len(names) == count and all(_doc_label(name) == want for name in names), names[:3]
    else:
        found = [_doc_label(m) for m in re.findall(r"STD-FOLLOWUP[^ ]* 第 \d 版（[0-9-]+ 起施行）", text.replace("\\", ""))]
        assert found.count(want) >= count and other not in found, (found[:3], count)
    heading = "尚未生效" if coming else f"按 {date.today().isoformat()} 的现行版本出题"
    assert heading in text, "the export says which edition it was drawn from"


def _doc_label(text: str) -> str:
    """`STD-FOLLOWUP#clause 第 2 版（…）` → `STD-FOLLOWUP 第 2 版（…）`."""
    match = re.search(r"(STD-FOLLOWUP)[^ ]* (第 \d 版（[0-9-]+ 起施行）)", text)
    return f"{match[1]} {match[2]}" if match else text


def test_quiz_check_compares_with_the_same_edition(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "bank.json"
    assert run_cli("quiz", "--document", "STD-FOLLOWUP", "--seed", "1", "--out", str(out), cwd=repo).code == 0
    assert run_cli("quiz", "check", str(out), cwd=repo).code == 0
    ahead = run_cli("quiz", "check", str(out), "--coming", cwd=repo)
    assert ahead.code == 1 and "文档版本 1 → 2" in ahead.out


def test_since_compares_the_chosen_versions(repo: Path) -> None:
    run = run_cli("quiz", "--since", "HEAD~1", cwd=repo)
    assert run.code == 2 and "没有条款变化" in run.err, "nothing in force changed since the publish"
    ahead = run_cli("quiz", "--since", "HEAD~1", "--coming", "--seed", "1", cwd=repo)
    assert ahead.code == 0, ahead.err
    assert {q["source"]["document"] for q in json.loads(ahead.out)["questions"]} <= {"STD-FOLLOWUP", "STD-RECORDING"}


def test_as_of_and_coming_are_checked(repo: Path) -> None:
    bad = run_cli("quiz", "--as-of", "2026-02-30", cwd=repo)
    assert bad.code == 2 and "2026-02-30" in bad.err and "Traceback" not in bad.err
    both = run_cli("quiz", "--as-of", LATER, "--coming", cwd=repo)
    assert both.code == 2 and "--coming" in both.err
