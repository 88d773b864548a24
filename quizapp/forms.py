"""WTForms (via Flask-WTF, so every form carries a CSRF token)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from itsdangerous import BadData, URLSafeSerializer
from wtforms import (
    BooleanField,
    DateField,
    Field,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.bank import TOPICS
from quizapp.bank.kinds import CHOICE_KINDS, SKILLS, skill_title
from quizapp.builder import Question
from quizapp.grading import PART_A, PART_B
from quizapp.grading import Response as Answer
from quizapp.models import AFTER_DUE, AFTER_LAST_ATTEMPT, AT_ONCE, PRACTICE, TEST

LENGTHS = [
    SelectChoice("5", "5 questions"),
    SelectChoice("10", "10 questions"),
    SelectChoice("20", "20 questions"),
    SelectChoice("all", "All (one question per fact)"),
]
MODES = [
    SelectChoice(PRACTICE, "Practice: feedback after each answer"),
    SelectChoice(TEST, "Test: feedback at the end"),
]
TOPIC_CHOICES = [SelectChoice(topic, topic.capitalize()) for topic in TOPICS]
SKILL_CHOICES = [SelectChoice(skill, skill_title(skill)) for skill in SKILLS]


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one multiple choice (WTForms' documented recipe)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _without_nul(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL characters (a 500 error); nobody types them on purpose.
    return value.replace("\x00", "") if isinstance(value, str) else value


class Form(FlaskForm):
    """Our forms' base: what was sent is cleaned of NUL characters before validation."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = [*unbound_field.kwargs.get("filters", ()), _without_nul]
            return unbound_field.bind(form=form, filters=filters, **options)


# Direction overrides and isolates show "\u202egnp.exe" as "exe.png"; zero-width spaces,
# word joiners and byte-order marks are invisible. Joiners (ZWNJ, ZWJ) stay: some scripts and
# emoji need them.
_HIDDEN = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x2060, 0xFEFF])


def _stripped(value: Any) -> Any:
    return value.translate(_HIDDEN).strip() if isinstance(value, str) else value


def name_field(label: str, *, max: int, message: str) -> StringField:
    """A name or title: spaces and hidden characters dropped; one without a letter or digit
    (only spaces, only invisible joiners) is no name."""
    return StringField(
        label,
        filters=[_stripped],
        validators=[
            DataRequired(message),
            Regexp(r"(?s).*[^\W_]", message=message),
            Length(max=max),
        ],
    )


class EmptyForm(Form):
    """A one-button form: only its CSRF token matters."""


