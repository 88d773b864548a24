"""How flashcards word the wait before a card comes back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.services.flashcards import interval_text


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(seconds=10), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(days=1) - timedelta(milliseconds=5), "1 d"),
        (timedelta(days=1) - timedelta(minutes=2), "1438 min"),
        (timedelta(days=12), "12 d"),
        (timedelta(days=45), "1.5 mo"),
        (timedelta(days=840), "2.3 y"),
    ],
)
def test_a_wait_is_worded_in_one_unit(interval: timedelta, text: str) -> None:
    assert interval_text(interval) == text
