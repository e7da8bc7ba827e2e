import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible as expectPageAccessible, openJourney, type Journey } from './support/journey.js';

const availability = browserAvailability();
const password = 'Certus-demo-2026';

describe.skipIf(!availability.run)('service request journey in the browser', () => {
  let journey: Journey;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    journey = await openJourney();
    ({ page, consoleErrors } = journey);
  });

  afterAll(async () => journey?.close());

  const expectAccessible = (name: string) => expectPageAccessible(page, name);

  async function signIn(email: string) {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signOut() {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByText('You have signed out').waitFor();
  }

  it('a requester raises a request, the service desk fulfils it in order, and the requester confirms and rates it', async () => {
    // The requester lands in the portal and finds what to ask for.
    await signIn('requester@northwind.example');
    await page.getByRole('heading', { name: 'Request portal', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Request portal/ }).waitFor();
    await page.getByRole('article', { name: 'New starter laptop' }).getByText('Needs approval').waitFor();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await page.getByText('Loading your requests…').waitFor({ state: 'detached' });
    await screenshot(page, 'requests-01-portal');
    await expectAccessible('request portal');

    // Reporting an incident from the portal opens the requester's own form (its journey is portal-incidents).
    await page.getByRole('link', { name: 'Report a problem (incident)' }).click();
    await page.getByRole('heading', { name: 'Report a problem', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Request portal', level: 1 }).waitFor();

    await page.getByRole('textbox', { name: 'Search the catalogue' }).fill('installation');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('article', { name: 'New starter laptop' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Request Software installation' }).click();

    // The form comes from the model; required answers are checked before sending.
    await page.getByRole('heading', { name: 'Request: Software installation', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByText('Some answers need attention').waitFor();
    const software = page.getByRole('textbox', { name: /^Software and version/ });
    await expect(software.getAttribute('aria-invalid')).resolves.toBe('true');
    await software.fill('Visio 2024');
    await page.getByRole('checkbox', { name: 'I already have a licence' }).check();
    await page.getByRole('textbox', { name: /^What you need it for/ }).fill('Drawing the new network diagrams.');
    await screenshot(page, 'requests-02-form');
    await expectAccessible('request form');
    await page.getByRole('button', { name: 'Submit request' }).click();

    // The request page: submitted, nothing done yet.
    const heading = page.getByRole('heading', { level: 1, name: /^REQ-\d{6} · Software installation/ });
    await heading.waitFor();
    const reference = ((await heading.textContent()) ?? '').slice(0, 10);
    expect(reference).toMatch(/^REQ-\d{6}$/);
    await expect(page.getByTestId('request-status').textContent()).resolves.toBe('Submitted');
    await page.getByText('Visio 2024').waitFor();
    await page.getByRole('textbox', { name: 'Add a message' }).fill('Needed by Friday, please.');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('article', { name: /Message from Mark Ellis/ }).getByText('Needed by Friday, please.').waitFor();
    await screenshot(page, 'requests-03-submitted');
    await expectAccessible('request page (submitted)');
    await signOut();

    // The agent starts fulfilment; the tasks appear in order and must be done in order.
    await signIn('service-desk-agent@northwind.example');
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();
    await page.goto(`/records/service-requests/${reference}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${reference} · Software installation`) }).waitFor();
    // The answers read under the model's own questions, not as its keys.
    const answers = page.getByRole('region', { name: 'Answers' });
    await answers.getByText(/^Software and version/).waitFor();
    await answers.getByText('Visio 2024').waitFor();
    await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Start fulfilment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Start fulfilment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${reference} is now In fulfilment.`).waitFor();
    const tasks = page.getByRole('region', { name: 'Fulfilment tasks' });
    await tasks.getByTestId('task-3').waitFor();
    // Later tasks wait for the earlier ones: no Complete until then, and the page says for which.
    await tasks.getByTestId('task-2').getByText('Waits for #1').waitFor();
    await tasks.getByTestId('task-3').getByText('Waits for #1, #2').waitFor();
    expect(await tasks.getByRole('button', { name: /^Complete task [23]/ }).count()).toBe(0);
    await screenshot(page, 'requests-04-task-order');
    await expectAccessible('service request with tasks');
    for (const position of [1, 2, 3]) {
      await tasks.getByRole('button', { name: new RegExp(`^Complete task ${position}`) }).click();
      await tasks.getByTestId(`task-${position}`).getByText('Done').waitFor();
    }
    // The three "completed" messages stack at the top right, over the dialog's buttons, and the
    // pointer resting on one keeps it open: let them go before asking to fulfil.
    await expect.poll(() => page.getByText(/^RTK-\d{6} completed\.$/).count(), { timeout: 20_000 }).toBe(0);
    await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Mark fulfilled' }).click();
    await dialog.getByRole('button', { name: 'Mark fulfilled' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${reference} is now Fulfilled.`).waitFor();
    // The fulfilment clock has stopped, and its timeline says so (met or not depends on the hour).
    const clocks = page.getByRole('region', { name: 'Clocks' });
    const fulfilment = clocks.getByRole('listitem', { name: 'Fulfilment target' });
    await fulfilment.getByText(/^Stopped, (within target|target missed)$/).waitFor();
    await fulfilment.getByRole('button', { name: 'Show the timeline of Fulfilment target' }).click();
    await fulfilment.getByRole('list', { name: 'Timeline of Fulfilment target' }).getByText('Stopped: fulfilled').waitFor();
    await expectAccessible('service request clock');
    await signOut();

    // The requester sees it fulfilled, every task done, and confirms with a rating.
    await signIn('requester@northwind.example');
    await page.getByRole('heading', { name: 'Request portal', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Fulfilled — please confirm').waitFor();
    await row.getByRole('link', { name: reference }).click();
    await page.getByText('3 of 3 tasks done').waitFor();
    await expect(page.getByTestId('request-status').textContent()).resolves.toBe('Fulfilled');
    await page.getByRole('button', { name: 'Confirm and rate' }).click();
    await page.getByText('Choose a rating from 1 to 5 stars').waitFor();
    // The stars are radio buttons: chosen here with the keyboard.
    await page.getByRole('group', { name: /How satisfied are you/ }).getByLabel('4 of 5').focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel('4 of 5').isChecked()).resolves.toBe(true);
    await page.getByRole('textbox', { name: /^Comment/ }).fill('Installed quickly; the licence took a day.');
    await screenshot(page, 'requests-05-confirm');
    await expectAccessible('confirm and rate');
    await page.getByRole('button', { name: 'Confirm and rate' }).click();
    await page.getByText('Thank you: your request is closed.').waitFor();
    await expect(page.getByTestId('request-status').textContent()).resolves.toBe('Closed');
    await page.getByText('4 of 5').waitFor();
    await page.getByRole('button', { name: 'Confirm and rate' }).waitFor({ state: 'detached' });
    await screenshot(page, 'requests-06-closed');
    await signOut();

    expect(consoleErrors.filter((e) => !/401|Unauthorized|status of 4\d\d/.test(e))).toEqual([]);
  });

  it('a catalogue owner designs a request model in the editor, publishes it, and it appears in the portal', async () => {
    await signIn('service-level-manager@northwind.example');
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Request model editor/ }).click();
    await page.getByRole('heading', { name: 'New request model', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Second monitor');
    await page.getByRole('combobox', { name: /^Service/ }).click();
    await page.getByRole('option', { name: /^Service desk/ }).click();
    await page.getByRole('textbox', { name: 'Fulfilment group' }).fill('End-user computing');
    await page.getByRole('textbox', { name: 'Target (business hours)' }).fill('16');

    // Questions and tasks are rows: added, filled, reordered.
    await page.getByRole('button', { name: 'Add a question' }).click();
    const first = page.getByRole('group', { name: /^Question 1/ });
    await first.getByRole('textbox', { name: /^Question/ }).fill('How many monitors');
    await expect(first.getByRole('textbox', { name: /^Key/ }).inputValue()).resolves.toBe('howManyMonitors');
    await first.getByRole('combobox', { name: 'Answer' }).click();
    await page.getByRole('option', { name: 'Choice' }).click();
    await first.getByRole('textbox', { name: /^Options/ }).fill('1, 2');
    await first.getByRole('checkbox', { name: 'Required' }).check();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByRole('group', { name: /^Question 2/ }).getByRole('textbox', { name: /^Question/ }).fill('Desk number');
    await page.getByRole('button', { name: 'Move question 2 up' }).click();
    await page.getByRole('group', { name: 'Question 1: Desk number' }).waitFor();
    await page.getByRole('button', { name: 'Add a task' }).click();
    await page.getByRole('group', { name: /^Task 1/ }).getByRole('textbox', { name: /^Task/ }).fill('Fit the monitor');
    await page.getByRole('button', { name: 'Add a task' }).click();
    await page.getByRole('group', { name: /^Task 2/ }).getByRole('textbox', { name: /^Task/ }).fill('Order the monitor');
    await page.getByRole('button', { name: 'Move task 2 up' }).click();
    await page.getByRole('group', { name: 'Task 1: Order the monitor' }).waitFor();
    await screenshot(page, 'requests-07-model-editor');
    await expectAccessible('request model editor');
    await page.getByRole('button', { name: 'Create draft' }).click();

    const heading = page.getByRole('heading', { level: 1, name: /^RQM-\d{6} · Second monitor/ });
    await heading.waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published models do not change').waitFor();
    await expect(page.getByRole('textbox', { name: /^Name/ }).getAttribute('readonly')).resolves.not.toBeNull();
    await page.getByRole('button', { name: 'Make a draft copy' }).waitFor();

    // Published: it is in the catalogue, with its questions in the order given.
    await page.goto('/portal');
    await page.getByRole('link', { name: 'Request Second monitor' }).click();
    await page.getByRole('heading', { name: 'Request: Second monitor', level: 1 }).waitFor();
    const labels = await page.locator('form label').allTextContents();
    const desk = labels.findIndex((l) => l.startsWith('Desk number'));
    const monitors = labels.findIndex((l) => l.startsWith('How many monitors'));
    expect(desk).toBeGreaterThanOrEqual(0);
    expect(monitors).toBeGreaterThan(desk);

    // The request KPIs over the demo's last 90 days, each with its definition.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Request KPIs/ }).click();
    await page.getByRole('heading', { name: 'Request KPIs', level: 1 }).waitFor();
    const figures = page.getByRole('region', { name: /^Request KPIs from/ });
    await figures.getByText('Fulfilled within target', { exact: true }).waitFor();
    await figures.getByText('Satisfaction response rate', { exact: true }).waitFor();
    await screenshot(page, 'requests-08-kpis');
    await expectAccessible('request KPIs');
    await signOut();
    expect(consoleErrors.filter((e) => !/401|Unauthorized|status of 4\d\d/.test(e))).toEqual([]);
  });
});
