"""Reading a ticket export into DuckDB: the columns checked, values typed, data problems counted.

The CSV is read by DuckDB's parallel reader with every value as text, then typed once into the
table `tickets` (our column names; timestamps TIMESTAMP, satisfaction DOUBLE 1–5). A value
that cannot be read becomes NULL and is reported with its row numbers; the rest of the row
is still used. Memory stays under `memory_limit`: DuckDB streams the file and spills to a
temporary folder beyond it. Row numbers count data rows (row 1 is the line after the header).
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from revise.compliance.columns import CODES, REQUIRED, TIMESTAMPS, Mapping
from revise.compliance.metrics import literal
from revise.compliance.tabular import Prepared, as_utf8_csv
from revise.errors import InputError, UsageError
from revise.messages import t
from revise.schema.schemaset import SchemaSet

MAX_LISTED = 10
# The text columns a query reads (ids, the agent and the team); customer_id and status are
# required in the header but no metric reads them, so they are not kept in `tickets`.
KEPT_TEXT: tuple[str, ...] = ("ticket_id", "agent_id", "team")
# Bytes DuckDB's CSV reader takes at a time (its default: 16 x max_line_size = 32 MB). The table
# keeps the file's order, so what each thread reads is appended in order; with larger pieces there
# are fewer to put in order, and loading 1M tickets takes about a sixth less CPU (measured).
READ_BUFFER = 64 * 2**20
# Excel's default display of a date and time (2026/1/5 9:03), should the cast not take it.
SLASHED = "['%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d']"


@dataclass
class DataIssue:
    """One kind of problem in the rows: how many rows, the first row numbers, example values."""

    kind: str  # bad-timestamp | bad-score | bad-code | missing-id | missing-received | duplicate-id | out-of-order | bad-line
    column: str
    count: int
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "column": self.column, "count": self.count, "rows": self.rows, "examples": self.examples}


@dataclass
class Export:
    """A loaded export: the DuckDB connection holding `tickets`, and what was found on the way."""

    path: Path  # the file the user named
    con: duckdb.DuckDBPyConnection
    columns: dict[str, str]
    source: Prepared | None = None  # the UTF-8 CSV read (a transcoded copy for GB18030 and workbooks)
    names: list[str] = field(default_factory=list)  # the header, in file order
    rows: int = 0
    tickets: int = 0
    as_of: datetime | None = None
    first: date | None = None  # the day of the earliest and the latest received_at
    last: date | None = None
    months: list[str] = field(default_factory=list)
    issues: list[DataIssue] = field(default_factory=list)
    bits: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column in self.columns

    @property
    def csv(self) -> Path:
        return self.source.csv if self.source else self.path

    @property
    def encoding(self) -> str:
        return self.source.encoding if self.source else "utf-8"

    def close(self) -> None:
        self.con.close()
        if self.source:
            self.source.discard()


@dataclass(frozen=True)
class Settings:
    """DuckDB resources: a memory ceiling (spilling beyond it) and the number of threads."""

    memory_limit: str = "1GB"
    threads: int | None = None


def header(path: Path) -> list[str]:
    """The column names on the first line; `InputError` for a missing, unreadable or empty file."""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            first = next(csv.reader(handle), None)
    except FileNotFoundError:
        raise InputError(t("cp.no-export", path=path)) from None
    except UnicodeDecodeError:
        raise InputError(t("cp.not-utf8", path=path), t("cp.not-utf8.hint")) from None
    except (OSError, csv.Error) as exc:
        raise InputError(t("cp.unreadable", path=path, reason=exc)) from None
    if not first or not any(c.strip() for c in first):
        raise InputError(t("cp.empty", path=path), t("cp.empty.hint"))
    return [c.strip() for c in first]


def open_export(path: Path, mapping: Mapping | None = None, settings: Settings | None = None,
                schemas: SchemaSet | None = None) -> Export:
    """Check the header, load and type the rows, and count every data problem found.

    Channel, category and urgency codes are checked against `schemas` (the vocabulary).
    """
    mapping = mapping or Mapping()
    schemas = schemas or SchemaSet()
    settings = settings or Settings()
    if not path.is_file():
        raise InputError(t("cp.no-export", path=path))
    source = as_utf8_csv(path)
    try:
        return _open_prepared(path, source, mapping, settings, schemas)
    except BaseException:
        source.discard()
        raise


def _open_prepared(path: Path, source: Prepared, mapping: Mapping, settings: Settings, schemas: SchemaSet) -> Export:
    names = header(source.csv)
    columns = mapping.ours(names)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(t("cp.missing-columns", path=path, columns=", ".join(missing)),
                         t("cp.missing-columns.hint"))
    try:
        con = _connect(settings)
    except duckdb.Error as exc:
        raise UsageError(t("cp.bad-setting", memory=settings.memory_limit, threads=settings.threads or "-",
                           reason=str(exc).splitlines()[0]), t("cp.bad-setting.hint")) from None
    export = Export(path, con, columns, source, names=names)
    try:
        _create(export, mapping)
        _inspect(export, {name: list(schemas.choices(name)) for name in CODES})
    except duckdb.Error as exc:
        con.close()
        raise InputError(t("cp.unreadable", path=path, reason=str(exc).splitlines()[0])) from None
    if export.rows == 0:
        con.close()
        raise InputError(t("cp.empty", path=path), t("cp.empty.hint"))
    return export


def _connect(settings: Settings) -> duckdb.DuckDBPyConnection:
    config: dict[str, object] = {
        "memory_limit": settings.memory_limit,
        "temp_directory": str(Path(tempfile.gettempdir()) / "revise-duckdb"),
        "preserve_insertion_order": True,
    }
    if settings.threads:
        config["threads"] = settings.threads
    con = duckdb.connect(":memory:", config=config)
    con.execute("SET enable_progress_bar = false")  # it would write into our stdout (a JSON report)
    return con


def _field(export: Export, name: str) -> str:
    """The reader's column holding our column `name`: columns are named by position (`c0`, `c1`...)."""
    return f"c{export.names.index(export.columns[name])}"


