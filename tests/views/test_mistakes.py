"""/mistakes: every question missed, filters, fixed marking, retry, and the result page's link."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import MINI_BANK, Actions, MakeUser
from tests.views.conftest import MakeAttempt, Quiz, attempt_id_of, field_error

WHO_SAID, SHIPS, PORT = "quist-crate:who-said", "ships-waiting:numeric", "port-alba:name"


@pytest.fixture
def missed(make_user: MakeUser, actions: Actions, make_attempt: MakeAttempt, quiz: Quiz) -> int:
    """Ana answered three questions wrong in one attempt; returns the attempt id."""
    make_user("ana")
    actions.login("ana")
    attempt_id = make_attempt("ana", [WHO_SAID, SHIPS, PORT])
    for position, item in enumerate(quiz.items(attempt_id), start=1):
        answer = {"answer": "2000"} if item["id"] == SHIPS else None
        if item["id"] == WHO_SAID:
            answer = {"answer": "Tomas Vell"}
        quiz.answer(attempt_id, position, answer or {"answer": "Nowhere at all"})
    return attempt_id


def listed(client: FlaskClient, query: str = "") -> list[str]:
    """The prompts of the mistakes listed."""
    html = client.get(f"/mistakes{query}").get_data(as_text=True)
    _, found, rest = html.partition('class="answers mistakes"')
    return re.findall(r"<strong>(.*?)</strong>", rest) if found else []


def test_every_mistake_is_listed_with_its_answers_kind_and_evidence(
    client: FlaskClient, missed: int
) -> None:
    html = client.get("/mistakes").get_data(as_text=True)
    assert html.count("✗ not fixed yet") == 3
    assert "Your answer: Tomas Vell" in html
    assert "Right answer: Mara Quist" in html
    assert "You gave Mara Quist’s words to Tomas Vell." in html
    assert "2000 is 200 off by a factor of 10." in html
    assert "Words given to the wrong speaker: 1" in html
    assert "Where the article says so (paragraph" in html
    assert "Missed 1 time," in html


def test_mistakes_filter_by_topic_and_bank(client: FlaskClient, missed: int) -> None:
    assert len(listed(client)) == 3
    assert len(listed(client, "?topic=quotes")) == 1
    assert len(listed(client, f"?bank={MINI_BANK}&topic=places")) == 1
    assert listed(client, "?topic=stances") == []
    bad = client.get("/mistakes?topic=gossip")
    assert bad.status_code == 422
    assert "Not a valid choice" in field_error(bad, "topic")


def test_retry_asks_exactly_the_unfixed_ones_and_fixed_ones_stay_marked(
    client: FlaskClient, actions: Actions, quiz: Quiz, missed: int
) -> None:
    retry = actions.submit("/mistakes", {}, action=f"/mistakes/retry/{MINI_BANK}")
    retry_id = attempt_id_of(retry)
    items = quiz.items(retry_id)
    assert sorted(item["id"] for item in items) == sorted([WHO_SAID, SHIPS, PORT])
    assert quiz.attempt(retry_id).mode == "practice"
    position = next(i for i, item in enumerate(items, start=1) if item["id"] == WHO_SAID)
    quiz.answer_right(retry_id, position)
    html = client.get("/mistakes").get_data(as_text=True)
    assert html.count("✓ fixed: answered right since") == 1
    assert html.count("✗ not fixed yet") == 2
    again = attempt_id_of(actions.submit("/mistakes", {}, action=f"/mistakes/retry/{MINI_BANK}"))
    assert sorted(item["id"] for item in quiz.items(again)) == sorted([SHIPS, PORT])


def test_a_mistake_missed_twice_counts_twice(
    client: FlaskClient, actions: Actions, quiz: Quiz, missed: int
) -> None:
    retry_id = attempt_id_of(actions.submit("/mistakes", {}, action=f"/mistakes/retry/{MINI_BANK}"))
    position = next(i for i, item in enumerate(quiz.items(retry_id), 1) if item["id"] == PORT)
    quiz.answer_wrong(retry_id, position)
    assert "Missed 2 times" in client.get("/mistakes?topic=places").get_data(as_text=True)


def test_nothing_to_retry_says_so(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    actions.login("ana")
    assert "No mistakes" in client.get("/mistakes").get_data(as_text=True)
    refused = actions.submit("/mistakes", {}, action=f"/mistakes/retry/{MINI_BANK}")
    assert refused.headers["Location"].endswith("/mistakes")
    assert "No unfixed mistakes to retry" in client.get("/mistakes").get_data(as_text=True)


def test_the_result_page_links_to_that_attempts_mistakes(
    client: FlaskClient, actions: Actions, quiz: Quiz, missed: int
) -> None:
    html = client.get(f"/attempts/{missed}/result").get_data(as_text=True)
    assert f'href="/mistakes?attempt={missed}"' in html
    assert len(listed(client, f"?attempt={missed}")) == 3
    other = quiz.start(length="5")
    quiz.answer_wrong(other, 1)
    assert len(listed(client, f"?attempt={other}")) == 1
    assert len(listed(client)) >= 3


def test_another_students_attempt_is_not_found(
    client: FlaskClient, actions: Actions, make_user: MakeUser, missed: int
) -> None:
    actions.logout()
    make_user("bo-b")
    actions.login("bo-b")
    assert client.get(f"/mistakes?attempt={missed}").status_code == 404
    assert client.get("/mistakes?attempt=abc").status_code == 422
