"""The audit form on paper and as a file: a printable HTML page, Markdown, and the CSV template a
QA specialist fills in (one row per sampled contact) and imports with `--audits`.

Every text from the corpus is escaped. The HTML page is self-contained (no script, no fetch)
and prints on A4 with one box per verdict.
"""

from __future__ import annotations

import csv
import io
from html import escape

from revise.compliance.audit import FIXED, VERDICT_WORDS
from revise.compliance.qaform import Form
from revise.compliance.report import md_escape
from revise.messages import t
from revise.schema.schemaset import SchemaSet

BOX = "☐"


def _title(form: Form, schemas: SchemaSet) -> str:
    channel = schemas.title_of("channel", form.channel)
    return t("qa.form.title-script", channel=channel, script=form.script) if form.script else t("qa.form.title", channel=channel)


def _verdicts() -> list[str]:
    return [VERDICT_WORDS[v][0] for v in ("pass", "fail", "na")]


def as_markdown(form: Form, schemas: SchemaSet) -> str:
    out = [f"# {md_escape(_title(form, schemas))}", "",
           " · ".join(f"{md_escape(t('qa.form.field.' + f))}：＿＿＿＿" for f in ("contact", "agent", "date", "auditor")), "",
           md_escape(t("qa.form.intro")), ""]
    head = [t("qa.form.col.no"), t("qa.form.col.clause"), t("qa.form.col.check"), *_verdicts(), t("qa.form.col.note")]
    phase = None
    for n, item in enumerate(form.items, 1):
        if item.phase != phase:
            phase = item.phase
            out += ["", f"## {md_escape(t('qa.phase.' + phase))}", "", "| " + " | ".join(head) + " |",
                    "|---:|---|---|:-:|:-:|:-:|---|"]
        out.append(f"| {n} | {md_escape(item.ref)}<br>{md_escape(item.title)} | {md_escape(item.check)} | {BOX} | {BOX} | {BOX} | |")
    return "\n".join(out) + "\n"


def as_html(form: Form, schemas: SchemaSet) -> str:
    title = escape(_title(form, schemas))
    fields = "".join(f"<span>{escape(t('qa.form.field.' + f))}：<i></i></span>" for f in ("contact", "agent", "date", "auditor"))
    rows, phase = [], None
    for n, item in enumerate(form.items, 1):
        if item.phase != phase:
            phase = item.phase
            rows.append(f'<tr class="phase"><th colspan="7">{escape(t("qa.phase." + phase))}</th></tr>')
        rows.append(f"<tr><td>{n}</td><td><b>{escape(item.title)}</b><br><code>{escape(item.ref)}</code></td>"
                    f"<td>{escape(item.check)}</td>" + f"<td class=box>{BOX}</td>" * 3 + "<td class=note></td></tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in (t("qa.form.col.no"), t("qa.form.col.clause"), t("qa.form.col.check"),
                                                     *_verdicts(), t("qa.form.col.note")))
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><style>'
            "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}"
            "th,td{border:1px solid #888;padding:4px;vertical-align:top;font-size:13px}"
            ".box{text-align:center;font-size:18px}.note{width:18%}.phase th{background:#eceff1;text-align:left}"
            ".fields span{display:inline-block;margin-right:2em}.fields i{display:inline-block;width:9em;border-bottom:1px solid #000}"
            "@page{size:A4;margin:12mm}@media print{body{margin:0}tr{break-inside:avoid}}"
            f"</style></head><body><h1>{title}</h1><p class=fields>{fields}</p><p>{escape(t('qa.form.intro'))}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n")


def as_csv_template(form: Form) -> str:
    """The import template: the fixed columns, then one column per clause headed `REF 标题`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*(FIXED[name][0] for name in FIXED), *(f"{i.ref} {i.title}" for i in form.items)])
    return "\ufeff" + out.getvalue()  # with a BOM, so Excel opens the Chinese headers as UTF-8
