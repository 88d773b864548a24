"""Feedback: after each answer in practice, only at the end in a test; the result and history."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from quizapp.extensions import db
from quizapp.models import PRACTICE, TEST, Attempt
from tests.conftest import MINI_BANK, Actions, MakeUser
from tests.views.conftest import MakeAttempt, Quiz, right_answer, wrong_answer

# One question a topic: a multiple choice (quotes), a number (figures), a place's name (places).
WHO_SAID, SHIPS, PORT = "quist-crate:who-said", "ships-waiting:numeric", "port-alba:name"
# Port Alba's evidence is the start of its paragraph, so the highlight sits inside the text.
PORT_PASSAGE = (
    "<mark>More than 200 ships were waiting outside Port Alba on Monday</mark>"
    ", the harbour authority said."
)


@pytest.fixture
def take(make_user: MakeUser, make_attempt: MakeAttempt, actions: Actions) -> MakeAttempt:
    """ana's attempt at these questions, with ana signed in."""

    def start(question_ids: list[str], *, mode: str = PRACTICE) -> int:
        make_user("ana")
        attempt_id = make_attempt("ana", question_ids, mode=mode)
        actions.login("ana")
        return attempt_id

    return start


def position_of(quiz: Quiz, attempt_id: int, question_id: str) -> int:
    ids = [item["id"] for item in quiz.items(attempt_id)]
    return ids.index(question_id) + 1


def score_heading(score: int, total: int, percent: int) -> str:
    """The result's heading; the percentage is for screen readers, the figure above shows it."""
    return f'Your score: {score} of {total}<span class="visually-hidden"> ({percent}%)</span></h1>'


def feedback_shown(html: str) -> bool:
    return any(mark in html for mark in ("✓ Right", "✗ Not right", "Right answer", "<mark>"))


@pytest.mark.parametrize("right", [True, False])
def test_practice_shows_feedback_after_each_answer(
    client: FlaskClient, quiz: Quiz, take: MakeAttempt, right: bool
) -> None:
    attempt_id = take([PORT, WHO_SAID])
    position = position_of(quiz, attempt_id, PORT)
    question = quiz.items(attempt_id)[position - 1]
    url = f"/attempts/{attempt_id}/q/{position}"
    assert not feedback_shown(client.get(url).get_data(as_text=True))

    page = quiz.answer(attempt_id, position, {"answer": "Port Alba" if right else "Bellport"})
    html = client.get(page.headers["Location"]).get_data(as_text=True)
    assert ("✓ Right" in html) is right
    assert ("✗ Not right" in html) is not right
    assert "<dt>Right answer</dt><dd>Port Alba</dd>" in html
    assert f"<dd>{escape(question['explanation'])}</dd>" in html
    assert PORT_PASSAGE in html
    # The article links back to this question: reading the evidence must not lose the quiz.
    back = f"/attempts/{attempt_id}/q/{position}"
    assert f'href="/articles/{MINI_BANK}?p=2&amp;back={back}#p-2"' in html
    assert 'name="answer"' not in html, "answered: no second form"


def test_a_test_shows_nothing_until_the_end(
    client: FlaskClient, quiz: Quiz, take: MakeAttempt
) -> None:
    attempt_id = take([PORT, WHO_SAID, SHIPS], mode=TEST)
    page = quiz.answer_wrong(attempt_id, 1)
    assert page.headers["Location"] == f"/attempts/{attempt_id}"
    page = client.get(f"/attempts/{attempt_id}", follow_redirects=True)
    assert "Question 2 of 3" in page.get_data(as_text=True)
    assert not feedback_shown(page.get_data(as_text=True))
    back = client.get(f"/attempts/{attempt_id}/q/1")
    assert back.status_code == 302, "an answered question shows no verdict in a test"
    result = client.get(f"/attempts/{attempt_id}/result", follow_redirects=True)
    assert "Finish the quiz to see your score." in result.get_data(as_text=True)
    assert not feedback_shown(result.get_data(as_text=True))

    quiz.answer_right(attempt_id, 2)
    page = quiz.answer_right(attempt_id, 3)
    result = client.get(page.headers["Location"], follow_redirects=True)
    assert score_heading(2, 3, 67) in result.get_data(as_text=True)
    assert "<mark>" in result.get_data(as_text=True)


