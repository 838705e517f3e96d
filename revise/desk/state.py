"""What every request of one desk process shares: its settings, its clone, the records database,
and the org chart on main (read again only when main moves)."""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from sqlalchemy.engine import Engine

from revise.desk.clone import Clone
from revise.desk.settings import Settings
from revise.records import db
from revise.workflow import orgchart
from revise.workflow.orgchart import OrgChart


class Desk:
    def __init__(self, settings: Settings, *, migrate: bool = True) -> None:
        self.settings = settings
        settings.data.mkdir(parents=True, exist_ok=True)
        self.clone = Clone(settings.data, settings.source, settings.remote, settings.fetch_interval)
        self.engine: Engine = db.open_database(settings.database or db.default_url(settings.data), upgrade=migrate)
        self._org: tuple[str, OrgChart] | None = None
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        return self.clone.root

    def org(self) -> OrgChart:
        """The org chart on the clone's main, parsed once per commit of main."""
        main = self.clone.main()
        with self._lock:
            if self._org is None or self._org[0] != main:
                self._org = (main, orgchart.load(self.root, "refs/heads/main"))
            return self._org[1]


def secret_key(data: Path) -> str:
    """The key that signs session cookies, made once and kept (mode 600) in the data folder, so
    every worker process and every restart honours the same sessions."""
    path = data / "session.key"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        tmp = data / f".session.key.{secrets.token_hex(4)}"
        tmp.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)  # atomic: when two workers start at once, the first key wins
        except FileExistsError:
            pass
        tmp.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()
