"""The teachers' bank pages: list, raw YAML, conflicts, revisions, diffs, restore, regrade."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.bank.document import BankDocument
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.services.bank_revisions import latest_revision
from tests.conftest import MINI_BANK, Actions, MakeUser, csrf_token

TITLE = "Dock workers strike as harbour queues grow"
PAGES = [
    "/banks",
    f"/banks/{MINI_BANK}/yaml",
    f"/banks/{MINI_BANK}/revisions",
    f"/banks/{MINI_BANK}/revisions/1/1",
    f"/banks/{MINI_BANK}/revisions/1/restore",
    f"/banks/{MINI_BANK}/regrade",
]


@pytest.fixture
def saved_once(app: Flask) -> int:
    """The bank as revision 1, picked up from its file."""
    with app.app_context():
        catalogue().refresh()
        latest = latest_revision(MINI_BANK)
        assert latest is not None
        return latest.number


def bank_file(questions_dir: Path) -> str:
    return (questions_dir / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")


def edited(text: str, fact_id: str, **changes: object) -> str:
    document = BankDocument.parse(text)
    found = document.fact(fact_id)
    assert found is not None
    document.put_fact(found[0], {**found[1], **changes}, replacing=fact_id)
    return document.dump()


def post_yaml(client: FlaskClient, text: str, base: int | str, message: str = "") -> str:
    token = csrf_token(client.get(f"/banks/{MINI_BANK}/yaml"))
    page = client.post(
        f"/banks/{MINI_BANK}/yaml",
        data={"csrf_token": token, "yaml_text": text, "article_text": "", "message": message,
              "base_number": str(base)},
    )  # fmt: skip
    return f"{page.status_code} {page.get_data(as_text=True)}"


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_for_teachers_only(
    client: FlaskClient, actions: Actions, make_user: MakeUser, saved_once: int, url: str
) -> None:
    assert client.get(url).status_code == 302, "anonymous: to the sign-in page"
    assert "/login" in client.get(url).headers["Location"]
    make_user("ana")
    actions.login("ana")
    assert client.get(url).status_code == 403
    actions.logout()
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    assert client.get(url).status_code == 200
    actions.logout()
    make_user("ms-k", teacher=True)
    actions.login("ms-k")
    assert client.get(url).status_code == 200, "banks are shared by every teacher"


@pytest.mark.parametrize(
    "url",
    [f"/banks/{MINI_BANK}/yaml", f"/banks/{MINI_BANK}/regrade",
     f"/banks/{MINI_BANK}/revisions/1/restore"],
)  # fmt: skip
def test_posts_without_a_token_or_as_a_student_are_refused(
    client: FlaskClient, actions: Actions, make_user: MakeUser, saved_once: int, url: str
) -> None:
    make_user("ana")
    actions.login("ana")
    token = csrf_token(client.get("/"))
    assert client.post(url, data={"yaml_text": "x", "csrf_token": token}).status_code == 403
    actions.logout()
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    assert client.post(url, data={"yaml_text": "title: x"}).status_code == 400


def test_the_list_shows_revision_and_errors_with_a_link_to_the_fact(
    client: FlaskClient, actions: Actions, make_user: MakeUser, app: Flask, questions_dir: Path,
    saved_once: int,
) -> None:  # fmt: skip
    broken = bank_file(questions_dir).replace("speaker: quist", "speaker: nobody")
    (questions_dir / "broken.yaml").write_text(broken, encoding="utf-8")
    with app.app_context():
        catalogue().refresh()
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    html = client.get("/banks").get_data(as_text=True)
    assert TITLE in html
    assert f'href="/banks/{MINI_BANK}/revisions">{saved_once}' in html
    assert "file," in html, "the last change was the file on disk"
    assert "<code>broken.yaml</code>, line " in html
    assert 'href="/banks/broken#fact-quist-crate"' in html
    assert 'href="/banks/new"' in html


def test_a_raw_yaml_save_makes_a_revision_and_writes_the_file(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int, app: Flask,
) -> None:  # fmt: skip
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    page = client.get(f"/banks/{MINI_BANK}/yaml").get_data(as_text=True)
    assert f'name="base_number" type="hidden" value="{saved_once}"' in page
    assert "# A small invented bank" in page
    text = bank_file(questions_dir).replace(TITLE, "Dockers strike")
    result = post_yaml(client, text, saved_once, "shorter title")
    assert result.startswith("302"), result
    assert bank_file(questions_dir) == text
    with app.app_context():
        latest = latest_revision(MINI_BANK)
        assert latest is not None
        assert (latest.number, latest.message) == (saved_once + 1, "shorter title")
    history = client.get(f"/banks/{MINI_BANK}/revisions").get_data(as_text=True)
    assert "shorter title" in history
    assert "Mr-T" in history or "mr-t" in history


def test_broken_raw_yaml_is_refused_with_line_and_column_and_the_bank_untouched(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int, app: Flask,
) -> None:  # fmt: skip
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    before = bank_file(questions_dir)
    broken = before.replace("speaker: quist", "speaker: nobody")
    line = broken.splitlines().index("    speaker: nobody") + 1
    result = post_yaml(client, broken, saved_once)
    assert result.startswith("422"), result[:300]
    assert f'href="#line-{line}"' in result
    assert f'<li id="line-{line}" class="marked">' in result
    assert (
        "speaker: nobody</textarea>" in result or "speaker: nobody" in result.split("<textarea")[1]
    )
    assert bank_file(questions_dir) == before
    with app.app_context():
        assert latest_revision(MINI_BANK).number == saved_once  # type: ignore[union-attr]
        assert catalogue().bank(MINI_BANK).bank.title == TITLE  # type: ignore[union-attr]


def test_two_teachers_racing_on_the_same_fact_get_a_conflict_page(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int,
) -> None:  # fmt: skip
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    start = bank_file(questions_dir)
    actions.login("ms-k")
    theirs = edited(start, "ships-waiting", measures="ships waiting at Port Alba")
    assert post_yaml(client, theirs, saved_once).startswith("302")
    actions.logout()
    actions.login("mr-t")
    mine = edited(start, "ships-waiting", measures="ships outside Port Alba on Monday")
    result = post_yaml(client, mine, saved_once)
    assert result.startswith("409"), result[:300]
    assert "ships-waiting" in result
    assert "Your version" in result
    assert f"revision {saved_once + 1} by ms-k" in result.replace("Ms-K", "ms-k")
    assert "ships outside Port Alba on Monday" in result
    assert "ships waiting at Port Alba" in result
    assert "ships outside Port Alba on Monday" not in bank_file(questions_dir)


def test_two_teachers_changing_different_facts_are_merged(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int,
) -> None:  # fmt: skip
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    start = bank_file(questions_dir)
    actions.login("ms-k")
    assert (
        post_yaml(client, edited(start, "ships-waiting", measures="the ships"), saved_once)[:3]
        == "302"
    )
    actions.logout()
    actions.login("mr-t")
    assert (
        post_yaml(client, edited(start, "vell", role="the town's mayor"), saved_once)[:3] == "302"
    )
    merged = bank_file(questions_dir)
    assert "measures: the ships" in merged
    assert "role: the town's mayor" in merged


def test_diff_shows_fields_before_and_after_and_restore_makes_a_new_revision(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int, app: Flask,
) -> None:  # fmt: skip
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    start = bank_file(questions_dir)
    post_yaml(client, edited(start, "vell", role="the town's mayor"), saved_once)
    second = saved_once + 1
    html = client.get(f"/banks/{MINI_BANK}/compare?from={saved_once}&to={second}")
    assert html.status_code == 302
    page = client.get(html.headers["Location"]).get_data(as_text=True)
    assert "<code>vell</code> changed" in page
    assert "the mayor" in page
    assert "the town&#39;s mayor" in page
    confirm = client.get(f"/banks/{MINI_BANK}/revisions/{saved_once}/restore")
    assert "Yes, restore revision" in confirm.get_data(as_text=True)
    assert bank_file(questions_dir) != start, "asking changes nothing"
    done = client.post(
        f"/banks/{MINI_BANK}/revisions/{saved_once}/restore",
        data={"csrf_token": csrf_token(confirm)},
    )
    assert done.status_code == 302
    assert bank_file(questions_dir) == start
    with app.app_context():
        latest = latest_revision(MINI_BANK)
        assert latest is not None
        assert (latest.number, latest.message) == (second + 1, f"Restored revision {saved_once}")


def test_missing_revisions_are_404(
    client: FlaskClient, actions: Actions, make_user: MakeUser, saved_once: int
) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    assert client.get(f"/banks/{MINI_BANK}/revisions/1/99").status_code == 404
    assert client.get(f"/banks/{MINI_BANK}/revisions/99/restore").status_code == 404
    assert client.get("/banks/no-such-bank/yaml").status_code == 404


@pytest.mark.parametrize(
    "slug", ["..", "..%2F..%2Fetc", "a\\b", "C:", "c:evil", "..\\x", "Upper", "%2e%2e"]
)
def test_unsafe_slugs_are_refused_and_nothing_is_written_outside(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    tmp_path: Path, saved_once: int, slug: str,
) -> None:  # fmt: skip
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    token = csrf_token(client.get(f"/banks/{MINI_BANK}/yaml"))
    for url in (f"/banks/{slug}/yaml", f"/banks/{slug}/revisions", f"/banks/{slug}/regrade"):
        assert client.get(url).status_code in (400, 404), url
    posted = client.post(
        f"/banks/{slug}/yaml",
        data={"csrf_token": token, "yaml_text": bank_file(questions_dir), "base_number": ""},
    )
    assert posted.status_code in (400, 404, 405)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_save_that_changes_a_right_answer_leads_to_the_regrade_page(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int, app: Flask, make_attempt: object,
) -> None:  # fmt: skip
    from tests.views.conftest import MakeAttempt

    assert callable(make_attempt)
    attempt: MakeAttempt = make_attempt
    make_user("ana")
    attempt_id = attempt("ana", ["ships-waiting:numeric"])
    actions.login("ana")
    answer = actions.submit(f"/attempts/{attempt_id}/q/1", {"answer": "250"})
    assert answer.status_code in (200, 302)
    actions.logout()
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    corrected = bank_file(questions_dir).replace("200 ships", "250 ships")
    result = client.post(
        f"/banks/{MINI_BANK}/yaml",
        data={"csrf_token": csrf_token(client.get(f"/banks/{MINI_BANK}/yaml")),
              "yaml_text": corrected.replace("value: 200", "value: 250"), "base_number": ""},
    )  # fmt: skip
    assert result.headers["Location"].endswith(f"/banks/{MINI_BANK}/regrade")
    page = client.get(result.headers["Location"])
    html = page.get_data(as_text=True)
    assert "1 past response" in html
    assert "ships-waiting:numeric" in html
    done = client.post(f"/banks/{MINI_BANK}/regrade", data={"csrf_token": csrf_token(page)})
    assert done.status_code == 302
    after = client.get(f"/banks/{MINI_BANK}/regrade").get_data(as_text=True)
    assert "nothing to regrade" in after
    assert "1 responses graded again, 1 changed" in after
    with app.app_context():
        from quizapp.models import Response

        response = db.session.scalars(db.select(Response)).one()
        assert response.correct


def test_a_revision_number_in_other_digits_is_no_revision_number(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path,
    saved_once: int,
) -> None:  # fmt: skip
    """'²' is a digit to str.isdigit() but no int(): the save goes on the latest revision."""
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    text = bank_file(questions_dir).replace(TITLE, "Dockers strike")
    result = post_yaml(client, text, "²")
    assert result.startswith("302"), result[:300]
    assert bank_file(questions_dir) == text


@pytest.mark.parametrize("rate_limited", [True])
def test_raw_saves_are_rate_limited_per_teacher(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    actions.login("mr-t")
    broken = bank_file(questions_dir).replace("speaker: quist", "speaker: nobody")
    statuses = [post_yaml(client, broken, "")[:3] for _ in range(21)]
    assert statuses == ["422"] * 20 + ["429"]
    actions.logout()
    actions.login("ms-k")  # another teacher is not held back
    assert post_yaml(client, broken, "").startswith("422")
