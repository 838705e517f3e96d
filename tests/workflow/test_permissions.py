"""One source of rules: what `permissions.choices` says a person may not do is exactly what the step
itself refuses, with the same message — so the desk's buttons, its API's 403/409 and the CLI agree."""

from __future__ import annotations

from revise.workflow import view
from revise.workflow.gitstore import Author

from .conftest import AGENT, AUTHOR, BUSINESS, CHAIR, LEGAL

FORBIDDEN, CONFLICT = 403, 409  # NotAllowed: the person may not; NotNow: the state forbids it


def choices_for(repo, pid: str, email: str) -> dict[str, dict]:
    actions = view.with_choices(repo.root, pid, Author(email, email, "desk (test)"))["actions"]
    return {(f"{a['step']}:{a['area']}" if a["area"] else a["step"]): a for a in actions}


def test_refusals_match_the_cli(in_review) -> None:
    repo, pid = in_review
    cases = [  # (who, choice key, CLI arguments, refusal class)
        (AUTHOR, "review:business", ["review", pid, "--as", "business", "--approve"], FORBIDDEN),
        (AGENT, "review:legal", ["review", pid, "--as", "legal", "--approve"], FORBIDDEN),
        (BUSINESS, "review:legal", ["review", pid, "--as", "legal", "--approve"], FORBIDDEN),
        (LEGAL, "pilot-waive", ["pilot", pid, "--waive", "--reason", "x"], FORBIDDEN),
        (CHAIR, "publish", ["publish", pid, "--effective", "2099-01-01"], CONFLICT),
        (CHAIR, "score", ["score", pid, "--impact", "1", "--cost", "1", "--urgency", "1"], CONFLICT),
        (LEGAL, "withdraw", ["withdraw", pid], FORBIDDEN),
    ]
    for who, key, args, status in cases:
        choice = choices_for(repo, pid, who)[key]
        assert (choice["allowed"], choice["status"]) == (False, status), (who, key, choice)
        run = repo.cli(who, *args)
        assert run.code == 1, (who, args, run.err)
        assert choice["reason"] in run.err, (who, key, choice["reason"], run.err)
    legal = choices_for(repo, pid, LEGAL)
    assert legal["review:legal"]["allowed"] and legal["review:legal"]["status"] is None
