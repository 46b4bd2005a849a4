"""Simulated records: what the searches also found. Plausible health and social care titles that
a search on pooled budgets, joint commissioning and integrated funding would retrieve, each written
to meet one screening outcome (its ``theme``: the criterion code that excludes it).

Every simulated item says so: its abstract ends with ``SIMULATED_MARK``, it carries the keyword
``simulated``, and the writers add the note ``SIMULATED_NOTE`` wherever the format has a note field.
"""

from __future__ import annotations

import random
import re

from rapidfuzz import fuzz, process

from tools.simulate.items import BORDERLINE, OFFTOPIC, Author, Item
from tools.simulate.journals import JOURNALS, Journal

SIMULATED_NOTE = "SIMULATED record (reviewflow worked example)"
SIMULATED_KEYWORD = "simulated"
SIMULATED_MARK = "[SIMULATED record: reviewflow worked example]"
SIM_DOI_PREFIX = "10.5555/rf-sim"  # 10.5555 is Crossref's test prefix: never a real article

GROUPS = ("older people", "frail older people", "people with dementia", "adults with learning disabilities",
          "people with severe mental illness", "stroke survivors", "people with COPD", "unpaid carers",
          "homeless adults", "people with long-term conditions", "adults with physical disabilities",
          "people who misuse drugs", "people at the end of life", "older people with depression",
          "people with multiple sclerosis", "adults with autism")
SERVICES = ("intermediate care", "hospital discharge", "home care", "reablement", "community equipment services",
            "day care", "respite care", "care homes", "falls prevention", "telecare", "palliative care",
            "rehabilitation", "crisis resolution", "supported housing", "continence services", "carers' breaks")
PLACES = ("Birmingham", "Liverpool", "Nottinghamshire", "Somerset", "Cumbria", "Tower Hamlets", "Oxfordshire",
          "Aberdeen", "Swansea", "Derry", "Alberta", "British Columbia", "Queensland", "Tasmania", "Minnesota",
          "California", "Texas", "Scotland", "Wales", "Northern Ireland", "Flanders", "Bavaria", "Tuscany",
          "Cornwall", "Leeds", "Salford", "Kent", "North Yorkshire", "Bradford", "Dorset", "Sunderland",
          "Camden", "Wiltshire", "Lancashire", "Devon", "Hull", "Newham", "Croydon", "Norfolk", "Fife",
          "Lothian", "Tayside", "Gwent", "Powys", "Belfast", "Ontario", "Quebec", "Victoria", "New Zealand",
          "Denmark", "the Netherlands", "Germany", "Norway", "Finland", "Massachusetts", "Oregon", "Wisconsin",
          "Manitoba", "Catalonia", "Ireland", "Sweden", "Western Australia", "Israel")
COUNTRIES = ("Ghana", "rural Tanzania", "Bangladesh", "Malawi", "Uganda", "Nepal", "Kenya", "Rwanda",
             "Burkina Faso", "Cambodia", "Nigeria", "Zambia", "Ethiopia", "Mozambique", "Laos", "Senegal")
CONDITIONS = ("type 2 diabetes", "heart failure", "COPD", "hip fracture", "stroke", "depression", "asthma",
              "hypertension", "chronic kidney disease", "osteoarthritis", "schizophrenia", "breast cancer",
              "colorectal cancer", "atrial fibrillation", "Parkinson's disease", "dementia")
CLINICAL = ("statin therapy", "insulin pump therapy", "hip replacement", "cataract surgery", "pulmonary rehabilitation",
            "cognitive behavioural therapy", "anticoagulation clinics", "home oxygen", "cardiac rehabilitation",
            "bariatric surgery", "dialysis", "physiotherapy", "school nursing", "hearing aids", "wound care",
            "smoking cessation")
DESIGNS = ("a qualitative study", "a systematic review", "a cross-sectional survey", "a cohort study",
           "a randomised controlled trial", "a case study", "an economic evaluation", "a national survey",
           "a mixed-methods evaluation", "an interrupted time series analysis", "a retrospective analysis",
           "a realist evaluation", "a Delphi study", "a discrete choice experiment", "a policy analysis",
           "findings from a pilot")

