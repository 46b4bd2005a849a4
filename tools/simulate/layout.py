"""Where the simulated exports go: the search rounds and one export file per source and round.

Data, not code: the writers, file names and PRISMA names of the eight databases of the paper's
Appendix 1 plus the two "other methods" (websites, reference lists). ``config_rounds`` renders
the ``rounds:`` section of config/config.yaml from this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Round:
    id: str
    label: str
    date: str
    all_years: bool  # False: the search was limited to 1999 onwards


ROUNDS: tuple[Round, ...] = (
    Round("2009-10", "October 2009 searches", "2009-10", all_years=False),
    Round("2012-07", "July 2012 update (all publication years)", "2012-07", all_years=True),
    Round("2013-02", "February 2013 update (1999 onwards)", "2013-02", all_years=False),
)
ROUND_IDS = tuple(r.id for r in ROUNDS)


@dataclass(frozen=True)
class Source:
    key: str  # short name used in the generator
    database: str  # as the PRISMA diagram names it
    platform: str
    writer: str  # a function name in writers.WRITERS
    file_name: str  # inside the round folder; "simulated" in every name (see data/raw/README.md)
    method: str = "database"


SOURCES: tuple[Source, ...] = (
    Source("medline", "MEDLINE", "Ovid", "ovid_ris", "medline_ovid_simulated.ris"),
    Source("hmic", "HMIC", "Ovid", "ovid_ris", "hmic_ovid_simulated.ris"),
    Source("assia", "ASSIA", "ProQuest", "proquest_ris", "assia_proquest_simulated.ris"),
    Source("ssa", "Social Services Abstracts", "ProQuest", "proquest_ris",
           "social_services_abstracts_proquest_simulated.ris"),
    Source("econlit", "EconLit", "EBSCOhost", "ebsco_ris", "econlit_ebscohost_simulated.ris"),
    Source("cpci", "Conference Proceedings Citation Index", "Web of Science", "wos_tagged",
           "cpci_wos_simulated.txt"),
    Source("zetoc", "Zetoc", "British Library Zetoc", "zetoc_bibtex", "zetoc_simulated.bib"),
    Source("theses", "Index to Theses", "Expert Information", "theses_ris", "index_to_theses_simulated.ris"),
    Source("websites", "Websites", "", "websites_csv", "websites_simulated.csv", method="website"),
    Source("reflists", "Reference lists", "EndNote", "endnote_ris", "reference_lists_simulated.ris",
           method="citation_search"),
)
SOURCE = {s.key: s for s in SOURCES}
DATABASES = tuple(s.key for s in SOURCES if s.method == "database")


def file_order(round_id: str, keys: set[str]) -> list[Source]:
    """The sources present in a round, in review order (file names sorted, as the importer does)."""
    return sorted((SOURCE[k] for k in keys), key=lambda s: s.file_name)


def config_rounds(present: dict[str, set[str]]) -> str:
    """The ``rounds:`` section of config/config.yaml for the files that exist in each round."""
    lines = ["rounds:"]
    for rnd in ROUNDS:
        lines += [f'  - id: "{rnd.id}"', f'    label: "{rnd.label}"', f'    date: "{rnd.date}"',
                  f"    folder: data/raw/{rnd.id}", "    sources:"]
        for src in file_order(rnd.id, present.get(rnd.id, set())):
            platform = f', platform: "{src.platform}"' if src.platform else ""
            lines.append(f'      {src.file_name}: {{database: "{src.database}"{platform}, method: {src.method}}}')
    return "\n".join(lines) + "\n"
