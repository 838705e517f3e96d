"""`revise diff ID [--format text|md|json]` and `revise diff REV1 REV2`: the semantic diff of the policies."""

from __future__ import annotations

import argparse
import os
import sys

from revise.commands._common import repo_root
from revise.errors import UsageError
from revise.messages import t
from revise.review.semdiff import diff_trees, open_trees, vocabulary
from revise.review.semdiff.proposals import proposal_trees, read_proposal
from revise.public import legal
from revise.public.changes import of_diff
from revise.review.semdiff.render import COLOUR, PLAIN, as_json, as_markdown, as_text
from revise.workflow import config

FORMATS = ("text", "md", "json")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("revs", nargs="+", metavar="ID|REV", help=t("cmd.diff.revs"))
    p.add_argument("--format", choices=FORMATS, default="text", help=t("cmd.diff.format"))
    p.add_argument("--main", default=None, help=t("cmd.main"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    if len(args.revs) == 1:
        proposal = read_proposal(root, args.revs[0])
        old, new = proposal_trees(root, proposal, main_branch(root, args.main))
    elif len(args.revs) == 2:
        old, new = open_trees(root, *args.revs)
    else:
        raise UsageError(t("diff.bad-args"))
    vocab = vocabulary(root, new)
    diff = diff_trees(old, new, vocab)
    public = of_diff(diff)  # the promises to customers: shown apart, for the legal review
    if args.format == "json":
        out = as_json(diff, legal.as_data(public, vocab.schemas))
    elif args.format == "md":
        out = "\n\n".join(filter(None, [as_markdown(diff, vocab), legal.as_markdown(public, vocab.schemas)]))
    else:
        colour = use_colour()
        out = "\n\n".join(filter(None, [as_text(diff, vocab, colour=colour),
                                          legal.as_text(public, vocab.schemas, COLOUR if colour else PLAIN)]))
    print(out)
    return 0


def use_colour() -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def main_branch(root: object, given: str | None) -> str:
    """`--main`, else the workflow's configured main branch, else "main"."""
    return given or config.load(root).main_branch  # type: ignore[arg-type]
