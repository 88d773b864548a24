"""The fact editor: browse a bank's facts, add, edit, preview and delete them, new banks."""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import BankRevision
from quizapp.services import fact_drafts
from quizapp.views import facts as facts_views
from tests.conftest import MINI_BANK, PROJECT, SEED_BANK, Actions, MakeUser, csrf_token

from .conftest import Quiz, field_error

BANK = f"/banks/{MINI_BANK}"
FIGURE = {
    "id": "ships-waiting",
    "value": "200",
    "unit": "ships",
    "qualifier": "more than",
    "measures": "the number of ships waiting outside Port Alba on Monday",
    "source": "harbour-authority",
    "tolerance": "10",
    "evidence": "More than 200 ships were waiting outside Port Alba on Monday, "
    "the harbour authority said.",
}
QUOTE = {
    "id": "quist-wages",
    "speaker": "quist",
    "words": "We will not unload a single crate until wages rise.",
    "evidence": 'The union leader, Mara Quist, told reporters: "We will not unload a single '
    'crate until wages rise."',
}
# Every page of the editor: (method, address, form data for a POST).
ROUTES = [
    ("GET", BANK, None),
    ("GET", f"{BANK}/facts/new/quotes", None),
    ("POST", f"{BANK}/facts/new/quotes", {**QUOTE, "preview": "Preview"}),
    ("GET", f"{BANK}/facts/ships-waiting", None),
    ("POST", f"{BANK}/facts/ships-waiting", {**FIGURE, "preview": "Preview"}),
    ("GET", f"{BANK}/facts/why-holiday/delete", None),
    ("POST", f"{BANK}/facts/why-holiday/delete", {}),
    ("GET", "/banks/new", None),
    ("POST", "/banks/new", {"title": "A new article", "article": "One paragraph."}),
]


@pytest.fixture
def teacher(actions: Actions, make_user: MakeUser) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")


def open_form(client: FlaskClient, url: str) -> dict[str, str]:
    """The hidden fields of the form on the page: CSRF token, base revision and digest."""
    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)
    html = page.get_data(as_text=True)
    hidden = dict(re.findall(r'name="(base_\w+)" type="hidden" value="([^"]*)"', html))
    return {"csrf_token": csrf_token(page), **hidden}


def send(client: FlaskClient, url: str, data: dict[str, str], *, save: bool = True,
         form_url: str | None = None) -> TestResponse:  # fmt: skip
    """Open the form page, then send the form with Save (or Preview); returns the page shown."""
    hidden = open_form(client, form_url or url)
    button = {"submit": "Save"} if save else {"preview": "Preview"}
    return client.post(url, data={**data, **button, **hidden})


def revisions(app: Flask) -> list[BankRevision]:
    with app.app_context():
        found = list(db.session.scalars(select(BankRevision).order_by(BankRevision.number)))
        db.session.expunge_all()
        return found


@pytest.mark.parametrize(("method", "url", "data"), ROUTES)
def test_strangers_are_sent_to_sign_in(
    client: FlaskClient, method: str, url: str, data: dict[str, str] | None
) -> None:
    page = client.open(url, method=method, data=data)
    assert page.status_code in (302, 400)  # a POST without a token may be refused first
    if page.status_code == 302:
        assert "/login" in page.headers["Location"]


@pytest.mark.usefixtures("student")
@pytest.mark.parametrize(("method", "url", "data"), ROUTES)
def test_students_are_refused(
    client: FlaskClient, method: str, url: str, data: dict[str, str] | None
) -> None:
    token = csrf_token(client.get("/"))
    page = client.open(url, method=method, data={**(data or {}), "csrf_token": token})
    assert page.status_code == 403


