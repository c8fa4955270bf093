from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from seva.desk.views import bulk, capture, complaint, hq, queue, reply, signin

app_name = "desk"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("triage/", hq.triage_queue, name="triage"),
    path("triage/bulk/", bulk.triage_bulk, name="triage_bulk"),
    path("review/", hq.review_queue, name="review"),
    path("review/bulk/", bulk.review_bulk, name="review_bulk"),
    path("capture/", capture.capture, name="capture"),
    path("c/<str:code>/", complaint.complaint_page, name="complaint"),
    path("c/<str:code>/act/", complaint.complaint_act_view, name="act"),
    path("c/<str:code>/forward/", complaint.complaint_forward_view, name="forward"),
    path("c/<str:code>/transfer/", complaint.complaint_transfer_view, name="transfer"),
    path("c/<str:code>/note/", complaint.complaint_note_view, name="note"),
    path("c/<str:code>/reply/", reply.reply_send_view, name="reply"),
    path("c/<str:code>/reply/draft/", reply.reply_draft, name="reply_draft"),
    path("c/<str:code>/reply/length/", reply.reply_length, name="reply_length"),
    path("c/<str:code>/review/", complaint.complaint_review_view, name="review_action"),
    path("c/<str:code>/reject/", complaint.complaint_reject_view, name="reject"),
    path("c/<str:code>/merge/", complaint.complaint_merge_view, name="merge"),
    path("login/", signin.SignInView.as_view(), name="login"),
    path("login/code/", signin.second_factor, name="second_factor"),
    path("login/setup/", signin.enrol, name="enrol"),
    path("two-factor/", signin.two_factor, name="two_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="desk/password_change.html",
            success_url=reverse_lazy("desk:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="desk/password_change_done.html"),
        name="password_change_done",
    ),
]
