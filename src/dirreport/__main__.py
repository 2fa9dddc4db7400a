"""``python -m dirreport`` runs the command line."""

from .cli import main

raise SystemExit(main())
