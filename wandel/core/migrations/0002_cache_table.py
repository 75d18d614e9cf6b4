"""The cache's table (settings.CACHES, a database cache), made by ``migrate`` itself so that
every way of setting up a database (demo, tests, upgrades, containers) has it."""

from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create_cache_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_users_audit_log_api_tokens_security_events")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
