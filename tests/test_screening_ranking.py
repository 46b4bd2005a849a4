"""Prioritised screening: the ranking model, worksheet order and its blinding, ``reviewflow screen
simulate`` and its bad input, the simulation figures and the stopping estimate."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reviewflow.cli import main as cli_main
from reviewflow.errors import ReviewflowError
from reviewflow.screening.criteria import ModelSettings, settings_from_config
from reviewflow.screening.decisions import Call, Outcome
from reviewflow.screening.inputs import UniqueRecord
from reviewflow.screening.labelled import read_labelled
from reviewflow.screening.priority import rank_reviewer, training_labels
from reviewflow.screening.ranking import rank_records, random_order
from reviewflow.screening.recall import figures
from reviewflow.screening.simulate import draw_priors, simulate
from reviewflow.screening.stages import StageResult
from reviewflow.screening.stopping import estimate, p_value

from conftest import shared_path

TOPIC = "integrated budget health social care pooled fund"
OFF = "children dental payment clinic"
TEXTS = {f"r{n:02d}": (f"{TOPIC} study {n}" if n % 3 == 0 else f"{OFF} report {n}") for n in range(30)}


def test_the_model_puts_records_like_the_includes_first():
    labels = {"r00": 1, "r01": 0}
    order, by_model = rank_records(TEXTS, labels, sorted(set(TEXTS) - set(labels)), ModelSettings())
    assert by_model
    relevant = {i for i in TEXTS if "budget" in TEXTS[i]} - {"r00"}
    assert set(order[:len(relevant)]) == relevant


@pytest.mark.parametrize("labels", [{}, {"r00": 1, "r03": 1}, {"r01": 0}])
def test_without_an_include_and_an_exclude_the_order_is_seeded_random(labels):
    candidates = sorted(set(TEXTS) - set(labels))
    order, by_model = rank_records(TEXTS, labels, candidates, ModelSettings(seed=3))
    assert not by_model
    assert order == random_order(candidates, 3) == random_order(list(reversed(candidates)), 3)
    assert order != random_order(candidates, 4) and sorted(order) == candidates


def _stage(calls: dict[str, dict[str, str]], awaiting: dict[str, list[str]]) -> StageResult:
    result = StageResult("title_abstract")
    for unit in TEXTS:
        result.calls[unit] = {who: Call(who, d, (), "", (unit,)) for who, d in calls.get(unit, {}).items()}
        result.outcomes[unit] = Outcome(unit, "pending")
    result.awaiting = awaiting
    return result


RECORDS = {u: UniqueRecord(u, (u,), ("database",), title=t) for u, t in TEXTS.items()}
SETTINGS = settings_from_config({"screening": {}})


def test_a_reviewers_order_never_learns_from_the_other_reviewers_decisions():
    mine = {"r00": {"reviewer_b": "include"}, "r01": {"reviewer_b": "exclude"}}
    open_for_b = sorted(set(TEXTS) - set(mine))
    # reviewer A decided many of B's open records: relevant ones excluded, irrelevant ones included
    a_calls = {u: {"reviewer_a": "exclude" if "budget" in TEXTS[u] else "include"} for u in open_for_b[:20]}
    alone = rank_reviewer(_stage(mine, {"reviewer_b": open_for_b}), "reviewer_b", RECORDS, SETTINGS)
    with_a = rank_reviewer(_stage({**a_calls, **mine}, {"reviewer_b": open_for_b}), "reviewer_b", RECORDS, SETTINGS)
    assert alone == with_a
    # the test can fail: learning from A's calls would change B's order
    leaked = {**training_labels(_stage(mine, {}), "reviewer_b"),
              **{u: 1 if c["reviewer_a"] == "include" else 0 for u, c in a_calls.items()}}
    order, _ = rank_records({u: r.title for u, r in RECORDS.items()}, leaked, open_for_b, SETTINGS.model)
    assert tuple(order) != alone.order


def test_consensus_decisions_teach_both_reviewers_and_override_their_own():
    calls = {"r00": {"reviewer_b": "exclude", "consensus": "include"}, "r01": {"reviewer_a": "exclude",
                                                                          "consensus": "exclude"},
             "r02": {"reviewer_b": "unsure"}}
    assert training_labels(_stage(calls, {}), "reviewer_b") == {"r00": 1, "r01": 0}


def write_labelled(path: Path, rows: list[tuple[str, str, str, str]], label: str = "label_included") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "title", "abstract", label])
        writer.writerows(rows)
    return path


def small_set(tmp_path: Path) -> Path:
    return write_labelled(tmp_path / "set.csv", [(i, t, "", "1" if "budget" in t else "0") for i, t in TEXTS.items()])


def test_simulate_lists_every_record_once_priors_first_and_is_repeatable(tmp_path, capsys):
    path = small_set(tmp_path)
    assert cli_main(["screen", "simulate", str(path), "-o", str(tmp_path / "a.csv"), "--seed", "2"]) == 0
    assert cli_main(["screen", "simulate", str(path), "-o", str(tmp_path / "b.csv"), "--seed", "2"]) == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    with open(tmp_path / "a.csv", encoding="utf-8") as handle:
        order = [row["record_id"] for row in csv.DictReader(handle)]
    assert sorted(order) == sorted(TEXTS)
    data = read_labelled(path)
    relevant, irrelevant = draw_priors(data.labels, data.ids, 2)
    assert order[:2] == [data.ids[relevant], data.ids[irrelevant]]
    assert figures([1 if "budget" in TEXTS[i] else 0 for i in order]).last_relevant == pytest.approx(11 / 30)


@pytest.mark.parametrize("rows, label, message", [
    ([("1", "a", "", "1"), ("2", "b", "", "0")], "label_abstract", "no column label_abstract"),
    ([("1", "a", "", "1"), ("2", "b", "", "yes")], "label_included", "label 'yes' is not 0 or 1"),
    ([("1", "a", "", "1"), ("2", "b", "", "")], "label_included", "label '' is not 0 or 1"),
    ([("1", "a", "", "0"), ("2", "b", "", "0")], "label_included", "every record is labelled irrelevant (0)"),
    ([("1", "a", "", "1"), ("1", "b", "", "0")], "label_included",
     "row 3, column 'record_id': record_id 1 also in row 2"),
])
def test_bad_labelled_files_are_clear_errors(tmp_path, capsys, rows, label, message):
    path = write_labelled(tmp_path / "bad.csv", rows, "label_included")
    code = cli_main(["screen", "simulate", str(path), "-o", str(tmp_path / "o.csv"), "--label", label])
    err = capsys.readouterr().err
    assert code == 2 and message in err and str(path) in err and "fix:" in err and "Traceback" not in err
    assert not (tmp_path / "o.csv").exists()


def test_a_prior_with_the_wrong_label_names_its_spreadsheet_row(tmp_path, capsys):
    path = write_labelled(tmp_path / "set.csv", [("a", "x", "", "1"), ("b", "y", "", "0"), ("c", "z", "", "1")])
    code = cli_main(["screen", "simulate", str(path), "-o", str(tmp_path / "o.csv"), "--prior", "c", "c"])
    assert code == 2 and "set.csv, row 4: --prior c is labelled 1, not 0" in capsys.readouterr().err  # header = 1


def test_records_with_neither_title_nor_abstract_are_ranked_and_reported(tmp_path, capsys):
    rows = [(i, t, "", "1" if "budget" in t else "0") for i, t in TEXTS.items()] + [("empty", "", "", "0")]
    path = write_labelled(tmp_path / "set.csv", rows)
    assert cli_main(["screen", "simulate", str(path), "-o", str(tmp_path / "o.csv")]) == 0
    assert "1 record(s) with neither title nor abstract" in capsys.readouterr().out
    assert len(simulate(read_labelled(path), ModelSettings()).order) == 31


def test_figures_of_a_known_order():
    order = [1, 0, 1, 0, 0, 0, 0, 0, 0, 1] * 2  # 20 records, 6 relevant
    f = figures(order)
    assert (f.recall_10, f.recall_25) == (pytest.approx(1 / 6), pytest.approx(2 / 6))
    assert f.wss_95 == pytest.approx(1 - 20 / 20 - 0.05)  # 95% of 6 -> all 6: the 20th record
    assert f.last_relevant == 1.0


def test_stopping_estimate_follows_the_hypergeometric_test():
    # 200 screened in priority order, 20 relevant all early, then 150 irrelevant in a row; 1000 unscreened
    sequence = [1] * 20 + [0] * 30 + [0] * 150
    e = estimate(sequence, unscreened=1000)
    assert not e.target_reached and e.p_value == p_value(sequence, 1000, 2)  # 2 = floor(20 / .95) + 1 - 20
    # under "2 remain" (recall 20/22 < 95%), 150 irrelevant in a row from 1150 records holding 2 is likely
    assert p_value(sequence, 1000, 2) > 0.05
    # 20 remaining among 1150 would have shown in 150 draws: rejected; the bound lies between
    assert p_value(sequence, 1000, 20) < 0.05
    assert 2 <= e.remaining_upper < 20
    assert estimate(sequence, unscreened=0).remaining_upper == 0
    # 980 irrelevant in a row, 200 left: one remaining escapes them with p = 200/1180 (not rejected), two
    # with p = C(200,2)/C(1180,2) = 0.029 (rejected): recall 95% is shown, and at most 1 remains
    longer = estimate(sequence + [0] * 800, unscreened=200)
    assert longer.p_value == pytest.approx(200 * 199 / (1180 * 1179))
    assert longer.target_reached and longer.remaining_upper == 1


@pytest.mark.shared
def test_ranking_beats_random_screening_on_a_labelled_set():
    data = read_labelled(shared_path("benchmarks", "screening", "cohen_2006_nsaids.csv"))
    f = figures(list(simulate(data, ModelSettings()).labels))
    assert f.wss_95 > 0.3 and f.recall_25 > 0.6  # random screening: WSS 0, recall@25% about 0.25


def test_model_settings_come_from_config_with_the_benchmarked_defaults():
    import yaml

    from reviewflow.validation import validate_config

    def config(**screening) -> dict:
        cfg = yaml.safe_load((Path(__file__).parent / "fixtures/screening/config.yaml").read_text(encoding="utf-8"))
        cfg["screening"].update(screening)
        validate_config(cfg)
        return cfg

    model = settings_from_config(config(model={"name": "naive_bayes", "regularisation": 3.8})).model
    assert (model.name, model.regularisation, model.ngrams, model.min_df) == ("naive_bayes", 3.8, 2, 1)
    defaults = settings_from_config(config())
    assert defaults.model == ModelSettings() and defaults.prioritise  # schema defaults = dataclass defaults
    with pytest.raises(ReviewflowError):
        config(model={"name": "bert"})


def test_the_record_text_keeps_the_title_apart_and_the_features_unchanged():
    from reviewflow.screening.ranking import features, record_text, title_of

    text = record_text("  Pooled\n budgets ", " Health and social care. ")
    assert title_of(text) == "Pooled budgets" and record_text("", "") == "" and title_of(record_text("", "x")) == ""
    # The line break is whitespace to both feature kinds: the same features as title and abstract on one line.
    settings = ModelSettings(min_df=1, characters=True, title_twice=False)
    one_line = features(["Pooled budgets Health and social care.", "budgets of care homes"], settings)
    two_lines = features([text, record_text("budgets", "of care homes")], settings)
    assert (one_line.combined != two_lines.combined).nnz == 0


@pytest.mark.parametrize("candidate", [dict(title_weight=1.0), dict(title_twice=True), dict(blend=True),
                                       dict(character_weight=0.5), dict(presumed_irrelevant=0.5),
                                       dict(characters=False, title_twice=True, presumed_irrelevant=0.1)])
def test_benchmark_candidates_rank_like_records_first_and_repeatably(candidate):
    labels = {"r00": 1, "r01": 0}
    candidates = sorted(set(TEXTS) - set(labels))
    order, _ = rank_records(TEXTS, labels, candidates, ModelSettings(**candidate))
    relevant = {i for i in TEXTS if "budget" in TEXTS[i]} - {"r00"}
    assert set(order[:len(relevant)]) == relevant
    assert order == rank_records(TEXTS, labels, list(reversed(candidates)), ModelSettings(**candidate))[0]


def test_the_presumed_irrelevant_sample_is_a_share_of_the_unscreened_at_least_one_at_most_100():
    import numpy as np

    from reviewflow.screening.ranking import presumed_irrelevant

    def draw(unscreened, share, seed=0):
        return presumed_irrelevant(unscreened, ModelSettings(presumed_irrelevant=share), np.random.default_rng(seed))

    assert draw(range(50), 0.0) == [] and draw([], 0.1) == []
    assert len(draw(range(5), 0.1)) == 1 and len(draw(range(300), 0.1)) == 30 and len(draw(range(5000), 0.1)) == 100
    sample = draw(range(0, 600, 2), 0.1)
    assert set(sample) <= set(range(0, 600, 2)) and len(set(sample)) == len(sample) == 30
    assert sample == draw(range(0, 600, 2), 0.1) and sample != draw(range(0, 600, 2), 0.1, seed=1)


def test_presumed_irrelevant_records_are_drawn_from_the_reviewers_own_unscreened_records(monkeypatch):
    """Never from records the reviewer decided (they teach with their own label), and the same draw
    whatever the other reviewer decided: blinding holds with the sample too."""
    from reviewflow.screening import ranking

    drawn = []
    original = ranking.presumed_irrelevant
    monkeypatch.setattr(ranking, "presumed_irrelevant", lambda rows, s, rng: drawn.append(list(rows)) or original(rows, s, rng))
    settings = ModelSettings(presumed_irrelevant=0.5)
    labels = {"r00": 1, "r01": 0, "r02": 0}
    candidates = sorted(set(TEXTS) - set(labels))
    order, _ = ranking.rank_records(TEXTS, labels, candidates, settings)
    ids = sorted(TEXTS)
    assert {ids[r] for r in drawn[0]} == set(candidates)
    assert order == ranking.rank_records(TEXTS, labels, list(reversed(candidates)), settings)[0]
    mine = {"r00": {"reviewer_b": "include"}, "r01": {"reviewer_b": "exclude"}}
    open_for_b = sorted(set(TEXTS) - set(mine))
    a_calls = {u: {"reviewer_a": "exclude" if "budget" in TEXTS[u] else "include"} for u in open_for_b[:20]}
    with_settings = settings_from_config({"screening": {"model": {"presumed_irrelevant": 0.5}}})
    alone = rank_reviewer(_stage(mine, {"reviewer_b": open_for_b}), "reviewer_b", RECORDS, with_settings)
    with_a = rank_reviewer(_stage({**a_calls, **mine}, {"reviewer_b": open_for_b}), "reviewer_b", RECORDS, with_settings)
    assert alone == with_a


def test_a_simulation_with_presumed_irrelevant_records_lists_every_record_once(tmp_path):
    data = read_labelled(small_set(tmp_path))
    result = simulate(data, ModelSettings(characters=False, title_twice=True, presumed_irrelevant=0.1))
    assert sorted(result.order) == sorted(data.ids) and result.order[:2] == result.priors
    assert result == simulate(data, ModelSettings(characters=False, title_twice=True, presumed_irrelevant=0.1))


def load_bench(monkeypatch):
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_screening.py"
    spec = importlib.util.spec_from_file_location("bench_screening", path)
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_screening", bench)  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


def test_the_default_model_is_the_benchmarks_chosen_candidate(monkeypatch):
    """docs/screening.md's table names the default by its benchmark candidate: they must not drift apart."""
    bench = load_bench(monkeypatch)
    assert bench.VARIANTS["blend_words_chars"][0] == ModelSettings()
    assert "blend_words_chars" in (Path(__file__).resolve().parents[1] / "docs" / "screening.md").read_text(encoding="utf-8")


