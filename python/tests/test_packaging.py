"""python/ installs as users install it (pip, a wheel with py.typed and the extras), with the npm package's version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import bokeh_session

PYTHON_DIR = Path(__file__).resolve().parents[1]
PACKAGE_JSON = PYTHON_DIR.parent / "package.json"


def test_the_version_is_the_npm_packages() -> None:
    assert bokeh_session.__version__ == json.loads(PACKAGE_JSON.read_text())["version"]


def test_the_wheel_holds_py_typed_the_adapters_and_the_extras(tmp_path: Path) -> None:
    # The wheel pip builds for `pip install ./python`, from a copy: setuptools writes build/ into the source tree.
    source = tmp_path / "python"
    shutil.copytree(PYTHON_DIR, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(source)],
        check=True,
        timeout=300,
        env={**os.environ, "PIP_RETRIES": "0"},
    )
    (wheel,) = tmp_path.glob("bokeh_session-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_name = next(name for name in names if name.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    for module in ["py.typed", "tokens.py", "endpoint.py", "flask.py", "fastapi.py", "django.py", "token_server.py"]:
        assert f"bokeh_session/{module}" in names
    assert not any("tests/" in name for name in names)
    assert metadata["Version"] == bokeh_session.__version__
    assert {"flask", "fastapi", "django"} <= set(metadata.get_all("Provides-Extra") or [])
    requires = metadata.get_all("Requires-Dist") or []
    assert any(line.startswith("flask") and 'extra == "flask"' in line for line in requires), requires


def test_a_token_backend_does_not_import_the_app_side() -> None:
    # bokeh.models and the document machinery take several times longer to import than bokeh.util.token; a Flask or
    # FastAPI worker that only mints tokens (or the stdlib server) must not pay for them.
    script = (
        "import sys, bokeh_session.token_server\n"
        "from bokeh_session import TokenRefused, TokenRequest, signed_session_token\n"
        "print(sorted(name for name in sys.modules if name in ('bokeh.models', 'bokeh.document', 'bokeh_session.echo')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "[]"
