"""`revise export`: one document as a formal text, written to the file the user named.

The file is written whole or not at all (a temporary file beside it, then linked or renamed into
place), never over an existing file unless the user asked (`force`), never into the folders revise
manages (policies/, proposals/, schemas/, .git), and with the permissions the user's umask gives.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from revise.corpus.documents import Document, load
from revise.errors import InputError, UsageError
from revise.filing import pdf, word
from revise.filing.text import Writer
from revise.handbook.history import Edition, edition
from revise.handbook.labels import Labels
from revise.messages import t
from revise.schema.schemaset import SchemaSet

FORMATS = {"pdf": pdf.render, "docx": word.render}
MANAGED = ("policies", "proposals", "schemas", ".git")


@dataclass(frozen=True)
class Exported:
    doc_id: str
    version: str
    out: Path


def export(root: Path, doc_id: str, out: Path, fmt: str | None = None, force: bool = False, as_of: date | None = None) -> Exported:
    """Write document `doc_id` as in force on `as_of` (default today) to `out` as PDF or Word."""
    check_out(root, out, doc_id, force)
    fmt = fmt or out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(t("filing.no-format", out=out), t("filing.no-format.hint"))
    corpus = edition(load(root), as_of or date.today())
    text = Writer(Labels(SchemaSet(root / "schemas")), corpus.in_force).text(in_force(corpus, doc_id))
    try:
        data = FORMATS[fmt](text)
    except (OSError, ValueError) as exc:
        raise InputError(t("filing.failed", format=fmt.upper(), error=exc)) from exc
    write(out, data, force)
    return Exported(doc_id, text.facts[1][1], out)


def check_out(root: Path, out: Path, doc_id: str, force: bool) -> None:
    """Refuse a folder, a missing folder, a file in a folder revise manages, and an existing file without `force`."""
    target = out.absolute()
    if target.is_dir():
        raise UsageError(t("filing.is-folder", out=out), t("filing.is-folder.hint", out=out, doc=doc_id))
    if not target.parent.is_dir():
        raise UsageError(t("filing.no-folder", folder=target.parent), t("filing.no-folder.hint"))
    real = target.parent.resolve()
    for name in MANAGED:
        managed = (root / name).resolve()
        if real == managed or managed in real.parents:
            raise UsageError(t("filing.managed", out=out, folder=name), t("filing.managed.hint"))
    if (target.exists() or target.is_symlink()) and not force:
        raise UsageError(t("filing.exists", out=out), t("filing.exists.hint"))


def in_force(ed: Edition, doc_id: str) -> Document:
    """The version of `doc_id` in force in `ed`, or a refusal that says why there is none."""
    doc = ed.in_force.by_id.get(doc_id)
    if doc is not None:
        return doc
    coming = ed.coming.get(doc_id)
    if coming is not None:
        effective = coming.data.get("effective_from")
        raise UsageError(t("filing.not-in-force", doc=doc_id, date=ed.as_of, version=coming.data.get("version"), effective=effective),
                         t("filing.not-in-force.hint", effective=effective))
    raise UsageError(t("filing.no-document", doc=doc_id), t("filing.no-document.hint"))


def write(out: Path, data: bytes, force: bool) -> None:
    """`data` into `out` whole or not at all; an existing `out` only when `force`."""
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.absolute().parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o666 & ~_umask())
        if force:
            os.replace(temp, out)
        else:
            os.link(temp, out)  # fails if `out` appeared meanwhile: nothing is replaced
    except FileExistsError as exc:
        raise UsageError(t("filing.exists", out=out), t("filing.exists.hint")) from exc
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