@pytest.mark.usefixtures("teacher")
@pytest.mark.parametrize(("method", "url", "data"), [r for r in ROUTES if r[0] == "GET"])
def test_teachers_see_every_page(client: FlaskClient, method: str, url: str, data: None) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.usefixtures("teacher")
def test_the_bank_page_lists_facts_by_type_with_their_questions(client: FlaskClient) -> None:
    html = client.get(BANK).get_data(as_text=True)
    for heading in ("Actors", "Quotes", "Figures", "Stances", "Places", "Events", "Statements",
                    "Hand-written questions"):  # fmt: skip
        assert f">{heading} <small>" in html
    with client.application.app_context():
        count = sum(1 for q in catalogue().questions(MINI_BANK) if q.fact == "ships-waiting")
    fact = re.search(r'<li class="fact" id="fact-ships-waiting".*?</li>', html, re.DOTALL)
    assert fact is not None
    assert f"{count} questions" in fact.group()
    assert 'href="#p-2"' in fact.group()  # without script, the evidence's paragraph
    assert 'id="p-2"' in html
    assert 'data-passage="More than 200 ships were waiting' in fact.group()
    # Counted as the home and export pages count: actors are listed, but are no facts.
    with client.application.app_context():
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        facts, actors = len(loaded.bank.facts()), len(loaded.bank.actors)
    assert f"from {facts} facts about {actors} actors" in html


def test_the_bank_page_shows_each_facts_facility_once_answered(
    client: FlaskClient, actions: Actions, make_user: MakeUser, quiz: Quiz
) -> None:
    make_user("ana")
    actions.login("ana")
    attempt = quiz.start(length="all")
    items = quiz.items(attempt)
    picked = [i for i, item in enumerate(items, 1) if item["fact"] == "ships-waiting"]
    quiz.answer_right(attempt, picked[0])
    if len(picked) > 1:
        quiz.answer_wrong(attempt, picked[1])
    actions.logout()
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    html = client.get(BANK).get_data(as_text=True)
    fact = re.search(r'id="fact-ships-waiting".*?</li>', html, re.DOTALL)
    assert fact is not None
    shown = "100% right of 1" if len(picked) == 1 else "50% right of 2"
    assert shown in fact.group()


@pytest.mark.usefixtures("teacher")
def test_evidence_not_in_the_article_is_shown_at_the_evidence_field(client: FlaskClient) -> None:
    wrong = {**FIGURE, "evidence": "More than 200 boats were waiting outside Port Alba."}
    page = send(client, f"{BANK}/facts/ships-waiting", wrong)
    assert page.status_code == 200
    error = unescape(field_error(page, "evidence"))
    assert "not in the article" in error
    assert "'boats' where the article has 'ships'" in error
    assert revisions(client.application) == []  # nothing saved


@pytest.mark.usefixtures("teacher")
def test_an_unknown_speaker_gets_a_did_you_mean_at_its_field(client: FlaskClient) -> None:
    page = send(client, f"{BANK}/facts/new/quotes", {**QUOTE, "speaker": "quis"})
    assert "did you mean 'quist'?" in unescape(field_error(page, "speaker"))


@pytest.mark.usefixtures("teacher")
def test_a_number_missing_from_the_evidence_is_shown_at_the_value(client: FlaskClient) -> None:
    page = send(client, f"{BANK}/facts/ships-waiting", {**FIGURE, "value": "250"}, save=False)
    assert "the number 250 is not in its evidence" in field_error(page, "value")


@pytest.mark.usefixtures("teacher")
def test_a_missing_field_is_named_at_its_field(client: FlaskClient) -> None:
    page = send(client, f"{BANK}/facts/ships-waiting", {**FIGURE, "unit": ""}, save=False)
    assert "'unit' is required here" in unescape(field_error(page, "unit"))


@pytest.mark.usefixtures("teacher")
def test_errors_in_other_facts_are_listed_above_the_form(client: FlaskClient) -> None:
    # Renaming an actor leaves the facts that name it pointing at nobody.
    actor = {"id": "mara", "name": "Mara Quist", "kind": "person", "role": "the union leader"}
    page = send(client, f"{BANK}/facts/quist", actor)
    html = page.get_data(as_text=True)
    top = re.search(r'<div class="form-errors".*?</div>', html, re.DOTALL)
    assert top is not None
    assert "unknown actor &#39;quist&#39;" in top.group()


