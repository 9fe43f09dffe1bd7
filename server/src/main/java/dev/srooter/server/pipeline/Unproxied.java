package dev.srooter.server.pipeline;

import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
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
 * {@code UnproxiedStagesTest} holds every stage to that.
 */
final class Unproxied {

    private Unproxied() {
    }

    /** The instances behind {@code injected}, in its order (see {@link #instance}). */
    static <T> List<T> instances(BeanManager beans, List<T> injected) {
        return injected.stream().map(bean -> instance(beans, bean)).toList();
    }

    /**
     * The instance behind {@code injected}: the context's instance of the first bean found for its class or one of
     * its superclasses (a client proxy's class is a generated subclass of the bean's, and no bean's type). {@code
     * injected} itself when there is no bean manager (a stage built by hand in a unit test) or no such bean.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> T instance(BeanManager beans, T injected) {
        if (beans == null) {
            return injected;
        }
        for (Class<?> type = injected.getClass(); type != Object.class; type = type.getSuperclass()) {
            Set<Bean<?>> found = beans.getBeans(type);
            if (!found.isEmpty()) {
                Bean bean = beans.resolve(found);
                Context context = beans.getContext(bean.getScope());
                Object instance = context.get(bean, beans.createCreationalContext(bean));
                return type.isInstance(instance) ? (T) instance : injected;
            }
        }
        return injected;
    }
}
