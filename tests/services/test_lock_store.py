"""aiguillage.rasa.lock_store.AtomicRedisLockStore on a real Redis: what endpoints.prod.yml builds, and
tickets that stay unique and in order when several Rasa servers (here: clients) take them at once."""

from __future__ import annotations

import asyncio
import threading
from typing import Callable, List

import pytest

from aiguillage.rasa.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.services

CLIENTS = 4
ROUNDS = 15


def store(redis_server) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(
        host=redis_server.host,
        port=redis_server.port,
        db=redis_server.db,
        password=redis_server.password,
        key_prefix="test",
    )


def test_built_from_the_endpoints_file_as_rasa_does(redis_server, monkeypatch):
    from rasa.core.lock_store import LockStore
    from rasa.core.utils import read_endpoints_from_path

    from tests.support.stack import ROOT

    for name, value in {
        **redis_server.env(),
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:9/webhook",
        "AIGUILLAGE_DB_HOST": "127.0.0.1",
        "AIGUILLAGE_DB_PORT": "5432",
        "AIGUILLAGE_DB_USER": "u",
        "AIGUILLAGE_DB_PASSWORD": "p",
        "AIGUILLAGE_DB_NAME": "d",
    }.items():
        monkeypatch.setenv(name, value)
    lock_store = LockStore.create(read_endpoints_from_path(ROOT / "endpoints.prod.yml").lock_store)
    assert isinstance(lock_store, AtomicRedisLockStore)
    assert lock_store.key_prefix == "aiguillage:lock:"
    ticket = lock_store.issue_ticket("conversation")
    key = b"aiguillage:lock:conversation"
    assert redis_server.client().ttl(key) > 0  # a crashed server's lock does not stay forever
    lock_store.cleanup("conversation", ticket)
    assert not redis_server.client().exists(key)


def run_clients(target: Callable[[], None]) -> None:
    """Runs `target` in CLIENTS threads at once; re-raises the first error."""
    errors: List[BaseException] = []
    start = threading.Barrier(CLIENTS)

    def client() -> None:
        start.wait()
        try:
            target()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def test_tickets_taken_at_once_by_several_servers_are_unique(redis_server):
    tickets: List[int] = []

    def take() -> None:
        lock_store = store(redis_server)  # one connection each, like separate Rasa servers
        for _ in range(ROUNDS):
            tickets.append(lock_store.issue_ticket("unique"))

    run_clients(take)
    assert sorted(tickets) == list(range(CLIENTS * ROUNDS))


def test_the_lock_lets_one_message_at_a_time_through(redis_server):
    """Each client does a read-then-write on a counter under the lock: without mutual exclusion,
    increments are lost."""
    counter = "test:counter"
    redis_server.client().set(counter, 0)

    def handle_messages() -> None:
        lock_store = store(redis_server)
        client = redis_server.client()

        async def one_message() -> None:
            async with lock_store.lock("serialised", wait_time_in_seconds=0.01):
                value = int(client.get(counter))
                await asyncio.sleep(0.005)
                client.set(counter, value + 1)

        async def run() -> None:
            for _ in range(ROUNDS):
                await one_message()

        asyncio.run(run())

    run_clients(handle_messages)
    assert int(redis_server.client().get(counter)) == CLIENTS * ROUNDS
    assert not redis_server.client().exists(b"test:lock:serialised")  # cleaned up once nobody waits
