"""dualuse.Screener: constructors, options, screen, screen_many, sharing
between threads, pickling."""

from __future__ import annotations

import concurrent.futures
import copy
import gc
import multiprocessing
import pickle
import re
from pathlib import Path

import dualuse
import pytest
from conftest import LISTS

OK = LISTS / "ok"

TEXTS = [
    "Thiodiglycol 99% 200L drums",
    "ladies cotton T-shirts",
    "toothpaste with sodium fluoride 0.2%",
    "TDG in 200 l drum",
    "硫二甘醇 桶装",
    "2 x glass-lined reactor, 6300 l",
    "CAS 111-48-8",
    "",
    "📦 Поставка: тиодигликоль",
]
HS = ["2930.70", None, "3306.10", None, "", "8419.89", None, None, "29307000"]


# Constructors ---------------------------------------------------------


def test_default_uses_embedded_lists(embedded):
    assert re.fullmatch(
        r"Screener\(entries=\d+, lists_version='\d{4}-\d\d-\d\d'\)",
        repr(embedded),
    )
    assert re.fullmatch(r"[0-9a-f]{64}", embedded.lists_hash)


def test_default_finds_thiodiglycol(embedded):
    r = embedded.screen("Thiodiglycol 99% 200L drums")
    assert [h.entry_id for h in r.hits] == ["1C350.1"]
    assert r.lane == "red"


def test_from_dir_directory(fixture_lists):
    assert repr(fixture_lists) == (
        "Screener(entries=3, lists_version='2021-05-20')"
    )
    r = fixture_lists.screen("Thiodiglycol 99% 200L drums")
    assert [h.entry_id for h in r.hits] == ["1C350.1"]


@pytest.mark.parametrize(
    "paths",
    [
        [str(OK)],
        [OK],
        [OK / "chemicals.toml", OK / "equipment.toml"],
        [str(OK / "chemicals.toml"), OK / "equipment.toml"],
    ],
    ids=["str", "pathlib", "files", "mixed"],
)
def test_from_dir_paths(paths, fixture_lists):
    s = dualuse.Screener.from_dir(*paths)
    assert s.lists_hash == fixture_lists.lists_hash


def test_from_dir_one_file():
    s = dualuse.Screener.from_dir(OK / "equipment.toml")
    assert repr(s) == "Screener(entries=1, lists_version='2021-05-20')"
    assert s.screen("thiodiglycol").hits == []


def test_from_dir_needs_a_path():
    with pytest.raises(TypeError, match="at least one path"):
        dualuse.Screener.from_dir()


def test_from_dir_refuses_non_path():
    with pytest.raises(TypeError, match=r"paths\[1\] must be str"):
        dualuse.Screener.from_dir(OK, 42)


def test_from_dir_missing_path(tmp_path):
    with pytest.raises(dualuse.ListError) as e:
        dualuse.Screener.from_dir(tmp_path / "nowhere")
    assert e.value.kind == "io"
    assert e.value.path.endswith("nowhere")


def test_from_dir_empty_directory(tmp_path):
    with pytest.raises(dualuse.ListError) as e:
        dualuse.Screener.from_dir(tmp_path)
    assert e.value.kind == "no_lists"


def test_from_terms(watch):
    assert repr(watch) == "Screener(entries=2, lists_version='ad-hoc')"
    r = watch.screen("2 pcs ACME Rotor, 1 x X-9 valve")
    assert sorted(h.entry_id for h in r.hits) == ["WATCH-1"]
    assert r.hits[0].regimes == ["WATCH"]
    assert watch.screen("zeta pump").hits[0].entry_id == "WATCH-2"


def test_from_terms_accepts_any_iterable_of_terms():
    s = dualuse.Screener.from_terms(
        {"W-1": ("acme rotor",), "W-2": iter(["x"])}
    )
    assert s.screen("acme rotor").hits[0].entry_id == "W-1"


@pytest.mark.parametrize(
    "terms, message",
    [
        (["acme rotor"], "terms must be a mapping"),
        ({"W-1": "acme rotor"}, r"terms\['W-1'\] must be an iterable of str"),
        ({"W-1": ["acme", 3]}, r"terms\['W-1'\]\[1\] must be str, not int"),
        ({1: ["acme"]}, "ids must be str"),
    ],
    ids=["list", "str-value", "int-term", "int-id"],
)
def test_from_terms_type_errors(terms, message):
    with pytest.raises(TypeError, match=message):
        dualuse.Screener.from_terms(terms)


