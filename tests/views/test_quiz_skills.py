"""Sentence questions on the quiz pages, skills on snapshots, results, history and options."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from markupsafe import escape

from quizapp.bank.kinds import SKILLS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import SNAPSHOT_VERSION, AttemptItem
from quizapp.services.accounts import find_user
from quizapp.services.quiz import start_attempt
from tests.conftest import PROJECT, SEED_BANK, Actions
from tests.views.conftest import Quiz, controls, field_error, right_answer, wrong_answer

EVIDENCE = "french-senators-duty-to-help:evidence"
TWO_PART = "inf-not-all-call-up:conclusion-two-part"
VOCABULARY = "voc-exodus:meaning"


@pytest.fixture
def questions_dir(questions_dir: Path) -> Path:
    for suffix in (".yaml", ".txt"):
        shutil.copy(PROJECT / "questions" / f"{SEED_BANK}{suffix}", questions_dir)
    return questions_dir


def _attempt(app: Flask, question_ids: list[str]) -> int:
    with app.app_context():
        loaded = catalogue().bank(SEED_BANK)
        assert loaded is not None
        wanted = [q for q in catalogue().questions(SEED_BANK) if q.id in question_ids]
        owner = find_user("ana")
        assert owner is not None
        attempt = start_attempt(
            owner, loaded, wanted, mode="practice", topics=[], length=None, preset=wanted
        )
        db.session.commit()
        return attempt.id


def _position(quiz: Quiz, attempt_id: int, question_id: str) -> int:
    ids = [item["id"] for item in quiz.items(attempt_id)]
    return ids.index(question_id) + 1


@pytest.mark.usefixtures("student")
def test_an_evidence_question_offers_sentences_in_the_passage(
    app: Flask, quiz: Quiz, actions: Actions
) -> None:
    attempt_id = _attempt(app, [EVIDENCE])
    page = actions.client.get(f"/attempts/{attempt_id}/q/1")
    html = page.get_data(as_text=True)
    [question] = quiz.items(attempt_id)
    radios = [c["value"] for c in controls(page, "answer")]
    assert radios == question["choices"]
    # Each sentence is marked in the shown passage with the index of its radio button.
    for index, sentence in enumerate(question["choices"]):
        assert f'<span class="sentence" data-choice="{index}">' in html
        assert str(escape(sentence)) in html  # as the template escapes it ("Putin's")
    assert 'src="/static/js/evidence.js"' in html
    assert "<script>" not in html
    assert "style=" not in html


@pytest.mark.usefixtures("student")
def test_an_evidence_answer_is_graded(app: Flask, quiz: Quiz) -> None:
    attempt_id = _attempt(app, [EVIDENCE])
    [question] = quiz.items(attempt_id)
    assert quiz.answer(attempt_id, 1, wrong_answer(question)).status_code == 302
    [response] = quiz.responses(attempt_id)
    assert (response.correct, response.score) == (False, 0.0)


@pytest.mark.usefixtures("student")
def test_a_two_part_question_is_graded_in_two_parts_on_one_page(
    app: Flask, quiz: Quiz, actions: Actions
) -> None:
    attempt_id = _attempt(app, [TWO_PART])
    page = actions.client.get(f"/attempts/{attempt_id}/q/1")
    html = page.get_data(as_text=True)
    assert "Part A: choose the best answer" in html
    assert "Part B: which sentence from the article best supports your answer" in html
    [question] = quiz.items(attempt_id)
    assert [c["value"] for c in controls(page, "support")] == question["supports"]
    # Part B left out: the page says so next to it, and nothing is stored.
    missing = actions.submit(f"/attempts/{attempt_id}/q/1", {"answer": question["answer"]})
    assert missing.status_code == 422
    assert field_error(missing, "support") == "Choose a sentence first."
    data = {**right_answer(question), "support": next(
        s for s in question["supports"] if s != question["support"]
    )}  # fmt: skip
    assert quiz.answer(attempt_id, 1, data).status_code == 302
    [response] = quiz.responses(attempt_id)
    assert (response.correct, response.score) == (False, 0.5)
    assert response.feedback.startswith("Part A: correct. Part B: not quite;")
    assert response.answer_text.startswith(f"Part A: {question['answer']} / Part B: ")
    feedback = actions.client.get(f"/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert "Supporting sentence" in feedback


@pytest.mark.usefixtures("student")
def test_a_vocabulary_question_shows_its_sentence(app: Flask, actions: Actions) -> None:
    attempt_id = _attempt(app, [VOCABULARY])
    html = actions.client.get(f"/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert "As used in paragraph 13, what does &#34;exodus&#34; mean?" in html
    assert '<figure class="question-context">' in html
    assert "His counterpart in Latvia, also an EU member bordering Russia" in html


@pytest.mark.usefixtures("student")
def test_snapshots_carry_the_skill_and_the_result_breaks_it_down(
    app: Flask, quiz: Quiz, actions: Actions
) -> None:
    attempt_id = _attempt(app, [EVIDENCE, VOCABULARY, "queue-length:numeric"])
    with app.app_context():
        items = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id).all()
        assert {item.snapshot_version for item in items} == {SNAPSHOT_VERSION} == {2}
        assert {item.question["skill"] for item in items} == {"evidence", "vocabulary", "numbers"}
    for position in (1, 2, 3):
        question = quiz.items(attempt_id)[position - 1]
        answer = (
            right_answer(question) if question["skill"] != "numbers" else wrong_answer(question)
        )
        quiz.answer(attempt_id, position, answer)
    html = actions.client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert '<h2 id="skills-title">By reading skill</h2>' in html
    bar = r'<li data-skill="([a-z-]+)">.*?<span class="topic-score">([^<]+?) · '
    rows = dict(re.findall(bar, html, re.S))
    assert rows == {"vocabulary": "1 of 1", "evidence": "1 of 1", "numbers": "0 of 1"}
    history = actions.client.get("/history").get_data(as_text=True)
    assert "Reading skills over time" in history
    assert re.search(
        r'data-skill="numbers">\s*<th scope="row">Numbers</th>\s*'
        r'<td><span class="skill-point">#1: 0%</span>',
        history,
    )


@pytest.mark.usefixtures("student")
def test_a_snapshot_from_before_skills_still_shows_its_result(
    app: Flask, quiz: Quiz, actions: Actions
) -> None:
    attempt_id = _attempt(app, ["queue-length:numeric"])
    with app.app_context():
        item = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id).one()
        old = dict(item.question)
        for key in ("skill", "supports", "support", "passage", "shown"):
            old.pop(key)
        item.question, item.snapshot_version = old, 1
        db.session.commit()
    quiz.answer_wrong(attempt_id, 1)
    html = actions.client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    numbers = r'<li data-skill="numbers"><span id="skill-\d+">Numbers</span>.*?0 of 1 · '
    assert re.search(numbers, html, re.S)


@pytest.mark.usefixtures("student")
def test_the_options_offer_skills_and_keep_to_the_chosen_ones(quiz: Quiz, actions: Actions) -> None:
    page = actions.client.get(f"/quiz/{SEED_BANK}")
    assert [c["value"] for c in controls(page, "skills")] == list(SKILLS)
    data = {"length": "10", "topics": ["ideas", "events", "stances"], "mode": "practice",
            "skills": ["main-idea", "vocabulary"]}  # fmt: skip
    started = actions.submit(f"/quiz/{SEED_BANK}", data)
    assert started.status_code == 302
    attempt_id = int(re.findall(r"/attempts/(\d+)", started.headers["Location"])[0])
    assert {item["skill"] for item in quiz.items(attempt_id)} == {"main-idea", "vocabulary"}
