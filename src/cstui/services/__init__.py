"""Services: the use cases both faces call. They load, apply domain rules, and save."""
