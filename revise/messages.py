"""Every user-facing string, in Chinese and English, in one place.

`t("key", **params)` renders a message in the current language. The language is Chinese
unless `--lang en` is given or `REVISE_LANG`/`LANG` starts with "en".
"""

from __future__ import annotations

import os

_lang: str | None = None


def set_language(lang: str | None) -> None:
    """Fix the language for this process ("zh" or "en"); None goes back to the environment."""
    global _lang
    if lang is not None and lang not in CATALOGUE_LANGS:
        raise ValueError(lang)
    _lang = lang


def language() -> str:
    if _lang:
        return _lang
    env = os.environ.get("REVISE_LANG") or os.environ.get("LANG") or ""
    return "en" if env.lower().startswith("en") else "zh"


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with `params` filled in."""
    zh, en = MESSAGES[key]
    text = en if language() == "en" else zh
    return text.format(**params) if params else text


CATALOGUE_LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading files -------------------------------------------------------
    "yaml-syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml-syntax.hint": ("检查该行的缩进、冒号与引号。", "Check indentation, colons and quotes on that line."),
    "yaml-tab": ("缩进中使用了制表符（Tab）", "a tab character is used for indentation"),
    "yaml-tab.hint": ("YAML 只能用空格缩进，请把 Tab 换成两个空格。", "YAML indents with spaces only; replace the tab with two spaces."),
    "yaml-duplicate-key": ("重复的字段「{key}」（第一次出现在第 {first} 行）", "duplicate key '{key}' (first seen on line {first})"),
    "yaml-duplicate-key.hint": ("删除或合并其中一个；重复的字段会让后一个静默覆盖前一个。", "Remove or merge one; a repeated key silently overrides the first."),
    "yaml-encoding": ("文件不是有效的 UTF-8 编码（第 {offset} 字节）", "the file is not valid UTF-8 (byte {offset})"),
    "yaml-encoding.hint": ("请用 UTF-8 编码另存该文件。", "Save the file as UTF-8."),
    "yaml-bom": ("文件以 BOM（字节顺序标记）开头", "the file starts with a byte-order mark (BOM)"),
    "yaml-bom.hint": ("请保存为不带 BOM 的 UTF-8。", "Save it as UTF-8 without BOM."),
    "yaml-empty": ("文件为空", "the file is empty"),
    "yaml-empty.hint": ("每个文件应包含一份文档，至少有 id、kind、title 等字段。", "Each file holds one document with at least id, kind, title."),
    "yaml-root": ("文档的顶层应是字段映射，实际是{found}", "the document's top level must be a mapping, found {found}"),
    "yaml-root.hint": ("顶层写成「字段: 值」的形式，例如「id: STD-RESPONSE」。", "Write the top level as 'key: value' pairs, e.g. 'id: STD-RESPONSE'."),
    "yaml-tag": ("不允许的 YAML 标签 {tag}", "YAML tag {tag} is not allowed"),
    "yaml-tag.hint": ("只允许普通的字符串、数字、布尔值、日期、列表和映射；不会构造任何对象。", "Only plain strings, numbers, booleans, dates, lists and mappings are allowed; no objects are constructed."),
    "yaml-alias-bomb": ("别名展开过多（超过 {limit} 个节点），疑似“十亿笑声”攻击", "aliases expand to too many nodes (over {limit}); looks like a 'billion laughs' attack"),
    "yaml-alias-bomb.hint": ("不要用锚点与别名层层嵌套；直接写出内容。", "Do not nest anchors and aliases; write the content out."),
    "yaml-merge-key": ("不支持合并键「<<」", "merge keys ('<<') are not supported"),
    "yaml-merge-key.hint": ("直接写出各字段。", "Write the fields out."),
    "yaml-key-type": ("字段名必须是文字，不能是列表或映射", "a key must be plain text, not a list or mapping"),
    "yaml-key-type.hint": ("把字段名写成普通文字。", "Write the key as plain text."),
    "yaml-multi-doc": ("一个文件只能包含一份文档（发现了 ---）", "a file holds one document only (found ---)"),
    "yaml-multi-doc.hint": ("把其他文档拆到各自的文件中。", "Move each further document into its own file."),
    "file-too-large": ("文件过大（{size} 字节，上限 {limit} 字节）", "the file is too large ({size} bytes, limit {limit})"),
    "file-too-large.hint": ("一份政策文件不应这么大；请检查是否误放了数据文件。", "A policy file should not be this large; check for a misplaced data file."),
    "file-unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file-unreadable.hint": ("检查文件权限。", "Check the file's permissions."),
    "file-outside-root": ("符号链接指向仓库之外：{target}", "symbolic link leads outside the repository: {target}"),
    "file-outside-root.hint": ("政策文件必须位于仓库内；请复制文件而不是链接。", "Policy files must live inside the repository; copy the file instead of linking it."),
    # --- schema --------------------------------------------------------------
    "schema-kind": ("未知的文档类型「{kind}」", "unknown document kind '{kind}'"),
    "schema-kind.hint": ("kind 可选：{allowed}", "kind must be one of: {allowed}"),
    "schema-kind-missing": ("缺少 kind 字段，无法判断文档类型", "no 'kind' field, so the document type is unknown"),
    "schema-required": ("缺少必填字段「{field}」（{label}）", "missing required field '{field}' ({label})"),
    "schema-required.hint": ("补上「{field}」。", "Add '{field}'."),
    "schema-unknown-field": ("未知字段「{field}」", "unknown field '{field}'"),
    "schema-unknown-field.hint-similar": ("是否想写「{suggestion}」？", "did you mean '{suggestion}'?"),
    "schema-unknown-field.hint": ("此处允许的字段：{allowed}", "fields allowed here: {allowed}"),
    "schema-type": ("「{label}」应为{expected}，实际是{found}", "'{label}' must be {expected}, found {found}"),
    "schema-enum": ("「{label}」的取值「{value}」无效", "'{label}' has invalid value '{value}'"),
    "schema-enum.hint": ("可选：{allowed}", "allowed: {allowed}"),
    "schema-pattern": ("「{label}」的格式不正确：「{value}」", "'{label}' is malformed: '{value}'"),
    "schema-pattern.hint": ("{description}", "{description}"),
    "schema-minimum": ("「{label}」的值 {value} 过小（应{op} {limit}）", "'{label}' value {value} is too small (must be {op} {limit})"),
    "schema-maximum": ("「{label}」的值 {value} 过大（应{op} {limit}）", "'{label}' value {value} is too large (must be {op} {limit})"),
    "schema-min-items": ("「{label}」至少需要 {limit} 项", "'{label}' needs at least {limit} items"),
    "schema-max-items": ("「{label}」最多 {limit} 项", "'{label}' allows at most {limit} items"),
    "schema-unique": ("「{label}」中有重复项", "'{label}' has duplicate items"),
    "schema-min-length": ("「{label}」不能为空或过短", "'{label}' is empty or too short"),
    "schema-const": ("「{label}」应为「{expected}」", "'{label}' must be '{expected}'"),
    "schema-not": ("「{label}」中的字段组合不允许：{detail}", "'{label}' has a combination of fields that is not allowed: {detail}"),
    "schema-format": ("「{label}」不是有效的{format}：「{value}」", "'{label}' is not a valid {format}: '{value}'"),
    "schema-other": ("「{label}」不符合要求：{detail}", "'{label}' is invalid: {detail}"),
    "type.object": ("映射（字段: 值）", "a mapping"),
    "type.array": ("列表", "a list"),
    "type.string": ("文字", "text"),
    "type.integer": ("整数", "an integer"),
    "type.number": ("数字", "a number"),
    "type.boolean": ("true 或 false", "true or false"),
    "type.null": ("空值", "empty"),
    "format.date": ("日期（YYYY-MM-DD）", "date (YYYY-MM-DD)"),
    "op.>=": ("≥", "≥"),
    "op.>": (">", ">"),
    "op.<=": ("≤", "≤"),
    "op.<": ("<", "<"),
    "not.next-branches": ("一个步骤不能同时有 next 和 branches", "a step cannot have both next and branches"),
    # --- corpus rules --------------------------------------------------------
    "id-duplicate": ("文档编号「{id}」重复（另见 {other}）", "document id '{id}' is used twice (also in {other})"),
    "id-duplicate.hint": ("编号全库唯一且永不复用；请换一个新编号。", "Ids are unique and never reused; choose a new one."),
    "id-clause-duplicate": ("条款编号「{id}」在本文档中重复（第一次在第 {first} 行）", "clause id '{id}' appears twice in this document (first on line {first})"),
    "id-clause-duplicate.hint": ("同一文档内的条款编号必须唯一。", "Clause ids must be unique within a document."),
    "id-filename": ("文件名「{name}」与文档编号「{id}」不一致", "file name '{name}' does not match the document id '{id}'"),
    "id-filename.hint": ("把文件改名为 {id}.yaml。", "Rename the file to {id}.yaml."),
    "ref-unknown-role": ("未知岗位「{role}」", "unknown role '{role}'"),
    "ref-unknown-role.hint": ("岗位须在组织架构中定义{similar}。", "Roles must be defined in the org chart{similar}."),
    "ref-unknown-document": ("引用了不存在的文档「{ref}」", "reference to a document that does not exist: '{ref}'"),
    "ref-unknown-document.hint": ("检查编号拼写{similar}。", "Check the id's spelling{similar}."),
    "ref-unknown-clause": ("文档「{doc}」中没有条款「{clause}」", "document '{doc}' has no clause '{clause}'"),
    "ref-unknown-clause.hint": ("该文档的条款有：{available}", "that document's clauses are: {available}"),
    "ref-unknown-department": ("未知部门「{dept}」", "unknown department '{dept}'"),
    "ref-unknown-department.hint": ("部门须在 departments 中定义。", "Departments must be listed under departments."),
    "ref-wrong-kind": ("「{ref}」是{found}，此处需要{expected}", "'{ref}' is a {found}; a {expected} is needed here"),
    "ref-wrong-kind.hint": ("换成正确类型的文档。", "Point at a document of the right kind."),
    "org-missing": ("语料库中没有组织架构（kind: org-chart）", "the corpus has no org chart (kind: org-chart)"),
    "org-missing.hint": ("岗位引用无法核对；请添加 policies/org/ 下的组织架构文件。", "Role references cannot be checked; add the org chart under policies/org/."),
    "org-multiple": ("语料库中有多份组织架构：{ids}", "the corpus has several org charts: {ids}"),
    "org-multiple.hint": ("只保留一份组织架构。", "Keep exactly one org chart."),
    "hint.similar": ("，是否想写「{suggestion}」", "; did you mean '{suggestion}'"),
    # --- reports -------------------------------------------------------------
    "check.summary-ok": ("已检查 {files} 个文件，未发现问题。", "Checked {files} files: no problems."),
    "check.summary-problems": ("已检查 {files} 个文件，发现 {errors} 个错误、{warnings} 个警告。", "Checked {files} files: {errors} errors, {warnings} warnings."),
    "check.hint-prefix": ("提示", "hint"),
    "cli.no-such-path": ("找不到路径：{path}", "no such path: {path}"),
    "cli.no-root": ("找不到政策仓库（含 policies/ 的目录）：{path}", "no policy repository (a folder with policies/) at {path}"),
    "cli.error": ("错误", "error"),
    "cli.internal-error": ("内部错误（{error}）；请加 --debug 重试并把输出报告给维护者", "internal error ({error}); run again with --debug and report the output"),
    "cli.path-outside-root": ("路径不在政策仓库内：{path}", "path is outside the policy repository: {path}"),
    # --- review: semantic diff, impact, pull-request report, preview (issue 7) ---
    "diff.none": ("（无）", "(none)"),
    "diff.yes": ("是", "yes"),
    "diff.no": ("否", "no"),
    "diff.position": ("第 {n} 项", "item {n}"),
    "diff.status.added": ("新增", "added"),
    "diff.status.removed": ("删除", "removed"),
    "diff.status.changed": ("修改", "changed"),
    "diff.status.moved": ("移动", "moved"),
    "diff.stricter": ("更严格", "stricter"),
    "diff.looser": ("更宽松", "looser"),
    "diff.moved": ("位置：{old} → {new}", "position: {old} → {new}"),
    "diff.renamed": ("文件：{old} → {new}", "file: {old} → {new}"),
    "diff.empty": ("两个版本之间，政策文档没有变化。", "The policy documents are the same in both revisions."),
    "diff.summary": ("合计：文档新增 {documents_added}、删除 {documents_removed}、修改 {documents_changed}、移动 {documents_moved}；"
                     "条款新增 {clauses_added}、删除 {clauses_removed}、修改 {clauses_changed}、移动 {clauses_moved}；"
                     "可度量目标更严格 {stricter}、更宽松 {looser}。",
                     "In all: documents {documents_added} added, {documents_removed} removed, {documents_changed} changed, "
                     "{documents_moved} moved; clauses {clauses_added} added, {clauses_removed} removed, {clauses_changed} changed, "
                     "{clauses_moved} moved; targets {stricter} stricter, {looser} looser."),
    "diff.no-git": ("找不到 git 命令；请先安装 git。", "git is not installed; install git first."),
    "diff.git-failed": ("git {command} 失败：{error}", "git {command} failed: {error}"),
    "diff.not-a-repo": ("{path} 不是 git 仓库", "{path} is not a git repository"),
    "diff.unknown-rev": ("找不到版本「{rev}」", "no such revision '{rev}'"),
    "diff.unknown-rev.hint": ("可以是分支名、标签或提交编号；用 git branch -a 查看现有分支。",
                              "Give a branch, tag or commit; `git branch -a` lists the branches."),
    "diff.unreadable": ("无法读取 {where}：{problem}", "cannot read {where}: {problem}"),
    "diff.bad-args": ("用法：revise diff 提案编号，或 revise diff 版本1 版本2", "usage: revise diff ID, or revise diff REV1 REV2"),
    "diff.not-a-proposal-id": ("「{value}」不是提案编号（形如 RP-2026-0001）", "'{value}' is not a proposal id (like RP-2026-0001)"),
    "diff.not-a-proposal-id.hint": ("要比较两个版本，请给出两个参数：revise diff 版本1 版本2。",
                                    "To compare two revisions give both: revise diff REV1 REV2."),
    "diff.unknown-proposal": ("找不到提案 {id}：没有分支 {branch}", "no proposal {id}: there is no branch {branch}"),
    "diff.unknown-proposal.hint": ("用 revise queue 或 git branch -a 查看现有提案；远程分支请先 git fetch。",
                                   "See the proposals with revise queue or git branch -a; fetch remote branches first."),
    "diff.not-a-proposal": ("分支 {branch} 不是修订提案：其中没有 {file}", "branch {branch} is not a proposal: it has no {file}"),
    "diff.not-a-proposal.hint": ("修订提案分支由 revise request 创建。", "Proposal branches are made by revise request."),
    "diff.bad-proposal": ("提案文件 {where} 无效：{problem}", "the proposal file {where} is invalid: {problem}"),
    "report.title": ("修订提案 {id}：{title}", "Proposal {id}: {title}"),
    "report.branch": ("分支", "branch"),
    "report.summary": ("概要", "Summary"),
    "report.summary-docs": ("改动 {docs} 份文档、{clauses} 个条款", "{docs} documents and {clauses} clauses change"),
    "report.summary-targets": ("可度量目标改动 {total} 项：更严格 {stricter}、更宽松 {looser}", "{total} measurable targets change: {stricter} stricter, {looser} looser"),
    "report.summary-roles": ("涉及 {roles} 个岗位，共 {people} 人", "{roles} roles affected, {people} people in all"),
    "report.summary-refs": ("另有 {refs} 份文档引用了改动的条款或文档", "{refs} other documents reference the changed clauses or documents"),
    "report.source": ("来源与背景", "Source and background"),
    "report.none": ("（无）", "(none)"),
    "report.priority": ("综合优先级：**{value}**（按 revise.yaml 中的权重计算）", "Priority: **{value}** (weights from revise.yaml)"),
    "report.no-scores": ("尚未评分。", "Not scored yet."),
    "report.changes": ("改动内容", "What changes"),
    "report.impact": ("影响范围", "Impact"),
    "report.roles": ("受影响的岗位（共 {people} 人）", "Roles affected ({people} people)"),
    "report.col-role": ("岗位", "role"),
    "report.col-people": ("人数", "people"),
    "report.col-documents": ("相关文档", "documents"),
    "report.col-document": ("文档", "document"),
    "report.col-clause": ("条款", "clause"),
    "report.col-ref": ("引用", "reference"),
    "report.col-change": ("所引用内容的改动", "change of what it references"),
    "report.references": ("引用了改动内容的文档", "Documents that reference what changes"),
    "report.targets": ("改动的可度量目标", "Measurable targets that change"),
    "report.target-added": ("新增：{new}", "added: {new}"),
    "report.target-removed": ("取消：{old}", "removed: {old}"),
    "report.pages": ("变化的手册页面", "Handbook pages that change"),
    "report.gates": ("关卡检查", "Gate checklist"),
    "report.no-workflow": ("（未安装修订流程模块，无法核对关卡。）", "(the workflow module is not installed; gates cannot be checked.)"),
    "report.draft": ("评审针对的草案摘要值：`{digest}`，{stale}", "draft under review: `{digest}`, {stale}"),
    "report.draft-stale": ("**提交评审后草案又有改动，评审意见已失效**", "**the draft changed after it was submitted; approvals are stale**"),
    "report.draft-current": ("与当前草案一致", "matches the current draft"),
    "report.gate-review": ("{area}评审", "{area} review"),
    "report.gate-pilot": ("试点", "pilot"),
    "report.not-required": ("（本次不要求）", " (not required this time)"),
    "report.gate.pending": ("待评审", "pending"),
    "report.gate.approved": ("已批准", "approved"),
    "report.gate.rejected": ("已否决", "rejected"),
    "report.gate.changes-requested": ("要求修改", "changes requested"),
    "report.gate.ineligible": ("评审人无权评审（岗位不符或为发起人本人）", "reviewer not eligible (wrong role or the author)"),
    "report.gate.unsigned": ("提交签名无效", "commit signature invalid"),
    "report.gate.stale": ("已失效（批准后草案又有改动）", "stale (the draft changed after approval)"),
    "report.gate.running": ("试点进行中", "running"),
    "report.gate.pass": ("通过", "passed"),
    "report.gate.fail": ("未通过", "failed"),
    "report.gate.waived": ("免于试点", "waived"),
    "report.gate.pilot-pending": ("未开始", "not started"),
    "report.eligible": ("可评审", "may review"),
    "report.next": ("下一步", "Next"),
    "report.publication": ("生效与过渡", "Effective date and transition"),
    "report.not-set": ("尚未确定（发布时设定）", "not set yet (set at publish)"),
    "report.days": ("{n} 天", "{n} days"),
    "preview.banner": ("修订预览：{id} {title}——本页的改动已高亮", "Revision preview: {id} {title} — changes on this page are highlighted"),
    "preview.done": ("预览已生成：{out}（{pages} 个页面有改动）", "Preview built: {out} ({pages} pages with changes)"),
    "preview.no-handbook": ("未安装员工手册模块（revise.handbook），无法生成预览", "the handbook module (revise.handbook) is not installed; no preview"),
    "preview.no-config": ("找不到手册配置 {path}", "no handbook configuration at {path}"),
    "preview.invalid-draft": ("提案分支上的文档有 {errors} 个错误，无法生成预览", "the documents on the proposal branch have {errors} errors; no preview"),
    "preview.invalid-draft.hint": ("在分支上运行 revise check 查看并修正。", "Run revise check on the branch to see and fix them."),
    "report.cannot-write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
}
