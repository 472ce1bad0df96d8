"""A SQL tracker store that really forgets conversations, as the bot promises (utter_privacy).

Configured in endpoints.yml (`type: aiguillage.rasa.tracker_store.ErasableSQLTrackerStore`, same keys as
Rasa's `type: SQL`). Rasa's SQL store keeps every event forever: a restart or a new session only hides
the earlier events. This one deletes them:

* « effacer mes données »: `action_erase_data` ends with a `Restarted` event. When a save brings that
  action followed by a restart, every stored event of the sender, in every session, is deleted, and
  nothing of that last turn is stored.
* Sessions (domain.yml: 60 minutes, nothing carried over): when a new session starts, the stored events
  of the previous ones are deleted; and, at most every few minutes, the conversations left without a
  message for longer than the session time are deleted, for the people who never come back.
  `forget_expired_sessions: false` in endpoints.yml keeps them (Rasa's behaviour).

Plain SQLAlchemy, so it works with SQLite and PostgreSQL. On SQLite, `secure_delete` overwrites the
freed pages: the words are gone from the file, not only from the table. (PostgreSQL frees deleted
rows at its next VACUUM, which autovacuum runs.)
"""

from __future__ import annotations

import logging
import time
from typing import Any, Iterable, Iterator, Optional

import sqlalchemy as sa
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, Restarted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_erase_data"
# How often a process looks for conversations idle for longer than a session (seconds).
IDLE_PURGE_INTERVAL = 300.0


def asks_erasure(events: Iterable[Event]) -> bool:
    """True when `events` hold `action_erase_data` followed by a restart (what the action returns)."""
    erase_seen = False
    for event in events:
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            erase_seen = True
        elif erase_seen and isinstance(event, Restarted):
            return True
    return False


def session_minutes(domain: Optional[Domain]) -> float:
    config = domain.session_config if domain is not None else None
    return float(config.session_expiration_time) if config is not None and config.are_sessions_enabled() else 0.0


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, forget_expired_sessions: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forget_expired_sessions = forget_expired_sessions
        self._last_idle_purge = 0.0
        self._counted: Optional[tuple[DialogueStateTracker, int, list[Event]]] = None
        if self.engine.dialect.name == "sqlite":
            self._tune_sqlite()

    def _tune_sqlite(self) -> None:
        """One kept connection in WAL mode with `synchronous=NORMAL`, instead of SQLAlchemy 1.4's new connection
        per read or save (NullPool) and an fsync per commit: saving the tracker was 14 % of Rasa's CPU per
        message, the commit alone 9 % (benchmarks/results/resources-settings.md). WAL stays consistent after a
        crash; a power cut may lose the last answers' events, never the file. PostgreSQL is left as Rasa sets it."""
        url = self.engine.url
        self.engine.dispose()
        # Rasa answers from one event loop; the pool hands its one connection to one session at a time.
        engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, pool_size=1, max_overflow=4, connect_args={"check_same_thread": False}
        )

        @sa.event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        self.engine = engine
        self.sessionmaker = sa.orm.session.sessionmaker(bind=engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            unsaved = list(self._additional_events(session, tracker))
        # Rasa's save counts the stored events again: it gets this count instead (one query less per message).
        self._counted = (tracker, len(tracker.events), unsaved)
        if asks_erasure(unsaved):
            # Nothing of this turn is stored or streamed to an event broker either: it is part of what
            # the person asked us to forget. The next message starts a new conversation from scratch.
            deleted = self.erase(tracker.sender_id)
            # The sender id is a channel's random id; still, only a count goes to the log.
            logger.info("Conversation effacée à la demande de la personne (%d événements supprimés).", deleted)
            return
        try:
            await super().save(tracker)
        finally:
            self._counted = None
        if not self.forget_expired_sessions:
            return
        new_session = next((e for e in reversed(unsaved) if isinstance(e, SessionStarted)), None)
        if new_session is not None:
            self.forget_before(tracker.sender_id, new_session.timestamp)
        if time.monotonic() - self._last_idle_purge >= IDLE_PURGE_INTERVAL:
            self._last_idle_purge = time.monotonic()
            self.forget_idle_conversations()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        counted = self._counted
        if counted is not None and counted[0] is tracker and counted[1] == len(tracker.events):
            return iter(counted[2])
        return super()._additional_events(session, tracker)

    def erase(self, sender_id: str) -> int:
        """Deletes every stored event of `sender_id`, in all sessions. Returns how many were deleted."""
        return self._delete(self.SQLEvent.sender_id == sender_id)

    def forget_before(self, sender_id: str, timestamp: float) -> int:
        """Deletes the events of `sender_id` older than `timestamp` (the start of its current session),
        as Rasa itself draws the line between sessions."""
        return self._delete(sa.and_(self.SQLEvent.sender_id == sender_id, self.SQLEvent.timestamp < timestamp))

    def forget_idle_conversations(self, now: Optional[float] = None) -> int:
        """Deletes the conversations whose last event is older than the session time."""
        minutes = session_minutes(self.domain)
        if not minutes:
            return 0
        cutoff = (now if now is not None else time.time()) - minutes * 60
        idle = (
            sa.select(self.SQLEvent.sender_id)
            .group_by(self.SQLEvent.sender_id)
            .having(sa.func.max(self.SQLEvent.timestamp) < cutoff)
        )
        deleted = self._delete(self.SQLEvent.sender_id.in_(idle))
        if deleted:
            logger.info("Conversations expirées oubliées : %d événements supprimés.", deleted)
        return deleted

    def _delete(self, condition: Any) -> int:
        with self.session_scope() as session:
            if self.engine.dialect.name == "sqlite":
                # Without it SQLite only marks the pages free: the text would stay readable in the file.
                session.execute(sa.text("PRAGMA secure_delete = ON"))
            deleted = session.query(self.SQLEvent).filter(condition).delete(synchronize_session=False)
            session.commit()
            if deleted and self.engine.dialect.name == "sqlite":
                # In WAL mode the overwritten pages reach the database file at the next checkpoint, and the
                # write-ahead log keeps the old text until then: both are done now, not « later ».
                session.execute(sa.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return int(deleted or 0)
