from django.urls import URLPattern, URLResolver

app_name = "command"

urlpatterns: list[URLPattern | URLResolver] = []
