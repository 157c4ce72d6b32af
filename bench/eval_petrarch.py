"""PETRARCH validation records: coder mechanics (compounds, passives, agents, dated actors, discards).

    .venv/bin/python bench/eval_petrarch.py [--limit N] [--json OUT] [-v]

Data: ../shared/eval/petrarch-validation/ (PETR.UnitTest.records.xml and the PETR.Validate.* dictionaries;
see its README). The actors are fictional and only meaningful with the suite's own dictionaries, so
PETR.Validate.actors.txt and PETR.Validate.agents.txt are converted to detente's KB schema, built with
`detente.kb.build_kb` and merged with the packaged KB (actors and titles united; where a surface form is in
both, the suite's reading replaces the packaged one):

  * actor entries whose code is a bare 3-letter code and carry no date restriction -> `countries` entries
    (code = the PETRARCH code; synonyms ending -IAN/-EAN/-ISH/-ESE/-CH/-I are also registered as adjectives);
  * entries with a longer code (USAGOV, ISRMIL, IGOEEU, PSEREBHMS) -> `organisations` entries with
    code = first three letters and sector = the rest;
  * entries with date-restricted codes ([HOBGOV 19950601 - 19990815], [HOB < 950601]) -> `people` entries
    with one role per dated code (code = first three letters, sector = the rest);
  * agents (PRESIDENT [~GOV], FOREIGN_MINISTER [~GOVFRM], MSF [NGO~]) -> `titles` (phrase -> the agent code
    without "~"; !PERSON! / !MINST! substitutions and explicit {plurals} expanded).
  * The verb and discard dictionaries are NOT loaded: detente codes with its own lexicon; discards are reported.

A predicted actor's comparable code is `code + sector` ("---" for a null code), e.g. HOB+GOV -> HOBGOV.

Per record (expected codings = the <EventCoding> elements; direction matters, as in PETRARCH):
  actors-3   every expected (source, target) pair is produced by some detente event on the first three letters
             (the country/actor part),
  actors     the same on the full code, agents included (ARNGOV, GONMOP, HOBREB),
  exact      `actors` and no other dyadic (source and target coded) event pair,
  type       (informative) an event matching the pair on the first three letters has the PLOVER type that
             detente's cameo.tsv gives the expected eventcode; only where that code is a CAMEO code with a
             PLOVER type (the suite's codes are mostly WEIS).
Records expecting no event (noevents="True", sentence/story discards) pass every level when detente produces
no dyadic event. Records with error="dateline"/"bad_input_parse" test PETRARCH's input handling and are not
scored. Events of every factuality count (PETRARCH codes "is about to restore ties"); the factuality of
matched events is tallied.
"""
from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from common import code_version, standard_arguments  # noqa: E402

from detente.kb import build_kb
from detente.model import Article, Block
from detente.nlp import parse
from detente.pipeline import Resources, analyse
from detente.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "eval" / "petrarch-validation"
RECORDS = SUITE / "PETR.UnitTest.records.xml"
DICTS = SUITE / "dictionaries"
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"}
ADJECTIVE_ENDINGS = ("IAN", "EAN", "ISH", "ESE", "CH", "I")
CODE_RE = re.compile(r"\[([^\]]*)\]")
CATEGORY_ALIASES = {"AGENTS": "AGENT", "COMPOUNDx": "COMPOUND"}


# ---------------------------------------------------------------------------------------------- dictionaries
def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _lines(path: Path) -> list[str]:
    """Dictionary lines without <!-- ... --> blocks (which may span lines) and # comments."""
    text = path.read_text("utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<!\s*--.*?-->", "", text)
    return [_strip_comment(line) for line in text.splitlines()]


def _petr_date(raw: str) -> date:
    raw = raw.strip()
    if len(raw) == 6:  # yymmdd
        yy = int(raw[:2])
        raw = f"{1900 + yy if yy >= 30 else 2000 + yy}{raw[2:]}"
    return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))


