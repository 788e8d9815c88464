"""Where a reader goes after an article: related articles, and the previous and next of its industry.

Related articles share terms with the article (of every taxonomy data/taxonomies.yaml declares:
industries, officials, places…); a rarer term says more, so each
weighs like an inverse document frequency, log(1 + N / df) over the N articles of the language
tree (always above zero: two articles alone in one industry are still related). An article's
score is the sum of the weights of the terms it shares; ties go to the newest.

The bench builds 5,000 articles in two languages, where an industry holds hundreds of them and an
official over a thousand: adding up scores over every pair that shares a term costs millions of
steps. Instead the article's own few terms are taken in subsets, heaviest first (a candidate that
shares the subset S scores w(S) exactly when no heavier subset of the article's terms is shared
too), the articles holding a subset found by intersecting sets from an inverted index (C speed),
and the walk stops once the best `count` are known. Two-term intersections are shared by every
article with that pair.
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from digest.site.model import Entry

DEFAULT_COUNT = 5
# Up to this many terms the subsets are walked (at most 255); an article with more sums every score.
SUBSET_WALK_TERMS = 8


# The terms of each subset of up to 8 terms, by bitmask: _MEMBERS[0b101] == (0, 2).
_MEMBERS = tuple(tuple(i for i in range(SUBSET_WALK_TERMS) if mask >> i & 1) for mask in range(1 << SUBSET_WALK_TERMS))


class RelatedIndex:
    """An inverted index of one language tree's articles: term -> the ranks (newest first) of the articles holding it.

    Made from each article's slug and terms in rank order, so the two language trees of a site whose
    translations agree on their dates and terms (the usual case) are one index, and their articles' related slugs are worked out once.
    """

    def __init__(self, articles: Sequence[tuple[str, tuple[str, ...]]]):
        """`articles`: (slug, terms) of the tree's published articles, newest first (see `shape`)."""
        self.slugs = [slug for slug, _ in articles]
        ids: dict[str, int] = {}
        postings: list[set[int]] = []
        held = []
        for rank, (_, terms) in enumerate(articles):
            mine = []
            for term in terms:
                term_id = ids.setdefault(term, len(ids))
                if term_id == len(postings):
                    postings.append(set())
                if rank not in postings[term_id]:
                    postings[term_id].add(rank)
                    mine.append(term_id)
            held.append(mine)
        total = len(articles)
        self.postings = postings
        self.ordered = [sorted(ranks) for ranks in postings]
        self.weight = [math.log1p(total / len(ranks)) for ranks in postings]
        # each article's terms, rarest (heaviest) first
        self.terms = [sorted(mine, key=lambda term_id: (len(postings[term_id]), term_id)) for mine in held]
        self.rank = {slug: rank for rank, slug in enumerate(self.slugs)}
        self._pairs: dict[tuple[int, int], set[int]] = {}
        self._related: dict[tuple[str, int], list[str]] = {}

    def related(self, slug: str, count: int = DEFAULT_COUNT) -> list[str]:
        """The slugs of up to `count` other articles sharing the most weight of terms with `slug`'s, ties newest first."""
        key = (slug, count)
        if key not in self._related:
            rank = self.rank.get(slug)
            terms = self.terms[rank] if rank is not None else []
            if count <= 0 or not terms:
                ranks = []
            elif len(terms) > SUBSET_WALK_TERMS:
                ranks = self._by_sums(terms, rank, count)
            else:
                ranks = self._by_subsets(terms, rank, count)
            self._related[key] = [self.slugs[other] for other in ranks]
        return self._related[key]

    def _newest(self, terms: list[int], members: tuple[int, ...], seen: set, need: int) -> list[int]:
        """The `need` newest ranks not `seen` of the articles holding every term of the subset.

        One term: the first of its ranks, in order. More: the pair's holders (kept for every article
        with that pair) narrowed by the rest, all small by then."""
        if len(members) == 1:
            newest = []
            for rank in self.ordered[terms[members[0]]]:
                if rank not in seen:
                    newest.append(rank)
                    if len(newest) == need:
                        break
            return newest
        pair = (terms[members[0]], terms[members[1]])
        found = self._pairs.get(pair)
        if found is None:
            found = self._pairs[pair] = self.postings[pair[0]] & self.postings[pair[1]]
        for member in members[2:]:
            found = found & self.postings[terms[member]]
        return sorted(found - seen)[:need]

    def _by_subsets(self, terms: list[int], own: int, count: int) -> list[int]:
        """Every subset of the terms by weight, heaviest first, in tiers of equal weight; the ranks chosen, best first.

        An article found first under the subset S holds no heavier subset of the terms, so it scores
        w(S). Each subset gives at most the newest ranks the tier can still take, and the walk stops
        after the tier that fills `count`, so it never sorts a big set."""
        weights = [self.weight[term] for term in terms]
        sums = [0.0] * (1 << len(terms))
        for mask in range(1, len(sums)):
            low = mask & -mask
            sums[mask] = sums[mask ^ low] + weights[low.bit_length() - 1]
        chosen: list[int] = []
        seen = {own}
        tier_weight, tier = None, set()
        for mask in sorted(range(1, len(sums)), key=sums.__getitem__, reverse=True):
            weight = round(sums[mask], 9)  # equal sums added in another order are one tier
            if weight != tier_weight:
                chosen.extend(sorted(tier)[:count - len(chosen)])
                if len(chosen) >= count:
                    return chosen
                seen |= tier
                tier_weight, tier = weight, set()
            tier.update(self._newest(terms, _MEMBERS[mask], seen, count - len(chosen)))
        return chosen + sorted(tier)[:count - len(chosen)]

    def _by_sums(self, terms: list[int], own: int, count: int) -> list[int]:
        """Every score added up over the terms' postings: for an article with too many terms to walk their subsets."""
        scores: dict[int, float] = {}
        for term in terms:
            weight = self.weight[term]
            for rank in self.postings[term]:
                scores[rank] = scores.get(rank, 0.0) + weight
        scores.pop(own, None)
        return heapq.nsmallest(count, scores, key=lambda rank: (-round(scores[rank], 9), rank))


def shape(listing: Sequence[Entry], kinds: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What related articles are worked out from: each article's slug and terms (prefixed with their
    taxonomy's key, one of `kinds`), newest first."""
    return tuple((entry.slug, tuple(f"{kind}:{slug}" for kind in kinds for slug in entry.meta.get(kind) or ()))
                 for entry in listing)


def indexes(listings: dict[str, Sequence[Entry]], kinds: Sequence[str]) -> dict[str, RelatedIndex]:
    """{lang: the index of its tree}; trees of one shape share one index, and so their related slugs.
    `kinds`: the taxonomies' keys."""
    made: dict[tuple, RelatedIndex] = {}
    found = {}
    for lang, listing in listings.items():
        key = shape(listing, kinds)
        if key not in made:
            made[key] = RelatedIndex(key)
        found[lang] = made[key]
    return found


def sequence(entries: Sequence[Entry]) -> dict[str, tuple[Entry | None, Entry | None]]:
    """{slug: (the next older, the next newer)} of `entries` (newest first), None at either end."""
    return {entry.slug: older_and_newer(entries, index) for index, entry in enumerate(entries)}


def older_and_newer(items: Sequence, index: int) -> tuple:
    """The items after and before `index` in a newest-first list (articles, editions): (older, newer), None at the ends."""
    return items[index + 1] if index + 1 < len(items) else None, items[index - 1] if index else None
