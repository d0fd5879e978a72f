"""Leftovers of interrupted saves: find and remove them, and nothing else.

Every save goes through QSaveFile, which writes the new content to a temporary file beside the
target and renames it over the target on commit. Where the file system offers no unnamed
temporary files (Windows, macOS, FAT/exFAT sticks, many network shares; on Linux ext4 the file
has no name until commit) that temporary file is named ``<target name>.`` followed by six random
ASCII letters, e.g. ``lesson.json.rFXEBH``. A save killed before commit (SIGKILL, power cut)
leaves it behind. A file is treated as such a leftover only when all of these hold:

- its name is exactly the target's name, a dot and six ASCII letters of mixed case (so a
  hand-made ``lesson.json.backup`` or ``lesson.json.BACKUP`` never matches);
- it is a regular file (not a link or a folder);
- it was last written before this process started, so no save still under way can own it;
- it is empty or begins like a lesson this app writes (a JSON object naming our format).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from engine.document import FORMAT

PROCESS_STARTED = time.time()  # the module loads at start-up, before any save
_SUFFIX = re.compile(r"\.[A-Za-z]{6}")
_HEAD_BYTES = 256


def is_temporary_name(target: Path, candidate: Path) -> bool:
    """True when ``candidate`` is named exactly like a QSaveFile temporary file for ``target``."""
    name, stem = candidate.name, target.name
    return name.startswith(stem) and _SUFFIX.fullmatch(name[len(stem):]) is not None


def is_save_leftover_name(target: Path, candidate: Path) -> bool:
    """Named like a temporary file of ``target``, and not like a word a user would type (mixed case)."""
    letters = candidate.name[len(target.name) + 1:]
    return is_temporary_name(target, candidate) and letters != letters.lower() and letters != letters.upper()


def _looks_like_our_lesson(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    return not head or (head.lstrip().startswith(b"{") and f'"{FORMAT}"'.encode() in head)


def save_leftovers(target: Path, before: float | None = None) -> list[Path]:
    """The leftovers of interrupted saves of ``target`` written before ``before`` (process start)."""
    before = PROCESS_STARTED if before is None else before
    found = []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return []
    for candidate in candidates:
        if not is_save_leftover_name(target, candidate):
            continue
        try:
            if candidate.is_symlink() or not candidate.is_file() or candidate.stat().st_mtime >= before:
                continue
            if _looks_like_our_lesson(candidate):
                found.append(candidate)
        except OSError:
            continue
    return sorted(found)


def remove_save_leftovers(target: str | Path, before: float | None = None) -> list[Path]:
    """Delete the leftovers of interrupted saves of ``target``; returns what was deleted."""
    removed = []
    for leftover in save_leftovers(Path(target), before):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            pass  # read-only folder or already gone: never stop a save for litter
    return removed
