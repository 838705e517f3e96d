"""Importing sampled audits (抽检记录): a CSV (UTF-8 or GB18030) or .xlsx, one row per sampled contact.

Columns: the contact, the agent, the channel and the date (required), the team, the auditor and a
note (optional) — each under its English or Chinese name — then one column per clause, headed by
the clause id (`STD-COURTESY#greeting-with-id`, optionally followed by a space and its title, as
the template from `revise compliance form --format csv` writes it). A cell holds 符合 / 不符合 /
不适用 (or Y / N / NA, ✓ / ✗, 1 / 0); an empty cell means the clause was not audited.

A header naming a clause the corpus does not have is an error (line 1, its column, the nearest
clause id as a hint): the whole import would be read wrongly. A row that cannot be used (no
contact id, an unreadable date, an unknown channel) is skipped and counted with its line; a
cell that is not a verdict is skipped and counted; a repeated contact keeps its last row.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from revise.compliance.observations import Observation, Skipped
from revise.compliance.tabular import read_rows
from revise.compliance.versions import editions_over, version_on
from revise.corpus import model
from revise.corpus.documents import Corpus
from revise.errors import InputError
from revise.messages import t
from revise.schema.schemaset import SchemaSet

# our name: (the template's Chinese header, other accepted names)
FIXED: dict[str, tuple[str, ...]] = {
    "contact_id": ("联系编号", "会话编号", "工单编号", "contact", "ticket_id"),
    "agent_id": ("坐席工号", "坐席", "工号", "agent"),
    "team": ("班组", "组别"),
    "channel": ("渠道",),
    "date": ("日期", "服务日期", "started_at"),
    "auditor": ("质检员",),
    "note": ("备注",),
}
REQUIRED = ("contact_id", "agent_id", "channel", "date")
VERDICT_WORDS: dict[str, tuple[str, ...]] = {
    "pass": ("符合", "是", "y", "yes", "pass", "ok", "1", "✓", "√"),
    "fail": ("不符合", "否", "n", "no", "fail", "0", "✗", "×", "x"),
    "na": ("不适用", "na", "n/a", "-", "/", "无"),
}
_WORD = {w: v for v, words in VERDICT_WORDS.items() for w in words}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                "%Y-%m-%dT%H:%M:%S", "%Y年%m月%d日")


@dataclass
class AuditImport:
    path: Path
    encoding: str
    rows: int = 0
    contacts: int = 0
    clauses: list[str] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    skipped: dict[str, Skipped] = field(default_factory=dict)

    def skip(self, kind: str, line: int, example: str = "") -> None:
        self.skipped.setdefault(kind, Skipped(kind)).add(line, example)


def read_audits(path: Path, corpus: Corpus, schemas: SchemaSet) -> AuditImport:
    """Every verdict of the file as observations, and what was skipped (see the module docstring)."""
    rows, encoding = read_rows(path)
    if not rows or not any(c.strip() for c in rows[0]):
        raise InputError(t("qa.audit.empty", path=path), t("qa.audit.empty.hint"))
    known = {c.ref: c for c in model.clauses(corpus)}
    fixed, clauses = _header(path, rows[0], known)
    result = AuditImport(path, encoding, clauses=[ref for _, ref in clauses])
    channels = _channels(schemas)
    kept: dict[str, list[Observation]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        found = _row(result, line, row, fixed, clauses, channels)
        if found is None:
            continue
        contact, observations = found
        if contact in kept:
            result.skip("duplicate-contact", line, contact)
        kept[contact] = observations
    result.contacts = len(kept)
    result.observations = _versioned([o for obs in kept.values() for o in obs], corpus)
    return result


def _header(path: Path, header: list[str], known: dict) -> tuple[dict[str, int], list[tuple[int, str]]]:
    names = {alias.lower(): name for name, aliases in FIXED.items() for alias in (name, *aliases)}
    fixed: dict[str, int] = {}
    clauses: list[tuple[int, str]] = []
    for col, cell in enumerate(header):
        text = cell.strip().lstrip("\ufeff")
        if not text:
            continue
        name = names.get(text.lower())
        if name is not None:
            fixed.setdefault(name, col)
            continue
        ref = text.split()[0]
        if ref not in known:
            near = difflib.get_close_matches(ref, list(known), n=1)
            raise InputError(f"{path}:1:{col + 1}: {t('qa.audit.unknown-clause', ref=ref, column=_letters(col))}",
                             t("qa.audit.unknown-clause.hint", near=near[0]) if near else t("qa.audit.unknown-column.hint"))
        clauses.append((col, ref))
    missing = [FIXED[n][0] for n in REQUIRED if n not in fixed]
    if missing:
        raise InputError(f"{path}:1: {t('qa.audit.missing-columns', columns='、'.join(missing))}", t("qa.audit.empty.hint"))
    if not clauses:
        raise InputError(f"{path}:1: {t('qa.audit.no-clauses')}", t("qa.audit.empty.hint"))
    return fixed, clauses


def _row(result: AuditImport, line: int, row: list[str], fixed: dict[str, int], clauses: list[tuple[int, str]],
         channels: dict[str, str]) -> tuple[str, list[Observation]] | None:
    def cell(name: str) -> str:
        col = fixed.get(name)
        return row[col].strip() if col is not None and col < len(row) else ""

    contact, agent = cell("contact_id"), cell("agent_id")
    if not contact or not agent:
        result.skip("missing-id", line)
        return None
    day = parse_day(cell("date"))
    if day is None:
        result.skip("bad-date", line, cell("date"))
        return None
    channel = channels.get(cell("channel").lower())
    if channel is None:
        result.skip("bad-channel", line, cell("channel"))
        return None
    out = []
    for col, ref in clauses:
        raw = row[col].strip() if col < len(row) else ""
        if not raw:
            continue
        verdict = _WORD.get(raw.lower())
        if verdict is None:
            result.skip("bad-verdict", line, raw)
            continue
        out.append(Observation(contact, agent, channel, day, ref, verdict, "audit", cell("team"), cell("note")))
    return contact, out


def parse_day(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _channels(schemas: SchemaSet) -> dict[str, str]:
    """Channel codes and their Chinese titles (电话, 在线文字…), lower-cased, to the code."""
    out = {}
    for code in schemas.choices("channel"):
        out[code.lower()] = code
        out[schemas.title_of("channel", code).lower()] = code
    return out


def _versioned(observations: list[Observation], corpus: Corpus) -> list[Observation]:
    """Each observation with the version of its clause's document in force on its day."""
    if not observations:
        return []
    from dataclasses import replace

    days = [o.day for o in observations]
    editions = editions_over(corpus, min(days), max(days))
    return [replace(o, version=version_on(editions, o.ref.split("#")[0], o.day)) for o in observations]


def _letters(col: int) -> str:
    """A spreadsheet column name: 0 → A, 26 → AA."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name
