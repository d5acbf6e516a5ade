from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('standards', '0003_evaluation'),
    ]

    # The evaluation's tables now belong to the performance app (ADR 0015); the tables stay
    # where they are, only the models' state moves.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='dailymilestonestat',
                    name='service',
                ),
                migrations.RemoveField(
                    model_name='dailymilestonestat',
                    name='standard',
                ),
                migrations.RemoveField(
                    model_name='monitoringcheck',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='monitoringcheck',
                    name='checked_by',
                ),
                migrations.RemoveField(
                    model_name='monitoringcheck',
                    name='sample',
                ),
                migrations.RemoveField(
                    model_name='monitoringscore',
                    name='sampled',
                ),
                migrations.RemoveField(
                    model_name='monitoringsample',
                    name='drawn_by',
                ),
                migrations.RemoveField(
                    model_name='monitoringsample',
                    name='service',
                ),
                migrations.RemoveField(
                    model_name='monitoringscore',
                    name='behaviour',
                ),
                migrations.RemoveField(
                    model_name='satisfactionanswer',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='slasnapshot',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='slasnapshot',
                    name='service',
                ),
                migrations.RemoveField(
                    model_name='slasnapshot',
                    name='standard',
                ),
                migrations.RemoveField(
                    model_name='slasnapshot',
                    name='team',
                ),
                migrations.DeleteModel(
                    name='DailyCaseStat',
                ),
                migrations.DeleteModel(
                    name='DailyMilestoneStat',
                ),
                migrations.DeleteModel(
                    name='MonitoringCheck',
                ),
                migrations.DeleteModel(
                    name='MonitoringSample',
                ),
                migrations.DeleteModel(
                    name='MonitoringScore',
                ),
                migrations.DeleteModel(
                    name='SatisfactionAnswer',
                ),
                migrations.DeleteModel(
                    name='SlaSnapshot',
                ),
    
            ],
            database_operations=[],
        ),
    ]
