"""Accounts: creating users with hashed passwords, case-insensitive names, signing in."""

from __future__ import annotations

import pytest
import werkzeug.security

from quizapp.extensions import db
from quizapp.models import STUDENT, TEACHER, User
from quizapp.services import ServiceError, accounts
from quizapp.services.accounts import (
    authenticate,
    change_password,
    create_user,
    end_every_session,
    end_session,
    find_user,
    normalise_username,
    open_session,
    password_problem,
    user_of_session,
)
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
        ("ana", "ninechars", "password"),
        ("ana", "   ", "password"),
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


@pytest.mark.parametrize(
    "weak",
    [
        "password123",
        "qwertyuiop",
        "1234567890",
        "Password2024",
        "aaaaaaaaaaaa",
        "ana-reader2024",
    ],
)
def test_common_and_guessable_passwords_are_refused_with_advice(weak: str) -> None:
    problem = password_problem(weak, known=("ana-reader", "Ana Reader"))
    assert problem is not None
    assert problem.startswith("This password is too easy to guess.")
    assert len(problem) > len("This password is too easy to guess."), "zxcvbn's advice follows"


@pytest.mark.parametrize(
    "strong",
    [PASSWORD, "harbour strike at bellport", "tr0ub4dor&3-x", "Émile lit le journal du matin"],
)
def test_long_or_unusual_passwords_are_accepted(strong: str) -> None:
    assert password_problem(strong) is None


@pytest.mark.usefixtures("ctx")
def test_a_display_name_of_spaces_is_refused() -> None:
    with pytest.raises(ServiceError) as refused:
        create_user("ana", PASSWORD, display_name="   ")
    assert refused.value.field == "display_name"


@pytest.mark.usefixtures("ctx")
def test_two_sign_ups_racing_for_one_name_get_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = create_user("ana", PASSWORD)
    db.session.commit()
    # The second request checked before the first had committed: it saw no such name.
    monkeypatch.setattr(accounts, "find_user", lambda username: None)
    with pytest.raises(ServiceError, match="taken") as refused:
        create_user("ana", PASSWORD)
    assert refused.value.field == "username"
    assert db.session.scalars(db.select(User)).all() == [first]


@pytest.mark.usefixtures("ctx")
def test_a_failed_sign_up_later_in_a_transaction_leaves_nothing_behind() -> None:
    create_user("ana", PASSWORD)
    db.session.rollback()
    assert db.session.scalars(db.select(User)).first() is None


@pytest.mark.usefixtures("ctx")
def test_an_unknown_name_is_hashed_like_a_wrong_password(monkeypatch: pytest.MonkeyPatch) -> None:
    create_user("ana", PASSWORD)
    checked: list[str] = []
    real = werkzeug.security.check_password_hash

    def spy(stored: str, given: str) -> bool:
        checked.append(stored.split(":")[0])
        return real(stored, given)

    monkeypatch.setattr(accounts, "check_password_hash", spy)
    monkeypatch.setattr("quizapp.models.check_password_hash", spy)
    assert authenticate("nobody", PASSWORD) is None
    assert authenticate("ana", "wrong-password") is None
    assert len(checked) == 2
    assert checked[0] == checked[1], "the same kind of hash, so the same work"


@pytest.mark.usefixtures("ctx")
def test_sessions_are_opened_found_and_ended() -> None:
    ana = create_user("ana", PASSWORD)
    laptop, phone = open_session(ana), open_session(ana)
    assert ana.get_id() == phone
    assert user_of_session(laptop) is ana
    assert user_of_session("made-up") is None

    ana.session_token = laptop
    end_session(ana)
    assert user_of_session(laptop) is None
    assert user_of_session(phone) is ana

    end_every_session(ana)
    assert user_of_session(phone) is None


@pytest.mark.usefixtures("ctx")
def test_a_password_change_keeps_only_a_new_session() -> None:
    ana = create_user("ana", PASSWORD)
    old = open_session(ana)
    change_password(ana, PASSWORD, "a-new-secret-42")
    assert user_of_session(old) is None
    assert ana.session_token is not None
    assert user_of_session(ana.session_token) is ana


@pytest.mark.usefixtures("ctx")
def test_a_user_without_an_open_session_has_no_login_id() -> None:
    with pytest.raises(RuntimeError):
        create_user("ana", PASSWORD).get_id()
