"""The command line itself: exit codes, a closed pipe, help and argparse's messages in the user's
language, "did you mean", and what `revise check` accepts as a path."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from revise.cli import call, command_names, main
from revise.messages import set_language
from tests.conftest import REPO, Run, run_cli

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "required",
                    "invalid choice", "unrecognized", "expected", "not allowed")


def in_process(*args: str) -> Run:
    """`revise ARGS` through `main`, in this process (argparse's exits included)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    set_language(None)
    return Run(code, out.getvalue(), err.getvalue())


def every_command() -> list[tuple[str, ...]]:
    return [(name,) for name in command_names()] + [("quiz", "check")]


# --- exit codes ---------------------------------------------------------------------------------------

def git_repo_with_a_proposal(tmp_path: Path) -> tuple[Path, dict[str, str], str]:
    from tests.workflow.conftest import make_repo
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig")}
    repo = make_repo(tmp_path)
    made = run_cli("request", "--title", "管道", "--source", "internal", "--target", "STD-RESPONSE", cwd=repo.root, env=env)
    assert made.code == 0, made.err
    return repo.root, env, made.out.split()[-1]


def closed_pipe(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run `revise ARGS` with its output going to a pipe whose reader has already gone (`| head`)."""
    proc = subprocess.Popen([sys.executable, "-m", "revise.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), err


def test_a_reader_that_goes_away_early_is_a_normal_end(tmp_path: Path) -> None:
    root, env, pid = git_repo_with_a_proposal(tmp_path)
    for args in (["status", pid], ["diff", pid], ["queue"], ["check", "--format", "json"], ["--help"], ["check", "--help"]):
        code, err = closed_pipe(args, root, env)
        assert (code, err) == (0, ""), (args, code, err)


def test_a_broken_pipe_of_our_own_making_is_an_internal_error() -> None:
    """A BrokenPipeError while standard output is still open (a pipe to a program we run broke) is a bug."""
    script = ("import argparse, sys; from revise.cli import call\n"
              "def handler(args): raise BrokenPipeError(32, 'Broken pipe')\n"
              "sys.exit(call(argparse.Namespace(handler=handler, debug=False)))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert "内部错误（BrokenPipeError" in proc.stderr


def test_exit_codes_of_a_handler(capsys: pytest.CaptureFixture[str]) -> None:
    def raising(exc: BaseException):
        def handler(args: argparse.Namespace) -> int:
            raise exc
        return argparse.Namespace(handler=handler, debug=False)

    assert call(raising(KeyboardInterrupt())) == 130
    assert call(raising(ValueError("oops"))) == 3
    assert "内部错误（ValueError: oops）" in capsys.readouterr().err


def test_the_exit_codes_are_documented_in_the_help_and_the_readme() -> None:
    for lang, words in (("zh", ("退出码", "内部错误", "被中断")), ("en", ("exit codes", "internal error", "interrupted"))):
        help_text = in_process("--lang", lang, "--help").out
        for code in ("0", "1", "2", "3", "130"):
            assert re.search(rf"^\s+{code}\s+\S", help_text, re.M), (lang, code, help_text)
        assert all(word in help_text for word in words), help_text
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 语言与退出码", 1)[1].split("\n## ", 1)[0]
    for code in ("0", "1", "2", "3", "130"):
        assert f"\n| {code} |" in section, code


def test_no_private_argparse_api() -> None:
    for file in (REPO / "revise").rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"argparse\._|_SubParsersAction|\._(positionals|optionals|actions)\b", text), file


# --- language ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_help_follows_the_language(command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    english = in_process("--lang", "en", *command, "--help")
    assert english.code == 0
    assert not CJK.search(english.out), english.out
    assert english.out.startswith("usage: revise")
    chinese = in_process(*command, "--help")
    assert chinese.code == 0 and chinese.out.startswith("用法：revise")
    assert not [word for word in ARGPARSE_ENGLISH if word in chinese.out], chinese.out
    monkeypatch.setenv("REVISE_LANG", "")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert in_process(*command, "--help").out == english.out


def test_the_top_level_help_is_in_english_too() -> None:
    english = in_process("--lang", "en", "--help")
    assert not CJK.search(english.out), english.out
    assert "check the policy documents" in english.out
    assert "校验政策文档" in in_process("--help").out


USAGE_ERRORS = [  # (arguments, Chinese, English)
    (("request", "--title", "x"), "缺少 2 个必需的参数：--source, --target", "missing required arguments: --source, --target"),
    (("check", "--format", "xml"), "--format：取值「xml」无效（可选：text、json）", "--format: invalid value 'xml' (choose from text, json)"),
    (("score", "RP-2026-0001", "--impact", "x", "--cost", "1", "--urgency", "1"), "--impact：「x」不是整数", "--impact: 'x' is not a whole number"),
    (("review", "RP-2026-0001", "--as", "it", "--approve", "--reject"), "--reject：不能与 --approve 同时使用", "--reject: cannot be used with --approve"),
    (("review", "RP-2026-0001", "--as", "it"), "需要以下参数之一：--approve --reject --request-changes", "one of these arguments is required"),
    (("check", "--nope"), "有 1 个无法识别的参数：--nope", "unrecognized argument: --nope"),
    (("pilot", "RP-2026-0001", "--result"), "--result：至少需要一个值", "--result: needs at least one value"),
]


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_argparse_errors_follow_the_language(args: tuple[str, ...], chinese: str, english: str) -> None:
    zh = in_process(*args)
    assert zh.code == 2
    assert chinese in zh.err and zh.err.startswith("用法：revise"), zh.err
    assert not [word for word in ARGPARSE_ENGLISH if word in zh.err], zh.err
    en = in_process("--lang", "en", *args)
    assert en.code == 2 and english in en.err and "usage: revise" in en.err, en.err
    assert not CJK.search(en.err), en.err


# --- did you mean -----------------------------------------------------------------------------------------

def test_a_mistyped_command_gets_a_suggestion() -> None:
    run = in_process("chek")
    assert run.code == 2
    assert "没有「chek」这个命令" in run.err and "是否想写 check？" in run.err
    english = in_process("--lang", "en", "statsu", "RP-2026-0001")
    assert english.code == 2 and "there is no command 'statsu'" in english.err and "Did you mean status?" in english.err
    unlike = in_process("xyzzy")
    assert unlike.code == 2 and "可用的命令：build、check" in unlike.err


def test_a_mistyped_choice_gets_a_suggestion() -> None:
    run = in_process("check", "--format", "jsn")
    assert run.code == 2 and "是否想写 json？" in run.err


# --- what revise check accepts ----------------------------------------------------------------------------

@pytest.mark.parametrize("named", ["README.md", "revise.yaml", "mkdocs.yml", "site", "proposals/RP-2026-0009.yaml",
                                   "policies/../README.md"])
def test_check_refuses_what_is_not_a_policy_file(named: str, repo_copy: Path) -> None:
    for made in ("README.md", "mkdocs.yml", "site/index.md", "proposals/RP-2026-0009.yaml"):
        (repo_copy / made).parent.mkdir(parents=True, exist_ok=True)
        (repo_copy / made).write_text("# not a policy: {\n", encoding="utf-8")
    run = run_cli("check", named, cwd=repo_copy)
    assert run.code == 2, run.out + run.err
    assert f"不是政策文件（policies/…/*.yaml）：{named}" in run.err
    assert "yaml-syntax" not in run.out + run.err


def test_check_still_takes_policy_files_folders_and_the_repository(repo_copy: Path) -> None:
    for args in (["policies/scripts/SCR-CLOSING.yaml"], ["policies/scripts/"], ["."], ["policies"]):
        run = run_cli("check", *args, cwd=repo_copy)
        assert run.code == 0, (args, run.out, run.err)
    assert "已检查 1 个文件" in run_cli("check", "policies/scripts/SCR-CLOSING.yaml", cwd=repo_copy).out


def test_the_since_hint_names_a_revision_that_can_exist(tmp_path: Path) -> None:
    root, env, _ = git_repo_with_a_proposal(tmp_path)
    run = run_cli("quiz", "--since", "v3", cwd=root, env=env)
    assert run.code == 2 and "git 中找不到修订「v3」" in run.err, run.err
    assert "--since published/<编号>" in run.err and "--since v1" not in run.err
