"""The handbook provider: one self-check page per role under 培训测验, data embedded safely."""

from __future__ import annotations

import json
import re

from quiz_support import REPO

from revise.corpus.documents import load
from revise.handbook.extra import collect
from revise.quiz import handbook


def test_provider_is_registered_and_gives_a_page_per_role() -> None:
    corpus = load(REPO)
    pages = [p for p in collect(corpus, REPO) if p.path.startswith("quiz/")]
    roles = corpus.roles()
    assert {p.path for p in pages} == {"quiz/index.md"} | {f"quiz/{r}.md" for r in roles}
    assert {p.section for p in pages} == {"培训测验"}
    agent = next(p for p in pages if p.path == "quiz/cs-agent.md")
    assert agent.title == "客服专员自测"
    assert set(agent.assets) == {"assets/revise-quiz/selfcheck.js", "assets/revise-quiz/selfcheck.css"}
    data = json.loads(re.search(r'<script type="application/json" id="revise-quiz-data">(.*?)</script>', agent.markdown).group(1))
    assert data["role"] == "cs-agent" and len(data["questions"]) == handbook.QUESTIONS_PER_PAGE
    assert all("basis" not in q and q["ref"] for q in data["questions"])


def test_pages_are_the_same_on_every_build() -> None:
    first = handbook.pages(load(REPO), REPO)
    second = handbook.pages(load(REPO), REPO)
    assert [p.markdown for p in first] == [p.markdown for p in second]


def test_embedded_json_cannot_close_the_script() -> None:
    text = handbook.embed_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}
