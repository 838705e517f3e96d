"""The revision archive (修订档案): the proposal files under `proposals/`, read safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from revise.corpus.documents import read_bytes
from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.errors import InputError
from revise.messages import t

PROPOSAL_DIR = "proposals"


@dataclass(frozen=True)
class Proposal:
    """One proposal file: its path relative to the repository and its data."""

    path: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data.get("id") or FsPath(self.path).stem)


def load_proposals(root: FsPath) -> list[Proposal]:
    """Every `proposals/*.yaml`, newest id first. An unreadable file raises `InputError` naming it."""
    folder = root / PROPOSAL_DIR
    found: list[Proposal] = []
    for file in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        rel = file.relative_to(root).as_posix()
        raw = read_bytes(root, file, rel)  # as policy files are read: size-capped, no links out of the repository
        if not isinstance(raw, bytes):
            hint = t("file-too-large.proposal-hint") if raw.rule == "file-too-large" else raw.hint
            raise InputError(f"{rel}:{raw.line}:{raw.column}: {raw.message}", hint or None)
        try:
            parsed = parse(decode(raw))
        except YamlProblem as exc:
            raise InputError(f"{rel}:{exc.line}:{exc.column}: {exc.message}", exc.hint or None) from exc
        if not isinstance(parsed.data, dict):
            raise InputError(f"{rel}:1:1: {t('yaml-root', found=t('type.array') if isinstance(parsed.data, list) else t('type.string'))}")
        found.append(Proposal(rel, parsed.data))
    return sorted(found, key=lambda p: p.id, reverse=True)


def published(proposals: list[Proposal]) -> list[Proposal]:
    """Published proposals, the most recently published first."""
    done = [p for p in proposals if p.data.get("state") == "published"]
    return sorted(done, key=lambda p: str((p.data.get("publication") or {}).get("at") or ""), reverse=True)
