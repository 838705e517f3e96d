"""Every user-facing string, in Chinese and English, one catalogue module per domain.

`t("key", **params)` renders a message in the current language. The language is Chinese
unless `--lang en` is given or `REVISE_LANG`/`LANG` starts with "en"; the handbook build sets
it to the site's language while it renders (one switch for the whole process).

A message may choose a word by number: `{files|file|files}` is "file" when the parameter
`files` is 1 and "files" otherwise (Chinese needs no such choice, so its texts never use it).
Every message is a format string, also when called without parameters: write a literal brace
doubled (`{{`); a placeholder the caller does not fill stays as written (`{n}` for the browser).
`natural_key` is the order in which names such as 一组, 二组 … 十组 are listed.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import Iterator

from revise.messages import (check, cli, compliance, corpus, desk, effect, filing, handbook, periodic, public, qa, quiz,
                             reading, review, rules, training, workflow)
from revise.messages._collate import natural_key as natural_key  # the order names are listed in

CATALOGUE_LANGS = ("zh", "en")
DOMAINS = (cli, corpus, check, rules, workflow, periodic, review, handbook, quiz, compliance, qa, public, effect, desk, filing,
           training, reading)
MESSAGES: dict[str, tuple[str, str]] = {key: text for domain in DOMAINS for key, text in domain.MESSAGES.items()}
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")

_lang: str | None = None


def set_language(lang: str | None) -> str | None:
    """Fix the language for this process ("zh" or "en"); None goes back to the environment.

    Returns the setting it replaced, so that a caller may put it back."""
    global _lang
    if lang is not None and lang not in CATALOGUE_LANGS:
        raise ValueError(lang)
    before, _lang = _lang, lang
    return before


def language() -> str:
    if _lang:
        return _lang
    env = os.environ.get("REVISE_LANG") or os.environ.get("LANG") or ""
    return "en" if env.lower().startswith("en") else "zh"


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` for the duration of the block (the handbook speaks its site's language)."""
    before = set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with `params` filled in."""
    zh, en = MESSAGES[key]
    text = en if language() == "en" else zh
    if "|" in text:
        text = _PLURAL.sub(lambda m: m[2] if params.get(m[1]) == 1 else m[3], text)
    return text.format_map(_Params(params))


class _Params(dict):
    """The parameters of a message; one the caller did not pass stays as written (`{name}`)."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"
