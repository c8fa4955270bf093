"""The unit desk's queue: the complaints in the person's reach, filtered and searched."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from seva.desk.errors import desk_view
from seva.desk.forms import QueueFilterForm
from seva.desk.selectors import queue_complaints, queue_page_rows, queue_unit_choices
from seva.desk.templatetags.desk import unit_name
from seva.desk.views.common import HtmxHttpRequest, nav_context

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from seva.complaints.models import Complaint

PAGE_SIZE = 25


@require_GET
@login_required
@desk_view
def queue(request: HtmxHttpRequest) -> HttpResponse:
    form = QueueFilterForm(
        request.GET or None, units=queue_unit_choices(request.user), unit_label=unit_name
    )
    complaints = queue_complaints(request.user, form.filters())
    page = Paginator(complaints.values_list("id", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # The paginator counted and sliced ids; the page shows the complaints behind them.
    page_ids = cast("QuerySet[Complaint, int]", page.object_list)
    page.object_list = queue_page_rows(page_ids)  # type: ignore[assignment]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "date_problem": form.date_problem(),
        "page": page,
        "query": query.urlencode(),
        **nav_context(request),
    }
    # HTMX asks for the results only when a filter changes; the same view renders both.
    template = "desk/queue.html#results" if request.htmx else "desk/queue.html"
    return render(request, template, context, status=400 if context["date_problem"] else 200)
