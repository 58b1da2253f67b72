// Seeded card-payments generator: a population of cardholders paying through their day, with labelled fraud episodes.
import type { Transaction } from '../../shared/events/payments';
import { createCard, everydayTransaction, type Card, type TransactionDraft } from './payments-cardholders';
import { choosePattern, planEpisode, type FraudPattern, type PaymentTruth, type PlannedTransaction } from './payments-fraud';
import { MerchantDirectory } from './payments-merchants';
import { DueQueue } from './due-queue';
import { createRandom, type SeededRandom } from './random';
import type { TrafficGenerator, TrafficItem } from './traffic';

export interface PaymentsGeneratorOptions {
  seed: number | string;
  /** Transactions per second the runner will ask for; the card population is sized to produce it. */
  targetRate: number;
  /**
   * Share of transactions that are fraudulent (default 0.02). An episode's transactions count when it starts,
   * so the share holds over runs long against the episodes (an hour); in a one-minute run, the later
   * transactions of the episodes begun are still to come.
   */
  fraudShare?: number;
}

export const PAYMENTS_DEFAULTS = { fraudShare: 0.02 } as const;

/**
 * A card pays at most every 3 minutes (3 min plus an exponential 2 min on average): four gaps exceed the
 * 10-minute window in which 5 payments count as a velocity burst, so everyday spending never is one.
 */
export const EVERYDAY_GAP = { minMs: 3 * 60_000, meanExtraMs: 2 * 60_000 } as const;

/** Chance per everyday payment that an episode starts while fraud is below its share. */
const FRAUD_ONSET_CHANCE = 0.25;

/**
 * A card waiting in the queue: its next everyday payment, or the next transaction of its fraud episode. Only
 * the card's number and history length are kept; the card itself is re-derived from its number when it pays,
 * so a population of a million cards costs ~100 MB instead of ~1 GB.
 */
interface Due {
  cardNumber: number;
  transactions: number;
  episode?: { planned: PlannedTransaction; last: boolean };
}

/** Memory bound: ~100 bytes per waiting card. Past it, run several simulators with different seeds. */
export const MAX_CARDS = 1_000_000;

/**
 * Cards wait in a queue by when they next pay (simulated milliseconds from the start); each `next` emits the
 * earliest. When an everyday payment comes due and fraud is below its share, that card may instead start an
 * episode: its transactions are queued at their offsets and its everyday payments pause. After the episode
 * the card is blocked and reissued: a new card with a new id takes its place, as a bank would do, so no
 * later genuine payment is mistaken for the fraud's aftermath.
 *
 * Time: event time is the wall clock (`nowMs`), never a simulated clock running ahead of it. Decision latency
 * (event time → alert) is then real, and every rule sees minutes as minutes. A cardholder's week cannot be
 * replayed in a demo without moving event time off the clock, so the time scale is compressed instead: cards
 * pay every 3 minutes or more, 5 on average (a profile has the ~10 payments the amount rule needs within the
 * first hour), and the fraud patterns unfold over minutes (see FRAUD_TIMING). The daily rhythm is real: the local hour of
 * `nowMs` in the card's home city shapes what it buys. Random draws never depend on `nowMs` (the hour
 * chooses among categories with one draw), so a seed fixes the cards, ids and fraud episodes at any time of day.
 */
export class PaymentsGenerator implements TrafficGenerator<Transaction, PaymentTruth> {
  private readonly random: SeededRandom;
  private readonly cardRandom: SeededRandom;
  private cardsIssued = 0;
  private readonly merchants: MerchantDirectory;
  private readonly due = new DueQueue<Due>();
  private readonly fraudShare: number;
  private readonly population: number;
  private generated = 0;
  private fraudPlanned = 0;
  private readonly counts = { fraudEpisodes: 0, fraudTransactions: 0, cardsReissued: 0 };

  constructor(options: PaymentsGeneratorOptions) {
    if (!(options.targetRate > 0)) throw new RangeError('targetRate must be positive');
    this.fraudShare = options.fraudShare ?? PAYMENTS_DEFAULTS.fraudShare;
    if (!(this.fraudShare >= 0 && this.fraudShare < 1)) throw new RangeError(`fraudShare must be in [0, 1), got ${this.fraudShare}`);
    this.random = createRandom(options.seed).derive('payments');
    this.cardRandom = this.random.derive('cards');
    this.merchants = new MerchantDirectory(this.random.derive('merchants'));
    const meanGapMs = EVERYDAY_GAP.minMs + EVERYDAY_GAP.meanExtraMs;
    // Little's law: cards = payments per second × mean seconds between a card's payments.
    this.population = Math.max(1, Math.round((options.targetRate * meanGapMs) / 1000));
    if (this.population > MAX_CARDS) {
      throw new RangeError(
        `targetRate ${options.targetRate}/s needs ${this.population} cards, more than ${MAX_CARDS}; run several simulators with different seeds`,
      );
    }
    for (let index = 0; index < this.population; index++) this.due.push(this.untilFirstPaymentMs(), this.issueCard());
  }

