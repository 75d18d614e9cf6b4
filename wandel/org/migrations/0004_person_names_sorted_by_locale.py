# People are sorted by name as German and English readers expect (Böhm before Busch, see
# core.collation): the ordering and the index that serves it use the ICU root collation.

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0003_person_search_text_and_employee_id_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='person',
            options={'ordering': (models.OrderBy(django.db.models.functions.comparison.Collate(models.F('last_name'), 'und-x-icu')), models.OrderBy(django.db.models.functions.comparison.Collate(models.F('first_name'), 'und-x-icu')), 'pk'), 'verbose_name': 'person', 'verbose_name_plural': 'people'},
        ),
        migrations.RemoveIndex(
            model_name='person',
            name='org_person_name_idx',
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(django.db.models.functions.comparison.Collate('last_name', 'und-x-icu'), django.db.models.functions.comparison.Collate('first_name', 'und-x-icu'), models.F('id'), name='org_person_name_order_idx'),
        ),
    ]
