"""Chinese numerals for numbering articles: 1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese(n: int) -> str:
    """`n` (1–9999) in Chinese numerals as a 制度 text counts its articles."""
    if not 0 < n < 10000:
        raise ValueError(n)
    out, zero, started = [], False, False
    for value, unit in _UNITS:
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out.append("零")
            out.append(("" if value == 10 and digit == 1 and not started else _DIGITS[digit]) + unit)
            started, zero = True, False
        elif started:
            zero = True
    if n:
        out.append(("零" if zero else "") + _DIGITS[n])
    return "".join(out)


def article(n: int) -> str:
    """"第一条", "第十二条", "第一百零一条"."""
    return f"第{chinese(n)}条"
