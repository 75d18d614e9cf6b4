# Indexes for the lists sorted by date: the decision register, meetings, open conditions.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0001_decisions_risks_budgets_reviews_ai_act'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['decided_on', 'id'], name='governance_decision_by_date'),
        ),
        migrations.AddIndex(
            model_name='decisioncondition',
            index=models.Index(condition=models.Q(('closed_on__isnull', True)), fields=['due_on', 'id'], name='governance_condition_open_due'),
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['held_on', 'id'], name='governance_meeting_by_date'),
        ),
    ]
