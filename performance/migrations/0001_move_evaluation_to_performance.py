import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_signatures_and_absences'),
        ('contacts', '0006_case_next_due_at'),
        ('standards', '0004_move_evaluation_to_performance'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The evaluation's tables, made by standards 0003, move to this app unchanged (ADR 0015):
    # only the models' state is created here; the tables keep their names (Meta.db_table).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MonitoringSample',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('month', models.DateField(help_text='The first day of the month sampled.', verbose_name='month')),
                        ('size', models.PositiveSmallIntegerField(verbose_name='sample size')),
                        ('seed', models.BigIntegerField(verbose_name='random seed')),
                        ('population', models.PositiveIntegerField(verbose_name='closed cases in the month')),
                        ('drawn_at', models.DateTimeField(verbose_name='drawn')),
                        ('drawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='drawn by')),
                        ('service', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_samples', to='accounts.service', verbose_name='service')),
                    ],
                    options={
                        'verbose_name': 'monitoring sample',
                        'verbose_name_plural': 'monitoring samples',
                        'db_table': 'standards_monitoringsample',
                        'ordering': ['-month', 'service'],
                    },
                ),
                migrations.CreateModel(
                    name='MonitoringCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('checked_at', models.DateTimeField(blank=True, null=True, verbose_name='checked')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contacts.case', verbose_name='case')),
                        ('checked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='checked by')),
                        ('sample', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='checks', to='performance.monitoringsample', verbose_name='sample')),
                    ],
                    options={
                        'verbose_name': 'monitoring check',
                        'verbose_name_plural': 'monitoring checks',
                        'db_table': 'standards_monitoringcheck',
                        'ordering': ['sample', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='MonitoringScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('answer', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('na', 'Not applicable')], max_length=3, verbose_name='answer')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('behaviour', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='standards.behaviour', verbose_name='behaviour')),
                        ('sampled', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='performance.monitoringcheck', verbose_name='check')),
                    ],
                    options={
                        'verbose_name': 'monitoring score',
                        'verbose_name_plural': 'monitoring scores',
                        'db_table': 'standards_monitoringscore',
                    },
                ),
                migrations.CreateModel(
                    name='SatisfactionAnswer',
                    fields=[
                        ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='satisfaction', serialize=False, to='contacts.case', verbose_name='case')),
                        ('answer', models.CharField(choices=[('yes', 'Yes'), ('no', 'No')], max_length=3, verbose_name='answer')),
                        ('answered_at', models.DateTimeField(verbose_name='answered')),
                    ],
                    options={
                        'verbose_name': 'satisfaction answer',
                        'verbose_name_plural': 'satisfaction answers',
                        'db_table': 'standards_satisfactionanswer',
                        'indexes': [models.Index(fields=['answered_at'], name='satisfaction_answered')],
                    },
                ),
                migrations.CreateModel(
                    name='SlaSnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('taken_at', models.DateTimeField()),
                        ('channel', models.CharField(max_length=16)),
                        ('language', models.CharField(blank=True, max_length=2)),
                        ('breached', models.PositiveIntegerField(default=0)),
                        ('due_today', models.PositiveIntegerField(default=0)),
                        ('due_soon', models.PositiveIntegerField(default=0)),
                        ('owner', models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.service')),
                        ('standard', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='standards.standard')),
                        ('team', models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.team')),
                    ],
                    options={
                        'verbose_name': 'SLA snapshot',
                        'verbose_name_plural': 'SLA snapshots',
                        'db_table': 'standards_slasnapshot',
                    },
                ),
                migrations.CreateModel(
                    name='DailyCaseStat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='received on')),
                        ('channel', models.CharField(max_length=16, verbose_name='channel')),
                        ('language', models.CharField(blank=True, max_length=2, verbose_name='language')),
                        ('received', models.PositiveIntegerField(default=0)),
                        ('resolved', models.PositiveIntegerField(default=0)),
                        ('right_first_time', models.PositiveIntegerField(default=0)),
                        ('refreshed_at', models.DateTimeField()),
                        ('service', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.service')),
                        ('standard', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='standards.standard')),
                    ],
                    options={
                        'verbose_name': 'daily case figures',
                        'verbose_name_plural': 'daily case figures',
                        'db_table': 'standards_dailycasestat',
                        'constraints': [models.UniqueConstraint(fields=('day', 'standard', 'channel', 'service', 'language'), name='one_case_stat_per_group')],
                    },
                ),
                migrations.CreateModel(
                    name='DailyMilestoneStat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='received on')),
                        ('kind', models.CharField(max_length=24, verbose_name='milestone')),
                        ('channel', models.CharField(max_length=16, verbose_name='channel')),
                        ('language', models.CharField(blank=True, max_length=2, verbose_name='language')),
                        ('total', models.PositiveIntegerField(default=0)),
                        ('met', models.PositiveIntegerField(default=0)),
                        ('met_late', models.PositiveIntegerField(default=0)),
                        ('breached', models.PositiveIntegerField(default=0)),
                        ('durations', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveIntegerField(), default=list, size=None)),
                        ('refreshed_at', models.DateTimeField()),
                        ('service', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.service')),
                        ('standard', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='standards.standard')),
                    ],
                    options={
                        'verbose_name': 'daily milestone figures',
                        'verbose_name_plural': 'daily milestone figures',
                        'db_table': 'standards_dailymilestonestat',
                        'constraints': [models.UniqueConstraint(fields=('day', 'standard', 'kind', 'channel', 'service', 'language'), name='one_milestone_stat_per_group')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='monitoringsample',
                    constraint=models.UniqueConstraint(fields=('service', 'month'), name='one_sample_per_month'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringcheck',
                    constraint=models.UniqueConstraint(fields=('sample', 'case'), name='one_check_per_sampled_case'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringscore',
                    constraint=models.UniqueConstraint(fields=('sampled', 'behaviour'), name='one_score_per_behaviour'),
                ),
    
            ],
            database_operations=[],
        ),
    ]
