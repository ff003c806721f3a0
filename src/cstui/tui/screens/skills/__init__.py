"""My skills: the screen and the text it gives its tabs."""

from cstui.tui.screens.skills.screen import SkillsScreen

__all__ = ["SkillsScreen"]
