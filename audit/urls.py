from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("audit/cases/", views.case_reads, name="case-reads"),
    path("audit/cases.csv", views.case_reads_export, name="case-reads-export"),
    path("audit/people/", views.person_reads, name="person-reads"),
    path("audit/people.csv", views.person_reads_export, name="person-reads-export"),
]
