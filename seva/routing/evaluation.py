"""Score triage decisions against a labelled JSON-lines file (see data/triage/README.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _f1(true_positive: int, false_positive: int, false_negative: int) -> float:
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(
    labelled: Iterable[Mapping[str, Any]], decided: Mapping[Any, Mapping[str, Any]]
) -> dict[str, Any]:
    """Metrics of the triage issue's targets, from gold rows and decisions keyed by id."""
    rows = list(labelled)
    pairs = [(row, decided[row["id"]]) for row in rows]
    tp = sum(1 for g, d in pairs if g["is_grievance"] and d["is_grievance"])
    fp = sum(1 for g, d in pairs if not g["is_grievance"] and d["is_grievance"])
    fn = sum(1 for g, d in pairs if g["is_grievance"] and not d["is_grievance"])
    grievances = [(g, d) for g, d in pairs if g["is_grievance"]]
    placed = [(g, d) for g, d in grievances if g["district"]]
    unplaced = [(g, d) for g, d in grievances if not g["district"]]
    categories = sorted({g["category"] for g, _ in grievances if g["category"]})
    per_category = {
        name: _f1(
            sum(1 for g, d in grievances if g["category"] == name and d["category"] == name),
            sum(1 for g, d in grievances if g["category"] != name and d["category"] == name),
            sum(1 for g, d in grievances if g["category"] == name and d["category"] != name),
        )
        for name in categories
    }
    urgent_tp = sum(1 for g, d in pairs if g["urgent"] and d["urgent"])
    urgent_fp = sum(1 for g, d in pairs if not g["urgent"] and d["urgent"])
    urgent_fn = sum(1 for g, d in pairs if g["urgent"] and not d["urgent"])
    return {
        "posts": len(rows),
        "grievance_f1": round(_f1(tp, fp, fn), 3),
        "district_accuracy_with_clue": round(
            sum(1 for g, d in placed if d["district"] == g["district"]) / max(1, len(placed)), 3
        ),
        "no_district_when_no_up_place": round(
            sum(1 for _, d in unplaced if d["district"] is None) / max(1, len(unplaced)), 3
        ),
        "category_macro_f1": round(sum(per_category.values()) / max(1, len(per_category)), 3),
        "category_f1": {name: round(value, 3) for name, value in per_category.items()},
        "urgent_recall": round(urgent_tp / max(1, urgent_tp + urgent_fn), 3),
        "urgent_precision": round(urgent_tp / max(1, urgent_tp + urgent_fp), 3),
    }
