import pytest

from .factories import ResourceFactory, attach, pdf_bytes

pytestmark = pytest.mark.django_db


def test_public_file_downloads_for_everyone_as_an_attachment(client):
    item = attach(ResourceFactory(), name="รายงาน flood.pdf")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E0%B8%A3" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_members_only_file_is_404_to_public_and_outsiders(client_for, outsider):
    item = attach(ResourceFactory(visibility="members"))
    assert client_for(None).get(item.get_absolute_url()).status_code == 404
    assert client_for(outsider).get(item.get_absolute_url()).status_code == 404


def test_members_only_file_downloads_for_members_without_caching(client_for, member):
    item = attach(ResourceFactory(visibility="members"))
    response = client_for(member).get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_file_of_a_draft_is_404_to_members(client_for, member):
    item = attach(ResourceFactory(status="draft"))
    assert client_for(member).get(item.get_absolute_url()).status_code == 404


def test_files_are_stored_outside_the_public_media_folder(settings):
    from pathlib import Path

    item = attach(ResourceFactory())
    path = Path(item.file.path)
    assert path.exists()
    assert Path(settings.MEDIA_ROOT) not in path.parents


def test_x_accel_redirect_hands_the_bytes_to_nginx(client, settings):
    settings.KNOWLEDGE_X_ACCEL_REDIRECT = "/protected/"
    item = attach(ResourceFactory())
    response = client.get(item.get_absolute_url())
    assert response["X-Accel-Redirect"] == f"/protected/{item.file.name}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""


def test_wrong_file_name_in_the_address_is_404(client):
    item = attach(ResourceFactory())
    assert client.get(f"/knowledge/files/{item.pk}/other.pdf").status_code == 404


def test_editor_removes_a_file_and_outsider_cannot(client_for, member, outsider):
    resource = ResourceFactory(created_by=member)
    item = attach(resource)
    url = f"/en/knowledge/{resource.slug}/files/{item.pk}/delete/"
    assert client_for(outsider).post(url).status_code == 403
    assert resource.attachments.count() == 1
    assert client_for(member).post(url).status_code == 302
    assert resource.attachments.count() == 0
