// The alert links of the notifier's mails land here (/alerts#action=…&id=…&token=…):
// confirm (double opt-in), manage (see or delete one alert) and unsubscribe. Tokens come in
// the fragment, which the browser never sends to a server.
import { confirmAlert, deleteAlert, getAlert, messageOf, unsubscribeAlert, type Alert } from './api.js';
import { el, money } from './format.js';
import { byId, markCurrentNav } from './ui.js';

markCurrentNav();

const root = byId('alert');
const title = byId('alert-title');
const params = new URLSearchParams(location.hash.slice(1));
const id = params.get('id') ?? '';
const token = params.get('token') ?? '';
const access = params.get('access') ?? '';

function show(heading: string, ...children: Node[]): void {
  title.textContent = heading;
  root.replaceChildren(...children);
  title.focus();
}

function describe(alert: Alert): string {
  const f = alert.filters ?? {};
  const t = alert.target ?? {};
  const parts = [alert.show];
  if (f.city) parts.push(f.city);
  if (f.from || f.to) parts.push(`${f.from ?? '…'} to ${f.to ?? '…'}`);
  if (f.days) parts.push(f.days.join(', '));
  if (f.time) parts.push(f.time);
  if (f.quantity) parts.push(`${f.quantity} tickets`);
  if (f.section) parts.push(f.section);
  if (f.clearView) parts.push('clear view');
  if (t.maxPrice) parts.push(`at or below ${money(Math.round(t.maxPrice * 100))} all-in`);
  if (t.minQuality !== undefined) parts.push(`seat quality ${t.minQuality}+`);
  return parts.join(' · ');
}

async function manage(): Promise<void> {
  let alert: Alert;
  try {
    alert = await getAlert(id, access);
  } catch (err) {
    return show('Alert not found', el('p', {}, messageOf(err)));
  }
  const remove = el('button', { class: 'button', type: 'button' }, 'Delete this alert');
  remove.addEventListener('click', async () => {
    try {
      await deleteAlert(id, access);
      show(
        'Alert deleted',
        el('p', {}, 'You will get no more mail for it, and your address is deleted with it.'),
      );
    } catch (err) {
      show('Could not delete the alert', el('p', {}, messageOf(err)));
    }
  });
  show(
    alert.status === 'active' ? 'Your price alert is on' : 'Your price alert waits for confirmation',
    el('p', { 'data-testid': 'alert-summary' }, describe(alert)),
    el('p', { class: 'muted' }, `Sent to ${alert.email}.`),
    remove,
  );
}

async function confirm(): Promise<void> {
  try {
    await confirmAlert(id, token);
  } catch (err) {
    return show('This link does not work', el('p', {}, messageOf(err)));
  }
  if (access) return manage();
  show('Your price alert is on', el('p', {}, 'We will email you when seats like these get cheaper.'));
}

function unsubscribe(): void {
  const button = el('button', { class: 'button', type: 'button' }, 'Unsubscribe');
  button.addEventListener('click', async () => {
    try {
      await unsubscribeAlert(id, token);
      show(
        'Unsubscribed',
        el('p', {}, 'You will get no more mail for this alert, and your address is deleted with it.'),
      );
    } catch (err) {
      show('This link does not work', el('p', {}, messageOf(err)));
    }
  });
  show(
    'Stop this price alert?',
    el('p', {}, 'One click and the alert and your address are deleted.'),
    button,
  );
}

const action = params.get('action');
if (!id)
  show('Price alerts', el('p', {}, 'Open the link from one of our emails to confirm or manage an alert.'));
else if (action === 'confirm') void confirm();
else if (action === 'manage') void manage();
else if (action === 'unsubscribe') unsubscribe();
else show('Price alerts', el('p', {}, 'This link is incomplete.'));
