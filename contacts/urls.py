from django.urls import path, re_path

from .views import case, navigation, queues

app_name = "contacts"

urlpatterns = [
    path("my-work/", queues.my_work, name="my-work"),
    path("team-queue/", queues.team_queue, name="team-queue"),
    path("my-enquiries/", queues.my_enquiries, name="my-enquiries"),
    path("queue-counts/", navigation.queue_counts, name="queue-counts"),
    # The reference's own alphabet: anything else is not found before it reaches the database.
    re_path(r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/$", case.case_summary, name="case"),
]
