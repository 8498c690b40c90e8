from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.lib.i18n import Localized


class SearchEntry(models.Model):
    """One searchable thing (a resource, a discussion, an event, an organisation).

    ``vector`` holds the words of the title and text, Thai segmented into words
    (``network.lib.thai``), weighted title A, text B, attached files C; ``title_vector`` the
    title's words alone, small enough to be read with the row (``query.search`` puts the entries
    with the words in their title first).
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Members only")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=20)
    language = models.CharField(_("language"), max_length=4, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    text = models.TextField(
        _("text"), blank=True, help_text=_("Plain text the snippets come from.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    url = models.CharField(_("address"), max_length=500)
    updated = models.DateTimeField(_("updated"))
    vector = SearchVectorField(null=True)
    title_vector = SearchVectorField(null=True)

    title = Localized("title")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchentry_once")
        ]
        # Every search scans a GIN index's whole pending list (4 MB by default: 5 ms a search
        # after a rebuild). The title's few words go straight into their index; an entry's
        # hundreds of words still go through a short pending list, so writing one costs 0.6 ms
        # instead of 1.4 ms (measured on the scale-0.1 bench index).
        indexes = [
            GinIndex(fields=["vector"], name="searchentry_vector_gin", gin_pending_list_limit=256),
            models.Index(fields=["kind", "visibility"]),
            # Matches are listed most recent first within their tier: read in this order and
            # stopped after a page (``query.Ranked``); the id makes the order total for paging.
            models.Index(fields=["-updated", "-id"], name="searchentry_recent"),
            GinIndex(fields=["title_vector"], name="searchentry_title_gin", fastupdate=False),
        ]

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """A word the index holds, with how many entries hold it: the vocabulary spelling
    correction picks from (``network.search.spelling``).

    ``public_entries`` counts the entries everyone may see, so a word found only in members-only
    entries is never suggested to a visitor; ``kinds`` and ``public_kinds`` split both counts by
    the entries' kind. ``keys`` are the word's SymSpell lookup keys
    (``network.lib.thai.lookup_keys``), found through a GIN index without ``pg_trgm``. Kept
    current by ``network.search.vocabulary`` as entries are written and removed.
    """

    word = models.CharField(_("word"), max_length=60, primary_key=True)
    entries = models.IntegerField(_("entries"), default=0)
    public_entries = models.IntegerField(_("public entries"), default=0)
    keys = ArrayField(models.CharField(max_length=60), verbose_name=_("lookup keys"))
    # {kind: entries}: the search page's counts per kind for a one-word query, without reading
    # the matches (``query.search``).
    kinds = models.JSONField(_("entries per kind"), default=dict)
    public_kinds = models.JSONField(_("public entries per kind"), default=dict)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        # Read on every correction, written when a word first appears: no pending list that every
        # lookup would have to scan (the table's fillfactor, set in the migration, leaves room for
        # the count updates to stay on their page).
        indexes = [GinIndex(fields=["keys"], name="searchword_keys_gin", fastupdate=False)]

    def __str__(self):
        return self.word


class PendingIndex(models.Model):
    """An object whose search entry must be refreshed: written in the same transaction as the
    change, removed by the task that refreshes the entry.

    The queue (Redis) may be unreachable when the change commits, or may lose the task if it
    restarts; this row, in PostgreSQL with the change itself, is what makes sure the entry is
    refreshed anyway: ``sweep_pending_index`` (every five minutes, on the beat schedule of
    ``network/migrations/0005_beat_schedule_health_search.py``)
    refreshes every row left over.
    """

    model_label = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    requested = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("pending search update")
        verbose_name_plural = _("pending search updates")
        constraints = [
            models.UniqueConstraint(fields=["model_label", "object_id"], name="pendingindex_once")
        ]

    def __str__(self):
        return f"{self.model_label} #{self.object_id}"
