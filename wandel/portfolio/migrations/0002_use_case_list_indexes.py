# Indexes for the portfolio list's sorts, so a page of 50 is read from an index instead of
# sorting every use case.

from django.db import migrations, models

# The default sort: vetoed last, then by total score with the unscored last, then by title.
# PostgreSQL puts NULLs first in a descending index unless told otherwise; SQLite puts them
# last anyway and refuses NULLS LAST in an index. So the index is written per database, and
# it is not part of the model's state (makemigrations neither adds nor removes it).
BY_SCORE = "portfolio_usecase_by_score"
CREATE = {
    "postgresql": (
        f"CREATE INDEX {BY_SCORE} ON portfolio_usecase "
        "(vetoed, total_score DESC NULLS LAST, title, id)"
    ),
    "sqlite": f"CREATE INDEX {BY_SCORE} ON portfolio_usecase (vetoed, total_score DESC, title, id)",
}


def create_score_index(apps, schema_editor):
    statement = CREATE.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def drop_score_index(apps, schema_editor):
    if schema_editor.connection.vendor in CREATE:
        schema_editor.execute(f"DROP INDEX IF EXISTS {BY_SCORE}")


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0001_use_cases_scoring_workshops_measures"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="usecase",
            index=models.Index(fields=["title", "id"], name="portfolio_usecase_by_title"),
        ),
        migrations.AddIndex(
            model_name="usecase",
            index=models.Index(fields=["created_at", "id"], name="portfolio_usecase_by_created"),
        ),
        migrations.RunPython(create_score_index, drop_score_index, elidable=False),
    ]