def parse_code(block: str) -> dict:
    """'HOBGOV 19950601 - 19990815' | 'HOB < 950601' | 'HOBREB > 990816' | 'DOL' -> {code, start, end}."""
    block = block.strip()
    m = re.match(r"^(\S*?)\s*([<>])\s*(\d{6,8})$", block)
    if m:
        day = _petr_date(m.group(3))
        if m.group(2) == "<":
            return {"code": m.group(1), "start": None, "end": (day - timedelta(days=1)).isoformat()}
        return {"code": m.group(1), "start": (day + timedelta(days=1)).isoformat(), "end": None}
    m = re.match(r"^(\S*?)\s*(\d{6,8})\s*-\s*(\d{6,8})$", block)
    if m:
        return {"code": m.group(1), "start": _petr_date(m.group(2)).isoformat(),
                "end": _petr_date(m.group(3)).isoformat()}
    return {"code": block.split()[0] if block.split() else "", "start": None, "end": None}


def surfaces(pattern: str) -> list[str]:
    """PETRARCH pattern (UPPER, '_' joins words, trailing '_' = exact) -> detente surface forms."""
    words = [w for w in re.split(r"[_\s]+", pattern.strip().strip("_")) if w]
    if not words:
        return []

    def title(w: str, i: int) -> str:
        low = w.lower()
        if i > 0 and low in SMALL_WORDS:
            return low
        if "." in w:
            return w.upper()
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))

    forms = [
        " ".join(title(w, i) for i, w in enumerate(words)),
        " ".join(w.upper() if len(w) <= 4 and w.lower() not in SMALL_WORDS else title(w, i)
                 for i, w in enumerate(words)),
        " ".join(words).upper(),
        " ".join(title(w, i) for i, w in enumerate(words)).replace("-", "-").capitalize()
        if "-" in pattern else "",
    ]
    if words[0].lower() == "the":
        forms += [f.replace("the ", "The ", 1) if f.startswith("the ") else f for f in forms]
    out = []
    for f in forms:
        if f and f not in out:
            out.append(f)
    return out


def read_actors(path: Path) -> list[dict]:
    """Entries {names: [pattern...], codes: [{code, start, end}...]} in file order."""
    entries: list[dict] = []
    current: dict | None = None
    for raw in _lines(path):
        if not raw.strip():
            continue
        stripped = raw.strip()
        if raw[0] in " \t" or stripped.startswith("["):
            if current is not None:
                current["codes"] += [parse_code(c) for c in CODE_RE.findall(stripped)]
            continue
        if stripped.startswith("+"):
            if current is not None:
                name = CODE_RE.sub("", stripped[1:]).strip()
                if name:
                    current["names"].append(name)
                current["codes"] += [parse_code(c) for c in CODE_RE.findall(stripped)]
            continue
        name = CODE_RE.sub("", stripped).strip()
        current = {"names": [name], "codes": [parse_code(c) for c in CODE_RE.findall(stripped)]}
        entries.append(current)
    return [e for e in entries if e["codes"]]


def _split(code: str) -> tuple[str | None, str | None]:
    code = code.strip().upper()
    first = code.split("/")[0]  # ELR/GAL, FRO/BIL/SAM: alternative codes -> the first
    if not first or first in ("---", "+++", "###"):
        return None, None
    return first[:3], (first[3:] or None)


def convert_actors(entries: list[dict]) -> tuple[list, list, list, dict]:
    countries, organisations, people = [], [], []
    notes = Counter()
    for n, e in enumerate(entries):
        forms = [s for pattern in e["names"] for s in surfaces(pattern)]
        primary = forms[0]
        eid = f"petr-{n}-{re.sub(r'[^A-Za-z0-9]+', '-', e['names'][0]).strip('-').lower()}"
        dated = [c for c in e["codes"] if c["start"] or c["end"]]
        plain = [c for c in e["codes"] if not (c["start"] or c["end"])]
        if any("/" in c["code"] for c in e["codes"]):
            notes["alternative codes (A/B): first kept"] += 1
        if dated:
            default = _split(plain[0]["code"]) if plain else (None, None)
            roles = []
            for c in dated:
                code, sector = _split(c["code"])
                roles.append({"title": "petrarch-dated-code", "code": code, "sector": sector,
                              "start": c["start"], "end": c["end"]})
            people.append({"id": eid, "name": primary, "names": forms[1:], "country": default[0],
                           "sector_default": default[1], "roles": roles, "source": "petrarch"})
            notes["dated entries -> people"] += 1
            continue
        code, sector = _split(plain[0]["code"])
        if len(plain) > 1:
            notes["several undated codes: first kept"] += 1
        if code and not sector and re.fullmatch(r"[A-Z0-9]{3}", code):
            adjectives = [s for s in forms if s.upper().endswith(ADJECTIVE_ENDINGS) and " " not in s]
            nouns = [f for f in forms if f not in adjectives]
            # build_kb registers `name` as a noun alias; an adjective-only entry (ISRAELI [ISR]) gets a
            # placeholder name so that its forms stay adjectives ("Israeli troops" -> adjective-title)
            countries.append({"code": code, "name": nouns[0] if nouns else f"[{code} {primary}]",
                              "names": nouns[1:], "adjectives": adjectives, "source": "petrarch"})
            notes["3-letter entries -> countries"] += 1
        else:
            organisations.append({"id": eid, "name": primary, "names": forms[1:], "code": code, "sector": sector,
                                  "kind": "organisation", "source": "petrarch"})
            notes["coded entries -> organisations"] += 1
    return countries, organisations, people, dict(notes)