@pytest.mark.parametrize(
    "terms, kind, entry_id",
    [
        ({"WATCH 1": ["acme"]}, "bad_id", "WATCH 1"),
        ({"W-1": ["acme", ""]}, "empty_term", "W-1"),
        ({"W-1": []}, "no_terms", "W-1"),
    ],
    ids=["bad-id", "empty-term", "no-terms"],
)
def test_from_terms_list_errors(terms, kind, entry_id):
    with pytest.raises(dualuse.ListError) as e:
        dualuse.Screener.from_terms(terms)
    assert (e.value.kind, e.value.entry_id) == (kind, entry_id)


# Options ----------------------------------------------------------------

CONSTRUCTORS = {
    "embedded": lambda **kw: dualuse.Screener(**kw),
    "from_dir": lambda **kw: dualuse.Screener.from_dir(OK, **kw),
    "from_terms": lambda **kw: dualuse.Screener.from_terms(
        {"W-1": ["acme rotor"]}, **kw
    ),
}


@pytest.mark.parametrize("make", CONSTRUCTORS.values(), ids=CONSTRUCTORS)
def test_every_constructor_takes_options(make):
    make(min_score=0.5, languages=["en", "zh"])
    with pytest.raises(ValueError, match="min_score"):
        make(min_score=1.5)
    with pytest.raises(ValueError, match="xx"):
        make(languages=["en", "xx"])
    with pytest.raises(TypeError, match="single str"):
        make(languages="en")


def test_min_score(fixture_lists):
    assert fixture_lists.screen("TDG in 200 l drum").lane == "yellow"
    strict = dualuse.Screener.from_dir(OK, min_score=0.7)
    assert strict.screen("TDG in 200 l drum").hits == []
    assert strict.screen("thiodiglycol").hits[0].entry_id == "1C350.1"


def test_languages():
    en = dualuse.Screener.from_dir(OK, languages=["en"])
    assert en.screen("硫二甘醇").hits == []
    assert en.screen("thiodiglycol").hits[0].entry_id == "1C350.1"
    # CAS numbers count whatever the languages.
    assert en.screen("CAS 111-48-8").hits[0].rule == "cas"


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        dualuse.Screener(0.5)  # type: ignore[misc]


# screen -------------------------------------------------------------------


def test_screen_hs_code_positional_or_keyword(fixture_lists):
    a = fixture_lists.screen("Thiodiglycol, 4 drums", "2930.70.00")
    b = fixture_lists.screen("Thiodiglycol, 4 drums", hs_code="2930.70.00")
    assert a == b
    assert a.hits[0].hs_match == "2930.70"


def test_screen_declared_cas(fixture_lists):
    cas = "111-48-8"
    r = fixture_lists.screen("chemical, 4 drums", cas=cas)
    h = r.hits[0]
    assert (h.entry_id, h.rule, h.field) == ("1C350.1", "cas", "cas")
    assert cas[h.start : h.end] == h.matched


def test_screen_reference(fixture_lists):
    r = fixture_lists.screen("cotton", reference="DEC-1/3")
    assert r.reference == "DEC-1/3"
    assert fixture_lists.screen("cotton").reference is None


def test_screen_empty_string(fixture_lists):
    r = fixture_lists.screen("")
    assert (r.hits, r.cleared, r.hs_indicators) == ([], [], [])
    assert (r.risk, r.lane) == ("none", "green")


@pytest.mark.parametrize(
    "args, kwargs, name",
    [
        ((None,), {}, "text"),
        ((b"thiodiglycol",), {}, "text"),
        (("x", 2930), {}, "hs_code"),
        (("x",), {"cas": 1114888}, "cas"),
        (("x",), {"reference": 7}, "reference"),
    ],
    ids=["none-text", "bytes-text", "int-hs", "int-cas", "int-ref"],
)
def test_screen_type_errors(fixture_lists, args, kwargs, name):
    with pytest.raises(TypeError, match=f"{name} must be str"):
        fixture_lists.screen(*args, **kwargs)


def test_screen_lone_surrogate(fixture_lists):
    # What open(..., errors="surrogateescape") gives for a bad byte.
    text = "\udce9 thiodiglycol \ud800"
    h = fixture_lists.screen(text).hits[0]
    assert text[h.start : h.end] == h.matched == "thiodiglycol"


