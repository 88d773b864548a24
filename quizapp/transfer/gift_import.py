"""Reading a subset of Moodle GIFT: multiple choice, true/false, short answer and numeric.

Each question becomes a `GiftQuestion`; anything outside the subset (matching, essays,
partial credit, several right choices) is refused with the line it starts on, all at once.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from quizapp.bank import Article, BankError, BankInvalid

from .importers import ImportedBank, article_of, decode, dump, suggest_slug, title_of

# Escaped special characters are swapped for private-use characters while parsing.
_ESCAPES = {"\\:": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003"}
_ESCAPES |= {"\\{": "\ue004", "\\}": "\ue005", "\\n": "\n"}
_RESTORE = {value: key[1] for key, value in _ESCAPES.items() if value != "\n"}
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_NUMBER = r"-?\d+(?:\.\d+)?"
_TOLERANCE = re.compile(rf"^({_NUMBER})(?::({_NUMBER}))?$")
_RANGE = re.compile(rf"^({_NUMBER})\.\.({_NUMBER})$")
SEE = ""  # BankError links docs/bank-format.md; the GIFT subset is in docs/export-import.md


@dataclass
class GiftQuestion:
    """One question of the subset, as a bank's hand-written question needs it."""

    line: int
    name: str
    kind: str
    prompt: str
    answer: str
    choices: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    tolerance: float = 0.0
    feedback: str = ""


def _protect(text: str) -> str:
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _restore(text: str, markup: bool = False) -> str:
    for placeholder, char in _RESTORE.items():
        text = text.replace(placeholder, char)
    if markup:
        text = html.unescape(_TAGS.sub("", text))
    return " ".join(text.split())


def blocks(text: str) -> list[tuple[int, str]]:
    """The questions of a GIFT text with their first line: comments and categories dropped."""
    found: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//") or stripped.startswith("$CATEGORY:"):
            continue
        if not stripped:
            if current:
                found.append((start, "\n".join(current)))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        found.append((start, "\n".join(current)))
    return found


