"""Viewport geometry and screenshots for the student's pages (see README, Testing)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, ViewportSize

PHONE = ViewportSize(width=360, height=740)
DESKTOP = ViewportSize(width=1280, height=800)
SIZES = {"phone": PHONE, "desktop": DESKTOP}
ARTIFACTS = Path(__file__).parent / "artifacts"


def screenshot_dir() -> Path:
    """Where screenshots go: $QUIZAPP_SCREENSHOTS, or tests/browser/artifacts/ (ignored by git)."""
    folder = Path(os.environ.get("QUIZAPP_SCREENSHOTS") or ARTIFACTS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screenshot(page: Page, name: str) -> Path:
    """The page as the student sees it on opening (the viewport, not the whole length)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    path = screenshot_dir() / f"{slug}.png"
    page.screenshot(path=str(path))
    return path


def in_viewport(page: Page, target: Locator) -> bool:
    """The element's whole box lies inside the window as it is scrolled now."""
    box = target.bounding_box()  # relative to the viewport's top left
    size = page.viewport_size
    assert box is not None, "the element is not displayed"
    assert size is not None
    return (
        box["y"] >= 0
        and box["x"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"] + 0.5
    )
