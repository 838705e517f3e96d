"""Self-check quiz pages for the handbook: one page per role under 培训测验, plus an index.

Provider `pages(corpus, root)` for `revise.handbook.extra`. Each page embeds its questions as
JSON in `<script type="application/json">` (with `<`, `>`, `&` escaped as \\u003c… so no text
can close the script element) and loads the vanilla-JS asset `assets/revise-quiz/selfcheck.js`,
which renders the questions, scores them in the browser and shows each explanation. No server.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from revise.corpus.documents import Corpus
from revise.errors import UsageError
from revise.handbook.escaping import esc
from revise.handbook.extra import ExtraPage
from revise.messages import t
from revise.quiz.generate import candidates, generate
from revise.quiz.model import Question
from revise.quiz.select import Selection
from revise.schema.schemaset import SchemaSet

ASSET_DIR = "assets/revise-quiz"
ASSETS = ("selfcheck.js", "selfcheck.css")
PAGE_DIR = "quiz"
QUESTIONS_PER_PAGE = 10
SEED = "handbook"


def embed_json(data: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>`, `&` or line separators appear literally."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, escaped)
    return text


def _ui() -> dict[str, str]:
    keys = ("submit", "retry", "score", "correct", "wrong", "answer", "choose", "position", "unanswered")
    return {k: t(f"quiz.page.{k}") for k in keys} | {"true": t("quiz.tf.true"), "false": t("quiz.tf.false"),
                                                    "source": t("quiz.paper.source"), "explanation": t("quiz.paper.explanation")}


def _question_data(q: Question) -> dict[str, Any]:
    data = q.as_json()
    data.pop("basis", None)
    data["ref"] = f"{q.source.label()} v{q.source.version}"
    return data


def _bootstrap(page_path: str) -> str:
    """Load the assets relative to the site root, whatever the URL style (quiz/x/, quiz/x.html)."""
    stem = page_path[: -len(".md")]
    endings = json.dumps([f"{stem}/index.html", f"{stem}/", f"{stem}.html"])
    return (
        "<script>(function(){var p=location.pathname,e=" + endings + ",r=null;"
        "for(var i=0;i<e.length;i++){var k=p.length-e[i].length;if(k>=0&&p.slice(k)===e[i]){r=p.slice(0,k);break;}}"
        "if(r===null){r=p.replace(/[^/]*$/,'')+'../';}"
        f"var c=document.createElement('link');c.rel='stylesheet';c.href=r+'{ASSET_DIR}/selfcheck.css';document.head.appendChild(c);"
        f"var s=document.createElement('script');s.src=r+'{ASSET_DIR}/selfcheck.js';document.head.appendChild(s);"
        "})();</script>"
    )


def role_page(role_id: str, title: str, questions: list[Question]) -> ExtraPage:
    path = f"{PAGE_DIR}/{role_id}.md"
    data = {"role": role_id, "questions": [_question_data(q) for q in questions], "ui": _ui()}
    body = "\n".join([
        f"# {t('quiz.page.title', role=esc(title))}",
        "",
        t("quiz.page.intro", count=len(questions), role=esc(title)),
        "",
        f'<div class="revise-quiz" data-quiz="revise-quiz-data"><noscript>{t("quiz.page.noscript")}</noscript></div>',
        "",
        f'<script type="application/json" id="revise-quiz-data">{embed_json(data)}</script>',
        "",
        _bootstrap(path),
        "",
    ])
    return ExtraPage(path, t("quiz.page.title", role=title), t("quiz.page.section"), body, assets=_assets())


def _assets() -> dict[str, bytes]:
    folder = resources.files("revise.quiz") / "assets"
    return {f"{ASSET_DIR}/{name}": (folder / name).read_bytes() for name in ASSETS}


def _index(pages: list[ExtraPage]) -> ExtraPage:
    lines = [f"# {t('quiz.page.index-title')}", "", t("quiz.page.index-intro"), ""]
    lines += [f"- [{esc(p.title)}]({Path(p.path).name})" for p in pages]
    return ExtraPage(f"{PAGE_DIR}/index.md", t("quiz.page.index-title"), t("quiz.page.section"), "\n".join(lines) + "\n")


def pages(corpus: Corpus, root: Path) -> list[ExtraPage]:
    """A self-check page for every role of the org chart that has questions, and an index page."""
    schemas = SchemaSet(Path(root) / "schemas")
    pool = candidates(corpus, schemas, SEED)
    out = []
    for role_id, role in corpus.roles().items():  # in org-chart order
        try:
            quiz = generate(corpus, schemas, Selection(role=role_id), f"{SEED}/{role_id}",
                            default_count=QUESTIONS_PER_PAGE, pool=pool)
        except UsageError:
            continue  # nothing applies to this role
        out.append(role_page(role_id, str(role.get("title") or role_id), quiz.questions))
    return [_index(out), *out] if out else []
