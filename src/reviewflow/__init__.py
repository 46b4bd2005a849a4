"""reviewflow: a reproducible systematic-review pipeline.

The stages, in flow order, each a subpackage with pure functions:
import (``reviewflow.importing``) -> dedupe -> screen -> prisma -> tables -> report.
"""

__version__ = "0.1.0"
