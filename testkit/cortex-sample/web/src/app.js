import { Cart } from './cart.js';

function start() {
  const cart = new Cart();
  return cart.checkout();
}

start();
