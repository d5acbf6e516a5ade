"""Calendar entries in both languages (modeltranslation): the text an entry already has was
written in one language, which the base column holds; it becomes the English text, and the
pages fall back to it until an officer adds the Welsh (a copy into the Welsh column would
pass English off as Welsh)."""

from django.db import migrations, models
from django.db.models import F


def english_from_base(apps, schema_editor):
    WardEvent = apps.get_model("councillors", "WardEvent")
    WardEvent.objects.update(
        title_en=F("title"), effect_en=F("effect"), description_en=F("description")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('councillors', '0005_entry_history_and_council_meetings'),
    ]

    operations = [
        migrations.AddField(
            model_name='wardevent',
            name='description_cy',
            field=models.TextField(blank=True, null=True, verbose_name='details'),
        ),
        migrations.AddField(
            model_name='wardevent',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='details'),
        ),
        migrations.AddField(
            model_name='wardevent',
            name='effect_cy',
            field=models.TextField(null=True, verbose_name='effect on residents'),
        ),
        migrations.AddField(
            model_name='wardevent',
            name='effect_en',
            field=models.TextField(null=True, verbose_name='effect on residents'),
        ),
        migrations.AddField(
            model_name='wardevent',
            name='title_cy',
            field=models.CharField(max_length=200, null=True, verbose_name='what'),
        ),
        migrations.AddField(
            model_name='wardevent',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='what'),
        ),
        migrations.RunPython(english_from_base, migrations.RunPython.noop),
    ]
