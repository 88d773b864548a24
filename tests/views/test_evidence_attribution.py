"""The sentence shown beside the evidence: who is speaking for a quote, else what it follows."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.conftest import DATA, MINI_BANK, Actions, MakeUser
from tests.views.conftest import MakeAttempt, Quiz

QUOTE, PLACE = "vell-disaster:true-false", "port-alba:name"


@pytest.fixture
def questions_dir(questions_dir: Path) -> Path:
    """The test bank with an attribution on a quote and on a place."""
    bank = questions_dir / f"{MINI_BANK}.yaml"
    text = (DATA / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")
    for fact_id, attribution in (
        ("vell-disaster", "The mayor, Tomas Vell, said"),
        ("port-alba", "Dock workers strike as harbour queues grow"),
    ):
        line = f"  - id: {fact_id}\n"
        assert line in text
        text = text.replace(line, f"{line}    attribution: {attribution}\n")
    bank.write_text(text, encoding="utf-8")
    return questions_dir


@pytest.mark.parametrize(
    ("question_id", "label", "attribution"),
    [
        (QUOTE, "Who is speaking", "The mayor, Tomas Vell, said"),
        (PLACE, "The sentence it follows", "Dock workers strike as harbour queues grow"),
    ],
)
def test_the_attribution_is_labelled_by_what_it_is(
    client: FlaskClient,
    quiz: Quiz,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    actions: Actions,
    question_id: str,
    label: str,
    attribution: str,
) -> None:
    make_user("ana")
    attempt_id = make_attempt("ana", [question_id])
    actions.login("ana")
    page = quiz.answer_wrong(attempt_id, 1)
    html = client.get(page.headers["Location"]).get_data(as_text=True)
    assert f'<p class="evidence-attribution">{label}: {attribution}</p>' in html
    other = "The sentence it follows" if label == "Who is speaking" else "Who is speaking"
    assert other not in html
