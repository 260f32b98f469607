"""Tiny GGUF files for tests (header and metadata only, no tensors)."""

from __future__ import annotations

import struct


def gguf_bytes(metadata: dict[str, str]) -> bytes:
    """A minimal GGUF v3 file with string metadata and no tensors."""
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(metadata))
    for key, value in metadata.items():
        encoded_key, encoded_value = key.encode(), value.encode()
        out += struct.pack("<Q", len(encoded_key)) + encoded_key + struct.pack("<I", 8)
        out += struct.pack("<Q", len(encoded_value)) + encoded_value
    return out


def _string(text: str) -> bytes:
    encoded = text.encode()
    return struct.pack("<Q", len(encoded)) + encoded


def gguf_with_array(
    key: str,
    count: int,
    item_kind: int = 4,
    nested: bool = False,
    extra: dict[str, str] | None = None,
) -> bytes:
    """A GGUF v3 header whose metadata ``key`` is an array of ``count`` u32 items (the items
    are not written: the reader must refuse or skip before needing them), or, with ``nested``,
    an array of arrays."""
    metadata = dict(extra or {})
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(metadata) + 1)
    for name, value in metadata.items():
        out += _string(name) + struct.pack("<I", 8) + _string(value)
    out += _string(key) + struct.pack("<I", 9)
    if nested:
        out += struct.pack("<IQ", 9, 1) + struct.pack("<IQ", 4, 1) + struct.pack("<I", 7)
    else:
        out += struct.pack("<IQ", item_kind, count)
    return out
