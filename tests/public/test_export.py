"""The shipped export around the first revision's effective date: reproducible, and the change in it
is only the one the revision should bring about."""

from __future__ import annotations

import io
from dataclasses import replace

from revise.compliance import generate as gen
from tests.conftest import run_cli

from .conftest import EFFECTIVE, EXPORT

SPEC = gen.Spec(rows=6000, seed=2026, start="2026-01", months=6, breach=False, faster_from=EFFECTIVE, faster=0.6, refunds=True)


def text(spec: gen.Spec) -> str:
    out = io.StringIO()
    gen.write(spec, out)
    return out.getvalue()


def test_the_shipped_export_is_what_the_generator_makes(tmp_path) -> None:
    assert EXPORT.read_text(encoding="utf-8") == text(SPEC)
    out = tmp_path / "again.csv"
    run = run_cli("compliance", "generate", "--rows", "6000", "--seed", "2026", "--start", "2026-01", "--months", "6",
                  "--no-breach", "--faster-from", EFFECTIVE, "--faster", "0.6", "--refunds", "--out", str(out))
    assert run.code == 0, run.err
    assert out.read_bytes() == EXPORT.read_bytes()


def test_only_online_first_replies_from_the_effective_date_change() -> None:
    with_change = text(SPEC).splitlines()
    without = text(replace(SPEC, faster_from=None, faster=1.0)).splitlines()
    assert with_change[0] == without[0] and with_change[0].endswith(",refund_approved_at,refunded_at")
    differ = [(a.split(","), b.split(",")) for a, b in zip(with_change[1:], without[1:]) if a != b]
    assert differ and all(a[2] in ("online", "social") and a[3] >= EFFECTIVE for a, _ in differ)
    assert all([x for i, x in enumerate(a) if i != 4] == [x for i, x in enumerate(b) if i != 4] for a, b in differ)
    assert all(a[4] < b[4] for a, b in differ)  # quicker


def test_bad_generator_options_are_refused(tmp_path) -> None:
    for args, said in ((["--faster-from", "2026-13-01"], "2026-13-01"), (["--faster", "0"], "--faster")):
        run = run_cli("compliance", "generate", "--rows", "10", *args, "--out", str(tmp_path / "x.csv"))
        assert run.code == 2 and said in run.err
    assert not (tmp_path / "x.csv").exists()
