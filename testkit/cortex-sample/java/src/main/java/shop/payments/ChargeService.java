package shop.payments;

public class ChargeService extends BaseService {
    private final Ledger ledger = new Ledger();

    public void charge(String account, long cents) {
        ledger.record(account, cents);
        audit("charged");
    }
}
