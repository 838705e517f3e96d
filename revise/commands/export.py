"""`revise export DOC --out FILE [--format pdf|docx] [--force] [--as-of DATE]`: a document as a formal
制度 text for filing (numbered articles, tables, Chinese fonts embedded in the PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands.build import parse_date
from revise.filing.export import FORMATS, export
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("document", metavar="DOC", help=t("cmd.export.document"))
    p.add_argument("-o", "--out", type=FsPath, required=True, help=t("cmd.export.out"))
    p.add_argument("--format", choices=tuple(FORMATS), help=t("cmd.export.format"))
    p.add_argument("--force", action="store_true", help=t("cmd.export.force"))
    p.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD", help=t("cmd.export.as-of"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    done = export(repo_root(args), args.document, args.out, args.format, args.force, parse_date(args.as_of))
    print(t("filing.done", doc=done.doc_id, version=done.version, out=done.out))
    return 0
