// The dashboard page: the API key, the panels, and the refresh every 5 seconds (all data via the keyed read APIs).
import { createApiClient } from './api-client';
import { createKeyStore } from './key-store';
import { apiBaseUrl } from './model/page-location';
import { failureOutcome } from './model/panel-state';
import { camerasPanel } from './panels/cameras';
import { clickstreamPanel } from './panels/clickstream';
import { flinkPanel } from './panels/flink';
import { fraudPanel } from './panels/fraud';
import { iotPanel } from './panels/iot';
import type { PanelDefinition, Refresh } from './panels/panel';
import { streamsPanel } from './panels/streams';
import { startRefreshLoop } from './refresh-loop';
import { element } from './view/dom';
import { createPanelFrame, type PanelFrame } from './view/panel-frame';

const REFRESH_INTERVAL_MS = 5_000;
const PANELS: readonly PanelDefinition[] = [streamsPanel, clickstreamPanel, flinkPanel, iotPanel, fraudPanel, camerasPanel];

interface MountedPanel {
  frame: PanelFrame;
  refresh: Refresh;
}

function keyForm(onKey: (key: string) => void): { root: HTMLFormElement; show(reason: string): void; hide(): void } {
  const input = element('input', { attributes: { type: 'password', name: 'apiKey', autocomplete: 'off', placeholder: 'API key', 'aria-label': 'API key' } });
  const reason = element('span', { className: 'key-reason' });
  const root = element('form', { className: 'key-form' }, [reason, input, element('button', { text: 'Use key', attributes: { type: 'submit' } })]);
  root.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) onKey(input.value);
    input.value = '';
  });
  return {
    root,
    show(text) {
      reason.textContent = text;
      root.hidden = false;
      input.focus();
    },
    hide() {
      root.hidden = true;
    },
  };
}

function start(): void {
  const keys = createKeyStore();
  const app = document.getElementById('app');
  if (!app) throw new Error('The page template has no #app element');

  const status = element('span', { className: 'refresh-status', text: 'connecting…' });
  const mounted: MountedPanel[] = PANELS.map((panel) => {
    const frame = createPanelFrame(panel.name, panel.title, panel.explanation, panel.wide === true);
    return { frame, refresh: panel.mount(frame.body) };
  });
  const form = keyForm((key) => {
    keys.set(key);
    form.hide();
    loop.refreshNow();
  });
  form.hide();
  const api = createApiClient(apiBaseUrl(location.href), () => keys.current(), () => form.show('The API key was refused; enter another:'));
  app.append(
    element('header', { className: 'page-header' }, [
      element('div', {}, [element('h1', { text: 'Streaming reference: live dashboard' }), element('p', { className: 'subtitle', text: 'Kinesis → Lambda → DynamoDB, Firehose and Flink, refreshed every 5 seconds.' })]),
      element('div', { className: 'header-side' }, [form.root, status]),
    ]),
    element('main', { className: 'panels' }, mounted.map(({ frame }) => frame.root)),
  );

  async function round(): Promise<void> {
    if (keys.current() === undefined) {
      form.show('Enter the stack\u2019s API key (npm start prints a link with it):');
      status.textContent = 'waiting for an API key';
      return;
    }
    api.newRound();
    const nowMs = Date.now();
    const outcomes = await Promise.all(mounted.map(({ refresh }) => refresh({ api, nowMs }).catch(failureOutcome)));
    const at = new Date();
    mounted.forEach(({ frame }, index) => frame.show(outcomes[index] ?? { state: 'error', message: 'No outcome' }, at));
    status.textContent = `refreshed ${at.toLocaleTimeString('en-GB', { hour12: false })}`;
  }

  const loop = startRefreshLoop({
    intervalMs: REFRESH_INTERVAL_MS,
    round,
  });
}

start();
