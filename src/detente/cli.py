"""The `detente` command: thin Typer wrappers over importable functions.

Typed errors become exit codes here and only here: 0 success, 1 some documents failed,
2 usage or configuration error.
"""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__, queries
from .errors import DetenteError
from .settings import describe, load_settings
from .store import Store

app = typer.Typer(
    help="detente: turn news articles into political event data (who did what to whom, when, where), "
    "with the sentence behind every finding.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
)
config_app = typer.Typer(help="Inspect settings (defaults < detente.toml < DETENTE_* environment < flags).")
app.add_typer(config_app, name="config")
out = Console()
err = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="DuckDB file (default: setting `db`, ./detente.duckdb).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (one object per line) for machine use.")]


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportKind(str, Enum):
    articles = "articles"
    events = "events"
    quotes = "quotes"


def _fail(exc: DetenteError) -> None:
    err.print(f"[red]error[/red] {exc.message}")
    raise typer.Exit(2)


def _open(db: str | None, read_only: bool = True) -> Store:
    settings = load_settings(overrides={"db": db})
    try:
        return Store(settings.db, read_only=read_only)
    except DetenteError as exc:
        _fail(exc)
        raise


def _print_json_lines(rows) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _actor(a: dict | None) -> str:
    if not a:
        return "—"
    code = a.get("code") or "?"
    sector = f" {a['sector']}" if a.get("sector") else ""
    return f"{code}{sector} ({a.get('text')})"


@app.callback(invoke_without_command=True)
def _root(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        out.print(f"detente {__version__}")
        raise typer.Exit(0)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin. "
                                               "Formats: .txt .html .pdf .json .jsonl .warc(.gz).")],
    db: DbOption = None,
    max_bytes: Annotated[Optional[int], typer.Option(help="Size cap per file in bytes.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Articles per spaCy batch.")] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline package to use.")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Read articles, find actors, events and quotes, and store them. Idempotent: what is stored is skipped.

    Exit status: 0 when every document was stored (or already there), 1 when some failed
    (see `detente failures`), 2 on a usage or configuration error.
    """
    from .ingest import expand
    from .pipeline import Resources, run_ingest

    try:
        settings = load_settings(overrides={"db": db, "max_bytes": max_bytes, "batch_size": batch_size,
                                            "model": model})
        with err.status("loading language model and knowledge base…"):
            resources = Resources.load(settings)
        total = sum(1 for _ in expand(paths))
        with Store(settings.db) as store, Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[last]}"), console=err, disable=not (progress and settings.progress),
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=total or None, last="")
            seen_files: set[str] = set()

            def on_document(origin: str, outcome: str) -> None:
                file = origin.split("#L")[0]
                if file not in seen_files:
                    seen_files.add(file)
                    bar.advance(task)
                bar.update(task, last=f"{outcome}: {Path(file).name}")

            report = run_ingest(paths, settings, store, resources, on_document)
    except DetenteError as exc:
        _fail(exc)
        return
    rate = report.new / report.seconds if report.seconds else 0.0
    summary = {"run_id": report.run_id, "documents": report.documents, "new": report.new,
               "already_stored": report.already_stored, "failed": report.failed,
               "seconds": round(report.seconds, 2), "articles_per_second": round(rate, 2),
               "characters_per_second": round(report.characters / report.seconds) if report.seconds else 0,
               "db": settings.db}
    if as_json:
        _print_json_lines([summary])
    else:
        for f in report.failures[:20]:
            err.print(f"[red]✗[/red] {f.origin}: {f.message}")
        if report.failed > 20:
            err.print(f"… and {report.failed - 20} more (detente failures)")
        err.print(f"[bold]{report.documents}[/bold] documents: [green]{report.new} new[/green], "
                  f"{report.already_stored} already stored, "
                  f"[{'red' if report.failed else 'green'}]{report.failed} failed[/]"
                  f" in {report.seconds:.1f}s ({rate:.1f} articles/s) → {settings.db}")
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def articles(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stored articles with their metadata and counts of findings."""
    with _open(db) as store:
        rows = queries.article_summaries(store)
    if as_json:
        return _print_json_lines(rows)
    table = Table("id", "published", "title", "site", "chars", "events", "quotes", title=f"{len(rows)} articles")
    for r in rows:
        table.add_row(r["article_id"][:10], r["published"] or "—", (r["title"] or "—")[:60], r["site"] or "—",
                      str(r["chars"]), str(r["events"]), str(r["quotes"]))
    out.print(table)