class _Refused(Exception):
    def __init__(self, reason: str, line_offset: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line_offset = line_offset


def _split_feedback(body: str) -> tuple[str, str]:
    if "####" in body:
        answers, general = body.split("####", 1)
        return answers, general
    return body, ""


def _answers(body: str) -> list[tuple[str, str]]:
    """('=' or '~', text) for each answer; a feedback after '#' is dropped."""
    found = []
    for match in re.finditer(r"([=~])([^=~]*)", body):
        text = match.group(2).split("#", 1)[0]
        found.append((match.group(1), text))
    return found


def _numeric(body: str) -> tuple[str, float]:
    body = body.strip()
    if body.startswith("="):
        full = [text for sign, text in _answers(body) if sign == "="]
        weights = [_WEIGHT.match(text.strip()) for text in full]
        if any(weight and float(weight.group(1)) != 100 for weight in weights):
            raise _Refused("partial credit (=%50%...) is not imported; keep one right answer")
        body = _WEIGHT.sub("", full[0].strip()) if full else ""
    body = body.split("#", 1)[0].strip()
    if found := _RANGE.match(body):
        low, high = float(found.group(1)), float(found.group(2))
        if high < low:
            raise _Refused("a numeric range runs from low to high (e.g. {#10..20})")
        return f"{(low + high) / 2:g}", (high - low) / 2
    if found := _TOLERANCE.match(body):
        return found.group(1), float(found.group(2) or 0)
    raise _Refused("a numeric answer is {#value}, {#value:tolerance} or {#low..high}")


def _question(line: int, block: str) -> GiftQuestion:
    text = _protect(block).strip()
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise _Refused("the question name opened with :: is never closed with ::")
        name, text = text[2:end].strip(), text[end + 2 :].lstrip()
    markup = False
    if found := _FORMAT.match(text):
        markup = found.group(1).lower() in ("html", "moodle", "markdown")
        text = text[found.end() :]
    opening, closing = text.find("{"), text.find("}")
    if opening < 0 or closing < opening:
        offset = text[: max(opening, 0)].count("\n")
        raise _Refused("no answers in braces {...}: write them as in {=right ~wrong}", offset)
    if text.find("{", opening + 1) >= 0:
        raise _Refused(
            "one question has one answer block {...}; put a blank line between questions"
        )
    before, body, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    prompt = _restore(before, markup)
    if after.strip():  # missing-word format: the blank goes where the braces were
        prompt = f"{prompt} _____ {_restore(after, markup)}".strip()
    body, general = _split_feedback(body)
    feedback = _restore(general, markup)
    if not prompt:
        raise _Refused("the question has no text before its answers")
    core = body.strip()
    if "->" in core:
        raise _Refused(
            "matching questions are not imported (only multiple choice, true/false, "
            "short answer and numeric)"
        )
    if not core:
        raise _Refused("essay questions ({}) are not imported: they have no answer to check")
    tf = core.split("#", 1)[0].strip().upper()
    if tf in ("T", "TRUE", "F", "FALSE"):
        answer = "True" if tf.startswith("T") else "False"
        return GiftQuestion(
            line, name, "true_false", prompt, answer, ["True", "False"], feedback=feedback
        )
    if core.startswith("#"):
        value, tolerance = _numeric(core[1:])
        return GiftQuestion(
            line, name, "numeric", prompt, value, tolerance=tolerance, feedback=feedback
        )
    answers = _answers(core)
    if not answers or core[0] not in "=~":
        raise _Refused("each answer starts with = (right) or ~ (wrong)")
    for _, answer in answers:
        if (weight := _WEIGHT.match(answer.strip())) and float(weight.group(1)) != 100:
            raise _Refused("partial credit (%50%) and several right choices are not imported")
    texts = [(sign, _restore(_WEIGHT.sub("", answer.strip()), markup)) for sign, answer in answers]
    if any(not answer for _, answer in texts):
        raise _Refused("an answer is empty")
    right = [answer for sign, answer in texts if sign == "="]
    wrong = [answer for sign, answer in texts if sign == "~"]
    if not wrong:
        return GiftQuestion(
            line, name, "short_answer", prompt, right[0], accepted=right[1:], feedback=feedback
        )
    if len(right) != 1:
        raise _Refused("a multiple-choice question needs exactly one right answer (=)")
    choices = [answer for _, answer in texts]
    if len(set(choices)) < len(choices):
        raise _Refused("two choices of this question are the same")
    return GiftQuestion(line, name, "multiple_choice", prompt, right[0], choices, feedback=feedback)


def parse_gift(text: str, label: str) -> list[GiftQuestion]:
    """Every question of the text, or BankInvalid listing every question refused, located."""
    questions: list[GiftQuestion] = []
    errors: list[BankError] = []
    for line, block in blocks(text):
        try:
            questions.append(_question(line, block))
        except _Refused as refused:
            errors.append(BankError(label, line + refused.line_offset, 1, refused.reason, SEE))
    if not questions and not errors:
        errors.append(BankError(label, 1, 1, "no questions found in this GIFT file", SEE))
    if errors:
        raise BankInvalid(errors)
    return questions


def _answer_text(question: GiftQuestion) -> str:
    if question.kind == "numeric" and question.tolerance:
        return f"{question.answer} (give or take {question.tolerance:g})"
    if question.accepted:
        return f"{question.answer} (also accepted: {', '.join(question.accepted)})"
    return question.answer


def _ids(questions: list[GiftQuestion]) -> list[str]:
    """Each question's id: from its GIFT name when that gives a new one, else q-<number>."""
    ids: list[str] = []
    for number, question in enumerate(questions, start=1):
        named = suggest_slug(question.name) if question.name else ""
        ids.append(named if named and named not in ids else f"q-{number}")
    return ids


def _hand_question(question_id: str, question: GiftQuestion, evidence: str) -> dict[str, object]:
    data: dict[str, object] = {
        "id": question_id,
        "kind": question.kind,
        "topic": "figures" if question.kind == "numeric" else "events",
        "prompt": question.prompt,
    }
    if question.kind == "multiple_choice":
        data["choices"] = question.choices
    data["answer"] = question.answer
    if question.accepted:
        data["accepted"] = question.accepted
    if question.tolerance:
        data["tolerance"] = question.tolerance
    data["evidence"] = evidence
    return data


def from_gift(
    data: bytes,
    name: str,
    title: str | None = None,
    article_data: bytes | None = None,
    article_name: str = "",
) -> ImportedBank:
    """GIFT questions as a bank of hand-written questions.

    Without an article, the article is the quiz's own answer key (one paragraph a question:
    its text, its answer and its feedback), and each question's evidence is its paragraph:
    the proof shown is the key the answer came from, never a claim about another text. With
    an article, each question's general feedback (`####...`) must be the passage of the
    article that proves it, and becomes its evidence.
    """
    questions = parse_gift(decode(data, name), name)
    ids = _ids(questions)
    article_text = None if article_data is None else decode(article_data, article_name)
    if article_text is not None:
        title = " ".join((title or article_text.strip().split("\n", 1)[0]).split())
        evidences = _evidence_from(article_text, questions, name)
    else:
        title = " ".join((title or "").split()) or title_of(name)
        evidences = []
        for number, question in enumerate(questions, start=1):
            paragraph = f"Question {number}: {question.prompt} Answer: {_answer_text(question)}."
            if question.feedback:
                paragraph += f" {question.feedback}"
            evidences.append(paragraph)
        article_text = article_of(title, evidences)
    hand = [_hand_question(i, q, e) for i, q, e in zip(ids, questions, evidences, strict=True)]
    yaml_text = dump({"title": title, "article": {"file": "article.txt"}, "questions": hand})
    origins = tuple(("questions", index, q.line) for index, q in enumerate(questions))
    return ImportedBank(yaml_text, article_text, name, title, origins)


def _evidence_from(article_text: str, questions: list[GiftQuestion], label: str) -> list[str]:
    article = Article.from_text(article_text)
    errors = []
    for question in questions:
        if not question.feedback:
            reason = (
                "with an article, each question needs general feedback (####...) quoting "
                "the passage of the article that proves its answer"
            )
            errors.append(BankError(label, question.line, 1, reason, SEE))
        elif not article.contains(question.feedback):
            shown = question.feedback[:80]
            reason = f"the feedback is not a passage of one paragraph of the article: {shown!r}"
            errors.append(BankError(label, question.line, 1, reason, SEE))
    if errors:
        raise BankInvalid(errors)
    return [question.feedback for question in questions]
