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
    # --- workflow: the revision procedure (issue 6) ----------------------------
    "wf.git-failed": ("git 命令失败（{command}）：{error}", "git failed ({command}): {error}"),
    "wf.not-a-repo": ("不是 git 仓库：{path}", "not a git repository: {path}"),
    "wf.no-main": ("仓库中没有主分支「{branch}」", "the repository has no main branch '{branch}'"),
    "wf.bad-config": ("revise.yaml 中「{key}」的值无效：{value}", "revise.yaml: invalid value for '{key}': {value}"),
    "wf.bad-id": ("「{id}」不是有效的提案编号", "'{id}' is not a proposal id"),
    "wf.bad-id.hint": ("提案编号形如 RP-2026-0007（revise queue 列出所有提案）。", "Proposal ids look like RP-2026-0007 (revise queue lists them)."),
    "wf.bad-proposal": ("提案文件字段「{field}」无效：{error}", "invalid proposal field '{field}': {error}"),
    "wf.unknown-proposal": ("没有提案「{id}」（本地和远程都没有分支 revise/{id}）", "no proposal '{id}' (no branch revise/{id}, local or remote)"),
    "wf.unknown-proposal.hint": ("用 revise queue 查看所有提案；远程的提案请加 --remote 名称。", "See all proposals with revise queue; add --remote NAME for remote ones."),
    "wf.no-proposal-file": ("分支 {branch} 上没有提案文件 proposals/{id}.yaml", "branch {branch} has no proposal file proposals/{id}.yaml"),
    "wf.unknown-remote": ("没有名为「{remote}」的远程仓库（已有：{known}）", "no remote named '{remote}' (known: {known})"),
    "wf.concurrent": ("提案 {id} 的分支刚刚被别人改动，本步未执行", "the branch of {id} moved while this step ran; nothing was done"),
    "wf.push-failed": ("推送 revise/{id} 到 {remote} 失败（本地已提交）：{error}", "pushing revise/{id} to {remote} failed (committed locally): {error}"),
    "wf.push-failed.hint": ("远程分支有本地没有的提交：先 git fetch {remote}，再用 revise status {id} --remote {remote} 查看。", "The remote branch has commits you lack: git fetch {remote}, then revise status {id} --remote {remote}."),
    "wf.behind-remote": ("远程分支上的提案 {id} 比本地检出的分支新", "the remote branch of {id} is ahead of the local one you have checked out"),
    "wf.behind-remote.hint": ("先在该分支上执行 git pull --ff-only（分支 {branch}）。", "Run git pull --ff-only on {branch} first."),
    "wf.bad-text": ("「{field}」中含有控制字符或换行", "'{field}' contains control characters or line breaks"),
    "wf.empty-title": ("标题不能为空", "the title must not be empty"),
    "wf.bad-source": ("需求来源「{source}」无效；可选：{allowed}", "invalid source '{source}'; choose one of: {allowed}"),
    "wf.no-targets": ("至少要指定一份涉及的文档（--target 文档编号）", "name at least one target document (--target DOC-ID)"),
    "wf.unknown-target": ("主分支上没有文档「{target}」", "main has no document '{target}'"),
    "wf.unknown-target.hint": ("已有文档：{known}", "Documents: {known}"),
    "wf.no-free-id": ("无法分配新的提案编号（反复冲突）", "could not allocate a new proposal id (repeated conflicts)"),
    "wf.not-in-org": ("{email} 不在组织架构中，不能{action}", "{email} is not in the org chart and may not {action}"),
    "wf.not-in-org.hint": ("只有 {org} 中列出的人员可以评分、评审、试点和发布；任何人都可以提出修订需求。", "Only people listed in {org} may score, review, pilot and publish; anyone may file a request."),
    "wf.bad-score": ("评分「{field}」={value} 无效：应为 {min}–{max} 的整数", "score {field}={value} is invalid: use a whole number {min}–{max}"),
    "wf.bad-transition": ("提案 {id} 处于「{state}」状态，不能执行「{step}」", "proposal {id} is '{state}'; '{step}' is not allowed"),
    "wf.bad-transition.hint": ("该步骤只能在这些状态下执行：{allowed}", "This step is allowed only in: {allowed}"),
    "wf.dirty": ("工作区有未提交的改动：{files}", "the working tree has uncommitted changes: {files}"),
    "wf.dirty.hint": ("先提交或 git stash 这些改动，再执行本步。", "Commit or git stash them first."),
    "wf.bad-review": ("评审领域「{area}」或结论「{decision}」无效", "invalid review area '{area}' or decision '{decision}'"),
    "wf.not-eligible": ("{email} 不担任「{area}」评审所需的岗位", "{email} does not hold the role for the {area} review"),
    "wf.not-eligible.hint": ("有资格的人员：{eligible}", "Eligible: {eligible}"),
    "wf.own-proposal": ("{email} 是本提案的发起人，不能评审自己的提案", "{email} is the author and may not review their own proposal"),
    "wf.draft-changed": ("提案 {id} 的草案在提交评审后又有改动", "the draft of {id} changed after it was submitted"),
    "wf.draft-changed.hint": ("请发起人先执行 revise submit {id}，评审针对的是提交时的草案。", "The author must run revise submit {id} first; a review covers the submitted draft."),
    "wf.chair-only": ("只有管理会负责人可以执行此操作（{action}）；{email} 不是", "only the committee chair may {action}; {email} is not"),
    "wf.chair-only.hint": ("负责人：{chairs}", "Chair: {chairs}"),
    "wf.author-only": ("只有发起人 {author} 可以撤回；当前身份是 {email}", "only the author {author} may withdraw; you are {email}"),
    "wf.reason-required": ("请用 -m 说明原因", "give the reason with -m"),
    "wf.step-unsigned": ("本步提交没有 {email} 在组织架构中登记的签名（{problem}），未执行", "this step's commit is not signed with the key the org chart lists for {email} ({problem}); nothing was done"),
    "wf.step-unsigned.hint": ("设置 git config gpg.format ssh 和 user.signingkey（组织架构中登记的公钥对应的私钥）。", "Set git config gpg.format ssh and user.signingkey to the key listed for you in the org chart."),
    "wf.history-unsigned": ("分支上的提交 {commit}（{email}）签名无效：{problem}", "commit {commit} by {email} on the branch fails verification: {problem}"),
    "wf.history-unsigned.hint": ("要求签名时，每一步都必须由本人用组织架构中登记的密钥签名。", "With signatures required, every step must be signed by its author's key from the org chart."),
    "wf.sig.unsigned": ("未签名", "unsigned"),
    "wf.sig.unknown-key": ("签名密钥不在组织架构中", "signed with a key not in the org chart"),
    "wf.sig.wrong-signer": ("由他人的密钥签名", "signed with someone else's key"),
    "wf.sig.bad": ("签名无效", "bad signature"),
    "wf.state.request": ("已提出", "requested"),
    "wf.state.scored": ("已评分", "scored"),
    "wf.state.draft": ("起草中", "drafting"),
    "wf.state.review": ("评审中", "in review"),
    "wf.state.pilot": ("试点中", "in pilot"),
    "wf.state.approved": ("已批准", "approved"),
    "wf.state.published": ("已发布", "published"),
    "wf.state.rejected": ("已否决", "rejected"),
    "wf.state.withdrawn": ("已撤回", "withdrawn"),
    "wf.area.legal": ("法务合规", "legal"),
    "wf.area.business": ("业务兼容", "business"),
    "wf.area.it": ("IT 可行性", "IT"),
    "wf.area.pilot": ("试点", "pilot"),
}
