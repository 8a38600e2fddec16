"""``python3 <plugin folder>/batch jobs.json``: the batch runner (see batch/__init__.py)."""
import os
import sys

if not __package__:          # run as a folder: make the plugin folder importable as ``mineplan``
    HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, HERE)
    import bootstrap
    sys.path.remove(HERE)
    bootstrap.register(os.path.dirname(HERE), execute=False)
    from mineplan.batch import runner
else:
    from . import runner

sys.exit(runner.main(sys.argv[1:]))
