"""A teacher opens the class results, the responses grid and the item analysis; axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect

from quizapp.extensions import db
from quizapp.models import Classroom
from quizapp.services.accounts import create_user
from quizapp.services.classes import join_classroom
from tests.conftest import PASSWORD
from tests.views.results_data import ClassWithResults, make_class_with_results

from .steps import WCAG_A_AA, click_to_navigate, sign_in

pytestmark = pytest.mark.browser
WIDTHS = (ViewportSize(width=360, height=740), ViewportSize(width=1280, height=800))
EXTRA = ("dan", "eve", "fay")


@pytest.fixture
def klass(app: Flask) -> ClassWithResults:
    """Five students sat the test, so the item analysis shows its figures."""
    made = make_class_with_results(app)
    with app.app_context():
        classroom = db.session.get(Classroom, made.classroom_id)
        assert classroom is not None
        for name in EXTRA:
            join_classroom(
                create_user(name, PASSWORD, display_name=name.title()), classroom.join_code
            )
        db.session.commit()
    made.sit("ana", [True, True, True])
    made.sit("bob", [True, False, True])
    made.sit("dan", [False, True, None])
    made.sit("eve", [True, True, False])
    made.sit("fay", [False, False, False])
    return made


def violations(page: Page) -> list[str]:
    found: list[dict[str, Any]] = Axe().run(page, options=WCAG_A_AA).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


def test_a_teacher_opens_the_results_grid_and_the_item_analysis(
    page: Page, klass: ClassWithResults
) -> None:
    sign_in(page, "mr-t")
    page.goto(f"/classes/{klass.classroom_id}")
    expect(page.get_by_role("button", name="Copy code")).to_be_visible()  # shown by the script
    click_to_navigate(page, page.get_by_role("link", name="Results", exact=True))
    table = page.locator("table.results")
    expect(table.locator("tbody tr")).to_have_count(5)
    click_to_navigate(page, page.get_by_role("link", name="Responses to Strike check"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Responses: Strike check")
    bo_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Bo", exact=True))
    wrong = bo_row.locator(".cell.wrong")
    given = wrong.locator(".given")
    expect(given).to_be_hidden()
    wrong.focus()
    expect(given).to_be_visible()  # the answer on keyboard focus
    page.mouse.move(0, 0)
    page.locator("tr", has_text="Fay").locator(".cell.wrong").first.hover()
    expect(page.locator("tr", has_text="Fay").locator(".cell.wrong .given").first).to_be_visible()
    click_to_navigate(page, page.get_by_role("link", name="Item analysis"))
    figures = page.locator("table.figures").first
    expect(figures.locator("tbody tr").first).to_contain_text("%")
    # Dan left question 3 unanswered: 4 students, below the minimum, for it and its fact.
    expect(page.get_by_text("figures not shown yet")).to_have_count(2)


def test_every_new_teacher_page_passes_axe_on_a_phone_and_a_desktop(
    page: Page, klass: ClassWithResults
) -> None:
    sign_in(page, "mr-t")
    base = f"/classes/{klass.classroom_id}"
    pages = [
        base,
        f"{base}/results",
        f"{base}/results?sort=due&dir=desc",
        f"{base}/assignments/{klass.assignment_id}/responses",
        f"{base}/assignments/{klass.assignment_id}/preview",
        f"{base}/assignments/{klass.assignment_id}/edit",
        f"{base}/assignments/{klass.assignment_id}/delete",
        f"{base}/students/{klass.ana}",
        f"{base}/students/{klass.ana}/reset-password",
        f"{base}/students/{klass.ana}/remove",
        f"{base}/banks/harbour-strike/analysis",
        f"{base}/banks/harbour-strike/analysis?scope=all",
        f"{base}/sign-up-sheet",
    ]
    found: dict[str, list[str]] = {}
    for size in WIDTHS:
        page.set_viewport_size(size)
        for url in pages:
            page.goto(url)
            expect(page.locator("main h1")).to_be_visible()
            if problems := violations(page):
                found[f"{url} at {size['width']} px"] = problems
            # Nothing wider than the screen but the tables' own scrolling boxes.
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            assert not wide, f"{url} scrolls sideways at {size['width']} px"
        page.goto(f"{base}/students/{klass.ana}")
        click_to_navigate(page, page.get_by_role("link", name="open this attempt").first)
        if problems := violations(page):
            found[f"attempt at {size['width']} px"] = problems
    assert not found, found
