"""Evidence questions: which sentence of the article best supports a claim made from a fact.

The claim is the fact's own wording (a statement, a stance's summary, a figure, a conclusion),
never the evidence sentence. The wrong sentences are nearby ones about the same things that do
not support it (`support.supporting`): those that share the claim's rarest words first, so that
matching words does not find the answer (the Latvian minister's sentence against "exodus", the
German officials' "help" against the French senators'), then those that share the evidence's
actors and places, then, only next to the evidence, any. Two-part questions (CommonLit's
Part A / Part B) reuse the same choice of sentences, unless part A's question or answer names
what only the right sentence names ("Landsbergis's tweet"): then part A is asked alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from quizapp.bank.schema import Fact, Figure, Place, Stance, Statement

from .context import Context, comparable, folded_key, sentence
from .figures import said_unit, stated_amount
from .question import Question, Segment
from .sentences import Sentence, covering, joined, sentences_of
from .support import content, rare, sentence_content, supporting, weight

MAX_SENTENCES = 4
# A wrong sentence may be this many paragraphs away from the right one, no further.
NEAREST = 5
# A wrong sentence that shares no rare word with the claim or its evidence must be this near.
NEXT_TO = 1
# A claim this like its evidence sentence (0-100) only asks the student to match words.
SAME_WORDING = 80
# A right sentence holding this share of the claim's wording, when no wrong one holds a third
# as much, is found by matching words without reading.
MATCHED = 0.75
# A passage shown whole when its choices span at most this many paragraphs.
SPAN_SHOWN = 4
# Why no evidence question is asked, as `bank validate --explain` says it.
TOO_ALIKE = (
    "the claim is worded too like its evidence sentence, which could be picked by its wording"
    " alone: reword the claim"
)
FOUND_BY_ITS_WORDS = (
    "only the evidence sentence holds the claim's key words, so spotting them finds it without"
    " reading: word the claim in other words"
)
PROMPT_NAMES_IT = (
    "only the supporting sentence holds the key words of part A's question or answer (a name,"
    " a rare word), so spotting them finds part B without reading: part A is asked alone"
)
# Part B is found by its words when the right sentence alone holds this many rare words of
# part A's question and answer ("Landsbergis", "tweeted").
KEY_WORDS = 2
PART_B = "Part B: which sentence from the article best supports your answer to part A?"


@dataclass(frozen=True)
class SentenceChoice:
    """Sentences to choose from (article order), the right one, and the passage to show."""

    choices: tuple[str, ...]
    answer: str
    passage: tuple[Segment, ...]


def build(ctx: Context) -> Iterator[Question]:
    for fact, claim in _claims(ctx):
        yield from evidence_question(ctx, fact, claim)


def _claims(ctx: Context) -> Iterator[tuple[Fact, str]]:
    """The claim each kind of fact makes, in its own words."""
    bank = ctx.bank
    for stance in bank.stances:
        yield stance, _stance_claim(ctx, stance)
    for figure in bank.figures:
        yield figure, _figure_claim(ctx, figure)
    for place in bank.places:
        yield place, _place_claim(place)
    for statement in bank.statements:
        yield statement, _statement_claim(ctx, statement)
    for inference in bank.inferences:
        yield inference, inference.conclusion
    for cause in bank.causes:
        yield cause, cause_claim(cause.cause, cause.effect)


def _stance_claim(ctx: Context, stance: Stance) -> str:
    if stance.reported:
        return f"{ctx.anchor(stance)}, the position of {ctx.name(stance.actor)}: {stance.summary}"
    return f"The position of {ctx.name(stance.actor)}: {stance.summary}"


def _figure_claim(ctx: Context, figure: Figure) -> str:
    amount = stated_amount(figure.value, said_unit(figure), figure.qualifier, figure.value_max)
    if figure.reported:
        return f"{ctx.anchor(figure)}, {figure.measures} was {amount}."
    return f"{sentence(figure.measures)} was {amount}."


def _place_claim(place: Place) -> str:
    return f"{place.name} is {place.description}."


def _statement_claim(ctx: Context, statement: Statement) -> str:
    if statement.reported:
        return f"{ctx.anchor(statement)}, {statement.text[:1].lower()}{statement.text[1:]}"
    return statement.text


def cause_claim(cause: str, effect: str) -> str:
    return f"{sentence(cause)} led to {effect}."


def evidence_question(ctx: Context, fact: Fact, claim: str) -> Iterator[Question]:
    """'Which sentence best supports this idea?', unless no fair set of sentences exists."""
    template = "evidence"
    if fact.attribution:
        # "They include Lithuania" proves a stance only with the sentence it refers back to.
        ctx.skip(fact, template, "its evidence proves the claim only with its attribution")
        return
    found = sentence_choice(ctx, fact, claim, getattr(fact, "also", ()))
    if isinstance(found, str):
        ctx.skip(fact, template, found)
        return
    question = ctx.question(
        fact, template, kind="evidence", topic=_topic(fact),
        level="recognition", skill="evidence",
        prompt=f"Which sentence from the article best supports this idea? {claim}",
        answer=found.answer, choices=found.choices, passage=found.passage, explanation="",
    )  # fmt: skip
    yield replace(question, explanation=_why(question, found))


_TOPICS: dict[type, str] = {Stance: "stances", Figure: "figures", Place: "places"}


def _topic(fact: Fact) -> str:
    return _TOPICS.get(type(fact)) or str(getattr(fact, "topic", "events"))


def two_part(ctx: Context, part_a: Question, fact: Fact, claim: str) -> Iterator[Question]:
    """Part A as asked, then the sentence that supports its answer (graded apart)."""
    template = f"{part_a.template}-two-part"
    if fact.attribution:
        ctx.skip(fact, template, "its evidence proves the answer only with its attribution")
        return
    found = sentence_choice(ctx, fact, claim, getattr(fact, "also", ()))
    if isinstance(found, str):
        ctx.skip(fact, template, found)
        return
    # The student reads part A's question and answer before part B: a name or rare word of
    # either that only the right sentence holds finds it without reading.
    if _found_by_matching_words(
        ctx, part_a.prompt, found.answer, found.choices
    ) or _holds_key_words(ctx, f"{part_a.prompt} {claim}", found.answer, found.choices):
        ctx.skip(fact, template, PROMPT_NAMES_IT)
        return
    yield replace(
        part_a, id=f"{fact.id}:{template}", template=template, kind="two_part",
        supports=found.choices, support=found.answer, passage=found.passage,
        explanation=f"{part_a.explanation} {_why(part_a, found)}".strip(),
    )  # fmt: skip


def _why(question: Question, found: SentenceChoice) -> str:
    return (
        f"Paragraph {question.paragraph + 1} says it: {found.answer} The other sentences are "
        "from nearby but do not say this."
    )


def sentence_choice(
    ctx: Context, fact: Fact, claim: str, protected: Iterable[str] = ()
) -> SentenceChoice | str:
    """The evidence sentence and two or three nearby ones that do not support the claim, or
    why there are none."""
    article = ctx.loaded.article
    right = covering(article, fact.evidence)
    if not right:
        return "its evidence is not found in the article"
    answer = joined(article, right)
    if fuzz.partial_ratio(folded_key(claim), folded_key(answer)) >= SAME_WORDING:
        return TOO_ALIKE
    protected_sentences = {s for snippet in protected for s in covering(article, snippet)}
    kept = supporting(ctx, fact, claim, answer, wordings(ctx)) | protected_sentences | set(right)
    wrong = _wrong_sentences(ctx, claim, right, kept)
    if len(wrong) < 2:
        return "fewer than two nearby sentences that do not support the claim"
    groups = [right, *((s,) for s in wrong)]
    ordered = sorted(groups, key=lambda group: (group[0].paragraph, group[0].start))
    choices = tuple(joined(article, group) for group in ordered)
    if _found_by_matching_words(ctx, claim, answer, choices):
        return FOUND_BY_ITS_WORDS
    return SentenceChoice(choices, answer, _passage(ctx, ordered))


def _found_by_matching_words(
    ctx: Context, claim: str, answer: str, choices: tuple[str, ...]
) -> bool:
    """Whether the right sentence holds nearly all of the claim's (weighted) content words
    while no wrong one holds even a third as much: "Kaliningrad is a Russian exclave on the
    Baltic Sea" against one sentence that names Kaliningrad and others that do not."""
    claim_words = content(ctx, claim)
    total = weight(ctx, claim_words)
    if not total:
        return False

    def share(choice: str) -> float:
        return weight(ctx, claim_words & content(ctx, choice)) / total

    right = share(answer)
    others = [share(choice) for choice in choices if choice != answer]
    return right >= MATCHED and max(others, default=0.0) < right / 3