# theme -> title templates. {design} is left out of the uniqueness key, so two titles always
# differ in at least one content slot.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "I1": ("Budget impact of {clinical} for {condition}: {design}",
           "Nurse-led {clinical} for {group} in {place}",
           "Outcomes of {clinical} among {group} with {condition}",
           "Predictors of readmission after {condition} in {place}: {design}",
           "Waiting times for {clinical} in {place}",
           "Patient experience of {clinical}: {design}",
           "What does {condition} cost? Evidence from {place}",
           "Prevalence of {condition} among {group} in {place}",
           "Workforce planning for {clinical} services in {place}",
           "Telehealth monitoring of {condition} in {place}: {design}",
           "Quality indicators for {condition} care: {design}",
           "Inequalities in access to {clinical} in {place}",
           "Medication adherence in {condition} among {group}",
           "Training needs of staff delivering {clinical} in {place}",
           "Carers' views of {service} for people with {condition}",
           "Partnership working between nurses and pharmacists in {condition} care: {design}",
           "Care packages after discharge for {condition} in {place}: {design}",
           "Shared decision making about {clinical} in {place}: {design}",
           "Funding of {clinical} for people with {condition}: {design}",
           "Joint clinics for {condition} and {clinical}: {design}"),
    "E5": ("Integrated funding of primary and secondary care for {condition} in {place}: {design}",
           "Bundled payments for {condition} episodes in {place}: {design}",
           "A single budget for hospital and community health services for {condition}: {design}",
           "Joint commissioning of {clinical} across hospital trusts in {place}: {design}",
           "Shared financing of {condition} care pathways between GPs and hospitals: {design}"),
    "E2": ("Capitation payment and the management of {condition} in general practice in {place}: {design}",
           "Pay for performance and {clinical}: {design}",
           "Fee-for-service versus capitation for {clinical} in {place}: {design}",
           "Physician payment reform and {condition} outcomes in {place}: {design}"),
    "E3": ("Personal budgets for {group} in {place}: {design}",
           "Direct payments and choice for {group}: {design}",
           "Individual budgets and {service} for {group}: {design}"),
    "E4": ("Joint commissioning of services for disabled children in {place}: {design}",
           "Pooled budgets in children's {service} in {place}: {design}",
           "Integrated children's services and {condition} in {place}: {design}"),
    "E1": ("Integrated financing of {clinical} in {country}: {design}",
           "Community health insurance and {condition} care in {country}: {design}",
           "Pooled donor funding for {condition} services in {country}: {design}"),
    "E6": ("Pooled budgets between housing and social services for {group} in {place}: {design}",
           "Joint funding of {service} across local authorities in {place}: {design}",
           "Sharing the cost of {service} between councils in {place}: {design}"),
    "E8": ("Joint commissioning of {service} for {group}: time for a rethink?",
           "Pooled budgets for {service}: a personal view from {place}",
           "Whither partnership? {service} for {group} after the reforms",
           "Editorial: integrated funding for {group} in {place}"),
    # Borderline: on topic at title/abstract, excluded at full text.
    "borderline": ("Pooled budgets for {service} for {group} in {place}: {design}",
                   "Joint commissioning of {service} for {group} in {place}: {design}",
                   "Integrated health and social care funding for {group}: lessons from {place}",
                   "Lead commissioning of {service} in {place}: {design}",
                   "Section 31 partnership arrangements for {service} in {place}: {design}",
                   "Health and social care partnership budgets for {group} in {place}: {design}"),
}
# Themes of off-topic items by home database (weights).
THEME_WEIGHTS = {
    "default": {"I1": 40, "E5": 18, "E2": 12, "E3": 7, "E4": 6, "E1": 6, "E6": 5, "E8": 6},
    "assia": {"I1": 28, "E5": 8, "E2": 6, "E3": 16, "E4": 14, "E1": 6, "E6": 14, "E8": 8},
    "ssa": {"I1": 26, "E5": 6, "E2": 4, "E3": 18, "E4": 16, "E1": 6, "E6": 16, "E8": 8},
    "econlit": {"I1": 36, "E5": 14, "E2": 30, "E3": 4, "E4": 2, "E1": 12, "E6": 2, "E8": 0},
}
# Full-text exclusion reasons of borderline items (weights).
BORDERLINE_REASONS = {"E8": 45, "E7": 30, "E5": 10, "E6": 5, "E3": 5, "E4": 5}

