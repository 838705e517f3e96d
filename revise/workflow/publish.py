"""`publish`: re-check every gate, bump versions, merge into main, tag — all or nothing.

Everything is built as git objects first (a publish commit on the branch, a `--no-ff` merge
commit on main, computed with `git merge-tree`), the merged result is checked in a scratch
folder, and only then do main, the branch and the tag move in one `update-ref` transaction.
A journal in `.git/revise/` records the old and new commits, so a publish killed after that
point can be finished (`revise publish ID` again) or undone (`revise publish ID --abort`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from revise.errors import GateError, UsageError
from revise.messages import t
from revise.workflow import gates, gitstore, nochange, proposal, store
from revise.workflow.context import Context, open_context
from revise.workflow.proposal import branch_name, file_path
from revise.workflow.steps import allow, load
from revise.workflow.submission import CheckFailed, check_commit


def publish(root: Path, pid: str, *, effective: str = "", transition_days: int = 0, remote: str | None = None,
            actor: gitstore.Author | None = None, no_change: bool = False) -> dict[str, Any]:
    """Publish an approved proposal; or finish a publish that was interrupted. With `no_change`, a
    periodic review that changed nothing: no effective date, no version (`revise.workflow.nochange`)."""
    ctx = open_context(root, remote, actor)
    _publisher(ctx)
    journal = _journal_path(root, pid)
    if journal.exists() and _resumable(ctx, pid, journal):
        return _finish(ctx, json.loads(journal.read_text(encoding="utf-8")), journal)
    plan = _plan(ctx, pid, None if no_change else _effective(effective), _transition(ctx, transition_days), no_change)
    plan["attached"] = _attached(root, plan)
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    _move_refs(root, plan)
    return _finish(ctx, plan, journal)


def abort(root: Path, pid: str) -> dict[str, Any]:
    """Undo an interrupted publish: main, the branch, the tag and the working tree go back.

    Refused once the remote has the published commits: the publication is then public."""
    proposal.check_id(pid)
    journal = _journal_path(root, pid)
    if not journal.exists():
        raise UsageError(t("wf.nothing-to-abort", id=pid))
    plan = json.loads(journal.read_text(encoding="utf-8"))
    moved = _refs_state(root, plan)
    if moved == "new":
        remote = plan.get("remote")
        if remote and _remote_has(root, remote, plan["main_ref"], plan["new_main"]):
            raise GateError(t("wf.abort-pushed", id=pid, remote=remote), t("wf.abort-pushed.hint", id=pid))
        gitstore.update_refs(root, [(plan["main_ref"], plan["old_main"], plan["new_main"]),
                                    (plan["branch_ref"], plan["old_branch"], plan["new_branch"]),
                                    (plan["tag_ref"], None, plan["new_main"])])
        _sync_worktree(root, plan)
    elif moved == "old":
        _sync_worktree(root, plan)
    else:
        raise GateError(t("wf.publish-moved", id=pid))
    journal.unlink()
    return plan


def unfinished(root: Path, pid: str) -> bool:
    """True while a publish of `pid` moved the refs here but did not finish (working tree, remote)."""
    journal = _journal_path(root, pid)
    if not journal.exists():
        return False
    try:
        return _refs_state(root, json.loads(journal.read_text(encoding="utf-8"))) == "new"
    except (OSError, ValueError, KeyError):
        return False


def _remote_has(root: Path, remote: str, ref: str, commit: str) -> bool:
    out = gitstore.git(root, "ls-remote", remote, ref, check=False)
    return any(line.split("\t")[0] == commit for line in out.splitlines())


# --- planning: objects only, no ref moves ---------------------------------------------------
def _plan(ctx: Context, pid: str, effective: date | None, transition_days: int, no_change: bool = False) -> dict[str, Any]:
    root = ctx.root
    dirty = gitstore.dirty(root)
    if dirty:
        raise GateError(t("wf.dirty", files=", ".join(dirty[:10])), t("wf.dirty.hint"))
    if ctx.remote:
        _check_remote_main(ctx)
    loc = load(ctx, pid)
    d = gates.draft(root, ctx.cfg.main_branch, loc.commit, pid)
    if no_change:
        nochange.refuse_unless_allowed(loc, d)
    elif proposal.empty_draft(loc.data):
        raise GateError(t("periodic.needs-no-change", id=pid), t("periodic.needs-no-change.hint", id=pid))
    if (loc.data.get("pilot") or {}).get("outcome") == "fail":
        raise GateError(t("wf.publish-pilot-failed", id=pid, status="fail"))
    allow(ctx, "publish", loc=loc)
    if d.forbidden:
        raise GateError(t("wf.forbidden-paths", id=pid, paths=", ".join(d.forbidden[:10])), t("wf.forbidden-paths.hint"))
    _check_gates(ctx, loc, d, no_change)
    main_tip = gitstore.rev(root, ctx.main_ref) or ""
    _check_overlap(root, d, main_tip)
    if effective is None:
        data, files = nochange.published_files(ctx, loc)
        msg = ctx.message("publish", pid, t("periodic.publish-summary"))
    else:
        data, files = _published_files(ctx, loc, d, effective, transition_days)
        msg = ctx.message("publish", pid, t("wf.publish-summary", effective=effective.isoformat()))
    tree = gitstore.build_tree(root, loc.commit, files)
    new_branch = ctx.commit_tree(tree, [loc.commit], msg)
    merged = _merge_tree(root, main_tip, new_branch)
    merge_msg = ctx.message("publish", pid, f"merge {branch_name(pid)}: {data['title']}", {"Revise-Merge": branch_name(pid)})
    new_main = ctx.commit_tree(merged, [main_tip, new_branch], merge_msg)
    verify = ctx.verifier()
    if verify:
        verify(new_branch)
        verify(new_main)
    _check_result(root, new_main, pid)
    return {"id": pid, "main_ref": ctx.main_ref, "old_main": main_tip, "new_main": new_main,
            "branch_ref": f"{store.LOCAL}{pid}", "old_branch": loc.local_tip,
            "new_branch": new_branch, "tag_ref": f"refs/tags/{ctx.cfg.tag_prefix}{pid}",
            "remote": ctx.remote, "publication": data["publication"]}


def _publisher(ctx: Context) -> None:
    allow(ctx, "publish")


def _check_gates(ctx: Context, loc: store.Located, d: gates.Draft, no_change: bool = False) -> None:
    from revise.workflow.steps import audit_of
    from revise.workflow.view import signatures
    data = loc.data
    recorded = (data.get("draft") or {}).get("digest")
    if (not d.files and not no_change) or recorded != d.digest:
        raise GateError(t("wf.publish-stale-draft", id=loc.pid), t("wf.draft-changed.hint", id=loc.pid))
    verdict = audit_of(ctx, loc)
    sig_info, signed = signatures(ctx, loc, verdict)
    binding = gates.Binding(verdict.made_by, signed)
    if sig_info["problems"]:
        p = sig_info["problems"][0]
        raise GateError(t("wf.history-unsigned", commit=p["commit"][:10], email=p["author"], problem=t(f"wf.sig.{p['problem']}")),
                        t("wf.history-unsigned.hint"))
    it_required = bool((data.get("draft") or {}).get("technical")) or gates.technical(ctx.root, d)
    review = gates.review_gates(data, ctx.org, d.digest, it_required, binding)
    missing = [g for g in review if not g.met]
    if missing:
        raise GateError(t("wf.publish-reviews", id=loc.pid, areas=", ".join(f"{g.area}: {g.status}" for g in missing)))
    if no_change:
        return  # an empty draft has nothing to pilot
    pilot = gates.pilot_gate(data, ctx.org, binding)
    if not pilot.met:
        key = "wf.publish-pilot-failed" if pilot.status == "fail" else "wf.publish-pilot"
        raise GateError(t(key, id=loc.pid, status=pilot.status))


def _check_overlap(root: Path, d: gates.Draft, main_tip: str) -> None:
    """Refuse when main changed a document this draft changes since the branch left it."""
    on_main = {path for path, _, _ in gitstore.changed_files(root, d.base, main_tip, gates.POLICIES)}
    both = sorted({Path(path).stem for path, _, _ in d.files if path in on_main})
    if both:
        raise GateError(t("wf.publish-conflict", docs=", ".join(both)), t("wf.publish-conflict.hint"))


def _published_files(ctx: Context, loc: store.Located, d: gates.Draft, effective: date,
                     transition_days: int) -> tuple[dict[str, Any], dict[str, bytes | None]]:
    files: dict[str, bytes | None] = {}
    versions: dict[str, int] = {}
    for path, old, new in d.files:
        if set(new) == {"0"} or not path.endswith((".yaml", ".yml")):
            continue
        text = gitstore.git_bytes(ctx.root, "cat-file", "blob", new).decode("utf-8")
        before = _version_of(gitstore.git_bytes(ctx.root, "cat-file", "blob", old).decode("utf-8")) if set(old) != {"0"} else 0
        version = before + 1
        text = _set_top(text, "version", str(version))
        text = _set_top(text, "effective_from", effective.isoformat())
        files[path] = text.encode("utf-8")
        versions[Path(path).stem] = version
    data = dict(loc.data)
    data["state"] = "published"
    data["publication"] = {"effective": effective.isoformat(), "transition_days": transition_days,
                           "by": ctx.actor.email, "at": proposal.now(), "versions": versions,
                           "tag": f"{ctx.cfg.tag_prefix}{loc.pid}"}
    raw = proposal.dumps(data)
    proposal.loads(raw, file_path(loc.pid), proposal.schemas_for(ctx.root))
    files[file_path(loc.pid)] = raw
    return data, files


def _version_of(text: str) -> int:
    m = re.search(r"^version:\s*(\d+)\s*(?:#.*)?$", text, re.MULTILINE)
    return int(m.group(1)) if m else 0


def _set_top(text: str, key: str, value: str) -> str:
    """Set a top-level `key: value` line in place, keeping comments and layout; append when missing."""
    pattern = re.compile(rf"^{re.escape(key)}:[^\n]*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(f"{key}: {value}", text, count=1)
    return text.rstrip("\n") + f"\n{key}: {value}\n"


def _merge_tree(root: Path, main_tip: str, branch: str) -> str:
    out = gitstore.git(root, "merge-tree", "--write-tree", "--name-only", "--no-messages", main_tip, branch, check=False)
    lines = out.splitlines()
    conflicted = [line for line in lines[1:] if line.strip()]
    if conflicted or not lines:
        docs = sorted({Path(p).stem if p.startswith(gates.POLICIES) else p for p in conflicted})
        raise GateError(t("wf.publish-conflict", docs=", ".join(docs) or "?"), t("wf.publish-conflict.hint"))
    return lines[0].strip()


def _check_result(root: Path, commit: str, pid: str) -> None:
    """Run `revise check` on the merged result, unpacked in a scratch folder."""
    result = check_commit(root, commit)
    if not result.ok:
        raise CheckFailed(t("wf.publish-check-failed", id=pid, errors=len(result.errors)), result)


def _check_remote_main(ctx: Context) -> None:
    main = ctx.cfg.main_branch
    gitstore.git(ctx.root, "fetch", "--quiet", "--no-tags", ctx.remote or "", f"+refs/heads/{main}:refs/remotes/{ctx.remote}/{main}")
    theirs = gitstore.rev(ctx.root, f"refs/remotes/{ctx.remote}/{main}")
    ours = gitstore.rev(ctx.root, ctx.main_ref)
    if theirs and theirs != ours and not gitstore.is_ancestor(ctx.root, theirs, ours or theirs):
        raise GateError(t("wf.publish-main-behind", remote=ctx.remote, branch=main), t("wf.publish-main-behind.hint", branch=main))


def _effective(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise UsageError(t("wf.bad-date", field="--effective", value=value)) from None
    if day < date.today():
        raise UsageError(t("wf.date-past", field="--effective", value=value))
    return day


def _transition(ctx: Context, days: int) -> int:
    if not 0 <= days <= ctx.cfg.max_transition_days:
        raise UsageError(t("wf.bad-transition-days", days=days, max=ctx.cfg.max_transition_days))
    return days


# --- moving refs, the working tree, the remote ----------------------------------------------
def _move_refs(root: Path, plan: dict[str, Any]) -> None:
    """One transaction: main, the branch and the tag move; a checked-out one leaves HEAD detached at
    the old commit until the working tree follows, so `git status` offers no commit that undoes it."""
    if plan.get("attached"):
        gitstore.git(root, "checkout", "--quiet", "--detach")
    try:
        gitstore.update_refs(root, [(plan["main_ref"], plan["new_main"], plan["old_main"]),
                                    (plan["branch_ref"], plan["new_branch"], plan["old_branch"]),
                                    (plan["tag_ref"], plan["new_main"], None)])
    except gitstore.GitFailed:
        _sync_worktree(root, plan)
        _journal_path(root, plan["id"]).unlink(missing_ok=True)
        raise GateError(t("wf.concurrent", id=plan["id"])) from None


def _finish(ctx: Context, plan: dict[str, Any], journal: Path) -> dict[str, Any]:
    _sync_worktree(ctx.root, plan)
    remote = ctx.remote or plan.get("remote")
    if remote:
        refs = [plan["main_ref"], plan["branch_ref"], plan["tag_ref"]]
        try:
            gitstore.git(ctx.root, "push", "--quiet", "--atomic", remote, *(f"{r}:{r}" for r in refs))
        except gitstore.GitFailed as exc:
            raise GateError(t("wf.publish-push-failed", remote=remote, error=gitstore.remote_reason(exc.stderr)),
                            t("wf.publish-push-failed.hint", id=plan["id"], remote=remote)) from None
    journal.unlink(missing_ok=True)
    return plan


def _resumable(ctx: Context, pid: str, journal: Path) -> bool:
    """True when an interrupted publish moved the refs (finish it); False when it stopped before (start over)."""
    plan = json.loads(journal.read_text(encoding="utf-8"))
    state = _refs_state(ctx.root, plan)
    if state == "old":
        _sync_worktree(ctx.root, plan)  # killed between detaching HEAD and moving the refs: put HEAD back
        journal.unlink()
        return False
    if state != "new":
        raise GateError(t("wf.publish-moved", id=pid), t("wf.publish-moved.hint", id=pid))
    return True


def _refs_state(root: Path, plan: dict[str, Any]) -> str:
    """`old` when no ref has moved yet, `new` when all have, `other` when someone else moved them."""
    now = (gitstore.rev(root, plan["main_ref"]), gitstore.rev(root, plan["branch_ref"]), gitstore.rev(root, plan["tag_ref"]))
    if now == (plan["old_main"], plan["old_branch"], None):
        return "old"
    if now == (plan["new_main"], plan["new_branch"], plan["new_main"]):
        return "new"
    return "other"


def _attached(root: Path, plan: dict[str, Any]) -> str | None:
    """The ref the publish moves that is checked out here (main or the branch), if any."""
    head = gitstore.head_ref(root)
    return head if head in (plan["main_ref"], plan["branch_ref"]) else None


def _sync_worktree(root: Path, plan: dict[str, Any]) -> None:
    """Bring the working tree (left detached by `_move_refs`) to where its ref points now, and put
    HEAD back on the ref. A working tree someone changed meanwhile is left as it is, detached."""
    ref = plan.get("attached")
    if not ref or gitstore.head_ref(root) == ref:
        return
    target = gitstore.rev(root, ref)
    if not target:
        return
    index = gitstore.git(root, "write-tree").strip()
    if index != _tree(root, target):
        old, new = (plan["old_main"], plan["new_main"]) if ref == plan["main_ref"] else (plan["old_branch"], plan["new_branch"])
        source = next((c for c in (gitstore.rev(root, "HEAD"), old, new) if c and _tree(root, c) == index), None)
        if source is None:
            return
        gitstore.move_worktree(root, source, target)
    gitstore.git(root, "symbolic-ref", "HEAD", ref)


def _tree(root: Path, commit: str) -> str:
    return gitstore.git(root, "rev-parse", f"{commit}^{{tree}}").strip()


def _journal_path(root: Path, pid: str) -> Path:
    return gitstore.git_dir(root) / "revise" / f"publish-{proposal.check_id(pid)}.json"
