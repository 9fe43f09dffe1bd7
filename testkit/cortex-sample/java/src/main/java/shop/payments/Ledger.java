package shop.payments;

public class Ledger {
    public void record(String account, long cents) {
        System.out.println(account + " " + cents);
    }
}
