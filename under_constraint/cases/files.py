"""Which files are cases, and reading one without following links or blocking.

Only regular files directly in the cases folder are cases. A symbolic link could
publish a file from outside the repository, and a FIFO or a device would hold the
validator and the build, so the type is checked with `lstat` before anything is opened,
and again on the open file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from under_constraint.cases.problems import Problem

TAXONOMY_FILE = "taxonomy.yml"
# Old slugs and the cases they became (see cases.renamed).
RENAMED_FILE = "renamed.yml"
# The longest real case is about 5,300 bytes; cost grows with size (see body_limits).
MAX_FILE_BYTES = 32_000
# Names the folder scan leaves out: notes and drafts kept beside the cases.
IGNORED_PREFIXES = ("_", ".")


def is_ignored(name: str) -> bool:
    return name.startswith(IGNORED_PREFIXES)


def case_paths(folder: Path) -> list[Path]:
    """Every entry of the cases folder meant as a case (any file type but a folder), sorted."""
    with os.scandir(folder) as entries:
        names = sorted(
            entry.name for entry in entries
            if not entry.is_dir(follow_symlinks=False) and not is_ignored(entry.name)
            and entry.name not in (TAXONOMY_FILE, RENAMED_FILE)
        )
    return [folder / name for name in names]


def check_folders(folder: Path, shown_folder: str) -> list[Problem]:
    """Cases are not searched for in subfolders, so a case there would vanish silently."""
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries
                       if entry.is_dir(follow_symlinks=False) and not is_ignored(entry.name))
    return [
        Problem(f"{shown_folder}/{name}", 1, f"'{name}/' is a folder: cases live directly in "
                f"{shown_folder}/; move its files up, or rename it '_{name}' to keep it out")
        for name in names
    ]


def check_placement(path: Path, folder: Path, shown: str) -> list[Problem]:
    """A path named on the command line gets the verdict the folder scan would give it.

    A file outside the cases folder altogether is a draft being checked, not a case.
    """
    parent, home = os.path.abspath(path.parent), os.path.abspath(folder)
    if parent != home and parent.startswith(home + os.sep):
        return [Problem(shown, 1, f"cases live directly in {folder.as_posix()}/, not in a folder inside it: "
                        "move the file up")]
    if is_ignored(path.name):
        return [Problem(shown, 1, "left out of the site: a name starting with '_' or '.' is not a case",
                        warning=True)]
    return []


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES, what: str = "a case") -> tuple[str, Problem | None]:
    """The file's text with line ends made '\\n', or the problem that stops it being read."""
    try:
        info = os.lstat(path)
        problem = _type_problem(info, shown, what) or _size_problem(info, shown, limit, what)
        if problem:
            return "", problem
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as handle:
            # The file may have been swapped between lstat and open: check what was opened.
            opened = os.fstat(handle.fileno())
            problem = _type_problem(opened, shown, what) or _size_problem(opened, shown, limit, what)
            if problem:
                return "", problem
            raw = handle.read(limit + 1)
    except OSError as error:
        return "", Problem(shown, 1, f"cannot read the file: {error.strerror}")
    if len(raw) > limit:
        return "", Problem(shown, 1, f"file is over {limit:,} bytes; {what} is at most {limit:,} bytes")
    if not raw.strip():
        return "", Problem(shown, 1, "file is empty" + (": expected front matter between '---' lines, then the case"
                                     if what == "a case" else ""))
    if b"\x00" in raw:
        return "", Problem(shown, 1, "file is binary, not text: save it as UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(shown, line, f"file is not valid UTF-8 (byte {error.start}): save it as UTF-8")
    return text.replace("\r\n", "\n"), None


def _type_problem(info: os.stat_result, shown: str, what: str) -> Problem | None:
    if stat.S_ISLNK(info.st_mode):
        return Problem(shown, 1, f"is a symbolic link: {what} must be a regular file; put the text itself here")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "not a file")
        return Problem(shown, 1, f"is {kind}, not a regular file: {what} is a text file")
    return None


def _size_problem(info: os.stat_result, shown: str, limit: int, what: str) -> Problem | None:
    if info.st_size > limit:
        return Problem(shown, 1, f"file is {info.st_size:,} bytes; {what} is at most {limit:,} bytes")
    return None
