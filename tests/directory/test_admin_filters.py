"""Admin lists filter only through what they declare. The finding: any staff user could run
`?text__regex=^(a|a)*$` over the complaints (21 s for a 28-character text, holding a worker),
because Django lets any lookup on a model's own fields through the query string."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db import models
from django.test import Client
from django.urls import reverse

from seva.directory.adminsite import SevaModelAdmin
from tests.complaints.helpers import register
from tests.personas import sign_in

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
EVIL = "^(a|a)*$"


def _changelist(model: type[models.Model]) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def root(world) -> Client:
    register(world.lucknow, text="aaaaaaaaaaaaaaaaaaaaaaaaaaab")  # a row for every list to show
    client = Client()
    assert sign_in(client, world.administrator).status_code == 302
    return client


def test_a_regex_over_complaint_texts_is_refused(world, root):
    response = root.get("/admin/complaints/complaint/", {"text__regex": EVIL})
    assert response.status_code == 400
    assert root.get("/admin/complaints/complaint/", {"status__exact": "open"}).status_code == 200
    assert root.get("/admin/complaints/complaint/", {"q": "aaa"}).status_code == 200


def _declared_filter_links(page: str) -> list[str]:
    sidebar = page.split('id="changelist-filter"', 1)
    if len(sidebar) < 2:
        return []
    return sorted({html.unescape(link) for link in re.findall(r'href="(\?[^"]*)"', sidebar[1])})


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_list_accepts_only_its_declared_filters(root, model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, SevaModelAdmin)  # the site's rules apply to every admin
    url = _changelist(model)
    page = root.get(url)
    assert page.status_code == 200
    undeclared = {f"{model._meta.pk.name}__gt": "0"}
    undeclared |= {
        f"{field.name}__regex": EVIL
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
    }
    for lookup, value in undeclared.items():
        assert root.get(url, {lookup: value}).status_code == 400, lookup
    for link in _declared_filter_links(page.content.decode()):
        assert root.get(url + link).status_code == 200, link
    assert root.get(url, {"o": "1"}).status_code == 200
    if model_admin.search_fields:
        assert root.get(url, {"q": "a"}).status_code == 200
    if model_admin.date_hierarchy:
        assert root.get(url, {f"{model_admin.date_hierarchy}__year": "2026"}).status_code == 200
        if model_admin.date_hierarchy not in model_admin.list_filter:  # else a date filter's
            assert root.get(url, {f"{model_admin.date_hierarchy}__gte": "2026"}).status_code == 400


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_relation_filters_offer_only_what_is_in_reach(model):
    # Django's plain relation filter lists the whole related table, whatever the list's reach.
    for entry in admin.site._registry[model].list_filter:
        if isinstance(entry, str):
            field = model._meta.get_field(entry.split("__")[0])
            assert not field.is_relation, f"{entry}: use RelatedOnlyFieldListFilter"
        elif isinstance(entry, tuple):
            assert issubclass(entry[1], RelatedOnlyFieldListFilter), entry