def test_the_benchmark_calls_a_set_difference_real_only_beyond_two_standard_errors(monkeypatch):
    """A set's WSS@95 difference is "higher"/"lower" only when it is at least twice its standard error
    over the seeds; a few thousandths that change sign with the seed are "within noise"."""
    from reviewflow.screening.recall import Figures

    bench = load_bench(monkeypatch)

    def run(tool, wss):
        return bench.Run(tool, Figures(100, 10, 0.5, 0.8, wss, 0.9), 1.0)

    differences = {"steady": [0.05, 0.06, 0.04], "noisy": [0.004, -0.003, 0.002], "worse": [-0.03, -0.02, -0.04]}
    results = {(name, seed): [run("model", 0.5 + d), run("asreview", 0.5)]
               for name, diffs in differences.items() for seed, d in enumerate(diffs)}
    lines = bench.paired(results, "model", "asreview")
    verdict = {line.split(" | ")[0].strip("| "): line.rsplit(" | ", 1)[1].strip(" |") for line in lines[2:-1]}
    assert verdict == {"noisy": "within noise", "steady": "higher", "worse": "lower"}
    assert lines[-1].endswith("1 higher, 1 within noise, 1 lower")
    assert "2 / 0 / 1" in next(line for line in lines if line.startswith("| noisy"))


