"""The citizens' pages' tests send the form at machine speed: the minimum fill time is off
here, and on in the one test that checks it."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _instant_forms(settings: Any) -> None:
    settings.SEVA_COMPLAIN_MIN_SECONDS = 0
