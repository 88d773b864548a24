"""load_bank: every problem of a bank, located as `path:line:column: reason`, all at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from quizapp.bank import BankError, BankInvalid, LoadedBank, load_bank, load_text
from quizapp.bank.loader import MAX_FACTS
from tests.bank.conftest import BASE, DOCS_SECTIONS, WriteBank

_LINE = re.compile(r"^bank\.yaml:\d+:\d+: \S.* \(see docs/bank-format\.md#[a-z-]+\)$")


class Broken(NamedTuple):
    """BASE with `old` replaced by `new`: expect an error on the line holding `at`."""

    old: str
    new: str
    at: str
    column: int
    phrase: str


def line_of(text: str, snippet: str) -> int:
    """The 1-based number of the first line of text containing snippet."""
    for number, line in enumerate(text.splitlines(), start=1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} is not in the text")


def broken(old: str, new: str, at: str, column: int, phrase: str, name: str) -> object:
    return pytest.param(Broken(old, new, at, column, phrase), id=name)


# fmt: off
CASES = [
    # YAML itself
    broken("title: Ferry", "title: [Ferry", "title: [Ferry", 8,
           "the list opened with '[' here is not closed with ']'", "flow-unclosed"),
    broken("words: We", 'words: "We', "words: \"We", 12,
           "the double quote that opens this text is never closed", "quote-open"),
    broken("    name: Westland", "     name: Westland", "name: Westland", 6,
           "this line is indented differently", "bad-indent"),
    broken("    role: the captain", "\trole: the captain", "role: the", 1,
           "a tab is used for indentation", "tab"),
    broken("    kind: country", "    kind: country\n    kind: group", "kind: group", 5,
           'duplicate key "kind"', "duplicate-key"),
    broken("title: Ferry returns to Kell", "title: Ferry returns to Kell\ntitle: Again",
           "title: Again", 1, 'duplicate key "title"', "duplicate-top-key"),
    # the schema
    broken("    speaker: roe", "    spekaer: roe", "spekaer", 5,
           "unknown field 'spekaer' (did you mean 'speaker'?)", "typo-field"),
    broken("    role: the captain", "    role: the captain\n    shoe: 9", "shoe:", 5,
           "unknown field 'shoe'; allowed here: id, name, kind", "unknown-field"),
    broken("figures:", "figure:", "figure:", 1, "did you mean 'figures'?", "typo-section"),
    broken("    unit: passengers\n", "", "id: passengers", 5,
           "'unit' is required here", "missing-field"),
    broken("title: Ferry returns to Kell\n", "", "article:", 1, "'title' is required", "no-title"),
    broken("value: 40", "value: forty", "value: forty", 12, "value: expected a number",
           "text-for-number"),
    broken("actors:\n", "actors: 5\nx:\n", "actors: 5", 9, "expected a list", "number-for-list"),
    broken("words: We sailed through the night.", "words: [We, sailed]", "words: [We", 12,
           "words: expected text, found a list", "list-for-text"),
    broken("answer: Morna", "answer: true", "answer: true", 13, "answer: expected text, found "
           'true/false; to mean the text, write it in quotes: answer: "True"', "bool-for-text"),
    broken("answer: Morna", "answer: 27", "answer: 27", 13, "answer: expected text, found the "
           'number 27; to mean the text, write it in quotes: answer: "27"', "number-for-text"),
    broken("choices: [Morna, Kell]", "choices: [Morna, False]", "choices: [Morna", 22,
           'expected text, found true/false; to mean the text, write it in quotes: "False"',
           "bool-in-a-list-of-text"),
    broken("kind: person", "kind: human", "kind: human", 11, "must be one of 'person'",
           "not-a-kind"),
    broken("id: kell", "id: Kell Town", "id: Kell Town", 9, "lower-case letters", "bad-id"),
    broken("title: Ferry returns to Kell", "title: Ferry returns to Kell\npublished: Monday",
           "published:", 12, "expected a date like", "bad-date"),
    broken("    source: port-office", "    source: port-office\n    tolerance: -2",
           "tolerance: -2", 16, "tolerance: must be at least 0", "negative-tolerance"),
    broken("  text: |", "  file: ferry.txt\n  text: |", "file: ferry.txt", 3,
           "give exactly one of 'file' or 'text'", "two-article-sources"),
    broken("answer: Morna", "answer: Marna", "id: ship-name", 5,
           "the answer must be one of the choices", "answer-not-a-choice"),
    broken("    false_variants:", "    1: x\n    false_variants:", "1: x", 5,
           "a key here is not text", "number-key"),
    broken("id: return", "id: ''", "id: ''", 9, "id: use lower-case letters", "empty-id"),
    # cross-checks (places' "id: kell" is line 44 of BASE)
    broken("id: morna-returned", "id: kell  # again", "# again", 9,
           "duplicate id 'kell' (first used on line 44)", "duplicate-id"),
    broken("speaker: roe", "speaker: rose", "speaker: rose", 14,
           "unknown actor 'rose' (did you mean 'roe'?)", "unknown-speaker"),
    broken("source: port-office", "source: harbour", "source: harbour", 13,
           "unknown actor 'harbour'; add it under actors:", "unknown-source"),
    broken("actors: [roe]", "actors: [roe, westlnd]", "actors: [roe", 19,
           "unknown actor 'westlnd' (did you mean 'westland'?)",
           "unknown-event-actor"),
    broken("    country: westland", "    country: eastland", "country: eastland", 14,
           "unknown actor 'eastland'", "unknown-country"),
    broken("actor: westland", "actor: norland", "actor: norland", 12, "unknown actor 'norland'",
           "unknown-stance-actor"),
    broken("    role: the captain", "    role: the captain\n    part_of: [port-offce]",
           "part_of:", 15, "unknown actor 'port-offce' (did you mean 'port-office'?)",
           "unknown-part-of"),
    broken("    role: the captain", "    role: the captain\n    part_of: [roe]", "part_of:", 15,
           "an actor cannot be part of itself", "part-of-itself"),
    broken("    country: westland\n    evidence: The ferry",
           "    country: roe\n    evidence: The ferry", "country: roe", 14,
           "country: 'roe' is a person, not a country actor", "country-not-a-country"),
    # figures
    broken("value: 40", "value: about 40", "value: about", 12,
           "write 40 and put 'qualifier: about' on a line of its own", "qualifier-in-value"),
    broken("value: 40", "value: 40 000", "value: 40", 12, "write it in digits: 40000",
           "spaces-in-value"),
    broken("value: 40", "value: forty thousand", "value: forty", 12,
           "write it in digits: 40000", "words-in-value"),
    broken("    qualifier: about\n", "", "value: 40", 12,
           "the evidence says 'about 40': add 'qualifier: about'", "qualifier-missing"),
    broken("qualifier: about", "qualifier: over", "qualifier: over", 16,
           "qualifier: the evidence says 'about 40', not 'over'", "qualifier-not-the-articles"),
    broken("    qualifier: about", "    qualifier: loads", "qualifier:", 16,
           "qualifier: must be one of 'over', 'well over'", "unknown-qualifier"),
    broken("    unit: passengers", "    unit: passengers\n    value_max: 30", "id: passengers", 5,
           "value_max must be larger than value", "range-backwards"),
    broken("    qualifier: about", "    value_max: 50", "value_max:", 16,
           "the number 50 is not in its evidence", "range-end-not-in-evidence"),
    broken("    unit: passengers", "    unit: passengers\n    value_max: 50",
           "id: passengers", 5, "a range (value_max) takes no qualifier", "range-and-qualifier"),
    # grounding
    broken("    cloze: [night]", "    cloze: [night]\n    attribution: Roe said so.",
           "attribution:", 18, "the attribution is not in the article",
           "attribution-not-in-article"),
    broken("    cloze: [night]", "    cloze: [night]\n    attribution: The ferry Morna returned",
           "attribution:", 18, "the attribution does not name the speaker (Ida Roe)",
           "attribution-without-speaker"),
    broken("    false_variants:",
           '    explanation: The ferry "came home" safely.\n    false_variants:', "explanation:",
           18, "explanation: \"came home\" is in quotation marks but these are not the "
           "article's words", "paraphrase-in-quotation-marks"),
    broken("choices: [Morna, Kell]", "choices: [Morna, Kell]\n    pairs:\n"
           '      - {left: Morna, right: the ship that "came back"}', "- {left", 9,
           "pairs: \"came back\" is in quotation marks", "quoted-pair"),
    broken("description: where the ferry returned", 'description: where "the ferry" went',
           "description:", 18, "not the article's words", "quoted-fragment-not-in-article"),
    broken("words: We sailed", "words: We sailed on", "words: We", 12,
           "the quote is not in the article", "misquote"),
    broken("    position: for", "    position: for\n    words: Westland warmly welcomed",
           "words: Westland", 12, "words: the stance is not in the article (within one "
           "paragraph): after 'Westland', words has 'warmly'", "stance-words-misquoted"),
    broken("evidence: Westland welcomed", "evidence: westland welcomed", "evidence: westland", 15,
           "the evidence is not in the article", "evidence-case"),
    broken("evidence: About 40", "evidence: said. About 40", "evidence: said.", 15,
           "(within one paragraph)", "evidence-two-paragraphs"),
    broken("value: 40", "value: 41", "value: 41", 12, "the number 41 is not in its evidence",
           "number-not-in-evidence"),
    broken("value: 40", "value: 40\n    written: forty", "value: 40", 12,
           "the number forty is not in its evidence", "written-not-in-evidence"),
    broken("cloze: [night]", "cloze: [day]", "cloze: [day]", 13,
           "the cloze word 'day' is not a whole word of the quote", "cloze-not-in-quote"),
    broken("description: where the ferry returned", "description: the town of Kell",
           "description:", 18, "the description gives the name away",
           "place-gives-away"),
    broken("[The ferry Morna left Kell.]", "[The ferry Morna returned to Kell.]", "false_variants",
           22, "a false variant equals the text", "false-variant-is-true"),
    broken("[The ferry Morna left Kell.]", "[The ferry Morna left Kell.]\n    cloze: [returned]\n"
           "    cloze_accepts: {came: [sailed]}", "cloze_accepts:", 27,
           "'came' is not one of the statement's cloze words", "cloze-accepts-unknown-word"),
    broken("[The ferry Morna left Kell.]", "[The ferry Morna left Kell.]\n    cloze: [returned]\n"
           "    cloze_accepts: {returned: [sailed, ferry]}", "cloze_accepts:", 40,
           "'ferry' is printed in the text, so the blank would give it away",
           "cloze-accepts-gives-away"),
    broken("[The ferry Morna left Kell.]", "[The ferry Morna left Kell.]\n"
           "    cloze: [returned to Kell]\n    cloze_accepts: {returned to Kell: [came back]}",
           "cloze_accepts:", 39, "for a one-word blank only, not 'returned to Kell'",
           "cloze-accepts-phrase"),
]
# fmt: on


@pytest.fixture
def bank_path(write_bank: WriteBank) -> Path:
    return write_bank(BASE)


def test_the_base_bank_is_valid(bank_path: Path) -> None:
    loaded = load_bank(bank_path)
    assert loaded.slug == "bank"
    assert len(loaded.bank.facts()) == 7
    assert len(loaded.article.paragraphs) == 4


@pytest.mark.parametrize("case", CASES)
def test_a_broken_bank_is_refused_with_a_located_reason(
    case: Broken, write_bank: WriteBank
) -> None:
    assert case.old in BASE, "the case no longer edits BASE"
    text = BASE.replace(case.old, case.new, 1)
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    errors = caught.value.errors
    wanted = [e for e in errors if case.phrase in e.reason]
    assert wanted, f"no error says {case.phrase!r}: {errors}"
    assert (wanted[0].line, wanted[0].column) == (line_of(text, case.at), case.column)
    assert all(_LINE.match(str(error)) for error in errors)
    assert all(error.see in DOCS_SECTIONS for error in errors), [e.see for e in errors]


def test_every_schema_problem_is_reported_at_once(write_bank: WriteBank) -> None:
    text = (
        BASE.replace("    speaker: roe", "    spekaer: roe")
        .replace("    unit: passengers\n", "")
        .replace("kind: country", "kind: nation")
    )
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    reasons = [error.reason for error in caught.value.errors]
    assert any("unknown field 'spekaer'" in reason for reason in reasons)
    assert any("'speaker' is required here" in reason for reason in reasons)
    assert any("'unit' is required here" in reason for reason in reasons)
    assert any(reason.startswith("kind: must be one of") for reason in reasons)
    assert len(reasons) == 4


def test_every_cross_check_problem_is_reported_at_once(write_bank: WriteBank) -> None:
    text = (
        BASE.replace("id: return", "id: kell  # again")
        .replace("speaker: roe", "speaker: rose")
        .replace("value: 40", "value: 41")
        .replace("evidence: Westland welcomed", "evidence: Eastland welcomed")
    )
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    found = [(error.line, error.reason.split(" '")[0]) for error in caught.value.errors]
    assert found == [
        (line_of(text, "speaker: rose"), "unknown actor"),
        (line_of(text, "value: 41"), "the number 41 is not in its evidence"),
        (
            line_of(text, "Eastland"),
            "the evidence is not in the article (within one paragraph): the evidence has",
        ),
        (line_of(text, "# again"), "duplicate id"),
    ]


def test_schema_errors_come_with_reference_errors(write_bank: WriteBank) -> None:
    text = BASE.replace("value: 40", "value: forty").replace("speaker: roe", "speaker: rose")
    text = text.replace("id: morna-returned", "id: kell  # again")
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    reasons = {error.line: error.reason for error in caught.value.errors}
    assert reasons[line_of(text, "value: forty")] == (
        "value: expected a number, found 'forty'; write it in digits: 40"
    )
    assert "unknown actor 'rose'" in reasons[line_of(text, "speaker: rose")]
    assert "duplicate id 'kell'" in reasons[line_of(text, "# again")]


def test_schema_errors_come_with_grounding_errors(write_bank: WriteBank) -> None:
    text = BASE.replace("value: 40", "value: forty")
    text = text.replace("words: We sailed through the night.", "words: We sailed all night.")
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    reasons = {error.line: error.reason for error in caught.value.errors}
    assert reasons[line_of(text, "value: forty")].startswith("value: expected a number")
    assert reasons[line_of(text, "words: We sailed all")].startswith("words: the quote is not")


def test_errors_print_as_path_line_column_reason() -> None:
    error = BankError("questions/x.yaml", 12, 5, "unknown field 'spekaer'")
    assert str(error) == "questions/x.yaml:12:5: unknown field 'spekaer'"
    invalid = BankInvalid([BankError("x.yaml", 9, 1, "b"), BankError("x.yaml", 3, 7, "a")])
    assert str(invalid) == "x.yaml:3:7: a\nx.yaml:9:1: b"


def test_the_label_defaults_to_the_path(bank_path: Path) -> None:
    bank_path.write_text(BASE.replace("speaker: roe", "speaker: rose"), encoding="utf-8")
    with pytest.raises(BankInvalid) as caught:
        load_bank(bank_path)
    assert str(caught.value).startswith(f"{bank_path}:{line_of(BASE, 'speaker: roe')}:14: ")


def test_the_file_name_must_be_a_slug(write_bank: WriteBank) -> None:
    with pytest.raises(BankInvalid, match=r"^Ferry\.yaml:1:1: the file name 'Ferry\.yaml'"):
        load_bank(write_bank(BASE, "Ferry.yaml"), "Ferry.yaml")


def _with_article_file(name: str) -> str:
    head, rest = BASE.split("  text: |\n", 1)
    return head + f"  file: {name}\n" + rest[rest.index("actors:") :]


def test_the_article_can_be_a_file_next_to_the_bank(write_bank: WriteBank) -> None:
    inline = load_bank(write_bank(BASE, "inline.yaml"))
    write_bank(inline.article_text, "ferry.txt")
    loaded = load_bank(write_bank(_with_article_file("ferry.txt"), "ferry.yaml"))
    assert loaded.article.paragraphs == inline.article.paragraphs
    write_bank(inline.article_text.replace("40", "45"), "ferry.txt")
    with pytest.raises(BankInvalid, match="the evidence is not in the article"):
        load_bank(write_bank(_with_article_file("ferry.txt"), "ferry.yaml"))


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("missing.txt", "article file 'missing.txt' not found"),
        ("../ferry.txt", "a file name next to the bank, without folders"),
        (".hidden.txt", "a file name next to the bank, without folders"),
    ],
)
def test_a_bad_article_file_is_refused(write_bank: WriteBank, name: str, phrase: str) -> None:
    text = _with_article_file(name).replace("speaker: roe", "speaker: rose")
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text, "ferry.yaml"), "ferry.yaml")
    [error, unknown_actor] = caught.value.errors
    assert (error.line, error.column) == (3, 9)
    assert phrase in error.reason
    assert unknown_actor.line == line_of(text, "speaker: rose")


def test_a_non_utf8_article_file_is_refused_under_its_own_name(write_bank: WriteBank) -> None:
    article = write_bank("Caf\xe9 au lait.".encode("latin-1"), "ferry.txt")
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(_with_article_file("ferry.txt"), "ferry.yaml"))
    assert [e.path for e in caught.value.errors] == [str(article)]
    assert "not UTF-8" in str(caught.value)


def test_the_digest_follows_bank_and_article(write_bank: WriteBank) -> None:
    first = load_bank(write_bank(BASE))
    assert load_bank(write_bank(BASE)).digest == first.digest
    edited = BASE.replace("title: Ferry returns to Kell", "title: The ferry is back")
    assert load_bank(write_bank(edited)).digest != first.digest


def _loads(write_bank: WriteBank, text: str) -> LoadedBank:
    return load_bank(write_bank(text), "bank.yaml")


def _reasons(write_bank: WriteBank, text: str) -> list[str]:
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    return [error.reason for error in caught.value.errors]


@pytest.mark.parametrize("written", ["3,000", "3000", "3,000.0"])
def test_a_value_may_be_written_with_thousands_commas(write_bank: WriteBank, written: str) -> None:
    text = BASE.replace("About 40 passengers", "About 3,000 passengers").replace(
        "value: 40", f"value: {written}"
    )
    [figure] = _loads(write_bank, text).bank.figures
    assert figure.value == 3000


@pytest.mark.parametrize(
    ("article", "value", "written"),
    [("About forty passengers", 40, None), ("Over fifty passengers", 50, None),
     ("About forty passengers", 40, "forty"), ("Twenty-seven passengers", 27, None)],
)  # fmt: skip
def test_figures_written_as_words_are_grounded_like_digits(
    write_bank: WriteBank, article: str, value: int, written: str | None
) -> None:
    text = BASE.replace("About 40 passengers", article).replace("value: 40", f"value: {value}")
    qualifier = article.split()[0].lower() if article.startswith(("About", "Over")) else None
    text = text.replace("qualifier: about", f"qualifier: {qualifier}" if qualifier else "")
    if written:
        text = text.replace("    unit: passengers", f"    unit: passengers\n    written: {written}")
    [figure] = _loads(write_bank, text).bank.figures
    assert figure.value == value


def test_written_must_say_the_value(write_bank: WriteBank) -> None:
    text = (
        BASE.replace("About 40 passengers", "About forty passengers")
        .replace("value: 40", "value: 41")
        .replace("    unit: passengers", "    unit: passengers\n    written: forty")
    )
    assert _reasons(write_bank, text) == ["'forty' is 40, but value is 41"]


def test_a_range_is_grounded_at_both_ends(write_bank: WriteBank) -> None:
    text = BASE.replace("About 40 passengers", "Between 40 and 50 passengers").replace(
        "    qualifier: about", "    value_max: 50"
    )
    [figure] = _loads(write_bank, text).bank.figures
    assert (figure.value, figure.value_max) == (40, 50)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("speaker: roe", "speaker: rod"),
        ("source: port-office", "source: port-ofice"),
        ("actor: westland", "actor: westlan"),
        (
            "    country: westland\n    evidence: The ferry",
            "    country: westlnd\n    evidence: The ferry",
        ),
        ("actors: [roe]", "actors: [roes]"),
        ("    role: the captain", "    role: the captain\n    part_of: [westand]"),
        ("    role: the captain", "    role: the captain\n    country: wesland"),
    ],
    ids=["speaker", "source", "actor", "place-country", "event-actors", "part_of", "actor-country"],
)
def test_every_actor_reference_suggests_the_closest_id(
    write_bank: WriteBank, old: str, new: str
) -> None:
    assert old in BASE
    [reason] = _reasons(write_bank, BASE.replace(old, new, 1))
    assert re.fullmatch(r"unknown actor '[a-z-]+' \(did you mean '(roe|port-office|westland)'\?\)",
                        reason), reason  # fmt: skip


def test_not_in_the_article_shows_the_closest_passage_and_the_first_difference(
    write_bank: WriteBank,
) -> None:
    text = BASE.replace("evidence: Westland welcomed", "evidence: Westland warmly welcomed")
    text = text.replace("words: We sailed through the night.", "words: We sailed through night.")
    [quote, evidence] = _reasons(write_bank, text)
    # The difference names the field checked, `words`, not the quote's evidence.
    assert quote == (
        "words: the quote is not in the article (within one paragraph): after 'We sailed "
        "through', words has 'night' where the article has 'the'; the closest passage is in "
        'paragraph 2: "We sailed through the night."'
    )
    assert evidence == (
        "the evidence is not in the article (within one paragraph): after 'Westland', the "
        "evidence has 'warmly' where the article has 'welcomed'; the closest passage is in "
        'paragraph 4: "Westland welcomed the return."'
    )


@pytest.mark.parametrize(
    ("evidence", "difference"),
    [
        ("westland welcomed the return.", "has 'westland' where the article has 'Westland' "
         "(capital letters count)"),
        ("said. About 40 passengers", "'said' comes before the paragraph starts"),
        ("the port office said. Westland", "after 'office said.', the paragraph ends before "
         "'Westland'"),
    ],
)  # fmt: skip
def test_the_first_difference_names_case_and_paragraph_ends(
    write_bank: WriteBank, evidence: str, difference: str
) -> None:
    text = BASE.replace("evidence: Westland welcomed the return.", f"evidence: {evidence}")
    [reason] = _reasons(write_bank, text)
    assert difference in reason


def test_quotation_marks_may_hold_the_articles_words(write_bank: WriteBank) -> None:
    text = BASE.replace(
        "    false_variants:", '    explanation: Roe said they "sailed through the night".\n'
        "    false_variants:"
    )  # fmt: skip
    assert _loads(write_bank, text).bank.statements[0].explanation is not None


def _statements(count: int) -> str:
    return "".join(
        f"  - id: s{i}\n    topic: events\n    text: The ferry Morna returned.\n"
        "    evidence: The ferry Morna returned to Kell on 3 June.\n"
        for i in range(count)
    )


def test_a_bank_holds_at_most_two_thousand_facts(write_bank: WriteBank) -> None:
    assert MAX_FACTS == 2000
    # BASE has 7 facts, one of them a statement: 1,994 more statements make 2,001.
    text = BASE.replace("statements:\n", "statements:\n" + _statements(MAX_FACTS - 6))
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(text), "bank.yaml")
    [error] = caught.value.errors
    assert error.reason.startswith("the bank has 2,001 facts; the limit is 2,000")
    assert error.see == "how-many-facts"
    # The 2,001st fact in file order: the hand-written question after the statements.
    assert error.line == line_of(text, "id: ship-name")


def test_a_bank_at_the_limit_loads(write_bank: WriteBank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizapp.bank.loader.MAX_FACTS", 7)
    assert len(_loads(write_bank, BASE).bank.facts()) == 7
    monkeypatch.setattr("quizapp.bank.loader.MAX_FACTS", 6)
    assert _reasons(write_bank, BASE)[0].startswith("the bank has 7 facts; the limit is 6")


def test_load_text_checks_a_draft_as_load_bank_checks_its_file(write_bank: WriteBank) -> None:
    path = write_bank(BASE)
    from_file = load_bank(path)
    from_text = load_text(BASE, "", "bank")
    assert from_text.digest == from_file.digest
    assert from_text.bank == from_file.bank
    broken = BASE.replace("speaker: roe", "speaker: nobody")
    with pytest.raises(BankInvalid) as by_text:
        load_text(broken, "", "bank", label=str(path))
    with pytest.raises(BankInvalid) as by_file:
        load_bank(write_bank(broken))
    assert by_text.value.errors == by_file.value.errors


def test_load_text_uses_the_given_article_for_the_file_the_bank_names() -> None:
    text = BASE.replace("  text: |", "  file: ferry.txt\n  old: |", 1)
    yaml_text = text[: text.index("  old: |")] + text[text.index("actors:") :]
    article = BASE[BASE.index("    The ferry") : BASE.index("actors:")].replace("    ", "")
    loaded = load_text(yaml_text, article, "ferry")
    assert loaded.article_text == article
    with pytest.raises(BankInvalid, match=r"not in the article|not found in the article"):
        load_text(yaml_text, "Another article altogether.", "ferry")
    with pytest.raises(BankInvalid, match="lower-case"):
        load_text(yaml_text, article, "../ferry")


def test_no_number_is_suggested_for_words_that_only_start_with_one(write_bank: WriteBank) -> None:
    """'three thousand-ish' once got "write it in digits: 3"."""
    path = write_bank(BASE.replace("value: 40", "value: three thousand-ish", 1))
    with pytest.raises(BankInvalid) as refused:
        load_bank(path)
    [reason] = [e.reason for e in refused.value.errors if e.reason.startswith("value:")]
    assert reason == "value: expected a number, found 'three thousand-ish'"
