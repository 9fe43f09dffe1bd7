package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.Interceptors;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline calls its stages without their CDI client proxies ({@link Unproxied}). That is sound only while every
 * such bean has one instance for the application and no interceptor, which a direct call would skip: a stage given
 * {@code @Transactional}, a fault-tolerance or a metrics annotation, or made request-scoped, fails here.
 */
class UnproxiedStagesTest {

    @Test
    void everyUnproxiedBeanIsApplicationScopedAndUnintercepted() throws Exception {
        List<Class<?>> beans = unproxiedBeans();
        assertTrue(beans.size() >= 25, "the pipeline's stages were found: " + beans);
        List<String> unsound = new ArrayList<>();
        for (Class<?> bean : beans) {
            if (!bean.isAnnotationPresent(ApplicationScoped.class)) {
                unsound.add(bean.getSimpleName() + " is not @ApplicationScoped");
            }
            for (Class<?> type = bean; type != Object.class; type = type.getSuperclass()) {
                check(type, type.getSimpleName(), unsound);
                for (Method method : type.getDeclaredMethods()) {
                    check(method, type.getSimpleName() + "." + method.getName(), unsound);
                }
            }
        }
        assertEquals(List.of(), unsound);
    }

    @Test
    void anInterceptedStageIsCaught() {
        List<String> unsound = new ArrayList<>();
        check(Intercepted.class, "Intercepted", unsound);
        assertEquals(List.of("Intercepted carries @Binding"), unsound);
    }

    private static void check(AnnotatedElement element, String name, List<String> unsound) {
        for (Annotation annotation : element.getAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.isAnnotationPresent(InterceptorBinding.class) || type == Interceptors.class) {
                unsound.add(name + " carries @" + type.getSimpleName());
            }
        }
    }

    /** The concrete classes of this package, as compiled, that the pipeline calls without a proxy. */
    private static List<Class<?>> unproxiedBeans() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Stage.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Stage.class.getPackageName().replace('.', '/'));
        List<Class<?>> beans = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(Stage.class.getPackageName() + "." + simple);
                boolean called = Stage.class.isAssignableFrom(type) || AttemptStep.class.isAssignableFrom(type)
                        || type == StageSpans.class;
                if (called && !type.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    beans.add(type);
                }
            }
        }
        return beans;
    }

    @InterceptorBinding
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Binding {
    }

    @Binding
    static class Intercepted {
    }
}
