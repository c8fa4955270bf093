"""Docs that tests keep honest: the README's commands, settings and management commands."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = section.split("```", 2)[1]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_demo_then_tests():
    commands = _quick_start_commands()
    assert commands == ["scripts/demo", "scripts/test"]
    for command in commands:
        assert (ROOT / command).exists()


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quick_start_commands()[1]
    assert re.search(rf"^{re.escape(test_command)}\b", ci, re.MULTILINE)


def test_every_setting_is_in_env_example():
    settings_source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', settings_source))
    assert names, "settings read no variables?"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z0-9_]+)=", example, re.MULTILINE))
    assert names <= documented, f"missing from .env.example: {sorted(names - documented)}"
    assert documented <= names, f"in .env.example but unused: {sorted(documented - names)}"


def test_every_management_command_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = {
        path.stem
        for path in (ROOT / "seva").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    missing = sorted(name for name in commands if f"manage.py {name}" not in readme)
    assert not missing, f"document these in the README's Operations table: {missing}"


def test_the_action_table_in_the_docs_is_the_codes():
    from seva.complaints.action_rules import action_table_markdown

    start = "<!-- action-table: generated from seva/complaints/action_rules.py;"
    end = "<!-- /action-table -->"
    table = action_table_markdown()
    for doc in ("docs/lifecycle.md", "docs/desk.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert start in text, f"{doc} lost the start of its action table"
        assert end in text, f"{doc} lost the end of its action table"
        shown = text.split(start, 1)[1].split("\n", 1)[1].split(end, 1)[0]
        assert shown == table, f"{doc}: paste action_table_markdown()'s output:\n{table}"


def test_every_word_of_the_logs_is_in_the_vocabulary_doc():
    from seva.complaints.vocabulary import EventType, ReplyPurpose
    from seva.directory.audit import AuditType

    doc = (ROOT / "docs" / "lifecycle.md").read_text()
    section = doc.split("## The vocabulary of the logs", 1)[1]
    for word in [*EventType, *ReplyPurpose, *AuditType]:
        assert f"`{word.value}`" in section, word