def test_screen_str_subclass(fixture_lists):
    class Description(str):
        pass

    r = fixture_lists.screen(Description("thiodiglycol"))
    assert r.hits[0].entry_id == "1C350.1"


# screen_many ------------------------------------------------------------


def test_screen_many_equals_screen(fixture_lists):
    many = fixture_lists.screen_many(TEXTS, hs_codes=HS)
    one = [fixture_lists.screen(t, h) for t, h in zip(TEXTS, HS)]
    assert many == one
    assert [r.to_json() for r in many] == [r.to_json() for r in one]


def test_screen_many_without_hs(fixture_lists):
    many = fixture_lists.screen_many(TEXTS)
    assert many == [fixture_lists.screen(t) for t in TEXTS]


@pytest.mark.parametrize(
    "wrap",
    [
        list,
        tuple,
        iter,
        lambda xs: (x for x in xs),
        lambda xs: dict.fromkeys(xs),
    ],
    ids=["list", "tuple", "iterator", "generator", "dict-keys"],
)
def test_screen_many_any_iterable(fixture_lists, wrap):
    texts = list(dict.fromkeys(TEXTS))  # unique, for the dict case
    want = [fixture_lists.screen(t) for t in texts]
    assert fixture_lists.screen_many(wrap(texts)) == want


def test_screen_many_pandas(fixture_lists):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": TEXTS, "hs": HS})
    many = fixture_lists.screen_many(df["text"], hs_codes=df["hs"])
    assert many == fixture_lists.screen_many(TEXTS, HS)
    # Missing codes are NaN or NA whatever the column's dtype.
    for dtype in [object, "string"]:
        hs = pd.Series(HS, dtype=dtype)
        assert fixture_lists.screen_many(df["text"], hs) == many


def test_screen_many_nan_means_no_hs_code(fixture_lists):
    many = fixture_lists.screen_many(TEXTS, [float("nan")] * len(TEXTS))
    assert many == fixture_lists.screen_many(TEXTS)


def test_screen_many_empty(fixture_lists):
    assert fixture_lists.screen_many([]) == []
    assert fixture_lists.screen_many([], hs_codes=[]) == []


def test_screen_many_refuses_a_single_str(fixture_lists):
    with pytest.raises(TypeError, match="texts must be an iterable of str"):
        fixture_lists.screen_many("thiodiglycol")
    with pytest.raises(TypeError, match="hs_codes must be an iterable"):
        fixture_lists.screen_many(["x"], hs_codes="2930")


def test_screen_many_refuses_non_iterable(fixture_lists):
    with pytest.raises(TypeError, match="not int"):
        fixture_lists.screen_many(5)


def test_screen_many_names_the_bad_text(fixture_lists):
    with pytest.raises(TypeError, match=r"texts\[2\] must be str, not float"):
        fixture_lists.screen_many(["a", "b", float("nan"), "d"])
    with pytest.raises(
        TypeError, match=r"texts\[0\] must be str, not NoneType"
    ):
        fixture_lists.screen_many([None])


def test_screen_many_names_the_bad_hs_code(fixture_lists):
    with pytest.raises(TypeError, match=r"hs_codes\[1\] must be str"):
        fixture_lists.screen_many(["a", "b"], hs_codes=["2930", 2930])


@pytest.mark.parametrize("n", [1, 3], ids=["shorter", "longer"])
def test_screen_many_length_mismatch(fixture_lists, n):
    with pytest.raises(
        ValueError, match=f"hs_codes has {n} items but texts has 2"
    ):
        fixture_lists.screen_many(["a", "b"], hs_codes=["2930"] * n)


def test_screen_many_none_means_no_hs_code(fixture_lists):
    [a, b] = fixture_lists.screen_many(["thiodiglycol"] * 2, [None, "2930.70"])
    assert a == fixture_lists.screen("thiodiglycol")
    assert b.hits[0].hs_match == "2930.70"


def test_screen_many_large_batch_keeps_order(fixture_lists):
    texts = [f"lot {i}: " + TEXTS[i % len(TEXTS)] for i in range(20_000)]
    many = fixture_lists.screen_many(texts)
    assert len(many) == len(texts)
    for i in range(0, len(texts), 997):
        assert many[i] == fixture_lists.screen(texts[i])


# Sharing between threads ------------------------------------------------


