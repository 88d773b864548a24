"""The form for a new bank: its header and the article text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from slugify import slugify
from wtforms import Field, StringField, SubmitField, TextAreaField
from wtforms.validators import ValidationError

from quizapp.forms import Form, name_field

from .fields import _text


class NewBankForm(Form):
    """A new bank: its header and the article text; facts are added afterwards."""

    title = name_field("Title", max=300, message="Give the article's title.")
    slug = StringField(
        "Address (slug)",
        description="Lower-case letters, digits and dashes; proposed from the title if left empty.",
    )
    source = _text("Source (optional)", "Publisher, e.g. The Example Times")
    published = _text("Published (optional)", "e.g. 2024-05-02")
    article = TextAreaField(
        "Article text",
        description="Paste the whole article; leave a blank line between paragraphs.",
        render_kw={"rows": 14},
    )
    submit = SubmitField("Create bank")

    def validate_article(self, field: Field) -> None:
        if not (field.data or "").strip():
            raise ValidationError("Paste the article's text.")

    def header(self) -> dict[str, Any]:
        """The bank's header fields as typed; the slug is proposed from the title if empty."""
        published = (self.published.data or "").strip()
        header: dict[str, Any] = {
            "slug": (self.slug.data or "").strip() or propose_slug(self.title.data or ""),
            "title": self.title.data or "",
            "source": (self.source.data or "").strip() or None,
            "published": None,
        }
        if published:
            try:
                header["published"] = dt.date.fromisoformat(published)
            except ValueError:
                header["published"] = published  # the loader says what a date looks like
        return header

    def article_text(self) -> str:
        """The pasted article with its paragraphs (blank lines) kept, ending in a newline."""
        text = (self.article.data or "").replace("\r\n", "\n").replace("\r", "\n")
        return text.strip() + "\n"


def propose_slug(title: str) -> str:
    """A bank's address from its title: 'Dock workers strike!' -> 'dock-workers-strike'."""
    return slugify(title, max_length=60, word_boundary=True)
