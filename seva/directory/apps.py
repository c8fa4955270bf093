from django.apps import AppConfig
from django.core import checks


class DirectoryConfig(AppConfig):
    name = "seva.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        from seva.directory.twofactor import check_two_factor_roles

        checks.register(check_two_factor_roles)
