"""`quizapp bank validate --explain` and the evidence a question shows with its attribution."""

from __future__ import annotations

import dataclasses

from flask import Flask, render_template
from flask.testing import FlaskCliRunner

from quizapp.bank import LoadedBank
from quizapp.builder import build_questions
from quizapp.builder.explain import explain, explain_lines
from tests.builder.conftest import HARBOUR


def test_every_fact_gets_a_report(harbour: LoadedBank) -> None:
    reports = {report.fact: report for report in explain(harbour)}
    assert {fact.id for fact in harbour.bank.facts()} <= set(reports)
    ships = reports["ships-waiting"]
    assert {q.template for q in ships.built} == {"numeric", "source", "true-false"}
    skips = {skip.template: skip.reason for skip in ships.skipped}
    assert "lower bound" in skips["choice"]
    assert "spotting them finds it without reading" in skips["evidence"]
    assert sum(len(r.built) for r in reports.values()) == len(build_questions(harbour))


def test_the_report_reads_as_lines(harbour: LoadedBank) -> None:
    lines = explain_lines(harbour)
    start = lines.index("ships-waiting: 3 built, 2 skipped")
    block = lines[start + 1 : start + 6]
    assert block[0].startswith("  + numeric (numeric): According to the article, the number")
    assert block[-2].startswith("  - choice: a lower bound gets no fair choices")
    assert block[-1].startswith("  - evidence: only the evidence sentence holds the claim's key")


def test_validate_explain_prints_built_and_skipped(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["bank", "validate", "--explain", str(HARBOUR)])
    assert result.exit_code == 0, result.output
    assert "ships-waiting: 3 built, 2 skipped" in result.output
    assert "  + evidence (evidence): Which sentence from the article best supports" in result.output
    assert "  - choice: a lower bound gets no fair choices" in result.output
    plain = runner.invoke(args=["bank", "validate", str(HARBOUR)])
    assert "built" not in plain.output


def test_the_evidence_shows_who_is_speaking(app: Flask, harbour: LoadedBank) -> None:
    question = next(q for q in build_questions(harbour) if q.fact == "vell-disaster")
    speaking = "The mayor, Tomas Vell, said the strike was"
    with app.test_request_context():
        plain = render_template("_partials/evidence.html", loaded=harbour, asked=question)
        asked = dataclasses.replace(question, attribution=speaking)
        shown = render_template("_partials/evidence.html", loaded=harbour, asked=asked)
    assert "Who is speaking" not in plain
    assert f"Who is speaking: {speaking}" in shown


def test_the_sentence_shown_with_the_evidence_is_labelled_where_it_is(
    app: Flask, harbour: LoadedBank
) -> None:
    # Port Alba's evidence is paragraph 2: the headline comes before it, Bellport's offer
    # after it. "Aleksander - not his real name - said:" after the evidence it named was
    # labelled "The sentence it follows".
    question = next(q for q in build_questions(harbour) if q.fact == "port-alba")
    later = "The neighbouring city of Bellport, a fishing town on the north coast"
    said = "The union leader, Mara Quist, told reporters:"
    shown = {}
    with app.test_request_context():
        for attribution in ("Dock workers strike as harbour queues grow", later, said):
            asked = dataclasses.replace(question, attribution=attribution)
            shown[attribution] = render_template(
                "_partials/evidence.html", loaded=harbour, asked=asked
            )
    assert (
        "The sentence it follows: Dock workers strike"
        in shown["Dock workers strike as harbour queues grow"]
    )
    assert f"The sentence after it: {later}" in shown[later]
    assert "The sentence it follows" not in shown[later]
    # What ends in a colon ("said:", "told reporters:") names the speaker, wherever it is.
    assert f"Who is speaking: {said}" in shown[said]
