"""Signing up, in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from quizapp.devices import device_of, remember_device
from quizapp.extensions import db, limiter
from quizapp.forms import EmptyForm, LoginForm, PasswordForm, RegisterForm, add_error
from quizapp.models import User
from quizapp.services import ServiceError
from quizapp.services.accounts import (
    account_problems,
    authenticate,
    change_password,
    create_user,
    end_every_session,
    end_session,
    normalise_username,
    open_session,
)
from quizapp.services.classes import NO_SUCH_CLASS, classroom_with_code, join_classroom

from .access import failed, signed_in_user

bp = Blueprint("auth", __name__)
# What a user whose teacher reset their password may still reach before choosing a new one.
WHILE_RESET = {"auth.password", "auth.password_post", "auth.logout", "auth.sign_out_everywhere"}


@bp.before_app_request
def password_reset_first() -> Response | None:
    """A password a teacher reset must be replaced before anything else (see classes)."""
    if request.endpoint == "static" or request.endpoint in WHILE_RESET:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        flash("Your teacher reset your password: choose a new one to go on.", "info")
        return redirect(url_for("auth.password"))
    return None


def _succeeded(response: Response) -> bool:
    return response.status_code == 302


def _tried_username() -> str:
    return normalise_username(request.form.get("username", ""))


def _account_key() -> str:
    # The account *and* the address: guessing at a student's password from elsewhere locks
    # out only the guesser, never the student in their classroom. And on a browser where the
    # account signed in before, its own count: classmates at the same address typing wrong
    # passwords for the student's name do not lock the student out either (quizapp.devices).
    username = _tried_username()
    device = device_of(username)
    if device is not None:
        return f"account:{username}#device:{device}"
    return f"account:{username}@{get_remote_address()}"


def _known_device() -> bool:
    return device_of(_tried_username()) is not None


def _sign_in(user: User, *, remember: bool) -> None:
    """Open a login session for this device and hand its token to Flask-Login."""
    open_session(user)
    db.session.commit()
    login_user(user, remember=remember)


def _safe_next(target: str | None) -> str:
    """Only redirect to paths on this site after signing in."""
    if target and target.startswith("/") and not urlsplit(target).netloc:
        return target
    return url_for("main.index")


@bp.get("/login")
def login() -> str:
    """The sign-in form."""
    return render_template("auth/login.html", form=LoginForm())


@bp.post("/login")
# Per address, a brake on guessing across many accounts, wide enough for a school behind one
# address; per account and address, a brake on guessing one password.
@limiter.limit(
    "60/minute;600/hour", methods=["POST"], deduct_when=failed, exempt_when=_known_device
)
@limiter.limit("5/minute;30/hour", methods=["POST"], key_func=_account_key, deduct_when=failed)
def login_post() -> str | Response:
    """Check the password and sign in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data or "", form.password.data or "")
        if user is not None:
            _sign_in(user, remember=bool(form.remember.data))
            response = redirect(_safe_next(request.args.get("next")))
            remember_device(response, user.username)
            return response
        add_error(form.password, "Wrong username or password.")
    return render_template("auth/login.html", form=form)


@bp.get("/register")
def register() -> str:
    """The sign-up form for students."""
    return render_template("auth/register.html", form=RegisterForm())


@bp.post("/register")
# A whole class signs up at once from one school address; tries that fail count more loosely.
@limiter.limit("60/hour", methods=["POST"], deduct_when=_succeeded)
@limiter.limit("300/hour", methods=["POST"])
def register_post() -> str | Response:
    """Create a student account, optionally joining a class, and sign in."""
    form = RegisterForm()
    # The service's checks as well as the form's, every field's at once: fixing one problem
    # should not reveal the next.
    valid = form.validate_on_submit()
    if _sign_up_checked(form) and valid:
        try:
            user = create_user(
                form.username.data or "",
                form.password.data or "",
                display_name=form.display_name.data,
            )
            if form.code.data:
                classroom = join_classroom(user, form.code.data)
                flash(f"You joined {classroom.name}.", "success")
        except ServiceError as error:
            db.session.rollback()
            add_error(form[error.field or "username"], error.message)
        else:
            _sign_in(user, remember=False)
            response = redirect(url_for("main.index"))
            remember_device(response, user.username)
            return response
    return render_template("auth/register.html", form=form)


def _sign_up_checked(form: RegisterForm) -> bool:
    """Add the service's objections to the fields that have no error yet; True if none."""
    problems = account_problems(
        form.username.data or "", form.password.data or "", display_name=form.display_name.data
    )
    if form.code.data and not form.code.errors and classroom_with_code(form.code.data) is None:
        problems["code"] = NO_SUCH_CLASS
    for field, message in problems.items():
        if not form[field].errors:
            add_error(form[field], message)
    return not problems


@bp.get("/account/password")
@login_required
def password() -> str:
    """The change-password form."""
    return render_template("auth/password.html", form=PasswordForm())


@bp.post("/account/password")
@login_required
@limiter.limit("10/hour", methods=["POST"], deduct_when=failed)
def password_post() -> str | Response:
    """Check the current password, then set the new one."""
    form = PasswordForm()
    if form.validate_on_submit():
        user = signed_in_user()
        try:
            change_password(user, form.current.data or "", form.password.data or "")
        except ServiceError as error:
            add_error(form[error.field or "current"], error.message)
        else:
            db.session.commit()
            # Every other device is signed out; this one keeps going with a fresh token (and a
            # fresh remember cookie if it had one).
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
            login_user(user, remember=remembered in request.cookies)
            flash("Your password is changed. Other devices are signed out.", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/password.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Sign out this device: its session and remember cookie stop working."""
    if EmptyForm().validate_on_submit():
        end_session(signed_in_user())
        db.session.commit()
        logout_user()
        flash("You are signed out.", "info")
    return redirect(url_for("main.index"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere() -> Response:
    """End every session of the account, on every device, this one included."""
    if EmptyForm().validate_on_submit():
        end_every_session(signed_in_user())
        db.session.commit()
        logout_user()
        flash("You are signed out on every device.", "info")
    return redirect(url_for("auth.login"))
