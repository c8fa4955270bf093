from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    # Label "social": "channels" would clash with the Django Channels project's app label.
    name = "seva.channels"
    label = "social"
    verbose_name = "Channels"