def plural(phrase: str) -> str:
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "sh", "ch", "x")):
        return phrase + "es"
    return phrase + "s"


def read_agents(path: Path) -> tuple[dict, dict]:
    """PETRARCH agents -> detente titles {sector: [phrase...]} (sector = agent code without '~')."""
    subs: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = defaultdict(list)
    notes = Counter()
    for line in _lines(path):
        line = line.strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*)\]", line)
        if not m:
            continue
        pattern, plurals, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if code.endswith("~"):
            notes["prefix agents (NGO~): detente titles cannot prefix a code; kept as sector"] += 1
        sector = code.replace("~", "").strip()
        patterns = [pattern]
        for key, values in subs.items():
            patterns = [p.replace(key, v) for p in patterns for v in (values if key in p else [None]) if v] \
                if any(key in p for p in patterns) else patterns
        if plurals and plurals.strip("{} "):
            patterns += plurals.strip("{} ").split()
        for p in patterns:
            phrase = " ".join(w for w in re.split(r"[_\s]+", p.strip("_")) if w).lower()
            for form in (phrase, phrase if plurals is not None or " of " in phrase else plural(phrase)):
                if form not in titles[sector]:
                    titles[sector].append(form)
    notes["agent phrases"] = sum(len(v) for v in titles.values())
    return dict(titles), dict(notes)


def read_discards(path: Path) -> list[str]:
    return [line.strip().lstrip("+").strip() for line in _lines(path) if line.strip()]


def merged_kb(base):
    """The suite's dictionaries in detente's KB schema, built with build_kb and merged over the packaged KB.

    The merge is done on the built objects (actors and titles united; on a surface form in both, the suite's
    aliases replace the packaged ones), so it does not depend on how the packaged YAML files are split.
    """
    countries, organisations, people, notes = convert_actors(read_actors(DICTS / "PETR.Validate.actors.txt"))
    titles, agent_notes = read_agents(DICTS / "PETR.Validate.agents.txt")
    notes.update(agent_notes)
    suite = build_kb(countries, organisations, people, titles)
    aliases = {k: tuple(v) for k, v in base.aliases.items()}
    aliases.update(suite.aliases)  # a surface form in both: the suite's reading replaces the packaged one
    merged = dataclasses.replace(
        base, actors={**base.actors, **suite.actors}, aliases=aliases, titles={**base.titles, **suite.titles},
        max_alias_tokens=max(base.max_alias_tokens, suite.max_alias_tokens))
    kinds = Counter(a.kind for a in base.actors.values())
    notes["packaged KB"] = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "EMPTY (kb/data missing)"
    notes["suite entries"] = f"{len(countries)} countries, {len(organisations)} organisations, {len(people)} people"
    return merged, notes


# ---------------------------------------------------------------------------------------------- records
def id_prefix(rid: str) -> str:
    return "AFP" if rid.startswith("AFP") else re.split(r"[-_]", rid)[0].upper()


