"""The Hindi catalogues (the project's and any app's own `locale/`): complete, and each
compiled file that ships matches its source."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(p.parent for p in (ROOT / "seva").glob("**/locale/hi/LC_MESSAGES/django.po"))


def _msgfmt() -> str:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (apt-get install gettext) is not installed; .ci/run installs it")
    return msgfmt


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_and_none_is_fuzzy(tmp_path, catalog):
    result = subprocess.run(
        [_msgfmt(), "--check", "--statistics", "-o", str(tmp_path / "x.mo"), catalog / "django.po"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_committed_mo_is_compiled_from_the_po(tmp_path, catalog):
    fresh = tmp_path / "django.mo"
    subprocess.run([_msgfmt(), "-o", str(fresh), catalog / "django.po"], check=True)
    with fresh.open("rb") as source, (catalog / "django.mo").open("rb") as shipped:
        expected = gettext.GNUTranslations(source)._catalog  # type: ignore[attr-defined]
        actual = gettext.GNUTranslations(shipped)._catalog  # type: ignore[attr-defined]
    assert actual == expected, "run: manage.py compilemessages -l hi --ignore=.venv"
