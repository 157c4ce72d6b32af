"""PLOVER gold-standard records (CAMEO manual examples): event type and actor codes, sentence by sentence.

    .venv/bin/python bench/eval_plover_gsr.py [--limit N] [--json OUT] [-v]

Data: ../shared/eval/plover-gsr/PLOVER_GSR_CAMEO.json (322 coded sentences, PLOVER 0.5 names; see its README).
Old type names are mapped to current PLOVER: DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE,
FIGHT->ASSAULT.

Each record's `text` is run through detente as a one-sentence article (published = the record's date,
2000-01-01) and the *top* predicted event is compared with the gold event. Top event = the first of the
sentence's events after sorting by: asserted before other factualities, then the trigger's depth in the
dependency tree (the main-clause predicate first), then confidence (high first), then position. No event
counts as wrong.

Reported:
  * type accuracy (top event's PLOVER type == gold type) and "any" accuracy (some event has the gold type),
  * macro F1 over the gold types (per-type P/R from the top event; "no event" is a miss, not a class),
  * coverage: share of sentences with any event / with a dyadic event (source and target codes),
  * actor accuracy: top event's source code (target code) in the gold source (target) codes, over records
    whose gold has a source (target). Gold codes are reduced to their first three letters (the country or
    "IGO"/"NGO" part); SRC/TAR (reciprocal) records accept either list for either role. Gold "IGO" matches a
    predicted actor that is an international organisation (KB kind igo/organ or sector IGO); old non-ISO gold
    codes are mapped (JAP->JPN, ITL->ITA, VTN->VNM). Sector accuracy is reported where the code matched and the
    gold sector is one of detente's ten sectors,
  * the ten most frequent gold->predicted type confusions.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from common import code_version, one_sentence_article, standard_arguments, timed_resources  # noqa: E402

from detente.model import PLOVER_TYPES, SECTORS
from detente.nlp import parse
from detente.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORG_KINDS = {"igo", "organ"}
NONE = "(none)"


def load_records(limit: int | None) -> list[dict]:
    data = json.loads(DATA.read_text("utf-8"))
    records = [r for r in data if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    return records[:limit] if limit else records


def gold_actors(value) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    return [a for a in value or [] if isinstance(a, dict) and a.get("code")]


def depth(doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return 99
    return sum(1 for _ in span[0].ancestors)


def rank(events, doc) -> list:
    return sorted(events, key=lambda e: (e.factuality != "asserted", depth(doc, e.trigger_start), -e.confidence,
                                         e.trigger_start))


def code_ok(gold: dict, ref, kb) -> bool:
    """Does a predicted ActorRef carry the gold actor's (country/organisation) code?"""
    if ref is None or not ref.code:
        return False
    g = OLD_CODES.get(gold["code"][:3].upper(), gold["code"][:3].upper())
    if g == "IGO":
        actor = kb.actors.get(ref.actor_id or "")
        return ref.sector == "IGO" or (actor is not None and actor.kind in ORG_KINDS)
    if g == "NGO":
        actor = kb.actors.get(ref.actor_id or "")
        return actor is not None and actor.kind not in ("country", "person") and ref.sector not in ("GOV", "MIL")
    return ref.code.upper()[:3] == g


def ref_dict(ref) -> dict | None:
    return None if ref is None else {"text": ref.text, "code": ref.code, "sector": ref.sector}


