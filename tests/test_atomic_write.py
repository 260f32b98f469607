"""The one temp-write, fsync, rename (companion.core.paths.write_atomic) and its two users:
paths.write_private_bytes (config, model state) and store.files.write_atomic (the store)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from companion.core import paths
from companion.core.store import files


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("write", ["paths", "store"])
def test_a_write_replaces_the_file_whole_and_private(tmp_path: Path, write: str) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    stray = paths.temp_name(target)
    stray.write_bytes(b"stray from a killed run")
    stray.chmod(0o644)  # O_TRUNC keeps an existing file's mode: the helper sets it again
    if write == "paths":
        paths.write_private_bytes(target, b"new ", memoryview(b"text"))
    else:
        files.write_atomic(target, b"new ", memoryview(b"text"))
    assert target.read_bytes() == b"new text" and _mode(target) == 0o600
    assert not stray.exists()


@pytest.mark.parametrize("discard", [None, files.erase], ids=["unlink", "store-erase"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, discard: Callable[[Path], None] | None
) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"old")

    def chunks() -> Iterator[bytes]:
        yield b"half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        paths.write_atomic(target, chunks(), discard=discard)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_the_temporary_file_is_private_from_its_first_byte(tmp_path: Path) -> None:
    target = tmp_path / "state.bin"
    seen: list[int] = []

    def chunks() -> Iterator[bytes]:
        seen.append(_mode(paths.temp_name(target)))
        yield b"kv"

    old = os.umask(0)
    try:
        paths.write_atomic(target, chunks())
    finally:
        os.umask(old)
    assert seen == [0o600] and _mode(target) == 0o600
