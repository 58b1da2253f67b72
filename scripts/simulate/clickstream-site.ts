// The simulated shop: categories, a product catalogue with a popularity curve, search queries and page addresses.
import { createRandom, WeightedChoice, type SeededRandom } from './random';

export const SITE_ORIGIN = 'https://shop.example.com';
const SITE_NAME = 'Example Shop';

export interface Category {
  slug: string;
  title: string;
  /** Median price in USD; prices spread log-normally around it. */
  medianPrice: number;
  nouns: readonly string[];
  queries: readonly string[];
}

export interface Product {
  id: string;
  /** The number in the product page path: /products/<number>. */
  number: number;
  title: string;
  category: Category;
  price: number;
}

export interface Page {
  url: string;
  path: string;
  title: string;
}

const CATEGORIES: readonly Category[] = [
  {
    slug: 'shoes',
    title: 'Shoes',
    medianPrice: 79,
    nouns: ['Running Shoes', 'Sneakers', 'Hiking Boots', 'Sandals', 'Loafers'],
    queries: ['running shoes', 'white sneakers', 'hiking boots', 'sandals'],
  },
  {
    slug: 'jackets',
    title: 'Jackets',
    medianPrice: 119,
    nouns: ['Rain Jacket', 'Down Jacket', 'Denim Jacket', 'Fleece', 'Windbreaker'],
    queries: ['rain jacket', 'down jacket', 'fleece'],
  },
  {
    slug: 'bags',
    title: 'Bags',
    medianPrice: 59,
    nouns: ['Backpack', 'Tote Bag', 'Duffel Bag', 'Laptop Sleeve'],
    queries: ['backpack', 'laptop bag', 'tote'],
  },
  {
    slug: 'electronics',
    title: 'Electronics',
    medianPrice: 149,
    nouns: ['Headphones', 'Smart Watch', 'Bluetooth Speaker', 'Power Bank', 'Keyboard'],
    queries: ['headphones', 'smart watch', 'usb c charger', 'wireless earbuds'],
  },
  {
    slug: 'home',
    title: 'Home & Kitchen',
    medianPrice: 39,
    nouns: ['Coffee Grinder', 'Chef Knife', 'Desk Lamp', 'Throw Blanket', 'Water Bottle'],
    queries: ['coffee grinder', 'desk lamp', 'water bottle'],
  },
  {
    slug: 'books',
    title: 'Books',
    medianPrice: 18,
    nouns: ['Novel', 'Cookbook', 'Travel Guide', 'Notebook'],
    queries: ['fantasy novel', 'cookbook', 'travel guide'],
  },
  {
    slug: 'toys',
    title: 'Toys',
    medianPrice: 29,
    nouns: ['Building Set', 'Puzzle', 'Board Game', 'Plush Toy'],
    queries: ['board game', 'puzzle 1000', 'building set'],
  },
] as const;

const ADJECTIVES = ['Classic', 'Ultralight', 'Everyday', 'Pro', 'Eco', 'Urban', 'Trail', 'Compact', 'Premium', 'Vintage'];

/** Unmatched queries, so that some searches lead nowhere, as on a real shop. */
const STRAY_QUERIES = ['gift ideas', 'sale', 'black friday', 'returns', 'gift card'];

const PRODUCTS_PER_CATEGORY = 40;

/**
 * Zipf exponent of product popularity: a few products get most views, a long tail gets a few,
 * which is what makes "top products" queries and hot partition keys interesting.
 */
const POPULARITY_EXPONENT = 1.07;

const roundToCents = (amount: number): number => Math.round(amount * 100) / 100;

/** Shop prices end in .99 or .49; below a dollar they would look like a data error. */
function shopPrice(random: SeededRandom, median: number): number {
  const raw = Math.max(2, random.logNormal(median, 0.45));
  return roundToCents(Math.floor(raw) + (random.chance(0.7) ? 0.99 : 0.49));
}

function buildCatalog(): Product[] {
  // The catalogue is part of the site, not of the traffic: a fixed seed keeps product 42's price stable across runs.
  const random = createRandom('clickstream-catalog');
  return CATEGORIES.flatMap((category, categoryIndex) =>
    Array.from({ length: PRODUCTS_PER_CATEGORY }, (_, index) => {
      const number = categoryIndex * PRODUCTS_PER_CATEGORY + index + 1;
      return {
        id: `p-${number}`,
        number,
        title: `${random.pick(ADJECTIVES)} ${random.pick(category.nouns)}`,
        category,
        price: shopPrice(random, category.medianPrice),
      };
    }),
  );
}

export class Site {
  readonly categories = CATEGORIES;
  readonly products: readonly Product[] = buildCatalog();
  private readonly popularProducts: WeightedChoice<Product>;
  private readonly popularByCategory = new Map<string, WeightedChoice<Product>>();

  constructor() {
    // Popularity rank is shuffled by a fixed permutation so that best sellers are spread across categories.
    const rankRandom = createRandom('clickstream-popularity');
    const ranked = this.products.map((product) => [product, rankRandom.next()] as const);
    ranked.sort((left, right) => left[1] - right[1]);
    const weight = (rank: number): number => 1 / (rank + 1) ** POPULARITY_EXPONENT;
    const weighted = ranked.map(([product], rank) => [product, weight(rank)] as const);
    this.popularProducts = new WeightedChoice(weighted);
    for (const category of CATEGORIES) {
      const inCategory = weighted.filter(([product]) => product.category === category);
      this.popularByCategory.set(category.slug, new WeightedChoice(inCategory));
    }
  }

  anyProduct(random: SeededRandom): Product {
    return this.popularProducts.sample(random);
  }

  productIn(category: Category, random: SeededRandom): Product {
    const choice = this.popularByCategory.get(category.slug);
    if (choice === undefined) throw new Error(`Unknown category ${category.slug}`);
    return choice.sample(random);
  }

  /** A query and the category it is about; a stray query has none and finds nothing. */
  searchQuery(random: SeededRandom): { query: string; category?: Category } {
    if (random.chance(0.12)) return { query: random.pick(STRAY_QUERIES) };
    const category = random.pick(this.categories);
    return { query: random.pick(category.queries), category };
  }
}

const page = (path: string, title: string, search = ''): Page => ({
  url: `${SITE_ORIGIN}${path}${search}`,
  path,
  title: `${title} | ${SITE_NAME}`,
});

export const homePage = (): Page => page('/', 'Home');
export const categoryPage = (category: Category): Page => page(`/c/${category.slug}`, category.title);
export const productPage = (product: Product): Page => page(`/products/${product.number}`, product.title);
export const searchPage = (query: string): Page =>
  page('/search', `Search: ${query}`, `?${new URLSearchParams({ q: query }).toString()}`);
export const cartPage = (): Page => page('/cart', 'Cart');
export const checkoutPage = (): Page => page('/checkout', 'Checkout');
export const confirmationPage = (): Page => page('/checkout/confirmation', 'Thank you');
