import sys

from jobfeed.cli import main

sys.exit(main())
