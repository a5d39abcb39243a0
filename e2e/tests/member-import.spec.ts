import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signIn } from './sign-in.ts';

type OrgListItem = { id: number; name: string; type: string };

/** Weights and check characters of GB 11643-1999 (ISO 7064 MOD 11-2). */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

function checkChar(body17: string): string {
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return checkChars[sum % 11]!;
}

/** A member born 1990-03-07 (odd 17th digit: male), as the test imports them. */
const idBody = '11010119900307453';
const goodId = idBody + checkChar(idBody);
const badId = idBody + (checkChar(idBody) === '0' ? '1' : '0');
const memberName = '欧阳明远';

/** A roster file in the template's layout with one member of `branchName`. */
async function rosterFile(path: string, branchName: string, idNumber: string) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('党员名册');
  sheet.addRow(['姓名', '性别', '身份证号', '人员类别', '党籍状态', '入党日期', '转正日期', '所在党支部']);
  sheet.addRow([memberName, '男', idNumber, '教工', '正式党员', '2015-06-01', '2016-06-01', branchName]);
  await wb.xlsx.writeFile(path);
}

test('a branch secretary imports a roster: the report names the bad ID number, the fixed file goes in, the roster and its export show the member', async ({
  page,
}) => {
  await signIn(page, 'zhibu');

  // The secretary's scope is one branch: import into it by name, as the template asks.
  const orgs = (await (await page.request.get('/api/orgs')).json()) as OrgListItem[];
  const branch = orgs.find((o) => o.type === 'branch' || o.type === 'joint_branch')!;
  expect(branch).toBeTruthy();

  await page.getByRole('menuitem', { name: '党员管理' }).click();
  await page.getByRole('menuitem', { name: '党员名册' }).click();
  await expect(page).toHaveURL(/\/members/);
  await page
    .getByRole('button', { name: /导\s*入/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/members\/import/);

  // 1. A file with a wrong check character: the dry run lists it by row and column, nothing is written.
  const bad = test.info().outputPath('bad.xlsx');
  await rosterFile(bad, branch.name, badId);
  await page.locator('input[type=file]').setInputFiles(bad);
  await expect(page.getByText('第2行 身份证号：校验位错误')).toBeVisible();
  await expect(page.getByText(/文件中有 1 处问题，不能导入/)).toBeVisible();
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);

  // 2. The fixed file passes the check and is committed.
  const good = test.info().outputPath('good.xlsx');
  await rosterFile(good, branch.name, goodId);
  await page.locator('input[type=file]').setInputFiles(good);
  await expect(page.getByText('检查通过：将新增 1 人，更新 0 人。')).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成', { exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'good.xlsx' })).toBeVisible();

  // 3. The roster finds the new member.
  await page.getByRole('button', { name: '查看党员名册' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await page.getByLabel('关键字').fill(memberName);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByRole('link', { name: memberName })).toBeVisible();
  await expect(page.getByText('共 1 人').first()).toBeVisible();

  // 4. The export of the filtered list holds them (ID number masked for a list export).
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /导\s*出/ }).click();
  const download = await downloading;
  const saved = test.info().outputPath('export.xlsx');
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const cells: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  expect(cells).toContain(memberName);
  expect(cells).toContain('姓名');
  expect(cells).not.toContain(goodId);

  // 5. The person's page shows the import on the timeline.
  await page.getByRole('link', { name: memberName }).click();
  await expect(page).toHaveURL(/\/members\/\d+/);
  await page.getByRole('tab', { name: '时间线' }).click();
  await expect(page.getByText(/批量导入建档/)).toBeVisible();
});
