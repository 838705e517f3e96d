"""Reading chat transcripts: JSON Lines, one contact a line, in UTF-8 or GB18030.

    {"contact_id": "C1", "channel": "online", "agent_id": "1024", "started_at": "2026-01-05 09:00:00",
     "team": "一组", "category": "complaint",
     "turns": [{"speaker": "agent", "at": "2026-01-05 09:00:12", "text": "您好，……"}, ...]}

`team` and `category` are optional. Another system's names are mapped with a YAML file:

    fields: {会话ID: contact_id, 渠道: channel, 坐席: agent_id, 开始时间: started_at, 消息: turns}
    turn_fields: {角色: speaker, 时间: at, 内容: text}
    values: {speaker: {客服: agent, 客户: customer, 机器人: system}, channel: {在线: online}}

A line that cannot be used (not JSON, a required field missing, an unknown channel, an
unreadable start time, no turns) is skipped and counted with its line number. Within a usable
contact, a turn of an unknown speaker is left out and counted (its index stays as in the file),
a turn time that cannot be read is unknown, and turns earlier than the turn before are counted.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

from revise.compliance.columns import read_yaml_file
from revise.compliance.observations import Skipped
from revise.compliance.tabular import SAMPLE, encoding_of
from revise.errors import InputError
from revise.messages import t

FIELDS = ("contact_id", "channel", "agent_id", "started_at", "turns", "team", "category")
TURN_FIELDS = ("speaker", "at", "text")
SPEAKERS = ("agent", "customer", "system")


@dataclass(slots=True)
class Turn:
    speaker: str  # agent | customer | system; "" for an unknown speaker (left out of the checks)
    at: datetime | None
    text: str


@dataclass(slots=True)
class Contact:
    contact_id: str
    channel: str
    agent_id: str
    started_at: datetime
    turns: list[Turn]
    line: int
    team: str = ""
    category: str = ""


@dataclass
class TranscriptMapping:
    fields: dict[str, str] = field(default_factory=dict)  # their name → ours
    turn_fields: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # speaker / channel: their code → ours


@dataclass
class Reading:
    """What reading a transcript file found besides the contacts."""

    path: Path
    encoding: str = "utf-8"
    lines: int = 0
    contacts: int = 0
    skipped: dict[str, Skipped] = field(default_factory=dict)

    def skip(self, kind: str, line: int, example: str = "") -> None:
        self.skipped.setdefault(kind, Skipped(kind)).add(line, example)


def load_mapping(path: Path | None) -> TranscriptMapping:
    if path is None:
        return TranscriptMapping()
    parsed = read_yaml_file(path)
    data = parsed.data
    if not isinstance(data, dict) or set(data) - {"fields", "turn_fields", "values"}:
        raise InputError(t("tr.mapping-shape", path=path), t("tr.mapping-shape.hint"))
    out = TranscriptMapping()
    for key, allowed, target in (("fields", FIELDS, out.fields), ("turn_fields", TURN_FIELDS, out.turn_fields)):
        table = data.get(key) or {}
        if not isinstance(table, dict):
            raise InputError(t("tr.mapping-shape", path=path), t("tr.mapping-shape.hint"))
        for theirs, ours in table.items():
            if ours not in allowed:
                line, col = parsed.where((key, theirs))
                raise InputError(f"{path}:{line}:{col}: {t('tr.mapping-unknown', name=ours)}", t("tr.mapping-unknown.hint", names=", ".join(allowed)))
            target[str(theirs)] = str(ours)
    values = data.get("values") or {}
    if not isinstance(values, dict) or set(values) - {"speaker", "channel"} or not all(isinstance(v, dict) for v in values.values()):
        raise InputError(t("tr.mapping-shape", path=path), t("tr.mapping-shape.hint"))
    out.values = {k: {str(a): str(b) for a, b in v.items()} for k, v in values.items()}
    return out


def read(path: Path, channels: set[str], mapping: TranscriptMapping | None = None) -> tuple[Reading, Iterator[Contact]]:
    """The reading's record and the contacts, read as the iterator is consumed (a file of any size)."""
    mapping = mapping or TranscriptMapping()
    reading = Reading(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SAMPLE)
    except FileNotFoundError:
        raise InputError(t("tab.no-file", path=path)) from None
    except OSError as exc:
        raise InputError(t("tab.unreadable", path=path, reason=exc.strerror or exc)) from None
    reading.encoding = encoding_of(head, path, complete=len(head) < SAMPLE)
    return reading, _contacts(path, reading, channels, mapping)


