"""ErasableSQLTrackerStore on a real SQLite file: what « effacer mes données » and session expiry leave behind."""

import json
import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from aiguillage.rasa.tracker_store import ErasableSQLTrackerStore, asks_erasure

ROOT = Path(__file__).resolve().parents[1]
SECRET = "je dors à la rue depuis mars"


@pytest.fixture(scope="module")
def domain():
    return Domain.load(ROOT / "domain.yml")


@pytest.fixture
def store(tmp_path, domain):
    return ErasableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))


def raw(store) -> bytes:
    """The database file and its write-ahead log (WAL mode: recent writes live there until a checkpoint)."""
    database = Path(store.engine.url.database)
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def contains(store, text: str) -> bool:
    """The text as the store writes it (JSON, non-ASCII escaped) or plain, anywhere in the files."""
    data = raw(store)
    return text.encode() in data or json.dumps(text)[1:-1].encode() in data


def session(t0: float, text: str):
    return [
        ActionExecuted("action_session_start", timestamp=t0),
        SessionStarted(timestamp=t0 + 0.001),
        ActionExecuted("action_listen", timestamp=t0 + 0.002),
        UserUttered(text, {"name": "inform", "confidence": 1.0}, timestamp=t0 + 0.003),
        SlotSet("logement", "sans-domicile", timestamp=t0 + 0.004),
        ActionExecuted("profile_form", timestamp=t0 + 0.005),
        BotUttered("Avez-vous le permis ?", timestamp=t0 + 0.006),
        ActionExecuted("action_listen", timestamp=t0 + 0.007),
    ]


async def save_events(store, sender, events):
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, store.domain.slots)
    for event in events:
        tracker.update(event)
    await store.save(tracker)
    return tracker


def rows(store, sender):
    with sqlite3.connect(store.engine.url.database) as connection:
        return connection.execute("SELECT type_name FROM events WHERE sender_id = ?", (sender,)).fetchall()


def test_erasure_is_recognised_only_after_the_erase_action():
    assert asks_erasure([ActionExecuted("action_erase_data"), BotUttered("C'est fait"), AllSlotsReset(), Restarted()])
    assert not asks_erasure([ActionExecuted("action_restart"), Restarted()])
    assert not asks_erasure([Restarted(), ActionExecuted("action_erase_data")])
    assert not asks_erasure([ActionExecuted("action_erase_data")])


async def test_erase_deletes_every_session_and_overwrites_the_file(store):
    now = time.time()
    await save_events(store, "alice", session(now - 10, SECRET))
    await save_events(store, "bob", session(now - 10, "j'ai 19 ans"))
    assert contains(store, SECRET)
    await save_events(
        store,
        "alice",
        [
            UserUttered("effacer mes données", {"name": "erase_data", "confidence": 1.0}),
            ActionExecuted("action_erase_data"),
            BotUttered("C'est fait"),
            ActiveLoop(None),
            AllSlotsReset(),
            Restarted(),
            ActionExecuted("action_listen"),
        ],
    )
    assert rows(store, "alice") == []
    assert not contains(store, SECRET) and not contains(store, "effacer mes donn")
    assert rows(store, "bob"), "another person's conversation is untouched"
    assert await store.retrieve("alice") is None


async def test_a_plain_restart_keeps_the_events(store):
    await save_events(store, "carol", session(time.time(), SECRET))
    await save_events(store, "carol", [ActionExecuted("action_restart"), Restarted()])
    assert rows(store, "carol")


async def test_a_new_session_forgets_the_previous_ones(store):
    now = time.time()
    await save_events(store, "dan", session(now - 7200, SECRET))
    tracker = await save_events(store, "dan", session(now, "bonjour"))
    assert not contains(store, SECRET)
    assert tracker.get_slot("logement") == "sans-domicile"  # the new session's own fact is kept
    assert (await store.retrieve("dan")).latest_message.text == "bonjour"


async def test_idle_conversations_are_forgotten_after_the_session_time(store):
    store._last_idle_purge = time.monotonic()  # no automatic purge while the old conversation is written
    now = time.time()
    await save_events(store, "erin", session(now - 2 * 3600, SECRET))
    await save_events(store, "frank", session(now - 60, "j'ai 19 ans"))
    assert store.forget_idle_conversations(now=now) > 0
    assert rows(store, "erin") == [] and rows(store, "frank")
    assert not contains(store, SECRET)


async def test_forgetting_can_be_turned_off(tmp_path, domain):
    keeping = ErasableSQLTrackerStore(
        domain=domain, dialect="sqlite", db=str(tmp_path / "keep.db"), forget_expired_sessions=False
    )
    now = time.time()
    await save_events(keeping, "gus", session(now - 7200, SECRET))
    await save_events(keeping, "gus", session(now, "bonjour"))
    assert contains(keeping, SECRET)


async def test_sqlite_keeps_one_connection_in_wal_mode(store):
    """Rasa's own SQLite store opens a connection per read or save and syncs every commit (issue 18)."""
    await save_events(store, "hana", session(time.time(), "bonjour"))
    await save_events(store, "hana", [ActionExecuted("action_listen")])
    with store.session_scope() as db:
        assert db.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.execute(sa.text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    assert store.engine.pool.checkedin() == 1


async def test_a_save_counts_the_stored_events_once(store):
    tracker = await save_events(store, "ines", session(time.time(), "bonjour"))
    counts = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _seen(_conn, _cursor, statement, *_args):
        if "count(" in statement.lower():
            counts.append(statement)

    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    assert len(counts) == 1
    assert [row[0] for row in rows(store, "ines")][-1] == "action"
