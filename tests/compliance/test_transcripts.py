"""Transcript checks (issue 22 b): the shipped sample's planted findings are all found and nothing
else; every kind of bad input is skipped and counted with its line, or refused with it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from revise.compliance import tgenerate
from tests.conftest import REPO

SAMPLE = REPO / "examples" / "transcripts-sample.jsonl"
SAMPLE_SPEC = tgenerate.Spec(contacts=300, seed=1)  # how the sample was made: `revise compliance generate --kind transcripts --rows 300 --seed 1`


def findings(cli, path: Path, *extra: str) -> tuple[dict, int]:
    run = cli("compliance", "--transcripts", str(path), "--format", "json", *extra, cwd=REPO)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["transcripts"], run.code


def test_the_sample_is_the_generator_output(tmp_path: Path) -> None:
    with (tmp_path / "again.jsonl").open("w", encoding="utf-8") as out:
        tgenerate.write(SAMPLE_SPEC, out)
    assert (tmp_path / "again.jsonl").read_bytes() == SAMPLE.read_bytes()


def test_every_planted_finding_is_found_and_no_other(cli) -> None:
    data, code = findings(cli, SAMPLE)
    assert code == 1
    planted = {(p.contact_id, p.turn, p.kind, p.clause) for p in tgenerate.planted(SAMPLE_SPEC)}
    found = [(f["contact_id"], f["turn"], f["kind"], f["clause"]) for f in data["findings"]]
    assert len(found) == len(planted) == 60 and set(found) == planted
    assert Counter(kind for _, _, kind, _ in found) == {"greeting": 18, "avoid-phrase": 9, "closing": 9, "privacy": 16, "repeat-question": 8}
    by_kind = {f["kind"]: f for f in data["findings"]}
    assert by_kind["avoid-phrase"]["hint"] in ("我为您查询一下相关信息，请您稍等。", "这个要求暂时无法按原样办理，我为您看看还有哪些可行的方案。",
                                               "请您稍等，我会在约定的时间前给您答复。", "这个问题由相关部门负责处理，我来帮您联系，并全程跟进到有结果为止。",
                                               "我理解您的疑问，我马上为您核实一下具体情况。")
    assert {f["text"] for f in data["findings"] if f["kind"] == "privacy"} == {"622***********94", "110*************2X"}
    assert "感谢您联系悦选商城客服中心" in by_kind["closing"]["hint"]
    late = [f for f in data["findings"] if f["clause"] == "STD-RESPONSE#text-first-reply"]
    assert late and all("47 秒后" in f["hint"] and "30 秒内" in f["hint"] for f in late)
    rates = {c["clause"]: c for c in data["clauses"]}
    assert rates["STD-COURTESY#greeting-with-id"]["n"] == 300 and rates["STD-COURTESY#greeting-with-id"]["conforming"] == 291
    assert data["contacts"] == 300 and data["skipped"] == []


def test_findings_in_text_and_markdown(cli) -> None:
    text = cli("compliance", "--transcripts", str(SAMPLE), cwd=REPO).out
    assert "发现 60 处问题：禁用语 9，结束语 9，开场问候 18，敏感信息明文 16，重复询问 8" in text
    assert "另有 40 处，见 --format json" in text
    md = cli("compliance", "--transcripts", str(SAMPLE), "--format", "md", cwd=REPO).out
    assert "## 智能质检" in md and "| STD-COURTESY\\#avoid-negative" in md


def write_lines(path: Path, records: list[object], encoding: str = "utf-8") -> Path:
    text = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
    path.write_bytes(text.encode(encoding))
    return path


def contact(cid: str, turns: list[dict], **extra: str) -> dict:
    return {"contact_id": cid, "channel": "online", "agent_id": "1024", "started_at": "2026-01-05 09:00:00", "turns": turns, **extra}


GOOD = [{"speaker": "agent", "at": "2026-01-05 09:00:10", "text": "您好，我是客服代表小悦（工号：1024），很高兴为您服务！"},
        {"speaker": "customer", "at": "2026-01-05 09:00:30", "text": "我想查一下物流。"},
        {"speaker": "agent", "at": "2026-01-05 09:01:00", "text": "感谢您联系悦选商城客服中心，祝您生活愉快，再见！"}]


def test_bad_lines_and_turns_are_counted_with_their_lines(tmp_path: Path, cli) -> None:
    records = [
        contact("C1", GOOD),
        "{not json",                                                          # line 2
        contact("C3", []),                                                    # line 3: missing turns
        {"contact_id": "C4", "channel": "online", "agent_id": "1024", "turns": GOOD},   # line 4: no started_at
        contact("C5", GOOD, channel="fax"),                                   # line 5
        contact("C6", [{"speaker": "bot", "at": "2026-01-05 09:00:05", "text": "不知道"}, *GOOD]),  # line 6: unknown speaker
        contact("C7", [GOOD[0], {**GOOD[1], "at": "2026-01-05 08:59:00"}, GOOD[2]]),  # line 7: out of order
        contact("C8", [{**GOOD[0], "at": "昨天"}, *GOOD[1:]]),                # line 8: a turn time unreadable
    ]
    data, code = findings(cli, write_lines(tmp_path / "gb.jsonl", records, "gb18030"))
    assert data["encoding"] == "GB18030" and data["contacts"] == 4 and code == 0  # C1, C6, C7, C8: no finding
    assert data["findings"] == []  # the unknown speaker's 不知道 is not an agent's
    skipped = {s["kind"]: (s["lines"], s["examples"]) for s in data["skipped"]}
    assert skipped == {"bad-json": ([2], ["{not json"]), "no-turns": ([3], []), "missing-field": ([4], ["started_at"]),
                       "bad-channel": ([5], ["fax"]), "unknown-speaker": ([6], ["bot"]), "out-of-order": ([7], ["C7"]),
                       "bad-turn-time": ([8], ["昨天"])}
    text = cli("compliance", "--transcripts", str(tmp_path / "gb.jsonl"), cwd=REPO)
    assert "1 行没有消息（turns 缺失或为空），已跳过；行：3" in text.out and "Traceback" not in text.err


def test_a_mapping_file_renames_fields_and_codes(tmp_path: Path, cli) -> None:
    (tmp_path / "map.yaml").write_text(
        "fields: {会话ID: contact_id, 渠道: channel, 坐席: agent_id, 开始时间: started_at, 消息: turns}\n"
        "turn_fields: {角色: speaker, 时间: at, 内容: text}\n"
        "values: {speaker: {客服: agent, 客户: customer}, channel: {在线: online}}\n", encoding="utf-8")
    turns = [{"角色": "客服", "时间": "2026/1/5 9:00", "内容": "您好，工号 1024 为您服务。这个没办法。"},
             {"角色": "客户", "时间": "2026/1/5 9:01", "内容": "好吧"}]
    path = write_lines(tmp_path / "theirs.jsonl", [{"会话ID": "X1", "渠道": "在线", "坐席": "1024", "开始时间": "2026/1/5 9:00", "消息": turns}])
    data, code = findings(cli, path, "--transcript-mapping", str(tmp_path / "map.yaml"))
    assert code == 1 and data["contacts"] == 1
    assert [(f["turn"], f["kind"], f["text"]) for f in data["findings"]] == [(0, "avoid-phrase", "没办法"), (0, "closing", "您好，工号 1024 为您服务。这个没办法。")]
    (tmp_path / "bad.yaml").write_text("fields: {会话ID: conversation}\n", encoding="utf-8")
    run = cli("compliance", "--transcripts", str(path), "--transcript-mapping", str(tmp_path / "bad.yaml"), cwd=REPO)
    assert run.code == 2 and "bad.yaml:1:" in run.err and "映射到未知的字段「conversation」" in run.err


def test_undecodable_text_is_refused_with_the_line(tmp_path: Path, cli) -> None:
    good = json.dumps(contact("C1", GOOD), ensure_ascii=False).encode("utf-8") + b"\n"
    (tmp_path / "mixed.jsonl").write_bytes(good * 3 + b'{"contact_id": "\xff\xfe\xfd"}\n')
    run = cli("compliance", "--transcripts", str(tmp_path / "mixed.jsonl"), cwd=REPO)
    assert run.code == 2 and "Traceback" not in run.err
    (tmp_path / "latin.jsonl").write_bytes(b'{"contact_id": "\x80\x80"}\n')
    run = cli("compliance", "--transcripts", str(tmp_path / "latin.jsonl"), cwd=REPO)
    assert run.code == 2 and "既不是 UTF-8 也不是 GB18030" in run.err
