# The portfolio's search looks in one generated column of title and problem, which one
# trigram index serves on PostgreSQL (SQLite scans, fast enough at its sizes).

import importlib

import django.db.models.functions.text
from django.db import migrations, models

from wandel.core.migration_operations import TrigramIndex

LIST_INDEXES = importlib.import_module("wandel.portfolio.migrations.0002_use_case_list_indexes")


def restore_score_index(apps, schema_editor):
    # SQLite adds a generated column by copying the table, which drops the indexes the model
    # state does not describe: the list's score index that 0002 writes per database.
    if schema_editor.connection.vendor == "sqlite":
        statement = LIST_INDEXES.CREATE["sqlite"]
        schema_editor.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0003_stage_change_history_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='usecase',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Concat('title', models.Value(' '), 'problem', output_field=models.TextField()), output_field=models.TextField()),
        ),
        migrations.RunPython(restore_score_index, migrations.RunPython.noop),
        TrigramIndex(table="portfolio_usecase", columns=["search_text"], prefix="portfolio_usecase"),
    ]
