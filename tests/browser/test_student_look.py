"""A look of its own: name and logo, a phone header of at most 64 px with its navigation folded,
aligned radios, no key badges on touch screens, dark mode, printing, local times, and a
teacher's navigation without the student's own items."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from quizapp.extensions import db
from quizapp.models import Attempt
from tests.conftest import MakeUser

from .conftest import SetQuiz
from .screens import DESKTOP, PHONE, in_viewport
from .steps import click_to_navigate, sign_in, start_set_quiz

pytestmark = pytest.mark.browser


def luminance(page: Page, selector: str, prop: str) -> float:
    """Relative brightness (0-1) of an element's computed colour property."""
    value: float = page.evaluate(
        """([selector, prop]) => {
          const c = getComputedStyle(document.querySelector(selector))[prop].match(/[\\d.]+/g);
          return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
        }""",
        [selector, prop],
    )
    return value


def test_name_logo_and_favicon(page: Page) -> None:
    page.goto("/")
    brand = page.get_by_role("link", name="Close Read")
    expect(brand).to_be_visible()
    logo = brand.locator("img")
    expect(logo).to_have_attribute("alt", "")  # the name beside it says it
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href
    icon = page.request.get(href)
    assert icon.status == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert page.title().endswith("· Close Read")


def test_phone_header_is_at_most_64px_and_its_menu_opens_by_keyboard(
    page: Page, make_user: MakeUser
) -> None:
    make_user("ana")
    sign_in(page, "ana")
    page.set_viewport_size(PHONE)
    page.goto("/")
    header = page.locator("header.site-header")
    height = header.bounding_box()["height"]  # type: ignore[index]
    assert height <= 64, f"the phone header is {height}px high"
    history = page.get_by_role("link", name="History")
    expect(history).to_be_hidden()
    menu = page.locator(".site-menu > summary")
    menu.focus()
    page.keyboard.press("Enter")
    expect(history).to_be_visible()
    assert in_viewport(page, history)
    assert header.bounding_box()["height"] <= 64, "the open menu floats over the page"  # type: ignore[index]
    click_to_navigate(page, history)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your history")

    page.set_viewport_size(DESKTOP)
    page.goto("/")
    expect(menu).to_be_hidden()
    expect(page.get_by_role("link", name="History")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_teachers_see_no_student_only_items(page: Page, make_user: MakeUser) -> None:
    make_user("mr-t", teacher=True)
    sign_in(page, "mr-t")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Classes")).to_be_visible()
    expect(nav.get_by_role("link", name="History")).to_have_count(0)
    expect(nav.get_by_role("link", name="Review")).to_have_count(0)
    expect(page.get_by_role("link", name="Take a quiz")).to_have_count(0)
    expect(page.get_by_role("button", name="Read the article").first).to_be_visible()


@pytest.mark.parametrize("kind", ["multiple_choice", "evidence"])
def test_radios_sit_on_their_first_line_and_key_badges_leave_touch_screens(
    page: Page, browser: Browser, base_url: str, set_quiz: SetQuiz, kind: str
) -> None:
    set_quiz([kind])
    sign_in(page, "ana")
    start_set_quiz(page)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        offsets = page.evaluate(
            """() => [...document.querySelectorAll('label.choice')].map(label => {
              const radio = label.querySelector('input').getBoundingClientRect();
              // The first character's box: the first line, however many lines follow.
              const first = document.createRange();
              first.setStart(label.querySelector('.choice-text').firstChild, 0);
              first.setEnd(label.querySelector('.choice-text').firstChild, 1);
              const line = first.getBoundingClientRect();
              return Math.abs((radio.top + radio.height / 2) - (line.top + line.height / 2));
            })"""
        )
        assert max(offsets) <= 3, f"radios off their text's first line at {size}: {offsets}"
        # A key badge is a small tag, never a bar across the choice's text.
        widths = page.evaluate(
            "() => [...document.querySelectorAll('label.choice kbd')]"
            ".map(kbd => kbd.getBoundingClientRect().width)"
        )
        assert widths, "the choices have key badges"
        assert max(widths) < 40, f"key badges {widths} at {size}"
    expect(page.locator("label.choice kbd").first).to_be_visible()
    expect(page.locator(".shortcut-hint")).to_be_visible()

    touch = browser.new_context(base_url=base_url, viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        phone = touch.new_page()
        sign_in(phone, "ana")
        click_to_navigate(phone, phone.get_by_role("link", name="Resume Harbour strike quiz"))
        expect(phone.locator("label.choice").first).to_be_visible()
        expect(phone.locator("label.choice kbd").first).to_be_hidden()
        expect(phone.locator(".shortcut-hint")).to_be_hidden()
    finally:
        touch.close()


def test_dark_mode_follows_the_system_and_the_article_prints_plainly(page: Page) -> None:
    page.goto("/articles/harbour-strike")
    assert luminance(page, "html", "backgroundColor") > 0.9
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(500)  # Pico eases links and buttons into new colours over 0.2 s
    assert luminance(page, "html", "backgroundColor") < 0.15
    assert luminance(page, "body", "color") > 0.7
    assert luminance(page, "#article-body a", "color") > 0.4

    page.emulate_media(media="print", color_scheme="light")
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
    expect(page.locator("#article-body p").first).to_be_visible()
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Georgia" in font


def test_the_article_reads_at_about_70_characters_a_line(page: Page) -> None:
    page.goto("/articles/harbour-strike")
    per_line = page.evaluate(
        """() => {
          const p = document.querySelector('#article-body p');
          const probe = document.createElement('span');
          probe.textContent = 'abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghij';
          p.append(probe);
          const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
          probe.remove();
          return p.getBoundingClientRect().width / perChar;
        }"""
    )
    assert 60 <= per_line <= 85, f"{per_line:.0f} characters a line"


def test_times_are_shown_in_the_students_zone_and_in_utc_without_javascript(
    app: Flask, browser: Browser, base_url: str, set_quiz: SetQuiz
) -> None:
    set_quiz(["multiple_choice"])
    attempt_start = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    auckland = browser.new_context(
        base_url=base_url, timezone_id="Pacific/Auckland", locale="en-GB"
    )
    plain = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = auckland.new_page()
        sign_in(page, "ana")
        start_set_quiz(page)
        with app.app_context():
            attempt = db.session.scalars(db.select(Attempt)).one()
            attempt.started_at = attempt_start
            db.session.commit()
        page.goto("/")
        shown = page.locator(".resume-list time").first
        expect(shown).to_contain_text("22:30")  # 09:30 UTC is 22:30 in Auckland in November
        expect(shown).not_to_contain_text("UTC")
        expect(shown).to_have_attribute("title", "27 Nov 2026, 09:30 UTC")

        no_js = plain.new_page()
        sign_in(no_js, "ana")
        expect(no_js.locator(".resume-list time").first).to_have_text("27 Nov 2026, 09:30 UTC")
    finally:
        auckland.close()
        plain.close()
