"""Runs the rules over the references of one file: entry rules, then list rules; resolves
house-style rules against the chosen style; applies levels and ignores; sorts."""

import re
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from .cache import memo
from .checks import CHECK_FAILED, UNREADABLE, Context, Finding, Rule
from .checks.base import ref_name
from .config import Config
from .findings import Findings
from .model import Diagnostic, Reference, Span
from .styles import detect
from .styles.detect import Detection
from .workers import start_method, worker_pool, worker_state

# (rule, finding, index of the reference it belongs to)
Found = tuple[Rule, Finding, int]

# Arrays of reference indices: 4 bytes each (a list of a million references keeps one per list
# rule and one per house-style vote).
INDEX = "i"


def is_style_rule(rule: Rule) -> bool:
    return "style" in rule.options


def lint_references(
    path: str, refs: list[Reference], config: Config, fmt: str = "text", listing: Detection | None = None
) -> list[Diagnostic]:
    """The findings of the entry and list rules, in the coordinates of the references."""
    linter = Linter(path, config, fmt, listing)
    linter.feed(refs)
    by_index = {ref.index: ref for ref in refs}
    return list(linter.finish(lambda indices: [by_index[i] for i in indices]))


RECHECK_BATCH = 5_000
# List rules' findings are made into diagnostics (and packed) this many at a time: a list rule
# may find something on nearly every reference of a million.
REPORT_BATCH = 10_000


# A chunk's summaries for one list rule are kept packed (pickled, compressed) from this many on,
# and unpacked when their rule runs: a long list's rules held a million references' summaries
# each, all at once, until the end (3.9 GB for a million references with issue 13's rules).
SUMMARY_PACK_AT = 4_096


def _summary_block(refs: list[Reference], summarize: Callable) -> tuple[list | bytes, array]:
    """A chunk's summaries by one function (a list, or packed) and the indices of their references."""
    indices, block = array(INDEX), []
    for ref in refs:
        summary = summarize(ref)
        if summary is not None:
            block.append(summary)
            indices.append(ref.index)
    if len(block) < SUMMARY_PACK_AT:
        return block, indices
    return _packed(block), indices


def _packed(block: list) -> bytes:
    import pickle  # (only long lists pack: a short run need not import them)
    import zlib

    return zlib.compress(pickle.dumps(block, pickle.HIGHEST_PROTOCOL), 1)


def _unpacked(blocks: list[list | bytes]) -> list:
    if len(blocks) == 1 and isinstance(blocks[0], list):
        return blocks[0]
    out: list = []
    for block in blocks:
        if isinstance(block, bytes):
            import pickle
            import zlib

            out.extend(pickle.loads(zlib.decompress(block)))
        else:
            out.extend(block)
    return out


