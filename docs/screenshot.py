"""Make docs/screenshot.svg: the home screen over a few example cases.

Run: python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cstui.config import Settings
from cstui.tui.app import build_app
from cstui.workspace import open_workspace

NOW = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
EXAMPLES = [
    ("Dana Lee", "0412 345 678", "Delivery", "Parcel never arrived", 3),
    ("Sam Ortiz", "0400 999 888", "Billing", "Charged twice for one order", 1),
    ("Acme Pty Ltd", "02 9876 5432", "Product quality", "Batch of kettles leaking", 0),
    ("Priya Nair", "0433 222 111", "Staff conduct", "Rude reply at the counter", 2),
]


async def main() -> None:
    """Seed a temporary folder and save the screenshot."""
    with tempfile.TemporaryDirectory() as tmp:
        clock = [NOW - timedelta(days=6)]
        ws = open_workspace(Settings(Path(tmp), "alice"), clock=lambda: clock[0])
        ws.team.add("bob", "agent", "200")
        for name, phone, category, summary, steps in EXAMPLES:
            case = ws.cases.log(
                {
                    "customer": {"name": name, "phone": phone},
                    "channel": "phone",
                    "category": category,
                    "summary": summary,
                }
            )
            forms = [
                {"findings": "Checked the order history."},
                {"promise": "We will sort this out.", "by": "2026-12-10"},
                {"action": "Refund", "policy_clause": "Returns 3.1"},
            ]
            for fields in forms[:steps]:
                ws.cases.advance(case.id, fields)
            clock[0] += timedelta(days=1)
        ws.cases.assign("C-000002", "bob")
        clock[0] = NOW
        app = build_app(ws)
        async with app.run_test(size=(100, 22)) as pilot:
            await pilot.pause()
            app.save_screenshot(str(Path(__file__).with_name("screenshot.svg")))


if __name__ == "__main__":
    asyncio.run(main())
