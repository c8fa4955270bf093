from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "seva.public"
    label = "public"
    verbose_name = "Citizens' pages"
