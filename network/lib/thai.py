"""Thai word segmentation for full-text search.

Thai is written without spaces between words and PostgreSQL has no Thai parser, so text is cut
into words with pythainlp (dictionary-based ``newmm``) and the words joined by spaces before
``to_tsvector('simple', …)``. Queries are cut the same way.

A word is not always cut the same way in a sentence as on its own: "การศึกษาดูงาน" gives
``การศึกษา | ดูงาน`` while the query "ศึกษาดูงาน" gives ``ศึกษา | ดูงาน``. When indexing we
therefore also emit the dictionary words found *inside* each long Thai word (``ศึกษา`` inside
``การศึกษา``, ``เทศบาล`` and ``นคร`` inside ``เทศบาลนคร``), so a query finds them either way.
"""

import re
from functools import lru_cache

THAI_RE = re.compile(r"[\u0E00-\u0E7F]")
# Characters that cannot begin a Thai word: following vowels, tone marks and signs.
NON_INITIAL = set("ะัาำิีึืฺุู็่้๊๋์ํ๎ๆฯ")
# A leading vowel belongs to the consonant after it: no word starts just after one.
LEADING_VOWELS = set("เแโใไ")
MIN_INNER_WORD = 3
# NUL and other control characters cannot be stored in PostgreSQL text or mean nothing to search.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def _trie():
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


def clean(text: str) -> str:
    return CONTROL_RE.sub(" ", text or "")


def words(text: str) -> list[str]:
    """The words of ``text`` (Thai segmented, other scripts split on spaces and punctuation).

    Text is cut at whitespace first (no word spans a space) and each piece is segmented once:
    names, places and phrases recur across documents, and re-indexing repeats them all.
    """
    return [word for piece in clean(text).split() for word in _piece_words(piece)]


@lru_cache(maxsize=100_000)
def _piece_words(piece: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(
        w for w in word_tokenize(piece, engine="newmm", keep_whitespace=False) if w.strip()
    )


@lru_cache(maxsize=100_000)
def inner_words(word: str) -> tuple[str, ...]:
    """Dictionary words of at least MIN_INNER_WORD characters found inside a Thai ``word``."""
    if len(word) <= MIN_INNER_WORD or not THAI_RE.search(word):
        return ()
    trie = _trie()
    found = []
    for start in range(len(word)):
        if word[start] in NON_INITIAL or (start and word[start - 1] in LEADING_VOWELS):
            continue
        for prefix in trie.prefixes(word[start:]):
            if MIN_INNER_WORD <= len(prefix) < len(word) and prefix not in found:
                found.append(prefix)
    return tuple(found)


def segment(text: str) -> str:
    """``text`` with Thai words separated by spaces, for a query."""
    return " ".join(words(text))


def segment_for_index(text: str) -> str:
    """``text`` segmented for a document: its words plus the words inside long Thai words."""
    out = []
    for word in words(text):
        out.append(word)
        out.extend(inner_words(word))
    return " ".join(out)


def slug_text(*texts: str) -> str:
    """A readable ASCII slug base: the first text that slugifies (an English title), else the
    first Thai text romanised word by word with pythainlp's rule-based Royal Institute system
    ("เทศบาลเมืองน่าน" → "thetbanmueang-nan"). Empty when nothing gives letters."""
    from django.utils.text import slugify

    for text in texts:
        slug = slugify(clean(text or ""))
        if slug.strip("-"):
            return slug.strip("-")
    for text in texts:
        if text and THAI_RE.search(text):
            from pythainlp.tokenize import word_tokenize
            from pythainlp.transliterate import romanize

            parts = [
                romanize(word, engine="royin") if THAI_RE.search(word) else word
                for word in word_tokenize(clean(text), engine="newmm", keep_whitespace=False)
            ]
            slug = slugify(" ".join(parts)).strip("-")
            if slug:
                return slug
    return ""
