"""THE ROUTE-BY-ROLE MATRIX: what every role must get from every route, as the policy of
issue 14 says it will be (docs/security.md, "The route-by-role matrix").

Each ``route`` is one pattern of ``config.urls`` with the methods it serves (``ANY``: a view
that does not restrict them). Each ``probe`` asks it about one object of the world
(``world.py``) and lists what each role gets, in the columns below: the probe is a GET, or an
empty POST for a route that serves no GET. Codes: a status code, or LOG for a redirect to a
sign-in page (302 is a redirect anywhere else).

    an anonymous            mg manager                     ck clerk
    re resident (tracks     mn manager named in the        ad administrator
       the plain case)         complaint                   dp data protection officer
    av advisor (waste)      co complaints officer             (reads the audit, no case)
    ao advisor of another   cr councillor (raised the      oa open311_client (sent the
       service                 enquiry)                       open311 request)
    fl front-line advisor   oc other councillor (follows   ob other_open311_client
       (contact centre)        the enquiry's ward)

What a role may read of each object is ``SEES`` below; every answer a role is shown is
searched for what it may not read (``Secret`` in world.py). Cells where main still answers
otherwise are listed in ``known.py`` and expected to fail until the work that fixes them lands.
"""

from .table import probe, route

#: A page of those who run consultations (docs/adr/0034): managers and administrators.
OFF = "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"

FULL, META, NONE = "full", "meta", "none"

#: What each role may read of each object: FULL, META (that it exists, its reference, kind,
#: service, status and dates, but no free text or personal details), or NONE (nothing, not
#: even that it exists). Unlisted objects are NONE.
SEES: dict[str, dict[str, str]] = {
    "anonymous": {},
    "resident": {"plain": FULL},
    "advisor": dict.fromkeys(("plain", "confidential", "enquiry", "open311", "feedback"), FULL),
    # One council: staff of any service read every case that is not confidential.
    "advisor_other_service": dict.fromkeys(("plain", "enquiry", "open311", "feedback"), FULL),
    "front_line_advisor": dict.fromkeys(("plain", "enquiry", "open311", "feedback"), FULL),
    "manager": dict.fromkeys(
        ("plain", "complaint", "confidential", "enquiry", "open311", "feedback"), FULL
    ),
    "manager_named_in_complaint": dict.fromkeys(
        ("plain", "confidential", "enquiry", "open311", "feedback"), FULL
    ),
    "complaints_officer": dict.fromkeys(
        ("plain", "complaint", "confidential", "enquiry", "open311", "feedback"), FULL
    ),
    "councillor": {"enquiry": FULL},
    "other_councillor": {"enquiry": META},
    "clerk": {},
    "administrator": dict.fromkeys(
        ("plain", "complaint", "confidential", "enquiry", "open311", "feedback"), FULL
    ),
    "data_protection_officer": {},
    "open311_client": {"open311": FULL},
    "other_open311_client": {},
}

