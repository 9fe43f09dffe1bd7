package dev.srooter.server.pipeline;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request's whole pipeline runs inside one CDI interception context ({@link OneInterceptionContextInterceptor}).
 *
 * <p>Why: every call through a CDI client proxy, or to a bean with interceptors, runs in an interception context.
 * Outside any, Weld (Liberty's CDI) creates a thread-local stack for the call and removes it when the call returns:
 * a stack, its deque and a thread-local entry for each of the forty-odd calls a request makes to srooter's services
 * (policies, rules, budgets, skills, keys, ...), which was a tenth of what a request allocated (bench/README.md,
 * "One interception context a request"). Inside an intercepted call the stack exists already, and each nested call
 * only pushes onto it and pops.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OneInterceptionContext {
}
