from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0005_complaint_views_into_the_audit_of_reads'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ComplaintView',
        ),
    ]
