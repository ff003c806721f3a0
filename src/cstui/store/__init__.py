"""Persistence: the store ports (:mod:`cstui.store.ports`) and the stores behind them."""
