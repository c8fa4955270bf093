from django.urls import URLPattern, URLResolver, path

from seva.command import views

app_name = "command"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.centre, name="centre"),
    path("u/<str:code>/", views.centre, name="unit"),
    path("live/feed/", views.live_feed, name="live_feed"),
    path("live/health/", views.live_health, name="live_health"),
    path("export/complaints.<str:fmt>", views.export_complaints, name="export_complaints"),
    path("export/units.<str:fmt>", views.export_units, name="export_units"),
    path("u/<str:code>/export/units.<str:fmt>", views.export_units, name="export_unit"),
]
