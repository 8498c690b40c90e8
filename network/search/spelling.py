"""Finding the words a misspelt query meant, among the words the index holds (``SearchWord``).

Only asked when a query finds little or nothing (``query.results_page``), so a query spelled
right costs nothing more. Two queries at most: which of the query's words the vocabulary knows,
and the candidates for the rest.

A misspelt Thai word is usually cut into odd pieces (การเปลียนแปลง → การ | เปลียน | แปลง,
ประเทส → ประ | เท | ส), so the candidates are looked up not only for each piece but for runs of
up to ``MAX_RUN`` neighbouring pieces, by SymSpell keys (``network.lib.thai.lookup_keys``) in a
GIN index. Then, for each space-separated part of the query, the cheapest way to cover its pieces
is chosen (a known piece as it is, or a run replaced by a word within ``allowed(run)``), each
word costing one more so that one long word beats several short ones.

A word is suggested to a visitor only if a public entry holds it (members: any entry), and the
corrected query is shown only when it finds more than the original (``query.results_page``).
"""

from __future__ import annotations

import math

from members.access import is_member
from network.lib.thai import THAI_RE, clean, distance, lookup_keys, words

from .models import SearchWord
from .query import OPERATORS

MAX_RUN = 4
MAX_RUN_CHARS = 24
MAX_PARTS = 8
UNKNOWN = 3.0  # cost of leaving a piece the vocabulary does not know as it is


def allowed(run: str) -> float:
    """How far a run may be from the word it is corrected to (Thai confusions cost 0.25)."""
    if len(run) <= 3:
        return 0.5
    if len(run) <= 7:
        return 1.0
    return 2.0


def _is_word(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def _visible(user):
    words_ = SearchWord.objects.all()
    if not is_member(user):
        words_ = words_.filter(public_entries__gt=0)
    return words_


def correct(user, text: str) -> str | None:
    """The query with its misspelt words replaced by the likely intended ones, or None."""
    parts = clean(text).split()
    # None: an operator, a "phrase", an -excluded word or a part past MAX_PARTS, left as typed.
    pieces = [
        [t.lower() for t in words(part)] if n < MAX_PARTS and _plain(part) else None
        for n, part in enumerate(parts)
    ]
    tokens = {t for p in pieces if p for t in p if _is_word(t)}
    if not tokens:
        return None
    member = is_member(user)
    known = set(_visible(user).filter(word__in=tokens).values_list("word", flat=True))
    runs = {run for p in pieces if p for run in _runs(p, known)}
    if not runs:
        return None
    keys = sorted({key for run in runs for key in lookup_keys(run)})
    candidates = list(
        _visible(user).filter(keys__overlap=keys).values_list("word", "entries", "public_entries")
    )
    by_key: dict[str, list[tuple[str, int]]] = {}
    for word, entries, public in candidates:
        for key in lookup_keys(word):
            by_key.setdefault(key, []).append((word, entries if member else public))
    out, changed = [], False
    for part, p in zip(parts, pieces, strict=True):
        if not p:
            out.append(part)
            continue
        glue = "" if THAI_RE.search(part) else " "
        fixed = glue.join(_best_cover(p, known, by_key))
        if fixed == glue.join(p):
            out.append(part)
        else:
            out.append(fixed)
            changed = True
    return " ".join(out) if changed else None


def _plain(part: str) -> bool:
    return not (part.startswith("-") or part.lower() in OPERATORS or '"' in part)


def _runs(pieces: list[str], known: set[str]):
    """The runs worth looking up: any unknown word piece, and runs of several pieces."""
    for start in range(len(pieces)):
        for end in range(start + 1, min(len(pieces), start + MAX_RUN) + 1):
            run = "".join(pieces[start:end])
            if len(run) > MAX_RUN_CHARS:
                break
            if end - start == 1 and (pieces[start] in known or not _is_word(pieces[start])):
                continue
            if not _is_word(run) or len(run) < 2:
                continue
            yield run


def _nearest(run: str, by_key) -> tuple[float, str] | None:
    """The vocabulary word nearest ``run`` within ``allowed(run)``; ties go to the commoner."""
    best = None
    seen = set()
    for key in lookup_keys(run):
        for word, frequency in by_key.get(key, ()):
            if word in seen:
                continue
            seen.add(word)
            cost = distance(run, word)
            if cost > allowed(run):
                continue
            score = (cost, -math.log1p(frequency), word)
            if best is None or score < best[0]:
                best = (score, word)
    return (best[0][0], best[1]) if best else None


def _best_cover(pieces: list[str], known: set[str], by_key) -> list[str]:
    """The cheapest sequence of words covering ``pieces`` (dynamic programming over positions)."""
    n = len(pieces)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for start in range(n):
        if best[start] is None:
            continue
        base_cost, base_words = best[start]
        piece = pieces[start]
        keep = 1.0 if piece in known or not _is_word(piece) else 1.0 + UNKNOWN
        options = [(start + 1, keep, piece)]
        for end in range(start + 1, min(n, start + MAX_RUN) + 1):
            run = "".join(pieces[start:end])
            if len(run) > MAX_RUN_CHARS:
                break
            if end - start > 1 and run in known:
                options.append((end, 1.0, run))
                continue
            found = _nearest(run, by_key)
            if found:
                cost, word = found
                options.append((end, 1.0 + 2 * cost, word))
        for end, cost, word in options:
            total = base_cost + cost
            if best[end] is None or total < best[end][0]:
                best[end] = (total, [*base_words, word])
    return best[n][1]
