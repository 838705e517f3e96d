"""With `require_signatures: true` the desk signs its step commits with its own SSH key, which the
org chart registers as the desk's; such a commit counts as the act of the person it names (the
`Revise-Via` trailer says how the desk knew them), and the timeline shows it verified."""

from __future__ import annotations

from pathlib import Path

from revise.workflow import identity, orgchart
from tests.desk.conftest import desk_settings, serve, to_review_via
from tests.workflow.conftest import AUTHOR, CHAIR, LEGAL, ORG, git, make_repo


def test_desk_commits_are_signed_by_the_desk_and_verified(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    cfg = (repo.root / "revise.yaml").read_text(encoding="utf-8").replace("require_signatures: false", "require_signatures: true")
    (repo.root / "revise.yaml").write_text(cfg, encoding="utf-8")
    git(repo.root, "commit", "-qam", "require signatures")
    git(repo.root, "push", "-q", "origin", "main")
    settings = desk_settings(repo)
    for served in serve(settings):
        people = {"author": served.person(AUTHOR), "chair": served.person(CHAIR)}
        refused = people["author"].client.post("/api/proposals", json={"title": "t", "source": "internal", "targets": ["STD-RESPONSE"]})
        assert refused.status_code == 409 and "签名" in refused.json()["error"]  # the desk's key is not registered yet
        key = (settings.data / "desk_signing_key.pub").read_text(encoding="utf-8").strip()
        org = (repo.root / ORG).read_text(encoding="utf-8").replace("desk:\n  email: desk@example.com\n",
                                                                     f"desk:\n  email: desk@example.com\n  signing_key: {key}\n")
        (repo.root / ORG).write_text(org, encoding="utf-8")
        git(repo.root, "commit", "-qam", "register the desk's signing key")
        git(repo.root, "push", "-q", "origin", "main")
        pid = to_review_via(served, people)
        legal = served.person(LEGAL)
        r = legal.step(pid, "review", area="legal", decision="approve")
        assert r.status_code == 200, r.text
        status = r.json()
        assert status["signatures"] == {"required": True, "problems": []}
        assert [t["signed"] for t in status["timeline"]] == [True] * len(status["timeline"])
        assert status["gates"][0]["status"] == "approved"
    clone = settings.data / "repo"
    org_chart = orgchart.load(clone, "refs/heads/main")
    tip = git(repo.remote, "rev-parse", f"revise/{pid}").strip()
    sig = identity.verify(clone, org_chart, [tip])[0]
    assert sig.ok and sig.signer == "desk@example.com" and sig.author == LEGAL and sig.via == "desk (demo)"