class Linter:
    """Entry and list rules over a list fed in chunks, so that a list of a million references
    never has to be held parsed in memory at once.

    Each chunk is checked by the entry rules and then may be dropped: its findings become
    diagnostics at once, and list rules keep only their compact summaries (`Rule.summarize`).
    House-style rules vote: each reference's variants are recorded (references that vote
    alike share one vote set), the chunk's own majority is taken as a provisional house style
    and the chunk's references are judged against it while they are still parsed. `finish`
    chooses the house styles from all the votes; a chunk whose provisional style was the final
    one (nearly always: a list keeps its style) keeps its findings, and only the references of
    other chunks that differ from the final style are parsed again (`reparse`). Chunks may be
    checked in other processes: `part` is what a chunk leaves behind, `merge` adds it.

    Findings are kept compact (`Findings`) in buckets that begin at `bounds`, the file offsets
    where the chunks begin."""

    def __init__(
        self,
        path: str,
        config: Config,
        fmt: str = "text",
        listing: Detection | None = None,
        bounds: tuple[int, ...] = (0,),
        only: Callable[[Rule], bool] | None = None,
    ) -> None:
        listing = listing or detect.default()
        self.path, self.config, self.listing = path, config, listing
        self.family = family = listing.family
        conventions = listing.conventions
        # A rule whose question the list's style leaves open does not judge it (J001 on periods
        # in journal names where the style writes either).
        rules = [
            r
            for r in config.active(path, fmt)
            if r.scope != "document" and not any(conventions.get(k) in v for k, v in r.off_when.items())
        ]
        # Rules whose fixes follow from the text alone: kept where the parse is uncertain.
        self.text_fixes = frozenset(r.code for r in rules if r.fix_reads_text)
        if only is not None:  # (a share of the rules: see split.py)
            rules = [r for r in rules if only(r)]
        self.rules = rules
        settled = listing.settled
        # A style the user set is what house-style rules judge against (a detected one only
        # decides which questions are open: the list's majority answers them).
        asked = conventions if listing.configured else {}
        self.contexts = {
            r.code: Context(
                path, r.options_from(config.options[r.code], asked), config.preset,
                family=family, style=listing.style, style_conventions=conventions, settled=settled,
            )
            for r in rules
        }
        self.voting: list[tuple[Rule, Context]] = []
        for r in rules:
            ctx = self.contexts[r.code]
            if is_style_rule(r):
                configured = config.options[r.code].get("style", "auto")
                if configured != "auto":
                    ctx.fixed = str(configured)
                elif (variant := r.variant_of(asked)) is not None:
                    ctx.fixed = variant
                else:
                    ctx.votes = set()
                    self.voting.append((r, ctx))
        # per voting rule, per chunk: the votes, the chunk's provisional style and its findings
        self.chunks: dict[str, list[ChunkVotes]] = {r.code: [] for r, _ in self.voting}
        entry = [r for r in rules if r.scope == "entry"]
        ctxs = self.contexts
        self.triggered = [(r, r.check, ctxs[r.code], r.trigger) for r in entry if r.trigger is not None]
        self.conditional = [(r, r.check, ctxs[r.code], r.only_if_missing) for r in entry if r.only_if_missing]
        self.plain = [
            (r, r.check, ctxs[r.code])
            for r in entry
            if r.trigger is None and not r.only_if_missing and r.code not in self.chunks
        ]
        self.voters = [(r, r.check, ctxs[r.code]) for r in entry if r.code in self.chunks]
        self.house = {r.code for r in rules if is_style_rule(r)}
        self.listed = [r for r in rules if r.scope == "list"]
        # Each rule's summaries, a block per chunk (packed in long lists: see _summary_block).
        self.summaries: dict[str, list[list | bytes]] = {
            r.code: [] for r in self.listed if r.summarize is not None
        }
        # The index of the reference each summary is of: chunks may be samples of the list
        # (every k-th reference) merged in any order, and list rules read the list in order.
        # Rules that share a summary function share the array.
        shared: dict[Callable, array] = {}
        self.summarized: dict[str, array] = {
            r.code: shared.setdefault(r.summarize, array(INDEX))
            for r in self.listed
            if r.summarize is not None
        }
        self.shuffled = False  # merged out of the list's order
        self.whole: list[Reference] = []  # only for list rules that need the references themselves
        self.keeps_whole = any(r.summarize is None for r in self.listed)
        self.names: dict[int, str] = {}  # reference number or key, for per-reference ignores
        self.bounds = bounds
        self.diagnostics = Findings(bounds)
        self.shapes = ListShapes(family)  # which fixes the list's parse makes certain

    def feed(self, refs: list[Reference]) -> None:
        if self.config.per_reference_ignores:
            self.names.update((ref.index, ref_name(ref)) for ref in refs)
        found: list[Found] = []
        add = found.append
        # Rule by rule over the chunk: the loops are tighter than reference by reference, and a
        # rule's trigger is searched in the whole chunk at once (see _Scan).
        scan = _Scan(refs) if self.triggered else None
        # A rule that fails on one reference costs that reference that rule's findings, never
        # the run: the failure is reported for it (X003). (The `try` costs nothing on Python
        # 3.11+ when nothing is raised.)
        failed = self._failed
        # House-style rules judge only the references read in the list's own style family:
        # how a book or a reference of another style is written is not the list's house style.
        family = self.family
        own = [ref for ref in refs if ref.style == family or _partial_journal(ref)]
        for rule, check, ctx, pattern in self.triggered:
            house = rule.code in self.house
            for ref in scan.matching(pattern):  # type: ignore[union-attr]
                if house and ref.style != family and not _partial_journal(ref):
                    continue
                try:
                    for f in check(ref, ctx):
                        add((rule, f, ref.index))
                except Exception as exc:
                    failed(rule, ref, exc)
        for rule, check, ctx, needed in self.conditional:
            for ref in own if rule.code in self.house else refs:
                fields = ref.fields
                for name in needed:
                    if name not in fields:
                        try:
                            for f in check(ref, ctx):
                                add((rule, f, ref.index))
                        except Exception as exc:
                            failed(rule, ref, exc)
                        break
        for rule, check, ctx in self.plain:
            for ref in own if rule.code in self.house else refs:
                try:
                    for f in check(ref, ctx):
                        add((rule, f, ref.index))
                except Exception as exc:
                    failed(rule, ref, exc)
        for rule, check, ctx in self.voters:
            ballot: dict[frozenset[str], array] = {}  # vote set -> indices (4 bytes each)
            ctx.votes = votes = set()
            for ref in own:
                try:
                    for f in check(ref, ctx):
                        add((rule, f, ref.index))
                except Exception as exc:
                    failed(rule, ref, exc)
                    votes.clear()
                if votes:
                    key = frozenset(votes)
                    indices = ballot.get(key)
                    if indices is None:
                        indices = ballot[key] = array(INDEX)
                    indices.append(ref.index)
                    votes.clear()
            self.chunks[rule.code].append(self._judge(rule, ctx, ballot, refs))
        # Rules that share a summary function (A004 and A007 read the same names) share its
        # summaries: made once, kept once.
        made: dict[Callable, tuple[list | bytes, array]] = {}
        for rule in self.listed:
            if rule.summarize is not None:
                summarize = rule.summarize
                done = made.get(summarize)
                if done is None:
                    done = made[summarize] = _summary_block(refs, summarize)
                    self.summarized[rule.code].extend(done[1])  # (shared by the rules that share it)
                self.summaries[rule.code].append(done[0])
        if self.keeps_whole:
            self.whole.extend(refs)
        self.shapes.feed(refs)
        self._report(found)

    def _failed(self, rule: Rule, ref: Reference | None, exc: Exception) -> None:
        """A check that raised: reported as X003 on the reference (or the file), run goes on."""
        if CHECK_FAILED.code not in self.config.selected:
            return
        span = ref.span if ref is not None else Span(0, 0)
        index = ref.index if ref is not None else -1
        self.diagnostics.add(check_failed(self.path, span, f"rule {rule.code}", exc, self.config, index))

    def _judge(self, rule: Rule, ctx: Context, ballot: dict[frozenset[str], array], refs) -> "ChunkVotes":
        """A chunk's votes, its provisional style, and its references judged against it."""
        ctx.votes = None
        ctx.chosen = chosen = _majority(ballot)
        losing = _losing(ctx, ballot)
        found: list[Found] = []
        if losing:
            by_index = {ref.index: ref for ref in refs}
            for i in sorted(losing):
                found.extend((rule, f, i) for f in rule.check(by_index[i], ctx) if f.style is not None)
        diagnostics = Findings(self.bounds)
        self._report(found, diagnostics)
        return ChunkVotes(chosen, ballot, diagnostics.pack())

    def _report(self, found: list[Found], out: Findings | None = None) -> None:
        config, ignores = self.config, self.config.per_reference_ignores
        out = self.diagnostics if out is None else out
        for rule, f, index in found:
            if ignores and rule.code in ignores.get(self.names.get(index, ""), ()):
                continue
            message = f.message
            if f.style is not None:
                expected = _expected(rule, self.contexts[rule.code], f.style, config)
                message = message.replace("{expected}", expected)
            out.add(_diagnostic(rule, f, self.path, config, message, index))

    def part(self) -> tuple:
        """What the chunks fed so far leave behind, to be merged into another linter. Findings
        and summaries travel packed, whatever their number: the process that merges them would
        otherwise unpickle them object by object and pack them again (and that process is
        the one every worker waits on); packed, they are unpacked only when reported, or when
        their list rule runs (in a worker of its own)."""
        packed: dict[int, bytes] = {}  # rules that share a summary function share its blocks
        summaries = {
            code: [packed.setdefault(id(b), _packed(b)) if isinstance(b, list) else b for b in blocks]
            for code, blocks in self.summaries.items()
        }
        kept = (summaries, self.summarized, self.whole)
        return self.diagnostics.pack(always=True), self.chunks, kept, self.names, self.shapes

    def merge(self, part: tuple) -> None:
        diagnostics, chunks, (summaries, summarized, whole), names, shapes = part
        self.diagnostics.merge(diagnostics)
        self.shapes.merge(shapes)
        for code, kept in chunks.items():
            self.chunks[code].extend(kept)
        extended: set[int] = set()  # rules that share a summary function share its indices
        for code, kept in summaries.items():
            self.summaries[code].extend(kept)
            at, more = self.summarized[code], summarized[code]
            if id(at) in extended:
                continue
            extended.add(id(at))
            if at and more and more[0] < at[-1]:
                self.shuffled = True
            at.extend(more)
        self.whole.extend(whole)
        self.names.update(names)

    def _in_order(self, code: str) -> list:
        """A list rule's summaries in the order of the list."""
        kept, at = _unpacked(self.summaries[code]), self.summarized[code]
        if not self.shuffled:
            return kept
        return [kept[i] for i in sorted(range(len(at)), key=at.__getitem__)]

    def _whole_in_order(self) -> list[Reference]:
        return sorted(self.whole, key=lambda ref: ref.index) if self.shuffled else self.whole

    def finish(self, reparse, jobs: int = 1) -> Findings:
        """reparse(indices) -> the references with those indices, parsed again. The findings
        come back in report order. With `jobs` > 1 the list rules run in that many worker
        processes (`_list_rules_in_workers`)."""
        recheck = []
        for rule, ctx in self.voting:
            chunks = self.chunks[rule.code]
            ctx.votes = None
            ctx.chosen = final = _majority(_merged(c.ballot for c in chunks))
            again: set[int] = set()
            for chunk in chunks:
                if all(final.get(d) == v for d, v in chunk.chosen.items()):
                    self.diagnostics.merge(chunk.diagnostics)
                else:  # judged against another style: judge its references again
                    again.update(_losing(ctx, chunk.ballot))
            recheck.append((rule, ctx, again))
        wanted = sorted({i for _rule, _ctx, indices in recheck for i in indices})
        found: list[Found] = []
        # Parsed a batch at a time: in a long list with no clear house style they can be many.
        for start in range(0, len(wanted), RECHECK_BATCH):
            for ref in reparse(wanted[start : start + RECHECK_BATCH]):
                i = ref.index
                for rule, ctx, indices in recheck:
                    if i in indices:
                        try:
                            found.extend((rule, f, i) for f in rule.check(ref, ctx) if f.style is not None)
                        except Exception as exc:
                            self._failed(rule, ref, exc)
            self._report(found)
            found = []
        if jobs > 1 and len(self.listed) > 1 and start_method() == "fork":
            self._list_rules_in_workers(jobs)
        else:
            for rule in self.listed:
                self._list_rule(rule)
        self.diagnostics.transform(self.shapes.certain_fixes(self.text_fixes))
        return self.diagnostics


    def _list_rule(self, rule: Rule) -> None:
        """One list rule over the whole list, its findings added to `diagnostics`."""
        data = self._in_order(rule.code) if rule.summarize is not None else self._whole_in_order()
        if rule.summarize is not None:
            # Read once: let them go (a million references' summaries, rule after rule).
            self.summaries[rule.code], self.summarized[rule.code] = [], array(INDEX)
        found: list[Found] = []
        try:
            for f in rule.check(data, self.contexts[rule.code]):
                found.append((rule, f, f.reference))
                if len(found) >= REPORT_BATCH:
                    self._report(found)
                    found = []
        except Exception as exc:
            self._failed(rule, None, exc)
        self._report(found)

    def _list_rules_in_workers(self, jobs: int) -> None:
        """The list rules of a long list, each in one of `jobs` forked workers, which start with
        this linter's summaries in their memory (nothing is sent but the rule's code): they take
        most of the time a long list spends after its chunks are checked (a million references:
        a minute in one process), and each unpacks a million summaries that its process then
        drops. Their findings are merged in the order of the rules, as one process adds them."""
        with worker_pool(min(jobs, len(self.listed)), self) as pool:  # type: ignore[union-attr]
            for part in pool.imap(_list_rule_in_worker, [rule.code for rule in self.listed]):
                self.diagnostics.merge(part)

    def styles(self) -> tuple[dict[str, dict[str, str | None]], tuple[int, int]]:
        """What `recheck` needs of a finished lint: the house styles the list chose, and how
        many of its references fit a family and the list's (whether its parse is certain)."""
        return {r.code: dict(ctx.chosen) for r, ctx in self.voting}, (self.shapes.total, self.shapes.known)

    def recheck(self, refs: list[Reference], styles: tuple) -> Findings:
        """The entry rules' findings on a few references edited since the whole list was
        linted (--fix), judged against the house styles the list chose then (`styles()`):
        what a lint of the whole edited list finds on them, without the list rules."""
        chosen, (total, known) = styles
        for rule, ctx in self.voting:
            ctx.votes = None
            ctx.chosen = chosen.get(rule.code, {})
        if self.config.per_reference_ignores:
            self.names.update((ref.index, ref_name(ref)) for ref in refs)
        family, found = self.family, []
        for rule in self.rules:
            if rule.scope != "entry":
                continue
            ctx, house = self.contexts[rule.code], rule.code in self.house
            for ref in refs:
                if house and ref.style != family and not _partial_journal(ref):
                    continue
                # (A trigger or missing field the engine asks first only spares a check that
                # would find nothing.)
                if rule.trigger is not None and rule.trigger.search(ref.raw) is None:
                    continue
                if rule.only_if_missing and all(name in ref.fields for name in rule.only_if_missing):
                    continue
                try:
                    found.extend((rule, f, ref.index) for f in rule.check(ref, ctx))
                except Exception as exc:
                    self._failed(rule, ref, exc)
        self._report(found)
        self.shapes.feed(refs)
        self.shapes.total, self.shapes.known = total, known
        self.diagnostics.transform(self.shapes.certain_fixes(self.text_fixes))
        return self.diagnostics


