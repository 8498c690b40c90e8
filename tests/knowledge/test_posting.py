import pytest
from django.core import mail
from django.urls import reverse

from knowledge import services
from knowledge.models import Resource

from ..factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory, topic
from .factories import ResourceFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db

NEW = "/en/knowledge/new/"


def form_data(**extra):
    data = {
        "kind": "good_practice",
        "language": "th",
        "visibility": "public",
        "title_th": "การจัดการน้ำโดยชุมชน",
        "title_en": "Community water management",
        "summary_en": "How a community runs its own flood watch.",
        "body_en": "Text",
        "topics": [topic("flooding").pk],
        "tags": "flood, community",
        "submit": "1",
    }
    data.update(extra)
    return data


def html_part(message) -> str:
    return next(body for body, mimetype in message.alternatives if mimetype == "text/html")


def test_members_first_resource_goes_to_review_and_coordinators_are_emailed(
    client_for, member, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(NEW, form_data())
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert resource.status == Resource.Status.IN_REVIEW
    assert resource.created_by == member
    assert list(resource.authors.all()) == [member.person]
    assert set(resource.tags.names()) == {"flood", "community"}
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "การจัดการน้ำโดยชุมชน" in message.subject  # the coordinator reads Thai
    assert "/knowledge/review/" in message.body
    assert "/knowledge/review/" in html_part(message)


def test_draft_is_saved_without_review_or_mail(client_for, member, coordinator):
    data = form_data()
    del data["submit"]
    data["draft"] = "1"
    client_for(member).post(NEW, data)
    assert Resource.objects.get().status == Resource.Status.DRAFT
    assert mail.outbox == []


def test_coordinator_publishes_and_the_author_is_emailed(
    client_for, member, coordinator, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(
        status=Resource.Status.IN_REVIEW, created_by=member, published_on=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("knowledge:publish", kwargs={"slug": resource.slug})
        )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert resource.published_on is not None
    [message] = mail.outbox
    assert message.to == [member.email]
    assert f"/knowledge/{resource.slug}/" in message.body
    assert f"/knowledge/{resource.slug}/" in html_part(message)


def test_coordinator_returns_with_a_comment_and_the_author_is_emailed(
    client_for, member, coordinator, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(status=Resource.Status.IN_REVIEW, created_by=member)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            reverse("knowledge:return", kwargs={"slug": resource.slug}),
            {"comment": "Please add the <b>sources</b>."},
        )
    resource.refresh_from_db()
    assert resource.status == Resource.Status.DRAFT
    assert resource.review_comment == "Please add the <b>sources</b>."
    [message] = mail.outbox
    assert "Please add the <b>sources</b>." in message.body
    html = html_part(message)
    assert "Please add the &lt;b&gt;sources&lt;/b&gt;." in html
    assert "/edit/" in html


def test_only_coordinators_see_and_use_the_review_queue(client_for, member, editor):
    resource = ResourceFactory(status=Resource.Status.IN_REVIEW, created_by=member)
    for user in (member, editor):
        client = client_for(user)
        assert client.get("/en/knowledge/review/").status_code == 403
        assert (
            client.post(reverse("knowledge:publish", kwargs={"slug": resource.slug})).status_code
            == 403
        )
    resource.refresh_from_db()
    assert resource.status == Resource.Status.IN_REVIEW


def test_review_queue_lists_waiting_resources(client_for, coordinator, member):
    ResourceFactory(status=Resource.Status.IN_REVIEW, created_by=member, title_en="Waiting one")
    html = client_for(coordinator).get("/en/knowledge/review/").content.decode()
    assert "Waiting one" in html


def test_trusted_member_publishes_directly(client_for, member, coordinator):
    ResourceFactory.create_batch(services.TRUSTED_AFTER_PUBLISHED, created_by=member)
    client_for(member).post(NEW, form_data(title_en="Third one"))
    assert Resource.objects.get(title_en="Third one").status == Resource.Status.PUBLISHED
    assert mail.outbox == []


def test_coordinator_publishes_directly(client_for, coordinator):
    client_for(coordinator).post(NEW, form_data())
    assert Resource.objects.get().status == Resource.Status.PUBLISHED


def test_anonymous_is_sent_to_sign_in_and_outsider_is_refused(client_for, outsider):
    response = client_for(None).post(NEW, form_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(outsider).get(NEW).status_code == 403
    assert client_for(outsider).post(NEW, form_data()).status_code == 403
    assert not Resource.objects.exists()


def test_form_needs_a_title(client_for, member):
    response = client_for(member).post(NEW, form_data(title_th="", title_en=""))
    assert response.status_code == 400
    assert not Resource.objects.exists()


def test_new_members_are_rate_limited(client_for, member, settings):
    settings.KNOWLEDGE_POSTS_PER_HOUR = 2
    client = client_for(member)
    for n in range(2):
        assert client.post(NEW, form_data(title_en=f"Post {n}")).status_code == 302
    response = client.post(NEW, form_data(title_en="One too many"))
    assert response.status_code == 429
    assert Resource.objects.count() == 2


def test_posting_form_page_renders_with_preview_and_tag_suggestions(client_for, member):
    html = client_for(member).get(NEW).content.decode()
    assert 'data-preview-url="/en/knowledge/preview/"' in html
    assert 'list="tag-suggestions"' in html
    assert "<script>" not in html


def test_preview_returns_sanitised_html(client_for, member):
    response = client_for(member).post(
        "/en/knowledge/preview/", {"text": "**hi** <script>alert(1)</script>"}
    )
    html = response.json()["html"]
    assert "<strong>hi</strong>" in html and "<script" not in html


def test_tag_suggestions(client):
    ResourceFactory().tags.add("flood", "flora", "heat")
    assert client.get("/en/knowledge/tags/?q=fl").json() == {"tags": ["flood", "flora"]}


# --- Editing ---------------------------------------------------------------------------------------


def edit(client, resource, **extra):
    return client.post(
        reverse("knowledge:edit", kwargs={"slug": resource.slug}),
        form_data(title_en="Changed title", **extra),
    )


def test_author_edits_own_resource(client_for, member):
    resource = ResourceFactory(created_by=member)
    assert edit(client_for(member), resource).status_code == 302
    resource.refresh_from_db()
    assert resource.title_en == "Changed title"


def test_editor_of_the_organisation_edits_its_resources(client_for, editor, organisation):
    resource = ResourceFactory(created_by=UserFactory())
    resource.organisations.add(organisation)
    assert edit(client_for(editor), resource).status_code == 302
    resource.refresh_from_db()
    assert resource.title_en == "Changed title"


def test_other_member_gets_403_and_nothing_changes(client_for, member):
    resource = ResourceFactory(created_by=UserFactory(), title_en="Original")
    resource.organisations.add(OrganisationFactory())
    client = client_for(member)
    assert client.get(reverse("knowledge:edit", kwargs={"slug": resource.slug})).status_code == 403
    assert edit(client, resource).status_code == 403
    resource.refresh_from_db()
    assert resource.title_en == "Original"


def test_outsider_gets_404_for_members_only_resource_and_nothing_changes(client_for, outsider):
    resource = ResourceFactory(visibility="members", title_en="Original")
    assert edit(client_for(outsider), resource).status_code == 404
    resource.refresh_from_db()
    assert resource.title_en == "Original"


def test_editor_of_another_organisation_cannot_edit(client_for, organisation):
    other_editor = UserFactory()
    MembershipFactory(
        person=PersonFactory(user=other_editor), organisation=OrganisationFactory(), role="editor"
    )
    resource = ResourceFactory(title_en="Original")
    resource.organisations.add(organisation)
    assert edit(client_for(other_editor), resource).status_code == 403


def test_upload_with_the_form_stores_a_checked_attachment(client_for, member):
    data = form_data(attachments=[upload("plan.pdf", pdf_bytes())])
    assert client_for(member).post(NEW, data).status_code == 302
    [attachment] = Resource.objects.get().attachments.all()
    assert attachment.filename == "plan.pdf"
    assert attachment.file_kind == "pdf"


def test_refused_upload_stores_nothing(client_for, member):
    data = form_data(attachments=[upload("plan.pdf", b"MZ\x90\x00 not a pdf")])
    response = client_for(member).post(NEW, data)
    assert response.status_code == 400
    assert "programs cannot be uploaded" in response.content.decode()
    assert not Resource.objects.exists()
