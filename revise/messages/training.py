"""People's records: training records (培训与考核记录), reminders (提醒), and the desk's pages for them."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- training records --------------------------------------------------------------------------
    "train.bad-source": ("培训记录的来源「{source}」无效：应为 {allowed} 之一", "training record source '{source}' is not one of {allowed}"),
    "train.incomplete": ("培训记录必须写明人员、文档和条款", "a training record must name the person, the document and the clause"),
    "train.bad-score": ("成绩 {score} 无效：应在 0 到 1 之间", "score {score} is not between 0 and 1"),
    "train.moodle-empty": ("{path} 是空文件", "{path} is empty"),
    "train.moodle-hint": ("上传 Moodle 测验的「成绩」报表（结果 → 成绩 → 下载 CSV），以及生成该测验时一并下载的题库 JSON。",
                          "Upload the Moodle quiz's Grades report (Results → Grades → download as CSV) and the JSON bank downloaded with the same quiz."),
    "train.moodle-no-email": ("{path} 没有「Email address / 电子邮件地址」列（第一行是：{columns}）", "{path} has no 'Email address' column (its first row: {columns})"),
    "train.moodle-no-such-question": ("题库只有 {total} 道题，没有第 {n} 题", "the bank has {total} {total|question|questions}, no question {n}"),
    "train.moodle-gone": ("题目 {id} 所考的 {document} 条款已不在主分支上", "question {id} tests a clause of {document} that is no longer on main"),
    "train.moodle-no-marks": ("该题满分为 0", "the question is worth no marks"),
    "train.bad-bank": ("题库文件无效：{reason}", "the bank file is not valid: {reason}"),
    # --- reminders ---------------------------------------------------------------------------------
    "remind.bad-config": ("reminders 设置无效：{reason}", "reminders is not valid: {reason}"),
    "remind.password-in-file": ("reminders.smtp 里直接写了密码：密码不能放进仓库，请改用 password_env 指定环境变量",
                                "reminders.smtp holds a password: passwords must not be kept in the repository; name an environment variable with password_env"),
    "remind.bad-config.hint": ("写法：reminders: {{smtp: {{host, port, sender, user, password_env, starttls}}, wecom: URL, dingtalk: URL}}；"
                               "密码和机器人密钥放在环境变量里，URL 中用 ${{变量名}} 引用。",
                               "Shape: reminders: {{smtp: {{host, port, sender, user, password_env, starttls}}, wecom: URL, dingtalk: URL}}; "
                               "passwords and robot keys live in environment variables, referenced in a URL as ${{NAME}}."),
    "remind.secret-in-file": ("{channel} 的地址里直接写了密钥（{param}=…）：密钥不能放进仓库", "the {channel} URL carries its key ({param}=…): keys must not be kept in the repository"),
    "remind.missing-env": ("环境变量 {name} 没有设置（{channel} 需要它）", "environment variable {name} is not set ({channel} needs it)"),
    "remind.review-due.subject": ("【定期评估】{title}（{document}）应于 {due} 前完成评估", "[Periodic review] {title} ({document}) is due for review by {due}"),
    "remind.review-overdue.subject": ("【定期评估超期】{title}（{document}）应于 {due} 完成评估，已超期", "[Periodic review overdue] {title} ({document}) was due for review on {due}"),
    "remind.review-due.body": ("{name}，您是 {document}「{title}」的归口负责人。该文档每 {months} 个月评估一次，上次评估 {last}，应于 {due} 前完成本次评估。"
                               "请在工作台「我的待办」发起定期评估（或 revise request --periodic {document}）。",
                               "{name}, you own {document} '{title}'. It is reviewed every {months} {months|month|months}; last review {last}; this review is due by {due}. "
                               "Open the periodic review from 我的待办 in the desk (or revise request --periodic {document})."),
    "remind.review-pending.subject": ("【待评审】{id} {title}（{area}）", "[Review waiting] {id} {title} ({area})"),
    "remind.review-pending.body": ("{name}，修订提案 {id}「{title}」等待您的{area}评审。请在工作台打开：/proposals/{id}",
                                   "{name}, proposal {id} '{title}' waits for your {area} review. Open it in the desk: /proposals/{id}"),
    "remind.ack-due.subject": ("【待阅读】{document} 第 {version} 版请于 {due} 前阅读确认", "[To read] {document} version {version}: acknowledge by {due}"),
    "remind.ack-due.body": ("{name}，{document} 第 {version} 版已发布，请于 {due} 前在工作台「待阅读」中阅读并确认。",
                            "{name}, {document} version {version} is published: please read and acknowledge it under 待阅读 in the desk by {due}."),
    "remind.ack-overdue.subject": ("【阅读确认超期】{document} 第 {version} 版应于 {due} 前确认", "[Acknowledgement overdue] {document} version {version} was due on {due}"),
    "remind.ack-overdue.body": ("{name}，{document} 第 {version} 版应于 {due} 前阅读确认，现已超期。请尽快在工作台「待阅读」中完成。",
                                "{name}, {document} version {version} was to be acknowledged by {due} and is overdue. Please do it under 待阅读 in the desk."),
    "remind.ack-overdue-supervisor.subject": ("【下属阅读确认超期】{person}：{document} 第 {version} 版", "[Your team: acknowledgement overdue] {person}: {document} version {version}"),
    "remind.ack-overdue-supervisor.body": ("{name}，您的下属 {person} 应于 {due} 前阅读确认 {document} 第 {version} 版，现已超期。",
                                           "{name}, {person}, who reports to you, was to acknowledge {document} version {version} by {due} and is overdue."),
    "remind.robot-line": ("{subject}（{person}）", "{subject} ({person})"),
    "remind.cli.summary": ("提醒：发送 {sent} 条，失败 {failed} 条（下次运行重试），已发过的 {skipped} 条未重发", "reminders: {sent} sent, {failed} failed (retried on the next run), {skipped} already sent and not sent again"),
    "remind.cli.line": ("{status}  {channel:<8} {recipient}  {subject}", "{status}  {channel:<8} {recipient}  {subject}"),
    "remind.cli.no-channels": ("revise.yaml 没有配置任何提醒渠道（reminders: smtp / wecom / dingtalk）：没有发送任何提醒", "revise.yaml configures no reminder channel (reminders: smtp / wecom / dingtalk): nothing was sent"),
    "remind.status.sent": ("已发送", "sent"),
    "remind.status.failed": ("失败", "failed"),
    "remind.status.dry": ("将发送", "would send"),
    "remind.http-status": ("HTTP {status}：{body}", "HTTP {status}: {body}"),
    "remind.robot-error": ("机器人返回错误 {code}：{message}", "the robot answered error {code}: {message}"),
}
