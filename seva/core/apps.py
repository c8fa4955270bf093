from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "seva.core"
    label = "core"
