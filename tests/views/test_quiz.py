"""Starting a quiz (options, unknown banks) and who may open an attempt; no tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from ruamel.yaml import YAML

from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.models import PRACTICE, TEST
from tests.conftest import MINI_BANK, Actions, MakeUser, csrf_token
from tests.views.conftest import (
    EVERY_KIND,
    MakeAttempt,
    Quiz,
    attempt_id_of,
    field_error,
    right_answer,
)


def all_facts(app: Flask) -> set[str]:
    with app.app_context():
        return {q.fact for q in catalogue().questions(MINI_BANK)}


@pytest.mark.usefixtures("student")
def test_the_options_offer_length_topics_and_mode(client: FlaskClient) -> None:
    html = client.get(f"/quiz/{MINI_BANK}").get_data(as_text=True)
    offered = {
        "length": ("radio", ["5", "10", "20", "all"]),
        "topics": ("checkbox", list(TOPICS)),
        "mode": ("radio", [PRACTICE, TEST]),
    }
    for name, (kind, values) in offered.items():
        found = re.findall(rf'<input[^>]* name="{name}"[^>]* type="{kind}" value="([^"]+)"', html)
        assert found == values


@pytest.mark.usefixtures("student")
@pytest.mark.parametrize(("length", "count"), [("5", 5), ("10", 10)])
def test_the_length_is_how_many_questions(quiz: Quiz, length: str, count: int) -> None:
    items = quiz.items(quiz.start(length=length))
    assert len(items) == count


@pytest.mark.usefixtures("student")
@pytest.mark.parametrize("length", ["20", "all"])
def test_a_long_quiz_asks_about_every_fact_once(app: Flask, quiz: Quiz, length: str) -> None:
    items = quiz.items(quiz.start(length=length))
    facts = [fact for item in items for fact in item["facts"]]
    assert len(facts) == len(set(facts)), "two questions test the same fact"
    assert set(facts) == all_facts(app)


@pytest.mark.usefixtures("student")
def test_topics_and_mode_are_the_students_choice(quiz: Quiz) -> None:
    attempt_id = quiz.start(topics=["places", "figures"], mode=TEST)
    assert {item["topic"] for item in quiz.items(attempt_id)} == {"places", "figures"}
    attempt = quiz.attempt(attempt_id)
    assert attempt.mode == TEST
    assert attempt.topics == ["figures", "places"]


@pytest.mark.usefixtures("student")
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"topics": []}, "topics", "Choose at least one topic."),
        ({"length": "7"}, "length", "Not a valid choice."),
        ({"mode": "exam"}, "mode", "Not a valid choice."),
    ],
)
def test_bad_options_are_shown_next_to_their_field(
    actions: Actions, change: dict[str, object], field: str, message: str
) -> None:
    data = {"length": "5", "topics": ["quotes"], "mode": PRACTICE, **change}
    page = actions.submit(f"/quiz/{MINI_BANK}", data)
    assert page.status_code == 200
    assert field_error(page, field) == message


@pytest.mark.usefixtures("student")
def test_a_topic_without_questions_is_refused(
    app: Flask, actions: Actions, questions_dir: Path
) -> None:
    yaml = YAML()
    path = questions_dir / f"{MINI_BANK}.yaml"
    bank = yaml.load(path)
    del bank["events"], bank["questions"]
    yaml.dump(bank, path)
    with app.app_context():
        catalogue().refresh(force=True)
        assert "events" not in {q.topic for q in catalogue().questions(MINI_BANK)}
    data = {"length": "5", "topics": ["events"], "mode": PRACTICE}
    page = actions.submit(f"/quiz/{MINI_BANK}", data)
    assert field_error(page, "topics") == "No questions match these topics and skills yet."


@pytest.mark.usefixtures("student")
def test_an_unknown_bank_is_a_friendly_404(client: FlaskClient, actions: Actions) -> None:
    data = {"length": "5", "topics": ["quotes"], "mode": PRACTICE}
    for page in (client.get("/quiz/no-such-bank"), actions.submit("/", data, "/quiz/no-such-bank")):
        assert page.status_code == 404
        assert "Back to the start page" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/attempts/{id}"),
        ("GET", "/attempts/{id}/q/1"),
        ("GET", "/attempts/{id}/result"),
        ("POST", "/attempts/{id}/q/1"),
        ("POST", "/attempts/{id}/finish"),
    ],
)
def test_another_students_attempt_is_not_found(
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    quiz: Quiz,
    method: str,
    path: str,
) -> None:
    make_user("ana")
    make_user("bob")
    attempt_id = make_attempt("ana", [EVERY_KIND["short_answer"]])
    actions.login("bob")
    url = path.format(id=attempt_id)
    page = client.get(url) if method == "GET" else actions.submit("/", {"answer": "x"}, url)
    assert page.status_code == 404
    assert "Back to the start page" in page.get_data(as_text=True)
    assert client.get(path.format(id=attempt_id + 1)).status_code in (404, 405)
    assert quiz.responses(attempt_id) == []
    assert not quiz.attempt(attempt_id).finished


@pytest.mark.parametrize(
    ("kind", "data", "field", "message"),
    [
        ("multiple_choice", {"answer": "not one of the choices"}, "answer", "Choose an answer"),
        ("true_false", {}, "answer", "Choose an answer"),
        ("short_answer", {"answer": ""}, "answer", "Type an answer."),
        ("cloze", {"answer": "x" * 500}, "answer", "cannot be longer than 200 characters"),
        ("matching", {"pair_0": "<script>"}, "pair_0", "Not a valid choice."),
    ],
)
def test_garbage_answers_are_refused_without_a_traceback(
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    quiz: Quiz,
    kind: str,
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    make_user("ana")
    attempt_id = make_attempt("ana", list(EVERY_KIND.values()))
    actions.login("ana")
    kinds = [item["kind"] for item in quiz.items(attempt_id)]
    page = quiz.answer(attempt_id, kinds.index(kind) + 1, data)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert message in field_error(page, field)
    assert "Traceback" not in html
    assert "<script>" not in html
    assert quiz.responses(attempt_id) == []


_PROBLEM = re.compile(
    r'<p id="answer-problem" class="answer-problem" tabindex="-1"( autofocus)?>(.*?)</p>', re.S
)


@pytest.mark.parametrize(
    ("kind", "data", "focused", "said"),
    [
        ("multiple_choice", {}, True, "Choose an answer below first."),
        ("true_false", {"answer": "maybe"}, True, "Choose an answer below first."),
        ("short_answer", {"answer": ""}, False, "Type an answer."),
        ("cloze", {"answer": "x" * 500}, False, "cannot be longer than 200 characters"),
    ],
)
def test_an_answer_not_sent_is_said_under_the_question_where_the_page_opens(
    actions: Actions, make_user: MakeUser, make_attempt: MakeAttempt, quiz: Quiz,
    kind: str, data: dict[str, str], focused: bool, said: str,
) -> None:  # fmt: skip
    """On a phone the field's own message can be screens below: the student is told at the top
    (and a choice question's page puts the focus there; a typed answer keeps it in its box)."""
    make_user("ana")
    attempt_id = make_attempt("ana", [EVERY_KIND[kind]])
    actions.login("ana")
    shown = actions.client.get(f"/attempts/{attempt_id}/q/1")
    assert "answer-problem" not in shown.get_data(as_text=True)
    page = quiz.answer(attempt_id, 1, data)
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    found = _PROBLEM.search(html)
    assert found, "no summary under the question"
    assert html.index('class="prompt"') < found.start() < html.index('class="answer-form"')
    assert (found.group(1) is not None) == focused
    assert "Your answer was not sent." in found.group(2)
    assert said in found.group(2)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/attempts/{id}/q/99", "answer=12"),
        ("/attempts/{id}/q/0", "answer=12"),
        ("/attempts/{id}/q/1", "answer=12%00+ships&pair_9=%FF%FE"),
        ("/attempts/{id}/q/1", "answer=%D9%A1%D9%A2"),
        ("/attempts/{id}/q/1", "answer=1e309"),
        ("/attempts/{id}/q/1", "answer=%ZZ&answer=1&answer=2"),
        ("/attempts/{id}/q/-1", ""),
        ("/attempts/abc/q/1", ""),
    ],
)
def test_odd_posts_to_the_answer_route_never_show_a_traceback(
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    path: str,
    body: str,
) -> None:
    make_user("ana")
    attempt_id = make_attempt("ana", [EVERY_KIND["numeric"]])
    actions.login("ana")
    token = csrf_token(client.get(f"/attempts/{attempt_id}/q/1"))
    page = client.post(
        path.format(id=attempt_id),
        data=f"{body}&csrf_token={token}",
        content_type="application/x-www-form-urlencoded",
    )
    assert page.status_code in (302, 404, 422)
    assert "Traceback" not in page.get_data(as_text=True)


