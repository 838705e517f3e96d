"""The desk's ASGI application for uvicorn's worker processes (`revise serve --workers N`): the
parent prepared the clone and migrated the database, then passed its settings in the environment."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from fastapi import FastAPI

from revise.desk.settings import Settings

ENV = "REVISE_DESK_SETTINGS"


def export(settings: Settings) -> None:
    data = asdict(settings)
    os.environ[ENV] = json.dumps({k: (str(v) if isinstance(v, Path) else v) for k, v in data.items()})


def app() -> FastAPI:
    from revise.desk.app import create_app
    raw = json.loads(os.environ[ENV])
    for key in ("source", "data", "handbook"):
        if raw.get(key) is not None:
            raw[key] = Path(raw[key])
    raw["trusted_proxies"] = tuple(raw.get("trusted_proxies") or ())
    return create_app(Settings(**raw), migrate=False, prepare=False)
