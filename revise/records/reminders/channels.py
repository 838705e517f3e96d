"""Delivering one reminder: by e-mail (smtplib) or to a group robot (企业微信, 钉钉: a JSON POST).

Each `send_*` returns None or raises `Undelivered` with the reason; nothing else escapes.

- 企业微信群机器人: POST `{"msgtype": "text", "text": {"content": …}}` to the robot's webhook URL;
  the answer is `{"errcode": 0, "errmsg": "ok"}` when accepted.
- 钉钉自定义机器人: POST `{"msgtype": "text", "text": {"content": …}, "at": {"atMobiles": [], "isAtAll": false}}`;
  a robot with 加签 also takes `timestamp` (ms) and `sign` = urlencode(base64(HMAC-SHA256(secret,
  "timestamp\\nsecret"))) in the URL; the answer is `{"errcode": 0, …}` when accepted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from urllib.parse import quote_plus

from revise.messages import t
from revise.records.reminders.config import Channels, Smtp
from revise.records.reminders.sources import Reminder

TIMEOUT = 15.0


class Undelivered(Exception):
    """A delivery that did not happen, and why (kept in the reminder log)."""


def send(channel: str, reminder: Reminder, channels: Channels) -> None:
    try:
        if channel == "smtp":
            assert channels.smtp is not None
            send_mail(channels.smtp, reminder)
        elif channel == "wecom":
            assert channels.wecom is not None
            post_robot(channels.wecom, {"msgtype": "text", "text": {"content": robot_text(reminder)}})
        elif channel == "dingtalk":
            assert channels.dingtalk is not None
            url = signed(channels.dingtalk, channels.dingtalk_secret) if channels.dingtalk_secret else channels.dingtalk
            post_robot(url, {"msgtype": "text", "text": {"content": robot_text(reminder)}, "at": {"atMobiles": [], "isAtAll": False}})
        else:
            raise Undelivered(channel)
    except Undelivered:
        raise
    except (OSError, smtplib.SMTPException, http.client.HTTPException, ValueError, UnicodeError) as exc:
        raise Undelivered(f"{type(exc).__name__}: {exc}") from None


def send_mail(cfg: Smtp, reminder: Reminder) -> None:
    msg = EmailMessage()
    msg["Subject"] = reminder.subject
    msg["From"] = cfg.sender
    msg["To"] = formataddr((reminder.name, reminder.recipient))
    msg["Message-ID"] = make_msgid(domain=cfg.sender.rsplit("@", 1)[-1] or None)
    msg.set_content(reminder.body)
    client: smtplib.SMTP = (smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=ssl.create_default_context())
                            if cfg.ssl else smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout))
    with client:
        if cfg.starttls and not cfg.ssl:
            client.starttls(context=ssl.create_default_context())
        if cfg.user and cfg.password:
            client.login(cfg.user, cfg.password)
        client.send_message(msg)


def robot_text(reminder: Reminder) -> str:
    return t("remind.robot-line", subject=reminder.subject, person=reminder.name) + "\n" + reminder.body


def signed(url: str, secret: str, now_ms: int | None = None) -> str:
    """钉钉加签: the URL with `timestamp` and `sign` appended."""
    stamp = str(now_ms if now_ms is not None else round(time.time() * 1000))
    digest = hmac.new(secret.encode("utf-8"), f"{stamp}\n{secret}".encode("utf-8"), hashlib.sha256).digest()
    return f"{url}{'&' if '?' in url else '?'}timestamp={stamp}&sign={quote_plus(base64.b64encode(digest))}"


def post_robot(url: str, payload: dict[str, object]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 — the configured https/http robot URL
            raw = answer.read(65536)
    except urllib.error.HTTPError as exc:
        raise Undelivered(t("remind.http-status", status=exc.code, body=exc.read(300).decode("utf-8", "replace"))) from None
    try:
        reply = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Undelivered(t("remind.http-status", status=200, body=raw[:300].decode("utf-8", "replace"))) from None
    if not isinstance(reply, dict) or reply.get("errcode", 0) != 0:
        code = reply.get("errcode") if isinstance(reply, dict) else "?"
        message = reply.get("errmsg") if isinstance(reply, dict) else raw[:300].decode("utf-8", "replace")
        raise Undelivered(t("remind.robot-error", code=code, message=message))
