"""Cleaning quality: detente's `clean()` beside plain trafilatura on the same HTML, four public sets.

    .venv/bin/python bench/clean_eval.py [--limit N] [--sets NAME,...] [--jobs N] [--json PATH]
                                         [--losses N] [--baseline-no-url]

Sets (under ../shared/eval/, each read and scored as its README says):

  article-extraction-benchmark   body: 4-gram \\w+ shingle P/R/F1, per-document TP/FP/FN normalised to
                                 sum 1, corpus P and R = means over documents, F1 of those means; accuracy
                                 = token sequence identical to the ground truth
  trafilatura-evalset-en         body: "with" segments found / "without" segments absent (substring, as
                                 trafilatura's own evaluation); title, author, date where the gold has one
  fundus-en-articles             body shingle P/R/F1 (same metric), title, authors (set F1), date (day)
  gold-pubdate-htmldate-mediacloud  published date: exact day (null gold: returning nothing is right)

Both systems see the same bytes and the same URL. Baseline: `trafilatura.bare_extraction(html, url=url,
with_metadata=True, include_comments=False, include_tables=False)` (text; title/author/date from its
metadata). `--baseline-no-url` drops the URL from the baseline call, as the literal
`bare_extraction(html, with_metadata=True, ...)`; the URL feeds trafilatura's date finder, but on these four
sets the scores are identical either way (the pages carry their own canonical URL).
detente: `clean(RawDocument(...))`; a DocumentError counts as empty output and is counted. Deterministic:
documents are processed and scored in a fixed order; worker processes only change the wall time.
Not a test.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from detente.events.dating import parse_anchor

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

AEB = "article-extraction-benchmark"
TEV = "trafilatura-evalset-en"
FUN = "fundus-en-articles"
PUB = "gold-pubdate-htmldate-mediacloud"
SETS = (AEB, TEV, FUN, PUB)
FETCHED_AT = "2026-01-01T00:00:00Z"


# --------------------------------------------------------------------------------------------------
# Reading the sets


def _gunzip(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def load_set(name: str) -> list[dict[str, Any]]:
    """[{set, id, path, url, gold}] in a fixed (sorted) order; HTML is read in the worker."""
    base = EVAL / name
    items: list[dict[str, Any]] = []
    if name == AEB:
        truth = json.loads((base / "ground-truth.json").read_text("utf-8"))
        for key in sorted(truth):
            items.append({"id": key, "path": str(base / "html" / f"{key}.html.gz"), "url": truth[key].get("url"),
                          "gold": {"body": truth[key].get("articleBody") or ""}})
    elif name == TEV:
        truth = json.loads((base / "evaldata-en.json").read_text("utf-8"))
        for key in sorted(truth):
            entry = truth[key]
            items.append({"id": key, "path": str(base / entry.get("html", f"html/{key}")), "url": entry.get("url"),
                          "gold": {"with": list(entry.get("with") or []), "without": list(entry.get("without") or []),
                                   "title": entry.get("title") or None, "author": entry.get("author") or None,
                                   "date": entry.get("date") or None}})
    elif name == FUN:
        truth = json.loads((base / "ground-truth.json").read_text("utf-8"))
        for key in sorted(truth):
            entry = truth[key]
            items.append({"id": key, "path": str(base / "html" / key), "url": entry.get("url"),
                          "gold": {"body": entry.get("articleBody") or "", "title": entry.get("title") or None,
                                   "authors": entry.get("authors"),
                                   "date": (entry.get("publishing_date") or "")[:10] or None}})
    elif name == PUB:
        truth = json.loads((base / "ground-truth.json").read_text("utf-8"))
        for key in sorted(truth):
            entry = truth[key]
            items.append({"id": key, "path": str(base / "html" / key), "url": entry.get("url"),
                          "gold": {"date": entry.get("date")}})
    else:
        raise SystemExit(f"unknown set {name!r}; known: {', '.join(SETS)}")
    for item in items:
        item["set"] = name
    return items


# --------------------------------------------------------------------------------------------------
# Running the two systems (in worker processes)

_EMPTY = {"text": "", "title": None, "authors": [], "date": None}


def run_trafilatura(html: bytes, url: str | None) -> dict[str, Any]:
    import trafilatura

    start = time.perf_counter()
    out = dict(_EMPTY, error=None)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # noqa: BLE001 - a crash is a result to count, not a reason to stop
        doc = None
        out["error"] = f"{type(exc).__name__}: {exc}"[:200]
    if doc is None:
        out["error"] = out["error"] or "no result"
    else:
        out.update(text=doc.text or "", title=doc.title or None, date=doc.date or None,
                   authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()])
    out["seconds"] = time.perf_counter() - start
    return out


def run_detente(origin: str, html: bytes, url: str | None) -> dict[str, Any]:
    from detente.clean import clean
    from detente.errors import DocumentError
    from detente.model import RawDocument

    start = time.perf_counter()
    out = dict(_EMPTY, error=None)
    try:
        article = clean(RawDocument(origin, html, "text/html", FETCHED_AT, {"url": url}))
    except DocumentError as exc:
        out["error"] = f"DocumentError {exc.code}: {exc.detail}"[:200]
    except Exception as exc:  # noqa: BLE001 - counted apart from DocumentError: a bug, not a verdict
        out["error"] = f"CRASH {type(exc).__name__}: {exc}"[:200]
    else:
        out.update(text=article.text or "", title=article.title or None, authors=list(article.authors),
                   date=article.published or None)
    out["seconds"] = time.perf_counter() - start
    return out


def run_item(job: tuple[dict[str, Any], bool]) -> dict[str, Any]:
    item, baseline_url = job
    html = _gunzip(Path(item["path"]))
    url = item.get("url")
    return {"set": item["set"], "id": item["id"],
            "trafilatura": run_trafilatura(html, url if baseline_url else None),
            "detente": run_detente(f"{item['set']}/{item['id']}", html, url)}


# --------------------------------------------------------------------------------------------------
# Metrics

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    toks = tokens(text)
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """article-extraction-benchmark's string_shingle_matching: multiset counts normalised to sum 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def shingle_corpus(triples: list[tuple[float, float, float]]) -> dict[str, float]:
    """Macro P and R over documents (docs with no predicted / no true shingles skipped), F1 of the means."""
    ps = [_precision(*t) for t in triples if t[0] + t[1] > 0]
    rs = [_recall(*t) for t in triples if t[0] + t[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def doc_f1(triple: tuple[float, float, float]) -> float:
    p, r = _precision(*triple), _recall(*triple)
    return 2 * p * r / (p + r) if p + r else 0.0


_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»″"} | {c: "'" for c in "‘’‚‛`´′"})


def norm_text(text: str | None) -> str:
    """Whitespace and quote normalisation (NFKC folds no-break spaces and the like)."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_QUOTES).split())


def name_set(names: list[str] | str | None) -> frozenset[str]:
    """Author names, split on ; , & 'and', case-folded: both systems and the gold go through this."""
    if not names:
        return frozenset()
    if isinstance(names, str):
        names = [names]
    out = set()
    for entry in names:
        for part in re.split(r"\s*(?:;|,|&|\band\b)\s*", norm_text(entry), flags=re.I):
            if part.strip():
                out.add(part.strip().casefold())
    return frozenset(out)


def set_f1(gold: frozenset[str], pred: frozenset[str]) -> float:
    if not gold and not pred:
        return 1.0
    tp = len(gold & pred)
    return 2 * tp / (len(gold) + len(pred)) if tp else 0.0


def date_scores(gold: str | None, pred: str | None) -> dict[str, Any]:
    g, p = parse_anchor(gold), parse_anchor(pred)
    if g is None:
        right = not pred
        return {"exact": right, "within1": right, "returned": bool(pred), "delta_days": None}
    delta = abs((p - g).days) if p else None
    return {"exact": delta == 0, "within1": delta is not None and delta <= 1, "returned": bool(pred),
            "delta_days": delta}


def mean(values: list[float]) -> float | None:
    return statistics.mean(values) if values else None


# --------------------------------------------------------------------------------------------------
# Scoring each set: rows of (metric, trafilatura, detente, n) and per-document details

SYSTEMS = ("trafilatura", "detente")


def _errors(rows: list[dict[str, Any]]) -> list[tuple[str, Any, Any, int]]:
    n = len(rows)
    counts = {s: sum(1 for r in rows if r[s]["error"]) for s in SYSTEMS}
    return [("no output (errors / None)", counts["trafilatura"], counts["detente"], n)]


def _title_author_date(rows, gold_of, per_doc, authors_f1: bool):
    out = []
    for field in ("title", "authors", "date"):
        scored = [r for r in rows if gold_of(r).get(field)]
        if not scored:
            continue
        vals: dict[str, list[float]] = {s: [] for s in SYSTEMS}
        within: dict[str, list[float]] = {s: [] for s in SYSTEMS}
        for r in scored:
            g = gold_of(r)[field]
            for s in SYSTEMS:
                pred = r[s]
                if field == "title":
                    ok = float(norm_text(pred["title"]) == norm_text(g))
                    per_doc[r["id"]][s]["title_ok"] = bool(ok)
                elif field == "authors":
                    gs, ps = name_set(g), name_set(pred["authors"])
                    ok = float(gs == ps)
                    per_doc[r["id"]][s]["authors_ok"] = bool(ok)
                    within[s].append(set_f1(gs, ps))
                else:
                    d = date_scores(g, pred["date"])
                    ok = float(d["exact"])
                    per_doc[r["id"]][s]["date_ok"] = d["exact"]
                    within[s].append(float(d["within1"]))
                vals[s].append(ok)
        label = {"title": "title exact (ws/quote-normalised)", "authors": "authors set match (case-insens.)",
                 "date": "date exact day"}[field]
        out.append((label, mean(vals["trafilatura"]), mean(vals["detente"]), len(scored)))
        if field == "authors" and authors_f1:
            out.append(("authors set F1 (mean)", mean(within["trafilatura"]), mean(within["detente"]), len(scored)))
        if field == "date":
            out.append(("date within +-1 day", mean(within["trafilatura"]), mean(within["detente"]), len(scored)))
    return out


def _body_rows(rows, per_doc) -> list[tuple[str, Any, Any, int]]:
    metrics, accuracy = {}, {}
    for s in SYSTEMS:
        triples = []
        acc = []
        for r in rows:
            gold = r["gold"]["body"]
            triple = shingle_tp_fp_fn(gold, r[s]["text"])
            triples.append(triple)
            acc.append(float(tokens(gold) == tokens(r[s]["text"])))
            per_doc[r["id"]][s].update(body_p=_precision(*triple), body_r=_recall(*triple), body_f1=doc_f1(triple))
        metrics[s] = shingle_corpus(triples)
        accuracy[s] = mean(acc)
    n = len(rows)
    return [("body shingle F1", metrics["trafilatura"]["f1"], metrics["detente"]["f1"], n),
            ("body shingle precision", metrics["trafilatura"]["precision"], metrics["detente"]["precision"], n),
            ("body shingle recall", metrics["trafilatura"]["recall"], metrics["detente"]["recall"], n),
            ("body exact token accuracy", accuracy["trafilatura"], accuracy["detente"], n)]


def score_aeb(rows, per_doc):
    return _body_rows(rows, per_doc) + _errors(rows)


def score_tev(rows, per_doc):
    counts = {s: Counter() for s in SYSTEMS}
    for r in rows:
        gold = r["gold"]
        for s in SYSTEMS:
            text = r[s]["text"]
            missed = [w for w in gold["with"] if not text or w not in text]
            leaked = [w for w in gold["without"] if text and w in text]
            c = counts[s]
            c["tp"] += len(gold["with"]) - len(missed)
            c["fn"] += len(missed)
            c["fp"] += len(leaked)
            c["tn"] += len(gold["without"]) - len(leaked)
            per_doc[r["id"]][s].update(missed=missed, leaked=leaked)
    out = []
    for label, fn in (
        ("'with' segments found (recall)", lambda c: c["tp"] / (c["tp"] + c["fn"])),
        ("'without' segments absent", lambda c: c["tn"] / (c["tn"] + c["fp"])),
        ("segment precision", lambda c: c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0),
        ("segment F1", lambda c: (2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"])) if c["tp"] else 0.0),
        ("segment accuracy", lambda c: (c["tp"] + c["tn"]) / sum(c.values())),
    ):
        n = counts["trafilatura"]["tp"] + counts["trafilatura"]["fn"] if "with" in label else (
            counts["trafilatura"]["tn"] + counts["trafilatura"]["fp"] if "without" in label else
            sum(counts["trafilatura"].values()))
        out.append((label, fn(counts["trafilatura"]), fn(counts["detente"]), n))
    tev_gold = lambda r: {"title": r["gold"]["title"], "authors": r["gold"]["author"], "date": r["gold"]["date"]}  # noqa: E731
    out += _title_author_date(rows, tev_gold, per_doc, authors_f1=False)
    return out + _errors(rows)


def score_fun(rows, per_doc):
    out = _body_rows(rows, per_doc)
    out += _title_author_date(rows, lambda r: r["gold"], per_doc, authors_f1=True)
    return out + _errors(rows)


def score_pub(rows, per_doc):
    res = {s: [date_scores(r["gold"]["date"], r[s]["date"]) for r in rows] for s in SYSTEMS}
    for r, *ds in zip(rows, *(res[s] for s in SYSTEMS), strict=True):
        for s, d in zip(SYSTEMS, ds, strict=True):
            per_doc[r["id"]][s].update(date_ok=d["exact"], date_within1=d["within1"])
    dated = [i for i, r in enumerate(rows) if r["gold"]["date"]]
    out = [("date exact day (null gold: none returned)",
            *(mean([float(d["exact"]) for d in res[s]]) for s in SYSTEMS), len(rows)),
           ("date within +-1 day", *(mean([float(d["within1"]) for d in res[s]]) for s in SYSTEMS), len(rows))]
    if dated:
        out.append(("dated docs: date returned",
                    *(mean([float(res[s][i]["returned"]) for i in dated]) for s in SYSTEMS), len(dated)))
        prec = []
        for s in SYSTEMS:
            returned = [i for i in dated if res[s][i]["returned"]]
            prec.append(mean([float(res[s][i]["exact"]) for i in returned]) if returned else None)
        out.append(("dated docs: precision of returned dates", *prec, len(dated)))
    return out + _errors(rows)


SCORERS: dict[str, Callable] = {AEB: score_aeb, TEV: score_tev, FUN: score_fun, PUB: score_pub}


def reference_check(ids: list[str]) -> dict[str, float] | None:
    """The benchmark's published trafilatura output through this metric: checks the re-implementation."""
    path = EVAL / AEB / "baseline-output" / "trafilatura.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text("utf-8"))
    output = raw.get("output", raw)
    truth = json.loads((EVAL / AEB / "ground-truth.json").read_text("utf-8"))
    triples = [shingle_tp_fp_fn(truth[i].get("articleBody") or "", (output.get(i) or {}).get("articleBody") or "")
               for i in ids]
    return {**shingle_corpus(triples), "version": raw.get("version"), "n": len(ids)}


# --------------------------------------------------------------------------------------------------
# Losses: documents where detente does worse than the baseline, worst first


def losses(set_name: str, rows: list[dict[str, Any]], per_doc: dict[str, dict]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        t, d = per_doc[r["id"]]["trafilatura"], per_doc[r["id"]]["detente"]
        why: list[str] = []
        gap = 0.0
        if "body_f1" in t and d["body_f1"] < t["body_f1"] - 0.02:
            gap += t["body_f1"] - d["body_f1"]
            why.append(f"body F1 {t['body_f1']:.2f} -> {d['body_f1']:.2f} "
                       f"(P {t['body_p']:.2f}->{d['body_p']:.2f}, R {t['body_r']:.2f}->{d['body_r']:.2f})")
        if "missed" in t:
            extra_missed = [w for w in d["missed"] if w not in t["missed"]]
            extra_leaked = [w for w in d["leaked"] if w not in t["leaked"]]
            if extra_missed:
                why.append(f"misses {extra_missed!r}")
            if extra_leaked:
                why.append(f"leaks {extra_leaked!r}")
            gap += 0.3 * (len(extra_missed) + len(extra_leaked))
        for key, label in (("title_ok", "title"), ("authors_ok", "authors"), ("date_ok", "date")):
            if t.get(key) and key in d and not d[key]:
                gap += 0.25
                gold = r["gold"].get({"authors_ok": "authors", "title_ok": "title", "date_ok": "date"}[key])
                if set_name == TEV and key == "authors_ok":
                    gold = r["gold"].get("author")
                field = {"title_ok": "title", "authors_ok": "authors", "date_ok": "date"}[key]
                why.append(f"{label}: gold {gold!r}, trafilatura {r['trafilatura'][field]!r}, "
                           f"detente {r['detente'][field]!r}")
        if r["detente"]["error"] and not r["trafilatura"]["error"]:
            why.insert(0, r["detente"]["error"])
            gap += 1
        if why:
            out.append({"id": r["id"], "gap": round(gap, 3), "why": why})
    out.sort(key=lambda x: (-x["gap"], x["id"]))
    return out


def wins(rows: list[dict[str, Any]], per_doc: dict[str, dict]) -> int:
    n = 0
    for r in rows:
        t, d = per_doc[r["id"]]["trafilatura"], per_doc[r["id"]]["detente"]
        better = ("body_f1" in t and d["body_f1"] > t["body_f1"] + 0.02) or any(
            d.get(k) and not t.get(k) for k in ("title_ok", "authors_ok", "date_ok"))
        n += bool(better)
    return n


# --------------------------------------------------------------------------------------------------


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _delta(t: Any, d: Any) -> float | None:
    if t is None or d is None:
        return None
    return d - t


def iter_results(items: list[dict[str, Any]], jobs: int, baseline_url: bool) -> Iterator[dict[str, Any]]:
    work = [(item, baseline_url) for item in items]
    if jobs <= 1:
        yield from map(run_item, work)
        return
    with get_context("fork" if sys.platform != "win32" else "spawn").Pool(jobs, maxtasksperchild=50) as pool:
        yield from pool.imap(run_item, work, chunksize=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated subset of: {', '.join(SETS)}")
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each set (sorted ids)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes (default 2)")
    ap.add_argument("--json", help="write the table, per-document scores and losses here")
    ap.add_argument("--losses", type=int, default=0, help="print the N worst detente losses per set")
    ap.add_argument("--baseline-no-url", action="store_true",
                    help="call trafilatura without the page URL (the literal baseline call)")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 150)
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    missing = [n for n in names if not (EVAL / n).is_dir()]
    if missing:
        console.print(f"[red]missing set(s) under {EVAL}: {', '.join(missing)}")
        return 2
    items = []
    for name in names:
        loaded = load_set(name)
        items += loaded[: args.limit] if args.limit else loaded

    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("trafilatura + detente", total=len(items))
        for res in iter_results(items, args.jobs, not args.baseline_no_url):
            results.append(res)
            progress.advance(task)
    wall = time.perf_counter() - started

    table = Table(title=f"detente clean vs plain trafilatura {_trafilatura_version()} (same inputs)")
    for col, justify in (("set", "left"), ("metric", "left"), ("n", "right"), ("trafilatura", "right"),
                         ("detente", "right"), ("delta", "right")):
        table.add_column(col, justify=justify)
    command = " ".join(["bench/clean_eval.py", *(argv if argv is not None else sys.argv[1:])])
    report: dict[str, Any] = {"command": command, "baseline_url": not args.baseline_no_url, "limit": args.limit,
                              "sets": {}}
    by_set: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    for item, res in zip(items, results, strict=True):
        by_set[item["set"]].append({**res, "gold": item["gold"]})
    for name in names:
        rows = by_set[name]
        per_doc = {r["id"]: {s: {} for s in SYSTEMS} for r in rows}
        metrics = SCORERS[name](rows, per_doc)
        for i, (metric, t, d, n) in enumerate(metrics):
            delta = _delta(t, d)
            if isinstance(t, int) and isinstance(d, int):  # counts: fewer is better
                style = "red" if d > t else ""
            else:
                style = "red" if delta is not None and delta < -1e-9 else ("green" if delta and delta > 1e-9 else "")
            dtxt = "-" if delta is None else (f"{delta:+d}" if isinstance(delta, int) else f"{delta:+.3f}")
            table.add_row(name if i == 0 else "", metric, str(n), _fmt(t), _fmt(d),
                          f"[{style}]{dtxt}[/{style}]" if style else dtxt, end_section=i == len(metrics) - 1)
        lost = losses(name, rows, per_doc)
        report["sets"][name] = {
            "metrics": [{"metric": m, "n": n, "trafilatura": t, "detente": d, "delta": _delta(t, d)}
                        for m, t, d, n in metrics],
            "docs_detente_worse": len(lost), "docs_detente_better": wins(rows, per_doc),
            "losses": lost,
            "errors": {s: {r["id"]: r[s]["error"] for r in rows if r[s]["error"]} for s in SYSTEMS},
            "seconds": {s: round(sum(r[s]["seconds"] for r in rows), 2) for s in SYSTEMS},
            "documents": [{"id": r["id"], **{s: {**per_doc[r["id"]][s], "title": r[s]["title"],
                                                 "authors": r[s]["authors"], "date": r[s]["date"],
                                                 "chars": len(r[s]["text"])} for s in SYSTEMS}} for r in rows],
        }
        if name == AEB:
            ref = reference_check([r["id"] for r in rows])
            if ref:
                report["sets"][name]["metric_check_published_trafilatura_output"] = ref
    console.print(table)
    for name in names:
        s = report["sets"][name]
        console.print(f"{name}: detente worse on {s['docs_detente_worse']} docs, better on "
                      f"{s['docs_detente_better']}; seconds trafilatura {s['seconds']['trafilatura']:.1f}, "
                      f"detente {s['seconds']['detente']:.1f}")
        if "metric_check_published_trafilatura_output" in s:
            ref = s["metric_check_published_trafilatura_output"]
            console.print(f"  metric check: published trafilatura {ref['version']} output (extract(), tables on) "
                          f"-> F1 {ref['f1']:.3f} P {ref['precision']:.3f} R {ref['recall']:.3f} on {ref['n']} docs "
                          "(README: 0.958 / 0.938 / 0.978 on 181)")
        for loss in s["losses"][: args.losses]:
            console.print(f"  [red]-[/red] {loss['id']}: " + "; ".join(loss["why"]), markup=True, highlight=False,
                          soft_wrap=True)
    baseline = "url=url" if not args.baseline_no_url else "no url"
    console.print(f"{len(items)} documents, {wall:.1f} s wall, {args.jobs} worker(s); baseline called with {baseline}")
    report["wall_seconds"] = round(wall, 1)
    report["jobs"] = args.jobs
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str), "utf-8")
    return 0


def _trafilatura_version() -> str:
    try:
        from importlib.metadata import version

        return version("trafilatura")
    except Exception:  # noqa: BLE001
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
