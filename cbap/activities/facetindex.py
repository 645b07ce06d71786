"""The faceted search in memory: one bitmap (a Python int, bit n = the n-th listing in list
order) per facet value and per word, so that filtering, counting every facet's values and
finding a page cost microseconds per value whatever the number of records.

Plain Python, built from rows the selectors read (`build`); the selectors keep one index per
kind of listing and version of the data. Within a facet the chosen values are alternatives
(OR); across facets all must hold (AND). A facet's counts are those of the listings that match
every other facet's choice (and the words), so each count says what choosing it would give.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    return set(WORD.findall(text.casefold()))


def _bitmap(positions: list[int], size: int) -> int:
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


@dataclass
class FacetIndex:
    ids: list[int]  # listing primary keys, in list order
    bits: dict[str, dict[str, int]]  # facet → value → bitmap
    word_bits: dict[str, int]  # word → bitmap of the listings whose text has it

    @classmethod
    def build(
        cls,
        ids: list[int],
        facet_rows: Iterable[tuple[int, str, str]],
        texts: Iterable[tuple[int, str]],
        members: Mapping[str, Iterable[str]] = {},
    ) -> FacetIndex:
        """`ids` in list order; `facet_rows` (listing id, facet, value); `texts` (listing id,
        text). `members` (region → its countries) spreads the countries and regions the
        records name: a listing naming a region counts for each of its countries, one naming
        a country for its region."""
        position = {pk: n for n, pk in enumerate(ids)}
        found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for pk, name, value in facet_rows:
            if pk in position:
                found[name][value].append(position[pk])
        named_countries = {c: list(p) for c, p in found["country"].items()}
        named_regions = {r: list(p) for r, p in found["region"].items()}
        for region, countries in members.items():
            for country in countries:
                found["country"][country] += named_regions.get(region, [])
                found["region"][region] += named_countries.get(country, [])
        size = len(ids)
        bits = {
            name: {value: _bitmap(positions, size) for value, positions in values.items()}
            for name, values in found.items()
        }
        by_word: dict[str, list[int]] = defaultdict(list)
        for pk, text in texts:
            if pk in position:
                for word in words(text):
                    by_word[word].append(position[pk])
        return cls(ids, bits, {w: _bitmap(p, size) for w, p in by_word.items()})

    @property
    def everything(self) -> int:
        return (1 << len(self.ids)) - 1

    def matching(self, chosen: Mapping[str, list[str]], query: str = "", *, but: str = "") -> int:
        result = self.everything
        for name, values in chosen.items():
            if values and name != but:
                result &= self._any(name, values)
        for word in words(query):
            # A word of the query matches the words that start with it ("detect" finds
            # "detection").
            result &= self._any_word(word)
        return result

    def _any(self, name: str, values: Iterable[str]) -> int:
        union = 0
        for value in values:
            union |= self.bits.get(name, {}).get(value, 0)
        return union

    def _any_word(self, prefix: str) -> int:
        union = 0
        for word, bitmap in self.word_bits.items():
            if word.startswith(prefix):
                union |= bitmap
        return union

    def counts(
        self, names: Iterable[str], chosen: Mapping[str, list[str]], query: str = ""
    ) -> dict[str, dict[str, int]]:
        """facet → value → number of listings: each facet over the listings matching the
        others' choices; values with none are left out."""
        everywhere = self.matching(chosen, query)
        result = {}
        for name in names:
            base = self.matching(chosen, query, but=name) if chosen.get(name) else everywhere
            counted = {
                value: (bitmap & base).bit_count()
                for value, bitmap in self.bits.get(name, {}).items()
            }
            result[name] = {value: n for value, n in counted.items() if n}
        return result

    def page(self, bitmap: int, number: int, size: int) -> list[int]:
        """The listing ids of page `number` (from 1) of the listings in `bitmap`."""
        skip, taken = (number - 1) * size, []
        raw = bitmap.to_bytes((len(self.ids) + 7) // 8, "little")
        for byte_number, byte in enumerate(raw):
            if not byte:
                continue
            if skip >= (ones := byte.bit_count()):
                skip -= ones
                continue
            for bit in range(8):
                if byte >> bit & 1:
                    if skip:
                        skip -= 1
                    else:
                        taken.append(self.ids[byte_number * 8 + bit])
                        if len(taken) == size:
                            return taken
        return taken
