import { randomUUID } from 'node:crypto';
import { expect, test, accessTokenOf, expectNoAxeViolations, horizontalOverflow, openSection, saveScreenshot, signIn } from './support.ts';

/**
 * п. 6/4.1: the class teacher keeps the contact details of the class current, on the register
 * page; everyone keeps their own on «Мои данные».
 */
test('the class teacher keeps a student’s contacts current on the register', async ({ page, request }) => {
  test.slow(); // a conflict made through the API in between, two axe runs
  await signIn(page, 'teacher');
  await openSection(page, 'Коды для класса');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Пригласительные коды: 5А/);

  // The second student (the activation and users tests take parents).
  const students = page.getByRole('group', { name: /^Обучающиеся/ });
  const person = students.getByRole('listitem').nth(1);
  const name = (await person.locator('.person-name').innerText()).trim();
  await expect(person.locator('.contacts')).toBeVisible();
  // A checkbox ticked elsewhere in the list stays ticked through the edit.
  const other = students.getByRole('listitem').nth(2).getByRole('checkbox');
  await other.check();
  await expect(page.getByRole('button', { name: /^Выдать коды \(1\)/ })).toBeVisible();

  const edit = person.getByRole('button', { name: `Изменить контакты: ${name}` });
  await edit.click();
  const dialog = page.getByRole('dialog', { name: 'Контакты' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(name);
  const email = dialog.getByLabel('Электронная почта');
  const phone = dialog.getByLabel('Телефон');
  await expect(email).toBeFocused();
  await expect(phone).toHaveAccessibleDescription(/\+7XXXXXXXXXX/);

  // The API's messages next to their fields.
  await email.fill('ne-pochta');
  await phone.fill('12345');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Неверный адрес электронной почты');
  await expect(phone).toHaveAccessibleDescription(/^Телефон указывается как \+7XXXXXXXXXX/);
  await expect(email).toBeFocused();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'contacts-dialog-errors-desktop');

  // A phone as people write it becomes +7XXXXXXXXXX; the list follows without a reload.
  await email.fill('uchenik.5a@mail.example');
  await phone.fill('8 (916) 123-45-67');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();
  await expect(person.locator('.contacts')).toHaveText('uchenik.5a@mail.example · +7 916 123-45-67');
  await expect(page.getByRole('status').filter({ hasText: 'Контакты сохранены' })).toHaveText(`Контакты сохранены: ${name}.`);
  await expect(other).toBeChecked();
  await expect(page.getByRole('button', { name: /^Выдать коды \(1\)/ })).toBeVisible();

  // Escape closes, focus comes back.
  await edit.click();
  await expect(dialog.getByLabel('Телефон')).toHaveValue('+79161234567');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();

  // Someone else changes them meanwhile: the dialog says what is saved now, and saving again works.
  const auth = { Authorization: `Bearer ${await accessTokenOf(request, 'operator')}` };
  const me = (await (await request.get('/api/me', { headers: { Authorization: `Bearer ${await accessTokenOf(request, 'teacher')}` } })).json()) as {
    classTeacherOf: { classId: string }[];
  };
  const classId = me.classTeacherOf[0]?.classId ?? '';
  const invitees = (await (await request.get(`/api/invitees?scope=class&classId=${encodeURIComponent(classId)}`, { headers: auth })).json()) as {
    people: { personId: string; name: string; contactsVersion: number }[];
  };
  const record = invitees.people.find((p) => p.name === name);
  expect(record).toBeTruthy();
  const changed = await request.put(`/api/people/${encodeURIComponent(record?.personId ?? '')}/contacts`, {
    headers: auth,
    data: { clientRequestId: randomUUID(), contacts: { phone: '+79990001122' }, contactsVersion: record?.contactsVersion },
  });
  expect(changed.status(), await changed.text()).toBe(200);

  await edit.click();
  await dialog.getByLabel('Электронная почта').fill('novaya.pochta@mail.example');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  const conflict = dialog.getByRole('alert');
  await expect(conflict).toContainText('Контакты только что изменил другой пользователь');
  await expect(conflict).toContainText('Сейчас сохранено: +7 999 000-11-22');
  await expect(person.locator('.contacts')).toHaveText('+7 999 000-11-22');
  await expect(dialog.getByLabel('Электронная почта')).toHaveValue('novaya.pochta@mail.example');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'contacts-dialog-conflict-desktop');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(person.locator('.contacts')).toHaveText('novaya.pochta@mail.example · +7 916 123-45-67');
  await other.uncheck();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('a parent changes their own phone on «Мои данные»', async ({ page }) => {
    await signIn(page, 'parent');
    await page.getByRole('link', { name: 'Мои данные' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мои данные');
    await page.getByRole('button', { name: 'Изменить контакты' }).click();
    const dialog = page.getByRole('dialog', { name: 'Мои контакты' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Телефон')).toHaveAttribute('autocomplete', 'tel');
    await dialog.getByLabel('Телефон').fill('+7 903 555-44-33');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'my-contacts-dialog-phone');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Изменить контакты' })).toBeFocused();
    await expect(page.getByRole('main')).toContainText('+7 903 555-44-33');
    await expect(page.getByRole('status').filter({ hasText: 'Контакты сохранены.' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'my-data-contacts-phone');
  });
});
