"""Measures the safety layer on a labelled set (tests/safety/): what each message would be answered,
rendered with the real responses of domain.yml and the numbers of urgences.yaml, checked against what the
set says the answer must give. Used by tests/safety/test_detector.py and `make safety-report`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from reading.safety import detect, numbers, plan_answer
from reading.safety.detector import MODEL_SIGNAL

ROOT = Path(__file__).resolve().parents[2]
# (title, danger file, ordinary file) under tests/safety/: the first set was written before the detector; each
# held-out set after it, by someone who had seen neither the detector nor the earlier sets (tests/safety/README.md).
SETS = (
    ("Jeu principal (écrit avant le détecteur)", "danger", "ordinary"),
    ("Jeu tenu à l'écart n° 1", "heldout_danger", "heldout_ordinary"),
    ("Jeu tenu à l'écart n° 2", "heldout2_danger", "heldout2_ordinary"),
    ("Jeu tenu à l'écart n° 3", "heldout3_danger", "heldout3_ordinary"),
)
# What the second net (reading/safety/model.py) learns from; the last held-out set is never among them.
TRAINING_SETS = tuple((danger, ordinary) for _, danger, ordinary in SETS)
# Written after the whole layer, never learnt from nor tuned on: the report shows it apart (tests/safety/README.md).
MEASURE_SET = ("Jeu de mesure n° 4 (jamais appris)", "heldout4_danger", "heldout4_ordinary")
# Live play-test findings, each written before its fix (the fix was tuned on it, so it guards, it does not
# measure); never learnt from by the second net either (tests/safety/README.md).
LIVE_SETS = (
    ("Jeu du play-test D (écrit avant la correction)", "live_d_danger", "live_d_ordinary"),
    ("Jeu des manques : faim, « je tiens plus » (écrit avant la correction)", "gaps_danger", "gaps_ordinary"),
    ("Jeu du play-test E : noms des actions montrées (écrit avant)", "live_e_names_danger", "live_e_names_ordinary"),
    ("Jeu du play-test F : « jcrois que oui », « jsuis au <quartier> »", "live_f_danger", "live_f_ordinary"),
    ("Jeu du play-test G : « jai mal au dos depuis des mois »", "live_g_danger", "live_g_ordinary"),
)
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


def load_set(name: str, root: Path = ROOT) -> List[Dict[str, Any]]:
    return yaml.safe_load((root / "tests" / "safety" / f"{name}.yaml").read_text(encoding="utf-8"))["messages"]


def responses(domain_file: Path = ROOT / "domain.yml") -> Dict[str, str]:
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8"))
    return {name: variants[0].get("text", "") for name, variants in domain["responses"].items()}


def render(text: str) -> str:
    values = numbers.template_values()
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def answer_text(message: str, known_age: Optional[float], texts: Dict[str, str]) -> Optional[tuple]:
    """(language, the whole answer as the person reads it) or None when the message is not stopped."""
    detection = detect(message)
    answer = plan_answer(detection.signals, detection.age_hint, known_age, detection.english)
    if answer is None:
        return None
    parts = [render(texts[r]) for r in (*answer.responses, answer.closing_response)]
    return answer.language, "\n".join(parts)


def _problem(entry: Dict[str, Any], got: Optional[tuple]) -> Optional[str]:
    if got is None:
        return "pas de réponse d'urgence"
    language, text = got
    if language != entry.get("language", "fr"):
        return f"langue {language}"
    missing = [n for n in entry.get("numbers") or () if not re.search(rf"(?<!\d)(?<!\d ){re.escape(n)}(?![\d])", text)]
    missing += [m for m in entry.get("mentions") or () if m not in text]
    return f"manque {', '.join(missing)}" if missing else None


@dataclass
class Report:
    danger_total: int = 0
    danger_ok: int = 0
    ordinary_total: int = 0
    false_alarms: int = 0
    # Danger messages that got only the general answer of the second net (every number), not the precise one.
    general: int = 0
    by_situation: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: List[str] = field(default_factory=list)

    @property
    def detected_rate(self) -> float:
        return self.danger_ok / self.danger_total if self.danger_total else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.ordinary_total if self.ordinary_total else 0.0


def evaluate(danger: List[Dict[str, Any]], ordinary: List[Dict[str, Any]], texts: Dict[str, str]) -> Report:
    report = Report()
    for entry in danger:
        problem = _problem(entry, answer_text(entry["text"], entry.get("age"), texts))
        report.danger_total += 1
        report.by_situation[entry["situation"]]["total"] += 1
        if problem:
            report.by_situation[entry["situation"]]["manqués"] += 1
            report.failures.append(f"manqué ({problem}) : {entry['text'][:120]!r}")
        else:
            report.danger_ok += 1
            report.by_situation[entry["situation"]]["détectés"] += 1
            detection = detect(entry["text"])
            if detection.signals == {MODEL_SIGNAL}:
                report.general += 1
                report.by_situation[entry["situation"]]["réponse générale"] += 1
    for entry in ordinary:
        report.ordinary_total += 1
        if answer_text(entry["text"], entry.get("age"), texts) is not None:
            report.false_alarms += 1
            report.by_situation["aucune"]["fausses alertes"] += 1
            report.failures.append(f"fausse alerte : {entry['text'][:120]!r}")
    return report


def markdown(report: Report, title: str = "tests/safety/") -> str:
    lines = [
        f"# Couche de sécurité — {title}",
        "",
        f"- Messages en danger : {report.danger_ok} / {report.danger_total} reçoivent la bonne aide "
        f"({report.detected_rate:.1%}), dont {report.general} par la seule réponse générale du second filet.",
        f"- Messages ordinaires : {report.false_alarms} fausses alertes sur {report.ordinary_total} "
        f"({report.false_alarm_rate:.1%}).",
        "",
        "| situation | messages | bonne aide | dont réponse générale | manqués | fausses alertes |",
        "|---|---|---|---|---|---|",
    ]
    for situation in sorted(report.by_situation):
        c = report.by_situation[situation]
        total = c["total"] if situation != "aucune" else report.ordinary_total
        lines.append(
            f"| {situation} | {total} | {c['détectés']} | {c['réponse générale']} | {c['manqués']} "
            f"| {c['fausses alertes']} |"
        )
    if report.failures:
        lines += ["", "## Échecs", ""] + [f"- {f}" for f in report.failures]
    return "\n".join(lines) + "\n"


_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_examples(path: Path) -> List[str]:
    """The example sentences of a Rasa NLU file, without their entity annotations."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        _ANNOTATION.sub(r"\1", line.strip()[2:])
        for item in data.get("nlu", [])
        for line in str(item.get("examples", "")).splitlines()
        if line.strip().startswith("- ")
    ]


def everyday_alarms(root: Path = ROOT) -> tuple:
    """The held-out NLU set (tests/nlu/test_nlu.yml: everyday messages, never learnt by the safety model):
    (how many, the ones that raise an alarm). Some are real (« je dors dans la rue »): they are listed."""
    texts = nlu_examples(root / "tests" / "nlu" / "test_nlu.yml")
    return len(texts), [t for t in texts if detect(t).alarming]