def _contacts(path: Path, reading: Reading, channels: set[str], mapping: TranscriptMapping) -> Iterator[Contact]:
    decoder = codecs.getreader(reading.encoding)
    number = 0
    with path.open("rb") as raw:
        try:
            for number, line in enumerate(decoder(raw, errors="strict"), start=1):
                if not line.strip():
                    continue
                reading.lines += 1
                contact = _contact(line, number, reading, channels, mapping)
                if contact is not None:
                    reading.contacts += 1
                    yield contact
        except UnicodeDecodeError:
            raise InputError(f"{path}:{number + 1}: {t('tab.mixed-encoding', path=path, encoding=reading.encoding)}",
                             t("tab.bad-encoding.hint")) from None


def _contact(line: str, number: int, reading: Reading, channels: set[str], mapping: TranscriptMapping) -> Contact | None:
    try:
        data = json.loads(line)
    except ValueError:
        reading.skip("bad-json", number, line.strip()[:30])
        return None
    if not isinstance(data, dict):
        reading.skip("bad-json", number, line.strip()[:30])
        return None
    if mapping.fields:
        data = {mapping.fields.get(k, k): v for k, v in data.items()}
    missing = [f for f in ("contact_id", "channel", "agent_id", "started_at") if data.get(f) in (None, "")]
    if missing:
        reading.skip("missing-field", number, ", ".join(missing))
        return None
    channel = mapping.values.get("channel", {}).get(str(data["channel"]), str(data["channel"]))
    if channel not in channels:
        reading.skip("bad-channel", number, channel)
        return None
    started = when(data["started_at"])
    if started is None:
        reading.skip("bad-time", number, str(data["started_at"]))
        return None
    turns_raw = data.get("turns")
    if not isinstance(turns_raw, list) or not turns_raw:
        reading.skip("no-turns", number)
        return None
    turns = [_turn(raw, number, reading, mapping) for raw in turns_raw]
    if _out_of_order(turns, started):
        reading.skip("out-of-order", number, str(data["contact_id"]))
    return Contact(str(data["contact_id"]), channel, str(data["agent_id"]), started, turns, number,
                   str(data.get("team") or ""), str(data.get("category") or ""))


def _turn(raw: object, number: int, reading: Reading, mapping: TranscriptMapping) -> Turn:
    if not isinstance(raw, dict):
        reading.skip("bad-turn", number)
        return Turn("", None, "")
    if mapping.turn_fields:
        raw = {mapping.turn_fields.get(k, k): v for k, v in raw.items()}
    speaker = str(raw.get("speaker") or "")
    speaker = mapping.values.get("speaker", {}).get(speaker, speaker)
    if speaker not in SPEAKERS:
        reading.skip("unknown-speaker", number, speaker or "-")
        speaker = ""
    at = when(raw.get("at")) if raw.get("at") not in (None, "") else None
    if at is None and raw.get("at") not in (None, ""):
        reading.skip("bad-turn-time", number, str(raw.get("at")))
    return Turn(speaker, at, str(raw.get("text") or ""))


def _out_of_order(turns: list[Turn], started: datetime) -> bool:
    last = started
    for turn in turns:
        if turn.at is None:
            continue
        if turn.at < last:
            return True
        last = turn.at
    return False


def when(value: object) -> datetime | None:
    """An ISO timestamp or Excel's `2026/1/5 9:03`; None when it is neither."""
    text = str(value).strip()
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        stamp = None
        for fmt in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
            try:
                stamp = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    return stamp.replace(tzinfo=None) if stamp else None
