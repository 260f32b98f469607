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
