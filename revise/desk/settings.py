"""The desk's settings: `desk:` in revise.yaml (the checkout's own), overridden by `revise serve` flags."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from revise.errors import InputError, UsageError
from revise.messages import t

MODES = ("header", "password", "demo")
KEYS = ("auth", "header", "trusted_proxies", "remote", "data", "database", "host", "port", "fetch_interval")


@dataclass(frozen=True, slots=True)
class Settings:
    """How the desk runs. `source` is the checkout it was started in; `data` its own folder."""

    source: Path
    data: Path
    auth: str = "password"
    header: str = "X-Remote-User"
    trusted_proxies: tuple[str, ...] = ()
    remote: str = "origin"  # "" in demo mode without a remote: a sandbox copy in the data folder
    database: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    fetch_interval: float = 3.0
    handbook: Path | None = None
    session_hours: float = 8.0
    secure_cookies: bool = False

    @property
    def loopback_only(self) -> bool:
        return is_loopback(self.host)

    def trusts(self, address: str | None) -> bool:
        """Whether a request from `address` may name its person in the sign-in header."""
        if not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in ipaddress.ip_network(p, strict=False) for p in self.trusted_proxies)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def from_file(source: Path) -> dict[str, Any]:
    """The `desk:` mapping of `revise.yaml` in the checkout (empty when there is none)."""
    path = source / "revise.yaml"
    if not path.is_file():
        return {}
    from revise.corpus.yamlsafe import YamlProblem, decode, parse
    try:
        data = parse(decode(path.read_bytes())).data
    except YamlProblem as exc:
        raise InputError(f"revise.yaml:{exc.line}:{exc.column}: {exc.message}", exc.hint) from None
    desk = (data or {}).get("desk") if isinstance(data, dict) else None
    if desk is None:
        return {}
    if not isinstance(desk, dict) or set(desk) - set(KEYS):
        raise InputError(t("desk.bad-config", keys=", ".join(sorted(set(desk) - set(KEYS))) if isinstance(desk, dict) else "desk"),
                         t("desk.bad-config.hint", keys=", ".join(KEYS)))
    return desk


def resolve(source: Path, flags: dict[str, Any]) -> Settings:
    """Settings from revise.yaml's `desk:` and the flags (a flag given wins)."""
    merged = {**from_file(source), **{k: v for k, v in flags.items() if v not in (None, [], ())}}
    data = Path(merged.get("data") or source / ".revise-desk")
    if not data.is_absolute():
        data = source / data
    proxies = merged.get("trusted_proxies") or ()
    proxies = tuple([proxies] if isinstance(proxies, str) else proxies)
    for p in proxies:
        try:
            ipaddress.ip_network(str(p), strict=False)
        except ValueError:
            raise UsageError(t("desk.bad-proxy", value=p)) from None
    s = Settings(source=source, data=data.resolve(), trusted_proxies=tuple(str(p) for p in proxies))
    for key in ("auth", "header", "remote", "database", "host"):
        if merged.get(key) is not None:
            s = replace(s, **{key: str(merged[key])})
    if merged.get("port") is not None:
        s = replace(s, port=int(merged["port"]))
    if merged.get("fetch_interval") is not None:
        s = replace(s, fetch_interval=float(merged["fetch_interval"]))
    if s.auth == "demo" and merged.get("remote") is None:
        s = replace(s, remote="")
    if s.auth not in MODES:
        raise UsageError(t("desk.bad-auth", mode=s.auth, modes=", ".join(MODES)))
    if s.auth == "demo" and not s.loopback_only:
        raise UsageError(t("desk.demo-public", host=s.host), t("desk.demo-public.hint"))
    if s.auth == "header" and not s.trusted_proxies:
        raise UsageError(t("desk.header-no-proxy"), t("desk.header-no-proxy.hint"))
    return s
