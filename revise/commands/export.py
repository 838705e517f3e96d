"""`revise export DOC --out FILE [--format pdf|docx] [--force] [--as-of DATE]`: a document as a formal
制度 text for filing (numbered articles, tables, Chinese fonts embedded in the PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands.build import parse_date
from revise.filing.export import FORMATS, export
from revise.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="把一份文档导出为正式的制度文本（PDF 或 Word），用于归档与签发",
                       description="按“第一条、第二条……”的格式导出文档现行版本的制度文本：标题、编号、版本、生效日期、归口岗位、条款与表格。")
    p.add_argument("document", metavar="DOC", help="文档编号，如 STD-RESPONSE")
    p.add_argument("-o", "--out", type=FsPath, required=True, help="输出文件，如 STD-RESPONSE.pdf（已存在时不覆盖，除非加 --force）")
    p.add_argument("--format", choices=tuple(FORMATS), help="pdf 或 docx（默认按 --out 的扩展名）")
    p.add_argument("--force", action="store_true", help="替换已存在的输出文件")
    p.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD", help="导出这一天的现行版本（默认今天）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    done = export(repo_root(args), args.document, args.out, args.format, args.force, parse_date(args.as_of))
    print(t("filing.done", doc=done.doc_id, version=done.version, out=done.out))
    return 0
