"""The JSON API on a real server: the same answers as the CLI, and every refusal the issue lists
(each asserting its reason and that nothing changed on the remote)."""

from __future__ import annotations

import json
import os

import httpx

from revise.workflow.gitstore import git as run_git
from tests.conftest import run_cli
from tests.desk.conftest import PEOPLE, Served, desk_settings, serve, to_review_via
from tests.workflow.conftest import AGENT, make_repo


def signed(desk: Served) -> dict:
    return {role: desk.person(email) for role, email in PEOPLE.items()}


def test_session_queue_and_status_are_the_clis(desk: Served) -> None:
    people = signed(desk)
    pid = to_review_via(desk, people)
    session = people["legal"].client.get("/api/session").json()
    assert (session["email"], session["name"], session["roles"]) == ("yuan.bo@example.com", "袁博", ["legal-counsel"])
    assert session["csrf"] == people["legal"].csrf
    env = {**os.environ, "GIT_AUTHOR_EMAIL": "x@example.com", "GIT_AUTHOR_NAME": "x"}
    clone = desk.settings.data / "repo"
    cli_queue = run_cli("-C", str(clone), "queue", "--format", "json", env=env)
    assert cli_queue.code == 0, cli_queue.err
    assert people["legal"].client.get("/api/queue").json() == json.loads(cli_queue.out)
    cli_status = json.loads(run_cli("-C", str(clone), "status", pid, "--format", "json", env=env).out)
    api_status = people["legal"].client.get(f"/api/proposals/{pid}").json()
    actions = api_status.pop("actions")
    assert api_status == cli_status
    allowed = {(a["step"], a["area"]) for a in actions if a["allowed"]}
    assert ("review", "legal") in allowed and ("review", "business") not in allowed
    refused = {(a["step"], a["area"]): a for a in actions if not a["allowed"]}
    assert refused[("review", "business")]["status"] == 403 and "不担任" in refused[("review", "business")]["reason"]
    assert refused[("publish", None)]["status"] == 409  # legal is on the committee; the state forbids it


def test_steps_land_on_the_remote_authored_by_the_person_committed_by_the_desk(desk: Served) -> None:
    people = signed(desk)
    pid = to_review_via(desk, people)
    r = people["legal"].step(pid, "review", area="legal", decision="approve", message="合规")
    assert r.status_code == 200, r.text
    assert r.json()["gates"][0]["status"] == "approved"
    log = run_git(desk.repo.remote, "log", "-1", "--format=%an|%ae|%ce|%(trailers:key=Revise-Via,valueonly)", f"revise/{pid}")
    name, author, committer, via = log.strip().split("|")
    assert (name, author, committer, via.strip()) == ("袁博", "yuan.bo@example.com", "desk@example.com", "desk (demo)")


def test_the_author_cannot_approve_their_own_draft(desk: Served) -> None:
    people = signed(desk)
    pid = to_review_via(desk, people)
    page = people["author"].client.get(f"/proposals/{pid}").text
    assert f'action="/proposals/{pid}/act/review"' not in page  # no button
    before = desk.remote_refs()
    r = people["author"].step(pid, "review", area="business", decision="approve")
    assert r.status_code == 403
    assert "发起人" in r.json()["error"] and "不能评审自己的提案" in r.json()["error"]
    assert desk.remote_refs() == before


def test_a_person_without_the_role_is_refused(desk: Served) -> None:
    people = signed(desk)
    pid = to_review_via(desk, people)
    agent = desk.person(AGENT)
    page = agent.client.get(f"/proposals/{pid}").text
    assert "/act/review" not in page and "/act/publish" not in page and "/act/reject" not in page
    assert "等待评审：" in page and "revise review" not in page  # the next step in the desk's words
    before = desk.remote_refs()
    r = agent.step(pid, "review", area="legal", decision="approve")
    assert r.status_code == 403 and "不在组织架构中" not in r.json()["error"]
    assert "lin.xiao@example.com" in r.json()["error"]
    r = people["business"].step(pid, "publish", effective="2099-01-01")
    assert r.status_code == 409, r.text  # a committee member, but the proposal is not approved
    assert "不能执行" in r.json()["error"]
    assert desk.remote_refs() == before


def test_a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing(desk: Served) -> None:
    people = signed(desk)
    pid = to_review_via(desk, people)
    legal = people["legal"]
    before = desk.remote_refs()
    for headers in ({"X-CSRF-Token": ""}, {"X-CSRF-Token": "forged"}):
        r = legal.client.post(f"/api/proposals/{pid}/review", json={"area": "legal", "decision": "approve"}, headers=headers)
        assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    bare = httpx.Client(base_url=desk.url, cookies=legal.client.cookies)
    r = bare.post(f"/proposals/{pid}/act/review", data={"area": "legal", "decision": "approve"})
    assert r.status_code == 403 and "CSRF" in r.text
    assert desk.remote_refs() == before


def test_bad_values_and_bodies(desk: Served) -> None:
    people = signed(desk)
    pid = to_review_via(desk, people)
    legal = people["legal"]
    r = legal.step(pid, "review", area="legal", decision="maybe")
    assert r.status_code == 400 and "maybe" in r.json()["error"]
    r = people["chair"].step(pid, "score", impact="many", cost=1, urgency=1)
    assert r.status_code == 422 and "impact" in r.json()["error"]
    assert legal.client.get("/api/proposals/RP-1").status_code == 400
    assert legal.step(pid, "dance").status_code == 422


def test_header_sign_in_is_believed_only_from_a_trusted_proxy(tmp_path) -> None:
    repo = make_repo(tmp_path)
    for proxies, expected in ((["10.9.9.9"], 401), (["127.0.0.1"], 200)):
        settings = desk_settings(repo, auth="header", trusted_proxies=proxies, data=tmp_path / f"data-{expected}")
        for served in serve(settings):
            client = httpx.Client(base_url=served.url)
            r = client.get("/api/session", headers={"X-Remote-User": "wang.siyuan@example.com"})
            assert r.status_code == expected, r.text
            if expected == 401:
                assert r.json()["detail"] == "未登录"
                assert client.get("/", headers={"X-Remote-User": "wang.siyuan@example.com"}).status_code == 303
            else:
                assert r.json()["email"] == "wang.siyuan@example.com" and r.json()["via"] == "desk (header)"
                token = r.json()["csrf"]
                pid_r = client.post("/api/proposals", headers={"X-Remote-User": "wang.siyuan@example.com"},
                                    json={"title": "t", "source": "internal", "targets": ["STD-RESPONSE"]})
                assert pid_r.status_code == 403  # the header signs in; it is no CSRF token
                pid_r = client.post("/api/proposals", headers={"X-Remote-User": "wang.siyuan@example.com", "X-CSRF-Token": token},
                                    json={"title": "t", "source": "internal", "targets": ["STD-RESPONSE"]})
                assert pid_r.status_code == 201, pid_r.text
                assert client.get("/api/session", headers={"X-Remote-User": "nobody@example.com"}).status_code == 401


def test_english_with_the_same_switch_as_the_cli(desk: Served) -> None:
    from revise.messages import speaking
    person = desk.person(AGENT)
    with speaking("en"):
        page = person.client.get("/queue").text
        refused = person.client.post("/api/proposals/RP-2026-0001/review", json={"area": "legal", "decision": "approve"})
    assert "Revision queue" in page and "修订队列" not in page
    assert refused.status_code == 400 and "no proposal" in refused.json()["error"]
    assert "修订队列" in person.client.get("/queue").text
