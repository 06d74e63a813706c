import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const [id, w, sel] = process.argv.slice(2);
const p = await b.newPage({ viewport: { width: Number(w), height: 900 } });
await p.goto(`file:///tmp/site/${id}/index.html`);
await p.waitForTimeout(300);
await p.locator(sel).screenshot({ path: `/tmp/part.png` });
await b.close();
