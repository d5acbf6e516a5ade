from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_signatures_and_absences'),
    ]

    operations = [
        migrations.AlterField(
            model_name='user',
            name='role',
            field=models.CharField(choices=[('advisor', 'Customer services advisor'), ('manager', 'Team manager'), ('complaints_officer', 'Service complaints officer'), ('councillor', 'County councillor'), ('clerk', 'Town or community council clerk'), ('administrator', 'Administrator'), ('data_protection_officer', 'Data protection officer')], default='advisor', max_length=24, verbose_name='role'),
        ),
    ]
