package shop.payments;

public abstract class BaseService {
    protected void audit(String event) {
        System.out.println(event);
    }
}
