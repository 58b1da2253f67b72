// Seeded clickstream generator: a crowd of concurrent browsing sessions, each a journey through the shop, interleaved in time.
import type { ClickEvent } from '../../shared/events/clickstream';
import {
  cartPage,
  categoryPage,
  checkoutPage,
  confirmationPage,
  homePage,
  productPage,
  searchPage,
  Site,
  type Category,
  type Page,
  type Product,
} from './clickstream-site';
import { entryStep, MEAN_THINK_MS, nextMove, thinkTimeMs, type Position, type Step } from './clickstream-journey';
import { VisitorPool, type Visitor } from './clickstream-visitors';
import { DueQueue } from './due-queue';
import { createRandom, WeightedChoice, type SeededRandom } from './random';
import type { TrafficGenerator, TrafficItem } from './traffic';

export interface ClickstreamGeneratorOptions {
  seed: number | string;
  /**
   * Events per second the runner will ask for. It sizes the crowd: with a mean think time T between a
   * visitor's events, R events/s need R·T visitors browsing at once (Little's law).
   */
  targetRate: number;
  /**
   * Multiplies every think time (default 1): 0.25 plays sessions four times faster, so a short demo shows
   * whole journeys; 3 gives long, contemplative sessions. The event rate stays `targetRate` either way.
   */
  thinkTimeScale?: number;
}

type Properties = NonNullable<ClickEvent['properties']>;

interface CartLine {
  product: Product;
  quantity: number;
}

interface Session {
  sessionId: string;
  visitor: Visitor;
  loggedIn: boolean;
  /** Decided when the previous event was emitted; emitted when the session next comes due. */
  pending: Step;
  position?: Position;
  page?: Page;
  /** The referrer of the current page: the previous page, or the external site the visitor came from. */
  pageReferrer?: string;
  category?: Category;
  product?: Product;
  searchCategory?: Category;
  lastSearchFoundNothing: boolean;
  cart: CartLine[];
  steps: number;
}

const CURRENCY = 'USD';

const EXTERNAL_REFERRERS = new WeightedChoice<string | null>([
  [null, 35],
  ['https://www.google.com/', 33],
  ['https://search.naver.com/', 5],
  ['https://www.bing.com/', 3],
  ['https://www.instagram.com/', 7],
  ['https://www.facebook.com/', 5],
  ['https://mail.example.net/newsletter', 7],
  ['https://blog.example.org/best-gifts-2026', 5],
]);

const CLICK_TARGETS: Record<Position, readonly string[]> = {
  home: ['hero_banner', 'nav_menu', 'promo_tile'],
  category: ['filter_size', 'filter_price', 'sort', 'next_page'],
  search: ['filter_category', 'sort', 'did_you_mean'],
  product: ['image_gallery', 'size_guide', 'reviews', 'shipping_info'],
  add_to_cart: ['mini_cart', 'continue_shopping'],
  cart: ['promo_code', 'quantity_stepper', 'shipping_estimate'],
  checkout: ['shipping_method', 'payment_method', 'terms'],
  purchase: ['order_details', 'create_account'],
};

/** Logged-in share among visitors with an account: most stay signed in between visits. */
const SIGNED_IN_SHARE = 0.7;

const roundToCents = (amount: number): number => Math.round(amount * 100) / 100;
const cartItems = (cart: readonly CartLine[]): number => cart.reduce((sum, line) => sum + line.quantity, 0);
const cartValue = (cart: readonly CartLine[]): number =>
  roundToCents(cart.reduce((sum, line) => sum + line.product.price * line.quantity, 0));

/**
 * The generator keeps a constant crowd of sessions in a queue ordered by when each is next due (virtual
 * milliseconds from the start). Each `next` emits the event of the earliest session, then either schedules
 * its next step after a think time or ends it and lets a new visitor arrive after an exponential gap.
 * Constant crowd × exponential arrivals gives Poisson-like session arrivals and, unlike an open arrival
 * process, the full event rate from the first second (no warm-up ramp in a 60-second run).
 *
 * Random draws never depend on `nowMs`, so a seed fixes the whole sequence of events and ids; `nowMs`
 * only stamps `occurredAt`.
 */
export class ClickstreamGenerator implements TrafficGenerator<ClickEvent> {
  private readonly random: SeededRandom;
  private readonly site = new Site();
  private readonly visitors: VisitorPool;
  private readonly due = new DueQueue<Session>();
  /** Visitors with a session in the crowd: a returning visitor starts a new session only after the last one ended. */
  private readonly browsing = new Set<string>();
  private started = 0;
  private ended = 0;
  private purchases = 0;
  private readonly thinkTimeScale: number;
  private readonly meanGapMs: number;

