"""References: every role, department, document and clause a document points at exists.

Rule ids: `ref-unknown-role`, `ref-unknown-document`, `ref-unknown-clause`, `ref-wrong-kind`,
`ref-unknown-department`, `org-missing`, `org-multiple`, `org-cycle`, `org-no-top`,
`org-several-tops`, `org-unreachable`.

Where references live is read off the schemas (`reference_paths`); the document rule records
them as facts and the corpus rule resolves them against the index, so a one-file check can
resolve them against cached facts of the rest.
"""

from __future__ import annotations

from typing import Any, Iterator

from revise.check.facts import DocFacts, Index
from revise.check.rules import DocContext, as_dict, as_list, corpus_rule, doc_rule, file_rule, similar
from revise.corpus.yamlsafe import field_path
from revise.messages import t
from revise.problems import Problem
from revise.schema.schemaset import SchemaSet, reference_paths, values_at

# Fields whose document must be of a given kind.
EXPECTED_KIND = {("emergency-plan", "customer_script"): "script", ("script", "implements"): "standard"}
_patterns: dict[tuple[int, str], list[tuple[tuple[str, ...], str]]] = {}


def _reference_paths(schemas: SchemaSet, kind: str) -> list[tuple[tuple[str, ...], str]]:
    key = (id(schemas), kind)
    if key not in _patterns:
        _patterns[key] = reference_paths(schemas, kind)
    return _patterns[key]


@doc_rule("references")
def record_references(ctx: DocContext) -> Iterator[Problem]:
    """Record every reference as a fact: [target, value, line, column, field]."""
    doc, kind = ctx.doc, ctx.doc.kind
    if kind is None or f"{kind}.schema.json" not in ctx.schemas.by_name:
        return
    refs, where, data = ctx.facts.refs, doc.where, doc.data  # looked up once: this runs for every reference
    for pattern, target in _reference_paths(ctx.schemas, kind):
        expected = EXPECTED_KIND.get((kind, pattern[0]))
        if expected:
            target = f"{target}:{expected}"
        for path, value in values_at(data, pattern):
            if isinstance(value, str):
                line, column = where(path)
                refs.append([target, value, line, column, field_path(path)])
    if kind == "scorecard":
        for i, rater in enumerate(as_list(data.get("raters"))):
            value = as_dict(rater).get("rater")
            if isinstance(value, str) and value != "self":
                path = ("raters", i, "rater")
                refs.append(["role", value, *where(path), field_path(path)])
    yield from ()


def all_known(index: Index, facts: DocFacts) -> bool:
    """The quick test: every reference of the file resolves, judged from its reference keys,
    each distinct key once per run; False when the keys are not at hand (cached facts)."""
    keys = facts.ref_keys
    if keys is None:
        return False
    known: set[str] = index.memo.setdefault("references.known", set())
    wanted = keys.split("\n") if keys else []
    if known.issuperset(wanted):
        return True
    for key in wanted:
        if key not in known:
            target, _, value = key.partition("\t")
            if _resolve(index, facts, target, value, 0, 0, ""):
                return False
            known.add(key)
    return True


@file_rule("references", quick=all_known)
def resolve_references(index: Index, facts: DocFacts) -> Iterator[Problem]:
    for target, value, line, column, fld in facts.refs:
        yield from _resolve(index, facts, target, value, line, column, fld)


def _resolve(index: Index, facts: DocFacts, target: str, ref: str, line: int, column: int, fld: str) -> list[Problem]:
    """The problems of one reference: none in the usual case (a plain function, not a generator:
    it runs for every reference of every file)."""
    if target == "role":
        if index.org_charts and ref not in index.roles:
            return [facts.problem("ref-unknown-role", line, column, t("ref-unknown-role", role=ref), fld,
                                  t("ref-unknown-role.hint", similar=similar(ref, index.roles)))]
        return []
    doc_id, _, clause = ref.partition("#")
    found = index.by_id.get(doc_id)
    if found is None:
        return [facts.problem("ref-unknown-document", line, column, t("ref-unknown-document", ref=doc_id), fld,
                              t("ref-unknown-document.hint", similar=similar(doc_id, _same_prefix(index, doc_id))))]
    expected = target.partition(":")[2]
    problems = []
    if expected and found.kind != expected:
        problems.append(facts.problem("ref-wrong-kind", line, column,
                                      t("ref-wrong-kind", ref=doc_id, found=found.kind or "?", expected=expected), fld,
                                      t("ref-wrong-kind.hint")))
    if clause and clause not in index.clause_ids(doc_id):
        clauses = sorted(index.clause_ids(doc_id))
        tail = similar(clause, clauses)
        problems.append(facts.problem("ref-unknown-clause", line, column, t("ref-unknown-clause", doc=doc_id, clause=clause),
                                      fld, t("ref-unknown-clause.hint", available=", ".join(clauses[:20]) or "—") + tail))
    return problems