def test_the_blend_is_the_mean_of_two_standardised_models_and_the_sample_trains_only_the_word_model(tmp_path):
    """The default ranks by the mean of the word model's and the character model's standardised scores;
    the presumed-irrelevant rows teach the word model only (ranking.character_view)."""
    import numpy as np

    from reviewflow.screening import ranking

    data = read_labelled(small_set(tmp_path))
    settings = ModelSettings()
    assert settings.blend
    view = ranking.character_view(settings)
    assert (view.characters, view.min_df, view.presumed_irrelevant, view.blend) == (True, 2, 0.0, False)
    matrix = ranking.features(data.texts, settings)
    assert matrix.view is not None and matrix.view.characters is not None and matrix.characters is None
    labelled, labels = [0, 1, 2, 3], [data.labels[i] for i in range(4)]
    assert ranking.can_train(labels)
    presumed = [10, 11, 12]

    def alone(m, model, rows, y):
        return ranking.standardised(ranking.linear_scores(m.combined, np.asarray(rows), np.asarray(y), model))

    word = alone(matrix, settings, labelled + presumed, labels + [0, 0, 0])
    character = alone(matrix.view, view, labelled, labels)
    blended = ranking.scores(matrix, labelled, labels, settings, presumed)
    assert np.allclose(blended, (word + character) / 2)
    other_sample = ranking.scores(matrix, labelled, labels, settings, [13, 14, 15])
    word_other = alone(matrix, settings, labelled + [13, 14, 15], labels + [0, 0, 0])
    assert np.allclose(other_sample, (word_other + character) / 2) and not np.allclose(other_sample, blended)
    single = ModelSettings(blend=False)
    assert ranking.features(data.texts, single).view is None
    assert np.allclose(ranking.scores(ranking.features(data.texts, single), labelled, labels, single, presumed),
                       ranking.linear_scores(matrix.combined, np.asarray(labelled + presumed),
                                             np.asarray(labels + [0, 0, 0]), single))
    assert settings_from_config({"screening": {"model": {"blend": False}}}).model.blend is False


@pytest.mark.parametrize("options, min_df", [(dict(ngram_range=(1, 2)), 1), (dict(ngram_range=(1, 2)), 2),
                                             (dict(analyzer="char_wb", ngram_range=(3, 5)), 2),
                                             (dict(ngram_range=(1, 2)), 99)])
def test_weights_from_shared_counts_are_tfidfvectorizers_numbers(tmp_path, options, min_df):
    """The blend's views share one count of the words: the weights must be exactly what TfidfVectorizer
    gives for the same options (min_df 99, more than the records: every feature kept, as before)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from reviewflow.screening import ranking

    texts = read_labelled(small_set(tmp_path)).texts
    counts: dict = {}
    ours = ranking._tfidf(texts, options, 1, counts)  # fills the shared counts
    ours = ranking._tfidf(texts, options, min_df, counts)
    threshold = min_df if min_df <= 2 else 1
    theirs = TfidfVectorizer(sublinear_tf=True, min_df=threshold, strip_accents="unicode", lowercase=True,
                             dtype=np.float64, **options).fit_transform(texts).tocsr()
    assert ours.shape == theirs.shape and len(counts) == 1
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
