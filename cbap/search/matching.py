"""How a query's words match a text, the same on every database: each word must occur, a
hyphenated word in any of its spellings ("socio-economic" finds "socioeconomic" and "socio
economic"), and the matches are marked in an escaped snippet."""

from __future__ import annotations

import re
from functools import reduce

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET = 240


def words(query: str) -> list[str]:
    return [word for word in query.split() if word.strip("-")][:10]


def spellings(word: str) -> list[str]:
    """The ways a word is written: as typed, and a hyphenated one joined or spaced."""
    if "-" not in word.strip("-"):
        return [word]
    return list(dict.fromkeys([word, word.replace("-", ""), word.replace("-", " ")]))


def condition(fields: list[str], query: str) -> Q:
    """Every word of the query in one of `fields`, in one of its spellings (case-insensitive)."""
    per_word = [
        reduce(
            lambda a, b: a | b,
            (Q(**{f"{field}__icontains": s}) for field in fields for s in spellings(word)),
        )
        for word in words(query)
    ]
    return reduce(lambda a, b: a & b, per_word) if per_word else Q(pk__in=[])


def contains_all(text: str, query: str) -> bool:
    folded = text.casefold()
    return bool(words(query)) and all(
        any(s.casefold() in folded for s in spellings(word)) for word in words(query)
    )


def score(text: str, query: str) -> int:
    """How often the words occur: more occurrences rank higher."""
    folded = text.casefold()
    return sum(folded.count(s.casefold()) for word in words(query) for s in spellings(word))


def marked(text: str, query: str) -> SafeString:
    """An escaped snippet of `text` around the first match, every match in <mark>."""
    alternatives = sorted(
        {s for word in words(query) for s in spellings(word)}, key=len, reverse=True
    )
    if not alternatives:
        return escape(text[:SNIPPET])
    pattern = re.compile("|".join(re.escape(a) for a in alternatives), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - SNIPPET // 3)
    snippet = text[start : start + SNIPPET]
    parts, last = [], 0
    for match in pattern.finditer(snippet):
        parts += [escape(snippet[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(snippet[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every part was escaped above
