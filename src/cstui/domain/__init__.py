"""Pure domain logic: the complaint workflow and its clocks. No Textual, no TinyDB."""