# The routes, in the order config.urls lists them. Each block's columns:
#                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
ROUTES = (
    # --- The cases API --------------------------------------------------------------------
    route(
        "/api/v1/cases/",
        "GET POST",
        probe(None, "401 401 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/api/v1/cases/<reference>/",
        "GET",
        probe("plain", "401 401 200 200 200 200 200 200 404 404 404 200 404 404 404"),
        probe("complaint", "401 401 404 404 404 200 404 200 404 404 404 200 404 404 404"),
        probe("confidential", "401 401 200 404 404 200 200 200 404 404 404 200 404 404 404"),
        # A member following their ward reads the outline of another member's enquiry.
        probe("enquiry", "401 401 200 200 200 200 200 200 200 200 404 200 404 404 404"),
        probe("open311", "401 401 200 200 200 200 200 200 404 404 404 200 404 404 404"),
    ),
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/api/v1/cases/<reference>/acknowledge/",
        "POST",
        probe("plain", "401 401 200 403 403 200 200 200 404 404 404 200 404 404 404"),
        probe("complaint", "401 401 404 404 404 200 404 200 404 404 404 200 404 404 404"),
    ),
    route(
        "/api/v1/cases/<reference>/close/",
        "POST",
        probe("plain", "401 401 400 403 403 400 400 400 404 404 404 400 404 404 404"),
        probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
    ),
    route(
        "/api/v1/cases/<reference>/milestones/<kind>/extend/",
        "POST",
        probe("plain", "401 401 400 403 403 400 400 400 404 404 404 400 404 404 404"),
        probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
        kind="respond",
    ),
    route(
        "/api/v1/cases/<reference>/milestones/<kind>/meet/",
        "POST",
        probe("plain", "401 401 200 403 403 200 200 200 404 404 404 200 404 404 404"),
        probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
        kind="respond",
    ),
    route(
        "/api/v1/cases/<reference>/reopen/",
        "POST",
        probe("plain", "401 401 400 403 403 400 400 400 404 404 404 400 404 404 404"),
        probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
    ),
    route(
        "/api/v1/cases/<reference>/resolve/",
        "POST",
        probe("plain", "401 401 200 403 403 200 200 200 404 404 404 200 404 404 404"),
        probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
    ),
    route(
        "/api/v1/cases/<reference>/respond/",
        "POST",
        probe("plain", "401 401 200 403 403 200 200 200 404 404 404 200 404 404 404"),
        probe("complaint", "401 401 404 404 404 200 404 200 404 404 404 200 404 404 404"),
    ),
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/api/v1/auth/token/",
        "POST",
        probe(None, "400 400 400 400 400 400 400 400 400 400 400 400 400 400 400"),
    ),
    # The API's description is public: it holds no data.
    route(
        "/api/v1/schema/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/api/v1/docs/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/api/v1/cases/<reference>/reply/",
        "POST",
        probe("plain", "401 401 400 403 403 400 400 400 404 404 404 400 404 404 404"),
        probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
    ),
    *(
        route(
            f"/api/v1/cases/<reference>/{action}/",
            "POST",
            # Nothing to confirm or acknowledge on these cases, nowhere to send them: told so.
            probe("plain", "401 401 400 403 403 400 400 400 404 404 404 400 404 404 404"),
            probe("complaint", "401 401 404 404 404 400 404 400 404 404 404 400 404 404 404"),
        )
        for action in ("acknowledge-voicemail", "confirm", "transfer")
    ),
    # --- The customer record: one for the whole council, its cases by the one policy --------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/api/v1/customers/<pk>/",
        "GET",
        *(
            probe(target, "401 401 200 200 200 200 200 200 403 403 403 200 403 403 403")
            for target in ("plain customer", "complaint customer", "confidential customer")
        ),
    ),
    # --- The print queue's API: a letter goes with its case ---------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/api/v1/letters/",
        "GET",
        probe(None, "401 401 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/api/v1/letters/<pk>/document/",
        "GET",
        probe("letter", "401 401 404 404 404 200 404 200 404 404 404 200 404 404 404"),
    ),
    route(
        "/api/v1/letters/<pk>/mark-posted/",
        "POST",
        probe("letter", "401 401 404 404 404 200 404 200 404 404 404 200 404 404 404"),
    ),
    # --- Inbound: mail servers and providers' webhooks (no secrets configured here) ---------
    route(
        "/api/v1/inbound/email/",
        "POST",
        probe(None, "401 401 403 403 403 403 403 403 403 403 403 400 403 400 400"),
    ),
    *(
        route(
            f"/api/v1/inbound/{channel}/",
            "POST",
            probe(None, "401 401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        )
        for channel in ("texts/notify", "texts", "social", "phone")
    ),
    # --- Members' enquiries API -----------------------------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/api/v1/member-enquiries/",
        "GET POST",
        probe(None, "401 401 403 403 403 403 403 403 200 200 200 403 403 403 403"),
    ),
    route(
        "/api/v1/member-enquiries/<reference>/",
        "GET",
        probe("enquiry", "401 401 403 403 403 403 403 403 200 200 404 403 403 403 403"),
        probe("plain", "401 401 403 403 403 403 403 403 404 404 404 403 403 403 403"),
    ),
    *(
        route(
            f"/api/v1/member-enquiries/<reference>/{action}/",
            "POST",
            probe("enquiry", "401 401 400 403 403 400 400 400 403 403 403 400 403 404 404"),
        )
        for action in ("complete", "delay", "update")
    ),
    # --- Complaints API -------------------------------------------------------------------
    route(
        "/api/v1/complaints/",
        "GET",
        probe(None, "401 401 403 403 403 200 200 200 403 403 403 200 403 403 403"),
    ),
    route(
        "/api/v1/complaints/<reference>/",
        "GET",
        probe("complaint", "401 401 403 403 403 200 404 200 403 403 403 200 403 403 403"),
        probe("plain", "401 401 403 403 403 404 404 404 403 403 403 404 403 403 403"),
    ),
    # --- Open311: a client reads only the requests it sent ----------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/open311/v2/services.<fmt>",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        fmt="json",
    ),
    route(
        "/open311/v2/requests.<fmt>",
        "GET POST",
        probe(None, "403 403 403 403 403 403 403 403 403 403 403 403 403 200 200"),
        fmt="json",
    ),
    route(
        "/open311/v2/requests/<reference>.<fmt>",
        "GET",
        probe("open311", "403 403 403 403 403 403 403 403 403 403 403 403 403 200 404"),
        probe("plain", "403 403 403 403 403 403 403 403 403 403 403 403 403 404 404"),
        fmt="json",
    ),
    route(
        "/i18n/setlang/",
        "ANY",
        probe(None, "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302"),
    ),
    # --- Signing in, where each role's work is, absences -----------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route("/", "GET", probe(None, "LOG LOG 302 302 302 302 302 302 302 302 302 302 302 LOG LOG")),
    route(
        "/sign-in/",
        "GET POST",
        probe(None, "200 200 302 302 302 302 302 302 302 302 302 302 302 200 200"),
    ),
    route(
        "/sign-out/",
        "POST",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG"),
    ),
    # The second factor (ADR 0025). Everyone here signed in past it (tests/second_factor.py):
    # the security-code page sends them on (to set-up when they have no authenticator), and
    # anyone signed in may set one up (again).
    route(
        "/sign-in/security-code/",
        "GET POST",
        probe(None, "LOG LOG 302 302 302 302 302 302 302 302 302 302 302 LOG LOG"),
    ),
    route(
        "/second-factor/set-up/",
        "GET POST",
        probe(None, "LOG LOG 200 200 200 200 200 200 200 200 200 200 200 LOG LOG"),
    ),
    route(
        "/absences/",
        "GET POST",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/absences/<absence_id>/remove/",
        "POST",
        # Only its officer removes an absence; anyone else's request finds none of theirs.
        probe("absence", "LOG LOG 302 404 404 404 404 404 403 403 403 403 403 LOG LOG"),
    ),
    # --- The queues, the reception desk, search -------------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/my-work/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/team-queue/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/my-enquiries/",
        "GET",
        probe(None, "LOG LOG 403 403 403 403 403 403 200 200 200 403 403 LOG LOG"),
    ),
    route(
        "/queue-counts/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 200 200 200 200 200 LOG LOG", htmx=True),
    ),
    route(
        "/reception/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/reception/times/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG", htmx=True),
    ),
    route(
        "/reception/drop-in/",
        "POST",
        probe(None, "LOG LOG 400 400 400 400 400 400 403 403 403 403 403 LOG LOG"),
    ),
    *(
        route(
            f"/reception/<reference>/{action}/",
            "POST",
            # The plain case is no visit: its own service may try, and is told so.
            probe("plain", "LOG LOG 400 403 403 400 400 400 403 403 403 403 403 LOG LOG"),
            probe("complaint", "LOG LOG 404 404 404 400 404 400 403 403 403 403 403 LOG LOG"),
        )
        for action in ("check-in", "seen")
    ),
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/search/",
        "GET POST",
        # The box posts its words and the results' address holds a key to them, kept in the
        # searcher's session (ADR 0028): a GET shows the box. What a search finds for each
        # reader is checked in tests/web/test_visibility_pages.py and test_search_page.py.
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    # --- The case page and its actions -------------------------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/cases/<reference>/",
        "GET",
        probe("plain", "LOG LOG 200 200 200 200 200 200 404 404 404 200 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 200 404 200 404 404 404 200 404 LOG LOG"),
        probe("confidential", "LOG LOG 200 404 404 200 200 200 404 404 404 200 404 LOG LOG"),
        # Members follow their enquiries on their own page.
        probe("enquiry", "LOG LOG 200 200 200 200 200 200 302 302 404 200 404 LOG LOG"),
        probe("open311", "LOG LOG 200 200 200 200 200 200 404 404 404 200 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/note/",
        "GET POST",
        # Staff of other services read the case but act only on their own service's.
        probe("plain", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 200 404 200 404 404 404 200 404 LOG LOG"),
        probe("confidential", "LOG LOG 200 404 404 200 200 200 404 404 404 200 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/take/",
        "GET POST",
        # Administrators own no cases.
        probe("plain", "LOG LOG 200 403 403 200 200 200 404 404 404 302 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 200 404 200 404 404 404 302 404 LOG LOG"),
    ),
    *(
        route(
            f"/cases/<reference>/{action}/",
            "GET POST",
            probe("plain", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
            probe("complaint", "LOG LOG 404 404 404 200 404 200 404 404 404 200 404 LOG LOG"),
        )
        for action in ("transfer", "callback")
    ),
    *(
        route(
            f"/cases/<reference>/{action}/",
            "GET POST",
            probe("plain", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
            # A complaint is extended and closed from its complaint record.
            probe("complaint", "LOG LOG 404 404 404 302 404 302 404 404 404 302 404 LOG LOG"),
        )
        for action in ("extend", "resolve")
    ),
    *(
        route(
            f"/cases/<reference>/{action}/",
            "GET POST",
            # Nothing to record yet, nothing to reopen: back to the case page.
            probe("plain", "LOG LOG 302 403 403 302 302 302 404 404 404 302 404 LOG LOG"),
            probe("complaint", "LOG LOG 404 404 404 302 404 302 404 404 404 302 404 LOG LOG"),
        )
        for action in ("meet", "reopen")
    ),
    *(
        route(
            f"/cases/<reference>/{action}/",
            "GET POST",
            # Not a voicemail nor a booked visit: back to the case page.
            probe("plain", "LOG LOG 302 403 403 302 302 302 404 404 404 302 404 LOG LOG"),
            probe("complaint", "LOG LOG 404 404 404 302 404 302 404 404 404 302 404 LOG LOG"),
        )
        for action in ("voicemail", "late", "rebook")
    ),
    # The customer's record corrected from one of their cases: who may see the case, then the
    # record's own rule (the front line and administrators edit).
    route(
        "/cases/<reference>/customer/",
        "GET POST",
        probe("plain", "LOG LOG 403 403 200 403 403 403 404 404 404 200 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 403 404 403 404 404 404 200 404 LOG LOG"),
        probe("confidential", "LOG LOG 403 404 404 403 403 403 404 404 404 200 404 LOG LOG"),
    ),
    # One record for the council: staff of any service open it; the front line and
    # administrators edit and merge.
    route(
        "/customers/<customer_id>/",
        "GET",
        *(
            probe(target, "LOG LOG 200 200 200 200 200 200 403 403 403 200 403 LOG LOG")
            for target in ("plain customer", "complaint customer", "confidential customer")
        ),
    ),
    route(
        "/customers/<customer_id>/edit/",
        "GET POST",
        *(
            probe(target, "LOG LOG 403 403 200 403 403 403 403 403 403 200 403 LOG LOG")
            for target in ("plain customer", "confidential customer")
        ),
    ),
    route(
        "/customers/<customer_id>/merge/<other_id>/",
        "GET POST",
        probe("plain customer", "LOG LOG 403 403 200 403 403 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/customers/duplicates/",
        "GET",
        probe(None, "LOG LOG 403 403 200 403 403 403 403 403 403 200 403 LOG LOG"),
    ),
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/log-contact/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/log-contact/<channel>/",
        "GET POST",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
        channel="email",
    ),
    route(
        "/cases/<reference>/attachments/",
        "GET POST",
        probe("plain", "LOG LOG 200 404 404 200 200 200 404 404 404 200 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 200 404 200 404 404 404 200 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/attachments/<attachment_id>/",
        "GET",
        probe("attachment", "LOG LOG 404 404 404 200 404 200 404 404 404 200 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/reply/",
        "GET POST",
        probe("plain", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 200 404 200 404 404 404 200 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/confirm/",
        "GET POST",
        # No text to confirm: back to the case page.
        probe("plain", "LOG LOG 302 403 403 302 302 302 404 404 404 302 404 LOG LOG"),
        probe("complaint", "LOG LOG 404 404 404 302 404 302 404 404 404 302 404 LOG LOG"),
    ),
    # --- The public forms and the resident's look-up -----------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/contact-us/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/contact-us/check/",
        "GET POST",
        probe(None, "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302"),
    ),
    route(
        "/contact-us/done/",
        "GET",
        probe(None, "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302"),
    ),
    route(
        "/contact-us/<step>/",
        "GET POST",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        step="type",
    ),
    route(
        "/contact-us/<step>/",
        "GET POST",
        # The topic comes after the type: asked first, back to the type.
        probe(None, "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302"),
        step="topic",
    ),
    route(
        "/track/",
        "GET POST",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/track/status/",
        "GET",
        probe(None, "302 200 302 302 302 302 302 302 302 302 302 302 302 302 302"),
    ),
    # --- Complaints, compliments, feedback ---------------------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/complaints/",
        "GET",
        probe(None, "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/complaints/report/",
        "GET",
        probe(None, "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/complaints/report.<file_format>",
        "GET",
        probe(None, "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
        file_format="csv",
    ),
    route(
        "/complaints/compliments/",
        "GET",
        probe(None, "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/complaints/compliments/new/",
        "GET POST",
        # A compliment is recorded for the recorder's own service: administrators have none.
        probe(None, "LOG LOG 403 403 403 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/complaints/feedback/",
        "GET",
        probe(None, "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/complaints/feedback/<reference>/decide/",
        "GET POST",
        probe("feedback", "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
        probe("complaint", "LOG LOG 403 403 403 404 404 404 403 403 403 404 403 LOG LOG"),
    ),
    route(
        "/complaints/feedback/<reference>/publish/",
        "GET POST",
        # Nothing was decided yet, so nothing to publish: back to the list.
        probe("feedback", "LOG LOG 403 403 403 302 302 302 403 403 403 302 403 LOG LOG"),
    ),
    route(
        "/you-said-we-did/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    *(
        route(
            f"/complaints/triage/<reference>/{action}/",
            "GET POST",
            probe("plain", "LOG LOG 403 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
            probe("complaint", "LOG LOG 403 403 403 200 404 200 403 403 403 200 403 LOG LOG"),
        )
        for action in ("convert", "signpost")
    ),
    route(
        "/complaints/<reference>/record/",
        "GET POST",
        # Recorded already: on to the complaint's page.
        probe("complaint", "LOG LOG 403 403 403 302 404 302 403 403 403 302 403 LOG LOG"),
    ),
    route(
        "/complaints/<reference>/",
        "GET",
        probe("complaint", "LOG LOG 403 403 403 200 404 200 403 403 403 200 403 LOG LOG"),
        probe("plain", "LOG LOG 403 403 403 404 404 404 403 403 403 404 403 LOG LOG"),
    ),
    *(
        route(
            f"/complaints/<reference>/{action}/",
            "GET POST",
            probe("complaint", "LOG LOG 403 403 403 200 404 200 403 403 403 200 403 LOG LOG"),
        )
        for action in ("escalate", "extend", "close", "action")
    ),
    *(
        route(
            f"/complaints/<reference>/{action}/",
            "GET POST",
            # Not at stage 2, not closed: back to the complaint's page.
            probe("complaint", "LOG LOG 403 403 403 302 404 302 403 403 403 302 403 LOG LOG"),
        )
        for action in ("acknowledge", "ombudsman")
    ),
    # --- Councillors and clerks ------------------------------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/enquiries/new/",
        "GET POST",
        probe(None, "LOG LOG 403 403 403 403 403 403 200 200 200 403 403 LOG LOG"),
    ),
    route(
        "/enquiries/<reference>/",
        "GET",
        probe("enquiry", "LOG LOG 403 403 403 403 403 403 200 200 404 403 403 LOG LOG"),
        probe("plain", "LOG LOG 403 403 403 403 403 403 404 404 404 403 403 LOG LOG"),
    ),
    *(
        route(
            f"/enquiries/<reference>/{action}/",
            "GET POST",
            probe("enquiry", "LOG LOG 200 403 403 200 200 200 403 403 403 200 403 LOG LOG"),
        )
        for action in ("update", "delay", "complete")
    ),
    route(
        "/my-preferences/",
        "GET POST",
        probe(None, "LOG LOG 403 403 403 403 403 403 200 200 200 403 403 LOG LOG"),
    ),
    route(
        "/my-calendar/",
        "GET",
        probe(None, "LOG LOG 403 403 403 403 403 403 200 200 403 403 403 LOG LOG"),
    ),
    route(
        "/my-calendar/<pk>/",
        "GET POST",
        # Both councillors represent the entry's ward; another ward's is a 404 (docs/adr/0036).
        probe("event", "LOG LOG 403 403 403 403 403 403 200 200 403 403 403 LOG LOG"),
    ),
    route(
        "/my-calendar/new-address/",
        "POST",
        probe(None, "LOG LOG 403 403 403 403 403 403 302 302 403 403 403 LOG LOG"),
    ),
    route(
        "/calendar/<token>.ics",
        "GET",
        # The secret address is the key, for calendar programs that cannot sign in.
        probe("feed", "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/wards/<code>/",
        "GET",
        probe("ward", "LOG LOG 200 200 200 200 200 200 200 200 200 200 403 LOG LOG"),
    ),
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/members-calendar/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/members-calendar/new/",
        "GET POST",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/members-calendar/<pk>/",
        "GET",
        probe("event", "LOG LOG 200 200 200 200 200 200 403 403 403 200 403 LOG LOG"),
    ),
    *(
        route(
            f"/members-calendar/<pk>/{action}/",
            "GET POST",
            probe("event", "LOG LOG 200 200 200 200 200 200 403 403 403 200 403 LOG LOG"),
        )
        for action in ("change", "delay", "cancel")
    ),
    route(
        "/members-calendar/<pk>/complete/",
        "POST",
        probe("event", "LOG LOG 302 302 302 302 302 302 403 403 403 302 403 LOG LOG"),
    ),
    route(
        "/members-calendar/<pk>/answer/",
        "POST",
        # Only the officer who owns the entry (the manager) answers: an empty answer is a 400.
        probe("event", "LOG LOG 403 403 403 400 403 403 403 403 403 403 403 LOG LOG"),
    ),
    # --- Town and community councils' meetings (docs/adr/0036) -----------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/council-meetings/",
        "GET",
        probe(None, "LOG LOG 403 403 403 403 403 403 200 200 200 403 403 LOG LOG"),
    ),
    route(
        "/council-meetings/new/",
        "GET POST",
        probe(None, "LOG LOG 403 403 403 403 403 403 403 403 200 403 403 LOG LOG"),
    ),
    route(
        "/council-meetings/<pk>/",
        "GET",
        probe("meeting", "LOG LOG 403 403 403 403 403 403 200 200 200 403 403 LOG LOG"),
    ),
    route(
        "/council-meetings/<pk>/papers/",
        "GET POST",
        probe("meeting", "LOG LOG 403 403 403 403 403 403 403 403 200 403 403 LOG LOG"),
    ),
    route(
        "/council-meetings/<pk>/papers/<paper_id>/",
        "GET",
        probe("paper", "LOG LOG 403 403 403 403 403 403 200 200 200 403 403 LOG LOG"),
    ),
    # --- Web publishing (docs/adr/0033): staff ask and raise; managers read the report -----
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    *(
        route(
            path,
            "GET POST" if path != "/web-publishing/" else "GET",
            # An empty form is refused on the page (200) for those who may ask.
            probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 200 403 LOG LOG"),
        )
        for path in (
            "/web-publishing/",
            "/web-publishing/change/",
            "/web-publishing/emergency/",
        )
    ),
    *(
        route(
            path,
            "GET",
            probe(None, "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
        )
        for path in ("/web-publishing/emergencies/", "/web-publishing/emergencies.csv")
    ),
    route(
        "/web-publishing/<reference>/",
        "GET POST",
        # A case that is no publication request has no such page, whoever asks.
        probe("plain", "LOG LOG 404 404 404 404 404 404 403 403 403 404 403 LOG LOG"),
    ),
    # --- Managers' figures, monitoring, officers' results ----------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/sla-dashboard/",
        "GET",
        probe(None, "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/sla-dashboard/cases/",
        "GET",
        probe(
            None,
            "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG",
            query="bucket=breached",
        ),
    ),
    route(
        "/standards-evaluation/",
        "GET",
        probe(
            None,
            "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG",
            query="first={first}&last={last}&grain=month",
        ),
    ),
    route(
        "/standards-evaluation/<slug>.<extension>",
        "GET",
        probe(
            None,
            "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG",
            query="first={first}&last={last}&grain=month",
        ),
        slug="met-trend",
        extension="csv",
    ),
    route(
        "/monitoring/",
        "GET POST",
        probe(None, "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/monitoring/<sample_id>/",
        "GET",
        probe("sample", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/monitoring/checks/<check_id>/",
        "GET POST",
        probe("plain check", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
        # Scoring a complaint opens it: not for the manager it names.
        probe("complaint check", "LOG LOG 403 403 403 200 404 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/my-results/",
        "GET",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/officers/<user_id>/results/",
        "GET",
        # The officer and their team's manager.
        probe("advisor", "LOG LOG 200 403 403 403 200 403 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/satisfaction/<token>/",
        "GET POST",
        # The link is the customer's: whoever holds it is shown which case it is about.
        probe(
            "satisfaction",
            "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
            shows=("plain",),
        ),
    ),
    # The standards in public (issue 18): no sign-in, nothing of any case.
    route(
        "/customer-care-standards/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/customer-care-standards/performance/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    # --- The print queue's pages ----------------------------------------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/letters/",
        "GET POST",
        probe(None, "LOG LOG 200 200 200 200 200 200 403 403 403 403 403 LOG LOG"),
    ),
    route(
        "/letters/<letter_id>/pdf/",
        "GET",
        probe("letter", "LOG LOG 404 404 404 200 404 200 403 403 403 403 403 LOG LOG"),
    ),
    # --- The audit of reads: administrators and data protection officers -----------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    *(
        route(
            f"/audit/cases{suffix}",
            "GET",
            # Who read the confidential case: the reference is the reader's question.
            probe(
                "confidential",
                "LOG LOG 403 403 403 403 403 403 403 403 403 200 200 LOG LOG",
                query="reference={reference}",
            ),
        )
        for suffix in ("/", ".csv")
    ),
    *(
        route(
            f"/audit/people{suffix}",
            "GET",
            probe(
                None,
                "LOG LOG 403 403 403 403 403 403 403 403 403 200 200 LOG LOG",
                query="username=advisor",
            ),
        )
        for suffix in ("/", ".csv")
    ),
    # --- Subject access requests: the request's officers (visibility, then can_work) --------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/data-protection/subject-access/",
        "GET",
        # The data protection officer's list of requests (and administrators'), as the audit.
        probe(None, "LOG LOG 403 403 403 403 403 403 403 403 403 200 200 LOG LOG"),
    ),
    route(
        "/cases/<reference>/subject-access/",
        "GET",
        probe("subject access", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
        # Any other case has no such page, whoever asks.
        probe("plain", "LOG LOG 404 404 404 404 404 404 404 404 404 404 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/subject-access/extend/",
        "POST",
        # The empty reason is refused on the page (200) by those who may extend it.
        probe("subject access", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/subject-access/export/",
        "POST",
        probe("subject access", "LOG LOG 302 403 403 302 302 302 404 404 404 302 404 LOG LOG"),
    ),
    route(
        "/cases/<reference>/subject-access/exports/<export_id>/",
        "GET",
        probe("subject access", "LOG LOG 200 403 403 200 200 200 404 404 404 200 404 LOG LOG"),
    ),
    # --- Data protection: the privacy notice, public like the forms that link to it ---------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/privacy/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    # --- Data protection (docs/adr/0030): its officer and administrators -------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/data-protection/",
        "GET",
        probe(None, "LOG LOG 403 403 403 403 403 403 403 403 403 200 200 LOG LOG"),
    ),
    route(
        "/data-protection/legal-holds/add/",
        "GET POST",
        probe(None, "LOG LOG 403 403 403 403 403 403 403 403 403 200 200 LOG LOG"),
    ),
    route(
        "/data-protection/legal-holds/release/",
        "POST",
        # An empty POST names no hold: not found, for those who may release one.
        probe(None, "LOG LOG 403 403 403 403 403 403 403 403 403 404 404 LOG LOG"),
    ),
    route(
        "/data-protection/customers/<customer_id>/erase/",
        "GET POST",
        # The customer's number and how many cases: never their name or their cases' content.
        probe("plain customer", "LOG LOG 403 403 403 403 403 403 403 403 403 200 200 LOG LOG"),
    ),
    # --- Consultations (docs/adr/0034): the public face, open to all ---------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/consultations/",
        "GET",
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/consultations/<pk>/",
        "GET",
        probe("consultation", "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/consultations/<pk>/respond/",
        "GET POST",
        probe("consultation", "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/consultations/<pk>/thank-you/",
        "GET",
        # Nothing was sent in this session: back to the consultation.
        probe("consultation", "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302"),
    ),
    route(
        "/consultations/<pk>/outcome/",
        "GET",
        probe("closed consultation", "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    route(
        "/consultations/confirm/<token>/",
        "GET POST",
        # The link's secret is the proof: whoever holds it may count the response.
        probe("consultation link", "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
    ),
    # --- Consultations: staff given the permission to run them (the manager), administrators ---
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route("/manage-consultations/", "GET", probe(None, OFF)),
    route("/manage-consultations/new/", "GET POST", probe(None, OFF)),
    route(
        "/manage-consultations/<pk>/",
        "GET",
        probe("consultation", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
    ),
    *(
        route(
            f"/manage-consultations/<pk>/{action}/",
            "GET POST",
            probe("consultation", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
        )
        for action in ("change", "questions/new", "responses/new", "outcome")
    ),
    route(
        "/manage-consultations/<pk>/analysis/",
        "GET",
        probe("consultation", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/manage-consultations/<pk>/analysis/<question>/answers/",
        "GET POST",
        probe("consultation", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
    ),
    route(
        "/manage-consultations/<pk>/export.<extension>",
        "GET",
        probe("consultation", "LOG LOG 403 403 403 200 200 403 403 403 403 200 403 LOG LOG"),
        extension="csv",
    ),
    *(
        route(
            f"/manage-consultations/<pk>/{action}/",
            "POST",
            # Published already, responses given, an empty theme: back to a page, with why.
            probe("consultation", "LOG LOG 403 403 403 302 302 403 403 403 403 302 403 LOG LOG"),
        )
        for action in ("publish", "questions/<question>/remove", "themes/new")
    ),
    # --- The admin site's own pages (its models' pages: ADMIN_MODELS) ------------------------
    #                     an  re  av  ao  fl  mg  mn  co  cr  oc  ck  ad  dp  oa  ob
    route(
        "/admin/", "ANY", probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG")
    ),
    route(
        "/admin/login/",
        "ANY",
        # Its own sign-in form (which refuses all but administrators).
        probe(None, "200 200 200 200 200 200 200 200 200 200 200 302 200 200 200"),
    ),
    route(
        "/admin/logout/",
        "ANY",
        # Signing out is a POST; anyone else is sent to the admin's index (and on to sign in).
        probe(None, "302 302 302 302 302 302 302 302 302 302 302 405 302 302 302"),
    ),
    route(
        "/admin/password_change/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG"),
    ),
    route(
        "/admin/password_change/done/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG"),
    ),
    route(
        "/admin/autocomplete/",
        "ANY",
        # Asked about no field: refused.
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 403 LOG LOG LOG"),
    ),
    route(
        "/admin/jsi18n/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG"),
    ),
    route(
        "/admin/r/<content_type_id>/<object_id>/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 404 LOG LOG LOG"),
        content_type_id="1",
        object_id="1",
    ),
    route(
        "/admin/accounts/user/<id>/password/",
        "ANY",
        probe("advisor's account", "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG"),
    ),
    route(
        "/admin/messaging/outboundmessage/<pk>/letter.pdf",
        "ANY",
        probe("letter", "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG"),
    ),
    # django-otp's admin pages of a device's set-up address and QR code: refused to all, for
    # OTP_ADMIN_HIDE_SENSITIVE_DATA (an administrator never sees someone's secret).
    route(
        "/admin/otp_totp/totpdevice/<pk>/config/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 403 LOG LOG LOG"),
        pk="999999",
    ),
    route(
        "/admin/otp_totp/totpdevice/<pk>/qrcode/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 403 LOG LOG LOG"),
        pk="999999",
    ),
    route(
        "/admin/<app_label>/",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 200 LOG LOG LOG"),
        app_label="contacts",
    ),
    route(
        "/admin/<url>",
        "ANY",
        probe(None, "LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG LOG 404 LOG LOG LOG"),
        url="nothing-here/",
    ),
)

#: Every model the admin site registers, each with the admin's six pages: its list, adding
#: one, and an object's history, deletion, change and address, asked about an object that does
#: not exist (an administrator let in is then sent back to the index: 302). Everyone but
#: administrators is sent to sign in; the value is what administrators get from the six.
ADMIN = "200 200 302 302 302 302"
ADMIN_MODELS = {
    "auth/group": ADMIN,
    "django_celery_beat/periodictask": ADMIN,
    "django_celery_beat/clockedschedule": ADMIN,
    "django_celery_beat/crontabschedule": ADMIN,
    "django_celery_beat/solarschedule": ADMIN,
    "django_celery_beat/intervalschedule": ADMIN,
    "accounts/user": ADMIN,
    "accounts/service": ADMIN,
    "accounts/team": ADMIN,
    "accounts/absence": ADMIN,
    # API tokens (ADR 0025): made, rotated and revoked by administrators.
    "accounts/apitoken": ADMIN,
    # Lockouts are recorded by django-axes, never added by hand; deleting one lifts it.
    "axes/accessattempt": "200 403 302 302 302 302",
    # Authenticators: an administrator removes a lost phone's.
    "otp_totp/totpdevice": ADMIN,
    "standards/standard": ADMIN,
    # The week's business hours are edited, never added to.
    "standards/businesshours": "200 403 302 302 302 302",
    "contacts/customer": ADMIN,
    "contacts/case": ADMIN,
    "standards/closureday": ADMIN,
    # Messages are owed by the app, never added or deleted by hand.
    "messaging/outboundmessage": "200 403 302 403 302 302",
    "messaging/messagetemplate": ADMIN,
    "channels_app/mailbox": ADMIN,
    "channels_app/open311client": ADMIN,
    # Quarantined messages arrive; nobody writes one.
    "channels_app/quarantinedmessage": "200 403 302 302 302 302",
    "complaints/complaintcategory": ADMIN,
    "complaints/reportingsettings": ADMIN,
    "councillors/ward": ADMIN,
    "councillors/communitycouncil": ADMIN,
    "councillors/memberprofile": ADMIN,
    "councillors/memberenquiry": ADMIN,
    "councillors/enquiryupdate": ADMIN,
    "councillors/wardevent": ADMIN,
    "councillors/councilmeeting": ADMIN,
    "routing/requesttype": ADMIN,
    "dataprotection/retentionrule": ADMIN,
    # Legal holds are placed and released, never deleted: the record of the hold stays.
    "dataprotection/legalhold": "200 200 302 403 302 302",
}