def _list_rule_in_worker(code: str) -> Findings:
    """In a worker forked by `_list_rules_in_workers`: one list rule's findings."""
    (linter,) = worker_state()
    linter.diagnostics = Findings(linter.bounds)
    linter._list_rule(next(rule for rule in linter.listed if rule.code == code))
    return linter.diagnostics.pack(always=True)


def _partial_journal(ref: Reference) -> bool:
    """A journal article no family places because it lacks its journal or citation block: its
    house style (title case, initials ...) is the list's to judge."""
    return ref.style == "other" and ref.kind == "journal" and not ref.memo.get("unplaced")


class ListShapes:
    """Which references' parse is certain enough for a fix.

    A reference read in its list's style family is read with certainty: the family's grammar
    placed every element. One that only another family places (a mixed list), one read as a book
    or web page in no family (`other`), or one the lexer could not read has an uncertain parse,
    and a fix built on it could delete correct text. So fixes are kept only on references read in
    the list's family, and only when the list reads as that family (most of its references that
    fit a family fit it). A reference whose author list is read only loosely (a garbled name, a
    name in no known form) is certain from the end of that list on: where the authors end and
    the title begins is the uncertain part, so only fixes that edit after it are kept."""

    SHARE = 0.6  # of the references that fit a family, to take the list for one

    def __init__(self, family: str = "vancouver") -> None:
        self.family = family
        self.total = 0  # references that fit some family
        self.known = 0  # ... that fit the list's
        self.uncertain = array(INDEX)  # indices of the references not read in the list's family
        self.loose: dict[int, int] = {}  # index -> where its loosely read author list ends
        self._uncertain: set[int] | None = None

    def feed(self, refs: list[Reference]) -> None:
        for ref in refs:
            if ref.style != "other":
                self.total += 1
            if ref.style == self.family and not ref.errors:
                self.known += 1
                authors = ref.fields.get("authors")
                if ref.memo.get("name-form") == "NAMES_LOOSE" and authors is not None:
                    self.loose[ref.index] = authors.span.end
            else:
                self.uncertain.append(ref.index)

    def merge(self, other: "ListShapes") -> None:
        self.total += other.total
        self.known += other.known
        self.uncertain.extend(other.uncertain)
        self.loose.update(other.loose)
        self._uncertain = None

    @property
    def list_is_known(self) -> bool:
        return self.family != "other" and self.total > 0 and self.known >= self.SHARE * self.total

    def certain(self, index: int) -> bool:
        """May a finding on this reference carry a fix of any span? (Not file-level findings.)"""
        if self._uncertain is None:
            self._uncertain = set(self.uncertain)
        return self.list_is_known and index not in self._uncertain and index not in self.loose

    def _keeps(self, d: Diagnostic, uncertain: set[int]) -> bool:
        if d.reference in uncertain:
            return False
        after = self.loose.get(d.reference)
        return after is None or all(e.span.start > after for e in d.fix.edits)

    def certain_fixes(self, text_fixes: frozenset[str] = frozenset()) -> Callable[[Diagnostic], Diagnostic]:
        """What removes from a diagnostic a fix the list's parse does not make certain (the fixes
        of `text_fixes` codes follow from the text alone, and stay)."""
        if self.list_is_known:
            uncertain = set(self.uncertain)

            def keep_certain(d: Diagnostic) -> Diagnostic:
                if d.fix is None or d.code in text_fixes or self._keeps(d, uncertain):
                    return d
                return d._replace(fix=None)

            return keep_certain
        return lambda d: (
            d._replace(fix=None) if d.fix is not None and d.reference >= 0 and d.code not in text_fixes else d
        )


