"""What the tests share, imported as ``tests.support.X``.

``clock`` (the fixed clock and the Mondays the tests start on), ``workspaces`` (a data
folder opened as a user at a clock, policy in UTC), ``cli`` (the command line at a frozen
moment, in process or as a process), ``steps`` and ``cases`` (valid inputs from the step
registry, closing a case), ``stores`` (both stores, damage to the file store's archive),
``tui`` (driving the app by keys), and each area's own: ``refunds``, ``refund_scenarios``,
``skills``, ``team``, ``guidance`` and ``reliability``.
"""
