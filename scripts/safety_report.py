"""`make safety-report`: the safety layer on tests/safety/ → benchmarks/results/safety.md (and printed)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reading.safety.evaluation import (  # noqa: E402
    LIVE_SETS,
    MEASURE_SET,
    SETS,
    evaluate,
    everyday_alarms,
    load_set,
    markdown,
    responses,
)


def main() -> int:
    texts = responses()
    text = "\n".join(
        markdown(evaluate(load_set(danger), load_set(ordinary), texts), title)
        for title, danger, ordinary in (*SETS, MEASURE_SET, *LIVE_SETS)
    )
    total, alarms = everyday_alarms()
    text += (
        "\n# Messages de tous les jours (tests/nlu/test_nlu.yml, jamais appris)\n\n"
        f"- {len(alarms)} alertes sur {total} "
        f"({len(alarms) / total:.1%}) :\n" + "".join(f"  - {a!r}\n" for a in alarms)
    )
    out = ROOT / "benchmarks" / "results" / "safety.md"
    out.write_text(text, encoding="utf-8")
    print(text)
    print(f"→ {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
