"""`revise quiz` as a trainer runs it: formats, selection, determinism, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from quiz_support import REPO, Run
from quiz_support import run_cli as run_process

from revise.cli import main


@pytest.fixture(autouse=True)
def _capture(capsys):
    global _capsys
    _capsys = capsys


def run_cli(*args: str, cwd: Path = REPO) -> Run:
    """`revise ARGS` in this process (fast); the real-process runner is used where it matters."""
    _capsys.readouterr()
    try:
        code = main(["-C", str(cwd), *args])
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out = _capsys.readouterr()
    return Run(code, out.out, out.err)


def bank(*args: str, cwd: Path = REPO) -> dict:
    run = run_cli("quiz", "--format", "json", *args, cwd=cwd)
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_json_bank_shape_and_source() -> None:
    data = bank("--seed", "5", "--count", "12")
    assert len(data["questions"]) == 12
    for q in data["questions"]:
        assert set(q) >= {"id", "type", "prompt", "options", "answer", "source", "explanation"}
        assert set(q["source"]) >= {"document", "clause", "version", "hash"}
        assert q["explanation"].startswith("依据 ")
    assert data["meta"]["seed"] == 5
    assert {q["type"] for q in data["questions"]} == {"number", "truefalse", "wording", "classification", "ordering", "matching"}


def test_same_seed_same_quiz_different_seed_different_quiz() -> None:
    first = run_process("quiz", "--seed", "11", "--count", "10", cwd=REPO).out
    again = run_process("quiz", "--seed", "11", "--count", "10", cwd=REPO).out
    other = run_cli("quiz", "--seed", "12", "--count", "10", cwd=REPO).out
    assert first == again
    assert first != other
    ids_a = [q["id"] for q in json.loads(first)["questions"]]
    ids_b = [q["id"] for q in json.loads(other)["questions"]]
    assert ids_a != ids_b


def test_question_ids_stable_across_selections() -> None:
    whole = {q["id"]: q for q in bank("--seed", "3", "--count", "all")["questions"]}
    ticket = bank("--seed", "3", "--document", "STD-TICKET", "--type", "number")["questions"]
    assert ticket and all(q["id"] in whole and whole[q["id"]]["options"] == q["options"] for q in ticket)


def _units(source: dict) -> list[str]:
    """The units a bank's question names: `clause`, `clauses` or a document `part` (as `@part`)."""
    return [f"@{source['part']}"] if source.get("part") else source.get("clauses") or [source["clause"]]


def _concerns(doc: dict, units: list[str], role: str) -> bool:
    """The documents a role's quiz may draw on: they apply to the role, or a unit the question
    tests (an item found by its id, or a `@field`) is owned, led or held by the role."""
    if role in doc.get("applies_to", []):
        return True

    def items(node):  # every mapping in the document
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from items(value)
        elif isinstance(node, list):
            for value in node:
                yield from items(value)
    for unit in units:
        data = doc.get(unit[1:]) if unit.startswith("@") else next((i for i in items(doc) if i.get("id") == unit), None)
        entries = data if isinstance(data, list) else [data]
        if any(isinstance(e, dict) and role in (e.get("owner"), e.get("lead"), e.get("role")) for e in entries):
            return True
    return False


@pytest.mark.parametrize("role, title", [("cs-agent", "客服专员"), ("centre-gm", None)])
def test_role_selection_keeps_exactly_the_documents_that_apply_or_units_it_owns(role: str, title: str | None) -> None:
    import yaml
    docs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "policies").rglob("*.yaml")}
    every = bank("--seed", "1", "--count", "all")["questions"]
    chosen = bank("--role", title or role, "--seed", "1", "--count", "all")
    assert chosen["meta"]["selection"] == {"role": role}
    want = [q["id"] for q in every if _concerns(docs[q["source"]["document"]], _units(q["source"]), role)]
    assert sorted(q["id"] for q in chosen["questions"]) == sorted(want)
    owned_only = [q for q in chosen["questions"] if role not in docs[q["source"]["document"]].get("applies_to", [])]
    assert len(want) < len(every) and (owned_only or role == "cs-agent")  # both ways of concerning a role are seen


def test_document_and_kind_selection_and_skipped_types_are_reported() -> None:
    run = run_cli("quiz", "--document", "STD-TICKET", "--seed", "1", cwd=REPO)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert {q["source"]["document"] for q in data["questions"]} == {"STD-TICKET"}
    assert "已跳过题型「用语选择」" in run.err and "已跳过题型「排序」" in run.err
    assert {s["type"] for s in data["meta"]["skipped"]} >= {"wording", "ordering", "classification", "matching"}
    plans = bank("--kind", "emergency-plan", "--seed", "1", "--count", "15")
    assert {q["source"]["document"][:3] for q in plans["questions"]} == {"EP-"}


