"""Filling an HTML form the way a student's browser would: hidden fields kept, one choice each."""

from __future__ import annotations

import html
import random
import re

from .http_client import Form

_FORM = re.compile(r'<form method="post" action="([^"]*)"(.*?)</form>', re.DOTALL)
_INPUT = re.compile(r"<input\b([^>]*)>")
_SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([a-z-]+)(?:="([^"]*)")?')


def _attributes(tag: str) -> dict[str, str]:
    return {name: html.unescape(value or "") for name, value in _ATTRIBUTE.findall(tag)}


def find_form(page: str, action: str) -> str | None:
    """The body of the page's POST form whose action ends with ``action``."""
    for found in _FORM.finditer(page):
        if found.group(1).endswith(action):
            return found.group(2)
    return None


def fill(form: str, rng: random.Random, overrides: dict[str, str] | None = None) -> Form:
    """Hidden fields and checked boxes as given, a random radio choice, '10' in text boxes."""
    data: Form = []
    radios: dict[str, list[str]] = {}
    for tag in _INPUT.findall(form):
        attrs = _attributes(tag)
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or kind == "submit":
            continue
        if kind == "radio":
            radios.setdefault(name, []).append(attrs.get("value", ""))
        elif kind == "checkbox":
            if "checked" in attrs:
                data.append((name, attrs.get("value", "y")))
        elif kind == "hidden":
            data.append((name, attrs.get("value", "")))
        else:
            data.append((name, "10"))
    data += [(name, rng.choice(values)) for name, values in radios.items()]
    for tag, options in _SELECT.findall(form):
        values = [v for v in re.findall(r'<option[^>]*value="([^"]*)"', options) if v]
        name = _attributes(tag).get("name")
        if name and values:
            data.append((name, html.unescape(rng.choice(values))))
    if overrides:
        data = [(k, v) for k, v in data if k not in overrides] + list(overrides.items())
    return data
