"""Personal data detection: checksums, separators, and what is deliberately not personal data."""

from __future__ import annotations

import random
import unicodedata

import pytest

from revise.check.rules.privacy import LONG_NUMBER, OTHER_DIGIT_LEADS, findings, id_number_valid, luhn_valid, may_hold_long_number


@pytest.mark.parametrize("text, rules", [
    ("请拨打 13812345678", ["privacy-phone"]),
    ("电话 +86 139-1234-5678。", ["privacy-phone"]),
    ("号码 138 1234 5678", ["privacy-phone"]),
    ("证件 11010519491231002X", ["privacy-id-number"]),
    ("证件 11010519491231002x", ["privacy-id-number"]),
    ("卡号 6222 0200 0000 0000 000", ["privacy-bank-card"]),
    ("卡号 4111111111111111", ["privacy-bank-card"]),
    ("12812345678 不是手机号（第二位是 2）", []),
    ("138123456789 位数不对", []),
    ("110105194912310021 校验位错", []),
    ("6222020000000000001 不过 Luhn", []),
    ("{phone} 占位符 {card_13812345678}", []),
    ("邮件发到 13812345678@example.com", []),
    ("工单 GD0105008，2026-01-01 生效，时限 24 小时", []),
])
def test_findings(text: str, rules: list[str]) -> None:
    assert [rule for rule, _ in findings(text)] == rules


def test_report_masks_the_number() -> None:
    (rule, masked), = findings("13812345678")
    assert masked == "138******78"


def test_checksums() -> None:
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("11010519491331002X")  # month 13
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


def test_long_number_prefilter_never_misses() -> None:
    """The one-pass test the rule runs first on a whole document: never False where the regex matches."""
    rng = random.Random(7)
    alphabet = ["1", "3", "8", "0", " ", "-", "  ", "中", "，", "\uff11", "\u0661", "x", "\n", '"', "{", "}"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 40)))
        if LONG_NUMBER.search(text):
            assert may_hold_long_number(text.encode("utf-8")), text
    assert not may_hold_long_number("电话 400-820-8820，日期 2026-01-01".encode())
    assert may_hold_long_number("电话 138 0013 8000".encode())
    assert may_hold_long_number("电话 １３８００１３８０００".encode())


def test_other_digit_leads_match_the_unicode_database() -> None:
    leads = {chr(c).encode("utf-8")[0] for c in range(0x80, 0x110000)
             if unicodedata.category(chr(c)) == "Nd" and not 0xFF10 <= c <= 0xFF19}
    assert leads == set(OTHER_DIGIT_LEADS)
