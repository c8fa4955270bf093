from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for a reverse proxy or an orchestrator: no database work."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="desk:queue", permanent=False)),
    path("healthz", healthz),
    path("admin/", admin.site.urls),
    path("channels/", include("seva.channels.urls")),
    path("desk/", include("seva.desk.urls")),
    path("command/", include("seva.command.urls")),
    path("api/", include("seva.api.urls")),
    path("open311/v2/", include("seva.api.open311.urls")),
    # The citizens' pages live at the site's root: /track/<code>/, /complain/.
    path("", include("seva.public.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
