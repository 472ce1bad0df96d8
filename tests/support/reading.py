"""Tables of what the readers (reading/*.py) make of a message: {reader: [(text, expected), …]}, as test cases."""

from __future__ import annotations

from typing import Any, Callable, List, Mapping, Sequence, Tuple

import pytest


def reader_cases(reads: Mapping[Callable[[str], Any], Sequence[Tuple[str, Any]]]) -> List[Any]:
    """One (read, text, expected) case a row, named « reader-text-expected »."""
    return [
        pytest.param(read, text, expected, id=f"{read.__name__}-{text}-{expected}")
        for read, cases in reads.items()
        for text, expected in cases
    ]
