"""Recurring titles: headings a journal prints again and again ("Editorial", "Editor's Comments",
"In this issue", "Book reviews", "Reply", "Abstracts"), in several languages.

Two records under such a title are two items unless their whole citation agrees: journal, volume,
issue and first page, or the DOI. Title, author and year say nothing here: the same editor writes
"Remarks from the Editor" in every issue of the year. A title is recurring when every word of it
(normalised: lower case, no accents or punctuation) is a heading word or a filler word, numbers,
months and roman numerals included, and at least one is a heading word; "Editorial: screening for
lung cancer" has words of its own, so it is an item's title and is compared as any other.
"""

from __future__ import annotations

from functools import lru_cache

# Words that make a heading (what the item is), English first, then de, fr, es, pt, it, nl, scandinavian.
_HEADING = frozenset("""
editorial editorials editor editors editorship introduction introductions introductory preface foreword
forword prologue epilogue comment comments commentary remarks note notes letter letters correspondence
reply replies response responses rejoinder erratum errata corrigendum corrigenda correction corrections
addendum retraction book books review reviews news newsletter announcement announcements contents
masthead index abstracts abstract proceedings program programme welcome message column corner highlights
digest update updates obituary obituaries memoriam acknowledgement acknowledgements acknowledgment
acknowledgments reviewers referees calendar events errat preview overview summary front matter cover
board farewell thanks issue issues notices notice posters poster session sessions plenary keynote
lectures lecture schedule committee committees sponsors exhibitors speakers report reports accounts
vorwort einleitung einfuhrung geleitwort leitartikel brief briefe leserbrief leserbriefe antwort
erwiderung buchbesprechung buchbesprechungen rezension rezensionen nachrichten mitteilungen inhalt
inhaltsverzeichnis berichtigung korrektur redaktion herausgeber nachruf
editorial avant propos lettre lettres reponse courrier redacteur redaction presentation sommaire
nouvelles actualites compte rendu comptes rendus livres analyse analyses
presentacion prologo introduccion carta cartas director respuesta replica resena resenas libros noticias
correccion
apresentacao prefacio introducao resposta resenha
editoriale prefazione introduzione presentazione lettera lettere direttore risposta recensione recensioni
notizie corrige
redactioneel voorwoord inleiding brieven reactie boekbespreking nieuws rectificatie
leder ledare forord indledning innledning brev svar bokanmeldelse nyheter rettelse
""".split())
# Words that may stand beside a heading without making the title an item's own.
_FILLER = frozenset("""
a an the of to in on for from by and or with about at as this these that our your its their my his her
s is are we you us new first last final few word words year volume vol no number special
section part guest invited incoming outgoing retiring president presidents chair chairs chairman
chairperson society annual meeting meetings conference congress symposium author authors
reader readers selected table list back ahead forward looking publisher publishers journal journals
call papers current upcoming future past inside
der die das des dem den und zum zur zu im in diesem dieses heft aus von fur
le la les du de des au aux et ce cet cette numero mot
el los las del al y en este esta numero fe
o os as do da dos das ao e neste nesta
il lo gli i di del della al alla e questo numero
het een van en dit nummer
och og i af av til
""".split())
_ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
_MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter""".split())


@lru_cache(maxsize=100_000)
def is_recurring(normalised_title: str) -> bool:
    """True for a heading that a journal reprints (see the module doc): at most 12 words, all of them
    heading or filler words (or numbers, months, roman numerals), one at least a heading word."""
    words = normalised_title.split()
    if not words or len(words) > 12 or not any(w in _HEADING for w in words):
        return False
    return all(w in _HEADING or w in _FILLER or w in _ROMAN or w in _MONTHS or w.isdigit() for w in words)
