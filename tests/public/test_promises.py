"""The seeds' customer commitments are public promises of the shipped corpus, each resting on its
internal target; `commitment-stricter` catches a promise that asks more than the standard."""

from __future__ import annotations

from pathlib import Path

from revise.check.engine import check
from revise.corpus.documents import load
from revise.public.changes import BETTER, WORDING, WORSE, between
from revise.public.promises import SAME, STRICTER, against, figure_text, of_documents
from revise.schema.schemaset import SchemaSet
from tests.conftest import REPO, replace_in, run_cli

PROMISES = of_documents(d.data for d in load(REPO).documents)


def test_the_seeds_commitments_are_public_with_their_figures() -> None:
    shown = {p.ref: (p.topic, figure_text(SchemaSet(), p.value, p.unit, p.low) if p.has_figure else None) for p in PROMISES}
    assert shown == {
        "STD-RESPONSE#text-auto-greeting": ("response", "10 秒"),
        "STD-RESPONSE#text-first-reply": ("response", "30 秒"),
        "STD-RESPONSE#voice-answer": ("response", "15 秒"),
        "STD-RESPONSE#social-first-reply": ("response", "20 秒"),   # RP-2026-0001 (2026-04-01)
        "STD-TICKET#normal-limit": ("tickets", "24 小时"),
        "STD-TICKET#urgent-limit": ("tickets", "2 小时"),
        "STD-TICKET#refund-limit": ("refunds", "3–5 个工作日"),
        "STD-FOLLOWUP#low-score-followup": ("complaints", "2 小时"),
        "STD-FOLLOWUP#complaint-revisit": ("complaints", None),
        "STD-SECURITY#identity-check": ("privacy", None),
        "STD-SECURITY#no-plain-channel": ("privacy", None),
        "STD-SECURITY#lawful-use": ("privacy", None),
    }


def test_every_figure_rests_on_its_clause_target_and_is_no_stricter() -> None:
    for promise in (p for p in PROMISES if p.has_figure):
        assert promise.target is not None, promise.ref
        assert against(promise.value, promise.unit, promise.target) == SAME, promise.ref


def test_customer_wording_names_no_role_document_or_placeholder() -> None:
    roles = set(load(REPO).roles())
    for promise in PROMISES:
        words = promise.title + promise.text
        assert not any(role in words for role in roles), promise.ref
        assert "STD-" not in words and "{" not in words and "坐席" not in words, promise.ref


def test_a_promise_stricter_than_its_target_fails_the_check_at_the_promised_value(repo_copy: Path) -> None:
    file = repo_copy / "policies/standards/STD-TICKET.yaml"
    replace_in(file, "      promise:\n        value: 24\n", "      promise:\n        value: 12\n")
    run = run_cli("check", cwd=repo_copy)
    assert run.code == 1
    assert "[commitment-stricter] 对客承诺「12 小时」严于它所依据的内部目标「工单处理时长（普通）不超过 24 小时」" in run.out
    line = next(i for i, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if text == "        value: 12")
    assert f"STD-TICKET.yaml:{line}:16:" in run.out and "(clauses[0].public.promise.value)" in run.out
    assert "发现 1 个错误" in run.out  # that one problem, nothing else


def test_loosening_a_standard_under_a_public_promise_is_caught_at_the_promise(repo_copy: Path) -> None:
    """The internal target goes from 15 s to 20 s while customers are still promised 15 s."""
    file = repo_copy / "policies/standards/STD-RESPONSE.yaml"
    replace_in(file, "        channel: phone\n        op: <=\n        value: 15\n", "        channel: phone\n        op: <=\n        value: 20\n")
    problems = [p for p in check(repo_copy).problems if p.rule.startswith("commitment")]
    assert [(p.rule, p.field) for p in problems] == [("commitment-stricter", "clauses[2].public.promise.value")]
    assert "语音接通时长（电话）不超过 20 秒" in problems[0].message and problems[0].hint


def test_a_promise_in_another_unit_is_compared_in_the_targets_unit() -> None:
    target = {"metric": "first_reply_seconds", "op": "<=", "value": 14400, "unit": "second"}
    assert against(4, "hour", target) == SAME
    assert against(3, "hour", target) == STRICTER
    assert against(5, "working-day", target) is None  # working days and clock time are not comparable


def _standard(value: float | None, text: str = "我们会在 30 秒内回复您。") -> dict:
    public = {"topic": "response", "title": "回复", "text": text}
    if value is not None:
        public["promise"] = {"value": value, "unit": "second"}
    return {"id": "STD-X", "kind": "standard", "clauses": [
        {"id": "c", "targets": [{"metric": "first_reply_seconds", "op": "<=", "value": 30, "unit": "second"}], "public": public}]}


def test_the_effect_of_a_change_for_customers() -> None:
    def effect(old: dict | None, new: dict | None) -> str:
        changes = between([old] if old else [], [new] if new else [])
        assert len(changes) == 1
        return changes[0].effect
    assert effect(_standard(30), _standard(20)) == BETTER      # a shorter time asks more of us
    assert effect(_standard(20), _standard(30)) == WORSE
    assert effect(None, _standard(30)) == BETTER               # a new promise
    assert effect(_standard(30), None) == WORSE                # a promise withdrawn
    assert effect(_standard(30), _standard(None)) == WORSE     # the figure dropped
    assert effect(_standard(30), _standard(30, "您的咨询 30 秒内有人回复。")) == WORDING
    assert between([_standard(30)], [_standard(30)]) == []
