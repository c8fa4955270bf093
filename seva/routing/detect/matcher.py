"""Every word list's terms found in a post's words in one pass.

Triage reads each post against some fifteen lists (each category's words, complaint words,
danger words, "now" words...). One regular expression per list meant fifteen scans of the
text; this index reads the words once. Each list keeps the rules a regular expression gave it:
- a term is a word, a phrase of words, or a stem ("chor*": a word that starts with "chor"; in
  a phrase only the last word may be a stem);
- at each word, the term listed first for that position wins: lists given as one group (the
  categories) try their sub-lists in order, and within a list longer terms come first;
- a match uses up its words for its own list, which then goes on after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from seva.routing.detect.text import place_key

_CACHE_SIZE = 200_000  # words remembered with their candidate terms (a few MB at most)


@dataclass(frozen=True, slots=True)
class _Term:
    group: str
    label: str  # the sub-list (a category) or the group's own name
    words: tuple[str, ...]  # normalised; the last is a prefix when `stem`
    stem: bool
    rank: tuple[int, int, int]  # (sub-list order, -length, listing order): lowest wins

    def matches(self, tokens: Sequence[str], start: int) -> bool:
        end = start + len(self.words)
        if end > len(tokens):
            return False
        last = len(self.words) - 1
        for offset, word in enumerate(self.words):
            token = tokens[start + offset]
            if offset == last and self.stem:
                if not token.startswith(word):
                    return False
            elif token != word:
                return False
        return True


class TermIndex:
    """Terms of named groups, indexed by their first word (or first word's stem)."""

    def __init__(self, groups: Mapping[str, Sequence[tuple[str, Iterable[str]]]]) -> None:
        """`groups`: group name → its sub-lists in order, each (label, terms)."""
        self.groups = tuple(groups)
        self._by_word: dict[str, list[_Term]] = {}
        self._by_stem: dict[str, list[_Term]] = {}
        for group, sublists in groups.items():
            for order, (label, terms) in enumerate(sublists):
                for position, raw in enumerate(terms):
                    stem = raw.endswith("*")
                    words = tuple(place_key(raw.rstrip("*")).split())
                    if not words:
                        continue  # an emoji or sign: never in a post's normalised words
                    term = _Term(group, label, words, stem, (order, -len(raw), position))
                    if stem and len(words) == 1:
                        if len(words[0]) < 2:
                            raise ValueError(f"a stem needs two letters or more: {raw!r}")
                        self._by_stem.setdefault(words[0], []).append(term)
                    else:
                        self._by_word.setdefault(words[0], []).append(term)
        # Stems by their first two letters: a word checks the few that could start it.
        self._stems_from: dict[str, list[tuple[str, list[_Term]]]] = {}
        for prefix, stems in sorted(self._by_stem.items()):
            self._stems_from.setdefault(prefix[:2], []).append((prefix, stems))
        self._cache: dict[str, tuple[_Term, ...]] = {}

    def _candidates(self, token: str) -> tuple[_Term, ...]:
        """The terms that may start at this word (cached per index: words repeat)."""
        known = self._cache.get(token)
        if known is None:
            known = tuple(self._by_word.get(token, ())) + tuple(
                term
                for prefix, stems in self._stems_from.get(token[:2], ())
                if token.startswith(prefix)
                for term in stems
            )
            if len(self._cache) < _CACHE_SIZE:
                self._cache[token] = known
        return known

    def find(self, tokens: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Group name → the (label, matched words) found, in the post's order."""
        found: dict[str, list[tuple[str, str]]] = {group: [] for group in self.groups}
        free_from = dict.fromkeys(self.groups, 0)  # where each list may match next
        candidates_of = self._candidates
        for start, token in enumerate(tokens):
            candidates = candidates_of(token)
            if not candidates:
                continue
            best: dict[str, _Term] = {}
            for term in candidates:
                if free_from[term.group] > start:
                    continue
                # A one-word term was found by this very word (or its stem); a phrase is checked.
                if len(term.words) > 1 and not term.matches(tokens, start):
                    continue
                known = best.get(term.group)
                if known is None or term.rank < known.rank:
                    best[term.group] = term
            for group, term in best.items():
                end = start + len(term.words)
                found[group].append((term.label, " ".join(tokens[start:end])))
                free_from[group] = end
        return found
