"""Full screens: home, new case, case, help."""
