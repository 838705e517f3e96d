"""The sampled-audit form (抽检表): the clauses an agent must keep on a channel, as check items in
the order the conversation goes.

Which clauses: those the channel's scripts implement (the scripts are the conversation), and
every clause with phrases to avoid (they hold on every channel), less the clauses with a
measurable target (the ticket export measures those). With a script, the clauses it implements.

In what order: a script is the *opening* when an agent line with `{agent_id}` comes before the
customer first speaks, the *closing* when several scripts hand over to it (two or more name it), the
*handling* otherwise; a clause goes where its first non-emergency script is (a script an
emergency plan names is used only in an emergency: its clauses come after the others of their
phase). Within a phase, scripts in corpus order and clauses in the order each script lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from revise.corpus import model
from revise.corpus.documents import Corpus, Document
from revise.errors import UsageError
from revise.messages import t

PHASES = ("opening", "handling", "closing")


@dataclass(frozen=True)
class Item:
    """One check item: a clause, what to check (its text), and where in the conversation it falls."""

    ref: str
    title: str
    check: str
    document_title: str
    phase: str
    version: int


@dataclass(frozen=True)
class Form:
    channel: str
    script: str | None
    items: tuple[Item, ...]

    @property
    def refs(self) -> list[str]:
        return [item.ref for item in self.items]


def form(corpus: Corpus, channel: str, script: str | None = None) -> Form:
    """The audit form for `channel` (a code of the vocabulary), or for one script on it."""
    clauses = {c.ref: c for c in model.clauses(corpus) if c.kind == "standard" and not c.data.get("targets")}
    scripts = [d for d in corpus.documents if d.kind == "script" and channel in (d.data.get("channel") or [])]
    if script is not None:
        chosen = next((d for d in scripts if d.id == script), None)
        if chosen is None:
            raise UsageError(t("qa.form.no-script", script=script, channel=channel),
                             t("qa.form.no-script.hint", scripts=", ".join(d.id or "" for d in scripts) or "-"))
        scripts = [chosen]
    placed: dict[str, tuple] = {}
    emergency = _emergency_scripts(corpus)
    for order, doc in enumerate(scripts):
        phase = _phase(doc, scripts)
        for index, ref in enumerate(_implemented(doc, clauses, corpus)):
            key = (doc.id in emergency, PHASES.index(phase), order, index)  # a non-emergency place first
            placed[ref] = min(placed.get(ref, key), key)
    if script is None:
        for index, ref in enumerate(r for r, c in clauses.items() if c.data.get("avoid")):
            placed.setdefault(ref, (False, PHASES.index("handling"), len(scripts), index))
    ordered = sorted(placed.items(), key=lambda kv: (kv[1][1], kv[1][0], kv[1][2], kv[1][3]))
    items = [_item(clauses[ref], corpus, PHASES[key[1]]) for ref, key in ordered]
    return Form(channel, script, tuple(items))


def _implemented(script: Document, clauses: dict[str, model.Clause], corpus: Corpus) -> list[str]:
    """The clause refs a script implements, a whole document's clauses in order."""
    out: list[str] = []
    for ref in script.data.get("implements") or []:
        ref = str(ref)
        if "#" in ref:
            found = [ref] if ref in clauses else []
        else:
            doc = corpus.by_id.get(ref)
            found = [f"{ref}#{cid}" for cid, _, _ in doc.clauses()] if doc else []
        out += [r for r in found if r in clauses and r not in out]
    return out


def _phase(script: Document, scripts: list[Document]) -> str:
    handing_over = [o for o in scripts if o is not script and script.id and script.id.encode() in o.flat_bytes()]
    if len(handing_over) >= 2:
        return "closing"
    for step in script.data.get("steps") or []:
        if not isinstance(step, dict):
            continue
        if step.get("speaker") == "customer":
            break
        if "{agent_id}" in str(step.get("say") or ""):
            return "opening"
    return "handling"


def _emergency_scripts(corpus: Corpus) -> set[str]:
    plans = [d.flat_bytes() for d in corpus.documents if d.kind == "emergency-plan"]
    return {d.id for d in corpus.documents if d.kind == "script" and d.id and any(d.id.encode() in p for p in plans)}


def _item(clause: model.Clause, corpus: Corpus, phase: str) -> Item:
    doc = corpus.by_id[clause.document]
    return Item(clause.ref, clause.title, " ".join(clause.text.split()), doc.title, phase, clause.version)