def _read(export: Export, types: dict[str, str] | None = None) -> str:
    """`read_csv` of the export with the dialect given rather than sniffed: the header already read
    (`header`: comma-separated, double quotes), one column per header field, named by position.

    With `types` (our column → SQL type) those columns are typed by the reader and any value or line
    it cannot read is an error; without, every value is text and a line that cannot be split is
    skipped and listed in `reject_errors`.
    """
    wanted = {_field(export, name): kind for name, kind in (types or {}).items()}
    columns = ", ".join(f"'c{i}': '{wanted.get(f'c{i}', 'VARCHAR')}'" for i in range(len(export.names)))
    rejects = "" if types else ", store_rejects = true"
    return (f"read_csv({_literal(str(export.csv))}, auto_detect = false, header = true, delim = ',', quote = '\"', "
            f"escape = '\"', columns = {{{columns}}}, encoding = 'utf-8', buffer_size = {READ_BUFFER}{rejects})")


def _literal(text: str) -> str:
    return literal(text)


def _create(export: Export, mapping: Mapping) -> None:
    """`tickets` from the CSV: every column a query reads, typed; `bad` has one bit per unreadable value.

    First the optimistic read: DuckDB's reader types the timestamps itself while it parses (one
    pass, no text column kept for them). It stops at the first value it cannot read or line it
    cannot split, and then the file is read again with every value as text and typed with
    `try_cast`, so each bad value becomes NULL, counted with its row, and the rest of the row is
    used. Both reads type a timestamp with the same rules (DuckDB's TIMESTAMP cast).
    """
    cols = export.columns
    stamps = [n for n in TIMESTAMPS if n in cols]
    bits = [(1 << i, n) for i, n in enumerate(stamps + [n for n in ("satisfaction",) if n in cols])]
    export.bits = {n: b for b, n in bits}
    try:
        export.con.execute(_create_sql(export, mapping, bits, typed=True))
    except (duckdb.OutOfMemoryException, duckdb.InterruptException):
        raise
    except duckdb.Error:
        export.con.execute(_create_sql(export, mapping, bits, typed=False))


