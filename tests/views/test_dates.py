"""Every moment a page prints is one <time> in UTC that the reader's browser shows in their own
zone (static/js/local_time.js): one format, never a bare UTC time."""

from __future__ import annotations

import re

from tests.conftest import PROJECT

BARE_UTC = re.compile(r"strftime\([^)]*%H:%M[^)]*\)\s*\}\}\s*UTC|~ ' UTC'")


def test_no_template_prints_a_utc_time_outside_the_dates_macro() -> None:
    templates = sorted((PROJECT / "templates").rglob("*.html"))
    assert len(templates) > 50
    bare = [
        str(path.relative_to(PROJECT))
        for path in templates
        if path.name != "dates.html" and BARE_UTC.search(path.read_text(encoding="utf-8"))
    ]
    assert bare == []
