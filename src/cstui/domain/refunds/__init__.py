"""Refunds, exchanges, vouchers and replacements as pure functions.

``engine.decide`` combines the legal floor of the jurisdiction (``law_au``, ``law_uk``)
with the centre's policy; ``approval`` says who may approve; ``records`` keeps what was
decided and given; ``report`` groups returns by product. The questions the checklist asks
are in :mod:`cstui.models.refund_checklist`.
"""
