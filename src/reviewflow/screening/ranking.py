"""Ranking records for title/abstract screening: the records most likely to be relevant first.

Features are TF-IDF weights of a record's title and abstract (words, word pairs and, optionally,
character n-grams inside words), fitted on every record to rank (unsupervised: no label is used, so
fitting on all of them leaks nothing). A linear model trained on the decisions made so far (and on a
random sample of the unscreened records presumed irrelevant, ``presumed_irrelevant``) scores each
record. With ``blend`` (the default) a second model, reading character n-grams too and trained on the
decisions only (``character_view``), scores every record as well, and a record's score is the mean of
the two models' standardised scores. The ranking is by score, highest first, ties broken by record ID so
the order never depends on the input order or on chance (the sample is seeded).
Which model is the default, and why, is in docs/screening.md ("Prioritised screening").

Pure: texts and labels in, scores and orders out. Deterministic: fixed seeds, single-threaded fits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

from reviewflow.screening.criteria import MODELS, PRESUMED_IRRELEVANT_MAX, ModelSettings

def record_text(title: str, abstract: str) -> str:
    """What the model reads of a record: title (on one line) then abstract, on the next line ("" when
    both are empty). The line break is whitespace to the word and character features; it lets the
    title be read on its own (``title_of``)."""
    title, abstract = " ".join(title.split()), abstract.strip()
    return f"{title}\n{abstract}" if title or abstract else ""


def title_of(text: str) -> str:
    """The title of a ``record_text``."""
    return text.split("\n", 1)[0]


@dataclass(frozen=True)
class Features:
    """TF-IDF features of the records (one row per record): ``combined`` is what a model reads (its
    blocks side by side, row norm 1), ``characters`` the character block with ``settings.characters``;
    ``view``, with ``blend``, the features of the second model (``character_view``)."""

    combined: csr_matrix
    characters: csr_matrix | None = None
    view: Features | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.combined.shape


def features(texts: Sequence[str], settings: ModelSettings, counts: dict | None = None) -> Features:
    """TF-IDF features, one row per text: words and word sequences (``ngrams``) and, with ``characters``,
    character 3- to 5-grams inside words, each block with unit-length rows, the character block weighted
    ``character_weight`` times the word block (rows of the blocks together keep unit length).
    ``title_twice`` (the default) reads the title twice, before both blocks: a field boost. A benchmark
    candidate, ``title_weight`` > 0, adds a block of the title's words instead (docs/screening.md).

    Character n-grams let variants of one word share features ("nudge", "nudges", "nudging";
    "depression", "depressive"), so what the model learns from a few includes reaches records that
    use another form of the word. Sub-linear term frequency: a word repeated ten times in one abstract
    does not outweigh ten different topic words. Only features found in at least ``min_df`` records
    (default 1, all): a feature of one record carries nothing learned to another, but it takes its
    share of that record's unit length, so a record full of rare words weighs its shared words less.
    ``counts`` keeps the word counts of one call for the next (the two views of a blend count the same
    words: counted once, the weights are the same numbers)."""
    counts = {} if counts is None else counts
    if settings.blend:
        own = features(texts, replace(settings, blend=False), counts)
        return replace(own, view=features(texts, character_view(settings), counts))
    if settings.title_twice:
        texts = [f"{title_of(t)} {t}" for t in texts]
    boost = ("title_twice",) if settings.title_twice else ()
    words = _tfidf(texts, dict(ngram_range=(1, settings.ngrams)), settings.min_df, counts, boost)
    blocks = [(words, 1.0)]
    characters = None
    if settings.characters:
        characters = _tfidf(texts, dict(analyzer="char_wb", ngram_range=(3, 5)), settings.min_df, counts, boost)
        blocks.append((characters, settings.character_weight))
    if settings.title_weight > 0:
        titles = _tfidf([title_of(t) for t in texts], dict(ngram_range=(1, settings.ngrams)), settings.min_df,
                        counts, ("titles",))
        blocks.append((titles, settings.title_weight))
    if len(blocks) == 1:
        return Features(words)
    norm = np.sqrt(sum(w * w for _, w in blocks))
    return Features(hstack([b * (w / norm) for b, w in blocks]).tocsr(), characters)


def character_view(settings: ModelSettings) -> ModelSettings:
    """The second model of a blend: the same classifier and title boost, reading character 3- to 5-grams
    inside words besides the words and word pairs found in at least 2 records, trained on the decisions
    only. Why these: character n-grams let forms of one word share features, so this view finds the
    relevant records whose words the first view has only seen in another form; a word of one record adds
    nothing there that its n-grams do not. The presumed-irrelevant sample stays with the word model,
    where it brings early recall; in the character model it cost early recall on every seed half of the
    benchmark (docs/screening.md, "The model, chosen on evidence")."""
    return replace(settings, characters=True, min_df=max(2, settings.min_df), presumed_irrelevant=0.0,
                   blend=False, title_weight=0.0)


def _tfidf(texts: Sequence[str], options: dict, min_df: int, counts: dict, key: tuple = ()) -> csr_matrix:
    """One TF-IDF block (what TfidfVectorizer gives, from counts kept in ``counts`` under ``key`` and the
    options). When ``min_df`` leaves no feature at all (a handful of records with nothing in common)
    every feature is kept; texts with no feature at all give one all-zero column."""
    matrix = _counts(texts, options, counts, key)
    if matrix is None:
        return csr_matrix((len(texts), 1))
    in_records = np.bincount(matrix.indices, minlength=matrix.shape[1])
    for threshold in dict.fromkeys((min_df, 1)):
        kept = np.flatnonzero(in_records >= threshold)
        if kept.size:
            return TfidfTransformer(sublinear_tf=True).fit_transform(matrix[:, kept]).tocsr()
    return csr_matrix((len(texts), 1))


def _counts(texts: Sequence[str], options: dict, counts: dict, key: tuple) -> csr_matrix | None:
    """Term counts of the texts (features in alphabetical order, as TfidfVectorizer has them); None when
    the texts have no term at all."""
    key = (*key, *sorted(options.items()))
    if key not in counts:
        try:
            counts[key] = CountVectorizer(strip_accents="unicode", lowercase=True, dtype=np.float64,
                                          **options).fit_transform(texts).tocsr()
        except ValueError:  # empty vocabulary
            counts[key] = None
    return counts[key]


def scores(matrix: Features, labelled: Sequence[int], labels: Sequence[int], settings: ModelSettings,
           presumed: Sequence[int] = ()) -> np.ndarray:
    """Score of every row (higher: more likely relevant), from a model trained on the labelled rows and,
    labelled irrelevant, the ``presumed`` rows (``presumed_irrelevant``). Needs at least one label 1 and
    one label 0 (``can_train``)."""
    rows = np.asarray([*labelled, *presumed], dtype=np.int64)
    y = np.asarray([*labels, *[0] * len(presumed)], dtype=np.int64)
    own = linear_scores(matrix.combined, rows, y, settings)
    if not settings.blend or matrix.view is None:
        return own
    # The mean of standardised scores, not of raw ones: the two models' margins are on different scales,
    # and neither should outvote the other by its scale alone.
    decided = len(labelled)
    other = linear_scores(matrix.view.combined, rows[:decided], y[:decided], character_view(settings))
    return (standardised(own) + standardised(other)) / 2


def presumed_irrelevant(unscreened: Sequence[int], settings: ModelSettings, rng: np.random.Generator) -> list[int]:
    """A random sample of the unscreened rows to train on as irrelevant (Cormack & Grossman's AutoTAR):
    ``presumed_irrelevant`` of them, at least one, at most PRESUMED_IRRELEVANT_MAX; none when the share is 0.

    Why: most records of a search are irrelevant, so a random handful of the unscreened is a fair
    picture of "irrelevant", where the one or two excludes known early are a chance pick that the model
    would otherwise learn to avoid word for word. The few relevant records drawn by chance are pushed
    down for one training only: the next draws others. A share, not a fixed number, so that in a small
    set, or a late one with few records left, the sample stays a small part of what is left."""
    size = presumed_count(len(unscreened), settings)
    if not size:
        return []
    return sorted(int(r) for r in rng.choice(np.asarray(unscreened, dtype=np.int64), size=size, replace=False))


def presumed_count(unscreened: int, settings: ModelSettings) -> int:
    """How many of ``unscreened`` records a training presumes irrelevant (``presumed_irrelevant``)."""
    if settings.presumed_irrelevant <= 0 or not unscreened:
        return 0
    return min(PRESUMED_IRRELEVANT_MAX, max(1, int(settings.presumed_irrelevant * unscreened)), unscreened)


def standardised(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 0 else values - values.mean()


def linear_scores(matrix: csr_matrix, rows: np.ndarray, y: np.ndarray, settings: ModelSettings) -> np.ndarray:
    x = matrix[rows]
    # Both classes weigh the same in total: with a few includes among many excludes the includes would
    # otherwise barely move the model, and nothing would outrank the excludes' vocabulary.
    weight = class_weights(y, settings.include_weight)
    if settings.name == "naive_bayes":
        nb = MultinomialNB(alpha=settings.regularisation, fit_prior=False).fit(x, y, sample_weight=weight[y])
        return np.asarray(matrix @ (nb.feature_log_prob_[1] - nb.feature_log_prob_[0])).ravel()
    if settings.name not in MODELS:  # the config schema lists the same names: a bug, not bad input
        raise ValueError(f"unknown ranking model {settings.name!r}; one of {', '.join(MODELS)}")
    if settings.name == "svm":
        model = LinearSVC(C=settings.regularisation, class_weight=dict(enumerate(weight)), random_state=settings.seed)
    else:
        model = LogisticRegression(C=settings.regularisation, class_weight=dict(enumerate(weight)), solver="liblinear",
                                   random_state=settings.seed, max_iter=1000)
    model.fit(x, y)
    return np.asarray(matrix @ model.coef_.ravel() + model.intercept_[0]).ravel()


def class_weights(y: np.ndarray, include_weight: float = 1.0) -> np.ndarray:
    """Weight of one exclude (0) and one include (1), so that the includes together weigh
    ``include_weight`` times the excludes together; the samples' weights sum to their number."""
    counts = np.bincount(y, minlength=2).astype(np.float64)
    weight = np.array([1.0, include_weight]) / counts
    return weight * len(y) / (weight * counts).sum()


def can_train(labels: Sequence[int]) -> bool:
    return 0 in labels and 1 in labels


def ranked(candidates: Sequence[int], row_scores: np.ndarray, ids: Sequence[str]) -> list[int]:
    """Candidate rows, highest score first; equal scores in record-ID order."""
    return sorted(candidates, key=lambda i: (-float(row_scores[i]), ids[i]))


def random_order(ids: Sequence[str], seed: int) -> list[str]:
    """A seeded random order of IDs, independent of the order they come in (sorted first)."""
    ordered = sorted(ids)
    permutation = np.random.default_rng(seed).permutation(len(ordered))
    return [ordered[i] for i in permutation]


def rank_records(texts: Mapping[str, str], labels: Mapping[str, int], candidates: Sequence[str],
                 settings: ModelSettings, matrix: Callable[[], Features] | None = None) -> tuple[list[str], bool]:
    """``candidates`` (IDs of ``texts``), most likely relevant first, by a model trained on ``labels``
    (ID -> 1 relevant / 0 irrelevant); and whether a model ranked them (False: a seeded random order,
    because the labels hold no relevant or no irrelevant record yet). ``matrix`` gives the features of
    ``texts`` in ID order when they are already computed (several reviewers, one set of records)."""
    if not candidates or not can_train(list(labels.values())):
        return random_order(candidates, settings.seed), False
    ids = sorted(texts)
    row = {i: n for n, i in enumerate(ids)}
    known = sorted(labels)
    matrix = matrix() if matrix else features([texts[i] for i in ids], settings)
    unscreened = sorted(row[i] for i in candidates if i not in labels)
    presumed = presumed_irrelevant(unscreened, settings, np.random.default_rng(settings.seed))
    row_scores = scores(matrix, [row[i] for i in known], [labels[i] for i in known], settings, presumed)
    return [ids[n] for n in ranked([row[i] for i in candidates], row_scores, ids)], True
