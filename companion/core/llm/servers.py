"""Local model servers the person already runs (Ollama, llama.cpp's llama-server, LM Studio).

A server is registered with `companion model add --server URL --name NAME` and kept as a small
TOML file ``NAME.server.toml`` in the models dir. This is the one place the app opens a network
socket at run time, and only to the server the person named:

- loopback addresses only (127.0.0.0/8, ::1; ``localhost`` must resolve to loopback);
- another private address (home network, VPN) only when it was added with ``allow_lan``, which
  means the conversation text leaves this process for that machine;
- never a public address.

The check runs when the server is added and again before every connection (a name could resolve
elsewhere later), and the connection goes to the address that was checked.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from companion.core import paths
from companion.core.llm.errors import ModelUnavailable

SUFFIX = ".server.toml"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
LAN_WARNING = (
    "With --allow-lan, what you write in chat leaves this process and travels over your network "
    "to {host}, and that machine's server sees all of it."
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(ModelUnavailable):
    """The server's address is not one the app will send conversation text to."""


@dataclass(frozen=True)
class ServerSpec:
    """A registered OpenAI-compatible server: where it is and which model it serves."""

    name: str
    url: str  # the API base, e.g. http://127.0.0.1:11434/v1
    model_id: str = ""  # the server's own model name; empty: the server's only model
    allow_lan: bool = False
    n_ctx: int = 0  # the context window the server was started with; 0: the app's n_ctx

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        parts = urlsplit(self.url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    @property
    def base_path(self) -> str:
        return urlsplit(self.url).path.rstrip("/")

    @property
    def https(self) -> bool:
        return urlsplit(self.url).scheme == "https"


def normalise_url(url: str) -> str:
    """The API base URL, checked for shape (scheme, host, no credentials); ValueError if bad."""
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{url!r} is not an http:// or https:// address")
    if not parts.hostname:
        raise ValueError(f"{url!r} has no host name")
    if parts.username or parts.password:
        raise ValueError(f"{url!r} carries a user name or password; leave them out")
    if parts.query or parts.fragment:
        raise ValueError(f"{url!r} has a query or fragment; give only the API base")
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        raise ValueError(f"{url!r} has an invalid port") from None
    path = parts.path.rstrip("/")
    if path.endswith("/chat/completions"):
        path = path[: -len("/chat/completions")]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _plain(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def classify(address: IPAddress) -> str:
    """ "loopback", "lan" (private, link-local or shared address space) or "public"."""
    address = _plain(address)
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified or address.is_multicast or address.is_global:
        return "public"
    return "lan"


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        names = lookup(host, port)
    except (OSError, UnicodeError) as error:
        raise ModelUnavailable(
            f"The server name {host!r} could not be resolved ({error}): check the address."
        ) from None
    found: list[IPAddress] = []
    for name in names:
        address = ipaddress.ip_address(name.split("%")[0])
        if address not in found:
            found.append(address)
    return found


def lookup(host: str, port: int) -> list[str]:
    """The system resolver's addresses for ``host`` (its own function so tests can stand in)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def checked_address(host: str, port: int, *, allow_lan: bool) -> IPAddress:
    """The address to connect to, after checking every address ``host`` resolves to.

    Raises AddressRefused (one sentence) for a public address, or a private one without
    ``allow_lan``."""
    addresses = resolve(host, port)
    if not addresses:
        raise ModelUnavailable(f"The server name {host!r} resolved to no address.")
    kinds = {address: classify(address) for address in addresses}
    public = [str(a) for a, kind in kinds.items() if kind == "public"]
    if public:
        raise AddressRefused(
            f"{host} is a public address ({', '.join(public)}): companion only talks to a model "
            "server on this machine or, with --allow-lan, on your own network."
        )
    lan = [str(a) for a, kind in kinds.items() if kind == "lan"]
    if lan and not allow_lan:
        raise AddressRefused(
            f"{host} ({', '.join(lan)}) is another machine on your network: add the server with "
            "--allow-lan if you want conversation text to go there."
        )
    return addresses[0]


def server_file(name: str) -> Path:
    return paths.models_dir() / f"{name}{SUFFIX}"


def valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.fullmatch(name)) and not name.lower().endswith(".gguf")


def save_server(spec: ServerSpec) -> Path:
    """Write ``NAME.server.toml`` (0600) in the models dir."""
    import tomlkit

    folder = paths.ensure_private_dir(paths.models_dir())
    document = tomlkit.document()
    document.add(tomlkit.comment("A local model server added with `companion model add --server`."))
    document["url"] = spec.url
    document["model_id"] = spec.model_id
    document["allow_lan"] = spec.allow_lan
    document["n_ctx"] = spec.n_ctx
    target = folder / f"{spec.name}{SUFFIX}"
    paths.write_private_text(target, tomlkit.dumps(document))
    return target


def load_server(path: Path) -> ServerSpec:
    """Read a ``NAME.server.toml``; ModelUnavailable naming the file when it is not valid."""
    name = path.name[: -len(SUFFIX)]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        url = normalise_url(str(data["url"]))
        model_id = str(data.get("model_id", ""))
        allow_lan = data.get("allow_lan", False)
        n_ctx = data.get("n_ctx", 0)
        if not isinstance(allow_lan, bool) or not isinstance(n_ctx, int) or n_ctx < 0:
            raise ValueError("allow_lan must be true or false and n_ctx a whole number")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, ValueError) as error:
        raise ModelUnavailable(
            f"{path} is not a valid server file ({error}): add the server again."
        ) from None
    return ServerSpec(name, url, model_id, allow_lan, n_ctx)


def server_files() -> list[Path]:
    folder = paths.models_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX))
