from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "seva.api"
    label = "api"
    verbose_name = "Open API"

    def ready(self) -> None:
        from seva.api.webhooks.recording import CONSUMER
        from seva.complaints.outbox import consumer_register

        # Every event: subscriptions choose their types, and may be added at any time.
        consumer_register(CONSUMER, wants=lambda event: True)
