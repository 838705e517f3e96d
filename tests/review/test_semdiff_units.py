"""Small pieces of the semantic diff: prose runs, target directions, readable values."""

from __future__ import annotations

from revise.review.semdiff.model import LOOSER, STRICTER
from revise.review.semdiff.prose import segments, trimmed
from revise.review.semdiff.values import Vocabulary, duration_direction, target_direction
from revise.schema.schemaset import SchemaSet


def t(op: str, value: float, unit: str = "second") -> dict:
    return {"metric": "first_reply_seconds", "op": op, "value": value, "unit": unit}


def test_prose_is_compared_by_character_with_numbers_whole() -> None:
    runs = segments("坐席须在 30 秒内主动问候客户。", "坐席须在 120 秒内主动问候每位客户。")
    assert ("-", "30") in runs and ("+", "120") in runs and ("+", "每位") in runs
    assert "".join(x for op, x in runs if op != "+") == "坐席须在 30 秒内主动问候客户。"
    assert "".join(x for op, x in runs if op != "-") == "坐席须在 120 秒内主动问候每位客户。"


def test_long_unchanged_prose_is_trimmed_around_changes() -> None:
    old = "甲" * 100 + "乙" + "丙" * 100
    new = "甲" * 100 + "丁" + "丙" * 100
    runs = trimmed(segments(old, new), context=5)
    assert runs == [("=", "…甲甲甲甲甲"), ("-", "乙"), ("+", "丁"), ("=", "丙丙丙丙丙…")]


def test_target_directions() -> None:
    assert target_direction(t("<=", 30), t("<=", 20)) == STRICTER
    assert target_direction(t("<=", 30), t("<=", 1, "minute")) == LOOSER
    assert target_direction(t(">=", 90, "point"), t(">=", 95, "point")) == STRICTER
    assert target_direction(t(">=", 90, "point"), t(">", 90, "point")) == STRICTER
    assert target_direction(t("<", 30), t("<=", 30)) == LOOSER
    assert target_direction(t("<=", 30), t(">=", 30)) is None, "an upper bound turned lower bound is not comparable"
    assert target_direction(t("<=", 90, "percent"), t("<=", 80, "point")) is None, "different units"
    assert target_direction(t("<=", 30), t("<=", 30)) is None
    assert duration_direction({"value": 2, "unit": "hour"}, {"value": 90, "unit": "minute"}) == STRICTER
    assert duration_direction({"value": 1, "unit": "week"}, {"value": 1, "unit": "month"}) == LOOSER


def test_values_read_as_people_say_them() -> None:
    vocab = Vocabulary(SchemaSet(), {"cs-agent": "客服专员"})
    assert vocab.target(t("<=", 30) | {"channel": "online"}) == "人工首次响应时长（在线文字）不超过 30 秒"
    assert vocab.target({"metric": "resolution_hours", "op": "<=", "value": 2, "unit": "hour", "scope": {"urgency": "urgent"}}) \
        == "工单处理时长（紧急）不超过 2 小时"
    assert vocab.text("standard", ("applies_to",), ["cs-agent", "qa-x"]) == "客服专员（cs-agent）、qa-x"
    assert vocab.text("emergency-plan", ("phases", 3, "stage"), "recovery") == "恢复"
    assert vocab.text("procedure", ("steps", 0, "time_limit"), {"value": 2, "unit": "working-day"}) == "2 个工作日"
    assert vocab.label("standard", ("clauses", 4, "text")) == "条文"
    assert vocab.label("emergency-plan", ("phases", 1, "actions", 0)) == "行动"
