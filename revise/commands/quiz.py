"""`revise quiz [options]` generates a quiz; `revise quiz check BANK.json` checks a saved bank for drift."""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict
from pathlib import Path as FsPath

from revise.commands._common import parse_date, repo_root
from revise.corpus.documents import Corpus, load
from revise.errors import InputError, UsageError
from revise.messages import t
from revise.quiz import since as since_mod
from revise.quiz.check import check_bank, read_bank
from revise.quiz.export import FORMATS, PAPERS, files, render
from revise.quiz.edition import QuizEdition, choose
from revise.quiz.generate import DEFAULT_COUNT, generate
from revise.quiz.model import TYPES, version_label
from revise.quiz.select import Selection, check_documents, check_kinds, check_types, resolve_role
from revise.schema.schemaset import SchemaSet


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--role", help=t("cmd.quiz.role"))
    p.add_argument("--document", nargs="+", action="extend", metavar="ID", help=t("cmd.quiz.document"))
    p.add_argument("--kind", action="append", metavar="KIND", help=t("cmd.quiz.kind"))
    p.add_argument("--type", action="append", metavar="TYPE", help=t("cmd.quiz.type", types=", ".join(TYPES)))
    p.add_argument("--since", metavar="REV", help=t("cmd.quiz.since"))
    _edition_options(p, "")
    p.add_argument("--count", type=_count, help=t("cmd.quiz.count"))
    p.add_argument("--seed", help=t("cmd.quiz.seed"))
    p.add_argument("--format", choices=tuple(FORMATS), default="json", help=t("cmd.format"))
    p.add_argument("--answers", action="store_true", help=t("cmd.quiz.answers"))
    p.add_argument("-o", "--out", type=FsPath, help=t("cmd.quiz.out"))
    p.add_argument("--force", action="store_true", help=t("cmd.quiz.force"))
    p.set_defaults(handler=run)
    inner = p.add_subparsers(dest="quiz_command", metavar="check")
    c = inner.add_parser("check", help=t("cmd.quiz.check"), description=t("cmd.quiz.check.about"))
    c.add_argument("bank", type=FsPath, metavar="BANK.json", help=t("cmd.quiz.check.bank"))
    c.add_argument("--format", choices=("text", "json"), default="text", dest="check_format", help=t("cmd.format"))
    _edition_options(c, "check_")
    c.set_defaults(handler=run_check)


def _edition_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    """`--as-of DATE` / `--coming`: which version of each document (default: the one in force today)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--as-of", dest=f"{prefix}as_of", metavar="YYYY-MM-DD",
                       help=t("cmd.quiz.as-of"))
    group.add_argument("--coming", dest=f"{prefix}coming", action="store_true",
                       help=t("cmd.quiz.coming"))


def _count(value: str) -> int | str:
    if value == "all":
        return value
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(t("quiz.count-invalid", value=value))
    return number


def _seed(value: str | None) -> int | str:
    if value is None:
        return random.SystemRandom().randrange(1, 10**6)
    return int(value) if value.lstrip("-").isdigit() else value


def _corpus(args: argparse.Namespace, as_of: str | None = None, coming: bool = False) -> tuple[FsPath, Corpus, QuizEdition]:
    """The repository, the documents to ask about (the versions `as_of`/`coming` choose) and that edition."""
    day = parse_date(as_of)
    root = repo_root(args)
    corpus = load(root)
    if corpus.problems:
        first = corpus.problems[0]
        raise InputError(t("quiz.corpus-problems", problem=f"{first.path}:{first.line}:{first.column}: {first.message}"),
                         t("quiz.corpus-problems.hint"))
    chosen, edition = choose(corpus, day, coming)
    return root, chosen, edition


def run(args: argparse.Namespace) -> int:
    if args.answers and args.format not in PAPERS:
        raise UsageError(t("quiz.answers-format"), t("quiz.answers-format.hint"))
    if args.out is not None:
        files.check_target(args.out, args.force)  # refuse before the work, not after
    root, corpus, edition = _corpus(args, args.as_of, args.coming)
    schemas = SchemaSet(root / "schemas")
    selection = Selection(
        role=resolve_role(corpus, args.role) if args.role else None,
        documents=_documents(corpus, edition, args.document) if args.document else None,
        kinds=check_kinds(args.kind) if args.kind else None,
        types=check_types(args.type) if args.type else TYPES,
        since=args.since,
    )
    if args.since:
        selection.changed = since_mod.changed_units(corpus, args.since)
        if not selection.changed:
            raise UsageError(t("quiz.since-none", rev=args.since), t("quiz.since-none.hint"))
        print(t("quiz.since-changed", rev=args.since, count=since_mod.count(selection.changed)), file=sys.stderr)
    everything = args.count == "all"
    quiz = generate(corpus, schemas, selection, _seed(args.seed), None if everything else args.count,
                    default_count=sys.maxsize if everything else DEFAULT_COUNT, edition=edition)
    _announce(edition, selection)
    for ty in quiz.skipped:
        print(t("quiz.skipped", type=t(f"quiz.type.{ty}"), reason=t(f"quiz.skip.{ty}")), file=sys.stderr)
    _write(render(quiz, args.format, args.answers), args.out, args.force)
    print(t("quiz.summary", count=len(quiz.questions), available=quiz.available, seed=quiz.seed), file=sys.stderr)
    return 0


def _documents(corpus: Corpus, edition: QuizEdition, values: list[str]) -> set[str]:
    """The `--document` ids; one that is only published for later is refused with a pointer to --coming."""
    for value in values:
        doc = next((d for d in edition.waiting if d.id == value), None)
        if doc is not None and value not in corpus.by_id:
            label = version_label(value, doc.data.get("version"), doc.data.get("effective_from"))
            raise UsageError(t("quiz.document-coming", value=value, label=label), t("quiz.document-coming.hint"))
    return check_documents(corpus, values)


def _announce(edition: QuizEdition, selection: Selection) -> None:
    """Tell the trainer on stderr which versions were asked about, and what is coming that was not."""
    relevant = [d for d in edition.waiting if selection.documents is None or d.id in selection.documents]
    if edition.coming:
        print(edition.sentence(), file=sys.stderr)
    elif relevant:
        shown = QuizEdition(edition.as_of, False, tuple(relevant))
        print(t("quiz.edition.waiting", waiting=shown.waiting_list()), file=sys.stderr)


def _write(text: str, out: FsPath | None, force: bool) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    files.write(text, out, force)
    print(t("quiz.written", path=out), file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    questions = read_bank(args.bank)
    _, corpus, _ = _corpus(args, args.check_as_of, args.check_coming)
    drifts = check_bank(corpus, questions)
    if args.check_format == "json":
        report = {"questions": len(questions), "drift": [asdict(d) for d in drifts]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 1 if drifts else 0
    if not drifts:
        print(t("quiz.check-ok", count=len(questions)))
        return 0
    print(t("quiz.check-drift", drift=len(drifts), count=len(questions)))
    for d in drifts:
        print(f"  {d.question}  {d.ref}: {d.message}")
    return 1
