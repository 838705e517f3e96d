"""The check cache: a warm run gives exactly the cold run's answer, notices every change (in the
file itself and in the files it refers to), survives a damaged cache, and stays out of git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from revise.check.cache import CACHE_DIR, CheckCache, content_hash
from revise.check.engine import check
from revise.schema.schemaset import SchemaSet
from tests.conftest import replace_in


def _keys(result) -> list[tuple]:
    return sorted((p.path, p.line, p.column, p.rule, p.field, p.message) for p in result.problems)


def _entries(repo: Path) -> dict[str, list]:
    """The cache's entries as the next run reads them: the table and its journal."""
    return CheckCache.open(repo, SchemaSet()).old


def test_warm_run_equals_cold_run(repo_copy: Path) -> None:
    replace_in(repo_copy / "policies/scripts/SCR-CLOSING.yaml", "next: goodbye", "next: good-bye")
    cold = check(repo_copy)
    first = check(repo_copy, cache=True)
    warm = check(repo_copy, cache=True)
    assert _keys(cold) == _keys(first) == _keys(warm)
    assert [p.rule for p in warm.problems] == ["script-unknown-step"]
    assert (repo_copy / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_a_change_in_a_referenced_file_reaches_the_referring_file(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    # SCR-CLOSING implements STD-TICKET#ticket-content; renaming the clause breaks that reference
    replace_in(repo_copy / "policies/standards/STD-TICKET.yaml", "- id: ticket-content", "- id: ticket-contents")
    one = check(repo_copy, [repo_copy / "policies/scripts/SCR-CLOSING.yaml"], cache=True)
    assert [(p.rule, p.path) for p in one.problems] == [("ref-unknown-clause", "policies/scripts/SCR-CLOSING.yaml")]
    full = check(repo_copy, cache=True)
    assert _keys(full) == _keys(check(repo_copy))
    assert {p.rule for p in full.problems} == {"ref-unknown-clause"}


def test_avoid_list_change_is_seen_by_unchanged_scripts(repo_copy: Path) -> None:
    assert check(repo_copy, cache=True).problems == []
    replace_in(repo_copy / "policies/standards/STD-COURTESY.yaml", "      - phrase: 不知道", "      - phrase: 感谢您的耐心")
    warm = check(repo_copy, cache=True)
    assert "script-avoid-phrase" in {p.rule for p in warm.problems}
    assert _keys(warm) == _keys(check(repo_copy))


def test_a_damaged_cache_is_ignored(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    cache = repo_copy / CACHE_DIR
    for name in ("check-*.json", "index-*.txt", "reports-*.pack"):
        for file in cache.glob(name):
            file.write_bytes(b"{not json\xff")
    assert check(repo_copy, cache=True).problems == []
    table = next(cache.glob("check-*.json"))
    table.write_text(json.dumps({"key": "x", "files": {"policies/a.yaml": [1, 2]}}), encoding="utf-8")
    assert check(repo_copy, cache=True).problems == []
    # an index left by another run (its token differs from the table's) is not trusted
    check(repo_copy, cache=True)
    index = next(cache.glob("index-*.txt"))
    index.write_text("another run\n" + index.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    replace_in(repo_copy / "policies/scripts/SCR-CLOSING.yaml", "next: goodbye", "next: good-bye")
    assert [p.rule for p in check(repo_copy, cache=True).problems] == ["script-unknown-step"]


def test_a_damaged_report_part_is_rebuilt_from_the_file(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    replace_in(repo_copy / "policies/standards/STD-TICKET.yaml", "- id: ticket-content", "- id: ticket-contents")
    pack = next((repo_copy / CACHE_DIR).glob("reports-*.pack"))
    size = pack.stat().st_size
    pack.write_bytes(b"x" * size)  # every record where it was, none of them readable
    assert _keys(check(repo_copy, cache=True)) == _keys(check(repo_copy))
    pack.write_bytes(b"")  # and none at all
    replace_in(repo_copy / "policies/standards/STD-TICKET.yaml", "- id: ticket-contents", "- id: ticket-content")
    assert check(repo_copy, cache=True).problems == []


def test_a_new_file_is_seen_and_a_removed_one_forgotten(repo_copy: Path) -> None:
    import os
    old = 1_600_000_000_000_000_000  # folders whose mtimes say nothing changed: the tree is walked all the same
    check(repo_copy, cache=True)
    source = repo_copy / "policies/scripts/SCR-CLOSING.yaml"
    copy = source.with_name("SCR-CLOSING-COPY.yaml")
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    for folder, _dirs, _files in os.walk(repo_copy / "policies"):
        os.utime(folder, ns=(old, old))
    assert {p.rule for p in check(repo_copy, cache=True).problems} == {"id-duplicate", "id-filename"}
    copy.unlink()
    assert check(repo_copy, cache=True).problems == []
    assert "SCR-CLOSING-COPY" not in json.dumps(_entries(repo_copy))


def test_the_pack_is_rewritten_when_dead_records_outgrow_it(repo_copy: Path, monkeypatch) -> None:
    import revise.check.cache
    monkeypatch.setattr(revise.check.cache, "COMPACT_FROM", 0)
    monkeypatch.setattr(revise.check.cache, "COMPACT_RATIO", 1.05)
    check(repo_copy, cache=True)
    pack = next((repo_copy / CACHE_DIR).glob("reports-*.pack"))
    sizes = [pack.stat().st_size]
    file = repo_copy / "policies/standards/STD-TICKET.yaml"
    for n in range(12):  # each edit appends the edited file's report part: dead records pile up
        file.write_text(file.read_text(encoding="utf-8") + f"# 第 {n} 次编辑\n", encoding="utf-8")
        check(repo_copy, cache=True)
        sizes.append(pack.stat().st_size)
    assert any(after < before for before, after in zip(sizes, sizes[1:])), sizes  # rewritten at least once
    assert max(sizes) < 1.3 * sizes[0]
    live = {entry[1] for entry in _entries(repo_copy).values()}
    assert live <= {r.split(b" ", 1)[0].decode() for r in pack.read_bytes().splitlines()}
    replace_in(repo_copy / "policies/standards/STD-TICKET.yaml", "- id: ticket-content", "- id: ticket-contents")
    assert _keys(check(repo_copy, cache=True)) == _keys(check(repo_copy))


def test_cache_stays_out_of_git(repo_copy: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=repo_copy, check=True)
    check(repo_copy, cache=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo_copy,
                            capture_output=True, text=True, check=True).stdout
    assert CACHE_DIR not in status and "policies/" in status


def test_cli_uses_the_cache_and_no_cache_leaves_none(repo_copy: Path, cli) -> None:
    assert cli("check", "--no-cache", cwd=repo_copy).code == 0
    assert not (repo_copy / CACHE_DIR).exists()
    assert cli("check", cwd=repo_copy).code == 0
    assert (repo_copy / CACHE_DIR).is_dir()


def test_an_edit_is_journaled_not_rewritten_and_the_next_run_reads_it(repo_copy: Path, monkeypatch) -> None:
    import revise.check.engine
    check(repo_copy, cache=True)
    cache = repo_copy / CACHE_DIR
    table, index = next(cache.glob("check-*.json")), next(cache.glob("index-*.txt"))
    before = table.read_bytes(), index.read_bytes()
    script = repo_copy / "policies/scripts/SCR-CLOSING.yaml"
    replace_in(script, "next: goodbye", "next: good-bye")
    one = check(repo_copy, [script], cache=True)
    assert [p.rule for p in one.problems] == ["script-unknown-step"]
    assert (table.read_bytes(), index.read_bytes()) == before  # the 10,000-entry files are left alone
    journal = next(cache.glob("journal-*.txt"))
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert lines[0] == json.loads(before[0])["token"] and [json.loads(line)[0] for line in lines[1:]] == [
        "policies/scripts/SCR-CLOSING.yaml"]
    analysed: list[str] = []
    real = revise.check.engine._analyse_files

    def counting(root, files, schemas, fast):
        analysed.extend(rel for _, rel in files)
        return real(root, files, schemas, fast)
    monkeypatch.setattr(revise.check.engine, "_analyse_files", counting)
    warm = check(repo_copy, cache=True)
    assert analysed == []  # the edited file's new entry came from the journal
    assert _keys(warm) == _keys(check(repo_copy))


def test_a_journal_cut_short_or_left_by_another_table_costs_only_a_re_read(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    script = repo_copy / "policies/scripts/SCR-CLOSING.yaml"
    replace_in(script, "next: goodbye", "next: good-bye")
    check(repo_copy, [script], cache=True)
    journal = next((repo_copy / CACHE_DIR).glob("journal-*.txt"))
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text[:-40], encoding="utf-8")  # a crash in the middle of the append
    rel = "policies/scripts/SCR-CLOSING.yaml"
    assert _entries(repo_copy)[rel][1] != content_hash(script.read_bytes())  # the cut line is skipped
    assert [p.rule for p in check(repo_copy, cache=True).problems] == ["script-unknown-step"]
    replace_in(script, "next: good-bye", "next: goodbye  # 改回")
    check(repo_copy, [script], cache=True)
    assert _entries(repo_copy)[rel][1] == content_hash(script.read_bytes())
    journal.write_text("4 1 1\n" + journal.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert _entries(repo_copy)[rel][1] != content_hash(script.read_bytes())  # not this table's journal
    assert check(repo_copy, cache=True).problems == []


def test_a_full_journal_is_folded_into_the_table(repo_copy: Path, monkeypatch) -> None:
    import revise.check.cache
    monkeypatch.setattr(revise.check.cache, "JOURNAL_MAX", 2)
    check(repo_copy, cache=True)
    cache = repo_copy / CACHE_DIR
    file = repo_copy / "policies/standards/STD-TICKET.yaml"
    journals = []
    for n in range(3):
        file.write_text(file.read_text(encoding="utf-8") + f"# 第 {n} 次编辑\n", encoding="utf-8")
        check(repo_copy, [file], cache=True)
        journals.append(len(list(cache.glob("journal-*.txt"))))
    assert journals == [1, 1, 0]  # the third edit rewrote the table and dropped the journal
    table = json.loads(next(cache.glob("check-*.json")).read_text(encoding="utf-8"))
    assert table["files"]["policies/standards/STD-TICKET.yaml"] == _entries(repo_copy)["policies/standards/STD-TICKET.yaml"]
    assert _keys(check(repo_copy, cache=True)) == _keys(check(repo_copy))


def test_a_one_file_check_reads_only_the_targets_it_needs(repo_copy: Path, monkeypatch) -> None:
    """Checking a script reads no standard's targets; checking a standard reads only the targets
    of standards that mention its metrics or escalated clauses (the targets rules say so)."""
    from revise.check.facts import DocFacts
    check(repo_copy, cache=True)
    read: set[str] = set()
    real = DocFacts.targets

    def spy(self: DocFacts) -> list:
        read.add(self.path)
        return real.fget(self)
    monkeypatch.setattr(DocFacts, "targets", property(spy))
    script = repo_copy / "policies/scripts/SCR-CLOSING.yaml"
    replace_in(script, "next: goodbye", "next: goodbye  # 改")
    assert check(repo_copy, [script], cache=True).problems == []
    assert read <= {"policies/scripts/SCR-CLOSING.yaml"}
    with_targets = {rel for rel, entry in _entries(repo_copy).items() if "t" in entry[4]}
    standard = "policies/standards/STD-TICKET.yaml"
    assert standard in with_targets and len(with_targets) >= 4
    replace_in(repo_copy / standard, "- id: ticket-content", "- id: ticket-content  # 改")
    read.clear()
    assert check(repo_copy, [repo_copy / standard], cache=True).problems == []
    assert standard in read and read < with_targets
