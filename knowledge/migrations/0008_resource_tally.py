"""How many resources are in each status and visibility (``ResourceTally``), kept by
statement-level triggers on the resource table: one upsert per statement, whatever it wrote (a
bulk import of thousands of rows costs one aggregate over its transition table; an edit that
changes neither column writes nothing)."""

from django.db import migrations, models

# The rows a statement added (+1) and took away (-1), per status and visibility; a PL/pgSQL
# statement may name only the transition tables its trigger has, hence one branch per operation.
UPSERT = """
        INSERT INTO knowledge_resourcetally AS tally (status, visibility, resources)
        SELECT status, visibility, sum(n) FROM ({changes}) AS changes
        GROUP BY status, visibility HAVING sum(n) <> 0 ORDER BY status, visibility
        ON CONFLICT (status, visibility)
        DO UPDATE SET resources = tally.resources + EXCLUDED.resources;"""
ADDED = "SELECT status, visibility, 1 AS n FROM new_rows"
REMOVED = "SELECT status, visibility, -1 AS n FROM old_rows"

CREATE = f"""
CREATE FUNCTION knowledge_resource_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{UPSERT.format(changes=ADDED)}
    ELSIF TG_OP = 'DELETE' THEN{UPSERT.format(changes=REMOVED)}
    ELSIF TG_OP = 'UPDATE' THEN{UPSERT.format(changes=f"{ADDED} UNION ALL {REMOVED}")}
    ELSE
        DELETE FROM knowledge_resourcetally;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER knowledge_resource_tally_insert AFTER INSERT ON knowledge_resource
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION knowledge_resource_tally();
CREATE TRIGGER knowledge_resource_tally_update AFTER UPDATE ON knowledge_resource
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION knowledge_resource_tally();
CREATE TRIGGER knowledge_resource_tally_delete AFTER DELETE ON knowledge_resource
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION knowledge_resource_tally();
CREATE TRIGGER knowledge_resource_tally_truncate AFTER TRUNCATE ON knowledge_resource
    FOR EACH STATEMENT EXECUTE FUNCTION knowledge_resource_tally();
INSERT INTO knowledge_resourcetally (status, visibility, resources)
    SELECT status, visibility, count(*) FROM knowledge_resource GROUP BY status, visibility;
"""

DROP = """
DROP TRIGGER knowledge_resource_tally_insert ON knowledge_resource;
DROP TRIGGER knowledge_resource_tally_update ON knowledge_resource;
DROP TRIGGER knowledge_resource_tally_delete ON knowledge_resource;
DROP TRIGGER knowledge_resource_tally_truncate ON knowledge_resource;
DROP FUNCTION knowledge_resource_tally();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0007_surveys"),
    ]

    operations = [
        migrations.CreateModel(
            name="ResourceTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "visibility",
                    models.CharField(
                        choices=[("public", "Everyone"), ("members", "Members only")],
                        max_length=10,
                    ),
                ),
                ("resources", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("status", "visibility"), name="one_tally_per_audience"
                    )
                ],
            },
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
