import { expect, type Locator, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

/** The number in a text: '1,234 人' → 1234, '87.5%' → 87.5. */
function numberIn(text: string): number {
  const m = /-?[\d,]+(?:\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0].replaceAll(',', ''));
}

/** One number of the overview: what it says, and the list it opens. */
interface Shown {
  name: string;
  text: string;
  href: string;
}

async function shownLinks(links: Locator): Promise<Shown[]> {
  const out: Shown[] = [];
  for (const link of await links.all()) {
    out.push({
      name: (await link.getAttribute('aria-label')) ?? '',
      text: (await link.innerText()).trim(),
      href: (await link.getAttribute('href')) ?? '',
    });
  }
  return out;
}

/**
 * The total the list page at `href` shows, read as a person reads it: 共 N 人/条 of the roster, the dossiers,
 * the records and the alerts; 共 N 个 of the org tree's type filter; the rate of the 合规矩阵's summary (the row
 * of the 党总支 it was opened for, or 合计).
 */
async function listTotal(page: Page, href: string, figure: Shown): Promise<number> {
  const path = href.split('?')[0] ?? href;
  if (path === '/compliance') {
    const summary = page.getByRole('table', { name: '完成率' });
    await expect(summary).toBeVisible();
    const rows = summary.locator('tbody tr');
    const group = figure.name.split(' 完成率')[0];
    const byName = rows.filter({ has: page.getByRole('cell', { name: group, exact: true }) });
    const row = (await byName.count()) > 0 ? byName : rows.filter({ hasText: '合计' });
    if ((await row.count()) === 0) return numberIn(await rows.first().locator('td').last().innerText());
    return numberIn(await row.first().locator('td').last().innerText());
  }
  if (path === '/orgs' || path.startsWith('/orgs/')) {
    return numberIn(await page.getByText(/^只看.+：共 \d+ 个/).innerText());
  }
  if (path === '/alerts') {
    return numberIn(await page.getByText(/^共 [\d,]+ 条：$/).innerText());
  }
  // The roster, the dossiers, the records, the rectification items and the supervised tasks: 共 N 人/条/项 by
  // the pager, or (none) an empty table.
  const total = page.getByText(/^共 [\d,]+ (人|条|项)$/).first();
  if (numberIn(figure.text) === 0) {
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.ant-table-placeholder .ant-empty')).toBeVisible();
    return (await total.count()) > 0 ? numberIn(await total.innerText()) : 0;
  }
  return numberIn(await total.innerText());
}

test.describe('党建工作概览 of the 校领导', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'leader');
  });

  test('every figure equals the total of the list it opens', async ({ page }) => {
    test.setTimeout(240_000);
    // 首页 is the overview for the 校领导 (待办 stays on top when there is any).
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 2, name: /党建工作概览/ })).toBeVisible();
    await expect(page.locator('a[data-figure]').first()).toBeVisible();

    await page.goto('/overview');
    await expect(page.getByRole('heading', { level: 1, name: '党建工作概览' })).toBeVisible();
    const overview = page.locator('.dj-overview');
    await expect(overview.locator('a[data-figure]').first()).toBeVisible();
    const figures = await shownLinks(overview.locator('a[data-figure]'));
    const keys = await overview
      .locator('a[data-figure]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')));
    for (const key of [
      'members.total',
      'members.full',
      'members.probationary',
      'orgs.branch',
      'recruitment.admitted',
      'recruitment.confirmed',
      'life.activities',
      'life.completion',
    ])
      expect(keys).toContain(key);
    // The demo college has a year of history behind it: last year's figures are there to compare.
    await expect(overview.getByText(/去年同期 [\d,]+ 人/).first()).toBeVisible();

    const stages = await shownLinks(overview.getByRole('link', { name: /人，打开列表$/ }));
    const units = await shownLinks(overview.getByRole('link', { name: /合计 [\d,]+ 条，打开列表$/ }));
    const rates = await shownLinks(overview.getByRole('link', { name: /完成率 .+，打开合规矩阵$/ }));
    const numbers = [...figures, ...stages, ...units.slice(0, 4), ...rates.slice(0, 3)];
    expect(units.length).toBeGreaterThan(1);
    expect(rates.length).toBeGreaterThan(1);

    const seen = new Set<string>();
    for (const shown of numbers) {
      if (seen.has(shown.href)) continue;
      seen.add(shown.href);
      await page.goto('/overview');
      await page.locator(`.dj-overview a[href="${shown.href}"]`).first().click();
      await expect
        .poll(() => new URL(page.url()).pathname)
        .toMatch(new RegExp(`^${shown.href.split('?')[0]}`));
      const total = await listTotal(page, shown.href, shown);
      expect([shown.name, total]).toEqual([shown.name, numberIn(shown.text)]);
    }
  });

  test('fits a phone and prints on A4 without the menu', async ({ browser }) => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    await signIn(page, 'leader');
    await page.goto('/overview');
    await expect(page.locator('.dj-overview a[data-figure]').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.close();

    const paper = await browser.newContext({ viewport: { width: 718, height: 1000 } });
    const print = await paper.newPage();
    await signIn(print, 'leader');
    await print.goto('/overview');
    await expect(print.locator('.dj-overview a[data-figure]').first()).toBeVisible();
    await expect(print.getByRole('button', { name: '打印' })).toBeVisible();
    await print.emulateMedia({ media: 'print' });
    await expect(print.getByRole('button', { name: '打印' })).toBeHidden();
    await expect(print.locator('header')).toBeHidden();
    await expect(print.getByRole('heading', { level: 1, name: '党建工作概览' })).toBeVisible();
    // Nothing wider than the A4 sheet's printable width (210 mm less 2 × 10 mm at 96 dpi ≈ 718 px).
    expect(await print.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(718);
    const pdf = await print.pdf({ preferCSSPageSize: true });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await paper.close();
  });
});