def evaluate(records: list[dict], res) -> tuple[list[dict], float]:
    articles = [one_sentence_article(r["id"], r["text"], r.get("date") or "2000-01-01") for r in records]
    started = time.perf_counter()
    rows = []
    for record, parsed in zip(records, parse(res.nlp, articles, 64), strict=True):
        try:
            events, crash = list(analyse(parsed, res).events), None
        except Exception as exc:  # a detente bug on one sentence is recorded, not fatal
            events, crash = [], f"{type(exc).__name__}: {exc}"[:200]
        ranked = rank(events, parsed.doc)
        top = ranked[0] if ranked else None
        gold_type = OLD_TO_NEW.get(record["event"], record["event"])
        src, tgt = gold_actors(record.get("source")), gold_actors(record.get("target"))
        info = record.get("textInfo")
        reciprocal = "SRC/TAR" in (info.get("markup", "") if isinstance(info, dict) else str(info or ""))
        src_pool = src + (tgt if reciprocal else [])
        tgt_pool = tgt + (src if reciprocal else [])
        row = {
            "id": record["id"], "text": record["text"], "gold": gold_type, "gold_old": record["event"],
            "pred": top.plover if top else NONE, "trigger": top.trigger if top else None,
            "rule": top.rule if top else None, "factuality": top.factuality if top else None,
            "any": any(e.plover == gold_type for e in events), "n_events": len(events), "crash": crash,
            "dyadic": any(e.source and e.source.code and e.target and e.target.code for e in events),
            "all": [f"{e.plover}:{e.trigger}:{e.source.code if e.source else None}->"
                    f"{e.target.code if e.target else None}:{e.factuality}" for e in ranked],
            "gold_source": [f"{a['code']}{a.get('sector') or ''}" for a in src],
            "gold_target": [f"{a['code']}{a.get('sector') or ''}" for a in tgt],
            "reciprocal": reciprocal, "pred_source": ref_dict(top.source) if top else None,
            "pred_target": ref_dict(top.target) if top else None,
        }
        row["type_ok"] = row["pred"] == gold_type
        if src:
            hit = [a for a in src_pool if top is not None and code_ok(a, top.source, res.kb)]
            row["source_ok"] = bool(hit)
            if hit and hit[0].get("sector") in SECTORS:
                row["source_sector_ok"] = top.source.sector == hit[0]["sector"]
        if tgt or (reciprocal and len(src) > 1):
            pool = tgt_pool if tgt else src
            hit = [a for a in pool if top is not None and code_ok(a, top.target, res.kb)]
            row["target_ok"] = bool(hit)
            if hit and hit[0].get("sector") in SECTORS:
                row["target_sector_ok"] = top.target.sector == hit[0]["sector"]
        rows.append(row)
    return rows, time.perf_counter() - started


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(rows: list[dict]) -> dict:
    n = len(rows)
    gold_c = Counter(r["gold"] for r in rows)
    pred_c = Counter(r["pred"] for r in rows if r["pred"] != NONE)
    tp_c = Counter(r["gold"] for r in rows if r["type_ok"])
    per_type = {}
    for t in PLOVER_TYPES:
        if gold_c[t] or pred_c[t]:
            p, r, f = prf(tp_c[t], pred_c[t], gold_c[t])
            per_type[t] = {"gold": gold_c[t], "pred": pred_c[t], "correct": tp_c[t], "p": p, "r": r, "f1": f}
    gold_types = [t for t in per_type if gold_c[t]]
    ratio = lambda key: (sum(1 for r in rows if r.get(key)) / sum(1 for r in rows if key in r)  # noqa: E731
                         if any(key in r for r in rows) else 0.0)
    count = lambda key: sum(1 for r in rows if key in r)  # noqa: E731
    confusions = Counter((r["gold"], r["pred"]) for r in rows if not r["type_ok"])
    return {
        "records": n,
        "crashes": sum(1 for r in rows if r["crash"]),
        "type_accuracy": sum(r["type_ok"] for r in rows) / n if n else 0.0,
        "any_event_type_accuracy": sum(r["any"] for r in rows) / n if n else 0.0,
        "macro_f1": sum(per_type[t]["f1"] for t in gold_types) / len(gold_types) if gold_types else 0.0,
        "coverage": sum(1 for r in rows if r["n_events"]) / n if n else 0.0,
        "coverage_dyadic": sum(1 for r in rows if r["dyadic"]) / n if n else 0.0,
        "source_accuracy": ratio("source_ok"), "source_n": count("source_ok"),
        "target_accuracy": ratio("target_ok"), "target_n": count("target_ok"),
        "source_sector_accuracy": ratio("source_sector_ok"), "source_sector_n": count("source_sector_ok"),
        "target_sector_accuracy": ratio("target_sector_ok"), "target_sector_n": count("target_sector_ok"),
        "per_type": per_type,
        "confusions": [{"gold": g, "pred": p, "count": c} for (g, p), c in
                       sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
    }


def print_report(s: dict, rows: list[dict], seconds: float, kb_note: str, verbose: bool) -> None:
    if verbose:
        for r in rows:
            if r["type_ok"] and r.get("source_ok", True) and r.get("target_ok", True):
                continue
            print(f"- {r['id']}  gold {r['gold']} ({r['gold_old']})  pred {r['pred']} "
                  f"[{r['trigger']} {r['rule']} {r['factuality']}]")
            print(f"    {r['text']}")
            print(f"    gold src {r['gold_source']} tgt {r['gold_target']}{' (reciprocal)' if r['reciprocal'] else ''}"
                  f" | pred src {r['pred_source'] and r['pred_source']['code']}"
                  f" ({r['pred_source'] and r['pred_source']['text']})"
                  f" tgt {r['pred_target'] and r['pred_target']['code']}"
                  f" ({r['pred_target'] and r['pred_target']['text']})")
            if len(r["all"]) > 1:
                print(f"    all events: {'; '.join(r['all'])}")
        print()
    print(f"PLOVER GSR (CAMEO manual examples): {s['records']} sentences   [{kb_note}]")
    if s["crashes"]:
        crashed = [f"{r['id']} {r['crash']}" for r in rows if r["crash"]]
        print(f"detente raised on {s['crashes']} sentence(s) (counted as no event): " + "; ".join(crashed[:5])
              + (f"; ... ({len(crashed) - 5} more, see --json)" if len(crashed) > 5 else ""))
    print(f"{'metric':<34}{'value':>8}{'n':>6}")
    print(f"{'type accuracy (top event)':<34}{s['type_accuracy']:>8.3f}{s['records']:>6}")
    print(f"{'type accuracy (any event)':<34}{s['any_event_type_accuracy']:>8.3f}{s['records']:>6}")
    n_types = len([t for t in s["per_type"] if s["per_type"][t]["gold"]])
    print(f"{'macro F1 over gold types':<34}{s['macro_f1']:>8.3f}{n_types:>6}")
    print(f"{'coverage (any event)':<34}{s['coverage']:>8.3f}{s['records']:>6}")
    print(f"{'coverage (dyadic event)':<34}{s['coverage_dyadic']:>8.3f}{s['records']:>6}")
    print(f"{'source code accuracy':<34}{s['source_accuracy']:>8.3f}{s['source_n']:>6}")
    print(f"{'target code accuracy':<34}{s['target_accuracy']:>8.3f}{s['target_n']:>6}")
    print(f"{'source sector acc. (code right)':<34}{s['source_sector_accuracy']:>8.3f}{s['source_sector_n']:>6}")
    print(f"{'target sector acc. (code right)':<34}{s['target_sector_accuracy']:>8.3f}{s['target_sector_n']:>6}")
    print()
    print(f"{'type':<11}{'gold':>5}{'pred':>5}{'ok':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for t, v in s["per_type"].items():
        print(f"{t:<11}{v['gold']:>5}{v['pred']:>5}{v['correct']:>5}{v['p']:>7.2f}{v['r']:>7.2f}{v['f1']:>7.2f}")
    print()
    print("top confusions (gold -> predicted top event)")
    for c in s["confusions"]:
        print(f"  {c['gold']:<10} -> {c['pred']:<10} {c['count']:>4}")
    print()
    print(f"time: {seconds:.1f}s analysis")
    print("command: " + " ".join([Path(sys.executable).name, *sys.argv]))
    print("code: " + code_version())


def kb_description(res) -> str:
    kinds = Counter(a.kind for a in res.kb.actors.values())
    if not kinds:
        return "WARNING: packaged KB is empty (src/detente/kb/data/*.yaml missing) -- actor codes cannot match"
    return "KB: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))


def main() -> None:
    args = standard_arguments(__doc__, "records", "write summary and per-record rows here",
                              "list every record with a wrong type or actor")
    res, t_load = timed_resources()
    records = load_records(args.limit)
    rows, seconds = evaluate(records, res)
    summary = summarise(rows)
    note = kb_description(res)
    print_report(summary, rows, seconds, note, args.verbose)
    print(f"(resources loaded in {t_load:.1f}s)")
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "kb": note, "seconds": seconds, "rows": rows},
                                              indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
