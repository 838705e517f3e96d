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
    # --- handbook (revise build, the MkDocs plugin) ----------------------------------
    "handbook.coming.notice-title": ("即将施行：第 {version} 版自 {date} 起生效", "Coming: version {version} takes effect on {date}"),
    "handbook.coming.notice-body": ("本页是现行版本。新版本已经发布，自 {date} 起取代本页内容。{link}", "This page is the version in force. A new version has been published and replaces it from {date}. {link}"),
    "handbook.coming.read": ("阅读即将施行的版本", "Read the coming version"),
    "handbook.coming.page-title": ("尚未生效：本版本自 {date} 起施行", "Not yet in force: this version takes effect on {date}"),
    "handbook.coming.page-body": ("在此之前请继续执行{link}。", "Until then, keep following the {link}."),
    "handbook.coming.current": ("现行版本", "version in force"),
    "handbook.coming.page-body-new": ("这是一份新文档，生效之前仅供预先学习。", "This is a new document; until it takes effect it is for reading ahead only."),
    "handbook.coming.nav-title": ("{title}（{date} 起施行）", "{title} (from {date})"),
    "handbook.all-channels": ("所有渠道", "all channels"),
    "handbook.script.dialogue": ("对话", "Dialogue"),
    "handbook.script.flow": ("流程图", "Flow"),
    "handbook.script.goto": ("接 {link}", "continue at {link}"),
    "handbook.script.end": ("（本段对话结束）", "(end of this conversation)"),
    "handbook.script.note": ("操作提示", "note"),
    "handbook.script.example": ("示例", "example"),
    "handbook.plan.flow": ("处置流程", "Response flow"),
    "handbook.plan.every": ("每 {every} 一次", "every {every}"),
    "handbook.procedure.flow": ("流程图", "Flow"),
    "handbook.procedure.number": ("序号", "No."),
    "handbook.scorecard.self": ("本人自评", "self-assessment"),
    "handbook.org.chart": ("组织架构图", "Org chart"),
    "handbook.role.title": ("{role}：与我有关的规定", "{role}: what applies to me"),
    "handbook.role.nav": ("与我有关的规定", "What applies to me"),
    "handbook.role.duties": ("预案、流程与考核中的职责", "Duties in plans, procedures and scorecards"),
    "handbook.role.document": ("文档", "Document"),
    "handbook.role.part": ("环节", "Where"),
    "handbook.role.what": ("内容", "What"),
    "handbook.role.limit": ("时限", "Time limit"),
    "handbook.role.owns": ("本岗位归口的文档", "Documents this role owns"),
    "handbook.role.mentions": ("条文中提到「{role}」的条款", "Clauses that mention {role}"),
    "handbook.role.reports": ("直接下属岗位", "Reporting roles"),
    "handbook.role.in-chart": ("在组织架构中查看", "see in the org chart"),
    "handbook.role.applies": ("适用于本岗位的文档", "Documents that apply to this role"),
    "handbook.changes.title": ("修订记录", "Revision history"),
    "handbook.changes.overview": ("全部修订", "All revisions"),
    "handbook.changes.intro": ("每一次修订的来龙去脉：改了什么、为什么改、数据依据、评审与试点结果、何时生效。", "Every revision: what changed, why, the evidence, reviews, pilot results and when it takes effect."),
    "handbook.changes.empty": ("修订档案中还没有记录。", "The revision archive is empty."),
    "handbook.yes": ("是", "yes"),
    "handbook.no": ("否", "no"),
    "handbook.home.nav": ("首页", "Home"),
    "handbook.home.commits": ("最近的文档变更", "Latest changes to the documents"),
    "handbook.home.date": ("日期", "Date"),
    "handbook.home.change": ("变更", "Change"),
    "handbook.home.author": ("提交人", "By"),
    "handbook.home.documents": ("涉及文档", "Documents"),
    "handbook.home.no-changes": ("暂无变更记录。", "No changes recorded yet."),
    "handbook.home.no-coming": ("截至 {date}，没有等待生效的新版本。", "As of {date}, no new version is waiting to take effect."),
    "handbook.home.effective": ("生效日期", "Effective"),
    "handbook.home.document": ("文档", "Document"),
    "handbook.home.kind": ("类别", "Kind"),
    "handbook.home.version": ("版本", "Version"),
    "handbook.home.section": ("栏目", "Section"),
    "handbook.home.count": ("文档数", "Documents"),
    "handbook.home.examples": ("包括", "Includes"),
    "handbook.plugin.clash": ("site/ 中的手写页面 {path} 与生成的页面同名；请改名或删除它。", "the hand-written page site/{path} has the same path as a generated page; rename or remove it."),
    "handbook.plugin.bad-date": ("日期「{value}」无效，应为 YYYY-MM-DD", "invalid date '{value}', expected YYYY-MM-DD"),
    "build.refused": ("语料库有错误，未生成手册；请先修正上面的问题。", "The corpus has errors; the handbook was not built. Fix the problems above first."),
    "build.done": ("手册已生成：{out}（{pages} 个页面，{seconds:.1f} 秒）", "Handbook built: {out} ({pages} pages, {seconds:.1f} s)"),
    "build.bad-date": ("--as-of 的日期「{value}」无效，应为 YYYY-MM-DD", "--as-of: invalid date '{value}', expected YYYY-MM-DD"),
    "build.no-config": ("找不到手册配置 {path}", "no handbook configuration at {path}"),
    "build.no-config.hint": ("手册配置 mkdocs.yml 应放在政策仓库的根目录。", "Put mkdocs.yml at the root of the policy repository."),
    "build.failed": ("生成手册失败：{error}", "building the handbook failed: {error}"),
}
