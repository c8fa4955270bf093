from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "seva.api"
    label = "api"
    verbose_name = "Open API"
