"""The search evaluation set (docs/search.md): noisy passages and misspelled queries, recall@10.

Passages: the paragraphs of the network's handbook as a PDF extractor gave them (tone marks
before the vowel in about half of them), the same paragraphs typed correctly, and the English
texts of the demo library. Queries, per kind:

- ``pdf-passage``: two words typed correctly, taken where the PDF passage has one of them in
  broken order; searched among the PDF passages.
- ``pdf-query``: the same words with the tone mark moved before the vowel, as copied out of a
  PDF; searched among the correctly typed passages.
- ``ai-mai`` (ไ/ใ swapped), ``tone`` (a tone mark dropped or replaced), ``so`` (ศ/ษ/ส),
  ``final-n`` (final ล/น), ``sara-ae`` (เเ for แ), ``karan`` (์ left out), ``english`` (one
  letter dropped, doubled, replaced or two swapped): one word of a correctly typed passage,
  misspelt; only misspellings that are not themselves words of the passages.
- ``spelled-right``: words of the passages as they are (Thai and English), the control: recall
  must not drop, and nothing should be "corrected".

A query's relevant passages are those holding its intended words (as the index cuts them);
recall@10 = relevant passages in the first 10 results / min(10, relevant passages), averaged
over the kind's queries. "Before" is the search as it was: no normalisation, no correction.

Everything is written in a transaction that is rolled back, so the database is left as it was;
but the index is emptied inside it for the duration: run it on a development database.
"""

from __future__ import annotations

import random
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from network.lib import thai

from .models import SearchEntry
from .registry import Document

HANDBOOK = Path("/work/shared/seed/network-handbook.th.txt")
TONES = "\u0e48\u0e49\u0e4a\u0e4b"
ABOVE_BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47"
BROKEN_RE = re.compile(f"[{TONES}\u0e4c][{ABOVE_BELOW}]")
PER_KIND = 40
KINDS = ["pdf-passage", "pdf-query", "ai-mai", "tone", "so", "final-n", "sara-ae", "karan",
         "english", "spelled-right"]  # fmt: skip
MISSPELT = KINDS[2:-1]


@dataclass
class Query:
    kind: str
    typed: str
    meant: str
    corpus: str  # "pdf" or "typed"
    relevant: set[int] = field(default_factory=set)


def handbook_paragraphs(path: Path = HANDBOOK) -> list[str]:
    """Paragraphs (a tab starts one), lines joined: a PDF line break inside Thai is no space."""
    text = path.read_text(encoding="utf-8")
    paragraphs = []
    for chunk in text.split("\t"):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        joined = ""
        for line in lines:
            glue = (
                ""
                if joined and thai.THAI_RE.match(line[0]) and thai.THAI_RE.search(joined[-1])
                else " "
            )
            joined = f"{joined}{glue}{line}" if joined else line
        if len(joined) >= 80:
            paragraphs.append(joined)
    return paragraphs


def english_passages() -> list[str]:
    from network.demo.knowledge import RESOURCES

    out = []
    for item in RESOURCES:
        text = " ".join(
            filter(None, [item.get("title_en"), item.get("summary_en"), item.get("body_en")])
        )
        if text:
            out.append(text)
    return out


def break_order(text: str) -> str:
    """``text`` as a PDF extractor gives it: each tone mark (or ์) before its upper/lower vowel."""
    return re.sub(f"([{ABOVE_BELOW}])([{TONES}\u0e4c])", r"\2\1", text)


def index_words(text: str) -> set[str]:
    return {w.lower() for w in thai.segment_for_index(text).split()}


# --- Misspellings --------------------------------------------------------------------------


def _swap_one(word: str, pairs: dict[str, list[str]], rng) -> str | None:
    spots = [i for i, ch in enumerate(word) if ch in pairs]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + rng.choice(pairs[word[i]]) + word[i + 1 :]


def misspell(kind: str, word: str, rng) -> str | None:
    if kind == "ai-mai":
        return _swap_one(word, {"ใ": ["ไ"], "ไ": ["ใ"]}, rng)
    if kind == "tone":
        spots = [i for i, ch in enumerate(word) if ch in TONES]
        if not spots:
            return None
        i = rng.choice(spots)
        other = rng.choice([t for t in "\u0e48\u0e49" if t != word[i]] + [""])
        return word[:i] + other + word[i + 1 :]
    if kind == "so":
        return _swap_one(word, {"ศ": ["ส", "ษ"], "ษ": ["ศ", "ส"], "ส": ["ศ"]}, rng)
    if kind == "final-n":
        if len(word) >= 3 and word[-1] in "ลน" and word[-2] not in "เแโใไ":
            return word[:-1] + ("น" if word[-1] == "ล" else "ล")
        return None
    if kind == "sara-ae":
        return word.replace("แ", "เเ", 1) if "แ" in word else None
    if kind == "karan":
        return word.replace("\u0e4c", "", 1) if "\u0e4c" in word else None
    if kind == "english":
        if len(word) < 5 or not word.isascii() or not word.isalpha():
            return None
        i = rng.randrange(1, len(word) - 1)
        how = rng.choice(["drop", "double", "replace", "swap"])
        if how == "drop":
            return word[:i] + word[i + 1 :]
        if how == "double":
            return word[:i] + word[i] + word[i:]
        if how == "replace":
            return word[:i] + rng.choice("aeiourstnl".replace(word[i], "")) + word[i + 1 :]
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    raise ValueError(kind)


