"""Fixtures for the handbook tests: repository copies, real `mkdocs build --strict` runs, the built
site served on 127.0.0.1 by a threaded http.server, and Debian's headless Chromium via Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, adopted  # noqa: F401  (CHROMIUM… re-exported for the handbook tests)

REPO = Path(__file__).resolve().parents[2]
HANDBOOK_FILES = ("policies", "proposals", "site", "mkdocs.yml")


def copy_repo(dest: Path) -> Path:
    """A copy of everything the handbook is built from (no git, no build output; every document in
    force from the first day of the sample data, see `tests.conftest.adopted`)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in HANDBOOK_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    (dest / "proposals").mkdir(exist_ok=True)
    adopted(dest)
    return dest


def mkdocs_build(repo: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of `repo` into `out`."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(repo / "mkdocs.yml"), "-d", str(out), *extra],
                          capture_output=True, text=True, timeout=300, env=env)


@dataclass
class Site:
    """A built handbook served over HTTP on 127.0.0.1; `requests` holds every path asked for (workers' too)."""

    root: Path
    url: str
    requests: list[str] = field(default_factory=list)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    requests: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()


def serve(root: Path) -> Iterator[Site]:
    """Serve `root` with a threaded http.server on 127.0.0.1 until the generator is closed."""
    site = Site(root, "")
    handler = functools.partial(type("Handler", (_Quiet,), {"requests": site.requests}), directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped corpus built with a plain `mkdocs build --strict`, served on 127.0.0.1."""
    work = tmp_path_factory.mktemp("shipped")
    repo = copy_repo(work / "repo")
    proc = mkdocs_build(repo, work / "site")
    assert proc.returncode == 0, proc.stderr
    yield from serve(work / "site")


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests write screenshots: test-artifacts/handbook/ in the repository."""
    folder = REPO / "test-artifacts" / "handbook"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
