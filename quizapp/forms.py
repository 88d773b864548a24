"""WTForms (via Flask-WTF, so every form carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import EqualTo, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.bank import TOPICS
from quizapp.builder import Question
from quizapp.models import PRACTICE, TEST

LENGTHS = [
    SelectChoice("5", "5 questions"),
    SelectChoice("10", "10 questions"),
    SelectChoice("20", "20 questions"),
    SelectChoice("all", "All"),
]
MODES = [
    SelectChoice(PRACTICE, "Practice: feedback after each answer"),
    SelectChoice(TEST, "Test: feedback at the end"),
]
TOPIC_CHOICES = [SelectChoice(topic, topic.capitalize()) for topic in TOPICS]


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one multiple choice (WTForms' documented recipe)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EmptyForm(FlaskForm):
    """A one-button form: only its CSRF token matters."""


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[InputRequired(), Length(max=40)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


class RegisterForm(FlaskForm):
    display_name = StringField("Your name", validators=[InputRequired(), Length(max=80)])
    username = StringField(
        "Username",
        validators=[InputRequired(), Length(min=3, max=40)],
        description="Letters, digits, dots, dashes or underscores. No e-mail needed.",
    )
    password = PasswordField("Password", validators=[InputRequired(), Length(min=8, max=200)])
    confirm = PasswordField(
        "Password again", validators=[InputRequired(), EqualTo("password", "Passwords differ.")]
    )
    code = StringField(
        "Class code (optional)",
        validators=[Optional(), Length(max=12)],
        description="The code your teacher gave you, e.g. K7QXM4.",
    )
    submit = SubmitField("Create account")


class JoinClassForm(FlaskForm):
    code = StringField("Class code", validators=[InputRequired(), Length(max=12)])
    submit = SubmitField("Join class")


class ClassroomForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=80)])
    submit = SubmitField("Create class")


class QuizOptionsForm(FlaskForm):
    """What a quiz covers: length, topics and mode."""

    length = RadioField("Length", choices=LENGTHS, default="10")
    topics = MultiCheckboxField(
        "Topics", choices=TOPIC_CHOICES, default=list(TOPICS), validators=[InputRequired()]
    )
    mode = RadioField("Mode", choices=MODES, default=PRACTICE)
    submit = SubmitField("Start quiz")

    def length_value(self) -> int | None:
        return None if self.length.data == "all" else int(self.length.data or 10)


class AssignmentForm(QuizOptionsForm):
    title = StringField("Title", validators=[InputRequired(), Length(max=120)])
    bank = SelectField("Article", validators=[InputRequired()])
    submit = SubmitField("Assign to class")


def answer_form(question: Question) -> FlaskForm:
    """The form that answers one question, its field named ``answer`` (or one per pair)."""
    if question.kind == "matching":
        options = [SelectChoice("", "Choose…")] + [SelectChoice(c) for c in question.choices]
        fields = {
            f"pair_{i}": SelectField(left, choices=options, validators=[Optional()])
            for i, (left, _) in enumerate(question.pairs)
        }
        form_class = type("MatchingAnswerForm", (FlaskForm,), fields)
    elif question.kind in ("multiple_choice", "true_false"):
        choices = [SelectChoice(c) for c in question.choices]

        class ChoiceAnswerForm(FlaskForm):
            answer = RadioField("Your answer", choices=choices, validators=[InputRequired()])

        form_class = ChoiceAnswerForm
    else:

        class TypedAnswerForm(FlaskForm):
            answer = StringField(
                "Your answer", validators=[InputRequired("Type an answer."), Length(max=200)]
            )

        form_class = TypedAnswerForm
    return form_class()


def add_error(field: Field, message: str) -> None:
    """Show a domain error (from a service) next to the field it is about."""
    field.errors = [*field.errors, message]


def matching_answer(form: FlaskForm, question: Question) -> dict[str, str]:
    return {left: form[f"pair_{i}"].data or "" for i, (left, _) in enumerate(question.pairs)}
