"""Open311 GeoReport v2: FixMyStreet and other Open311 clients send reports straight in as cases.

The protocol is the published GeoReport v2 (http://wiki.open311.org/GeoReport_v2): a service
list, POST a request, GET requests and one request, each as ``.json`` or ``.xml``. A service is
one of the council's services; a request is a web-form case whose reference is the
``service_request_id``.
"""
