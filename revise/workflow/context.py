"""What every step needs: the repository, its settings, the org chart on main and the actor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from revise.errors import GateError, UsageError
from revise.messages import t
from revise.workflow import config, gitstore, identity, orgchart, store
from revise.workflow.gates import bad_signatures
from revise.workflow.orgchart import OrgChart, Person


@dataclass(slots=True)
class Context:
    root: Path
    cfg: config.Config
    org: OrgChart
    actor: gitstore.Author
    remote: str | None = None
    voided: frozenset[str] = frozenset()  # commits of the branch a restore has voided (set when it is read)

    @property
    def main_ref(self) -> str:
        return f"refs/heads/{self.cfg.main_branch}"

    def message(self, step: str, pid: str, summary: str, trailers: dict[str, str] | None = None) -> str:
        """A step commit's message; a step the desk takes for someone says so (`Revise-Via`)."""
        if self.actor.via:
            trailers = {**(trailers or {}), "Revise-Via": self.actor.via}
        return store.message(step, pid, summary, trailers)

    def commit_tree(self, tree: str, parents: list[str], msg: str) -> str:
        """A commit authored by the actor (committed by them, or by the desk acting for them)."""
        return gitstore.commit_tree(self.root, tree, parents, msg, sign=self.cfg.require_signatures, actor=self.actor)

    def member(self, action: str) -> Person:
        """The actor as a person of the org chart; refuses anyone else."""
        person = self.org.person(self.actor.email)
        if person is None:
            raise GateError(t("wf.not-in-org", email=self.actor.email, action=t(f"wf.action.{action}")),
                            t("wf.not-in-org.hint", org=self.org.path or "policies/org/"))
        return person

    def verifier(self):
        """A check run on each new step commit before its ref moves (None when signatures are off)."""
        if not self.cfg.require_signatures:
            return None

        def check(commit: str) -> None:
            sig = identity.verify(self.root, self.org, [commit])[0]
            outsider_request = sig.step == "request" and self.org.person(sig.author) is None
            if not sig.ok and not outsider_request:
                raise GateError(t("wf.step-unsigned", email=self.actor.email, problem=t(f"wf.sig.{sig.problem}")),
                                t("wf.step-unsigned.hint"))
        return check

    def check_history(self, tip: str) -> None:
        """With signatures required, refuse to build on a branch holding an unverified commit."""
        if not self.cfg.require_signatures:
            return
        base = gitstore.merge_base(self.root, self.main_ref, tip) or tip
        commits = [c for c in identity.branch_commits(self.root, base, tip) if c not in self.voided]
        bad = bad_signatures(identity.verify(self.root, self.org, commits), self.org)
        if bad:
            first = bad[0]
            raise GateError(t("wf.history-unsigned", commit=first.commit[:10], email=first.author,
                              problem=t(f"wf.sig.{first.problem}")), t("wf.history-unsigned.hint"))


def open_context(root: Path, remote: str | None = None, actor: gitstore.Author | None = None) -> Context:
    """The context of the repository at `root`; `UsageError` when it is not a git repository with main.

    The actor is git's author identity, unless a caller that authenticated someone (the desk)
    passes `actor` with `via` saying how."""
    if not gitstore.is_repo(root):
        raise UsageError(t("wf.not-a-repo", path=root))
    cfg = config.load(root)
    if not gitstore.rev(root, f"refs/heads/{cfg.main_branch}"):
        raise UsageError(t("wf.no-main", branch=cfg.main_branch))
    if actor is not None:
        actor = actor._replace(email=actor.email.lower())
    return Context(root, cfg, orgchart.load(root, f"refs/heads/{cfg.main_branch}"), actor or gitstore.author(root), remote)
