import sys

from jobfeed.cli import main

if __name__ == "__main__":  # extraction processes import this module again (spawn)
    sys.exit(main())