def test_the_result_has_score_time_topics_and_every_answer(
    app: Flask, client: FlaskClient, quiz: Quiz, take: MakeAttempt
) -> None:
    attempt_id = take([PORT, WHO_SAID, SHIPS], mode=TEST)
    items = quiz.items(attempt_id)
    given = {}
    for position, question in enumerate(items, start=1):
        data = wrong_answer(question) if question["id"] == SHIPS else right_answer(question)
        quiz.answer(attempt_id, position, data)
        given[question["id"]] = data["answer"]
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        assert attempt.finished_at is not None
        attempt.started_at = attempt.finished_at - timedelta(minutes=4, seconds=5)
        db.session.commit()

    html = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert score_heading(2, 3, 67) in html
    assert '<p class="score-figure" aria-hidden="true">67%</p>' in html
    assert "A good start." in html, "a line of encouragement that fits the score"
    assert "time taken 4 min 05 s" in html
    # The next steps come right under the score, not only after every question's answer.
    top = html.index('<nav class="actions" aria-label="Next steps">')
    assert html.index('id="score-heading"') < top < html.index('id="answers-title"')
    assert "Take another quiz" in html[top : html.index("</nav>", top)]
    bars = re.findall(
        r'<span id="topic-\d+">(\w+)</span>\s*<meter [^>]*value="([\d.]+)"[^>]*>.*?'
        r'<span class="topic-score">(.*?)</span>',
        html,
        re.DOTALL,
    )
    assert bars == [
        ("Figures", "0.0", "0 of 1 · 0%"),
        ("Places", "1.0", "1 of 1 · 100%"),
        ("Quotes", "1.0", "1 of 1 · 100%"),
    ]
    answers = re.findall(
        r'<li class="(right|wrong)">\s*<details( open)?>(.*?)</details>', html, re.DOTALL
    )
    assert len(answers) == len(items)
    for (verdict, opened, block), question in zip(answers, items, strict=True):
        assert str(escape(question["prompt"])) in block
        assert verdict == ("wrong" if question["id"] == SHIPS else "right")
        # Each question is one line; a wrong one is open, right ones stay folded.
        assert bool(opened) == (verdict == "wrong")
        if question["kind"] == "multiple_choice":
            picked = re.search(r'<li class="right picked">(.*?)</li>', block, re.DOTALL)
            assert picked is not None
            assert str(escape(question["answer"])) in picked.group(1)
            assert "Your answer, right" in picked.group(1)
        else:
            assert f"{escape(given[question['id']])}</dd>" in block
            assert f"<dt>Right answer</dt><dd>{escape(question['answer'])}</dd>" in block


def test_finishing_early_scores_the_rest_as_unanswered(
    actions: Actions, client: FlaskClient, quiz: Quiz, take: MakeAttempt
) -> None:
    attempt_id = take([PORT, WHO_SAID, SHIPS], mode=TEST)
    quiz.answer_right(attempt_id, 1)
    page = actions.submit(f"/attempts/{attempt_id}/q/2", {}, f"/attempts/{attempt_id}/finish")
    assert page.headers["Location"] == f"/attempts/{attempt_id}/result"
    html = client.get(page.headers["Location"]).get_data(as_text=True)
    assert score_heading(1, 3, 33) in html
    assert "2 left unanswered" in html
    assert html.count("✗ not answered") == 2
    late = right_answer(quiz.items(attempt_id)[1])
    page = actions.submit(page.headers["Location"], late, f"/attempts/{attempt_id}/q/2")
    assert page.status_code == 302
    assert len(quiz.responses(attempt_id)) == 1, "a finished attempt takes no more answers"


def test_history_lists_every_finished_attempt_as_a_chart_and_cards(
    client: FlaskClient, quiz: Quiz, take: MakeAttempt, make_attempt: MakeAttempt
) -> None:
    first = take([PORT, WHO_SAID])
    assert "No finished quizzes yet" in client.get("/history").get_data(as_text=True)
    second = make_attempt("ana", [SHIPS, PORT], mode=TEST)
    unfinished = make_attempt("ana", [WHO_SAID])
    for position in (1, 2):
        quiz.answer_right(first, position)
    quiz.answer_right(second, 1)
    quiz.answer_wrong(second, 2)

    html = client.get("/history").get_data(as_text=True)
    svg = re.search(r"<svg.*?</svg>", html, re.DOTALL)
    assert svg is not None
    assert svg.group(0).count("<circle") == 2
    assert "<polyline" in svg.group(0)
    dots = re.findall(r"<title>(Quiz \d+: \d+%)</title></circle>", svg.group(0))
    assert dots == ["Quiz 1: 100%", "Quiz 2: 50%"]
    rows = re.findall(r'<li class="attempt" data-number="(\d+)">(.*?)</li>', html, re.DOTALL)
    assert [number for number, _ in rows] == ["1", "2"]
    # Each attempt told apart: article, mode and when (UTC without JavaScript).
    assert "Dock workers strike as harbour queues grow" in rows[0][1]
    assert "Practice mode" in rows[0][1]
    assert "Test mode" in rows[1][1]
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+\+00:00">[^<]+ UTC</time>', rows[0][1])
    assert "100% <small>(2/2)</small>" in rows[0][1]
    assert f"/attempts/{first}/result" in rows[0][1]
    assert "50% <small>(1/2)</small>" in rows[1][1]
    assert f"/attempts/{second}/result" in rows[1][1]
    assert f"/attempts/{unfinished}/result" not in html
