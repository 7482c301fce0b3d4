// Primary buttons stay readable under the pointer, in both themes (the generic hover used to
// paint the light hover background under the primary button's white text).
import { expect, test } from '../support/fixtures';
import { textContrast } from './contrast';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('Resume and Settings › Save keep 4.5:1 under the pointer', async ({ app }) => {
      await app.getByTestId('pause').click();
      const resume = app.getByTestId('resume');
      await resume.hover();
      expect(await textContrast(resume)).toBeGreaterThanOrEqual(4.5);
      await app.getByRole('button', { name: 'Settings' }).click();
      const save = app.getByRole('dialog').getByRole('button', { name: 'Save' });
      await save.hover();
      expect(await textContrast(save)).toBeGreaterThanOrEqual(4.5);
    });
  });
}
