"""The `revise` command line: parses arguments, calls the core, prints, chooses the exit code.

Each subcommand lives in `revise/commands/<name>.py` and exposes `register(subparsers)`; the
function it sets as `handler` takes the parsed arguments and returns the exit code.
Exit codes: 0 ok, 1 a check or gate failed, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path as FsPath

from revise import __version__, commands
from revise.errors import ReviseError
from revise.messages import set_language, t

_VALUE_OPTIONS = {"--lang", "-C", "--root"}


def command_names() -> list[str]:
    """Every subcommand, one module each under revise/commands (helpers start with "_").

    Listed from the folder itself (not `pkgutil`, whose import costs more than the listing)."""
    folder = commands.__path__[0]
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and not name.startswith("_"))


def requested_command(argv: list[str]) -> str | None:
    """The subcommand named on the command line, so only its module need be imported."""
    names = set(command_names())
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in names else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `only`, just that subcommand is imported (its heavy
    dependencies such as DuckDB or MkDocs load only when that command runs)."""
    parser = argparse.ArgumentParser(prog="revise", description="服务标准、话术、应急预案与组织架构的版本化管理")
    parser.add_argument("--version", action="version", version=f"revise {__version__}")
    parser.add_argument("--lang", choices=("zh", "en"), help="输出语言（默认中文；也读取 LANG）")
    parser.add_argument("-C", "--root", type=FsPath, default=None, help="政策仓库目录（默认从当前目录向上查找含 policies/ 的目录）")
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的 Python 调用栈")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in [only] if only else command_names():
        importlib.import_module(f"revise.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(requested_command(argv))
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        return int(args.handler(args) or 0)
    except ReviseError as exc:
        print(f"revise: {t('cli.error')}: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"    {t('check.hint-prefix')}: {exc.hint}", file=sys.stderr)
        if args.debug:
            import traceback
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: say so in one line, the traceback only under --debug
        print(f"revise: {t('cli.internal-error', error=f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
        if args.debug:
            import traceback
            traceback.print_exc()
        return 3
    except BrokenPipeError:
        return 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
