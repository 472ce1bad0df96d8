"""Tables of what a reader makes of a message — {reader: [(text, expected), …]} — and the one test they all get.

A reader is any function of a message's text: reading/*.py's parsers, and the others that read what people type
(the trade asked for, a wish for closer places, a smiley taken off), or of a name (« à » + a commune). A row may
carry what the reader is told besides the text, between the two: (text, expecting, expected) for a reader given
keywords=("expecting",).
"""

from __future__ import annotations

from typing import Any, Callable, List, Mapping, Sequence, Tuple

import pytest

# Ordinary words alone, which the readers of places leave alone: « alors » is no commune, « bon » no quartier.
ORDINARY_WORDS = ("alors", "mais", "plus", "tout", "bon", "rien")

Reads = Mapping[Callable[..., Any], Sequence[Tuple[Any, ...]]]


def reader_cases(reads: Reads) -> List[Any]:
    """One (read, text, given, expected) case a row, named « reader-text-…-expected »."""
    return [
        pytest.param(read, row[0], row[1:-1], row[-1], id="-".join(str(value) for value in (read.__name__, *row)))
        for read, rows in reads.items()
        for row in rows
    ]


def reader_test(reads: Reads, keywords: Tuple[str, ...] = ()) -> Callable[..., None]:
    """The test of every row: read(text, **given as keywords) is `expected`, of its type too (True is not 1,
    and a reader that should answer None answers None). Bind it to a test_… name in the test module."""

    @pytest.mark.parametrize("read, text, given, expected", reader_cases(reads))
    def test(read: Callable[..., Any], text: str, given: Tuple[Any, ...], expected: Any) -> None:
        result = read(text, **dict(zip(keywords, given, strict=True)))
        assert type(result) is type(expected) and result == expected, f"{read.__name__}({text!r}) = {result!r}"

    return test
