"""The `revise` command line: parses arguments, calls the core, prints, chooses the exit code.

Each subcommand lives in `revise/commands/<name>.py` and exposes `register(parser)`, which adds the
command's arguments to the parser made for it here and sets `handler`: a function that takes the
parsed arguments and returns the exit code. The command's help and description are the catalogue's
`cmd.<name>` and `cmd.<name>.about`.

Exit codes: 0 ok (also when the reader of the output goes away early, as `| head` does),
1 a check or gate failed, 2 bad usage or unreadable input, 3 an internal error (a bug of ours),
130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import select
import sys
from pathlib import Path as FsPath

from revise import __version__, commands
from revise.commands._parser import COMMAND, Parser
from revise.errors import ReviseError
from revise.messages import MESSAGES, set_language, t

_VALUE_OPTIONS = {"--lang", "-C", "--root"}
LANGS = ("zh", "en")


def command_names() -> list[str]:
    """Every subcommand, one module each under revise/commands (helpers start with "_").

    Listed from the folder itself (not `pkgutil`, whose import costs more than the listing)."""
    folder = commands.__path__[0]
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and not name.startswith("_"))


def scan(argv: list[str]) -> tuple[str | None, str | None]:
    """The `--lang` and the subcommand named before the command's own arguments, read before parsing:
    the parser speaks that language, and only that command's module need be imported."""
    lang = None
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            lang = arg.partition("=")[2]
        elif arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif not arg.startswith("-") and (i == 0 or argv[i - 1] not in _VALUE_OPTIONS):
            return (lang if lang in LANGS else None), arg
    return (lang if lang in LANGS else None), None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, in the current language. With a known command `only`, just that command
    is made (its module is imported, and with it heavy dependencies such as DuckDB or MkDocs); else
    every command is listed, for the help or for "did you mean"."""
    parser = Parser(prog="revise", description=t("cli.description"), epilog=t("cli.epilog"),
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"revise {__version__}", help=t("cli.opt.version"))
    parser.add_argument("--lang", choices=LANGS, help=t("cli.opt.lang"))
    parser.add_argument("-C", "--root", type=FsPath, default=None, help=t("cli.opt.root"))
    parser.add_argument("--debug", action="store_true", help=t("cli.opt.debug"))
    sub = parser.add_subparsers(dest="command", metavar=COMMAND, title=t("cli.commands"), required=True)
    names = command_names()
    for name in [only] if only in names else names:
        about = f"cmd.{name}.about"
        p = sub.add_parser(name, help=t(f"cmd.{name}"), description=t(about if about in MESSAGES else f"cmd.{name}"))
        if name == only:
            importlib.import_module(f"revise.commands.{name}").register(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang, command = scan(argv)
    set_language(lang)
    try:
        args = build_parser(command).parse_args(argv)
        set_language(args.lang)
        code = call(args)
        sys.stdout.flush()  # a reader that went away shows here, not as a warning at interpreter exit
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    return code


def call(args: argparse.Namespace) -> int:
    """Call the command's handler; turn what it raises into a message and an exit code."""
    try:
        return int(args.handler(args) or 0)
    except ReviseError as exc:
        print(f"revise: {t('cli.error')}: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"    {t('check.hint-prefix')}: {exc.hint}", file=sys.stderr)
        _traceback(args)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError as exc:
        if _reader_gone():
            raise  # the output was closed early (`revise diff | head`): a normal end, see main
        return _internal_error(exc, args)
    except Exception as exc:  # a bug of ours: say so in one line, the traceback only under --debug
        return _internal_error(exc, args)


def _internal_error(exc: BaseException, args: argparse.Namespace) -> int:
    print(f"revise: {t('cli.internal-error', error=f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
    _traceback(args)
    return 3


def _traceback(args: argparse.Namespace) -> None:
    if args.debug:
        import traceback
        traceback.print_exc()


def _reader_gone() -> bool:
    """Whether standard output is a pipe or socket whose reader has closed it (so a BrokenPipeError
    came from our output, not from a pipe to a program we run)."""
    if not hasattr(select, "poll"):  # Windows: most likely our output too
        return True
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & (select.POLLERR | select.POLLHUP) for _, event in poller.poll(0))
    except (OSError, ValueError):  # no real file behind standard output (a test captures it)
        return False


def _discard_stdout() -> None:
    """Point standard output at the null device, so that nothing more is written to the closed pipe
    (Python would otherwise complain on stderr when it flushes at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
