"""The arms of a results database: their order, the reference arm and the colour of each.

Every figure and the interactive page colour an arm through `arm_colours`, so that an arm has the
same colour wherever it appears: the reference first, then the arms in the order they were run.
"""

from __future__ import annotations

import json

from .load import Results
from .style import ARM_COLOURS


def arm_order(results: Results) -> list[str]:
    """Arms in the order `policysim compare` ran them (manifest `compare_arms`, the reference first);
    without it, the reference first and then the order of first appearance in `runs`."""
    arms = list(results.arms)
    listed = results.manifest.get("compare_arms")
    if isinstance(listed, str):
        try:
            listed = json.loads(listed)
        except ValueError:
            listed = None
    if isinstance(listed, list):
        ordered = [str(a) for a in listed if a in arms]
        return ordered + [a for a in arms if a not in ordered]
    table = results.table("comparisons")
    if table is not None and "reference" in table and not table.empty:
        reference = str(table["reference"].iloc[0])
        if reference in arms:
            arms.remove(reference)
            arms.insert(0, reference)
    return arms


def reference_arm(results: Results, requested: str | None = None) -> str:
    """The arm others are compared with: `requested` if given (ValueError when the database lacks
    it), else the reference of the `comparisons` table, else the first arm."""
    arms = arm_order(results)
    if requested is not None:
        if requested not in arms:
            raise ValueError(f"no arm {requested!r} in the database; its arms: {', '.join(arms) or 'none'}")
        return requested
    table = results.table("comparisons")
    if table is not None and "reference" in table and not table.empty and str(table["reference"].iloc[0]) in arms:
        return str(table["reference"].iloc[0])
    return arms[0] if arms else ""


def arm_colours(results: Results) -> dict[str, str]:
    """Colour of each arm, by its place in `arm_order` (colours repeat after eight arms)."""
    return {arm: ARM_COLOURS[index % len(ARM_COLOURS)] for index, arm in enumerate(arm_order(results))}


def selected_arms(results: Results, requested: list[str] | None) -> list[str]:
    """The requested arms in `arm_order` (all when None); ValueError naming any the database lacks."""
    arms = arm_order(results)
    if not requested:
        return arms
    unknown = [arm for arm in requested if arm not in arms]
    if unknown:
        raise ValueError(f"no arm {', '.join(map(repr, unknown))} in the database; its arms: {', '.join(arms)}")
    return [arm for arm in arms if arm in requested]
