from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "seva.directory"
    label = "directory"
    verbose_name = "Directory"
