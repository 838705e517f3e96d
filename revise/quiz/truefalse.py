"""True/false statements on rules: limits, who owns a step, what applies to whom, forbidden words.

Each fact yields one statement, true or false as the question's randomness decides; a false
statement swaps in another value of the same sort (another limit in the same unit, another
role, another class). `basis` says which value of the document the statement asserts, so the
answer can be re-derived from the document alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from revise.corpus.documents import Document
from revise.messages import t
from revise.quiz.context import Context, explain, items, text
from revise.quiz.distractors import numbers
from revise.quiz.facts import QUANTITY, quantities, same_unit_values, stage_title
from revise.quiz.model import Question


@dataclass
class Claim:
    """A fact with a true value and wrong alternatives; `say(value)` words the statement."""

    doc: Document
    units: tuple[str, ...]
    path: list[Any]
    op: str               # "eq": value at path equals; "in": value is in the list at path; "in-field:F"
    truth: Any
    wrong: list[Any]
    say: Callable[[Any], str]
    key: str
    basis: Callable[[Any], dict[str, Any]] | None = None


def generate(ctx: Context) -> list[Question]:
    """One statement per claim that has at least one wrong alternative."""
    out = []
    for claim in claims(ctx):
        rng = ctx.rng("truefalse/" + (claim.doc.id or "") + "/" + claim.key)
        wrong = [w for w in claim.wrong if w != claim.truth]
        if not wrong:
            continue
        is_true = rng.random() < 0.5
        value = claim.truth if is_true else rng.choice(wrong)
        source = ctx.source(claim.doc, *claim.units)
        verdict = t("quiz.tf.true") if is_true else t("quiz.tf.false")
        out.append(Question(
            "truefalse", t("quiz.tf.prompt", statement=claim.say(value)), [t("quiz.tf.true"), t("quiz.tf.false")],
            is_true, source, explain(ctx, claim.doc, source, t("quiz.explain-answer", answer=verdict)),
            key=f"{claim.key}:{is_true}:{value}",
            basis=claim.basis(value) if claim.basis else {"path": claim.path, "op": claim.op, "value": value},
        ))
    return out


def claims(ctx: Context) -> list[Claim]:
    return [*_quantity_claims(ctx), *_owner_claims(ctx), *_applies_claims(ctx), *_avoid_claims(ctx),
            *_term_claims(ctx), *_duty_claims(ctx)]


def _quantity_claims(ctx: Context) -> list[Claim]:
    facts = quantities(ctx)
    out = []
    for f in facts:
        rng = ctx.rng("tf-values/" + (f.doc.id or "") + f.key)
        wrong = numbers(float(f.value), f.unit_code, rng, same_unit_values(ctx, f.unit_code), n=2)
        say = (lambda stmt, unit, vocab: lambda v: stmt.replace(QUANTITY, ctx.labels.quantity(v, unit, vocab)))(
            f.statement, f.unit_code, f.vocabulary)
        out.append(Claim(f.doc, (f.unit,), list(f.path), "eq", f.value, wrong, say, f.key))
    return out


def _owner_claims(ctx: Context) -> list[Claim]:
    """Who owns each procedure step, plan phase and action; who leads each level."""
    out = []
    for doc in ctx.documents():
        owned = _owned_items(ctx, doc)
        roles = sorted({item[field] for _, item, field, _ in owned})
        for path, item, field, what in owned:
            wrong = [r for r in roles if r != item[field]]
            label = ctx.labels.field(doc.kind or "", tuple(path) + (field,))
            say = (lambda d, w, f: lambda v: t("quiz.tf.owner", doc=d, what=w, field=f, role=ctx.labels.role(v)))(
                doc.title, what, label)
            out.append(Claim(doc, (item["id"],), list(path) + [field], "eq", item[field], wrong, say, f"owner:{item['id']}"))
    return out


Owned = tuple[tuple[Any, ...], dict[str, Any], str, str]


def _owned_items(ctx: Context, doc: Document) -> list[Owned]:
    """(path, item, owner field, the item's name) of every step, level and phase that has an owner."""
    found: list[Owned] = []
    if doc.kind == "procedure":
        for i, step in items(doc.data, "steps"):
            if isinstance(step.get("owner"), str) and isinstance(step.get("id"), str):
                found.append((("steps", i), step, "owner", t("quiz.what.step", title=text(step.get("title")))))
    if doc.kind == "emergency-plan":
        for i, level in items(doc.data, "levels"):
            if isinstance(level.get("lead"), str) and isinstance(level.get("id"), str):
                found.append((("levels", i), level, "lead", t("quiz.what.level", name=text(level.get("name")))))
        for i, phase in items(doc.data, "phases"):
            if isinstance(phase.get("owner"), str) and isinstance(phase.get("id"), str):
                stage = stage_title(ctx, doc.kind, phase.get("stage"))
                found.append((("phases", i), phase, "owner", t("quiz.what.phase", stage=stage)))
                for j, action in items(phase, "actions"):
                    if isinstance(action.get("owner"), str) and isinstance(action.get("id"), str):
                        what = t("quiz.what.action", stage=stage, text=text(action.get("text")))
                        found.append((("phases", i, "actions", j), action, "owner", what))
    return found


def _applies_claims(ctx: Context) -> list[Claim]:
    out = []
    all_roles = sorted(ctx.labels.roles)
    for doc in ctx.documents():
        applies = doc.data.get("applies_to")
        if doc.kind == "org-chart" or not isinstance(applies, list) or not applies:
            continue
        rng = ctx.rng("applies/" + (doc.id or ""))
        role = rng.choice(sorted(r for r in applies if isinstance(r, str)))
        wrong = [r for r in all_roles if r not in applies]
        say = (lambda d: lambda v: t("quiz.tf.applies", doc=d.title, role=ctx.labels.role(v)))(doc)
        out.append(Claim(doc, ("@applies_to",), ["applies_to"], "in", role, wrong, say, f"applies:{role}"))
    return out


def _avoid_claims(ctx: Context) -> list[Claim]:
    """"「phrase」是不得使用的说法": true for a forbidden phrase, false for its recommended wording."""
    out = []
    for doc in ctx.documents("standard"):
        for i, clause in items(doc.data, "clauses"):
            entries = [e for _, e in items(clause, "avoid") if isinstance(e.get("phrase"), str) and isinstance(e.get("instead"), str)]
            phrases = [e["phrase"] for e in entries]
            for entry in entries:
                instead = text(entry["instead"])
                if any(p in instead for p in phrases):
                    continue
                say = lambda v: t("quiz.tf.avoid", phrase=text(v))
                out.append(Claim(doc, (clause["id"],), ["clauses", i, "avoid"], "in-field:phrase", entry["phrase"], [entry["instead"]],
                                 say, f"avoid:{entry['phrase']}"))
    return out


def _term_claims(ctx: Context) -> list[Claim]:
    """"「situation」属于「class」": an example against its own class or another class of the same clause."""
    out = []
    for doc in ctx.documents("standard"):
        for i, clause in items(doc.data, "clauses"):
            terms = [(j, term) for j, term in items(clause, "terms") if isinstance(term.get("name"), str)]
            names = {k: tm["name"] for k, tm in terms}
            for j, term in terms:
                for example in [e for e in term.get("examples") or [] if isinstance(e, str)]:
                    say = (lambda ex, nm: lambda k: t("quiz.tf.term", example=text(ex), name=nm[k]))(example, names)
                    basis = (lambda ex, ci: lambda k: {"path": ["clauses", ci, "terms", k, "examples"], "op": "in", "value": ex})(example, i)
                    out.append(Claim(doc, (clause["id"],), [], "in", j, [k for k, _ in terms if k != j], say,
                                     f"term:{example}", basis))
    return out


def _duty_claims(ctx: Context) -> list[Claim]:
    """"「role」的岗位职责包括「responsibility」" from the org chart."""
    out = []
    for doc in ctx.documents("org-chart"):
        roles = [(i, r) for i, r in items(doc.data, "roles") if isinstance(r.get("id"), str)]
        for i, role in roles:
            duties = [d for d in role.get("responsibilities") or [] if isinstance(d, str)]
            if not duties:
                continue
            rng = ctx.rng("duty/" + role["id"])
            duty = rng.choice(duties)
            wrong = sorted({d for _, other in roles if other is not role for d in other.get("responsibilities") or []
                            if isinstance(d, str) and d not in duties})
            say = (lambda title: lambda v: t("quiz.tf.duty", role=title, duty=text(v)))(ctx.labels.role(role["id"]))
            out.append(Claim(doc, (role["id"],), ["roles", i, "responsibilities"], "in", duty, wrong, say, f"duty:{duty}"))
    return out
