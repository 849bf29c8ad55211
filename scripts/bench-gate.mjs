// The till's gate for the browser benches: on first run the canteen's first 负责人 is set up (as on day one),
// after that they sign in. Every bench page passes it before it measures anything.
export const BENCH_MANAGER = { name: '刘经理', pin: '246810' };

/** Waits for the frame, the first-run form or the sign-in form, and gets past whichever shows. */
export async function passGate(page, person = BENCH_MANAGER) {
  const frame = page.getByRole('navigation', { name: '功能' });
  const firstRun = page.getByRole('form', { name: '设置负责人' });
  const signIn = page.getByRole('form', { name: '登录' });
  await frame.or(firstRun).or(signIn).waitFor({ timeout: 60_000 });
  if (await firstRun.isVisible()) {
    await firstRun.getByLabel('负责人姓名').fill(person.name);
    await firstRun.getByLabel('负责人密码').fill(person.pin);
    await firstRun.getByLabel('再输一次').fill(person.pin);
    await firstRun.getByRole('button', { name: '设置负责人并登录' }).click();
  } else if (await signIn.isVisible()) {
    const option = signIn.getByLabel('姓名').locator('option', { hasText: `${person.name}（` });
    await signIn.getByLabel('姓名').selectOption((await option.getAttribute('value')) ?? '');
    await signIn.getByLabel('密码').fill(person.pin);
    await signIn.getByLabel('密码').press('Enter');
  }
  await frame.waitFor({ timeout: 60_000 });
}

/** A manager's approval dialog, answered with the bench manager's PIN. */
export async function approve(page, pin = BENCH_MANAGER.pin) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('负责人密码').fill(pin);
  await dialog.getByLabel('负责人密码').press('Enter');
  await dialog.waitFor({ state: 'hidden' });
}
