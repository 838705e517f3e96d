"""阅读确认 (read and acknowledge): what people owe, the desk's 待阅读 page and the completion pages."""

MESSAGES: dict[str, tuple[str, str]] = {
    "reading.not-owed": ("{document} 第 {version} 版没有待您确认的阅读", "you owe no acknowledgement of {document} version {version}"),
    "reading.not-owed.hint": ("可能已经确认过，或该版本不适用于您的岗位；「待阅读」列出您需要确认的版本。",
                              "It may be acknowledged already, or not apply to your roles; 'To read' lists what you owe."),
}
