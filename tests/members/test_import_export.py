import pytest
import tablib
from django.core.management import call_command

from members.models import Organisation, Person
from members.resources import OrganisationResource, PersonResource

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        org.slug: (org.name_th, org.name_en, org.kind, org.province_id, org.hazards,
                   sorted(org.programmes.values_list("slug", flat=True)),
                   sorted(org.topics.values_list("slug", flat=True)), org.latitude)
        for org in Organisation.objects.all()
    }  # fmt: skip


def export_csv(client, model):
    """Export through the admin's form, every field ticked, in the first format (CSV)."""
    form = client.get(f"/en/admin/members/{model}/export/").context["form"]
    data = {"format": "0", "resource": "0"}
    data.update({name: "on" for name in form.fields if name.startswith(f"{model}resource_")})
    return client.post(f"/en/admin/members/{model}/export/", data)


def test_csv_export_of_demo_members_starts_with_a_bom_and_round_trips(client_for, coordinator):
    call_command("load_demo")
    before = snapshot()
    response = export_csv(client_for(coordinator), "organisation")
    assert response.status_code == 200
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    assert "เทศบาลนครหาดใหญ่" in content.decode("utf-8-sig")

    # Change the rows, then import the exported file: everything comes back as it was.
    Organisation.objects.filter(slug="hat-yai").update(name_en="Changed", hazards=[])
    Organisation.objects.get(slug="chiang-rai").topics.clear()
    dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
    result = OrganisationResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert snapshot() == before


def test_people_export_has_thai_names_and_memberships_and_reimports(client_for, coordinator):
    call_command("load_demo")
    dataset = PersonResource().export()
    csv_text = dataset.export("csv")
    assert "สุภาพร ใจดี" in csv_text and "chiang-rai:editor" in csv_text
    Person.objects.filter(name_en="Supaporn Jaidee").update(position="Changed")
    result = PersonResource().import_data(
        tablib.Dataset().load(csv_text, format="csv"), dry_run=False, raise_errors=True
    )
    assert not result.has_errors()
    assert Person.objects.get(name_en="Supaporn Jaidee").position == "นักวิชาการสิ่งแวดล้อม"


def test_xlsx_export_is_offered(client_for, coordinator, organisation):
    html = client_for(coordinator).get("/en/admin/members/organisation/export/").content.decode()
    assert "xlsx" in html and "csv" in html


def test_outsider_cannot_export(client_for, outsider):
    response = client_for(outsider).get("/en/admin/members/organisation/export/")
    assert response.status_code == 302


def test_coordinator_reaches_the_import_page_and_filters_in_the_admin(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/en/admin/members/organisation/import/").status_code == 200
    listing = client.get(
        "/en/admin/members/organisation/?kind__exact=municipality&status__exact=active"
    )
    assert listing.status_code == 200
    assert client.get("/en/admin/members/person/?q=somchai").status_code == 200
