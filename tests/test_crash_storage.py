"""Disk full and a read-only home: a clear sentence, no traceback, nothing half-written.

Root ignores file modes, so chmod proves nothing here. These tests use what really fails for
root: a tiny tmpfs (disk full, ENOSPC) and a read-only bind mount (EROFS), both made inside a
private user and mount namespace (``unshare -rm``), plus a data path whose parent is a regular
file. The namespace tests are skipped, saying why, where ``unshare -rm`` is not allowed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from companion.core.store import journal
from companion.core.store.db import integrity_problems, open_db


def _unshare_mount_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    not _unshare_mount_works(), reason="unshare -rm (user and mount namespaces) is not allowed"
)


# Leave 256 KiB free: enough to open the database, not enough for the big entry.
FILL = (
    "import os, sys; st = os.statvfs(sys.argv[1]); free = st.f_bavail * st.f_frsize; "
    "open(os.path.join(sys.argv[1], 'filler'), 'wb').write(bytes(max(free - 262144, 0)))"
)


def _cli() -> str:
    return f"{sys.executable} -m companion"


def _run_script(script: str, tmp_path: Path) -> str:
    path = tmp_path / "scenario.sh"
    path.write_text(script, encoding="utf-8")
    result = subprocess.run(
        ["unshare", "-rm", "sh", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@needs_namespaces
def test_disk_full_is_a_clear_message_and_nothing_is_half_written(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    big = "a long entry that will not fit " * 40_000
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    script = textwrap.dedent(
        f"""
        set -u
        mount -t tmpfs -o size=1536k tmpfs {mount}
        export COMPANION_HOME={mount}/home
        {_cli()} journal add "the first entry" >/dev/null || echo "FIRST FAILED"
        {sys.executable} -c "{FILL}" {mount}
        {_cli()} journal add < {tmp_path}/big.txt > {tmp_path}/out.txt 2> {tmp_path}/err.txt
        echo "EXIT $?"
        dd if=/dev/zero of={mount}/filler2 bs=4k 2>/dev/null
        {_cli()} export --format json --output {mount}/home/x.json 2>> {tmp_path}/err2.txt
        echo "EXPORT EXIT $?"
        rm {mount}/filler2
        rm {mount}/filler
        {_cli()} journal list --json > {tmp_path}/list.json
        echo "LIST EXIT $?"
        ls -a {mount}/home > {tmp_path}/files.txt
        """
    )
    output = _run_script(script, tmp_path)
    assert "FIRST FAILED" not in output
    assert "EXIT 1" in output and "EXPORT EXIT 1" in output and "LIST EXIT 0" in output
    err = (tmp_path / "err.txt").read_text()
    assert "disk" in err and "full" in err and "Nothing was half-written" in err
    assert "Traceback" not in err
    err2 = (tmp_path / "err2.txt").read_text()
    assert ("No space left" in err2 or "full" in err2) and "Traceback" not in err2, err2
    listing = (tmp_path / "list.json").read_text()
    assert "the first entry" in listing and "will not fit" not in listing
    names = (tmp_path / "files.txt").read_text().split()
    assert "x.json" not in names and not any(".tmp-" in name for name in names)


@needs_namespaces
def test_read_only_home_is_a_clear_message_and_changes_nothing(
    tmp_path: Path, companion_home: Path
) -> None:
    db = open_db()
    journal.add_entry(db, "written before the disk went read-only")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = {p.name: p.read_bytes() for p in companion_home.iterdir() if p.is_file()}
    script = textwrap.dedent(
        f"""
        mount --bind {companion_home} {companion_home}
        mount -o remount,bind,ro {companion_home}
        export COMPANION_HOME={companion_home}
        {_cli()} journal add "this cannot be saved" > {tmp_path}/out.txt 2> {tmp_path}/err.txt
        echo "EXIT $?"
        """
    )
    output = _run_script(script, tmp_path)
    assert "EXIT 1" in output
    err = (tmp_path / "err.txt").read_text()
    assert "Traceback" not in err
    assert "read-only" in err or "writable" in err, err
    after = {p.name: p.read_bytes() for p in companion_home.iterdir() if p.is_file()}
    assert after == before
    db = open_db()
    assert [e.body for e in journal.list_entries(db)] == ["written before the disk went read-only"]
    assert integrity_problems(db) == []
    db.close()


def test_data_folder_that_cannot_exist_is_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "companion", "journal", "add", "hello"],
        env={**os.environ, "COMPANION_HOME": str(blocker / "home")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Cannot create the data folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"
