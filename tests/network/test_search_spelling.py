"""Search that forgives: PDF-extracted Thai (tone mark before the vowel) and everyday misspellings.

One sample per kind of the evaluation set in docs/search.md (``manage.py evaluate_search``).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from network.lib.thai import clean, distance, lookup_keys, normalize, skeleton
from network.search import vocabulary
from network.search.index import index_object, rebuild
from network.search.models import SearchWord
from network.search.spelling import correct
from tests.knowledge.factories import ResourceFactory, ThreadFactory

pytestmark = pytest.mark.django_db

SEARCH = "/en/search/"
# What a PDF extractor gives for "ที่ต้องเปลี่ยนแปลงทั้งเมือง": each tone mark stored before its vowel.
BROKEN = "ท\u0e48\u0e35ต้องเปล\u0e48\u0e35ยนแปลงท\u0e49\u0e31งเมือง"
CORRECT = "ที่ต้องเปลี่ยนแปลงทั้งเมือง"


def indexed(**kwargs):
    resource = ResourceFactory(**kwargs)
    index_object(resource)
    return resource


def found(client, query: str, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(client, query: str, **params) -> list[str]:
    return [r["entry"].title for r in found(client, query, **params).context["found"]["results"]]


def test_normalize_puts_tone_marks_after_the_vowel_and_joins_two_sara_e():
    assert BROKEN != CORRECT
    assert normalize(BROKEN) == CORRECT
    assert normalize("เเผนงาน") == "แผนงาน"
    assert normalize("\uf70a") == ""  # a lone PUA tone mark: dangling, dropped
    assert normalize("ท\uf713\u0e35") == "ที่"  # a legacy-font tone mark mapped, then reordered
    assert normalize("Climate  change") == "Climate  change"  # no Thai: untouched


def test_a_pdf_passage_is_found_by_a_correctly_typed_query(client):
    indexed(title_en="Handbook page", body_th=BROKEN)
    indexed(title_en="Other", body_th="ความร้อนในเมือง")
    assert titles(client, "เปลี่ยนแปลง") == ["Handbook page"]
    assert titles(client, "ทั้งเมือง") == ["Handbook page"]


def test_text_pasted_from_a_pdf_finds_a_correctly_typed_resource(client):
    indexed(title_en="Typed", body_th=CORRECT)
    assert titles(client, "เปล\u0e48\u0e35ยนแปลง") == ["Typed"]
    assert titles(client, BROKEN) == ["Typed"]


def test_snippets_highlight_the_words_whichever_order_was_typed(client):
    indexed(title_en="Handbook page", body_th=BROKEN)
    for query in ("เปลี่ยนแปลง", "เปล\u0e48\u0e35ยนแปลง"):
        assert "<mark>เปลี่ยนแปลง</mark>" in found(client, query).text


def test_skeleton_and_distance_make_thai_confusions_cheap():
    assert skeleton("ประเทส") == skeleton("ประเทศ")
    assert skeleton("กลใก") == skeleton("กลไก")
    assert distance("การเปลียนแปลง", "การเปลี่ยนแปลง") == 0.25
    assert distance("ประเทส", "ประเทศ") == 0.25
    assert distance("resilence", "resilience") == 1.0
    assert distance("ab", "ba") == 1.0
    assert set(lookup_keys("resilience")) & set(lookup_keys("resilence"))


MISSPELLINGS = [
    # (kind, what the resource says, what is typed)
    ("ไ for ใ", "กลไกการประสานงานของเครือข่ายเมือง", "กลใก"),
    ("ใ for ไ", "ข้อมูลใหม่จากเทศบาล", "ไหม่"),
    ("tone mark dropped", "การเปลี่ยนแปลงสภาพภูมิอากาศ", "การเปลียนแปลง"),
    ("tone mark swapped", "แผนรับมือน้ำท่วมของชุมชน", "น้ำท้วม"),
    ("ศ/ษ/ส", "ความร่วมมือระหว่างประเทศ", "ประเทส"),
    ("final ล/น", "ข้อมูลสำหรับการวางแผนของเมือง", "ข้อมูน"),
    ("เเ for แ", "แผนที่ความเสี่ยงของเมือง", "เเผนที่"),
    ("์ left out", "กิจกรรมสร้างสรรค์ของเยาวชนในเมือง", "สร้างสรรค"),
    ("English", "Urban resilience planning with communities", "resilence"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "body", "typed"), MISSPELLINGS, ids=[m[0] for m in MISSPELLINGS])
def test_each_misspelling_class_is_corrected(client, kind, body, typed):
    indexed(title_en="Meant", title_th="ที่ตั้งใจ", body_th=body)
    indexed(title_en="Unrelated", title_th="อื่น ๆ", body_th="ตลาดนัดชุมชนริมน้ำ")
    response = found(client, typed)
    assert [r["entry"].title for r in response.context["found"]["results"]] == ["Meant"], kind
    corrected = response.context["found"]["corrected"]
    if kind == "เเ for แ":
        assert corrected is None  # not a misspelling once normalised: found directly
    else:
        assert corrected and corrected != typed
        assert "Showing results for" in response.text
        assert "exact=1" in response.text


def test_search_instead_for_what_was_typed_turns_correction_off(client):
    indexed(title_en="Meant", body_th="ความร่วมมือระหว่างประเทศ")
    response = found(client, "ประเทส", exact="1")
    assert response.context["found"]["corrected"] is None
    assert response.context["found"]["results"] == []
    assert "Nothing found" in response.text


def test_the_correction_notice_is_translated(client):
    indexed(title_en="Meant", body_th="ความร่วมมือระหว่างประเทศ")
    html = client.get("/search/", {"q": "ประเทส"}).text
    assert "แสดงผลการค้นหาสำหรับ" in html
    assert "ค้นหาตามคำที่พิมพ์" in html


def test_a_query_spelled_right_is_not_corrected(client, django_assert_max_num_queries):
    indexed(title_en="Right", body_th="การเปลี่ยนแปลงสภาพภูมิอากาศ")
    indexed(title_en="Also", body_th="การเปลี่ยนแปลงสภาพภูมิอากาศในเมือง")
    indexed(title_en="Third", body_th="การเปลี่ยนแปลงของเมือง")
    with django_assert_max_num_queries(3) as captured:
        response = found(client, "การเปลี่ยนแปลง")
    assert response.context["found"]["corrected"] is None
    # The vocabulary is read once, for the word's counts; none of the correction's lookups runs.
    vocabulary_reads = [
        q["sql"] for q in captured.captured_queries if "search_searchword" in q["sql"]
    ]
    assert len(vocabulary_reads) == 1
    assert '"keys"' not in vocabulary_reads[0] and " IN (" not in vocabulary_reads[0]


def test_a_corrected_search_page_keeps_its_query_budget(client, django_assert_max_num_queries):
    for n in range(2):
        indexed(title_en=f"Meant {n}", body_th="ความร่วมมือระหว่างประเทศ")
    with django_assert_max_num_queries(8):
        assert found(client, "ประเทส").context["found"]["corrected"] == "ประเทศ"


def test_english_words_are_corrected_in_a_multi_word_query(client):
    indexed(title_en="Plan", body_en="Climate adaptation for coastal cities")
    response = found(client, "climate adaptaton")
    assert response.context["found"]["corrected"] == "climate adaptation"
    assert [r["entry"].title for r in response.context["found"]["results"]] == ["Plan"]


# --- The vocabulary stays current, and members-only words stay members-only -----------------


def counts(word: str):
    row = SearchWord.objects.filter(word=word).values_list("entries", "public_entries").first()
    return row or (0, 0)


def test_the_vocabulary_follows_indexing_editing_and_removal():
    resource = indexed(body_en="mangrove seawall")
    other = indexed(body_en="mangrove")
    assert counts("mangrove") == (2, 2)
    assert counts("seawall") == (1, 1)
    resource.body_en = "mangrove dyke"
    resource.save()
    index_object(resource)
    assert counts("seawall") == (0, 0)
    assert counts("dyke") == (1, 1)
    resource.visibility = "members"
    resource.save()
    index_object(resource)
    assert counts("mangrove") == (2, 1)
    assert counts("dyke") == (1, 0)
    other.delete()
    index_object(resource)
    assert counts("mangrove") == (1, 0)


def test_the_vocabulary_rebuilt_from_scratch_matches_the_running_counts():
    indexed(body_en="mangrove seawall", visibility="members")
    indexed(body_en="mangrove")
    running = set(SearchWord.objects.values_list("word", "entries", "public_entries"))
    rebuild()
    assert set(SearchWord.objects.values_list("word", "entries", "public_entries")) == running
    assert ("mangrove", 2, 1) in running
    assert vocabulary.rebuild() == len(running)


def kinds(word: str):
    row = SearchWord.objects.filter(word=word).values_list("kinds", "public_kinds").first()
    return row or ({}, {})


def test_the_vocabulary_counts_each_word_per_kind_and_the_page_shows_those_counts(
    client_for, member
):
    resource = indexed(body_en="mangrove")
    indexed(body_en="mangrove", visibility="members")
    index_object(ThreadFactory(title="Mangrove walk"))
    assert kinds("mangrove") == ({"resource": 2, "discussion": 1}, {"resource": 1, "discussion": 1})
    resource.visibility = "members"
    resource.save()
    index_object(resource)
    assert kinds("mangrove") == ({"resource": 2, "discussion": 1}, {"discussion": 1})
    running = sorted(SearchWord.objects.values_list("word", "kinds", "public_kinds"))
    vocabulary.rebuild()
    assert sorted(SearchWord.objects.values_list("word", "kinds", "public_kinds")) == running

    def shown(user):
        found = client_for(user).get(SEARCH, {"q": "mangrove"}).context["found"]
        return found["total"], {key: n for key, _label, n in found["kinds"] if n}

    assert shown(None) == (1, {"discussion": 1})
    assert shown(member) == (3, {"resource": 2, "discussion": 1})


def test_a_members_only_word_is_never_suggested_to_a_visitor(client_for, member, outsider):
    indexed(title_en="Secret", body_th="โครงการกำแพงกันคลื่นลับเฉพาะ", visibility="members")
    indexed(title_en="Public", body_th="ตลาดนัดชุมชนริมน้ำ")
    for user in (None, outsider):
        assert correct(user or AnonymousUser(), "กำแพงกันคลื่นลับเฉพาห") is None
        response = client_for(user).get(SEARCH, {"q": "กำแพงกันคลื่นลับเฉพาห"})
        assert response.context["found"]["corrected"] is None
        assert "ลับเฉพาะ" not in response.text
    response = client_for(member).get(SEARCH, {"q": "กำแพงกันคลื่นลับเฉพาห"})
    assert response.context["found"]["corrected"]
    assert [r["entry"].title for r in response.context["found"]["results"]] == ["Secret"]


def test_clean_is_normalize_without_control_characters():
    assert clean("ท\u0e48\u0e35\x00นี่") == "ที่ นี่"


def test_the_evaluation_set_misspells_each_kind_as_described():
    import random

    from network.search.evaluation import break_order, misspell

    rng = random.Random(1)
    assert break_order("ที่เปลี่ยน") == "ท\u0e48\u0e35เปล\u0e48\u0e35ยน"
    assert normalize(break_order("ที่เปลี่ยน")) == "ที่เปลี่ยน"
    assert misspell("ai-mai", "กลไก", rng) == "กลใก"
    assert misspell("final-n", "ข้อมูล", rng) == "ข้อมูน"
    assert misspell("sara-ae", "แผนที่", rng) == "เเผนที่"
    assert misspell("karan", "สร้างสรรค์", rng) == "สร้างสรรค"
    assert misspell("so", "ประเทศ", rng) in {"ประเทส", "ประเทษ"}
    assert misspell("tone", "น้ำ", rng) in {"น่ำ", "นำ"}
    assert misspell("english", "resilience", rng) != "resilience"
    assert misspell("karan", "ไม่มี", rng) is None


def test_a_long_query_keeps_its_words_past_the_ones_checked():
    indexed(title_en="Plan", body_en="climate adaptation a b c d e f g h")
    corrected = correct(AnonymousUser(), "adaptaton a b c d e f g h")
    assert corrected == "adaptation a b c d e f g h"
