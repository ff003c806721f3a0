"""cstui: complaint handling, refund checks and skills logs for customer-service staff."""

__version__ = "0.1.0"
