from django.urls import path, re_path

from .views import calendar, enquiries, events, meetings, officer, preferences

app_name = "councillors"

REFERENCE = r"(?P<reference>[A-Za-z0-9-]{1,20})"

urlpatterns = [
    path("enquiries/new/", enquiries.enquiry_new, name="enquiry-new"),
    re_path(rf"^enquiries/{REFERENCE}/$", enquiries.enquiry_detail, name="enquiry"),
    re_path(rf"^enquiries/{REFERENCE}/update/$", officer.enquiry_update, name="enquiry-update"),
    re_path(rf"^enquiries/{REFERENCE}/delay/$", officer.enquiry_delay, name="enquiry-delay"),
    re_path(
        rf"^enquiries/{REFERENCE}/complete/$", officer.enquiry_complete, name="enquiry-complete"
    ),
    path("my-preferences/", preferences.my_preferences, name="my-preferences"),
    path("my-calendar/", calendar.my_calendar, name="my-calendar"),
    path("my-calendar/<int:pk>/", calendar.my_event, name="my-event"),
    path("my-calendar/new-address/", calendar.calendar_feed_regenerate, name="calendar-regenerate"),
    # The feed's secret's own alphabet (URL-safe base64): anything else is not found at once.
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        calendar.calendar_feed,
        name="calendar-feed",
    ),
    path("wards/<slug:code>/", calendar.ward_page, name="ward"),
    path("members-calendar/", events.events_list, name="events"),
    path("members-calendar/new/", events.event_new, name="event-new"),
    path("members-calendar/<int:pk>/", events.event_detail, name="event"),
    path("members-calendar/<int:pk>/change/", events.event_change, name="event-change"),
    path("members-calendar/<int:pk>/delay/", events.event_delay, name="event-delay"),
    path("members-calendar/<int:pk>/cancel/", events.event_cancel, name="event-cancel"),
    path("members-calendar/<int:pk>/complete/", events.event_complete, name="event-complete"),
    path("members-calendar/<int:pk>/answer/", events.event_answer, name="event-answer"),
    path("council-meetings/", meetings.meetings_list, name="meetings"),
    path("council-meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("council-meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("council-meetings/<int:pk>/papers/", meetings.meeting_paper_add, name="meeting-paper-add"),
    path(
        "council-meetings/<int:pk>/papers/<int:paper_id>/",
        meetings.meeting_paper_download,
        name="meeting-paper",
    ),
]
