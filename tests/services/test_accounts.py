"""Accounts: creating users with hashed passwords, case-insensitive names, signing in."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import STUDENT, TEACHER, User
from quizapp.services import ServiceError
from quizapp.services.accounts import authenticate, create_user, find_user, normalise_username
from tests.conftest import PASSWORD


@pytest.mark.usefixtures("ctx")
def test_a_new_user_is_a_student_with_a_hashed_password() -> None:
    user = create_user("  Ana.Reader ", PASSWORD)
    assert user.id is not None
    assert user.username == "ana.reader"
    assert user.display_name == "Ana.Reader"
    assert user.role == STUDENT
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD)


@pytest.mark.usefixtures("ctx")
def test_a_teacher_keeps_the_name_given() -> None:
    user = create_user("mr-t", PASSWORD, display_name=" Mr Thomas ", role=TEACHER)
    assert user.is_teacher
    assert user.display_name == "Mr Thomas"


@pytest.mark.usefixtures("ctx")
def test_the_same_password_hashes_differently_for_two_users() -> None:
    one = create_user("ana", PASSWORD)
    two = create_user("bob", PASSWORD)
    assert one.password_hash != two.password_hash


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize(
    ("username", "password", "field"),
    [
        ("ab", PASSWORD, "username"),
        ("a" * 41, PASSWORD, "username"),
        ("has space", PASSWORD, "username"),
        ("-dash-first", PASSWORD, "username"),
        ("émile", PASSWORD, "username"),
        ("ana", "seven77", "password"),
    ],
)
def test_bad_names_and_short_passwords_are_refused(
    username: str, password: str, field: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        create_user(username, password)
    assert refused.value.field == field
    assert db.session.scalars(db.select(User)).first() is None


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize("again", ["ana", "ANA", " Ana "])
def test_a_taken_name_is_refused_whatever_its_case(again: str) -> None:
    create_user("ana", PASSWORD)
    with pytest.raises(ServiceError, match="taken") as refused:
        create_user(again, PASSWORD)
    assert refused.value.field == "username"


@pytest.mark.usefixtures("ctx")
def test_sign_in_checks_the_password_and_ignores_case() -> None:
    user = create_user("ana", PASSWORD)
    assert authenticate("ANA", PASSWORD) is user
    assert authenticate(" ana ", PASSWORD) is user
    assert authenticate("ana", PASSWORD.upper()) is None
    assert authenticate("nobody", PASSWORD) is None
    assert find_user("Ana") is user


def test_usernames_are_normalised() -> None:
    assert normalise_username("  MiXeD.Case_1 ") == "mixed.case_1"
