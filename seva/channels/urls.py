from django.urls import path

from seva.channels.views import x_webhook

urlpatterns = [path("x/webhook", x_webhook, name="x-webhook")]