@app.command()
def show(article_id: Annotated[str, typer.Argument(help="Article id or a unique prefix of it.")],
         db: DbOption = None, as_json: JsonOption = False) -> None:
    """Print an article's clean text with findings marked: [cyan]actors[/cyan], [red]event triggers[/red],
    [green]quotes[/green], [yellow]time expressions[/yellow]."""
    with _open(db) as store:
        row = store.article(article_id)
        if row is None:
            _fail(DetenteError("E022", article_id))
        aid = row["article_id"]
        marks = {
            "actor": store.rows("SELECT char_start, char_end, code, sector FROM actor_mentions WHERE article_id=?", [aid]),
            "trigger": store.rows("SELECT trigger_start AS char_start, trigger_end AS char_end, plover, factuality "
                                  "FROM events WHERE article_id=?", [aid]),
            "quote": store.rows("SELECT char_start, char_end FROM quotes WHERE article_id=?", [aid]),
            "time": store.rows("SELECT char_start, char_end, value FROM time_expressions WHERE article_id=?", [aid]),
        }
        blocks = store.rows("SELECT kind, text, language, char_start FROM blocks WHERE article_id=? ORDER BY idx", [aid])
    if as_json:
        return _print_json_lines([{"article": {k: row[k] for k in ("article_id", "origin", "title", "published")},
                                   "marks": marks, "text": row["text"]}])
    out.rule(f"[bold]{row['title'] or row['origin']}")
    out.print(f"{row['origin']}  published {row['published'] or 'unknown'}  site {row['site'] or '—'}  "
              f"authors {', '.join(json.loads(row['authors'] or '[]')) or '—'}")
    for b in blocks:
        if b["kind"] not in ("body", "quote", "debris", "title"):
            out.print(Text(f"[{b['kind']}] {b['text']}", style="dim"))
        elif b["kind"] in ("body", "quote") and b["char_start"] is None:  # another language: not in the text
            out.print(Text(f"[{b['kind']}, {b['language']}] {b['text']}", style="dim"))
    text = Text(row["text"])
    styles = {"quote": "green", "time": "yellow", "actor": "bold cyan", "trigger": "bold red"}
    for kind in ("quote", "time", "actor", "trigger"):
        for m in marks[kind]:
            if m["char_end"] <= len(row["text"]):  # findings in captions lie beyond the body text
                text.stylize(styles[kind], m["char_start"], m["char_end"])
    out.print(text)


def _event_table(rows: list[dict]) -> Table:
    table = Table("date", "source", "type", "target", "fact.", "trigger", "sentence", title=f"{len(rows)} events",
                  show_lines=False)
    for e in rows:
        fact = e["factuality"]
        style = "" if fact == "asserted" else "yellow"
        table.add_row(e["date"] or "—", _actor(e["source"]), f"{e['plover']} {e['cameo']}", _actor(e["target"]),
                      Text(fact, style=style), e["trigger"], (e["sentence"] or "")[:100])
    return table


