"""Rasa's Redis lock store, with each change of a conversation's lock made atomic.

With several Rasa servers, Rasa takes a per-conversation "ticket lock" in Redis before handling a
message, so that two messages of one conversation are handled one after the other. In Rasa 3.6 open
source, `RedisLockStore` changes that lock by reading it, changing it in Python and writing it back
(`issue_ticket`, `update_lock`, `finish_serving`, `cleanup`). Two servers receiving a message of the
same conversation at the same moment can both read the lock before either writes it: both get ticket
0 and handle their messages at the same time, and one message's slots are lost (seen in
tests/services/test_scale_out.py; RasaHQ/rasa#9213). This subclass does each of those changes in a
Redis transaction (WATCH / MULTI / EXEC, retried when another server changed the lock meanwhile), so
that tickets are unique and handed out in order. Everything else is Rasa's: same settings, same keys,
same ticket lock; the key also expires once its last ticket has, so a crashed server leaves nothing.

    lock_store:
      type: aiguillage.rasa.lock_store.AtomicRedisLockStore
      url: …          # same keys as Rasa's `type: redis` (port, db, password, key_prefix, use_ssl…)
"""

from __future__ import annotations

import json
import math
import time
from typing import Any, Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# What a change does to the stored lock: write it, delete it, or leave it as it is.
Change = Tuple[Optional[TicketLock], bool, T]
# Seconds the key outlives its last ticket (a ticket past its expiry is ignored by Rasa anyway).
EXPIRY_MARGIN = 60


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds custom lock stores with `cls(endpoint_config=…)`; its own Redis store gets the
        # endpoint's url as `host` and the other keys as they are: the same here.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Callable[[Optional[TicketLock]], Change]) -> T:
        """Reads the lock, applies `change`, and writes the result, all or nothing: if another
        server changes the lock in between, Redis refuses the write and the change is redone."""
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, write, result = change(lock)
                    pipe.multi()
                    if write and new_lock is not None and new_lock.tickets:
                        ttl = max(ticket.expires for ticket in new_lock.tickets) - time.time()
                        pipe.set(key, new_lock.dumps(), ex=max(1, math.ceil(ttl)) + EXPIRY_MARGIN)
                    elif write:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: Optional[TicketLock]) -> Change:
            lock = lock or TicketLock(conversation_id)
            return lock, True, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, change)
        except Exception as error:  # as Rasa's issue_ticket
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: Optional[TicketLock]) -> Change:
            if lock is None:
                return None, False, None
            lock.remove_expired_tickets()
            return lock, True, None

        self._change(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]) -> Change:
            if lock is None:
                return None, False, None
            lock.remove_ticket_for(ticket_number)
            return lock, True, None

        self._change(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Gives the ticket back, and deletes the lock if nobody else waits, in one step: Rasa's
        version could delete a ticket another server had just taken in between."""

        def change(lock: Optional[TicketLock]) -> Change:
            if lock is None:
                return None, False, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), True, None

        self._change(conversation_id, change)
