import { expect, type Page } from '@playwright/test';
import { ApprovalDialog } from './approval-dialog';

/** 报表 → 日结: one day closed with its cash count and a manager's PIN. */
export async function closeDay(page: Page, { date, cash, pin }: { date: string; cash: string; pin: string }) {
  await page.goto('/#/reports');
  const panel = page.getByRole('region', { name: '日结' });
  await panel.getByLabel('日期').fill(date);
  await panel.getByLabel('清点现金（元）').fill(cash);
  await panel.getByRole('button', { name: '确认日结' }).click();
  await new ApprovalDialog(page).approve({ reason: '日结', pin });
  await expect(panel.getByRole('status')).toContainText(`${date} 已日结`);
}
