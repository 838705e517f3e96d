"""Pages without the theme's indentation: a third of a page's bytes are whitespace between tags.

mkdocs-material's templates indent every line of the navigation; each run of whitespace that holds
a line break is shortened to that line break, which a browser renders the same way (a line break
between inline elements is one space, like the run it replaces). `<pre>`, `<textarea>` and
`<script>` elements keep theirs: their whitespace is content.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_RUN = re.compile(r"\n[ \t\r\n]*")


def collapse_whitespace(html: str) -> str:
    """`html` with every whitespace run that contains a line break shortened to one line break."""
    pieces = _KEEP.split(html)
    out = []
    for i in range(0, len(pieces), 3):  # split() returns text, whole kept element, tag name, text, ...
        out.append(_RUN.sub("\n", pieces[i]))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
    return "".join(out)
