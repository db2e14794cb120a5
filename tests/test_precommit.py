"""The integrations, run for real: the pre-commit hook through `pre-commit try-repo`, and the
composite GitHub Action's steps through bash with the runner's files and variables.

`try-repo` clones the hook repository at its git HEAD, and the action installs from its own
path, so both use a snapshot of this working tree (uncommitted changes included) committed
to a temporary git repository. They need git and the package index (pip installs the hook),
nothing else.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "readycheck tests",
    "GIT_AUTHOR_EMAIL": "tests@readycheck.invalid",
    "GIT_COMMITTER_NAME": "readycheck tests",
    "GIT_COMMITTER_EMAIL": "tests@readycheck.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
SNAPSHOT_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".*_cache", "build", "dist"
)


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def snapshot(dest: Path) -> Path:
    """This working tree as it is now (tracked and untracked, minus ignored files),
    committed to a new git repository at `dest`."""
    dest.mkdir(parents=True)
    files: list[str] = []
    if (ROOT / ".git").exists() and shutil.which("git"):
        listing = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
        files = [f for f in listing.split("\0") if f and (ROOT / f).is_file()]
    if files:
        for rel in files:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target)
    else:  # not a git checkout (an sdist, say): copy the tree
        shutil.copytree(ROOT, dest, ignore=SNAPSHOT_SKIP, dirs_exist_ok=True)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot of the working tree", cwd=dest)
    return dest


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("git"):
        pytest.fail("git is needed to test the pre-commit hook")
    return snapshot(tmp_path_factory.mktemp("hook") / "readycheck")


@pytest.fixture(scope="module")
def isolated_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """pre-commit's store and readycheck's cache in temporary directories; no CI variables
    that would change the output format."""
    base = tmp_path_factory.mktemp("env")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GITHUB_ACTIONS", "READYCHECK_OUTPUT_FORMAT")
    }
    env.update(GIT_ENV)
    env["PRE_COMMIT_HOME"] = str(base / "pre-commit")
    env["READYCHECK_CACHE_DIR"] = str(base / "readycheck-cache")
    env["PRE_COMMIT_COLOR"] = "never"
    return env


def agent_repo(path: Path, example: str) -> Path:
    shutil.copytree(EXAMPLES / example, path)
    git("init", "-q", cwd=path)
    git("add", "-A", cwd=path)
    return path


def try_repo(
    hook_repo: Path, target: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            "readycheck",
            "--all-files",
        ],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_precommit_hook_fails_on_a_missing_item_and_passes_when_ready(
    hook_repo: Path, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    not_ready = try_repo(hook_repo, agent_repo(tmp_path / "demo", "demo-agent"), isolated_env)
    out = not_ready.stdout + not_ready.stderr
    assert not_ready.returncode == 1, out
    assert re.search(r"readycheck.*\.+Failed", out), out
    assert "RC401" in out and "0/1 agents ready" in out

    ready = try_repo(hook_repo, agent_repo(tmp_path / "ready", "ready-agent"), isolated_env)
    out = ready.stdout + ready.stderr
    assert ready.returncode == 0, out
    assert re.search(r"readycheck.*\.+Passed", out), out


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "readycheck" and hook["entry"] == "readycheck check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["require_serial"] is True
    files = re.compile(hook["files"])
    relevant = [
        "SOUL.md",
        "agents/a/HEARTBEAT.md",
        "BOOT.md",
        "openclaw.json",
        "readycheck.yaml",
        "x/agent.yml",
        "config/agents.yaml",
        "crew.jsonc",
        "langgraph.json",
        "budget.json5",
        "pyproject.toml",
        "scripts/boot.sh",
        "main.py",
        "prompts/system.txt",
        ".gitignore",
        ".env.example",
        ".readycheck.yaml",
    ]
    for name in relevant:
        assert files.search(name), name
    for name in ["logo.png", "data.parquet", "README.rst", "Makefile"]:
        assert not files.search(name), name


# --- the GitHub Action ----------------------------------------------------------------


def action() -> dict:  # type: ignore[type-arg]
    data: dict = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def test_action_definition_is_composite_and_injection_safe() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"paths", "output-format", "sarif-file", "fail"} <= set(spec["inputs"])
    for step in spec["runs"]["steps"]:
        assert step["shell"] == "bash"
        # Inputs reach scripts through env only, never through ${{ }} in the script text.
        assert "${{" not in step["run"], step["name"]


def _value(expr: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    """`inputs.NAME` or `steps.ID.outputs.NAME`, as the runner substitutes them."""
    expr = expr.strip()
    if expr.startswith("inputs."):
        return inputs[expr[len("inputs.") :]]
    step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
    if step:
        return outputs.get(step.group(1), {}).get(step.group(2), "")
    raise AssertionError(f"unexpected expression {expr}")


def _expand(value: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _value(m.group(1), inputs, outputs), value)


def _condition(expr: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> bool:
    """A step's `if:` (the subset the action uses: always(), ==, &&, || and brackets),
    evaluated as Python after substituting its operands."""
    text = expr.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
    text = re.sub(
        r"(inputs|steps)\.[\w.-]+", lambda m: repr(_value(m.group(0), inputs, outputs)), text
    )
    assert re.fullmatch(r"[\sA-Za-z0-9'()=]*", text.replace("and", "").replace("or", "")), text
    # Only literals, comparisons and and/or remain (checked above): eval reads them.
    return bool(eval(text, {"__builtins__": {}}, {"True": True}))


def run_action(
    workspace: Path, runner_temp: Path, action_path: Path, env: dict[str, str], **given: str
) -> tuple[dict[str, str], str, int]:
    """Run the action's steps as the runner would: each `run` with bash, its `env`, and
    GITHUB_OUTPUT / GITHUB_PATH / GITHUB_STEP_SUMMARY files. Returns the step outputs, the
    job summary and the exit status of the last step that ran."""
    spec = action()
    inputs = {name: str(meta.get("default", "")) for name, meta in spec["inputs"].items()}
    inputs.update({k.replace("_", "-"): v for k, v in given.items()})
    summary, path_file = runner_temp / "summary.md", runner_temp / "path.txt"
    summary.touch()
    path_file.write_text("", encoding="utf-8")
    outputs: dict[str, dict[str, str]] = {}
    status = 0
    for step in spec["runs"]["steps"]:
        name = step["name"]
        if "if" in step and not _condition(step["if"], inputs, outputs):
            continue
        output_file = runner_temp / "output.txt"
        output_file.write_text("", encoding="utf-8")
        step_env = {
            **env,
            "GITHUB_ACTIONS": "true",
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_PATH": str(path_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ACTION_PATH": str(action_path),
            "RUNNER_TEMP": str(runner_temp),
            "PATH": env["PATH"],
            **{k: _expand(str(v), inputs, outputs) for k, v in step.get("env", {}).items()},
        }
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        status = result.returncode
        for line in output_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs.setdefault(step.get("id", name), {})[key] = value
        if status != 0:
            if name != "Fail when an agent is not ready":
                raise AssertionError(f"step {name!r} failed: {result.stdout}{result.stderr}")
            break
    # The action leaves the job's PATH alone: its later steps keep their own tools.
    assert path_file.read_text(encoding="utf-8") == ""
    return outputs.get("check", {}), summary.read_text(encoding="utf-8"), status


def test_action_reports_fails_and_uploads_sarif(
    hook_repo: Path, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    workspace = tmp_path / "workspace"
    shutil.copytree(EXAMPLES / "demo-agent", workspace / "agents" / "demo")
    shutil.copytree(EXAMPLES / "ready-agent", workspace / "agents" / "ready")
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    outputs, summary, status = run_action(
        workspace,
        runner_temp,
        hook_repo,
        isolated_env,
        sarif_file="out/readycheck.sarif",
        python=sys.executable,
    )
    assert outputs["exit-code"] == "1" and status == 1
    assert "## ❌ readycheck: 1 of 2 agents ready" in summary
    sarif = (workspace / "out" / "readycheck.sarif").read_text(encoding="utf-8")
    assert '"uri": "agents/demo/SOUL.md"' in sarif

    # fail: false reports the same and passes; the exit-code output is still the real one.
    (runner_temp / "summary.md").unlink()
    outputs, summary, status = run_action(
        workspace,
        runner_temp,
        hook_repo,
        isolated_env,
        fail="false",
        paths="agents/demo",
        python=sys.executable,
    )
    assert outputs["exit-code"] == "1" and status == 0
    assert "## ❌ readycheck: 0 of 1 agents ready" in summary

    # `paths` is a list, one per line: a path with a space, and a glob readycheck expands.
    shutil.copytree(EXAMPLES / "ready-agent", workspace / "more" / "ready two")
    (runner_temp / "summary.md").unlink()
    outputs, summary, status = run_action(
        workspace,
        runner_temp,
        hook_repo,
        isolated_env,
        paths="more/ready two\n  agents/*  \n",
        python=sys.executable,
    )
    assert outputs["exit-code"] == "1" and status == 1
    assert "## ❌ readycheck: 2 of 3 agents ready" in summary
    assert "more/ready two" in summary


def test_action_fails_on_a_usage_error_without_a_summary(
    hook_repo: Path, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    workspace = tmp_path / "workspace"
    shutil.copytree(EXAMPLES / "ready-agent", workspace / "agents" / "ready")
    (workspace / ".readycheck.yaml").write_text("select: [budget-mising]\n", encoding="utf-8")
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    outputs, summary, status = run_action(
        workspace, runner_temp, hook_repo, isolated_env, fail="false", python=sys.executable
    )
    # Exit 2 always fails, even with fail: false; no summary step runs to hide the error.
    assert outputs["exit-code"] == "2" and status == 2
    assert summary == ""
