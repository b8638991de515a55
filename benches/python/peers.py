#!/usr/bin/env python3
"""dualuse against the matchers a customs team could call from Python.

Generates one workload, runs every peer on it in a process of its own, and
prints one table: build time, descriptions/s one call per description,
descriptions/s in batch calls (where the peer has them), the memory the
build took and the peak RSS. Installs nothing: the peers come with the
``bench`` extra of the Python package (see ``benches/README.md``); a peer
that is not installed is left out of the table.

    python benches/python/peers.py                 # embedded, 1k, 10k, 100k
    python benches/python/peers.py --terms 10k --rounds 5
    python benches/python/peers.py --linear        # 100k against 1M

Workload (the recipe of ``benches/src/lib.rs``; deterministic):

- terms: the name terms of the embedded lists (``lists/*.toml``), or 1k,
  10k or 100k synthetic chemical-like names and made-up goods names (the
  smaller sets are the start of the larger);
- corpus: 100,000 descriptions, half from the HS 2022 nomenclature
  (``../shared/data/hs-nomenclature.csv`` beside the checkout), the rest
  synthetic invoice line items built from the same text, a tenth in
  French, German, Spanish, Russian or Chinese; 1.5 % carry a term of the
  embedded lists and one of the first 1,000 synthetic terms, so every term
  set has hits.

Each peer runs in its fastest documented mode, with case-insensitive
matching where it has one and otherwise on lower-cased text, the
lower-casing counted in its time. A round runs every peer once; the table
shows the median over the rounds, and each ratio against the targets of
issue 8 is the median of the ratios within a round (the peers of a round
run side by side, so a busy machine slows them alike).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import glob
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
HS_CSV = REPO.parent / "shared" / "data" / "hs-nomenclature.csv"

# The order of the table.
PYTHON_PEERS = [
    "dualuse",
    "hyperscan",
    "ahocorasick-rs",
    "ahocorasick-rs (auto)",
    "pyahocorasick",
    "flashtext2",
    "flashtext",
    "google-re2",
    "re",
]
RUST_PEERS = ["dualuse (Rust core)", "aho-corasick (Rust)"]

# Distribution names, for the versions in the JSON.
DISTRIBUTIONS = {
    "dualuse": "dualuse",
    "hyperscan": "hyperscan",
    "ahocorasick-rs": "ahocorasick-rs",
    "ahocorasick-rs (auto)": "ahocorasick-rs",
    "pyahocorasick": "pyahocorasick",
    "flashtext2": "flashtext2",
    "flashtext": "flashtext",
    "google-re2": "google-re2",
}

TERM_SETS = {"embedded": 0, "1k": 1_000, "10k": 10_000, "100k": 100_000}
TERMS_PER_ENTRY = 20
CONTROLLED_PER_200 = 3

# ---------------------------------------------------------------------------
# Workload: the recipe of benches/src/lib.rs.

MASK = (1 << 64) - 1


class Rng:
    """splitmix64, as in benches/src/lib.rs."""

    def __init__(self, seed: int) -> None:
        self.state = seed

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next_u64() % n

    def pick(self, items):
        return items[self.below(len(items))]


LOCANTS = ["", "", "", "2-", "3-", "4-", "1,2-", "2,2'-", "n,n-"]
MULTIPLIERS = ["", "", "di", "tri", "tetra"]
SUBSTITUENTS = (
    "methyl ethyl propyl isopropyl butyl pentyl chloro fluoro bromo iodo "
    "amino nitro hydroxy cyano phenyl benzyl thio oxo carboxy sulfanyl "
    "phospho vinyl allyl acetyl"
).split()
PARENTS = (
    "ethanol methane benzene phosphonate phosphonofluoridate amine acetate "
    "sulfide ethane propanoate pyridine piperidine morpholine hydrazine "
    "silane borane carbamate thiolate phosphoramidate chloride"
).split()
SYLLABLES = (
    "ka zor vex tri lan mor qua dex fyr nol zan kel tor vir pax xen ryl sut "
    "bor gan"
).split()
GOODS = (
    "rotor valve pump centrifuge laser sensor controller assembly gyroscope "
    "furnace bellows magnet inverter thruster detector reactor nozzle "
    "spindle"
).split()
UNITS = (
    "pcs kg cartons drums pallets sets rolls bags boxes litres m pairs"
).split()
ATTRIBUTES = [
    "packed in cartons", "on 12 pallets", "as per invoice", "origin CN",
    "origin DE", "as per PO 4500123", "new, unused", "FOB Shanghai",
    "CIF Rotterdam", "net weight 250 kg", "gross weight 1,200 kg",
    "model XR-200", "for industrial use", "spare parts", "batch 2024-117",
    "colour white",
]
FOREIGN = [
    (
        [
            "tissus de coton écru", "pièces détachées pour tracteurs",
            "chaussures en cuir véritable", "vêtements de travail imprégnés",
            "matériel électrique isolé", "pâtes alimentaires sèches",
            "fûts métalliques vides", "câbles électriques armés",
        ],
        [
            "qualité supérieure", "emballé sous vide",
            "origine République tchèque", "selon facture nº 2024/117",
            "livré départ usine", "poids net déclaré",
        ],
    ),
    (
        [
            "Ersatzteile für Landmaschinen", "Kugellager aus Stahl",
            "Bürostühle mit Rückenlehne",
            "Schläuche aus vulkanisiertem Kautschuk",
            "Spülmaschinen für Großküchen", "Werkzeugmaschinen gebraucht",
        ],
        [
            "Größe XL", "Ursprungsland Österreich", "in Kartons verpackt",
            "gemäß Rechnung Nr. 4711", "für gewerbliche Nutzung",
            "Nettogewicht 250 kg",
        ],
    ),
    (
        [
            "piezas de repuesto para camiones",
            "aceite de oliva virgen extra", "baldosas cerámicas esmaltadas",
            "jamón curado en lonchas", "tuberías de polietileno",
        ],
        [
            "fabricación española", "embalaje de cartón",
            "según factura nº 1234", "año de fabricación 2023",
        ],
    ),
    (
        [
            "запасные части для тракторов",
            "хлопчатобумажная ткань отбеленная",
            "стальные трубы бесшовные", "мебель офисная деревянная",
            "электрические кабели в изоляции", "замороженная рыба филе",
            "детская обувь кожаная",
        ],
        [
            "страна происхождения Китай", "в картонных коробках",
            "согласно счёту № 117", "вес нетто 250 кг",
            "для промышленного использования",
            "новые, не бывшие в употреблении",
        ],
    ),
    (
        [
            "棉制针织T恤衫", "不锈钢厨房水槽", "冷冻去骨牛肉",
            "带USB充电口的LED台灯", "农用拖拉机零件齿轮", "聚乙烯塑料管材",
            "陶瓷釉面砖", "男式皮鞋",
        ],
        [
            "原产国中国", "纸箱包装", "按发票第117号", "净重250公斤",
            "工业用途", "全新未使用",
        ],
    ),
]
ORDINARY = [
    "ladies cotton T-shirts, knitted, 100% cotton",
    "stainless steel kitchen sinks, single bowl",
    "frozen boneless beef cuts, vacuum packed",
    "LED desk lamps with USB charging port",
    "spare parts for agricultural tractors: gear wheels",
]


def synthetic_terms(n: int) -> list[str]:
    rng = Rng(0x5EED7E12)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        if rng.below(10) < 7:
            t = rng.pick(LOCANTS) + rng.pick(MULTIPLIERS)
            t += rng.pick(SUBSTITUENTS)
            if rng.below(2) == 0:
                t += rng.pick(SUBSTITUENTS)
            t += rng.pick(PARENTS)
        else:
            t = "".join(rng.pick(SYLLABLES) for _ in range(2 + rng.below(3)))
            if rng.below(3) == 0:
                t += " turbo"
            t += " " + rng.pick(GOODS)
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def load_toml(path: str) -> dict:
    try:
        import tomllib  # Python 3.11+
    except ModuleNotFoundError:  # pragma: no cover - older Pythons
        import tomli as tomllib  # type: ignore[no-redef]
    with open(path, "rb") as f:
        return tomllib.load(f)


def embedded_terms() -> tuple[list[str], list[str]]:
    """(every name term of lists/*.toml, the plain ones among them)."""
    every: list[str] = []
    plain: list[str] = []
    for path in sorted(glob.glob(str(REPO / "lists" / "*.toml"))):
        for entry in load_toml(path).get("entry", []):
            for terms in entry.get("terms", {}).values():
                for t in terms:
                    if isinstance(t, str):
                        every.append(t)
                        plain.append(t)
                    else:
                        every.append(t["text"])
    if not every:
        sys.exit(f"no terms found in {REPO / 'lists'}")
    return every, plain


def hs_descriptions() -> list[str]:
    try:
        with open(HS_CSV, newline="", encoding="utf-8") as f:
            out = [r["description"] for r in csv.DictReader(f)]
    except OSError:
        print(f"note: {HS_CSV} not found; ordinary goods used instead",
              file=sys.stderr)
        return ORDINARY
    return [d for d in out if d] or ORDINARY


def cut(text: str, limit: int) -> str:
    """HS text cut to at most ``limit`` UTF-8 bytes at a word boundary."""
    raw = text.encode()
    if len(raw) <= limit:
        return text
    head = raw[:limit].decode(errors="ignore")
    space = head.rfind(" ")
    return head[:space].rstrip(",;") if space >= 0 else head


def corpus(n: int, controlled: list[str], synthetic: list[str]) -> list[str]:
    hs = hs_descriptions()
    synthetic = synthetic[:1000]
    rng = Rng(0xC0DE2022)
    out = []
    for i in range(n):
        qty = 1 + rng.below(5000)
        unit = rng.pick(UNITS)
        if i % 200 < CONTROLLED_PER_200:
            real = rng.pick(controlled)
            syn = rng.pick(synthetic)
            attr = rng.pick(ATTRIBUTES)
            out.append(f"{qty} {unit} {real}, {syn} grade, {attr}")
            continue
        kind = rng.below(20)
        if kind <= 9:
            out.append(rng.pick(hs))
        elif kind <= 17:
            goods = cut(rng.pick(hs), 95)
            a = rng.pick(ATTRIBUTES)
            b = rng.pick(ATTRIBUTES)
            out.append(f"{qty} {unit} {goods}, {a}, {b}")
        else:
            goods, quals = rng.pick(FOREIGN)
            g = rng.pick(goods)
            a = rng.pick(quals)
            b = rng.pick(quals)
            c = rng.pick(quals)
            out.append(f"{qty} kg {g}, {a}, {b}, {c}")
    return out


def write_workload(tmp: Path, n_corpus: int, sets: list[str]) -> dict:
    """Writes corpus.json and one terms file per set; returns their paths
    and the workload's numbers."""
    every, plain = embedded_terms()
    synthetic = synthetic_terms(max([TERM_SETS[s] for s in sets] + [1000]))
    texts = corpus(n_corpus, plain, synthetic)
    (tmp / "corpus.json").write_text(json.dumps(texts), encoding="utf-8")
    files = {}
    for name in sets:
        if name == "embedded":
            seen: set[str] = set()
            lower = [t.lower() for t in every]
            terms = [t for t in lower if not (t in seen or seen.add(t))]
            doc = {"embedded": True, "terms": terms}
        else:
            terms = synthetic[: TERM_SETS[name]]
            watch = {
                f"SYN-{i // TERMS_PER_ENTRY:05}": terms[
                    i: i + TERMS_PER_ENTRY
                ]
                for i in range(0, len(terms), TERMS_PER_ENTRY)
            }
            doc = {"embedded": False, "watch": watch, "terms": terms}
        path = tmp / f"terms-{name}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        files[name] = {"path": str(path), "terms": len(doc["terms"])}
    sizes = [len(t.encode()) for t in texts]
    return {
        "corpus": str(tmp / "corpus.json"),
        "descriptions": len(texts),
        "mean_bytes": round(statistics.mean(sizes), 1),
        "non_ascii_share": round(
            sum(not t.isascii() for t in texts) / len(texts), 4
        ),
        "controlled_rows": n_corpus * CONTROLLED_PER_200 // 200,
        "term_sets": files,
    }


# ---------------------------------------------------------------------------
# Peers, each in a child process: build(doc) -> (call, batch or None).
# call(text) returns what the peer found (truthy when something matched);
# batch(texts) returns one such value per text.


def peer_dualuse(doc):
    import dualuse

    if doc["embedded"]:
        s = dualuse.Screener()
    else:
        s = dualuse.Screener.from_terms(doc["watch"])

    def call(text):
        return s.screen(text).hits

    def batch(texts):
        return [r.hits for r in s.screen_many(texts)]

    return call, batch


def _hs_on_match(pattern, start, end, flags, found):
    found.append((pattern, end))


def peer_hyperscan(doc):
    import hyperscan

    terms = [t.encode() for t in doc["terms"]]
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    # Literal mode, case folded (ASCII only); no word boundaries.
    db.compile(
        expressions=terms,
        ids=list(range(len(terms))),
        elements=len(terms),
        flags=hyperscan.HS_FLAG_CASELESS,
        literal=True,
    )

    def call(text):
        found = []
        db.scan(text.encode(), _hs_on_match, context=found)
        return found

    def batch(texts):
        # One scan over 1,000 descriptions joined by line breaks (no term
        # holds one, so no match runs across two); the end offset of a
        # match says whose it is. Measured here, this is faster than
        # vectored mode (HS_MODE_VECTORED, a list of buffers per scan) and
        # than larger chunks.
        out = [[] for _ in texts]
        for at in range(0, len(texts), 1_000):
            parts = [t.encode() for t in texts[at: at + 1_000]]
            data = b"\n".join(parts)
            ends = []
            total = -1
            for p in parts:
                total += len(p) + 1
                ends.append(total)
            found = []
            db.scan(data, _hs_on_match, context=found)
            for pattern, end in found:
                out[at + bisect.bisect_left(ends, end)].append(pattern)
        return out

    return call, batch


def peer_ahocorasick_rs(doc):
    import ahocorasick_rs

    # The DFA is the fastest of its automata ("implementation"); no case
    # folding, so the text is lower-cased.
    ac = ahocorasick_rs.AhoCorasick(
        doc["terms"], implementation=ahocorasick_rs.Implementation.DFA
    )

    def call(text):
        return ac.find_matches_as_indexes(text.lower())

    return call, None


def peer_ahocorasick_rs_auto(doc):
    import ahocorasick_rs

    # Its default: the automaton chosen by the library (an NFA at these
    # sizes), quicker to build and smaller than the DFA, slower to search.
    ac = ahocorasick_rs.AhoCorasick(doc["terms"])

    def call(text):
        return ac.find_matches_as_indexes(text.lower())

    return call, None


def peer_pyahocorasick(doc):
    import ahocorasick

    a = ahocorasick.Automaton()
    for i, t in enumerate(doc["terms"]):
        a.add_word(t, i)
    a.make_automaton()

    def call(text):
        return list(a.iter(text.lower()))

    return call, None


def peer_flashtext2(doc):
    from flashtext2 import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    kp.add_keywords_from_iter(doc["terms"])

    def call(text):
        return kp.extract_keywords(text)

    return call, None


def peer_flashtext(doc):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    kp.add_keywords_from_list(doc["terms"])

    def call(text):
        return kp.extract_keywords(text)

    return call, None


def peer_google_re2(doc):
    import re2

    # RE2::Set: every pattern in one automaton, returns which matched.
    options = re2.Options()
    options.case_sensitive = False
    options.literal = True
    options.max_mem = 4 << 30
    s = re2.Set.SearchSet(options)
    for t in doc["terms"]:
        s.Add(t)
    s.Compile()

    def call(text):
        return s.Match(text)

    return call, None


def peer_re(doc):
    import re

    # One alternation, longest terms first.
    terms = sorted(doc["terms"], key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, terms)), re.IGNORECASE)

    def call(text):
        return pattern.findall(text)

    return call, None


PEER_FUNCTIONS = {
    "dualuse": peer_dualuse,
    "hyperscan": peer_hyperscan,
    "ahocorasick-rs": peer_ahocorasick_rs,
    "ahocorasick-rs (auto)": peer_ahocorasick_rs_auto,
    "pyahocorasick": peer_pyahocorasick,
    "flashtext2": peer_flashtext2,
    "flashtext": peer_flashtext,
    "google-re2": peer_google_re2,
    "re": peer_re,
}


def peak_rss_mib() -> float:
    """Peak RSS of this process so far. VmHWM where Linux has it: a child's
    ru_maxrss starts at its parent's peak (Linux carries it across fork and
    exec), which would hide everything below this script's own 60 MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in bytes on macOS, KiB elsewhere.
    unit = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20


def child(name: str, terms_path: str, corpus_path: str, repeat: int,
          budget: float) -> dict:
    with open(terms_path, encoding="utf-8") as f:
        doc = json.load(f)
    make = PEER_FUNCTIONS[name]
    rss_base = peak_rss_mib()
    mark = time.perf_counter()
    call, batch = make(doc)
    build_s = time.perf_counter() - mark
    rss_build = peak_rss_mib()
    del doc
    with open(corpus_path, encoding="utf-8") as f:
        texts = json.load(f)
    n = len(texts)

    # Warm up (and a first count, kept if the corpus is only sampled).
    rows = sum(1 for t in texts[:100] if call(t))
    per_call = []
    screened = n
    for _ in range(repeat):
        done = 0
        found = 0
        mark = time.perf_counter()
        # Chunks grow from 1 to 1,000 descriptions, so a slow peer is
        # stopped soon after the budget and a fast one hardly ever looks
        # at the clock.
        at = 0
        size = 1
        while at < n:
            for t in texts[at: at + size]:
                if call(t):
                    found += 1
            at = min(n, at + size)
            size = min(2 * size, 1000)
            if time.perf_counter() - mark > budget:
                break
        done = at
        per_call.append(done / (time.perf_counter() - mark))
        screened = done
        if done < n:
            # Too slow for the whole corpus: one sample is enough.
            break
        rows = found
    batch_rates = []
    if batch is not None:
        for _ in range(repeat):
            mark = time.perf_counter()
            results = batch(texts)
            batch_rates.append(n / (time.perf_counter() - mark))
            got = sum(1 for r in results if r)
            if screened == n and got != rows:
                raise SystemExit(
                    f"{name}: batch found {got} rows, one by one {rows}"
                )
    version = None
    if name in DISTRIBUTIONS:
        from importlib.metadata import version as dist_version

        version = dist_version(DISTRIBUTIONS[name])
    return {
        "version": version,
        "build_s": build_s,
        "per_call": per_call,
        "batch": batch_rates or None,
        "screened": screened,
        "rows_with_hits": rows if screened == n else None,
        "rss_base_mib": rss_base,
        "rss_build_mib": rss_build,
        "rss_peak_mib": peak_rss_mib(),
    }


# ---------------------------------------------------------------------------
# The parent: rounds of children, the table, the targets.


def rust_peer_binary(given: str | None) -> Path | None:
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = target / "release" / "examples" / "peer"
    return path if path.exists() else None


def installed(name: str) -> bool:
    if name == "re":
        return True
    module = {
        "dualuse": "dualuse",
        "hyperscan": "hyperscan",
        "ahocorasick-rs": "ahocorasick_rs",
        "ahocorasick-rs (auto)": "ahocorasick_rs",
        "pyahocorasick": "ahocorasick",
        "flashtext2": "flashtext2",
        "flashtext": "flashtext",
        "google-re2": "re2",
    }[name]
    import importlib.util

    return importlib.util.find_spec(module) is not None


def run_child(name: str, terms: str, corpus_path: str, args,
              rust: Path | None) -> dict:
    if name in RUST_PEERS:
        which = "dualuse" if name.startswith("dualuse") else "aho-corasick"
        cmd = [str(rust), which, terms, corpus_path, str(args.repeat)]
    else:
        cmd = [
            sys.executable, str(Path(__file__).resolve()), "--child", name,
            terms, corpus_path, "--repeat", str(args.repeat),
            "--budget", str(args.budget),
        ]
    try:
        p = subprocess.run(
            cmd, capture_output=True, text=True, timeout=args.timeout
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {args.timeout} s"}
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"exit {p.returncode}: {tail}"}
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_core(rust: Path, terms: str, corpus_path: str, args) -> dict:
    """The Rust core's side-by-side rounds (examples/peer.rs `core`)."""
    rounds = max(args.rounds, 3)
    try:
        p = subprocess.run(
            [str(rust), "core", terms, corpus_path, str(rounds)],
            capture_output=True, text=True, timeout=args.timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {args.timeout} s"}
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"exit {p.returncode}: {tail}"}
    out = json.loads(p.stdout.strip().splitlines()[-1])
    print("  core: " + ", ".join(
        f"{k} {fmt_rate(median(v))}" for k, v in out["rates"].items()
    ), file=sys.stderr)
    return out


CORE_RATIOS = [
    ("Rust screen ≥ 75% of aho-corasick over lower-cased text",
     "screen", "aho_corasick", 0.75),
    ("Rust screen_many: 2 threads ≥ 1.8× 1 thread",
     "screen_many_2_threads", "screen_many_1_thread", 1.8),
    ("(cost) screen with evasion off / screen",
     "screen_no_evasion", "screen", None),
    ("(cost) screen with fuzzy off / screen",
     "screen_no_fuzzy", "screen", None),
    ("(cost) screen with both off / screen",
     "screen_exact_only", "screen", None),
    ("(ceiling) aho-corasick: 2 threads / 1 thread",
     "aho_corasick_2_threads", "aho_corasick", None),
]


def core_ratios(core: dict) -> list[dict]:
    out = []
    for set_name, c in core.items():
        if "error" in c:
            continue
        rates = c["rates"]
        for what, a, b, goal in CORE_RATIOS:
            rs = [x / y for x, y in zip(rates[a], rates[b])]
            r = statistics.median(rs)
            out.append({
                "terms": set_name,
                "target": what,
                "ratio": round(r, 3),
                "goal": goal,
                "met": None if goal is None else r >= goal,
            })
    return out


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarise(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"error": runs[-1]["error"]}
    rows = {r.get("rows_with_hits") for r in ok}
    return {
        "version": ok[0].get("version"),
        "build_s": median([r["build_s"] for r in ok]),
        "per_call": median([median(r["per_call"]) for r in ok]),
        "batch": median([median(r["batch"] or [None]) for r in ok]),
        "build_rss_mib": median(
            [r["rss_build_mib"] - r["rss_base_mib"] for r in ok
             if r.get("rss_build_mib") is not None]
        ),
        "peak_rss_mib": median([r.get("rss_peak_mib") for r in ok]),
        "rows_with_hits": rows.pop() if len(rows) == 1 else sorted(
            rows, key=lambda x: -1 if x is None else x),
        "screened": min(r.get("screened", 0) or 0 for r in ok) or None,
        "rounds": len(ok),
    }


def fmt_rate(x) -> str:
    if x is None:
        return "—"
    if x < 1000:
        return f"{x:.0f}"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    return f"{x / 1e3:.0f} k" if x >= 1e4 else f"{x / 1e3:.1f} k"


def fmt(x, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def table(set_name: str, n_terms: int, summary: dict, n: int) -> str:
    lines = [
        f"### {set_name} terms ({n_terms:,})",
        "",
        "| peer | build s | per call /s | batch /s | build MiB | peak RSS "
        "MiB | rows with hits |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in summary.items():
        if "error" in s:
            lines.append(f"| {name} | {s['error']} | | | | | |")
            continue
        rows = s["rows_with_hits"]
        if s.get("screened") and s["screened"] < n:
            rows = f"(sampled {s['screened']:,})"
        lines.append(
            f"| {name} | {fmt(s['build_s'], '.3f')} | "
            f"{fmt_rate(s['per_call'])} | {fmt_rate(s['batch'])} | "
            f"{fmt(s['build_rss_mib'], '.1f')} | "
            f"{fmt(s['peak_rss_mib'], '.0f')} | {rows} |"
        )
    return "\n".join(lines)


def per_round(results: dict, set_name: str, peer: str, key: str):
    """The median of ``key`` for ``peer`` in each round (None if absent)."""
    out = []
    for r in results.get(set_name, {}).get(peer, {}).get("runs", []):
        if "error" in r:
            out.append(None)
        elif key == "build_s":
            out.append(r["build_s"])
        elif key == "build_rss_mib":
            out.append(r["rss_build_mib"] - r["rss_base_mib"])
        else:
            out.append(median(r[key] or [None]))
    return out


def ratio(results, a, b):
    """Median over rounds of a / b; a and b are (set, peer, key)."""
    xs = per_round(results, *a)
    ys = per_round(results, *b)
    rs = [x / y for x, y in zip(xs, ys) if x and y]
    return statistics.median(rs) if rs else None


def targets(results: dict) -> list[dict]:
    py = "dualuse"
    rust = "dualuse (Rust core)"
    checks = [
        ("10k", "Python screen_many ≥ 1.5× Hyperscan per call",
         ("10k", py, "batch"), ("10k", "hyperscan", "per_call"), 1.5),
        ("10k", "Python screen_many ≥ 1.0× Hyperscan batch",
         ("10k", py, "batch"), ("10k", "hyperscan", "batch"), 1.0),
        ("100k", "Python screen_many ≥ 1.2× Hyperscan batch",
         ("100k", py, "batch"), ("100k", "hyperscan", "batch"), 1.2),
        ("100k", "Python screen_many ≥ 2× ahocorasick-rs per call",
         ("100k", py, "batch"), ("100k", "ahocorasick-rs", "per_call"), 2.0),
        ("10k", "Python screen ≥ 1.1× ahocorasick-rs per call",
         ("10k", py, "per_call"), ("10k", "ahocorasick-rs", "per_call"), 1.1),
        ("10k", "Python screen ≥ 2× flashtext2 per call",
         ("10k", py, "per_call"), ("10k", "flashtext2", "per_call"), 2.0),
    ]
    for s in ["embedded", "10k", "100k"]:
        checks += [
            (s, "Python screen_many ≥ 90% of Rust screen_many",
             (s, py, "batch"), (s, rust, "batch"), 0.9),
            (s, "Python screen ≥ 70% of Rust screen",
             (s, py, "per_call"), (s, rust, "per_call"), 0.7),
        ]
    # Smaller is better for the build: the ratio is theirs over ours,
    # against its default automaton, the quicker of its two builds.
    checks.append(
        ("100k", "build no slower than ahocorasick-rs (auto)",
         ("100k", "ahocorasick-rs (auto)", "build_s"),
         ("100k", py, "build_s"), 1.0)
    )
    out = []
    for set_name, what, a, b, goal in checks:
        if set_name not in results:
            continue
        r = ratio(results, a, b)
        out.append({
            "terms": set_name,
            "target": what,
            "ratio": None if r is None else round(r, 3),
            "goal": goal,
            "met": None if r is None else r >= goal,
        })
    if "100k" in results:
        mib = median(per_round(results, "100k", py, "build_rss_mib"))
        out.append({
            "terms": "100k",
            "target": "build ≤ 55 MiB",
            "value_mib": None if mib is None else round(mib, 1),
            "goal": 55,
            "met": None if mib is None else mib <= 55,
        })
    return out


def machine() -> dict:
    cpu = None
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": (
            os.getloadavg() if hasattr(os, "getloadavg") else None
        ),
    }


def linear(args, rust: Path | None) -> dict:
    """dualuse on 100k and 1M descriptions: time per description."""
    sizes = [args.corpus, 10 * args.corpus]
    out: dict = {"sizes": sizes, "runs": {}}
    with tempfile.TemporaryDirectory(prefix="dualuse-peers-") as tmp:
        paths = {}
        for n in sizes:
            d = Path(tmp) / str(n)
            d.mkdir()
            paths[n] = write_workload(d, n, ["embedded"])
        peers = ["dualuse"] + ([RUST_PEERS[0]] if rust else [])
        for peer in peers:
            for n in sizes:
                out["runs"].setdefault(peer, {})[n] = []
        for rnd in range(args.rounds):
            for peer in peers:
                for n in sizes:
                    w = paths[n]
                    r = run_child(
                        peer, w["term_sets"]["embedded"]["path"],
                        w["corpus"], args, rust,
                    )
                    out["runs"][peer][n].append(r)
                    print(f"  linear round {rnd + 1}: {peer} {n:,}: "
                          f"{fmt_rate(median(r.get('batch') or [None]))} "
                          "batch", file=sys.stderr)
    out["ratio"] = {}
    for peer, by_size in out["runs"].items():
        small, big = (by_size[n] for n in sizes)
        for key in ["per_call", "batch"]:
            rs = [
                median(a[key]) / median(b[key])
                for a, b in zip(small, big)
                if "error" not in a and "error" not in b
            ]
            # Rate at 100k over rate at 1M: time per description at 1M
            # over that at 100k.
            out["ratio"][f"{peer} {key}"] = (
                round(statistics.median(rs), 3) if rs else None
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--terms", default="embedded,1k,10k,100k",
                    help="term sets, comma-separated: embedded,1k,10k,100k")
    ap.add_argument("--peers", default=",".join(PYTHON_PEERS + RUST_PEERS),
                    help="peers, comma-separated (default: all installed)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3,
                    help="passes over the corpus in each child")
    ap.add_argument("--corpus", type=int, default=100_000)
    ap.add_argument("--budget", type=float, default=20.0,
                    help="seconds per pass before a slow peer is sampled")
    ap.add_argument("--timeout", type=float, default=900.0,
                    help="seconds before a child is given up")
    ap.add_argument("--rust-peer", help="the examples/peer binary (default: "
                    "target/release/examples/peer when built)")
    ap.add_argument("--json", default=str(HERE / "last-run.json"),
                    help="where to write the results")
    ap.add_argument("--linear", action="store_true",
                    help="also time dualuse on 10 times the corpus")
    ap.add_argument("--child", nargs=3, metavar=("PEER", "TERMS", "CORPUS"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        name, terms, corpus_path = args.child
        out = child(name, terms, corpus_path, args.repeat, args.budget)
        print(json.dumps(out))
        return

    sets = [s for s in args.terms.split(",") if s]
    for s in sets:
        if s not in TERM_SETS:
            sys.exit(f"unknown term set {s!r}; choose from {list(TERM_SETS)}")
    rust = rust_peer_binary(args.rust_peer)
    peers = []
    for p in args.peers.split(","):
        if p in RUST_PEERS:
            if rust is None:
                print(f"note: {p} left out: build the runner with `cargo "
                      "build --release -p dualuse-benches --example peer`",
                      file=sys.stderr)
                continue
        elif p not in PEER_FUNCTIONS:
            sys.exit(f"unknown peer {p!r}")
        elif not installed(p):
            print(f"note: {p} is not installed; left out", file=sys.stderr)
            continue
        peers.append(p)

    started = time.time()
    results: dict = {}
    core: dict = {}
    with tempfile.TemporaryDirectory(prefix="dualuse-peers-") as tmp:
        print("generating the workload ...", file=sys.stderr)
        work = write_workload(Path(tmp), args.corpus, sets)
        for set_name in sets:
            terms = work["term_sets"][set_name]["path"]
            results[set_name] = {p: {"runs": []} for p in peers}
            for rnd in range(args.rounds):
                # Rotate the order, so no peer always runs first or last.
                order = peers[rnd % len(peers):] + peers[: rnd % len(peers)]
                for p in order:
                    r = run_child(p, terms, work["corpus"], args, rust)
                    results[set_name][p]["runs"].append(r)
                    what = r.get("error") or (
                        f"build {r['build_s']:.3f} s, per call "
                        f"{fmt_rate(median(r['per_call']))}, batch "
                        f"{fmt_rate(median(r['batch'] or [None]))}"
                    )
                    print(f"  {set_name} round {rnd + 1}: {p}: {what}",
                          file=sys.stderr)
            if rust is not None and RUST_PEERS[0] in peers:
                core[set_name] = run_core(rust, terms, work["corpus"], args)
    lin = linear(args, rust) if args.linear else None

    summaries = {
        s: {p: summarise(v["runs"]) for p, v in by_peer.items()}
        for s, by_peer in results.items()
    }
    # A fast wrong matcher fails: every controlled row must be found.
    wrong = []
    for s, by_peer in summaries.items():
        for p, v in by_peer.items():
            rows = v.get("rows_with_hits")
            if isinstance(rows, int) and rows < work["controlled_rows"]:
                wrong.append(f"{p} on {s}: {rows} rows with hits, "
                             f"expected at least {work['controlled_rows']}")
    checks = targets(results) + core_ratios(core)
    report = {
        "command": " ".join([Path(sys.executable).name] + sys.argv),
        "started": time.strftime("%Y-%m-%d %H:%M:%S",
                                 time.localtime(started)),
        "seconds": round(time.time() - started),
        "machine": machine(),
        "workload": {k: v for k, v in work.items() if k != "corpus"},
        "rounds": args.rounds,
        "repeat": args.repeat,
        "summary": summaries,
        "targets": checks,
        "core": core,
        "linear": lin,
        "wrong": wrong,
        "runs": results,
    }
    for v in report["workload"]["term_sets"].values():
        v.pop("path", None)
    Path(args.json).write_text(
        json.dumps(report, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )

    m = report["machine"]
    print(f"{m['nproc']} cores, {m['cpu']}; Python {m['python']}; "
          f"{work['descriptions']:,} descriptions of {work['mean_bytes']} "
          f"bytes on average; median of {args.rounds} rounds\n")
    for s in sets:
        n_terms = work["term_sets"][s]["terms"]
        print(table(s, n_terms, summaries[s], work["descriptions"]) + "\n")
    print("| terms | target | ratio | met |\n| --- | --- | ---: | --- |")
    for c in checks:
        value = c.get("ratio", c.get("value_mib"))
        met = {True: "yes", False: "**no**", None: "—"}[c["met"]]
        print(f"| {c['terms']} | {c['target']} | {fmt(value, '.2f')} | "
              f"{met} |")
    if lin:
        print("\nlinear (rate at 100k / rate at 1M; 1.05 = 5 % slower "
              "per description at 1M):")
        for k, v in lin["ratio"].items():
            print(f"  {k}: {v}")
    print(f"\nwritten to {args.json}")
    if wrong:
        print("\nWRONG (fewer rows with hits than controlled rows):\n  "
              + "\n  ".join(wrong))
        sys.exit(1)


if __name__ == "__main__":
    main()
