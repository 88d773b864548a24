"""Bad input gets a clear answer (404, 405, 413, 400), never a server error."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from quizapp.models import MAX_ID
from tests.conftest import Actions, csrf_token
from tests.views.conftest import Quiz

HUGE = 2**63


def int_rules(app: Flask) -> list[tuple[str, str]]:
    """(rule, method) for every address with a number in it."""
    found = []
    for rule in app.url_map.iter_rules():
        if any(type(c).__name__ == "BoundedIntConverter" for c in rule._converters.values()):
            method = "GET" if "GET" in (rule.methods or ()) else "POST"
            found.append((rule.rule, method))
    return found


@pytest.mark.parametrize("number", [MAX_ID + 1, HUGE, 10**30])
@pytest.mark.usefixtures("student")
def test_ids_too_large_for_the_database_are_not_found(
    app: Flask, client: FlaskClient, number: int
) -> None:
    rules = int_rules(app)
    assert len(rules) >= 6
    for rule, method in rules:
        path = "/".join(str(number) if part.startswith("<") else part for part in rule.split("/"))
        page = client.open(path, method=method)
        assert page.status_code == 404, (method, path, page.status_code)
        assert "Traceback" not in page.get_data(as_text=True)


@pytest.mark.usefixtures("student")
def test_the_largest_id_is_looked_up_and_not_found(client: FlaskClient) -> None:
    for path in (f"/attempts/{MAX_ID}", f"/attempts/1/q/{MAX_ID}", f"/classes/{MAX_ID}"):
        assert client.get(path).status_code in (403, 404), path


@pytest.mark.parametrize(
    ("url", "method", "allowed"),
    [
        ("/login", "PUT", {"GET", "POST"}),
        ("/logout", "GET", {"POST"}),
        ("/history", "DELETE", {"GET"}),
    ],
)
def test_a_wrong_method_is_405_with_allow(
    client: FlaskClient, url: str, method: str, allowed: set[str]
) -> None:
    page = client.open(url, method=method)
    assert page.status_code == 405
    assert allowed <= {m.strip() for m in page.headers["Allow"].split(",")}
    assert "Traceback" not in page.get_data(as_text=True)


@pytest.mark.parametrize("upload", [False, True])
def test_a_body_over_the_limit_is_413_with_a_page(client: FlaskClient, upload: bool) -> None:
    token = csrf_token(client.get("/login"))
    big = io.BytesIO(b"x" * 3_000_000)
    fields = {
        "username": "ana",
        "csrf_token": token,
        "password": FileStorage(big, "big.txt") if upload else big.read().decode(),
    }
    # Encoded in memory: the test client would spool it to a file the app never reads.
    boundary, body = encode_multipart(fields)
    page = client.post(
        "/login", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert page.status_code == 413
    html = page.get_data(as_text=True)
    assert "too large" in html
    assert "Sign in" in html, "the whole page, with its navigation, is drawn"


@pytest.mark.usefixtures("student")
def test_a_file_sent_as_an_answer_is_refused(
    client: FlaskClient, actions: Actions, quiz: Quiz
) -> None:
    attempt_id = quiz.start()
    url = f"/attempts/{attempt_id}/q/1"
    token = csrf_token(client.get(url))
    page = client.post(
        url, data={"csrf_token": token, "answer": (io.BytesIO(b"Vell"), "answer.txt")}
    )
    assert page.status_code == 400
    assert "files cannot be sent" in page.get_data(as_text=True)
    assert quiz.responses(attempt_id) == []


@pytest.mark.parametrize("number", [str(MAX_ID + 1), str(HUGE), "0", "-3"])
@pytest.mark.usefixtures("student")
def test_a_mistakes_filter_on_no_possible_attempt_is_refused(
    client: FlaskClient, number: str
) -> None:
    page = client.get(f"/mistakes?attempt={number}")
    assert page.status_code == 422  # the filters are refused; the page is drawn
    assert "Your mistakes" in page.get_data(as_text=True)
