"""People's records: what people do with the rules (accounts now; acknowledgements, quiz results,
audits and reminders later), in a database — SQLite in the desk's data folder by default,
PostgreSQL by URL — through SQLAlchemy Core, with versioned Alembic migrations run at start.

`db.open_database(url)` gives a migrated engine; each domain keeps its tables in `tables.py`
and its queries in a module of its own: `accounts.py`; `training.py` (quiz results per person and
clause version), `quizmap.py` (which clause versions an answered question counts for) and
`moodle.py` (the Moodle grades import); `reminders/` (what is due, the channels, sending once).
阅读确认 (docs/records.md): `owed` (what git's publications and org chart ask of whom), `sync`
(into the database, incrementally), `obligations` (writing: owed items, acknowledgements, the
tally), `reading` (the person's items, completion, overdue, `reminders_due`) and `scope` (the
reports_to chain).
"""
