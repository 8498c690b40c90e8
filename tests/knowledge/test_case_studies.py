"""Case-study sections are bilingual like the rest of a resource: each page shows its language and
says when a section exists only in the other one."""

import datetime as dt

import pytest

from knowledge.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def case_study(**sections):
    return ResourceFactory(
        kind=Resource.Kind.CASE_STUDY, published_on=dt.date(2014, 6, 13), **sections
    )


def test_each_language_page_shows_the_sections_written_in_it(client):
    resource = case_study(
        context_th="หาดใหญ่เป็นเมืองนำร่อง ACCCRN (พ.ศ. 2553–2559)",
        context_en="Hat Yai was an ACCCRN pilot city (2010–2016).",
    )
    thai = client.get(f"/knowledge/{resource.slug}/").content.decode()
    english = client.get(f"/en/knowledge/{resource.slug}/").content.decode()
    assert "พ.ศ. 2553–2559" in thai and "2010–2016" not in thai
    assert "2010–2016" in english and "2553" not in english
    assert "written in English only" not in english and "ภาษาอังกฤษเท่านั้น" not in thai


def test_a_section_only_in_english_is_shown_on_the_thai_page_with_a_note_and_its_language(client):
    resource = case_study(lessons_en="Work with *every* sector")
    html = client.get(f"/knowledge/{resource.slug}/").content.decode()
    assert '<div class="prose" lang="en"><p>Work with <em>every</em> sector</p></div>' in html
    assert "ส่วนนี้มีเฉพาะภาษาอังกฤษ" in html


def test_a_section_only_in_thai_is_marked_on_the_english_page(client):
    resource = case_study(actions_th="ฟื้นฟูคลอง")
    html = client.get(f"/en/knowledge/{resource.slug}/").content.decode()
    assert '<div class="prose" lang="th"><p>ฟื้นฟูคลอง</p></div>' in html
    assert "This section is written in Thai only." in html


def test_thai_page_dates_the_case_study_in_the_buddhist_era(client):
    resource = case_study(context_th="บริบท")
    html = client.get(f"/knowledge/{resource.slug}/").content.decode()
    assert "2557" in html  # 13 June 2014


def test_sections_keep_reading_order_and_skip_empty_ones():
    resource = case_study(lessons_th="บทเรียน", context_en="Context", outcomes_th="")
    names = [section.name for section in resource.sections()]
    assert names == ["context", "lessons"]


def test_the_form_takes_each_section_in_both_languages(client_for, member):
    from .test_posting import NEW, form_data

    response = client_for(member).post(
        NEW, form_data(kind="case_study", context_th="บริบทของเมือง", context_en="The city")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert resource.context_html_th == "<p>บริบทของเมือง</p>"
    assert resource.context_html_en == "<p>The city</p>"


def test_site_search_finds_words_from_sections_in_either_language(client):
    from network.search.index import index_object

    resource = case_study(title_en="Hat Yai", lessons_en="mangroves", actions_th="ฟื้นฟูคลองอู่ตะเภา")
    index_object(resource)
    for query in ("mangroves", "อู่ตะเภา"):
        response = client.get("/en/search/", {"q": query})
        found = [r["entry"].title for r in response.context["found"]["results"]]
        assert found == ["Hat Yai"], query
