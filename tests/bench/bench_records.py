"""Benchmark 阅读确认 at a large centre's scale: the manager's completion page and a publish.

    .venv/bin/python tests/bench/bench_records.py [--people 5000] [--versions 200] [--runs 5] [--databases sqlite,postgresql]

Builds a repository from the shipped corpus whose org chart holds `--people` people (agents,
supervisors, managers and one director, all of whom STD-RESPONSE applies to) and a records database
holding `--versions` document versions owed by every one of them (`--people` × `--versions`
obligations, 95 % acknowledged, due days spread over the last year), written with one
INSERT … SELECT. Then, on SQLite and on a throw-away PostgreSQL cluster, each the median of --runs:

- the publish: a publication of STD-RESPONSE version 2 lands on main and `sync.sync` reads it (the
  archive record, the impact analysis, the org chart) and records the `--people` new owed items and
  their tally, against the obvious alternative: one INSERT and one commit per owed item;
- the director's completion page `/reading/team` (every version's completion among all their people,
  and the 100 longest overdue), served by `revise serve` on 127.0.0.1 as a real server (Server-Timing
  and the client's wall time), against the obvious alternative for its numbers: counting the
  obligations with GROUP BY at request time instead of reading the tally (and the two must agree);
- one version's people (`/reading/team/STD-RESPONSE/2`, `--people` rows).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import sqlalchemy as sa  # noqa: E402

from revise.records import db, reading, scope, sync  # noqa: E402
from revise.records.tables import reading_acks, reading_obligations, reading_people, reading_sync, reading_tally  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PID = "RP-2026-0001"
TAG = f"published/{PID}"
DIRECTOR = "p00000@example.com"
STD = "policies/standards/STD-RESPONSE.yaml"
ORG = "policies/org/ORG-CENTRE.yaml"


def git(root: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@example.com", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root.parent), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout.strip()


def people(n: int) -> list[tuple[str, str, str]]:
    """(email, name, role): one director, then managers, supervisors and agents (1 : 5 : 25 per 125)."""
    found = [(DIRECTOR, "总监", "cs-director")]
    for i in range(1, n):
        role = "cs-manager" if i % 125 == 1 else "cs-supervisor" if i % 25 == 2 else "cs-agent"
        found.append((f"p{i:05d}@example.com", f"员工{i:05d}", role))
    return found


def build_repo(base: Path, staff: list[tuple[str, str, str]]) -> tuple[Path, str, str]:
    """The repository and its bare remote: (root, main before the publication, the publication)."""
    root = base / "repo"
    root.mkdir(parents=True)
    shutil.copytree(REPO / "policies", root / "policies")
    shutil.copy2(REPO / "revise.yaml", root / "revise.yaml")
    org = (root / ORG).read_text(encoding="utf-8")
    head, tail = org.split("\npeople:\n", 1)
    listing = "".join(f"  - name: {name}\n    email: {email}\n    roles: [{role}]\n" for email, name, role in staff)
    (root / ORG).write_text(head + "\npeople:\n" + listing + "committee:" + tail.split("\ncommittee:", 1)[1], encoding="utf-8")
    std = (root / STD).read_text(encoding="utf-8")
    roles = "applies_to:\n  - cs-agent\n  - cs-supervisor\n"
    (root / STD).write_text(std.replace(roles, roles + "  - cs-manager\n  - cs-director\n", 1), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")
    before = git(root, "rev-parse", "HEAD")
    std = (root / STD).read_text(encoding="utf-8")
    std = std.replace("version: 1\n", "version: 2\n", 1).replace("坐席须在 30 秒内", "坐席须在 20 秒内")
    (root / STD).write_text(std, encoding="utf-8")
    effective = date.today() + timedelta(days=10)
    (root / "proposals").mkdir()
    (root / f"proposals/{PID}.yaml").write_text(
        f"id: {PID}\ntitle: 文字咨询人工首次响应缩短至 20 秒\nstate: published\npublication:\n  effective: '{effective}'\n"
        f"  transition_days: 7\n  versions:\n    STD-RESPONSE: 2\n  tag: {TAG}\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"revise publish {PID}")
    git(root, "tag", TAG)
    after = git(root, "rev-parse", "HEAD")
    remote = base / "remote.git"
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "origin", "main", "--tags")
    return root, before, after


def fill(engine: sa.engine.Engine, staff: list[tuple[str, str, str]], versions: int, before: str) -> None:
    """`len(staff)` × `versions` obligations (95 % acknowledged) and their tally, by INSERT … SELECT."""
    meta = sa.MetaData()
    bp = sa.Table("bench_people", meta, sa.Column("n", sa.Integer), sa.Column("email", sa.String(320)), sa.Column("roles", sa.String(500)))
    bv = sa.Table("bench_versions", meta, sa.Column("n", sa.Integer), sa.Column("document", sa.String(100)),
                  sa.Column("version", sa.Integer), sa.Column("due", sa.Date))
    at = datetime.now(timezone.utc)
    today = date.today()
    meta.drop_all(engine)
    meta.create_all(engine)
    ob = reading_obligations
    with engine.begin() as conn:
        conn.execute(sa.insert(bp), [{"n": i, "email": e, "roles": r} for i, (e, _n, r) in enumerate(staff)])
        conn.execute(sa.insert(bv), [{"n": v, "document": f"BENCH-{v // 4:03d}", "version": v % 4 + 1,
                                      "due": today - timedelta(days=365 - v * 365 // max(versions, 1))} for v in range(versions)])
        acked = (bp.c.n + bv.c.n * 7) % 20 != 0
        when = sa.case((acked, sa.literal(at, sa.DateTime(timezone=True))), else_=sa.null())
        conn.execute(sa.insert(ob).from_select(
            ["person", "document", "version", "due", "roles", "reason", "proposal", "created_at", "acknowledged_at"],
            sa.select(bp.c.email, bv.c.document, bv.c.version, bv.c.due, bp.c.roles, sa.literal("publish"), sa.null(),
                      sa.literal(at, sa.DateTime(timezone=True)), when).select_from(bp.join(bv, sa.true()))))
        conn.execute(sa.insert(reading_acks).from_select(
            ["person", "document", "version", "acknowledged_at"],
            sa.select(ob.c.person, ob.c.document, ob.c.version, ob.c.acknowledged_at).where(ob.c.acknowledged_at.is_not(None))))
        retally(conn)
        conn.execute(sa.insert(reading_people), [{"email": e, "roles": r, "seen_at": at} for e, _n, r in staff])
    meta.drop_all(engine)
    reset_sync(engine, before)
    analyze(engine)


def retally(conn: sa.engine.Connection) -> None:
    ob = reading_obligations
    conn.execute(sa.delete(reading_tally))
    conn.execute(sa.insert(reading_tally).from_select(
        ["document", "version", "roles", "due", "owed", "acknowledged"],
        sa.select(ob.c.document, ob.c.version, ob.c.roles, ob.c.due, sa.func.count(), sa.func.count(ob.c.acknowledged_at))
        .group_by(ob.c.document, ob.c.version, ob.c.roles, ob.c.due)))


def analyze(engine: sa.engine.Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))


def reset_sync(engine: sa.engine.Engine, main: str) -> None:
    """Main as it was before the publication, and nothing of STD-RESPONSE version 2 recorded."""
    ob, tally = reading_obligations, reading_tally
    with engine.begin() as conn:
        conn.execute(sa.delete(ob).where(ob.c.document == "STD-RESPONSE"))
        conn.execute(sa.delete(tally).where(tally.c.document == "STD-RESPONSE"))
        conn.execute(sa.delete(reading_sync))
        conn.execute(sa.insert(reading_sync), [{"name": "main", "value": main}, {"name": "publications", "value": "{}"}])


def naive_publish(engine: sa.engine.Engine, staff: list[tuple[str, str, str]]) -> None:
    """The obvious alternative: one INSERT, one commit per owed item."""
    at = datetime.now(timezone.utc)
    due = date.today() + timedelta(days=17)
    for email, _name, role in staff:
        with engine.begin() as conn:
            conn.execute(sa.insert(reading_obligations).values(person=email, document="STD-RESPONSE", version=2, due=due, roles=role,
                                                                reason="publish", proposal=PID, created_at=at, acknowledged_at=None))


def group_by_count(engine: sa.engine.Engine, keys: list[str], today: date) -> list[tuple[Any, ...]]:
    """The obvious alternative for the page's numbers: count the obligations at request time."""
    ob = reading_obligations
    late = sa.case(((ob.c.acknowledged_at.is_(None)) & (ob.c.due < today), 1), else_=0)
    query = (sa.select(ob.c.document, ob.c.version, sa.func.count(), sa.func.count(ob.c.acknowledged_at), sa.func.sum(late))
             .where(ob.c.roles.in_(keys)).group_by(ob.c.document, ob.c.version))
    with engine.connect() as conn:
        return sorted(tuple(int(x) if isinstance(x, int) else x for x in r) for r in conn.execute(query))


