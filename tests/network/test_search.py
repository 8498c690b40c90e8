"""Site-wide search: Thai without spaces, files, visibility, safety."""

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.models import Resource
from network.lib.thai import segment, segment_for_index
from network.search.index import index_object, rebuild
from network.search.models import SearchEntry
from network.search.query import highlight, in_language
from tests.events.factories import EventFactory
from tests.knowledge.factories import ResourceFactory, ThreadFactory, attach, pdf_bytes

pytestmark = pytest.mark.django_db

SEARCH = "/en/search/"


def titles(client, query: str, **params) -> list[str]:
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return [r["entry"].title for r in response.context["found"]["results"]]


def indexed(**kwargs) -> Resource:
    resource = ResourceFactory(**kwargs)
    index_object(resource)
    return resource


def test_thai_words_are_segmented_for_the_index_and_the_query():
    assert segment("ศึกษาดูงาน") == "ศึกษา ดูงาน"
    # "การศึกษา" in a sentence also yields "ศึกษา", so the query above finds it.
    assert "ศึกษา" in segment_for_index("การศึกษาดูงานที่เชียงราย").split()


def test_finds_a_word_inside_an_unspaced_thai_sentence(client):
    indexed(title_th="รายงาน", title_en="Report", body_th="ชุมชนริมคลองรับมือน้ำท่วมด้วยตนเองอย่างเข้มแข็ง")
    indexed(title_th="อื่น", title_en="Other", body_th="ความร้อนในเมืองใหญ่")
    assert titles(client, "น้ำท่วม") == ["Report"]
    assert titles(client, "คลอง") == ["Report"]


def test_finds_multi_word_thai_queries(client):
    indexed(title_en="Visit", body_th="คณะผู้แทนเมืองเครือข่ายเดินทางไปการศึกษาดูงานที่เทศบาลนครเชียงราย")
    indexed(title_en="Seminar", body_th="การศึกษาเรื่องน้ำ")  # has ศึกษา, not ดูงาน
    assert titles(client, "ศึกษาดูงาน") == ["Visit"]
    assert titles(client, "ศึกษาดูงานเชียงราย") == ["Visit"]


def test_finds_mixed_thai_and_english_queries(client):
    indexed(title_en="Hat Yai", body_th="ระบบเตือนภัยน้ำท่วมแบบ early warning ของชุมชน")
    indexed(title_en="Other", body_th="ระบบเตือนภัยไฟป่า")
    assert titles(client, "น้ำท่วม early warning") == ["Hat Yai"]
    assert titles(client, "Early Warning") == ["Hat Yai"]


def test_text_of_an_attached_pdf_is_searchable(client):
    resource = ResourceFactory(title_en="Coastal plan")
    attach(resource, content=pdf_bytes("Mangrove seawall restoration"))
    index_object(resource)
    assert titles(client, "seawall") == ["Coastal plan"]
    assert resource.attachments.get().text_extracted


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [
        (None, {"Public flood guide", "Public flood thread", "Public flood seminar"}),
        ("outsider", {"Public flood guide", "Public flood thread", "Public flood seminar"}),
        ("member", {"Public flood guide", "Members flood guide", "Public flood thread",
                    "Members flood thread", "Public flood seminar", "Members flood seminar"}),
    ],
)  # fmt: skip
def test_results_show_only_what_the_visitor_may_see(client_for, request, user_fixture, expected):
    user = request.getfixturevalue(user_fixture) if user_fixture else None
    for visibility, label in (("public", "Public"), ("members", "Members")):
        index_object(
            ResourceFactory(
                title_en=f"{label} flood guide",
                title_th=f"{label} flood guide",
                visibility=visibility,
            )
        )
        index_object(ThreadFactory(title=f"{label} flood thread", visibility=visibility))
        index_object(
            EventFactory(
                title_en=f"{label} flood seminar",
                title_th=f"{label} flood seminar",
                visibility=visibility,
            )
        )
    index_object(ResourceFactory(title_en="Draft flood guide", status=Resource.Status.DRAFT))
    index_object(ThreadFactory(title="Hidden flood thread", is_hidden=True))
    index_object(EventFactory(title_en="Draft flood seminar", status="draft"))
    assert set(titles(client_for(user), "flood")) == expected


def test_organisations_are_found_and_type_filter_narrows(client, organisation):
    index_object(organisation)
    indexed(title_en="Chiang Rai study", title_th="เชียงราย")
    assert set(titles(client, "เชียงราย")) == {"Chiang Rai City Municipality", "Chiang Rai study"}
    assert titles(client, "เชียงราย", type="organisation") == ["Chiang Rai City Municipality"]


