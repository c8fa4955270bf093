from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "seva.complaints"
    label = "complaints"
    verbose_name = "Complaints"
