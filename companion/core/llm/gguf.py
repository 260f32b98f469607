"""Read a GGUF file's header, metadata and tensor table without loading any weights.

Used by `companion model add/info` and before every load, so a text file, a truncated download
or a model without a chat template is reported as one sentence instead of a llama.cpp crash.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from companion.core.llm.errors import ModelUnavailable

MAGIC = b"GGUF"
_SCALARS: dict[int, str] = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9
# ggml type id -> (bytes per block, values per block), for the size of the last tensor.
_TYPE_SIZES: dict[int, tuple[int, int]] = {
    0: (4, 1),
    1: (2, 1),
    2: (18, 32),
    3: (20, 32),
    6: (22, 32),
    7: (24, 32),
    8: (34, 32),
    9: (36, 32),
    10: (84, 256),
    11: (110, 256),
    12: (144, 256),
    13: (176, 256),
    14: (210, 256),
    15: (292, 256),
    16: (66, 256),
    17: (74, 256),
    18: (98, 256),
    19: (50, 256),
    20: (18, 32),
    21: (110, 256),
    22: (82, 256),
    23: (136, 256),
    24: (1, 1),
    25: (2, 1),
    26: (4, 1),
    27: (8, 1),
    28: (8, 1),
    29: (56, 256),
    30: (2, 1),
    34: (54, 256),
    35: (66, 256),
    39: (17, 32),
}
# general.file_type -> the usual quantization name.
FILE_TYPES: dict[int, str] = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    36: "TQ1_0",
    37: "TQ2_0",
    38: "MXFP4",
}
_MAX_STRING = 16 * 1024 * 1024
# Bounds on what a header may ask us to read: real models stay far below them (the largest
# tokenizer vocabularies and merge lists hold well under 2 M items), a hostile or broken file
# that goes past them is refused at once instead of being walked for minutes.
MAX_ARRAY_ITEMS = 8_000_000
MAX_KV = 100_000
MAX_TENSORS = 1_000_000
MAX_DIMS = 8
MAX_HEADER_BYTES = 512 * 1024 * 1024


class _TooLarge(ValueError):
    """A header field is past the bounds above; str() names it."""


@dataclass(frozen=True)
class GGUFInfo:
    """What a GGUF file says about itself."""

    path: Path
    version: int
    file_size: int
    metadata: dict[str, Any]
    tensor_count: int
    parameters: int
    data_end: int  # bytes the file must have for every tensor to be present
    array_lengths: dict[str, int] = field(default_factory=dict)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", "unknown"))

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name") or self.path.stem)

    @property
    def context_length(self) -> int | None:
        value = self.metadata.get(f"{self.architecture}.context_length")
        return int(value) if value is not None else None

    @property
    def chat_template(self) -> str | None:
        value = self.metadata.get("tokenizer.chat_template")
        return str(value) if value else None

    @property
    def quantization(self) -> str:
        value = self.metadata.get("general.file_type")
        if value is None:
            return "unknown"
        return FILE_TYPES.get(int(value), f"type {value}")

    @property
    def sliding_window(self) -> int | None:
        value = self.metadata.get(f"{self.architecture}.attention.sliding_window")
        return int(value) if value else None

    @property
    def truncated(self) -> bool:
        return self.file_size < self.data_end

    def kv_cache_bytes(self, n_ctx: int) -> int:
        """f16 K and V for every layer at ``n_ctx`` tokens (an estimate)."""
        arch = self.architecture
        layers = int(self.metadata.get(f"{arch}.block_count", 0) or 0)
        embed = int(self.metadata.get(f"{arch}.embedding_length", 0) or 0)
        heads = _first_int(self.metadata.get(f"{arch}.attention.head_count")) or 1
        kv_heads = _first_int(self.metadata.get(f"{arch}.attention.head_count_kv")) or heads
        head_dim = int(self.metadata.get(f"{arch}.attention.key_length", 0) or 0) or (
            embed // heads if heads else 0
        )
        return 2 * 2 * layers * n_ctx * kv_heads * head_dim

    def estimated_ram(self, n_ctx: int) -> int:
        """Model file + KV cache + ~150 MB of compute buffers and runtime."""
        return self.file_size + self.kv_cache_bytes(n_ctx) + 150 * 1024 * 1024


def _first_int(value: Any) -> int | None:
    if isinstance(value, list):
        value = max(value) if value else None
    return int(value) if value is not None else None


class _Reader:
    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle

    def take(self, size: int) -> bytes:
        if self.handle.tell() + size > MAX_HEADER_BYTES:
            raise _TooLarge(f"its header is larger than {MAX_HEADER_BYTES // 2**20} MB")
        data = self.handle.read(size)
        if len(data) != size:
            raise EOFError
        return data

    def skip(self, size: int) -> None:
        """Move past ``size`` bytes without reading them (large arrays of numbers)."""
        end = self.handle.tell() + size
        if end > MAX_HEADER_BYTES:
            raise _TooLarge(f"its header is larger than {MAX_HEADER_BYTES // 2**20} MB")
        self.handle.seek(end)

    def scalar(self, kind: int) -> Any:
        fmt = _SCALARS[kind]
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def string(self) -> str:
        length = self.scalar(10)
        if length > _MAX_STRING:
            raise _TooLarge(f"it holds a string of {length:,} bytes")
        return self.take(length).decode("utf-8", errors="replace")

    def value(self, kind: int, key: str, lengths: dict[str, int]) -> Any:
        if kind == _STRING:
            return self.string()
        if kind == _ARRAY:
            item_kind = self.scalar(4)
            count = self.scalar(10)
            if item_kind == _ARRAY:
                raise _TooLarge(f"its metadata {key!r} is an array of arrays")
            if count > MAX_ARRAY_ITEMS:
                raise _TooLarge(f"its metadata {key!r} is an array of {count:,} items")
            lengths[key] = count
            keep = count <= 64  # tokenizer vocabularies are skipped, small arrays kept
            if not keep and item_kind in _SCALARS:
                self.skip(count * struct.calcsize(_SCALARS[item_kind]))
                return None
            items = []
            for _ in range(count):
                item = self.value(item_kind, key, lengths)
                if keep:
                    items.append(item)
            lengths[key] = count
            return items if keep else None
        if kind not in _SCALARS:
            raise ValueError(f"unknown value type {kind}")
        return self.scalar(kind)


def _open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file.

    Opened with O_NONBLOCK and checked with fstat on the open descriptor: a FIFO (or a device)
    in place of a model would otherwise block the open, or the reads, forever.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ModelUnavailable(
                f"{path} is not a regular file (a pipe, a device or a socket), "
                "so it cannot be a GGUF model file."
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_gguf(path: Path) -> GGUFInfo:
    """Parse ``path`` as GGUF; raise ModelUnavailable with a sentence when it is not one."""
    path = Path(path)
    if not path.exists():
        raise ModelUnavailable(f"The model file {path} does not exist.")
    if path.is_dir():
        raise ModelUnavailable(f"{path} is a folder, not a GGUF model file.")
    try:
        with _open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            reader = _Reader(handle)
            if handle.read(4) != MAGIC:
                raise ModelUnavailable(
                    f"{path} is not a GGUF model file (llama.cpp models end in .gguf)."
                )
            version = reader.scalar(4)
            if version not in (2, 3):
                raise ModelUnavailable(
                    f"{path} uses GGUF version {version}, which is not supported."
                )
            tensor_count = reader.scalar(10)
            kv_count = reader.scalar(10)
            if kv_count > MAX_KV or tensor_count > MAX_TENSORS:
                raise _TooLarge(
                    f"it claims {kv_count:,} metadata keys and {tensor_count:,} tensors"
                )
            metadata: dict[str, Any] = {}
            lengths: dict[str, int] = {}
            for _ in range(kv_count):
                key = reader.string()
                kind = reader.scalar(4)
                metadata[key] = reader.value(kind, key, lengths)
            alignment = int(metadata.get("general.alignment", 32) or 32)
            parameters = 0
            last_offset, last_size = 0, 0
            for _ in range(tensor_count):
                reader.string()
                n_dims = reader.scalar(4)
                if n_dims > MAX_DIMS:
                    raise _TooLarge(f"a tensor has {n_dims:,} dimensions")
                dims = [reader.scalar(10) for _ in range(n_dims)]
                kind = reader.scalar(4)
                offset = reader.scalar(10)
                count = 1
                for dim in dims:
                    count *= dim
                parameters += count
                if offset >= last_offset:
                    block_bytes, block_values = _TYPE_SIZES.get(kind, (0, 1))
                    last_offset, last_size = offset, count * block_bytes // block_values
            header_end = handle.tell()
    except _TooLarge as error:
        raise ModelUnavailable(
            f"{path} is not a usable GGUF model file: {error}, past what companion reads."
        ) from None
    except EOFError:
        raise ModelUnavailable(
            f"{path} is truncated (an incomplete download?): download it again."
        ) from None
    except (ValueError, UnicodeDecodeError, struct.error):
        raise ModelUnavailable(f"{path} is not a valid GGUF model file.") from None
    except OSError as error:
        raise ModelUnavailable(f"{path} cannot be read ({error.strerror}).") from None
    data_start = (header_end + alignment - 1) // alignment * alignment
    return GGUFInfo(
        path=path,
        version=version,
        file_size=size,
        metadata=metadata,
        tensor_count=tensor_count,
        parameters=parameters,
        data_end=data_start + last_offset + last_size if tensor_count else header_end,
        array_lengths=lengths,
    )


def check_gguf(path: Path) -> GGUFInfo:
    """read_gguf, plus the checks a chat model needs: complete file and a chat template."""
    info = read_gguf(path)
    if info.truncated:
        raise ModelUnavailable(
            f"{path} is truncated ({info.file_size:,} of {info.data_end:,} bytes): "
            "download it again."
        )
    if info.chat_template is None:
        raise ModelUnavailable(
            f"{path} has no chat template in its metadata, so it cannot be used for chat: "
            "choose an instruct/chat GGUF."
        )
    from companion.core.llm.jinja_render import check_isolated

    problem = check_isolated(info.chat_template)  # once, in a limited child process
    if problem is not None:
        raise ModelUnavailable(
            f"The chat template in {path} {problem}, so this model cannot be used for chat: "
            "choose another GGUF."
        )
    return info