  constructor(options: ClickstreamGeneratorOptions) {
    if (!(options.targetRate > 0)) throw new RangeError('targetRate must be positive');
    this.thinkTimeScale = options.thinkTimeScale ?? 1;
    if (!(this.thinkTimeScale > 0)) throw new RangeError('thinkTimeScale must be positive');
    this.random = createRandom(options.seed).derive('clickstream');
    this.visitors = new VisitorPool(this.random.derive('visitors'));
    this.meanGapMs = MEAN_THINK_MS * this.thinkTimeScale;
    const crowd = Math.max(1, Math.round((options.targetRate * this.meanGapMs) / 1000));
    // Exponential first delays make the crowd look like one already in steady state.
    for (let index = 0; index < crowd; index++) this.due.push(this.random.exponential(this.meanGapMs), this.newSession());
  }

  next(nowMs: number): TrafficItem<ClickEvent> {
    const slot = this.due.pop();
    if (slot === undefined) throw new Error('The session crowd is never empty');
    const { dueMs, value: session } = slot;
    if (session.steps === 0) this.started++;
    const step = session.pending;
    const event = this.emit(session, step, new Date(nowMs).toISOString());
    const move = nextMove(session.position ?? 'home', this.journeyContext(session), session.steps, this.random);
    if (move === 'exit') {
      this.ended++;
      this.browsing.delete(session.visitor.anonymousId);
      this.due.push(dueMs + this.random.exponential(this.meanGapMs), this.newSession());
    } else {
      session.pending = move;
      this.due.push(dueMs + thinkTimeMs(step, this.random, this.thinkTimeScale), session);
    }
    return { id: event.eventId, payload: event };
  }

  activeCount(): number {
    return this.started - this.ended;
  }

  counters(): Readonly<Record<string, number>> {
    return { sessionsStarted: this.started, sessionsEnded: this.ended, purchases: this.purchases };
  }

  private newSession(): Session {
    const visitor = this.visitors.nextVisitor((candidate) => this.browsing.has(candidate.anonymousId));
    this.browsing.add(visitor.anonymousId);
    const external = EXTERNAL_REFERRERS.sample(this.random);
    const session: Session = {
      sessionId: `s_${this.random.hex(24)}`,
      visitor,
      loggedIn: visitor.accountId !== undefined && this.random.chance(SIGNED_IN_SHARE),
      pending: entryStep(this.random),
      lastSearchFoundNothing: false,
      cart: [],
      steps: 0,
    };
    if (external !== null) session.pageReferrer = external;
    return session;
  }

  private journeyContext(session: Session): { cartItems: number; lastSearchFoundNothing: boolean } {
    return { cartItems: cartItems(session.cart), lastSearchFoundNothing: session.lastSearchFoundNothing };
  }

  /** Applies the step to the session and returns its event. */
  private emit(session: Session, step: Step, occurredAt: string): ClickEvent {
    const { eventType, properties } = this.perform(session, step);
    session.steps++;
    const page = session.page ?? homePage();
    const { visitor, pageReferrer } = session;
    const userId = session.loggedIn ? visitor.accountId : undefined;
    // Built in schema order, optional fields only when present, so the JSON reads like a real client's.
    const event: ClickEvent = {
      schemaVersion: 1,
      eventId: this.random.uuid(),
      eventType,
      occurredAt,
      sessionId: session.sessionId,
      ...(userId !== undefined && { userId }),
      anonymousId: visitor.anonymousId,
      page: { url: page.url, path: page.path, title: page.title },
      ...(pageReferrer !== undefined && { referrer: pageReferrer }),
      device: { ...visitor.device },
      ...(visitor.geo !== undefined && { geo: { ...visitor.geo } }),
      properties,
    };
    return event;
  }