def _holds_key_words(ctx: Context, text: str, answer: str, choices: tuple[str, ...]) -> bool:
    """Whether the right sentence alone holds at least KEY_WORDS of the text's rare words:
    "What does Landsbergis's tweet suggest ...?" against one sentence naming Landsbergis."""
    key = rare(ctx, content(ctx, text))
    elsewhere = frozenset[str]().union(*(content(ctx, c) for c in choices if c != answer))
    return len((key & content(ctx, answer)) - elsewhere) >= KEY_WORDS


def _wrong_sentences(
    ctx: Context, claim: str, right: tuple[Sentence, ...], kept: frozenset[Sentence]
) -> list[Sentence]:
    """Up to three nearby sentences about what the claim or its evidence is about, the most
    alike first, one of them sharing a rare word of the claim if any does."""
    answer = joined(ctx.loaded.article, right)
    claim_words = content(ctx, claim)
    topic = rare(ctx, frozenset().union(*(sentence_content(ctx, s) for s in right)))
    home = right[0].paragraph

    def score(candidate: Sentence) -> float:
        words = sentence_content(ctx, candidate)
        # The claim's words count most: they are what a student who matches words looks for.
        return weight(ctx, claim_words & words) + weight(ctx, topic & words) / 2

    ranked = sorted(
        (
            s
            for s in _candidates(ctx)
            if s not in kept
            and abs(s.paragraph - home) <= NEAREST
            and (score(s) > 0 or abs(s.paragraph - home) <= NEXT_TO)
        ),
        key=lambda s: (-score(s), abs(s.paragraph - home), s.start),
    )
    # Otherwise the right sentence could be the only one that repeats the claim's wording.
    claim_rare = rare(ctx, claim_words)
    matching = [
        s for s in ranked if claim_rare & sentence_content(ctx, s) and comparable([answer, s.text])
    ]
    wrong: list[Sentence] = []
    for candidate in dict.fromkeys([*matching[:1], *ranked]):
        if len(wrong) == MAX_SENTENCES - 1:
            break
        if comparable([answer, *(s.text for s in wrong), candidate.text]):
            wrong.append(candidate)
    return wrong