@pytest.mark.usefixtures("teacher")
def test_preview_shows_the_questions_the_edited_figure_builds_without_saving(
    client: FlaskClient, questions_dir: Path
) -> None:
    before = (questions_dir / f"{MINI_BANK}.yaml").read_text()
    page = send(client, f"{BANK}/facts/ships-waiting", {**FIGURE, "tolerance": "5"}, save=False)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-question="ships-waiting:numeric"' in html
    assert "Right answer" in html
    assert "<mark>More than 200 ships were waiting" in html  # the evidence, for the teacher
    assert (questions_dir / f"{MINI_BANK}.yaml").read_text() == before
    assert revisions(client.application) == []


@pytest.mark.usefixtures("teacher")
def test_the_script_gets_the_preview_alone(client: FlaskClient) -> None:
    hidden = open_form(client, f"{BANK}/facts/ships-waiting")
    page = client.post(
        f"{BANK}/facts/ships-waiting",
        data={**FIGURE, "preview": "Preview", **hidden},
        headers={"X-Preview": "1"},
    )
    html = page.get_data(as_text=True)
    assert "<html" not in html
    assert 'data-question="ships-waiting:numeric"' in html


def test_teachers_save_figures_and_each_revision_names_its_author(
    client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    actions.login("mr-t")
    page = send(client, f"{BANK}/facts/ships-waiting", {**FIGURE, "tolerance": "5"})
    assert page.status_code == 302
    assert page.headers["Location"].endswith(f"{BANK}#fact-ships-waiting")
    actions.logout()
    actions.login("ms-k")
    page = send(client, f"{BANK}/facts/queue-length", {
        "id": "queue-length", "value": "12", "unit": "miles", "qualifier": "around",
        "measures": "the length of the queue of ships outside the harbour",
        "alternatives": "19 km", "source": "orbis", "tolerance": "1",
        "evidence": "Satellite firm Orbis estimated the queue at around 12 miles (19km) long.",
    })  # fmt: skip
    assert page.status_code == 302
    saved = revisions(client.application)
    with client.application.app_context():
        authors = [db.session.get(BankRevision, r.id).author.username for r in saved]  # type: ignore[union-attr]
        figures = {q.id: q for q in catalogue().questions(MINI_BANK)}
    assert authors == ["mr-t", "ms-k"]
    assert figures["ships-waiting:numeric"].tolerance == 5
    text = (questions_dir / f"{MINI_BANK}.yaml").read_text()
    assert "the length of the queue of ships outside the harbour" in text
    assert text.startswith("# A small invented bank used by the tests")  # comments kept


def test_two_teachers_racing_on_one_fact_the_second_sees_both_versions(
    app: Flask, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    first, second = app.test_client(), app.test_client()
    Actions(first).login("mr-t")
    Actions(second).login("ms-k")
    assert send(first, f"{BANK}/facts/new/quotes", QUOTE).status_code == 302  # revision 1
    url = f"{BANK}/facts/ships-waiting"
    forms = [open_form(client, url) for client in (first, second)]  # both from revision 1
    for client, hidden, tolerance in zip((first, second), forms, ("5", "7"), strict=True):
        page = client.post(url, data={**FIGURE, "tolerance": tolerance, "submit": "Save",
                                      **hidden})  # fmt: skip
    assert page.status_code == 409
    html = page.get_data(as_text=True)
    assert "ships-waiting" in html
    assert "tolerance: 7" in html
    assert "tolerance: 5" in html
    with app.app_context():
        served = {q.id: q for q in catalogue().questions(MINI_BANK)}
    assert served["ships-waiting:numeric"].tolerance == 5  # the first save stands
    assert len(revisions(app)) == 2


def test_a_form_opened_before_the_first_revision_never_overwrites_it(
    app: Flask, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    first, second = app.test_client(), app.test_client()
    Actions(first).login("mr-t")
    Actions(second).login("ms-k")
    url = f"{BANK}/facts/ships-waiting"
    late = open_form(second, url)
    assert send(first, url, {**FIGURE, "tolerance": "5"}).status_code == 302
    page = second.post(url, data={**FIGURE, "tolerance": "7", "submit": "Save",
                                  **late})  # fmt: skip
    assert page.status_code == 200
    assert "was not saved" in page.get_data(as_text=True)
    with app.app_context():
        served = {q.id: q for q in catalogue().questions(MINI_BANK)}
    assert served["ships-waiting:numeric"].tolerance == 5


def test_two_teachers_editing_different_facts_both_keep_their_change(
    app: Flask, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    first, second = app.test_client(), app.test_client()
    Actions(first).login("mr-t")
    Actions(second).login("ms-k")
    assert send(first, f"{BANK}/facts/new/quotes", QUOTE).status_code == 302  # revision 1
    figure_url, quote_url = f"{BANK}/facts/ships-waiting", f"{BANK}/facts/vell-disaster"
    figure_form, quote_form = open_form(first, figure_url), open_form(second, quote_url)
    page = first.post(figure_url, data={**FIGURE, "tolerance": "5", "submit": "Save",
                      **figure_form})  # fmt: skip
    assert page.status_code == 302
    quote = {"id": "vell-disaster", "speaker": "vell", "words": "a disaster for every shop in town",
             "how": "interview", "evidence": 'The mayor, Tomas Vell, said the strike was "a '
             'disaster for every shop in town".'}  # fmt: skip
    page = second.post(quote_url, data={**quote, "submit": "Save", **quote_form})
    assert page.status_code == 302, page.get_data(as_text=True)
    with app.app_context():
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        assert loaded.bank.figures[0].tolerance == 5
        assert loaded.bank.quotes[1].how == "interview"


@pytest.mark.usefixtures("teacher")
def test_a_new_quote_is_added_to_the_bank(client: FlaskClient) -> None:
    page = send(client, f"{BANK}/facts/new/quotes", QUOTE)
    assert page.status_code == 302
    with client.application.app_context():
        ids = {q.fact for q in catalogue().questions(MINI_BANK)}
    assert "quist-wages" in ids


@pytest.mark.usefixtures("teacher")
def test_deleting_an_actor_that_facts_use_is_refused_with_those_facts(client: FlaskClient) -> None:
    page = client.get(f"{BANK}/facts/quist/delete")
    html = page.get_data(as_text=True)
    assert "cannot be deleted" in html
    assert f'href="{BANK}/facts/quist-crate"' in html
    token = csrf_token(client.get(BANK))
    refused = client.post(f"{BANK}/facts/quist/delete", data={"csrf_token": token})
    assert refused.status_code == 409
    assert f'href="{BANK}/facts/quist-crate"' in refused.get_data(as_text=True)
    with client.application.app_context():
        assert catalogue().bank(MINI_BANK).bank.actors[0].id == "quist"  # type: ignore[union-attr]


@pytest.mark.usefixtures("teacher")
def test_an_unused_fact_is_deleted(client: FlaskClient) -> None:
    page = send(client, f"{BANK}/facts/why-holiday/delete", {}, save=False)
    assert page.status_code == 302
    with client.application.app_context():
        ids = {q.fact for q in catalogue().questions(MINI_BANK)}
    assert "why-holiday" not in ids


ARTICLE = (
    "Harbour reopens\r\n\r\nThe harbour reopened on Friday, the port said.\r\n\r\n"
    "Ships left at dawn."
)


@pytest.mark.usefixtures("teacher")
def test_a_new_bank_is_created_with_a_proposed_slug_and_served(
    client: FlaskClient, questions_dir: Path
) -> None:
    page = send(client, "/banks/new", {"title": "Harbour reopens!", "source": "The Example Times",
                                       "published": "2024-05-09", "article": ARTICLE})  # fmt: skip
    assert page.status_code == 302
    assert page.headers["Location"].endswith("/banks/harbour-reopens")
    with client.application.app_context():
        loaded = catalogue().bank("harbour-reopens")
        assert loaded is not None
        assert len(loaded.article.paragraphs) == 3
    assert (questions_dir / "harbour-reopens.txt").read_text().count("\n\n") == 2
    assert client.get("/banks/harbour-reopens").status_code == 200
    fact = {"id": "reopened", "name": "the harbour", "description": "where ships wait",
            "evidence": "The harbour reopened on Friday, the port said."}  # fmt: skip
    added = send(client, "/banks/harbour-reopens/facts/new/places", fact)
    assert added.status_code == 302


@pytest.mark.usefixtures("teacher")
@pytest.mark.parametrize(
    ("slug", "message"),
    [(MINI_BANK, "exists already"), ("../etc", "lower-case letters"), ("C:", "lower-case")],
)
def test_a_new_bank_needs_a_safe_and_unused_slug(
    client: FlaskClient, slug: str, message: str
) -> None:
    page = send(client, "/banks/new", {"title": "Dock strike", "slug": slug, "article": ARTICLE})
    assert page.status_code == 200
    assert message in field_error(page, "slug")


def _form_as_sent(html: str) -> dict[str, list[str]]:
    """What a browser sends for the form on the page, untouched."""
    controls = _FormReader()
    controls.feed(html)
    return controls.sent


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sent: dict[str, list[str]] = {}
        self._open: tuple[str, str] | None = None  # (tag, name) of an open textarea or select
        self._selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "checkbox"):
            self.sent.setdefault(name, []).append(a.get("value", ""))
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.sent.setdefault(name, []).append(a.get("value", "y"))
        elif tag in ("textarea", "select") and name:
            self._open = (tag, name)
            if tag == "textarea":
                self.sent.setdefault(name, []).append("")
        elif tag == "option" and self._open and "selected" in a:
            self.sent.setdefault(self._open[1], []).append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._open and self._open[0] == "textarea":
            self.sent[self._open[1]][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "select"):
            self._open = None


@pytest.mark.usefixtures("teacher")
@pytest.mark.parametrize(
    "fact_id",
    ["quist", "vell", "quist-crate", "queue-length", "norland-backs", "bellport", "strike-began",
     "bellport-offer", "why-holiday"],
)  # fmt: skip
def test_every_kind_of_fact_previews_unchanged_with_the_questions_it_builds_now(
    client: FlaskClient, fact_id: str
) -> None:
    page = client.get(f"{BANK}/facts/{fact_id}")
    sent = _form_as_sent(page.get_data(as_text=True))
    sent["preview"] = ["Preview"]
    html = client.post(f"{BANK}/facts/{fact_id}", data=MultiDict(
        [(k, v) for k, values in sent.items() for v in values])).get_data(as_text=True)  # fmt: skip
    assert 'class="field-error"' not in html
    assert 'class="form-errors"' not in html
    with client.application.app_context():
        now = sorted(
            q.id for q in catalogue().questions(MINI_BANK) if fact_id in (q.fact, *q.facts)
        )
    if fact_id == "quist":  # the preview says why a fact builds nothing
        assert "Not asked (role): fewer than two other people to choose from" in html
    assert now or fact_id in ("quist", "vell")
    assert sorted(re.findall(r'data-question="([^"]+)"', html)) == now


@pytest.mark.usefixtures("teacher")
def test_the_teachers_message_is_kept_with_the_revision(client: FlaskClient) -> None:
    data = {**FIGURE, "tolerance": "5", "message": "a kinder tolerance"}
    assert send(client, f"{BANK}/facts/ships-waiting", data).status_code == 302
    assert send(client, f"{BANK}/facts/new/quotes", QUOTE).status_code == 302
    assert [r.message for r in revisions(client.application)] == [
        "a kinder tolerance",
        "Added quist-wages",
    ]


@pytest.mark.usefixtures("teacher")
def test_a_figure_edited_in_the_form_keeps_every_comment_of_the_seed_bank(
    app: Flask, client: FlaskClient, questions_dir: Path
) -> None:
    for name in (f"{SEED_BANK}.yaml", f"{SEED_BANK}.txt"):
        shutil.copy(PROJECT / "questions" / name, questions_dir)
    with app.app_context():
        catalogue().refresh()
    before = (questions_dir / f"{SEED_BANK}.yaml").read_text()
    url = f"/banks/{SEED_BANK}/facts/queue-length"
    sent = _form_as_sent(client.get(url).get_data(as_text=True))
    sent |= {"tolerance": ["2"], "submit": ["Save"]}
    page = client.post(url, data=MultiDict([(k, v) for k, vs in sent.items() for v in vs]))
    assert page.status_code == 302, page.get_data(as_text=True)
    after = (questions_dir / f"{SEED_BANK}.yaml").read_text()
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert comments
    assert [line.strip() for line in after.splitlines() if line.strip().startswith("#")] == comments
    changed = [
        (old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]  # fmt: skip
    assert changed == [("    tolerance: 1", "    tolerance: 2")]


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The questions folder refuses every write (a read-only mount, wrong permissions)."""

    def refuse(target: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("quizapp.bank.files.atomic_write", refuse)


@pytest.mark.usefixtures("teacher", "unwritable")
def test_a_bank_file_that_cannot_be_written_is_reported_and_the_bank_stays(
    client: FlaskClient,
) -> None:
    page = send(client, f"{BANK}/facts/ships-waiting", {**FIGURE, "tolerance": "5"})
    assert page.status_code == 200
    assert "cannot be written" in page.get_data(as_text=True)
    with client.application.app_context():
        served = {q.id: q for q in catalogue().questions(MINI_BANK)}
    assert served["ships-waiting:numeric"].tolerance == 10


@pytest.mark.usefixtures("teacher", "unwritable")
def test_a_bank_file_that_cannot_be_written_keeps_no_revision(client: FlaskClient) -> None:
    send(client, f"{BANK}/facts/ships-waiting", {**FIGURE, "tolerance": "5"})
    assert revisions(client.application) == []


@pytest.mark.usefixtures("teacher")
def test_a_form_opened_before_the_file_became_a_revision_saves_on_that_revision(
    app: Flask, client: FlaskClient
) -> None:
    url = f"{BANK}/facts/ships-waiting"
    hidden = open_form(client, url)
    assert hidden["base_revision"] == ""  # no revision yet: it carries the served digest
    assert len(hidden["base_digest"]) == 64
    with app.app_context():
        catalogue().refresh()  # the file is recorded as a revision by "file"
    assert [r.author_id for r in revisions(app)] == [None]
    page = client.post(url, data={**FIGURE, "tolerance": "5", "submit": "Save",
                                  **hidden})  # fmt: skip
    assert page.status_code == 302, page.get_data(as_text=True)
    assert [r.number for r in revisions(app)] == [1, 2]


@pytest.mark.usefixtures("teacher")
def test_a_file_recorded_while_the_draft_is_checked_is_that_forms_base(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher may record the file between reading the form's base and saving."""
    url = f"{BANK}/facts/ships-waiting"
    hidden = open_form(client, url)
    build = fact_drafts.draft_with_fact

    def build_then_record(*args: Any, **kwargs: Any) -> Any:
        draft = build(*args, **kwargs)
        catalogue().refresh()
        return draft

    monkeypatch.setattr(facts_views, "draft_with_fact", build_then_record)
    page = client.post(url, data={**FIGURE, "tolerance": "5", "submit": "Save",
                                  **hidden})  # fmt: skip
    assert page.status_code == 302, page.get_data(as_text=True)
    assert [(r.number, r.author_id is None) for r in revisions(app)] == [(1, True), (2, False)]


@pytest.mark.usefixtures("teacher")
def test_reading_skill_facts_are_listed_and_sent_to_the_raw_yaml(
    app: Flask, client: FlaskClient, questions_dir: Path
) -> None:
    """Vocabulary, inferences, causes...: no form yet, so listed with their questions and
    edited in the raw YAML, never a broken form."""
    for name in (f"{SEED_BANK}.yaml", f"{SEED_BANK}.txt"):
        shutil.copy(PROJECT / "questions" / name, questions_dir)
    with app.app_context():
        catalogue().refresh()
    html = client.get(f"/banks/{SEED_BANK}").get_data(as_text=True)
    assert 'id="section-vocabulary"' in html
    assert 'id="fact-voc-adamant"' in html
    assert "Words in context" in html
    edit = client.get(f"/banks/{SEED_BANK}/facts/voc-adamant")
    assert edit.status_code == 302
    assert edit.headers["Location"].startswith(f"/banks/{SEED_BANK}/yaml")
