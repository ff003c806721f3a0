"""Run cstui with ``python -m cstui``."""

from cstui.cli import main

if __name__ == "__main__":
    main()