def median_ms(fn: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def server_ms(response: Any) -> float:
    return float(response.headers["server-timing"].split("dur=")[1])


def bench(name: str, url: str, base: Path, args: argparse.Namespace) -> None:
    from tests.desk.conftest import desk_settings, serve
    from tests.workflow.conftest import Repo
    staff = people(args.people)
    root, before, after = build_repo(base / name, staff)
    engine = db.open_database(url)
    started = time.perf_counter()
    fill(engine, staff, args.versions, before)
    total = args.people * args.versions
    print(f"[{name}] {total:,} owed acknowledgements of {args.versions} versions by {args.people:,} people, "
          f"written in {time.perf_counter() - started:.1f} s")

    ms, done = median_ms(lambda: sync.sync(engine, root), args.runs, lambda: reset_sync(engine, before))
    print(f"[{name}] publish: sync.sync records {done.added:,} new owed items: {ms:.0f} ms (median of {args.runs})")
    naive, _ = median_ms(lambda: naive_publish(engine, staff), max(1, min(args.runs, 2)), lambda: reset_sync(engine, before))
    print(f"[{name}] publish, one INSERT + commit per owed item: {naive:.0f} ms ({naive / ms:.1f}x)")
    reset_sync(engine, before)
    assert sync.sync(engine, root).added == args.people
    analyze(engine)

    keys = scope.keys_in(reading.keys(engine), scope.load(root).below(["cs-director"]))
    today = date.today()
    tally_ms, from_tally = median_ms(lambda: reading.completion(engine, keys, today), args.runs)
    count_ms, counted = median_ms(lambda: group_by_count(engine, keys, today), args.runs)
    same = sorted((r["document"], r["version"], r["owed"], r["acknowledged"], r["overdue"]) for r in from_tally) == counted
    print(f"[{name}] completion numbers from the tally: {tally_ms:.1f} ms; GROUP BY over the obligations: {count_ms:.0f} ms "
          f"({count_ms / max(tally_ms, 0.001):.0f}x); same numbers: {same}")

    settings = replace(desk_settings(Repo(root, base / name / "remote.git"), database=url), data=base / name / "desk")
    with ExitStack() as stack:
        gen = serve(settings)
        served = next(gen)
        stack.callback(gen.close)
        director = served.person(DIRECTOR)
        for path, label in (("/reading/team", "director's completion page /reading/team"),
                            ("/reading/team/STD-RESPONSE/2", f"one version's people ({args.people:,} rows)")):
            director.client.get(path)  # warm: the org chart of this main parsed once per process
            walls, servers = [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                r = director.client.get(path)
                walls.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, r.text[:300]
                servers.append(server_ms(r))
            print(f"[{name}] {label}: server {statistics.median(servers):.0f} ms, client {statistics.median(walls):.0f} ms "
                  f"(median of {args.runs}; max {max(walls):.0f} ms)")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    from revise.messages import set_language
    set_language("zh")
    with tempfile.TemporaryDirectory(prefix="bench-records-") as tmp:
        base = Path(tmp)
        for name in args.databases.split(","):
            if name == "sqlite":
                bench(name, db.default_url(base), base, args)
            else:
                from tests.conftest import postgres_cluster
                with postgres_cluster() as url:
                    bench(name, url, base, args)


if __name__ == "__main__":
    main()
