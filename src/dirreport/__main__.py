"""``python -m dirreport`` runs the command line."""

from dirreport.cli.main import main

raise SystemExit(main())
