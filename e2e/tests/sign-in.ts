import { expect, type Page } from '@playwright/test';
import { demoPassword } from '../playwright.config.ts';

/** Signs a demo account in through the login page and waits for the signed-in frame (its main landmark). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('main')).toBeVisible();
}