SURNAMES = ("Abbott Adams Ahmed Ali Allen Andersson Armstrong Atkinson Bailey Baker Barker Barnes Bell Bennett "
            "Berg Bishop Black Booth Bowen Boyle Bradley Brennan Brooks Brown Burke Burns Butler Byrne Campbell "
            "Carter Chan Chapman Clarke Coleman Collins Cooper Cox Crawford Cunningham Davies Dawson Dixon "
            "Doherty Douglas Duncan Dunn Edwards Ellis Evans Farrell Ferguson Fischer Fleming Fletcher Foster "
            "Fraser Gallagher Gardner Gibson Gordon Graham Grant Gray Green Griffiths Hall Hamilton Hansen "
            "Harper Harris Hart Harvey Hawkins Hayes Henderson Hill Holmes Hughes Hunt Hussain Jackson James "
            "Jansen Jenkins Johansson Johnson Kaur Kelly Kennedy Khan King Knight Kumar Lambert Larsen Lawrence "
            "Lee Lewis Lindqvist Lloyd Lynch MacDonald Marshall Martin Mason Matthews McCarthy McDonald Miller "
            "Mills Mitchell Moore Morgan Morris Murphy Murray Nielsen Nolan O'Brien O'Connor Owen Palmer Parker "
            "Patel Payne Pearce Pearson Perry Peters Phillips Powell Price Quinn Reid Reynolds Richards Riley "
            "Roberts Robertson Robinson Rogers Ross Russell Ryan Saunders Schmidt Scott Shaw Simpson Singh "
            "Smith Spencer Stewart Stone Sullivan Taylor Thomas Thompson Tucker Turner Walker Wallace Walsh "
            "Ward Watson Webb Wells West White Wilkinson Williams Wilson Wood Wright Young van Dijk de Vries "
            "Nguyen Wong Cohen Rossi Garcia Lopez Moreau Dubois Tremblay Gagnon").split()
GIVEN = ("Anne Alan Alison Andrew Barbara Brian Catherine Christopher Claire David Deborah Elaine Emma Fiona "
         "Gareth Gillian Graham Helen Ian Jane Jennifer John Julie Karen Kevin Laura Linda Louise Margaret Mark "
         "Martin Mary Matthew Michael Nicola Patricia Paul Peter Rachel Richard Robert Ruth Sarah Simon Stephen "
         "Susan Thomas Timothy Victoria William Lars Ingrid Pieter Marie Jean Yuki Wei Priya Ahmed Maria "
         "Carlos Sofia Henrik Astrid Aoife Sean Niamh Eilidh Rhys Siobhan").split()
MEETINGS = (  # (conference, journal its abstracts appear in, places)
    ("International Conference on Integrated Care", "International Journal of Integrated Care",
     ("Rotterdam, NETHERLANDS", "Brussels, BELGIUM", "Tarragona, SPAIN", "Berlin, GERMANY")),
    ("Society for Social Medicine Annual Scientific Meeting", "Journal of Epidemiology and Community Health",
     ("Newcastle, ENGLAND", "Belfast, NORTH IRELAND", "Warwick, ENGLAND", "Glasgow, SCOTLAND")),
    ("European Public Health Conference", "European Journal of Public Health",
     ("Lodz, POLAND", "Amsterdam, NETHERLANDS", "Copenhagen, DENMARK", "Malta, MALTA")),
    ("Gerontological Society of America Annual Scientific Meeting", "The Gerontologist",
     ("Atlanta, GA", "New Orleans, LA", "Boston, MA", "San Diego, CA")),
    ("ISPOR Annual European Congress", "Value in Health",
     ("Paris, FRANCE", "Prague, CZECH REPUBLIC", "Madrid, SPAIN", "Berlin, GERMANY")),
    ("British Geriatrics Society Spring Meeting", "Age and Ageing",
     ("Harrogate, ENGLAND", "Belfast, NORTH IRELAND", "Edinburgh, SCOTLAND", "Cardiff, WALES")),
)
UNIVERSITIES = ("University of Birmingham", "University of York", "University of Manchester", "University of Kent",
                "London School of Economics and Political Science", "University of Leeds", "University of Nottingham",
                "University of Glasgow", "University of Edinburgh", "Cardiff University", "University of Bristol",
                "University of Southampton", "King's College London", "University of Sheffield", "University of Bath")
PUBLISHERS = ("King's Fund", "Nuffield Trust", "Audit Commission", "Local Government Association",
              "Department of Health", "Joseph Rowntree Foundation", "Social Care Institute for Excellence",
              "NHS Confederation", "Personal Social Services Research Unit", "Health Foundation")
THESIS_TITLES = ("Partnership working for {group} in {place}: {design}",
                 "Commissioning {service} for {group} across organisational boundaries: {design}",
                 "The costs of {service} for {group} in {place}: {design}",
                 "Care trusts, {service} and the politics of partnership in {place}",
                 "Living with {condition} in {place}: {group} and their use of {service}",
                 "Professional boundaries in {service} for {group}: {design}")


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


TOO_SIMILAR = 75  # rapidfuzz ratio of normalised titles: above it, two simulated titles read as one


def closeness(title: str, seen: list[str]) -> float:
    """How close a new simulated title is to the closest earlier one (rapidfuzz ratio, 0-100)."""
    best = process.extractOne(_key(title), seen, scorer=fuzz.ratio, score_cutoff=TOO_SIMILAR)
    return best[1] if best else 0.0