  next(nowMs: number): TrafficItem<Transaction, PaymentTruth> {
    const slot = this.due.pop();
    if (slot === undefined) throw new Error('The card population is never empty');
    const { dueMs, value } = slot;
    const { draft, truth } = value.episode === undefined ? this.everydayOrEpisode(value, dueMs, nowMs) : this.continueEpisode(value, dueMs);
    this.generated++;
    if (truth.fraud) this.counts.fraudTransactions++;
    else value.transactions++;
    const transaction: Transaction = {
      schemaVersion: 1,
      transactionId: this.random.uuid(),
      ...draft,
      occurredAt: new Date(nowMs).toISOString(),
    };
    return { id: transaction.transactionId, payload: transaction, truth };
  }

  activeCount(): number {
    return this.population;
  }

  counters(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }

  private everydayOrEpisode(due: Due, dueMs: number, nowMs: number): PlannedTransaction {
    const card = this.cardOf(due);
    if (this.fraudPlanned < this.fraudShare * (this.generated + 1) && this.random.chance(FRAUD_ONSET_CHANCE)) {
      return this.startEpisode(due, card, choosePattern(card, this.random), dueMs, nowMs);
    }
    const planned = { offsetMs: 0, draft: everydayTransaction(card, nowMs, this.random, this.merchants), truth: { fraud: false } };
    this.due.push(dueMs + this.everydayGapMs(), due);
    return planned;
  }

  /** Queues the episode's later transactions and returns its first. */
  private startEpisode(due: Due, card: Card, pattern: FraudPattern, dueMs: number, nowMs: number): PlannedTransaction {
    const episodeId = `${pattern}#${++this.counts.fraudEpisodes}`;
    const planned = planEpisode(pattern, { card, episodeId, nowMs, random: this.random, merchants: this.merchants });
    this.fraudPlanned += planned.filter(({ truth }) => truth.fraud).length;
    planned.slice(1).forEach((later, index) => {
      this.due.push(dueMs + later.offsetMs, { ...due, episode: { planned: later, last: index === planned.length - 2 } });
    });
    if (planned.length === 1) this.reissue(dueMs);
    return planned[0] as PlannedTransaction;
  }

  private continueEpisode({ episode }: Due, dueMs: number): PlannedTransaction {
    const { planned, last } = episode as NonNullable<Due['episode']>;
    if (last) this.reissue(dueMs);
    return planned;
  }

  /** The compromised card is blocked; a new cardholder takes its place in the population. */
  private reissue(dueMs: number): void {
    this.counts.cardsReissued++;
    this.due.push(dueMs + this.everydayGapMs(), this.issueCard());
  }

  private issueCard(): Due {
    return { cardNumber: this.cardsIssued++, transactions: 0 };
  }

  /** The same card every time for a number: its own random stream, independent of everything drawn before. */
  private cardOf({ cardNumber, transactions }: Due): Card {
    return { ...createCard(this.cardRandom.derive(String(cardNumber))), transactions };
  }

  /**
   * The time to a card's next payment seen at a random moment (the gap's equilibrium residual): uniform over
   * the minimum gap with probability min/mean, else the minimum plus the exponential part. The population is
   * then in steady state from the first second, so simulated time keeps pace with the runner's clock.
   */
  private untilFirstPaymentMs(): number {
    const { minMs, meanExtraMs } = EVERYDAY_GAP;
    const withinMinimum = this.cardRandom.chance(minMs / (minMs + meanExtraMs));
    const uniform = this.cardRandom.next() * minMs;
    const extra = this.cardRandom.exponential(meanExtraMs);
    return withinMinimum ? uniform : minMs + extra;
  }

  private everydayGapMs(): number {
    return EVERYDAY_GAP.minMs + this.random.exponential(EVERYDAY_GAP.meanExtraMs);
  }
}

export function createPaymentsGenerator(options: PaymentsGeneratorOptions): PaymentsGenerator {
  return new PaymentsGenerator(options);
}

export type { FraudPattern, PaymentTruth, TransactionDraft };
