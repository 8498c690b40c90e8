"""The library and a resource's page are shared by everyone in a role (one fragment, kept until
the resources change); what is the visitor's own (the edit button, CSRF tokens) is theirs alone."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Membership

from ..factories import MembershipFactory, topic
from .factories import CommentFactory, ResourceFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_a_members_next_view_reads_only_the_resource_and_who_may_edit_it(
    member, django_assert_max_num_queries
):
    resource = ResourceFactory(topics=[topic("flooding")], title_en="Rain gardens")
    CommentFactory(resource=resource, body="Worth a visit")
    client = signed_in(member)
    client.get(resource.get_absolute_url())
    # The user, and the resource with whether this member wrote it: the rest is shared.
    with django_assert_max_num_queries(2):
        html = client.get(resource.get_absolute_url()).content.decode()
    assert "Worth a visit" in html


def test_each_member_posts_with_their_own_token_from_a_shared_page(member, organisation):
    other = MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER).person.user
    resource = ResourceFactory()
    CommentFactory(resource=resource, body="First remark")
    first = signed_in(member, enforce_csrf_checks=True)
    first_html = first.get(resource.get_absolute_url()).content.decode()
    second = signed_in(other, enforce_csrf_checks=True)
    second_html = second.get(resource.get_absolute_url()).content.decode()
    tokens = TOKEN.findall(second_html)
    assert tokens, "the comment and report forms carry a token"
    assert not set(tokens) & set(TOKEN.findall(first_html))
    response = second.post(
        reverse("knowledge:comment", kwargs={"slug": resource.slug}),
        {"body": "Second remark", "csrfmiddlewaretoken": tokens[-1]},
    )
    assert response.status_code == 302
    assert resource.comments.filter(body="Second remark", author=other).exists()


def test_a_new_comment_shows_on_the_next_view_of_every_member(member, organisation):
    other = MembershipFactory(organisation=organisation).person.user
    resource = ResourceFactory()
    reader = signed_in(member)
    assert "Fresh remark" not in reader.get(resource.get_absolute_url()).content.decode()
    signed_in(other).post(
        reverse("knowledge:comment", kwargs={"slug": resource.slug}), {"body": "Fresh remark"}
    )
    assert "Fresh remark" in reader.get(resource.get_absolute_url()).content.decode()


def test_a_visitor_never_gets_the_members_part(member, client):
    resource = ResourceFactory()
    signed_in(member).get(resource.get_absolute_url())  # the members' fragment is kept
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "to comment (members of the network)" in html or "เพื่อแสดงความคิดเห็น" in html


def test_the_edit_button_is_for_those_who_may_edit_only(member, editor, organisation):
    resource = ResourceFactory(created_by=editor)
    author = MembershipFactory(organisation=organisation).person
    resource.authors.add(author)
    edit = reverse("knowledge:edit", kwargs={"slug": resource.slug})
    assert edit not in signed_in(member).get(resource.get_absolute_url()).content.decode()
    assert edit in signed_in(editor).get(resource.get_absolute_url()).content.decode()
    assert edit in signed_in(author.user).get(resource.get_absolute_url()).content.decode()


def test_a_members_next_view_of_the_library_reads_only_who_they_are(
    member, django_assert_max_num_queries
):
    for n in range(3):
        ResourceFactory(title_en=f"Guide {n}", topics=[topic("flooding")])
    client = signed_in(member)
    client.get("/en/knowledge/?topic=flooding")
    with django_assert_max_num_queries(1):  # the user; the role and the list come from Redis
        html = client.get("/en/knowledge/?topic=flooding").content.decode()
    assert "Guide 2" in html


def test_the_members_library_is_never_shown_to_others(member, outsider, client):
    ResourceFactory(title_en="Members flood notes", visibility="members")
    ResourceFactory(title_en="Open flood guide")
    assert "Members flood notes" in signed_in(member).get("/en/knowledge/").content.decode()
    for html in (
        signed_in(outsider).get("/en/knowledge/").content.decode(),
        client.get("/en/knowledge/").content.decode(),
    ):
        assert "Open flood guide" in html and "Members flood notes" not in html


def test_a_new_resource_shows_in_the_members_library_at_once(member):
    client = signed_in(member)
    client.get("/en/knowledge/")
    ResourceFactory(title_en="Newly published guide")
    assert "Newly published guide" in client.get("/en/knowledge/").content.decode()
