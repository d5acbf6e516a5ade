"""The evaluation pages (ids are digits of bounded length: anything else is not found)."""

from django.urls import path, re_path

from .views import dashboard, evaluation, monitoring, officer, public, satisfaction

app_name = "performance"

urlpatterns = [
    path("sla-dashboard/", dashboard.dashboard, name="dashboard"),
    path("sla-dashboard/cases/", dashboard.dashboard_cases, name="dashboard-cases"),
    path("standards-evaluation/", evaluation.evaluation, name="evaluation"),
    re_path(
        r"^standards-evaluation/(?P<slug>[a-z-]{1,40})\.(?P<extension>csv|xlsx)$",
        evaluation.evaluation_export,
        name="evaluation-export",
    ),
    path("monitoring/", monitoring.monitoring, name="monitoring"),
    re_path(
        r"^monitoring/(?P<sample_id>[0-9]{1,18})/$",
        monitoring.monitoring_sample,
        name="monitoring-sample",
    ),
    re_path(
        r"^monitoring/checks/(?P<check_id>[0-9]{1,18})/$",
        monitoring.monitoring_check,
        name="monitoring-check",
    ),
    path("my-results/", officer.officer, name="my-results"),
    re_path(
        r"^officers/(?P<user_id>[0-9]{1,18})/results/$", officer.officer, name="officer-results"
    ),
    re_path(
        r"^satisfaction/(?P<token>[A-Za-z0-9_:.-]{1,200})/$",
        satisfaction.satisfaction,
        name="satisfaction",
    ),
    # Public, no sign-in (SPEC §11): the standards and how the council did against them.
    path("customer-care-standards/", public.standards, name="standards"),
    path(
        "customer-care-standards/performance/",
        public.standards_performance,
        name="standards-performance",
    ),
]