@pytest.mark.usefixtures("student")
@pytest.mark.parametrize(
    ("length", "skills", "notice"),
    [
        ("20", [], "Only {n} questions match what you chose, so this quiz has {n} questions."),
        ("5", ["evidence"], "Only 1 question matches what you chose, so this quiz has 1 question."),
        ("5", [], None),
        ("all", [], None),
    ],
)
def test_a_quiz_shorter_than_asked_says_so(
    client: FlaskClient,
    actions: Actions,
    quiz: Quiz,
    length: str,
    skills: list[str],
    notice: str | None,
) -> None:
    topics = ["figures"] if skills else list(TOPICS)
    data = {"length": length, "topics": topics, "skills": skills, "mode": PRACTICE}
    started = actions.submit(f"/quiz/{MINI_BANK}", data)
    html = client.get(started.headers["Location"]).get_data(as_text=True)
    if notice is None:
        assert "so this quiz has" not in html
    else:
        count = len(quiz.items(attempt_id_of(started)))
        assert count < int(length)
        shown = notice.format(n=count)
        assert f'<p class="flash flash-info" role="status">{shown}</p>' in html


def test_the_options_page_offers_the_students_unfinished_quizzes_on_the_article(
    actions: Actions, make_user: MakeUser, make_attempt: MakeAttempt, quiz: Quiz
) -> None:
    make_user("ana")
    make_user("bob")
    actions.login("ana")
    page = actions.client.get(f"/quiz/{MINI_BANK}").get_data(as_text=True)
    assert "unfinished" not in page
    mine = make_attempt("ana", [EVERY_KIND["true_false"], EVERY_KIND["short_answer"]])
    make_attempt("bob", [EVERY_KIND["true_false"]])  # someone else's is not offered
    assert quiz.answer(mine, 1, right_answer(quiz.items(mine)[0])).status_code == 302
    done = make_attempt("ana", [EVERY_KIND["cloze"]], mode=TEST)
    assert quiz.answer(done, 1, {"answer": "x"}).status_code == 302  # finished: not offered

    page = actions.client.get(f"/quiz/{MINI_BANK}").get_data(as_text=True)
    assert "An unfinished quiz on this article" in page
    assert page.count('href="/attempts/') == 1
    assert f'href="/attempts/{mine}"' in page
    assert "1 of 2 answered" in page
    # Drawn again with an error, the options still offer it.
    refused = actions.submit(f"/quiz/{MINI_BANK}", {"length": "5", "mode": "practice"})
    assert refused.status_code == 200
    assert f'href="/attempts/{mine}"' in refused.get_data(as_text=True)