def _same_prefix(index: Index, doc_id: str) -> list[str]:
    """Candidates for "did you mean": ids sharing the first segment (keeps difflib fast on big corpora)."""
    head = doc_id.split("-", 1)[0]
    return [i for i in index.by_id if i.split("-", 1)[0] == head] or list(index.by_id)[:2000]


@corpus_rule("references")
def org_chart_present(index: Index) -> Iterator[Problem]:
    charts = index.org_charts
    if not charts and index.facts and index.is_reported(index.facts[0]):
        first = index.facts[0]
        yield first.problem("org-missing", 1, 1, t("org-missing"), "", t("org-missing.hint"))
    for facts in charts[1:]:
        if index.is_reported(facts):
            yield facts.problem("org-multiple", *facts.id_pos, t("org-multiple", ids=", ".join(c.id or c.path for c in charts)),
                                "id", t("org-multiple.hint"))


@doc_rule("references", kinds=("org-chart",))
def org_structure(ctx: DocContext) -> Iterator[Problem]:
    """Departments exist; `reports_to` has no cycle; exactly one top; every role reaches it."""
    doc = ctx.doc
    roles = [(i, r) for i, r in enumerate(as_list(doc.data.get("roles"))) if isinstance(r, dict) and isinstance(r.get("id"), str)]
    ctx.facts.roles.extend(r["id"] for _, r in roles)
    departments = {d.get("id") for d in as_list(doc.data.get("departments")) if isinstance(d, dict)}
    for i, role in roles:
        dept = role.get("department")
        if isinstance(dept, str) and dept not in departments:
            yield doc.problem("ref-unknown-department", ("roles", i, "department"), t("ref-unknown-department", dept=dept),
                              t("ref-unknown-department.hint") + similar(dept, [d for d in departments if isinstance(d, str)]))
    yield from _chain_problems(ctx, roles)


def _chain_problems(ctx: DocContext, roles: list[tuple[int, dict[str, Any]]]) -> Iterator[Problem]:
    doc = ctx.doc
    boss = {r["id"]: r.get("reports_to") for _, r in roles}
    where = {r["id"]: i for i, r in roles}
    tops = [rid for rid, up in boss.items() if up is None]
    if not tops and roles:
        yield doc.problem("org-no-top", ("roles",), t("org-no-top"), t("org-no-top.hint"), key=True)
    for rid in tops[1:]:
        yield doc.problem("org-several-tops", ("roles", where[rid], "id"), t("org-several-tops", role=rid, top=tops[0]),
                          t("org-several-tops.hint", top=tops[0]))
    in_cycle: set[str] = set()
    for cycle in _cycles(boss):
        in_cycle.update(cycle)
        first = min(cycle, key=lambda r: where[r])
        start = cycle.index(first)
        loop = " → ".join(cycle[start:] + cycle[:start] + [first])
        yield doc.problem("org-cycle", ("roles", where[first], "reports_to"), t("org-cycle", loop=loop), t("org-cycle.hint"))
    for rid in boss:
        top = _top_of(boss, rid)
        if rid not in in_cycle and top in in_cycle:
            yield doc.problem("org-unreachable", ("roles", where[rid], "reports_to"), t("org-unreachable", role=rid, via=top),
                              t("org-unreachable.hint"))


def _cycles(boss: dict[str, Any]) -> list[list[str]]:
    """Every `reports_to` loop, each once, as the list of roles in it."""
    walked: dict[str, str] = {}
    found: list[list[str]] = []
    for start in boss:
        path: list[str] = []
        cur = start
        while isinstance(cur, str) and cur in boss and cur not in walked:
            walked[cur] = start
            path.append(cur)
            cur = boss[cur]
        if isinstance(cur, str) and walked.get(cur) == start and cur in path:
            found.append(path[path.index(cur):])
    return found


def _top_of(boss: dict[str, Any], rid: str) -> str:
    """Where following `reports_to` from `rid` ends: a top role, an unknown role, or a role in a loop."""
    seen = {rid}
    cur: Any = rid
    while isinstance(boss.get(cur), str) and boss[cur] in boss and boss[cur] not in seen:
        cur = boss[cur]
        seen.add(cur)
    up = boss.get(cur)
    return up if isinstance(up, str) and up in seen else cur
