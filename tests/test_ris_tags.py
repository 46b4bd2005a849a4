"""The RIS tag table (importing.ris_tags) is what the reader reads and the writer writes."""

from __future__ import annotations

import rispy

from reviewflow.importing.ris import read_ris
from reviewflow.importing.ris_tags import EXTRA_TAGS, FIELD_TAGS, FIELDS, KNOWN_TAGS, TAG_KEYS


def test_every_tag_of_the_table_is_known():
    assert {tag for tags in FIELD_TAGS.values() for tag in tags} <= KNOWN_TAGS


def test_extra_tags_add_to_rispy_and_change_none_of_its_names():
    assert not set(EXTRA_TAGS) & set(rispy.TAG_KEY_MAPPING)
    assert {tag: TAG_KEYS[tag] for tag in rispy.TAG_KEY_MAPPING} == dict(rispy.TAG_KEY_MAPPING)


def test_writer_keys_name_the_same_tags():
    for field, keys in FIELDS.items():
        assert keys == tuple(TAG_KEYS[tag] for tag in FIELD_TAGS[field])


def test_first_tag_of_the_table_wins():
    text = "TY  - JOUR\nTI  - second choice\nT1  - first choice\nJO  - J Three\nJF  - J One\nER  - \n"
    (entry,), _ = read_ris(text, "x.ris")
    assert entry.first("title") == "first choice"
    assert entry.first("journal") == "J One"
