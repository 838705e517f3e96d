"""Hostile text for injection tests: payloads that try to run script or make links, and a walker
that puts one into every free-text field of a document, found by walking its JSON Schema.

A field is free text when its schema (refs resolved) is a string with no pattern, enum, const,
oneOf or format: everything an author can type. Each payload carries a tag (`F12`) naming the
field occurrence it was put into, so a test that sees a payload fire can say which field leaked.
Payloads call `xss(tag)`; a browser test defines `xss` before any page script runs and records
the calls. Because the walker reads the schemas, a new text field is covered without a change here.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import yaml

from revise.corpus.yamlsafe import decode, parse
from revise.schema.schemaset import SchemaSet

EVIL_HOST = "evil.invalid"
JINJA = "{{ 12345*1001 }}"
JINJA_RESULT = "12357345"  # what a template engine would make of JINJA: it must never be shown

# Proposals with every part a proposal can have (a published one, a withdrawn one), to inject into.
PROPOSALS: list[dict[str, Any]] = [
    {"id": "RP-2026-0701", "title": "提案", "source": "internal", "targets": ["STD-RESPONSE"], "background": "背景",
     "evidence": ["依据"], "author": "zhou.min@example.com", "created": "2026-03-02T10:00:00+08:00", "state": "published",
     "scores": [{"by": "a@example.com", "impact": 3, "cost": 2, "urgency": 4, "note": "说明", "at": "2026-03-03"}],
     "draft": {"digest": "abc", "submitted_by": "b@example.com", "submitted_at": "2026-03-04", "changed": ["STD-RESPONSE"], "technical": True},
     "reviews": [{"area": "legal", "by": "c@example.com", "decision": "approve", "digest": "abc", "message": "同意", "at": "2026-03-05"}],
     "pilot": {"scope": "范围", "region": "华东", "customer_group": "新客户", "channel": "online", "start": "2026-03-06",
               "until": "2026-03-20", "started_by": "d@example.com", "started_at": "2026-03-06",
               "results": [{"metric": "首次响应", "baseline": 30, "target": 20, "value": 18, "at": "2026-03-20"}],
               "outcome": "pass", "by": "d@example.com", "at": "2026-03-20", "message": "通过"},
     "publication": {"effective": "2026-04-01", "transition_days": 10, "by": "e@example.com", "at": "2026-03-21",
                     "versions": {"STD-RESPONSE": 2}, "tag": "published/RP-2026-0701"},
     "evaluations": [{"by": "g@example.com", "at": "2026-06-01", "effective": "2026-04-01", "weeks": 4, "export": "工单.csv",
                      "before": {"start": "2026-03-04", "end": "2026-04-01"}, "after": {"start": "2026-04-01", "end": "2026-04-29"},
                      "targets": [{"ref": "STD-RESPONSE#text-first-reply", "metric": "first_reply_seconds", "channel": "online",
                                   "op": "<=", "value": 20, "old_value": 30, "unit": "second", "before": {"n": 10, "met": 8},
                                   "after": {"n": 10, "met": 10}, "verdict": "achieved"}],
                      "achieved": True, "summary": "结论"}],
     "notices": [{"by": "h@example.com", "at": "2026-04-02", "effective": "2026-04-01",
                  "changes": [{"ref": "STD-RESPONSE#text-first-reply", "title": "承诺", "before": "原承诺", "after": "新承诺",
                               "effect": "better"}], "web": "网页", "app": "推送", "sms": "短信"}],
     "summary": "摘要"},
    {"id": "RP-2026-0702", "title": "撤回的提案", "source": "benchmark", "targets": ["SCR-CLOSING"], "author": "f@example.com",
     "created": "2026-03-08T09:00:00+08:00", "state": "withdrawn", "closed": {"by": "f@example.com", "at": "2026-03-09", "reason": "原因"}},
]


def payload(tag: str) -> str:
    """Text that runs `xss(tag…)` or makes a link wherever it is not escaped (Markdown, HTML, Jinja, mermaid, GFM)."""
    return (
        f"<script>xss('{tag}:script')</script>"
        f"<img src=x onerror=\"xss('{tag}:img')\">"
        f"[点我](javascript:xss('{tag}:md'))"
        f"<a href=\"javascript:xss('{tag}:a')\">点</a>"
        f"<a href=\"JaVaScRiPt&colon;xss('{tag}:a2')\">点</a>"
        f"<javascript:xss('{tag}:auto')>"
        f"![图](javascript:xss('{tag}:mdimg'))"
        f"![图](http://{EVIL_HOST}/{tag}.png)"
        f"<svg onload=\"xss('{tag}:svg')\"></svg>"
        f"<details open ontoggle=\"xss('{tag}:details')\">d</details>"
        f"&lt;img src=x onerror=xss('{tag}:ent')&gt;&#60;script&#62;xss('{tag}:ent2')&#60;/script&#62;"
        f" {JINJA} <!-- 注释 --> **粗**_斜_ | 表 | `code` "
        f"{{ #spoof-{tag.lower()} .rv-x onclick=\"xss('{tag}:attr')\" }}"
        f" \"]) click n0 call xss('{tag}:mermaid') %%{{init: {{\"securityLevel\": \"loose\"}}}}%%"
        f" @all @{tag.lower()}-user www.{EVIL_HOST} mail-{tag.lower()}@{EVIL_HOST} https://{EVIL_HOST}/{tag}"
        f"\n\n[引用][{tag}]\n\n[{tag}]: javascript:xss('{tag}:refdef')"
    )


def short_payload(tag: str) -> str:
    """The shortest of the payloads, for a field with a length limit."""
    return f"<img src=x onerror=xss('{tag}')><script>xss('{tag}')</script>"


# --- which schema nodes are free text ------------------------------------------------------
def is_free_text(node: dict[str, Any]) -> bool:
    return node.get("type") == "string" and not any(k in node for k in ("pattern", "enum", "const", "oneOf", "format"))


Pattern = tuple[str, ...]  # a field path with "*" for every list item and "{}" for every key of a map
Slot = tuple[Pattern, tuple[str | int, ...], Any, Any, int | None]  # pattern, path, container, key (None: add a map key), maxLength


def _ref_key(node: dict[str, Any], base: dict[str, Any]) -> str | None:
    """The definition a `$ref` names, the same wherever it is written from."""
    ref = node.get("$ref")
    if not ref:
        return None
    file, _, pointer = ref.partition("#")
    return f"{file.rsplit('/', 1)[-1]}#{pointer}" if file else f"{id(base)}#{pointer}"


def text_fields(schemas: SchemaSet, name: str) -> set[Pattern]:
    """Every free-text field of schema `name` (a recursive definition is walked once)."""
    found: set[Pattern] = set()

    def walk(node: dict[str, Any], base: dict[str, Any], path: Pattern, seen: frozenset[str]) -> None:
        key = _ref_key(node, base)
        if key in seen:
            return
        seen = seen | {key} if key else seen
        node, base = schemas.resolve(node, base)
        if is_free_text(node):
            found.add(path)
        for prop, child in node.get("properties", {}).items():
            walk(child, base, path + (prop,), seen)
        if isinstance(node.get("additionalProperties"), dict):
            found.add(path + ("{}",))  # the keys of a map are text too
            walk(node["additionalProperties"], base, path + ("{}",), seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], base, path + ("*",), seen)

    root = schemas.schema(name)
    walk(root, root, (), frozenset())
    return found


# --- putting payloads into documents -------------------------------------------------------
@dataclass
class Injector:
    """Puts a distinct payload into every free-text field of documents, remembering where each went."""

    schemas: SchemaSet
    where: dict[str, tuple[str, str]] = field(default_factory=dict)  # tag -> (file, field path)
    covered: dict[str, set[Pattern]] = field(default_factory=dict)  # schema name -> patterns injected

    def inject(self, name: str, file: str, data: dict[str, Any]) -> dict[str, Any]:
        """A copy of `data` (a `name` document) with a payload appended to every free-text value,
        added to every optional free-text field missing where its object exists, and a hostile key
        added to every map."""
        out = copy.deepcopy(data)
        root = self.schemas.schema(name)
        covered = self.covered.setdefault(name, set())
        for pattern, path, holder, key, limit in list(self._walk(root, root, out, (), (), {})):
            covered.add(pattern)
            tag = f"F{len(self.where) + 1}"
            self.where[tag] = (file, "/".join(map(str, path)))
            if key is None:
                holder[payload(tag)] = next(iter(holder.values()), 1)
            elif limit is not None:  # a short field (an SMS): the shortest payloads that still run script
                holder[key] = short_payload(tag)[:limit]
            else:
                old = holder[key]
                holder[key] = f"{old} {payload(tag)}" if isinstance(old, str) and old else payload(tag)
        return out

    def missing(self, name: str) -> set[Pattern]:
        """Free-text fields of schema `name` that no injected document had."""
        return text_fields(self.schemas, name) - self.covered.get(name, set())

    def _walk(self, node: dict[str, Any], base: dict[str, Any], data: Any, pattern: Pattern,
              path: tuple[str | int, ...], first: dict[str, Pattern]) -> Iterator[Slot]:
        """Every free-text slot in `data`; a recursive definition met again inside itself maps back
        to the pattern of its outer use (`first`), so coverage compares with `text_fields`."""
        key = _ref_key(node, base)
        if key in first:
            pattern = first[key]
        elif key:
            first = {**first, key: pattern}
        node, base = self.schemas.resolve(node, base)
        if isinstance(data, dict):
            yield from self._object(node, base, data, pattern, path, first)
        elif isinstance(data, list) and isinstance(node.get("items"), dict):
            for i, value in enumerate(data):
                yield from self._value(node["items"], base, data, i, pattern + ("*",), path + (i,), first)

    def _object(self, node: dict[str, Any], base: dict[str, Any], data: dict[str, Any], pattern: Pattern,
                path: tuple[str | int, ...], first: dict[str, Pattern]) -> Iterator[Slot]:
        for prop, child in node.get("properties", {}).items():
            if prop not in data:
                resolved, child_base = self.schemas.resolve(child, base)
                if is_free_text(resolved):
                    data[prop] = ""
                elif resolved.get("type") == "array" and is_free_text(self.schemas.resolve(resolved.get("items", {}), child_base)[0]):
                    data[prop] = [""]
                else:
                    continue
            yield from self._value(child, base, data, prop, pattern + (prop,), path + (prop,), first)
        if isinstance(node.get("additionalProperties"), dict):
            yield pattern + ("{}",), path + ("{}",), data, None, None

    def _value(self, node: dict[str, Any], base: dict[str, Any], holder: Any, key: Any, pattern: Pattern,
               path: tuple[str | int, ...], first: dict[str, Pattern]) -> Iterator[Slot]:
        resolved = self.schemas.resolve(node, base)[0]
        if is_free_text(resolved) and isinstance(holder[key], str):
            yield pattern, path, holder, key, resolved.get("maxLength")
        else:
            yield from self._walk(node, base, holder[key], pattern, path, first)


def attack_policies(root: Path, injector: Injector, files: tuple[str, ...] = ()) -> None:
    """Rewrite the policy files under `root` (or only `files`, relative to it) with every free-text field hostile."""
    for file in [root / f for f in files] or sorted((root / "policies").rglob("*.yaml")):
        data = parse(decode(file.read_bytes())).data
        rel = file.relative_to(root).as_posix()
        hostile = injector.inject(str(data["kind"]), rel, data)
        file.write_text(yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- Markdown as GitHub and GitLab render it ------------------------------------------------
# GitHub's and GitLab's mentions (@user, @org/team, @all) and issue/merge-request references (#12, !12).
MENTION = re.compile(r"(?<![0-9A-Za-z_.`])@[0-9A-Za-z_]")
REFERENCE = re.compile(r"(?<![0-9A-Za-z_&])[#!][0-9]")


class GfmPage(HTMLParser):
    """Markdown rendered by cmark-gfm (GitHub's renderer; raw HTML let through, so a tag that escaped
    escaping shows): its tags, and its text outside code, where GitHub and GitLab find mentions."""

    def __init__(self, markdown: str) -> None:
        import cmarkgfm
        from cmarkgfm.cmark import Options

        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._code = 0
        self.feed(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._code += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        if not self._code:
            self._text.append(data)

    @property
    def text(self) -> str:
        return "".join(self._text)

    def findings(self, own_tags: set[str]) -> list[str]:
        """Tags other than `own_tags`, and mentions and references in the text."""
        text = self.text
        found = sorted({f"<{tag} {attrs}>" for tag, attrs in self.tags if tag not in own_tags})
        found += [f"mention: …{text[max(m.start() - 30, 0):m.end() + 10]}…" for m in MENTION.finditer(text)]
        found += [f"reference: …{text[max(m.start() - 30, 0):m.end() + 10]}…" for m in REFERENCE.finditer(text)]
        return found
