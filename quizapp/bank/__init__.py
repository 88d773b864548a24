"""Question banks: YAML files of facts about an article, validated and grounded (no Flask)."""

from .errors import BankError, BankInvalid
from .grounding import Article
from .loader import LoadedBank, bank_digest, load_bank, load_text
from .registry import BankRegistry
from .schema import TOPICS, Bank, Topic

__all__ = [
    "TOPICS",
    "Article",
    "Bank",
    "BankError",
    "BankInvalid",
    "BankRegistry",
    "LoadedBank",
    "Topic",
    "bank_digest",
    "load_bank",
    "load_text",
]
