"""Run cstui with ``python -m cstui``."""

from cstui.entry import main

if __name__ == "__main__":
    main()
