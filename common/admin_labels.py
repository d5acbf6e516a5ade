"""Tabular inlines whose fields are named for assistive technology.

Django's tabular inline puts each field's label in the table's column heading and gives the
inputs of the rows no label of their own, so a screen reader meets "edit text" with no name
(axe: ``label``, ``select-name``). Each input here carries its field's label, with the row's
number, as ``aria-label``.
"""

from typing import Any

from django.forms import Form
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _


def label_fields(form: Form, index: int | None) -> None:
    row = _("new row") if index is None else _("row %(number)s") % {"number": index + 1}
    for field in form.fields.values():
        field.widget.attrs.setdefault("aria-label", f"{field.label} ({row})")


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form: Any, index: Any) -> None:
        super().add_fields(form, index)
        label_fields(form, index)


class LabelledInlineMixin:
    """Use before the inline class: ``class XInline(LabelledInlineMixin, admin.TabularInline)``."""

    formset: type[BaseInlineFormSet] = LabelledInlineFormSet
