"""The audit log is append-only in the database itself, not only in the code.

UPDATE is refused on both databases. DELETE is refused on PostgreSQL; SQLite keeps it
because test databases are emptied row by row there (TRUNCATE, which PostgreSQL uses
for that, does not fire row triggers). The hash chain catches any removal regardless.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS audit_no_update ON audit_auditentry;
DROP TRIGGER IF EXISTS audit_no_delete ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_refuse_change();
"""
SQLITE_FORWARD = """
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS audit_no_update;"


def forward(apps, schema_editor):
    sql = PG_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    schema_editor.execute(sql)
    apps.get_model("audit", "ChainHead").objects.get_or_create(pk=1)


def reverse(apps, schema_editor):
    sql = PG_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
