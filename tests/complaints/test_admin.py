import pytest
from django.urls import reverse

from complaints.models import ComplaintCategory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize(
    "page",
    [
        "admin:complaints_complaintcategory_changelist",
        "admin:complaints_reportingsettings_changelist",
        "admin:complaints_reportingsettings_add",
    ],
)
def test_admin_pages_open(client, administrator, page, language):
    client.force_login(administrator)
    assert client.get(f"/{language}{reverse(page)[3:]}").status_code == 200


def test_categories_come_with_the_policys_timescales(db):
    social = ComplaintCategory.objects.get(code="childrens-social-services")
    assert (social.stage1_acknowledge_days, social.stage1_days, social.stage2_days) == (2, 10, 25)
    assert social.name_cy == "Gwasanaethau cymdeithasol i blant"
    waste = ComplaintCategory.objects.get(code="waste")
    assert (waste.stage1_acknowledge_days, waste.stage1_days, waste.stage2_days) == (None, 10, 20)
    assert ComplaintCategory.objects.count() == 11


def test_an_administrator_changes_a_categorys_timescale(client, administrator):
    category = ComplaintCategory.objects.get(code="planning")
    client.force_login(administrator)
    url = reverse("admin:complaints_complaintcategory_change", args=[category.pk])
    answer = client.post(
        url,
        {
            "code": "planning",
            "name_cy": "Cynllunio",
            "name_en": "Planning",
            "position": 10,
            "stage1_days": 15,
            "stage2_acknowledge_days": 5,
            "stage2_days": 20,
            "is_active": "on",
        },
    )
    assert answer.status_code == 302
    category.refresh_from_db()
    assert category.stage1_days == 15
