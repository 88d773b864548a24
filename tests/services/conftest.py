"""Service fixtures: an app context to work in, the test bank and its questions, and users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import TEACHER, User
from quizapp.services.accounts import create_user
from tests.conftest import MINI_BANK, PASSWORD


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    """Work inside the app, as a request or CLI command does; the session ends with the test."""
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def loaded(ctx: None) -> LoadedBank:
    found = catalogue().bank(MINI_BANK)
    assert found is not None
    return found


@pytest.fixture
def questions(ctx: None) -> list[Question]:
    return catalogue().questions(MINI_BANK)


@pytest.fixture
def student(ctx: None) -> User:
    user = create_user("ana", PASSWORD, display_name="Ana")
    db.session.commit()
    return user


@pytest.fixture
def teacher(ctx: None) -> User:
    user = create_user("mr-t", PASSWORD, display_name="Mr T", role=TEACHER)
    db.session.commit()
    return user
