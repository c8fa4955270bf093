"""The citizens' pages, mounted at the site's root (config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from seva.public.views import complain, track

app_name = "public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("track/", track.track_start, name="track_start"),
    # The JSON form first: "<code>.json" would otherwise never reach it (no trailing slash).
    path("track/<str:code>.json", track.track, name="track_json"),
    path("track/<str:code>/", track.track, name="track"),
    # Codes as replies print them (no trailing slash) open the page too.
    path("track/<str:code>", track.track, name="track_bare"),
    path("complain/", complain.complain, name="complain"),
    path("complain/done/<str:code>/", complain.complained, name="complained"),
    path("complain/stations/", complain.stations, name="stations"),
]
