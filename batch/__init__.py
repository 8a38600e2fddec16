"""Batch runs on every core: many algorithm runs (qgis_process-style jobs) shared out to worker processes.

    /usr/bin/python3 <plugins>/mineplan/batch jobs.json [--workers 2] [--timeout S] [--summary out.json]

Each worker is one QGIS (Processing and the mineplan provider initialised once, ≈ 1.3 s and 230 MB) that runs
job after job, each in a fresh processing context: what a consultant's loop of ``qgis_process run`` calls does,
without paying QGIS's start-up per job and on all the cores. Threads would not pay inside one QGIS (the GIL
between the engine's small GEOS calls — docs/overlap.md); separate processes do. The jobs are checked before
any runs (unknown algorithm or parameter, two jobs writing one file, a job writing another's input: refused,
nothing written); the summary lists them in the jobs file's order whatever finished first. This room stands
above processing_provider/: it only starts workers and reads their answers (docs/batch.md).
"""
