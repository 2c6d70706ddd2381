import sys

from xlate.cli import main

sys.exit(main())
