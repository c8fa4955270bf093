"""Django's admin app with Seva's site (listed in INSTALLED_APPS in place of
"django.contrib.admin"; its own module, since an apps.py with two configurations has no
default)."""

from django.contrib.admin.apps import AdminConfig


class SevaAdminConfig(AdminConfig):
    """Verified sessions only, signing in through the desk (seva/desk/admin_site.py)."""

    default_site = "seva.desk.admin_site.SevaAdminSite"
