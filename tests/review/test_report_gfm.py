"""The PR report, rendered as GitHub renders it (cmark-gfm with its autolink extension), makes no
link, image, tag, @-mention or #reference out of proposal or document text.

Every free-text field of the proposal, and of the documents the draft changes, carries the hostile
payload of tests/hostile.py (raw HTML, Markdown links, `javascript:`, @all, @user, www. hosts,
e-mail addresses, URLs, #123). cmark-gfm is run with raw HTML allowed, so a tag that got through
shows up; GitHub and GitLab find mentions and references in the rendered text, and so does the test.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
import yaml
from cmarkgfm.cmark import Options

from revise.corpus.yamlsafe import decode, parse
from revise.schema.schemaset import SchemaSet
from revise.workflow.proposal import dumps
from tests.hostile import PROPOSALS, Injector, payload

from .conftest import PolicyRepo

PID = "RP-2026-0001"
CHANGED = ("policies/standards/STD-RESPONSE.yaml", "policies/org/ORG-CENTRE.yaml")
# What the report's own Markdown makes: headings, tables, lists, task boxes, code, emphasis, <ins>/<del>.
OWN_TAGS = {"h2", "h3", "h4", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "code",
            "ins", "del", "input", "br"}
# GitHub's and GitLab's mentions (@user, @org/team, @all) and issue/merge-request references (#12, !12).
MENTION = re.compile(r"(?<![0-9A-Za-z_.`])@[0-9A-Za-z_]")
REFERENCE = re.compile(r"(?<![0-9A-Za-z_&])[#!][0-9]")


class _Rendered(HTMLParser):
    """The tags of rendered HTML, and its text outside code (where GitHub looks for mentions)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._code += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.text.append(data)


def _hostile_draft(policy_repo: PolicyRepo) -> Injector:
    injector = Injector(SchemaSet(None))
    proposal = {**PROPOSALS[0], "id": PID, "state": "review"}
    policy_repo.propose(PID, dumps(injector.inject("proposal", f"proposals/{PID}.yaml", proposal)).decode("utf-8"))
    for rel in CHANGED:
        file = policy_repo.path / rel
        data = parse(decode(file.read_bytes())).data
        file.write_text(yaml.safe_dump(injector.inject(str(data["kind"]), rel, data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    policy_repo.commit("hostile draft")
    return injector


def test_report_on_github_makes_no_link_mention_or_tag_from_text(policy_repo: PolicyRepo, revise_in) -> None:
    injector = _hostile_draft(policy_repo)
    code, out, err = revise_in(policy_repo.path, "report", PID)
    assert code == 0, err
    rendered = _Rendered()
    rendered.feed(cmarkgfm.github_flavored_markdown_to_html(out, options=Options.CMARK_OPT_UNSAFE))
    foreign = sorted({f"<{tag} {attrs}>" for tag, attrs in rendered.tags if tag not in OWN_TAGS})
    assert not foreign, f"tags made from text: {foreign[:10]}"
    boxes = [attrs for tag, attrs in rendered.tags if tag == "input"]
    assert all(attrs.get("type") == "checkbox" for attrs in boxes), "only the gate checklist's boxes"
    text = "".join(rendered.text)
    assert not MENTION.findall(text), [text[max(m.start() - 30, 0):m.end() + 10] for m in MENTION.finditer(text)][:5]
    assert not REFERENCE.findall(text), [text[max(m.start() - 30, 0):m.end() + 10] for m in REFERENCE.finditer(text)][:5]
    shown = text.replace("\u2060", "")
    for tag, (file, field) in injector.where.items():
        if file.startswith("proposals/") and field in ("title", "background", "evidence/0"):
            assert payload(tag).split("\n")[0] in shown.replace("\n", " "), f"{file} {field} is not shown as its text"
    assert "@all" in shown and "www.evil.invalid" in shown and "mail-f1@evil.invalid" in shown, "still readable as written"
