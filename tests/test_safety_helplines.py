"""Offline helplines: coverage, fields, and freshness (a stale entry fails the suite)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

import pytest
from sqlite_utils import Database

from companion.core.safety import helplines
from companion.core.safety.helplines import (
    FIND_A_HELPLINE,
    country_codes,
    for_country,
    guess_country,
    render_helplines,
)

MAX_AGE = timedelta(days=365)


def _raw() -> dict:  # type: ignore[type-arg]
    text = (
        resources.files("companion.core.safety").joinpath("data/helplines.json").read_text("utf-8")
    )
    return json.loads(text)  # type: ignore[no-any-return]


def stale_entries(today: date) -> list[str]:
    """Every country or service whose last-verified date is more than 12 months before today."""
    stale = []
    for code in country_codes():
        entry = for_country(code)
        if today - entry.last_verified > MAX_AGE:
            stale.append(f"{code} (emergency number)")
        for service in entry.services:
            if today - service.last_verified > MAX_AGE:
                stale.append(f"{code}: {service.name} ({service.last_verified})")
            if service.last_verified > today:
                stale.append(f"{code}: {service.name} verified in the future")
    return stale


def test_at_least_30_countries() -> None:
    assert len(country_codes()) >= 30


def test_every_entry_is_complete() -> None:
    for code in country_codes():
        assert len(code) == 2 and code.isupper()
        entry = for_country(code)
        assert entry.known and entry.name and entry.emergency
        assert entry.emergency_source.startswith(("https://", "http://"))
        assert entry.services, code
        for service in entry.services:
            assert service.name and service.hours, (code, service)
            assert service.source_url.startswith(("https://", "http://")), (code, service)
            assert service.contacts, (code, service)
            for contact in service.contacts:
                assert contact.kind in {"call", "text", "chat", "email"}, contact
                assert contact.value.strip(), contact
                if contact.kind == "chat":
                    assert contact.value.startswith("https://"), contact


def test_every_entry_has_a_last_verified_date() -> None:
    for entry in _raw()["countries"].values():
        date.fromisoformat(entry["last_verified"])
        for service in entry["services"]:
            date.fromisoformat(service["last_verified"])


def test_no_entry_is_older_than_12_months_today() -> None:
    stale = stale_entries(date.today())
    assert not stale, "Re-verify these helplines at their source and update last_verified: " + (
        "; ".join(stale)
    )


def test_the_freshness_check_can_fail() -> None:
    # With "today" injected 13 months after the newest date, every entry is stale.
    newest = max(
        service.last_verified for code in country_codes() for service in for_country(code).services
    )
    assert stale_entries(newest + timedelta(days=396))
    assert not stale_entries(newest)


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("US", "988"),
        ("US", "741741"),
        ("GB", "116 123"),
        ("IE", "116 123"),
        ("CA", "988"),
        ("AU", "13 11 14"),
        ("NZ", "1737"),
    ],
)
def test_well_known_numbers(code: str, number: str) -> None:
    values = [c.value for s in for_country(code).services for c in s.contacts]
    assert number in values


def test_us_988_by_call_and_text_and_nz_1737_by_call_and_text() -> None:
    for code, number in (("US", "988"), ("CA", "988"), ("NZ", "1737")):
        kinds = {
            c.kind for s in for_country(code).services for c in s.contacts if c.value == number
        }
        assert {"call", "text"} <= kinds


def test_lookup_is_case_insensitive_and_uk_means_gb() -> None:
    assert for_country("gb").code == "GB"
    assert for_country("uk").code == "GB"


def test_unknown_country_falls_back_to_findahelpline() -> None:
    entry = for_country("ZZ")
    assert not entry.known and entry.services == ()
    assert FIND_A_HELPLINE in render_helplines(entry)
    assert FIND_A_HELPLINE == "https://findahelpline.com"


def test_render_names_emergency_hours_and_findahelpline() -> None:
    text = render_helplines(for_country("AU"))
    assert "000" in text and "13 11 14" in text and "24/7" in text
    assert FIND_A_HELPLINE in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en_GB.UTF-8", "GB"), ("de_AT.UTF-8", "AT"), ("pt_BR", "BR"), ("en_NZ", "NZ"), ("C", "US")],
)
def test_guess_country_from_locale(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", lang)
    monkeypatch.setattr("locale.getlocale", lambda: (None, None))
    assert guess_country() == expected


def test_resolve_country_prefers_stored_setting_then_config(
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from companion.core.store.app_state import set_setting

    monkeypatch.setenv("COMPANION_COUNTRY", "NZ")
    assert helplines.resolve_country(db) == "NZ"
    set_setting(db, "country", "ie")
    assert helplines.resolve_country(db) == "IE"