def _create_sql(export: Export, mapping: Mapping, bits: list[tuple[int, str]], *, typed: bool) -> str:
    """The `CREATE TABLE tickets` statement: `typed` reads timestamps as TIMESTAMP in the reader
    (any unreadable value is an error), otherwise every value is read as text and typed here."""
    cols = export.columns
    inner, outer = [], []
    for name in KEPT_TEXT + CODES:
        if name not in cols:
            continue
        value = f"nullif({_field(export, name)}, '')"
        table = mapping.values.get(name)
        if table:
            cases = " ".join(f"WHEN {_literal(k)} THEN {_literal(v)}" for k, v in table.items())
            value = f"CASE {value} {cases} ELSE {value} END"
        inner.append(f"{value} AS {name}")
        outer.append(name)
    for _bit, name in bits:
        # nullif also keeps the optimizer from moving a try_cast into the reader as a plain cast
        raw = f"nullif({_field(export, name)}, '')"
        if name == "satisfaction":
            typed_value = f"CASE WHEN try_cast({raw} AS DOUBLE) BETWEEN 1 AND 5 THEN try_cast({raw} AS DOUBLE) END"
        else:
            typed_value = _field(export, name) if typed else f"coalesce(try_cast({raw} AS TIMESTAMP), try_strptime({raw}, {SLASHED}))"
        inner.append(f"{typed_value} AS {name}")
        outer.append(name)
        if name == "satisfaction" or not typed:
            inner.append(f"{raw} AS raw_{name}")
    mask = " + ".join(f"(CASE WHEN {n} IS NULL AND raw_{n} IS NOT NULL THEN {b} ELSE 0 END)" for b, n in bits
                      if n == "satisfaction" or not typed)
    source = _read(export, {n: "TIMESTAMP" for _b, n in bits if n != "satisfaction"} if typed else None)
    return (f"CREATE TABLE tickets AS SELECT {', '.join(outer)}, {mask or '0'} AS bad, "
            f"CAST(date_trunc('month', received_at) AS DATE) AS month "
            f"FROM (SELECT {', '.join(inner)} FROM {source})")


def _inspect(export: Export, codes: dict[str, list[str]]) -> None:
    """Count every kind of problem in one scan of `tickets` (with the latest timestamp), then list
    the rows of the kinds found; out-of-order rows and duplicate ids need queries of their own."""
    con = export.con
    checks: list[tuple[str, str, str, str | None]] = [
        ("bad-score" if name == "satisfaction" else "bad-timestamp", name, f"bad & {bit} <> 0", None)
        for bit, name in sorted((b, n) for n, b in export.bits.items())]
    for name in CODES:
        allowed = ", ".join(_literal(c) for c in codes[name])
        checks.append(("bad-code", name, f"{name} IS NULL OR {name} NOT IN ({allowed})", name))
    checks += [("missing-id", "ticket_id", "ticket_id IS NULL", None),
               ("missing-received", "received_at", "received_at IS NULL", None)]
    counts = ", ".join(f"count_if({where})" for _kind, _column, where, _show in checks)
    found = con.execute(f"SELECT count(*), {_latest_sql(export)}, {counts} FROM tickets").fetchone()
    assert found is not None  # an aggregate without GROUP BY has one row
    export.rows = found[0]
    if export.rows == 0:
        return
    rejected = _rejected_lines(export)
    for (kind, column, where, show), count in zip(checks, found[2:]):
        if count:
            _collect(export, kind, column, where, show, count)
    _out_of_order(export)
    deleted = _duplicates(export)
    export.issues.extend(rejected)
    if rejected:  # rows after a skipped line: count it, so every row number is the file's
        skipped = sorted(export.skipped)
        for issue in export.issues:
            if issue.kind != "bad-line":
                issue.rows = [_file_row(r, skipped) for r in issue.rows]
    export.tickets = export.rows - deleted
    _span(export, None if deleted else found[1])


def _file_row(read: int, skipped: list[int]) -> int:
    """The row number in the file of the `read`-th row read, given the rows that were skipped."""
    row = read
    for gap in skipped:
        if gap <= row:
            row += 1
    return row


def _collect(export: Export, kind: str, column: str, where: str, show: str | None, count: int) -> None:
    """List the first rows (and their values) of a kind of problem found `count` times."""
    con = export.con
    shown = f"coalesce({show}, '')" if show else "''"
    listed = con.execute(f"SELECT rowid + 1, {shown} FROM tickets WHERE {where} ORDER BY rowid LIMIT {MAX_LISTED}").fetchall()
    issue = DataIssue(kind, column, count, [r for r, _ in listed], [e for _, e in listed if e])
    if kind in ("bad-timestamp", "bad-score"):
        issue.examples = _raw_values(export, column, issue.rows)
    export.issues.append(issue)
    if column in export.bits and kind in ("bad-timestamp", "bad-score"):
        export.unreadable[column] = export.bits[column]


