"""The proposal file `proposals/<ID>.yaml`: reading it safely, validating it, writing it back.

The file on the branch `revise/<ID>` is the state of the proposal. It is read with the
project's safe loader and validated against `schemas/proposal.schema.json`; it is written
with plain block YAML (Unicode kept as is, every string quoted when YAML would misread it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from revise.errors import InputError, UsageError
from revise.messages import t

if TYPE_CHECKING:
    from revise.schema.schemaset import SchemaSet

PROPOSALS = "proposals"
BRANCH_PREFIX = "revise/"
ID_RE = re.compile(r"^RP-(\d{4})-(\d{4})$")
OPEN_STATES = ("request", "scored", "draft", "review", "pilot", "approved")
HEADER = "# yaml-language-server: $schema=../revise/schema/json/proposal.schema.json\n"
# the digest of a draft that changes nothing (`gates.Draft` of no files): only a periodic review may submit one
EMPTY_DIGEST = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def file_path(pid: str) -> str:
    return f"{PROPOSALS}/{pid}.yaml"


def empty_draft(data: dict[str, Any]) -> bool:
    """Whether the proposal's submitted draft changes nothing (a periodic review that found nothing to change)."""
    return (data.get("draft") or {}).get("digest") == EMPTY_DIGEST


def branch_name(pid: str) -> str:
    return BRANCH_PREFIX + pid


def check_id(pid: str) -> str:
    """`pid` if it is a well-formed proposal id; otherwise a `UsageError` saying what one looks like."""
    if not isinstance(pid, str) or not ID_RE.match(pid):
        raise UsageError(t("wf.bad-id", id=pid), t("wf.bad-id.hint"))
    return pid


def now() -> str:
    """The current time as ISO 8601 with the local offset, to the second."""
    from datetime import datetime, timezone  # only steps stamp times; listing should not load it
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def loads(raw: bytes, where: str, schemas: SchemaSet | None = None) -> dict[str, Any]:
    """Parse and validate a proposal file's bytes; `InputError` naming `where`, line, column and field."""
    from revise.corpus.documents import MAX_FILE_BYTES  # capped as policy files are: never parse a huge file
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{where}:1:1: {t('file-too-large', size=len(raw), limit=MAX_FILE_BYTES)}", t("file-too-large.proposal-hint"))
    from revise.corpus.yamlsafe import YamlProblem, decode, field_path, parse  # not at the top: the queue reads a cache
    try:
        parsed = parse(decode(raw))
    except YamlProblem as exc:
        raise InputError(f"{where}:{exc.line}:{exc.column}: {exc.message}", exc.hint) from None
    data = parsed.data
    if not isinstance(data, dict):
        raise InputError(f"{where}:1:1: {t('yaml-root', found=type(data).__name__)}")
    schemas = schemas or schemas_for(None)
    if schemas.is_valid("proposal", data):  # the compiled check: jsonschema is loaded only to explain a no
        return data
    validator = schemas.validator("proposal")
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        line, column = parsed.where(path)
        raise InputError(f"{where}:{line}:{column}: {t('wf.bad-proposal', field=field_path(path) or '/', error=error.message)}")
    return data


@lru_cache(maxsize=1)
def _dumper() -> type:
    """Block style; multi-line strings as literal blocks (PyYAML is imported on first write)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value and not value.endswith((" ", "\t")) and "\r" not in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def dumps(data: dict[str, Any]) -> bytes:
    """The file's bytes: the schema modeline, then the fields in a stable order."""
    import yaml
    body = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    return (HEADER + body).encode("utf-8")


def new(pid: str, *, title: str, source: str, targets: list[str], background: str, evidence: list[str],
        author: str) -> dict[str, Any]:
    """A fresh proposal in state `request`."""
    data: dict[str, Any] = {"id": pid, "title": title, "source": source, "targets": list(targets)}
    if background:
        data["background"] = background
    if evidence:
        data["evidence"] = list(evidence)
    data.update({"author": author, "created": now(), "state": "request"})
    return data


def next_id(existing: set[str], year: int) -> str:
    """The next free `RP-<year>-NNNN`: one more than the highest number used this year."""
    numbers = [int(m.group(2)) for pid in existing if (m := ID_RE.match(pid)) and int(m.group(1)) == year]
    return f"RP-{year}-{max(numbers, default=0) + 1:04d}"


def schemas_for(root: Path | None) -> SchemaSet:
    """The repository's schemas (this module imports them on first use)."""
    from revise.schema.schemaset import SchemaSet
    return SchemaSet(root / "schemas" if root else None)
