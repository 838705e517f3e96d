"""The records database on SQLite and on a real PostgreSQL: migrations at start (an empty database is
built, a current one left alone, a newer one refused untouched), and the desk's accounts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import inspect, text

from revise.errors import InputError, UsageError
from revise.records import accounts, db


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield db.default_url(tmp_path)
        return
    base = request.getfixturevalue("postgres_url")
    name = f"t{abs(hash(str(tmp_path))) % 10**9}"
    admin = db.engine_for(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def test_an_empty_database_is_migrated_and_a_current_one_left_alone(url: str) -> None:
    engine = db.open_database(url)
    assert db.current(engine) == db.head()
    assert {"accounts", "invitations", "sign_in_failures", "alembic_version"} <= set(inspect(engine).get_table_names())
    token = accounts.invite(engine, "li.ting@example.com")
    accounts.accept(engine, token, "correct horse battery")
    again = db.open_database(url)  # a second start: nothing reset
    assert accounts.verify(again, "li.ting@example.com", "correct horse battery")


def test_a_newer_database_is_refused_and_not_touched(url: str) -> None:
    engine = db.open_database(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(InputError) as caught:
        db.open_database(url)
    assert "9999_from_the_future" in caught.value.message and "比本程序新" in caught.value.message
    assert db.current(engine) == "9999_from_the_future"


def test_invitations_are_one_time_and_expire(url: str) -> None:
    engine = db.open_database(url)
    token = accounts.invite(engine, "Yuan.Bo@example.com")
    assert accounts.invitation_email(engine, token) == "yuan.bo@example.com"
    with pytest.raises(UsageError, match="至少需要 10"):
        accounts.accept(engine, token, "short")
    assert accounts.accept(engine, token, "a long enough secret") == "yuan.bo@example.com"
    with pytest.raises(UsageError, match="已使用或已过期"):
        accounts.accept(engine, token, "another long secret")
    assert accounts.invitation_email(engine, token) is None
    old = accounts.invite(engine, "qian.lu@example.com", at=db.now() - timedelta(hours=accounts.INVITATION_HOURS + 1))
    assert accounts.invitation_email(engine, old) is None
    with pytest.raises(UsageError, match="已使用或已过期"):
        accounts.accept(engine, old, "a long enough secret")
    assert not accounts.verify(engine, "qian.lu@example.com", "a long enough secret")


def test_passwords_are_argon2_and_failures_slow_down(url: str) -> None:
    engine = db.open_database(url)
    accounts.accept(engine, accounts.invite(engine, "li.ting@example.com"), "correct horse battery")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM accounts")).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    for _ in range(accounts.FREE_FAILURES):
        assert not accounts.verify(engine, "li.ting@example.com", "wrong guess")
    with pytest.raises(accounts.Throttled) as caught:
        accounts.verify(engine, "li.ting@example.com", "correct horse battery")  # even the right one must wait
    assert 0 < caught.value.seconds <= 1
    with engine.begin() as conn:  # the wait has passed
        conn.execute(text("UPDATE sign_in_failures SET last_failure_at = :at"), {"at": db.now() - timedelta(seconds=5)})
    assert accounts.verify(engine, "li.ting@example.com", "correct horse battery")
    assert accounts.wait_after(accounts.FREE_FAILURES + 4) == 16 and accounts.wait_after(60) == accounts.MAX_WAIT