def _raw_values(export: Export, column: str, rows: list[int]) -> list[str]:
    """The text that could not be read, for the listed rows (re-read from the file: only on error)."""
    wanted = ", ".join(str(r) for r in rows)
    query = (f"SELECT v FROM (SELECT row_number() OVER () AS r, {_field(export, column)} AS v FROM {_read(export)}) "
             f"WHERE r IN ({wanted}) ORDER BY r")
    return [str(v) for (v,) in export.con.execute(query).fetchall()]


def _out_of_order(export: Export) -> None:
    """Rows received before a row above them: earlier than the latest `received_at` so far.

    That is the running maximum up to and including the row (a row earlier than the maximum of
    the rows above is earlier than that maximum with itself included, and the converse). Over the
    table in its order without ORDER BY, DuckDB computes it as a streaming window, in one ordered
    pass with no sort (as `row_number() OVER ()` numbers rows in file order in `_raw_values`).
    """
    con = export.con
    con.execute("CREATE TEMP TABLE ooo AS SELECT r FROM (SELECT rowid + 1 AS r, received_at < "
                "max(received_at) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS back "
                "FROM tickets) WHERE back")
    count = con.execute("SELECT count(*) FROM ooo").fetchone()[0]  # type: ignore[index]
    if count:
        rows = [r for (r,) in con.execute(f"SELECT r FROM ooo ORDER BY r LIMIT {MAX_LISTED}").fetchall()]
        export.issues.append(DataIssue("out-of-order", "received_at", count, rows))


def _duplicates(export: Export) -> int:
    """Repeated ticket ids: reported, and only the last row of each id is kept (the latest state).

    The number of rows deleted."""
    con = export.con
    con.execute("CREATE TEMP TABLE dups AS SELECT ticket_id, max(rowid) AS keep, count(*) AS times "
                "FROM tickets WHERE ticket_id IS NOT NULL GROUP BY ticket_id HAVING count(*) > 1")
    found = con.execute("SELECT count(*), coalesce(sum(times) - count(*), 0) FROM dups").fetchone()
    if not found or not found[0]:
        return 0
    listed = con.execute(f"SELECT rowid + 1, ticket_id FROM tickets WHERE ticket_id IN (SELECT ticket_id FROM dups) "
                         f"AND rowid NOT IN (SELECT keep FROM dups) ORDER BY rowid LIMIT {MAX_LISTED}").fetchall()
    export.issues.append(DataIssue("duplicate-id", "ticket_id", int(found[1]), [r for r, _ in listed],
                                   list(dict.fromkeys(str(tid) for _, tid in listed))))
    deleted = con.execute("DELETE FROM tickets WHERE ticket_id IN (SELECT ticket_id FROM dups) "
                          "AND rowid NOT IN (SELECT keep FROM dups)").fetchone()
    return int(deleted[0]) if deleted else 0


def _rejected_lines(export: Export) -> list[DataIssue]:
    try:
        found = export.con.execute("SELECT line, error_type FROM reject_errors ORDER BY line").fetchall()
    except duckdb.Error:
        return []
    if not found:
        return []
    export.skipped = [int(line) - 1 for line, _ in found]
    return [DataIssue("bad-line", "", len(found), [int(line) - 1 for line, _ in found[:MAX_LISTED]],
                      sorted({str(kind) for _, kind in found}))]


def _latest_sql(export: Export) -> str:
    """The latest timestamp in `tickets`, as an aggregate."""
    return "greatest(" + ", ".join(f"max({c})" for c in TIMESTAMPS if c in export.columns) + ")"


def _span(export: Export, latest: datetime | None) -> None:
    """`as_of` (the latest timestamp; `latest` when already known) and the months of the export."""
    if latest is None:
        row = export.con.execute(f"SELECT {_latest_sql(export)} FROM tickets").fetchone()
        latest = row[0] if row else None
    export.as_of = latest
    span = export.con.execute("SELECT CAST(min(received_at) AS DATE), CAST(max(received_at) AS DATE) FROM tickets").fetchone()
    export.first, export.last = span if span else (None, None)
    months = export.con.execute("SELECT DISTINCT month FROM tickets WHERE month IS NOT NULL ORDER BY month").fetchall()
    export.months = [m.strftime("%Y-%m") if isinstance(m, (date, datetime)) else str(m) for (m,) in months]


__all__ = ["DataIssue", "Export", "Settings", "header", "open_export"]
