"""Scorecards: points add up at every level, raters' shares make 100, pay bands tile [0, total].

Rule ids: `score-points-sum`, `score-total`, `score-raters-sum`, `score-band-empty`,
`score-band-gap`, `score-band-overlap`, `score-band-range`.

A band is the interval from `lower` to `upper`; `lower_inclusive` defaults to false (score >
lower) and `upper_inclusive` to true (score ≤ upper), as the schema says. Sorted by lower
bound, each band must start exactly where the previous one ends, with exactly one of the two
including the shared boundary.
"""

from __future__ import annotations

from typing import Any, Iterator

from revise.check.rules import DocContext, as_dict, as_list, doc_rule, number
from revise.messages import t
from revise.problems import Problem

EPS = 1e-9


def _fmt(x: float) -> str:
    return f"{x:g}"


@doc_rule("scorecards", kinds=("scorecard",))
def points_add_up(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    total = number(doc.data.get("total"))
    items = as_list(doc.data.get("items"))
    top = _sum_points(items)
    if total is not None and top is not None and abs(top - total) > EPS:
        yield doc.problem("score-total", ("total",), t("score-total", total=_fmt(total), sum=_fmt(top)), t("score-total.hint"))
    yield from _levels(ctx, items, ("items",))


def _sum_points(items: list[Any]) -> float | None:
    points = [number(as_dict(i).get("points")) for i in items]
    return None if not points or any(p is None for p in points) else sum(p for p in points if p is not None)


def _levels(ctx: DocContext, items: list[Any], path: tuple[str | int, ...]) -> Iterator[Problem]:
    for i, item in enumerate(items):
        children = as_list(as_dict(item).get("items"))
        if not children:
            continue
        own, sub = number(as_dict(item).get("points")), _sum_points(children)
        if own is not None and sub is not None and abs(own - sub) > EPS:
            yield ctx.doc.problem("score-points-sum", path + (i, "points"),
                                  t("score-points-sum", item=as_dict(item).get("id", i + 1), points=_fmt(own), sum=_fmt(sub)),
                                  t("score-points-sum.hint"))
        yield from _levels(ctx, children, path + (i, "items"))


@doc_rule("scorecards", kinds=("scorecard",))
def raters_make_100(ctx: DocContext) -> Iterator[Problem]:
    raters = as_list(ctx.doc.data.get("raters"))
    weights = [number(as_dict(r).get("weight")) for r in raters]
    if raters and all(w is not None for w in weights):
        total = sum(w for w in weights if w is not None)
        if abs(total - 100) > EPS:
            yield ctx.doc.problem("score-raters-sum", ("raters",), t("score-raters-sum", sum=_fmt(total)), t("score-raters-sum.hint"), key=True)


def _band(b: Any) -> tuple[float, bool, float, bool] | None:
    b = as_dict(b)
    lo, hi = number(b.get("lower")), number(b.get("upper"))
    if lo is None or hi is None:
        return None
    return lo, b.get("lower_inclusive") is True, hi, b.get("upper_inclusive") is not False


@doc_rule("scorecards", kinds=("scorecard",))
def bands_tile(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    total = number(doc.data.get("total"))
    bands = [(i, _band(b)) for i, b in enumerate(as_list(doc.data.get("bands")))]
    good = [(i, b) for i, b in bands if b is not None]
    if total is None or not good or len(good) != len(bands):
        return
    for i, (lo, lo_in, hi, hi_in) in good:
        if lo > hi or (lo == hi and not (lo_in and hi_in)):
            yield doc.problem("score-band-empty", ("bands", i), t("score-band-empty", n=i + 1, lower=_fmt(lo), upper=_fmt(hi)),
                              t("score-band-empty.hint"))
            return
    good.sort(key=lambda ib: (ib[1][0], not ib[1][1]))
    yield from _range_ends(ctx, good, total)
    for (i, prev), (j, cur) in zip(good, good[1:]):
        yield from _joint(ctx, i, prev, j, cur)


def _range_ends(ctx: DocContext, good: list[tuple[int, tuple[float, bool, float, bool]]], total: float) -> Iterator[Problem]:
    first_i, (lo, lo_in, _, _) = good[0]
    last_i, (_, _, hi, hi_in) = good[-1]
    if lo > 0 or not lo_in:
        yield ctx.doc.problem("score-band-range", ("bands", first_i, "lower"),
                              t("score-band-range", which=t("score-band.bottom"), value=_fmt(lo), bound="0"), t("score-band-range.hint", total=_fmt(total)))
    if hi != total or not hi_in:
        yield ctx.doc.problem("score-band-range", ("bands", last_i, "upper"),
                              t("score-band-range", which=t("score-band.top"), value=_fmt(hi), bound=_fmt(total)), t("score-band-range.hint", total=_fmt(total)))


def _joint(ctx: DocContext, i: int, prev: tuple[float, bool, float, bool], j: int, cur: tuple[float, bool, float, bool]) -> Iterator[Problem]:
    _, _, hi, hi_in = prev
    lo, lo_in, _, _ = cur
    path = ("bands", j, "lower")
    if lo > hi or (lo == hi and not hi_in and not lo_in):
        yield ctx.doc.problem("score-band-gap", path, t("score-band-gap", a=i + 1, b=j + 1, upper=_fmt(hi), lower=_fmt(lo)),
                              t("score-band-gap.hint"))
    elif lo < hi or (lo == hi and hi_in and lo_in):
        yield ctx.doc.problem("score-band-overlap", path, t("score-band-overlap", a=i + 1, b=j + 1, upper=_fmt(hi), lower=_fmt(lo)),
                              t("score-band-overlap.hint"))
