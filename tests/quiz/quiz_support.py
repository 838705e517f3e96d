"""Helpers for the quiz tests (imported by name: `conftest` is ambiguous once several test folders have one)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> Run:
    """Run `python -m revise.cli ARGS` as a real process and capture what it prints."""
    proc = subprocess.run([sys.executable, "-m", "revise.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)