def check_failed(
    path: str, span: Span, what: str, exc: BaseException, config: Config, index: int = -1
) -> Diagnostic:
    """X003: refslint could not check something (its own failure, reported where it happened)."""
    message = f"{what} could not check this: {type(exc).__name__}: {exc}"[:300]
    message += " (a refslint bug: please report it)"
    level = config.levels[CHECK_FAILED.code]
    return Diagnostic(path, CHECK_FAILED.code, CHECK_FAILED.name, message, span, level, reference=index)


class ChunkVotes(NamedTuple):
    chosen: dict[str, str | None]  # the chunk's own majority, by dimension
    ballot: dict[frozenset[str], array]  # vote set -> indices of the references that cast it
    diagnostics: Findings  # the chunk's references judged against `chosen`


def _diagnostic(rule: Rule, f: Finding, path: str, config: Config, message: str, index: int) -> Diagnostic:
    fix = f.fix() if callable(f.fix) else f.fix
    return Diagnostic(
        path, rule.code, rule.name, message, f.span, config.levels[rule.code], fix, f.related, reference=index
    )


def lint_document_rules(doc, refs: list[Reference], config: Config) -> list[Diagnostic]:
    """The findings of the rules that judge a whole document (BibTeX entries, citations), in
    the file's own coordinates. A finding in another file (a .bib the manuscript names) is
    kept only if the rule is active for that file too."""
    diagnostics = []
    by_index = {ref.index: ref for ref in refs} if config.per_reference_ignores else {}
    for rule in config.active(doc.path, doc.format):
        if rule.scope != "document":
            continue
        ctx = Context(doc.path, config.options[rule.code], config.preset)
        for f in rule.check(doc, refs, ctx):
            path = f.path or doc.path
            if path != doc.path and rule not in config.active(path):
                continue
            ref = by_index.get(f.reference)
            if ref is not None and rule.code in config.per_reference_ignores.get(ref_name(ref), ()):
                continue
            diagnostics.append(_diagnostic(rule, f, path, config, f.message, f.reference))
    return diagnostics


