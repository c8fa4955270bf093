"""Benchmarks measure in a child process (its own database settings, its own memory figures);
this runs one and reads the JSON it prints on its last line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_child(module: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run `python -m module args…` in the project; its last stdout line is the result."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))
