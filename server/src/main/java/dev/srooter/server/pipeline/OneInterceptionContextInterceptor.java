package dev.srooter.server.pipeline;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Does nothing but be there: see {@link OneInterceptionContext} for why. */
@Interceptor
@OneInterceptionContext
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class OneInterceptionContextInterceptor {

    @AroundInvoke
    Object proceed(InvocationContext call) throws Exception {
        return call.proceed();
    }
}
