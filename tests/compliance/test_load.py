"""Reading exports as they come out of real systems: BOM, CRLF, a ragged line, odd spacing."""

from __future__ import annotations

from pathlib import Path

from revise.compliance.load import open_export

from .cphelp import COLUMNS, ticket, write_export


def issues(path: Path) -> dict[str, tuple[list[int], list[str]]]:
    export = open_export(path)
    try:
        return {f"{i.kind}:{i.column}": (i.rows, i.examples) for i in export.issues}
    finally:
        export.close()


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    rows = [ticket(f"T{i}", f"2026-01-05 09:0{i}:00", first_reply_at=f"2026-01-05 09:0{i}:10") for i in range(5)]
    text = write_export(tmp_path / "e.csv", rows).read_text(encoding="utf-8")
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    export = open_export(path)
    try:
        assert (export.rows, export.tickets, export.issues, export.months) == (5, 5, [], ["2026-01"])
    finally:
        export.close()


def test_rows_after_a_skipped_line_keep_their_file_numbers(tmp_path: Path) -> None:
    rows = [ticket(f"T{i}", f"2026-01-05 09:{i:02d}:00", first_reply_at=f"2026-01-05 09:{i:02d}:10") for i in range(1, 13)]
    rows[11]["first_reply_at"] = "下午三点"  # data row 12
    path = write_export(tmp_path / "e.csv", rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] += ",surplus"  # data row 5 has one field too many
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = issues(path)
    assert found["bad-line:"][0] == [5]
    assert found["bad-timestamp:first_reply_at"] == ([12], ["下午三点"])


def test_spaces_around_codes_are_reported_not_guessed(tmp_path: Path) -> None:
    rows = [ticket("T1", "2026-01-05 09:00:00"), ticket("T2", "2026-01-05 09:01:00", channel=" phone")]
    found = issues(write_export(tmp_path / "e.csv", rows))
    assert found["bad-code:channel"] == ([2], [" phone"])
    assert len(COLUMNS) == 22
