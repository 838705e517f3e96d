"""The argument parser of `revise`: argparse, speaking the user's language.

argparse words its own texts in English ("usage:", "options:", "invalid choice: …") through
gettext's process-wide default domain, whose language the locale of the environment chooses, not
`--lang`. So this subclass says them again from the catalogue, through the hooks argparse documents
for it: `error()` receives argparse's finished sentence, recognises its template and renders ours
(with a "did you mean" for a mistyped choice or command); `format_usage()` and `format_help()`
translate the headings; `-h` is added with our own help text. A sentence argparse words in a way
not listed here is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import sys
import unicodedata
from typing import Any, NoReturn

from revise.messages import t

COMMAND = "COMMAND"  # the metavar of the subcommand: its name in argparse's messages

_ARGUMENT = re.compile(r"argument (?P<argument>.+?): (?P<message>.+)", re.S)
_CHOICE = re.compile(r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)", re.S)
# argparse's sentences (CPython 3.11–3.13), each with our key; named groups become the parameters.
_SENTENCES: list[tuple[re.Pattern[str], str]] = [(_CHOICE, "cli.ap.invalid-choice")] + [
    (re.compile(pattern, re.S), key) for pattern, key in (
        (r"the following arguments are required: (?P<arguments>.+)", "cli.ap.required"),
        (r"one of the arguments (?P<arguments>.+) is required", "cli.ap.one-required"),
        (r"unrecognized arguments: (?P<arguments>.+)", "cli.ap.unrecognized"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.ap.ambiguous"),
        (r"invalid int value: (?P<value>.+)", "cli.ap.invalid-int"),
        (r"invalid float value: (?P<value>.+)", "cli.ap.invalid-float"),
        (r"invalid \S+ value: (?P<value>.+)", "cli.ap.invalid-value"),
        (r"expected one argument", "cli.ap.expected-one"),
        (r"expected at most one argument", "cli.ap.expected-at-most-one"),
        (r"expected at least one argument", "cli.ap.expected-at-least-one"),
        (r"expected (?P<n>\d+) arguments?", "cli.ap.expected-n"),
        (r"not allowed with argument (?P<other>.+)", "cli.ap.not-allowed-with"),
        (r"ignored explicit argument (?P<value>.+)", "cli.ap.ignored-explicit"),
    )]
_USAGE = "usage: "
_HEADINGS = {"positional arguments:": "cli.positionals", "options:": "cli.options", "optional arguments:": "cli.options"}


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose every text, argparse's own included, is in the current language."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.opt.help"))

    def format_usage(self) -> str:
        return _headings(super().format_usage())

    def format_help(self) -> str:
        return _headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        """Print the usage and argparse's complaint in the current language; exit 2 (bad usage)."""
        text, hint = translate(message)
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {t('cli.error')}: {text}", file=sys.stderr)
        if hint:
            print(f"    {t('check.hint-prefix')}: {hint}", file=sys.stderr)
        self.exit(2)


def translate(message: str) -> tuple[str, str | None]:
    """argparse's `message` in the current language, and a hint when one helps."""
    match = _ARGUMENT.fullmatch(message)
    if not match:
        return _sentence(message)
    choice = _CHOICE.fullmatch(match["message"])
    if match["argument"] == COMMAND and choice:
        return _unknown_command(_unquote(choice["value"]), _choices(choice["choices"]))
    text, hint = _sentence(match["message"])
    return t("cli.ap.argument", argument=match["argument"], message=text), hint


def _unknown_command(command: str, names: list[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(command, names, n=1)
    hint = t("cli.unknown-command.hint", suggestion=close[0]) if close else t("cli.unknown-command.list", commands=_list(names))
    return t("cli.unknown-command", command=command), hint


def _sentence(message: str) -> tuple[str, str | None]:
    for pattern, key in _SENTENCES:
        match = pattern.fullmatch(message)
        if match:
            return _render(key, match.groupdict())
    return message, None


def _render(key: str, found: dict[str, str]) -> tuple[str, str | None]:
    params: dict[str, object] = dict(found)
    hint = None
    if key == "cli.ap.invalid-choice":
        names = _choices(found["choices"])
        value = params["value"] = _unquote(found["value"])
        params["choices"] = _list(names)
        close = difflib.get_close_matches(str(value), names, n=1)
        hint = t("cli.ap.did-you-mean", suggestion=close[0]) if close else None
    elif "value" in found:
        params["value"] = _unquote(found["value"])
    if "arguments" in found:
        separator = ", " if key == "cli.ap.required" else " "
        params["n"] = len(found["arguments"].split(separator))
    if "n" in found:
        params["n"] = int(found["n"])
    return t(key, **params), hint


def _choices(listed: str) -> list[str]:
    """"'text', 'json'" (or "text, json") → ["text", "json"]."""
    try:
        parsed = ast.literal_eval(f"[{listed}]")
        return [str(item) for item in parsed]
    except (SyntaxError, ValueError):
        return [item.strip() for item in listed.split(",") if item.strip()]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        try:
            return str(ast.literal_eval(value))
        except (SyntaxError, ValueError):
            return value[1:-1]
    return value


def _list(names: list[str]) -> str:
    return t("cli.list-separator").join(names)


def _headings(text: str) -> str:
    """argparse's "usage:" and section headings in the current language (the usage's continuation
    lines moved to stay under its first line)."""
    lines = text.split("\n")
    if lines[0].startswith(_USAGE):
        prefix = t("cli.usage")
        lines[0] = prefix + lines[0][len(_USAGE):]
        shift = len(_USAGE) - _width(prefix)
        for i in range(1, len(lines)):
            if not lines[i].startswith(" "):
                break
            lines[i] = lines[i][shift:] if shift > 0 else " " * -shift + lines[i]
    return "\n".join(_heading(line) for line in lines)


def _heading(line: str) -> str:
    if line in _HEADINGS:
        return t("cli.heading", title=t(_HEADINGS[line]))
    if line == f"{t('cli.commands')}:":
        return t("cli.heading", title=t("cli.commands"))
    return line


def _width(text: str) -> int:
    """Columns `text` takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