# Constructs whose meaning depends on what lies beyond the match: at a reference's edge they see
# the neighbouring reference (or the separator) in the joined text instead of the text's end.
_EDGE_SENSITIVE = re.compile(r"(?<!\[)\^|\$|\\[AZzbB]|\(\?<?[=!]")


class _Scan:
    """Which references a trigger pattern matches, found by searching all of them joined
    (one C-level scan per rule instead of one Python call per reference and rule)."""

    def __init__(self, refs: list[Reference]) -> None:
        self.refs = refs
        raws = [ref.raw for ref in refs]
        self.text = "\n".join(raws)
        after = list(accumulate(len(raw) + 1 for raw in raws))  # past each reference's separator
        self.ends = [a - 1 for a in after]
        self.starts = [a - len(raw) - 1 for a, raw in zip(after, raws, strict=True)]

    def matching(self, pattern: re.Pattern[str]) -> list[Reference]:
        refs = self.refs
        search = pattern.search
        if len(refs) < 64:
            return [ref for ref in refs if search(ref.raw) is not None]
        # (Fixed strings have no anchors or look-arounds: they match the same text anywhere.)
        forms = literal_forms(pattern.pattern, pattern.flags)
        if forms is not None:
            return [refs[i] for i in sorted(self._holding(forms) or ())]  # (no limit: never None)
        # Only the references that hold one of the strings every match holds need a search
        # (`://` ... for a glued link): found by `str.find`, where the engine would try the
        # pattern at nearly every position of the chunk. Not when those strings are common.
        needed = required_strings(pattern.pattern, pattern.flags)
        if needed is not None and (holding := self._holding(needed, len(refs) // 4)) is not None:
            return [refs[i] for i in sorted(holding) if search(refs[i].raw) is not None]
        if _EDGE_SENSITIVE.search(pattern.pattern):
            return [ref for ref in refs if search(ref.raw) is not None]
        hits = []
        search, text, starts, ends = pattern.search, self.text, self.starts, self.ends
        pos, n = 0, len(refs)
        while True:
            m = search(text, pos)
            if m is None:
                return hits
            i = bisect_right(starts, m.start()) - 1
            # A match that crosses into the separator or the next reference proves nothing
            # about this one: ask this reference alone.
            if m.end() <= ends[i] or search(refs[i].raw) is not None:
                hits.append(refs[i])
            if i + 1 >= n:
                return hits
            pos = starts[i + 1]

    def _holding(self, forms: tuple[str, ...], most: int | None = None) -> set[int] | None:
        """The indices (in the chunk) of the references that hold one of these strings (none
        holds the separator); None once more than `most` do."""
        found: set[int] = set()
        find, starts, n = self.text.find, self.starts, len(self.refs)
        most = n if most is None else most
        for form in forms:
            at = find(form)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(i)
                if i + 1 >= n:
                    break
                if len(found) > most:
                    return None
                at = find(form, starts[i + 1])
        return found


@lru_cache(maxsize=512)
def literal_forms(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The few fixed strings a trigger can match, when that is all it can match (`[.,;:][.,;:]`,
    `[’'"]`, `Scholar|View Article`), else None: `str.find` finds such a trigger in a chunk
    several times faster than the regular-expression engine scans for it (a character class
    costs the engine 1-3 µs a reference). Each string is one pass over the chunk: single
    characters (a memchr-like scan) are cheap by the dozen, longer strings only a few at a time
    (16 pairs took longer than the regex).

    The answer is kept in the start-up memo (`_read_pattern`)."""
    return _read_pattern("literal-forms", pattern, flags, _fixed_strings)


def _fixed_strings(pattern: str, flags: int) -> tuple[str, ...] | None:
    from .patterns import literal_forms as fixed_strings

    forms = fixed_strings(pattern, flags, limit=_MAX_FORMS)
    if forms is not None and len(forms) > (_MAX_FORMS if all(len(f) == 1 for f in forms) else 4):
        return None
    return forms


_MAX_FORMS = 16


@lru_cache(maxsize=512)
def required_strings(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of a trigger holds (patterns.required_strings), when
    they are few enough to look for: each is a pass of `str.find` over the chunk."""
    return _read_pattern("required-strings", pattern, flags, _needed_strings)


def _needed_strings(pattern: str, flags: int) -> tuple[str, ...] | None:
    from .patterns import required_strings as needed_strings

    strings = needed_strings(pattern, flags, limit=_MAX_REQUIRED)
    # Searching for a two-letter string costs a pass of ~1 ns a character (its first letter is
    # common: ` ,`, `.e`), a longer one or a single character a third of that: several short
    # ones cost what the engine's scan does.
    if strings is not None and len(strings) > 2 and min(map(len, strings)) < 3:
        return None
    return strings


_MAX_REQUIRED = 8


def _read_pattern(question: str, pattern: str, flags: int, answer) -> tuple[str, ...] | None:
    """What the reader of patterns (patterns.py) answers about a trigger, kept in the start-up
    memo under the reader's time and size: reading a pattern's structure means importing that
    reader, a fifth of a short run's imports."""
    reader = Path(__file__).with_name("patterns.py").stat()
    key = (question, reader.st_mtime_ns, reader.st_size, pattern, flags)
    stored = memo.get(key)
    if isinstance(stored, tuple):
        return stored
    if stored == "-":
        return None
    strings = answer(pattern, flags)
    memo.put(key, strings if strings is not None else "-")
    return strings


def _merged(ballots) -> dict[frozenset[str], int]:
    """Vote set -> how many references cast it, over several ballots."""
    total: Counter[frozenset[str]] = Counter()
    for ballot in ballots:
        for styles, indices in ballot.items():
            total[styles] += len(indices)
    return total


def _majority(ballot) -> dict[str, str | None]:
    """Each dimension's majority variant, or None where no variant has more than half.

    Each reference votes once per variant and dimension (a style reads `variant@dimension`
    when a rule judges independent choices, such as the space after `;` and after `:`).
    `ballot` maps vote sets to their references (or to how many cast them)."""
    tally: Counter[str] = Counter()
    for styles, cast in ballot.items():
        n = cast if isinstance(cast, int) else len(cast)
        for style in styles:
            tally[style] += n
    # A vote `a|b@dimension` fits both variants: a variant's support is every vote it fits;
    # it is chosen when that is more than half of the dimension's votes.
    support: dict[str, Counter[str]] = defaultdict(Counter)
    cast_in: Counter[str] = Counter()
    for style, n in tally.items():
        variants, _, dimension = style.partition("@")
        cast_in[dimension] += n
        for variant in variants.split("|"):
            support[dimension][variant] += n
    chosen: dict[str, str | None] = {}
    for dimension, counter in support.items():
        top, n = counter.most_common(1)[0]
        chosen[dimension] = top if n * 2 > cast_in[dimension] else None
    return chosen


def _losing(ctx: Context, ballot: dict[frozenset[str], array]) -> list[int]:
    """The references of the ballot that show a variant other than the chosen one."""
    losing = {style for styles in ballot for style in styles if ctx.wants(style)}
    if not losing:
        return []
    return [i for styles, indices in ballot.items() if not losing.isdisjoint(styles) for i in indices]


def _expected(rule: Rule, ctx: Context, style: str, config: Config) -> str:
    if ctx.fixed is not None:
        basis = f"preset {config.preset}" if config.preset else "configured"
        return f"expected {ctx.fixed}, {basis}"
    dimension = style.partition("@")[2]
    return f"expected {ctx.chosen.get(dimension)}, as in most of this list"


def unreadable(path: str, why: str, config: Config) -> list[Diagnostic]:
    if UNREADABLE.code not in config.selected:
        return []
    return [
        Diagnostic(
            path,
            UNREADABLE.code,
            UNREADABLE.name,
            f"cannot read {path}: {why}",
            Span(0, 0),
            config.levels[UNREADABLE.code],
        )
    ]
