package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stage's services taken from behind their client proxies ({@link Unproxied#services}) only where the proxy would
 * reach the same object: an application-scoped bean whose instance is of its own class. Against a bean manager of
 * the test's own, with stand-ins named as Weld names its client proxies.
 */
class UnproxiedServicesTest {

    public static class Service {
    }

    /** As Weld's client proxy of {@link Service}: a generated subclass, so named. */
    public static class Service$Proxy$_$$_WeldClientProxy extends Service {
    }

    public static class Other {
    }

    public static class Other$Proxy$_$$_WeldClientProxy extends Other {
    }

    /** As an intercepted bean's instance: a generated subclass of the bean's class. */
    public static class Other$Proxy$_$$_WeldSubclass extends Other {
    }

    static class AStage {
        @Inject Service service = new Service$Proxy$_$$_WeldClientProxy();
        @Inject @Named("x") Service named = new Service$Proxy$_$$_WeldClientProxy();
        @Inject Other other = new Other$Proxy$_$$_WeldClientProxy();
        Service notInjected = new Service$Proxy$_$$_WeldClientProxy();
    }

    @Test
    void anApplicationScopedServiceIsCalledDirectly() {
        Service service = new Service();
        AStage stage = new AStage();
        Unproxied.services(beans(Map.of(Service.class, service), Map.of(Service.class, ApplicationScoped.class)),
                stage);
        assertSame(service, stage.service);
    }

    @Test
    void aQualifiedFieldAnotherScopeAnInterceptedBeanAndAnUninjectedFieldKeepTheirProxies() {
        AStage stage = new AStage();
        Object namedProxy = stage.named;
        Object otherProxy = stage.other;
        Object plain = stage.notInjected;
        Unproxied.services(beans(Map.of(Service.class, new Service(), Other.class, new Other$Proxy$_$$_WeldSubclass()),
                Map.of(Service.class, ApplicationScoped.class, Other.class, ApplicationScoped.class)), stage);
        assertSame(namedProxy, stage.named, "a qualifier: looked up by type alone it might be another bean");
        assertSame(otherProxy, stage.other, "an intercepted bean's instance is a subclass: its proxy stays");
        assertSame(plain, stage.notInjected);

        AStage requestScoped = new AStage();
        Object proxy = requestScoped.service;
        Unproxied.services(beans(Map.of(Service.class, new Service()), Map.of(Service.class, RequestScoped.class)),
                requestScoped);
        assertSame(proxy, requestScoped.service, "a bean of another scope is not one object for the application");
    }

    /** A bean manager that knows one bean a class, with the given instance and scope. */
    private static BeanManager beans(Map<Class<?>, Object> instances,
                                     Map<Class<?>, Class<? extends Annotation>> scopes) {
        return (BeanManager) Proxy.newProxyInstance(UnproxiedServicesTest.class.getClassLoader(),
                new Class<?>[] {BeanManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBeans" -> instances.containsKey((Type) args[0])
                            ? Set.of(bean((Class<?>) args[0], scopes.get(args[0]))) : Set.of();
                    case "resolve" -> ((Set<?>) args[0]).iterator().next();
                    case "isQualifier" -> ((Class<?>) args[0]).isAnnotationPresent(Qualifier.class);
                    case "getContext" -> context(instances);
                    case "createCreationalContext" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Bean<?> bean(Class<?> type, Class<? extends Annotation> scope) {
        return (Bean<?>) Proxy.newProxyInstance(UnproxiedServicesTest.class.getClassLoader(),
                new Class<?>[] {Bean.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getScope" -> scope;
                    case "getBeanClass" -> type;
                    case "hashCode" -> type.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Context context(Map<Class<?>, Object> instances) {
        return (Context) Proxy.newProxyInstance(UnproxiedServicesTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return instances.get(((Bean<?>) args[0]).getBeanClass());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
