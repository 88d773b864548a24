"""The import form (Flask-WTF, so it carries a CSRF token): a file, its article, a name."""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from quizapp.bank.reader import MAX_BYTES
from quizapp.forms import Form

SOURCES = [
    SelectChoice("bank", "A quizapp bank: its .yaml file, or the .zip of a bank export"),
    SelectChoice("quizlet", "Quizlet cards: tab-separated term and definition (.tsv or .txt)"),
    SelectChoice("gift", "Moodle GIFT questions (.gift or .txt)"),
]
EXTENSIONS = {"bank": ("yaml", "yml", "zip"), "quizlet": ("tsv", "txt"), "gift": ("gift", "txt")}
_TOO_BIG = f"The file is larger than {MAX_BYTES // 1_000_000} MB."


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class ImportForm(Form):
    source = RadioField("What are you importing?", choices=SOURCES, default="bank")
    upload = FileField(
        "File",
        validators=[
            FileRequired("Choose a file to import."),
            FileAllowed(
                sorted({e for exts in EXTENSIONS.values() for e in exts}),
                "Choose a .yaml, .zip, .tsv, .gift or .txt file.",
            ),
            FileSize(MAX_BYTES, message=_TOO_BIG),
        ],
        description="At most 1 MB.",
    )
    article = FileField(
        "Article text (optional)",
        validators=[
            Optional(),
            FileAllowed(["txt"], "The article must be a .txt file."),
            FileSize(MAX_BYTES, message=_TOO_BIG),
        ],
        description="For a bank whose .yaml names an article file, that file. For GIFT, an "
        "article whose passages the questions' feedback quotes (see the guide).",
    )
    slug = StringField(
        "Name in addresses (optional)",
        filters=[_stripped],
        validators=[Optional(), Length(max=64)],
        description="Lower-case letters, digits and dashes; by default made from the file name.",
    )
    title = StringField(
        "Title (optional, Quizlet and GIFT)",
        filters=[_stripped],
        validators=[Optional(), Length(max=200)],
        description="The headline students see; by default made from the file name.",
    )
    replace = BooleanField("If a bank has this name, save the import as its new revision")
    submit = SubmitField("Check and import")

    def validate_upload(self, field: FileField) -> None:
        name = (getattr(field.data, "filename", "") or "").lower()
        allowed = EXTENSIONS.get(self.source.data or "", ())
        if name and allowed and not name.endswith(tuple(f".{ext}" for ext in allowed)):
            listed = " or ".join(f".{ext}" for ext in allowed)
            raise ValidationError(f"For this kind of import, choose a file ending in {listed}.")
