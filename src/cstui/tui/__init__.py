"""The Textual face. Imported only when the TUI is opened, never by CLI subcommands."""