  /** Moves to the step's page (for navigations) and says what happened there. */
  private perform(session: Session, step: Step): { eventType: ClickEvent['eventType']; properties: Properties } {
    switch (step) {
      case 'home':
        this.navigate(session, step, homePage());
        return { eventType: 'page_view', properties: { pageType: 'home' } };
      case 'category':
        return this.viewCategory(session);
      case 'search':
        return this.search(session);
      case 'product':
        return this.viewProduct(session);
      case 'add_to_cart':
        return this.addToCart(session);
      case 'cart':
        this.navigate(session, step, cartPage());
        return { eventType: 'page_view', properties: { pageType: 'cart', ...this.cartSummary(session) } };
      case 'checkout':
        // Checkout asks account holders to sign in; guests may check out as guests.
        if (session.visitor.accountId !== undefined) session.loggedIn = true;
        this.navigate(session, step, checkoutPage());
        return { eventType: 'checkout_start', properties: this.cartSummary(session) };
      case 'purchase':
        return this.purchase(session);
      case 'click':
        return {
          eventType: 'click',
          properties: { element: this.random.pick(CLICK_TARGETS[session.position ?? 'home']) },
        };
    }
  }

  private navigate(session: Session, position: Position, page: Page): void {
    if (session.page !== undefined) session.pageReferrer = session.page.url;
    session.page = page;
    session.position = position;
  }

  private viewCategory(session: Session): { eventType: 'page_view'; properties: Properties } {
    const fromProduct = session.product !== undefined && session.position === 'product';
    const category =
      fromProduct && session.product && this.random.chance(0.6)
        ? session.product.category
        : this.random.pick(this.site.categories);
    session.category = category;
    this.navigate(session, 'category', categoryPage(category));
    return { eventType: 'page_view', properties: { pageType: 'category', category: category.slug } };
  }

  private search(session: Session): { eventType: 'search'; properties: Properties } {
    const { query, category } = this.site.searchQuery(this.random);
    const resultCount = category === undefined ? 0 : this.random.int(4, 160);
    session.searchCategory = category;
    session.lastSearchFoundNothing = resultCount === 0;
    this.navigate(session, 'search', searchPage(query));
    return { eventType: 'search', properties: { query, resultCount } };
  }

  /** Which product a visitor opens depends on where they came from: results, a category, a recommendation. */
  private chooseProduct(session: Session): Product {
    if (session.position === 'search' && session.searchCategory !== undefined) {
      return this.site.productIn(session.searchCategory, this.random);
    }
    if (session.position === 'category' && session.category !== undefined) {
      return this.site.productIn(session.category, this.random);
    }
    if (session.position === 'product' && session.product !== undefined) {
      return this.recommendation(session.product);
    }
    return this.site.anyProduct(this.random);
  }

  /** "Similar items" half of the time, "popular now" otherwise; never the product already shown. */
  private recommendation(current: Product): Product {
    for (;;) {
      const candidate = this.random.chance(0.5)
        ? this.site.productIn(current.category, this.random)
        : this.site.anyProduct(this.random);
      if (candidate !== current) return candidate;
    }
  }

  private viewProduct(session: Session): { eventType: 'product_view'; properties: Properties } {
    const product = this.chooseProduct(session);
    session.product = product;
    session.lastSearchFoundNothing = false;
    this.navigate(session, 'product', productPage(product));
    return {
      eventType: 'product_view',
      properties: { productId: product.id, category: product.category.slug, price: product.price, currency: CURRENCY },
    };
  }

  private addToCart(session: Session): { eventType: 'add_to_cart'; properties: Properties } {
    // Adding happens on the product page: the page stays, only the position changes.
    const product = session.product ?? this.site.anyProduct(this.random);
    const quantity = this.random.chance(0.85) ? 1 : this.random.int(2, 3);
    const line = session.cart.find((existing) => existing.product === product);
    if (line === undefined) session.cart.push({ product, quantity });
    else line.quantity += quantity;
    session.position = 'add_to_cart';
    return {
      eventType: 'add_to_cart',
      properties: { productId: product.id, price: product.price, quantity, currency: CURRENCY, ...this.cartSummary(session) },
    };
  }

  private purchase(session: Session): { eventType: 'purchase'; properties: Properties } {
    const properties: Properties = {
      orderId: `o-${this.random.hex(12)}`,
      revenue: cartValue(session.cart),
      currency: CURRENCY,
      cartItems: cartItems(session.cart),
    };
    session.cart = [];
    this.purchases++;
    this.navigate(session, 'purchase', confirmationPage());
    return { eventType: 'purchase', properties };
  }

  private cartSummary(session: Session): Properties {
    return { cartItems: cartItems(session.cart), cartValue: cartValue(session.cart) };
  }
}

export function createClickstreamGenerator(options: ClickstreamGeneratorOptions): ClickstreamGenerator {
  return new ClickstreamGenerator(options);
}
