from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DirectoryConfig(AppConfig):
    default = True
    name = "seva.directory"
    label = "directory"
    verbose_name = "Directory"


class SevaAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Seva's site (seva.directory.adminsite): entry, reach and filters."""

    default = False
    default_site = "seva.directory.adminsite.SevaAdminSite"
