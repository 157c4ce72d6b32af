"""PolNeAR attribution relations: detente's quote finder against gold Source/Cue/Content spans.

    .venv/bin/python bench/eval_quotes_polnear.py [--limit N] [--json OUT] [-v]

Data: ../shared/eval/gold-quotes-polnear/data/{test,dev} (168 US political news articles, brat standoff;
see its README). Where an article was annotated by several annotators, the annotation file that sorts first
is used. Every gold attribution with a Content span is a gold quote (PolNeAR also annotates indirect speech
and attributed beliefs, so recall on "all" is bounded by what a quote finder should find). A gold content
is *direct* when it starts with an opening and ends with a closing quotation mark (trailing , . ; : ignored);
one with quotation marks at only one end is *mixed* (counted in "all" only).

Each article's text is given to detente verbatim (an Article built directly, so character offsets are the
gold's); published = metadata.tsv publication_date. Spans are compared as sets of word tokens (\\w+ runs, so
quotation marks and punctuation do not count):
  exact    predicted token set == gold token set (one-to-one),
  overlap  shared tokens >= 50% of the larger of the two spans (one-to-one greedy matching, largest first),
  cover    many-to-one: a predicted quote is right when >= 50% of its tokens lie in one gold content; a gold
           content is found when >= 50% of its tokens are inside predicted quotes (so a quotation that the
           gold keeps as one multi-segment content and detente splits at "he said" is not penalised twice),
  tokens   token-level: precision = predicted-quote tokens inside some gold content, recall = gold-content
           tokens inside some predicted quote.
"direct": recall over gold direct contents, found by detente's direct=True quotes; precision of detente's
direct quotes against *every* gold content (a direct quote inside a mixed gold content is not spurious).

Speaker (over overlap-matched pairs whose gold attribution has a Source):
  span     the predicted speaker, located as the nearest actor mention with the speaker's text (else the
           nearest occurrence of that text), overlaps the gold Source span,
  name     span OK, or the predicted speaker's words (text and resolved name) share a content word with the
           gold Source -- for a pronoun-only gold Source ("he", "she") with the nearest preceding gold Source
           that has a capitalised word (a gold-side pronoun chain; PolNeAR has no coreference layer).
Speaker accuracy is also given by gold Source type: named (a capitalised word), pronoun, nominal ("the
newspaper"); "named" is the cleanest figure (the pronoun chain above is only a proxy).
Cue accuracy: the predicted cue word is one of the gold Cue span's words (over matched pairs with both).
"""
from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from common import code_version, standard_arguments, timed_resources  # noqa: E402

from detente.model import Article, Block
from detente.nlp import parse
from detente.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "gold-quotes-polnear" / "data"
TOKEN = re.compile(r"\w+(?:['’]\w+)*")
OPEN_Q = "“\"‘'«"
CLOSE_Q = "”\"’'»"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their", "who",
            "himself", "herself", "themselves", "us", "me", "our", "my"}
STOP = PRONOUNS | {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "s", "in", "on", "at", "for", "to",
                   "said", "says", "told", "former", "who", "that", "this", "these", "those", "one", "some"}


# ------------------------------------------------------------------------------------------------ gold
def read_ann(path: Path) -> list[dict]:
    spans: dict[str, dict] = {}
    relations = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, text = line.split("\t", 2)
            kind, offsets = mid.split(" ", 1)
            segs = [tuple(int(x) for x in s.split()) for s in offsets.split(";")]
            spans[tid] = {"kind": kind, "segs": segs, "text": text}
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            relations.append(dict(a.split(":", 1) for a in args.split()))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source, cue = spans.get(rel.get("Source", "")), spans.get(rel.get("Cue", ""))
        out.append({"content": content["segs"], "content_text": content["text"],
                    "source": source["segs"] if source else None, "source_text": source["text"] if source else None,
                    "cue_text": cue["text"] if cue else None, "kind": quote_kind(content["text"])})
    return out


def quote_kind(text: str) -> str:
    t = text.strip().rstrip(",.;:").strip()
    starts, ends = t[:1] in OPEN_Q, t[-1:] in CLOSE_Q
    return "direct" if starts and ends else "mixed" if starts or ends else "indirect"


