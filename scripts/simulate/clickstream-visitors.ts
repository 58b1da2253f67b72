// Who visits the simulated shop: device mix, country mix, accounts, and returning visitors.
import type { ClickEvent } from '../../shared/events/clickstream';
import { WeightedChoice, type SeededRandom } from './random';

export type Device = ClickEvent['device'];
export type Geo = NonNullable<ClickEvent['geo']>;

export interface Visitor {
  /** The first-party cookie id; stable across the visitor's sessions. */
  anonymousId: string;
  /** Pseudonymous account id, for visitors who have an account. */
  accountId?: string;
  device: Device;
  geo?: Geo;
}

type Choices<T> = ReadonlyArray<readonly [T, number]>;

/** Roughly the e-commerce traffic mix of 2025: mostly phones, a third desktop, a sliver of tablets. */
const DEVICE_TYPES = new WeightedChoice<Device['type']>([
  ['mobile', 58],
  ['desktop', 36],
  ['tablet', 6],
]);

interface Platform {
  os: string;
  browsers: Choices<string>;
  screens: readonly string[];
}

const DESKTOP_SCREENS = ['1920x1080', '1536x864', '1440x900', '2560x1440', '1366x768'];

const PLATFORMS: Record<Device['type'], WeightedChoice<Platform>> = {
  desktop: new WeightedChoice<Platform>([
    [{ os: 'Windows', browsers: [['Chrome', 70], ['Edge', 20], ['Firefox', 10]], screens: DESKTOP_SCREENS }, 64],
    [{ os: 'macOS', browsers: [['Chrome', 55], ['Safari', 38], ['Firefox', 7]], screens: DESKTOP_SCREENS }, 28],
    [{ os: 'Linux', browsers: [['Chrome', 60], ['Firefox', 40]], screens: DESKTOP_SCREENS }, 5],
    [{ os: 'ChromeOS', browsers: [['Chrome', 100]], screens: ['1366x768', '1536x864'] }, 3],
  ]),
  mobile: new WeightedChoice<Platform>([
    [{ os: 'Android', browsers: [['Chrome', 82], ['Samsung Internet', 15], ['Firefox', 3]], screens: ['412x915', '360x800', '393x873'] }, 55],
    [{ os: 'iOS', browsers: [['Safari', 86], ['Chrome', 14]], screens: ['390x844', '393x852', '430x932', '375x667'] }, 45],
  ]),
  tablet: new WeightedChoice<Platform>([
    [{ os: 'iPadOS', browsers: [['Safari', 90], ['Chrome', 10]], screens: ['820x1180', '768x1024', '1024x1366'] }, 70],
    [{ os: 'Android', browsers: [['Chrome', 85], ['Samsung Internet', 15]], screens: ['800x1280', '1280x800'] }, 30],
  ]),
};

/** ISO 3166-1 countries with ISO 3166-2 regions where the shop sees enough traffic to tell them apart. */
const COUNTRIES = new WeightedChoice<{ country: string; regions?: Choices<string> }>([
  [{ country: 'US', regions: [['US-CA', 30], ['US-NY', 20], ['US-TX', 20], ['US-WA', 15], ['US-FL', 15]] }, 30],
  [{ country: 'KR', regions: [['KR-11', 50], ['KR-41', 35], ['KR-26', 15]] }, 20],
  [{ country: 'JP', regions: [['JP-13', 60], ['JP-27', 40]] }, 8],
  [{ country: 'DE', regions: [['DE-BE', 40], ['DE-BY', 35], ['DE-HH', 25]] }, 7],
  [{ country: 'GB', regions: [['GB-ENG', 85], ['GB-SCT', 15]] }, 7],
  [{ country: 'FR' }, 5],
  [{ country: 'IN' }, 5],
  [{ country: 'BR' }, 4],
  [{ country: 'CA' }, 4],
  [{ country: 'AU' }, 3],
  [{ country: 'NL' }, 2],
  [{ country: 'SG' }, 2],
  [{ country: 'ES' }, 2],
]);

/** Share of events without geo: the edge could not place the client (VPNs, unknown ranges). */
const UNKNOWN_GEO_SHARE = 0.03;
const ACCOUNT_SHARE = 0.35;
const RETURNING_SHARE = 0.3;
/** Enough remembered visitors for realistic repeat visits, bounded so a long run stays small in memory. */
const MAX_REMEMBERED_VISITORS = 5_000;

function randomDevice(random: SeededRandom): Device {
  const type = DEVICE_TYPES.sample(random);
  const platform = PLATFORMS[type].sample(random);
  return {
    type,
    os: platform.os,
    browser: new WeightedChoice(platform.browsers).sample(random),
    screen: random.pick(platform.screens),
  };
}

function randomGeo(random: SeededRandom): Geo | undefined {
  if (random.chance(UNKNOWN_GEO_SHARE)) return undefined;
  const { country, regions } = COUNTRIES.sample(random);
  return regions === undefined ? { country } : { country, region: new WeightedChoice(regions).sample(random) };
}

function newVisitor(random: SeededRandom): Visitor {
  const anonymousId = `a_${random.hex(20)}`;
  const device = randomDevice(random);
  const geo = randomGeo(random);
  const visitor: Visitor = { anonymousId, device };
  if (random.chance(ACCOUNT_SHARE)) visitor.accountId = `u_${random.hex(16)}`;
  if (geo !== undefined) visitor.geo = geo;
  return visitor;
}

/** New visitors, and returning ones who come back on the same device with the same cookie. */
export class VisitorPool {
  private readonly remembered: Visitor[] = [];

  constructor(private readonly random: SeededRandom) {}

  /** `isBrowsing` rules out a returning visitor who is still in a session; a new visitor comes instead. */
  nextVisitor(isBrowsing: (visitor: Visitor) => boolean = () => false): Visitor {
    if (this.remembered.length > 0 && this.random.chance(RETURNING_SHARE)) {
      const returning = this.random.pick(this.remembered);
      if (!isBrowsing(returning)) return returning;
    }
    const visitor = newVisitor(this.random);
    if (this.remembered.length < MAX_REMEMBERED_VISITORS) this.remembered.push(visitor);
    else this.remembered[this.random.int(0, MAX_REMEMBERED_VISITORS - 1)] = visitor;
    return visitor;
  }
}
