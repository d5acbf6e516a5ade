from django.urls import path, re_path

from .views import analysis, manage, public

app_name = "consultations"

urlpatterns = [
    # The public face.
    path("consultations/", public.consultation_list, name="list"),
    path("consultations/<int:pk>/", public.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/respond/", public.respond, name="respond"),
    path("consultations/<int:pk>/thank-you/", public.responded, name="responded"),
    path("consultations/<int:pk>/outcome/", public.outcome, name="outcome"),
    # The e-mail check's secret, in its own alphabet (URL-safe base64).
    re_path(
        r"^consultations/confirm/(?P<token>[A-Za-z0-9_-]{20,64})/$",
        public.confirm,
        name="confirm",
    ),
    # Officers.
    path("manage-consultations/", manage.staff_list, name="staff-list"),
    path("manage-consultations/new/", manage.consultation_new, name="new"),
    path("manage-consultations/<int:pk>/", manage.manage, name="manage"),
    path("manage-consultations/<int:pk>/change/", manage.consultation_change, name="change"),
    path("manage-consultations/<int:pk>/questions/new/", manage.question_new, name="question-new"),
    path(
        "manage-consultations/<int:pk>/questions/<int:question>/remove/",
        manage.question_remove,
        name="question-remove",
    ),
    path("manage-consultations/<int:pk>/publish/", manage.publish, name="publish"),
    path("manage-consultations/<int:pk>/responses/new/", manage.response_new, name="response-new"),
    path("manage-consultations/<int:pk>/outcome/", manage.outcome_publish, name="outcome-publish"),
    path("manage-consultations/<int:pk>/analysis/", analysis.analysis, name="analysis"),
    path(
        "manage-consultations/<int:pk>/analysis/<int:question>/answers/",
        analysis.answers,
        name="answers",
    ),
    path("manage-consultations/<int:pk>/themes/new/", analysis.theme_new, name="theme-new"),
    re_path(
        r"^manage-consultations/(?P<pk>[0-9]+)/export\.(?P<extension>csv|xlsx)$",
        analysis.export,
        name="export",
    ),
]
