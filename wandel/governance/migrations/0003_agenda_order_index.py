# A meeting's agenda is read a page at a time in its order: an index in that order reads the
# page without sorting the whole agenda (a steering meeting's can hold a thousand items).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0002_decision_meeting_and_condition_date_indexes'),
        ('portfolio', '0003_stage_change_history_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='agendaitem',
            index=models.Index(fields=['meeting', 'position', 'id'], name='governance_agenda_order'),
        ),
    ]
