"""Shared fixtures: the shipped repository, a disposable copy of it, and a CLI runner."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from revise.messages import set_language

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"  # Debian's chromium; no browser is ever downloaded
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def replace_in(file: Path, old: str, new: str) -> None:
    """Edit `file` as an editor would: the first `old` becomes `new` (which must be there)."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_golden(file: Path, actual: str) -> None:
    """`actual` must equal the golden `file`; with REVISE_UPDATE_GOLDEN=1 the file is rewritten
    instead (then review its diff as you would a change of code)."""
    if os.environ.get("REVISE_UPDATE_GOLDEN"):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(actual, encoding="utf-8")
    assert file.exists(), f"golden file {file} is missing; run with REVISE_UPDATE_GOLDEN=1 and review it"
    assert actual == file.read_text(encoding="utf-8"), f"differs from {file} (REVISE_UPDATE_GOLDEN=1 rewrites it)"


@pytest.fixture(autouse=True)
def chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see Chinese messages whatever the machine's LANG is, unless they ask otherwise."""
    monkeypatch.setenv("REVISE_LANG", "zh")
    set_language(None)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the shipped policies and schemas (no git)."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("policies", "proposals"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, dest / name)
    for name in ("revise.yaml",):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dest / name)
    adopted(dest)
    return dest


ADOPTED = "2026-01-01"
_EFFECTIVE = re.compile(r"^effective_from: \d{4}-\d{2}-\d{2}$", re.M)


def adopted(root: Path) -> None:
    """Every copied document in force from ADOPTED, the first day of the sample data.

    The shipped repository's history holds the versions in force before its archived revisions
    (RP-2026-0001…0003, effective April to September 2026); a copy without that history would have
    nothing in force before those dates. Its documents keep their versions and content."""
    for file in (root / "policies").rglob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        fixed = _EFFECTIVE.sub(f"effective_from: {ADOPTED}", text)
        if fixed != text:
            file.write_text(fixed, encoding="utf-8")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """Run `python -m revise.cli ARGS` as a real process and capture what it prints."""
    proc = subprocess.run([sys.executable, "-m", "revise.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run, driven by Playwright's sync API.

    Playwright allows one sync session per thread, so every browser test shares this one.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def cli():
    return run_cli


# --- a throw-away PostgreSQL cluster (Debian's postgresql), for the records database -------------
def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert found, "PostgreSQL is not installed (scripts/test.sh installs Debian's postgresql)"
    return found[-1].parent


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """A PostgreSQL server of its own (initdb + pg_ctl on a free port in a temporary folder), as the
    `postgres` user when run as root (initdb refuses root); its URL; stopped and removed after.
    The `postgres_url` fixture, and the benchmarks, which run outside pytest."""
    import os
    import socket
    import tempfile
    bindir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="revise-pg-"))
    data = folder / "data"
    data.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    as_user: list[str] = []
    if os.geteuid() == 0:
        folder.chmod(0o755)
        shutil.chown(data, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--no-instructions"], check=True, capture_output=True)
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL server for the whole run (`postgres_cluster`)."""
    with postgres_cluster() as url:
        yield url
