"""Chinese search: teach jieba the words of the corpus so they stay whole in the search index.

mkdocs-material's search plugin segments Chinese text with jieba and joins the words with
zero-width spaces. A query is matched word by word, so a term the default dictionary does not
know (首问责任、信息泄露) would be cut into pieces and not found as typed. Before the index is
built, every clause title, defined term, role title and the terms in `site/search-words.txt`
are added to jieba's dictionary, so a search for such a term finds the clauses that use it.
"""

from __future__ import annotations

import re
from pathlib import Path as FsPath
from typing import Iterable, Iterator

from revise.corpus.documents import Corpus

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,6}")
# Short Han runs taken from titles; longer titles are split on punctuation first.
_SPLIT = re.compile(r"[\s，。、；：！？（）()“”‘’《》【】/·\-—]+")


def corpus_words(corpus: Corpus) -> Iterator[str]:
    """Words worth keeping whole: clause titles, defined terms, role and department names."""
    for doc in corpus.documents:
        for _, _, item in doc.clauses():
            yield from _han(item.get("title"))
            for term in item.get("terms") or []:
                if isinstance(term, dict):
                    yield from _han(term.get("name"))
    for role in corpus.roles().values():
        yield from _han(role.get("title"))


def word_list(file: FsPath) -> list[str]:
    """Hand-picked domain terms, one a line (`#` starts a comment)."""
    if not file.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in file.read_text(encoding="utf-8").splitlines())
    return [line.split()[0] for line in lines if line]


FREQ = 100_000  # high, so the taught words are kept whole
_taught = 0  # how many words this process has added to jieba's dictionary (see `dictionary_version`)


def teach(words: Iterable[str]) -> int:
    """Add `words` to jieba's dictionary (with a high frequency so they are kept whole).

    A word already taught is not added again: jieba adds each word's frequency to its total, so
    teaching the same words on every rebuild of `mkdocs serve` would slowly change how everything
    else is segmented. Returns how many words were added.
    """
    import logging

    import jieba

    global _taught
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()  # loads the dictionary once per process
    added = 0
    for word in sorted(set(words)):
        if jieba.get_FREQ(word) != FREQ:
            jieba.add_word(word, freq=FREQ)
            added += 1
    _taught += added
    return added


def dictionary_version() -> int:
    """Changes whenever `teach` changed jieba's dictionary, so segmentations can be kept until then."""
    return _taught


def _han(value: object) -> Iterator[str]:
    for piece in _SPLIT.split(str(value or "")):
        if _HAN_RUN.fullmatch(piece):
            yield piece
