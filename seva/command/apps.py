from django.apps import AppConfig


class CommandConfig(AppConfig):
    name = "seva.command"
    label = "command"
    verbose_name = "Command centre"

    def ready(self) -> None:
        from seva.command.services import CONSUMER, rollup_wants
        from seva.complaints.outbox import consumer_register

        consumer_register(CONSUMER, wants=rollup_wants)