@app.command()
def events(
    db: DbOption = None,
    dyad: Annotated[Optional[str], typer.Option(help="Two actor codes, either direction, e.g. RUS-IRN.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="An actor code (IRN) or words of its name.")] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Earliest event date (ISO, may be partial: 2024-10).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest event date (ISO, may be partial).")] = None,
    factuality: Annotated[Optional[str], typer.Option(help="asserted | negated | future | hypothetical.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Only events of this article id (prefix).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Show at most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List coded events with their actors, type, factuality, date and the sentence behind each."""
    flt = queries.EventFilter(dyad, actor, type_, since, until, factuality, article, limit)
    with _open(db) as store:
        rows = queries.events(store, flt)
    if as_json:
        return _print_json_lines(rows)
    out.print(_event_table(rows))


@app.command()
def explain(event_id: Annotated[str, typer.Argument(help="Event id or a unique prefix.")], db: DbOption = None,
            as_json: JsonOption = False) -> None:
    """Why an event was coded: sentence, trigger, lexicon rule, parse path and factuality cues."""
    with _open(db) as store:
        try:
            record = queries.explain(store, event_id)
        except DetenteError as exc:
            _fail(exc)
            return
    if as_json:
        return _print_json_lines([record])
    out.print(f"[bold]{record['plover']}[/bold] (CAMEO {record['cameo']}, Goldstein {record['goldstein']}, "
              f"QuadClass {record['quad_class']})  confidence {record['confidence']}")
    out.print(f"sentence: {record['sentence']}")
    out.print(f"trigger:  [red]{record['trigger']}[/red] at {record['trigger_span']}   rule: {record['rule']}")
    out.print(f"source:   {_actor(record['source'])}   target: {_actor(record['target'])}")
    out.print(f"path:     {record['path']}")
    out.print(f"factuality: {record['factuality']}  cues: {', '.join(record['factuality_cues']) or '—'}")
    out.print(f"date: {record['date'] or '—'} ({record['date_precision'] or 'no precision'})   "
              f"location: {record['location'] or '—'}   attribution: {record['attribution'] or '—'}")


@app.command("quotes")
def quotes_cmd(db: DbOption = None,
               speaker: Annotated[Optional[str], typer.Option(help="Words of the speaker's name or code.")] = None,
               limit: Annotated[Optional[int], typer.Option(help="Show at most this many.")] = None,
               indirect: Annotated[bool, typer.Option("--indirect/--direct-only",
                                                      help="Include indirect speech ('X said that ...').")] = True,
               as_json: JsonOption = False) -> None:
    """List quotes (direct and indirect) with their speakers."""
    with _open(db) as store:
        rows = queries.quotes(store, speaker, limit, indirect)
    if as_json:
        return _print_json_lines(rows)
    table = Table("speaker", "direct", "cue", "quote", title=f"{len(rows)} quotes")
    for q in rows:
        table.add_row(_actor(q["speaker"]), "yes" if q["direct"] else "no", q["cue"] or "—", q["text"][:120])
    out.print(table)


@app.command()
def failures(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Documents that could not be ingested, with a stable error code and how to fix each."""
    with _open(db) as store:
        rows = queries.failures(store)
    if as_json:
        return _print_json_lines(rows)
    table = Table("code", "origin", "stage", "message", title=f"{len(rows)} failures")
    for r in rows:
        table.add_row(r["code"], r["origin"], r["stage"], r["message"])
    out.print(table)


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="What to export.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout; "
                                                   "required for parquet).")] = None,
    db: DbOption = None,
    indirect: Annotated[bool, typer.Option("--indirect/--direct-only", help="quotes: also export indirect speech "
                                           "('X said that ...'); by default only quotations in quotation marks.")]
    = False,
) -> None:
    """Export articles, events or quotes in the contracts of DESIGN.md (jsonl, csv or parquet)."""
    with _open(db) as store:
        rows = list(queries.export_rows(store, kind.value, indirect))
    if fmt is ExportFormat.parquet:
        if output is None:
            _fail(DetenteError("E024", "--format parquet needs --output FILE"))
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), str(output))
    else:
        handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt is ExportFormat.jsonl:
                _write_jsonl(handle, rows)
            else:
                _write_csv(handle, rows)
        finally:
            if output:
                handle.close()
    if output:
        err.print(f"wrote {len(rows)} {kind.value} to {output}")


def _write_jsonl(handle, rows) -> None:
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _write_csv(handle, rows) -> None:
    if not rows:
        return
    writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                         for k, v in row.items()})


@app.command()
def summary(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the database holds: articles, events by type, top dyads, the last run."""
    with _open(db) as store:
        s = queries.summary(store)
    if as_json:
        return _print_json_lines([s])
    out.print(f"[bold]{s['articles']}[/bold] articles, [bold]{s['events']}[/bold] events, "
              f"[bold]{s['quotes']}[/bold] quotes, {s['failures']} failures")
    by_type = Table("PLOVER type", "events", "asserted", title="events by type")
    for r in s["by_type"]:
        by_type.add_row(r["plover"], str(r["n"]), str(r["asserted"]))
    dyads = Table("dyad", "events", title="top dyads")
    for r in s["top_dyads"]:
        dyads.add_row(r["dyad"], str(r["n"]))
    out.print(by_type)
    out.print(dyads)
    if s["runs"]:
        run = s["runs"][0]
        out.print(f"last run {run['run_id']}: model {run['model']} {run['model_version']}, "
                  f"{run['articles_new']} new articles, {run['failures']} failures")


@app.command()
def actors(db: DbOption = None, limit: Annotated[int, typer.Option(help="Show at most this many.")] = 50,
           as_json: JsonOption = False) -> None:
    """Actors found in the stored articles, with mention counts."""
    with _open(db) as store:
        rows = store.rows("SELECT code, sector, coalesce(name, text) AS name, count(*) AS mentions, "
                          "count(DISTINCT article_id) AS articles FROM actor_mentions WHERE code IS NOT NULL "
                          "GROUP BY ALL ORDER BY mentions DESC, name LIMIT ?", [limit])
    if as_json:
        return _print_json_lines(rows)
    table = Table("code", "sector", "name", "mentions", "articles", title="actors")
    for r in rows:
        table.add_row(r["code"], r["sector"] or "—", r["name"], str(r["mentions"]), str(r["articles"]))
    out.print(table)


@app.command()
def actor(name: Annotated[str, typer.Argument(help="A name, alias or code, e.g. Putin, Kremlin, IRN.")],
          db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the knowledge base knows about an actor, and where it appears in the stored articles."""
    from .kb import load_kb

    kb = load_kb()
    known = kb.find(name)
    with _open(db) as store:
        seen = store.rows("SELECT m.text, m.code, m.sector, m.rule, a.origin, s.text AS sentence "
                          "FROM actor_mentions m JOIN articles a USING (article_id) "
                          "JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence "
                          "WHERE lower(m.text) LIKE ? OR lower(m.name) LIKE ? OR m.code = ? LIMIT 50",
                          [f"%{name.lower()}%", f"%{name.lower()}%", name.upper()])
    if as_json:
        return _print_json_lines([{"kb": [a.__dict__ for a in known], "mentions": seen}])
    for a in known[:10]:
        out.print(f"[bold]{a.name}[/bold] ({a.kind}) code {a.code or '—'} sector {a.sector or '—'}  [dim]{a.source}[/dim]")
        for r in a.roles:
            out.print(f"   {r.title}: {r.code} {r.sector} {r.start or '?'} → {r.end or 'now'}")
    if not known:
        out.print(f"the knowledge base has no entry for {name!r}")
    for m in seen:
        out.print(f"  [cyan]{m['text']}[/cyan] → {m['code'] or '?'} {m['sector'] or ''} ({m['rule']}) "
                  f"in {Path(m['origin']).name}: [dim]{m['sentence'][:100]}[/dim]")


@config_app.command("show")
def config_show(as_json: JsonOption = False) -> None:
    """Print every setting, its value and where it came from."""
    try:
        rows = describe(load_settings())
    except DetenteError as exc:
        _fail(exc)
        return
    if as_json:
        return _print_json_lines([{"name": n, "value": v, "source": s, "help": h} for n, v, s, h in rows])
    table = Table("setting", "value", "from", "meaning", title="detente settings")
    for name, value, source, help_ in rows:
        table.add_row(name, str(value), source, help_)
    out.print(table)


def main() -> None:
    app()
