"""Benchmark: the desk (`revise serve`) with 500 open proposals and 20 concurrent clients.

    .venv/bin/python tests/bench/bench_desk.py [--proposals 500] [--clients 20] [--rounds 10] [--workers 1]

Builds a repository from the shipped corpus with N proposal branches (the genuine step commits
`tests/bench/bench_queue.py` writes with `git fast-import`) plus `--review` proposals drafted and
submitted by the core, pushes them to a bare remote, and starts `revise serve --auth demo` as a
real process on 127.0.0.1. Then, with `--clients` clients signed in as different people, each
asking in turn:

  Q  the queue page (/queue), all N proposals ranked
  P  a proposal page (/proposals/ID): request, scores, semantic diff, impact, gates, timeline
  S  the queue as `revise queue --format json`, run as a command in the desk's clone (the CLI's way)
  R  an approval through the API: a review step committed and pushed to the bare remote, one at a time,
     and R20 twenty at once (different proposals, different reviewers)

Server time is the desk's own `Server-Timing` figure (from the request reaching the application to
its answer); wall time is what the client waited. Figures are medians and 95th percentiles.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.bench.bench_queue import build, revise_command  # noqa: E402

COURTESY = "policies/standards/STD-COURTESY.yaml"
CLIENTS = ["wang.siyuan@example.com", "yuan.bo@example.com", "qian.lu@example.com", "shao.chen@example.com",
           "fan.lin@example.com", "song.kai@example.com", "du.peng@example.com", "li.ting@example.com"]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def in_review(root: Path, n: int) -> list[str]:
    """`n` proposals drafted and submitted by the core, as the CLI would make them."""
    from revise import workflow
    from revise.workflow import drafting
    from revise.workflow.gitstore import Author
    author, chair = Author("李婷", "li.ting@example.com"), Author("王思远", "wang.siyuan@example.com")
    text = (root / COURTESY).read_bytes().replace("待客户先挂断或先结束会话".encode(), "待客户先挂断或先结束会话后再结束".encode())
    pids = []
    for i in range(n):
        pid = workflow.request(root, title=f"礼貌用语修订 {i}", source="internal", targets=["STD-COURTESY"], actor=author)
        workflow.score(root, pid, impact=3, cost=2, urgency=5, actor=chair)
        workflow.draft(root, pid, actor=author, checkout=False)
        drafting.edit(root, pid, {COURTESY: text}, actor=author)
        drafting.submit_branch(root, pid, actor=author)
        pids.append(pid)
    return pids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(root: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([*revise_command(), "-C", str(root), "serve", "--auth", "demo", "--remote", "origin", "--port", str(port),
                             "--workers", str(workers), "--handbook", str(root / "no-handbook")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/signin", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("revise serve did not start: " + (proc.stderr.read() if proc.stderr else ""))


def signed_in(url: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=120)
    page = client.get("/signin").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post("/signin/demo", data={"csrf": token, "email": email})
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
    return client


def server_ms(response: httpx.Response) -> float:
    return float(response.headers["server-timing"].split("dur=")[1])


def load(clients: list[httpx.Client], paths: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Every client asks `rounds` of `paths` in turn, all at once; (server ms, wall ms) of every answer."""
    server: list[float] = []
    wall: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients))

    def run(i: int, client: httpx.Client) -> None:
        barrier.wait()
        for r in range(rounds):
            path = paths[(i + r) % len(paths)]
            t0 = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - t0) * 1000
            assert response.status_code == 200, (path, response.status_code)
            with lock:
                server.append(server_ms(response))
                wall.append(elapsed)
    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return server, wall


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def line(name: str, values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f} ms, p95 {p95(values):6.1f} ms (n={len(values)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--review", type=int, default=40, help="proposals in review, for the approvals")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        base = Path(tmp)
        os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(base / "gitconfig")})
        t0 = time.perf_counter()
        root = build(base, args.proposals)
        reviews = in_review(root, args.review)
        remote = base / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
        git(root, "remote", "add", "origin", str(remote))
        git(root, "push", "-q", "origin", "main", "refs/heads/revise/*:refs/heads/revise/*")
        print(f"built {args.proposals} + {args.review} open proposals in {time.perf_counter() - t0:.0f} s")
        proc, url = start(root, args.workers)
        try:
            report(root, url, reviews, args)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(root / ".revise-desk", ignore_errors=True)
    return 0


def report(root: Path, url: str, reviews: list[str], args: argparse.Namespace) -> None:
    clients = [signed_in(url, CLIENTS[i % len(CLIENTS)]) for i in range(args.clients)]
    listed = clients[0].get("/api/queue").json()["proposals"]
    pids = [row["id"] for row in listed]
    sample = [f"/proposals/{pid}" for pid in (pids[:10] + reviews[:10])]
    cold = []
    for path in sample:
        cold.append(server_ms(clients[0].get(path)))
    clients[0].get("/queue")
    q_server, q_wall = load(clients, ["/queue"], args.rounds)
    p_server, p_wall = load(clients, sample, args.rounds)
    print(f"open proposals listed: {len(listed)}; clients: {args.clients}; rounds each: {args.rounds}; workers: {args.workers}")
    print(f"Q  queue page      server {line('Q', q_server)}; wall {line('Q', q_wall)}")
    print(f"P  proposal page   server {line('P', p_server)}; wall {line('P', p_wall)}")
    print(f"   proposal page, first view of each (computes status, diff, impact): server {line('P0', cold)}")
    clone = root / ".revise-desk" / "repo"
    s_wall = []
    for _ in range(9):
        t0 = time.perf_counter()
        subprocess.run([*revise_command(), "-C", str(clone), "queue", "--format", "json"], check=True, capture_output=True)
        s_wall.append((time.perf_counter() - t0) * 1000)
    print(f"S  revise queue --format json as a command: wall {line('S', s_wall)}; "
          f"queue page / command (medians, wall): {statistics.median(q_wall) / statistics.median(s_wall):.2f}x")
    legal = signed_in(url, "yuan.bo@example.com")
    r_wall, r_server = [], []
    half = len(reviews) // 2
    for pid in reviews[:half]:
        t0 = time.perf_counter()
        response = legal.post(f"/api/proposals/{pid}/review", json={"area": "legal", "decision": "approve"})
        r_wall.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.text
        r_server.append(server_ms(response))
    print(f"R  approval (commit + push), one at a time: server {line('R', r_server)}; wall {line('R', r_wall)}")
    rest = reviews[half:half + 20]
    reviewers = [signed_in(url, email) for email in ("qian.lu@example.com", "yuan.bo@example.com")]
    walls: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(rest))

    def approve(i: int, pid: str) -> None:
        barrier.wait()
        t0 = time.perf_counter()
        response = reviewers[i % 2].post(f"/api/proposals/{pid}/review", json={"area": "legal", "decision": "approve"})
        assert response.status_code == 200, response.text
        with lock:
            walls.append((time.perf_counter() - t0) * 1000)
    threads = [threading.Thread(target=approve, args=(i, pid)) for i, pid in enumerate(rest)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    print(f"R20 {len(rest)} approvals at once (serialised by the write lock): wall {line('R20', walls)}")


if __name__ == "__main__":
    raise SystemExit(main())
