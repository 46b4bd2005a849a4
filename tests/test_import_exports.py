"""Every real export in /work/shared/benchmarks: record counts from SOURCES.md and spot checks.

The shared folder exists in CI but not for users: these tests skip without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewflow.importing import read_export

SHARED = Path("/work/shared/benchmarks")
EXPORTS = SHARED / "exports"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="/work/shared/benchmarks (real exports) is not on this machine")

# file -> (format, records) as listed in exports/SOURCES.md and dedup/SOURCES.md
COUNTS = {
    "ovid/asreview_ovid_psycinfo.ris": ("ris", 6),
    "ovid/synthesisr_Ovid_ris_example.ris": ("ris", 4),
    "ovid/citesource_wildfire_ovid_medline_84.ris": ("ris", 84),
    "ovid/mckeown_mir_ovid_multifile_3001_to_3130.ris": ("ris", 130),
    "pubmed/revtools_restoration_pubmed.nbib": ("pubmed", 104),
    "pubmed/synthesisr_PubMed_example.txt": ("pubmed", 3),
    "pubmed/asreview_pubmed_endnote.txt": ("ris", 6),
    "embase/asreview_embase.ris": ("ris", 6),
    "embase/asreview_embase.csv": ("csv", 6),
    "wos/revtools_restoration_WoS.ciw": ("wos", 247),
    "wos/synthesisr_WoS_ciw_example.ciw": ("wos", 5),
    "wos/synthesisr_WoS_txt_example.txt": ("wos", 4),
    "wos/synthesisr_zoorec.txt": ("wos", 134),
    "wos/rispy_example_wos.ris": ("wos", 2),
    "wos/asreview_web_of_science.txt": ("ris", 10),
    "wos/asysd_wos_test.ris": ("ris", 50),
    "scopus/revtools_restoration_scopus.ris": ("ris", 286),
    "scopus/synthesisr_extdata_scopus.ris": ("ris", 92),
    "scopus/synthesisr_Scopus_ris_example.ris": ("ris", 3),
    "scopus/synthesisr_Scopus_bib_example.bib": ("bibtex", 3),
    "scopus/asreview_scopus.ris": ("ris", 6),
    "scopus/asysd_scopus.ris": ("ris", 10),
    "ebsco/citesource_wildfire_envindex_100.ris": ("ris", 100),
    "ebsco/citesource_wildfire_econlit_3.ris": ("ris", 3),
    "ebsco/synthesisr_ASP_ris_example.ris": ("ris", 4),
    "proquest/asreview_proquest.ris": ("ris", 6),
    "dimensions/synthesisr_citesource_issue_24_dimensions.ris": ("ris", 17),
    "reference_managers/asysd_endnote_ris_export.txt": ("ris", 69),
    "reference_managers/asreview_ovid_zotero.ris": ("ris", 6),
    "reference_managers/asreview_pubmed_zotero.ris": ("ris", 6),
    "reference_managers/asreview-datatools_dataset_1.ris": ("ris", 6),
    "reference_managers/asreview-datatools_dataset_2.ris": ("ris", 8),
    "../dedup/respiratory/Respiratory_endnote_export.xml": ("endnote_xml", 1988),
    "../dedup/respiratory/records_pre_merged.csv": ("csv", 1988),
    "../dedup/cytology_screening/records_pre_merged.csv": ("csv", 1856),
    "../dedup/haematology/records_pre_merged.csv": ("csv", 1415),
    "../dedup/special_cases/records_pre_merged.csv": ("csv", 12),
    "../dedup/diabetes/asysd_labelled_test_set.csv": ("csv", 1845),
}


def read(name: str):
    return read_export(EXPORTS / name, id_prefix="t")


def test_every_export_file_is_listed():
    on_disk = {str(p.relative_to(EXPORTS)) for p in EXPORTS.glob("*/*")}
    assert on_disk <= set(COUNTS)


@pytest.mark.parametrize(("name", "fmt", "count"), [(n, f, c) for n, (f, c) in COUNTS.items()])
def test_record_count_and_format(name, fmt, count):
    result = read(name)
    assert (result.format, len(result.records)) == (fmt, count)
    assert [r.record_id for r in result.records] == [f"t-{n:05d}" for n in range(1, count + 1)] or fmt == "csv"
    lines = [r.source_line for r in result.records]
    assert lines == sorted(lines) and lines[0] >= 1


# file, record (0 first, -1 last): title starts with, first author, year, DOI (read by eye from the file)
SPOT = [
    ("ovid/asreview_ovid_psycinfo.ris", 0, "The influence of self-criticism", "Trindade, Ines A", "2019", "10.1002/cpp.2398"),
    ("ovid/mckeown_mir_ovid_multifile_3001_to_3130.ris", 0, "Substance abuse: Pharmacologic", "Taylor, Purcell Jr.", "1988", ""),
    ("ovid/mckeown_mir_ovid_multifile_3001_to_3130.ris", -1, "Recent progress in psychiatric chemotherapy.", "Deniker, Pierre", "1959", ""),
    ("ovid/synthesisr_Ovid_ris_example.ris", 0, "Detection of retention trees", "Holmstrom, E.", "2020", "10.4236/ojf.2020.101008"),
    ("ovid/citesource_wildfire_ovid_medline_84.ris", 0, "Short-Term Exposure to Wildfire", "Zhang, Yiwen", "2024", "10.2337/dc24-0703"),
    ("pubmed/revtools_restoration_pubmed.nbib", 0, "Ecosystem services changes between 2000 and 2015 in the Loess Plateau, China: A response", "Wu, Dan", "2019", "10.1371/journal.pone.0209483"),
    ("pubmed/synthesisr_PubMed_example.txt", 0, "Differences in nitrate and phosphorus export", "Neilen, Amanda D", "2017", "10.1016/j.scitotenv.2017.04.075"),
    ("pubmed/asreview_pubmed_endnote.txt", 0, "Boswellia serrata", "Abdel-Tawab, M.", "2011", "10.2165/11586800-000000000-00000"),
    ("embase/asreview_embase.ris", 0, "Duplication cysts", "Liu, R.", "2014", "10.4103/2303-9027.138783"),
    ("embase/asreview_embase.csv", 0, "Duplication cysts", "Liu, R.", "2014", "10.4103/2303-9027.138783"),
    ("embase/asreview_embase.csv", -1, "Completely Isolated Retroperitoneal", "Faraj, K.", "2017", "10.1089/cren.2017.0016"),
    ("wos/revtools_restoration_WoS.ciw", 0, "Do magnetic phosphorus adsorbents", "Alvarez-Manzaneda, I.", "2019", "10.1016/j.scitotenv.2018.11.375"),
    ("wos/revtools_restoration_WoS.ciw", -1, "SAR IMAGE RESTORATION VIA A NL APPROACH", "Ferraioli, Giampaolo", "2018", ""),
    ("wos/synthesisr_zoorec.txt", 0, "Nest site selection and nest survival", "Stillman, Andrew N.", "2019", ""),
    ("wos/rispy_example_wos.ris", 0, "Interactions stabilizing the structure", "Parkes-Loach, PS", "2004", "10.1021/bi049798f"),
    ("wos/asreview_web_of_science.txt", 0, "Holding Yourself Captive", "Alceste, F", "2018", "10.1016/j.jarmac.2018.03.001"),
    ("wos/asysd_wos_test.ris", 0, "Microangiography of the humeral condyle", "Larsen, LJ", "1999", ""),
    ("scopus/revtools_restoration_scopus.ris", -1, "Digital image restoration using NL means", "Lad, B.V.", "2019", "10.1007/978-3-030-00665-5_75"),
    ("scopus/synthesisr_Scopus_bib_example.bib", 0, "Soil fauna diversity", "Li, W.", "2020", "10.1080/20964129.2020.1722034"),
    ("scopus/synthesisr_Scopus_bib_example.bib", -1, "Application of Digital Processing", "Tang, H.", "2020", "10.1007/s11220-019-0265-8"),
    ("scopus/asysd_scopus.ris", 0, "Development and Validation of a Robust", "Furlanello, T.", "2025", "10.3390/ani15010003"),
    ("ebsco/citesource_wildfire_envindex_100.ris", 0, "Global plant responses to intensified fire regimes.", "Grau\u2010Andr\u00e9s, Roger", "2024", "10.1111/geb.13858"),
    ("ebsco/synthesisr_ASP_ris_example.ris", 0, "\u201cLiving on the edge\u201d", "Rodr\u00edguez-Pastor, Ruth", "2016", "10.1016/j.agee.2016.06.041"),
    ("ebsco/citesource_wildfire_econlit_3.ris", 0, "Spatial Dependence in Hedonic", "Mueller, Julie M.", "2008", ""),
    ("proquest/asreview_proquest.ris", 0, "Predictors of posttraumatic stress", "Jones, Hannah", "2019", "10.1002/jts.22387"),
    ("dimensions/synthesisr_citesource_issue_24_dimensions.ris", 0, "Effects of artificial light on bird movement", "Adams, Carrie Ann", "2021", "10.1186/s13750-021-00246-8"),
    ("reference_managers/asysd_endnote_ris_export.txt", -1, "The amyloid precursor protein: beyond amyloid", "Zheng, Hui", "2006", "10.1186/1750-1326-1-5"),
    ("reference_managers/asreview_pubmed_zotero.ris", 0, "The importance of cognitive flexibility", "Rudnik, Agata", "2019", "10.5114/pg.2018.81081"),
    ("reference_managers/asreview-datatools_dataset_1.ris", -1, "Epidemiology of osteoarthritis", "Saase, J. L. van", "1989", "10.1136/ard.48.4.271"),
    ("../dedup/respiratory/Respiratory_endnote_export.xml", 0, "Perioperative nutritional support", "Ziegler, T. R.", "1996", ""),
    ("../dedup/diabetes/asysd_labelled_test_set.csv", 0, "Intestinal lipoprotein overproduction", "Adeli, K.", "2008", "10.1097/mol.0b013e3282ffaf82"),
]


@pytest.mark.parametrize(("name", "index", "title", "author", "year", "doi"), SPOT)
def test_spot_check(name, index, title, author, year, doi):
    record = read(name).records[index]
    assert record.title.startswith(title)
    assert record.authors[0] == author
    assert (record.year, record.doi) == (year, doi)


def test_ovid_multifile_details():
    records = read("ovid/mckeown_mir_ovid_multifile_3001_to_3130.ris").records
    assert records[0].source_line == 2  # the line of TY, after Ovid's "3001." number
    doi = next(r.doi for r in records if "0376-8716" in r.doi)
    assert doi == "10.1016/0376-8716(76)90010-7"  # %28/%29 in Ovid's DOI URL decoded


def test_ovid_database_segments_are_one_database():
    dbs = {r.database for r in read("ovid/citesource_wildfire_ovid_medline_84.ris").records}
    assert "Ovid MEDLINE(R)" in dbs and not any("<" in d for d in dbs)


def test_pubmed_uses_full_author_names_and_every_author():
    record = read("pubmed/synthesisr_PubMed_example.txt").records[0]
    assert record.authors[0] == "Neilen, Amanda D" and record.pmid == "28441597"
    assert (record.pages_start, record.pages_end) == ("188", "197")


def test_respiratory_csv_keeps_its_ids():
    records = read("../dedup/respiratory/records_pre_merged.csv").records
    assert records[0].record_id == "id_0000001" and records[-1].record_id == "id_0001988"
