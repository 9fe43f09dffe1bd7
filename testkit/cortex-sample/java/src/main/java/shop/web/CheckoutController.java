package shop.web;

import shop.payments.ChargeService;

public class CheckoutController {
    private final ChargeService payments = new ChargeService();

    public void checkout(String account) {
        payments.charge(account, 1999);
    }
}
