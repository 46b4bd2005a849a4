"""Import: every export file of every search round -> one normalised records table.

``read_export`` reads one file (any supported format, detected from its content), each record
carrying its ``Source`` (round, database, platform, identification method);
``import_export`` does so for an ``Export`` found from config; ``gather_records`` joins the
per-file tables in review order. See docs/import.md.
"""

from reviewflow.importing.console import import_summary, summary_text
from reviewflow.importing.detect import FORMATS, detect_format
from reviewflow.importing.discover import Source
from reviewflow.importing.folders import Unread
from reviewflow.importing.gather import gather_records
from reviewflow.importing.notes import Note, write_notes
from reviewflow.importing.read import (
    ImportResult,
    import_export,
    import_notes,
    read_bytes,
    read_export,
    write_notices,
)

__all__ = [
    "FORMATS",
    "ImportResult",
    "Note",
    "Source",
    "Unread",
    "detect_format",
    "gather_records",
    "import_export",
    "import_notes",
    "import_summary",
    "read_bytes",
    "read_export",
    "summary_text",
    "write_notes",
    "write_notices",
]
