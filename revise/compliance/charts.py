"""Charts as inline SVG, drawn at build time: no script, no CDN, nothing fetched by the browser.

Every text that comes from data is escaped. The markup holds no blank line, so it can sit in
a Markdown page as one raw HTML block.
"""

from __future__ import annotations

from html import escape

from revise.messages import natural_key

PASS, FAIL, LINE, GRID, INK = "#2e7d32", "#c62828", "#1565c0", "#cfd8dc", "#37474f"


def _svg(width: int, height: int, title: str, body: list[str], css_class: str) -> str:
    return (f'<svg class="revise-chart {css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
            f'style="max-width:100%;height:auto;font-family:sans-serif">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def trend(title: str, points: list[tuple[str, float | None, bool]], limit: float, limit_label: str,
          unit: str = "", subtitle: str = "", width: int = 316, height: int = 196) -> str:
    """A line of monthly values (`(month, value, missed)`) against the target line at `limit`."""
    left, right, top, bottom = 48, 12, 40, 28
    values = [v for _, v, _ in points if v is not None] + [limit]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.15 or max(abs(hi) * 0.1, 1.0)
    lo, hi = lo - pad, hi + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / max(len(points), 1))

    def y(v: float) -> float:
        return top + plot_h * (hi - v) / (hi - lo)

    body = [f'<text x="4" y="14" font-size="12" font-weight="bold" fill="{INK}">{escape(title)}</text>',
            f'<text x="4" y="30" font-size="10" fill="{INK}">{escape(subtitle)}</text>',
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{GRID}"/>',
            f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{GRID}"/>',
            f'<line class="limit" x1="{left}" y1="{y(limit):.1f}" x2="{left + plot_w}" y2="{y(limit):.1f}" '
            f'stroke="{FAIL}" stroke-dasharray="4 3"/>',
            f'<text x="{left - 4}" y="{y(limit) + 4:.1f}" font-size="10" text-anchor="end" fill="{FAIL}">'
            f'{escape(_fmt(limit) + unit)}</text>',
            f'<text x="{left + plot_w}" y="{y(limit) - 4:.1f}" font-size="10" text-anchor="end" fill="{FAIL}">{escape(limit_label)}</text>']
    line = [(x(i), y(v)) for i, (_, v, _) in enumerate(points) if v is not None]
    if len(line) > 1:
        body.append(f'<polyline fill="none" stroke="{LINE}" stroke-width="2" points="'
                    + " ".join(f"{a:.1f},{b:.1f}" for a, b in line) + '"/>')
    for i, (month, value, missed) in enumerate(points):
        body.append(f'<text x="{x(i):.1f}" y="{height - 10}" font-size="10" text-anchor="middle" fill="{INK}">{escape(month)}</text>')
        if value is None:
            continue
        colour = FAIL if missed else PASS
        body.append(f'<circle class="{"missed" if missed else "met"}" cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="{colour}">'
                    f"<title>{escape(f'{month}: {_fmt(value)}{unit}')}</title></circle>")
        body.append(f'<text x="{x(i):.1f}" y="{y(value) - 7:.1f}" font-size="10" text-anchor="middle" fill="{colour}">'
                    f"{escape(_fmt(value) + unit)}</text>")
    return _svg(width, height, f"{title} {subtitle}".strip(), body, "revise-trend")


def bars(title: str, counts: dict[str, int], width: int = 420, bar: int = 22) -> str:
    """Horizontal bars of `counts` (label → count), largest first."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], natural_key(kv[0])))
    left, top = 96, 24
    height = top + bar * max(len(items), 1) + 8
    most = max((c for _, c in items), default=0) or 1
    body = [f'<text x="0" y="14" font-size="12" fill="{INK}">{escape(title)}</text>']
    for i, (label, count) in enumerate(items):
        y = top + i * bar
        w = (width - left - 56) * count / most
        body.append(f'<text x="{left - 6}" y="{y + bar * 0.65:.1f}" font-size="11" text-anchor="end" fill="{INK}">{escape(label)}</text>')
        body.append(f'<rect class="bar" x="{left}" y="{y + 3}" width="{w:.1f}" height="{bar - 6}" fill="{FAIL if count else GRID}">'
                    f"<title>{escape(f'{label}: {count}')}</title></rect>")
        body.append(f'<text x="{left + w + 4:.1f}" y="{y + bar * 0.65:.1f}" font-size="11" fill="{INK}">{count:,}</text>')
    return _svg(width, height, title, body, "revise-bars")


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