def build_queries(pdf: list[str], typed: list[str], english: list[str], seed: int = 16):
    """The queries of every kind, with their relevant passages (numbered across the corpora)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    typed_all = typed + english
    typed_words = [index_words(p) for p in typed_all]
    vocabulary = set().union(*typed_words)
    queries: list[Query] = []

    # PDF kinds: pairs of neighbouring words where the first is broken in the PDF text.
    pairs = []
    for raw in pdf:
        if not BROKEN_RE.search(raw):
            continue
        tokens = thai.words(thai.normalize(raw))
        for a, b in zip(tokens, tokens[1:], strict=False):
            broken = break_order(a)
            if (
                len(a) >= 3
                and len(b) >= 3
                and broken != a
                and broken in raw
                and thai.THAI_RE.search(b)
            ):
                pairs.append(a + b)
    pairs = list(dict.fromkeys(pairs))
    rng.shuffle(pairs)
    for text in pairs[:PER_KIND]:
        meant = {w.lower() for w in thai.words(text)}
        relevant = {i for i, words in enumerate(typed_words) if meant <= words}
        if relevant:
            queries.append(Query("pdf-passage", text, text, "pdf", relevant))
            queries.append(Query("pdf-query", break_order(text), text, "typed", relevant))

    # Misspellings: single words of the typed passages.
    candidates = sorted(w for w in vocabulary if len(w) >= 4 and not w.isdigit())
    rng.shuffle(candidates)
    for word in candidates[:PER_KIND]:
        relevant = {i for i, words in enumerate(typed_words) if word in words}
        queries.append(Query("spelled-right", word, word, "typed", relevant))
    for kind in MISSPELT:
        rng.shuffle(candidates)
        made = 0
        for word in candidates:
            if made >= PER_KIND:
                break
            if (kind == "english") != word.isascii():
                continue
            typed_word = misspell(kind, word, rng)
            if not typed_word or typed_word == word:
                continue
            if typed_word in vocabulary:
                continue  # a real word of the passages: not a misspelling here
            relevant = {i for i, words in enumerate(typed_words) if word in words}
            queries.append(Query(kind, typed_word, word, "typed", relevant))
            made += 1
    return queries


# --- Running ------------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


@contextmanager
def _before():
    """The search as it was before issue 16: no canonical spelling, no correction."""
    with mock.patch.object(thai, "normalize", lambda text: text or ""):
        thai._piece_words.cache_clear()
        yield
    thai._piece_words.cache_clear()


def _index(passages: list[tuple[int, str]]) -> None:
    from .index import index_document

    content_type = ContentType.objects.get_for_model(SearchEntry)
    now = timezone.now()
    for number, text in passages:
        doc = Document(kind="resource", title_th="", title_en=f"passage {number}", text=text,
                       visibility="public", url=f"/eval/{number}/", updated=now)  # fmt: skip
        index_document(content_type, number, doc)


def _recall(query: Query, exact: bool) -> tuple[float, str | None]:
    from .query import results_page

    found = results_page(AnonymousUser(), query.typed, "", QueryDict(), "th", exact=exact)
    top = [r["entry"].object_id for r in found["results"][:10]]
    hits = len(query.relevant & set(top))
    return hits / min(10, len(query.relevant)), found["corrected"]


def evaluate(queries: list[Query], corpora: dict[str, list[tuple[int, str]]]) -> dict:
    """{kind: {"queries", "before", "after", "corrected"}}: mean recall@10 before and after."""
    results = {kind: {"queries": 0, "before": 0.0, "after": 0.0, "corrected": 0} for kind in KINDS}
    for mode in ("before", "after"):
        for corpus, passages in corpora.items():
            try:
                with transaction.atomic():
                    SearchEntry.objects.all().delete()
                    from .vocabulary import rebuild

                    with _before() if mode == "before" else _nothing():
                        _index(passages)
                        rebuild()
                        for query in queries:
                            if query.corpus != corpus:
                                continue
                            recall, corrected = _recall(query, exact=mode == "before")
                            row = results[query.kind]
                            row[mode] += recall
                            if mode == "after":
                                row["queries"] += 1
                                row["corrected"] += bool(corrected)
                    raise _Rollback
            except _Rollback:
                pass
    for row in results.values():
        if row["queries"]:
            row["before"] /= row["queries"]
            row["after"] /= row["queries"]
    return results


@contextmanager
def _nothing():
    yield


def run(path: Path = HANDBOOK, seed: int = 16) -> tuple[dict, list[Query]]:
    raw = handbook_paragraphs(path)
    english = english_passages()
    typed = [thai.normalize(p) for p in raw]
    queries = build_queries(raw, typed, english, seed)
    numbered_typed = list(enumerate(typed + english))
    corpora = {"pdf": list(enumerate(raw)), "typed": numbered_typed}
    return evaluate(queries, corpora), queries
