"""Fixtures with real services: a throwaway PostgreSQL and Redis (tests/support/services.py).

Skipped, with the reason, when the binaries are missing (scripts/system_deps.sh installs them)."""

import pytest

from tests.support.services import ThrowawayPostgres, ThrowawayRedis


@pytest.fixture(scope="session")
def postgres():
    problem = ThrowawayPostgres.missing()
    if problem:
        pytest.skip(problem)
    with ThrowawayPostgres() as server:
        yield server


@pytest.fixture(scope="session")
def redis_server():
    problem = ThrowawayRedis.missing()
    if problem:
        pytest.skip(problem)
    with ThrowawayRedis() as server:
        yield server