def test_gift_moodle_and_papers_are_written() -> None:
    gift = run_cli("quiz", "--seed", "2", "--count", "12", "--format", "gift", cwd=REPO)
    assert gift.code == 0 and "::q-" in gift.out and "$CATEGORY:" in gift.out
    xml = run_cli("quiz", "--seed", "2", "--count", "12", "--format", "moodle-xml", cwd=REPO)
    assert xml.code == 0 and xml.out.startswith("<?xml")
    paper = run_cli("quiz", "--seed", "2", "--count", "12", "--format", "md", cwd=REPO)
    key = run_cli("quiz", "--seed", "2", "--count", "12", "--format", "md", "--answers", cwd=REPO)
    title = next(line for line in paper.out.splitlines() if line.startswith("# "))
    assert "答案" not in title and "正确答案" not in paper.out and "解析" not in paper.out
    assert "\n# 培训测验 · 答案\n" in key.out and key.out.count("解析：") == 12
    html_key = run_cli("quiz", "--seed", "2", "--count", "12", "--format", "html", "--answers", cwd=REPO)
    assert html_key.out.startswith("<!DOCTYPE html>") and html_key.out.count("出处") == 12


def test_out_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "bank.json"
    run = run_cli("quiz", "--seed", "2", "--count", "5", "--out", str(out), cwd=REPO)
    assert run.code == 0 and run.out == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["questions"]) == 5


def test_unknown_role_document_kind_type() -> None:
    for args, words in ((["--role", "cs-agnet"], ["未知岗位「cs-agnet」", "cs-agent"]),
                        (["--document", "STD-TIKET"], ["未知文档「STD-TIKET」", "STD-TICKET"]),
                        (["--kind", "plan"], ["未知文档类型「plan」", "emergency-plan"]),
                        (["--type", "essay"], ["未知题型「essay」"])):
        run = run_cli("quiz", *args, cwd=REPO)
        assert run.code == 2, args
        assert all(w in run.err for w in words), run.err
        assert "Traceback" not in run.err and run.out == ""


def test_count_larger_than_available_and_bad_count() -> None:
    run = run_cli("quiz", "--document", "STD-TICKET", "--count", "500", cwd=REPO)
    assert run.code == 2 and "要求 500 道题" in run.err and "最多只能生成" in run.err
    for count in ("0", "many"):
        run = run_cli("quiz", "--count", count, cwd=REPO)
        assert run.code == 2 and f"题目数量必须是正整数：{count}" in run.err and run.out == "", run.err


def test_answers_only_for_papers() -> None:
    run = run_cli("quiz", "--answers", "--format", "gift", cwd=REPO)
    assert run.code == 2 and "--answers" in run.err


def test_english_messages_in_a_real_process() -> None:
    run = run_process("--lang", "en", "quiz", "--role", "nobody", cwd=REPO)
    assert run.code == 2 and "unknown role 'nobody'" in run.err


def test_failed_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "bank.json"
    run = run_cli("quiz", "--role", "nobody", "--out", str(out), cwd=REPO)
    assert run.code == 2 and not out.exists() and list(tmp_path.iterdir()) == []


def test_broken_policy_file_is_named_with_line_and_column(repo_copy: Path) -> None:
    file = repo_copy / "policies/standards/STD-TICKET.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "bad: [unclosed\n", encoding="utf-8")
    run = run_cli("quiz", cwd=repo_copy)
    assert run.code == 2 and "policies/standards/STD-TICKET.yaml:" in run.err and "revise check" in run.err
    assert "Traceback" not in run.err


def test_odd_documents_do_not_break_generation(repo_copy: Path) -> None:
    """Braces and markup in document text, and schema-invalid values, are quizzed safely or skipped."""
    plan = repo_copy / "policies/emergency/EP-SYSTEM-OUTAGE.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("text: 收到监控告警", "text: 「{agent_id}」</script> 收到监控告警", 1), encoding="utf-8")
    ticket = repo_copy / "policies/standards/STD-TICKET.yaml"
    ticket.write_text(ticket.read_text(encoding="utf-8").replace("value: 24", "value: '24'", 1), encoding="utf-8")
    for fmt in ("json", "gift", "moodle-xml", "md", "html"):
        run = run_cli("quiz", "--seed", "1", "--count", "120", "--format", fmt, cwd=repo_copy)
        assert run.code == 0, (fmt, run.err)
    data = bank("--seed", "1", "--count", "all", "--document", "EP-SYSTEM-OUTAGE", "STD-TICKET", cwd=repo_copy)
    prompts = " ".join(q["prompt"] for q in data["questions"])
    assert "「{agent_id}」</script> 收到监控告警" in prompts
    assert not any(q["source"].get("clause") == "normal-limit" and q["type"] == "number" for q in data["questions"])
