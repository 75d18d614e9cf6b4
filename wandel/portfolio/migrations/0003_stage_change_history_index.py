# The stage-change history is read newest first (the use case's page, the admin list): an index in
# that order lets a page of it be read without sorting every change.
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0002_use_case_list_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='stagechange',
            index=models.Index(fields=['-at', '-id'], name='portfolio_stagechange_recent'),
        ),
    ]