def wordings(ctx: Context) -> tuple[tuple[Fact, str], ...]:
    """Every fact that says something, in its own words: a claim, a quote, an event."""
    bank = ctx.bank
    return ctx.memo(
        ("fact wordings",),
        lambda: (
            *_claims(ctx),
            *((quote, quote.words) for quote in bank.quotes),
            *((event, event.what) for event in bank.events),
        ),
    )


def _candidates(ctx: Context) -> tuple[Sentence, ...]:
    """Sentences a wrong choice may be: the headline is not one."""
    title = ctx.bank.title
    return ctx.memo(
        ("sentence candidates",),
        lambda: tuple(
            s for s in sentences_of(ctx.loaded.article) if s.text != title and len(s.text) > 20
        ),
    )


def _passage(ctx: Context, groups: list[tuple[Sentence, ...]]) -> tuple[Segment, ...]:
    """The paragraphs of the choices, cut so that each choice is a segment of its own."""
    article = ctx.loaded.article
    first, last = groups[0][0].paragraph, groups[-1][0].paragraph
    choice_paragraphs = {group[0].paragraph for group in groups}
    if last - first < SPAN_SHOWN:
        shown = [p for p in range(first, last + 1) if article.paragraphs[p] != ctx.bank.title]
    else:
        shown = sorted(choice_paragraphs)
    segments: list[Segment] = []
    for paragraph in shown:
        text, at = article.paragraphs[paragraph], 0
        for index, group in enumerate(groups):
            if group[0].paragraph != paragraph:
                continue
            start, end = group[0].start, group[-1].end
            if start > at:
                segments.append((paragraph, text[at:start].strip(), -1))
            segments.append((paragraph, text[start:end], index))
            at = end
        if at < len(text):
            segments.append((paragraph, text[at:].strip(), -1))
    return tuple(s for s in segments if s[1])
