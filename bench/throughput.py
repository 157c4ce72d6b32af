"""Throughput: detente's stages beside bare spaCy `nlp.pipe` on the same texts, same machine, same run.

    .venv/bin/python bench/throughput.py [PATH ...] [--repeat 3]

Default inputs: examples/ plus ../shared/eval/news-dev and the seeds when present. Reports
seconds per stage (best of --repeat after one warm-up), the ratio of the whole pipeline to the
bare parse, and the coder's sentences per second beside the parser's. Not a test.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from detente.clean import clean
from detente.events import find_events
from detente.ingest import iter_documents
from detente.kb.resolve import resolve_mentions
from detente.model import ParsedArticle, RawDocument
from detente.pipeline import Resources
from detente.quotes import find_quotes
from detente.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


def default_inputs() -> list[str]:
    paths = [str(ROOT / "examples")]
    shared = ROOT.parent / "shared"
    for extra in (shared / "examples" / "seeds", shared / "eval" / "news-dev"):
        if extra.is_dir():
            paths.append(str(extra))
    return paths


def best_of(repeat: int, fn):
    fn()
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    settings = load_settings()
    res = Resources.load(settings)
    raws = [d for d in iter_documents(args.paths or default_inputs(), settings.max_bytes) if isinstance(d, RawDocument)]

    t_clean, articles = best_of(args.repeat, lambda: [clean(r) for r in raws])
    texts = [a.text for a in articles]
    t_parse, docs = best_of(args.repeat, lambda: list(res.nlp.pipe(texts, batch_size=settings.batch_size)))
    parsed = [ParsedArticle(a, d) for a, d in zip(articles, docs)]
    sentences = sum(len(list(d.sents)) for d in docs)

    t_actors, mentions = best_of(args.repeat, lambda: [resolve_mentions(p.doc, res.kb, p.article.published)
                                                        for p in parsed])
    t_events, _ = best_of(args.repeat, lambda: [find_events(p, m, res.lexicon, res.gazetteer)
                                                 for p, m in zip(parsed, mentions)])
    t_quotes, _ = best_of(args.repeat, lambda: [find_quotes(p, m) for p, m in zip(parsed, mentions)])
    total = t_clean + t_parse + t_actors + t_events + t_quotes
    figures = {
        "articles": len(articles), "sentences": sentences, "characters": sum(map(len, texts)),
        "seconds": {"clean": t_clean, "spacy_parse": t_parse, "actors": t_actors, "events": t_events,
                    "quotes": t_quotes, "total": total},
        "pipeline_over_bare_parse": total / t_parse,
        "coder_over_parse": (t_actors + t_events) / t_parse,
        "parse_sentences_per_second": sentences / t_parse,
        "coder_sentences_per_second": sentences / (t_actors + t_events),
        "model": settings.model,
    }
    for stage, seconds in figures["seconds"].items():
        print(f"{stage:12s} {seconds:8.3f} s")
    print(f"{len(articles)} articles, {sentences} sentences, {figures['characters']:,} characters")
    print(f"pipeline / bare spaCy parse: {figures['pipeline_over_bare_parse']:.2f}x")
    print(f"coder (actors+events) / parse: {figures['coder_over_parse']:.2f}x "
          f"({figures['coder_sentences_per_second']:.0f} vs {figures['parse_sentences_per_second']:.0f} sentences/s)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