def pick_title(templates: tuple[str, ...], rng: random.Random, seen: dict[str, list[str]]) -> str:
    """A title not too close to any earlier simulated title from the same template (dedupe would
    list such a pair as uncertain, which real searches rarely produce); failing that, the least
    close of 60 tries. ``seen``: template -> normalised titles made from it."""
    tries = []
    for _ in range(60):
        template = rng.choice(templates)
        title, _ = _fill(template, rng)
        score = closeness(title, seen.setdefault(template, []))
        if not score:
            break
        tries.append((score, title, template))
    else:
        _, title, template = min(tries)
    seen[template].append(_key(title))
    return title


def _fill(template: str, rng: random.Random) -> tuple[str, str]:
    """A title and its uniqueness key (the title without its study design)."""
    slots = {"group": rng.choice(GROUPS), "service": rng.choice(SERVICES), "place": rng.choice(PLACES),
             "country": rng.choice(COUNTRIES), "condition": rng.choice(CONDITIONS),
             "clinical": rng.choice(CLINICAL)}
    title = template.format(design="{design}", **slots)
    key = _key(title.replace("{design}", ""))
    title = title.replace("{design}", rng.choice(DESIGNS))
    return title[0].upper() + title[1:], key


def _authors(rng: random.Random) -> tuple[Author, ...]:
    n = rng.choices((1, 2, 3, 4, 5, 6), (14, 22, 24, 18, 12, 10))[0]
    people = []
    for _ in range(n):
        given = rng.choice(GIVEN)
        middle = rng.choice("ABCDEFGHJKLMPRST") if rng.random() < 0.35 else ""
        people.append(Author(rng.choice(SURNAMES), given[0] + middle, given + (f" {middle}" if middle else "")))
    return tuple(people)


def _abstract(title: str, theme: str, rng: random.Random) -> str:
    topic = title.split(":")[0]
    topic = topic[0].lower() + topic[1:]
    aims = ("This paper examines", "We describe", "This study explores", "We assess", "The article reviews")
    findings = ("Arrangements varied widely between sites.", "Costs were similar in both groups.",
                "Staff reported improved communication but little change in outcomes.",
                "Few studies reported outcomes for service users.", "Uptake was lower than expected.",
                "The evidence base remains limited.", "Implementation was slower than planned.")
    first, second = rng.sample(findings, 2)
    return f"{rng.choice(aims)} {topic}. {first} {second} {SIMULATED_MARK}"


def _journal_for(home: str, rng: random.Random) -> Journal:
    pool = [j for j in JOURNALS if home in j.indexed_in] or [j for j in JOURNALS if "medline" in j.indexed_in]
    return rng.choice(pool)


def make_item(index: int, home: str, year: int, role: str, rng: random.Random, seen: dict[str, list[str]]) -> Item:
    """One simulated item first found in database ``home``; ``seen`` keeps titles distinct."""
    if role == BORDERLINE:
        theme, templates = "", TEMPLATES["borderline"]
    else:
        weights = THEME_WEIGHTS.get(home, THEME_WEIGHTS["default"])
        theme = rng.choices(sorted(weights), [weights[k] for k in sorted(weights)])[0]
        templates = TEMPLATES[theme]
    if home == "theses":
        templates = THESIS_TITLES
    title = pick_title(templates, rng, seen)
    ft_reason = ""
    if role == BORDERLINE:
        ft_reason = rng.choices(sorted(BORDERLINE_REASONS), [BORDERLINE_REASONS[k] for k in sorted(BORDERLINE_REASONS)])[0]
    common = dict(key=f"sim-{index:05d}", role=role, title=title, year=str(year),
                  abstract=_abstract(title, theme, rng), keywords=(SIMULATED_KEYWORD,), theme=theme,
                  ft_reason=ft_reason)
    if home == "theses":
        return Item(kind="thesis", authors=_authors(rng)[:1], source=rng.choice(UNIVERSITIES), **common)
    if home == "cpci":
        meeting, journal, places = rng.choice(MEETINGS)
        return Item(kind="conference_paper", authors=_authors(rng), source=journal,
                    volume=str(rng.randint(5, 25)), issue="Suppl", pages=f"{rng.randint(10, 400)}",
                    meeting=f"{meeting}|{rng.choice(places)}", **common)
    if home == "hmic" and rng.random() < 0.15:
        return Item(kind="report", authors=_authors(rng)[:2], source=rng.choice(PUBLISHERS), **common)
    journal = _journal_for(home, rng)
    start = rng.randint(1, 900)
    doi = f"{SIM_DOI_PREFIX}.{year}.{index:05d}" if rng.random() < 0.8 else ""
    return Item(kind="journal_article", authors=_authors(rng), source=journal.name,
                volume=str(max(1, year - rng.randint(1950, 2000))), issue=str(rng.randint(1, 12)),
                pages=f"{start}-{start + rng.randint(4, 18)}", doi=doi, **common)