def load_records(limit: int | None) -> list[dict]:
    root = ET.parse(RECORDS).getroot()
    out = []
    for s in root.find("Sentences").findall("Sentence"):
        codings = [e.attrib for e in s.findall("EventCoding")]
        text = " ".join((s.find("Text").text or "").split())
        error = next((c["error"] for c in codings if "error" in c), None)
        expected = [(c["sourcecode"].upper(), c["targetcode"].upper(), c["eventcode"])
                    for c in codings if "sourcecode" in c]
        d = s.get("date")
        out.append({"id": s.get("id"), "category": CATEGORY_ALIASES.get(s.get("category"), s.get("category")),
                    "prefix": id_prefix(s.get("id")), "date": f"{d[:4]}-{d[4:6]}-{d[6:8]}",
                    "text": text, "expected": expected,
                    "no_events": any(c.get("noevents") == "True" for c in codings) or (error or "").endswith("discard"),
                    "error": error})
    return out[:limit] if limit else out


def cameo_plover() -> dict[str, str]:
    text = resources.files("detente.events").joinpath("data", "cameo.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    header = rows[0]
    i_code, i_plover = header.index("code"), header.index("plover")
    return {r[i_code]: r[i_plover] for r in rows[1:] if len(r) > i_plover and r[i_plover]}


def full(ref) -> str:
    if ref is None:
        return "---"
    return (ref.code or "---").upper() + (ref.sector or "").upper()


def article_for(r: dict) -> Article:
    return Article(article_id=r["id"], origin=r["id"], title=None, authors=(), published=r["date"],
                   republished=None, site=None, original_source=None, language="en", text=r["text"],
                   blocks=(Block("body", r["text"], "en", 0, len(r["text"])),))


def score(records: list[dict], res, plover_of: dict[str, str], discards: list[str]) -> tuple[list[dict], float]:
    started = time.perf_counter()
    rows = []
    for r, parsed in zip(records, parse(res.nlp, [article_for(r) for r in records], 64), strict=True):
        try:
            findings, crash = analyse(parsed, res), None
            events, mentions = list(findings.events), list(findings.mentions)
        except Exception as exc:  # a detente bug on one sentence is recorded, not fatal
            events, mentions, crash = [], [], f"{type(exc).__name__}: {exc}"[:200]
        pairs = [(full(e.source), full(e.target), e) for e in events]
        dyadic = [(s, t, e) for s, t, e in pairs if e.source and e.source.code and e.target and e.target.code]
        row = {"id": r["id"], "category": r["category"], "prefix": r["prefix"], "text": r["text"],
               "date": r["date"], "expected": [list(x) for x in r["expected"]], "no_events": r["no_events"],
               "error": r["error"],
               "predicted": [f"{s}->{t}:{e.plover}({e.cameo}):{e.trigger}:{e.factuality}" for s, t, e in pairs],
               "mentions": [f"{m.text}={m.code}{m.sector or ''}[{m.rule}]" for m in mentions], "crash": crash,
               "discard_phrase": next((d for d in discards if d.lower() in r["text"].lower()), None)}
        if r["error"] and not r["no_events"]:
            row["scored"] = False
            rows.append(row)
            continue
        row["scored"] = True
        if r["no_events"]:
            ok = not dyadic
            row.update({"actors3": ok, "actors": ok, "exact": ok})
            rows.append(row)
            continue
        hits3, hits, types, facts = [], [], [], []
        for src, tgt, code in r["expected"]:
            m3 = [e for s, t, e in pairs if s[:3] == src[:3] and t[:3] == tgt[:3]]
            mf = [e for s, t, e in pairs if s == src and t == tgt]
            hits3.append(bool(m3))
            hits.append(bool(mf))
            facts += [e.factuality for e in (mf or m3)[:1]]
            want = plover_of.get(code)
            if want and m3:
                types.append(any(e.plover == want for e in m3))
        expected_full = {(s, t) for s, t, _ in r["expected"]}
        extra = sorted({f"{s}->{t}" for s, t, _ in dyadic if (s, t) not in expected_full})
        row.update({"actors3": all(hits3), "actors": all(hits), "exact": all(hits) and not extra,
                    "extra": extra, "type_checked": len(types), "type_ok": sum(types), "factualities": facts})
        rows.append(row)
    return rows, time.perf_counter() - started


def table(rows: list[dict], key: str) -> list[tuple]:
    groups: dict[str, list[dict]] = defaultdict(list)
    sizes = Counter(r[key] for r in rows if r["scored"])
    for r in rows:
        if r["scored"]:
            groups[r[key] if sizes[r[key]] > 1 else "(single)"].append(r)
    out = []
    for name in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        g = groups[name]
        out.append((name, len(g), sum(r["actors3"] for r in g), sum(r["actors"] for r in g),
                    sum(r["exact"] for r in g), sum(r.get("type_ok", 0) for r in g),
                    sum(r.get("type_checked", 0) for r in g)))
    total = [r for r in rows if r["scored"]]
    out.append(("ALL", len(total), sum(r["actors3"] for r in total), sum(r["actors"] for r in total),
                sum(r["exact"] for r in total), sum(r.get("type_ok", 0) for r in total),
                sum(r.get("type_checked", 0) for r in total)))
    return out


def print_table(title: str, rows: list[tuple]) -> None:
    print(title)
    print(f"{'group':<12}{'n':>5}{'actors-3':>10}{'actors':>9}{'exact':>8}{'type':>10}")
    def pct(k: int, n: int) -> str:
        return f"{k:>3} {100 * k / n:3.0f}%" if n else "  -"

    for name, n, a3, a, ex, tok, tch in rows:
        print(f"{name:<12}{n:>5}{pct(a3, n):>10}{pct(a, n):>9}{pct(ex, n):>8}{(f'{tok}/{tch}' if tch else '-'):>10}")


def main() -> None:
    args = standard_arguments(__doc__, "records", "write the summary and per-record rows here",
                              "list every record not coded as expected")
    t0 = time.perf_counter()
    base = Resources.load(load_settings())
    kb, notes = merged_kb(base.kb)
    res = dataclasses.replace(base, kb=kb)
    t_load = time.perf_counter() - t0
    records = load_records(args.limit)
    rows, seconds = score(records, res, cameo_plover(), read_discards(DICTS / "PETR.Validate.discards.txt"))
    if args.verbose:
        for r in rows:
            if r["scored"] and r["exact"]:
                continue
            status = "not scored" if not r["scored"] else \
                f"actors-3 {'ok' if r['actors3'] else 'FAIL'} actors {'ok' if r['actors'] else 'FAIL'}"
            print(f"- {r['id']} [{r['category']}] {r['date']} {status}")
            print(f"    {r['text']}")
            exp = "no events" if r["no_events"] else "; ".join(f"{s}->{t}:{c}" for s, t, c in r["expected"])
            print(f"    expected: {exp}{' (error=' + r['error'] + ')' if r['error'] else ''}")
            print(f"    detente : {'; '.join(r['predicted']) or '(no event)'}")
            print(f"    mentions: {'; '.join(r['mentions'])}")
            if r.get("extra"):
                print(f"    extra dyads: {', '.join(r['extra'])}")
        print()
    scored = [r for r in rows if r["scored"]]
    print(f"PETRARCH validation records: {len(rows)} records, {len(scored)} scored "
          f"({len(rows) - len(scored)} input-error records not scored)")
    print("dictionaries: " + "; ".join(f"{k}: {v}" for k, v in notes.items()))
    crashes = [r for r in rows if r["crash"]]
    if crashes:
        print(f"detente raised on {len(crashes)} record(s) (scored as no output): "
              + "; ".join(f"{r['id']} {r['crash']}" for r in crashes[:5])
              + (f"; ... ({len(crashes) - 5} more, see --json)" if len(crashes) > 5 else ""))
    print()
    print_table("by category (record attribute)", table(rows, "category"))
    print()
    print_table("by record id prefix (mechanic)", table(rows, "prefix"))
    facts = Counter(f for r in scored for f in r.get("factualities", []))
    print()
    print("factuality of matched events: " + ", ".join(f"{k} {v}" for k, v in facts.most_common()))
    no_ev = [r for r in scored if r["no_events"]]
    print(f"no-event records (noevents/discards): {sum(r['exact'] for r in no_ev)}/{len(no_ev)} without a dyadic event")
    print()
    print(f"time: {seconds:.1f}s analysis, {t_load:.1f}s loading")
    print("command: " + " ".join([Path(sys.executable).name, *sys.argv]))
    print("code: " + code_version())
    if args.json:
        Path(args.json).write_text(json.dumps({"notes": notes, "by_category": table(rows, "category"),
                                               "by_prefix": table(rows, "prefix"), "seconds": seconds,
                                               "rows": rows}, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
