"""Name and description of the scenario recorded in a manifest's resolved YAML."""

from __future__ import annotations

import re

try:  # PyYAML is usually present on Debian; a small reader below covers its absence.
    import yaml
except ImportError:  # pragma: no cover
    yaml = None


def _read_top_level_scalar(yaml_text: str, key: str) -> str | None:
    """A top-level `key:` value, including `>`/`|` block scalars, without a YAML library."""
    lines = yaml_text.splitlines()
    for index, line in enumerate(lines):
        match = re.match(rf"^{re.escape(key)}\s*:\s*(.*)$", line)
        if not match:
            continue
        value = match.group(1).strip()
        if value and value[0] in ">|":
            block = []
            for following in lines[index + 1:]:
                if following.strip() and not following.startswith((" ", "\t")):
                    break
                block.append(following.strip())
            joiner = " " if value[0] == ">" else "\n"
            return joiner.join(part for part in block if part).strip()
        return value.strip("'\"") or None
    return None


def scenario_summary(yaml_text: str | None) -> dict:
    """{"name": ..., "description": ...} from resolved scenario YAML (None for what is absent)."""
    summary = {"name": None, "description": None}
    if not yaml_text:
        return summary
    parsed = None
    if yaml is not None:
        try:
            parsed = yaml.safe_load(yaml_text)
        except yaml.YAMLError:
            parsed = None
    if isinstance(parsed, dict):
        for key in summary:
            if parsed.get(key) is not None:
                summary[key] = str(parsed[key]).strip()
        return summary
    for key in summary:
        summary[key] = _read_top_level_scalar(yaml_text, key)
    return summary
