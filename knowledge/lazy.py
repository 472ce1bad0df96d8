"""A table read once — at start-up (`load`) or on first use — safely when several threads ask at once."""

from __future__ import annotations

import threading
from typing import Callable, Generic, Optional, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: Optional[T] = None
        self._lock = threading.Lock()

    def get(self) -> T:
        if self._value is None:
            with self._lock:  # double-checked: only the first caller builds, the others wait for it
                if self._value is None:
                    self._value = self._build()
        return self._value
