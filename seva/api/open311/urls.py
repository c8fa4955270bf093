from django.urls import URLPattern, URLResolver, re_path

from seva.api.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"
SERVICE = r"(?P<code>[A-Za-z0-9_-]{1,40})"
CODE = r"(?P<code>[A-Za-z0-9._ -]{1,40})"

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(rf"^services{FMT}", views.services, name="services"),
    re_path(rf"^services/{SERVICE}{FMT}", views.service_definition, name="service"),
    re_path(rf"^requests{FMT}", views.requests_, name="requests"),
    re_path(rf"^requests/{CODE}{FMT}", views.request_detail, name="request"),
    # Anything else answers in the spec's error shape, not an HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
