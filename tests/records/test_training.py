"""Training records on SQLite and on a real PostgreSQL: results per person and clause version, who
passed the clause as it is now and who is due a retest after it changed, and a Moodle grades report
imported for the people and questions it knows (the rest reported)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from revise.corpus.documents import load
from revise.errors import InputError, UsageError
from revise.quiz.model import data_hash
from revise.records import db, moodle, training
from revise.records.quizmap import ClauseIndex, results_for
from tests.records.test_records import url  # noqa: F401  (the SQLite / PostgreSQL fixture)

ROOT = Path(__file__).resolve().parents[2]
AGENT, AGENT2, AGENT3 = "lin.xiao@example.com", "huang.jiayi@example.com", "wu.hao@example.com"
CLAUSE = ("STD-RESPONSE", "text-first-reply")


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load(ROOT)


def _changed(corpus):  # type: ignore[no-untyped-def]
    """The corpus with the first-reply clause edited (what a publication does)."""
    changed = copy.copy(corpus)
    doc = copy.deepcopy(corpus.by_id["STD-RESPONSE"])
    for item in doc.data["clauses"]:
        if item.get("id") == "text-first-reply":
            item["text"] = str(item.get("text", "")) + "（修订）"
    changed.by_id = {**corpus.by_id, "STD-RESPONSE": doc}
    return changed


def test_results_are_kept_per_clause_version_and_a_changed_clause_is_due_a_retest(url: str, corpus) -> None:  # noqa: F811
    engine = db.open_database(url)
    index = ClauseIndex(corpus)
    version, digest = index.current(*CLAUSE)
    training.record(engine, AGENT, *CLAUSE, version, 1.0, "selfcheck", clause_hash=digest, question="q-1")
    training.record(engine, AGENT2, *CLAUSE, version, 0.0, "selfcheck", clause_hash=digest)
    training.record(engine, AGENT3, *CLAUSE, version, 1.0, "ack")  # no hash: judged by its version
    [now] = training.standing(engine, index.currents(training.clauses_with_results(engine)))
    assert (now.document, now.clause, now.version) == (*CLAUSE, version)
    assert now.passed == sorted([AGENT, AGENT3]) and now.failed == [AGENT2] and now.retest == []

    after = ClauseIndex(_changed(corpus))  # the clause changes without a version bump: the hash tells
    [later] = training.standing(engine, after.currents(training.clauses_with_results(engine)))
    assert later.clause_hash != digest
    assert later.retest == [AGENT] and later.passed == [AGENT3] and later.failed == []
    training.record(engine, AGENT, *CLAUSE, version, 1.0, "moodle", clause_hash=later.clause_hash)
    [retested] = training.standing(engine, after.currents(training.clauses_with_results(engine)))
    assert retested.passed == sorted([AGENT, AGENT3]) and retested.retest == []
    rows = training.of_person(engine, AGENT)
    assert [r["source"] for r in rows] == ["moodle", "selfcheck"]
    assert all(r["document"] == "STD-RESPONSE" and r["clause"] == "text-first-reply" and r["version"] == version for r in rows)


def test_a_bad_result_is_refused_with_the_reason(url: str) -> None:  # noqa: F811
    engine = db.open_database(url)
    with pytest.raises(UsageError, match="0 到 1"):
        training.record(engine, AGENT, *CLAUSE, 1, 3, "selfcheck")
    with pytest.raises(UsageError, match="来源「exam」无效"):
        training.record(engine, AGENT, *CLAUSE, 1, 1, "exam")
    assert training.of_person(engine, AGENT) == []


def test_a_question_on_several_clauses_counts_for_each_only_while_it_matches(corpus) -> None:
    index = ClauseIndex(corpus)
    units = ["text-first-reply", "voice-answer"]
    both = data_hash([index.data("STD-RESPONSE", u) for u in units])
    source = {"document": "STD-RESPONSE", "clauses": units, "version": 1, "hash": both}
    fresh = results_for(index, AGENT, source, 1.0, "selfcheck")
    assert [(r.clause, r.clause_hash) for r in fresh] == [(u, index.current("STD-RESPONSE", u)[1]) for u in units]
    stale = results_for(index, AGENT, {**source, "hash": "0123456789ab"}, 1.0, "selfcheck")
    assert {r.clause_hash for r in stale} == {"0123456789ab"}
    assert results_for(index, AGENT, {**source, "clauses": ["no-such-clause", "voice-answer"]}, 1.0, "selfcheck") is None


def _bank(corpus) -> list[dict]:  # type: ignore[no-untyped-def]
    index = ClauseIndex(corpus)
    first = {"document": "STD-RESPONSE", "clause": "text-first-reply", "version": 1, "hash": index.current(*CLAUSE)[1]}
    voice = {"document": "STD-RESPONSE", "clause": "voice-answer", "version": 1, "hash": index.current("STD-RESPONSE", "voice-answer")[1]}
    gone = {"document": "STD-GONE", "clause": "x", "version": 1, "hash": "0123456789ab"}
    return [{"id": "q-first", "source": first}, {"id": "q-voice", "source": voice}, {"id": "q-gone", "source": gone}]


MOODLE_CSV = (
    "\ufeffSurname,First name,Email address,State,Started on,Completed,Time taken,Grade/3.00,Q. 1 /1.00,Q. 2 /1.00,Q. 3 /1.00,Q. 4 /1.00\n"
    "林,晓,lin.xiao@example.com,Finished,7 December 2026  10:00 AM,7 December 2026  10:05 AM,5 mins,2.00,1.00,0.00,1.00,1.00\n"
    "黄,嘉怡,HUANG.JIAYI@example.com,Finished,7 December 2026  10:00 AM,7 December 2026  10:06 AM,6 mins,1.00,-,1.00,0.00,0.00\n"
    "陌,生,stranger@example.org,Finished,7 December 2026  10:00 AM,7 December 2026  10:06 AM,6 mins,3.00,1.00,1.00,1.00,1.00\n"
    "吴,昊,wu.hao@example.com,In progress,7 December 2026  10:00 AM,-,-,-,-,-,-,-\n"
    ",,,,,,,Overall average,1.50,0.50,0.50,0.50\n"
)


def test_a_moodle_grades_report_is_imported_for_known_people_and_questions(url: str, corpus, tmp_path: Path) -> None:  # noqa: F811
    engine = db.open_database(url)
    path = tmp_path / "grades.csv"
    path.write_text(MOODLE_CSV, encoding="utf-8")
    from revise.compliance.tabular import read_rows
    rows, _enc = read_rows(path)
    people = {AGENT, AGENT2, AGENT3}
    done = moodle.import_grades(engine, ClauseIndex(corpus), people, rows, _bank(corpus), path)
    assert (done.results, done.attempts, done.people) == (4, 2, {AGENT, AGENT2})
    assert done.unknown_people == [(4, "stranger@example.org")]
    assert done.unfinished == [(5, AGENT3)]
    assert [c for c, _why in done.unknown_questions] == ["Q. 3 /1.00", "Q. 4 /1.00"]
    assert "STD-GONE" in done.unknown_questions[0][1] and "没有第 4 题" in done.unknown_questions[1][1]
    mine = {r["clause"]: r["score"] for r in training.of_person(engine, AGENT)}
    assert mine == {"text-first-reply": 1.0, "voice-answer": 0.0}
    hers = {r["clause"]: (r["score"], r["passed"], r["question"]) for r in training.of_person(engine, AGENT2)}
    assert hers == {"text-first-reply": (0.0, False, "q-first"), "voice-answer": (1.0, True, "q-voice")}


def test_a_report_without_an_email_column_is_refused_naming_the_file(url: str, corpus, tmp_path: Path) -> None:  # noqa: F811
    engine = db.open_database(url)
    path = tmp_path / "grades.csv"
    with pytest.raises(InputError) as caught:
        moodle.import_grades(engine, ClauseIndex(corpus), {AGENT}, [["Surname", "Q. 1 /1.00"], ["林", "1"]], _bank(corpus), path)
    assert "grades.csv" in caught.value.message and "Email address" in caught.value.message
    assert json.dumps(training.of_person(engine, AGENT)) == "[]"


def test_a_database_at_the_accounts_schema_is_migrated_keeping_its_accounts(url: str) -> None:  # noqa: F811
    from alembic import command
    from sqlalchemy import inspect

    from revise.records import accounts
    engine = db.engine_for(url)
    cfg = db._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_accounts")
    assert db.current(engine) == "0001_accounts" and "quiz_results" not in inspect(engine).get_table_names()
    accounts.accept(engine, accounts.invite(engine, AGENT), "correct horse battery")
    migrated = db.open_database(url)
    assert db.current(migrated) == db.head()
    assert {"quiz_results", "reminder_log"} <= set(inspect(migrated).get_table_names())
    assert accounts.verify(migrated, AGENT, "correct horse battery")  # nothing reset
    training.record(migrated, AGENT, *CLAUSE, 1, 1.0, "ack")
    assert [r["source"] for r in training.of_person(migrated, AGENT)] == ["ack"]