def test_threads_share_one_screener(fixture_lists):
    texts = TEXTS * 200
    want = [fixture_lists.screen(t).to_json() for t in texts]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        got = list(
            pool.map(lambda t: fixture_lists.screen(t).to_json(), texts)
        )
        batches = list(
            pool.map(lambda _: fixture_lists.screen_many(texts), range(4))
        )
    assert got == want
    for batch in batches:
        assert [r.to_json() for r in batch] == want


def test_screener_is_immutable(fixture_lists):
    with pytest.raises(AttributeError):
        fixture_lists.lists_hash = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        fixture_lists.anything = 1  # type: ignore[attr-defined]


# Pickling ----------------------------------------------------------------

PICKLED = {
    "embedded": lambda: dualuse.Screener(),
    "from_dir": lambda: dualuse.Screener.from_dir(OK),
    "from_terms": lambda: dualuse.Screener.from_terms({"W-1": ["acme rotor"]}),
    "options": lambda: dualuse.Screener.from_dir(
        OK, min_score=0.7, languages=["en"]
    ),
}


@pytest.mark.parametrize("make", PICKLED.values(), ids=PICKLED)
@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(make, protocol):
    s = make()
    t = pickle.loads(pickle.dumps(s, protocol=protocol))
    assert isinstance(t, dualuse.Screener)
    assert repr(t) == repr(s)
    assert t.lists_hash == s.lists_hash
    texts = TEXTS + ["acme rotor", "TDG drum"]
    assert [r.to_json() for r in t.screen_many(texts)] == [
        r.to_json() for r in s.screen_many(texts)
    ]


def test_pickle_keeps_options():
    s = dualuse.Screener.from_dir(OK, min_score=0.7, languages=["en"])
    t = pickle.loads(pickle.dumps(s))
    assert t.screen("TDG in 200 l drum").hits == []
    assert t.screen("硫二甘醇").hits == []


def test_unpickle_garbage():
    with pytest.raises(ValueError, match="cannot read a pickled screener"):
        dualuse.Screener._from_state("{}")


def test_copy_is_the_same_screener(fixture_lists):
    assert copy.copy(fixture_lists) is fixture_lists
    assert copy.deepcopy(fixture_lists) is fixture_lists


def _screen_in_worker(args):
    screener, text = args
    return screener.screen(text)


def test_multiprocessing_worker_receives_a_screener(fixture_lists):
    # "spawn" pickles the screener (as for Spark executors); a fresh
    # interpreter imports dualuse and rebuilds it.
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        got = list(
            pool.map(_screen_in_worker, [(fixture_lists, t) for t in TEXTS])
        )
    assert got == [fixture_lists.screen(t) for t in TEXTS]


def test_path_like_objects(tmp_path):
    # Any os.PathLike works, not only pathlib.
    class Where:
        def __fspath__(self):
            return str(OK)

    assert dualuse.Screener.from_dir(Where()).lists_hash == (
        dualuse.Screener.from_dir(Path(OK)).lists_hash
    )


def test_screen_many_reports_bad_rows_and_screens_the_rest(embedded):
    texts = ["Thiodiglycol 99%"] * 100_000
    bad = {7: None, 500: 42, 99_999: b"\xff\xfe not utf-8"}
    for i, v in bad.items():
        texts[i] = v
    texts[1000] = "硫二甘醇".encode()  # valid UTF-8 bytes are screened
    rs = embedded.screen_many(texts, errors="report")
    assert len(rs) == 100_000
    errors = [r for r in rs if isinstance(r, dualuse.RowError)]
    assert [e.index for e in errors] == [7, 500, 99_999]
    assert "NoneType" in errors[0].message
    assert "int" in errors[1].message
    assert "UTF-8" in errors[2].message
    assert not errors[0]
    good = [r for r in rs if r]
    assert len(good) == 100_000 - 3
    assert all(r.hits[0].entry_id == "1C350.1" for r in good)
    assert repr(errors[0]).startswith("RowError(index=7, message='texts[7]")


def test_results_are_not_tracked_by_gc(fixture_lists):
    # They hold no Python objects; tracked, a large batch spent more time
    # in the collector than in converting its results.
    [r, e] = fixture_lists.screen_many(["TDG", None], errors="report")
    assert not gc.is_tracked(r)
    assert not gc.is_tracked(e)
    assert not gc.is_tracked(fixture_lists.screen("TDG"))


def test_screen_many_errors_argument(embedded):
    with pytest.raises(ValueError, match="errors must be"):
        embedded.screen_many(["x"], errors="ignore")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        embedded.screen_many(["x", None])
