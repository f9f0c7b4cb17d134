"""Which code ran: the git commit of the imported package, for results that must say what produced them.

``code_version()`` is ``git <short sha>`` when the imported ``logicdistill``
package lies in a git work tree, with ``+uncommitted`` when files under it differ
from that commit, else ``logicdistill <version>`` (an installed copy). It names the
package actually imported, not the shell's working folder: a run started from
another checkout reports that checkout. Left out: which files differ.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import logicdistill

PACKAGE_DIR = Path(logicdistill.__file__).resolve().parent


@cache
def code_version() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(PACKAGE_DIR), *args], capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no", "--", str(PACKAGE_DIR))
    except (OSError, subprocess.SubprocessError):
        return f"logicdistill {logicdistill.__version__}"
    return f"git {commit}{'+uncommitted' if changed else ''}"
