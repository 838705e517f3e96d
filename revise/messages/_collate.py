"""Natural order for the names people give groups: 一组 < 二组 < 三组 < 十组, A2 < A10."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = re.compile(r"(\d+|[零〇一二两三四五六七八九十百千]+)")


def natural_key(name: str) -> tuple[tuple[str | int, ...], str]:
    """Sort key: the text between numbers compares as text, each number (Arabic or Chinese) by its value."""
    parts: list[str | int] = _NUMBER.split(name)
    parts[1::2] = [_value(numeral) for numeral in parts[1::2]]
    return tuple(parts), name


def _value(numeral: str) -> int:
    """12 for "12", "十二" and "一二"; 105 for "一百零五"."""
    if numeral.isdigit():
        return int(numeral)
    total = digits = 0
    for char in numeral:
        if char in _UNITS:
            total += (digits or 1) * _UNITS[char]
            digits = 0
        else:
            digits = digits * 10 + _DIGITS[char]
    return total + digits
