from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks


class DirectoryConfig(AppConfig):
    default = True
    name = "seva.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        from seva.directory.twofactor import check_two_factor_roles

        checks.register(check_two_factor_roles)


class SevaAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Seva's site (seva.directory.adminsite): entry, reach, filters and a
    session verified by a second factor."""

    default = False
    default_site = "seva.directory.adminsite.SevaAdminSite"
