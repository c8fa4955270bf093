from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "seva.desk"
    label = "desk"
    verbose_name = "Officers' desk"
