"""The schemas work in the JSON Schema tools the README names, offline: check-jsonschema without
`--base-uri`, and yaml-language-server (the server behind VS Code's YAML extension and many
editors) through each policy file's modeline and through the `.vscode/settings.json` of docs/editors.md (linked from the README).
A recording proxy on 127.0.0.1 is set for both, so any attempt to reach the network is seen."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from revise.schema import BUNDLED
from revise.schema.schemaset import KINDS
from tests.editor.lsp import Client

REPO = Path(__file__).resolve().parents[2]
POLICIES = sorted((REPO / "policies").rglob("*.yaml"))
BROKEN_OWNER = "String does not match the pattern"  # owner's pattern lives in common.schema.json (a $ref)


def kind_of(file: Path) -> str:
    return yaml.safe_load(file.read_text(encoding="utf-8"))["kind"]


@pytest.fixture
def proxy(recording_proxy: list[bytes]) -> list[bytes]:
    """The requests that tried to leave the machine during this test."""
    recording_proxy.clear()
    return recording_proxy


@pytest.fixture(scope="module")
def recording_proxy() -> Iterator[list[bytes]]:
    """An HTTP proxy on 127.0.0.1 that answers nothing and records every request made through it."""
    seen: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                seen.append(conn.recv(1024))

    threading.Thread(target=serve, daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    saved = {k: os.environ.get(k) for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy")}
    os.environ.update({"HTTP_PROXY": url, "HTTPS_PROXY": url, "http_proxy": url, "https_proxy": url, "NO_PROXY": "", "no_proxy": ""})
    yield seen
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    server.close()


def check_jsonschema(schema: Path, files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(cli), "--no-cache", "--schemafile", str(schema), *map(str, files)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize("kind", KINDS)
def test_check_jsonschema_validates_every_policy_file_without_base_uri(kind: str, proxy: list[bytes], tmp_path: Path) -> None:
    files = [f for f in POLICIES if kind_of(f) == kind]
    assert files, kind
    result = check_jsonschema(BUNDLED / f"{kind}.schema.json", files, cwd=tmp_path)  # from elsewhere: nothing relative to the cwd
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert "ok -- validation done" in result.stdout
    assert proxy == [], "no request leaves the machine"


def test_check_jsonschema_reports_an_error_found_through_a_ref(proxy: list[bytes], tmp_path: Path) -> None:
    broken = tmp_path / "STD-RESPONSE.yaml"
    broken.write_text((REPO / "policies/standards/STD-RESPONSE.yaml").read_text(encoding="utf-8")
                      .replace("owner: cs-manager", "owner: CS Manager"), encoding="utf-8")
    result = check_jsonschema(BUNDLED / "standard.schema.json", [broken], cwd=tmp_path)
    assert result.returncode == 1 and "$.owner" in result.stdout and "does not match" in result.stdout, result.stdout + result.stderr
    assert proxy == []


def test_proposals_validate_with_check_jsonschema(proxy: list[bytes], tmp_path: Path) -> None:
    schema = BUNDLED / "proposal.schema.json"
    files = []
    for n, example in enumerate(json.loads(schema.read_text(encoding="utf-8"))["examples"]):
        files.append(tmp_path / f"RP-{n}.yaml")
        files[-1].write_text(yaml.safe_dump(example, allow_unicode=True), encoding="utf-8")
    result = check_jsonschema(schema, files, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert proxy == []


def test_every_policy_file_names_its_kind_schema_in_its_modeline() -> None:
    for file in POLICIES:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{file}: {first}"
        assert (file.parent / match[1]).resolve() == BUNDLED / f"{kind_of(file)}.schema.json", file


SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}


@pytest.fixture(scope="module")
def editor(recording_proxy: list[bytes]) -> Iterator[Client]:
    client = Client(REPO, SETTINGS)
    yield client
    client.close()


def test_yaml_language_server_finds_no_problem_in_any_policy_file(editor: Client, proxy: list[bytes]) -> None:
    for file in POLICIES:
        assert editor.open(file) == [], file
    assert proxy == []


def test_yaml_language_server_shows_errors_and_chinese_descriptions_from_the_schemas(editor: Client, proxy: list[bytes]) -> None:
    file = REPO / "policies/standards/STD-RESPONSE.yaml"
    text = file.read_text(encoding="utf-8")
    broken = editor.open(file.with_name("STD-BROKEN.yaml"), text.replace("owner: cs-manager", "owner: CS Manager"))
    assert [d["source"] for d in broken] == ["yaml-schema: 归口岗位"] and BROKEN_OWNER in broken[0]["message"], broken
    line = text.splitlines().index("applies_to:")
    assert "须遵守本文档的岗位编号列表" in editor.hover(file, line, 2)  # the description of common.schema.json's appliesTo
    assert proxy == []


def readme_settings() -> dict:
    """The `.vscode/settings.json` the README's editor section links to (docs/editors.md shows it)."""
    readme = (REPO / "docs/editors.md").read_text(encoding="utf-8")
    block = re.search(r"`\.vscode/settings\.json`.*?```json\n(.*?)```", readme, re.S)
    assert block, "docs/editors.md shows a .vscode/settings.json"
    return json.loads(block[1])


def test_the_readmes_vscode_settings_find_the_schemas_without_a_modeline(proxy: list[bytes]) -> None:
    mapping = readme_settings()["yaml.schemas"]
    client = Client(REPO, {"yaml": {**SETTINGS["yaml"], "schemas": mapping}})
    try:
        for file in POLICIES:
            text = file.read_text(encoding="utf-8").split("\n", 1)[1]  # without the modeline
            assert client.open(file, text) == [], file
            broken = client.open(file.with_name("ZZ-BROKEN.yaml"), text.replace("\nowner: ", "\nowner: Not An Id ", 1))
            assert any(BROKEN_OWNER in d["message"] for d in broken), (file, broken)
    finally:
        client.close()
    assert proxy == []
