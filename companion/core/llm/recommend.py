"""Models that suit this machine: the list in data/recommended.toml against its memory.

Headless; used by `companion model recommend` and the Models screen. The sizes in the list are
approximate and say so; what suits a machine is judged from its total RAM (can it run at all)
and its available RAM (can it run now, next to what is open).
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

GB = 1024**3
Fit = Literal["fits", "tight", "too big"]

FITNESS_EXPECTATION = (
    "The fitness check (`companion model check`) expects replies of the asked length with one "
    "question, no loops or stage directions, honesty about being a program, faithfulness to "
    "your own figures, and safe answers to the safety probes. Instruct models of 1-4B "
    "parameters at Q4_K_M usually manage this; the embedded 135M model is small and usually "
    "does not. Run the check after a pull to know."
)


@dataclass(frozen=True)
class Memory:
    """Bytes of RAM: all of it, and what is available now (None where unknown)."""

    total: int | None
    available: int | None


@dataclass(frozen=True)
class Suggestion:
    """One entry of recommended.toml."""

    name: str
    params: str
    file_gb: float
    min_ram_gb: float
    licence: str
    repo: str = ""
    file: str = ""
    embedded: bool = False
    note: str = ""

    @property
    def small(self) -> bool:
        return self.embedded

    @property
    def pull_command(self) -> str:
        return f"companion model pull {self.repo} {self.file}" if self.repo else ""

    @property
    def stem(self) -> str:
        """The name the model has once pulled (the file's stem)."""
        return Path(self.file).stem if self.file else ""

    def fit(self, memory: Memory) -> Fit:
        """ "fits" (enough RAM free now), "tight" (enough in total, not free now) or "too big"."""
        if memory.total is not None and memory.total < self.min_ram_gb * GB:
            return "too big"
        # running needs the file in memory plus the context and some room
        if memory.available is not None and memory.available < (self.file_gb + 0.5) * GB:
            return "tight"
        return "fits"


def read_memory(meminfo: Path = Path("/proc/meminfo")) -> Memory:
    """MemTotal and MemAvailable from /proc/meminfo, else os.sysconf where it knows them."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError, ValueError):
        for line in meminfo.read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("MemTotal", "MemAvailable"):
                values[key] = int(rest.split()[0]) * 1024
    total, available = values.get("MemTotal"), values.get("MemAvailable")
    if total is None:
        total = _sysconf("SC_PHYS_PAGES")
    if available is None:
        available = _sysconf("SC_AVPHYS_PAGES")
    return Memory(total, available)


def _sysconf(name: str) -> int | None:
    try:
        pages, size = os.sysconf(name), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return pages * size if pages > 0 and size > 0 else None


def suggestions() -> list[Suggestion]:
    """Every entry of data/recommended.toml, in its order (smallest first)."""
    text = (
        resources.files("companion.core.llm").joinpath("data/recommended.toml").read_text("utf-8")
    )
    entries = tomllib.loads(text)["model"]
    return [Suggestion(**entry) for entry in entries]


def gb(value: float | None) -> str:
    return "unknown" if value is None else f"{value / GB:.1f} GB"


def memory_line(memory: Memory) -> str:
    return f"This machine: {gb(memory.total)} of RAM, {gb(memory.available)} available now."
