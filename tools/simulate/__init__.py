"""The worked example's simulated inputs: search exports (data/raw/) and screening decisions
(data/screening/), reconstructed around the real references of Mason, Goddard & Weatherly (2014).

Flow, in module order: ``sheets`` (the real extraction sheets) -> ``items`` (real references as
bibliographic items) + ``offtopic`` (simulated items) -> ``placement`` (which database and round
finds each item) -> ``variants`` (how each database prints its copy) -> ``writers`` (one native
export format per platform) -> ``decisions`` (dual-reviewer screening files). ``build`` ties
them together; ``tools/simulate_example.py`` is the command.
"""
