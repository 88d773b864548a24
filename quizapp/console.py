"""The `quizapp` console script: Flask's command group bound to our app factory."""

from flask.cli import FlaskGroup

from quizapp import create_app


def main() -> None:
    FlaskGroup(create_app=create_app, help="quizapp: reading-comprehension courses.")()
