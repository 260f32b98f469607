"""Run in its own process by bench/drafts.py: type into the editor under Pilot at a real steady
rate and print how many characters the draft (read from another connection) holds at the end.

    python bench/_drafts_pilot.py RATE SECONDS
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile

os.environ["COMPANION_HOME"] = tempfile.mkdtemp(prefix="drafts-pilot-")

from companion.core.store import drafts, open_db
from companion.ui.tui.app import CompanionApp


async def main(rate: float, seconds: float) -> None:
    app = CompanionApp(skip_first_run=True)
    typed = int(rate * seconds)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        loop = asyncio.get_running_loop()
        start = loop.time()
        for index in range(typed):
            await pilot.press("x")
            await asyncio.sleep(max(0.0, start + (index + 1) / rate - loop.time()))
        other = open_db()
        saved = len(drafts.load_draft(other, "journal:new") or "")
        other.close()
        print(typed, saved)


if __name__ == "__main__":
    asyncio.run(main(float(sys.argv[1]), float(sys.argv[2])))
