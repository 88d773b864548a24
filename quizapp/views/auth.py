"""Signing up, in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user
from werkzeug.wrappers import Response

from quizapp.extensions import db, limiter
from quizapp.forms import EmptyForm, LoginForm, PasswordForm, RegisterForm, add_error
from quizapp.services import ServiceError
from quizapp.services.accounts import (
    authenticate,
    change_password,
    create_user,
    normalise_username,
)
from quizapp.services.classes import join_classroom

from .access import signed_in_user

bp = Blueprint("auth", __name__)


def _failed(response: Response) -> bool:
    """Only failed sign-ins count against the limits; a success redirects."""
    return response.status_code != 302


def _account_key() -> str:
    return "account:" + normalise_username(request.form.get("username", ""))


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
@limiter.limit("20/minute;100/hour", methods=["POST"], deduct_when=_failed)
@limiter.limit("5/minute;30/hour", methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login_post() -> str | Response:
    """Check the password and sign in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data or "", form.password.data or "")
        if user is not None:
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")))
        add_error(form.password, "Wrong username or password.")
    return render_template("auth/login.html", form=form)


@bp.get("/register")
def register() -> str:
    """The sign-up form for students."""
    return render_template("auth/register.html", form=RegisterForm())


@bp.post("/register")
@limiter.limit("10/hour", methods=["POST"])
def register_post() -> str | Response:
    """Create a student account, optionally joining a class, and sign in."""
    form = RegisterForm()
    if form.validate_on_submit():
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
            db.session.commit()
            login_user(user)
            return redirect(url_for("main.index"))
    return render_template("auth/register.html", form=form)


@bp.get("/account/password")
@login_required
def password() -> str:
    """The change-password form."""
    return render_template("auth/password.html", form=PasswordForm())


@bp.post("/account/password")
@login_required
@limiter.limit("10/hour", methods=["POST"], deduct_when=_failed)
def password_post() -> str | Response:
    """Check the current password, then set the new one."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_password(signed_in_user(), form.current.data or "", form.password.data or "")
        except ServiceError as error:
            add_error(form[error.field or "current"], error.message)
        else:
            db.session.commit()
            flash("Your password is changed.", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/password.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Sign out."""
    if EmptyForm().validate_on_submit():
        logout_user()
        flash("You are signed out.", "info")
    return redirect(url_for("main.index"))
