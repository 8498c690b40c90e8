"""Reading the search index: what a visitor may find, with safe highlighted snippets."""

import datetime as dt
import re

from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Value
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from members.access import is_member
from network.lib.pagination import paginate
from network.lib.thai import LEADING_VOWELS, NON_INITIAL, THAI_RE, clean, words

from .models import SearchEntry, SearchWord

MAX_QUERY = 1000
# Matches listed at most (50 pages), and counted at most for a query of several words (a one-word
# query is counted exactly by the vocabulary): past it the page says which matches are listed.
# Listing further would cost as much as the page is deep: PostgreSQL reads every match before it.
MAX_MATCHES = 1000
# A query finding fewer matches than this is checked for misspellings (``spelling.correct``).
FEW = 3
PAGE_SIZE = 20
SNIPPET = 260
# A one-word query whose counts the vocabulary holds: a word of letters, as ``SearchWord`` keeps.
ONE_WORD_RE = re.compile(r"^[a-z\u0e01-\u0e4e][a-z0-9\u0e01-\u0e4e]{1,59}$")
KINDS = {
    "resource": _("Library"),
    "discussion": _("Discussions"),
    "event": _("Events"),
    "organisation": _("Members"),
    "project": _("Joint projects"),
    "funding": _("Funding calls"),
}
OPERATORS = {"or", "and", "not"}


def visible_entries(user):
    entries = SearchEntry.objects.all()
    if not is_member(user):
        entries = entries.filter(visibility=SearchEntry.Visibility.PUBLIC)
    return entries


def prepare(text: str) -> str:
    """The query as PostgreSQL will see it: cleaned, cut to MAX_QUERY and Thai-segmented."""
    return " ".join(words(clean(text)[:MAX_QUERY]))


def terms_of(prepared: str) -> list[str]:
    """The words to highlight: no operators, no excluded (-word) terms, no quotes."""
    out = []
    for word in prepared.split():
        if word.startswith("-") or word.lower() in OPERATORS:
            continue
        word = word.strip("\"'()")
        if word and word not in out:
            out.append(word)
    return out


# Up to this many matches, a query reads them all through its words' index and sorts them;
# past it, matches are frequent enough that walking the entries newest first finds a page soon.
SORTED_MATCHES = 5000
# ``updated`` in a form no index is ordered by (see ``Ranked``).
_UNINDEXED_UPDATED = ExpressionWrapper(
    F("updated") + Value(dt.timedelta(0)), output_field=DateTimeField()
)

# Not needed to list a result: the largest columns, left unread.
_VECTORS = ("vector", "title_vector")


class Ranked:
    """The matches of a query, best first, read a page at a time: the entries with the words in
    their title (the best matches: title words weigh most), most recent first, then the other
    matches, most recent first.

    How each tier is read depends on how many entries match, which ``search`` knows before
    reading any: up to ``SORTED_MATCHES``, through the words' GIN index, then a sort of those few
    matches; more, by walking ``searchentry_recent`` back and stopping after the page. The
    planner cannot tell the two apart by itself: it guesses how often a word occurs, not where,
    and a word found only in older entries made it walk the whole index (1.1 s for ห้อง at
    100,000 entries). So page 1 costs about the same for a word in every entry as for a rare
    one, and an entry with the words in its title comes before newer ones that only mention
    them, however old it is. At most ``MAX_MATCHES`` are listed. ``count()`` is given
    (``search``), so listing a page reads only its entries: ``Paginator`` asks for the count,
    then one slice.
    """

    def __init__(self, entries, query, total: int, *, capped=False, counts_capped=False):
        order = ("-updated", "-id")
        if total <= SORTED_MATCHES and not capped:
            # An order no index gives: the few matches are found through the GIN index, then sorted.
            order = (_UNINDEXED_UPDATED.desc(), "-id")
        self.titled = entries.filter(title_vector=query).order_by(*order).defer(*_VECTORS)
        self.others = (
            entries.filter(vector=query)
            .exclude(title_vector=query)
            .order_by(*order)
            .defer(*_VECTORS)
        )
        self.total = total  # matches: exact, or ``MAX_MATCHES`` when ``capped``
        self.capped = capped  # counting stopped at ``MAX_MATCHES``: there may be more
        self.counts_capped = counts_capped  # the same for the counts per kind (``search``)
        self.listed = min(total, MAX_MATCHES)

    def count(self) -> int:
        return self.listed

    def __len__(self) -> int:
        return self.listed

    def __getitem__(self, index: slice) -> list[SearchEntry]:
        start = index.start or 0
        stop = self.listed if index.stop is None else min(index.stop, self.listed)
        if stop <= start:
            return []
        rows = list(self.titled[start:stop])
        if len(rows) == stop - start:
            return rows
        # Where the title matches end: known from a short read, counted only for a page past them.
        titled = start + len(rows) if rows or not start else self.titled.count()
        return rows + list(self.others[start + len(rows) - titled : stop - titled])


def _counts(entries, query, prepared: str, member: bool) -> tuple[dict[str, int], bool]:
    """({kind: matches}, capped) for ``query``: from the vocabulary for one word (exact, one
    indexed read), otherwise counted through the index up to ``MAX_MATCHES``."""
    word = prepared.lower()
    if ONE_WORD_RE.match(word):
        kinds = (
            SearchWord.objects.filter(word=word)
            .values_list("kinds" if member else "public_kinds", flat=True)
            .first()
        )
        if kinds is not None:
            return {kind: n for kind, n in kinds.items() if n > 0}, False
    return _counted(entries, query)