def test_saving_and_deleting_updates_the_index_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resource = ResourceFactory(title_en="Signals work")
    assert SearchEntry.objects.filter(object_id=resource.pk, kind="resource").exists()
    with django_capture_on_commit_callbacks(execute=True):
        resource.status = Resource.Status.ARCHIVED
        resource.save()
    assert not SearchEntry.objects.filter(object_id=resource.pk, kind="resource").exists()
    with django_capture_on_commit_callbacks(execute=True):
        thread = ThreadFactory()
    assert SearchEntry.objects.filter(object_id=thread.pk, kind="discussion").exists()
    with django_capture_on_commit_callbacks(execute=True):
        thread.delete()
    assert not SearchEntry.objects.filter(kind="discussion").exists()


def test_rebuild_command_indexes_everything_and_drops_stale_entries(capsys):
    ResourceFactory.create_batch(2)
    stale = indexed()
    Resource.objects.filter(pk=stale.pk).update(status=Resource.Status.DRAFT)
    call_command("rebuild_search_index")
    assert SearchEntry.objects.filter(kind="resource").count() == 2
    assert "entries indexed" in capsys.readouterr().out
    assert rebuild() == 2


def test_snippets_highlight_matches_and_escape_everything(client):
    indexed(title_en="<b>Bold</b> title", body_en="Before <script>alert(1)</script> flood after")
    html = client.get(SEARCH, {"q": "flood"}).content.decode()
    assert "<mark>flood</mark>" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in html


def test_highlight_escapes_terms_and_text():
    html = str(highlight("a <i>x</i> & flood", ["<i>x</i>", "flood"]))
    assert html == "a <mark>&lt;i&gt;x&lt;/i&gt;</mark> &amp; <mark>flood</mark>"


@pytest.mark.parametrize("rows", [1, 40])
@pytest.mark.parametrize("params", [{"q": "flood"}, {"q": "flood plain", "type": "resource"}])
def test_search_page_query_count_is_flat(
    client_for, member, django_assert_max_num_queries, rows, params
):
    for _ in range(rows):
        indexed(body_en="flood plain")
    client = client_for(member)
    with django_assert_max_num_queries(8):
        response = client.get(SEARCH, params)
    assert response.context["found"]["total"] == rows


@pytest.mark.parametrize(
    "query",
    ['"unclosed', "a OR OR b", "-", "!!!", "(&|)", "' ; DROP TABLE x; --", "😀🌊", "\x00", "ก" * 1000,
     "น้ำท่วม" * 300, ":* <-> &", "\\", "%", "or", "-น้ำ"],
)  # fmt: skip
def test_search_never_errors_on_awkward_queries(client, query):
    indexed(body_th="น้ำท่วม")
    # NUL never reaches the search: the site answers 400 to it in any address.
    assert client.get(SEARCH, {"q": query}).status_code == (400 if "\x00" in query else 200)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=1000))
def test_search_never_errors_on_any_text(client, text):
    response = client.get(SEARCH, {"q": text.replace("\x00", "")})
    assert response.status_code == 200
    # The view also copes with a NUL that a form would not send.
    from network.search.query import search

    entries, _counts, _terms = search(None or response.wsgi_request.user, text)
    list(entries[:5])


def test_result_links_follow_the_visitors_language(client):
    resource = indexed(title_en="Flood guide")
    english = client.get(SEARCH, {"q": "flood"}).context["found"]["results"][0]["url"]
    thai = client.get("/search/", {"q": "flood"}).context["found"]["results"][0]["url"]
    assert english == f"/en/knowledge/{resource.slug}/"
    assert thai == f"/knowledge/{resource.slug}/"


def test_snippets_come_from_the_visitors_language_where_the_words_are_there(client):
    indexed(
        title_th="น้ำท่วมเชียงราย",
        title_en="Chiang Rai floods",
        summary_th="สรุปเรื่องน้ำท่วมในเมืองเชียงราย",
        summary_en="A summary of the floods in Chiang Rai city",
    )
    english = client.get(SEARCH, {"q": "Chiang Rai"}).text
    assert "A summary of the floods in <mark>Chiang</mark> <mark>Rai</mark> city" in english
    assert "สรุปเรื่อง" not in english
    thai = client.get("/search/", {"q": "เชียงราย"}).text
    assert "สรุปเรื่องน้ำท่วมในเมือง<mark>เชียงราย</mark>" in thai
    assert "A summary" not in thai
    # An English reader searching in Thai still sees the Thai line with the words.
    assert "<mark>เชียงราย</mark>" in client.get(SEARCH, {"q": "เชียงราย"}).text


def test_in_language_prefers_matching_lines_then_the_language():
    text = "ภาษาไทย\nEnglish line\nอีกบรรทัด flood"
    assert in_language(text, "en", ["flood"]) == "อีกบรรทัด flood"
    assert in_language(text, "en", ["nothing"]) == "English line"
    assert in_language(text, "th", []) == "ภาษาไทย\nอีกบรรทัด flood"
    assert in_language("", "th", ["x"]) == ""


