"""`make test` must not disturb a running `make run`: no reinstall when pyproject.toml is unchanged, and no
database or media of the app touched. Run on a copy of bin/ with a stand-in interpreter that logs its calls
(a real pip install would change the shared virtualenv)."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "bin", tmp_path / "bin")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    log = tmp_path / "calls.log"
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    # Hashing is real Python; everything else (pip, manage.py, pytest) is only logged.
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-c" ]; then exec python3 "$@"; fi\n'
        f'echo "python $*" >> "{log}"\n'
    )
    python.chmod(0o755)
    ruff = python.parent / "ruff"
    ruff.write_text(f'#!/bin/sh\necho "ruff $*" >> "{log}"\n')
    ruff.chmod(0o755)
    return tmp_path, log


def _run(project: Path, script: str) -> None:
    subprocess.run([str(project / "bin" / script)], cwd=project, check=True, env={**os.environ, "PYTHON": "python3"})


def test_the_test_command_installs_once_and_never_migrates_the_apps_database(tmp_path):
    project, log = _project(tmp_path)
    _run(project, "test")
    first = log.read_text().splitlines()
    assert any("pip install" in call for call in first)
    assert not any("manage.py" in call for call in first)  # db.sqlite3 and media/ of a running app untouched
    assert any("-m pytest" in call for call in first)

    log.write_text("")
    _run(project, "test")
    second = log.read_text().splitlines()
    assert not any("pip" in call for call in second), second  # nothing changed: no reinstall, no reload

    (project / "pyproject.toml").write_text((project / "pyproject.toml").read_text() + "\n# changed\n")
    log.write_text("")
    _run(project, "test")
    assert any("pip install" in call for call in log.read_text().splitlines())
