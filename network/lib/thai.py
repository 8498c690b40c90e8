"""Thai word segmentation for full-text search.

Thai is written without spaces between words and PostgreSQL has no Thai parser, so text is cut
into words with pythainlp (dictionary-based ``newmm``) and the words joined by spaces before
``to_tsvector('simple', …)``. Queries are cut the same way.

A word is not always cut the same way in a sentence as on its own: "การศึกษาดูงาน" gives
``การศึกษา | ดูงาน`` while the query "ศึกษาดูงาน" gives ``ศึกษา | ดูงาน``. When indexing we
therefore also emit the dictionary words found *inside* each long Thai word (``ศึกษา`` inside
``การศึกษา``, ``เทศบาล`` and ``นคร`` inside ``เทศบาลนคร``), so a query finds them either way.

Before any of that, text is brought to one canonical spelling (``normalize``): Thai PDFs often
store a tone mark before the upper vowel (ท + ่ + ี for ที่), which looks the same on screen but is
a different string. Documents and queries are normalised alike, so either finds the other.

``skeleton`` and ``distance`` serve spelling correction (``network.search.spelling``): the
skeleton folds the letters people confuse (ใ/ไ, ศ/ษ/ส, ล/น, tone marks, the silent ์), so a
misspelt word and the word meant share a key; ``distance`` is an edit distance in which those
confusions cost little.
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


def _trie():
    """pythainlp's trie of its Thai dictionary, the one its word segmentation (newmm) uses: one
    copy per process (about 60 MB, 1 to 2 s to build)."""
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


def warm_up() -> None:
    """Build the dictionary's trie now, as a web process starts (``network.wsgi``), so that no
    visitor's first Thai search in a process waits for it (2 s here)."""
    _trie()


# Legacy Thai fonts (and the PDFs made with them) put shifted tone marks and vowels in the Private
# Use Area; each stands for an ordinary Thai character.
PUA_THAI = str.maketrans(
    {
        0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
        0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
        0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
        0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
        0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
        0xF719: "\u0e39", 0xF71A: "\u0e3a",
    }
)  # fmt: skip
PUA_RE = re.compile("[\uf700-\uf71a]")


def clean(text: str) -> str:
    """``text`` without control characters, in canonical Thai spelling (see ``normalize``)."""
    return normalize(CONTROL_RE.sub(" ", text or ""))


def normalize(text: str) -> str:
    """One spelling for what looks the same: tone marks after the vowel (ที่, not ท่ี), แ rather
    than เเ, no zero-width spaces, no Private Use Area look-alikes. Text without Thai is returned
    as it is (pythainlp's ``normalize`` also squeezes spaces, which is harmless here)."""
    if not text or not (THAI_RE.search(text) or PUA_RE.search(text)):
        return text or ""
    from pythainlp.util import normalize as thai_normalize

    if PUA_RE.search(text):
        text = text.translate(PUA_THAI)
    return thai_normalize(text)


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


# --- Spelling correction helpers -------------------------------------------------------------

TONE_MARKS = set("\u0e48\u0e49\u0e4a\u0e4b")
# Marks people drop or misplace: tone marks, the silent-letter sign ์ and mai taikhu ็.
LIGHT_MARKS = TONE_MARKS | set("\u0e4c\u0e47")
# Letters that sound alike and are typed for each other: each maps to one representative.
CONFUSED = str.maketrans(
    {
        "ใ": "ไ",  # sara ai maimuan / sara ai maimalai
        "ศ": "ส", "ษ": "ส",  # so sala, so ruesi, so suea
        "ล": "น", "ณ": "น", "ญ": "น", "ฬ": "น", "ร": "น",  # final -n
        "ฅ": "ค", "ฃ": "ข",  # obsolete letters
        "ธ": "ท", "ฒ": "ท", "ฑ": "ท",
    }
)  # fmt: skip
LIGHT_COST = 0.25


@lru_cache(maxsize=50_000)
def skeleton(word: str) -> str:
    """``word`` lowercased, without tone marks, ์ and ็, confusable letters folded together."""
    return "".join(ch for ch in word.lower() if ch not in LIGHT_MARKS).translate(CONFUSED)


@lru_cache(maxsize=50_000)
def lookup_keys(word: str) -> tuple[str, ...]:
    """The skeleton of ``word`` and the skeletons with one letter deleted (SymSpell, distance 1).

    Two words whose keys overlap are at most one edit apart once confusions are folded. Very
    short skeletons get no deletions: one letter less would match half the vocabulary.
    """
    base = skeleton(word)
    if len(base) < 4:
        return (base,)
    keys = {base}
    keys.update(base[:i] + base[i + 1 :] for i in range(len(base)))
    return tuple(sorted(keys))


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a.lower() == b.lower():
        return 0.0
    if (a in TONE_MARKS and b in TONE_MARKS) or a.translate(CONFUSED) == b.translate(CONFUSED):
        return LIGHT_COST
    return 1.0


def _indel_cost(ch: str) -> float:
    return LIGHT_COST if ch in LIGHT_MARKS else 1.0


@lru_cache(maxsize=50_000)
def distance(typed: str, word: str) -> float:
    """Damerau-Levenshtein distance where Thai confusions cost ``LIGHT_COST`` instead of 1:
    a dropped or added tone mark, ์ or ็, one tone mark for another, ใ for ไ, ศ/ษ for ส, ล for น."""
    a, b = typed.lower(), word.lower()
    rows, cols = len(a) + 1, len(b) + 1
    d = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        d[i][0] = d[i - 1][0] + _indel_cost(a[i - 1])
    for j in range(1, cols):
        d[0][j] = d[0][j - 1] + _indel_cost(b[j - 1])
    for i in range(1, rows):
        for j in range(1, cols):
            d[i][j] = min(
                d[i - 1][j] + _indel_cost(a[i - 1]),
                d[i][j - 1] + _indel_cost(b[j - 1]),
                d[i - 1][j - 1] + _sub_cost(a[i - 1], b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1.0)
    return d[-1][-1]


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
