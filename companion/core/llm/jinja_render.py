"""Rendering a model's chat template (Jinja from the GGUF file) with bounds on what it may cost.

A chat template is code that comes with a downloaded file. Jinja's sandbox stops it reaching
Python internals but not from hanging or eating memory: ``{% for i in range(100000) %}`` nested
twice never ends, and ``{{ 'A' * 3000000000 }}`` asked for 6 GB. Two layers bound that:

1. ``check_isolated`` renders the template once, at `model add` and before every load, in a
   child process with a CPU and wall-clock limit (5 s) and an address-space limit (1 GiB). A
   template that times out, runs out of memory or fails is refused with one sentence. Only a
   separate process can be stopped safely whatever the template does.
2. Every render in the app goes through ``BoundedEnvironment``: repetition (``*``, ``**``,
   ``%`` and the padding string methods/filters) may not build more than ``MAX_CHARS``
   characters, ``range`` hands out at most ``MAX_RANGE_ITEMS`` items per render in total, and
   the prompt may not exceed ``MAX_CHARS``. So a template that behaves only on the probe
   conversation still cannot hang a chat for long or grow without bound.

The environment mirrors llama-cpp-python's ``Jinja2ChatFormatter`` (same options, extensions,
``tojson`` and variables), so prompts are rendered exactly as before.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import jinja2
import jinja2.ext
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_CHARS = 4_000_000  # the longest string a render may build, the prompt included
MAX_RANGE_ITEMS = 1_000_000  # items all range() calls of one render may produce together
CHECK_SECONDS = 5.0
CHECK_MEMORY = 1024 * 1024 * 1024
_WIDTH = re.compile(r"%[-+ #0]*(\d+)")
_GROWING_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"}


class TemplateTooCostly(SecurityError):
    """The template tried to build too much or loop too long."""


class _IgnoreGenerationTags(jinja2.ext.Extension):
    """Pass-through for HuggingFace's ``{% generation %}`` tag (as llama-cpp-python does)."""

    tags = {"generation"}

    def parse(self, parser: Any) -> Any:
        parser.stream.skip(1)
        return parser.parse_statements(("name:endgeneration",), drop_needle=True)


