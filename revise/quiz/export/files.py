"""Writing an export to `--out FILE`: only over an earlier export (or with `force`), all or nothing.

An earlier export is recognised by its header: every format carries `revise quiz · <format>`
in its first lines (a `//` comment in GIFT, an `<!-- -->` comment in Moodle XML, HTML and
Markdown, the `generator` field that opens a JSON bank). Any other existing file is refused
unless `force` is given; a folder is always refused. The text goes to a temporary file beside
the target, created like any file (its mode follows the umask), and is renamed over the
target only when completely written; on any failure the temporary file is removed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path as FsPath
from typing import TextIO

from revise.errors import InputError, UsageError
from revise.messages import t

MARK = "revise quiz · "
HEAD = 512  # how much of an existing file is read to find the header
TEMP_PREFIX = ".quiz-"


def header(fmt: str) -> str:
    """The words that open every export of format `fmt` and mark a file as one."""
    return f"{MARK}{fmt}"


def is_export(path: FsPath) -> bool:
    """True when the file at `path` begins like an export of `revise quiz`."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return False
    return MARK in head.decode("utf-8", "ignore")


def check_target(out: FsPath, force: bool) -> None:
    """Refuse (UsageError) a folder, or an existing file that is not an earlier export unless `force`."""
    if out.is_dir():
        raise UsageError(t("quiz.out-folder", path=out), t("quiz.out-folder.hint", path=out))
    if out.exists() and not force and not is_export(out):
        raise UsageError(t("quiz.out-foreign", path=out), t("quiz.out-foreign.hint"))


def write(text: str, out: FsPath, force: bool = False) -> None:
    """Write `text` to `out` (see the module docstring); InputError when the system refuses."""
    check_target(out, force)
    temp: FsPath | None = None
    try:
        temp, handle = _create_beside(out)
        with handle:
            handle.write(text)
        os.replace(temp, out)
        temp = None
    except OSError as exc:
        raise InputError(t("quiz.write-failed", path=out, reason=exc.strerror or str(exc))) from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


def _create_beside(out: FsPath) -> tuple[FsPath, TextIO]:
    """A new file with an unused name in the folder of `out`, opened for writing (mode per the umask)."""
    folder = out.parent
    while True:
        temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}"
        try:
            return temp, temp.open("x", encoding="utf-8")
        except FileExistsError:
            continue
