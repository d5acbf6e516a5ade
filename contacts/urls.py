from django.urls import path, re_path

from .views import (
    attachments,
    case,
    case_actions,
    customers,
    log_contact,
    navigation,
    queues,
    reception,
    search,
)

app_name = "contacts"

urlpatterns = [
    path("my-work/", queues.my_work, name="my-work"),
    path("team-queue/", queues.team_queue, name="team-queue"),
    path("my-enquiries/", queues.my_enquiries, name="my-enquiries"),
    path("queue-counts/", navigation.queue_counts, name="queue-counts"),
    path("reception/", reception.reception_page, name="reception"),
    path("reception/times/", reception.reception_times, name="reception-times"),
    path("reception/drop-in/", reception.reception_register, name="reception-register"),
    re_path(
        r"^reception/(?P<reference>[A-Za-z0-9-]{1,20})/check-in/$",
        reception.reception_check_in,
        name="reception-check-in",
    ),
    re_path(
        r"^reception/(?P<reference>[A-Za-z0-9-]{1,20})/seen/$",
        reception.reception_seen,
        name="reception-seen",
    ),
    path("search/", search.search, name="search"),
    # The reference's own alphabet: anything else is not found before it reaches the database.
    re_path(r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/$", case.case_summary, name="case"),
    *(
        re_path(
            rf"^cases/(?P<reference>[A-Za-z0-9-]{{1,20}})/{name}/$",
            getattr(case_actions, name),
            name=f"case-{name}",
        )
        for name in case_actions.ACTIONS
    ),
    re_path(
        r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/customer/$",
        customers.case_customer_edit,
        name="case-customer",
    ),
    # A customer's id only: never a name, e-mail address or postcode in an address.
    re_path(r"^customers/(?P<customer_id>[0-9]{1,18})/$", customers.customer_page, name="customer"),
    re_path(
        r"^customers/(?P<customer_id>[0-9]{1,18})/edit/$",
        customers.customer_edit,
        name="customer-edit",
    ),
    re_path(
        r"^customers/(?P<customer_id>[0-9]{1,18})/merge/(?P<other_id>[0-9]{1,18})/$",
        customers.customer_merge,
        name="customer-merge",
    ),
    path("customers/duplicates/", customers.customer_duplicates, name="customer-duplicates"),
    path("log-contact/", log_contact.choose_channel, name="log-contact"),
    path("log-contact/<slug:channel>/", log_contact.log_contact, name="log-contact-channel"),
    re_path(
        r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/attachments/$",
        attachments.attachment_add,
        name="attachment-add",
    ),
    re_path(
        r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/attachments/(?P<attachment_id>[0-9]{1,18})/$",
        attachments.attachment_download,
        name="attachment",
    ),
]
