"""Checking each agent turn of a transcript against the corpus (智能质检).

- `avoid-phrase`: every phrase of every clause's `avoid` list, found in one pass per turn by an
  Aho–Corasick automaton (pyahocorasick: a C automaton, so a turn costs one call whatever the
  number of phrases; a plain `in` loop costs one call per phrase and turn); the finding carries
  the recommended wording.
- `greeting`: the first agent turn must show the agent's 工号 (STD-COURTESY#greeting-with-id)
  and come within the channel's first-reply limit (the `first_reply_seconds` target of the
  version in force on the contact's day) after `started_at`, when the contact reached the agent.
- `closing`: the last agent turn thanks the customer and says goodbye (STD-COURTESY#honorifics);
  the hint is the goodbye of the closing script.
- `privacy`: an ID or bank card number in an agent's turn, found with the privacy rule's own
  patterns and checks (`revise.check.rules.privacy.findings`) (STD-SECURITY#no-plain-channel).
- `repeat-question`: the agent asks for an order number or a phone number's last four digits the
  customer already gave in an earlier turn (STD-RESPONSE#no-repeat-questions).

Each contact also gives one observation per clause checked (符合 unless a finding names it), so
the rates join the monthly report with the audits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ahocorasick

from revise.check.rules.privacy import findings as privacy_findings
from revise.compliance.observations import Observation
from revise.compliance.targets import Target
from revise.compliance.transcripts import Contact
from revise.compliance.versions import in_force_on, targets_over
from revise.corpus import model
from revise.corpus.documents import Corpus
from revise.messages import t

GREETING = "STD-COURTESY#greeting-with-id"
CLOSING = "STD-COURTESY#honorifics"
PRIVACY = "STD-SECURITY#no-plain-channel"
REPEAT = "STD-RESPONSE#no-repeat-questions"
CLOSING_SCRIPT = "SCR-CLOSING"
FAREWELLS = ("再见", "祝您")  # a goodbye, as SCR-CLOSING's last step says it
AGENT_NUMBER = re.compile(r"工号\s*[:：]?\s*[A-Za-z0-9]+|\d+\s*号(?:客服|为您服务)")
# (what the customer gives, how an agent asks for it again)
REPEATS = (
    (re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{0,4}\d{6,}"),
     re.compile(r"(?:提供|告诉我|报一下|说一下|发一下|发给我).{0,10}订单(?:编)?号|订单(?:编)?号.{0,6}(?:是多少|发一下|提供一下|告诉我)")),
    (re.compile(r"(?:尾号|后四位)\D{0,4}\d{4}"),
     re.compile(r"(?:提供|告诉我|报一下|说一下).{0,12}(?:后四位|尾号)|(?:后四位|尾号).{0,6}(?:是多少|告诉我)")),
)
EXCERPT = 40


@dataclass(frozen=True, slots=True)
class Finding:
    contact_id: str
    turn: int | None  # 0-based index into the contact's turns
    clause: str
    kind: str
    text: str
    hint: str

    def as_dict(self) -> dict[str, Any]:
        return {"contact_id": self.contact_id, "turn": self.turn, "clause": self.clause, "kind": self.kind,
                "text": self.text, "hint": self.hint}


@dataclass
class Rules:
    """What the checks look for, taken from the corpus once."""

    phrases: Any  # ahocorasick.Automaton: phrase → (phrase, clause ref, recommended wording)
    avoid_refs: tuple[str, ...]
    first_reply: dict[str, list[Target]] = field(default_factory=dict)  # channel → versions of the limit
    goodbye: str = ""
    present: frozenset[str] = frozenset()  # the fixed clauses this corpus has


def rules_from(corpus: Corpus) -> Rules:
    automaton = ahocorasick.Automaton()
    refs: list[str] = []
    clauses = list(model.clauses(corpus))
    for clause in clauses:
        for entry in clause.data.get("avoid") or []:
            if isinstance(entry, dict) and entry.get("phrase"):
                automaton.add_word(str(entry["phrase"]), (str(entry["phrase"]), clause.ref, str(entry.get("instead") or "")))
                refs.append(clause.ref) if clause.ref not in refs else None
    if refs:
        automaton.make_automaton()
    present = frozenset(c.ref for c in clauses) & {GREETING, CLOSING, PRIVACY, REPEAT}
    return Rules(automaton if refs else None, tuple(refs), _first_reply(corpus), _goodbye(corpus), present)


def _first_reply(corpus: Corpus) -> dict[str, list[Target]]:
    """The first-reply limits per channel, every version with the days it is in force."""
    holding = Corpus(corpus.root)
    for doc in corpus.documents:
        if doc.kind == "standard" and b"first_reply_seconds" in doc.flat_bytes():
            holding.add(doc)
    out: dict[str, list[Target]] = {}
    for target in targets_over(holding, date(1900, 1, 1), date(9999, 1, 1)):
        if target.metric == "first_reply_seconds" and target.channel and target.unit == "second" and target.op in ("<=", "<"):
            out.setdefault(target.channel, []).append(target)
    return out


def _goodbye(corpus: Corpus) -> str:
    script = corpus.by_id.get(CLOSING_SCRIPT)
    steps = [s for s in (script.data.get("steps") or []) if isinstance(s, dict)] if script else []
    last = [s for s in steps if s.get("closing") and s.get("speaker") == "agent"]
    return str(last[-1].get("say")) if last else ""


def check(contact: Contact, rules: Rules) -> tuple[list[Finding], list[Observation]]:
    """Every finding in one contact, and one observation per clause checked."""
    found: list[Finding] = []
    checked: dict[str, str] = {}
    agent_turns = [(i, turn) for i, turn in enumerate(contact.turns) if turn.speaker == "agent"]
    if rules.phrases is not None and agent_turns:
        checked.update(dict.fromkeys(rules.avoid_refs, "pass"))
        for i, turn in agent_turns:
            seen = set()
            for _end, (phrase, ref, instead) in rules.phrases.iter(turn.text):
                if phrase not in seen:
                    seen.add(phrase)
                    found.append(Finding(contact.contact_id, i, ref, "avoid-phrase", phrase, instead))
    _greeting(contact, agent_turns, rules, found, checked)
    if CLOSING in rules.present:
        _closing(contact, agent_turns, rules, found, checked)
    if PRIVACY in rules.present:
        checked[PRIVACY] = "pass"
        for i, turn in agent_turns:
            for rule_id, masked in privacy_findings(turn.text):
                if rule_id != "privacy-phone":
                    found.append(Finding(contact.contact_id, i, PRIVACY, "privacy", masked, t(f"tr.hint.{rule_id}")))
    if REPEAT in rules.present:
        _repeats(contact, rules, found, checked)
    for f in found:
        checked[f.clause] = "fail"
    day = contact.started_at.date()
    return found, [Observation(contact.contact_id, contact.agent_id, contact.channel, day, ref, verdict, "transcript", contact.team)
                   for ref, verdict in checked.items()]


def _greeting(contact: Contact, agent_turns: list, rules: Rules, found: list[Finding], checked: dict[str, str]) -> None:
    if GREETING not in rules.present:
        return
    if not agent_turns:
        found.append(Finding(contact.contact_id, None, GREETING, "greeting", "", t("tr.hint.no-agent")))
        return
    i, first = agent_turns[0]
    checked[GREETING] = "pass"
    if contact.agent_id not in first.text and not AGENT_NUMBER.search(first.text):
        found.append(Finding(contact.contact_id, i, GREETING, "greeting", first.text[:EXCERPT], t("tr.hint.agent-number")))
    limit = next((tg for tg in rules.first_reply.get(contact.channel, []) if in_force_on(tg, contact.started_at.date())), None)
    if limit is None or first.at is None:
        return
    checked[limit.ref] = "pass"
    waited = (first.at - contact.started_at).total_seconds()
    if waited > limit.value or (limit.op == "<" and waited == limit.value):
        found.append(Finding(contact.contact_id, i, limit.ref, "greeting", first.text[:EXCERPT],
                             t("tr.hint.late", waited=f"{waited:g}", limit=f"{limit.value:g}")))


def _closing(contact: Contact, agent_turns: list, rules: Rules, found: list[Finding], checked: dict[str, str]) -> None:
    if not agent_turns:
        return
    checked[CLOSING] = "pass"
    i, last = agent_turns[-1]
    if not any(word in last.text for word in FAREWELLS):
        found.append(Finding(contact.contact_id, i, CLOSING, "closing", last.text[:EXCERPT], t("tr.hint.closing", say=rules.goodbye)))


def _repeats(contact: Contact, rules: Rules, found: list[Finding], checked: dict[str, str]) -> None:
    given = [False] * len(REPEATS)
    for i, turn in enumerate(contact.turns):
        if turn.speaker == "customer":
            for k, (answer, _ask) in enumerate(REPEATS):
                given[k] = given[k] or bool(answer.search(turn.text))
        elif turn.speaker == "agent" and any(given):
            checked.setdefault(REPEAT, "pass")
            for k, (_answer, ask) in enumerate(REPEATS):
                if given[k] and ask.search(turn.text):
                    found.append(Finding(contact.contact_id, i, REPEAT, "repeat-question", turn.text[:EXCERPT], t("tr.hint.repeat")))
                    given[k] = False  # one finding per thing asked again
    checked.setdefault(REPEAT, "na")  # nothing the customer gave was asked for: not detectable