class LoginForm(Form):
    username = StringField(
        "Username",
        validators=[InputRequired(), Length(max=40)],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


class RegisterForm(Form):
    display_name = name_field("Your name", max=80, message="Give a name to show.")
    username = StringField(
        "Username",
        validators=[InputRequired(), Length(min=3, max=40)],
        description="Letters, digits, dots, dashes or underscores. No e-mail needed.",
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired(), Length(max=200)],
        description="At least 10 characters; a few unrelated words are easy to remember.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Password again",
        validators=[InputRequired(), EqualTo("password", "Passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    code = StringField(
        "Class code (optional)",
        validators=[Optional(), Length(max=12)],
        description="The code your teacher gave you, e.g. K7QXM4.",
    )
    submit = SubmitField("Create account")


class PasswordForm(Form):
    current = PasswordField(
        "Current password",
        validators=[InputRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    password = PasswordField(
        "New password",
        validators=[InputRequired(), Length(max=200)],
        description="At least 10 characters; a few unrelated words are easy to remember.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "New password again",
        validators=[InputRequired(), EqualTo("password", "Passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField("Change password")


class JoinClassForm(Form):
    code = StringField("Class code", validators=[InputRequired(), Length(max=12)])
    submit = SubmitField("Join class")


class ClassroomForm(Form):
    name = name_field("Class name", max=80, message="Give the class a name.")
    submit = SubmitField("Create class")


def _at_least_one(form: Form, field: Field) -> None:
    """Like InputRequired, without marking every checkbox `required` for screen readers."""
    if not field.data:
        raise ValidationError(f"Choose at least one {field.name.removesuffix('s')}.")


class QuizOptionsForm(Form):
    """What a quiz covers: length, topics and mode."""

    length = RadioField("Length", choices=LENGTHS, default="10")
    topics = MultiCheckboxField(
        "Topics", choices=TOPIC_CHOICES, default=list(TOPICS), validators=[_at_least_one]
    )
    skills = MultiCheckboxField(
        "Reading skills",
        choices=SKILL_CHOICES,
        default=list(SKILLS),
        description="Untick the skills you want to leave out; none ticked means every skill.",
    )
    mode = RadioField("Mode", choices=MODES, default=PRACTICE)
    submit = SubmitField("Start quiz")

    def length_value(self) -> int | None:
        return None if self.length.data == "all" else int(self.length.data or 10)

    def skills_value(self) -> list[str]:
        """The skills ticked; none ticked (or a form sent without them) means every skill."""
        return list(self.skills.data or SKILLS)


MODE_DEFAULT, UNLIMITED = "mode", "unlimited"
ATTEMPT_CHOICES = [
    SelectChoice(str(n), f"{n} attempt{'s' if n > 1 else ''}") for n in (1, 2, 3, 5, 10)
] + [SelectChoice(UNLIMITED, "No limit")]
SHOW_ANSWER_CHOICES = [
    SelectChoice(AT_ONCE, "At once (after each answer in practice, at the end of a test)"),
    SelectChoice(AFTER_LAST_ATTEMPT, "After the student’s last attempt"),
    SelectChoice(AFTER_DUE, "After the due date"),
]


MAX_DUE_AHEAD = timedelta(days=5 * 366)


class AssignmentRulesForm(Form):
    """When an assignment is due, how often it may be sat, and when its answers show."""

    due_on = DateField(
        "Due date (optional)",
        validators=[Optional()],
        description="Due by the end of that day (UTC): after it the quiz cannot be started or"
        " answered any more.",
    )
    attempts_allowed = SelectField("Attempts allowed", choices=ATTEMPT_CHOICES, default="1")
    show_answers = RadioField(
        "Right answers are shown", choices=SHOW_ANSWER_CHOICES, default=AFTER_LAST_ATTEMPT
    )

    def validate_due_on(self, field: Field) -> None:
        # A school year or a few: a date in year 9999 cannot even take its day's end.
        if field.data is not None and field.data > datetime.now(UTC).date() + MAX_DUE_AHEAD:
            raise ValidationError("Choose a due date within the next five years.")

    def attempts_value(self) -> int | None:
        value = self.attempts_allowed.data
        return None if value in (UNLIMITED, None) else int(value)


class AssignmentForm(QuizOptionsForm, AssignmentRulesForm):
    title = name_field("Title", max=120, message="Give the quiz a title.")
    bank = SelectField("Article", validators=[InputRequired()])
    attempts_allowed = SelectField(
        "Attempts allowed",
        choices=[SelectChoice(MODE_DEFAULT, "As the mode has it: 1 for a test, no limit for"
                              " practice"), *ATTEMPT_CHOICES],
        default=MODE_DEFAULT,
    )  # fmt: skip
    show_answers = RadioField(
        "Right answers are shown",
        choices=[SelectChoice(MODE_DEFAULT, "As the mode has it: at once in practice, after"
                              " the last attempt in a test"), *SHOW_ANSWER_CHOICES],
        default=MODE_DEFAULT,
    )  # fmt: skip
    submit = SubmitField("Assign to class")


class AssignmentEditForm(AssignmentRulesForm):
    title = name_field("Title", max=120, message="Give the quiz a title.")
    submit = SubmitField("Save changes")


class ClassroomSettingsForm(Form):
    name = name_field("Class name", max=80, message="Give the class a name.")
    retention_percent = IntegerField(
        "Desired retention (%)",
        validators=[
            InputRequired("Give a percentage from 70 to 97."),
            NumberRange(70, 97, "Give a percentage from 70 to 97."),
        ],
        description="The share of facts students should still recall when review brings them"
        " back. Higher means more, shorter reviews. Usually 90.",
    )
    submit = SubmitField("Save class settings")


class AnswerForm(Form):
    """Every answer form carries when its question was shown, signed, to time the answer.

    The page stamps the time rather than storing it, so showing a question writes nothing:
    a question page is a read. A reload stamps it again (the clock restarts).
    """

    shown = HiddenField()

    def stamp_shown(self, item_id: int, at: datetime) -> None:
        self.shown.data = _shown_signer().dumps([item_id, int(at.timestamp() * 1000)])

    def shown_at(self, item_id: int, now: datetime) -> datetime | None:
        """When this form's question was shown, if the stamp is this item's and not forged."""
        try:
            stamped_item, millis = _shown_signer().loads(self.shown.data or "")
            shown = datetime.fromtimestamp(int(millis) / 1000, UTC)
        except (BadData, TypeError, ValueError, OverflowError, OSError):
            return None
        if stamped_item != item_id or not now - MAX_ANSWER_TIME <= shown <= now:
            return None
        return shown


# An answer timed over this (a tab left open overnight) tells nothing about recall speed.
MAX_ANSWER_TIME = timedelta(hours=6)


def _shown_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key or "", salt="question-shown")


def answer_form(question: Question) -> AnswerForm:
    """The form that answers one question, its field named ``answer`` (or one per pair)."""
    lefts = tuple(left for left, _ in question.pairs) if question.kind == "matching" else ()
    supports = tuple(question.supports) if question.kind == "two_part" else ()
    return _answer_form_class(question.kind, tuple(question.choices), lefts, supports)()


@lru_cache(maxsize=4096)
def _answer_form_class(
    kind: str, choices: tuple[str, ...], lefts: tuple[str, ...], supports: tuple[str, ...]
) -> type[AnswerForm]:
    # Made once per shape of question: building a form class (WTForms reads every attribute
    # of a new class on first use) cost a question page more than drawing the form.
    if kind == "matching":
        options = [SelectChoice("", "Choose…")] + [SelectChoice(c) for c in choices]
        fields = {
            f"pair_{i}": SelectField(left, choices=options, validators=[Optional()])
            for i, left in enumerate(lefts)
        }
        return type("MatchingAnswerForm", (AnswerForm,), fields)
    if kind == "two_part":
        part_a = [SelectChoice(c) for c in choices]
        part_b = [SelectChoice(c) for c in supports]

        class TwoPartAnswerForm(AnswerForm):
            answer = RadioField("Part A", choices=part_a, validators=[InputRequired()])
            support = RadioField("Part B", choices=part_b, validators=[InputRequired()])

        return TwoPartAnswerForm
    if kind in CHOICE_KINDS:
        listed = [SelectChoice(c) for c in choices]

        class ChoiceAnswerForm(AnswerForm):
            answer = RadioField("Your answer", choices=listed, validators=[InputRequired()])

        return ChoiceAnswerForm

    class TypedAnswerForm(AnswerForm):
        answer = StringField(
            "Your answer", validators=[InputRequired("Type an answer."), Length(max=200)]
        )

    return TypedAnswerForm


def add_error(field: Field, message: str) -> None:
    """Show a domain error (from a service) next to the field it is about."""
    field.errors = [*field.errors, message]


def matching_answer(form: FlaskForm, question: Question) -> dict[str, str]:
    return {left: form[f"pair_{i}"].data or "" for i, (left, _) in enumerate(question.pairs)}


def given_answer(form: FlaskForm, question: Question) -> Answer:
    """What the student answered, as grading takes it (a dict for matching and two parts)."""
    if question.kind == "matching":
        return matching_answer(form, question)
    if question.kind == "two_part":
        return {PART_A: form.answer.data or "", PART_B: form.support.data or ""}
    return str(form.answer.data or "")
