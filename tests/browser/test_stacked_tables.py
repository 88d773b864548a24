"""On a phone, tables marked .stacked become one card per row: no column is cut off in its
scrolling box, and none pushes the page sideways (matching results, banks, a class's quizzes)."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect

from tests.views.results_data import make_class_with_results

from .steps import sign_in

pytestmark = pytest.mark.browser
PHONE = ViewportSize(width=360, height=740)

# Each table's (or its scrolling box's) content wider than the box itself, in px.
OVERFLOW = """() => [...document.querySelectorAll('table.stacked')].map(table => {
    const box = table.closest('.overflow-auto') || table.parentElement;
    return Math.max(table.scrollWidth - box.clientWidth, box.scrollWidth - box.clientWidth);
})"""


def test_stacked_tables_fit_a_phone_and_lead_each_cell_with_its_column(
    app: Flask, page: Page
) -> None:
    klass = make_class_with_results(app, kinds=("matching", "multiple_choice"))
    attempt = klass.sit("ana", [False, True])
    page.set_viewport_size(PHONE)
    sign_in(page, "mr-t")
    base = f"/classes/{klass.classroom_id}"
    for url in ("/banks", base, f"{base}/students/{klass.ana}/attempts/{attempt}"):
        page.goto(url)
        expect(page.locator("table.stacked").first).to_be_attached()
        widths = page.evaluate(OVERFLOW)
        assert widths, url
        assert max(widths) <= 1, f"{url}: a stacked table is {max(widths)} px too wide"
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not wide, f"{url} scrolls sideways"
    label = page.locator("table.pairs td[data-label]").first
    before = label.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert "Your match" in before
    # On a wide screen the same table is a table again, its header row shown.
    page.set_viewport_size(ViewportSize(width=1280, height=800))
    expect(page.locator("table.pairs thead th").first).to_have_css("display", "table-cell")
