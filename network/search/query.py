"""Reading the search index: what a visitor may find, with safe highlighted snippets."""

import re
from collections import Counter

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import F, Func
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from members.access import is_member
from network.lib.pagination import paginate
from network.lib.thai import LEADING_VOWELS, NON_INITIAL, THAI_RE, clean, words

from .models import SearchEntry

MAX_QUERY = 1000
MAX_MATCHES = 1000
# Entries with the words in their title ranked besides the most recent matches (``search``).
TITLE_MATCHES = 250
# A query finding fewer matches than this is checked for misspellings (``spelling.correct``).
FEW = 3
PAGE_SIZE = 20
SNIPPET = 260
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


def title_words(vector="vector"):
    """The words of an entry's title: the lexemes of weight A (``index.py``), with an index of
    their own (``searchentry_title_gin``)."""
    return Func(
        F(vector), function="ts_filter", template="ts_filter(%(expressions)s, '{a}')",
        output_field=SearchVectorField(),
    )  # fmt: skip


def search(user, text: str, kind: str = ""):
    """(entries ranked best first, counts per kind, terms) for ``text``; empty when nothing to look for.

    ``websearch_to_tsquery`` accepts any input ("quotes", or, -minus) without a syntax error.

    Ranking reads every candidate's vector, so the candidates are bounded whatever the word: for
    a word most documents contain (น้ำท่วม in a network about floods) ranking every match would
    read most of the index. The candidates are the ``TITLE_MATCHES`` most recent entries with the
    words in their title (the best matches: title words weigh most, and titles are short, so even
    a common word is in few of them) and the ``MAX_MATCHES`` most recent matches anywhere, each
    found through an index (the title words' GIN index, or the ``updated`` index walked back)
    without reading the rest. An older entry about the subject is no longer hidden behind a
    thousand newer ones that only mention it. When the matches anywhere reach ``MAX_MATCHES``
    there may be more, and the page says so.
    """
    prepared = prepare(text)
    if not prepared:
        return SearchEntry.objects.none(), {}, []
    query = SearchQuery(prepared, config="simple", search_type="websearch")
    visible = visible_entries(user).order_by("-updated")
    in_titles = visible.alias(title=title_words()).filter(title=query)
    anywhere = visible.filter(vector=query)
    # One query: the two bounded lists, each read through its own index.
    candidates = dict(
        in_titles.values_list("pk", "kind")[:TITLE_MATCHES].union(
            anywhere.values_list("pk", "kind")[:MAX_MATCHES], all=True
        )
    )
    counts = dict(Counter(candidates.values()))
    ids = [pk for pk, entry_kind in candidates.items() if not kind or entry_kind == kind]
    ranked = (
        SearchEntry.objects.filter(pk__in=ids)
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank", "-updated")
    )
    return ranked.defer("vector"), counts, terms_of(prepared)


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
        "more": total >= MAX_MATCHES,
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
    """
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    wanted = [line for line in lines if bool(THAI_RE.search(line)) == (language == "th")]
    lowered = [t.lower() for t in terms]

    def matching(candidates):
        return [line for line in candidates if any(t in line.lower() for t in lowered)]

    chosen = matching(wanted) or matching(lines) or wanted or lines
    return "\n".join(chosen)


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
