from django.urls import URLPattern, URLResolver

from seva.api.app import api

app_name = "api"

# The NinjaAPI's own patterns, under this URLconf's "api" namespace (api:openapi-json, …).
urlpatterns: list[URLPattern | URLResolver] = list(api.urls[0])
