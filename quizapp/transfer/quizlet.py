"""Quizlet's import text: one card a line, term and definition separated by a tab."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.bank import BankError, BankInvalid, LoadedBank
from quizapp.bank.grounding import contains_word
from quizapp.bank.loader import MAX_FACTS
from quizapp.builder import Question

from .formats import Export, exported_questions, filename
from .importers import ImportedBank, article_of, decode, dump, title_of

SEE_QUIZLET = ""  # BankError links docs/bank-format.md; these rules are in docs/export-import.md
MAX_TERM = 300  # a fill-in-the-blank word is short text
MAX_CARD = 3900  # a statement's text is at most 4,000 characters

# A tab or a line break inside a text would start a new column or card in Quizlet.
_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def flat(text: str) -> str:
    """The text on one line without tabs: every run of tabs and line breaks is one space."""
    return _BREAKS.sub(" ", text).strip()


def term_and_definition(question: Question) -> tuple[str, str]:
    """The question as a card: the prompt (with its choices) and the right answer."""
    term = question.prompt
    if question.kind == "multiple_choice":
        term = f"{term} ({' / '.join(question.choices)})"
    if question.kind == "matching":
        term = f"{term} {'; '.join(left for left, _ in question.pairs)}"
        return flat(term), flat("; ".join(f"{left} → {right}" for left, right in question.pairs))
    return flat(term), flat(question.answer)


def to_quizlet(loaded: LoadedBank, questions: Sequence[Question]) -> Export:
    """Tab-separated cards, ready to paste into Quizlet's "Import" box."""
    lines = ["\t".join(term_and_definition(q)) for q in exported_questions(questions)]
    text = "\n".join(lines) + "\n"
    return Export(text.encode(), filename(loaded, "-quizlet.tsv"), "text/tab-separated-values")


def from_quizlet(data: bytes, name: str, title: str | None = None) -> ImportedBank:
    """Term<TAB>definition lines as a bank of statements whose article is the pairs themselves.

    Each pair is one paragraph of the article ("term — definition") and one statement with that
    text, the term as its fill-in-the-blank word, and other pairs' definitions as false variants
    (a term has one definition, so "term — another term's definition" is false by the article).
    """
    text = decode(data, name)
    pairs: list[tuple[int, str, str]] = []
    errors: list[BankError] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            reason = (
                "no tab between the term and its definition (one card a line: term<TAB>definition)"
            )
            errors.append(BankError(name, number, 1, reason, SEE_QUIZLET))
            continue
        term, definition = (flat(part) for part in line.split("\t", 1))
        if not term or not definition:
            missing = "term" if not term else "definition"
            errors.append(BankError(name, number, 1, f"the {missing} is empty", SEE_QUIZLET))
        elif len(term) > MAX_TERM or len(term) + len(definition) > MAX_CARD:
            reason = f"too long: a term has at most {MAX_TERM} characters, a card {MAX_CARD}"
            errors.append(BankError(name, number, 1, reason, SEE_QUIZLET))
        else:
            pairs.append((number, term, definition))
    if not pairs and not errors:
        errors.append(BankError(name, 1, 1, "the file holds no cards", SEE_QUIZLET))
    if len(pairs) > MAX_FACTS:
        reason = f"{len(pairs):,} cards; a bank holds at most {MAX_FACTS:,}"
        errors.append(BankError(name, pairs[MAX_FACTS][0], 1, reason, SEE_QUIZLET))
    if errors:
        raise BankInvalid(errors)
    title = flat(title or "") or title_of(name)
    paragraphs = [f"{term} — {definition}" for _, term, definition in pairs]
    statements = []
    for index, (_, term, _definition) in enumerate(pairs):
        statement: dict[str, object] = {
            "id": f"pair-{index + 1}",
            "topic": "events",
            "text": paragraphs[index],
        }
        variants = _false_variants(pairs, index)
        if variants:
            statement["false_variants"] = variants
        if contains_word(paragraphs[index], term):
            statement["cloze"] = [term]
        statement["evidence"] = paragraphs[index]
        statements.append(statement)
    yaml_text = dump({"title": title, "article": {"file": "article.txt"}, "statements": statements})
    origins = tuple(("statements", index, line) for index, (line, _, _) in enumerate(pairs))
    return ImportedBank(yaml_text, article_of(title, paragraphs), name, title, origins)


def _false_variants(pairs: list[tuple[int, str, str]], index: int) -> list[str]:
    """Up to two other definitions, never one the same term (or the same wording) also has."""
    _, term, definition = pairs[index]
    own = {d for _, t, d in pairs if t == term}
    variants: list[str] = []
    for step in range(1, len(pairs)):
        _, _, other = pairs[(index + step) % len(pairs)]
        variant = f"{term} — {other}"
        if other not in own and other != definition and variant not in variants:
            variants.append(variant)
        if len(variants) == 2:
            break
    return variants
