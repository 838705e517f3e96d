"""The queue's caches: the last queue is reused only while no ref (nor any other input) has changed."""

from __future__ import annotations

import json

from revise import workflow

from .conftest import AUTHOR, CHAIR, git


def _queue(repo, *extra: str) -> dict:
    run = repo.cli(CHAIR, *extra, "queue", "--format", "json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_last_queue_is_reused_until_a_branch_moves(repo, act):
    first = act(AUTHOR, workflow.request, repo.root, title="甲", source="internal", targets=["STD-RESPONSE"])
    second = act(AUTHOR, workflow.request, repo.root, title="乙", source="internal", targets=["STD-RESPONSE"])
    act(CHAIR, workflow.score, repo.root, first, impact=2, cost=3, urgency=2)
    listed = _queue(repo)
    assert [r["id"] for r in listed["proposals"]] == [first, second]
    cached = repo.root / ".git/revise/queue-cache.json"
    assert _queue(repo) == listed

    # the stored queue is what answers while the refs are unchanged (edited here to prove it)
    stored = json.loads(cached.read_text(encoding="utf-8"))
    stored["entries"]["queue"]["proposals"][0]["title"] = "来自缓存"
    cached.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert _queue(repo)["proposals"][0]["title"] == "来自缓存"

    # one branch moves: the queue is computed afresh and ranks by the new score
    act(CHAIR, workflow.score, repo.root, second, impact=5, cost=1, urgency=5)
    fresh = _queue(repo)
    assert [r["id"] for r in fresh["proposals"]] == [second, first]
    assert "来自缓存" not in json.dumps(fresh, ensure_ascii=False)


def test_a_broken_cache_is_rebuilt(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="甲", source="internal", targets=["STD-RESPONSE"])
    listed = _queue(repo)
    for name in ("queue", "proposals", "settings"):
        (repo.root / f".git/revise/{name}-cache.json").write_bytes(b"\xff{ not json")
    assert _queue(repo) == listed and listed["proposals"][0]["id"] == pid


def test_messages_follow_the_language_not_the_cache(repo, act):
    bad = act(AUTHOR, workflow.request, repo.root, title="坏", source="internal", targets=["STD-RESPONSE"])
    git(repo.root, "checkout", "-q", f"revise/{bad}")
    (repo.root / f"proposals/{bad}.yaml").write_text("id: RP-2026-0001\n", encoding="utf-8")
    git(repo.root, "commit", "-qam", "drop the required fields")
    git(repo.root, "checkout", "-q", "main")
    chinese = _queue(repo)["unreadable"][0]["error"]
    english = _queue(repo, "--lang", "en")["unreadable"][0]["error"]
    assert chinese != english and _queue(repo)["unreadable"][0]["error"] == chinese
