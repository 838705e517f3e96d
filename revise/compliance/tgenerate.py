"""A seeded generator of chat transcripts with planted findings, for the shipped sample, tests and
the benchmark.

Every contact follows the online opening and closing scripts: the agent greets with the 工号
within the first-reply limit, the customer asks, they talk for `turns` turns, the agent says
goodbye. Every `every`-th contact gets one planted defect, in turn one of `PLANTS`; `planted`
returns the findings that must be found — no more: the clean sentences hold no phrase to avoid,
no long number and no second request for what the customer gave.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Iterator

PLANTS = ("avoid-phrase", "no-agent-number", "late-greeting", "no-closing", "card-number", "id-number", "repeat-question")
CARD = "6222 0212 3456 7894"  # passes the Luhn check
ID_NUMBER = "11010519491231002X"  # a valid check character and birth date
AGENT_LINES = (
    "好的，我为您查询一下相关信息，请您稍等。",
    "您是说包裹到现在还没有收到，想了解一下配送进度，对吗？",
    "感谢您的耐心等待，已经为您查到了物流信息。",
    "包裹目前在转运中心，预计明天下午送达。",
    "这个问题我帮您确认一下，稍后给您准确的答复。",
    "请问还有其他需要我帮忙的吗？",
)
CUSTOMER_LINES = ("我前几天买的东西还没收到。", "好的，谢谢。", "大概什么时候能到？", "那我再等等。", "明白了。")
AVOID = ("不知道", "没办法", "你等着吧", "这不归我管", "不可能")
TEAMS = ("一组", "二组", "三组", "四组")


@dataclass(frozen=True)
class Spec:
    contacts: int
    seed: int = 1
    start: str = "2026-01-05"
    days: int = 80
    turns: int = 8  # turns between the opening and the goodbye
    every: int = 5  # one contact in `every` has a planted defect
    agents: int = 20


@dataclass(frozen=True)
class Planted:
    contact_id: str
    turn: int | None
    kind: str
    clause: str


def contacts(spec: Spec) -> Iterator[tuple[dict, Planted | None]]:
    """Each contact as the JSON object of a line, with the finding planted in it (if any)."""
    rng = random.Random(spec.seed)
    start = datetime.fromisoformat(spec.start + " 08:00:00")
    for n in range(spec.contacts):
        agent = f"{1001 + n % spec.agents}"
        began = start + timedelta(days=n * spec.days // max(spec.contacts, 1), minutes=rng.randrange(0, 600))
        plant = PLANTS[(n // spec.every) % len(PLANTS)] if n % spec.every == spec.every - 1 else None
        yield _contact(rng, spec, f"K{n + 1:07d}", agent, TEAMS[n % spec.agents % len(TEAMS)], began, plant)


def _contact(rng: random.Random, spec: Spec, cid: str, agent: str, team: str, began: datetime,
             plant: str | None) -> tuple[dict, Planted | None]:
    clock = [began]

    def turn(speaker: str, text: str, wait: float) -> dict:
        clock[0] += timedelta(seconds=wait)
        return {"speaker": speaker, "at": clock[0].isoformat(" ", "seconds"), "text": text}

    greeting = f"您好，我是悦选商城客服代表小悦（工号：{agent}），很高兴为您服务！请问有什么可以帮您？"
    if plant == "no-agent-number":
        greeting = "您好，我是悦选商城客服代表小悦，很高兴为您服务！请问有什么可以帮您？"
    turns = [turn("system", "您好，欢迎来到悦选商城客服中心！客服正在为您接入，请稍候。", 2),
             turn("agent", greeting, 45 if plant == "late-greeting" else rng.randint(5, 20))]
    planted: Planted | None = None
    if plant in ("no-agent-number", "late-greeting"):
        clause = "STD-COURTESY#greeting-with-id" if plant == "no-agent-number" else "STD-RESPONSE#text-first-reply"
        planted = Planted(cid, 1, "greeting", clause)
    turns.append(turn("customer", "我的订单 YX0105001 到现在还没发货。" if plant == "repeat-question" else CUSTOMER_LINES[0], 15))
    where = 3 + 2 * rng.randrange(max(spec.turns // 2, 1))  # an agent turn in the middle
    for k in range(spec.turns):
        if k % 2 == 0:
            text = rng.choice(AGENT_LINES)
            index = len(turns)
            if index == where:
                text, planted = _planted(plant, text, cid, index, rng) or (text, planted)
            turns.append(turn("agent", text, rng.randint(5, 40)))
        else:
            turns.append(turn("customer", rng.choice(CUSTOMER_LINES), rng.randint(5, 30)))
    goodbye = "感谢您联系悦选商城客服中心，祝您生活愉快，再见！"
    if plant == "no-closing":
        goodbye = "好的，已经为您记录。"
        planted = Planted(cid, len(turns), "closing", "STD-COURTESY#honorifics")
    turns.append(turn("agent", goodbye, 10))
    return ({"contact_id": cid, "channel": "online", "agent_id": agent, "team": team,
             "started_at": began.isoformat(" ", "seconds"), "turns": turns}, planted)


def _planted(plant: str | None, text: str, cid: str, index: int, rng: random.Random) -> tuple[str, Planted] | None:
    if plant == "avoid-phrase":
        return f"这个{rng.choice(AVOID)}，{text}", Planted(cid, index, "avoid-phrase", "STD-COURTESY#avoid-negative")
    if plant == "card-number":
        return f"您绑定的卡号是 {CARD}，{text}", Planted(cid, index, "privacy", "STD-SECURITY#no-plain-channel")
    if plant == "id-number":
        return f"您登记的身份证号是 {ID_NUMBER}，{text}", Planted(cid, index, "privacy", "STD-SECURITY#no-plain-channel")
    if plant == "repeat-question":
        return "麻烦您提供一下订单编号，我帮您查询。", Planted(cid, index, "repeat-question", "STD-RESPONSE#no-repeat-questions")
    return None


def write(spec: Spec, out: IO[str]) -> list[Planted]:
    """Write the transcripts as JSON Lines to `out`; the findings planted in them."""
    planted: list[Planted] = []
    for data, plant in contacts(spec):
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        if plant is not None:
            planted.append(plant)
    return planted


def planted(spec: Spec) -> list[Planted]:
    return [p for _, p in contacts(spec) if p is not None]