def _tojson(
    x: Any,
    ensure_ascii: bool = False,
    indent: int | None = None,
    separators: tuple[str, str] | None = None,
    sort_keys: bool = False,
) -> str:
    return json.dumps(
        x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox plus limits on repetition, padding, range() and output size."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            loader=jinja2.BaseLoader(),
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=[_IgnoreGenerationTags, jinja2.ext.loopcontrols],
        )
        self.filters["tojson"] = _tojson
        for name in ("center", "indent", "wordwrap", "truncate"):
            self.filters[name] = self._bounded_filter(self.filters[name])
        self.globals["range"] = self._range
        self._budget = threading.local()

    # -- limits ----------------------------------------------------------------------------
    def start_render(self) -> None:
        self._budget.items = MAX_RANGE_ITEMS

    def _range(self, *args: int) -> range:
        items = range(*args)
        left = getattr(self._budget, "items", MAX_RANGE_ITEMS) - len(items)
        if left < 0:
            raise TemplateTooCostly("the chat template loops too many times")
        self._budget.items = left
        return items

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int) and _size(seq) * times > MAX_CHARS:
                    raise TemplateTooCostly("the chat template builds a huge string")
        if operator == "%" and isinstance(left, str):
            widths = [int(w) for w in _WIDTH.findall(left)]
            if any(w > MAX_CHARS for w in widths):
                raise TemplateTooCostly("the chat template builds a huge string")
        if operator == "**" and isinstance(right, int | float) and abs(right) > 128:
            raise TemplateTooCostly("the chat template computes a huge number")
        result = super().call_binop(context, operator, left, right)
        if _size(result) > MAX_CHARS:
            raise TemplateTooCostly("the chat template builds a huge string")
        return result

    def call(
        __self,
        __context: Any,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        name = getattr(__obj, "__name__", "")
        if isinstance(getattr(__obj, "__self__", None), str) and name in _GROWING_METHODS:
            widths = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
            if any(w > MAX_CHARS for w in widths):
                raise TemplateTooCostly("the chat template builds a huge string")
        result = super().call(__context, __obj, *args, **kwargs)
        if _size(result) > MAX_CHARS:
            raise TemplateTooCostly("the chat template builds a huge string")
        return result

    def _bounded_filter(self, original: Any) -> Any:
        def bounded(*args: Any, **kwargs: Any) -> Any:
            widths = [a for a in (*args[1:], *kwargs.values()) if isinstance(a, int)]
            if any(w > MAX_CHARS for w in widths):
                raise TemplateTooCostly("the chat template builds a huge string")
            return original(*args, **kwargs)

        for attribute in ("jinja_pass_arg",):
            if hasattr(original, attribute):
                setattr(bounded, attribute, getattr(original, attribute))
        return bounded


class BoundedFormatter:
    """Renders a chat template like llama-cpp-python's Jinja2ChatFormatter, within bounds."""

    def __init__(self, template: str, *, bos_token: str = "", eos_token: str = "") -> None:
        self._environment = BoundedEnvironment()
        self._template = self._environment.from_string(template)
        self.bos_token = bos_token
        self.eos_token = eos_token

    def render(self, messages: Sequence[dict[str, str]]) -> str:
        def raise_exception(message: str) -> None:
            raise ValueError(message)

        self._environment.start_render()
        pieces: list[str] = []
        length = 0
        stream: Iterator[str] = self._template.generate(
            messages=[dict(m) for m in messages],
            eos_token=self.eos_token,
            bos_token=self.bos_token,
            raise_exception=raise_exception,
            add_generation_prompt=True,
            functions=None,
            function_call=None,
            tools=None,
            tool_choice=None,
            strftime_now=lambda f: datetime.now().strftime(f),
        )
        for piece in stream:
            length += len(piece)
            if length > MAX_CHARS:
                raise TemplateTooCostly("the chat template writes a huge prompt")
            pieces.append(piece)
        return "".join(pieces)


PROBES: tuple[tuple[dict[str, str], ...], ...] = (
    ({"role": "system", "content": "S"}, {"role": "user", "content": "U"}),
    (
        {"role": "system", "content": "S"},
        {"role": "user", "content": "U1"},
        {"role": "assistant", "content": "A1"},
        {"role": "user", "content": "U2"},
    ),
    tuple({"role": ("user", "assistant")[i % 2], "content": f"turn {i}"} for i in range(21)),
)


def probe(template: str, bos_token: str = "<s>", eos_token: str = "</s>") -> None:
    """Render the probe conversations in this process (what the child of check_isolated runs).
    A template that refuses a system message is fine here: ChatTemplate handles that."""
    formatter = BoundedFormatter(template, bos_token=bos_token, eos_token=eos_token)
    for messages in PROBES:
        try:
            formatter.render(messages)
        except (TemplateTooCostly, MemoryError, RecursionError):
            raise
        except Exception:  # e.g. raise_exception("System role not supported"): not a cost
            continue


def _limit_child() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHECK_MEMORY, CHECK_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (int(CHECK_SECONDS) + 1, int(CHECK_SECONDS) + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def check_isolated(template: str) -> str | None:
    """Render the template once in a limited child process; None if it is fine, else what is
    wrong (a phrase to put in a sentence)."""
    code = (
        "import sys\nfrom jinja2 import TemplateSyntaxError\n"
        "from companion.core.llm.jinja_render import probe\n"
        "try:\n    probe(sys.stdin.read())\n"
        "except TemplateSyntaxError:\n    sys.exit(6)\n"
        "except MemoryError:\n    sys.exit(3)\n"
        "except RecursionError:\n    sys.exit(4)\n"
        "except Exception:\n    sys.exit(5)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_PASS")}
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            input=template.encode("utf-8", "replace"),
            capture_output=True,
            timeout=CHECK_SECONDS,
            preexec_fn=_limit_child if sys.platform != "win32" else None,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"takes longer than {CHECK_SECONDS:.0f} seconds to render"
    except OSError as error:
        return f"could not be checked ({error.strerror})"
    if result.returncode == 0:
        return None
    if result.returncode == 3 or b"MemoryError" in result.stderr:
        return f"needs more than {CHECK_MEMORY // 2**20:,} MB to render"
    if result.returncode == 4:
        return "recurses too deeply"
    if result.returncode == 5:
        return "tries to build too much or loop too long"
    if result.returncode == 6:
        return "is not valid Jinja"
    if result.returncode < 0:
        return "takes too long or too much memory to render"
    return "fails to render"
