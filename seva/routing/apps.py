from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "seva.routing"
    label = "routing"
    verbose_name = "Routing and triage"
