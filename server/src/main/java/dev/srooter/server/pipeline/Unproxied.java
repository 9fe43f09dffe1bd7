package dev.srooter.server.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

/**
 * The pipeline's beans themselves, behind the CDI client proxies they were injected as. Every call through a Weld
 * client proxy builds a fresh interception stack (an {@code ArrayDeque} and a thread-local set), even for a bean with
 * no interceptor: at two such calls a stage (its span, the stage) that was about a fifth of what a 2 KB request
 * allocated (bench/README.md, "What a request allocates"). The pipeline takes each stage's instance once, from its
 * scope's context (standard CDI, no Weld API), and calls it directly.
 *
 * <p>Sound only for application-scoped beans without interceptors, which a direct call would skip:
 * {@code UnproxiedStagesTest} holds every stage to that. The services a stage calls are taken the same way
 * ({@link #services}), checked at run time instead.
 */
final class Unproxied {

    /** What Weld's client proxy classes are named with (their own class, a generated subclass of the bean's). */
    private static final String CLIENT_PROXY = "$Proxy$_$$_WeldClientProxy";

    private Unproxied() {
    }

    /** The instances behind {@code injected}, in its order (see {@link #instance}), each with its services. */
    static <T> List<T> instances(BeanManager beans, List<T> injected) {
        return injected.stream().map(bean -> services(beans, instance(beans, bean))).toList();
    }

    /**
     * The instance behind {@code injected}: the context's instance of the first bean found for its class or one of
     * its superclasses (a client proxy's class is a generated subclass of the bean's, and no bean's type). {@code
     * injected} itself when there is no bean manager (a stage built by hand in a unit test) or no such bean.
     */
    @SuppressWarnings("unchecked")
    static <T> T instance(BeanManager beans, T injected) {
        if (beans == null) {
            return injected;
        }
        for (Class<?> type = injected.getClass(); type != Object.class; type = type.getSuperclass()) {
            Set<Bean<?>> found = beans.getBeans(type);
            if (!found.isEmpty()) {
                Object instance = contextual(beans, beans.resolve(found));
                return type.isInstance(instance) ? (T) instance : injected;
            }
        }
        return injected;
    }

    /**
     * {@code stage}, its injected services taken from behind their client proxies where that is sound: an
     * application-scoped bean (one instance for the application, as the proxy would reach) whose instance is of the
     * bean's own class. An intercepted or decorated bean's instance is a generated subclass, and keeps its proxy, as
     * does every bean of another scope. Each call through a proxy took down Weld's interception stack after it, a
     * thread-local removal: Weld's client proxies were 3.1% of the gateway's processor time at 2 KB c=1
     * (async-profiler; bench/README.md, "Liberty's HTTP statistics").
     */
    static <T> T services(BeanManager beans, T stage) {
        if (beans == null) {
            return stage;
        }
        for (Class<?> type = stage.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Inject.class) && !Modifier.isStatic(field.getModifiers())) {
                    unproxy(beans, stage, field);
                }
            }
        }
        return stage;
    }

    private static void unproxy(BeanManager beans, Object stage, Field field) {
        try {
            field.setAccessible(true);
            Object injected = field.get(stage);
            if (injected == null || !injected.getClass().getName().contains(CLIENT_PROXY)) {
                return;
            }
            for (java.lang.annotation.Annotation annotation : field.getAnnotations()) {
                if (beans.isQualifier(annotation.annotationType())) {
                    return; // looked up below by type alone, it might resolve to another bean
                }
            }
            Set<Bean<?>> found = beans.getBeans(field.getGenericType());
            if (found.isEmpty()) {
                return;
            }
            Bean<?> bean = beans.resolve(found);
            if (bean.getScope() != ApplicationScoped.class) {
                return;
            }
            Object instance = contextual(beans, bean);
            if (instance.getClass() == bean.getBeanClass() && field.getType().isInstance(instance)) {
                field.set(stage, instance);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            // an ambiguous or unusual injection point: the proxy stays, which is always correct
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object contextual(BeanManager beans, Bean bean) {
        Context context = beans.getContext(bean.getScope());
        return context.get(bean, beans.createCreationalContext(bean));
    }
}
