"""Crisis helplines, offline: read from ``data/helplines.json`` shipped with the package.

``for_country(code)`` gives a country's emergency number and services (how to reach each one,
hours, source URL, last-verified date), plus lines for people threatened or hurt by someone
(``abuse_services``) and for children at risk (``child_services``) where they are known with
confidence. ``guess_country()`` reads the locale. For anywhere not in the file, and while the
person has not said where they are, ``FIND_A_HELPLINE`` lists lines worldwide: the app never
falls back silently to one country's numbers (``resolve_country`` returns "" then).
"""

from __future__ import annotations

import contextlib
import json
import locale
import os
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


FIND_A_HELPLINE = "https://findahelpline.com"
DEFAULT_COUNTRY = "US"


@dataclass(frozen=True)
class Contact:
    """One way to reach a service: kind is "call", "text", "chat" or "email"."""

    kind: str
    value: str
    note: str = ""

    def describe(self) -> str:
        verb = {"call": "Call", "text": "Text", "chat": "Chat", "email": "Email"}.get(
            self.kind, self.kind.title()
        )
        return f"{verb} {self.value}" + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class Service:
    """A helpline: its name, how to reach it, its hours, its source and when it was checked."""

    name: str
    contacts: tuple[Contact, ...]
    hours: str
    source_url: str
    last_verified: date
    notes: str = ""


@dataclass(frozen=True)
class CountryHelplines:
    """A country's emergency number and helplines. ``known`` is False for a fallback entry."""

    code: str
    name: str
    emergency: str
    emergency_source: str
    last_verified: date
    services: tuple[Service, ...]
    known: bool = True
    abuse_services: tuple[Service, ...] = ()
    child_services: tuple[Service, ...] = ()


@cache
def _raw() -> dict[str, Any]:
    text = (
        resources.files("companion.core.safety").joinpath("data/helplines.json").read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def _service(raw: dict[str, Any]) -> Service:
    return Service(
        name=str(raw["name"]),
        contacts=tuple(
            Contact(str(c["kind"]), str(c["value"]), str(c.get("note", "")))
            for c in raw["contacts"]
        ),
        hours=str(raw["hours"]),
        source_url=str(raw["source_url"]),
        last_verified=date.fromisoformat(str(raw["last_verified"])),
        notes=str(raw.get("notes", "")),
    )


def country_codes() -> list[str]:
    """Two-letter codes of every country in the data file, sorted."""
    return sorted(_raw()["countries"])


def country_names() -> dict[str, str]:
    """Code -> country name for every country in the data file, in order of the name (a
    person looks for "United Kingdom", not for "GB")."""
    names = {code: str(entry["name"]) for code, entry in _raw()["countries"].items()}
    return dict(sorted(names.items(), key=lambda item: item[1].casefold()))


def for_country(code: str | None) -> CountryHelplines:
    """Helplines for a two-letter country code (any case).

    An unknown or empty code gives a fallback with no services, ``known=False`` and the
    advice to use the local emergency number and findahelpline.com.
    """
    key = (code or "").strip().upper()
    if key == "UK":
        key = "GB"
    entry = _raw()["countries"].get(key)
    if entry is None:
        return CountryHelplines(
            code=key,
            name=key or "Unknown",
            emergency="your local emergency number",
            emergency_source=FIND_A_HELPLINE,
            last_verified=date.min,
            services=(),
            known=False,
        )
    return CountryHelplines(
        code=key,
        name=str(entry["name"]),
        emergency=str(entry["emergency"]),
        emergency_source=str(entry["emergency_source"]),
        last_verified=date.fromisoformat(str(entry["last_verified"])),
        services=tuple(_service(s) for s in entry["services"]),
        abuse_services=tuple(_service(s) for s in entry.get("abuse_services", [])),
        child_services=tuple(_service(s) for s in entry.get("child_services", [])),
    )


def guess_country(default: str = DEFAULT_COUNTRY) -> str:
    """A two-letter country code guessed from the locale (LC_ALL, LC_MESSAGES, LANG...).

    Returns ``default`` when the locale names no known country (e.g. "C" or "POSIX").
    """
    candidates = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    known = set(_raw()["countries"])
    for value in candidates:
        base = value.split(".")[0].split("@")[0]
        parts = base.replace("-", "_").split("_")
        if len(parts) >= 2:
            code = parts[-1].upper()
            if code == "UK":
                code = "GB"
            if code in known:
                return code
    return default


COUNTRY_ASKED_KEY = "country_asked_utc"


def resolve_country(db: Database | None = None) -> str:
    """The person's country: the stored setting "country", else config.country, else the locale.

    "" when none of them names a country in the data file (an encrypted store that is not open,
    a "C" locale): callers show findahelpline.com and ask once (``should_ask_country``), never
    one country's numbers by default.
    """
    if db is not None:
        from companion.core.store.app_state import get_setting

        stored = get_setting(db, "country")
        if isinstance(stored, str) and stored.strip():
            return stored.strip().upper()
    try:
        from companion.core.config import load_settings

        configured = load_settings().country
    except Exception:  # an invalid config must not block the way to help
        configured = ""
    if configured.strip():
        return configured.strip().upper()
    return guess_country(default="")


def should_ask_country(db: Database | None) -> bool:
    """True when no country is known and the person has not been asked yet (ask once)."""
    if resolve_country(db):
        return False
    if db is None:
        return True
    from companion.core.store.app_state import get_setting

    try:
        return not get_setting(db, COUNTRY_ASKED_KEY)
    except Exception:
        return True


def mark_country_asked(db: Database | None) -> None:
    """Remember that the person was asked (whether or not they answered)."""
    if db is None:
        return
    from companion.core.clock import iso, utc_now
    from companion.core.store.app_state import set_setting

    with contextlib.suppress(Exception):
        set_setting(db, COUNTRY_ASKED_KEY, iso(utc_now()))


def render_helplines(entry: CountryHelplines) -> str:
    """Plain text: the emergency number, each service and how to reach it, findahelpline.com
    (drawn from ``help_view``, the one render model)."""
    from companion.core.safety.help_text import sos_lines_text
    from companion.core.safety.help_view import help_view

    return sos_lines_text(help_view(entry))
