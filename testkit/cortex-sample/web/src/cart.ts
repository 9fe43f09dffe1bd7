import { total, LineItem } from './pricing';

export class Cart {
  private items: LineItem[] = [];

  checkout(): number {
    return total(this.items);
  }
}
