"""The reminder channels: `reminders:` in revise.yaml (read from main like the workflow's settings).

```yaml
reminders:
  smtp: {host: mail.example.com, port: 587, sender: revise@example.com, user: revise, password_env: REVISE_SMTP_PASSWORD, starttls: true}
  wecom: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${REVISE_WECOM_KEY}
  dingtalk: https://oapi.dingtalk.com/robot/send?access_token=${REVISE_DINGTALK_TOKEN}
  dingtalk_secret_env: REVISE_DINGTALK_SECRET   # 钉钉「加签」的密钥, when the robot uses signing
```

Secrets never come from the repository: the SMTP password from the environment variable named by
`password_env`, a robot's key through `${NAME}` in its URL. A URL that carries a key literally
(`key=`, `access_token=`) is refused, so a key committed by mistake is noticed, not used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from revise.errors import InputError
from revise.messages import t
from revise.workflow import gitstore
from revise.workflow.config import CONFIG_FILE, _parse

KEYS = ("smtp", "wecom", "dingtalk", "dingtalk_secret_env")
SMTP_KEYS = ("host", "port", "sender", "user", "password_env", "starttls", "ssl", "timeout")
SECRET_PARAMS = ("key", "access_token")
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Smtp:
    host: str
    port: int = 25
    sender: str = "revise@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False
    timeout: float = 20.0


@dataclass(frozen=True, slots=True)
class Channels:
    smtp: Smtp | None = None
    wecom: str | None = None
    dingtalk: str | None = None
    dingtalk_secret: str | None = None

    @property
    def names(self) -> list[str]:
        return [n for n in ("smtp", "wecom", "dingtalk") if getattr(self, n)]


def load(root: Path, env: dict[str, str] | None = None) -> Channels:
    """The channels of the repository at `root` (none configured: no channel)."""
    raw = gitstore.show(root, "refs/heads/main", CONFIG_FILE) if gitstore.is_repo(root) else None
    if raw is None and (root / CONFIG_FILE).is_file():
        raw = (root / CONFIG_FILE).read_bytes()
    data = _parse(raw) if raw else {}
    return from_data((data or {}).get("reminders") if isinstance(data, dict) else None, os.environ if env is None else env)


def from_data(data: Any, env: dict[str, str]) -> Channels:
    if data is None:
        return Channels()
    if not isinstance(data, dict) or set(data) - set(KEYS):
        extra = ", ".join(sorted(set(data) - set(KEYS))) if isinstance(data, dict) else str(data)
        raise _bad(t("remind.bad-config", reason=extra))
    secret_env = data.get("dingtalk_secret_env")
    return Channels(smtp=_smtp(data.get("smtp"), env), wecom=_url("wecom", data.get("wecom"), env),
                    dingtalk=_url("dingtalk", data.get("dingtalk"), env),
                    dingtalk_secret=_env(str(secret_env), "dingtalk", env) if secret_env else None)


def _smtp(data: Any, env: dict[str, str]) -> Smtp | None:
    if data is None:
        return None
    if isinstance(data, dict) and "password" in data:
        raise _bad(t("remind.password-in-file"))
    if not isinstance(data, dict) or not isinstance(data.get("host"), str) or set(data) - set(SMTP_KEYS):
        raise _bad(t("remind.bad-config", reason="smtp"))
    password = _env(str(data["password_env"]), "smtp", env) if data.get("password_env") else None
    try:
        return Smtp(host=data["host"], port=int(data.get("port", 25)), sender=str(data.get("sender", "revise@localhost")),
                    user=str(data["user"]) if data.get("user") else None, password=password,
                    starttls=bool(data.get("starttls", False)), ssl=bool(data.get("ssl", False)), timeout=float(data.get("timeout", 20)))
    except (TypeError, ValueError):
        raise _bad(t("remind.bad-config", reason="smtp")) from None


def _url(channel: str, value: Any, env: dict[str, str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise _bad(t("remind.bad-config", reason=channel))
    for name, given in parse_qsl(urlsplit(value).query, keep_blank_values=True):
        if name in SECRET_PARAMS and given and not VARIABLE.fullmatch(given):
            raise _bad(t("remind.secret-in-file", channel=channel, param=name))
    return VARIABLE.sub(lambda m: _env(m.group(1), channel, env), value)


def _env(name: str, channel: str, env: dict[str, str]) -> str:
    value = env.get(name)
    if not value:
        raise InputError(t("remind.missing-env", name=name, channel=channel), t("remind.bad-config.hint"))
    return value


def _bad(message: str) -> InputError:
    return InputError(f"{CONFIG_FILE}: {message}", t("remind.bad-config.hint"))
