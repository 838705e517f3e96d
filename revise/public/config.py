"""The `public:` section of the repository's `revise.yaml`, read tolerantly.

    public:
      name: 悦选商城客户服务中心   # the public site's and the notice's signature
      sender: 悦选商城             # the SMS signature 【悦选商城】 and the app push's first words

A missing file or section gives the defaults; a present but wrong value is an `InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revise.errors import InputError
from revise.messages import t
from revise.workflow.config import working_section

MAX_SENDER = 12  # an SMS holds 70 characters: a long signature leaves no room for the message


@dataclass(frozen=True)
class PublicConfig:
    name: str = "客户服务中心"
    sender: str = "客服中心"


def load(root: Path) -> PublicConfig:
    """The public settings of the repository at `root` (defaults when absent)."""
    return from_data(working_section(root, "public"))


def from_data(section: dict[str, Any]) -> PublicConfig:
    default = PublicConfig()
    name, sender = section.get("name", default.name), section.get("sender", default.sender)
    if not isinstance(name, str) or not name.strip():
        raise InputError(t("public.bad-config", key="name", value=name), t("public.bad-config.hint", most=MAX_SENDER))
    if not isinstance(sender, str) or not sender.strip() or len(sender.strip()) > MAX_SENDER:
        raise InputError(t("public.bad-config", key="sender", value=sender), t("public.bad-config.hint", most=MAX_SENDER))
    return PublicConfig(name.strip(), sender.strip())
