"""Journals: full name, MEDLINE (NLM) abbreviation, and which of the review's databases index them.

Data for two jobs: placing the real journal articles in the databases that plausibly index them,
and giving simulated items a journal their home database would index. ``PRINTED`` maps the forms
the paper prints (references.csv ``source``) to the full name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Journal:
    name: str
    abbrev: str  # NLM style, as MEDLINE prints it
    indexed_in: tuple[str, ...]  # layout.SOURCES keys; zetoc covers nearly everything, so is implied


def _j(name: str, abbrev: str, dbs: str) -> Journal:
    return Journal(name, abbrev, tuple(dbs.split()))


JOURNALS: tuple[Journal, ...] = (
    _j("Age and Ageing", "Age Ageing", "medline hmic assia"),
    _j("Aging Clinical and Experimental Research", "Aging Clin Exp Res", "medline"),
    _j("American Journal of Managed Care", "Am J Manag Care", "medline"),
    _j("Annals of Health Law", "Ann Health Law", "medline"),
    _j("Annual Review of Public Health", "Annu Rev Public Health", "medline"),
    _j("Australian Health Review", "Aust Health Rev", "medline hmic"),
    _j("BMC Health Services Research", "BMC Health Serv Res", "medline hmic"),
    _j("BMJ", "BMJ", "medline hmic"),
    _j("BMJ Open", "BMJ Open", "medline"),
    _j("Canadian Medical Association Journal", "CMAJ", "medline"),
    _j("Canadian Journal on Aging", "Can J Aging", "medline assia"),
    _j("Canadian Family Physician", "Can Fam Physician", "medline"),
    _j("Care Management Journals", "Care Manag J", "medline ssa"),
    _j("Community Care", "Community Care", "hmic assia ssa"),
    _j("Gaceta Sanitaria", "Gac Sanit", "medline"),
    _j("The Gerontologist", "Gerontologist", "medline assia ssa"),
    _j("Health and Social Care in the Community", "Health Soc Care Community", "medline hmic assia ssa"),
    _j("Health Affairs", "Health Aff (Millwood)", "medline hmic"),
    _j("Health Policy", "Health Policy", "medline hmic assia"),
    _j("Health Service Journal", "Health Serv J", "medline hmic"),
    _j("Health Services Management Research", "Health Serv Manage Res", "medline hmic"),
    _j("Health Services Research", "Health Serv Res", "medline"),
    _j("Healthcare Quarterly", "Healthc Q", "medline"),
    _j("Healthcarepapers", "Healthc Pap", "medline"),
    _j("Inquiry", "Inquiry", "medline econlit"),
    _j("International Journal of Epidemiology", "Int J Epidemiol", "medline"),
    _j("International Journal of Geriatric Psychiatry", "Int J Geriatr Psychiatry", "medline"),
    _j("International Journal of Health Planning and Management", "Int J Health Plann Manage", "medline hmic"),
    _j("International Journal of Integrated Care", "Int J Integr Care", "medline hmic assia"),
    _j("Journals of Gerontology Series A: Biological Sciences and Medical Sciences",
       "J Gerontol A Biol Sci Med Sci", "medline"),
    _j("Journals of Gerontology Series B: Psychological Sciences and Social Sciences",
       "J Gerontol B Psychol Sci Soc Sci", "medline assia"),
    _j("JAMA", "JAMA", "medline"),
    _j("Journal of Aging and Health", "J Aging Health", "medline assia"),
    _j("Journal of Aging and Social Policy", "J Aging Soc Policy", "medline assia ssa"),
    _j("Journal of Ambulatory Care Management", "J Ambul Care Manage", "medline"),
    _j("Journal of Applied Gerontology", "J Appl Gerontol", "assia ssa"),
    _j("Journal of Clinical Epidemiology", "J Clin Epidemiol", "medline"),
    _j("Journal of Health Politics, Policy and Law", "J Health Polit Policy Law", "medline econlit assia"),
    _j("Journal of Health Services Research and Policy", "J Health Serv Res Policy", "medline hmic"),
    _j("Journal of Integrated Care", "J Integr Care", "hmic assia"),
    _j("Journal of Integrated Care Pathways", "J Integr Care Pathways", "hmic"),
    _j("Journal of Interprofessional Care", "J Interprof Care", "medline hmic assia ssa"),
    _j("Journal of the American Geriatrics Society", "J Am Geriatr Soc", "medline"),
    _j("Journal of the American Medical Directors Association", "J Am Med Dir Assoc", "medline"),
    _j("London Journal of Primary Care", "London J Prim Care", "hmic"),
    _j("MCC: Building Knowledge for Integrated Care", "MCC Build Knowl Integr Care", "hmic assia"),
    _j("Medical Journal of Australia", "Med J Aust", "medline"),
    _j("Milbank Quarterly", "Milbank Q", "medline hmic"),
    _j("New England Journal of Medicine", "N Engl J Med", "medline"),
    _j("Nursing Times", "Nurs Times", "medline hmic"),
    _j("Primary Health Care Research and Development", "Prim Health Care Res Dev", "hmic"),
    _j("Public Administration", "Public Adm", "assia"),
    _j("Public Management Review", "Public Manag Rev", "assia"),
    _j("Public Policy and Administration", "Public Policy Adm", "assia"),
    _j("Rivista Italiana della Medicina di Laboratorio", "Riv Ital Med Lab", ""),
    _j("Social Policy and Administration", "Soc Policy Adm", "assia ssa"),
    _j("Social Work in Public Health", "Soc Work Public Health", "medline ssa"),
    _j("The Lancet", "Lancet", "medline hmic"),
    # Journals only the simulated records use.
    _j("Ageing and Society", "Ageing Soc", "assia ssa"),
    _j("Applied Health Economics and Health Policy", "Appl Health Econ Health Policy", "medline econlit"),
    _j("British Journal of General Practice", "Br J Gen Pract", "medline hmic"),
    _j("British Journal of Healthcare Management", "Br J Healthc Manag", "hmic"),
    _j("British Journal of Social Work", "Br J Soc Work", "assia ssa"),
    _j("Dementia", "Dementia", "assia ssa"),
    _j("Disability and Society", "Disabil Soc", "assia ssa"),
    _j("European Journal of Health Economics", "Eur J Health Econ", "medline econlit"),
    _j("Family Practice", "Fam Pract", "medline"),
    _j("Fiscal Studies", "Fisc Stud", "econlit"),
    _j("Health and Social Work", "Health Soc Work", "medline ssa"),
    _j("Health Economics", "Health Econ", "medline econlit"),
    _j("Health Economics, Policy and Law", "Health Econ Policy Law", "medline econlit"),
    _j("International Journal of Health Care Finance and Economics", "Int J Health Care Finance Econ",
       "medline econlit"),
    _j("International Journal of Nursing Studies", "Int J Nurs Stud", "medline"),
    _j("Journal of Advanced Nursing", "J Adv Nurs", "medline"),
    _j("Journal of Evaluation in Clinical Practice", "J Eval Clin Pract", "medline"),
    _j("Journal of Gerontological Social Work", "J Gerontol Soc Work", "medline ssa"),
    _j("Journal of Health Economics", "J Health Econ", "medline econlit"),
    _j("Journal of Mental Health", "J Ment Health", "medline assia"),
    _j("Journal of Social Policy", "J Soc Policy", "assia ssa econlit"),
    _j("Local Government Studies", "Local Gov Stud", "assia"),
    _j("Medical Care", "Med Care", "medline"),
    _j("Policy and Politics", "Policy Polit", "assia ssa"),
    _j("Quality in Primary Care", "Qual Prim Care", "medline hmic"),
    _j("Scandinavian Journal of Public Health", "Scand J Public Health", "medline"),
    _j("Social Science and Medicine", "Soc Sci Med", "medline assia econlit"),
    _j("Tizard Learning Disability Review", "Tizard Learn Disabil Rev", "assia ssa"),
    _j("Working with Older People", "Work Older People", "hmic assia ssa"),
    _j("Journal of Epidemiology and Community Health", "J Epidemiol Community Health", "medline"),
    _j("European Journal of Public Health", "Eur J Public Health", "medline"),
    _j("Value in Health", "Value Health", "medline econlit"),
)
BY_NAME = {j.name: j for j in JOURNALS}

# references.csv prints some journals abbreviated or with "&": printed form -> full name.
PRINTED = {
    "Age & Ageing": "Age and Ageing",
    "Aging-Clinical & Experimental Research": "Aging Clinical and Experimental Research",
    "Ann Health Law": "Annals of Health Law",
    "CMAJ Canadian Medical Association Journal": "Canadian Medical Association Journal",
    "Can J Aging": "Canadian Journal on Aging",
    "Gerontologist": "The Gerontologist",
    "Health & Social Care in the Community": "Health and Social Care in the Community",
    "Int J Epidemiol": "International Journal of Epidemiology",
    "International Journal of Integrated Care [Electronic Resource]": "International Journal of Integrated Care",
    "J Gerontol A Biol Sci Med Sci":
        "Journals of Gerontology Series A: Biological Sciences and Medical Sciences",
    "J Gerontol B Psychol Sci Soc Sci":
        "Journals of Gerontology Series B: Psychological Sciences and Social Sciences",
    "Journal of Aging & Health": "Journal of Aging and Health",
    "Journal of Aging & Social Policy": "Journal of Aging and Social Policy",
    "Journal of Health Politics, Policy & Law": "Journal of Health Politics, Policy and Law",
    "Journal of Health Services Research & Policy": "Journal of Health Services Research and Policy",
    "MCC: building knowledge for integrated care": "MCC: Building Knowledge for Integrated Care",
    "The Journal of Applied Gerontology": "Journal of Applied Gerontology",
}


def journal_for(printed: str) -> Journal | None:
    """The journal a reference's printed source names, or None (grey literature, unknown title)."""
    return BY_NAME.get(PRINTED.get(printed, printed))
