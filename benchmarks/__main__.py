"""``python -m benchmarks``: generate the synthetic cases if needed, run every measurement, print the table."""

from benchmarks.run import main

raise SystemExit(main())
