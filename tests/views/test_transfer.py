"""Export and import pages: teachers only, safe downloads, uploads checked whole."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, TestResponse

from quizapp.catalogue import catalogue
from quizapp.services.bank_revisions import revisions
from quizapp.transfer import FORMATS
from tests.conftest import MINI_BANK, PROJECT, SEED_BANK, Actions, MakeUser, csrf_token
from tests.views.conftest import field_error

EXPORT_PAGES = [f"/banks/{MINI_BANK}/export", "/banks/import"] + [
    f"/banks/{MINI_BANK}/export/{name}" for name in FORMATS
]


@pytest.fixture
def teacher(actions: Actions, make_user: MakeUser) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")


def upload(
    actions: Actions, source: str, files: dict[str, tuple[bytes, str]], **fields: Any
) -> TestResponse:
    token = csrf_token(actions.client.get("/banks/import"))
    data: dict[str, Any] = {"source": source, "csrf_token": token, **fields}
    for name, (content, filename) in files.items():
        data[name] = (io.BytesIO(content), filename)
    # Built here so its body can be closed: werkzeug's test client spools a large one to a
    # temporary file that it never closes.
    environ = EnvironBuilder(path="/banks/import", method="POST", data=data).get_environ()
    try:
        return actions.client.open(environ)
    finally:
        environ["wsgi.input"].close()


def bank_files(questions_dir: Path) -> list[str]:
    return sorted(path.name for path in questions_dir.iterdir())


@pytest.mark.parametrize("url", EXPORT_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login")


@pytest.mark.parametrize("url", EXPORT_PAGES)
def test_students_may_not_export_or_import(client: FlaskClient, student: None, url: str) -> None:
    assert client.get(url).status_code == 403


def test_students_may_not_post_an_import(
    actions: Actions, student: None, questions_dir: Path
) -> None:
    token = csrf_token(actions.client.get("/"))
    page = actions.client.post(
        "/banks/import",
        data={"source": "quizlet", "csrf_token": token, "upload": (io.BytesIO(b"a\tb\n"), "a.tsv")},
    )
    assert page.status_code == 403
    assert bank_files(questions_dir) == [f"{MINI_BANK}.yaml"]


def test_the_menu_links_every_format(client: FlaskClient, teacher: None) -> None:
    html = client.get(f"/banks/{MINI_BANK}/export").get_data(as_text=True)
    for name, found in FORMATS.items():
        assert f'href="/banks/{MINI_BANK}/export/{name}"' in html
        assert found.label in html


@pytest.mark.parametrize("name", [n for n, f in FORMATS.items() if not f.printable])
def test_each_download_is_an_attachment_with_a_safe_file_name(
    client: FlaskClient, teacher: None, name: str
) -> None:
    page = client.get(f"/banks/{MINI_BANK}/export/{name}")
    assert page.status_code == 200
    disposition = page.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.split("filename=")[1].startswith(MINI_BANK)
    assert page.headers["Cache-Control"] == "private, no-store"
    assert page.headers["Content-Type"].count("charset") <= 1
    assert len(page.data) > 100


@pytest.mark.parametrize("name", ["print", "answer-key"])
def test_printable_pages_open_inline_with_the_print_stylesheet(
    client: FlaskClient, teacher: None, name: str
) -> None:
    page = client.get(f"/banks/{MINI_BANK}/export/{name}")
    assert page.headers["Content-Disposition"].startswith("inline")
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    html = page.get_data(as_text=True)
    assert '<link rel="stylesheet" href="/static/css/print.css">' in html
    assert "<style" not in html
    assert "<script" not in html
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    with client.get("/static/css/print.css") as stylesheet:
        assert b"@media print" in stylesheet.data


@pytest.mark.parametrize("url", [f"/banks/{MINI_BANK}/export/docx", "/banks/nope/export/gift"])
def test_unknown_formats_and_banks_are_404(client: FlaskClient, teacher: None, url: str) -> None:
    assert client.get(url).status_code == 404


def test_a_yaml_zip_export_imports_as_a_new_bank(
    actions: Actions, teacher: None, app: Flask, questions_dir: Path
) -> None:
    export = actions.client.get(f"/banks/{MINI_BANK}/export/yaml").data
    page = upload(actions, "bank", {"upload": (export, "harbour-strike-bank.zip")}, slug="copy")
    assert page.status_code == 302, page.get_data(as_text=True)
    assert page.headers["Location"] == "/banks/copy/export"
    assert bank_files(questions_dir) == ["copy.yaml", f"{MINI_BANK}.yaml"]
    with app.app_context():
        copied = catalogue().questions("copy")
        original = catalogue().questions(MINI_BANK)
        assert [q.id for q in copied] == [q.id for q in original]
    assert "Imported" in actions.client.get("/banks/copy/export").get_data(as_text=True)


def test_a_bank_and_its_article_are_saved_as_two_new_files(
    actions: Actions, teacher: None, app: Flask, questions_dir: Path
) -> None:
    folder = PROJECT / "questions"
    files = {
        "upload": ((folder / f"{SEED_BANK}.yaml").read_bytes(), "flee.yaml"),
        "article": ((folder / f"{SEED_BANK}.txt").read_bytes(), "flee.txt"),
    }
    page = upload(actions, "bank", files)
    assert page.status_code == 302, page.get_data(as_text=True)
    assert "flee.txt" in bank_files(questions_dir)
    assert "  file: flee.txt" in (questions_dir / "flee.yaml").read_text()
    with app.app_context():
        assert catalogue().bank("flee") is not None


def test_quizlet_cards_import_with_a_title(
    actions: Actions, teacher: None, app: Flask, questions_dir: Path
) -> None:
    cards = b"photosynthesis\thow plants make food\nmitosis\tcell division\n"
    page = upload(actions, "quizlet", {"upload": (cards, "bio.tsv")}, title="Biology words")
    assert page.status_code == 302, page.get_data(as_text=True)
    with app.app_context():
        loaded = catalogue().bank("bio")
        assert loaded is not None
        assert loaded.bank.title == "Biology words"
    assert (questions_dir / "bio.txt").read_text().startswith("Biology words\n\n")


def test_an_existing_name_is_never_overwritten_silently(
    actions: Actions, teacher: None, questions_dir: Path
) -> None:
    before = (questions_dir / f"{MINI_BANK}.yaml").read_bytes()
    page = upload(actions, "quizlet", {"upload": (b"a\tb\n", "x.tsv")}, slug=MINI_BANK)
    assert page.status_code == 400
    assert "exists already" in field_error(page, "slug")
    assert (questions_dir / f"{MINI_BANK}.yaml").read_bytes() == before
    assert bank_files(questions_dir) == [f"{MINI_BANK}.yaml"]


def test_asked_for_an_import_is_a_new_revision_and_the_old_version_is_kept(
    actions: Actions, teacher: None, app: Flask, questions_dir: Path
) -> None:
    before = (questions_dir / f"{MINI_BANK}.yaml").read_text()
    cards = {"upload": (b"sea\tsalt water\nlake\tfresh water\n", "x.tsv")}
    page = upload(actions, "quizlet", cards, slug=MINI_BANK, replace="y", title="Water")
    assert page.status_code == 302, page.get_data(as_text=True)
    with app.app_context():
        found = [(r.number, r.author_id is None, r.yaml_text) for r in revisions(MINI_BANK)]
        served = catalogue().bank(MINI_BANK)
        assert served is not None
        assert served.bank.title == "Water"
    assert [(number, by_file) for number, by_file, _ in found] == [(2, False), (1, True)]
    assert found[1][2] == before  # the replaced version is revision 1
    assert "title: Water" in (questions_dir / f"{MINI_BANK}.yaml").read_text()


def test_a_name_used_by_another_banks_article_is_refused(
    actions: Actions, teacher: None, questions_dir: Path
) -> None:
    (questions_dir / "stray.txt").write_text("Not a bank\n")
    for replace in ("", "y"):
        page = upload(actions, "quizlet", {"upload": (b"a\tb\n", "stray.tsv")}, replace=replace)
        assert page.status_code == 400
        assert "stray" in field_error(page, "slug")
    assert (questions_dir / "stray.txt").read_text() == "Not a bank\n"


@pytest.mark.parametrize("slug", ["../evil", "a/b", "a\\b", "C:x", ".."])
def test_unsafe_names_are_refused_next_to_the_field(
    actions: Actions, teacher: None, questions_dir: Path, slug: str
) -> None:
    page = upload(actions, "quizlet", {"upload": (b"a\tb\n", "x.tsv")}, slug=slug)
    assert page.status_code == 400
    assert "lower-case letters" in field_error(page, "slug")
    assert bank_files(questions_dir) == [f"{MINI_BANK}.yaml"]
    assert not (questions_dir.parent / "evil.yaml").exists()


@pytest.mark.parametrize(
    ("source", "content", "filename", "field", "message", "problem"),
    [
        ("bank", b"x" * 1_000_001, "big.yaml", "upload", "larger than 1 MB", ""),
        ("bank", b"MZ\x00\x00", "tool.exe", "upload", "Choose a .yaml", ""),
        ("gift", b"Q?{=a}", "cards.yaml", "upload", "choose a file ending in .gift or .txt.", ""),
        ("bank", b"title: 'Mr Putin's hands'\n", "bad.yaml", "upload", "Nothing was imported",
         "line 1, column"),
        ("quizlet", b"one\tuno\ntwo uno\n", "c.tsv", "upload", "Nothing was imported",
         "line 2, column 1: no tab"),
        ("gift", b"Fine?{=yes}\n\nBroken {=no\n", "q.gift", "upload", "Nothing was imported",
         "line 3, column 1: no answers in braces"),
        ("bank", b"", "empty.yaml", "upload", "Nothing was imported", "the file is empty"),
    ],
)  # fmt: skip
def test_bad_files_get_a_clear_message_next_to_the_field(
    actions: Actions,
    teacher: None,
    questions_dir: Path,
    source: str,
    content: bytes,
    filename: str,
    field: str,
    message: str,
    problem: str,
) -> None:
    page = upload(actions, source, {"upload": (content, filename)})
    assert page.status_code == 400
    assert message in field_error(page, field)
    assert problem in page.get_data(as_text=True)
    assert bank_files(questions_dir) == [f"{MINI_BANK}.yaml"]


@pytest.mark.parametrize(
    ("content", "count"),
    [
        (b"Broken {=no\n", "1 problem,"),
        (b"Broken {=no\n\nAlso broken {=no\n", "2 problems,"),
    ],
)
def test_the_number_of_problems_is_said_in_words(
    actions: Actions, teacher: None, content: bytes, count: str
) -> None:
    page = upload(actions, "gift", {"upload": (content, "q.gift")})
    assert field_error(page, "upload") == f"Nothing was imported: {count} listed below."
    assert "(s)" not in page.get_data(as_text=True)


def test_an_import_without_its_csrf_token_is_refused(
    actions: Actions, teacher: None, questions_dir: Path
) -> None:
    page = actions.client.post(
        "/banks/import", data={"source": "quizlet", "upload": (io.BytesIO(b"a\tb\n"), "a.tsv")}
    )
    assert page.status_code == 400
    assert "Form expired" in page.get_data(as_text=True)
    assert bank_files(questions_dir) == [f"{MINI_BANK}.yaml"]


def test_a_downloaded_zip_is_the_bank_in_service(client: FlaskClient, teacher: None) -> None:
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/banks/{MINI_BANK}/export/yaml").data))
    assert archive.namelist() == [f"{MINI_BANK}.yaml"]


@pytest.mark.parametrize("rate_limited", [True])
def test_imports_are_rate_limited_per_teacher(actions: Actions, teacher: None) -> None:
    statuses = [
        upload(actions, "quizlet", {"upload": (b"no tabs\n", "x.tsv")}).status_code
        for _ in range(11)
    ]
    assert statuses == [400] * 10 + [429]


def test_a_problem_in_the_article_file_is_shown_next_to_the_article_field(
    actions: Actions, teacher: None, questions_dir: Path
) -> None:
    files = {
        "upload": ((PROJECT / "questions" / f"{SEED_BANK}.yaml").read_bytes(), "flee.yaml"),
        "article": (b"caf\xe9 au lait\n", "flee.txt"),
    }
    page = upload(actions, "bank", files)
    assert page.status_code == 400
    assert "Nothing was imported" in field_error(page, "article")
    assert "not UTF-8" in page.get_data(as_text=True)
    assert bank_files(questions_dir) == [f"{MINI_BANK}.yaml"]