def load_articles(limit: int | None) -> tuple[list[dict], int]:
    meta = {}
    with open(DATA / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    out, multi = [], 0
    for compartment in ("test", "dev"):
        anns: dict[str, list[Path]] = defaultdict(list)
        for p in sorted((DATA / compartment / "attributions").glob("*.ann")):
            anns[p.stem.rsplit("_", 1)[0]].append(p)
        for base in sorted(anns):
            multi += len(anns[base]) > 1
            with open(DATA / compartment / "text" / f"{base}.txt", encoding="utf-8", newline="") as fh:
                text = fh.read()
            published = (meta.get(base) or {}).get("publication_date") or None
            out.append({"id": base, "compartment": compartment, "text": text, "published": published,
                        "annotation": anns[base][0].name, "gold": read_ann(anns[base][0])})
    return (out[:limit] if limit else out), multi


# ------------------------------------------------------------------------------------------------ helpers
def token_index(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def tokens_in(tokens: list[tuple[int, int]], segs) -> frozenset[int]:
    out = set()
    for a, b in segs:
        out.update(i for i, (s, e) in enumerate(tokens) if s < b and e > a)
    return frozenset(out)


def words(text: str | None) -> set[str]:
    return {w.lower() for w in TOKEN.findall(text or "")} - STOP


def article_for(a: dict) -> Article:
    text = a["text"]
    blocks, pos = [], 0
    for para in text.split("\n\n"):
        if para.strip():
            blocks.append(Block("body", para, "en", pos, pos + len(para)))
        pos += len(para) + 2
    return Article(article_id=a["id"], origin=a["id"], title=None, authors=(), published=a["published"],
                   republished=None, site=None, original_source=None, language="en", text=text,
                   blocks=tuple(blocks))


def locate_speaker(quote, mentions, text: str) -> tuple[int, int] | None:
    """Where the predicted speaker is: the nearest mention with its text, else the nearest occurrence."""
    ref = quote.speaker
    if ref is None or not ref.text:
        return None
    centre = quote.char_start

    def dist(a: int, b: int) -> int:
        return 0 if quote.char_start - 1 <= a <= quote.char_end + 1 else min(abs(a - centre), abs(a - quote.char_end))

    cands = [(m.start, m.end) for m in mentions if m.text == ref.text]
    if not cands:
        cands = [(m.start(), m.end()) for m in re.finditer(re.escape(ref.text), text)]
    return min(cands, key=lambda c: (dist(*c), c)) if cands else None


def source_kind(text: str) -> str:
    """named (a capitalised content word: "Trump", "the Washington Post"), pronoun ("he", "They") or nominal."""
    if not words(text):
        return "pronoun"
    tokens = TOKEN.findall(text)
    if any(w[:1].isupper() and w.lower() not in STOP for w in tokens):
        return "named"
    return "nominal"


def chain_referent(gold: list[dict], g: dict) -> str | None:
    """A pronoun-only gold Source -> the nearest preceding gold Source text with a capitalised word."""
    if g["source_text"] is None or words(g["source_text"]):
        return None
    start = g["source"][0][0]
    best = None
    for other in gold:
        if other["source"] and other["source"][0][0] < start and re.search(r"\b[A-Z][a-z]", other["source_text"]) \
                and words(other["source_text"]):
            if best is None or other["source"][0][0] > best["source"][0][0]:
                best = other
    return best["source_text"] if best else None


def match(gold_sets: list[frozenset], pred_sets: list[frozenset], exact: bool) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold_sets):
        for pi, p in enumerate(pred_sets):
            inter = len(g & p)
            if not inter:
                continue
            if exact and g != p:
                continue
            if not exact and inter < 0.5 * max(len(g), len(p)):
                continue
            pairs.append((-inter, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


# ------------------------------------------------------------------------------------------------ scoring
def evaluate(articles: list[dict], res) -> tuple[dict, list[dict], float]:
    started = time.perf_counter()
    totals: dict[str, Counter] = defaultdict(Counter)
    rows = []
    for a, parsed in zip(articles, parse(res.nlp, [article_for(a) for a in articles], 8), strict=True):
        try:
            findings = analyse(parsed, res)
            quotes, mentions = list(findings.quotes), list(findings.mentions)
        except Exception as exc:  # a detente bug on one article is recorded, not fatal
            quotes, mentions = [], []
            totals["crashes"][f"{a['id']}: {type(exc).__name__}: {exc}"[:200]] += 1
        text, gold = a["text"], a["gold"]
        toks = token_index(text)
        pred_sets = [tokens_in(toks, [(q.char_start, q.char_end)]) for q in quotes]
        gold_sets = [tokens_in(toks, g["content"]) for g in gold]
        for subset in ("all", "direct"):
            # direct: recall over gold direct contents, precision of detente's direct quotes against every gold
            # content (a direct quote inside a "mixed" or multi-segment gold content is not a false positive)
            pi_ok = [i for i, q in enumerate(quotes) if subset == "all" or q.direct]
            gi_all = list(range(len(gold)))
            gi_rec = [i for i, g in enumerate(gold) if subset == "all" or g["kind"] == "direct"]
            ps = [pred_sets[i] for i in pi_ok]
            t = totals[subset]
            t["gold"] += len(gi_rec)
            t["pred"] += len(ps)
            exact = [(gi_all[g], pi_ok[p]) for g, p in match(gold_sets, ps, True)]
            pairs = [(gi_all[g], pi_ok[p]) for g, p in match(gold_sets, ps, False)]
            t["exact_p"] += len(exact)
            t["exact_r"] += sum(1 for g, _ in exact if g in gi_rec)
            t["overlap_p"] += len(pairs)
            t["overlap_r"] += sum(1 for g, _ in pairs if g in gi_rec)
            # cover (many-to-one): a predicted quote is right when >= 50% of its tokens lie in one gold content;
            # a gold content is found when >= 50% of its tokens are inside predicted quotes
            t["cover_p"] += sum(1 for p in ps if p and any(len(p & gold_sets[g]) >= 0.5 * len(p) for g in gi_all))
            union = frozenset().union(*ps) if ps else frozenset()
            t["cover_r"] += sum(1 for g in gi_rec
                                if gold_sets[g] and len(gold_sets[g] & union) >= 0.5 * len(gold_sets[g]))
            gs = [gold_sets[i] for i in gi_rec]
            pairs = [(g, p) for g, p in pairs if g in gi_rec]
            gold_tok = frozenset().union(*gs) if gs else frozenset()
            any_gold_tok = frozenset().union(*gold_sets) if gold_sets else frozenset()
            t["tok_gold"] += len(gold_tok)
            t["tok_pred"] += len(union)
            t["tok_gold_found"] += len(gold_tok & union)
            t["tok_pred_right"] += len(union & any_gold_tok)
            for gi, pi in pairs:
                g, q = gold[gi], quotes[pi]
                if g["source"]:
                    t["spk_n"] += 1
                    where = locate_speaker(q, mentions, text)
                    span_ok = where is not None and any(s < where[1] and where[0] < e for s, e in g["source"])
                    pred_words = words(q.speaker.text if q.speaker else "") | words(q.speaker.name if q.speaker else "")
                    gold_words = words(g["source_text"]) | words(chain_referent(gold, g))
                    name_ok = span_ok or bool(pred_words & gold_words)
                    t["spk_span"] += span_ok
                    t["spk_name"] += name_ok
                    t["spk_none"] += q.speaker is None
                    kind = source_kind(g["source_text"])
                    t[f"spk_n_{kind}"] += 1
                    t[f"spk_span_{kind}"] += span_ok
                    t[f"spk_name_{kind}"] += name_ok
                    if subset == "all" and not name_ok:
                        rows.append({"article": a["id"], "type": "speaker", "quote": q.text[:160],
                                     "gold_source": g["source_text"], "pred_speaker": q.speaker and q.speaker.text,
                                     "pred_name": q.speaker and q.speaker.name, "cue": q.cue, "direct": q.direct,
                                     "rule": q.rule})
                if g["cue_text"] and q.cue:
                    t["cue_n"] += 1
                    t["cue_ok"] += bool({w.lower() for w in TOKEN.findall(q.cue)}
                                        & {w.lower() for w in TOKEN.findall(g["cue_text"])})
            if subset == "all":
                matched_g = {g for g, _ in pairs}
                matched_p = {p for _, p in pairs}
                for i, g in enumerate(gold):
                    if i not in matched_g:
                        rows.append({"article": a["id"], "type": "missed", "kind": g["kind"],
                                     "gold": g["content_text"][:200], "gold_source": g["source_text"],
                                     "cue": g["cue_text"]})
                for i, q in enumerate(quotes):
                    if i not in matched_p:
                        rows.append({"article": a["id"], "type": "spurious", "direct": q.direct, "rule": q.rule,
                                     "pred": q.text[:200], "pred_speaker": q.speaker and q.speaker.text})
        totals["kinds"].update(g["kind"] for g in gold)
        totals["pred_kinds"].update("direct" if q.direct else "indirect" for q in quotes)
        totals["pred_rules"].update(q.rule.split(":")[0] + ":" + q.rule.split(":")[1] if ":" in q.rule else q.rule
                                    for q in quotes)
    return {k: dict(v) for k, v in totals.items()}, rows, time.perf_counter() - started


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(totals: dict) -> dict:
    out = {}
    for subset in ("all", "direct"):
        t = Counter(totals.get(subset, {}))
        s = {"gold": t["gold"], "pred": t["pred"]}
        for key in ("exact", "overlap", "cover"):
            p = t[key + "_p"] / t["pred"] if t["pred"] else 0.0
            r = t[key + "_r"] / t["gold"] if t["gold"] else 0.0
            s[key] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        p = t["tok_pred_right"] / t["tok_pred"] if t["tok_pred"] else 0.0
        r = t["tok_gold_found"] / t["tok_gold"] if t["tok_gold"] else 0.0
        s["tokens"] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        s["speaker_n"] = t["spk_n"]
        s["speaker_span_acc"] = t["spk_span"] / t["spk_n"] if t["spk_n"] else 0.0
        s["speaker_name_acc"] = t["spk_name"] / t["spk_n"] if t["spk_n"] else 0.0
        s["speaker_missing"] = t["spk_none"]
        for kind in ("named", "pronoun", "nominal"):
            n = t[f"spk_n_{kind}"]
            s[f"speaker_{kind}"] = {"n": n, "span": t[f"spk_span_{kind}"] / n if n else 0.0,
                                    "name": t[f"spk_name_{kind}"] / n if n else 0.0}
        s["cue_n"] = t["cue_n"]
        s["cue_acc"] = t["cue_ok"] / t["cue_n"] if t["cue_n"] else 0.0
        out[subset] = s
    return out


def main() -> None:
    args = standard_arguments(__doc__, "articles", "write summary and error rows here",
                              "list misses, spurious quotes and wrong speakers")
    res, t_load = timed_resources()
    articles, multi = load_articles(args.limit)
    totals, rows, seconds = evaluate(articles, res)
    s = summary(totals)
    if args.verbose:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        print()
    kb_empty = not res.kb.actors
    print(f"PolNeAR quotes: {len(articles)} articles ({multi} with several annotators: first annotation file used)"
          + ("   [WARNING: packaged KB empty]" if kb_empty else f"   [KB actors: {len(res.kb.actors)}]"))
    print("gold contents by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.get("kinds", {}).items()))
          + " | detente quotes: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.get("pred_kinds", {}).items())))
    print(f"{'':<8}{'gold':>6}{'pred':>6} | {'exact P':>8}{'R':>6}{'F1':>6} | {'overlap P':>10}{'R':>6}{'F1':>6}"
          f" | {'cover P':>8}{'R':>6}{'F1':>6} | {'token P':>8}{'R':>6}{'F1':>6} | {'spk n':>6}{'span':>6}{'name':>6}"
          f" | {'cue':>5}")
    for subset in ("all", "direct"):
        x = s[subset]
        print(f"{subset:<8}{x['gold']:>6}{x['pred']:>6} | {x['exact']['p']:>8.3f}{x['exact']['r']:>6.3f}"
              f"{x['exact']['f1']:>6.3f}"
              f" | {x['overlap']['p']:>10.3f}{x['overlap']['r']:>6.3f}{x['overlap']['f1']:>6.3f}"
              f" | {x['cover']['p']:>8.3f}{x['cover']['r']:>6.3f}{x['cover']['f1']:>6.3f}"
              f" | {x['tokens']['p']:>8.3f}{x['tokens']['r']:>6.3f}{x['tokens']['f1']:>6.3f} | {x['speaker_n']:>6}"
              f"{x['speaker_span_acc']:>6.3f}{x['speaker_name_acc']:>6.3f} | {x['cue_acc']:>5.3f}")
    print("speaker by gold Source type (span / name accuracy, n):")
    for subset in ("all", "direct"):
        x = s[subset]
        print(f"  {subset:<7}" + "  ".join(f"{k} {x['speaker_' + k]['span']:.3f}/{x['speaker_' + k]['name']:.3f}"
                                          f" (n={x['speaker_' + k]['n']})" for k in ("named", "pronoun", "nominal"))
              + f"  no speaker given: {x['speaker_missing']}")
    print()
    if totals.get("crashes"):
        crashed = list(totals["crashes"])
        print(f"detente raised on {len(crashed)} article(s) (scored as no quotes): " + "; ".join(crashed[:5])
              + (f"; ... ({len(crashed) - 5} more, see --json)" if len(crashed) > 5 else ""))
    kinds = Counter(r["type"] for r in rows)
    missed = Counter(r["kind"] for r in rows if r["type"] == "missed")
    print("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
          + " | missed by gold kind: " + ", ".join(f"{k} {v}" for k, v in sorted(missed.items())))
    print(f"time: {seconds:.1f}s analysis, {t_load:.1f}s loading")
    print("command: " + " ".join([Path(sys.executable).name, *sys.argv]))
    print("code: " + code_version())
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": s, "totals": totals, "seconds": seconds, "rows": rows},
                                              indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
