"""django-import-export resources: organisations and people as CSV or XLSX.

CSV is written as UTF-8 with a byte-order mark (the admin's ``to_encoding``) so Excel shows Thai;
files are read as ``utf-8-sig`` so the mark is dropped on import. Every exported cell that a
spreadsheet would run as a formula is escaped (network/lib/spreadsheets.py), and imports undo it.
"""

from import_export import fields, resources, widgets

from network.lib.spreadsheets import escape_row, unescape_formula

from .models import Hazard, Organisation, Person, Programme, Province, Topic


class ListWidget(widgets.Widget):
    """A Postgres array as "flood, drought" in one cell."""

    def __init__(self, choices=None, **kwargs):
        super().__init__(**kwargs)
        self.allowed = {value for value, _label in choices} if choices else None

    def clean(self, value, row=None, **kwargs):
        items = [v.strip() for v in str(value or "").split(",") if v.strip()]
        if self.allowed is not None:
            unknown = [v for v in items if v not in self.allowed]
            if unknown:
                raise ValueError(f"Unknown value(s): {', '.join(unknown)}")
        return items

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class SpreadsheetSafeResource(resources.ModelResource):
    """Exports no live formulas, in any format (django-import-export's own
    IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=" and turns every XLSX cell
    into text)."""

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return escape_row(super().export_resource(instance, selected_fields, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = unescape_formula(value)
        super().before_import_row(row, **kwargs)


class OrganisationResource(SpreadsheetSafeResource):
    province = fields.Field(
        attribute="province", column_name="province",
        widget=widgets.ForeignKeyWidget(Province, field="code"),
    )  # fmt: skip
    programmes = fields.Field(
        attribute="programmes", column_name="programmes",
        widget=widgets.ManyToManyWidget(Programme, field="slug", separator=","),
    )  # fmt: skip
    topics = fields.Field(
        attribute="topics", column_name="topics",
        widget=widgets.ManyToManyWidget(Topic, field="slug", separator=","),
    )  # fmt: skip
    hazards = fields.Field(
        attribute="hazards", column_name="hazards", widget=ListWidget(choices=Hazard.choices)
    )

    class Meta:
        model = Organisation
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        fields = [
            "slug", "name_th", "name_en", "short_name", "kind", "municipality_level", "status",
            "region", "province", "latitude", "longitude", "address", "email", "phone",
            "website", "facebook", "line_id", "x_handle", "joined_on", "population", "hazards",
            "programmes", "topics", "description_th", "description_en", "resilience_plans",
        ]  # fmt: skip
        export_order = fields


class PersonResource(SpreadsheetSafeResource):
    account = fields.Field(attribute="user__email", column_name="account", readonly=True)
    expertise = fields.Field(
        attribute="expertise", column_name="expertise",
        widget=widgets.ManyToManyWidget(Topic, field="slug", separator=","),
    )  # fmt: skip
    organisations = fields.Field(column_name="organisations", readonly=True)

    class Meta:
        model = Person
        skip_unchanged = True
        report_skipped = True
        fields = [
            "id", "honorific", "name_th", "name_en", "position", "email", "phone", "line_id",
            "contact_visibility", "languages", "language", "bio", "expertise", "account",
            "organisations",
        ]  # fmt: skip
        export_order = fields

    def dehydrate_organisations(self, person):
        return ", ".join(
            f"{m.organisation.slug}:{m.role}"
            for m in person.memberships.select_related("organisation")
        )
