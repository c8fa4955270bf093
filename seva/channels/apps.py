from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    # Label "social": "channels" would clash with the Django Channels project's app label.
    name = "seva.channels"
    label = "social"
    verbose_name = "Channels"

    def ready(self) -> None:
        from seva.channels.replies import NOTIFIER, wants_event
        from seva.complaints.outbox import consumer_register

        consumer_register(NOTIFIER, wants=wants_event)
