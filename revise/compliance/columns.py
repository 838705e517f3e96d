"""The columns of a ticket export: the default names, the optional ones, and the mapping file.

A mapping file (YAML, read safely) renames the columns of another system's export to ours and,
optionally, translates codes:

    columns: {工单号: ticket_id, 渠道: channel, 受理时间: received_at}
    values:
      channel: {电话: phone, 在线: online}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from revise.corpus.yamlsafe import Parsed, YamlProblem, decode, parse
from revise.errors import InputError
from revise.messages import t

REQUIRED: tuple[str, ...] = (
    "ticket_id", "customer_id", "channel", "received_at", "first_reply_at", "agent_id", "category",
    "urgency", "escalated_at", "closed_at", "satisfaction", "followed_up_at", "status",
)
# Columns some metrics need that a basic export may not have; `team` groups agents for the report.
OPTIONAL: tuple[str, ...] = (
    "auto_reply_at", "answered_at", "explained_at", "assigned_at", "first_call_at", "opened_at", "team",
    "refund_approved_at", "refunded_at",
)
TIMESTAMPS: tuple[str, ...] = (
    "received_at", "first_reply_at", "escalated_at", "closed_at", "followed_up_at",
    "auto_reply_at", "answered_at", "explained_at", "assigned_at", "first_call_at", "opened_at",
    "refund_approved_at", "refunded_at",
)
CODES: tuple[str, ...] = ("channel", "category", "urgency")
TEXT: tuple[str, ...] = ("ticket_id", "customer_id", "agent_id", "status", "team")


@dataclass(frozen=True)
class Mapping:
    """Export column → our column, and per column a table of export code → our code."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def ours(self, header: list[str]) -> dict[str, str]:
        """`{our name: export column}` for every known column the header has (after renaming)."""
        known = set(REQUIRED) | set(OPTIONAL)
        found: dict[str, str] = {}
        for name in header:
            mine = self.columns.get(name, name)
            if mine in known and mine not in found:
                found[mine] = name
        return found


def read_yaml_file(path: Path) -> Parsed:
    """A mapping file, parsed (its data, and where each value stands); `InputError` naming the file
    when it is unreadable, or its line and column when it is not YAML."""
    try:
        return parse(decode(path.read_bytes()))
    except OSError as exc:
        raise InputError(t("cp.mapping-unreadable", path=path, reason=exc.strerror or exc)) from None
    except YamlProblem as exc:
        raise InputError(f"{path}:{exc.line}:{exc.column}: {exc.message}", exc.hint) from None


def load_mapping(path: Path | None) -> Mapping:
    """Read a mapping file; `InputError` naming the file, line and column when it is wrong."""
    if path is None:
        return Mapping()
    parsed = read_yaml_file(path)
    data = parsed.data if isinstance(parsed.data, dict) else None
    if data is None or set(data) - {"columns", "values"}:
        raise InputError(t("cp.mapping-shape", path=path), t("cp.mapping-shape.hint"))
    columns = _str_map(path, parsed, ("columns",), data.get("columns") or {})
    known = set(REQUIRED) | set(OPTIONAL)
    for source, target in columns.items():
        if target not in known:
            line, col = parsed.where(("columns", source))
            raise InputError(f"{path}:{line}:{col}: {t('cp.mapping-unknown-column', column=target)}",
                             t("cp.mapping-unknown-column.hint", known=", ".join(sorted(known))))
    values_raw = data.get("values") or {}
    if not isinstance(values_raw, dict):
        raise InputError(t("cp.mapping-shape", path=path), t("cp.mapping-shape.hint"))
    values: dict[str, dict[str, str]] = {}
    for column, table in values_raw.items():
        if column not in CODES:
            line, col = parsed.where_key(("values", column))
            raise InputError(f"{path}:{line}:{col}: {t('cp.mapping-values-column', column=column)}",
                             t("cp.mapping-values-column.hint", codes=", ".join(CODES)))
        values[column] = _str_map(path, parsed, ("values", column), table)
    return Mapping(columns, values)


def _str_map(path: Path, parsed: object, where: tuple[str, ...], value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, (str, int)) for k, v in value.items()):
        line, col = parsed.where(where)  # type: ignore[attr-defined]
        raise InputError(f"{path}:{line}:{col}: {t('cp.mapping-shape', path=path)}", t("cp.mapping-shape.hint"))
    return {str(k): str(v) for k, v in value.items()}
