from django.urls import path, re_path

from .views import complaint, compliments, feedback, register, report, triage

app_name = "complaints"

REFERENCE = r"(?P<reference>[A-Za-z0-9-]{1,20})"

urlpatterns = [
    path("complaints/", register.register, name="register"),
    path("complaints/report/", report.report_page, name="report"),
    re_path(
        r"^complaints/report\.(?P<file_format>csv|xlsx)$",
        report.report_download,
        name="report-download",
    ),
    path("complaints/compliments/", compliments.compliment_list, name="compliments"),
    path("complaints/compliments/new/", compliments.compliment_new, name="compliment-new"),
    path("complaints/feedback/", feedback.feedback_list, name="feedback"),
    re_path(
        rf"^complaints/feedback/{REFERENCE}/decide/$",
        feedback.feedback_decide,
        name="feedback-decide",
    ),
    re_path(
        rf"^complaints/feedback/{REFERENCE}/publish/$",
        feedback.feedback_publish,
        name="feedback-publish",
    ),
    path("you-said-we-did/", feedback.you_said_we_did, name="you-said-we-did"),
    re_path(rf"^complaints/triage/{REFERENCE}/convert/$", triage.convert, name="convert"),
    re_path(rf"^complaints/triage/{REFERENCE}/signpost/$", triage.signpost, name="signpost"),
    re_path(rf"^complaints/{REFERENCE}/record/$", complaint.record, name="record"),
    re_path(rf"^complaints/{REFERENCE}/$", complaint.complaint_page, name="complaint"),
    *(
        re_path(
            rf"^complaints/{REFERENCE}/{name}/$",
            getattr(complaint, name),
            name=f"complaint-{name}",
        )
        for name in complaint.ACTIONS
    ),
]
