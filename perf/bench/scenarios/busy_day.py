"""A busy day: visitors' and then officers' pages read as a mix of at least 100 different pages (city
profiles, threads, filtered directories, chosen from the data by `bench_pages`; wrk walking through them with
a Lua script), on a quiet server and while a verified officer posts a reply twice a second and toggles a follow
once a second (`perf/bench/writer.py`), measured quiet, busy, busy, quiet. The busy rate as a ratio of the quiet
one is the figure (target >= 0.8). Runs on the full data."""

from perf.bench import targets
from perf.bench.portal import Bench, alternating, ratio
from perf.bench.table import Section, cell
from perf.bench.writer import Writer
from perf.harness import wrk
from perf.harness.processes import log

NAME = "busy_day"
COLUMNS = ["audience", "pages", "quiet req/s", "busy req/s", "ratio", "quiet p99", "busy p99", "errors", "writer"]


def run(bench: Bench) -> Section:
    portal = bench.full
    day = portal.data["busy_day"]
    results = {}
    for audience in ("visitor", "officer"):
        script = wrk.write_path_list(day[audience], bench.workdir / f"busy-day-{audience}.lua")
        writers: list[Writer] = []

        def read(audience=audience, script=script):
            return bench.wrk(portal, person=audience, script=script, seconds=bench.seconds)

        def read_while_writing(read=read, writers=writers):
            writer = Writer(portal.server.base, portal.cookie("writer"), thread=day["thread"], topic=day["topic"])
            writers.append(writer)
            with writer:
                return read()

        portal.read_each(day[audience], audience)  # warm-up: every page into the caches
        quiet, busy = alternating(read, read_while_writing)
        result = {
            "pages": len(set(day[audience])),
            "quiet": quiet,
            "busy": busy,
            "ratio": ratio(busy["rps"], quiet["rps"]),
            "writer": _writer_figures(writers),
        }
        result["misses"] = targets.busy_misses(result)
        results[audience] = result
        log(f"busy day, {audience}s: {quiet['rps']:.0f} req/s quiet, {busy['rps']:.0f} busy ({result['ratio']:.2f})")
    bench.results[NAME] = results
    return _section(results)


def _writer_figures(writers: list[Writer]) -> dict:
    figures = [writer.figures() for writer in writers]
    seconds = sum(figure["seconds"] for figure in figures) or 1
    replies, follows = sum(f["replies"] for f in figures), sum(f["follows"] for f in figures)
    return {
        "replies": replies,
        "follows": follows,
        "failed": sum(figure["failed"] for figure in figures),
        "failed_statuses": sorted({status for figure in figures for status in figure["failed_statuses"]}),
        "replies_per_s": round(replies / seconds, 2),
        "follows_per_s": round(follows / seconds, 2),
    }


def _section(results: dict) -> Section:
    section = Section("Busy day (full data): a mix of pages, quiet and while an officer writes", COLUMNS)
    for audience, result in results.items():
        missed, writer = set(result["misses"]), result["writer"]
        errors = sum(result[run][kind] for run in ("quiet", "busy") for kind in ("errors", "non_2xx"))
        section.rows.append(
            [
                f"{audience}s",
                cell(result["pages"], "{}", "pages" in missed),
                cell(result["quiet"]["rps"], "{:.0f}"),
                cell(result["busy"]["rps"], "{:.0f}"),
                cell(result["ratio"], "{:.2f}", "busy_ratio" in missed),
                cell(result["quiet"]["p99_ms"], "{:.0f} ms"),
                cell(result["busy"]["p99_ms"], "{:.0f} ms"),
                cell(errors, "{}", "errors" in missed),
                f"{writer['replies_per_s']:.1f} replies/s, {writer['follows_per_s']:.1f} follows/s"
                + (f", {writer['failed']} failed {writer['failed_statuses']}" if writer["failed"] else ""),
            ]
        )
        short = {
            "busy_ratio": f"{result['ratio']:.2f} x the quiet req/s (target >= {targets.BUSY_RATIO})",
            "pages": f"{result['pages']} different pages (target >= {targets.BUSY_PAGES})",
            "errors": f"{errors} errors or answers of 400 and more",
        }
        section.shortfalls += [f"busy day, {audience}s: {short[figure]}" for figure in result["misses"]]
        if writer["replies_per_s"] < 1.8 or writer["follows_per_s"] < 0.9:
            section.notes.append(f"during the {audience}s' busy runs the writer could not keep up its pace (2 + 1/s)")
    return section
