"""The command line: `revise --help` and each command's help, argparse's own messages, exit codes.

Command keys are `cmd.<command>` (the one-line help in `revise --help`), `cmd.<command>.about` (the
description on the command's own help page, when longer) and `cmd.<command>.<option>` (one option).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the program
    "cli.description": ("服务标准、话术、应急预案与组织架构的版本化管理", "Versioned service standards, scripts, emergency plans and org charts"),
    "cli.epilog": ("退出码：\n  0    成功\n  1    检查或关卡未通过\n  2    用法错误或无法读取的输入\n  3    内部错误（请加 --debug 重试并报告）\n"
                   "  130  被中断\n\n每个命令的说明：revise 命令 --help",
                   "exit codes:\n  0    success\n  1    a check or gate failed\n  2    bad usage or unreadable input\n"
                   "  3    internal error (run again with --debug and report it)\n  130  interrupted\n\n"
                   "Help on a command: revise COMMAND --help"),
    "cli.commands": ("命令", "commands"),
    "cli.opt.help": ("显示本帮助并退出", "show this help and exit"),
    "cli.opt.version": ("显示版本号并退出", "show the version and exit"),
    "cli.opt.lang": ("输出语言（默认中文；也读取 REVISE_LANG 与 LANG）", "output language (default Chinese; REVISE_LANG and LANG are read too)"),
    "cli.opt.root": ("政策仓库目录（默认从当前目录向上查找含 policies/ 的目录）", "the policy repository (default: the nearest folder above the current one with policies/)"),
    "cli.opt.debug": ("出错时显示完整的 Python 调用栈", "show the full Python traceback on an error"),
    # what the command line itself says
    "cli.error": ("错误", "error"),
    "cli.internal-error": ("内部错误（{error}）；请加 --debug 重试并把输出报告给维护者", "internal error ({error}); run again with --debug and report the output"),
    "cli.no-such-path": ("找不到路径：{path}", "no such path: {path}"),
    "cli.no-root": ("找不到政策仓库（含 policies/ 的目录）：{path}", "no policy repository (a folder with policies/) at {path}"),
    "cli.path-outside-root": ("路径不在政策仓库内：{path}", "path is outside the policy repository: {path}"),
    "cli.not-a-policy": ("不是政策文件（policies/…/*.yaml）：{path}", "not a policy file (policies/…/*.yaml): {path}"),
    "cli.not-a-policy.hint": ("revise check 只检查 policies/ 下的 YAML 文件或其中的目录；不给路径则检查全部。",
                              "revise check checks YAML files under policies/, or folders there; with no path it checks them all."),
    "cli.unknown-command": ("没有「{command}」这个命令", "there is no command '{command}'"),
    "cli.unknown-command.hint": ("是否想写 {suggestion}？全部命令见 revise --help。", "Did you mean {suggestion}? revise --help lists every command."),
    "cli.unknown-command.list": ("可用的命令：{commands}", "the commands are: {commands}"),
    # argparse's own words, said again in the user's language (revise/commands/_parser.py)
    "cli.usage": ("用法：", "usage: "),
    "cli.heading": ("{title}：", "{title}:"),
    "cli.list-separator": ("、", ", "),
    "cli.positionals": ("位置参数", "positional arguments"),
    "cli.options": ("选项", "options"),
    "cli.ap.argument": ("{argument}：{message}", "{argument}: {message}"),
    "cli.ap.required": ("缺少 {n} 个必需的参数：{arguments}", "missing required {n|argument|arguments}: {arguments}"),
    "cli.ap.one-required": ("需要以下参数之一：{arguments}", "one of these arguments is required: {arguments}"),
    "cli.ap.unrecognized": ("有 {n} 个无法识别的参数：{arguments}", "unrecognized {n|argument|arguments}: {arguments}"),
    "cli.ap.ambiguous": ("选项「{option}」有歧义，可能是：{matches}", "ambiguous option '{option}': it could be {matches}"),
    "cli.ap.invalid-choice": ("取值「{value}」无效（可选：{choices}）", "invalid value '{value}' (choose from {choices})"),
    "cli.ap.did-you-mean": ("是否想写 {suggestion}？", "Did you mean {suggestion}?"),
    "cli.ap.invalid-int": ("「{value}」不是整数", "'{value}' is not a whole number"),
    "cli.ap.invalid-float": ("「{value}」不是数字", "'{value}' is not a number"),
    "cli.ap.invalid-value": ("取值「{value}」无效", "invalid value '{value}'"),
    "cli.ap.expected-one": ("需要一个值", "needs one value"),
    "cli.ap.expected-at-most-one": ("最多只能有一个值", "takes at most one value"),
    "cli.ap.expected-at-least-one": ("至少需要一个值", "needs at least one value"),
    "cli.ap.expected-n": ("需要 {n} 个值", "needs {n} {n|value|values}"),
    "cli.ap.not-allowed-with": ("不能与 {other} 同时使用", "cannot be used with {other}"),
    "cli.ap.ignored-explicit": ("此选项不接受值：{value}", "this option takes no value: {value}"),
    "cli.status-gate": ("  [{status}] {area}（{need}）{who}", "  [{status}] {area} ({need}){who}"),
    # shared by several commands
    "cmd.id": ("提案编号，如 RP-2026-0001", "the proposal id, e.g. RP-2026-0001"),
    "cmd.format": ("输出格式", "output format"),
    "cmd.main": ("主分支名（默认取 revise.yaml 的 main_branch，否则 main）", "name of the main branch (default: main_branch in revise.yaml, else main)"),
    "cmd.remote": ("每步之后把分支推送到该远程；读取时也查看该远程的分支", "push the branch to this remote after each step; read that remote's branches too"),
    # revise check
    "cmd.check": ("校验政策文档（结构、引用与规则）", "check the policy documents (structure, references and rules)"),
    "cmd.check.about": ("校验整个语料库，或只报告 policies/ 下指定的文件（引用仍对照全库检查）。退出码：0 通过，1 发现错误，2 用法错误。",
                        "Check the whole corpus, or report only the files named under policies/ (references are still checked "
                        "against the whole corpus). Exit code 0 when it passes, 1 when it finds errors, 2 on bad usage."),
    "cmd.check.paths": ("只检查 policies/ 下的这些文件或目录（默认全部）", "check only these files or folders under policies/ (default: all)"),
    "cmd.check.format": ("输出格式：text（默认，给人看）或 json（给程序）", "output format: text (default, for people) or json (for programs)"),
    "cmd.check.strict": ("警告也算失败（退出码 1）", "count warnings as failures (exit code 1)"),
    "cmd.check.no-cache": ("不读写 .revise-cache/（默认按文件内容缓存单文件结果；也可设 REVISE_NO_CACHE=1）",
                           "neither read nor write .revise-cache/ (by default each file's results are cached by its content; "
                           "REVISE_NO_CACHE=1 does the same)"),
    # revise build
    "cmd.build": ("校验语料库并生成员工手册（mkdocs-material）", "check the corpus and build the staff handbook (mkdocs-material)"),
    "cmd.build.about": ("先校验语料库（有错误则不生成，退出码 1），再用 MkDocs 生成员工手册站点，并在旁边生成对外公开的客户服务承诺书。",
                        "Check the corpus first (nothing is built when it has errors, exit code 1), then build the handbook site with MkDocs "
                        "and, beside it, the public commitments site."),
    "cmd.build.out": ("输出目录（默认 build/site）：须是新的或空的文件夹，或以前生成的手册；整体替换", "output folder (default build/site): new, empty, or an earlier handbook; replaced as a whole"),
    "cmd.build.public-out": ("客户服务承诺书（公开站点）的输出目录（不给 --out 时默认 build/public；只给 --out 时不生成），规则同 --out，且不能与手册目录重叠",
                             "output folder of the public commitments site (build/public when --out is not given; none with --out alone): the rules of --out, apart from the handbook's"),
    "cmd.build.as-of": ("按这一天的现行版本生成（默认今天）", "build the versions in force on this day (default today)"),
    # revise preview
    "cmd.preview": ("用提案分支生成员工手册，并标出改动的条款", "build the handbook from a proposal's branch, its changed clauses marked"),
    "cmd.preview.about": ("在临时工作区中检出 revise/<编号> 分支生成手册，改动的条款在页面上高亮，页首列出本页的改动。",
                          "Checks out the revise/<ID> branch in a temporary work tree and builds the handbook there; changed "
                          "clauses are highlighted and each page starts with a list of its changes."),
    "cmd.preview.out": ("输出目录（默认 build/preview/<编号>）", "output folder (default build/preview/<ID>)"),
    # revise diff
    "cmd.diff": ("修订提案（或两个版本之间）的语义差异", "the semantic diff of a proposal, or between two versions"),
    "cmd.diff.about": ("按编号比较文档与条款：字段用中文名称，旧值 → 新值，正文按字比较，可度量目标标出更严格或更宽松。"
                       "给出提案编号时，比较主分支与 revise/<编号> 分支的分叉点和分支本身。",
                       "Compares documents and clauses by id: fields by their names, old value → new value, text word by word, "
                       "measurable targets marked stricter or looser. Given a proposal id, compares the branch revise/<ID> "
                       "with the point where it left the main branch."),
    "cmd.diff.revs": ("提案编号（RP-2026-0001），或两个版本（分支、标签、提交）", "a proposal id (RP-2026-0001), or two versions (branches, tags, commits)"),
    "cmd.diff.format": ("输出格式：text（终端）、md（Markdown）、json", "output format: text (terminal), md (Markdown), json"),
    # revise report
    "cmd.report": ("修订提案的评审报告（Markdown，可直接作为合并请求的说明或评论）", "the review report of a proposal (Markdown, ready for a merge request)"),
    "cmd.report.about": ("概要、来源与背景、数据依据、评分、语义差异、影响范围、关卡检查、生效与过渡。",
                         "Summary, source and background, evidence, scores, semantic diff, impact, gates, effective date and transition."),
    "cmd.report.out": ("写入该文件（默认打印）", "write to this file (default: print it)"),
    # the revision procedure
    "cmd.request": ("提出修订需求（创建提案文件与分支 revise/<编号>）", "file a revision request (creates the proposal file and the branch revise/<ID>)"),
    "cmd.request.about": ("创建提案编号、提案文件和分支；标准输出最后一行只有提案编号。标题以 - 开头时写成 --title=-…",
                          "Creates the proposal id, its file and its branch; the last line of the output is the id alone. "
                          "Write a title that starts with - as --title=-…"),
    "cmd.request.title": ("标题（任意文字）", "title (any text)"),
    "cmd.request.source": ("需求来源", "where the request comes from"),
    "cmd.request.target": ("涉及的文档编号（可重复）", "id of a document concerned (repeatable)"),
    "cmd.request.background": ("背景", "background"),
    "cmd.request.evidence": ("数据依据（可多条）", "evidence (one or more)"),
    "cmd.score": ("为提案评分（影响范围、实施成本、紧急程度，各 1–5）", "score a proposal (impact, cost, urgency, each 1–5)"),
    "cmd.score.impact": ("影响范围 1–5", "impact 1–5"),
    "cmd.score.cost": ("实施成本 1–5（越高越贵）", "cost 1–5 (higher is dearer)"),
    "cmd.score.urgency": ("紧急程度 1–5", "urgency 1–5"),
    "cmd.score.note": ("说明", "note"),
    "cmd.queue": ("按优先级列出所有未关闭的提案（本地与远程分支）", "list every open proposal by priority (local and remote branches)"),
    "cmd.status": ("提案的状态、优先级、各关卡与下一步", "a proposal's state, priority, gates and next step"),
    "cmd.draft": ("检出提案分支，开始在 policies/ 中起草", "check out the proposal's branch to draft in policies/"),
    "cmd.submit": ("提交草案（校验并记录草案摘要值），进入评审", "submit the draft (checked, its digest recorded) for review"),
    "cmd.review": ("评审草案（法务、业务或 IT）", "review the draft (legal, business or IT)"),
    "cmd.review.as": ("评审领域", "the area you review for"),
    "cmd.review.approve": ("批准", "approve"),
    "cmd.review.reject": ("不批准", "reject"),
    "cmd.review.request-changes": ("要求修改草案", "ask for changes to the draft"),
    "cmd.review.message": ("评审意见", "comments"),
    "cmd.pilot": ("试点：开始、记录指标、判定通过/未通过，或由负责人免于试点", "the pilot: start it, record results, pass or fail it, or waive it (chair)"),
    "cmd.pilot.start": ("开始试点（需 --scope 与 --until）", "start the pilot (needs --scope and --until)"),
    "cmd.pilot.result": ("记录试点指标结果", "record the pilot's results"),
    "cmd.pilot.pass": ("试点通过", "the pilot passed"),
    "cmd.pilot.fail": ("试点未通过", "the pilot failed"),
    "cmd.pilot.waive": ("免于试点（仅管理会负责人，需 --reason）", "waive the pilot (committee chair only, needs --reason)"),
    "cmd.pilot.scope": ("试点范围（文字）", "scope of the pilot (text)"),
    "cmd.pilot.region": ("试点区域", "region of the pilot"),
    "cmd.pilot.group": ("试点客户群", "customer group of the pilot"),
    "cmd.pilot.channel": ("试点渠道（common.schema.json 中的渠道代码）", "channel of the pilot (a channel code from common.schema.json)"),
    "cmd.pilot.until": ("试点截止日期 YYYY-MM-DD", "end date of the pilot, YYYY-MM-DD"),
    "cmd.pilot.baseline": ("指标基线", "baselines"),
    "cmd.pilot.target": ("指标目标", "targets"),
    "cmd.pilot.reason": ("免于试点的原因", "why the pilot is waived"),
    "cmd.pilot.message": ("结论说明", "conclusion"),
    "cmd.publish": ("发布：复核全部关卡，升版本，合并到主分支并打标签", "publish: re-check every gate, bump versions, merge into main and tag"),
    "cmd.publish.about": ("中断后再次执行同一命令即可继续；--abort 撤销一次中断的发布。",
                          "After an interruption, run the same command again to finish; --abort undoes an interrupted publication."),
    "cmd.publish.effective": ("生效日期 YYYY-MM-DD（今天或以后）", "effective date, YYYY-MM-DD (today or later)"),
    "cmd.publish.transition-days": ("过渡期天数（默认 0）", "days of transition (default 0)"),
    "cmd.publish.abort": ("撤销一次中断的发布", "undo an interrupted publication"),
    "cmd.reject": ("否决提案（管理会负责人）", "reject a proposal (committee chair)"),
    "cmd.reject.message": ("否决原因", "the reason"),
    "cmd.evaluate": ("已发布修订的效果评估：生效前后等长窗口内改动目标的执行情况（质量管理）", "the effect of a published revision: its changed targets in equal windows before and after its effective date (QA)"),
    "cmd.evaluate.about": ("用工单导出比较修订生效前后各 N 周内每个改动目标的执行情况（与 revise compliance 相同的 SQL 和列映射），"
                           "对照试点的基线、目标和结果，判断修订是否达到了预期。退出码 0 达到预期，1 未达到，2 输入错误。"
                           "--record 把评估记入修订档案（main 上的一次步骤提交，须由质量管理人员执行）。",
                           "Compares each changed target on a ticket export in N weeks before and after the effective date (the SQL and "
                           "column mapping of revise compliance), beside the pilot's baseline, target and result, and says whether the "
                           "revision achieved what it promised. Exit 0 achieved, 1 not, 2 bad input. --record stores the evaluation "
                           "with the archive record (a step commit on main, by QA)."),
    "cmd.evaluate.export": ("工单导出 CSV 文件（须覆盖生效前后两个窗口）", "the ticket export, a CSV file covering both windows"),
    "cmd.evaluate.weeks": ("每个窗口的周数（默认 4）", "weeks in each window (default 4)"),
    "cmd.evaluate.record": ("记入修订档案（质量管理人员）", "store it with the archive record (QA)"),
    "cmd.notice": ("修订改动对客承诺时，生成给客户的告知（网页/邮件、App 推送、短信）", "the customer notice of a revision that changes public promises (web/e-mail, app push, SMS)"),
    "cmd.notice.about": ("从修订的语义差异生成客户告知：改了哪些对客承诺、自哪天起、对客户更有利还是不利；网页与邮件全文、"
                         "一行 App 推送、不超过 70 字的短信。--record 把它记入已发布提案的修订档案（main 上的一次步骤提交）。",
                         "Writes the customer notice from the revision's semantic diff: which public promises change, from which day, "
                         "better or worse for customers; a web/e-mail text, a one-line app push and an SMS of at most 70 characters. "
                         "--record stores it with a published proposal's archive record (a step commit on main)."),
    "cmd.notice.format": ("输出格式：text（终端）、json", "output format: text (terminal), json"),
    "cmd.notice.record": ("记入修订档案（提案须已发布）", "store it with the archive record (the proposal must be published)"),
    "cmd.withdraw": ("撤回自己的提案（发起人）", "withdraw your own proposal (its author)"),
    "cmd.withdraw.message": ("撤回原因", "the reason"),
    "cmd.restore": ("把被篡改的提案文件恢复为最后一次真实步骤后的样子（发起人）", "put a tampered proposal file back as its last genuine step left it (its author)"),
    "cmd.restore.about": ("提案文件只能由修订步骤的提交改动；其他改动使提案处于「记录被篡改」状态，之后的步骤与发布都会被拒绝。"
                          "本命令提交一个 restore 步骤，把文件恢复为篡改前最后一次真实步骤后的样子。",
                          "The proposal file may only be changed by step commits; any other change leaves the proposal tampered, "
                          "and every later step and publish is refused. This commits a restore step that puts the file back "
                          "as the last genuine step before the tampering left it."),
    # revise quiz
    "cmd.quiz": ("从条款生成培训测验；quiz check 检查题库是否过期", "generate a training quiz from the clauses; quiz check finds outdated questions"),
    "cmd.quiz.about": ("从现行条款生成测验题（可追溯到条款与版本），导出 JSON、GIFT、Moodle XML 或可打印的试卷。",
                       "Generates questions from the clauses in force (each traceable to its clause and version) as JSON, "
                       "GIFT, Moodle XML or a printable paper."),
    "cmd.quiz.role": ("只出适用于该岗位的题（岗位编号或名称，如 cs-agent 或 客服专员）", "only questions for this role (its id or name, e.g. cs-agent)"),
    "cmd.quiz.document": ("只出这些文档的题", "only questions on these documents"),
    "cmd.quiz.kind": ("只出这类文档的题（standard、script、emergency-plan…，可重复）", "only questions on documents of this kind (standard, script, emergency-plan…; repeatable)"),
    "cmd.quiz.type": ("只出这些题型（{types}，可重复）", "only these question types ({types}; repeatable)"),
    "cmd.quiz.since": ("只考自该 git 修订或标签（如 published/<编号>）以来有变化的条款", "only clauses changed since this git revision or tag (e.g. published/<ID>)"),
    "cmd.quiz.count": ("题目数量（默认最多 20；all 为所选范围内的全部题目）", "number of questions (default at most 20; all for every question in the selection)"),
    "cmd.quiz.seed": ("随机种子；相同种子与输入得到相同的题（默认随机，并记录在输出中）", "random seed; the same seed and input give the same questions (default random, recorded in the output)"),
    "cmd.quiz.answers": ("输出试卷（md、html）的答案，而不是试卷本身", "write the paper's answers (md, html) instead of the paper"),
    "cmd.quiz.out": ("写入文件（默认输出到标准输出）；只覆盖以前导出的测验文件", "write to this file (default: standard output); only an earlier quiz export is replaced"),
    "cmd.quiz.force": ("--out 的文件已存在且不是测验导出时，仍然覆盖它", "replace the --out file even when it is not an earlier quiz export"),
    "cmd.quiz.as-of": ("按这一天的现行版本出题（默认今天，与手册一致）", "quiz on the versions in force on this day (default today, as the handbook)"),
    "cmd.quiz.coming": ("按最新发布的版本出题，包括尚未生效的版本（生效前预先培训）", "quiz on the newest published versions, including those not yet in force (training ahead)"),
    "cmd.quiz.check": ("列出题库中所考条款已变化或删除的题", "list the questions whose clauses changed or were deleted"),
    "cmd.quiz.check.about": ("对照现行条款检查题库；有过期题时退出码为 1。", "Checks a question bank against the clauses in force; exit code 1 when some are outdated."),
    "cmd.quiz.check.bank": ("题库文件（revise quiz 生成的 JSON）", "the question bank (JSON written by revise quiz)"),
    # revise compliance
    "cmd.compliance": ("用工单导出检查服务标准的可度量目标（质量监控）", "check the standards' measurable targets against a ticket export (quality monitoring)"),
    "cmd.compliance.about": ("读取工单导出（CSV），逐条计算语料库中可度量目标的执行情况：按条款、渠道/范围、月份统计工单数、达标数、"
                             "达标率与最差案例。退出码 0 全部达标，1 有目标未达标，2 输入错误。"
                             "生成测试数据：revise compliance generate --rows N --seed S --out FILE。",
                             "Reads a ticket export (CSV) and measures every measurable target of the corpus: tickets, tickets "
                             "that met it, the rate and the worst cases, by clause, channel or scope, and month. Exit code 0 all "
                             "met, 1 some target missed, 2 bad input. Test data: revise compliance generate --rows N --seed S --out FILE."),
    "cmd.compliance.export": ("工单导出 CSV 文件（或 generate：生成测试数据）", "the ticket export, a CSV file (or generate: make test data)"),
    "cmd.compliance.month": ("只统计这个月（YYYY-MM）", "only this month (YYYY-MM)"),
    "cmd.compliance.by": ("再按渠道、坐席、问题分类、紧急程度或班组细分", "break down by channel, agent, category, urgency or team"),
    "cmd.compliance.mapping": ("列名映射文件（YAML）：columns 与 values", "column mapping file (YAML): columns and values"),
    "cmd.compliance.worst": ("每个目标列出的最差工单数（默认 5）", "worst tickets listed per target (default 5)"),
    "cmd.compliance.sql": ("只打印检查每个目标所用的 SQL（表 tickets），不计算", "only print the SQL that checks each target (table tickets); compute nothing"),
    "cmd.compliance.propose": ("对连续多月未达标的条款提出修订需求（来源：执行监控）", "file revision requests for clauses missed several months running (source: monitoring)"),
    "cmd.compliance.remote": ("--propose 时推送到的远程仓库", "the remote --propose pushes to"),
    "cmd.compliance.faster-from": ("generate：从这一天起在线文字的人工首次响应变快（模拟一次修订的效果）", "generate: online first replies quicker from this day (a revision's effect)"),
    "cmd.compliance.faster": ("generate：变快后的响应时间是原来的几倍（如 0.6）", "generate: the factor on those replies (e.g. 0.6)"),
    "cmd.compliance.refunds": ("generate：为有退款的售后工单加上退款审核与到账时间两列", "generate: add the refund approval and refund times to after-sales tickets with a refund"),
    "cmd.compliance.memory-limit": ("DuckDB 内存上限，超出部分写临时文件（默认 1GB）", "DuckDB's memory limit; beyond it, temporary files (default 1GB)"),
    "cmd.compliance.threads": ("DuckDB 线程数（默认 CPU 核数）", "DuckDB threads (default: the number of CPU cores)"),
    "cmd.compliance.rows": ("generate：工单数", "generate: number of tickets"),
    "cmd.compliance.seed": ("generate：随机种子（默认 1）", "generate: random seed (default 1)"),
    "cmd.compliance.out": ("generate：输出 CSV 文件", "generate: the CSV file to write"),
    "cmd.compliance.start": ("generate：起始月份（默认 2026-01）", "generate: first month (default 2026-01)"),
    "cmd.compliance.months": ("generate：月数（默认 3）", "generate: number of months (default 3)"),
    "cmd.compliance.no-breach": ("generate：不加入刻意的未达标模式", "generate: leave out the deliberate breaches"),
    "cmd.compliance.dirty": ("generate：加入坏时间、坏评分、重复编号与乱序行", "generate: add bad times, bad scores, repeated ids and rows out of order"),
    "cmd.compliance.force": ("generate：覆盖已存在的输出文件", "generate: replace an existing output file"),
}
