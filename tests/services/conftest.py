"""Fixtures with real services: a throwaway PostgreSQL and Redis (tests/support/services.py).

Skipped, with the reason, when the binaries are missing (scripts/system_deps.sh installs them)."""

import pytest

from tests.support.services import ThrowawayPostgres, ThrowawayRedis


def _throwaway(kind):
    problem = kind.missing()
    if problem:
        pytest.skip(problem)
    with kind() as server:
        yield server


@pytest.fixture(scope="session")
def postgres():
    yield from _throwaway(ThrowawayPostgres)


@pytest.fixture(scope="session")
def redis_server():
    yield from _throwaway(ThrowawayRedis)
