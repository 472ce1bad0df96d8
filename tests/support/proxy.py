"""A tiny round-robin TCP load balancer, for tests that put several action servers behind one URL.

Rasa calls a single action_endpoint URL; in production a load balancer (a Kubernetes Service, nginx,
HAProxy…) spreads those calls over the action servers. This stands in for it: each new connection
goes to the next backend, and a backend that refuses the connection (stopped, crashed) is skipped,
as a load balancer's health check would. Rasa opens a new connection for every action call, so calls
alternate between backends. Runs its own asyncio loop in a thread, so that synchronous tests can use it:

    with RoundRobinProxy([("127.0.0.1", 5055), ("127.0.0.1", 5056)]) as proxy:
        url = f"{proxy.url}/webhook"
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from typing import List, Optional, Set, Tuple

Backend = Tuple[str, int]


class RoundRobinProxy:
    def __init__(self, backends: List[Backend], host: str = "127.0.0.1", port: int = 0, connect_timeout: float = 2.0):
        if not backends:
            raise ValueError("at least one backend")
        self.backends = list(backends)
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self.forwarded: Counter = Counter()  # connections forwarded, per backend
        self.refused: Counter = Counter()  # connection attempts a backend refused, per backend
        self._next = 0
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._server: Optional[asyncio.base_events.Server] = None
        self._writers: Set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> RoundRobinProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> RoundRobinProxy:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="round-robin-proxy", daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, self.host, self.port), self._loop
        ).result(timeout=10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._loop is None:
            return

        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()
            for writer in list(self._writers):
                writer.close()

        try:
            asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._loop.close()
            self._loop = None

    async def _connect(self) -> Optional[Tuple[Backend, asyncio.StreamReader, asyncio.StreamWriter]]:
        for _ in range(len(self.backends)):
            backend = self.backends[self._next % len(self.backends)]
            self._next += 1
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(*backend), self.connect_timeout)
            except (OSError, asyncio.TimeoutError):
                self.refused[backend] += 1
                continue
            self.forwarded[backend] += 1
            return backend, reader, writer
        return None

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self._writers.add(client_writer)
        upstream = await self._connect()
        if upstream is None:  # every backend is down: the caller sees a closed connection
            self._writers.discard(client_writer)
            client_writer.close()
            return
        _, upstream_reader, upstream_writer = upstream
        self._writers.add(upstream_writer)
        try:
            await asyncio.gather(self._pipe(client_reader, upstream_writer), self._pipe(upstream_reader, client_writer))
        finally:
            for writer in (client_writer, upstream_writer):
                self._writers.discard(writer)
                writer.close()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
            if writer.can_write_eof():
                writer.write_eof()
        except (ConnectionError, OSError):
            writer.close()
