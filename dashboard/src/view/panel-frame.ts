// The frame every panel shares: title, a one-line explanation for learners, state badge, message and body.
import { formatClock } from '../model/format';
import type { PanelOutcome, PanelState } from '../model/panel-state';
import { element } from './dom';

export interface PanelFrame {
  root: HTMLElement;
  body: HTMLElement;
  show(outcome: PanelOutcome, at: Date): void;
}

const BADGE_TEXT: Record<PanelState, string> = { loading: 'loading', live: 'live', empty: 'no data yet', error: 'error' };

export function createPanelFrame(name: string, title: string, explanation: string, wide: boolean): PanelFrame {
  const badge = element('span', { className: 'badge', text: BADGE_TEXT.loading });
  const message = element('p', { className: 'panel-message', attributes: { role: 'status' } });
  message.hidden = true;
  const updated = element('span', { className: 'updated' });
  const body = element('div', { className: 'panel-body' });
  const root = element(
    'section',
    { className: `panel${wide ? ' wide' : ''}`, attributes: { 'data-panel': name, 'data-state': 'loading', 'aria-busy': 'true' } },
    [
      element('header', { className: 'panel-header' }, [element('h2', { text: title }), badge, updated]),
      element('p', { className: 'explain', text: explanation }),
      message,
      body,
    ],
  );

  return {
    root,
    body,
    show(outcome, at) {
      root.dataset.state = outcome.state;
      root.setAttribute('aria-busy', 'false');
      badge.textContent = BADGE_TEXT[outcome.state];
      const text = outcome.state === 'live' ? outcome.note : outcome.message;
      message.textContent = text ?? '';
      message.hidden = !text;
      updated.textContent = `updated ${formatClock(at.toISOString())}`;
    },
  };
}