def aged(entry_of, days: int) -> None:
    """Make the entry of ``entry_of`` ``days`` old in the index."""
    import datetime as dt

    from django.utils import timezone

    SearchEntry.objects.filter(object_id=entry_of.pk, kind="resource").update(
        updated=timezone.now() - dt.timedelta(days=days)
    )


def test_a_query_of_several_common_words_is_counted_up_to_a_bound_and_says_so(client, monkeypatch):
    from network.search import query

    monkeypatch.setattr(query, "MAX_MATCHES", 3)
    for n in range(5):
        indexed(title_en=f"Flood report {n}", body_en="flood")
    html = client.get(SEARCH, {"q": "flood report"}).text
    assert "3+" in html
    assert "3 matches are shown, best first: the most recent ones" in html
    assert html.count("mb-3 search-result") == 3
    few = client.get(SEARCH, {"q": "report 1"}).text
    assert "matches are shown" not in few


def test_a_one_word_query_is_counted_whole_and_its_best_matches_are_listed_up_to_a_bound(
    client, monkeypatch
):
    from network.search import query

    monkeypatch.setattr(query, "MAX_MATCHES", 3)
    monkeypatch.setattr(query, "PAGE_SIZE", 2)
    for n in range(5):
        aged(indexed(title_en=f"Notes {n}", body_en="The flood came early."), days=n)
    aged(indexed(title_en="Flood plan", body_en="Canals."), days=400)
    first = client.get(SEARCH, {"q": "flood"})
    found = first.context["found"]
    assert found["total"] == 6 and not found["more"]
    assert "3 matches are shown, best first" in first.text
    assert [r["entry"].title for r in found["results"]] == ["Flood plan", "Notes 0"]
    assert titles(client, "flood", page=2) == ["Notes 1"]


def test_title_matches_come_first_then_the_others_each_most_recent_first(client, monkeypatch):
    from network.search import query

    monkeypatch.setattr(query, "PAGE_SIZE", 2)
    for n in range(3):
        aged(indexed(title_en=f"Drainage plan {n}", body_en="Canals."), days=10 + n)
        aged(indexed(title_en=f"Minutes {n}", body_en="The drainage was cleaned."), days=n)
    pages = [titles(client, "drainage", page=page) for page in (1, 2, 3)]
    assert pages == [
        ["Drainage plan 0", "Drainage plan 1"],
        ["Drainage plan 2", "Minutes 0"],
        ["Minutes 1", "Minutes 2"],
    ]
    assert titles(client, "drainage", type="resource", page=3) == ["Minutes 1", "Minutes 2"]


def test_latin_terms_are_highlighted_as_whole_words_and_thai_inside_words():
    assert (
        str(highlight("Heavy rain in Chiang Rai", ["rai"]))
        == "Heavy rain in Chiang <mark>Rai</mark>"
    )
    assert str(highlight("น้ำท่วมเมือง", ["ท่วม"])) == "น้ำ<mark>ท่วม</mark>เมือง"


def test_an_older_match_with_the_word_in_its_title_is_found_behind_newer_mentions(client):
    plan = indexed(
        title_en="Drainage master plan for Hat Yai", body_en="Canals and retention ponds."
    )
    aged(plan, days=3 * 365)
    for n in range(6):
        indexed(title_en=f"Meeting notes {n}", body_en="The drainage was cleaned before the rains.")
    found = titles(client, "drainage")
    assert found[0] == "Drainage master plan for Hat Yai"
    assert len(found) == 7  # the plan, then every mention


@pytest.mark.parametrize("sorted_matches, sorted_in_python", [(5000, True), (1, False)])
def test_few_matches_are_found_through_the_words_index_many_by_walking_the_newest(
    client, monkeypatch, sorted_matches, sorted_in_python
):
    """A word in a few (possibly old) entries must not walk every entry newest first: its
    listing orders by an expression no index gives, so PostgreSQL reads the word's own index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network.search import query

    monkeypatch.setattr(query, "SORTED_MATCHES", sorted_matches)
    for n in range(3):
        indexed(title_en=f"Guide {n}", body_en="Rainwater harvesting on school roofs")
    with CaptureQueriesContext(connection) as queries:
        assert len(titles(client, "harvesting")) == 3
    listing = [q["sql"] for q in queries if "ORDER BY" in q["sql"] and "searchentry" in q["sql"]]
    assert listing
    unindexed = all("interval" in sql.split("ORDER BY")[1] for sql in listing)
    assert unindexed is sorted_in_python


def test_the_web_process_builds_the_one_thai_dictionary_trie_as_it_starts():
    import importlib

    from pythainlp.tokenize import word_dict_trie

    from network import wsgi
    from network.lib.thai import _trie

    word_dict_trie.cache_clear()
    importlib.reload(wsgi)
    assert word_dict_trie.cache_info().currsize == 1  # built before any request
    assert _trie() is word_dict_trie()  # segmentation and inner words share it
