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
    # --- revise check: rules beyond the schema (issue #4) -----------------------
    "schema-type.hint": ("改写成{expected}。", "Write it as {expected}."),
    "schema-const.hint": ("此处只能写「{expected}」。", "Only '{expected}' is allowed here."),
    "schema-range.hint": ("取值应{op} {limit}。", "The value must be {op} {limit}."),
    "schema-size.hint": ("增加或删减列表中的项。", "Add or remove items in the list."),
    "schema-unique.hint": ("删除重复的项。", "Remove the repeated item."),
    "schema-empty.hint": ("填写内容，或删除该字段。", "Fill it in, or remove the field."),
    "schema-format.hint": ("按{format}的格式填写。", "Write it as a {format}."),
    "schema-not.hint": ("去掉 next 或 branches 之一：有分支时由各分支决定下一步。", "Keep either next or branches: with branches, each branch says where to go."),
    "schema-other.hint": ("对照该字段在 Schema 中的说明修改。", "Compare with the field's description in the schema."),
    "file-not-regular": ("不是普通文件（可能是目录、管道或设备），无法读取", "not a regular file (a folder, pipe or device), so it cannot be read"),
    "file-not-regular.hint": ("政策文件必须是普通的 .yaml 文件；请重命名或移走它。", "Policy files must be plain .yaml files; rename or move it."),
    "org-cycle": ("汇报关系形成循环：{loop}", "reports_to forms a loop: {loop}"),
    "org-cycle.hint": ("让其中一个岗位汇报给循环之外的上级，使汇报链最终到达最高岗位。", "Make one role in the loop report to a role outside it, so the chain reaches the top."),
    "org-no-top": ("没有最高岗位：每个岗位都填了汇报对象", "there is no top role: every role has reports_to"),
    "org-no-top.hint": ("最高岗位（如中心总监）不填 reports_to。", "Leave reports_to out for the top role (e.g. the centre director)."),
    "org-several-tops": ("岗位「{role}」没有汇报对象，但最高岗位已是「{top}」", "role '{role}' reports to no one, but the top role is already '{top}'"),
    "org-several-tops.hint": ("只有最高岗位可以省略 reports_to；为它填上上级（例如 {top}）。", "Only the top role may omit reports_to; give it a superior (e.g. {top})."),
    "org-unreachable": ("岗位「{role}」的汇报链到不了最高岗位（在「{via}」处进入循环）", "role '{role}' does not reach the top role (its chain enters a loop at '{via}')"),
    "org-unreachable.hint": ("先解开汇报循环。", "Break the reports_to loop first."),
    "script-placeholder-undeclared": ("话术使用了未声明的占位符「{{{name}}}」", "the script uses placeholder '{{{name}}}' that is not declared"),
    "script-placeholder-undeclared.hint": ("在 placeholders 中声明 name: {name}，或改正拼写", "Declare name: {name} under placeholders, or fix the spelling"),
    "script-placeholder-unused": ("占位符「{name}」已声明但没有任何步骤使用", "placeholder '{name}' is declared but no step uses it"),
    "script-placeholder-unused.hint": ("在话术中用 {{{name}}} 引用它，或删除该声明。", "Use it as {{{name}}} in a step, or remove the declaration."),
    "script-unknown-step": ("指向了不存在的步骤「{step}」", "points at a step that does not exist: '{step}'"),
    "script-unknown-step.hint": ("本话术的步骤有：{steps}", "this script's steps are: {steps}"),
    "script-unreachable": ("步骤「{step}」从起始步骤「{start}」出发永远到不了", "step '{step}' can never be reached from the start step '{start}'"),
    "script-unreachable.hint": ("让某个步骤的 next 或分支指向它，或删除该步骤。", "Point some step's next or a branch at it, or remove it."),
    "script-dead-end": ("步骤「{step}」之后无路可走，但它不是结束步骤", "step '{step}' leads nowhere but is not a closing step"),
    "script-dead-end.hint": ("加上 next 或 branches；若对话在此结束，写 closing: true。", "Add next or branches; if the dialogue ends here, set closing: true."),
    "script-closing-continues": ("结束步骤「{step}」后面还有 next 或分支", "closing step '{step}' still has next or branches"),
    "script-closing-continues.hint": ("去掉 closing: true，或去掉 next/branches。", "Remove closing: true, or remove next/branches."),
    "script-avoid-phrase": ("坐席话术中出现禁用语「{phrase}」（见 {source}）", "the agent's line contains the avoided phrase '{phrase}' (see {source})"),
    "script-avoid-phrase.hint": ("推荐说法：{instead}", "say instead: {instead}"),
    "plan-phase-order": ("第 {position} 个阶段是{found}，应为{expected}", "phase {position} is {found}; it should be {expected}"),
    "plan-phase-order.hint": ("阶段按 {order} 的顺序排列，各一次。", "Phases come in the order {order}, once each."),
    "plan-owner-not-in-command": ("负责岗位「{role}」不在本预案的指挥体系中", "owner '{role}' has no place in this plan's command structure"),
    "plan-owner-not-in-command.hint": ("在 command 中为 {role} 写明应急职责，或换成指挥体系中的岗位。", "Give {role} a duty under command, or choose a role that has one."),
    "plan-action-exceeds-phase": ("行动「{action}」的时限长于所在阶段的时限", "action '{action}' has a longer time limit than its phase"),
    "plan-action-exceeds-phase.hint": ("缩短行动时限，或放宽阶段时限。", "Shorten the action's limit or lengthen the phase's."),
    "proc-owner-not-applicable": ("步骤负责岗位「{role}」既不是本流程的归口岗位，也不在适用岗位中", "step owner '{role}' is neither this procedure's owner nor among the roles it applies to"),
    "proc-owner-not-applicable.hint": ("把 {role} 加入 applies_to，这样该岗位的手册页面会列出本流程。", "Add {role} to applies_to so the procedure shows on that role's page."),
    "proc-ref-later-step": ("引用了本流程中排在后面的步骤「{step}」", "refers to step '{step}', which comes later in this procedure"),
    "proc-ref-later-step.hint": ("步骤按执行顺序排列；调整顺序，或改为引用前面的步骤。", "Steps are listed in the order they run; reorder them or refer to an earlier step."),
    "proc-time-total": ("总时限 {total} 短于各步时限之和 {needed}", "the total time limit {total} is shorter than the sum of the steps' limits ({needed})"),
    "proc-time-total.hint": ("放宽总时限，或缩短某些步骤的时限。", "Lengthen the total or shorten some steps."),
    "proc-time-incomparable": ("总时限与步骤时限混用了自然时间与工作日，无法比较", "the total and the step limits mix clock time and working days, which cannot be compared"),
    "proc-time-incomparable.hint": ("统一使用自然时间（小时、天）或统一使用工作日。", "Use clock units (hours, days) throughout, or working days throughout."),
    "score-total": ("总分为 {total}，但各考核项分值之和为 {sum}", "total is {total} but the items' points add up to {sum}"),
    "score-total.hint": ("调整总分或各考核项的分值，使两者相等。", "Adjust the total or the items' points so they match."),
    "score-points-sum": ("考核项「{item}」的分值为 {points}，但其细项之和为 {sum}", "item '{item}' is worth {points} but its sub-items add up to {sum}"),
    "score-points-sum.hint": ("上级分值须等于细项分值之和。", "An item's points must equal the sum of its sub-items."),
    "score-raters-sum": ("评分构成的占比之和为 {sum}%，应为 100%", "raters' weights add up to {sum}%, not 100%"),
    "score-raters-sum.hint": ("调整各评分人的占比，使其合计 100。", "Adjust the weights to total 100."),
    "score-band-empty": ("第 {n} 档的区间（{lower} 到 {upper}）是空的", "band {n} (from {lower} to {upper}) is empty"),
    "score-band-empty.hint": ("下限须小于上限。", "The lower bound must be below the upper bound."),
    "score-band-gap": ("第 {a} 档与第 {b} 档之间有空缺（{upper} 到 {lower}）", "there is a gap between band {a} and band {b} ({upper} to {lower})"),
    "score-band-gap.hint": ("后一档的下限应等于前一档的上限，并且恰有一档包含该分界点。", "A band should start where the previous ends, with exactly one of them including the boundary."),
    "score-band-overlap": ("第 {a} 档与第 {b} 档重叠（上限 {upper}，下限 {lower}）", "band {a} and band {b} overlap (upper {upper}, lower {lower})"),
    "score-band-overlap.hint": ("分界点只能属于其中一档：用 lower_inclusive / upper_inclusive 指明。", "A boundary belongs to one band only: say which with lower_inclusive / upper_inclusive."),
    "score-band-range": ("档位没有覆盖到{which}：{value}（应从 {bound} 起/止，并包含该端点）", "the bands do not cover the {which}: {value} (should reach {bound}, inclusive)"),
    "score-band-range.hint": ("档位须覆盖 0 到总分 {total} 的全部分数。", "The bands must cover every score from 0 to the total {total}."),
    "score-band.bottom": ("最低分", "bottom"),
    "score-band.top": ("总分", "top"),
    "target-unit": ("度量「{metric}」的单位是 {expected}，这里写成了 {unit}", "metric '{metric}' is measured in {expected}, not {unit}"),
    "target-unit.hint": ("把 unit 改为 {expected}，并相应换算数值。", "Change unit to {expected} and convert the value."),
    "target-conflict": ("目标「{mine}」与 {where} 的「{other}」相互矛盾", "target '{mine}' contradicts '{other}' in {where}"),
    "target-conflict.hint": ("同一度量、渠道与范围只能有一个要求；删除或统一其中一个，或用 channel/scope 区分。", "One requirement per metric, channel and scope: remove or align one, or tell them apart by channel/scope."),
    "target-escalation-not-shorter": ("升级时限「{mine}」不短于被升级的时限「{other}」（{ref}）", "the escalation limit '{mine}' is not shorter than the limit it escalates, '{other}' ({ref})"),
    "target-escalation-not-shorter.hint": ("超时升级须早于原时限触发；缩短升级时限。", "An escalation must fire before the original limit; shorten it."),
    "target-escalates-no-limit": ("「{ref}」没有可比较的时限目标，无法判断升级时限", "'{ref}' has no time-limit target to compare the escalation with"),
    "target-escalates-no-limit.hint": ("escalates 应指向带时限目标（<= 或 <）的条款。", "escalates should point at a clause with a time-limit target (<= or <)."),
    "date-invalid": ("生效日期「{value}」不是有效的日历日期", "effective_from '{value}' is not a real calendar date"),
    "date-invalid.hint": ("写成 YYYY-MM-DD，例如 2026-01-01。", "Write it as YYYY-MM-DD, e.g. 2026-01-01."),
    "version-invalid": ("版本「{value}」不是正整数", "version '{value}' is not a positive integer"),
    "version-invalid.hint": ("版本是 1、2、3……；由 revise publish 自动加一，不要手改。", "Versions are 1, 2, 3…; revise publish bumps them, do not edit by hand."),
    "privacy-phone": ("疑似真实手机号码：{value}", "looks like a real mobile number: {value}"),
    "privacy-id-number": ("疑似真实身份证号码（校验位正确）：{value}", "looks like a real resident ID number (valid checksum): {value}"),
    "privacy-bank-card": ("疑似真实银行卡号（通过 Luhn 校验）：{value}", "looks like a real bank card number (passes Luhn): {value}"),
    "privacy.hint": ("政策文件中不得出现个人信息；改用占位符（如 {phone}）或 example.com 邮箱。", "No personal data in policy files; use a placeholder such as {phone} or an example.com address."),
}
