"""Fixtures for the desk: a policy repository with a bare remote (tests/workflow's), the desk served
by a real uvicorn on 127.0.0.1, and people signed in through its pages (demo or password) or through
a trusted proxy's header, each with their own cookie jar."""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
import uvicorn

from revise.desk.app import create_app
from revise.desk.settings import Settings, resolve
from tests.workflow.conftest import (  # noqa: F401  (fixtures re-exported for the desk tests)
    AUTHOR,
    BUSINESS,
    CHAIR,
    IT,
    LEGAL,
    LEGAL2,
    Repo,
    git,
    isolated_git,
    make_repo,
)

FIRST_REPLY = "policies/standards/STD-RESPONSE.yaml"
PEOPLE = {"author": AUTHOR, "chair": CHAIR, "legal": LEGAL, "business": BUSINESS, "it": IT}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A desk answering on 127.0.0.1, over `repo` and its bare remote."""

    url: str
    repo: Repo
    settings: Settings
    app: Any

    def person(self, email: str, *, password: str | None = None) -> Person:
        """A browser-less person signed in through the sign-in page (demo, or password when given)."""
        client = httpx.Client(base_url=self.url, timeout=60, follow_redirects=False)
        page = client.get("/signin")
        token = csrf_in(page.text)
        if password is None:
            r = client.post("/signin/demo", data={"csrf": token, "email": email})
        else:
            r = client.post("/signin", data={"csrf": token, "email": email, "password": password})
        assert r.status_code == 303, r.text
        session = client.get("/api/session").json()
        client.headers["X-CSRF-Token"] = session["csrf"]
        return Person(email, client, session["csrf"])

    def remote_refs(self) -> str:
        return git(self.repo.remote, "for-each-ref", "--format=%(refname) %(objectname)")


@dataclass
class Person:
    email: str
    client: httpx.Client
    csrf: str

    def step(self, pid: str, step: str, **body: Any) -> httpx.Response:
        return self.client.post(f"/api/proposals/{pid}/{step}", json=body)

    def request(self, **body: Any) -> str:
        r = self.client.post("/api/proposals", json=body)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])


def csrf_in(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def serve(settings: Settings) -> Iterator[Served]:
    """Run the desk in a uvicorn server thread until the generator is closed."""
    app = create_app(settings)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning", proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the desk did not start"
        time.sleep(0.02)
    try:
        yield Served(f"http://{settings.host}:{settings.port}", Repo(settings.source, settings.source.parent / "remote.git"),
                     settings, app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def desk_settings(repo: Repo, **flags: Any) -> Settings:
    flags.setdefault("auth", "demo")
    flags.setdefault("remote", "origin")  # the tests' bare remote (a demo without one pushes to a sandbox)
    settings = resolve(repo.root, {"port": free_port(), **flags})
    return replace(settings, fetch_interval=0.0)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Served]:
    """A fresh repository and its remote, and a demo desk over them."""
    repo = make_repo(tmp_path)
    yield from serve(desk_settings(repo))


def to_review_via(served: Served, people: dict[str, Person], *, title: str = "文字咨询人工首次响应缩短至 20 秒") -> str:
    """Through the API: the author files, the chair scores, the author drafts, edits and submits."""
    author, chair = people["author"], people["chair"]
    pid = author.request(title=title, source="customer-feedback", targets=["STD-RESPONSE"], evidence=["投诉 37 起"])
    assert chair.step(pid, "score", impact=4, cost=2, urgency=4).status_code == 200
    assert author.step(pid, "draft").status_code == 200
    text = (served.repo.root / FIRST_REPLY).read_text(encoding="utf-8")
    text = text.replace("value: 30\n        unit: second\n  - id: voice-answer", "value: 20\n        unit: second\n  - id: voice-answer")
    r = author.step(pid, "edit", files={FIRST_REPLY: text.replace("坐席须在 30 秒内", "坐席须在 20 秒内")}, summary="30 → 20 秒")
    assert r.status_code == 200, r.text
    r = author.step(pid, "submit")
    assert r.status_code == 200, r.text
    return pid
