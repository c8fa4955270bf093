from django.apps import AppConfig


class CommandConfig(AppConfig):
    name = "seva.command"
    label = "command"
    verbose_name = "Command centre"
