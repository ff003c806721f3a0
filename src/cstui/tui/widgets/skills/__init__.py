"""The six tabs of My skills, one widget each: given data, posting what the person did."""
