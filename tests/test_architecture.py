"""The layering is a contract (setup.cfg, [importlinter]), checked here as well as by the
linters, so that `make test` alone refuses an import that breaks it."""

import shutil
import subprocess  # nosec B404: runs our own linter on our own code
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_the_import_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is not installed (make install)"
    result = subprocess.run(  # nosec B603: fixed arguments
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