def _counted(entries, query) -> tuple[dict[str, int], bool]:
    """Counts per kind of at most ``MAX_MATCHES`` matches, and whether there may be more."""
    capped = entries.filter(vector=query).values("pk")[:MAX_MATCHES]
    rows = (
        SearchEntry.objects.filter(pk__in=capped)
        .values_list("kind")
        .annotate(matches=Count("pk"))
        .order_by()
    )
    counts = dict(rows)
    return counts, sum(counts.values()) >= MAX_MATCHES


def search(user, text: str, kind: str = ""):
    """(the matches best first, counts per kind, terms) for ``text``; empty when nothing to look
    for. The matches are a ``Ranked``: nothing is read until a page of it is asked for.

    ``websearch_to_tsquery`` accepts any input ("quotes", or, -minus) without a syntax error.
    """
    prepared = prepare(text)
    entries = visible_entries(user)
    query = SearchQuery(prepared, config="simple", search_type="websearch")
    if not prepared:
        return Ranked(entries.none(), query, 0), {}, []
    counts, counts_capped = _counts(entries, query, prepared, is_member(user))
    total, capped = sum(counts.values()), counts_capped
    if kind:
        entries = entries.filter(kind=kind)
        total = counts.get(kind, 0)
        if capped:  # the first MAX_MATCHES matches found may hold few of this kind
            of_kind, capped = _counted(entries, query)
            total = of_kind.get(kind, 0)
    ranked = Ranked(entries, query, total, capped=capped, counts_capped=counts_capped)
    return ranked, counts, terms_of(prepared)


def results_page(
    user, text: str, kind: str, query: QueryDict, language: str, exact: bool = False
) -> dict:
    """What the search page lists: the page of results ``query`` asks for (``?page=``, see
    ``network.lib.pagination``) with snippets, and the counts per kind.

    When the query finds little or nothing and ``exact`` is not asked for, the likely intended
    words are searched instead if they find more (``corrected``: the query searched for).
    """
    from .spelling import correct

    entries, counts, terms = search(user, text, kind)
    total = sum(counts.values())
    corrected = None
    if not exact and total < FEW:
        suggestion = correct(user, text)
        if suggestion:
            found = search(user, suggestion, kind)
            if sum(found[1].values()) > total:
                entries, counts, terms = found
                total = sum(counts.values())
                corrected = suggestion
    page = paginate(query, entries, PAGE_SIZE)
    return {
        "corrected": corrected,
        "page": page,
        "results": [
            {
                "entry": entry,
                "kind_label": KINDS[entry.kind],
                "url": localized_url(entry.url, language),
                "snippet": highlight(in_language(entry.text, language, terms), terms),
            }
            for entry in page.object_list
        ],
        "kinds": [(key, label, counts.get(key, 0)) for key, label in KINDS.items()],
        "total": total,
        # The counts stopped at MAX_MATCHES (a query of several words): "1000+".
        "more": entries.counts_capped,
        # How many are listed, when not all of them (the page says which).
        "listed": entries.listed if entries.capped or entries.listed < entries.total else None,
    }


def localized_url(path: str, language: str) -> str:
    """``path`` (stored in the default language, no prefix) as the same page in ``language``."""
    from django.conf import settings
    from django.urls import resolve, reverse
    from django.utils import translation

    if language == settings.LANGUAGE_CODE:
        return path
    try:
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(path)
        with translation.override(language):
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except Exception:  # noqa: BLE001 - a stale entry still links somewhere sane
        return path


def _boundary(text: str, index: int) -> int:
    """Move ``index`` back so a cut never splits a Thai syllable (vowel or tone mark first)."""
    while 0 < index < len(text) and (
        text[index] in NON_INITIAL or text[index - 1] in LEADING_VOWELS
    ):
        index -= 1
    return index


def in_language(text: str, language: str, terms: list[str]) -> str:
    """The lines of ``text`` a visitor reading ``language`` would rather see a snippet from.

    An entry's text holds every language's version, line by line. Lines with a search term come
    first, in the visitor's language when there are any; then the visitor's language; then all.
    Reading stops once the first kind holds more than the snippet can show (``highlight`` cuts
    ``SNIPPET`` characters around the first term), so a long entry costs no more than a short
    one when its words come early.
    """
    lowered = [t.lower() for t in terms]
    # With a term in the visitor's language, in another; without, in the visitor's, in another.
    found: tuple[list[str], ...] = ([], [], [], [])
    best_length = 0
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        wanted = bool(THAI_RE.search(line)) == (language == "th")
        lower = line.lower()
        if any(t in lower for t in lowered):
            found[0 if wanted else 1].append(line)
            if wanted:
                best_length += len(line)
                if best_length >= len(found[0][0]) + 2 * SNIPPET:
                    break
        else:
            found[2 if wanted else 3].append(line)
    return "\n".join(next((lines for lines in found if lines), []))


def _term_pattern(term: str) -> str:
    """A Thai term anywhere (Thai has no spaces); a Latin one as a whole word, as it was indexed."""
    if THAI_RE.search(term):
        return re.escape(term)
    return rf"(?<![^\W_]){re.escape(term)}(?![^\W_])"


def highlight(text: str, terms: list[str], width: int = SNIPPET) -> SafeString:
    """A window of ``text`` around the first term, every term in <mark>. All of it escaped."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    pattern = None
    if terms:
        pattern = re.compile(
            "|".join(_term_pattern(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
        )
    start = 0
    if pattern:
        first = pattern.search(text)
        if first:
            start = max(0, first.start() - width // 3)
    start = _boundary(text, start)
    end = _boundary(text, min(len(text), start + width))
    window = text[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    if not pattern:
        return mark_safe(escape(prefix + window + suffix))  # noqa: S308 - escaped
    out, pos = [escape(prefix)], 0
    for match in pattern.finditer(window):
        out.append(escape(window[pos : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(window[pos:]))
    out.append(escape(suffix))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above
