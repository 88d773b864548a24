"""Three-way merge of bank versions, fact by fact (pure).

Two teachers start from the same revision (the base). When the second saves, the first's
revision is already the latest ("theirs"). A fact only one of them changed takes that change;
a fact both changed differently is a conflict, never a silent overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .document import BankDocument

# Not fact ids (those have no '@'): the header fields and the article text as one "fact" each.
HEADER = "@header"
ARTICLE = "@article"

FactVersion = tuple[str, dict[str, Any]] | None


@dataclass(frozen=True)
class Version:
    """One version of a bank: its YAML and its article text."""

    yaml_text: str
    article_text: str


@dataclass(frozen=True)
class FactConflict:
    """A fact both sides changed: each side's section and data (None: deleted)."""

    fact_id: str
    mine: Any
    theirs: Any


class MergeConflict(Exception):
    def __init__(self, conflicts: list[FactConflict]) -> None:
        self.conflicts = conflicts
        super().__init__(", ".join(c.fact_id for c in conflicts))


def merge(base: Version, theirs: Version, mine: Version) -> Version:
    """Mine applied onto theirs, fact by fact; raises MergeConflict listing every clash."""
    docs = [BankDocument.parse(v.yaml_text) for v in (base, theirs, mine)]
    b, t, m = (doc.facts() for doc in docs)
    result = BankDocument.parse(theirs.yaml_text)
    conflicts: list[FactConflict] = []
    for fact_id in [*m, *(i for i in b if i not in m)]:
        was, now, wanted = b.get(fact_id), t.get(fact_id), m.get(fact_id)
        if wanted in (was, now):
            continue
        if now != was:
            conflicts.append(FactConflict(fact_id, wanted, now))
        elif wanted is None:
            result.delete_fact(fact_id)
        elif now is None:
            result.put_fact(wanted[0], wanted[1])
        elif now[0] == wanted[0]:
            result.put_fact(wanted[0], wanted[1], replacing=fact_id)
        else:
            result.delete_fact(fact_id)
            result.put_fact(wanted[0], wanted[1])
    hb, ht, hm = (doc.header() for doc in docs)
    header_clash = False
    for key in [*hm, *(k for k in hb if k not in hm)]:
        was, now, wanted = hb.get(key), ht.get(key), hm.get(key)
        if wanted in (was, now):
            continue
        if now != was:
            header_clash = True
        else:
            result.set_header(**{key: wanted})
    if header_clash:
        conflicts.append(FactConflict(HEADER, hm, ht))
    article = theirs.article_text
    if mine.article_text not in (base.article_text, theirs.article_text):
        if theirs.article_text != base.article_text:
            conflicts.append(FactConflict(ARTICLE, mine.article_text, theirs.article_text))
        article = mine.article_text
    if conflicts:
        raise MergeConflict(conflicts)
    return Version(result.dump(), article)
